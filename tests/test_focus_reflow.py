"""What axe-core does not check, in Chromium, at 320 px and 1280 px, in the light and the dark colour scheme:

- reflow (WCAG 1.4.10): no page scrolls sideways and no text sticks out of the screen, except inside a
  labelled scroll region with a visible hint;
- text spacing (1.4.12): with the W3C bookmarklet's spacing no text is cut off and no page scrolls sideways;
- contrast (1.4.3) in both schemes: computed from the styles on every page, and axe-core in the dark
  scheme on a page of each kind (test_accessibility.py runs axe-core on every page in the light scheme);
- focus appearance (2.4.7, 2.4.11, 2.4.13, 1.4.11): walking the Tab order of the home page, the catalogue,
  a policy, the search results and the 404 page, every focused element has a ring at least 2 px thick with
  at least 3:1 contrast against both its sides, not clipped, not covered, not off screen;
- the 404 page: Danish, with a search field and the three ways in, working under a base path;
- on the same walk over every page: axe-core, and privacy (no request to another host, no cookie, no storage).

The checks themselves are in a11y_checks.js; test_the_checks_find_what_they_look_for shows they can fail.
Every page is loaded once in one browser: the viewport and the colour scheme change without reloading."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from browser import open_page, serve
from conftest import run_build
from test_accessibility import axe_script, axe_violations, format_violations, sitemap_paths

CHECKS = Path(__file__).with_name("a11y_checks.js")
VIEWPORTS = {"320 px": {"width": 320, "height": 640}, "1280 px": {"width": 1280, "height": 800}}
SCHEMES = ("light", "dark")
MAX_TABS = 400


@pytest.fixture(scope="module")
def site_in_browser(site_url, chromium):
    """The shared build, served, and the worker's Chromium (conftest)."""
    return site_url, chromium


def checking_page(browser, viewport: dict, **options):
    page = open_page(browser, viewport=viewport, reduced_motion="reduce", **options)
    page.add_init_script(path=str(CHECKS))
    return page


def layout_paths(site: Path) -> list[str]:
    return sitemap_paths(site) + ["/404.html"]


PARTS = 4  # the pages are walked in four parts, which the cores check side by side (pytest -n auto)


@pytest.mark.long
@pytest.mark.parametrize("part", range(PARTS), ids=[f"del-{i + 1}-af-{PARTS}" for i in range(PARTS)])
def test_every_page_in_chromium(built_site, site_in_browser, part):
    """Every page of the sitemap (and the 404 page) in one walk, each loaded once: axe-core (WCAG 2.1 A+AA) in
    the light scheme; contrast computed in both schemes; reflow at 320 and 1280 px; text spacing without
    clipping; and privacy: no request leaves 127.0.0.1, no cookie, nothing in web storage.

    Each page is loaded at 1280 px for axe, then narrowed to 320 px and widened again: the same layout a reader
    gets by turning a tablet or zooming, and one load per page."""
    base, browser = site_in_browser
    problems: list[str] = []
    started = time.monotonic()
    page = checking_page(browser, VIEWPORTS["320 px"], routed=False)
    paths = layout_paths(built_site)[part::PARTS]

    def check(where: str, script: str) -> None:
        problems.extend(f"{where}: {p}" for p in page.evaluate(script))

    for path in paths:
        # axe first, on the page as a desktop reader loads it: after a change of width the theme's scripts
        # and transitions (the navigation drawer) take a moment to settle, and axe would judge them midway.
        page.set_viewport_size(VIEWPORTS["1280 px"])
        page.emulate_media(color_scheme="light")
        page.goto(base + path, wait_until="load")
        page.add_script_tag(path=str(axe_script()))
        violations = axe_violations(page)
        if violations:  # judged again after a moment: what a loading page shows for a frame bars no reader
            page.wait_for_timeout(500)
            violations = axe_violations(page)
        if violations:
            problems.append(format_violations(path, violations))
        # The layout does not depend on the colour scheme, nor the colours on the width.
        for scheme in SCHEMES:
            page.emulate_media(color_scheme=scheme)
            check(f"{path} ({scheme})", "a11yChecks.lowContrastText()")
        page.emulate_media(color_scheme="light")
        for label, viewport in VIEWPORTS.items():
            page.set_viewport_size(viewport)
            check(f"{path} ({label})", "a11yChecks.reflow()")
        page.add_style_tag(content=page.evaluate("a11yChecks.TEXT_SPACING_CSS"))
        for label, viewport in reversed(VIEWPORTS.items()):
            page.set_viewport_size(viewport)
            check(f"{path} ({label}, text spacing)", "a11yChecks.clippedText().concat(a11yChecks.reflow())")
        # Last, after the checks gave late scripts time to run: nothing was stored.
        stored = page.evaluate("[localStorage.length, sessionStorage.length, document.cookie]")
        if stored != [0, 0, ""]:
            problems.append(f"{path}: noget er gemt i browseren {stored}")
    assert page.context.cookies() == []
    assert not page.foreign_requests, page.foreign_requests
    assert not page.script_errors, page.script_errors
    page.context.close()
    print(
        f"\n{len(paths)} pages x {len(VIEWPORTS)} viewports x {len(SCHEMES)} schemes "
        f"in {time.monotonic() - started:.1f} s"
    )
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", ["/", "/tilbud/", "/soeg/?q=bostøtte", "/404.html"])
def test_dark_scheme_passes_axe(site_in_browser, path):
    """axe-core in the dark scheme on a page of each kind (the computed check above covers every page;
    axe-core takes seconds on the longest pages, too long for every page on every pull request)."""
    base, browser = site_in_browser
    page = checking_page(browser, VIEWPORTS["1280 px"], color_scheme="dark", routed=False)
    page.goto(base + path, wait_until="load")
    if path.startswith("/soeg/"):
        page.wait_for_selector(".search-result", timeout=10_000)
    page.add_script_tag(path=str(axe_script()))
    violations = axe_violations(page)
    page.context.close()
    assert not violations, format_violations(f"{path} (dark)", violations)


def tab_walk_paths(site: Path) -> list[str]:
    policy = next(p for p in sitemap_paths(site) if re.fullmatch(r"/politikker/(?!sammenlign/)[^/]+/", p))
    return ["/", "/tilbud/", policy, "/soeg/?q=bostøtte", "/404.html"]


def walk_tab_order(page) -> list[dict]:
    """Press Tab from the top of the page until focus leaves the page or comes round again."""
    rings, first = [], None
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        ring = page.evaluate("a11yChecks.focusRing()")
        if ring["problems"]:  # measured before the theme moved its sidebars after the scroll: once more
            ring = page.evaluate("a11yChecks.focusRingSettled()")
        if ring["element"] is None or ring["element"] == first:
            break
        first = first or ring["element"]
        rings.append(ring)
    return rings


def test_focus_is_visible_all_along_the_tab_order(built_site, site_in_browser):
    base, browser = site_in_browser
    problems, summary = [], []
    for label, viewport in VIEWPORTS.items():
        page = checking_page(browser, viewport, routed=False)
        for scheme in SCHEMES:
            page.emulate_media(color_scheme=scheme)
            for path in tab_walk_paths(built_site):
                page.goto(base + path, wait_until="load")
                if path.startswith("/soeg/"):
                    page.wait_for_selector(".search-result", timeout=10_000)
                rings = walk_tab_order(page)
                assert len(rings) > 5, (path, label, scheme, rings)
                problems += [f"{path} ({label}, {scheme}): {p}" for r in rings for p in r["problems"]]
                contrasts = [r["minContrast"] for r in rings if r["minContrast"]]
                summary.append(
                    f"{path} {label} {scheme}: {len(rings)} stops, thinnest "
                    f"{min(r['width'] for r in rings)} px, lowest contrast {min(contrasts):.2f}:1"
                )
        page.context.close()
    print("\n" + "\n".join(summary))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_dark_and_light_follow_the_system_setting_without_storing_it(site_in_browser, scheme):
    """No toggle and no stored choice: the system setting alone decides the colours."""
    base, browser = site_in_browser
    page = checking_page(browser, VIEWPORTS["1280 px"], color_scheme=scheme)
    page.goto(base + "/", wait_until="networkidle")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    state = page.evaluate(
        "[localStorage.length, sessionStorage.length, document.cookie, "
        "document.querySelectorAll('[data-md-component=palette]').length]"
    )
    page.context.close()
    assert state == [0, 0, "", 0]
    assert background == ("rgb(255, 255, 255)" if scheme == "light" else "rgb(22, 27, 34)")


def test_404_page_is_danish_and_leads_on_under_a_base_path(tmp_path, site_in_browser):
    """Built for https://.../sub/ and served with 404.html for every missing address, at any depth."""
    _, browser = site_in_browser
    root = tmp_path / "www"
    result = run_build(root / "sub", site_url="https://udsatte.example.invalid/sub/")
    assert result.returncode == 0, result.stderr
    with serve(root, error_page=root / "sub" / "404.html") as base:
        for address in ("/sub/findes-ikke", "/sub/politikker/gammel/side/her/"):
            page = checking_page(browser, VIEWPORTS["320 px"])
            response = page.goto(base + address, wait_until="load")
            assert response.status == 404
            assert page.evaluate("document.documentElement.lang") == "da"
            assert page.locator("h1").inner_text() == "Siden findes ikke"
            assert "Siden findes ikke" in page.title()
            # The site's own stylesheet came through: the header has the site's colour.
            assert (
                page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
                == "rgb(27, 73, 101)"
            )
            ways = page.evaluate(
                "[...document.querySelectorAll('.not-found__ways a')].map(a => [a.textContent.trim(), a.href])"
            )
            assert [w[0] for w in ways] == ["Ny medarbejder", "Find tilbud", "Politikker"]
            for _, href in ways:
                assert href.startswith(base + "/sub/"), href
                assert page.request.get(href).status == 200, href
            page.add_script_tag(path=str(axe_script()))
            for scheme in SCHEMES:
                page.emulate_media(color_scheme=scheme)
                violations = axe_violations(page)
                assert not violations, format_violations(f"{address} {scheme}", violations)
            page.fill("#not-found-q", "bostøtte")
            page.press("#not-found-q", "Enter")
            page.wait_for_selector(".search-result", timeout=10_000)
            assert page.url.startswith(base + "/sub/soeg/?q=bost")
            assert not page.foreign_requests, page.foreign_requests
            page.context.close()


def test_the_checks_find_what_they_look_for(tmp_path, site_in_browser):
    """A page with a thin grey focus ring, a ring cut off by its box, a wide block and clipped text."""
    _, browser = site_in_browser
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="da"><head><title>x</title><style>'
        "body{margin:0;background:#fff} a:focus-visible{outline:1px solid #ccc}"
        "#cut{display:block;overflow:hidden;height:2em} #cut button:focus-visible{outline:3px solid #000;"
        "outline-offset:2px} #wide{white-space:nowrap} #box{height:1.2em;overflow:hidden;width:10em}</style></head>"
        '<body><p><a href="#x">tynd ring</a></p><div id="cut"><button>afskåret</button></div>'
        '<p><button style="outline:none">ingen ring</button></p>'
        '<div id="wide">en bred linje, der ikke brydes og derfor stikker langt ud over kanten af en telefons '
        "skærm</div>"
        '<div id="box">en tekst, der er for lang til sin kasse og bliver skåret af'
        "</div></body></html>",
        "utf-8",
    )
    with serve(tmp_path) as base:
        page = checking_page(browser, VIEWPORTS["320 px"])
        page.goto(base + "/", wait_until="load")
        rings = walk_tab_order(page)
        reflow = page.evaluate("a11yChecks.reflow()")
        clipped = page.evaluate("a11yChecks.clippedText()")
        page.context.close()
    found = [p for r in rings for p in r["problems"]]
    assert any("1 px thick" in p for p in found) and any("contrast 1.6" in p for p in found), found
    assert any("clipped by div#cut" in p for p in found), found
    assert any('"ingen ring": no focus indicator' in p for p in found), found
    assert any("scrolls sideways" in p for p in reflow) and any("div#wide" in p for p in reflow), reflow
    assert any("div#box" in p for p in clipped), clipped
