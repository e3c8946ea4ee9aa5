"""Load every record once, validate it, resolve the references between records, and index the result.

`load_catalog(root)` is the one entry point shared by the CLI check and the site build: what passes
the check builds, and what fails it fails the build with the very same messages.
"""
from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterator

from pydantic import BaseModel, ValidationError

from . import models
from .guards import scan_for_personal_data
from .loader import Document, read_document
from .messages import problems_from
from .problems import DataError, Problem, field_path

# Folder → model. The folder name is what the editor sees; one YAML file per record.
KINDS: dict[str, type[BaseModel]] = {
    "municipalities": models.Municipality,
    "policies": models.Policy,
    "contacts": models.Contact,
    "offers": models.Offer,
}


@dataclass(frozen=True)
class Catalog:
    """All records of the site, validated and cross-referenced; built once per build and never changed."""

    root: Path
    today: date
    municipalities: dict[str, models.Municipality]
    policies: dict[str, models.Policy]
    contacts: dict[str, models.Contact]
    offers: dict[str, models.Offer]
    files: dict[tuple[str, str], str] = field(repr=False)  # (folder, id) → path shown to editors
    warnings: tuple[Problem, ...] = ()

    # --- indexes ---
    def policies_of(self, municipality_id: str) -> list[models.Policy]:
        """A municipality's policies, the newest period first."""
        return sorted((p for p in self.policies.values() if p.municipality == municipality_id),
                      key=lambda p: (p.valid_from or date.min, p.title), reverse=True)

    def offers_for_focus_area(self, policy_id: str, area_id: str) -> list[models.Offer]:
        ref = f"{policy_id}/{area_id}"
        return sorted((o for o in self.offers.values() if ref in o.focus_areas), key=lambda o: o.name)

    def policy_status(self, policy: models.Policy) -> str:
        """'gældende', 'udløbet' or 'ikke begyndt' — judged against the build date."""
        if policy.valid_to and policy.valid_to < self.today:
            return "udløbet"
        if policy.valid_from and policy.valid_from > self.today:
            return "ikke begyndt"
        return "gældende"

    def municipalities_sorted(self) -> list[models.Municipality]:
        return sorted(self.municipalities.values(), key=lambda m: m.name)


def load_catalog(root: Path, today: date | None = None) -> Catalog:
    """Load and check all data below `root`; raise `DataError` with every problem found."""
    catalog, problems = check_data(root, today)
    if catalog is None:
        raise DataError(problems)
    return catalog


def check_data(root: Path, today: date | None = None) -> tuple[Catalog | None, list[Problem]]:
    """Load and check all data below `root`: the catalog (None if any error) and all problems found."""
    today = today or date.today()
    problems: list[Problem] = []
    records: dict[str, dict[str, tuple[BaseModel, Document]]] = {}
    for folder, model in KINDS.items():
        records[folder] = {}
        for file in sorted((root / folder).glob("*.yaml")) if (root / folder).is_dir() else []:
            shown = f"{folder}/{file.name}"
            doc = read_document(file, shown)
            if isinstance(doc, list):
                problems.extend(doc)
                continue
            problems.extend(scan_for_personal_data(doc))
            try:
                record = model.model_validate(doc.data)
            except ValidationError as exc:
                problems.extend(problems_from(exc, doc, model))
                continue
            if record.id != file.stem:
                problems.append(Problem(shown, doc.line_of(("id",)), "id",
                                        f"id'et '{record.id}' skal være det samme som filnavnet uden .yaml "
                                        f"('{file.stem}'); omdøb filen eller ret id'et"))
                continue
            records[folder][record.id] = (record, doc)
        for file in sorted((root / folder).iterdir()) if (root / folder).is_dir() else []:
            if file.suffix in (".yml", ".json") or (file.is_file() and file.suffix not in (".yaml", ".md")
                                                     and not file.name.startswith(".")):
                problems.append(Problem(f"{folder}/{file.name}", 1, "",
                                        "filen bliver ikke læst: datafiler skal hedde <id>.yaml"))

    problems.extend(_check_references(records))
    errors = [p for p in problems if p.severity == "fejl"]
    if errors:
        return None, problems

    def plain(folder: str) -> dict:
        return {rid: rec for rid, (rec, _) in records[folder].items()}

    catalog = Catalog(
        root=root, today=today,
        municipalities=plain("municipalities"), policies=plain("policies"),
        contacts=plain("contacts"), offers=plain("offers"),
        files={(folder, rid): doc.path for folder in records for rid, (_, doc) in records[folder].items()},
        warnings=tuple(problems),
    )
    return catalog, problems


# --- cross-references ---------------------------------------------------------------------------


def _check_references(records: dict[str, dict[str, tuple[BaseModel, Document]]]) -> Iterator[Problem]:
    ids = {folder: set(recs) for folder, recs in records.items()}
    focus_refs = {f"{pid}/{area.id}" for pid, (p, _) in records["policies"].items() for area in p.focus_areas.areas}

    def ref(doc: Document, loc: tuple, value: str, folder: str, what: str) -> Iterator[Problem]:
        known = ids[folder] if folder != "focus_areas" else focus_refs
        if value not in known:
            close = difflib.get_close_matches(value, sorted(known), n=3, cutoff=0.5)
            hint = f" Mente du {' eller '.join(repr(c) for c in close)}?" if close else ""
            yield Problem(doc.path, doc.line_of(loc), field_path(loc),
                          f"henviser til {what} '{value}', som ikke findes.{hint}")

    for pid, (policy, doc) in records["policies"].items():
        yield from ref(doc, ("municipality",), policy.municipality, "municipalities", "kommunen")
        seen: dict[str, int] = {}
        for i, area in enumerate(policy.focus_areas.areas):
            if area.id in seen:
                yield Problem(doc.path, doc.line_of(("focus_areas", "areas", i, "id")),
                              field_path(("focus_areas", "areas", i, "id")),
                              f"fokusområdets id '{area.id}' er allerede brugt af focus_areas.areas[{seen[area.id]}]; "
                              "hvert fokusområde skal have sit eget id")
            seen.setdefault(area.id, i)
        for i, item in enumerate(policy.related_policies.items if policy.related_policies else ()):
            if item.policy:
                yield from ref(doc, ("related_policies", "items", i, "policy"), item.policy, "policies", "politikken")
    for cid, (contact, doc) in records["contacts"].items():
        if contact.municipality:
            yield from ref(doc, ("municipality",), contact.municipality, "municipalities", "kommunen")
    for oid, (offer, doc) in records["offers"].items():
        yield from ref(doc, ("municipality",), offer.municipality, "municipalities", "kommunen")
        for i, cid in enumerate(offer.contacts):
            yield from ref(doc, ("contacts", i), cid, "contacts", "kontakten")
        for i, fa in enumerate(offer.focus_areas):
            yield from ref(doc, ("focus_areas", i), fa, "focus_areas", "fokusområdet")
