"""Under `mkdocs serve`, an edit to the data re-renders only the pages it changes (macros/site/live_update.py),
and after any sequence of edits the served site equals a fresh full build of the same data.

The serve is driven in this process, as `mkdocs serve` does it: the first build, the plugin's on_serve with a
stand-in for the server, then the server's builder after each edit. The time an edit takes is measured by
scripts/benchmark.py, not here.
"""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest
from conftest import ROOT
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from sitetext import pagefind_fragments

SERVE_URL = "http://127.0.0.1:8000/"


def _config(site_dir: Path):
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site_dir))
    config.site_url = SERVE_URL
    return config


class _Server:
    """What the plugin's on_serve uses of MkDocs' LiveReloadServer: watch() and the builder."""

    def __init__(self, builder) -> None:
        self.builder = builder
        self.watched: list[str] = []

    def watch(self, path: str, func=None) -> None:
        self.watched.append(path)


def _files(site: Path) -> dict[str, bytes]:
    """Every file of a built site but the search index (its file names differ run to run), gzip files unpacked."""
    found = {}
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.is_file() and not rel.startswith("pagefind/"):
            data = path.read_bytes()
            found[rel] = gzip.decompress(data) if rel.endswith(".gz") else data
    return found


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{path.name} no longer holds {old!r}"
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.fixture
def served(data_copy: Path, tmp_path: Path, monkeypatch):
    """(the server's builder, the served site's folder, how many full builds ran) after the first build."""
    monkeypatch.setenv("SITE_DATA_DIR", str(data_copy))
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.delenv("REPO_URL", raising=False)
    site = tmp_path / "served"
    config = _config(site)
    config.plugins.on_startup(command="serve", dirty=False)
    full_builds = []

    def full() -> None:  # what `mkdocs serve` gives the server: a new config, a whole build
        full_builds.append(1)
        build(_config(site), serve_url=SERVE_URL)

    try:
        build(config, serve_url=SERVE_URL)
        server = _Server(full)
        config.plugins.on_serve(server, config=config, builder=full)
        yield server.builder, site, full_builds
    finally:
        config.plugins.on_startup(command="build", dirty=False)  # this process serves no more


def test_edits_to_the_data_rerender_the_pages_they_change_and_the_site_equals_a_fresh_build(
    served, data_copy: Path, tmp_path: Path
):
    builder, site, full_builds = served
    offer = data_copy / "offers" / "roedovre-skaeve-boliger.yaml"
    page = site / "tilbud" / "roedovre-skaeve-boliger" / "index.html"
    about = (site / "om-sitet" / "index.html").stat().st_mtime_ns

    # An offer's new name: its page, the offer catalogue and the municipality's pages, not the whole site.
    _edit(offer, "\nname: ", "\nname: Rettet navn – ")
    builder()
    assert not full_builds
    assert builder.rendered is not None
    assert {"tilbud/roedovre-skaeve-boliger.md", "tilbud/index.md"} <= set(builder.rendered)
    assert len(builder.rendered) < 40
    assert "Rettet navn – " in page.read_text("utf-8")
    assert (site / "om-sitet" / "index.html").stat().st_mtime_ns == about  # untouched

    # An error in the edited file refuses the rebuild with the build's Danish message; the page stays as it was.
    _edit(offer, "\nname: ", "\nnavn: x\nname: ")
    with pytest.raises(Abort) as refused:
        builder()
    assert "Sitet kan ikke bygges, fordi data har fejl" in refused.value.message
    assert "roedovre-skaeve-boliger.yaml" in refused.value.message
    assert "Rettet navn – " in page.read_text("utf-8")

    # Mended, and another record edited: still partial, and the contact's page shows it.
    _edit(offer, "\nnavn: x\n", "\n")
    _edit(data_copy / "contacts" / "ballerup-boligforeninger.yaml", "name: Boligforeningerne", "name: Boligselskaberne")
    builder()
    assert not full_builds and builder.rendered is not None
    assert "kontakter/ballerup-boligforeninger.md" in builder.rendered
    assert "Boligselskaberne i Ballerup" in (site / "kontakter" / "ballerup-boligforeninger" / "index.html").read_text(
        "utf-8"
    )

    # Only the text of a page rendered straight to HTML (html_pages.py), not its front matter: still re-rendered.
    _edit(offer, "om eller hvor et sådant tilbud", "om eller hvor sådan et tilbud")
    builder()
    assert not full_builds and builder.rendered is not None
    assert "tilbud/roedovre-skaeve-boliger.md" in builder.rendered
    assert "hvor sådan et" in page.read_text("utf-8")

    # The glossary is explained on every page: a change to it rebuilds the whole site.
    _edit(data_copy / "vocabularies" / "glossary.yaml", "At komme sig:", "At komme sig igen:")
    builder()
    assert full_builds and builder.rendered is None

    # After it, a partial rebuild again: a policy's summary.
    _edit(data_copy / "policies" / "ballerup-plads-til-alle.yaml", "tre fokusområder", "3 fokusområder")
    builder()
    assert len(full_builds) == 1 and builder.rendered

    fresh = tmp_path / "fresh"
    builder.plugin.wait_for_search_index()  # written in a thread after a partial rebuild
    build(_config(fresh), serve_url=SERVE_URL)
    served_files, fresh_files = _files(site), _files(fresh)
    assert sorted(served_files) == sorted(fresh_files)
    differ = [path for path in fresh_files if served_files[path] != fresh_files[path]]
    assert differ == [], differ
    # The search index too: each page rendered again replaced its old text in it (search_feed.py), and a search
    # for the offer's new name finds it under serve.
    served_index, fresh_index = pagefind_fragments(site), pagefind_fragments(fresh)
    assert sorted(served_index) == sorted(fresh_index)
    assert [url for url in fresh_index if served_index[url] != fresh_index[url]] == []
    assert served_index["tilbud/roedovre-skaeve-boliger/"]["meta"]["title"].startswith("Rettet navn – ")
    spellings = sorted(p.relative_to(site).as_posix() for p in (site / "pagefind" / "stavemaader").iterdir())
    assert spellings == sorted(p.relative_to(fresh).as_posix() for p in (fresh / "pagefind" / "stavemaader").iterdir())
    assert all((site / name).read_bytes() == (fresh / name).read_bytes() for name in spellings), (
        "the Danish spellings of the served index are those of a fresh build"
    )


def test_an_edit_outside_the_data_rebuilds_the_whole_site(served, tmp_path: Path):
    builder, _site, full_builds = served
    stamp = os.stat(ROOT / "mkdocs.yml")
    try:
        os.utime(ROOT / "mkdocs.yml", ns=(stamp.st_atime_ns, stamp.st_mtime_ns + 1_000_000_000))
        builder()
    finally:
        os.utime(ROOT / "mkdocs.yml", ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert full_builds and builder.rendered is None
