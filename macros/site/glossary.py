"""The glossary on the site: its page, and the step that explains its terms on every page.

Every page's HTML passes through `explain_page` after Markdown: the first use of each glossary term
on the page is wrapped in `<abbr title="definition">` (a tooltip on hover; screen readers can read
it), and the page ends with a closed box "Ord på siden" that lists every term used on the page with
its definition and a link to the glossary, for keyboard and touch users. Only the first use is
marked, so that a page that uses a term fifty times (or a list of ten thousand offers) stays
readable and light. Working on the HTML rather than with the Markdown
`abbr` extension lets it reach text from YAML too (which is escaped into character references
that Markdown's abbreviations cannot see), find a term whatever its first letter's case, and
leave code, links' addresses, diagrams, form controls and headings' anchors alone.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ..data import formatting, models, routes
from ..data.collation import danish_sort_key
from ..data.patterns import any_of

if TYPE_CHECKING:
    from ..data.catalog import Catalog

GLOSSARY_PAGE = routes.GLOSSARY_PAGE

# Elements whose text is never touched: code, scripts, diagrams, form controls, and text that is
# already an abbreviation or a definition. A `data-no-glossary` attribute adds any element to them.
SKIP = {
    "script",
    "style",
    "svg",
    "math",
    "code",
    "pre",
    "kbd",
    "samp",
    "abbr",
    "dfn",
    "option",
    "select",
    "textarea",
    "button",
    "label",
    "title",
    "head",
    "template",
}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_TOKEN = re.compile(r"""<!--.*?-->|<![^>]*>|<(?:[^>"']|"[^"]*"|'[^']*')*>""", re.S)
_INTERACTIVE = re.compile(r"<form\b|\sdata-catalogue\b")
_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>", re.S)


# --- finding terms in text ---------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """A term as the explaining step needs it: the plain definition shown in the tooltip and the box."""

    id: str
    term: str
    definition: str


def definition_of(term: models.GlossaryTerm, legal_bases: dict[str, models.LegalBasis]) -> str:
    """The term's own definition, or the paragraph it names with its meaning, from `legal_bases` (the legal table).

    The model requires one of the two; the catalog has checked that the paragraph exists.
    """
    if term.definition or term.legal_basis is None:
        return term.definition or ""
    basis = legal_bases[term.legal_basis]
    return f"{formatting.legal_basis_label(basis, long=True)}. {basis.meaning}"


def entries(catalog: Catalog) -> dict[str, Entry]:
    """Term id → the term with its plain definition (definition_of), for every term of vocabularies/glossary.yaml."""
    return {t.id: Entry(t.id, t.term, definition_of(t, catalog.legal_bases)) for t in catalog.glossary.values()}


def forms(term: models.GlossaryTerm) -> Iterator[str]:
    """The spellings of a term that are explained: each form as written, and with its first letter's case turned."""
    for form in (term.term, *term.aliases):
        form = " ".join(form.split())
        yield form
        yield form[0].swapcase() + form[1:]


class Matcher:
    """Finds glossary terms in plain text: whole words, the longest form first, hyphenated compounds left whole."""

    def __init__(self, terms: Iterable[models.GlossaryTerm]):
        self.by_form: dict[str, str] = {}
        for term in terms:
            for form in forms(term):
                self.by_form.setdefault(form, term.id)
        # The forms as one trie-shaped regex (a long alternation of words is slow in Python's engine).
        # No lookbehind in front, so that the engine can skip ahead on the possible first letters;
        # the character before a match is checked in `find`.
        body = any_of(self.by_form)
        self.pattern = re.compile(f"(?:{body})(?![\\w])(?!-\\w)") if self.by_form else None

    def find(self, text: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, term id) of each term in `text`."""
        if self.pattern is None:
            return
        for match in self.pattern.finditer(text):
            start = match.start()
            if start and (text[start - 1].isalnum() or text[start - 1] in "-_"):
                continue
            yield start, match.end(), self.by_form[" ".join(match.group(0).split())]


@lru_cache(maxsize=4)
def _matcher(terms: tuple[models.GlossaryTerm, ...]) -> Matcher:
    return Matcher(terms)


def explain(html_text: str, matcher: Matcher, definitions: dict[str, str]) -> tuple[str, list[str]]:
    """Wrap the first use of each term in the text of an HTML fragment in <abbr title>.

    Returns the fragment and the ids of the terms used, in order of first use. `definitions` maps a term id to its
    tooltip text; text inside SKIP elements or `data-no-glossary` is left alone.
    """
    out: list[str] = []
    used: list[str] = []
    skip: list[list] = []  # [tag name, depth] of the element whose text is left alone
    position = 0
    for token in _TOKEN.finditer(html_text):
        out.append(
            _explain_text(html_text[position : token.start()], matcher, definitions, used)
            if not skip
            else html_text[position : token.start()]
        )
        out.append(token.group(0))
        position = token.end()
        tag = _TAG.match(token.group(0))
        if not tag:
            continue
        closing, name, rest = tag.group(1) == "/", tag.group(2).lower(), tag.group(3)
        if skip:
            if name == skip[-1][0]:
                if closing:
                    skip[-1][1] -= 1
                    if skip[-1][1] == 0:
                        skip.pop()
                elif not rest.rstrip().endswith("/"):
                    skip[-1][1] += 1
            continue
        if (
            not closing
            and name not in VOID
            and not rest.rstrip().endswith("/")
            and (name in SKIP or "data-no-glossary" in rest)
        ):
            skip.append([name, 1])
    out.append(_explain_text(html_text[position:], matcher, definitions, used) if not skip else html_text[position:])
    return "".join(out), used


def _explain_text(raw: str, matcher: Matcher, definitions: dict[str, str], used: list[str]) -> str:
    if not raw.strip():
        return raw
    text = html.unescape(raw)
    found = [(start, end, term_id) for start, end, term_id in matcher.find(text) if term_id not in used]
    if not found:
        return raw
    pieces, position = [], 0
    for start, end, term_id in found:
        if term_id in used:  # only the first use on the page: the page stays readable and light
            continue
        pieces.append(html.escape(text[position:start], quote=False))
        pieces.append(
            f'<abbr title="{html.escape(definitions[term_id], quote=True)}">'
            f"{html.escape(text[start:end], quote=False)}</abbr>"
        )
        position = end
        used.append(term_id)
    pieces.append(html.escape(text[position:], quote=False))
    return "".join(pieces)


def terms_box(used: list[str], entries_: dict[str, Entry], glossary_url: str | None) -> str:
    """The closed box at the end of a page: every term used on it, with its definition and a link."""
    rows = []
    for term_id in sorted(used, key=lambda t: sort_key(entries_[t].term)):
        entry = entries_[term_id]
        link = (
            (f' <a href="{html.escape(glossary_url, quote=True)}#{html.escape(term_id, quote=True)}">Se ordlisten</a>')
            if glossary_url
            else ""
        )
        rows.append(
            f"<dt><dfn>{html.escape(entry.term, quote=False)}</dfn></dt>\n"
            f"<dd>{html.escape(entry.definition, quote=False)}{link}</dd>"
        )
    count = len(rows)
    return (
        f'\n<details class="page-terms" data-pagefind-ignore data-no-glossary>\n'
        f"<summary>Ord på siden ({count})</summary>\n<dl>\n" + "\n".join(rows) + "\n</dl>\n</details>\n"
    )


def sort_key(term: str) -> tuple:
    """The glossary's order: words in Danish order, then the paragraphs of the law (§ 85 before § 104)."""
    return term.lstrip().startswith("§"), danish_sort_key(term)


def explain_page(html_text: str, page_url: str, glossary_url: str | None, catalog: Catalog, *, box: bool = True) -> str:
    """The page's HTML with its terms explained; `glossary_url` leads from the page to the glossary page."""
    if not catalog.glossary:
        return html_text
    matcher = _matcher(tuple(catalog.glossary.values()))
    if matcher.pattern is None or not matcher.pattern.search(html_text):
        return html_text
    entries_ = entries(catalog)
    explained, used = explain(html_text, matcher, {k: e.definition for k, e in entries_.items()})
    # A page that is a tool with a form (the offer catalogue, whose list grows as one scrolls) gets no box
    # after it: nobody would reach it, and it would only move the end of the list.
    if used and box and not _INTERACTIVE.search(html_text):
        explained += terms_box(used, entries_, glossary_url)
    return explained
