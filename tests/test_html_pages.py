"""Offer and contact pages rendered straight to HTML get what Markdown and MkDocs gave them: the same heading ids,
permalinks and table of contents, page addresses for their links, and a strict build that stops on a missing page."""

from __future__ import annotations

import logging

import markdown
import pytest
from conftest import ROOT
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from pymdownx.slugs import slugify

from macros.data import routes
from macros.site import html_pages, pages
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
