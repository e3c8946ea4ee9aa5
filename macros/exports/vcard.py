"""vCard 3.0 (RFC 2426) files for contacts, so a partner can save a contact in the address book.

Serialised by the `vobject` library, which escapes every value (backslash, comma, semicolon, CR and LF)
and folds long lines without splitting a character, so no text in the data can start a property of its
own. Made from the public view (public_view.py), in which an internal phone number does not exist.
"""

from __future__ import annotations

import vobject

from ..data import models
from ..data.vocabulary import PHONE_KINDS, PhoneKind


class VCardError(ValueError):
    """A contact holds a character that address books may read as a new line; the card is refused."""


def vcard(contact: models.Contact, parent: models.Contact | None, entrance: models.Entrance | None = None) -> str:
    """The contact's card as CRLF-terminated vCard 3.0 text.

    Properties: FN, ORG (parent; contact), public TEL, EMAIL, ADR, URL and a NOTE with the summary, the
    phones' opening hours and how to send secure mail. `entrance` is the public entrance of the municipality whose
    own contact this is (Catalog.entrance_of): its phones follow the contact's own, its address stands when the
    contact has none, its secure mail when the contact names none.

    Raises VCardError if a value holds a line separator other than CR/LF (U+2028, NEL ...), which the models
    refuse: the card would read differently in readers that split lines on it.
    """
    card = vobject.vCard()
    card.add("fn").value = contact.name
    card.add("org").value = [parent.name, contact.name] if parent else [contact.name]
    phones = (*contact.phones, *(entrance.phones if entrance else ()))
    address_of = contact.address or (entrance.address if entrance else None)
    secure_mail = contact.secure_mail or (entrance.secure_mail.text if entrance and entrance.secure_mail else None)
    for phone in phones:
        tel = card.add("tel")
        tel.value = phone.number.replace(" ", "")
        tel.type_param = ["WORK", "CELL" if phone.kind == PhoneKind.SMS else "VOICE"]
    if contact.email:
        email = card.add("email")
        email.value = contact.email
        email.type_param = ["INTERNET", "WORK"]
    if address_of:
        address = card.add("adr")
        address.value = vobject.vcard.Address(
            street=address_of.street,
            city=address_of.city,
            code=address_of.postal_code,
            country="Danmark",
        )
        address.type_param = "WORK"
    if contact.website:
        card.add("url").value = contact.website
    notes = [contact.summary] + [f"{PHONE_KINDS[p.kind].label}: {p.opening_hours}" for p in phones if p.opening_hours]
    if secure_mail:
        notes.append(f"Sikker post: {secure_mail}")
    # One part per line (a vCard writes the line break as \n), so an address book does not run
    # "Hovednummer: 9-15" and "Sikker post: ..." together.
    card.add("note").value = "\n".join(notes)
    text = card.serialize()
    # vobject escapes CR and LF; other characters that Python's splitlines() and some address books take
    # as a line break would be written as they are. The models refuse them; this refuses what slips past.
    if text.splitlines() != text.split("\r\n")[:-1]:
        raise VCardError(
            f"kontakten '{contact.id}' indeholder et linjeskift-tegn (fx U+2028), som et "
            "visitkort ikke kan rumme; fjern det fra navnet, adressen eller beskrivelsen"
        )
    return text
