"""The public view of the catalog: the records as they may be published, and the only data any output reads.

`public_view(catalog)` is applied once per build (macros/site/plugin.py) to the full catalog that the check
judges. In the view a confidential location (`Location.confidential`) has lost its name and address
and keeps only what says when and how to come (opening hours, accessibility), and a phone with
`public: false` does not exist. Pages, the macros of the hand-written pages, the field reference's
examples, search, vCards, the sitemap and every export are made from the view, so a secret cannot
leak through a side door: there is no secret left to leak.

The view is then verified: if a confidential value (a street, a location's name, an internal number)
still stands in any text of the view, because an editor also wrote it somewhere else, the build stops
with an error naming the record and field it stands in and the record it belongs to – never the
value itself, since build logs may be public.
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, cast

from pydantic import BaseModel

from . import models
from .loader import read_document
from .problems import DataError, Problem, field_path
from .secret_match import TEXT_SEPARATOR, SecretMatcher, distinctive_part, line_of, name_key, searchable
from .secret_match import digits as _digits

if TYPE_CHECKING:
    from .catalog import Catalog

# Every model with a publication flag: the flag, and the value of it that means "never publish".
# tests/test_public_view.py fails if a model gains such a flag that is not listed here.
PUBLICATION_FLAGS: dict[type[BaseModel], tuple[str, bool]] = {
    models.Location: ("confidential", True),
    models.Phone: ("public", False),
}

# The catalog's collections that hold editors' text, with the file of those not in catalog.files and the
# YAML path of their records inside it (the tables are single files with a list of items).
_TABLES = {
    "legal_bases": ("vocabularies/legal_bases.yaml", ("items",)),
    "glossary": ("vocabularies/glossary.yaml", ("items",)),
    "accessibility": ("about/accessibility.yaml", ()),
    "emergency": ("vocabularies/emergency.yaml", ()),
}
_FOLDERS = ("municipalities", "policies", "contacts", "offers")

Loc = tuple[str | int, ...]


# --- the projection -------------------------------------------------------------------------------


def public_location(location: models.Location) -> models.Location:
    """A confidential location keeps its opening hours and accessibility, never its name or address."""
    if not location.confidential:
        return location
    return location.model_copy(update={"name": None, "address": None})


def public_offer(offer: models.Offer) -> models.Offer:
    """The offer with each confidential location reduced by `public_location`; the same object if it has none."""
    if not any(loc.confidential for loc in offer.locations):
        return offer
    return offer.model_copy(update={"locations": tuple(public_location(loc) for loc in offer.locations)})


def public_contact(contact: models.Contact) -> models.Contact:
    """The contact without its internal phones (`public: false`); the same object if it has none."""
    if all(p.public for p in contact.phones):
        return contact
    return contact.model_copy(update={"phones": tuple(p for p in contact.phones if p.public)})


def public_municipality(municipality: models.Municipality) -> models.Municipality:
    """A municipality's public entrance without its internal phones."""
    entrance = municipality.entrance
    if entrance is None or all(p.public for p in entrance.phones):
        return municipality
    return municipality.model_copy(
        update={"entrance": entrance.model_copy(update={"phones": tuple(p for p in entrance.phones if p.public)})}
    )


def project(catalog: Catalog) -> Catalog:
    """The catalog without its confidential values, unverified (a new frozen `Catalog`, `public=True`)."""
    if catalog.public:
        return catalog
    return dataclasses.replace(
        catalog,
        public=True,
        offers={oid: public_offer(o) for oid, o in catalog.offers.items()},
        contacts={cid: public_contact(c) for cid, c in catalog.contacts.items()},
        municipalities={mid: public_municipality(m) for mid, m in catalog.municipalities.items()},
    )


def check(catalog: Catalog, files: Iterable[tuple[str, str]] = ()) -> list[Problem]:
    """The problems `public_view` would raise for the full `catalog` (the CLI check reports them too).

    With `files` ((path shown to the editor, text) of the hand-written pages and other text files), also a problem for
    each line of them that names a confidential place (their streets and numbers are checked by catalog.py).
    """
    _, problems = catalog.derived(_verified)
    return [*problems, *file_leaks(files, [s for s in secrets(catalog) if s.kind == "name"])]


def place_names_of(
    records: Mapping[str, Mapping[str, BaseModel]], files: Mapping[tuple[str, str], str]
) -> list[Secret]:
    """The names of the confidential places among `records` (folder → id → record), found as `secrets` finds them.

    For data that has errors elsewhere, so that no Catalog is made (catalog.check_data): the names can still be looked
    for in the same run. `files` gives a record's file by (folder, id), as Catalog.files does.
    """
    holder = SimpleNamespace(**{folder: records.get(folder, {}) for folder in _FOLDERS}, files=files)
    return [secret for secret in _find_secrets(cast("Catalog", holder)) if secret.kind == "name"]


def leak_message(secret: Secret) -> str:
    """What a text that names `secret` is told (never the secret itself, only where it is kept)."""
    return (
        f"teksten nævner {secret.what} fra {secret.owner} ({secret.field}), som aldrig må offentliggøres; "
        "fjern den herfra"
    )


def file_leaks(files: Iterable[tuple[str, str]], hidden: Iterable[Secret]) -> list[Problem]:
    """A problem for every line of the `files` ((path shown, text)) that holds one of the `hidden` values."""
    matcher = matcher_of(hidden)
    if not matcher:
        return []
    problems: list[Problem] = []
    for shown, text in files:
        plain = searchable(text)
        for line, secret in dict.fromkeys((line_of(plain, hit.start), hit.label) for hit in matcher.find(plain, True)):
            if secret is None:
                continue
            problems.append(
                Problem(
                    shown,
                    line,
                    "",
                    leak_message(secret),
                )
            )
    return problems


def public_view(catalog: Catalog) -> Catalog:
    """The catalog as it may be published: `project`ed, then verified.

    Raises `DataError` with a problem (file, line, field) per confidential value still found
    in a text of the view.
    """
    if catalog.public:
        return catalog
    view, problems = catalog.derived(_verified)
    if problems:
        raise DataError(list(problems))
    return view


def _verified(catalog: Catalog) -> tuple[Catalog, tuple[Problem, ...]]:
    """The `project`ion of the full `catalog` and a problem per confidential value still found in it.

    For Catalog.derived: the data check (catalog.check_data, through `check`) and the build's `public_view` of the
    same loaded catalog project and verify it once.
    """
    view = project(catalog)
    return view, tuple(leaks(view, secrets(catalog)))


def require_public(catalog: Catalog, what: str) -> None:
    """Refuse to publish from the full catalog: an output that is handed it would print the secrets."""
    if not catalog.public:
        raise ValueError(f"{what} må kun laves af den offentlige udgave af data (public_view.public_view)")


# --- the verification -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Secret:
    """A confidential value of the full catalog, where it belongs, and how it is looked for in text."""

    value: str
    what: str  # Danish, for the message: 'en hemmelig adresse'
    owner: str  # the file it belongs to, e.g. offers/krisecenter.yaml
    field: str  # its field there, e.g. locations[0].address.street
    kind: str  # 'street', 'name' or 'number' (the eight digits): matched as secret_match.py says


def secrets(catalog: Catalog) -> list[Secret]:
    """The confidential values of the full catalog that are not also published elsewhere in it.

    Found once per catalog: the check, the public view and the build's last guard all ask.

    A value is published elsewhere as a street of a public location or of a contact, a number that is also public,
    or a name that is also a record's or a public location's name (compared in any case). A confidential place's
    name gives a second secret when it has a distinctive part (secret_match.distinctive_part: 'Lærkehuset' of
    'Skjulested Lærkehuset').
    """
    return list(catalog.derived(_find_secrets))


def _find_secrets(catalog: Catalog) -> list[Secret]:
    """secrets(catalog), found."""
    public_streets = {c.address.street.casefold() for c in catalog.contacts.values() if c.address}
    public_names: set[str] = set()
    for folder in _FOLDERS:
        for record in getattr(catalog, folder).values():
            public_names |= {
                getattr(record, key) for key in ("name", "title", "alternate_name") if getattr(record, key, None)
            }
    for offer in catalog.offers.values():
        for location in offer.locations:
            if not location.confidential:
                public_names |= {location.name} if location.name else set()
                public_streets |= {location.address.street.casefold()} if location.address else set()
    public_names |= {c.address.city for c in catalog.contacts.values() if c.address}
    public_folded = {name_key(name) for name in public_names}
    public_numbers = {_digits(p.number) for c in catalog.contacts.values() for p in c.phones if p.public}
    public_numbers |= {
        _digits(p.number) for m in catalog.municipalities.values() if m.entrance for p in m.entrance.phones if p.public
    }

    found: list[Secret] = []
    for oid, offer in sorted(catalog.offers.items()):
        owner = catalog.files.get(("offers", oid), f"offers/{oid}.yaml")
        for i, location in enumerate(offer.locations):
            if not location.confidential:
                continue
            if location.address and location.address.street.casefold() not in public_streets:
                found.append(
                    Secret(
                        location.address.street,
                        "en hemmelig adresse",
                        owner,
                        f"locations[{i}].address.street",
                        "street",
                    )
                )
            if location.name and name_key(location.name) not in public_folded:
                for name in dict.fromkeys([location.name, distinctive_part(location.name, public_names)]):
                    if name:
                        found.append(Secret(name, "navnet på et hemmeligt sted", owner, f"locations[{i}].name", "name"))
    for cid, contact in sorted(catalog.contacts.items()):
        owner = catalog.files.get(("contacts", cid), f"contacts/{cid}.yaml")
        for i, phone in enumerate(contact.phones):
            if not phone.public and _digits(phone.number) not in public_numbers:
                found.append(
                    Secret(_digits(phone.number), "et internt telefonnummer", owner, f"phones[{i}].number", "number")
                )
    for mid, municipality in sorted(catalog.municipalities.items()):
        owner = catalog.files.get(("municipalities", mid), f"municipalities/{mid}.yaml")
        for i, phone in enumerate(municipality.entrance.phones if municipality.entrance else ()):
            if not phone.public and _digits(phone.number) not in public_numbers:
                found.append(
                    Secret(
                        _digits(phone.number),
                        "et internt telefonnummer",
                        owner,
                        f"entrance.phones[{i}].number",
                        "number",
                    )
                )
    return found


def texts(value: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Every string in a record (or part of one), with its path as written in YAML."""
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from texts(getattr(value, name), loc + (name,))
    elif isinstance(value, (tuple, list)):
        for i, item in enumerate(value):
            yield from texts(item, loc + (i,))


_FIELD_GETTERS: dict[type[BaseModel], Callable[[BaseModel], tuple[Any, ...]]] = {}


def _field_values(model: BaseModel) -> tuple[Any, ...]:
    """The values of a model's fields, in their order (one attrgetter per model class, made on first use)."""
    getter = _FIELD_GETTERS.get(type(model))
    if getter is None:
        names = list(type(model).model_fields)
        # attrgetter of one name gives the value itself, not a tuple of one
        getter = operator.attrgetter(*names) if len(names) > 1 else lambda m: tuple(getattr(m, n) for n in names)
        _FIELD_GETTERS[type(model)] = getter
    return getter(model)


def _collect(value: Any, out: list[str]) -> None:
    """Append every string in `value` to `out`, in the order of `texts` (a plain recursion: no generator per level)."""
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, BaseModel):
        for item in _field_values(value):
            if item is not None:
                _collect(item, out)
    elif isinstance(value, (tuple, list)):
        for item in value:
            _collect(item, out)


def all_text(record: BaseModel) -> str:
    """Every string of `record` (as `texts` gives them, in order), one per line: one search says if any can match."""
    out: list[str] = []
    _collect(record, out)
    return "\n".join(out)


def records(catalog: Catalog) -> Iterator[tuple[str, Loc, BaseModel]]:
    """(file, path of the record in the file, record) for every record and table item of the catalog."""
    for folder in _FOLDERS:
        for rid, record in getattr(catalog, folder).items():
            yield catalog.files.get((folder, rid), f"{folder}/{rid}.yaml"), (), record
    for name, (path, prefix) in _TABLES.items():
        value = getattr(catalog, name)
        if isinstance(value, BaseModel):
            yield path, prefix, value
        elif value:
            for i, item in enumerate(value.values()):
                yield path, prefix + (i,), item


def leaks(view: Catalog, hidden: Iterable[Secret]) -> list[Problem]:
    """A problem for every text of `view` that holds one of the `hidden` values."""
    hidden = list(hidden)
    if not hidden:
        return []
    matcher = matcher_of(hidden)
    found_in = matcher.labels

    problems: list[Problem] = []
    items = list(records(view))
    joined = [all_text(record) for _, _, record in items]
    if not found_in(TEXT_SEPARATOR.join(joined)):  # one pass over all: as a rule no text holds a secret
        return problems
    for (path, prefix, record), record_text in zip(items, joined, strict=True):
        if not found_in(record_text):
            continue
        for loc, text in texts(record, prefix):
            for secret in dict.fromkeys(found_in(text)):
                problems.append(
                    Problem(
                        path,
                        _line(view.root, path, loc),
                        field_path(loc),
                        leak_message(secret),
                    )
                )
    return problems


def matcher_of(hidden: Iterable[Secret]) -> SecretMatcher[Secret]:
    """One pattern for the `hidden` values (see secret_match.py), each labelled with its Secret."""
    hidden = list(hidden)
    return SecretMatcher(
        streets={s.value: s for s in hidden if s.kind == "street"},
        names={s.value: s for s in hidden if s.kind == "name"},
        numbers={s.value: s for s in hidden if s.kind == "number"},
    )


def _line(root: Path, path: str, loc: Loc) -> int:
    """The line of a field, read again from its file (only ever for a leak, so rarely)."""
    doc = read_document(root / path, path) if (root / path).is_file() else None
    return 1 if doc is None or isinstance(doc, list) else doc.line_of(loc)
