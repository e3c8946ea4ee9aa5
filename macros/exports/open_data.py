"""Open data: offers, contacts and policies as JSON and CSV, and offers as HSDS 3.0 JSON.

Every file is built from the public view of the data (public_view.py), and only from it: there a
confidential location has no name or address, and a phone with `public: false` does not exist.

The output is deterministic: records sorted by id, keys in the models' field order, JSON in UTF-8
without BOM with `indent=2`. Each CSV table comes in two flavours written by the stdlib `csv` module:
RFC 4180 (comma, CRLF, header row, UTF-8 without BOM) for programs, and one that Danish Excel opens
correctly on a double-click (semicolon, CRLF, UTF-8 with BOM). Lists are joined by " | ". In both
flavours a text cell that a spreadsheet would run as a formula gets a leading apostrophe (see
`spreadsheet_text`); JSON and HSDS keep every value exactly as written.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ..data import formatting, models, service_areas, transcription
from ..data.catalog import Catalog
from ..data.confirmation import confirmation
from ..data.public_view import require_public
from ..data.vocabulary import (
    ACCESS,
    CONFIRMATIONS,
    CONTACT_KINDS,
    LANGUAGES,
    OFFER_KINDS,
    OFFER_STATUSES,
    PHONE_KINDS,
    POLICY_KINDS,
    PROBLEMS,
    SECTORS,
    TARGET_GROUPS,
    THEMES,
    UNKNOWN_STATUS,
    WEEKDAYS,
    ContactKind,
    FactTopic,
    OfferStatus,
    PhoneKind,
    ServiceAreaKind,
    Term,
)

LICENCE = "Data må genbruges; angiv kilden."
LIST_SEPARATOR = " | "
CONFIDENTIAL_NOTE = "Adressen er hemmelig og offentliggøres ikke."

# The namespace of every HSDS id (uuid5 of the record's kind and id). Never change it: the ids that
# re-users have stored depend on it.
HSDS_NAMESPACE = uuid.UUID("616c4474-4154-44dc-b776-9696d0ff2c17")

HSDS_STATUS = {
    OfferStatus.ACTIVE: "active",
    OfferStatus.TEMPORARILY_CLOSED: "temporarily closed",
    OfferStatus.CLOSED: "defunct",
}


def in_hsds(offer: models.Offer) -> bool:
    """Whether the offer is an HSDS service: only when an editor has set its `status`.

    HSDS 3.0 requires a service's status and knows only active, inactive, defunct and temporarily closed. For an
    offer whose status nobody has confirmed, 'active' would claim it is open and 'inactive' that it is not, so it
    is left out of the HSDS files; tilbud.json and the CSV files hold it with `status` empty.
    """
    return offer.status is not None


@dataclass(frozen=True)
class ExportFile:
    """One file of the open data, as written below the built site (`data/`)."""

    path: str  # relative to the site root, e.g. data/tilbud.json
    content: bytes


# --- the records, in the order of the files ------------------------------------------------------


@dataclass(frozen=True)
class PublicData:
    """Offers, contacts and policies of the public view, each list sorted by id."""

    offers: list[models.Offer]
    contacts: list[models.Contact]
    policies: list[models.Policy]


def public_data(catalog: Catalog) -> PublicData:
    """The records the exports hold, read from the public view.

    Raises ValueError if `catalog` is not the public view (public_view.require_public).
    """
    require_public(catalog, "De åbne data")
    return PublicData(
        offers=[catalog.offers[i] for i in sorted(catalog.offers)],
        contacts=[catalog.contacts[i] for i in sorted(catalog.contacts)],
        policies=[catalog.policies[i] for i in sorted(catalog.policies)],
    )


def _digits(number: str) -> str:
    """The eight national digits of a Danish number: '+45 36 37 70 00' → '36377000'."""
    return re.sub(r"\D", "", number)[-8:]


# --- serialisation ------------------------------------------------------------------------------


# Characters that could end a string or start markup if a JSON file is ever read as HTML or put into a
# script; as JSON escapes they parse back to exactly the same text.
_JSON_UNSAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def json_text(value: Any, **options: Any) -> str:
    r"""`value` as JSON (UTF-8 text, `options` as for json.dumps) in which no text from YAML is markup.

    <, > and & stand as \u escapes, which a JSON reader turns back into the value exactly as written.
    """
    return json.dumps(value, ensure_ascii=False, **options).translate(_JSON_UNSAFE)


def to_json(value: Any) -> bytes:
    """`value` as the bytes of a JSON file: `json_text` indented by 2, UTF-8, ending in a newline."""
    return (json_text(value, indent=2) + "\n").encode("utf-8")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(_cell(v) for v in value)
    return str(value)


# The first characters with which a spreadsheet (Excel, LibreOffice, Google Sheets) starts a formula or
# a command (OWASP, "CSV Injection"), and the apostrophe itself, so that the rule stays reversible.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


def spreadsheet_text(text: str) -> str:
    """A text cell as a spreadsheet shows it and never runs it: '=SUM(A1)' → "'=SUM(A1)".

    OWASP's advice for CSV injection: a leading apostrophe makes the cell plain text. An apostrophe that
    a value already begins with is doubled, so the rule is reversible: a cell that begins with ' has had
    exactly one ' added in front, and removing it gives the value as written.
    """
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class ExcelDanish(csv.excel):
    """What Danish Excel reads on a double-click: its list separator is the semicolon (with BOM, see below)."""

    delimiter = ";"


@dataclass(frozen=True)
class CsvFlavour:
    """One way of writing the CSV files: for programs (RFC 4180) or for Excel (semicolons, a BOM)."""

    suffix: str  # added to the file's stem: tilbud.csv, tilbud-excel.csv
    dialect: type[csv.Dialect]
    encoding: str  # utf-8-sig writes the BOM that tells Excel the file is UTF-8
    delimiter: str
    audience: str  # who the file is for, for the manifest


CSV_FLAVOURS = (
    CsvFlavour("", csv.excel, "utf-8", ",", "Til programmer: RFC 4180, komma, UTF-8 uden BOM."),
    CsvFlavour("-excel", ExcelDanish, "utf-8-sig", ";", "Til Excel på dansk (dobbeltklik): semikolon, UTF-8 med BOM."),
)


def to_csv(header: list[str], rows: Iterable[dict[str, Any]], flavour: CsvFlavour = CSV_FLAVOURS[0]) -> bytes:
    """A header row and one row per dict, in `flavour` (RFC 4180 by default).

    CRLF line ends, quoted where needed by the csv module; lists joined with ' | '; text cells made safe with
    `spreadsheet_text`.
    """
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, dialect=flavour.dialect)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_csv_cell(row.get(column)) for column in header])
    return buffer.getvalue().encode(flavour.encoding)


def _csv_cell(value: Any) -> str:
    # Numbers and booleans cannot be formulas; every text, and every list (it starts with a text), can.
    text = _cell(value)
    return text if isinstance(value, (int, float)) else spreadsheet_text(text)


def _labels(table: dict[str, Term], ids: Iterable[str]) -> list[str]:
    return [table[i].label for i in ids]


def _paragraphs(*parts: str | Iterable[str] | None) -> str | None:
    """Text pieces joined as paragraphs (blank line between), or None if there are none."""
    out: list[str] = []
    for part in parts:
        if isinstance(part, str):
            out.append(part)
        elif part:
            out.extend(part)
    return "\n\n".join(out) or None


def _address_text(address: models.Address | None) -> str | None:
    return f"{address.street}, {address.postal_code} {address.city}" if address else None


def _hours_text(hours: models.OpeningHours, with_note: bool = True) -> str:
    text = f"{', '.join(_labels(WEEKDAYS, hours.days)).lower()} {hours.opens}–{hours.closes}"
    return f"{text} ({hours.note})" if hours.note and with_note else text


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _location_text(location: models.Location) -> str:
    if location.confidential:
        return CONFIDENTIAL_NOTE
    return ", ".join(x for x in (location.name, _address_text(location.address)) if x) or "Adressen er ikke oplyst."


def _phone_text(phone: models.Phone) -> str:
    details = [PHONE_KINDS[phone.kind].label] + [x for x in (phone.description, phone.opening_hours) if x]
    return f"{phone.number} ({'; '.join(details)})"


def _legal_label(catalog: Catalog, basis_id: str) -> str:
    basis = catalog.legal_bases[basis_id]
    return formatting.legal_basis_label(basis, long=True)


def _focus_label(catalog: Catalog, ref: str) -> str:
    policy, area = catalog.focus_area(ref)
    return f"{policy.title}: {area.title}"


def _municipality_name(catalog: Catalog, municipality_id: str | None) -> str | None:
    return formatting.municipality_name(catalog.municipalities[municipality_id]) if municipality_id else None


def _municipality_facts(catalog: Catalog, municipality_id: str | None) -> dict[str, str | None]:
    """The kommunekode and region of a record's municipality, as the columns after its name."""
    m = catalog.municipalities[municipality_id] if municipality_id else None
    return {"municipality_kommunekode": m.kommunekode if m else None, "municipality_region": m.region if m else None}


def _contact_name(catalog: Catalog, contact_id: str | None) -> str | None:
    return catalog.contacts[contact_id].name if contact_id else None


# --- tilbud -------------------------------------------------------------------------------------

_OFFER_TABLES = {
    "kinds": OFFER_KINDS,
    "target_groups": TARGET_GROUPS,
    "problems": PROBLEMS,
    "access": ACCESS,
    "languages": LANGUAGES,
}


def offer_record(catalog: Catalog, offer: models.Offer) -> dict[str, Any]:
    """The offer's fields in model order, with Danish labels after each vocabulary field."""
    out: dict[str, Any] = {}
    for key, value in offer.model_dump(mode="json").items():
        out[key] = value
        if key == "status":
            out["status_label"] = (OFFER_STATUSES[value] if value else UNKNOWN_STATUS).label
        elif key == "municipality":
            out["municipality_name"] = _municipality_name(catalog, value)
            out |= _municipality_facts(catalog, value)
        elif key == "service_area":
            out["service_area_label"] = service_areas.describe(catalog, offer)
        elif key == "provider":
            out["provider_name"] = _contact_name(catalog, value)
        elif key in _OFFER_TABLES:
            out[f"{key}_labels"] = _labels(_OFFER_TABLES[key], value)
        elif key == "legal_basis":
            out["legal_basis_labels"] = [_legal_label(catalog, v) for v in value]
        elif key == "contacts":
            out["contacts_names"] = [_contact_name(catalog, v) for v in value]
        elif key == "focus_areas":
            out["focus_areas_labels"] = [_focus_label(catalog, v) for v in value]
        elif key == "last_verified":
            out["confirmation"] = confirmation(offer)
            out["confirmation_label"] = CONFIRMATIONS[out["confirmation"]].label
    return out


def source_urls(record: models.Offer | models.Contact) -> list[str]:
    """Every web page a record's facts were read on (sources, facts, phones, address), each once, in order."""
    sources = [
        *record.sources,
        *(f.source for f in record.facts),
        *(p.source for p in getattr(record, "phones", ())),
        getattr(getattr(record, "address", None), "source", None),
    ]
    return list(dict.fromkeys(s.url for s in sources if s is not None and s.url))


def _fact_text(fact: models.SourcedFact) -> str:
    """'Tekst (Kilde: url, læst 2026-11-30 – ikke bekræftet af tilbuddet)' for a CSV cell or an HSDS text."""
    where = fact.source.url or fact.source.title
    when = f", læst {fact.source.read_on.isoformat()}" if fact.source.read_on else ""
    state = "bekræftet" if fact.source.confirmed else "ikke bekræftet"
    return f"{fact.text} (Kilde: {where}{when} – {state} af tilbuddet)"


OFFER_COLUMNS = [
    "id",
    "name",
    "alternate_name",
    "status",
    "status_label",
    "status_note",
    "summary",
    "description",
    "municipality",
    "municipality_name",
    "municipality_kommunekode",
    "municipality_region",
    "service_area",
    "service_area_label",
    "provider",
    "provider_name",
    "kinds",
    "kinds_labels",
    "methods",
    "legal_basis",
    "legal_basis_labels",
    "target_groups",
    "target_groups_labels",
    "problems",
    "problems_labels",
    "age_min",
    "age_max",
    "eligibility",
    "access",
    "access_labels",
    "how_to_access",
    "locations",
    "opening_hours",
    "opening_hours_note",
    "accessibility",
    "cost",
    "languages",
    "languages_labels",
    "capacity_places",
    "capacity_available",
    "capacity_updated",
    "contacts",
    "contacts_names",
    "website",
    "focus_areas",
    "focus_areas_labels",
    "sources",
    "source_urls",
    "facts",
    "last_verified",
    "confirmation",
    "confirmation_label",
    "verified_by",
]


def offer_row(catalog: Catalog, offer: models.Offer) -> dict[str, Any]:
    """The offer as one CSV row: `offer_record` with locations, hours, capacity and facts as flat text.

    Column name → value (str, int, bool, None or a list joined later by `to_csv`); the columns are OFFER_COLUMNS.
    """
    row = offer_record(catalog, offer)
    named = len(offer.locations) > 1
    row["locations"] = [_location_text(loc) for loc in offer.locations]
    row["opening_hours"] = [
        (f"{loc.name}: " if named and loc.name else "") + _hours_text(h)
        for loc in offer.locations
        for h in loc.opening_hours
    ]
    row["accessibility"] = [loc.accessibility for loc in offer.locations if loc.accessibility]
    row["capacity_places"] = offer.capacity.places if offer.capacity else None
    row["capacity_available"] = offer.capacity.available if offer.capacity else None
    row["capacity_updated"] = offer.capacity.updated.isoformat() if offer.capacity else None
    row["sources"] = [s.title for s in offer.sources]
    row["service_area"] = _area_cell(offer)
    row["source_urls"] = source_urls(offer)
    row["facts"] = [_fact_text(f) for f in offer.facts]
    return row


# --- kontakter ----------------------------------------------------------------------------------


def contact_record(catalog: Catalog, contact: models.Contact) -> dict[str, Any]:
    """The contact's fields in model order (as JSON values), with Danish labels after each vocabulary field.

    Only the public phones are there (the contact comes from the public view), without their `public` flag.
    """
    out: dict[str, Any] = {}
    for key, value in contact.model_dump(mode="json").items():
        if key == "phones":
            # Only public phones are left; the flag says nothing any more.
            value = [_phone_record(p) for p in value]
        out[key] = value
        if key == "kind":
            out["kind_label"] = CONTACT_KINDS[value].label
        elif key == "sector":
            out["sector_label"] = SECTORS[value].label
        elif key == "municipality":
            out["municipality_name"] = _municipality_name(catalog, value)
            out |= _municipality_facts(catalog, value)
        elif key == "service_area":
            out["service_area_label"] = service_areas.describe(catalog, contact)
        elif key == "parent":
            out["parent_name"] = _contact_name(catalog, value)
    return out


def _phone_record(phone: dict[str, Any]) -> dict[str, Any]:
    """A dumped public phone with its kind's label; the `public` flag says nothing any more."""
    out: dict[str, Any] = {}
    for key, value in phone.items():
        if key != "public":
            out[key] = value
        if key == "kind":
            out["kind_label"] = PHONE_KINDS[value].label
    return out


CONTACT_COLUMNS = [
    "id",
    "name",
    "kind",
    "kind_label",
    "sector",
    "sector_label",
    "municipality",
    "municipality_name",
    "municipality_kommunekode",
    "municipality_region",
    "service_area",
    "service_area_label",
    "parent",
    "parent_name",
    "summary",
    "description",
    "phones",
    "email",
    "secure_mail",
    "address",
    "website",
    "person_name",
    "person_named_in",
    "sources",
    "source_urls",
    "facts",
    "last_verified",
]


def contact_row(catalog: Catalog, contact: models.Contact) -> dict[str, Any]:
    """The contact as one CSV row: `contact_record` with phones, address, person and sources as flat text."""
    row = contact_record(catalog, contact)
    row["phones"] = [_phone_text(p) for p in contact.phones]
    row["address"] = _address_text(contact.address)
    row["person_name"] = contact.person.name if contact.person else None
    row["person_named_in"] = contact.person.named_in if contact.person else None
    row["sources"] = [s.title for s in contact.sources]
    row["service_area"] = _area_cell(contact)
    row["source_urls"] = source_urls(contact)
    row["facts"] = [_fact_text(f).replace("af tilbuddet", "af kontakten") for f in contact.facts]
    return row


def _area_cell(record: models.Contact | models.Offer) -> str | None:
    """A service area as written, for a CSV cell: 'region: Region Hovedstaden', 'kommuner: roedovre | egedal'."""
    area = record.service_area
    if area is None:
        return None
    detail = area.region if area.kind == ServiceAreaKind.REGION else LIST_SEPARATOR.join(area.municipalities)
    return f"{area.kind}: {detail}" if detail else area.kind


# --- politikker ---------------------------------------------------------------------------------

POLICY_COLUMNS = [
    "policy_id",
    "policy_title",
    "policy_kind",
    "policy_kind_label",
    "municipality",
    "municipality_name",
    "municipality_kommunekode",
    "municipality_region",
    "valid_from",
    "valid_to",
    "period",
    "adopted",
    "age_scope",
    "transcription",
    "transcription_label",
    "missing_note",
    "focus_area_number",
    "focus_area_id",
    "focus_area_title",
    "focus_area_summary",
    "themes",
    "themes_labels",
    "offers",
]


def policy_rows(catalog: Catalog, policy: models.Policy) -> Iterable[dict[str, Any]]:
    """One row per focus area, in the document's order."""
    for number, area in enumerate(policy.focus_areas.areas, start=1):
        yield {
            "policy_id": policy.id,
            "policy_title": policy.title,
            "policy_kind": policy.kind,
            "policy_kind_label": POLICY_KINDS[policy.kind].label,
            "municipality": policy.municipality,
            "municipality_name": _municipality_name(catalog, policy.municipality),
            **_municipality_facts(catalog, policy.municipality),
            "age_scope": list(policy.target_group.age_scope) if policy.target_group else [],
            "transcription": policy.source.transcription,
            "transcription_label": transcription.label(policy),
            "missing_note": policy.source.missing_note,
            "valid_from": policy.valid_from.isoformat() if policy.valid_from else None,
            "valid_to": policy.valid_to.isoformat() if policy.valid_to else None,
            "period": formatting.period(policy.valid_from, policy.valid_to),
            "adopted": policy.adopted,
            "focus_area_number": number,
            "focus_area_id": area.id,
            "focus_area_title": area.title,
            "focus_area_summary": area.summary,
            "themes": area.themes,
            "themes_labels": _labels(THEMES, area.themes),
            "offers": sorted(o.id for o in catalog.offers_for_focus_area(policy.id, area.id)),
        }


# --- HSDS 3.0 -----------------------------------------------------------------------------------


def hsds_id(*parts: str) -> str:
    """A stable UUID (as text) for an HSDS record, from its parts joined by '/'.

    The same parts give the same id in every build, e.g. `hsds_id("service", "offer-id")`.
    """
    return str(uuid.uuid5(HSDS_NAMESPACE, "/".join(parts)))


def _compact(record: dict[str, Any]) -> dict[str, Any]:
    """HSDS fields are typed strings, numbers or arrays: leave out what is unknown instead of null."""
    return {k: v for k, v in record.items() if v is not None}


@dataclass(frozen=True)
class Taxonomy:
    """One of the site's vocabularies as an HSDS taxonomy (a code list the offers' terms point into)."""

    key: str  # the field of the offer or contact
    name: str  # Danish name of the taxonomy
    description: str
    link_type: str  # what the term describes (HSDS's open code list)


TAXONOMIES = {
    "kinds": Taxonomy(
        "kinds", "Tilbudstyper", "Sitets ordliste over slags tilbud (ambulant, dag, bo ...).", "service_type"
    ),
    "problems": Taxonomy(
        "problems",
        "Sociale problemer",
        "Sitets ordliste over sociale problemer, tæt på KL's Fælles Faglige Begreber.",
        "problem",
    ),
    "target_groups": Taxonomy("target_groups", "Målgrupper", "Sitets ordliste over målgrupper.", "target_group"),
    "access": Taxonomy(
        "access", "Adgang", "Sitets ordliste over, hvordan borgeren får adgang til tilbuddet.", "access"
    ),
    "legal_basis": Taxonomy(
        "legal_basis", "Lovgrundlag", "Paragraffer i dansk lov, som tilbud gives efter.", "legal_basis"
    ),
    "sector": Taxonomy("sector", "Aktørtyper", "Sitets ordliste over slags aktører (kommune, region ...).", "sector"),
    "confirmation": Taxonomy(
        "confirmation",
        "Bekræftelse",
        "Hvor langt tilbuddets oplysninger er bekræftet: bekræftet som tilbud, ikke bekræftet, "
        "eller kun nævnt i en politik.",
        "confirmation",
    ),
}


def _taxonomy_terms(catalog: Catalog, key: str) -> dict[str, tuple[str, str]]:
    """Id → (name, description) of the terms of a taxonomy."""
    if key == "legal_basis":
        return {b.id: (formatting.legal_basis_label(b, long=True), b.meaning) for b in catalog.legal_bases.values()}
    table = {
        "kinds": OFFER_KINDS,
        "problems": PROBLEMS,
        "target_groups": TARGET_GROUPS,
        "access": ACCESS,
        "sector": SECTORS,
        "confirmation": CONFIRMATIONS,
    }[key]
    return {t.id: (t.label, t.description) for t in table.values()}


def hsds_attributes(
    catalog: Catalog, entity: str, record_id: str, link_id: str, values: dict[str, Iterable[str]]
) -> list[dict[str, Any]]:
    """HSDS attributes linking a record to the terms of the site's taxonomies, each term embedded."""
    out = []
    for key, codes in values.items():
        taxonomy = TAXONOMIES[key]
        terms = _taxonomy_terms(catalog, key)
        taxonomy_id = hsds_id("taxonomy", key)
        for code in codes:
            name, description = terms[code]
            term_id = hsds_id("taxonomy_term", key, code)
            out.append(
                {
                    "id": hsds_id("attribute", entity, record_id, key, code),
                    "link_id": link_id,
                    "link_type": taxonomy.link_type,
                    "link_entity": entity,
                    "taxonomy_term_id": term_id,
                    "taxonomy_term": {
                        "id": term_id,
                        "code": code,
                        "name": name,
                        "description": description,
                        "taxonomy": taxonomy.name,
                        "taxonomy_id": taxonomy_id,
                        "language": "da",
                        "taxonomy_detail": {
                            "id": taxonomy_id,
                            "name": taxonomy.name,
                            "description": taxonomy.description,
                        },
                    },
                }
            )
    return out


def _organization_of(catalog: Catalog, contact_id: str | None) -> models.Contact | None:
    """The contact itself if it is an organisation, else the nearest organisation above it."""
    seen: set[str] = set()
    while contact_id and contact_id not in seen:
        seen.add(contact_id)
        contact = catalog.contacts[contact_id]
        if contact.kind == ContactKind.ORGANISATION:
            return contact
        contact_id = contact.parent
    return None


OrganizationIndex = tuple[dict[str, list[models.Contact]], dict[str, list[models.Offer]]]


def _by_organization(catalog: Catalog) -> OrganizationIndex:
    """Each organisation's member contacts and the offers it provides, by id, found in one pass.

    One pass, so the organisations export grows linearly with the data.
    """
    members: dict[str, list[models.Contact]] = defaultdict(list)
    provided: dict[str, list[models.Offer]] = defaultdict(list)
    for contact_id in sorted(catalog.contacts):
        organization = _organization_of(catalog, contact_id)
        if organization is not None and catalog.contacts[contact_id].kind != ContactKind.ORGANISATION:
            members[organization.id].append(catalog.contacts[contact_id])
    for offer_id in sorted(catalog.offers):
        organization = _organization_of(catalog, catalog.offers[offer_id].provider)
        if organization is not None:
            provided[organization.id].append(catalog.offers[offer_id])
    return members, provided


def hsds_phone(contact: models.Contact, phone: models.Phone, owner: str) -> dict[str, Any]:
    """A public phone; `owner` is 'organization_id' or 'contact_id'."""
    details = [PHONE_KINDS[phone.kind].label] + [x for x in (phone.description, phone.opening_hours) if x]
    return {
        "id": hsds_id("phone", contact.id, _digits(phone.number), phone.kind),
        owner: hsds_id(owner.split("_")[0], contact.id),
        "number": phone.number,
        "type": "text" if phone.kind == PhoneKind.SMS else "voice",
        "description": "; ".join(details),
    }


def hsds_address(address: models.Address, location_id: str, region: str | None, kind: str) -> dict[str, Any]:
    """An HSDS 3 address object (field → JSON value) for the location `location_id`, in Denmark.

    `region` becomes `state_province` ('' if unknown); `kind` is HSDS's address_type, e.g. 'physical'.
    """
    return {
        "id": hsds_id("address", location_id),
        "location_id": location_id,
        "address_1": address.street,
        "city": address.city,
        "state_province": region or "",
        "postal_code": address.postal_code,
        "country": "DK",
        "address_type": kind,
    }


def _region(catalog: Catalog, municipality_id: str | None) -> str | None:
    return catalog.municipalities[municipality_id].region if municipality_id else None


def hsds_contact(catalog: Catalog, contact: models.Contact) -> dict[str, Any]:
    """A unit, role, council (or organisation) one contacts about a service.

    Without phones: a service lists its contacts' phones once, in its own `phones`, each with `contact_id`.
    """
    organization = _organization_of(catalog, contact.id)
    parent = catalog.contacts[contact.parent] if contact.parent else None
    return _compact(
        {
            "id": hsds_id("contact", contact.id),
            "organization_id": hsds_id("organization", organization.id) if organization else None,
            "name": contact.name,
            "department": parent.name if parent else None,
            "email": contact.email,
        }
    )


def hsds_organization(
    catalog: Catalog, contact: models.Contact, full: bool, by_organization: OrganizationIndex | None = None
) -> dict[str, Any]:
    """An organisation contact as an HSDS organization.

    `full` adds locations, contacts and services (pass `by_organization`, computed once, when exporting many).
    """
    org_id = hsds_id("organization", contact.id)
    parent = _organization_of(catalog, contact.parent)
    record = _compact(
        {
            "id": org_id,
            "name": contact.name,
            "description": _paragraphs(contact.summary, contact.description),
            "email": contact.email,
            "website": contact.website,
            "parent_organization_id": hsds_id("organization", parent.id) if parent else None,
            "phones": [hsds_phone(contact, p, "organization_id") for p in contact.phones],
        }
    )
    if not full:
        return record
    locations = []
    if contact.address:
        location_id = hsds_id("location", "contact", contact.id)
        locations.append(
            {
                "id": location_id,
                "location_type": "postal",
                "organization_id": org_id,
                "addresses": [
                    hsds_address(contact.address, location_id, _region(catalog, contact.municipality), "postal")
                ],
            }
        )
    members, provided = by_organization or _by_organization(catalog)
    contacts = []
    for member in members.get(contact.id, ()):
        entry = hsds_contact(catalog, member)
        entry["phones"] = [hsds_phone(member, p, "contact_id") for p in member.phones]
        contacts.append(entry)
    services = [
        {"id": hsds_id("service", o.id), "organization_id": org_id, "name": o.name, "status": HSDS_STATUS[o.status]}
        for o in provided.get(contact.id, ())
        if o.status is not None
    ]
    record |= {
        "locations": locations,
        "contacts": contacts,
        "attributes": hsds_attributes(catalog, "organization", contact.id, org_id, {"sector": [contact.sector]}),
        "services": services,
    }
    return record


def hsds_schedule(hours: models.OpeningHours, schedule_id: str, links: dict[str, str]) -> dict[str, Any]:
    """Weekly opening hours as an iCal-style HSDS schedule.

    Times are Danish local time; 24:00 is written 23:59, and the description keeps the hours as the data says them.
    """
    return _compact(
        {
            "id": schedule_id,
            **links,
            "freq": "WEEKLY",
            "wkst": "MO",
            "byday": ",".join(WEEKDAYS[d].description for d in hours.days),
            "opens_at": hours.opens,
            "closes_at": "23:59" if hours.closes == "24:00" else hours.closes,
            "description": _sentence(_hours_text(hours, with_note=False)) + ", dansk tid.",
            "notes": hours.note,
        }
    )


def hsds_service(catalog: Catalog, offer: models.Offer) -> dict[str, Any]:
    """An offer (already made public) as an HSDS 3.0 service with its related records embedded.

    Raises ValueError for an offer without a status (`in_hsds`).
    """
    if offer.status is None:
        raise ValueError(f"tilbuddet '{offer.id}' har ingen status og hører ikke til i HSDS-filerne")
    service_id = hsds_id("service", offer.id)
    organization = _organization_of(catalog, offer.provider)
    municipality = catalog.municipalities[offer.municipality]

    contact_ids = [*([offer.provider] if offer.provider else []), *offer.contacts]
    contact_ids = [c for i, c in enumerate(contact_ids) if c not in contact_ids[:i]]
    if organization and offer.provider == organization.id and organization.id not in offer.contacts:
        contact_ids.remove(organization.id)  # the provider is the organization itself, embedded below
    contacts = [catalog.contacts[c] for c in contact_ids]

    service_at_locations = []
    for i, location in enumerate(offer.locations):
        location_id = hsds_id("location", offer.id, str(i))
        sal_id = hsds_id("service_at_location", offer.id, str(i))
        hsds_location = _compact(
            {
                "id": location_id,
                "location_type": "physical",
                "name": location.name,
                "description": CONFIDENTIAL_NOTE if location.confidential else None,
                "addresses": [hsds_address(location.address, location_id, municipality.region, "physical")]
                if location.address
                else [],
                "accessibility": [
                    {
                        "id": hsds_id("accessibility", location_id),
                        "location_id": location_id,
                        "description": location.accessibility,
                    }
                ]
                if location.accessibility
                else [],
            }
        )
        service_at_locations.append(
            _compact(
                {
                    "id": sal_id,
                    "service_id": service_id,
                    "location_id": location_id,
                    "description": CONFIDENTIAL_NOTE if location.confidential else None,
                    "schedules": [
                        hsds_schedule(
                            h, hsds_id("schedule", offer.id, str(i), str(j)), {"service_at_location_id": sal_id}
                        )
                        for j, h in enumerate(location.opening_hours)
                    ],
                    "location": hsds_location,
                }
            )
        )

    return _compact(
        {
            "id": service_id,
            "organization_id": hsds_id("organization", organization.id) if organization else None,
            "name": offer.name,
            "alternate_name": offer.alternate_name,
            "description": _paragraphs(offer.summary, offer.description),
            "url": offer.website,
            "status": HSDS_STATUS[offer.status],
            "application_process": _paragraphs(
                offer.how_to_access, [_fact_text(f) for f in offer.facts if f.topic == FactTopic.ACCESS]
            ),
            "fees_description": offer.cost,
            "eligibility_description": offer.eligibility,
            "minimum_age": offer.age_min,
            "maximum_age": offer.age_max,
            "assured_date": offer.last_verified.isoformat() if offer.last_verified else None,
            "alert": offer.status_note,
            "phones": [hsds_phone(c, p, "contact_id") for c in contacts for p in c.phones],
            "schedules": [
                {
                    "id": hsds_id("schedule", offer.id, "note"),
                    "service_id": service_id,
                    "description": offer.opening_hours_note,
                }
            ]
            if offer.opening_hours_note
            else [],
            "service_areas": hsds_service_areas(catalog, offer, service_id),
            "service_at_locations": service_at_locations,
            "languages": [
                {
                    "id": hsds_id("language", offer.id, code),
                    "service_id": service_id,
                    "name": LANGUAGES[code].label,
                    "code": code,
                }
                for code in offer.languages
            ],
            "organization": hsds_organization(catalog, organization, full=False) if organization else None,
            "contacts": [hsds_contact(catalog, c) | {"service_id": service_id} for c in contacts],
            "attributes": hsds_attributes(
                catalog,
                "service",
                offer.id,
                service_id,
                {
                    "kinds": offer.kinds,
                    "problems": offer.problems,
                    "target_groups": offer.target_groups,
                    "access": offer.access,
                    "legal_basis": offer.legal_basis,
                    "confirmation": (confirmation(offer),),
                },
            ),
        }
    )


def hsds_service_areas(catalog: Catalog, offer: models.Offer, service_id: str) -> list[dict[str, Any]]:
    """Where the offer's citizens live (service_areas.py).

    Each municipality with its kommunekode, the region, or the whole country; the first keeps the id the export has
    always given the offer's area.
    """
    area = service_areas.area_of(offer)
    if area is None or area.kind == ServiceAreaKind.MUNICIPALITIES:
        ids = area.municipalities if area else (offer.municipality,)
        out = []
        for i, mid in enumerate(ids):
            m = catalog.municipalities[mid]
            out.append(
                {
                    "id": hsds_id("service_area", offer.id) if i == 0 else hsds_id("service_area", offer.id, mid),
                    "service_id": service_id,
                    "name": formatting.municipality_name(m),
                    "description": (
                        "Kommunen, hvor tilbuddet gives"
                        if mid == offer.municipality
                        else "En kommune, hvis borgere tilbuddet er for"
                    )
                    + f" (kommunekode {m.kommunekode}"
                    + (f", {m.region}" if m.region else "")
                    + ").",
                    "uri": f"https://api.dataforsyningen.dk/kommuner/{m.kommunekode}",
                }
            )
        return out
    regional = area.kind == ServiceAreaKind.REGION
    name = area.region if regional else "Hele landet"
    return [
        {
            "id": hsds_id("service_area", offer.id),
            "service_id": service_id,
            "name": name,
            "description": f"Tilbuddet er for borgere i {name if regional else 'hele Danmark'}.",
        }
    ]


# --- all files ----------------------------------------------------------------------------------


def record_counts(catalog: Catalog) -> dict[str, int]:
    """How many records each export holds, for the manifest and the data page."""
    return {
        "tilbud": len(catalog.offers),
        "services": sum(1 for o in catalog.offers.values() if in_hsds(o)),
        "kontakter": len(catalog.contacts),
        "politikker": len(catalog.policies),
        "fokusomraader": sum(len(p.focus_areas.areas) for p in catalog.policies.values()),
        "organisationer": sum(1 for c in catalog.contacts.values() if c.kind == ContactKind.ORGANISATION),
    }


def export_files(catalog: Catalog) -> list[ExportFile]:
    """Every file of the open data: JSON, CSV in each flavour, HSDS 3 and the manifest, from the public view.

    Raises ValueError if `catalog` is not the public view (public_view.require_public).
    """
    return [ExportFile(path, make()) for path, make in deferred_export_files(catalog)]


def deferred_export_files(catalog: Catalog) -> list[tuple[str, Callable[[], bytes]]]:
    """export_files as (path, what makes its content when called): a shard build writes only its own (shards.py).

    The paths, the record counts and the manifest cost little; the records are made when a file's content is.
    Raises ValueError if `catalog` is not the public view (public_view.require_public).
    """
    data = public_data(catalog)
    counts = record_counts(catalog)

    @functools.cache
    def offer_rows() -> list[dict[str, Any]]:
        return [offer_row(catalog, o) for o in data.offers]

    @functools.cache
    def contact_rows() -> list[dict[str, Any]]:
        return [contact_row(catalog, c) for c in data.contacts]

    @functools.cache
    def policy_area_rows() -> list[dict[str, Any]]:
        return [row for p in data.policies for row in policy_rows(catalog, p)]

    def organizations() -> bytes:
        by_organization = _by_organization(catalog)
        return to_json(
            [
                hsds_organization(catalog, c, full=True, by_organization=by_organization)
                for c in data.contacts
                if c.kind == ContactKind.ORGANISATION
            ]
        )

    tables = [  # stem, record count, description, columns, rows
        ("tilbud", counts["tilbud"], "Alle tilbud, én række pr. tilbud.", OFFER_COLUMNS, offer_rows),
        ("kontakter", counts["kontakter"], "Alle kontakter, én række pr. kontakt.", CONTACT_COLUMNS, contact_rows),
        (
            "politikker",
            counts["fokusomraader"],
            "Politikkernes fokusområder, én række pr. fokusområde.",
            POLICY_COLUMNS,
            policy_area_rows,
        ),
    ]
    files: list[tuple[str, str, int, str, Callable[[], bytes]]] = [  # path, format, records, description, content
        (
            "tilbud.json",
            "json",
            counts["tilbud"],
            "Alle tilbud.",
            lambda: to_json([offer_record(catalog, o) for o in data.offers]),
        ),
        (
            "kontakter.json",
            "json",
            counts["kontakter"],
            "Alle kontakter.",
            lambda: to_json([contact_record(catalog, c) for c in data.contacts]),
        ),
        (
            "politikker.json",
            "json",
            counts["politikker"],
            transcription.claims(data.policies).data,
            lambda: to_json([p.model_dump(mode="json") for p in data.policies]),
        ),
        *(
            (
                f"{stem}{flavour.suffix}.csv",
                "csv",
                n,
                f"{description} {flavour.audience}",
                functools.partial(
                    lambda columns, rows, flavour: to_csv(columns, rows(), flavour), columns, rows, flavour
                ),
            )
            for stem, n, description, columns, rows in tables
            for flavour in CSV_FLAVOURS
        ),
        (
            "hsds/services.json",
            "json",
            counts["services"],
            "Tilbud med en status, som en redaktør har sat, som services i HSDS 3.0.",
            lambda: to_json([hsds_service(catalog, o) for o in data.offers if in_hsds(o)]),
        ),
        (
            "hsds/organizations.json",
            "json",
            counts["organisationer"],
            "Alle organisationer som organizations i HSDS 3.0.",
            organizations,
        ),
    ]
    manifest = {
        "title": "Voksne i udsatte positioner – åbne data",
        "license": LICENCE,
        "generated": catalog.today.isoformat(),
        "files": [
            {"path": path, "format": fmt, "records": n, "description": description}
            | ({"standard": "HSDS 3.0"} if path.startswith("hsds/") else {})
            | (_csv_manifest(path) if fmt == "csv" else {})
            for path, fmt, n, description, _ in files
        ],
    }
    out = [(f"data/{path}", make) for path, _, _, _, make in files]
    out.append(("data/index.json", functools.partial(to_json, manifest)))
    return out


def _csv_manifest(path: str) -> dict[str, str]:
    flavour = next(f for f in reversed(CSV_FLAVOURS) if path.endswith(f"{f.suffix}.csv"))
    return {"encoding": flavour.encoding, "delimiter": flavour.delimiter}
