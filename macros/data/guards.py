"""Checks on raw text: a CPR-like number is refused wherever it stands, and so is a scaffold's unfilled placeholder."""
from __future__ import annotations

import re
from dataclasses import replace

from .loader import Document
from .messages import show
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


PLACEHOLDER = "UDFYLD"  # what every field of a scaffold (macros/tools/templates/) holds until it is filled in
_PLACEHOLDER = re.compile(rf"\b{PLACEHOLDER}\b")  # in capitals, as a word: "udfylde et skema" is real text

NOT_FILLED = "er ikke udfyldt endnu"


def scan_placeholders(doc: Document) -> list[Problem]:
    """Every field still holding the scaffold's placeholder: an error, so an untouched scaffold never builds.

    One problem per field, `<field> er ikke udfyldt endnu: …` in Danish, with the value as it stands."""
    if PLACEHOLDER not in doc.all_text:
        return []
    return [Problem(doc.path, doc.line_of(loc), field_path(loc),
                    f"{NOT_FILLED}: erstat {show(text)} med det rigtige indhold")
            for loc, text in doc.texts if _PLACEHOLDER.search(text)]


def merge_placeholders(placeholders: list[Problem], invalid: list[Problem]) -> list[Problem]:
    """A placeholder that also fails validation (`kinds: [UDFYLD]`) is one problem: not filled in, and what the
    field takes — not two."""
    unfilled = {p.field for p in placeholders}
    merged = [replace(p, message=f"{NOT_FILLED}; {p.message}") if p.field in unfilled else p for p in invalid]
    explained = {p.field for p in invalid}
    return [p for p in placeholders if p.field not in explained] + merged


def scan_markdown(text: str, shown_as: str) -> list[Problem]:
    """The same guard for hand-written Markdown pages."""
    return [Problem(shown_as, number, "", CPR_MESSAGE.format(found=found))
            for number, line in enumerate(text.splitlines(), 1) for found in find_cpr(line)]
