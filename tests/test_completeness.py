"""Nothing is lost between YAML and site: every record has its page, its search entry and its export rows."""

from __future__ import annotations

import csv
import io
import json

import pytest
import yaml
from conftest import ROOT
from sitetext import pagefind_fragments

KINDS = {  # data folder → (page folder, export file stem)
    "policies": ("politikker", "politikker"),
    "offers": ("tilbud", "tilbud"),
    "contacts": ("kontakter", "kontakter"),
}
RECORDS = [(folder, p.stem) for folder in KINDS for p in sorted((ROOT / folder).glob("*.yaml"))]


@pytest.fixture(scope="module")
def published(built_site):
    locations = set(pagefind_fragments(built_site))  # every page in the Pagefind index, e.g. tilbud/<id>/
    exports = {}
    for folder, (_, stem) in KINDS.items():
        rows = json.loads((built_site / "data" / f"{stem}.json").read_text("utf-8"))
        table = list(csv.DictReader(io.StringIO((built_site / "data" / f"{stem}.csv").read_text("utf-8"))))
        id_column = "policy_id" if folder == "policies" else "id"
        exports[folder] = ({r["id"] for r in rows}, {r[id_column] for r in table})
    hsds = json.loads((built_site / "data" / "hsds" / "services.json").read_text("utf-8"))
    return locations, exports, {s["name"] for s in hsds}


def test_there_are_records_of_every_kind():
    assert {folder for folder, _ in RECORDS} == set(KINDS)


@pytest.mark.parametrize(("folder", "record_id"), RECORDS, ids=[f"{f}/{i}" for f, i in RECORDS])
def test_record_has_page_search_entry_and_export_rows(built_site, published, folder, record_id):
    locations, exports, hsds_names = published
    page_folder, _ = KINDS[folder]
    assert (built_site / page_folder / record_id / "index.html").is_file()
    assert f"{page_folder}/{record_id}/" in locations
    json_ids, csv_ids = exports[folder]
    assert record_id in json_ids and record_id in csv_ids
    if folder == "offers":
        record = yaml.safe_load((ROOT / folder / f"{record_id}.yaml").read_text("utf-8"))
        # HSDS requires a status and has no 'unknown': only an offer whose status an editor set is a service there
        assert (record["name"] in hsds_names) == ("status" in record)
