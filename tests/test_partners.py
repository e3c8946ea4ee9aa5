"""A partner's question on a record page: how does one get in, whom to call, where it says so, and how to
report a mistake. Built from the real data with a repository address, read as a person reads the pages."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import REPO, ROOT
from sitetext import page, visible

from macros.data import models
from macros.site import next_step, repository

REPORT = re.compile(r'<a href="([^"]+)" rel="nofollow">Meld en fejl</a>')
RAW_MD_LINK = re.compile(r"\[[^\]\n]+\]\([^)\s]+\)")


@pytest.fixture(scope="module")
def site(linked_site) -> Path:
    """The real site with the repository address REPO (conftest)."""
    return linked_site


def record_pages(site: Path, folder: str, data: str) -> list[str]:
    return [f"{folder}/{p.stem}" for p in sorted((ROOT / data).glob("*.yaml"))]


def section(html_text: str, anchor: str) -> str:
    """The HTML from a heading with the given id up to the next h2 (or the end of the article)."""
    start = html_text.index(f'id="{anchor}"')
    end = html_text.find("<h2", start)
    return html_text[start : end if end != -1 else html_text.index("</article>", start)]


# --- unit ---------------------------------------------------------------------------------------


def test_source_note_names_page_date_and_that_the_offer_has_not_confirmed_it():
    source = models.SourceReference(title="Kvalitetsstandard", url="https://www.rk.dk/x", read_on=date(2026, 11, 30))
    note = str(next_step.source_note(source))
    assert note == (
        'Kilde: <a href="https://www.rk.dk/x">Kvalitetsstandard</a>, læst 30. november 2026 '
        "– ikke bekræftet af tilbuddet"
    )
    confirmed = source.model_copy(update={"confirmed": True})
    assert str(next_step.source_note(confirmed, "kommunen")).endswith("– bekræftet af kommunen")
    assert next_step.source_note(models.SourceReference(title="Politik", policy="politik")) is None


def test_a_web_source_needs_the_date_it_was_read_and_a_fact_needs_a_findable_source():
    with pytest.raises(ValueError, match="read_on"):
        models.SourceReference(title="Side", url="https://www.rk.dk/x")
    with pytest.raises(ValueError, match="kilde, man kan finde"):
        models.SourcedFact(topic="adgang", text="Man kan møde op.", source={"title": "Noget, jeg hørte"})


def test_short_danish_numbers_are_phone_numbers_and_other_short_numbers_are_not():
    assert models.Phone(number="1888").number == "1888"
    assert models.Phone(number="112").number == "112"
    with pytest.raises(ValueError, match="number"):
        models.Phone(number="999")


def test_report_link_opens_a_prefilled_issue_with_the_page_and_its_file():
    url = repository.report_url(REPO + "/", "https://eksempel.dk/site/", "tilbud/x/", "offers/x.yaml", "Tilbud X & Y")
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{REPO}/issues/new"
    query = parse_qs(parts.query)
    assert query["title"] == ["Fejl på siden: Tilbud X & Y"]
    assert "Siden: https://eksempel.dk/site/tilbud/x/" in query["body"][0]
    assert "Filen: offers/x.yaml" in query["body"][0]


def test_report_link_names_only_the_page_path_when_the_site_has_no_published_address():
    """A local build (no SITE_URL: MkDocs' default http://127.0.0.1:8000/) must not send the editors an address
    only the one who built it could open."""
    for site_url in (None, "http://127.0.0.1:8000/", "http://localhost:8000/udsatte/", "http://[::1]:8000/"):
        body = parse_qs(urlsplit(repository.report_url(REPO, site_url, "tilbud/x/", "offers/x.yaml", "X")).query)
        assert "Siden: tilbud/x/\n" in body["body"][0], site_url
        assert "127.0.0.1" not in body["body"][0] and "localhost" not in body["body"][0]


# --- built pages --------------------------------------------------------------------------------


def test_no_page_shows_raw_markdown_links(site):
    """The kind of bug, not one page: Markdown placed in an HTML block reaches the reader as '[..](..)'."""
    shown = []
    for file in sorted(site.rglob("index.html")):
        text = visible(file.read_text("utf-8"))
        for found in RAW_MD_LINK.finditer(text):
            shown.append(f"{file.parent.relative_to(site)}: {found.group(0)}")
    assert not shown, shown[:10]


@pytest.mark.parametrize(("folder", "data"), [("tilbud", "offers"), ("kontakter", "contacts")])
def test_every_record_page_ends_in_a_next_step_with_a_phone_or_a_link(site, folder, data):
    without = []
    for url in record_pages(site, folder, data):
        html_text = page(site, url)
        step = section(html_text, "naeste-skridt")
        if not re.search(r'href="(tel:[0-9+]+|https://[^"]+|\.\./[^"]+|mailto:[^"]+)"', step):
            without.append(url)
    # Only national bodies the research found nothing for may lack one; they say so and point to 'Meld en fejl'.
    for url in without:
        assert "Vi kender ingen telefon" in visible(page(site, url)), url
        assert not (ROOT / "contacts" / f"{url.split('/')[1]}.yaml").read_text("utf-8").count("municipality:"), url
    assert all(u.startswith("kontakter/") for u in without), without


def test_an_offer_without_a_phone_leads_to_the_municipality_that_runs_it(site):
    step = visible(section(page(site, "tilbud/roedovre-raadgivnings-og-behandlingscenteret"), "naeste-skridt"))
    assert "Tilbuddet har ikke selv oplyst en telefon eller e-mail." in step
    assert "Kontakt Rødovre Kommune, som driver tilbuddet" in step
    assert "36 37 70 00" in step and "læst 30. november 2026 – ikke bekræftet af kommunen" in step
    assert "- Adresse" not in step and "- Sikker post" not in step, "a list item ran into the line before"


def test_the_municipality_page_is_not_told_to_ask_itself(site):
    text = visible(page(site, "kontakter/roedovre-kommune"))
    assert "Spørg Rødovre Kommune" not in text
    assert "Kontakt Rødovre Kommunes offentlige indgang" in text and "36 37 70 00" in text


def test_an_offer_without_its_own_access_text_shows_the_laws_rule_as_the_general_rule(site):
    html_text = page(site, "tilbud/frederiksberg-kvindekrisecenter")
    access = visible(section(html_text, "adgang") + section(html_text, "generel-regel"))
    assert "Den generelle regel efter loven" in access and "ikke tilbuddets egne ord" in access
    assert "Selvhenvendelse (Serviceloven § 109)" in access and "Anonymt" in access
    assert 'href="https://www.foxylex.dk/serviceloven/109/"' in html_text
    # and whom to call tonight
    assert 'href="tel:1888"' in section(html_text, "naeste-skridt")


def test_an_offer_with_sourced_access_facts_shows_them_with_page_and_date_not_the_general_rule(site):
    html_text = page(site, "tilbud/roedovre-raadgivnings-og-behandlingscenteret")
    access = section(html_text, "adgang")
    assert "Den generelle regel" not in visible(access)
    assert (
        'href="https://www.rk.dk/borger/socialservice/kvalitetsstandarder-for-socialservice/misbrugsbehandling/'
        'behandling-af-stofmisbrug-for-voksne-borgere"'
    ) in access
    assert "læst 30. november 2026 – ikke bekræftet af tilbuddet" in visible(access)


def test_offer_page_shows_how_far_it_is_confirmed(site):
    assert "Bekræftelse: Nævnt i en politik – ikke bekræftet som tilbud" in visible(
        page(site, "tilbud/roedovre-mentor")
    )
    assert "Bekræftelse: Ikke bekræftet" in visible(page(site, "tilbud/roedovre-midlertidigt-husly"))


@pytest.mark.parametrize(
    ("url", "file"),
    [
        ("tilbud/roedovre-skaeve-boliger", "offers/roedovre-skaeve-boliger.yaml"),
        ("kontakter/lev-uden-vold", "contacts/lev-uden-vold.yaml"),
    ],
)
def test_every_record_page_has_a_report_link_to_a_prefilled_issue(site, url, file):
    found = REPORT.search(page(site, url))
    assert found, url
    parts = urlsplit(html.unescape(found.group(1)))
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{REPO}/issues/new"
    body = parse_qs(parts.query)["body"][0]
    # The fixture's build has no SITE_URL: the page's path, not an address only the builder's machine knows.
    assert body.startswith(f"Siden: {url}/\nFilen: {file}\n"), body


def test_report_links_only_on_record_pages(site):
    for folder, data in (("tilbud", "offers"), ("kontakter", "contacts")):
        for url in record_pages(site, folder, data):
            assert REPORT.search(page(site, url)), url
    assert not REPORT.search(page(site, "redaktoer/ret-et-tilbud"))


# --- exports ------------------------------------------------------------------------------------


def test_exports_carry_the_confirmation_and_the_source_urls(site):
    offers = {o["id"]: o for o in json.loads((site / "data" / "tilbud.json").read_text("utf-8"))}
    husly = offers["roedovre-midlertidigt-husly"]
    assert husly["confirmation"] == "ikke-bekraeftet" and husly["confirmation_label"] == "Ikke bekræftet"
    assert offers["roedovre-mentor"]["confirmation"] == "politik"
    assert husly["facts"][0]["source"]["url"].startswith("https://www.rk.dk/")
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO((site / "data" / "tilbud.csv").read_text("utf-8")))}
    assert rows["roedovre-mentor"]["confirmation_label"] == "Nævnt i en politik – ikke bekræftet som tilbud"
    assert "https://www.rk.dk/" in rows["roedovre-raadgivnings-og-behandlingscenteret"]["source_urls"]
    # no editor has set the status of an offer only named in a policy: HSDS has no 'unknown', so it is left out
    assert offers["roedovre-mentor"]["status"] is None
    assert offers["roedovre-mentor"]["status_label"] == "Ukendt – ikke bekræftet"
    services = {s["name"] for s in json.loads((site / "data" / "hsds" / "services.json").read_text("utf-8"))}
    assert "Mentor" not in services


# --- status, confirmation and the staleness notice --------------------------------------------------


def test_no_offer_page_claims_a_status_no_editor_set(site):
    """The kind of bug: a default 'Aktiv' badge on offers the page itself says may not exist."""
    import yaml

    for file in sorted((ROOT / "offers").glob("*.yaml")):
        if "status" in yaml.safe_load(file.read_text("utf-8")):
            continue
        html_text = page(site, f"tilbud/{file.stem}")
        assert "Status: Ukendt – ikke bekræftet" in visible(html_text), file.stem
        assert "status-aktiv" not in html_text and "Aktiv" not in visible(html_text).split(), file.stem
    hund = visible(page(site, "tilbud/roedovre-boliger-hvor-man-maa-have-hund"))
    assert "Status: Ukendt – ikke bekræftet" in hund and "Status: Aktiv" not in hund


def test_the_staleness_notice_says_what_the_page_rests_on_and_that_it_was_never_confirmed(site):
    mentor = visible(page(site, "tilbud/roedovre-mentor"))
    assert "Oplysningerne er ikke bekræftet Tjek dem" in mentor
    assert "Siden bygger på en politik og er aldrig bekræftet af tilbuddet selv." in mentor
    assert "inden for de seneste 12 måneder" not in mentor, "it was never confirmed at all"
    husly = page(site, "tilbud/roedovre-midlertidigt-husly")
    assert "Siden bygger på offentlige hjemmesider og er aldrig bekræftet" in visible(husly)
    assert "politik" not in visible(section(husly, "lovgrundlag")).lower()
    # an offer no policy names has no heading for the policies that name it
    assert 'id="politikker"' not in husly and "Politikker, der nævner tilbuddet" not in visible(husly)


def test_the_confirmation_state_has_one_wording_everywhere(site):
    from macros.data.vocabulary import CONFIRMATIONS

    husly = visible(page(site, "tilbud/roedovre-midlertidigt-husly"))
    assert f"Bekræftelse: {CONFIRMATIONS['ikke-bekraeftet'].label}" in husly
    assert "Aldrig bekræftet" not in husly
    catalogue = visible(page(site, "tilbud"))
    assert "Aldrig bekræftet" not in catalogue


# --- the municipality's own contact and its public entrance ------------------------------------------


def test_the_municipalitys_own_contact_shows_its_public_entrance_on_card_page_and_vcard(site):
    text = visible(page(site, "kontakter/roedovre-kommune"))
    card = text.split("Gem som visitkort")[0]
    assert "Telefon 36 37 70 00" in card and "Telefon Ikke oplyst" not in card
    assert "Adresse Rødovre Parkvej 150, 2610 Rødovre" in card and "Sikker post" in card
    assert "læst 30. november 2026 – ikke bekræftet af kommunen" in card
    assert "Kilderne oplyser ingen telefon" not in text
    assert "har ikke oplyst en telefon" not in text
    vcf = (site / "kontakter" / "roedovre-kommune.vcf").read_text("utf-8")
    assert "TEL;TYPE=WORK,VOICE:36377000" in vcf and "Rødovre Parkvej 150" in vcf
    # the same card on an offer's page
    hund = visible(section(page(site, "tilbud/roedovre-boliger-hvor-man-maa-have-hund"), "kontakt"))
    assert "36 37 70 00" in hund and "Telefon Ikke oplyst" not in hund


def test_a_phone_without_opening_hours_says_so(site):
    step = visible(section(page(site, "kontakter/roedovre-kommune"), "naeste-skridt"))
    assert "36 37 70 00 (Hovednummer: Rødovre Kommune) – åbningstid ikke oplyst" in step
    police = visible(page(site, "kontakter/politiet"))
    assert (
        "114 (Hovednummer: Politiets servicenummer i hele landet, når det ikke er akut) – åbningstid ikke oplyst"
        in (police)
    )
    assert "112 (Døgnvagt: Alarmcentralen" in police and "åbningstid ikke oplyst Kilde: Alarm 112" not in police


def test_a_confidential_address_without_a_way_to_the_offer_points_to_the_next_step(site):
    html_text = page(site, "tilbud/frederiksberg-kvindekrisecenter")
    where = visible(section(html_text, "sted"))
    assert "Adressen er hemmelig" in where and "Kontakt tilbuddet" not in where
    assert "Se næste skridt nedenfor" in where
    assert 'href="tel:1888"' in section(html_text, "naeste-skridt")


# --- contact cards: each phone its own item -----------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["kontakter/lev-uden-vold", "kontakter/politiet", "tilbud/frederiksberg-kvindekrisecenter"]
)
def test_each_phone_of_a_card_is_its_own_item(site, url):
    cards = re.findall(r'(?s)<div class="contact-card">.*?Gem som visitkort', page(site, url))
    numbers = [n for c in cards for n in re.findall(r'<dd><a href="tel:[^"]+">([^<]+)</a>', c)]
    assert {"1888", "31 18 44 41"} <= set(numbers) or {"112", "114"} <= set(numbers), numbers
