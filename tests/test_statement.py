"""The accessibility statement: generated from its YAML record, linked from every page, reviewed yearly."""
from __future__ import annotations

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


def test_a_statement_not_reviewed_for_a_year_fails_the_check(data_copy):
    path = data_copy / "about" / "accessibility.yaml"
    path.write_text(path.read_text("utf-8").replace("last_reviewed: 2026-11-22", "last_reviewed: 2024-01-15"),
                    "utf-8")
    result = run_check(data_copy)
    assert result.returncode == 1
    assert "about/accessibility.yaml:" in result.stderr
    assert "last_reviewed: erklæringen blev sidst gennemgået 2024-01-15; loven kræver en gennemgang mindst en " \
           "gang om året" in result.stderr


def test_publishing_needs_a_real_phone_and_written_contact(data_copy):
    statement = (data_copy / "about" / "accessibility.yaml").read_text("utf-8")
    assert "contact_phone:" not in statement.split("\n# ")[-1], "no contact may be invented in the repository"
    result = subprocess.run([sys.executable, "-m", "macros", "check", "--publish", "--root", str(data_copy)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    assert "contact_phone: erklæringen skal have et telefonnummer, før sitet offentliggøres" in result.stderr
    filled = statement + 'contact_phone: "+45 12 34 56 78"\ncontact_email: tilgaengelighed@kommune.invalid\n'
    (data_copy / "about" / "accessibility.yaml").write_text(filled, "utf-8")
    result = subprocess.run([sys.executable, "-m", "macros", "check", "--publish", "--root", str(data_copy)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
