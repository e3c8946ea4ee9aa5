"""The chrome many pages share (chrome.py): which pages get the menu rendered for another page, and which their own."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.utils import get_relative_url

from macros.site.chrome import Chrome, page_folder, url_parts


def _page(url: str, src_uri: str = "x.md"):
    return SimpleNamespace(url=url, file=SimpleNamespace(src_uri=src_uri))


TARGETS = ["", "tilbud/", "tilbud/lovgrundlag/", "om-sitet/", "assets/site.css", "kontakter/x.vcf"]


def test_pages_outside_the_menu_in_one_folder_share_the_chrome_and_get_the_same_links():
    chrome = Chrome(["index.md", "tilbud/index.md"], TARGETS, [])
    first, second = _page("tilbud/a/"), _page("tilbud/b/")
    assert chrome.key(first) == chrome.key(second) == ("tilbud",)
    for target in TARGETS:  # what the key promises: every link the chrome makes is the same on both pages
        assert get_relative_url(target, first.url) == get_relative_url(target, second.url)
    assert chrome.key(_page("kontakter/x/")) == ("kontakter",) != chrome.key(_page("tilbud/kommune/x/"))


@pytest.mark.parametrize(
    ("url", "src_uri"),
    [
        ("tilbud/", "tilbud/index.md"),  # in the menu: its item is active
        ("tilbud/lovgrundlag/", "x.md"),  # its folder is an address the chrome links to
        ("kontakter/", "x.md"),  # its folder holds one ('kontakter/x.vcf')
        ("", "x.md"),  # the root holds every address
        ("x.html", "x.md"),
    ],
)
def test_a_page_in_the_menu_or_whose_folder_holds_a_linked_address_gets_its_own_chrome(url, src_uri):
    chrome = Chrome(["index.md", "tilbud/index.md"], TARGETS, [])
    assert chrome.key(_page(url, src_uri)) is None
    assert chrome.key(None) is None
    assert chrome.key(_page("soeg/")) == ()  # beside the root's other folders


def test_a_url_is_read_as_mkdocs_reads_it_to_make_links_relative():
    assert url_parts("tilbud/x/") == ("tilbud", "x")
    assert url_parts("../a/./b") == ("a", "b")
    assert url_parts("") == ()
    assert page_folder("tilbud/x/") == ("tilbud", "x")
    assert page_folder("a/b.html") == ("a",)


def test_every_page_with_cached_chrome_is_the_page_material_renders_for_it(tmp_path, monkeypatch):
    """The whole site built with the cache equals the site built with each page's chrome rendered for the page itself
    (Material's own templates), byte for byte; the search index aside, whose file names change from run to run."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from macros.site import chrome

    root = Path(__file__).resolve().parent.parent
    key = chrome.Chrome.key
    shared: list[str] = []

    def counted(self, page):
        found = key(self, page)
        if found is not None:
            shared.append(page.url)
        return found

    monkeypatch.setattr(chrome.Chrome, "key", counted)
    build(load_config(str(root / "mkdocs.yml"), site_dir=str(tmp_path / "cached"), strict=True))
    assert len(set(shared)) > 50, "most record pages share their folder's chrome"
    monkeypatch.setattr(chrome.Chrome, "key", lambda self, page: None)
    build(load_config(str(root / "mkdocs.yml"), site_dir=str(tmp_path / "own"), strict=True))
    cached = sorted(p.relative_to(tmp_path / "cached") for p in (tmp_path / "cached").rglob("*.html"))
    own = sorted(p.relative_to(tmp_path / "own") for p in (tmp_path / "own").rglob("*.html"))
    assert cached == own and len(cached) > 100
    differ = [str(p) for p in cached if (tmp_path / "cached" / p).read_bytes() != (tmp_path / "own" / p).read_bytes()]
    assert differ == []
