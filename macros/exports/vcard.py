"""vCard 3.0 (RFC 2426) files for contacts, so a partner can save a contact in the address book.

Made from the public view (public_view.py), in which an internal phone number does not exist.
"""
from __future__ import annotations

import re

from ..data import models
from ..data.vocabulary import PHONE_KINDS


def _escape(text: str) -> str:
    """A TEXT value (RFC 2426 §4): backslash, comma and semicolon escaped, every line break (CRLF, LF or a
    lone CR, which would otherwise start a property of its own) written as \\n."""
    text = text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return re.sub(r"\r\n|\r|\n", r"\\n", text)


def _fold(line: str) -> str:
    """Lines longer than 75 octets are folded with CRLF + space (RFC 2426 §2.6), never inside a character."""
    out, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not out else 74):
            out.append(current.decode("utf-8"))
            current = b""
        current += encoded
    out.append(current.decode("utf-8"))
    return "\r\n ".join(out)


def vcard(contact: models.Contact, parent: models.Contact | None) -> str:
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{_escape(contact.name)}"]
    org = [_escape(parent.name), _escape(contact.name)] if parent else [_escape(contact.name)]
    lines.append("ORG:" + ";".join(org))
    for phone in contact.phones:
        kind = "CELL" if phone.kind == "sms" else "VOICE"
        lines.append(f"TEL;TYPE=WORK,{kind}:{phone.number.replace(' ', '')}")
    if contact.email:
        lines.append(f"EMAIL;TYPE=INTERNET,WORK:{_escape(contact.email)}")
    if contact.address:
        a = contact.address
        lines.append(f"ADR;TYPE=WORK:;;{_escape(a.street)};{_escape(a.city)};;{a.postal_code};Danmark")
    if contact.website:
        lines.append(f"URL:{contact.website}")
    notes = [contact.summary] + [f"{PHONE_KINDS[p.kind].label}: {p.opening_hours}" for p in contact.phones
                                 if p.opening_hours]
    lines.append("NOTE:" + _escape(" ".join(notes)))
    lines.append("END:VCARD")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
