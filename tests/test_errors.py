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

CASES = sorted([("policies", p.stem) for p in (FIXTURES / "errors").glob("*.yaml")] +
               [("offers", p.stem) for p in (FIXTURES / "errors" / "offers").glob("*.yaml")])


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


@pytest.mark.parametrize("folder, case", CASES, ids=[f"{f}/{c}" for f, c in CASES])
def test_error_message_is_pinned(folder, case, golden_data):
    data_copy = golden_data
    source = FIXTURES / "errors" / ("" if folder == "policies" else folder) / f"{case}.yaml"
    shutil.copy(source, data_copy / folder / f"{case}.yaml")
    result = run_check(data_copy)
    output = result.stdout + result.stderr
    lines = [ln for ln in output.splitlines()
             if ln.startswith(f"{folder}/{case}.yaml:") or (ln.startswith("    ") and "YAML" not in ln[:4])]
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
