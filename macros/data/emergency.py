"""Checks on vocabularies/emergency.yaml, the facts of the box *Akut: hjælp i nat*: ids, references, regions.

(A source read in the future is refused with every other such date, by observed.py.)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Literal

from . import models
from .loader import Document
from .problems import Problem, field_path

EMERGENCY_FILE = "vocabularies/emergency.yaml"


def check_emergency(
    table: models.EmergencyHelp,
    doc: Document,
    legal_bases: dict[str, models.LegalBasis],
    regions: Iterable[str],
    legal_bases_known: bool = True,
) -> Iterator[Problem]:
    """Problems of the emergency table, as file, line and field.

    Each item has its own id; a paragraph it names exists (unless the table of legal bases failed, which
    reports itself); an item for a region no municipality of the site lies in is a warning (it is not shown).
    `regions` are the municipalities' `region` values.
    """
    known_regions = set(regions)
    seen: dict[str, int] = {}

    def problem(loc: tuple, message: str, severity: Literal["fejl", "advarsel"] = "fejl") -> Problem:
        return Problem(doc.path, doc.line_of(loc), field_path(loc), message, severity=severity)

    for i, item in enumerate(table.items):
        if item.id in seen:
            yield problem(
                ("items", i, "id"),
                f"id'et '{item.id}' er allerede brugt af items[{seen[item.id]}]; giv hvert punkt sit eget id",
            )
        seen.setdefault(item.id, i)
        if item.legal_basis and legal_bases_known and item.legal_basis not in legal_bases:
            yield problem(
                ("items", i, "legal_basis"),
                f"henviser til lovgrundlaget '{item.legal_basis}', som ikke findes i vocabularies/legal_bases.yaml",
            )
        if item.region and item.region not in known_regions:
            yield problem(
                ("items", i, "region"),
                f"ingen kommune på sitet ligger i '{item.region}', så punktet "
                "vises ikke; skriv regionen som i kommunernes felt region",
                severity="advarsel",
            )
