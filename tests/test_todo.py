"""The editors' to-do list (redaktoer/mangler/): per municipality the offers that lack what partners need most,
most important first, with a link to each record's file; and its summary in the pull request's job summary."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, REPO, ROOT
from sitetext import page, visible

from macros.data.catalog import load_catalog
from macros.data.public_view import public_view
from macros.site import todo

TODAY = date(2026, 11, 30)


def write(folder: Path, record: dict) -> None:
    (folder / f"{record['id']}.yaml").write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), "utf-8")


def fixture(name: str) -> dict:
    return yaml.safe_load((FIXTURES / name).read_text("utf-8"))


@pytest.fixture
def gappy_data(data_copy: Path) -> Path:
    """The real data with Rødovre's offers replaced by seven offers that each lack something else (or nothing)."""
    for file in (data_copy / "offers").glob("*.yaml"):
        file.unlink()
    contact = fixture("contact_full.yaml")
    write(data_copy / "contacts", contact)
    # A contact whose only phone is internal: a partner cannot reach the offer through it.
    write(
        data_copy / "contacts",
        {
            **contact,
            "id": "internal-only",
            "name": "Kun internt nummer",
            "phones": [p for p in contact["phones"] if p.get("public") is False],
            "email": None,
        },
    )
    full = fixture("offer_full.yaml")
    no_hours = {k: v for k, v in full.items() if k != "opening_hours_note"}
    no_hours["locations"] = [{k: v for k, v in loc.items() if k != "opening_hours"} for loc in full["locations"]]
    offers = [
        {**full, "id": "todo-complete", "name": "Alt er på plads"},
        {**full, "id": "todo-stale", "name": "Forældet", "last_verified": date(2024, 1, 15)},
        {
            **{k: v for k, v in full.items() if k not in ("last_verified", "verified_by")},
            "id": "todo-unconfirmed",
            "name": "Aldrig bekræftet",
        },
        {**no_hours, "id": "todo-no-hours", "name": "Uden åbningstider"},
        {
            **{k: v for k, v in full.items() if k not in ("access", "how_to_access")},
            "id": "todo-no-access",
            "name": "Uden adgang",
        },
        {
            **{k: v for k, v in full.items() if k != "provider"},
            "contacts": ["internal-only"],
            "id": "todo-no-phone",
            "name": "Uden telefon",
        },
        {**fixture("offer_minimal.yaml"), "id": "todo-nothing", "name": "Værested uden noget"},
    ]
    for offer in offers:
        write(data_copy / "offers", {k: v for k, v in offer.items() if v is not None})
    return data_copy


@pytest.fixture
def groups(gappy_data: Path) -> list[todo.MunicipalityTodo]:
    return todo.todo(public_view(load_catalog(gappy_data, today=TODAY)))


def test_offers_are_listed_most_important_gap_first(groups):
    roedovre = next(g for g in groups if g.municipality.id == "roedovre")
    assert [(row.offer.id, [gap.id for gap in row.missing]) for row in roedovre.rows] == [
        ("todo-nothing", ["kontakt", "adgang", "aabningstider", "aldrig-bekraeftet"]),
        ("todo-no-phone", ["kontakt"]),
        ("todo-no-access", ["adgang"]),
        ("todo-no-hours", ["aabningstider"]),
        ("todo-unconfirmed", ["aldrig-bekraeftet"]),
        ("todo-stale", ["foraeldet"]),
    ]
    assert [row.priority for row in roedovre.rows] == [0, 0, 1, 2, 3, 4]
    assert roedovre.rows[-1].file == "offers/todo-stale.yaml"


def test_counts_per_municipality_in_danish_order(groups):
    assert [g.municipality.name for g in groups] == ["Ballerup", "Egedal", "Frederiksberg", "Rødovre"]
    roedovre = groups[-1]
    assert roedovre.offers == 7 and len(roedovre.rows) == 6
    assert roedovre.counts == {"kontakt": 2, "adgang": 2, "aabningstider": 2, "aldrig-bekraeftet": 2, "foraeldet": 1}
    assert all(g.rows == () and g.offers == 0 for g in groups[:-1])


def test_the_priority_order_is_written_once():
    assert [gap.id for gap in todo.GAPS] == ["kontakt", "adgang", "aabningstider", "aldrig-bekraeftet", "foraeldet"]


def test_the_pull_request_summary_has_the_section(gappy_data, tmp_path):
    summary = tmp_path / "summary.md"
    result = subprocess.run(
        [sys.executable, "-m", "macros", "check", "--root", str(gappy_data), "--github"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=dict(os.environ, GITHUB_STEP_SUMMARY=str(summary)),
    )
    assert result.returncode == 0, result.stderr
    text = summary.read_text("utf-8")
    assert text.startswith("### Datatjek")
    section = text[text.index("### Det mangler partnerne mest") :]
    row = next(line for line in section.splitlines() if line.startswith("| Rødovre |"))
    # Checked today, the fixture's verification from October 2026 is fresh, the one from 2024 stale.
    assert row.startswith("| Rødovre | 6 af 7 | 2 | 2 | 2 | 2 | 1 | `offers/todo-nothing.yaml`: ingen telefon")
    assert "| Ballerup | 0 af 0 | 0 | 0 | 0 | 0 | 0 | – |" in section


def test_the_page_lists_an_offer_without_a_phone_and_links_to_its_file(linked_site):
    html_text = page(linked_site, "redaktoer/mangler")
    item = re.search(r'<li><strong><a href="../../tilbud/roedovre-skaeve-boliger/">.*?</li>', html_text, re.S)
    assert item, "the offer is not listed"
    assert "ingen telefon eller e-mail" in visible(item.group())
    assert f'href="{REPO}/edit/main/offers/roedovre-skaeve-boliger.yaml"' in html.unescape(item.group())
    headings = re.findall(r"<h2[^>]*>(.*?)<a", html_text)
    assert headings == ["Ballerup Kommune", "Egedal Kommune", "Frederiksberg Kommune", "Rødovre Kommune"]
    nav = page(linked_site, "redaktoer")
    assert "Det mangler vi" in visible(nav)


def test_without_a_repository_the_file_is_named_as_text(unlinked_site):
    html_text = page(unlinked_site, "redaktoer/mangler")
    item = re.search(r'<li><strong><a href="../../tilbud/roedovre-skaeve-boliger/">.*?</li>', html_text, re.S)
    assert item and "offers/roedovre-skaeve-boliger.yaml" in visible(item.group())
    assert "/edit/" not in item.group()
