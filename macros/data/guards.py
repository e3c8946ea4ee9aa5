"""Checks on raw text: a CPR-like number is refused wherever it stands; an unfilled placeholder is flagged."""
from __future__ import annotations

import re
from .loader import Document
from .problems import Problem, field_path

# DDMMYY-XXXX with or without the dash (or a space). The modulus-11 check is deliberately not used:
# CPR numbers issued since 2007 need not satisfy it, so it would let real numbers through.
CPR = re.compile(r"(?<![\d-])(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])(\d{2})[- ]?(\d{4})(?![\d-])")

CPR_MESSAGE = ("teksten indeholder noget, der ligner et CPR-nummer ('{found}'); CPR-numre må aldrig "
               "offentliggøres. Fjern det")


def find_cpr(text: str) -> list[str]:
    return [m.group(0) for m in CPR.finditer(text)]


def scan_for_personal_data(doc: Document) -> list[Problem]:
    """Every string of a YAML document that looks like it holds a CPR number."""
    if not CPR.search(doc.all_text):  # a value on its own line matches only if some value matches
        return []
    return [Problem(doc.path, doc.line_of(loc), field_path(loc), CPR_MESSAGE.format(found=found))
            for loc, text in doc.texts for found in find_cpr(text)]


PLACEHOLDER = "UDFYLD"


def scan_placeholders(doc: Document) -> list[Problem]:
    """Text still holding the scaffold's placeholder: a warning, so a half-done file can be checked."""
    if PLACEHOLDER.casefold() not in doc.all_text.casefold():
        return []
    return [Problem(doc.path, doc.line_of(loc), field_path(loc), f"teksten er ikke udfyldt endnu ({text[:50]!r})",
                    severity="advarsel", blocks_publishing=True)
            for loc, text in doc.texts if PLACEHOLDER.casefold() in text.casefold()]


def scan_markdown(text: str, shown_as: str) -> list[Problem]:
    """The same guard for hand-written Markdown pages."""
    return [Problem(shown_as, number, "", CPR_MESSAGE.format(found=found))
            for number, line in enumerate(text.splitlines(), 1) for found in find_cpr(line)]
