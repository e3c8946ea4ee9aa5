"""Offer and contact pages, contact cards and vCards, built from fixtures added to a copy of the data."""

from __future__ import annotations

import html
import re

import pytest
import yaml
from conftest import add_fixture, run_build
from sitetext import page, visible

from macros.data import models
from macros.exports.vcard import vcard

SOURCE = {"title": "Kontakt os", "url": "https://to-numre.invalid/kontakt", "read_on": "2026-11-30"}
TWO_PHONES = {
    "id": "contact-two-phones",
    "name": "Rådgivningen med to numre",
    "kind": "organisation",
    "sector": "civilsamfund",
    "service_area": {"kind": "hele-landet"},
    "summary": "En kontakt med to numre, hver med sin kilde.",
    "phones": [
        {"number": "70 11 22 33", "kind": "doegnvagt", "description": "Hotline", "source": dict(SOURCE)},
        {"number": "33 44 55 66", "kind": "direkte", "description": "Juridisk rådgivning", "source": dict(SOURCE)},
        {"number": "33 44 55 67", "opening_hours": "Mandag-fredag 9-15", "source": dict(SOURCE)},
    ],
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from conftest import copy_data

    data = copy_data(tmp_path_factory.mktemp("data") / "d")
    for fixture in (
        "contact_full.yaml",
        "offer_full.yaml",
        "offer_with_confidential_address.yaml",
        "offer_minimal.yaml",
        "contact_minimal.yaml",
    ):
        add_fixture(data, fixture)
    (data / "contacts" / f"{TWO_PHONES['id']}.yaml").write_text(yaml.safe_dump(TWO_PHONES, allow_unicode=True), "utf-8")
    site_dir = tmp_path_factory.mktemp("site")
    result = run_build(site_dir, data)
    assert result.returncode == 0, result.stderr
    return site_dir


def test_offer_page_answers_who_how_and_whom_to_call(site):
    html_text = page(site, "tilbud/offer-full")
    text = visible(html_text)
    for expected in (
        "Bostøtte efter Housing First",
        "Støtte i egen bolig til borgere, der har været hjemløse.",
        "Kræver visitation",
        "Ring til socialafdelingen og bed om en samtale om bostøtte.",
        "Hjemløshed, Sindslidelse",
        "18–65 år",
        "+45 11 22 33 44",
        "Mandag–fredag: 09:00–15:00",
        "20 pladser, heraf 2 ledige (opgjort 1. oktober 2026)",
        "Serviceloven § 85 a",
        "Bostøttevej 3, 2610 Rødovre",
        "Gratis",
        "Dansk, Engelsk",
        "1. oktober 2026",
    ):
        assert expected in text, expected
    assert 'href="tel:+4511223344"' in html_text
    assert "55 66 77 88" not in html_text, "an internal phone number was published"
    assert 'href="../../kontakter/contact-full.vcf"' in html_text
    assert 'href="../lovgrundlag/#sel-85a"' in html_text


def test_offer_links_to_the_focus_area_that_names_it_and_back(site):
    assert 'href="../../politikker/roedovre-politik-socialt-udsatte/#alle-har-en-tryg-base-bolig"' in page(
        site, "tilbud/offer-full"
    )
    policy = page(site, "politikker/roedovre-politik-socialt-udsatte")
    section = policy.split('id="alle-har-en-tryg-base-bolig"')[1].split("<h3 id=")[0]
    assert 'href="../../tilbud/offer-full/"' in section


def test_missing_information_is_shown_as_missing_with_whom_to_ask(site):
    text = visible(page(site, "tilbud/offer-minimal"))
    assert "Ikke oplyst" in text
    assert "Kilderne beskriver ikke, hvordan borgeren får adgang. Se næste skridt nedenfor." in text
    assert "Næste skridt" in text and "Tilbuddet har ikke selv oplyst en telefon eller e-mail." in text
    assert "Bekræftelse: Ikke bekræftet" in text and "Sidst bekræftet" not in text
    assert "Oplysningerne er ikke bekræftet Tjek dem, før du henviser en borger." in text
    assert "Siden nævner ingen kilder og er aldrig bekræftet af tilbuddet selv." in text
    assert "inden for de seneste 12 måneder" not in text, "it was never confirmed"
    assert "Status: Ukendt – ikke bekræftet" in text and "status-aktiv" not in page(site, "tilbud/offer-minimal")
    assert "Politikker, der nævner tilbuddet" not in text and 'id="kilder"' not in page(site, "tilbud/offer-minimal")


def test_confidential_address_is_published_nowhere(site):
    assert "Adressen er hemmelig" in visible(page(site, "tilbud/offer-with-confidential-address"))
    for file in site.rglob("*"):
        if file.is_file():
            assert b"Hemmeligvej" not in file.read_bytes(), file


def test_contact_page_lists_its_offers_and_offers_a_vcard(site):
    text = visible(page(site, "kontakter/contact-full"))
    assert "Bostøtte efter Housing First" in text and "Gem som visitkort (vCard)" in text
    card = (site / "kontakter" / "contact-full.vcf").read_bytes().decode("utf-8")
    assert card.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n")
    assert "FN:Testby Kommune\\, Socialafdelingen\r\n" in card
    assert "TEL;TYPE=WORK,VOICE:+4511223344" in card and "55667788" not in card
    assert "ADR;TYPE=WORK:;;Rådhusvej 1;Rødovre;;2610;Danmark" in card


def test_a_contact_with_several_sourced_phones_shows_each_as_its_own_item(site):
    html_text = page(site, "kontakter/contact-two-phones")
    card = html_text.split('<div class="contact-card">')[1].split("Gem som visitkort")[0]
    items = re.findall(r"(?s)<dd>(.*?)</dd>", card)
    phones = [visible(i) for i in items if "tel:" in i]
    assert len(phones) == 3, phones
    assert phones[0].startswith("70 11 22 33 (Døgnvagt: Hotline) Kilde: Kontakt os")
    assert phones[1].startswith("33 44 55 66 (Direkte nummer: Juridisk rådgivning) – åbningstid ikke oplyst Kilde:")
    assert phones[2].startswith("33 44 55 67 (Hovednummer) – åben Mandag-fredag 9-15 Kilde:")
    for text in (visible(html_text), html_text):
        assert ":   " not in text and "\n: " not in text


def test_no_built_page_shows_a_definition_list_marker_as_text(site):
    """The kind of bug: a ':   ' line of a definition list glued onto the line before reaches the reader."""
    marker = re.compile(r"(?m)^\s*:\s|:[ \t]{3}")
    shown = []
    for file in sorted(site.rglob("index.html")):
        body = re.sub(r"(?is)<(script|style|pre)\b.*?</\1>", " ", file.read_text("utf-8"))
        body = re.sub(r"(?is)<code\b.*?</code>", "kode", body)  # a code span's text stands where it is
        text = html.unescape(re.sub(r"<[^>]+>", "", body))
        shown += [f"{file.parent.relative_to(site)}: {m.group(0)!r}" for m in marker.finditer(text)]
    assert not shown, shown[:10]


def test_contact_without_details_says_so(site):
    text = visible(page(site, "kontakter/contact-minimal"))
    assert text.count("Ikke oplyst") >= 2


def test_indexes_list_contacts_and_legal_bases(site):
    assert "Testby Kommune, Socialafdelingen" in visible(page(site, "kontakter"))
    legal = page(site, "tilbud/lovgrundlag")
    assert 'id="sel-85a"' in legal and 'href="../offer-full/"' in legal


def test_vcard_lines_are_folded_without_breaking_characters():
    # vobject folds a line of 75 characters or more at 75 octets, and never inside a character (the MUST of
    # RFC 2426 §2.6); a shorter line of multi-octet letters stays whole, which address books read as well.
    contact = models.Contact(
        id="x-y", name="Æ" * 60, kind="rolle", sector="kommune", municipality="roedovre", summary="ø" * 100
    )
    card = vcard(contact, None).encode("utf-8")
    lines = card.split(b"\r\n")
    assert all(line.decode("utf-8") for line in lines[:-1])  # each physical line is whole UTF-8
    note = next(i for i, line in enumerate(lines) if line.startswith(b"NOTE:"))
    assert len(lines[note]) <= 75 and lines[note + 1].startswith(b" ")
    assert b"FN:" + "Æ".encode() * 60 + b"\r\n" in card
