"""The accessibility statement: generated from its YAML record, linked from every page, reviewed yearly."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import ROOT, run_check
from sitetext import page, visible


def test_every_page_links_to_the_statement_and_privacy_page(built_site):
    for file in built_site.rglob("*.html"):
        html_text = file.read_text("utf-8")
        assert ">Tilgængelighedserklæring</a>" in html_text, file
        assert ">Privatliv</a>" in html_text, file


def test_statement_page_is_built_from_the_record(built_site):
    text = visible(page(built_site, "tilgaengelighedserklaering"))
    assert "Sitet overholder delvist WCAG 2.1 niveau AA" in text
    assert "axe-core" in text and "Digitaliseringsstyrelsen" in text
    assert "Erklæringen blev sidst gennemgået 22. november 2026" in text


def test_statement_says_what_is_tested_automatically_and_what_only_by_hand(built_site):
    text = visible(page(built_site, "tilgaengelighedserklaering"))
    automatic = text.rsplit("Testes automatisk ved hver ændring", 1)[1].split("Testes kun i hånden", 1)[0]
    by_hand = text.rsplit("Testes kun i hånden", 1)[1].split("Kontakt os om tilgængelighed", 1)[0]
    assert "320 og 1280 pixels" in automatic and "WCAG 1.4.12" in automatic and "fokusmarkering" in automatic
    assert (
        "Hele sitet bestod senest de automatiske tests i Chromium i 320 og 1280 pixels bredde og i lyst og "
        "mørkt farveskema 30. november 2026." in automatic
    )
    assert "Skærmlæser" in by_hand and "Zoom" in by_hand
    assert by_hand.count("Endnu ikke udført.") == 3, "no manual test may be claimed done without a date"


def test_a_test_date_in_the_future_fails_the_check(data_copy):
    path = data_copy / "about" / "accessibility.yaml"
    path.write_text(path.read_text("utf-8").replace("tested: 2026-11-30", "tested: 2999-01-01"), "utf-8")
    result = run_check(data_copy)
    assert result.returncode == 1
    assert "tested: datoen 2999-01-01 ligger i fremtiden" in result.stderr


def test_a_statement_not_reviewed_for_a_year_fails_the_check(data_copy):
    path = data_copy / "about" / "accessibility.yaml"
    path.write_text(path.read_text("utf-8").replace("last_reviewed: 2026-11-22", "last_reviewed: 2024-01-15"), "utf-8")
    result = run_check(data_copy)
    assert result.returncode == 1
    assert "about/accessibility.yaml:" in result.stderr
    assert (
        "last_reviewed: erklæringen blev sidst gennemgået 2024-01-15; loven kræver en gennemgang mindst en "
        "gang om året" in result.stderr
    )


def test_publishing_needs_a_real_phone_and_written_contact(data_copy):
    statement = (data_copy / "about" / "accessibility.yaml").read_text("utf-8")
    assert "contact_phone:" not in statement.split("\n# ")[-1], "no contact may be invented in the repository"
    result = subprocess.run(
        [sys.executable, "-m", "macros", "check", "--publish", "--root", str(data_copy)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 1
    assert "contact_phone: erklæringen skal have et telefonnummer, før sitet offentliggøres" in result.stderr
    filled = statement + 'contact_phone: "+45 12 34 56 78"\ncontact_email: tilgaengelighed@kommune.invalid\n'
    (data_copy / "about" / "accessibility.yaml").write_text(filled, "utf-8")
    # Publishing also needs the repository's address (see test_edit_links.py); here it is set.
    result = subprocess.run(
        [sys.executable, "-m", "macros", "check", "--publish", "--root", str(data_copy)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=dict(os.environ, REPO_URL="https://github.com/eksempel/udsatte"),
    )
    assert result.returncode == 0, result.stderr
