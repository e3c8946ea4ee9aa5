"""Create a new data file from a template whose comments tell the editor what to do next.

Every value the editor has to choose stands as the placeholder UDFYLD (guards.PLACEHOLDER), which the
check refuses: an untouched scaffold never builds, and the check names each field still to fill in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from ..data import routes
from ..data.catalog import KINDS
from ..data.collation import danish_sort_key
from ..data.guards import PLACEHOLDER
from ..data.kinds import RECORD_KINDS
from ..data.models import ID_PATTERN

TEMPLATES = Path(__file__).parent / "templates"
FOLDERS = {kind.name: kind.folder for kind in RECORD_KINDS}


def scaffold(root: Path, kind: str, record_id: str, municipality: str | None = None) -> Path:
    """Write <folder>/<id>.yaml and return its path.

    Raises ValueError (in Danish) for a missing root, a bad id, an id whose pages would take an address already
    taken (routes.claims, with the check's message), an existing file, and — for every kind but a municipality — a
    missing or unknown municipality.
    """
    if not root.is_dir():
        raise ValueError(f"mappen '{root}' findes ikke; kør kommandoen i arkivets mappe eller angiv den med --root")
    if not re.match(ID_PATTERN, record_id):
        raise ValueError(f"id'et '{record_id}' må kun indeholde små bogstaver a-z, tal og bindestreger")
    folder = FOLDERS[kind]
    for why in _claimed(root, folder, record_id):
        raise ValueError(routes.refusal(record_id, why))
    if kind != "municipality":
        known = ", ".join(sorted((p.stem for p in (root / "municipalities").glob("*.yaml")), key=danish_sort_key))
        if not municipality:
            raise ValueError(
                f"skriv, hvilken kommune filen hører til, med --municipality <id>; kendte kommuner: "
                f"{known or 'ingen endnu'}. Findes kommunen ikke, så opret den først med "
                f"`python -m macros new municipality <id>`"
            )
        if not (root / "municipalities" / f"{municipality}.yaml").is_file():
            raise ValueError(
                f"kommunen '{municipality}' findes ikke; kendte kommuner: {known or 'ingen endnu'}. "
                f"Opret den først med `python -m macros new municipality {municipality}`"
            )
    target = root / folder / f"{record_id}.yaml"
    if target.exists():
        raise ValueError(f"{target.relative_to(root)} findes allerede")
    target.parent.mkdir(exist_ok=True)
    target.write_text(template_text(kind, record_id, municipality or PLACEHOLDER), "utf-8")
    return target


def _claimed(root: Path, folder: str, record_id: str) -> list[str]:
    """Why the new record's pages could not have their addresses (Danish, as the check says it); empty if they can.

    The hand-written pages are the files below root/content, the other records the files already in the data folders.
    """
    content = root / "content"
    pages = [p.relative_to(content).as_posix() for p in content.rglob("*") if p.is_file()] if content.is_dir() else []
    records: dict[str, Iterable[str]] = {
        f: [p.stem for p in (root / f).glob("*.yaml")] for f in routes.RECORD_PAGES if (root / f).is_dir()
    }
    records[folder] = [*(i for i in records.get(folder, []) if i != record_id), record_id]
    return [why for f, rid, why in routes.claims(records, pages) if (f, rid) == (folder, record_id)]


def template_text(kind: str, record_id: str = PLACEHOLDER, municipality: str = PLACEHOLDER) -> str:
    """The template of a kind ('offer', …) with its id and municipality filled in.

    By default both are the placeholder, as the editor guide shows the template for GitHub's web editor.
    """
    assert FOLDERS[kind] in KINDS
    return (
        (TEMPLATES / f"{kind}.yaml")
        .read_text("utf-8")
        .replace("{id}", record_id)
        .replace("{municipality}", municipality)
    )
