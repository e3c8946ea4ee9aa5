"""Site search with Pagefind: the index written by the strict build, and the results page soeg/ in Chromium.

The index tests read the files Pagefind wrote; the browser tests drive Debian's Chromium through
Playwright (see browser.py). What a query must find is read from the data, so the tests hold while
records are added.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import yaml
from browser import open_page
from conftest import ROOT, run_build
from sitetext import pagefind_fragments

from macros.site.search import SearchIndexError, index_site

KIND_FOLDERS = {"policies": ("politikker", "title"), "offers": ("tilbud", "name"), "contacts": ("kontakter", "name")}


def record(folder: str, record_id: str) -> dict:
    return yaml.safe_load((ROOT / folder / f"{record_id}.yaml").read_text("utf-8"))


def pages_named_with(word: str, folders=("offers", "policies")) -> set[str]:
    """URL paths of the records whose name or title holds `word` as a whole word."""
    pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.I)
    found = set()
    for folder in folders:
        page_folder, field = KIND_FOLDERS[folder]
        for file in (ROOT / folder).glob("*.yaml"):
            if pattern.search(record(folder, file.stem)[field]):
                found.add(f"/{page_folder}/{file.stem}/")
    return found


@pytest.fixture(scope="module")
def fragments(built_site):
    return pagefind_fragments(built_site)


# --- the index ---------------------------------------------------------------------------------


def test_the_build_writes_a_danish_pagefind_index(built_site, fragments):
    bundle = built_site / "pagefind"
    assert (bundle / "pagefind.js").is_file()
    assert [f.name for f in bundle.rglob("*") if f.is_file() and f.stat().st_size == 0] == [], "a file was cut short"
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    assert list(entry["languages"]) == ["da"], "every page is <html lang=da>: one Danish index with Danish stemming"
    assert entry["languages"]["da"]["page_count"] == len(fragments)
    assert len(fragments) > 100


def test_only_html_pages_with_their_own_content_are_indexed(built_site, fragments):
    assert all(url == "" or url.endswith("/") for url in fragments), "no vCard, JSON or CSV file in the index"
    assert "soeg/" not in fragments, "the results page itself is not a result"
    assert "ny-medarbejder/print/" not in fragments, "the print page only repeats the guides"
    assert "404.html" not in fragments and "404/" not in fragments
    for url, fragment in fragments.items():
        text = fragment["content"]
        assert "Ord på siden (" not in text and "Sidst ændret:" not in text, url
        assert "Gå til indholdet" not in text, f"{url}: the theme's navigation is indexed"
        assert "¶" not in text and "¶" not in fragment["meta"]["title"], url
    # The catalogue repeats every offer; tilbud/ is found by its own words (and its "hjælp i nat" box), the
    # offers by their own pages.
    from macros.data.catalog import load_catalog

    names = [o.name for o in load_catalog(ROOT).offers.values()]
    assert [n for n in names if n in fragments["tilbud/"]["content"]] == []


def test_record_pages_carry_type_and_municipality_filters(fragments):
    offer_id = sorted(f.stem for f in (ROOT / "offers").glob("*.yaml"))[0]
    offer = record("offers", offer_id)
    municipality = yaml.safe_load((ROOT / "municipalities" / f"{offer['municipality']}.yaml").read_text("utf-8"))
    assert fragments[f"tilbud/{offer_id}/"]["filters"] == {
        "type": ["Tilbud"],
        "kommune": [f"{municipality['name']} Kommune"],
    }
    for folder, kind in (("policies", "Politik"), ("contacts", "Kontakt")):
        page_folder, _ = KIND_FOLDERS[folder]
        for file in (ROOT / folder).glob("*.yaml"):
            filters = fragments[f"{page_folder}/{file.stem}/"]["filters"]
            assert filters["type"] == [kind], file.name
            assert ("kommune" in filters) == bool(record(folder, file.stem).get("municipality")), file.name
    assert fragments["ny-medarbejder/"]["filters"] == {"type": ["Vejledning"]}
    assert fragments["redaktoer/"]["filters"] == {"type": ["Vejledning"]}
    assert fragments[""]["filters"] == {"type": ["Øvrige"]}


def test_a_failed_indexing_stops_the_build_with_a_danish_message(tmp_path, monkeypatch):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    result = run_build(tmp_path / "site")
    assert result.returncode != 0
    assert "Søgeindekset kunne ikke bygges, så sitet er ikke færdigt" in result.stdout + result.stderr
    assert "Pagefind-programmet blev ikke fundet" in result.stdout + result.stderr


def test_a_site_with_nothing_to_index_is_an_error(tmp_path):
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="da"><body data-pagefind-ignore="all"><p>Intet at finde</p></body></html>', "utf-8"
    )
    with pytest.raises(SearchIndexError, match="ingen sider"):
        index_site(tmp_path)


def fake_pagefind(tmp_path, monkeypatch, script: str) -> Path:
    """A stand-in for the Pagefind binary (a shell script), and a small site to index."""
    binary = tmp_path / "pagefind"
    binary.write_text("#!/bin/sh\n" + script, "utf-8")
    binary.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(binary))
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<!doctype html><html lang="da"><body data-pagefind-body>Tekst</body></html>', "utf-8"
    )
    return site


def test_a_failing_indexer_is_reported_with_the_step_and_its_own_words(tmp_path, monkeypatch):
    site = fake_pagefind(
        tmp_path,
        monkeypatch,
        "echo 'Parsing files'\necho 'Error: Failed to parse file kontakter/x/index.html' >&2\nexit 3\n",
    )
    with pytest.raises(SearchIndexError) as info:
        index_site(site)
    message = str(info.value)
    assert "trin 'indeksering'" in message and str(site) in message and "fejlkoden 3" in message
    assert "Error: Failed to parse file kontakter/x/index.html" in message and "Parsing files" in message


def test_an_indexer_that_leaves_an_empty_index_is_an_error_not_a_json_traceback(tmp_path, monkeypatch):
    # What the Python API did under load: "done", with pagefind-entry.json still empty on disk.
    site = fake_pagefind(tmp_path, monkeypatch, "")
    (site / "pagefind").mkdir()
    (site / "pagefind" / "pagefind-entry.json").write_bytes(b"")
    with pytest.raises(SearchIndexError) as info:
        index_site(site)
    message = str(info.value)
    assert "trin 'kontrol af det skrevne indeks'" in message and "pagefind-entry.json" in message
    assert "ufuldstændigt" in message


def test_an_indexer_killed_by_a_signal_says_so(tmp_path, monkeypatch):
    site = fake_pagefind(tmp_path, monkeypatch, "kill -9 $$\n")
    with pytest.raises(SearchIndexError, match="stoppet af signal 9"):
        index_site(site)


def test_pagefind_settings_of_the_caller_do_not_change_the_index(tmp_path, monkeypatch):
    """The index is written where the site needs it, whatever pagefind.yml or PAGEFIND_* the caller has."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<!doctype html><html lang="da"><body data-pagefind-body>Bostøtte og værested</body></html>', "utf-8"
    )
    (tmp_path / "pagefind.yml").write_text("output_subdir: andet\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PAGEFIND_OUTPUT_SUBDIR", "andet")
    result = index_site(site)
    assert result.pages == 1 and result.warnings == ()
    assert (site / "pagefind" / "pagefind-entry.json").is_file() and not (site / "andet").exists()
    assert all(f.stat().st_size > 0 for f in (site / "pagefind").rglob("*") if f.is_file())


# --- the results page in a browser -------------------------------------------------------------


def wait_for_results(page) -> None:
    page.wait_for_function("document.querySelector('.search-status').textContent.includes('resultat')", timeout=10_000)


def all_result_links(page) -> list[str]:
    """Press "Vis flere" until every result is shown; the result links' paths."""
    while page.locator(".search-more").is_visible():
        before = page.locator(".search-result").count()
        page.locator(".search-more").click()
        page.wait_for_function(f"document.querySelectorAll('.search-result').length > {before}", timeout=10_000)
    return [
        urlsplit(href).path
        for href in page.locator(".search-result__title a").evaluate_all("links => links.map(a => a.href)")
    ]


def status_count(page) -> int:
    text = page.locator(".search-status").text_content()
    match = re.match(r"(Ingen|[\d.]+) resultat", text)
    assert match, text
    return 0 if match.group(1) == "Ingen" else int(match.group(1).replace(".", ""))


@pytest.fixture(scope="module")
def browser_and_base(chromium, site_url):
    """The worker's Chromium and the shared build, served (conftest)."""
    return chromium, site_url


@pytest.mark.parametrize(("query", "folders"), [("hjemløshed", ("offers",)), ("strategi", ("policies",))])
def test_a_search_lists_the_pages_that_match(browser_and_base, query, folders):
    browser, base = browser_and_base
    expected = pages_named_with(query, folders)
    assert expected, f"the data no longer has a record named with {query!r}; pick another word"
    page = open_page(browser, base + "/soeg/?q=" + query)
    wait_for_results(page)
    assert re.fullmatch(rf"[\d.]+ resultater? for »{query}«", page.locator(".search-status").text_content())
    links = all_result_links(page)
    assert expected <= set(links), (expected, links)
    assert status_count(page) == len(links) == len(set(links))
    marks = page.locator(".search-result__excerpt mark")
    assert marks.count() > 0
    assert page.locator(".search-result__excerpt *").count() == marks.count(), "excerpts hold only text and <mark>"
    assert page.script_errors == [] and page.foreign_requests == []
    page.context.close()


def test_filters_narrow_the_results_and_live_in_the_url(browser_and_base):
    browser, base = browser_and_base
    target = sorted(pages_named_with("hjemløshed", ("offers",)))[0]
    offer = record("offers", target.split("/")[2])
    kommune = yaml.safe_load((ROOT / "municipalities" / f"{offer['municipality']}.yaml").read_text("utf-8"))["name"]
    kommune += " Kommune"
    page = open_page(browser, base + "/soeg/?q=hjemløshed")
    wait_for_results(page)
    everything = status_count(page)
    types = page.locator("#search-type option").evaluate_all("options => options.map(o => o.value)")
    assert types == ["", "Politik", "Tilbud", "Kontakt", "Vejledning", "Øvrige"]

    page.select_option("#search-type", "Tilbud")
    page.wait_for_function("document.querySelector('.search-status').textContent.includes('(Tilbud)')")
    offers_only = status_count(page)
    assert 0 < offers_only < everything
    assert all(m.startswith("Tilbud") for m in page.locator(".search-result__meta").all_text_contents())

    page.select_option("#search-kommune", kommune)
    page.wait_for_function(f"document.querySelector('.search-status').textContent.includes({json.dumps(kommune)})")
    assert 0 < status_count(page) <= offers_only
    assert all(m == f"Tilbud · {kommune}" for m in page.locator(".search-result__meta").all_text_contents())
    assert target in all_result_links(page)
    assert parse_qs(urlsplit(page.url).query) == {"q": ["hjemløshed"], "type": ["Tilbud"], "kommune": [kommune]}
    status = page.locator(".search-status").text_content()

    # The address brings the same search back, e.g. when it is shared or the page is reloaded.
    page.reload()
    page.wait_for_function(f"document.querySelector('.search-status').textContent === {json.dumps(status)}")
    assert page.input_value("#search-q") == "hjemløshed"
    assert page.input_value("#search-type") == "Tilbud" and page.input_value("#search-kommune") == kommune

    page.fill("#search-q", "bolig")
    page.press("#search-q", "Enter")
    page.wait_for_function("document.querySelector('.search-status').textContent.includes('»bolig«')")
    assert parse_qs(urlsplit(page.url).query)["q"] == ["bolig"]
    page.context.close()


def test_vis_flere_shows_ten_more_and_moves_focus_to_them(browser_and_base):
    browser, base = browser_and_base
    page = open_page(browser, base + "/soeg/?q=kommune")
    wait_for_results(page)
    total = status_count(page)
    assert total > 10, "pick a more common word"
    assert page.locator(".search-result").count() == 10
    page.locator(".search-more").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelectorAll('.search-result').length > 10")
    assert page.locator(".search-result").count() == min(20, total)
    assert page.evaluate("document.activeElement === document.querySelectorAll('.search-result a')[10]")
    page.context.close()


def test_keyboard_from_the_header_field_to_a_result(browser_and_base):
    browser, base = browser_and_base
    page = open_page(browser, base + "/politikker/")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "site-search-q":
            break
    else:
        pytest.fail("Tab never reaches the search field in the header")
    page.keyboard.type("hjemløshed")
    page.keyboard.press("Enter")
    page.wait_for_url("**/soeg/?q=*")
    wait_for_results(page)
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.search-result__title a')"):
            break
    else:
        pytest.fail("Tab never reaches a search result")
    href = page.evaluate("document.activeElement.href")
    page.keyboard.press("Enter")
    page.wait_for_url(href)
    page.context.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_the_header_field_fits_on_a_phone_and_a_desktop(browser_and_base, width):
    browser, base = browser_and_base
    page = open_page(browser, base + "/politikker/", viewport={"width": width, "height": 740}, is_mobile=width < 600)
    field = page.locator("#site-search-q").bounding_box()
    button = page.locator(".site-search__button").bounding_box()
    title = page.locator(".md-header__title").bounding_box()
    assert field["width"] >= 100 and button["width"] >= 24 and button["height"] >= 24
    assert button["x"] + button["width"] <= width, "the button is cut off"
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "the page scrolls sideways"
    # On a phone the header's title gives way to the field (site.css): hidden, it cannot run under it.
    assert title is None if width < 600 else title["x"] + title["width"] <= field["x"] + 1, (
        "the site's title runs under the field"
    )
    page.context.close()


def test_without_javascript_the_page_says_so_and_links_the_indexes(built_site, browser_and_base):
    html = (built_site / "soeg" / "index.html").read_text("utf-8")
    assert re.search(r"<noscript>.*kræver JavaScript", html, re.S)
    browser, base = browser_and_base
    page = open_page(browser, base + "/soeg/?q=hjemløshed", javascript=False)
    text = page.locator(".search-nojs").inner_text()
    assert "Søgningen kræver JavaScript" in text
    links = page.locator(".search-nojs a").evaluate_all("links => links.map(a => new URL(a.href).pathname)")
    assert links == ["/politikker/", "/tilbud/", "/kontakter/"]
    assert not page.locator(".search-form").is_visible()
    page.context.close()


def test_every_page_has_the_header_search_form(built_site):
    """Every page, the 404 page too, sends the header field's query to the results page of this site."""
    for file in [*built_site.rglob("index.html"), built_site / "404.html"]:
        html = file.read_text("utf-8")
        form = re.search(r'<form class="site-search" role="search"[^>]*action="([^"]+)"', html)
        assert form, file
        page_url = "http://sitet/" + file.relative_to(built_site).as_posix()
        assert urljoin(page_url, form.group(1)) == "http://sitet/soeg/", (file, form.group(1))


# --- Danish spellings, readable excerpts, a municipality's own pages first -----------------------------

QUERIES = yaml.safe_load((ROOT / "tests" / "fixtures" / "search" / "queries.yaml").read_text("utf-8"))["queries"]


def fact_labels(site: Path) -> set[str]:
    """The labels of the definition lists on the built pages ('Kommune', 'Sidst bekræftet', …), without ':'."""
    labels = set()
    for file in site.rglob("*.html"):
        for label in re.findall(r"<dt>([^<]+)</dt>", file.read_text("utf-8")):
            labels.add(label.strip().rstrip(":"))
    return labels


def run_together(text: str, labels: set[str]) -> list[str]:
    """Where a label runs into its value ('KommuneRødovre Kommune', 'PrisIkke oplyst')."""
    return [m.group(0) for label in labels for m in re.finditer(rf"{re.escape(label)}[A-ZÆØÅ0-9]\w*", text)]


def test_spellings_are_the_index_words_by_their_folded_form():
    from macros.site.search_spelling import shard, spellings

    table = spellings(["Rødovre Kommune og roedovre", "Bostøtte, bostøtten – og bolig", "Åbent på Ærø"])
    assert table["rodovre"] == ["roedovre", "rødovre"]
    assert table["bostotte"] == ["bostøtte"] and table["bostotten"] == ["bostøtten"]
    assert table["abent"] == ["åbent"] and table["aro"] == ["ærø"] and table["pa"] == ["på"]
    assert "kommune" not in table and "bolig" not in table and "og" not in table, "no other spelling: no entry"
    assert shard("rodovre") == "r" and shard("110") == "1" and shard("§110") == "_"


def test_the_build_writes_the_spellings_of_the_index_words(built_site, fragments):
    folder = built_site / "pagefind" / "stavemaader"
    files = {f.stem: json.loads(f.read_text("utf-8")) for f in folder.glob("*.json")}
    assert set(files) == set("abcdefghijklmnopqrstuvwxyz0123456789_"), "every file, so none is ever missing"
    assert "bostøtte" in files["b"]["bostotte"] and "rødovre" in files["r"]["rodovre"]
    assert "hjemløse" in files["h"]["hjemlose"] and "hjemløshed" in files["h"]["hjemloshed"]
    indexed = " ".join(f["content"].lower() for f in fragments.values())
    for table in files.values():
        for words in table.values():
            assert all(word in indexed for word in words), words  # the index's own words only


def test_a_unreadable_page_record_stops_the_indexing_with_the_step(tmp_path, monkeypatch):
    site = fake_pagefind(tmp_path, monkeypatch, "")
    bundle = site / "pagefind"
    (bundle / "fragment").mkdir(parents=True)
    (bundle / "pagefind-entry.json").write_text('{"languages": {"da": {"hash": "x", "page_count": 1}}}', "utf-8")
    (bundle / "pagefind.x.pf_meta").write_bytes(b"meta")
    (bundle / "fragment" / "da_1.pf_fragment").write_bytes(b"not gzip")
    with pytest.raises(SearchIndexError, match=r"trin 'stavemåder'.*da_1\.pf_fragment"):
        index_site(site)


def test_a_municipality_start_page_and_its_policies_are_marked_as_its_own(fragments):
    for file in (ROOT / "municipalities").glob("*.yaml"):
        name = yaml.safe_load(file.read_text("utf-8"))["name"] + " Kommune"
        own = {url for url, f in fragments.items() if name in f["filters"].get("kommuneside", [])}
        policies = {
            f"politikker/{p.stem}/"
            for p in (ROOT / "policies").glob("*.yaml")
            if record("policies", p.stem)["municipality"] == file.stem
        }
        assert own == {f"ny-medarbejder/{file.stem}/"} | policies, file.name


def test_no_label_runs_into_its_value_in_the_index(built_site, fragments):
    labels = fact_labels(built_site)
    assert {"Kommune", "Status", "Pris"} <= labels
    for url, fragment in fragments.items():
        assert run_together(fragment["content"], labels) == [], url


def municipality_pages(municipality: str) -> set[str]:
    policies = {
        f"/politikker/{p.stem}/"
        for p in (ROOT / "policies").glob("*.yaml")
        if record("policies", p.stem)["municipality"] == municipality
    }
    return {f"/ny-medarbejder/{municipality}/"} | policies


@pytest.mark.parametrize("case", QUERIES, ids=[q["spellings"][0] for q in QUERIES])
def test_real_queries(browser_and_base, built_site, case):
    """The fixture's queries: every spelling of a word finds nearly the same pages, the expected ones near the top, and
    excerpts in which no label runs into its value."""
    browser, base = browser_and_base
    labels = fact_labels(built_site)
    found = {}
    for query in case["spellings"]:
        page = open_page(browser, base + "/soeg/?q=" + query)
        wait_for_results(page)
        links = all_result_links(page)
        assert status_count(page) == len(links) == len(set(links)) > 0, query
        excerpts = " ".join(page.locator(".search-result__excerpt").all_text_contents())
        assert run_together(excerpts, labels) == [], query
        assert page.locator(".search-result__excerpt mark").count() > 0, query
        assert page.script_errors == [] and page.foreign_requests == []
        page.context.close()
        found[query] = links
        if "expect" in case:
            assert set(case["expect"]) <= set(links[: case["top"]]), (query, links[: case["top"]])
        if "municipality" in case:
            own = municipality_pages(case["municipality"])
            assert set(links[: len(own)]) == own, (query, links[: len(own) + 2])
    # One-word spellings of the same word find (nearly) the same pages: the lists may differ by a page that
    # writes one spelling itself (the editors' guide shows 'rodovre' as a mistyped id) or by a word's ending.
    # (A query of two words asks for both, so it is left out.)
    words = [q for q in case["spellings"] if " " not in q.strip()]
    for query in words[1:]:
        shared = set(found[query]) & set(found[words[0]])
        assert len(shared) >= 0.8 * max(len(found[query]), len(found[words[0]])), (query, words[0])
