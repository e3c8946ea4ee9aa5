"""WCAG 2.1 AA in a real browser, in Debian's Chromium: axe-core on the search results page with results
and on wide tables on a phone (every page of the sitemap is checked with axe-core in test_focus_reflow.py,
on the one walk that loads each page once); a keyboard-only walk reaches the skip link,
the navigation and the search field, and goes from a search to a result."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser import open_page, serve

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_script() -> Path:
    import axe_playwright_python  # ships axe-core's axe.min.js; nothing is downloaded at test time

    return Path(axe_playwright_python.__file__).parent / "axe.min.js"


def axe_violations(page) -> list[dict]:
    """axe-core's WCAG 2.1 A and AA violations (AXE_TAGS) on the page as it is now; axe must be in the page
    (add_script_tag or add_init_script with axe_script()). Every rule runs and every violating element is
    reported; only the passes and the inapplicable rules, which no test reads, are not collected for each
    element (axe's resultTypes), which halves the time axe takes on a long page.

    axe runs after two animation frames: the theme sizes its sidebars in the first frames after load, and on a
    busy machine axe could otherwise catch an empty sidebar for a frame as a scroll region without keyboard
    access (it happened on a record page, whose primary sidebar shows no link at 1280 px)."""
    return page.evaluate(
        """async tags => {
          await new Promise(settled => requestAnimationFrame(() => requestAnimationFrame(settled)));
          return axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
        }""",
        AXE_TAGS,
    )["violations"]


def sitemap_paths(site: Path) -> list[str]:
    text = (site / "sitemap.xml").read_text("utf-8")
    locs = re.findall(r"<loc>(.*?)</loc>", text)
    return [re.sub(r"^https?://[^/]+/", "/", loc) for loc in locs]


def test_the_sitemap_lists_every_page(built_site):
    paths = set(sitemap_paths(built_site))
    pages = {"/" + p.parent.relative_to(built_site).as_posix() + "/" for p in built_site.rglob("index.html")}
    pages = {p.replace("/./", "/") for p in pages}
    assert pages == paths


def format_violations(url: str, violations: list[dict]) -> str:
    lines = []
    for v in violations:
        for node in v["nodes"][:5]:
            lines.append(f"{url}: {v['id']} ({v['impact']}): {v['help']} — {', '.join(node['target'])}")
    return "\n".join(lines)


@pytest.mark.parametrize("path", ["/politikker/", "/redaktoer/feltreference/", "/kontakter/"])
def test_pages_with_wide_tables_pass_axe_on_a_phone(chromium, site_url, path):
    """On a narrow screen the tables scroll; the scroll areas must be reachable by keyboard."""
    page = open_page(chromium, site_url + path, viewport={"width": 375, "height": 740}, is_mobile=True)
    page.add_script_tag(path=str(axe_script()))
    violations = axe_violations(page)
    focusable = page.evaluate(
        "[...document.querySelectorAll('.md-typeset__scrollwrap')]"
        ".filter(w => w.scrollWidth > w.clientWidth).every(w => w.tabIndex === 0)"
    )
    page.context.close()
    assert not violations, format_violations(path, violations)
    assert focusable


def test_keyboard_reaches_skip_link_navigation_and_search(chromium, site_url):
    base = site_url
    page = open_page(chromium, base + "/politikker/")
    focused = []
    for _ in range(30):
        page.keyboard.press("Tab")
        focused.append(
            page.evaluate("""() => {
            const el = document.activeElement, style = getComputedStyle(el);
            return {cls: el.className, id: el.id, text: (el.textContent || '').trim(),
                    outline: style.outlineStyle !== 'none' && style.outlineWidth !== '0px'};
        }""")
        )
    assert focused[0]["text"] == "Gå til indholdet", "the first Tab must reach the skip link"
    tabs = [f for f in focused if "md-tabs__link" in f["cls"]]
    assert {t["text"] for t in tabs} >= {"Politikker", "Find tilbud", "Kontakter"}, focused
    assert all(t["outline"] for t in tabs), "navigation links need a visible focus outline"
    assert any(f["id"] == "site-search-q" for f in focused), "the search field cannot be reached with Tab"
    assert next(f for f in focused if f["id"] == "site-search-q")["outline"], "the search field needs a focus outline"

    page.goto(base + "/politikker/")
    while not page.evaluate("document.activeElement.id === 'site-search-q'"):
        page.keyboard.press("Tab")
    page.keyboard.type("bostøtte")
    page.keyboard.press("Enter")
    page.wait_for_selector(".search-result", timeout=10_000)
    assert "/soeg/?q=bost" in page.url
    while not page.evaluate("document.activeElement.matches('.search-result__title a')"):
        page.keyboard.press("Tab")
    href = page.evaluate("document.activeElement.href")
    page.keyboard.press("Enter")
    page.wait_for_url(href, timeout=10_000)
    page.context.close()


def test_search_results_pass_axe(chromium, site_url):
    """The results page once it shows results, filtered, with more results loaded, on a desktop and a phone."""
    problems = []
    for viewport in ({"width": 1280, "height": 800}, {"width": 375, "height": 740}):
        page = open_page(chromium, site_url + "/soeg/?q=kommune&type=Tilbud", viewport=viewport)
        page.wait_for_selector(".search-result", timeout=10_000)
        page.locator(".search-more").click()
        page.wait_for_function("document.querySelectorAll('.search-result').length > 10", timeout=10_000)
        page.add_script_tag(path=str(axe_script()))
        violations = axe_violations(page)
        if violations:
            problems.append(format_violations(f"{page.url} ({viewport['width']} px)", violations))
        assert not page.foreign_requests, page.foreign_requests
        page.context.close()
    assert not problems, "\n".join(problems)


def test_axe_does_find_violations(tmp_path, chromium):
    """The check above can fail: the same axe run reports a page with known WCAG violations, every element."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><html><head><title>x</title></head><body><main><img src="x.png"><img src="y.png">'
        '<p style="color:#aaa;background:#fff">lav kontrast</p><input type="text"></main></body></html>',
        "utf-8",
    )
    with serve(tmp_path) as base:
        page = open_page(chromium, base + "/")
        page.add_script_tag(path=str(axe_script()))
        violations = axe_violations(page)
        page.context.close()
    found = {v["id"]: len(v["nodes"]) for v in violations}
    assert {"image-alt", "color-contrast", "label", "html-has-lang"} <= set(found), found
    assert found["image-alt"] == 2, "every element that fails a rule is reported"
