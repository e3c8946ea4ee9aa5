"""The box "Akut: hjælp i nat" on tilbud/: rules and numbers from vocabularies/emergency.yaml with their sources,
open without JavaScript, no number that is not in the data, and an item for a region only where the site has it."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import yaml
from conftest import ROOT
from sitetext import page, visible

from macros.data.catalog import check_data, load_catalog
from macros.data.public_view import public_view
from macros.site import tonight

TABLE = ROOT / "vocabularies" / "emergency.yaml"


def box(site: Path) -> str:
    html_text = page(site, "tilbud")
    found = re.search(r'<details class="danger tonight"[^>]* open[^>]*>.*?</details>', html_text, re.S)
    assert found, "tilbud/ has no open box 'Akut: hjælp i nat'"
    return found.group()


def test_the_box_is_open_near_the_top_of_the_catalogue_page(built_site):
    html_text = page(built_site, "tilbud")
    assert html_text.index('class="danger tonight"') < html_text.index("data-catalogue")
    text = visible(box(built_site))
    assert text.startswith("Akut: hjælp i nat")
    for heading in ("Ingen steder at sove.", "Vold i nære relationer.", "Find det nærmeste sted."):
        assert heading in text


def test_every_item_names_its_sources_with_the_date_read(built_site):
    html_text = box(built_site)
    data = yaml.safe_load(TABLE.read_text("utf-8"))
    for item in data["items"]:
        for source in item["sources"]:
            assert f'href="{source["url"]}"' in html_text.replace("&amp;", "&"), source["url"]
    assert "(læst 30. november 2026)" in visible(html_text)
    assert 'href="lovgrundlag/#sel-110"' in html_text and 'href="lovgrundlag/#sel-109"' in html_text
    assert '<a href="https://www.tilbudsportalen.dk">Tilbudsportalen</a>' in html_text


def test_no_number_in_the_box_that_is_not_in_the_data(built_site):
    html_text = box(built_site)
    raw = TABLE.read_text("utf-8")
    numbers = {n["number"] for item in yaml.safe_load(raw)["items"] for n in item.get("numbers", ())}
    assert set(re.findall(r'href="tel:([^"]+)"', html_text)) == {n.replace(" ", "") for n in numbers}
    assert {"112", "114"} <= numbers
    # Every figure a reader sees (numbers, paragraphs, dates) stands in the table itself.
    in_data = set(re.findall(r"\d+", raw))
    assert set(re.findall(r"\d+", visible(html_text))) <= in_data


def test_a_regional_item_shows_only_where_the_site_has_that_region(data_copy):
    view = public_view(load_catalog(data_copy, today=date(2026, 11, 30)))
    assert "akuttelefonen-region-hovedstaden" in [item.id for item in tonight.items_shown(view)]
    for file in (data_copy / "municipalities").glob("*.yaml"):
        file.write_text(file.read_text("utf-8").replace("Region Hovedstaden", "Region Sjælland"), "utf-8")
    catalog, problems = check_data(data_copy, today=date(2026, 11, 30))
    shown = tonight.tonight_view(public_view(catalog), "tilbud/index.md")
    assert "1813" not in str(shown)
    assert [item.id for item in tonight.items_shown(catalog)] == ["herberg", "krisecenter", "alarm", "tilbudsportalen"]
    assert any(
        p.path == "vocabularies/emergency.yaml" and p.severity == "advarsel" and "Region Hovedstaden" in p.message
        for p in problems
    )


def test_a_source_read_in_the_future_and_an_unknown_paragraph_are_refused(data_copy):
    table = data_copy / "vocabularies" / "emergency.yaml"
    text = table.read_text("utf-8").replace("legal_basis: sel-110", "legal_basis: sel-999")
    table.write_text(text.replace("read_on: 2026-11-30", "read_on: 2027-01-01", 1), "utf-8")
    catalog, problems = check_data(data_copy, today=date(2026, 11, 30))
    assert catalog is None
    messages = {(p.field, p.message.split(";")[0]) for p in problems if p.path == "vocabularies/emergency.yaml"}
    assert (
        "items[0].legal_basis",
        "henviser til lovgrundlaget 'sel-999', som ikke findes i vocabularies/legal_bases.yaml",
    ) in messages
    assert ("items[0].sources[0].read_on", "datoen 2027-01-01 ligger i fremtiden") in messages


def test_a_short_number_is_accepted_and_a_made_up_format_refused(data_copy):
    table = data_copy / "vocabularies" / "emergency.yaml"
    table.write_text(table.read_text("utf-8").replace('number: "1888"', 'number: "18 88 8"'), "utf-8")
    catalog, problems = check_data(data_copy, today=date(2026, 11, 30))
    assert catalog is None
    assert any(p.field == "items[1].numbers[0].number" for p in problems)


def test_the_box_and_the_to_do_page_work_at_320_px_without_javascript(chromium, site_url):
    """Open without a script, nothing wider than a 320 px screen, and axe finds nothing (WCAG 2.1 AA)."""
    from browser import open_page
    from test_accessibility import axe_script, axe_violations, format_violations

    for path in ("/tilbud/", "/redaktoer/mangler/"):
        plain = open_page(chromium, site_url + path, javascript=False, viewport={"width": 320, "height": 640})
        if path == "/tilbud/":
            assert plain.evaluate("document.querySelector('details.tonight').open")
            assert plain.locator("details.tonight a[href='tel:112']").is_visible()
        assert plain.evaluate("document.documentElement.scrollWidth") <= 320, path
        plain.context.close()
        page = open_page(chromium, site_url + path, viewport={"width": 320, "height": 640}, is_mobile=True)
        page.add_script_tag(path=str(axe_script()))
        violations = axe_violations(page)
        assert not page.foreign_requests, page.foreign_requests
        page.context.close()
        assert not violations, format_violations(path, violations)
