"""A pull request's preview builds only the municipalities whose records it changes
(scripts/sites_per_municipality.py --changed-since), so editors see their change in seconds at any size."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from sites_per_municipality import changed_municipalities


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(data_copy: Path) -> Path:
    git(data_copy, "init", "-q", "-b", "main")
    git(data_copy, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "add", "-A")
    git(data_copy, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-m", "data")
    return data_copy


def edit(file: Path) -> None:
    file.write_text(file.read_text("utf-8").replace("summary: ", "summary: Rettet. ", 1), "utf-8")


def test_nothing_changed(repo: Path):
    assert changed_municipalities(repo, "HEAD") == []


def test_an_offer_edit_previews_its_municipality(repo: Path):
    edit(repo / "offers" / "ballerup-botilbud.yaml")
    assert changed_municipalities(repo, "HEAD") == ["ballerup"]


def test_a_new_and_a_deleted_record_count_too(repo: Path):
    (repo / "offers" / "roedovre-nyt.yaml").write_text("id: roedovre-nyt\nmunicipality: roedovre\n", "utf-8")
    (repo / "policies" / next(p.name for p in (repo / "policies").glob("egedal*.yaml"))).unlink()
    assert changed_municipalities(repo, "HEAD") == ["egedal", "roedovre"]


def test_a_shared_contact_previews_every_municipality_that_refers_to_it(repo: Path):
    (repo / "offers" / "egedal-hos-politiet.yaml").write_text(
        "id: egedal-hos-politiet\nmunicipality: egedal\nprovider: politiet\n", "utf-8"
    )
    (repo / "contacts" / "roedovre-enhed.yaml").write_text(
        "id: roedovre-enhed\nmunicipality: roedovre\nparent: politiet\n", "utf-8"
    )
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "add", "-A")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-m", "refs")
    edit(repo / "contacts" / "politiet.yaml")
    assert changed_municipalities(repo, "HEAD") == ["egedal", "roedovre"]


def test_a_contact_no_municipality_refers_to_needs_the_full_build(repo: Path):
    edit(repo / "contacts" / "sand.yaml")  # a national contact: on the combined site, on no municipality's
    assert changed_municipalities(repo, "HEAD") is None


def test_a_table_change_needs_the_full_build(repo: Path):
    edit_target = repo / "vocabularies" / "legal_bases.yaml"
    edit_target.write_text(edit_target.read_text("utf-8") + "\n# en kommentar\n", "utf-8")
    assert changed_municipalities(repo, "HEAD") is None


def test_the_preview_builds_only_the_changed_municipality(repo: Path, tmp_path: Path):
    edit(repo / "offers" / "ballerup-botilbud.yaml")
    out = tmp_path / "preview"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "sites_per_municipality.py"),
            "--root",
            str(repo),
            "--changed-since",
            "HEAD",
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Ændrede kommuner: ballerup" in result.stdout
    assert [p.name for p in out.iterdir() if p.is_dir()] == ["ballerup"]
    page = (out / "ballerup" / "tilbud" / "ballerup-botilbud" / "index.html").read_text("utf-8")
    assert "Rettet." in page
