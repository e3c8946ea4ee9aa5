"""Generated pages rendered once, straight to HTML: record, municipality and theme pages skip Python-Markdown.

Their generated Markdown file holds only the front matter (`front_matter`); their content is rendered by the HTML
templates (templates/policy.html.j2, offer.html.j2, contact.html.j2, catalogue_municipality.html.j2,
onboarding_municipality.html.j2, compare_theme.html.j2, _blocks.html.j2) from the views (pages.policy_view,
views.py, catalogue.py, onboarding.py, comparison.py) and put in its place by the plugin (plugin.py,
on_page_content) with `finish`, which first drops the attributes meant for md_in_html (blocks.py). Every
value is printed through the same escaping as the Markdown templates (render.md_escape, whose character references
are plain HTML), so a value from YAML reaches the page as literal text. What Python-Markdown and MkDocs did for these
pages is done here:

- the Markdown links that views.py builds (`[text](../kontakter/x.md)`, their text escaped so that it holds no
  bracket or parenthesis) become `<a href>` with the target page's address, which the caller finds as MkDocs does
  (a link to a missing page is a warning, which stops a strict build);
- every heading gets the id the toc extension would give it (the configured slugify, made unique on the page) and
  the same permalink; the headings are the page's table of contents, as toc tokens for mkdocs' get_toc.
"""

from __future__ import annotations

import logging
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from html import unescape
from typing import Any, cast

from jinja2.utils import htmlsafe_json_dumps
from markdown.extensions.toc import nest_toc_tokens, slugify, strip_tags, unique
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

from ..data import models
from ..data.catalog import Catalog
from .blocks import without_markdown_attributes
from .render import attr, render
from .views import contact_view, offer_view

# The plugin's logger (plugin.py): a strict build counts its warnings.
log = logging.getLogger("mkdocs.plugins.udsatte")

# A Markdown link as views.md_link and next_step._md_link write it: the text is md_escape'd (no brackets or
# parentheses of its own), the target a path this code built.

_MD_LINK = re.compile(r"\[([^\[\]\n]*)\]\(([^()\s]+)\)")
_HEADING = re.compile(r'<h([1-6])(?: id="([^"]*)")?>(.*?)</h\1>', re.S)
_ID = re.compile(r'\sid="([^"]*)"')


@dataclass(frozen=True, slots=True)
class RecordPage:
    """A record page rendered straight to HTML, before its links and headings are finished (`finish`).

    Attributes:
        front_matter: its generated Markdown file: only the front matter (title, description, search filters).
        body: renders its content when called, whose links to pages are still Markdown links relative to the page's
            own path. Called when the page is rendered, so a build that leaves the page to another shard
            (shards.py) never renders it, and no build holds every body at once.
    """

    front_matter: str
    body: Callable[[], str]


@dataclass(frozen=True, slots=True)
class PageLink:
    """A link from a record page to a page (or file) of the site.

    Attributes:
        path: the target's path in docs_dir ('kontakter/x.md').
        anchor: the anchor it points to ('' for none).
        written: the target as the view wrote it ('../kontakter/x.md#a').
        found: whether the target exists (else the link is left as written, as MkDocs leaves it).
    """

    path: str
    anchor: str
    written: str
    found: bool


@dataclass(frozen=True, slots=True)
class RecordHtml:
    """A record page's finished HTML and what MkDocs would know after rendering it.

    Attributes:
        html: the page's content.
        toc: the headings as nested toc tokens (dicts with level, id, name, html, children), for mkdocs' get_toc.
        anchor_ids: every id on the page (its headings' and any other element's).
        links: its links to pages of the site, in the order they appear.
    """

    html: str
    toc: list[dict[str, Any]]
    anchor_ids: frozenset[str]
    links: tuple[PageLink, ...]


def front_matter(
    title: Markup,
    description: Markup,
    search_type: str | None = None,
    municipality: str | None = None,
    *,
    own_page_of: str | None = None,
    hide: tuple[str, ...] = (),
) -> str:
    """A page's Markdown file when its content is rendered straight to HTML: only its front matter.

    `title` and `description` come from views.front_matter_text; `search_type` and `municipality` are the search
    filters that overrides/main.html reads (JSON is valid YAML and HTML-safe), left out when None. `own_page_of`:
    the municipality ('Rødovre Kommune') whose own page this is (`kommuneside`), first when a search names it
    (content/assets/search.js). `hide`: the parts of the theme the page hides ('navigation', 'toc').
    """
    lines = ["---", f"title: {title}", f"description: {description}"]
    if search_type:
        lines.append(f"soeg_type: {search_type}")
    if municipality:
        lines.append(f"kommune: {htmlsafe_json_dumps(municipality)}")
    if own_page_of:
        lines.append(f"kommuneside: {htmlsafe_json_dumps(own_page_of)}")
    if hide:
        lines += ["hide:", *(f"  - {part}" for part in hide)]
    return "\n".join([*lines, "---", ""])


def offer_page(catalog: Catalog, offer: models.Offer) -> RecordPage:
    """The page of `offer`, from the public view `catalog` (views.offer_view, templates/offer.html.j2)."""
    view = offer_view(catalog, offer)
    return RecordPage(
        front_matter(view.front_title, view.front_description, "Tilbud", view.municipality),
        partial(render, "offer.html.j2", view=view),
    )


def contact_page(catalog: Catalog, contact: models.Contact) -> RecordPage:
    """The page of `contact`, from the public view `catalog` (views.contact_view, templates/contact.html.j2)."""
    view = contact_view(catalog, contact)
    return RecordPage(
        front_matter(view.front_title, view.front_description, "Kontakt", view.card.municipality),
        partial(render, "contact.html.j2", view=view),
    )


def finish(
    body: str,
    page_path: str,
    address_of: Callable[[str], str | None],
    slugify: Callable[[str, str], str],
    permalink_title: str,
) -> RecordHtml:
    """A record page's content with its links resolved and its headings given ids and permalinks.

    Args:
        body: what RecordPage.body renders.
        page_path: the page's path in docs_dir ('tilbud/x.md').
        address_of: a path in docs_dir ('kontakter/y.md') → its address from this page ('../../kontakter/y/'),
            or None when there is no such file.
        slugify: the toc extension's slugify (text, separator) → id, as mkdocs.yml configures it.
        permalink_title: the permalinks' title ('Link til dette afsnit').
    """
    text, links = resolve_links(without_markdown_attributes(body), page_path, address_of)
    text, tokens = with_permalinks(text, slugify, permalink_title)
    return RecordHtml(
        html=text, toc=nest_toc_tokens(tokens), anchor_ids=frozenset(_ID.findall(text)), links=tuple(links)
    )


def resolve_links(text: str, page_path: str, address_of: Callable[[str], str | None]) -> tuple[str, list[PageLink]]:
    """Every Markdown link in `text` as an HTML link to the page's address (what MkDocs does for .md links).

    Returns the HTML and the links found. A link whose target `address_of` does not know keeps its target as written
    (PageLink.found is False), as MkDocs leaves it. A query ('?kommune=x') and an anchor follow the page's address.
    """
    links: list[PageLink] = []
    here = posixpath.dirname(page_path)

    def link(match: re.Match[str]) -> str:
        written = match.group(2)
        path, _, anchor = written.partition("#")
        path, _, query = path.partition("?")
        target = posixpath.normpath(posixpath.join(here, path))
        address = address_of(target)
        links.append(PageLink(target, anchor, written, address is not None))
        href = (
            written if address is None else address + (f"?{query}" if query else "") + (f"#{anchor}" if anchor else "")
        )
        return f'<a href="{attr(href)}">{match.group(1)}</a>'

    return _MD_LINK.sub(link, text), links


def with_permalinks(
    text: str, slugify: Callable[[str, str], str], permalink_title: str
) -> tuple[str, list[dict[str, Any]]]:
    """Give each heading of `text` an id and a permalink, as the toc extension does; also its flat toc tokens.

    A heading with an id keeps it; one without gets slugify(its text), made unique among the ids on the page.
    """
    used = set(_ID.findall(text))
    tokens: list[dict[str, Any]] = []

    def heading(match: re.Match[str]) -> str:
        level, given, inner = match.group(1), match.group(2), match.group(3)
        name = strip_tags(inner)
        anchor = given if given is not None else unique(slugify(unescape(name), "-"), used)
        tokens.append({"level": int(level), "id": anchor, "name": name, "html": inner, "data-toc-label": ""})
        link = f'<a class="headerlink" href="#{attr(anchor)}" title="{attr(permalink_title)}">&para;</a>'
        return f'<h{level} id="{attr(anchor)}">{inner}{link}</h{level}>'

    return _HEADING.sub(heading, text), tokens


def into_page(body: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """The content of `page`, rendered straight to HTML as `body`, with what MkDocs would learn from rendering it.

    Called by the plugin (plugin.py, on_page_content) in place of what MkDocs rendered (the front matter only).

    Its links to pages get their addresses as MkDocs gives them; a link to a page that does not exist is a
    warning, in MkDocs' words (a strict build stops). Sets page.toc from its headings (ids and permalinks as
    the toc extension in mkdocs.yml makes them), and the anchors it has and links to, which MkDocs checks.
    """
    toc_config = (config.mdx_configs or {}).get("toc", {})

    def address_of(path: str) -> str | None:
        target = files.get_file_from_path(path)
        return None if target is None else get_relative_url(target.url, page.file.url)

    result = finish(
        body,
        page.file.src_uri,
        address_of,
        toc_config.get("slugify") or slugify,
        toc_config.get("permalink_title", "Permanent link"),
    )
    page.toc = get_toc(cast(Any, result.toc))  # our toc tokens have the shape of MkDocs' _TocToken
    page.present_anchor_ids = set(result.anchor_ids)
    links: dict[File, dict[str, str]] = {}
    for link in result.links:
        target = files.get_file_from_path(link.path)
        if target is None:
            log.warning(
                f"Doc file '{page.file.src_uri}' contains a link '{link.written}', "
                f"but the target '{link.path}' is not found among documentation files."
            )
        elif link.anchor:
            links.setdefault(target, {}).setdefault(link.anchor, link.written)
    page.links_to_anchors = links
    return result.html
