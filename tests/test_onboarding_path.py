"""The onboarding path for one municipality (issue 14, parts 4 and 5): the choice kept in the address, the
municipality's own blocks first, its start page in the path, a print version of its own; and the policy
comparison read on a phone."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from browser import open_page
from conftest import ROOT, run_build
from sitetext import page, pagefind_fragments, visible
from test_onboarding import GUIDES, MUNICIPALITIES, article, url_of

POLICIES = {p["id"]: p for p in (yaml.safe_load(f.read_text("utf-8")) for f in (ROOT / "policies").glob("*.yaml"))}
# Quotes the guides' own prose names and asks for by policy (policy_quote, cite): they stand in every version.
NAMED_IN_PROSE = {
    m
    for f in (ROOT / "content" / "ny-medarbejder").glob("*.md")
    for m in re.findall(r"""(?:policy_quote|cite)\(\s*["']([\w-]+)["']""", f.read_text("utf-8"))
}
CHOSEN = MUNICIPALITIES[-1]  # the last by name: its blocks stand last until it is chosen
FIRST_GUIDE = GUIDES[1]  # GUIDES[0] is the welcome page


@pytest.fixture(scope="module")
def browser(chromium):
    """The worker's Chromium (conftest)."""
    return chromium


@pytest.fixture(scope="module")
def base_url(site_url):
    """The shared build, served (conftest)."""
    return site_url


def quoted_policies(html_text: str) -> set[str]:
    """The policies whose words a page quotes: the target of each quote's caption link."""
    captions = re.findall(r'(?s)<figure class="citat policy-quote">.*?<figcaption>(.*?)</figcaption>', html_text)
    return {re.search(r'href="[./]*politikker/([\w-]+)/', c).group(1) for c in captions}


# --- the start page is part of the path ----------------------------------------------------------


def test_each_start_page_leads_into_the_path_with_the_choice_and_to_its_print_page(built_site):
    title, path = FIRST_GUIDE
    for m in MUNICIPALITIES:
        html_text = page(built_site, f"ny-medarbejder/{m['id']}")
        way_on = re.search(r'(?s)<nav [^>]*class="path-links"[^>]*>(.*?)</nav>', html_text).group(1)
        assert f'href="../{url_of(path).split("/")[-1]}/?kommune={m["id"]}"' in way_on
        assert f"Næste: {title}" in visible(way_on) and "Forrige: Velkommen" in visible(way_on)
        assert 'href="print/"' in html_text and f"Udskriv forløbet for {m['name']} Kommune" in visible(html_text)


def test_the_welcome_page_offers_each_start_page(built_site):
    welcome = page(built_site, "ny-medarbejder")
    chooser = welcome[welcome.index('id="begynd-med-din-egen-kommune"') :]
    for m in MUNICIPALITIES:
        assert f'href="{m["id"]}/"' in chooser


# --- choosing, in a browser --------------------------------------------------------------------


def test_a_choice_on_the_welcome_page_puts_the_municipality_first_on_every_later_page(browser, base_url):
    tab = open_page(browser, base_url + "/ny-medarbejder/")
    tab.get_by_role("link", name=f"Ny medarbejder i {CHOSEN['name']} Kommune").first.click()
    tab.wait_for_load_state("load")
    assert tab.url.endswith(f"/ny-medarbejder/{CHOSEN['id']}/")
    tab.get_by_role("link", name=f"Næste: {FIRST_GUIDE[0]}").click()
    tab.wait_for_load_state("load")
    assert tab.url.endswith(f"/{url_of(FIRST_GUIDE[1])}/?kommune={CHOSEN['id']}")

    for _ in range(3):  # this guide and the next two, each reached by the footer's "next" link
        groups = tab.evaluate("""() => {
            const blocks = [...document.querySelectorAll('details[data-kommune]')];
            const parents = [...new Set(blocks.map(d => d.parentElement))];
            return parents.map(p => [...p.children].filter(c => c.matches('details[data-kommune]'))
                                                  .map(d => [d.dataset.kommune, d.open]));
        }""")
        assert groups, tab.url
        for blocks in groups:
            ids = [i for i, _ in blocks]
            if CHOSEN["id"] in ids:
                assert blocks[0] == [CHOSEN["id"], True], (tab.url, blocks)
            assert all(not is_open for i, is_open in blocks if i != CHOSEN["id"]), (tab.url, blocks)
        others = [i for blocks in groups for i, _ in blocks if i != CHOSEN["id"]]
        assert others, "the other municipalities' blocks are folded, not removed"
        line = tab.locator(".reading-as")
        assert line.is_visible() and f"{CHOSEN['name']} Kommune" in line.inner_text()
        assert (
            line.get_by_role("link", name="udskriv dit forløb")
            .get_attribute("href")
            .endswith(f"/ny-medarbejder/{CHOSEN['id']}/print/")
        )
        links = tab.evaluate("""() => [...document.querySelectorAll('a[href]')].map(a => a.href)
                                  .filter(h => h.includes('/ny-medarbejder/') && !h.includes('#'))""")
        carried = [h for h in links if f"kommune={CHOSEN['id']}" in h]
        assert len(carried) >= len(links) - 2, links  # all but the line's "skift kommune" and print links
        tab.locator("a.md-footer__link--next").click()
        tab.wait_for_load_state("load")
        assert f"?kommune={CHOSEN['id']}" in tab.url

    stored = tab.evaluate("[localStorage.length, sessionStorage.length, document.cookie]")
    assert stored == [0, 0, ""] and tab.context.cookies() == []
    assert tab.script_errors == [] and tab.foreign_requests == []
    tab.context.close()


def test_without_javascript_every_block_is_open_in_its_place(browser, base_url):
    tab = open_page(browser, f"{base_url}/{url_of(FIRST_GUIDE[1])}/?kommune={CHOSEN['id']}", javascript=False)
    blocks = tab.locator("details[data-kommune]")
    assert blocks.count() >= len(MUNICIPALITIES) - 1
    ids = [blocks.nth(i).get_attribute("data-kommune") for i in range(blocks.count())]
    order = [m["id"] for m in MUNICIPALITIES]
    assert ids[: len(set(ids))] == sorted(set(ids), key=order.index)  # by name, as the page was built
    assert all(blocks.nth(i).get_attribute("open") is not None for i in range(blocks.count()))
    assert all(blocks.nth(i).locator("figure").first.is_visible() for i in range(blocks.count()))
    assert not tab.locator(".reading-as").is_visible()
    tab.context.close()


# Each group of municipality blocks (a run of adjacent sibling blocks) with the heading it stands under, the note
# above it, and each block's municipality, whether it is open, and its text.
BLOCK_GROUPS = """() => {
  const headings = [...document.querySelectorAll('article h2, article h3')].filter(h => !h.closest('[data-kommune]'));
  const groups = [];
  for (const block of document.querySelectorAll('article [data-kommune]')) {
    const previous = block.previousElementSibling;
    if (previous && previous.matches('[data-kommune]')) continue;
    const run = [];
    for (let b = block; b && b.matches('[data-kommune]'); b = b.nextElementSibling) run.push(b);
    const above = headings.filter(h => h.compareDocumentPosition(block) & Node.DOCUMENT_POSITION_FOLLOWING);
    groups.push({
      heading: above.length ? above[above.length - 1].textContent.replace('¶', '').trim() : null,
      note: previous && previous.matches('.kommune-ingen') && previous.checkVisibility() ? previous.textContent : null,
      blocks: run.map(b => [b.dataset.kommune, b.tagName === 'DETAILS' ? b.open : null, b.textContent.trim()]),
    });
  }
  return groups;
}"""

VISIBLE_QUOTES = """() => [...document.querySelectorAll('article figure.policy-quote')]
  .filter(f => f.checkVisibility())
  .map(f => f.querySelector('figcaption a').getAttribute('href').match(/politikker\\/([\\w-]+)\\//)[1])"""


def test_a_chosen_municipality_moves_first_under_each_heading_and_nothing_changes_headings(browser, base_url):
    """Every guide, for every municipality: each block stays under the heading it was written for (as without
    script); within its group the chosen municipality comes first and open, the others folded in their own order;
    a group without it says so; and no other municipality's quote is left in view."""
    plain = open_page(browser, javascript=False, routed=False)  # one tab each, reused: a new one per page is slow
    tab = open_page(browser, routed=False)
    for _title, path in GUIDES:
        url = f"{base_url}/{url_of(path)}/"
        plain.goto(url, wait_until="load")
        written = plain.evaluate(BLOCK_GROUPS)
        for m in MUNICIPALITIES:
            tab.goto(f"{url}?kommune={m['id']}", wait_until="load")
            shown = tab.evaluate(BLOCK_GROUPS)
            in_view = tab.evaluate(VISIBLE_QUOTES)
            assert tab.script_errors == [], (url, tab.script_errors)
            where = (path, m["id"])
            assert [g["heading"] for g in shown] == [g["heading"] for g in written], where
            for before, after in zip(written, shown, strict=True):
                ids = [b[0] for b in before["blocks"]]
                expected = [i for i in ids if i == m["id"]] + [i for i in ids if i != m["id"]]
                assert [b[0] for b in after["blocks"]] == expected, (*where, before["heading"])
                texts = {b[0]: b[2] for b in before["blocks"]}
                assert {b[0]: b[2] for b in after["blocks"]} == texts, (*where, before["heading"])
                for block_id, is_open, _text in after["blocks"]:
                    if is_open is not None:
                        assert is_open == (block_id == m["id"]), (*where, before["heading"], block_id)
                is_details = after["blocks"][0][1] is not None
                if m["id"] in ids or not is_details:
                    assert after["note"] is None, (*where, before["heading"])
                else:
                    assert after["note"] and f"{m['name']} Kommune har ikke noget her" in after["note"], (
                        *where,
                        before["heading"],
                    )
            own = {p for p, policy in POLICIES.items() if policy["municipality"] == m["id"]}
            assert set(in_view) <= own, (*where, set(in_view) - own)
    plain.context.close()
    tab.context.close()


# The smallest distance (CSS px) between a summary's text and the icons Material draws in it (::before, ::after); a
# negative number is an overlap.
ICON_CLEARANCE = """(summary) => {
  const range = document.createRange();
  range.selectNodeContents(summary);
  const lines = [...range.getClientRects()];
  const box = summary.getBoundingClientRect(), style = getComputedStyle(summary);
  let clearance = Infinity;
  for (const which of ['::before', '::after']) {
    const icon = getComputedStyle(summary, which);
    if (icon.display === 'none' || icon.content === 'none' || icon.position !== 'absolute') continue;
    const width = parseFloat(icon.width), height = parseFloat(icon.height), top = box.top + parseFloat(icon.top);
    const left = icon.left !== 'auto'
      ? box.left + parseFloat(style.borderLeftWidth) + parseFloat(icon.left)
      : box.right - parseFloat(style.borderRightWidth) - parseFloat(icon.right) - width;
    for (const line of lines) {
      if (line.bottom <= top || line.top >= top + height) continue;
      clearance = Math.min(clearance, Math.max(left - line.right, line.left - (left + width)));
    }
  }
  return clearance;
}"""


@pytest.mark.parametrize("width", [320, 390, 1280])
def test_no_icon_covers_the_name_of_a_municipality_block(browser, base_url, width):
    pages = [
        f"{url_of(FIRST_GUIDE[1])}/?kommune={CHOSEN['id']}",
        f"{url_of(FIRST_GUIDE[1])}/",
        "politikker/sammenlign/",
    ]
    checked = 0
    for address in pages:
        tab = open_page(browser, f"{base_url}/{address}", viewport={"width": width, "height": 900}, routed=False)
        summaries = tab.locator("article details[data-kommune] > summary")
        for i in range(summaries.count()):
            summary = summaries.nth(i)
            if not summary.is_visible():
                continue
            assert summary.evaluate(ICON_CLEARANCE) >= 0, (width, address, summary.inner_text())
            checked += 1
        tab.context.close()
    assert checked >= len(MUNICIPALITIES)


# --- print per municipality --------------------------------------------------------------------


def test_each_municipality_has_a_print_page_with_its_start_page_and_only_its_own_quotes(built_site):
    for m in MUNICIPALITIES:
        html_text = page(built_site, f"ny-medarbejder/{m['id']}/print")
        text = visible(article(html_text))
        assert f"Ny medarbejder i {m['name']} Kommune: hele forløbet til udskrift" in text
        headings = [visible(h).rstrip("¶").strip() for h in re.findall(r"(?s)<h2[^>]*>(.*?)</h2>", html_text)]
        assert f"Ny medarbejder i {m['name']} Kommune" in headings  # the start page, as a chapter
        for _title, path in GUIDES:
            guide_h1 = visible(re.search(r"(?s)<h1[^>]*>(.*?)</h1>", page(built_site, url_of(path))).group(1))
            assert guide_h1.rstrip("¶").strip() in headings, (m["id"], path)
        quoted = quoted_policies(html_text)
        own = {p for p, policy in POLICIES.items() if policy["municipality"] == m["id"]}
        assert quoted <= own, (m["id"], quoted - own)  # a guide's prose about one policy stands in its block
        assert own <= quoted or not own, (m["id"], own - quoted)
        assert "data-kommune=" not in html_text and '<details class="question">' not in html_text
    indexed = pagefind_fragments(built_site)
    assert not any("/print/" in url for url in indexed)


def test_the_general_print_page_quotes_no_municipality_and_links_each_print_page(built_site):
    html_text = page(built_site, "ny-medarbejder/print")
    assert quoted_policies(html_text) <= NAMED_IN_PROSE
    for m in MUNICIPALITIES:
        assert f'href="../{m["id"]}/print/"' in html_text


def test_what_a_guide_says_about_one_policy_stands_only_in_its_municipality_s_block():
    from markupsafe import Markup

    from macros.data.catalog import load_catalog
    from macros.site.quotes import mentions
    from macros.site.scope import GENERAL

    catalog = load_catalog(ROOT)
    policy = next(iter(catalog.policies.values()))
    said = {policy.id: ["Om <b>denne</b> særlige politik", Markup("**Citatet**")]}
    everyone = str(mentions(catalog, ["borger"], "../", after=said))
    blocks = re.findall(r'(?s)<details class="kommune-blok" data-kommune="([\w-]+)".*?</details>', everyone)
    assert policy.municipality in blocks and len(blocks) > 1
    holding = [
        b for b in re.split(r"(?=<details )", everyone) if "Om &#60;b&#62;denne&#60;/b&#62; særlige politik" in b
    ]
    assert len(holding) == 1 and f'data-kommune="{policy.municipality}"' in holding[0]
    assert "**Citatet**" in holding[0] and "<b>" not in everyone
    own = str(mentions(catalog, ["borger"], "../", scope=policy.municipality, after=said))
    assert "særlige politik" in own and "**Citatet**" in own
    for scope in [*(m for m in catalog.municipalities if m != policy.municipality), GENERAL]:
        other = str(mentions(catalog, ["borger"], "../", scope=scope, after=said))
        assert "særlige politik" not in other and "Citatet" not in other, scope


def _synthetic_site(tmp_path_factory) -> Path:
    data = tmp_path_factory.mktemp("synthetic1000")
    made = subprocess.run(
        [sys.executable, "-m", "macros", "generate", "--size", "1000", "--out", str(data)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert made.returncode == 0, made.stderr
    # Part 2 of 8 of a sharded build (macros/site/shards.py): the pages in the nav, the general print page among
    # them, and an eighth of the others, the municipalities' print pages dealt out first: the same pages as a
    # whole build would write, for a fraction of its time. (Part 1 writes the downloads and gets fewer pages.)
    site = tmp_path_factory.mktemp("synthetic1000-site")
    result = run_build(site, data, environment={"SITE_SHARD": "2/8"})
    assert result.returncode == 0, result.stderr[-3000:]
    return site


@pytest.mark.long
def test_print_pages_stay_small_when_the_site_has_a_thousand_records(tmp_path_factory):
    site = _synthetic_site(tmp_path_factory)
    general = site / "ny-medarbejder" / "print" / "index.html"
    own = sorted((site / "ny-medarbejder").glob("*/print/index.html"))
    assert len(own) >= 98 // 8  # this part's share of the municipalities' print pages (98 at this size)
    assert general.stat().st_size < 1_000_000
    assert max(f.stat().st_size for f in own) < 1_000_000


# --- the comparison on a phone -----------------------------------------------------------------

SMALLEST_TEXT = """(root) => {
  const sizes = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, element = node.parentElement;
    if (!node.textContent.trim() || !element.checkVisibility()) continue;
    if (element.closest('svg')) {
      const svg = element.closest('svg'), scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      const text = element.closest('text');
      sizes.push(parseFloat(text.getAttribute('font-size')) * scale);
    } else if (!element.closest('title, desc')) {
      sizes.push(parseFloat(getComputedStyle(element).fontSize));
    }
  }
  return sizes.length ? Math.min(...sizes) : null;
}"""


def smallest_text(tab) -> float:
    """The smallest text (in CSS pixels) of the visible figures and of the matrix as it is shown."""
    sizes = [
        tab.evaluate(SMALLEST_TEXT, root)
        for root in tab.locator(
            "article figure.diagram, article .matrix-narrow, article .matrix-wide"
        ).element_handles()
    ]
    return min(s for s in sizes if s is not None)


def test_on_a_phone_the_comparison_reads_per_municipality_without_sideways_scrolling(browser, base_url):
    tab = open_page(browser, base_url + "/politikker/sammenlign/", viewport={"width": 390, "height": 844})
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390
    assert (
        tab.evaluate("""() => [...document.querySelectorAll('article *')]
                             .filter(e => e.checkVisibility() && e.scrollWidth > e.clientWidth + 1
                                          && getComputedStyle(e).overflowX !== 'visible').length""")
        == 0
    )
    assert not tab.locator("article table").first.is_visible()
    blocks = tab.locator(".matrix-narrow details[data-kommune]")
    assert blocks.count() == len(MUNICIPALITIES)
    assert [blocks.nth(i).locator("summary").inner_text() for i in range(blocks.count())] == [
        f"{m['name']} Kommune" for m in MUNICIPALITIES
    ]
    assert tab.locator(".matrix-narrow .heat").first.is_visible()
    assert smallest_text(tab) >= 12
    tab.context.close()

    wide = open_page(browser, base_url + "/politikker/sammenlign/", viewport={"width": 1280, "height": 900})
    assert wide.locator("article table").first.is_visible()
    assert wide.locator("figure.diagram--heatmap").is_visible()
    assert not wide.locator(".matrix-narrow").is_visible()
    wide.context.close()
