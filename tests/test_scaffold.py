"""`python -m macros new` writes a template whose comments tell the editor the next steps, and which the check and
the build refuse until every placeholder is filled in."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT, copy_data, run_build, run_check

KINDS = [("municipality", "municipalities"), ("offer", "offers"), ("contact", "contacts"), ("policy", "policies")]

# What each untouched scaffold must name: every field the editor has to fill in or choose.
UNFILLED = {
    "municipality": ["name", "kommunekode", "region"],
    "offer": ["name", "summary", "kinds[0]"],
    "contact": ["name", "kind", "sector", "summary"],
    "policy": [
        "kind",
        "title",
        "summary",
        "focus_areas.areas[0].id",
        "focus_areas.areas[0].title",
        "focus_areas.areas[0].themes[0]",
        "source.title",
        "source.publisher",
        "source.transcription",
    ],
}

# What an editor would type in place of each placeholder, by the line's start.
FILLED = {
    "municipality": {
        "name:": "name: Testby",
        "kommunekode:": 'kommunekode: "0999"',
        "region:": "region: Region Syddanmark",
    },
    "offer": {
        "name:": "name: Testbyens værested",
        "summary:": "summary: Et sted at være i dagtimerne.",
        "kinds:": "kinds: [samvaer]",
    },
    "contact": {
        "name:": "name: Testbyens socialafdeling",
        "kind:": "kind: enhed",
        "sector:": "sector: kommune",
        "summary:": "summary: Socialafdelingen visiterer til bostøtte.",
    },
    "policy": {
        "kind:": "kind: politik",
        "title:": "title: Testbyens politik",
        "summary:": "summary: Et resumé.",
        "    - id:": "    - id: bolig",
        "      title:": "      title: Bolig",
        "      themes:": "      themes: [bolig]",
        "  title:": "  title: Testbyens politik (pdf)",
        "  publisher:": "  publisher: Testby Kommune",
        "  transcription:": "  transcription: hele",
    },
}


def new(root, *args):
    return subprocess.run(
        [sys.executable, "-m", "macros", "new", *args, "--root", str(root)], capture_output=True, text=True, cwd=ROOT
    )


def scaffold(root, kind: str) -> str:
    """Scaffold the kind for the municipality egedal (a new municipality for its own kind); the file's path."""
    args = [kind, f"ny-{kind}"] + ([] if kind == "municipality" else ["--municipality", "egedal"])
    result = new(root, *args)
    assert result.returncode == 0, result.stderr
    assert "erstat hvert UDFYLD" in result.stdout
    return f"{dict(KINDS)[kind]}/ny-{kind}.yaml"


def fill(path, kind: str) -> None:
    lines = path.read_text("utf-8").splitlines()
    for start, value in FILLED[kind].items():
        index = next(i for i, line in enumerate(lines) if line.startswith(start) and "UDFYLD" in line)
        lines[index] = value
    path.write_text("\n".join(lines) + "\n", "utf-8")


@pytest.mark.parametrize(("kind", "folder"), KINDS)
def test_an_untouched_scaffold_fails_the_check_naming_every_field_to_fill(kind, folder, data_copy):
    shown = scaffold(data_copy, kind)
    text = (data_copy / shown).read_text("utf-8")
    assert text.startswith(f"# yaml-language-server: $schema=../schemas/{kind}.schema.json\n")
    assert "næste skridt" in text and "python -m macros check" in text
    check = run_check(data_copy)
    assert check.returncode == 1
    named = re.findall(rf"^{re.escape(shown)}:\d+: (\S+): er ikke udfyldt endnu", check.stderr, re.M)
    assert sorted(named) == sorted(UNFILLED[kind]), check.stderr
    # One problem per field, no knock-on noise (nothing else about this file, nothing about files referring to it).
    assert [line for line in check.stderr.splitlines() if line.startswith(shown)] == [
        line for line in check.stderr.splitlines() if "er ikke udfyldt endnu" in line
    ]
    assert "findes ikke" not in check.stderr
    if kind != "municipality":  # a choice from a list says what the choices are
        assert re.search(
            rf"^{re.escape(shown)}:\d+: kind\w*(\[0\])?: er ikke udfyldt endnu; værdien 'UDFYLD' er "
            r"ikke tilladt\. Tilladte værdier: \w+",
            check.stderr,
            re.M,
        ), check.stderr


@pytest.fixture(scope="module")
def untouched_build(tmp_path_factory):
    """One strict build of the real data with an untouched scaffold of every kind: (the build's result, its output
    folder, the scaffolds' paths by kind). Every scaffold must be refused in the one run."""
    data = copy_data(tmp_path_factory.mktemp("scaffolds") / "data")
    shown = {kind: scaffold(data, kind) for kind, _ in KINDS}
    site = data.parent / "site"
    return run_build(site, data), site, shown


@pytest.mark.parametrize(("kind", "folder"), KINDS)
def test_an_untouched_scaffold_fails_the_strict_build(kind, folder, untouched_build):
    build, site, shown = untouched_build
    output = build.stdout + build.stderr  # MkDocs prints an aborted build's message on stdout
    assert build.returncode != 0
    assert "Sitet kan ikke bygges" in output
    assert re.search(rf"^{re.escape(shown[kind])}:\d+: \S+: er ikke udfyldt endnu", output, re.M), output
    assert not (site / "index.html").exists()


@pytest.mark.parametrize(("kind", "folder"), KINDS)
def test_a_filled_scaffold_passes_the_check(kind, folder, data_copy):
    shown = scaffold(data_copy, kind)
    fill(data_copy / shown, kind)
    check = run_check(data_copy)
    assert check.returncode == 0, check.stderr
    assert shown not in check.stdout


def test_a_new_municipality_takes_its_records(data_copy):
    """The order the guide gives: the municipality first, then what belongs to it."""
    assert (
        "kommunen 'testby' findes ikke" in new(data_copy, "offer", "testby-tilbud", "--municipality", "testby").stderr
    )
    assert (
        "python -m macros new municipality testby"
        in new(data_copy, "offer", "testby-tilbud", "--municipality", "testby").stderr
    )
    assert new(data_copy, "municipality", "testby").returncode == 0
    assert new(data_copy, "offer", "testby-tilbud", "--municipality", "testby").returncode == 0
    assert "municipality: testby" in (data_copy / "offers" / "testby-tilbud.yaml").read_text("utf-8")


def test_scaffolding_refuses_bad_input(data_copy):
    assert "må kun indeholde små bogstaver" in new(data_copy, "offer", "Nyt Tilbud", "--municipality", "egedal").stderr
    assert "kommunen 'egedall' findes ikke" in new(data_copy, "offer", "nyt", "--municipality", "egedall").stderr
    assert "skriv, hvilken kommune filen hører til, med --municipality" in new(data_copy, "offer", "nyt").stderr
    assert new(data_copy, "offer", "nyt", "--municipality", "egedal").returncode == 0
    assert "findes allerede" in new(data_copy, "offer", "nyt", "--municipality", "egedal").stderr


def test_scaffolding_refuses_an_id_whose_page_is_taken_with_the_checks_words(data_copy):
    """`new municipality print` would give the start page the address of the hand-written ny-medarbejder/print.md:
    refused before a file exists, in the words the check uses for such a file written by hand."""
    shutil.copytree(ROOT / "content", data_copy / "content")
    said = (
        "id'et 'print' kan ikke bruges: siden ville få adressen ny-medarbejder/print/, som den håndskrevne side "
        "content/ny-medarbejder/print.md allerede har. Vælg et andet id"
    )
    refused = new(data_copy, "municipality", "print")
    assert refused.returncode == 1 and said in refused.stderr
    assert not (data_copy / "municipalities" / "print.yaml").exists()
    by_hand = (data_copy / "municipalities" / "egedal.yaml").read_text("utf-8").replace("id: egedal", "id: print", 1)
    (data_copy / "municipalities" / "print.yaml").write_text(by_hand, "utf-8")
    assert said in run_check(data_copy).stderr
    # A folder's own page and a folder the site makes itself.
    assert (
        "'index' er navnet på forsiden af mappen tilbud/"
        in new(data_copy, "offer", "index", "--municipality", "egedal").stderr
    )
    assert (
        "adressen tilbud/kommune/ er en mappe med sider, som sitet laver selv"
        in new(data_copy, "offer", "kommune", "--municipality", "egedal").stderr
    )
    assert not any((data_copy / "offers" / f"{i}.yaml").exists() for i in ("index", "kommune"))


def test_real_text_that_says_udfylde_is_no_placeholder(data_copy):
    path = data_copy / "offers" / "ny-offer.yaml"
    scaffold(data_copy, "offer")
    fill(path, "offer")
    path.write_text(
        path.read_text("utf-8").replace(
            "Et sted at være i dagtimerne.", "Hjælp til at udfylde ansøgninger. Udfyld skemaet sammen."
        ),
        "utf-8",
    )
    check = run_check(data_copy)
    assert check.returncode == 0, check.stderr


def test_the_guide_shows_each_template_with_every_value_to_fill(built_site):
    """The web editor's way: the guide shows the same templates, with even the id and municipality as UDFYLD."""
    from sitetext import page, visible

    text = visible(page(built_site, "redaktoer/nyt-tilbud")) + visible(page(built_site, "redaktoer/ny-politik"))
    for kind in ("offer", "contact", "municipality", "policy"):
        template = (ROOT / "macros" / "tools" / "templates" / f"{kind}.yaml").read_text("utf-8")
        first_line = template.splitlines()[1]  # the comment naming what the file is
        assert first_line in text, kind
    assert "id: UDFYLD" in text and "municipality: UDFYLD" in text
