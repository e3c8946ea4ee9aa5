"""The open data in data/: every file is there and parses, holds every record, follows HSDS 3.0 where it
says so, picks up new records, and never publishes a confidential address or an internal phone."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import uuid
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, ROOT, add_fixture, copy_data, run_build
from jsonschema.validators import validator_for
from sitetext import page, visible

from macros.data.catalog import load_catalog
from macros.data.problems import DataError
from macros.data.public_view import public_view
from macros.exports import open_data as exports

HSDS_SCHEMAS = FIXTURES / "hsds-3.0"
JSON_FILES = ("tilbud.json", "kontakter.json", "politikker.json", "hsds/services.json", "hsds/organizations.json")
PLAIN_CSV_FILES = ("tilbud.csv", "kontakter.csv", "politikker.csv")
EXCEL_CSV_FILES = ("tilbud-excel.csv", "kontakter-excel.csv", "politikker-excel.csv")
CSV_FILES = PLAIN_CSV_FILES + EXCEL_CSV_FILES
ALL_FILES = ("index.json",) + JSON_FILES + CSV_FILES

NEW_OFFER = "eksport-nyt-tilbud"
UNKNOWN_STATUS_OFFER = "eksport-status-ukendt"
CONFIDENTIAL_STREET = "Hemmeligvej 7"
# Internal numbers (public: false) in the data the extra build uses: contact_full.yaml and the records below.
INTERNAL_PHONES = ("55 66 77 88", "44 33 22 11", "44 33 22 12")

ORGANISATION = {
    "id": "eksport-organisation",
    "name": "Eksportby Kommune",
    "kind": "organisation",
    "sector": "kommune",
    "municipality": "roedovre",
    "summary": "Kommunen, der driver eksporttilbuddet.",
    "email": "kommune@eksportby.invalid",
    "website": "https://eksportby.invalid",
    "address": {"street": "Torvet 1", "postal_code": "2610", "city": "Rødovre"},
    "phones": [
        {"number": "+45 70 10 20 30"},
        {"number": "44 33 22 11", "kind": "direkte", "description": "Kun internt", "public": False},
    ],
}
UNIT = {
    "id": "eksport-enhed",
    "name": "Eksportby Socialcenter",
    "kind": "enhed",
    "sector": "kommune",
    "municipality": "roedovre",
    "parent": "eksport-organisation",
    "summary": "Centret, der har tilbuddet.",
    "phones": [
        {"number": "70 40 50 60", "kind": "doegnvagt", "opening_hours": "Hele døgnet"},
        {"number": "44 33 22 12", "public": False},
    ],
}
OFFER = {
    "id": "eksport-tilbud",
    "name": "Eksportværestedet",
    "status": "midlertidigt-lukket",
    "status_note": "Lukket for ombygning til 1. marts.",
    "summary": "Et værested til test af de åbne data.",
    "municipality": "roedovre",
    "provider": "eksport-enhed",
    "kinds": ["dag", "samvaer"],
    "legal_basis": ["sel-104"],
    "target_groups": ["voksne"],
    "problems": ["ensomhed"],
    "age_min": 18,
    "access": ["uden-visitation", "anonym"],
    "how_to_access": ["Mød op i åbningstiden."],
    "cost": "Gratis",
    "languages": ["da", "ar"],
    "contacts": ["contact-full"],
    "locations": [
        {
            "name": "Værestedet",
            "address": {"street": "Åbenvej 3", "postal_code": "2610", "city": "Rødovre"},
            "opening_hours": [{"days": ["mandag", "onsdag"], "opens": "10:00", "closes": "16:00"}],
        }
    ],
    "last_verified": (date.today() - timedelta(days=30)).isoformat(),
}


# --- fixtures: one extra build, schemas loaded once ---------------------------------------------


@pytest.fixture(scope="module")
def extra_data(tmp_path_factory) -> Path:
    """The real data plus fixtures: a new offer, a confidential address, internal phones, an organisation."""
    data = copy_data(tmp_path_factory.mktemp("exportdata") / "data")
    for fixture in (
        "contact_full.yaml",
        "contact_minimal.yaml",
        "offer_full.yaml",
        "offer_with_confidential_address.yaml",
    ):
        add_fixture(data, fixture)
    add_fixture(data, "offer_minimal.yaml", NEW_OFFER)
    add_fixture(data, "offer_minimal.yaml", UNKNOWN_STATUS_OFFER)
    # An editor has set these offers' status; the real data's offers have none (HSDS holds only the former).
    for offer_id in ("offer-full", "offer-with-confidential-address", NEW_OFFER):
        file = data / "offers" / f"{offer_id}.yaml"
        file.write_text(file.read_text("utf-8") + "status: aktiv\n", "utf-8")
    for folder, record in (("contacts", ORGANISATION), ("contacts", UNIT), ("offers", OFFER)):
        (data / folder / f"{record['id']}.yaml").write_text(yaml.safe_dump(record, allow_unicode=True), "utf-8")
    return data


@pytest.fixture(scope="module")
def extra_site(extra_data, tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("exportsite")
    result = run_build(site, extra_data)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def hsds_validators():
    """The official compiled schemas declare no $schema; HSDS 3.0 is written for draft 2020-12."""
    validators = {}
    for name in ("service", "organization"):
        schema = json.loads((HSDS_SCHEMAS / f"{name}.json").read_text("utf-8"))
        cls = validator_for(schema, default=validator_for({"$schema": "https://json-schema.org/draft/2020-12/schema"}))
        assert cls.__name__ == "Draft202012Validator"
        validators[name] = cls(schema, format_checker=cls.FORMAT_CHECKER)
    return validators


@pytest.fixture(params=["real", "extra"])
def site(request) -> Path:
    return request.getfixturevalue("built_site" if request.param == "real" else "extra_site")


def load_json(site: Path, name: str):
    return json.loads((site / "data" / name).read_bytes().decode("utf-8"))


def load_csv(site: Path, name: str) -> list[dict[str, str]]:
    """Read as its flavour says: the Excel files are semicolon-separated UTF-8 with a BOM."""
    raw = (site / "data" / name).read_bytes()
    excel = name.endswith("-excel.csv")
    text = raw.decode("utf-8-sig" if excel else "utf-8")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";" if excel else ","))


def yaml_ids(root: Path, folder: str) -> set[str]:
    return {p.stem for p in (root / folder).glob("*.yaml")}


# --- every file, every record -------------------------------------------------------------------


def test_every_export_is_built_and_parses(site):
    for name in ALL_FILES:
        raw = (site / "data" / name).read_bytes()
        excel = name in EXCEL_CSV_FILES
        # The BOM is what makes Excel read UTF-8 on a double-click; the files for programs have none.
        assert raw.startswith(b"\xef\xbb\xbf") == excel, f"{name}: BOM {'missing' if excel else 'present'}"
        text = raw.decode("utf-8-sig" if excel else "utf-8")
        if name.endswith(".json"):
            assert isinstance(json.loads(text), list if name != "index.json" else dict)
        else:
            rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";" if excel else ","))
            assert rows and rows[0][0] in ("id", "policy_id"), f"{name} has no header row"
            assert len(rows[0]) > 10 and all(len(row) == len(rows[0]) for row in rows), name
            assert "\r\n" in text


def test_the_excel_file_holds_the_same_table_as_the_file_for_programs(site):
    for plain, excel in zip(PLAIN_CSV_FILES, EXCEL_CSV_FILES, strict=True):
        assert load_csv(site, excel) == load_csv(site, plain), excel


def test_manifest_lists_every_file_with_its_record_count(site):
    manifest = load_json(site, "index.json")
    assert manifest["license"].startswith("Data må genbruges; angiv kilden")
    date.fromisoformat(manifest["generated"])
    listed = {f["path"]: f["records"] for f in manifest["files"]}
    assert set(listed) == set(JSON_FILES + CSV_FILES)
    for name in JSON_FILES:
        assert listed[name] == len(load_json(site, name)), name
    for name in CSV_FILES:
        assert listed[name] == len(load_csv(site, name)), name


def test_every_record_has_a_row_in_json_and_csv(built_site, extra_site, extra_data):
    for site, root in ((built_site, ROOT), (extra_site, extra_data)):
        for folder, name in (("offers", "tilbud"), ("contacts", "kontakter"), ("policies", "politikker")):
            ids = yaml_ids(root, folder)
            json_ids = [r["id"] for r in load_json(site, f"{name}.json")]
            assert json_ids == sorted(ids), f"{name}.json"
            if name != "politikker":
                assert [r["id"] for r in load_csv(site, f"{name}.csv")] == sorted(ids), f"{name}.csv"
        areas = {
            (p.stem, a["id"])
            for p in (root / "policies").glob("*.yaml")
            for a in yaml.safe_load(p.read_text("utf-8"))["focus_areas"]["areas"]
        }
        rows = [(r["policy_id"], r["focus_area_id"]) for r in load_csv(site, "politikker.csv")]
        assert sorted(set(rows)) == sorted(areas) and len(rows) == len(areas)
        with_status = [
            i
            for i in yaml_ids(root, "offers")
            if "status" in yaml.safe_load((root / "offers" / f"{i}.yaml").read_text("utf-8"))
        ]
        assert len(load_json(site, "hsds/services.json")) == len(with_status)


def test_policies_are_exported_complete(built_site):
    catalog = load_catalog(ROOT)
    exported = {p["id"]: p for p in load_json(built_site, "politikker.json")}
    for policy in catalog.policies.values():
        assert exported[policy.id] == policy.model_dump(mode="json")


def test_offer_rows_carry_danish_labels_beside_ids(extra_site):
    offer = next(o for o in load_json(extra_site, "tilbud.json") if o["id"] == "eksport-tilbud")
    assert offer["kinds"] == ["dag", "samvaer"] and offer["kinds_labels"] == ["Dagtilbud", "Samvær og fællesskab"]
    assert offer["status_label"] == "Midlertidigt lukket" and offer["municipality_name"] == "Rødovre Kommune"
    row = next(r for r in load_csv(extra_site, "tilbud.csv") if r["id"] == "eksport-tilbud")
    assert row["kinds"] == "dag | samvaer" and row["access_labels"] == "Uden visitation | Anonymt"
    assert row["locations"] == "Værestedet, Åbenvej 3, 2610 Rødovre"
    assert row["opening_hours"] == "mandag, onsdag 10:00–16:00"


# --- HSDS 3.0 -------------------------------------------------------------------------------------


def test_hsds_services_and_organizations_validate_against_the_official_schemas(site, hsds_validators):
    for name, schema in (("hsds/services.json", "service"), ("hsds/organizations.json", "organization")):
        for record in load_json(site, name):
            errors = [
                f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
                for e in hsds_validators[schema].iter_errors(record)
            ]
            assert not errors, f"{name} {record.get('name')}: {errors[:5]}"


def test_hsds_ids_are_stable_uuids(extra_site):
    services = load_json(extra_site, "hsds/services.json")
    ids = [s["id"] for s in services]
    assert len(set(ids)) == len(ids)
    assert exports.hsds_id("service", NEW_OFFER) in ids
    assert all(uuid.UUID(i).version == 5 for i in ids)


def test_hsds_mapping_of_an_offer(extra_site):
    services = {s["name"]: s for s in load_json(extra_site, "hsds/services.json")}
    service = services["Eksportværestedet"]
    assert service["status"] == "temporarily closed" and service["alert"].startswith("Lukket for ombygning")
    assert service["assured_date"] == OFFER["last_verified"]
    assert service["minimum_age"] == 18 and "maximum_age" not in service
    assert service["fees_description"] == "Gratis" and service["application_process"] == "Mød op i åbningstiden."
    assert service["organization"]["name"] == "Eksportby Kommune"
    assert (
        service["organization_id"]
        == service["organization"]["id"]
        == exports.hsds_id("organization", "eksport-organisation")
    )
    assert [lang["code"] for lang in service["languages"]] == ["da", "ar"]
    codes = {(a["link_type"], a["taxonomy_term"]["code"]) for a in service["attributes"]}
    assert {
        ("service_type", "dag"),
        ("problem", "ensomhed"),
        ("legal_basis", "sel-104"),
        ("access", "anonym"),
        ("target_group", "voksne"),
    } <= codes
    location = service["service_at_locations"][0]
    assert location["location"]["addresses"][0] | {"id": None, "location_id": None} == {
        "id": None,
        "location_id": None,
        "address_1": "Åbenvej 3",
        "city": "Rødovre",
        "state_province": "Region Hovedstaden",
        "postal_code": "2610",
        "country": "DK",
        "address_type": "physical",
    }
    schedule = location["schedules"][0]
    assert (schedule["freq"], schedule["byday"], schedule["opens_at"], schedule["closes_at"]) == (
        "WEEKLY",
        "MO,WE",
        "10:00",
        "16:00",
    )
    assert {p["number"] for p in service["phones"]} == {"70 40 50 60", "+45 11 22 33 44"}
    assert {c["name"] for c in service["contacts"]} == {"Eksportby Socialcenter", "Testby Kommune, Socialafdelingen"}
    assert services["Værested"]["status"] == "active"


def test_hsds_organization_holds_its_units_and_services(extra_site):
    org = next(o for o in load_json(extra_site, "hsds/organizations.json") if o["name"] == "Eksportby Kommune")
    assert [p["number"] for p in org["phones"]] == ["+45 70 10 20 30"]
    assert org["locations"][0]["addresses"][0]["address_1"] == "Torvet 1"
    assert [c["name"] for c in org["contacts"]] == ["Eksportby Socialcenter"]
    assert [s["name"] for s in org["services"]] == ["Eksportværestedet"]


# --- new records and confidentiality ----------------------------------------------------------------


def test_a_new_offer_file_appears_in_every_export_of_offers(extra_site):
    assert NEW_OFFER in {o["id"] for o in load_json(extra_site, "tilbud.json")}
    assert NEW_OFFER in {r["id"] for r in load_csv(extra_site, "tilbud.csv")}
    assert exports.hsds_id("service", NEW_OFFER) in {s["id"] for s in load_json(extra_site, "hsds/services.json")}
    counts = {f["path"]: f["records"] for f in load_json(extra_site, "index.json")["files"]}
    assert counts["tilbud.json"] == len(load_json(extra_site, "tilbud.json"))
    assert counts["hsds/services.json"] == len(load_json(extra_site, "hsds/services.json")) > 0


def test_an_offer_whose_status_nobody_set_is_unknown_in_the_exports_and_no_hsds_service(extra_site):
    """HSDS has no 'unknown' status: an offer nobody confirmed is neither claimed active nor inactive there."""
    offer = next(o for o in load_json(extra_site, "tilbud.json") if o["id"] == UNKNOWN_STATUS_OFFER)
    assert offer["status"] is None and offer["status_label"] == "Ukendt – ikke bekræftet"
    row = next(r for r in load_csv(extra_site, "tilbud.csv") if r["id"] == UNKNOWN_STATUS_OFFER)
    assert row["status"] == "" and row["status_label"] == "Ukendt – ikke bekræftet"
    hsds_ids = {s["id"] for s in load_json(extra_site, "hsds/services.json")}
    assert exports.hsds_id("service", UNKNOWN_STATUS_OFFER) not in hsds_ids
    assert exports.hsds_id("service", NEW_OFFER) in hsds_ids
    for org in load_json(extra_site, "hsds/organizations.json"):
        assert exports.hsds_id("service", UNKNOWN_STATUS_OFFER) not in {s["id"] for s in org["services"]}


def test_a_confidential_address_is_in_no_file_of_the_site(extra_site):
    files = [f for f in extra_site.rglob("*") if f.is_file()]
    assert any(f.name == "services.json" for f in files)
    for file in files:
        content = file.read_bytes()
        assert CONFIDENTIAL_STREET.encode() not in content and b"Hemmeligvej" not in content, file


def test_a_confidential_location_keeps_its_hours_but_not_its_name_in_the_exports(extra_site):
    for name in ALL_FILES:
        assert "Krisecentret" not in (extra_site / "data" / name).read_text("utf-8"), name
    service = next(s for s in load_json(extra_site, "hsds/services.json") if s["name"] == "Krisecenter for kvinder")
    location = service["service_at_locations"][0]
    assert location["location"]["addresses"] == [] and "name" not in location["location"]
    assert location["schedules"][0]["byday"] == "MO,TU,WE,TH,FR,SA,SU"
    offer = next(o for o in load_json(extra_site, "tilbud.json") if o["id"] == "offer-with-confidential-address")
    assert offer["locations"][0] | {"opening_hours": None} == {
        "name": None,
        "address": None,
        "confidential": True,
        "accessibility": None,
        "opening_hours": None,
    }


def test_an_internal_phone_is_in_no_export(extra_site):
    for name in ALL_FILES:
        text = (extra_site / "data" / name).read_text("utf-8")
        for number in INTERNAL_PHONES:
            assert number not in text and number.replace(" ", "") not in text, (name, number)
    assert "70 40 50 60" in (extra_site / "data" / "kontakter.csv").read_text("utf-8")  # the public one is there


def test_exports_are_deterministic_and_refuse_a_leaked_secret(extra_data):
    full = load_catalog(extra_data)
    catalog = public_view(full)
    first = exports.export_files(catalog)
    assert first == exports.export_files(catalog)
    assert {f.path for f in first} == {f"data/{name}" for name in ALL_FILES}
    # An editor who writes the secret address in a public text stops the build instead of publishing it.
    offer = full.offers["offer-with-confidential-address"]
    leaky = offer.model_copy(update={"description": ("Vi bor på Hemmeligvej 7.",)})
    with pytest.raises(DataError, match="hemmelig adresse"):
        public_view(dataclasses.replace(full, offers={**full.offers, offer.id: leaky}))


def test_a_cell_a_spreadsheet_would_run_is_shown_as_text_and_json_keeps_it_exact(extra_data):
    catalog = load_catalog(extra_data)
    offer = catalog.offers[NEW_OFFER]
    typed = {
        "name": '=HYPERLINK("https://evil.invalid","Klik")',
        "summary": "+45 11 22 33 44 ringer op",
        "cost": "-10+20",
        "eligibility": "@SUM(A1:A2)",
        "alternate_name": "'=1+1",
    }
    hostile = offer.model_copy(update=typed | {"how_to_access": ("=1+1", "Mød op.")})
    files = {
        f.path: f.content
        for f in exports.export_files(
            public_view(dataclasses.replace(catalog, offers={**catalog.offers, offer.id: hostile}))
        )
    }
    for name in ("tilbud.csv", "tilbud-excel.csv"):
        excel = name.endswith("-excel.csv")
        text = files[f"data/{name}"].decode("utf-8-sig" if excel else "utf-8")
        row = next(
            r
            for r in csv.DictReader(io.StringIO(text, newline=""), delimiter=";" if excel else ",")
            if r["id"] == NEW_OFFER
        )
        for field, value in typed.items():
            assert row[field] == "'" + value, (name, field)
            assert row[field][1:] == value  # the documented rule: remove the first character
        assert row["how_to_access"] == "'=1+1 | Mød op."
        assert row["id"] == NEW_OFFER and row["age_min"] == ""  # ids and numbers are untouched
    record = next(o for o in json.loads(files["data/tilbud.json"]) if o["id"] == NEW_OFFER)
    assert {field: record[field] for field in typed} == typed
    service = next(
        s for s in json.loads(files["data/hsds/services.json"]) if s["id"] == exports.hsds_id("service", NEW_OFFER)
    )
    assert service["name"] == typed["name"] and service["fees_description"] == typed["cost"]


def test_spreadsheet_text_prefixes_exactly_the_cells_that_start_a_formula():
    for text in ("=A1", "+45", "-1", "@x", "\tx", "\rx", "'x"):
        assert exports.spreadsheet_text(text) == "'" + text
    for text in ("", "Værested", "45 + 1", "a=b", " =x", "2024-01-01", "\u2212 1"):
        assert exports.spreadsheet_text(text) == text


# --- the page --------------------------------------------------------------------------------------------


def test_data_page_links_every_file_and_states_the_terms(built_site):
    html_text = page(built_site, "data")
    for name in ALL_FILES:
        assert f'href="{name}"' in html_text, name
    text = visible(html_text)
    assert "Data må genbruges; angiv kilden" in text
    assert "HSDS 3.0" in text and "assured_date" in text
    # What each CSV flavour is for, and the formula rule a re-user needs to get the exact text back.
    assert "Excel på dansk" in text and "semikolon" in text and "UTF-8 med BOM" in text
    assert "komma" in text and "RFC 4180" in text
    assert "apostrof" in text and "fjern det første tegn" in text
