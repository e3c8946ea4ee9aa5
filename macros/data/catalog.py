"""Load every record once, validate it, resolve the references between records, and index the result.

`load_catalog(root)` is the one entry point shared by the CLI check and the site build: what passes
the check builds, and what fails it fails the build with the very same messages.
"""
from __future__ import annotations

import difflib
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from datetime import date
from pathlib import Path
from typing import Callable, Iterable, Iterator, TypeVar

from pydantic import BaseModel, ValidationError

from . import models
from .glossary import GLOSSARY_FILE, check_glossary
from .guards import scan_for_personal_data, scan_markdown, scan_placeholders
from .loader import Document, read_document
from .messages import problems_from
from .patterns import any_of
from .problems import DataError, Problem, field_path
from .record_cache import RecordCache

# Folder → model. The folder name is what the editor sees; one YAML file per record.
KINDS: dict[str, type[BaseModel]] = {
    "municipalities": models.Municipality,
    "policies": models.Policy,
    "contacts": models.Contact,
    "offers": models.Offer,
}


TABLES: dict[str, type[BaseModel]] = {
    "vocabularies/legal_bases.yaml": models.LegalBasisTable,
    "about/accessibility.yaml": models.AccessibilityStatement,
    "vocabularies/glossary.yaml": models.Glossary,
    "vocabularies/search_terms.yaml": models.SearchTerms,
}

# Tables a data root may leave out (a synthetic data set has no glossary): then the table is empty.
OPTIONAL_TABLES = {"vocabularies/glossary.yaml", "vocabularies/search_terms.yaml"}
SEARCH_TERMS_FILE = "vocabularies/search_terms.yaml"

STALE_AFTER_DAYS = 365


@dataclass(frozen=True)
class Catalog:
    """All records of the site, validated and cross-referenced; built once per build and never changed."""

    root: Path
    today: date
    municipalities: dict[str, models.Municipality]
    policies: dict[str, models.Policy]
    contacts: dict[str, models.Contact]
    offers: dict[str, models.Offer]
    legal_bases: dict[str, models.LegalBasis]
    accessibility: models.AccessibilityStatement
    files: dict[tuple[str, str], str] = field(repr=False)  # (folder, id) → path shown to editors
    warnings: tuple[Problem, ...] = ()
    glossary: dict[str, models.GlossaryTerm] = field(default_factory=dict)
    search_terms: models.SearchTerms = field(default_factory=models.SearchTerms)  # the catalogue's synonyms

    # --- indexes (each computed once, on first use: a page asks in constant time, whatever the size) ---
    def policies_of(self, municipality_id: str) -> list[models.Policy]:
        """A municipality's policies, the newest period first."""
        return list(self._policies_by_municipality.get(municipality_id, ()))

    def offers_for_focus_area(self, policy_id: str, area_id: str) -> list[models.Offer]:
        return list(self._offers_by_focus_area.get(f"{policy_id}/{area_id}", ()))

    def offers_of_contact(self, contact_id: str) -> list[models.Offer]:
        """The offers a contact provides or is a contact for, by name."""
        return list(self._offers_by_contact.get(contact_id, ()))

    def units_of(self, contact_id: str) -> list[models.Contact]:
        return list(self._units_by_parent.get(contact_id, ()))

    def own_contact(self, municipality_id: str) -> models.Contact | None:
        """The municipality's own organisation record (the first by name), the first place to ask."""
        return self._own_contacts.get(municipality_id)

    @cached_property
    def _policies_by_municipality(self) -> dict[str, tuple[models.Policy, ...]]:
        return _group(sorted(self.policies.values(), key=lambda p: (p.valid_from or date.min, p.title), reverse=True),
                      lambda p: (p.municipality,))

    @cached_property
    def _offers_by_name(self) -> list[models.Offer]:
        return sorted(self.offers.values(), key=lambda o: o.name)

    @cached_property
    def _offers_by_focus_area(self) -> dict[str, tuple[models.Offer, ...]]:
        return _group(self._offers_by_name, lambda o: o.focus_areas)

    @cached_property
    def _offers_by_contact(self) -> dict[str, tuple[models.Offer, ...]]:
        return _group(self._offers_by_name, lambda o: [*o.contacts, *([o.provider] if o.provider else [])])

    @cached_property
    def _units_by_parent(self) -> dict[str, tuple[models.Contact, ...]]:
        return _group(sorted(self.contacts.values(), key=lambda c: c.name), lambda c: (c.parent,) if c.parent else ())

    @cached_property
    def _own_contacts(self) -> dict[str, models.Contact]:
        own: dict[str, models.Contact] = {}
        for c in self.contacts_sorted():
            if c.municipality and c.kind == "organisation" and c.sector == "kommune" and c.parent is None:
                own.setdefault(c.municipality, c)
        return own

    @cached_property
    def _offers_sorted(self) -> tuple[models.Offer, ...]:
        return tuple(sorted(self.offers.values(), key=lambda o: (o.name.casefold(), o.id)))

    @cached_property
    def _contacts_sorted(self) -> tuple[models.Contact, ...]:
        return tuple(sorted(self.contacts.values(), key=lambda c: (c.name.casefold(), c.id)))

    def focus_area(self, ref: str) -> tuple[models.Policy, models.FocusArea]:
        """'policy-id/area-id' → the policy and its focus area (references were checked at load)."""
        policy_id, area_id = ref.split("/")
        policy = self.policies[policy_id]
        return policy, next(a for a in policy.focus_areas.areas if a.id == area_id)

    def is_stale(self, verified: date | None) -> bool:
        """Not verified within a year of the build (or never)."""
        return verified is None or (self.today - verified).days > STALE_AFTER_DAYS

    def offers_sorted(self) -> list[models.Offer]:
        return list(self._offers_sorted)

    def contacts_sorted(self) -> list[models.Contact]:
        return list(self._contacts_sorted)

    def policy_status(self, policy: models.Policy) -> str:
        """'gældende', 'udløbet' or 'ikke begyndt' — judged against the build date."""
        if policy.valid_to and policy.valid_to < self.today:
            return "udløbet"
        if policy.valid_from and policy.valid_from > self.today:
            return "ikke begyndt"
        return "gældende"

    def municipalities_sorted(self) -> list[models.Municipality]:
        return sorted(self.municipalities.values(), key=lambda m: m.name)


T = TypeVar("T")


def _group(items: Iterable[T], keys_of: Callable[[T], Iterable[str]]) -> dict[str, tuple[T, ...]]:
    """Items by each of their keys, keeping the items' order (an item counts once per key)."""
    groups: dict[str, list[T]] = defaultdict(list)
    for item in items:
        for key in dict.fromkeys(keys_of(item)):
            groups[key].append(item)
    return {key: tuple(members) for key, members in groups.items()}


def load_catalog(root: Path, today: date | None = None, content_dir: Path | None = None) -> Catalog:
    """Load and check all data below `root`; raise `DataError` with every problem found."""
    catalog, problems = check_data(root, today, content_dir)
    if catalog is None:
        raise DataError(problems)
    return catalog


def check_data(root: Path, today: date | None = None,
               content_dir: Path | None = None) -> tuple[Catalog | None, list[Problem]]:
    """Load and check all data below `root` (and the hand-written pages in `content_dir`, by default
    root/content): the catalog (None if any error) and all problems found."""
    today = today or date.today()
    problems: list[Problem] = []
    records: dict[str, dict[str, tuple[BaseModel, Document]]] = {}
    cache = RecordCache(root)
    for folder, model in KINDS.items():
        records[folder] = {}
        names = sorted(os.listdir(root / folder)) if (root / folder).is_dir() else []
        for name in names:
            if not name.endswith(".yaml"):
                continue
            shown = f"{folder}/{name}"
            with open(os.path.join(root, folder, name), "rb") as handle:  # not pathlib: 15,000 files add up
                raw = handle.read()
            result = cache.get(shown, raw)
            if result is None:
                result = _read_record(raw, name.removesuffix(".yaml"), shown, model)
                cache.put(shown, raw, result)
            record, doc, found = result
            problems.extend(found)
            if record is not None:
                records[folder][record.id] = (record, doc)
        problems.extend(Problem(f"{folder}/{name}", 1, "", "filen bliver ikke læst: datafiler skal hedde <id>.yaml")
                        for name in names if name.endswith((".yml", ".json"))
                        or (not name.endswith((".yaml", ".md")) and not name.startswith(".")
                            and (root / folder / name).is_file()))
    cache.save()

    tables: dict[str, BaseModel] = {}
    table_docs: dict[str, Document] = {}
    for shown, model in TABLES.items():
        if not (root / shown).is_file():
            if shown in OPTIONAL_TABLES:
                continue
            problems.append(Problem(shown, 1, "", "tabellen mangler; den skal findes, for at tilbud kan henvise til den"))
            continue
        doc = read_document(root / shown, shown)
        if isinstance(doc, list):
            problems.extend(doc)
            continue
        table_docs[shown] = doc
        try:
            tables[shown] = model.model_validate(doc.data)
        except ValidationError as exc:
            problems.extend(problems_from(exc, doc, model))
    legal_bases = {item.id: item for item in tables["vocabularies/legal_bases.yaml"].items} \
        if "vocabularies/legal_bases.yaml" in tables else {}
    statement = tables.get("about/accessibility.yaml")
    if statement is not None:
        problems.extend(_check_statement(statement, today, table_docs["about/accessibility.yaml"]))

    content_dir = content_dir or root / "content"
    if content_dir.is_dir():
        for page in sorted(content_dir.rglob("*.md")):
            shown = f"{content_dir.name}/{page.relative_to(content_dir).as_posix()}"
            problems.extend(scan_markdown(page.read_text("utf-8", errors="replace"), shown))

    problems.extend(_check_references(records, set(legal_bases)))
    glossary = tables.get(GLOSSARY_FILE)
    if glossary is not None:
        problems.extend(check_glossary(glossary, table_docs[GLOSSARY_FILE],
                                       {pid: p for pid, (p, _) in records["policies"].items()}, legal_bases))
    problems.extend(_check_secrets(records))
    problems.extend(_check_dates(records, today))
    errors = [p for p in problems if p.severity == "fejl"]
    if errors:
        return None, problems

    def plain(folder: str) -> dict:
        return {rid: rec for rid, (rec, _) in records[folder].items()}

    catalog = Catalog(
        root=root, today=today,
        municipalities=plain("municipalities"), policies=plain("policies"),
        contacts=plain("contacts"), offers=plain("offers"), legal_bases=legal_bases, accessibility=statement,
        files={(folder, rid): doc.path for folder in records for rid, (_, doc) in records[folder].items()},
        warnings=tuple(problems),
        glossary={term.id: term for term in glossary.items} if glossary is not None else {},
        search_terms=tables.get(SEARCH_TERMS_FILE) or models.SearchTerms(),
    )
    return catalog, problems


def _read_record(raw: bytes, stem: str, shown: str,
                 model: type[BaseModel]) -> tuple[BaseModel | None, Document | None, list[Problem]]:
    """Everything that depends on one file alone: read it, guard its text, validate it against its model."""
    doc = read_document(raw, shown)
    if isinstance(doc, list):
        return None, None, doc
    problems = [*scan_for_personal_data(doc), *scan_placeholders(doc)]
    try:
        record = model.model_validate(doc.data)
    except ValidationError as exc:
        return None, doc, problems + problems_from(exc, doc, model)
    if record.id != stem:
        return None, doc, problems + [Problem(shown, doc.line_of(("id",)), "id",
                                              f"id'et '{record.id}' skal være det samme som filnavnet uden .yaml "
                                              f"('{stem}'); omdøb filen eller ret id'et")]
    return record, doc, problems


# --- cross-references ---------------------------------------------------------------------------


def _check_references(records: dict[str, dict[str, tuple[BaseModel, Document]]],
                      legal_bases: set[str]) -> Iterator[Problem]:
    ids = {folder: set(recs) for folder, recs in records.items()} | {"legal_bases": legal_bases}
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
        if contact.parent:
            yield from ref(doc, ("parent",), contact.parent, "contacts", "kontakten")
            if contact.parent == cid:
                yield Problem(doc.path, doc.line_of(("parent",)), "parent", "en kontakt kan ikke høre under sig selv")
        for i, source in enumerate(contact.sources):
            if source.policy:
                yield from ref(doc, ("sources", i, "policy"), source.policy, "policies", "politikken")
    for oid, (offer, doc) in records["offers"].items():
        yield from ref(doc, ("municipality",), offer.municipality, "municipalities", "kommunen")
        if offer.provider:
            yield from ref(doc, ("provider",), offer.provider, "contacts", "kontakten")
        for i, cid in enumerate(offer.contacts):
            yield from ref(doc, ("contacts", i), cid, "contacts", "kontakten")
        for i, fa in enumerate(offer.focus_areas):
            yield from ref(doc, ("focus_areas", i), fa, "focus_areas", "fokusområdet")
        for i, basis in enumerate(offer.legal_basis):
            yield from ref(doc, ("legal_basis", i), basis, "legal_bases", "lovgrundlaget")
        for i, source in enumerate(offer.sources):
            if source.policy:
                yield from ref(doc, ("sources", i, "policy"), source.policy, "policies", "politikken")


def _check_dates(records: dict[str, dict[str, tuple[BaseModel, Document]]], today: date) -> Iterator[Problem]:
    """A verification date in the future is an error; one older than a year is a warning."""
    for folder in ("offers", "contacts"):
        for record, doc in records[folder].values():
            verified = record.last_verified
            if verified is None:
                continue
            if verified > today:
                yield Problem(doc.path, doc.line_of(("last_verified",)), "last_verified",
                              f"datoen {verified.isoformat()} ligger i fremtiden; skriv den dag, oplysningerne "
                              "faktisk blev bekræftet")
            elif (today - verified).days > STALE_AFTER_DAYS:
                yield Problem(doc.path, doc.line_of(("last_verified",)), "last_verified",
                              f"oplysningerne blev sidst bekræftet {verified.isoformat()}, for mere end 12 måneder "
                              "siden; ring eller skriv til tilbuddet og opdater datoen", severity="advarsel")


def _check_statement(statement: models.AccessibilityStatement, today: date, doc: Document) -> Iterator[Problem]:
    """The law wants the statement reviewed yearly, with a phone and a written contact."""
    line = doc.line_of(("last_reviewed",))
    if statement.last_reviewed > today:
        yield Problem(doc.path, line, "last_reviewed", f"datoen {statement.last_reviewed.isoformat()} ligger i "
                      "fremtiden; skriv den dag, erklæringen faktisk blev gennemgået")
    elif (today - statement.last_reviewed).days > STALE_AFTER_DAYS:
        yield Problem(doc.path, line, "last_reviewed", f"erklæringen blev sidst gennemgået "
                      f"{statement.last_reviewed.isoformat()}; loven kræver en gennemgang mindst en gang om året. "
                      "Gennemgå den og opdater datoen")
    if statement.contact_phone is None:
        yield Problem(doc.path, 1, "contact_phone", "erklæringen skal have et telefonnummer, før sitet "
                      "offentliggøres; udfyld det med den ansvarliges rigtige nummer", severity="advarsel",
                      blocks_publishing=True)
    if statement.contact_email is None and statement.contact_form is None:
        yield Problem(doc.path, 1, "contact_email", "erklæringen skal have en skriftlig kontakt (e-mail eller "
                      "webformular), før sitet offentliggøres", severity="advarsel", blocks_publishing=True)


def _check_secrets(records: dict[str, dict[str, tuple[BaseModel, Document]]]) -> Iterator[Problem]:
    """A confidential street or an internal phone number written into any other text is refused too."""
    secrets: dict[str, str] = {}
    for folder in ("offers", "contacts"):
        for record, _ in records[folder].values():
            for location in getattr(record, "locations", ()):
                if location.confidential and location.address:
                    secrets[location.address.street.casefold()] = "en hemmelig adresse"
            for phone in record.phones if isinstance(record, models.Contact) else ():
                if not phone.public:
                    secrets[phone.number.replace(" ", "")] = "et internt telefonnummer"
    if not secrets:
        return
    # Two patterns over each file's text tell which files mention a secret at all (linear in the size of
    # the data); only those are searched value by value.
    anywhere = re.compile(any_of(secrets))
    numbers = [s for s in secrets if s.isdigit()]
    digits = re.compile(any_of(numbers)) if numbers else None
    for folder in records:
        for record, doc in records[folder].values():
            if not (anywhere.search(doc.all_text.casefold())
                    or (digits and digits.search(doc.all_text.replace(" ", "")))):
                continue
            for loc, text in doc.texts:
                if loc[-2:-1] == ("address",) or loc[-1:] == ("number",):
                    continue  # the secret's own field
                folded, spaceless = text.casefold(), text.replace(" ", "")
                for secret, what in secrets.items():
                    if secret in folded or (secret.isdigit() and secret in spaceless):
                        yield Problem(doc.path, doc.line_of(loc), field_path(loc),
                                      f"teksten nævner {what}, som aldrig må offentliggøres; fjern den herfra")
