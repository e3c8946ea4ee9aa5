"""How the blocks of a generated text are written: Markdown for the macros of hand-written pages, or HTML.

The HTML is what Python-Markdown made of the Markdown, with `markdown="span"` on every element whose text may hold a
Markdown link and `markdown="block"` on its containers. A page rendered straight to HTML drops those attributes and
resolves the links itself (html_pages.finish); a Markdown page can take the same HTML as it is, and md_in_html then
resolves the links and gives the headings their ids, permalinks and place in the table of contents (a municipality's
print page embeds its start page so, onboarding.print_collection). Every text passed in is escaped already.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# The attributes the HTML format and the HTML templates put on elements for md_in_html: only ever written by our
# code (an escaped value holds no `=` or `"`), dropped from a page rendered straight to HTML.
MARKDOWN_ATTRIBUTE = re.compile(r' markdown="(?:span|block)"')


@dataclass(frozen=True)
class Format:
    """Markdown (`html` False) or HTML that md_in_html also reads (`html` True)."""

    html: bool

    def paragraph(self, text: str) -> str:
        """A paragraph: in Markdown the text itself (the caller separates blocks by a blank line)."""
        return f'<p markdown="span">{text}</p>' if self.html else text

    def bullets(self, items: Iterable[str]) -> str:
        """A bulleted list of the items, one per line."""
        if self.html:
            return '<ul markdown="block">\n' + "".join(f'<li markdown="span">{i}</li>\n' for i in items) + "</ul>"
        return "\n".join(f"- {i}" for i in items)

    def strong(self, text: str) -> str:
        """Bold text within a line."""
        return f"<strong>{text}</strong>" if self.html else f"**{text}**"

    def emphasis(self, text: str) -> str:
        """Italic text within a line."""
        return f"<em>{text}</em>" if self.html else f"*{text}*"

    def heading(self, level: int, text: str) -> str:
        """A heading block, followed by a blank line; its id comes from the toc extension or html_pages."""
        if self.html:
            return f'<h{level} markdown="span">{text}</h{level}>\n\n'
        return f"{'#' * level} {text}\n\n"


MARKDOWN = Format(html=False)
HTML = Format(html=True)


def without_markdown_attributes(html: str) -> str:
    """`html` without the md_in_html attributes (MARKDOWN_ATTRIBUTE), as a page rendered straight to HTML shows it."""
    return MARKDOWN_ATTRIBUTE.sub("", html)


def demote_headings(html: str) -> str:
    """Every heading of our own `html` one level down (<h1> → <h2>, up to <h5>), so that a page becomes a chapter."""
    return re.sub(r"<(/?)h([1-5])\b", lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}", html)
