"""One public view: a confidential location and an internal phone exist in no file of the site, and every text
from YAML reaches every file escaped for where it lands – proved with a marker in every string field of every
model, generated from the models themselves, and with the examples of the issue."""

from __future__ import annotations

import csv
import dataclasses
import gzip
import io
import json
import re
import types
import typing
from datetime import date, timedelta
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import add_fixture, copy_data, run_build, run_check
from pydantic import BaseModel
from sitetext import page, pagefind_fragments, visible

from macros.data import models
from macros.data.catalog import load_catalog
from macros.data.clock import today_in_denmark
from macros.data.problems import DataError
from macros.data.public_view import PUBLICATION_FLAGS, public_view, require_public, secrets
from macros.exports import open_data as exports

# Files a browser may read as markup: no text from YAML stands in them as markup. (The data files – CSV,
# vCard, the search index's text – hold the text as written, and each reader shows it as text.)
MARKUP_FILES = {".html", ".xml", ".svg", ".js", ".css", ".json"}

# --- the issue's examples ------------------------------------------------------------------------------

CRISIS_OFFER = "frederiksberg-kvindekrisecenter"
CRISIS_STREET = "Lønligvej 13"
CRISIS_PLACE = "Skjulehuset Ved Søen"
INTERNAL_CONTACT = "roedovre-kommune"
INTERNAL_NUMBER = "87 65 43 29"
HOSTILE_NAME = "Rødovre<skrivebord>"  # an HTML tag is refused by the check (markup.py); this one passes


def add_issue_examples(data: Path) -> None:
    """The crisis centre gets a confidential location with a name and an address; Rødovre Kommune an internal
    phone; the municipality Rødovre a name with a tag in it."""
    offer_file = data / "offers" / f"{CRISIS_OFFER}.yaml"
    offer = yaml.safe_load(offer_file.read_text("utf-8"))
    offer["locations"] = [
        {
            "name": CRISIS_PLACE,
            "confidential": True,
            "address": {"street": CRISIS_STREET, "postal_code": "2000", "city": "Frederiksberg"},
            "accessibility": "Niveaufri adgang",
        }
    ]
    offer_file.write_text(yaml.safe_dump(offer, allow_unicode=True), "utf-8")
    contact_file = data / "contacts" / f"{INTERNAL_CONTACT}.yaml"
    contact = yaml.safe_load(contact_file.read_text("utf-8"))
    contact["phones"] = [
        *contact.get("phones", []),
        {"number": INTERNAL_NUMBER, "kind": "direkte", "description": "Vagtens direkte linje", "public": False},
    ]
    contact_file.write_text(yaml.safe_dump(contact, allow_unicode=True), "utf-8")
    municipality_file = data / "municipalities" / "roedovre.yaml"
    municipality = yaml.safe_load(municipality_file.read_text("utf-8"))
    municipality["name"] = HOSTILE_NAME
    municipality_file.write_text(yaml.safe_dump(municipality, allow_unicode=True), "utf-8")


# --- records generated from the models: a marker in every string field -------------------------------------

HOSTILE = "<skrivebord>\"'&;,\\*_{{q}}"
RAW = "<skrivebord>"  # what must never stand in an HTML file: the markup of a marker, unescaped
PREFIX = "markoer"
TODAY = today_in_denmark()

# Values for the fields whose text has a pattern or refers to another record (by model and field); every
# other string field is free text and gets a marker. A new constrained field that is required fails here.
CONSTRAINED: dict[tuple[str, str], Any] = {
    ("Municipality", "id"): PREFIX,
    ("Policy", "id"): f"{PREFIX}-politik",
    ("Policy", "municipality"): PREFIX,
    ("FocusArea", "id"): "omraade",
    ("RelatedPolicy", "policy"): None,
    ("SourceReference", "policy"): f"{PREFIX}-politik",
    ("Contact", "id"): f"{PREFIX}-kontakt",
    ("Contact", "municipality"): PREFIX,
    ("Contact", "parent"): None,
    ("Offer", "id"): f"{PREFIX}-tilbud",
    ("Offer", "municipality"): PREFIX,
    ("Offer", "provider"): f"{PREFIX}-kontakt",
    ("Offer", "contacts"): [f"{PREFIX}-kontakt"],
    ("Offer", "legal_basis"): ["sel-85"],
    ("Offer", "focus_areas"): [f"{PREFIX}-politik/omraade"],
    ("Municipality", "kommunekode"): "0999",
    ("Author", "contact"): f"{PREFIX}-kontakt",
    ("Policy", "names_contacts"): [f"{PREFIX}-kontakt"],
    ("Policy", "names_offers"): [f"{PREFIX}-tilbud"],
    ("ServiceArea", "municipalities"): [PREFIX],
    ("ServiceArea", "region"): None,  # kind 'kommuner' (the first) names municipalities, not a region
    ("SourceDocument", "transcription"): "delvist",  # so that its note on what is missing is published too
    ("Address", "postal_code"): "2610",
    ("OpeningHours", "opens"): "09:00",
    ("OpeningHours", "closes"): "15:00",
    ("Phone", "number"): "70 00 00 01",
}
BY_TYPE = {
    models.Url: "https://markoer.invalid/side",
    models.Email: "post@markoer.invalid",
    models.PhoneNumber: "70 00 00 02",
    models.PartialDate: "2020-05",
}


class Markers:
    """Hands out markers and remembers them: public ones carry hostile markup, confidential ones are plain words
    (so that search, which indexes words, would hold them as they are)."""

    def __init__(self):
        self.public: dict[str, str] = {}  # marker id → full marker
        self.confidential: dict[str, str] = {}  # marker → field

    def text(self, where: str, confidential: bool) -> str:
        if confidential:
            marker = f"Hemmelig{len(self.confidential) + 1}qz"
            self.confidential[marker] = where
            return marker
        marker_id = f"M4RK{len(self.public) + 1:03d}"
        self.public[marker_id] = f"{marker_id}{HOSTILE}"
        return self.public[marker_id]


def _unwrap(annotation: Any) -> tuple[Any, bool, tuple]:
    """(inner type, is a list, metadata of Annotated) with Optional and Annotated removed."""
    metadata: tuple = ()
    is_list = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            metadata += tuple(annotation.__metadata__)
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        elif origin in (tuple, list):
            is_list = True
            annotation = typing.get_args(annotation)[0]
        else:
            return annotation, is_list, metadata


def _is_free_text(annotation: Any) -> bool:
    inner, _, metadata = _unwrap(annotation)
    return inner is str and not any(getattr(m, "pattern", None) for m in metadata)


def generate(
    model: type[BaseModel],
    markers: Markers,
    where: str,
    confidential: frozenset[str] = frozenset(),
    secret: bool = False,
) -> dict:
    """A valid record of `model` with every field filled: free text with a marker, the rest with a valid value.
    `confidential` names the fields that the publication flag hides; `secret` marks everything as hidden."""
    out: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        here = f"{where}.{name}"
        hidden = secret or name in confidential
        inner, is_list, _ = _unwrap(info.annotation)
        key = (model.__name__, name)
        if key in CONSTRAINED:
            value = CONSTRAINED[key]
            if secret and key == ("Phone", "number"):
                value = INTERNAL_MARKER_NUMBER
        elif model in PUBLICATION_FLAGS and name == PUBLICATION_FLAGS[model][0]:
            value = PUBLICATION_FLAGS[model][1] if secret else not PUBLICATION_FLAGS[model][1]
        elif isinstance(inner, type) and issubclass(inner, BaseModel):
            if is_list and inner in PUBLICATION_FLAGS:
                # One published item and one hidden one, whose hidden fields carry confidential markers.
                hides = HIDDEN_FIELDS[inner]
                value = [
                    generate(inner, markers, f"{here}[0]"),
                    generate(inner, markers, f"{here}[1]", hides, secret=hides == frozenset()),
                ]
                if hides:
                    value[1][PUBLICATION_FLAGS[inner][0]] = PUBLICATION_FLAGS[inner][1]
            else:
                value = generate(inner, markers, here, secret=hidden)
                value = [value] if is_list else value
        elif isinstance(inner, type) and issubclass(inner, Enum):  # a vocabulary: its first id, as YAML writes it
            value = next(iter(inner)).value
            value = [value] if is_list else value
        elif inner is bool:
            value = True  # e.g. a story is anonymised, follow-up happens every year
        elif inner is int:
            low = next((m.ge for m in info.metadata if hasattr(m, "ge")), 1)
            value = max(low, 1)
        elif inner is date:
            value = (TODAY - timedelta(days=30)).isoformat()
        elif any(c in BY_TYPE for c in (info.annotation, *typing.get_args(info.annotation))):
            value = next(BY_TYPE[c] for c in (info.annotation, *typing.get_args(info.annotation)) if c in BY_TYPE)
        elif _is_free_text(info.annotation) and not any(getattr(m, "pattern", None) for m in info.metadata):
            value = markers.text(here, hidden)
            value = [value] if is_list else value
        else:
            raise AssertionError(f"{here}: give the test a valid value for this constrained field")
        out[name] = value
    return out


INTERNAL_MARKER_NUMBER = "98 76 54 31"
# What a hidden item of each flagged model loses: a confidential location its name and address (the rest
# stays published); an internal phone everything (empty set: the whole item is hidden).
HIDDEN_FIELDS = {models.Location: frozenset({"name", "address"}), models.Phone: frozenset()}


def generated_records(markers: Markers) -> dict[str, dict]:
    """folder → record: a municipality, a policy, a contact and an offer with every field filled."""
    return {
        "municipalities": generate(models.Municipality, markers, "municipality"),
        "policies": generate(models.Policy, markers, "policy"),
        "contacts": generate(models.Contact, markers, "contact"),
        "offers": generate(models.Offer, markers, "offer"),
    }


# --- one build with everything ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def markers() -> Markers:
    return Markers()


@pytest.fixture(scope="module")
def leak_data(tmp_path_factory, markers) -> Path:
    data = copy_data(tmp_path_factory.mktemp("publicview") / "data")
    add_issue_examples(data)
    for folder, record in generated_records(markers).items():
        (data / folder / f"{record['id']}.yaml").write_text(yaml.safe_dump(record, allow_unicode=True), "utf-8")
    return data


@pytest.fixture(scope="module")
def leak_site(leak_data, tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("publicviewsite")
    result = run_build(site, leak_data)
    assert result.returncode == 0, result.stderr
    return site


def site_files(site: Path) -> dict[Path, bytes]:
    """Every file of the site as bytes, Pagefind's compressed index files decompressed."""
    out = {}
    for file in sorted(site.rglob("*")):
        if file.is_file():
            raw = file.read_bytes()
            out[file] = gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw
    return out


# --- unit: the projection and its verification ---------------------------------------------------------------


@pytest.fixture(scope="module")
def full_catalog(tmp_path_factory):
    data = copy_data(tmp_path_factory.mktemp("publicviewunit") / "data")
    add_fixture(data, "offer_with_confidential_address.yaml")
    add_fixture(data, "contact_full.yaml")
    return load_catalog(data)


def test_the_public_view_has_no_confidential_location_details_and_no_internal_phone(full_catalog):
    view = public_view(full_catalog)
    assert view.public and not full_catalog.public
    location = view.offers["offer-with-confidential-address"].locations[0]
    assert location.confidential and location.name is None and location.address is None
    assert location.opening_hours == full_catalog.offers["offer-with-confidential-address"].locations[0].opening_hours
    assert [p.number for p in view.contacts["contact-full"].phones] == ["+45 11 22 33 44"]
    assert len(full_catalog.contacts["contact-full"].phones) == 2  # the full catalog is not changed
    assert public_view(view) is view


def test_a_confidential_value_left_in_the_public_view_is_an_error_naming_the_record(full_catalog):
    contact = full_catalog.contacts["contact-full"]
    leaky = contact.model_copy(update={"summary": "Henvis til Krisecentret eller ring 55 66 77 88."})
    with pytest.raises(DataError) as error:
        public_view(dataclasses.replace(full_catalog, contacts={**full_catalog.contacts, contact.id: leaky}))
    message = str(error.value)
    assert "contacts/contact-full.yaml" in message and "summary" in message
    assert "navnet på et hemmeligt sted fra offers/offer-with-confidential-address.yaml (locations[0].name)" in message
    assert "et internt telefonnummer fra contacts/contact-full.yaml (phones[1].number)" in message
    assert "Krisecentret" not in message and "55 66 77 88" not in message  # build logs may be public


def test_a_confidential_value_reworded_in_the_public_view_is_still_an_error(full_catalog):
    contact = full_catalog.contacts["contact-full"]
    leaky = contact.model_copy(
        update={"summary": "Henvis til Krisecentret på hemmeligvej nr. 7, ring 11 22 33 44 / 55-66-77-88."}
    )
    with pytest.raises(DataError) as error:
        public_view(dataclasses.replace(full_catalog, contacts={**full_catalog.contacts, contact.id: leaky}))
    message = str(error.value)
    assert "navnet på et hemmeligt sted fra offers/offer-with-confidential-address.yaml (locations[0].name)" in message
    assert "en hemmelig adresse fra offers/offer-with-confidential-address.yaml" in message
    assert "et internt telefonnummer fra contacts/contact-full.yaml (phones[1].number)" in message
    assert "hemmeligvej" not in message.casefold() and "55-66" not in message


def test_the_view_is_searched_in_every_text_of_a_record_down_to_the_deepest(full_catalog):
    from macros.data.public_view import all_text, records, texts

    for _, _, record in records(full_catalog):  # one search of all_text tells whether any single text can match
        assert all_text(record) == "\n".join(text for _, text in texts(record))
    contact = full_catalog.contacts["contact-full"]
    leaky = contact.phones[0].model_copy(
        update={"description": "Via hemmeligvej 7", "opening_hours": "Spørg efter Krisecentret"}
    )
    with pytest.raises(DataError) as error:
        public_view(
            dataclasses.replace(
                full_catalog,
                contacts={**full_catalog.contacts, contact.id: contact.model_copy(update={"phones": (leaky,)})},
            )
        )
    message = str(error.value)
    assert "phones[0].description: teksten nævner en hemmelig adresse" in message
    assert "phones[0].opening_hours: teksten nævner navnet på et hemmeligt sted" in message


def test_a_distinctive_part_of_a_secret_place_name_is_a_secret_too(full_catalog):
    offer = full_catalog.offers["offer-with-confidential-address"]
    place = offer.locations[0].model_copy(update={"name": "Skjulested Lærkehuset"})
    catalog = dataclasses.replace(
        full_catalog, offers={**full_catalog.offers, offer.id: offer.model_copy(update={"locations": (place,)})}
    )
    names = sorted(s.value for s in secrets(catalog) if s.kind == "name")
    assert names == ["Lærkehuset", "Skjulested Lærkehuset"]
    # A part that is also a published name (a municipality, a city) says nothing about where the place is.
    place = place.model_copy(update={"name": "Krisecenter Rødovre"})
    catalog = dataclasses.replace(
        full_catalog, offers={**full_catalog.offers, offer.id: offer.model_copy(update={"locations": (place,)})}
    )
    assert sorted(s.value for s in secrets(catalog) if s.kind == "name") == ["Krisecenter Rødovre"]


def test_outputs_refuse_the_full_catalog(full_catalog):
    with pytest.raises(ValueError, match="offentlige udgave"):
        exports.export_files(full_catalog)
    with pytest.raises(ValueError, match="offentlige udgave"):
        require_public(full_catalog, "Sitets sider")


def test_every_publication_flag_of_the_models_is_applied_by_the_public_view():
    """A new flag such as `public` or `confidential` on a model must be known to the public view."""
    flagged = {
        cls
        for cls in vars(models).values()
        if isinstance(cls, type) and issubclass(cls, models.Model)
        for name, info in cls.model_fields.items()
        if info.annotation is bool and "offentliggør" in (info.description or "")
    }
    assert flagged == set(PUBLICATION_FLAGS) == set(HIDDEN_FIELDS)


def test_the_check_names_a_secret_place_written_into_another_record(data_copy):
    add_fixture(data_copy, "offer_with_confidential_address.yaml")
    contact = data_copy / "contacts" / "roedovre-kommune.yaml"
    contact.write_text(
        contact.read_text("utf-8").replace("summary: ", "summary: Henvis til Krisecentret. ", 1), "utf-8"
    )
    result = run_check(data_copy)
    assert result.returncode != 0
    assert re.search(
        r"contacts/roedovre-kommune\.yaml:\d+: summary: teksten nævner navnet på et hemmeligt sted fra "
        r"offers/offer-with-confidential-address\.yaml \(locations\[0\]\.name\)",
        result.stdout + result.stderr,
    )


# --- the issue's examples, built ------------------------------------------------------------------------------


def test_the_issue_secrets_are_in_no_file_of_the_site(leak_site):
    files = site_files(leak_site)
    assert any(f.suffix == ".pf_fragment" for f in files) and any(f.name == "sitemap.xml" for f in files)
    assert any(f.suffix == ".vcf" for f in files) and any(f.suffix == ".csv" for f in files)
    digits = INTERNAL_NUMBER.replace(" ", "")
    for file, content in files.items():
        text = content.decode("utf-8", errors="replace")
        for secret in (
            CRISIS_STREET,
            "Lønligvej",
            CRISIS_PLACE,
            "Skjulehuset",
            INTERNAL_NUMBER,
            digits,
            "Vagtens direkte linje",
        ):
            assert secret not in text, (file, secret)


def test_the_field_reference_and_search_show_no_secret(leak_site):
    reference = visible(page(leak_site, "redaktoer/feltreference"))
    assert "locations[].address.street" in reference  # the table is there, with public examples
    for secret in (CRISIS_STREET, CRISIS_PLACE, INTERNAL_NUMBER):
        assert secret not in reference
    fragments = json.dumps(pagefind_fragments(leak_site), ensure_ascii=False)
    assert f"tilbud/{CRISIS_OFFER}/" in fragments
    assert CRISIS_PLACE not in fragments and CRISIS_STREET not in fragments


def test_the_crisis_centre_page_says_the_address_is_secret(leak_site):
    text = visible(page(leak_site, f"tilbud/{CRISIS_OFFER}"))
    assert "Adressen er hemmelig" in text and "Niveaufri adgang" in text


def test_markup_in_a_municipality_name_is_shown_as_text(leak_site):
    for file, content in site_files(leak_site).items():
        if file.suffix in MARKUP_FILES:
            assert b"<skrivebord>" not in content, file
    for url in ("", "ny-medarbejder/print", "ny-medarbejder", "ny-medarbejder/roedovre"):
        html_text = page(leak_site, url)
        assert "<skrivebord>" not in html_text, url
        assert HOSTILE_NAME in visible(html_text), url  # shown as written, not dropped
    # The open data and the search index hold the name as the data says it (each reader escapes it).
    tilbud = json.loads((leak_site / "data" / "tilbud.json").read_text("utf-8"))
    assert f"{HOSTILE_NAME} Kommune" in {o["municipality_name"] for o in tilbud}
    assert f"{HOSTILE_NAME} Kommune" in pagefind_fragments(leak_site)["ny-medarbejder/roedovre/"]["content"]


# --- markers in every field, built ------------------------------------------------------------------------------


def _strings(value: Any):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _vcard_values(text: str) -> list[str]:
    """Every component of every property value, unescaped (RFC 2426: unfold; ';' and ',' separate unless
    escaped), so a text whose separators were not escaped falls apart into pieces."""
    values = []
    for line in text.replace("\r\n ", "").split("\r\n"):
        value, current, i = line.partition(":")[2], "", 0
        while i < len(value):
            char = value[i]
            if char == "\\" and i + 1 < len(value):
                current += "\n" if value[i + 1] in "nN" else value[i + 1]
                i += 2
                continue
            if char in ";,":
                values.append(current)
                current = ""
            else:
                current += char
            i += 1
        values.append(current)
    return values


def test_no_confidential_marker_reaches_any_file(leak_site, markers):
    assert len(markers.confidential) >= 5, markers.confidential  # location name, street, city; phone texts
    files = site_files(leak_site)
    index = b"".join(c for f, c in files.items() if "pagefind" in f.parts).lower()
    # The search index holds words as they are: the public markers' words are found there.
    assert b"m4rk001" in index
    for file, content in files.items():
        folded = content.decode("utf-8", errors="replace").casefold()
        for marker, where in markers.confidential.items():
            assert marker.casefold() not in folded, (file, where)
        assert INTERNAL_MARKER_NUMBER not in folded and INTERNAL_MARKER_NUMBER.replace(" ", "") not in folded, file


def _values_as_data(file: Path, text: str) -> list[str]:
    """The texts a data file holds, read the way its readers read it."""
    if file.suffix == ".json":
        return list(_strings(json.loads(text)))
    if file.suffix == ".pf_fragment":  # Pagefind's page text (its script escapes it for the excerpt)
        return list(_strings(json.loads(text[len("pagefind_dcd") :])))
    if file.suffix == ".csv":
        excel = file.name.endswith("-excel.csv")  # Danish Excel's flavour: BOM and semicolons
        rows = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=";" if excel else ",")
        return [cell for row in rows for cell in row]
    if file.suffix == ".vcf":
        return _vcard_values(text)
    raise AssertionError(f"{file}: a marker in a file of a kind the test does not know")


def test_every_marker_is_published_and_escaped_for_where_it_lands(leak_site, markers):
    files = site_files(leak_site)
    seen: set[str] = set()
    marker_re = re.compile(r"M4RK\d{3}")
    for file, content in files.items():
        text = content.decode("utf-8", errors="replace")
        if "M4RK" not in text or file.suffix in (".pf_index", ".pf_filter", ".pf_meta"):  # words and ids only
            continue
        if file.suffix in MARKUP_FILES:
            assert RAW not in text, (file, text[text.find(RAW) - 60 : text.find(RAW) + 20])
        if file.suffix in MARKUP_FILES - {".json"}:
            seen |= set(marker_re.findall(text))
            continue
        values = _values_as_data(file, text)
        for found in marker_re.findall(text):  # wherever a marker stands in data, it stands whole, as written
            assert any(markers.public[found] in v for v in values), (file, found)
            seen.add(found)
    missing = set(markers.public) - seen
    assert not missing, sorted(missing)
    # The pages show the records, their text escaped and shown exactly as written.
    for path in (
        f"tilbud/{PREFIX}-tilbud",
        f"kontakter/{PREFIX}-kontakt",
        f"politikker/{PREFIX}-politik",
        f"ny-medarbejder/{PREFIX}",
    ):
        shown = visible(page(leak_site, path))
        assert sum(marker in shown for marker in markers.public.values()) >= 3, path
    assert markers.public["M4RK001"] in visible(page(leak_site, ""))  # the municipality's name on the home page
    for marker_id in ("M4RK001", f"M4RK{len(markers.public):03d}"):  # the first and the last field
        assert marker_id in seen
