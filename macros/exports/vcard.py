"""vCard 3.0 (RFC 2426) files for contacts, so a partner can save a contact in the address book.

Serialised by the `vobject` library, which escapes every value (backslash, comma, semicolon, CR and LF)
and folds long lines without splitting a character, so no text in the data can start a property of its
own. Made from the public view (public_view.py), in which an internal phone number does not exist.
"""

from __future__ import annotations

import vobject

from ..data import models
from ..data.vocabulary import PHONE_KINDS


class VCardError(ValueError):
    """A contact holds a character that address books may read as a new line; the card is refused."""


def vcard(contact: models.Contact, parent: models.Contact | None) -> str:
    """The contact's card as CRLF-terminated vCard 3.0 text.

    Properties: FN, ORG (parent; contact), public TEL, EMAIL, ADR, URL and a NOTE with the summary and the
    phones' opening hours. Raises VCardError if a value holds a line separator other than CR/LF (U+2028,
    NEL ...), which the models refuse: the card would read differently in readers that split lines on it.
    """
    card = vobject.vCard()
    card.add("fn").value = contact.name
    card.add("org").value = [parent.name, contact.name] if parent else [contact.name]
    for phone in contact.phones:
        tel = card.add("tel")
        tel.value = phone.number.replace(" ", "")
        tel.type_param = ["WORK", "CELL" if phone.kind == "sms" else "VOICE"]
    if contact.email:
        email = card.add("email")
        email.value = contact.email
        email.type_param = ["INTERNET", "WORK"]
    if contact.address:
        address = card.add("adr")
        address.value = vobject.vcard.Address(
            street=contact.address.street,
            city=contact.address.city,
            code=contact.address.postal_code,
            country="Danmark",
        )
        address.type_param = "WORK"
    if contact.website:
        card.add("url").value = contact.website
    notes = [contact.summary] + [
        f"{PHONE_KINDS[p.kind].label}: {p.opening_hours}" for p in contact.phones if p.opening_hours
    ]
    card.add("note").value = " ".join(notes)
    text = card.serialize()
    # vobject escapes CR and LF; other characters that Python's splitlines() and some address books take
    # as a line break would be written as they are. The models refuse them; this refuses what slips past.
    if text.splitlines() != text.split("\r\n")[:-1]:
        raise VCardError(
            f"kontakten '{contact.id}' indeholder et linjeskift-tegn (fx U+2028), som et "
            "visitkort ikke kan rumme; fjern det fra navnet, adressen eller beskrivelsen"
        )
    return text
