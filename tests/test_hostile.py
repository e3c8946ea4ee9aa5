"""Hostile and broken input fails fast with a clear Danish message, and hostile text is always escaped."""

from __future__ import annotations

import time

from conftest import add_fixture, run_build, run_check
from sitetext import page, visible

# HTML tags are refused by the check (markup.py); '<skrivebord>' and '<navn@x.dk>' pass it, and a browser would
# still read them as elements if they were not escaped.
HOSTILE = "<skrivebord> **fed** {{ config.site_name }} {% raw %} <navn@x.dk> &amp; |x|"


def test_an_alias_bomb_is_refused_at_once(data_copy):
    levels = ['a0: &a0 ["' + "x" * 10 + '"]'] + [
        f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 12)
    ]
    (data_copy / "offers" / "bombe.yaml").write_text("id: bombe\n" + "\n".join(levels) + "\n", "utf-8")
    started = time.monotonic()
    result = run_check(data_copy)
    assert time.monotonic() - started < 20
    assert result.returncode == 1
    assert "offers/bombe.yaml:3: a1[0]: YAML-aliaser ('*a0') er ikke tilladt" in result.stderr


def test_an_oversized_file_is_refused_without_being_parsed(data_copy):
    (data_copy / "offers" / "stor.yaml").write_text("id: stor\nsummary: '" + "x" * 600_000 + "'\n", "utf-8")
    result = run_check(data_copy)
    assert result.returncode == 1
    assert "offers/stor.yaml:1: filen fylder 600.021 bytes; den må højst fylde 524.288 bytes" in result.stderr


def test_hostile_text_in_offers_and_contacts_reaches_every_page_escaped(data_copy, tmp_path):
    add_fixture(data_copy, "contact_full.yaml")
    offer_id = add_fixture(data_copy, "offer_full.yaml", "fjendtligt-tilbud")
    path = data_copy / "offers" / f"{offer_id}.yaml"
    text = path.read_text("utf-8")
    for field in (
        "name: Bostøtte efter Housing First",
        "summary: Støtte i egen bolig til borgere, der har været hjemløse.",
        "  - En bostøttemedarbejder besøger borgeren i hjemmet.",
        "eligibility: Borgere i hjemløshed eller i risiko for hjemløshed.",
    ):
        key, _ = field.split(":", 1) if not field.startswith("  -") else ("  -", "")
        text = text.replace(field, f"{key}: '{HOSTILE}'" if key != "  -" else f"  - '{HOSTILE}'")
    path.write_text(text, "utf-8")
    result = run_build(tmp_path / "site", data_copy)
    assert result.returncode == 0, result.stderr
    for url in (f"tilbud/{offer_id}", "tilbud", "kontakter/contact-full", "tilbud/lovgrundlag"):
        html_text = page(tmp_path / "site", url)
        assert "<skrivebord>" not in html_text and "<navn@x.dk" not in html_text, url
        assert "<strong>fed</strong>" not in html_text, url
    assert visible(page(tmp_path / "site", f"tilbud/{offer_id}")).count(" ".join(HOSTILE.split())) >= 3


def test_a_secret_written_into_other_text_is_refused(data_copy):
    offer_id = add_fixture(data_copy, "offer_with_confidential_address.yaml")
    path = data_copy / "offers" / f"{offer_id}.yaml"
    path.write_text(
        path.read_text("utf-8").replace(
            "summary: Midlertidigt ophold", "summary: Ligger på Hemmeligvej 7. Midlertidigt ophold"
        ),
        "utf-8",
    )
    contact_id = add_fixture(data_copy, "contact_full.yaml")
    cpath = data_copy / "contacts" / f"{contact_id}.yaml"
    cpath.write_text(
        cpath.read_text("utf-8").replace("Afdelingen har åbent", "Ring 55667788. Afdelingen har åbent"), "utf-8"
    )
    result = run_check(data_copy)
    assert result.returncode == 1
    assert "offers/offer-with-confidential-address.yaml:5: summary: teksten nævner en hemmelig adresse" in result.stderr
    assert "contacts/contact-full.yaml:10: description[0]: teksten nævner et internt telefonnummer" in result.stderr
