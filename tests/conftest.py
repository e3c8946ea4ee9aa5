"""Shared fixtures: the repository root, a scratch copy of the data, and one strict build of the real site."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DATA_FOLDERS = ("municipalities", "policies", "offers", "contacts", "vocabularies", "about")


def copy_data(target: Path) -> Path:
    """A copy of the real data below `target`, to change freely in a test."""
    for folder in DATA_FOLDERS:
        source = ROOT / folder
        if source.is_dir():
            shutil.copytree(source, target / folder)
        else:
            (target / folder).mkdir(parents=True)
    return target


def add_fixture(data_dir: Path, fixture: str, new_id: str | None = None) -> str:
    """Copy tests/fixtures/<kind>_<variation>.yaml into the data folder as <id>.yaml; return the id."""
    import yaml
    text = (FIXTURES / fixture).read_text("utf-8")
    old_id = yaml.safe_load(text)["id"]
    if new_id:
        text = text.replace(f"id: {old_id}", f"id: {new_id}", 1)
    folder = {"offer": "offers", "contact": "contacts", "policy": "policies", "municipality": "municipalities"}[
        fixture.split("_")[0]]
    (data_dir / folder / f"{new_id or old_id}.yaml").write_text(text, "utf-8")
    return new_id or old_id


def run_check(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "macros", "check", "--root", str(root)],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)


def run_build(site_dir: Path, data_dir: Path | None = None, site_url: str | None = None
              ) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of the repository's site into `site_dir`, optionally from other data or for
    another published address (SITE_URL, whose path is the site's base path)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if data_dir is not None:
        env["SITE_DATA_DIR"] = str(data_dir)
    if site_url is not None:
        env["SITE_URL"] = site_url
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=600)


@pytest.fixture(scope="session", autouse=True)
def record_cache_dir(tmp_path_factory) -> Path:
    """The record cache of every check and build in the tests (subprocesses inherit it): never the user's."""
    folder = tmp_path_factory.mktemp("cache")
    os.environ["XDG_CACHE_HOME"] = str(folder)
    return folder


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    return copy_data(tmp_path / "data")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("site")
    result = run_build(site)
    assert result.returncode == 0, result.stderr
    return site
