"""Every class of editor mistake gives the promised Danish message with file, line and field.

Each case in fixtures/errors/ is put into a copy of the real data as policies/<case>.yaml; the
check must print exactly the lines in <case>.expected (golden files, written once by hand and
reviewed). Run with UPDATE_GOLDEN=1 to rewrite them after a deliberate change of wording.
"""

from __future__ import annotations

import os
import shutil

import pytest
from conftest import FIXTURES, add_fixture, run_check

CASES = sorted(
    [("policies", p.stem) for p in (FIXTURES / "errors").glob("*.yaml")]
    + [(folder, p.stem) for folder in ("offers", "contacts") for p in (FIXTURES / "errors" / folder).glob("*.yaml")]
)


@pytest.fixture
def golden_data(data_copy):
    """The real municipalities, policies and tables, but fixed contacts and no offers: the messages
    (and their "Mente du ...?" suggestions) must not change when editors add real offers."""
    for folder in ("offers", "contacts"):
        for path in (data_copy / folder).glob("*.yaml"):
            path.unlink()
    add_fixture(data_copy, "contact_minimal.yaml", "roedovre-kommune")
    add_fixture(data_copy, "contact_full.yaml")
    return data_copy


@pytest.mark.parametrize(("folder", "case"), CASES, ids=[f"{f}/{c}" for f, c in CASES])
def test_error_message_is_pinned(folder, case, golden_data):
    data_copy = golden_data
    source = FIXTURES / "errors" / ("" if folder == "policies" else folder) / f"{case}.yaml"
    shutil.copy(source, data_copy / folder / f"{case}.yaml")
    result = run_check(data_copy)
    output = result.stdout + result.stderr
    lines = [
        ln
        for ln in output.splitlines()
        if ln.startswith(f"{folder}/{case}.yaml:") or (ln.startswith("    ") and "YAML" not in ln[:4])
    ]
    expected_file = source.with_suffix(".expected")
    if os.environ.get("UPDATE_GOLDEN"):
        expected_file.write_text("\n".join(lines) + "\n", "utf-8")
    assert lines == expected_file.read_text("utf-8").splitlines()
    warnings_only = all(": advarsel: " in ln for ln in lines if not ln.startswith("    "))
    assert result.returncode == (0 if warnings_only else 1), output


def test_all_problems_of_all_files_come_in_one_run(data_copy):
    for case in ("unknown-field", "wrong-type", "missing-field", "dangling-reference", "syntax-error"):
        shutil.copy(FIXTURES / "errors" / f"{case}.yaml", data_copy / "policies" / f"{case}.yaml")
    result = run_check(data_copy)
    assert result.returncode == 1
    files = {ln.split(":")[0] for ln in result.stderr.splitlines() if ln.startswith("policies/")}
    assert len(files) == 5
    assert result.stderr.splitlines()[-1].startswith("Fundet: ")


def test_the_real_data_passes(tmp_path):
    from conftest import ROOT

    result = run_check(ROOT)
    assert result.returncode == 0, result.stderr
    assert "5 politikker" in result.stdout


def test_a_misspelt_field_is_one_message_not_also_a_missing_one(data_copy):
    """`titel` for `title`: the unknown field's "Mente du 'title'?" says it all; "feltet mangler" would be noise."""
    text = (FIXTURES / "errors" / "unknown-field.yaml").read_text("utf-8").replace("title: Politik\ntitel", "titel", 1)
    path = data_copy / "policies" / "unknown-field.yaml"
    path.write_text(
        text.replace(
            "focus_areas:\n  areas:\n    - id: bolig\n      title:",
            "focus_areas:\n  areas:\n    - id: bolig\n      titel:",
        ),
        "utf-8",
    )
    result = run_check(data_copy)
    assert result.returncode == 1
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith("policies/unknown-field.yaml:")]
    assert [ln.split(": ", 2)[1] for ln in lines] == ["titel", "focus_areas.areas[0].titel"], result.stderr
    assert all("Mente du 'title'?" in ln for ln in lines)


def test_a_data_file_with_the_wrong_extension_is_reported(data_copy):
    (data_copy / "policies" / "ny-politik.yml").write_text("id: ny-politik\n", "utf-8")
    result = run_check(data_copy)
    assert result.returncode == 1
    assert "policies/ny-politik.yml:1: filen bliver ikke læst: datafiler skal hedde <id>.yaml" in result.stderr


def test_a_cpr_number_in_a_hand_written_page_is_refused(data_copy):
    (data_copy / "content").mkdir()
    (data_copy / "content" / "side.md").write_text("# Side\n\nBorgeren (cpr 2412891234) ringede.\n", "utf-8")
    result = run_check(data_copy)
    assert result.returncode == 1
    assert "content/side.md:3: teksten indeholder noget, der ligner et CPR-nummer ('2412891234')" in result.stderr


def _insert_after(path, anchor: str, text: str) -> int:
    """Insert `text` (whole lines) after the first line starting with `anchor`; return the line it starts at."""
    lines = path.read_text("utf-8").splitlines(keepends=True)
    at = next(i for i, ln in enumerate(lines) if ln.startswith(anchor)) + 1
    lines[at:at] = [text]
    path.write_text("".join(lines), "utf-8")
    return at + 1


def _replace_once(path, old: str, new: str) -> int:
    """Replace the first `old` in the file; return its line."""
    text = path.read_text("utf-8")
    at = text.index(old)
    path.write_text(text[:at] + new + text[at + len(old) :], "utf-8")
    return text.count("\n", 0, at) + 1


def test_five_mistakes_in_five_files_give_five_messages(data_copy):
    """A record that failed validation is reported once: the many records that refer to it (policies,
    offers, contacts, glossary) do not also call it unknown, with suggestions of other ids."""
    lines = {
        # referred to by offers, contacts and the glossary
        "policies/roedovre-politik-socialt-udsatte.yaml": _replace_once(
            data_copy / "policies" / "roedovre-politik-socialt-udsatte.yaml", "[forebyggelse,", "[forebygelse,"
        ),
        # every Ballerup policy, offer and contact refers to the municipality
        "municipalities/ballerup.yaml": _replace_once(
            data_copy / "municipalities" / "ballerup.yaml", 'kommunekode: "0151"', 'kommunekode: "151"'
        ),
        # provider or contact of the Rødovre offers, parent of the Rødovre units
        "contacts/roedovre-kommune.yaml": _insert_after(
            data_copy / "contacts" / "roedovre-kommune.yaml", "sector:", "phones:\n  - number: 12 34 567\n"
        )
        + 1,
        "offers/roedovre-mentor.yaml": _insert_after(
            data_copy / "offers" / "roedovre-mentor.yaml",
            "kinds:",
            "locations:\n  - opening_hours:\n      - days: [mandag]\n        opens: '9.00'\n        closes: '15:00'\n",
        )
        + 3,
        "offers/frederiksberg-peer-to-peer.yaml": _insert_after(
            data_copy / "offers" / "frederiksberg-peer-to-peer.yaml",
            "kinds:",
            "locations:\n  - address:\n      street: Testvej 1\n      postal_code: 20 00\n      city: Testby\n",
        )
        + 3,
    }
    result = run_check(data_copy)
    assert result.returncode == 1
    errors = [ln for ln in result.stderr.splitlines() if ln.split(":")[0] in lines or "ikke findes" in ln]
    assert sorted(ln.split(":")[0] + ":" + ln.split(":")[1] for ln in errors) == sorted(
        f"{path}:{line}" for path, line in lines.items()
    ), result.stderr
    assert result.stderr.splitlines()[-1].startswith("Fundet: 5 fejl"), result.stderr
    messages = "\n".join(errors)
    assert "værdien 'forebygelse' er ikke tilladt. Mente du 'forebyggelse'?" in messages
    assert "en kommunekode skrives med fire cifre" in messages and "(fik '151')" in messages
    assert "et telefonnummer skal have 8 cifre" in messages and "(fik '12 34 567')" in messages
    assert "et klokkeslæt skrives TT:MM" in messages and "(fik '9.00')" in messages
    assert "et postnummer skal være fire cifre" in messages and "(fik '20 00')" in messages


# --- mistakes outside the data: hand-written pages and mkdocs.yml -----------------------------------


@pytest.fixture
def site_copy(tmp_path):
    """A copy of the whole site (code, content, mkdocs.yml, data) to break freely."""
    from conftest import ROOT

    work = tmp_path / "site-copy"
    anywhere = shutil.ignore_patterns(".git", "__pycache__", "*.egg-info", ".pytest_cache")

    def ignore(folder, names):  # the built site/ at the top, not the package macros/site/
        return anywhere(folder, names) | ({".venv", "site", "site.new"} & set(names) if folder == str(ROOT) else set())

    shutil.copytree(ROOT, work, ignore=ignore)
    return work


def test_an_unknown_macro_in_a_page_stops_the_build_with_a_danish_message(site_copy, tmp_path):
    import subprocess
    import sys

    (site_copy / "content" / "ny-side.md").write_text(
        "---\nrender_macros: true\n---\n\n# Ny side\n\nVi har {{ counts().policies }} politikker.\n\n"
        "{{ unknown_macro() }}\n\n{{ polcy_index() }}\n",
        "utf-8",
    )
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        cwd=site_copy,
        env=env,
        timeout=600,
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert "content/ny-side.md:9: makroen 'unknown_macro' findes ikke." in output
    assert "content/ny-side.md:11: makroen 'polcy_index' findes ikke. Mente du 'policy_index'" in output
    assert not (tmp_path / "out" / "index.html").exists()


@pytest.mark.parametrize(
    ("mistake", "expected"),
    [
        (
            ("site_description:", "site_descripton:"),
            "mkdocs.yml:2: site_descripton: ukendt indstilling 'site_descripton'. Mente du 'site_description'?",
        ),
        (
            ("Velkommen: ny-medarbejder/index.md", "Velkommen: ny-medarbejder/indeks.md"),
            "nav: siden 'ny-medarbejder/indeks.md' findes ikke i mappen content/",
        ),
        (
            ("site_name: Voksne i udsatte positioner", 'site_name: "Voksne i udsatte positioner'),
            'mkdocs.yml:1: YAML-syntaksfejl: et anførselstegn (") åbnet på linje 1 bliver ikke lukket på samme linje',
        ),
        (("data_dir: !ENV", "dat_dir: !ENV"), "plugins: pluginet 'udsatte' har ingen indstilling 'dat_dir'"),
        (
            ("site_name: Voksne", "site_nmae: Voksne"),
            "mkdocs.yml:1: site_nmae: ukendt indstilling 'site_nmae'. Mente du 'site_name'?",
        ),
    ],
    ids=["unknown-key", "nav-page", "yaml-syntax", "plugin-option", "misspelt-required-key"],
)
def test_a_mistake_in_mkdocs_yml_is_reported_in_danish_by_the_check(site_copy, mistake, expected):
    config = site_copy / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert mistake[0] in text
    config.write_text(text.replace(mistake[0], mistake[1], 1), "utf-8")
    result = run_check(site_copy)
    assert result.returncode == 1
    assert expected in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    # One mistake, one message: a misspelt required setting is not also reported missing, in English.
    assert len([ln for ln in result.stderr.splitlines() if ln.startswith("mkdocs.yml:")]) == 1, result.stderr
    assert "MkDocs siger" not in result.stderr
