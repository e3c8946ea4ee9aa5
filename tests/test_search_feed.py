"""The search index fed from the build (macros/site/search_feed.py): the same index as Pagefind's own program over
the written pages, a page sent again replacing its old text (under serve), and what an editor sees when Pagefind
fails: a Danish message naming the step and quoting Pagefind, and a build that stops.

The failures are played by a stand-in for the Pagefind program: a small Python script that speaks its service's
protocol (base64 of JSON, each message ended by a comma) and misbehaves in one way.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from conftest import run_build
from sitetext import pagefind_fragments

from macros.site import search_feed
from macros.site.search import SearchIndexError, index_site

PAGES = {
    "index.html": "<h1>Forside</h1><p>Bostøtte og værested i Rødovre</p>",
    "tilbud/vaerestedet/index.html": "<h1>Værestedet</h1><p>Et værested med <a class=headerlink>¶</a> kaffe</p>",
    "soeg/index.html": None,  # the results page: no data-pagefind-body, never indexed
}


def page(body: str | None, kind: str = "Tilbud") -> str:
    inner = (
        f'<div data-pagefind-body data-search-type="{kind}" data-pagefind-filter="type[data-search-type]">{body}</div>'
        if body is not None
        else "<p>Søgeresultater</p>"
    )
    return f'<!doctype html><html lang="da"><head><title>Side</title></head><body><nav>Menu</nav>{inner}</body></html>'


def add_and_finish(feed: search_feed.IndexFeed, site: Path, pages: dict[str, str | None]) -> None:
    for path, body in pages.items():
        feed.add(path, page(body))
    feed.finish(site)


def feed_pages(site: Path, pages: dict[str, str | None]) -> search_feed.IndexFeed:
    feed = search_feed.IndexFeed(str(site))
    for path, body in pages.items():
        feed.add(path, page(body))
    return feed


def test_the_fed_index_is_the_one_pagefinds_program_writes_over_the_same_pages(tmp_path):
    fed, walked = tmp_path / "fed", tmp_path / "walked"
    for path, body in PAGES.items():
        (walked / path).parent.mkdir(parents=True, exist_ok=True)
        (walked / path).write_text(page(body), "utf-8")
    result = feed_pages(fed, PAGES).finish(fed)
    index_site(walked)
    assert result.pages == 2 and result.warnings == ()
    assert pagefind_fragments(fed) == pagefind_fragments(walked)
    assert set(pagefind_fragments(fed)) == {"", "tilbud/vaerestedet/"}
    assert "¶" not in pagefind_fragments(fed)["tilbud/vaerestedet/"]["content"], "EXCLUDE_SELECTORS apply"
    spellings = fed / "pagefind" / "stavemaader" / "b.json"
    assert json.loads(spellings.read_text("utf-8")) == {"bostotte": ["bostøtte"]}
    assert spellings.read_bytes() == (walked / "pagefind" / "stavemaader" / "b.json").read_bytes()
    assert [f.name for f in (fed / "pagefind").rglob("*") if f.is_file() and f.stat().st_size == 0] == []


def test_a_page_sent_again_replaces_its_text_and_the_index_is_written_again(tmp_path):
    """Under `mkdocs serve`, a partial rebuild sends the pages it renders to the running feed (live_update.py)."""
    site = tmp_path / "site"
    feed = feed_pages(site, {"index.html": "<h1>Forside</h1><p>Gammel tekst</p>"})
    try:
        feed.finish(site, keep=True)
        old = {f.name for f in (site / "pagefind" / "fragment").iterdir()}
        feed.add("index.html", page("<h1>Forside</h1><p>Ny tekst om bostøtte</p>"))
        result = feed.finish(site, keep=True)
        assert feed.running
    finally:
        feed.close()
    assert not feed.running
    fragments = pagefind_fragments(site)
    assert result.pages == 1 and list(fragments) == [""]
    assert "Ny tekst" in fragments[""]["content"] and "Gammel" not in fragments[""]["content"]
    assert not old & {f.name for f in (site / "pagefind" / "fragment").iterdir()}, "the old page's file is removed"


# --- failures, played by a stand-in for Pagefind's service ----------------------------------------------------

FAKE_SERVICE = """
import base64, json, os, signal, sys, time

def answer(message_id, payload):
    message = json.dumps({"message_id": message_id, "payload": payload})
    sys.stdout.buffer.write(base64.b64encode(message.encode()) + b",")
    sys.stdout.flush()

def requests():
    buffer = b""
    while True:
        byte = sys.stdin.buffer.read(1)
        if not byte:
            return
        if byte == b",":
            yield json.loads(base64.b64decode(buffer))
            buffer = b""
        else:
            buffer += byte

def b64(text):
    return base64.b64encode(text.encode()).decode()

for request in requests():
    kind, message_id = request["payload"]["type"], request["message_id"]
    if kind == "NewIndex":
        answer(message_id, {"type": "NewIndex", "index_id": 0})
        continue
%s
"""


def fake_service(tmp_path, monkeypatch, behaviour: str) -> Path:
    """A stand-in for the Pagefind program: answers NewIndex, then does `behaviour` (Python, in the request loop)."""
    binary = tmp_path / "fake-pagefind"
    body = "\n".join("    " + line for line in behaviour.strip().splitlines())
    binary.write_text(f"#!{sys.executable}\n" + FAKE_SERVICE % body, "utf-8")
    binary.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(binary))
    return tmp_path / "site"


def test_a_missing_pagefind_program_is_named(tmp_path, monkeypatch):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    with pytest.raises(SearchIndexError, match=r"Pagefind-programmet blev ikke fundet \(.*no-such-pagefind\)"):
        search_feed.IndexFeed()


def test_pagefind_killed_while_pages_are_fed_says_so_with_the_step_and_its_own_words(tmp_path, monkeypatch):
    site = fake_service(
        tmp_path,
        monkeypatch,
        """
if kind == "AddFile":
    sys.stderr.write("memory allocation of 8589934592 bytes failed\\n")
    sys.stderr.flush()
    os.kill(os.getpid(), signal.SIGKILL)
""",
    )
    feed = search_feed.IndexFeed(str(site))
    pages = {f"side-{number}/index.html": "<p>Tekst</p>" for number in range(search_feed.MAX_IN_FLIGHT + 5)}
    with pytest.raises(SearchIndexError) as info:
        add_and_finish(feed, site, pages)  # the feed notices on a later page, or at the end
    message = str(info.value)
    assert "Søgeindeksering, trin 'indeksering'" in message or "trin 'skrivning af indekset'" in message
    assert "stoppet af signal 9" in message and "løb tør for hukommelse" in message
    assert "memory allocation of 8589934592 bytes failed" in message, "Pagefind's own words are quoted"
    assert not feed.running and not feed.workdir.exists(), "no program or scratch folder is left behind"


def test_a_page_pagefind_refuses_is_named_with_pagefinds_message(tmp_path, monkeypatch):
    site = fake_service(
        tmp_path,
        monkeypatch,
        """
if kind == "AddFile" and "ødelagt" in request["payload"]["file_path"]:
    answer(message_id, {"type": "Error", "message": "Failed to parse file"})
elif kind == "AddFile":
    answer(message_id, {"type": "IndexedFile", "page_word_count": 1, "page_url": "/", "page_meta": {}})
elif kind == "GetFiles":
    answer(message_id, {"type": "GetFiles", "files": []})
""",
    )
    feed = feed_pages(site, {"index.html": "<p>God</p>", "tilbud/ødelagt/index.html": "<p>Dårlig</p>"})
    with pytest.raises(SearchIndexError) as info:
        feed.finish(site)
    message = str(info.value)
    assert "trin 'indeksering'" in message and "kunne ikke indeksere 1 side(r)" in message
    assert "tilbud/ødelagt/index.html: Failed to parse file" in message


def test_a_hanging_pagefind_is_stopped_after_the_timeout(tmp_path, monkeypatch):
    site = fake_service(
        tmp_path,
        monkeypatch,
        """
if kind == "AddFile":
    answer(message_id, {"type": "IndexedFile", "page_word_count": 1, "page_url": "/", "page_meta": {}})
elif kind == "GetFiles":
    sys.stderr.write("Building search indexes\\n")
    sys.stderr.flush()
    time.sleep(600)
""",
    )
    monkeypatch.setattr(search_feed, "TIMEOUT_SECONDS", 1)
    feed = feed_pages(site, {"index.html": "<p>Tekst</p>"})
    pid = feed._proc.pid
    with pytest.raises(SearchIndexError) as info:
        feed.finish(site)
    message = str(info.value)
    assert "trin 'skrivning af indekset'" in message and "svarede ikke inden for 1 sekunder" in message
    assert "Building search indexes" in message
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_an_answer_that_cannot_be_read_is_an_error_not_a_traceback(tmp_path, monkeypatch):
    site = fake_service(
        tmp_path,
        monkeypatch,
        """
sys.stdout.buffer.write(b"Thread panicked: not base64 at all,")
sys.stdout.flush()
sys.exit(101)
""",
    )
    feed = search_feed.IndexFeed(str(site))
    with pytest.raises(SearchIndexError) as info:
        add_and_finish(feed, site, {"index.html": "<p>Tekst</p>"})
    message = str(info.value)
    assert "et svar, der ikke kan læses" in message and "Thread panicked" in message


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ('[{"path": "pagefind-entry.json", "content": ""}]', "trin 'kontrol af det skrevne indeks'"),
        ('[{"path": "../uden-for.js", "content": b64("x")}]', "peger uden for mappen"),
        ('[{"path": "fragment/da_1.pf_fragment", "content": b64("ikke gzip")}]', "trin 'stavemåder'.*da_1"),
    ],
)
def test_index_files_that_cannot_be_used_stop_with_the_step(tmp_path, monkeypatch, files, expected):
    site = fake_service(
        tmp_path,
        monkeypatch,
        f"""
if kind == "AddFile":
    answer(message_id, {{"type": "IndexedFile", "page_word_count": 1, "page_url": "/", "page_meta": {{}}}})
elif kind == "GetFiles":
    answer(message_id, {{"type": "GetFiles", "files": {files}}})
""",
    )
    feed = feed_pages(site, {"index.html": "<p>Tekst</p>"})
    with pytest.raises(SearchIndexError, match=expected):
        feed.finish(site)
    assert not (tmp_path / "uden-for.js").exists()


def test_a_pagefind_that_dies_during_the_build_stops_it_with_a_danish_message(tmp_path, monkeypatch):
    """What an editor sees: the build stops, says the search index could not be built and why, and quotes Pagefind."""
    fake_service(
        tmp_path,
        monkeypatch,
        """
sys.stderr.write("Pagefind: out of memory\\n")
sys.stderr.flush()
os.kill(os.getpid(), signal.SIGKILL)
""",
    )
    result = run_build(tmp_path / "built", environment={"PAGEFIND_BINARY_PATH": os.environ["PAGEFIND_BINARY_PATH"]})
    said = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Søgeindekset kunne ikke bygges, så sitet er ikke færdigt" in said
    assert "stoppet af signal 9" in said and "Pagefind: out of memory" in said
    assert "Traceback" not in said
