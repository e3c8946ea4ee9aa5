"""Pages rendered straight to HTML (records, a municipality's start and catalogue pages, a theme's page) get what
Markdown and MkDocs gave them: the same heading ids, permalinks and table of contents, page addresses for their links,
and a strict build that stops on a missing page; text from YAML stays literal text."""

from __future__ import annotations

import html
import logging

import markdown
import pytest
from conftest import ROOT, run_build
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs.utils.meta import get_data
from pymdownx.slugs import slugify
from sitetext import norm, page, visible

from macros.data import formatting, routes
from macros.data.catalog import load_catalog
from macros.data.public_view import public_view
from macros.site import html_pages, onboarding, pages
from macros.site.blocks import demote_headings
from macros.site.render import md_escape

SLUGIFY = slugify(case="lower")
TITLE = "Link til dette afsnit"


def _markdown(source: str) -> tuple[str, list]:
    md = markdown.Markdown(
        extensions=["attr_list", "toc"],
        extension_configs={"toc": {"permalink": True, "permalink_title": TITLE, "slugify": SLUGIFY}},
    )
    return md.convert(source), md.toc_tokens


@pytest.mark.parametrize("name", ["Kontakt", "Café Æblet &#40;syntetisk&#41;", "Housing First-forløb for hjemløse"])
def test_headings_get_the_ids_permalinks_and_toc_of_the_toc_extension(name):
    """The page title's id is its slug made unique among the page's ids ('Kontakt' → 'kontakt_1'), as Markdown did."""
    text = md_escape(name)
    expected_html, expected_toc = _markdown(f"# {text}\n\n## Kontakt {{#kontakt}}\n\n### Regel {{#regel}}\n")
    result = html_pages.finish(
        f'<h1>{text}</h1>\n<h2 id="kontakt">Kontakt</h2>\n<h3 id="regel">Regel</h3>\n',
        "tilbud/x.md",
        lambda path: None,
        SLUGIFY,
        TITLE,
    )
    assert result.html.split() == expected_html.split()
    assert result.toc == expected_toc
    assert {"kontakt", "regel"} < result.anchor_ids


def test_links_get_page_addresses_and_a_missing_page_is_left_as_written():
    known = {"kontakter/a.md": "../../kontakter/a/", "politikker/p.md": "../../politikker/p/"}
    result = html_pages.finish(
        "<p>[A &#40;x&#41;](../kontakter/a.md) og [P](../politikker/p.md#vision) og [Væk](../kontakter/vaek.md)</p>",
        "tilbud/x.md",
        known.get,
        SLUGIFY,
        TITLE,
    )
    assert result.html == (
        '<p><a href="../../kontakter/a/">A &#40;x&#41;</a> og <a href="../../politikker/p/#vision">P</a> og '
        '<a href="../kontakter/vaek.md">Væk</a></p>'
    )
    assert [(link.path, link.anchor, link.found) for link in result.links] == [
        ("kontakter/a.md", "", True),
        ("politikker/p.md", "vision", True),
        ("kontakter/vaek.md", "", False),
    ]


def test_a_record_page_linking_to_a_missing_page_stops_the_strict_build(tmp_path, monkeypatch, caplog):
    """A link on an offer's page is checked as MkDocs checks a Markdown link: the warning names page, link, target."""
    generated = pages.generated_pages
    dropped: dict[str, str] = {}

    def without_a_contact(catalog, nav=None):
        offer = next(o for o in catalog.offers.values() if o.contacts)
        dropped["offer"] = routes.page_of("offers", offer.id)
        dropped["contact"] = routes.page_of("contacts", offer.contacts[0])
        yield from (page for page in generated(catalog, nav) if page.path != dropped["contact"])

    monkeypatch.setattr(pages, "generated_pages", without_a_contact)
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=True)
    with caplog.at_level(logging.WARNING, logger="mkdocs"), pytest.raises(Abort, match="strict mode"):
        build(config)
    link = "../" + dropped["contact"]
    assert (
        f"Doc file '{dropped['offer']}' contains a link '{link}', "
        f"but the target '{dropped['contact']}' is not found among documentation files."
    ) in [record.getMessage() for record in caplog.records]


# --- a municipality's start and catalogue pages, a theme's page -------------------------------------------------

# HTML tags are refused by the check (markup.py); '<skrivebord>' and '<navn@x.dk>' pass it, and a browser would
# still read them as elements if they were not escaped.
HOSTILE = "<skrivebord> **fed** {{ config.site_name }} [link](x.md) <navn@x.dk> &amp; |x|"
MUNICIPALITY_PAGES = ("ny-medarbejder/roedovre", "ny-medarbejder/roedovre/print", "tilbud/kommune/roedovre")
THEME_PAGE = "politikker/sammenlign/samarbejde"


def _replace_line(path, start: str, new: str) -> None:
    """The YAML line of `path` that begins with `start` (and the folded lines under it) as the line `new`."""
    lines = path.read_text("utf-8").split("\n")
    i = next(n for n, line in enumerate(lines) if line.startswith(start))
    indent = len(start) - len(start.lstrip())
    end = i + 1
    while end < len(lines) and len(lines[end]) - len(lines[end].lstrip()) > indent and lines[end].strip():
        end += 1
    lines[i:end] = [new]
    path.write_text("\n".join(lines), "utf-8")


def test_hostile_text_on_the_municipality_and_theme_pages_shows_literally(data_copy, tmp_path):
    """A focus area's title, an offer's summary and a contact's summary: shown as typed, never as markup or a link."""
    quoted = "'" + HOSTILE.replace("'", "''") + "'"
    _replace_line(
        data_copy / "policies" / "roedovre-politik-socialt-udsatte.yaml",
        "      title: Vi finder løsninger",
        f"      title: {quoted}",
    )
    _replace_line(data_copy / "offers" / "roedovre-boligsocial-stoette.yaml", "summary:", f"summary: {quoted}")
    _replace_line(data_copy / "contacts" / "roedovre-boligforeninger.yaml", "summary:", f"summary: {quoted}")
    result = run_build(tmp_path / "site", data_copy)
    assert result.returncode == 0, result.stderr
    for url in (*MUNICIPALITY_PAGES, THEME_PAGE):
        html_text = page(tmp_path / "site", url)
        assert "<skrivebord>" not in html_text and "<navn@x.dk" not in html_text, url
        assert "<strong>fed</strong>" not in html_text and 'href="x.md"' not in html_text, url
        assert 'markdown="' not in html_text, url
        assert norm(HOSTILE) in visible(html_text), url
    start = visible(page(tmp_path / "site", "ny-medarbejder/roedovre"))
    assert start.count(norm(HOSTILE)) >= 3, "focus area, offer and contact card"


def test_the_municipality_and_theme_pages_are_rendered_straight_to_html():
    """Their Markdown file is only the front matter; the print page stays Markdown that runs its macro."""
    catalog = public_view(load_catalog(ROOT))
    generated = {p.path: p for p in pages.generated_pages(catalog)}
    for path in (
        routes.start_page_of("roedovre"),
        routes.catalogue_page_of("roedovre"),
        routes.comparison_page_of("samarbejde"),
    ):
        markdown_text, meta = get_data(generated[path].markdown)
        assert markdown_text.strip() == "" and meta["title"], path
        assert generated[path].html and generated[path].html().startswith("<h1"), path
    assert routes.start_page_of("roedovre") in generated
    assert generated[routes.comparison_page_of("samarbejde")].markdown.count("  - toc") == 1
    printed = generated[routes.print_page_of("roedovre")]
    assert printed.html is None and "{{ onboarding_print() }}" in printed.markdown


def test_the_print_page_embeds_the_start_page_a_chapter_down_in_html_that_markdown_reads():
    """md_in_html gives the start page's headings ids, permalinks and toc entries and resolves its links there."""
    catalog = public_view(load_catalog(ROOT))
    m = catalog.municipalities["roedovre"]
    body = onboarding.municipality_page(catalog, m, base="../../", printing=True).body()
    chapter = demote_headings(body)
    md = markdown.Markdown(
        extensions=["attr_list", "md_in_html", "def_list", "tables", "toc"],
        extension_configs={"toc": {"permalink": True, "permalink_title": TITLE, "slugify": SLUGIFY}},
    )
    out = md.convert(chapter)
    assert 'markdown="' not in out and "](" not in out
    assert '<h3 id="politikker">Politikker' in out and "<h1" not in out
    assert [t["name"] for t in md.toc_tokens] == [formatting.start_page_title(m)]
    sections = [t["id"] for t in md.toc_tokens[0]["children"]]
    assert sections == ["politikker", "vaerdier", "fokusomraader", "tilbud", "kontakter"]
    assert 'href="../../politikker/roedovre-politik-socialt-udsatte.md"' in out  # MkDocs rewrites it after
    assert "Næste:" not in out and "Udskriv forløbet" not in out


def test_a_link_with_a_query_keeps_it_after_the_page_address():
    result = html_pages.finish(
        "<p>[Næste](samarbejde.md?kommune=roedovre#trin)</p>",
        "ny-medarbejder/roedovre.md",
        {"ny-medarbejder/samarbejde.md": "../samarbejde/"}.get,
        SLUGIFY,
        TITLE,
    )
    assert result.html == '<p><a href="../samarbejde/?kommune=roedovre#trin">Næste</a></p>'
    assert [(link.path, link.anchor, link.found) for link in result.links] == [
        ("ny-medarbejder/samarbejde.md", "trin", True)
    ]


def test_the_markdown_attributes_are_dropped_but_a_value_that_says_markdown_stays():
    """The attributes for md_in_html leave the page; a value from YAML that reads like one is text (escaped)."""
    value = 'markdown="span" <p markdown="block">'
    result = html_pages.finish(
        f'<div class="c" markdown="block">\n<p markdown="span">{md_escape(value)}</p>\n</div>',
        "x.md",
        lambda path: None,
        SLUGIFY,
        TITLE,
    )
    assert result.html == f'<div class="c">\n<p>{md_escape(value)}</p>\n</div>'
    assert html.unescape(result.html.split("<p>")[1].split("</p>")[0]) == value
