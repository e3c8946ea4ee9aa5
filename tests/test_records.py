"""Offer and contact pages, contact cards and vCards, built from fixtures added to a copy of the data."""

from __future__ import annotations

import pytest
from conftest import add_fixture, run_build
from sitetext import page, visible

from macros.data import models
from macros.exports.vcard import vcard


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
    assert "Aldrig bekræftet af tilbuddet" in text
    assert "Oplysningerne er ikke bekræftet inden for de seneste 12 måneder" in text


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
