"""Load every record once, validate it, resolve the references between records, and index the result.

`load_catalog(root)` is the one entry point shared by the CLI check and the site build: what passes
the check builds, and what fails it fails the build with the very same messages.
"""

from __future__ import annotations

import difflib
import os
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TypeVar, cast

from pydantic import BaseModel, ValidationError

from . import models, page_sources, public_view, routes, service_areas
from .clock import today_in_denmark
from .collation import danish_sort_key
from .emergency import EMERGENCY_FILE, check_emergency
from .glossary import GLOSSARY_FILE, check_glossary
from .guards import (
    merge_placeholders,
    read_text_file,
    scan_anonymised,
    scan_for_personal_data,
    scan_names,
    scan_placeholders,
    scan_text_file,
    scan_yaml_lines,
)
from .kinds import RECORD_KINDS, RecordModel
from .loader import Document, Loc, read_document
from .messages import close_field, problems_from
from .observed import future_dates
from .problems import DataError, Problem, field_path
from .record_cache import RecordCache
from .secret_match import SecretMatcher, line_of, searchable
from .vocabulary import ContactKind, Sector

KINDS: dict[str, type[RecordModel]] = {kind.folder: kind.model for kind in RECORD_KINDS}
"""Folder → model, in reading order (see kinds.py)."""

Records = dict[str, dict[str, tuple[RecordModel, Document]]]
"""Folder → record id → (the validated record, its document): the records as `check_data` reads them."""


TABLES: dict[str, type[BaseModel]] = {
    "vocabularies/legal_bases.yaml": models.LegalBasisTable,
    "about/accessibility.yaml": models.AccessibilityStatement,
    "vocabularies/glossary.yaml": models.Glossary,
    "vocabularies/search_terms.yaml": models.SearchTerms,
    EMERGENCY_FILE: models.EmergencyHelp,
}

# Tables a data root may leave out (a synthetic data set has no glossary): then the table is empty.
OPTIONAL_TABLES = {"vocabularies/glossary.yaml", "vocabularies/search_terms.yaml", EMERGENCY_FILE}
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
    # True for the public view (public_view.py), the only catalog that outputs may read.
    public: bool = False
    search_terms: models.SearchTerms = field(default_factory=models.SearchTerms)  # the catalogue's synonyms
    emergency: models.EmergencyHelp | None = None  # the box "Akut: hjælp i nat" (vocabularies/emergency.yaml)
    # A hand-written page's path in content/ → the data file its facts come from, as its front matter names it
    # (`rediger:`, page_sources.py): where its edit link leads.
    page_sources: dict[str, str] = field(default_factory=dict)

    # --- indexes (each computed once, on first use: a page asks in constant time, whatever the size) ---
    def derived(self, compute: Callable[[Catalog], T]) -> T:
        """`compute(self)`, computed once per catalog and then reused.

        For what another layer derives from the whole catalog and asks for on many pages (the theme matrix,
        for one): a catalog does not change after loading, so neither does the result. `compute` must be a
        module-level function (it is the key).
        """
        memo: dict[Callable[[Catalog], object], object] = self.__dict__.setdefault("_derived", {})
        if compute not in memo:
            memo[compute] = compute(self)
        return cast("T", memo[compute])

    def policies_of(self, municipality_id: str) -> list[models.Policy]:
        """A municipality's policies, the newest period first."""
        return list(self._policies_by_municipality.get(municipality_id, ()))

    def offers_of(self, municipality_id: str) -> list[models.Offer]:
        """A municipality's offers (closed ones too), by name."""
        return list(self._offers_by_municipality.get(municipality_id, ()))

    def offers_under(self, legal_basis_id: str) -> list[models.Offer]:
        """The offers given under a paragraph of the legal table ('sel-85'; closed ones too), by name."""
        return list(self._offers_by_legal_basis.get(legal_basis_id, ()))

    def contacts_of(self, municipality_id: str) -> list[models.Contact]:
        """A municipality's own contacts, by name."""
        return list(self._contacts_by_municipality.get(municipality_id, ()))

    def offers_for_focus_area(self, policy_id: str, area_id: str) -> list[models.Offer]:
        """The offers that name the focus area `<policy_id>/<area_id>` in their `focus_areas`, by name."""
        return list(self._offers_by_focus_area.get(f"{policy_id}/{area_id}", ()))

    def offers_of_contact(self, contact_id: str) -> list[models.Offer]:
        """The offers a contact provides or is a contact for, by name."""
        return list(self._offers_by_contact.get(contact_id, ()))

    def units_of(self, contact_id: str) -> list[models.Contact]:
        """The contacts whose `parent` is this contact (its units), by name; empty if it has none."""
        return list(self._units_by_parent.get(contact_id, ()))

    def partners_of(self, municipality_id: str) -> list[models.Contact]:
        """The contacts of other municipalities or none that serve this municipality (service_areas.py).

        By its id, its region (`Municipality.region`) or the whole country; by name.
        """
        keys = service_areas.keys_serving(self.municipalities[municipality_id])
        found = {c.id for key in keys for c in self._contacts_by_area.get(key, ())}
        return [c for c in self._contacts_sorted if c.id in found and c.municipality != municipality_id]

    def policies_naming(self, folder: str, record_id: str) -> list[models.Policy]:
        """The policies that name a record or list a contact among their authors, by title.

        `folder` is 'contacts' or 'offers'; `record_id` the record's id.
        """
        return list(self._policies_naming.get((folder, record_id), ()))

    def own_contact(self, municipality_id: str) -> models.Contact | None:
        """The municipality's own organisation record (the first by name), the first place to ask."""
        return self._own_contacts.get(municipality_id)

    def entrance_of(self, contact: models.Contact) -> models.Entrance | None:
        """The public entrance (`Municipality.entrance`) of the municipality whose `own_contact` `contact` is.

        None for every other contact, and for an own contact whose municipality has no entrance: a municipality's
        organisation is reached at the municipality's switchboard, address and secure mail, each with its source.
        """
        if contact.municipality is None:
            return None
        own = self.own_contact(contact.municipality)
        if own is None or own.id != contact.id:
            return None
        return self.municipalities[contact.municipality].entrance

    @cached_property
    def _policies_by_municipality(self) -> dict[str, tuple[models.Policy, ...]]:
        by_title = sorted(self.policies.values(), key=lambda p: (danish_sort_key(p.title), p.id))
        return _group(
            sorted(by_title, key=lambda p: p.valid_from or date.min, reverse=True),  # stable: titles stay
            lambda p: (p.municipality,),
        )

    @cached_property
    def _offers_by_municipality(self) -> dict[str, tuple[models.Offer, ...]]:
        return _group(self._offers_sorted, lambda o: (o.municipality,))

    @cached_property
    def _offers_by_legal_basis(self) -> dict[str, tuple[models.Offer, ...]]:
        return _group(self._offers_sorted, lambda o: o.legal_basis)

    @cached_property
    def _contacts_by_municipality(self) -> dict[str | None, tuple[models.Contact, ...]]:
        return _group(self._contacts_sorted, lambda c: (c.municipality,))

    @cached_property
    def _offers_by_focus_area(self) -> dict[str, tuple[models.Offer, ...]]:
        return _group(self._offers_sorted, lambda o: o.focus_areas)

    @cached_property
    def _offers_by_contact(self) -> dict[str, tuple[models.Offer, ...]]:
        return _group(self._offers_sorted, lambda o: [*o.contacts, *([o.provider] if o.provider else [])])

    @cached_property
    def _units_by_parent(self) -> dict[str, tuple[models.Contact, ...]]:
        return _group(self._contacts_sorted, lambda c: (c.parent,) if c.parent else ())

    @cached_property
    def _contacts_by_area(self) -> dict[service_areas.AreaKey, tuple[models.Contact, ...]]:
        grouped: dict[service_areas.AreaKey, list[models.Contact]] = defaultdict(list)
        for contact in self._contacts_sorted:
            for key in service_areas.keys(contact):
                grouped[key].append(contact)
        return {key: tuple(members) for key, members in grouped.items()}

    @cached_property
    def _policies_naming(self) -> dict[tuple[str, str], tuple[models.Policy, ...]]:
        by_title = sorted(self.policies.values(), key=lambda p: (danish_sort_key(p.title), p.id))
        return _group(
            by_title,
            lambda p: [
                *(("contacts", a.contact) for a in p.prepared_by),
                *(("contacts", c) for c in p.names_contacts),
                *(("offers", o) for o in p.names_offers),
            ],
        )

    @cached_property
    def _own_contacts(self) -> dict[str, models.Contact]:
        own: dict[str, models.Contact] = {}
        for c in self.contacts_sorted():
            if (
                c.municipality
                and c.kind == ContactKind.ORGANISATION
                and c.sector == Sector.MUNICIPALITY
                and c.parent is None
            ):
                own.setdefault(c.municipality, c)
        return own

    @cached_property
    def _offers_sorted(self) -> tuple[models.Offer, ...]:
        return tuple(sorted(self.offers.values(), key=lambda o: (danish_sort_key(o.name), o.id)))

    @cached_property
    def _contacts_sorted(self) -> tuple[models.Contact, ...]:
        return tuple(sorted(self.contacts.values(), key=lambda c: (danish_sort_key(c.name), c.id)))

    def focus_area(self, ref: str) -> tuple[models.Policy, models.FocusArea]:
        """'policy-id/area-id' → the policy and its focus area (references were checked at load)."""
        policy_id, area_id = ref.split("/")
        policy = self.policies[policy_id]
        return policy, next(a for a in policy.focus_areas.areas if a.id == area_id)

    def is_stale(self, verified: date | None) -> bool:
        """Not verified within a year of the build (or never)."""
        return verified is None or (self.today - verified).days > STALE_AFTER_DAYS

    def offers_sorted(self) -> list[models.Offer]:
        """Every offer, by name (Danish order, see collation.py)."""
        return list(self._offers_sorted)

    def contacts_sorted(self) -> list[models.Contact]:
        """Every contact, by name (Danish order, see collation.py)."""
        return list(self._contacts_sorted)

    def policy_status(self, policy: models.Policy) -> str:
        """'gældende', 'udløbet' or 'ikke begyndt' — judged against the build date."""
        if policy.valid_to and policy.valid_to < self.today:
            return "udløbet"
        if policy.valid_from and policy.valid_from > self.today:
            return "ikke begyndt"
        return "gældende"

    def municipalities_sorted(self) -> list[models.Municipality]:
        """Every municipality, by name (Danish order), then id."""
        return list(self._municipalities_sorted)

    @cached_property
    def _municipalities_sorted(self) -> tuple[models.Municipality, ...]:
        return tuple(sorted(self.municipalities.values(), key=lambda m: (danish_sort_key(m.name), m.id)))


T = TypeVar("T")
K = TypeVar("K", bound=Hashable)
M = TypeVar("M", bound=BaseModel)


def _records_of(records: Records, folder: str, model: type[M]) -> dict[str, tuple[M, Document]]:
    """One folder's records, typed as the model each was validated against (`KINDS[folder]`); none if unread."""
    if KINDS[folder] is not model:
        raise TypeError(f"{folder} holds {KINDS[folder].__name__}, not {model.__name__}")
    return cast("dict[str, tuple[M, Document]]", records.get(folder, {}))


def _table_of(tables: dict[str, BaseModel], shown: str, model: type[M]) -> M | None:
    """The table read from `shown` (a file of TABLES), or None if it is missing or failed validation."""
    table = tables.get(shown)
    return table if isinstance(table, model) else None


def _group(items: Iterable[T], keys_of: Callable[[T], Iterable[K]]) -> dict[K, tuple[T, ...]]:
    """Items by each of their keys, keeping the items' order (an item counts once per key)."""
    groups: dict[K, list[T]] = defaultdict(list)
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


def check_data(
    root: Path, today: date | None = None, content_dir: Path | None = None
) -> tuple[Catalog | None, list[Problem]]:
    """Load and check all data below `root`: the catalog (None if any error) and every problem found.

    The hand-written pages in `content_dir` (by default root/content) are checked too. Dates are judged against
    `today`, by default the date in Denmark (clock.today_in_denmark). Problems are returned, never raised.
    """
    today = today or today_in_denmark()
    problems: list[Problem] = []
    records: Records = {}
    # Files that exist but failed (by file name and by the id they give): their cause is reported once,
    # and a reference to them is not also reported as a reference to something that does not exist.
    failed: dict[str, set[str]] = {folder: set() for folder in KINDS}
    # The data as read of the files that failed validation, with their model: a date in the future is still found,
    # and a record's secrets are kept (_check_secrets).
    unvalidated: list[tuple[Document, type[BaseModel]]] = []
    cache = RecordCache(root)
    listed: dict[str, list[str]] = {}
    for folder, model in KINDS.items():
        records[folder] = {}
        if (root / folder).is_symlink():
            problems.append(_link_problem(folder, "mappen"))
            continue
        with os.scandir(root / folder) if (root / folder).is_dir() else nullcontext(()) as found:
            entries = sorted(found, key=lambda e: e.name)  # scandir, not pathlib: 15,000 files add up
        listed[folder] = [entry.name for entry in entries if not entry.is_symlink()]
        for entry in entries:
            name, shown = entry.name, f"{folder}/{entry.name}"
            if entry.is_symlink():
                problems.append(_link_problem(shown))
            elif entry.is_dir(follow_symlinks=False):
                if not name.startswith("."):
                    problems.extend(_subfolder_problems(root, shown))
            elif not entry.is_file(follow_symlinks=False):
                problems.append(Problem(shown, 1, "", "er ikke en almindelig fil og bliver ikke læst; slet den"))
            elif name.endswith(".yaml"):
                with open(entry.path, "rb", opener=_no_follow) as handle:
                    raw = handle.read()
                result: tuple[RecordModel | None, Document | None, list[Problem]] | None = cache.get(shown, raw)
                if result is None:
                    result = _read_record(raw, name.removesuffix(".yaml"), shown, model)
                    cache.put(shown, raw, result)
                record, doc, found_problems = result
                problems.extend(found_problems)
                if record is not None and doc is not None:  # a record always comes with its document
                    records[folder][record.id] = (record, doc)
                else:
                    failed[folder].add(name.removesuffix(".yaml"))
                    if doc is not None:
                        unvalidated.append((doc, model))
                        if isinstance(doc.data.get("id"), str):
                            failed[folder].add(doc.data["id"])
            elif name.endswith((".yml", ".json")) or not (name.endswith(".md") or name.startswith(".")):
                problems.append(Problem(shown, 1, "", "filen bliver ikke læst: datafiler skal hedde <id>.yaml"))
    cache.save()

    tables: dict[str, BaseModel] = {}
    table_docs: dict[str, Document] = {}
    for shown, table_model in TABLES.items():
        link = _linked_part(root, shown)
        if link is not None:
            problems.append(_link_problem(link, "mappen" if link != shown else "filen"))
            continue
        if not (root / shown).is_file():
            if shown in OPTIONAL_TABLES:
                continue
            problems.append(
                Problem(shown, 1, "", "tabellen mangler; den skal findes, for at tilbud kan henvise til den")
            )
            continue
        raw = (root / shown).read_bytes()
        table_doc = read_document(raw, shown)
        source = raw.decode("utf-8", errors="replace")
        problems.extend(scan_yaml_lines(source, shown, table_doc if isinstance(table_doc, Document) else None))
        if isinstance(table_doc, list):
            problems.extend(table_doc)
            continue
        table_docs[shown] = table_doc
        problems.extend([*scan_for_personal_data(table_doc, source=source), *scan_anonymised(table_doc, source)])
        try:
            tables[shown] = table_model.model_validate(table_doc.data)
        except ValidationError as exc:
            problems.extend(problems_from(exc, table_doc, table_model))
            unvalidated.append((table_doc, table_model))
    legal_table = _table_of(tables, "vocabularies/legal_bases.yaml", models.LegalBasisTable)
    legal_bases = {item.id: item for item in legal_table.items} if legal_table is not None else {}
    statement = _table_of(tables, "about/accessibility.yaml", models.AccessibilityStatement)
    if statement is not None:
        problems.extend(_check_statement(statement, today, table_docs["about/accessibility.yaml"]))

    content_dir = content_dir or root / "content"
    pages, found_problems = _hand_written(content_dir)
    problems.extend(found_problems)
    problems.extend(_check_addresses(records, pages))
    files, other_names = _other_files(root, content_dir, listed)
    for shown, text in files:
        problems.extend(scan_text_file(text, shown))
    sources, found_problems = page_sources.page_sources(
        [(shown, text) for shown, text in files if shown.startswith(content_dir.name + "/")],
        content_dir.name,
        [
            *TABLES,
            *(f"{folder}/{name}" for folder, names in listed.items() for name in names if name.endswith(".yaml")),
        ],
    )
    problems.extend(found_problems)
    # A table a data root may leave out (OPTIONAL_TABLES) is a right answer with nothing to link to.
    sources = {page: data for page, data in sources.items() if (root / data).is_file()}
    problems.extend(
        scan_names(
            dict.fromkeys(
                [
                    *(
                        f"{folder}/{name}"
                        for folder, names in listed.items()
                        for name in names
                        if name.endswith(".yaml")
                    ),
                    *other_names,
                ]
            )
        )
    )

    # A table that failed is reported once; references into it cannot be judged until it is fixed.
    legal_ids = set(legal_bases) if "vocabularies/legal_bases.yaml" in tables else None
    problems.extend(_check_references(records, legal_ids, failed))
    glossary = _table_of(tables, GLOSSARY_FILE, models.Glossary)
    if glossary is not None:
        problems.extend(
            check_glossary(
                glossary,
                table_docs[GLOSSARY_FILE],
                {pid: p for pid, (p, _) in _records_of(records, "policies", models.Policy).items()},
                legal_bases,
                failed_policies=failed["policies"],
                legal_bases_known=legal_ids is not None,
            )
        )
    emergency = _table_of(tables, EMERGENCY_FILE, models.EmergencyHelp)
    if emergency is not None:
        regions = [
            m.region for m, _ in _records_of(records, "municipalities", models.Municipality).values() if m.region
        ]
        problems.extend(
            check_emergency(
                emergency,
                table_docs[EMERGENCY_FILE],
                legal_bases,
                regions,
                legal_bases_known=legal_ids is not None,
            )
        )
    failed_records = [doc for doc, _ in unvalidated if doc.path not in table_docs]  # tables are scanned already
    problems.extend(_check_secrets(records, list(table_docs.values()), files, failed_records))
    problems.extend(_check_dates(records, today))
    # Every date of something seen (a page read, data verified, a statement reviewed) in every record and table,
    # and in the files that failed for another reason.
    for folder in records:
        for record, doc in records[folder].values():
            problems.extend(future_dates(record, doc, today))
    for shown, table in tables.items():
        problems.extend(future_dates(table, table_docs[shown], today))
    for doc, read_as in unvalidated:
        problems.extend(future_dates(doc.data, doc, today, read_as))
    errors = [p for p in problems if p.severity == "fejl"]
    if errors:
        # No catalog is made, so public_view.check cannot look for the confidential places' names: done here, so a
        # name written elsewhere is reported in the same run as the other errors.
        problems.extend(_check_place_names(records, [*table_docs.values(), *failed_records], files))
    if errors or statement is None:  # a missing or invalid statement is an error above
        return None, problems

    def plain(folder: str) -> dict:
        return {rid: rec for rid, (rec, _) in records[folder].items()}

    catalog = Catalog(
        root=root,
        today=today,
        municipalities=plain("municipalities"),
        policies=plain("policies"),
        contacts=plain("contacts"),
        offers=plain("offers"),
        legal_bases=legal_bases,
        accessibility=statement,
        files={(folder, rid): doc.path for folder in records for rid, (_, doc) in records[folder].items()},
        warnings=tuple(problems),
        glossary={term.id: term for term in glossary.items} if glossary is not None else {},
        search_terms=_table_of(tables, SEARCH_TERMS_FILE, models.SearchTerms) or models.SearchTerms(),
        emergency=emergency,
        page_sources=sources,
    )
    # What the build's public view would refuse, the check refuses too (a confidential value written
    # into another text that the checks above do not know, such as the name of a secret location, in a record or a
    # hand-written page).
    leaked = public_view.check(catalog, files)
    if leaked:
        return None, problems + leaked
    return catalog, problems


# --- files the build must not trust --------------------------------------------------------------


def _no_follow(path: str, flags: int) -> int:
    """Open only the file itself: a symbolic link put in place after the folder was listed is refused too."""
    return os.open(path, flags | getattr(os, "O_NOFOLLOW", 0))


def _link_problem(shown: str, what: str = "filen") -> Problem:
    # Never the link's target or content: a link to a secret must not print the secret.
    return Problem(
        shown,
        1,
        "",
        f"{what} er et symbolsk link; sitet følger ikke links, så den bliver hverken læst "
        "eller offentliggjort. Læg selve filen i arkivet i stedet for linket",
    )


def _linked_part(root: Path, shown: str) -> str | None:
    """The first part of the path 'vocabularies/legal_bases.yaml' below `root` that is a symbolic link."""
    parts = shown.split("/")
    for end in range(1, len(parts) + 1):
        if (root / "/".join(parts[:end])).is_symlink():
            return "/".join(parts[:end])
    return None


def _subfolder_problems(root: Path, shown: str) -> list[Problem]:
    """Every file below a folder inside a data folder (offers/ny/x.yaml), which the check does not read."""
    folder = shown.split("/")[0]
    files = []
    for path, dirs, names in os.walk(root / shown):  # does not follow links
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        files += [Path(path, n).relative_to(root).as_posix() for n in sorted(names) if not n.startswith(".")]
    message = (
        f"filen ligger i en undermappe og bliver ikke læst; alle filer i {folder}/ skal ligge direkte i "
        f"mappen. Flyt den op i {folder}/"
    )
    return [Problem(f, 1, "", message) for f in files] or [
        Problem(shown, 1, "", f"undermapper i {folder}/ bliver ikke læst; slet mappen")
    ]


def _hand_written(content_dir: Path) -> tuple[list[str], list[Problem]]:
    """The files in content/ (paths relative to it), and a problem for each symbolic link anywhere in it.

    MkDocs would publish what a link points at. The files' text is guarded with the other files (`_other_files`).
    """
    pages: list[str] = []
    problems: list[Problem] = []
    if content_dir.is_symlink():
        return pages, [_link_problem(content_dir.name, "mappen")]
    if not content_dir.is_dir():
        return pages, problems
    for path, dirs, names in os.walk(content_dir):  # does not follow links; they are listed, and refused
        dirs.sort()
        here = Path(path).relative_to(content_dir)
        for name in sorted(dirs) + sorted(names):
            relative = (here / name).as_posix()
            shown = f"{content_dir.name}/{relative}"
            if os.path.islink(os.path.join(path, name)):
                problems.append(_link_problem(shown, "mappen" if name in dirs else "filen"))
            elif name in names and not name.startswith("."):
                pages.append(relative)
        dirs[:] = [d for d in dirs if not os.path.islink(os.path.join(path, d))]
    return pages, problems


def _check_addresses(records: Records, pages: list[str]) -> Iterator[Problem]:
    """A record whose page would take the address of a hand-written page, a generated folder or another record."""
    for folder, record_id, why in routes.claims({folder: list(recs) for folder, recs in records.items()}, pages):
        _, doc = records[folder][record_id]
        yield Problem(
            doc.path,
            doc.line_of(("id",)),
            "id",
            f"{routes.refusal(record_id, why)}, og giv filen samme navn",
        )


def _read_record(
    raw: bytes, stem: str, shown: str, model: type[RecordModel]
) -> tuple[RecordModel | None, Document | None, list[Problem]]:
    """Everything that depends on one file alone: read it, guard its text, validate it against its model."""
    doc = read_document(raw, shown)
    source = raw.decode("utf-8", errors="replace")
    lines = scan_yaml_lines(source, shown, doc if isinstance(doc, Document) else None)
    if isinstance(doc, list):
        return None, None, lines + doc
    problems = [*lines, *scan_for_personal_data(doc, file_id=stem, source=source), *scan_anonymised(doc, source)]
    placeholders = scan_placeholders(doc)
    try:
        record = model.model_validate(doc.data)
    except ValidationError as exc:
        return None, doc, problems + merge_placeholders(placeholders, problems_from(exc, doc, model))
    problems += placeholders
    if record.id != stem:
        return (
            None,
            doc,
            problems
            + [
                Problem(
                    shown,
                    doc.line_of(("id",)),
                    "id",
                    f"id'et '{record.id}' skal være det samme som filnavnet uden .yaml "
                    f"('{stem}'); omdøb filen eller ret id'et",
                )
            ],
        )
    return record, doc, problems


def _other_files(
    root: Path, content_dir: Path, listed: dict[str, list[str]]
) -> tuple[list[tuple[str, str]], list[str]]:
    """The other text files of the data folders and hand-written pages, and the paths of all other files.

    Returns (path shown to the editor, text) for every text file that is not a record or a table but lies in a data
    folder or among the hand-written pages (Markdown, HTML, CSS, JavaScript, SVG, JSON, CSV ...), and the paths of
    all of them and of the binary files beside them (a name reaches the site's addresses and its sitemap).
    Hidden files, which MkDocs leaves out, are skipped. `listed` holds the names already read in each record folder.
    """
    paths: list[tuple[Path, str]] = []
    for folder, names in listed.items():  # thousands of records: only what is not a record is looked at
        for name in names:
            if not name.endswith(".yaml") and not name.startswith("."):
                path = root / folder / name
                if path.is_dir():
                    paths.extend(_walk(path, f"{folder}/{name}"))
                elif path.is_file():  # not a FIFO or a device, which are refused on their own
                    paths.append((path, f"{folder}/{name}"))
    for folder in sorted({table.split("/")[0] for table in TABLES}):
        paths.extend((p, shown) for p, shown in _walk(root / folder, folder) if shown not in TABLES)
    paths.extend(_walk(content_dir, content_dir.name))
    texts = [(shown, text) for path, shown in paths if (text := read_text_file(path.read_bytes(), shown)) is not None]
    return texts, [shown for _, shown in paths]


def _walk(base: Path, shown_base: str) -> list[tuple[Path, str]]:
    """The regular files below `base`, hidden ones left out.

    Symbolic links are never followed or read (they are refused on their own, see `_hand_written` and `_link_problem`).
    """
    if base.is_symlink() or not base.is_dir():
        return []
    found = []
    for path, dirs, names in os.walk(base):  # os.walk does not follow links to folders
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            full = Path(path) / name
            if not name.startswith(".") and not full.is_symlink() and full.is_file():
                found.append((full, f"{shown_base}/{full.relative_to(base).as_posix()}"))
    return found


# --- cross-references ---------------------------------------------------------------------------


def _check_references(
    records: Records,
    legal_bases: set[str] | None,
    failed: dict[str, set[str]] | None = None,
) -> Iterator[Problem]:
    """Every id a record refers to exists.

    A reference to a record that exists but failed validation (`failed`: folder → file names and ids), or into a table
    that failed (`legal_bases` None), is skipped: that file's own problem is the one to fix.
    """
    failed = failed or {}
    ids = {folder: set(recs) for folder, recs in records.items()} | {"legal_bases": legal_bases or set()}
    policies = _records_of(records, "policies", models.Policy)
    focus_refs = {f"{pid}/{area.id}" for pid, (p, _) in policies.items() for area in p.focus_areas.areas}

    def invalid(value: str, folder: str) -> bool:
        if folder == "focus_areas":
            return value.split("/")[0] in failed.get("policies", ())
        return value in failed.get(folder, ()) or (folder == "legal_bases" and legal_bases is None)

    def ref(doc: Document, loc: tuple, value: str, folder: str, what: str) -> Iterator[Problem]:
        known = ids[folder] if folder != "focus_areas" else focus_refs
        if value not in known and not invalid(value, folder):
            close = difflib.get_close_matches(value, sorted(known), n=3, cutoff=0.5)
            hint = f" Mente du {' eller '.join(repr(c) for c in close)}?" if close else ""
            yield Problem(
                doc.path, doc.line_of(loc), field_path(loc), f"henviser til {what} '{value}', som ikke findes.{hint}"
            )

    for policy, doc in policies.values():
        yield from ref(doc, ("municipality",), policy.municipality, "municipalities", "kommunen")
        seen: dict[str, int] = {}
        for i, area in enumerate(policy.focus_areas.areas):
            if area.id in seen:
                yield Problem(
                    doc.path,
                    doc.line_of(("focus_areas", "areas", i, "id")),
                    field_path(("focus_areas", "areas", i, "id")),
                    f"fokusområdets id '{area.id}' er allerede brugt af focus_areas.areas[{seen[area.id]}]; "
                    "hvert fokusområde skal have sit eget id",
                )
            seen.setdefault(area.id, i)
        for i, item in enumerate(policy.related_policies.items if policy.related_policies else ()):
            if item.policy:
                yield from ref(doc, ("related_policies", "items", i, "policy"), item.policy, "policies", "politikken")
        for i, author in enumerate(policy.prepared_by):
            yield from ref(doc, ("prepared_by", i, "contact"), author.contact, "contacts", "kontakten")
        for i, cid in enumerate(policy.names_contacts):
            yield from ref(doc, ("names_contacts", i), cid, "contacts", "kontakten")
        for i, oid in enumerate(policy.names_offers):
            yield from ref(doc, ("names_offers", i), oid, "offers", "tilbuddet")
    for cid, (contact, doc) in _records_of(records, "contacts", models.Contact).items():
        if contact.municipality:
            yield from ref(doc, ("municipality",), contact.municipality, "municipalities", "kommunen")
        if contact.parent:
            yield from ref(doc, ("parent",), contact.parent, "contacts", "kontakten")
            if contact.parent == cid:
                yield Problem(doc.path, doc.line_of(("parent",)), "parent", "en kontakt kan ikke høre under sig selv")
        for i, source in enumerate(contact.sources):
            if source.policy:
                yield from ref(doc, ("sources", i, "policy"), source.policy, "policies", "politikken")
        for i, mid in enumerate(contact.service_area.municipalities if contact.service_area else ()):
            yield from ref(doc, ("service_area", "municipalities", i), mid, "municipalities", "kommunen")
    for offer, doc in _records_of(records, "offers", models.Offer).values():
        yield from ref(doc, ("municipality",), offer.municipality, "municipalities", "kommunen")
        for i, mid in enumerate(offer.service_area.municipalities if offer.service_area else ()):
            yield from ref(doc, ("service_area", "municipalities", i), mid, "municipalities", "kommunen")
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


def _check_dates(records: Records, today: date) -> Iterator[Problem]:
    """A verification date older than a year is a warning (one in the future is an error of observed.py)."""
    offers, contacts = _records_of(records, "offers", models.Offer), _records_of(records, "contacts", models.Contact)
    dated: list[tuple[models.Offer | models.Contact, Document]] = [*offers.values(), *contacts.values()]
    for record, doc in dated:
        verified = record.last_verified
        if verified is not None and (today - verified).days > STALE_AFTER_DAYS:
            yield Problem(
                doc.path,
                doc.line_of(("last_verified",)),
                "last_verified",
                f"oplysningerne blev sidst bekræftet {verified.isoformat()}, for mere end 12 måneder "
                "siden; ring eller skriv til tilbuddet og opdater datoen",
                severity="advarsel",
            )


def _check_statement(statement: models.AccessibilityStatement, today: date, doc: Document) -> Iterator[Problem]:
    """The law wants the statement reviewed yearly, with a phone and a written contact.

    (A date of a review or a test in the future is an error of observed.py.)
    """
    if (today - statement.last_reviewed).days > STALE_AFTER_DAYS:
        yield Problem(
            doc.path,
            doc.line_of(("last_reviewed",)),
            "last_reviewed",
            f"erklæringen blev sidst gennemgået "
            f"{statement.last_reviewed.isoformat()}; loven kræver en gennemgang mindst en gang om året. "
            "Gennemgå den og opdater datoen",
        )
    if statement.contact_phone is None:
        yield Problem(
            doc.path,
            1,
            "contact_phone",
            "erklæringen skal have et telefonnummer, før sitet "
            "offentliggøres; udfyld det med den ansvarliges rigtige nummer",
            severity="advarsel",
            blocks_publishing=True,
        )
    if statement.contact_email is None and statement.contact_form is None:
        yield Problem(
            doc.path,
            1,
            "contact_email",
            "erklæringen skal have en skriftlig kontakt (e-mail eller webformular), før sitet offentliggøres",
            severity="advarsel",
            blocks_publishing=True,
        )


def _raw_secrets(doc: Document) -> Iterator[tuple[str, str, Loc]]:
    """('street' or 'number', the value as written, its own field) of a record that failed, read from its YAML.

    Kept secret unless its flag plainly says public: a location whose `confidential` is there and not `false`, a
    phone whose `public` is there and not `true` (`public: nej` is refused, and meant 'not public'). A flag under a
    misspelt key counts as the flag (`publik: false`, `Confidential: true`: the key the check's "Mente du" names).
    So the rest of the data is checked against it in the same run, instead of only once the flag is mended.
    """
    data = doc.data

    def items(value: object) -> list[tuple[int, dict]]:
        return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)] if isinstance(value, list) else []

    def flag(item: dict, name: str, fields: Iterable[str]) -> object:
        """The value of the flag `name` in `item`, also under a misspelt key of it; `...` when it is not there."""
        if name in item:
            return item[name]
        known = set(fields)
        return next(
            (value for key, value in item.items() if key not in known and close_field(str(key), sorted(known)) == name),
            ...,
        )

    for i, location in items(data.get("locations")):
        street = location["address"].get("street") if isinstance(location.get("address"), dict) else None
        confidential = flag(location, "confidential", models.Location.model_fields)
        if confidential is not ... and confidential is not False and isinstance(street, str):
            yield "street", street, ("locations", i, "address")
    entrance = data.get("entrance")
    for where, phones in (((), data.get("phones")), (("entrance",), (entrance or {}).get("phones"))):
        for i, phone in items(phones if isinstance(phones, list) else None):
            public = flag(phone, "public", models.Phone.model_fields)
            if public is not ... and public is not True and isinstance(phone.get("number"), str):
                yield "number", phone["number"], (*where, "phones", i) + (() if where else ("number",))


def _check_place_names(
    records: Records, other_docs: Sequence[Document], files: list[tuple[str, str]]
) -> Iterator[Problem]:
    """The names of confidential places (public_view.place_names_of) written anywhere but in their own field.

    Only for data with errors: otherwise public_view.check finds them, in the public view, with the same message.
    """
    plain = {folder: {rid: record for rid, (record, _) in found.items()} for folder, found in records.items()}
    paths = {(folder, rid): doc.path for folder, found in records.items() for rid, (_, doc) in found.items()}
    names = public_view.place_names_of(plain, paths)
    if not names:
        return
    own = {
        (doc.path, ("locations", i, "name"))
        for record, doc in _records_of(records, "offers", models.Offer).values()
        for i, location in enumerate(record.locations)
        if location.confidential
    }
    matcher = public_view.matcher_of(names)
    for doc in [*(doc for folder in records for _, doc in records[folder].values()), *other_docs]:
        if not matcher.labels(doc.all_text):
            continue
        for loc, text in doc.texts:
            if (doc.path, loc) not in own:
                for secret in dict.fromkeys(matcher.labels(text)):
                    yield Problem(
                        doc.path,
                        doc.line_of(loc),
                        field_path(loc),
                        public_view.leak_message(secret),
                    )
    yield from public_view.file_leaks(files, names)


def _check_secrets(
    records: Records, tables: list[Document], files: list[tuple[str, str]], failed: Sequence[Document] = ()
) -> Iterator[Problem]:
    """A confidential street or an internal phone number written anywhere else is refused.

    Anywhere else is any other field of any record or table (another record's address too), in any hand-written page or
    other text file. Only the secret's own field (a confidential location's address, an internal number) may hold it.
    Matched as secret_match.py says: in any case, on normalised text with URL and HTML encodings decoded, a street
    however its name is spelled ('Skjulte Alle 12', 'Skjulteallé 12' for 'Skjulte Allé 12') and with 'nr.' or a comma
    before its number, a number with any spacing but never glued to the digits before it.
    The records that `failed` validation count too, read as their YAML stands (_raw_secrets).
    """
    streets: dict[str, str] = {}  # the street as written → where it is kept secret
    numbers: dict[str, str] = {}  # the number as written → where
    own: set[tuple[str, Loc]] = set()  # (file, field) of every secret's own field: never published
    for doc in failed:
        for kind, value, loc in _raw_secrets(doc):
            field_name = field_path(loc[:2]) if loc[0] != "entrance" else field_path(loc)
            (streets if kind == "street" else numbers).setdefault(value, f"{doc.path}, {field_name}")
            own.add((doc.path, loc))
    offers, contacts = _records_of(records, "offers", models.Offer), _records_of(records, "contacts", models.Contact)
    for record, doc in [*offers.values(), *contacts.values()]:
        for i, location in enumerate(getattr(record, "locations", ())):
            if location.confidential and location.address:
                streets.setdefault(location.address.street, f"{doc.path}, locations[{i}]")
                own.add((doc.path, ("locations", i, "address")))
        for i, phone in enumerate(record.phones if isinstance(record, models.Contact) else ()):
            if not phone.public:
                numbers.setdefault(phone.number, f"{doc.path}, phones[{i}]")
                own.add((doc.path, ("phones", i, "number")))
    for municipality, doc in _records_of(records, "municipalities", models.Municipality).values():
        for i, phone in enumerate(municipality.entrance.phones if municipality.entrance else ()):
            if not phone.public:
                numbers.setdefault(phone.number, f"{doc.path}, entrance.phones[{i}]")
                own.add((doc.path, ("entrance", "phones", i)))  # loc[:3] below: the internal phone itself
    matcher = SecretMatcher(streets=streets, numbers=numbers)
    if not matcher:
        return

    def mentions(text: str) -> Iterator[tuple[int, str]]:
        """(line in `text`, what it mentions) for every secret in `text`."""
        plain = searchable(text)
        for hit in matcher.find(plain, prepared=True):
            if hit.kind == "street":
                what = f"en hemmelig adresse (fra {hit.label}), som aldrig må offentliggøres; fjern den"
            else:
                what = f"et internt telefonnummer (fra {hit.label}), som aldrig må offentliggøres; fjern det"
            yield line_of(plain, hit.start), what

    def problem(path: str, line: int, field_name: str, what: str) -> Problem:
        return Problem(path, line, field_name, f"teksten nævner {what} herfra")

    for doc in [*(doc for folder in records for _, doc in records[folder].values()), *tables, *failed]:
        if not any(mentions(doc.all_text)):
            continue
        for loc, text in doc.texts:
            if (doc.path, loc[:3]) not in own:
                for what in dict.fromkeys(what for _, what in mentions(text)):
                    yield problem(doc.path, doc.line_of(loc), field_path(loc), what)
    for shown, text in files:
        for line, what in dict.fromkeys(mentions(text)):  # a number folded over two lines: where it begins
            yield problem(shown, line, "", what)
