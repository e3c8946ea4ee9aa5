"""An editor adds a municipality from another region with a policy only partly available (children included,
prepared by a committee together with a council, opening without a heading): it builds with no code change, its
start page lists only the partners that serve it, and the site says plainly what is missing."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from conftest import add_fixture, copy_data, run_build
from sitetext import page, visible

FIXTURES = (
    "municipality_outside_hovedstaden.yaml",
    "contact_with_committee_kind.yaml",
    "contact_with_municipality_outside_hovedstaden.yaml",
    "contact_with_service_area.yaml",
    "offer_with_service_area.yaml",
    "policy_with_partial_transcription.yaml",
)
POLICY = "politikker/sydby-udsattepolitik"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    data = copy_data(tmp_path_factory.mktemp("data") / "d")
    for fixture in FIXTURES:
        add_fixture(data, fixture)
    shared = data / "offers" / "sydby-faelles-vaerested.yaml"  # an editor confirmed it is open: an HSDS service
    shared.write_text(shared.read_text("utf-8") + "status: aktiv\n", "utf-8")
    site_dir = tmp_path_factory.mktemp("site")
    result = run_build(site_dir, data)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return site_dir


def partners(html_text: str) -> str:
    """The visible text of the start page's section of partners that serve the municipality."""
    text = visible(html_text)
    assert "Samarbejdspartnere, der dækker" in text
    return text.rsplit("Samarbejdspartnere, der dækker", 1)[1]  # the section, not its entry in the contents


def test_the_start_page_lists_only_the_partners_that_serve_the_municipality(site):
    shown = partners(page(site, "ny-medarbejder/sydby"))
    assert "Testregionens psykiatri i Region Syddanmark" in shown
    assert "Socialstyrelsen" in shown and "Politiet" in shown  # national bodies serve every municipality
    for other_region in ("Region Hovedstadens Psykiatri", "Hospitalerne i Region Hovedstaden", "Region Hovedstaden ("):
        assert other_region not in shown, other_region


def test_a_municipality_in_region_hovedstaden_is_not_told_about_another_regions_partners(site):
    shown = partners(page(site, "ny-medarbejder/roedovre"))
    assert "Region Hovedstadens Psykiatri" in shown
    assert "Testregionens psykiatri" not in shown


def test_the_start_page_and_the_catalogue_page_give_region_and_kommunekode(site):
    for url in ("ny-medarbejder/sydby", "tilbud/kommune/sydby"):
        text = visible(page(site, url))
        assert "0998" in text and "Region Syddanmark" in text, url


def test_the_policy_page_says_plainly_what_is_missing_and_claims_no_completeness(site):
    html_text = page(site, POLICY)
    text = visible(html_text)
    assert "Teksten er ikke gengivet fuldt" in text
    assert "Kun de første seks sider af dokumentet var til rådighed" in text
    assert "Siden gengiver kun dele af dokumentet" in text
    assert "hele dokumentet" not in text and "fulde ordlyd" not in text and "fuldstændig" not in text


def test_the_opening_text_stands_without_a_made_up_heading(site):
    html_text = page(site, POLICY)
    assert "Sydby vil være en kommune, hvor der er plads til alle" in visible(html_text)
    headings = re.findall(r"<h2[^>]*>(.*?)</h2>", html_text, re.S)
    assert not any("Forord" in h or "Indledning" in h for h in headings), headings
    assert 'id="forord"' in html_text  # the part can still be cited and linked


def test_the_policy_page_names_its_authors_age_scope_and_the_bodies_and_offers_it_names(site):
    html_text = page(site, POLICY)
    text = visible(html_text)
    assert "Forfatter: Social- og Sundhedsudvalget i Sydby Kommune" in text
    assert "Udarbejdet i samarbejde med: Udsatterådet i Sydby Kommune" in text
    assert "Børn, unge og voksne" in text
    assert 'href="../../kontakter/testregionens-psykiatri/"' in html_text
    assert 'href="../../tilbud/sydby-faelles-vaerested/"' in html_text


def test_a_committee_is_shown_as_a_political_committee_and_links_back_to_the_policy(site):
    html_text = page(site, "kontakter/sydby-social-og-sundhedsudvalget")
    text = visible(html_text)
    assert "Politisk udvalg" in text and "Råd ·" not in text
    assert 'href="../../politikker/sydby-udsattepolitik/"' in html_text
    assert 'href="https://sydby.invalid/udvalg/social-og-sundhed"' in html_text


def test_no_page_claims_that_every_policy_is_reproduced_in_full(site):
    assert "fulde ordlyd" not in visible(page(site, ""))
    index = visible(page(site, "politikker"))
    assert "Hver side gengiver hele dokumentet" not in index
    assert "5 af 6 sider gengiver hele dokumentet" in index and "Dele af dokumentet" in index
    assert "fuldstændige og ordrette" not in visible(page(site, "data"))
    assert "fuldstændigt og i dokumentets egne ord" not in visible(page(site, "om-sitet"))


def test_the_comparison_marks_themes_as_unknown_where_the_text_is_partial(site):
    matrix = page(site, "politikker/sammenlign")
    sydby_cells = re.findall(r'<td class="matrix-unknown">([^<]*)</td>', matrix)
    assert sydby_cells and all(c == "Ukendt – teksten er ikke gengivet fuldt" for c in sydby_cells)
    # Sydby has focus areas on 2 themes; every other theme is unknown for it, not "no focus areas".
    assert len(sydby_cells) == 13 - 2
    theme = page(site, "politikker/sammenlign/misbrug")
    sydby = column(theme, "sydby")
    assert sydby.startswith("Sydby ¶ Ukendt – teksten er ikke gengivet fuldt.")
    assert "Sydbys politik for borgere i udsatte positioner er ikke gengivet fuldt" in sydby
    assert "Kommunens politikker har ingen fokusområder med dette tema" not in sydby
    assert "ukendt, fordi teksten ikke er gengivet fuldt" in visible(theme)
    assert "Et hjem for alle" in column(page(site, "politikker/sammenlign/bolig"), "sydby")


def column(html_text: str, municipality: str) -> str:
    """The visible text of a municipality's column on a theme page."""
    section = html_text.split(f'id="{municipality}"', 1)[1].split("</section>", 1)[0]
    return visible("<h2 " + section)


def test_exports_carry_region_kommunekode_service_area_and_transcription(site):
    offers = {o["id"]: o for o in json.loads((site / "data/tilbud.json").read_text("utf-8"))}
    offer = offers["sydby-faelles-vaerested"]
    assert (offer["municipality_kommunekode"], offer["municipality_region"]) == ("0998", "Region Syddanmark")
    assert offer["service_area_label"] == "Sydby Kommune og Rødovre Kommune"
    contacts = {c["id"]: c for c in json.loads((site / "data/kontakter.json").read_text("utf-8"))}
    assert contacts["testregionens-psykiatri"]["service_area"] == {
        "kind": "region",
        "municipalities": [],
        "region": "Region Syddanmark",
    }
    assert contacts["sydby-udsatteraad"]["municipality_kommunekode"] == "0998"
    rows = list(csv.DictReader(io.StringIO((site / "data/kontakter.csv").read_text("utf-8"))))
    regional = next(r for r in rows if r["id"] == "testregionens-psykiatri")
    assert regional["service_area"] == "region: Region Syddanmark"
    policy_rows = [
        r
        for r in csv.DictReader(io.StringIO((site / "data/politikker.csv").read_text("utf-8")))
        if r["policy_id"] == "sydby-udsattepolitik"
    ]
    assert {r["transcription"] for r in policy_rows} == {"delvist"}
    assert {r["municipality_region"] for r in policy_rows} == {"Region Syddanmark"}
    services = {s["name"]: s for s in json.loads((site / "data/hsds/services.json").read_text("utf-8"))}
    areas = services["Fælles værested for Sydby og Rødovre"]["service_areas"]
    assert [a["name"] for a in areas] == ["Sydby Kommune", "Rødovre Kommune"]
    assert "kommunekode 0998, Region Syddanmark" in areas[0]["description"]
    manifest = json.loads((site / "data/index.json").read_text("utf-8"))
    described = next(f["description"] for f in manifest["files"] if f["path"] == "politikker.json")
    assert "fuldstændige." not in described and "5 af 6" in described


def test_the_check_refuses_links_to_records_that_do_not_exist(data_copy):
    from conftest import run_check

    add_fixture(data_copy, "policy_with_authors.yaml")
    path = data_copy / "policies" / "policy-with-authors.yaml"
    text = path.read_text("utf-8").replace("contact: roedovre-udsatteraad", "contact: roedovre-udsatteraadet")
    path.write_text(text.replace("names_offers: [roedovre-mentor]", "names_offers: [roedovre-mentorer]"), "utf-8")
    check = run_check(data_copy)
    assert check.returncode == 1
    assert (
        "policies/policy-with-authors.yaml:10: prepared_by[1].contact: henviser til kontakten "
        "'roedovre-udsatteraadet', som ikke findes. Mente du 'roedovre-udsatteraad'"
    ) in check.stderr
    assert (
        "policies/policy-with-authors.yaml:13: names_offers[0]: henviser til tilbuddet 'roedovre-mentorer', "
        "som ikke findes"
    ) in check.stderr
