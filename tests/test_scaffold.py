"""`python -m macros new` writes a valid file whose comments tell the editor the next steps."""
from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT, run_check


def new(root, *args):
    return subprocess.run([sys.executable, "-m", "macros", "new", *args, "--root", str(root)],
                          capture_output=True, text=True, cwd=ROOT)


@pytest.mark.parametrize("kind, folder", [("offer", "offers"), ("contact", "contacts"), ("policy", "policies")])
def test_a_scaffolded_file_passes_the_check_and_flags_what_is_left(kind, folder, data_copy):
    result = new(data_copy, kind, f"nyt-{kind}", "--municipality", "egedal")
    assert result.returncode == 0, result.stderr
    path = data_copy / folder / f"nyt-{kind}.yaml"
    text = path.read_text("utf-8")
    assert text.startswith(f"# yaml-language-server: $schema=../schemas/{kind}.schema.json\n")
    assert "næste skridt" in text and "python -m macros check" in text
    check = run_check(data_copy)
    assert check.returncode == 0, check.stderr
    assert f"{folder}/nyt-{kind}.yaml:" in check.stdout and "advarsel: teksten er ikke udfyldt endnu" in check.stdout


def test_scaffolding_refuses_bad_input(data_copy):
    assert "må kun indeholde små bogstaver" in new(data_copy, "offer", "Nyt Tilbud", "--municipality", "egedal").stderr
    assert "kommunen 'egedall' findes ikke" in new(data_copy, "offer", "nyt", "--municipality", "egedall").stderr
    assert new(data_copy, "offer", "nyt", "--municipality", "egedal").returncode == 0
    assert "findes allerede" in new(data_copy, "offer", "nyt", "--municipality", "egedal").stderr
