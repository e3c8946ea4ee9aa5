"""Code in a hand-written page: HTML and links that would run in the reader's browser.

Python-Markdown passes raw HTML through, and MkDocs publishes it as typed, so a `<script>`, an `onerror=`
attribute or a `javascript:` link in content/*.md would run on every reader's machine. The site's own
JavaScript lives in content/assets/*.js (a reviewed file, never a page); a page is text, links and markup.

`active_content(text)` finds each such construct with its line; code spans and fenced code blocks are
skipped, since Markdown shows them as text.
"""

from __future__ import annotations

import bisect
import html
import re

# Elements that run code, load another document or change where the page's links and forms go.
REFUSED_ELEMENTS = frozenset({"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta"})
# URL schemes that run code (javascript:, vbscript:) or smuggle a whole document or script (data:).
REFUSED_SCHEMES = ("javascript:", "vbscript:", "data:")

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_TAG = re.compile(r"<\s*([a-zA-Z][a-zA-Z0-9-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>?", re.S)
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?""")
_MARKDOWN_URL = re.compile(
    r"\]\(\s*(<[^>]*>|[^)\s]+)"  # [text](url) and ![alt](url)
    r"|^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)"  # [label]: url
    r"|<([a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*)>",  # <scheme:...>
    re.M,
)
_CSS_URL = re.compile(r"url\s*\(|expression\s*\(|@import", re.I)


def _without_code(text: str) -> str:
    """`text` with fenced code blocks and code spans blanked out (same lines, same length)."""
    lines = text.split("\n")
    fence = None
    for i, line in enumerate(lines):
        opening = _FENCE.match(line)
        if fence is None and opening:
            fence = opening.group(1)[0] * len(opening.group(1))
            lines[i] = ""
        elif fence is not None:
            if line.strip().startswith(fence):
                fence = None
            lines[i] = ""
        else:
            lines[i] = _CODE_SPAN.sub(lambda m: " " * len(m.group()), line)
    return "\n".join(lines)


def _scheme(url: str) -> str | None:
    """The refused scheme a link uses, as a browser reads it (entities decoded, whitespace and controls removed)."""
    plain = re.sub(r"[\x00-\x20\x7f]", "", html.unescape(url.strip("<>"))).lower()
    return next((s for s in REFUSED_SCHEMES if plain.startswith(s)), None)


def active_content(text: str) -> list[tuple[int, str]]:
    """(line, Danish message) for every element, attribute, style or link in a page that could run code.

    `text` is a hand-written page (Markdown or HTML). Lines count from 1.
    """
    text = _without_code(text)
    found: list[tuple[int, str]] = []

    line_starts = [0, *(m.end() for m in re.finditer("\n", text))]

    def line_of(at: int) -> int:
        return bisect.bisect_right(line_starts, at)

    for tag in _TAG.finditer(text):
        name = tag.group(1).lower()
        if name in REFUSED_ELEMENTS:
            found.append(
                (
                    line_of(tag.start()),
                    f"HTML-elementet <{name}> er ikke tilladt på en side: det kan køre kode eller hente indhold "
                    "fra andre steder i læserens browser. Skriv indholdet i Markdown; sitets eget JavaScript "
                    "ligger i content/assets/",
                )
            )
            continue
        if name == "style":
            end = text.find("</style", tag.end())
            if _CSS_URL.search(text, tag.end(), end if end >= 0 else len(text)):
                found.append((line_of(tag.start()), _style_message("<style>")))
        for attribute in _ATTRIBUTE.finditer(tag.group(2)):
            key, value = attribute.group(1).lower(), (attribute.group(2) or "").strip("\"'")
            at = line_of(tag.start(2) + attribute.start())
            if key.startswith("on"):
                found.append(
                    (
                        at,
                        f"HTML-attributten '{key}' kører kode i læserens browser og er ikke tilladt på en side; "
                        "slet den",
                    )
                )
            elif key == "style" and _CSS_URL.search(html.unescape(value)):
                found.append((at, _style_message("style-attributten")))
            elif scheme := _scheme(value):
                found.append((at, _link_message(value, scheme)))
    for link in _MARKDOWN_URL.finditer(text):
        url = next(g for g in link.groups() if g is not None)
        scheme = _scheme(url)
        if scheme:
            found.append((line_of(link.start()), _link_message(url, scheme)))
    return sorted(found)


def _style_message(where: str) -> str:
    return (
        f"{where} bruger url(), expression() eller @import, som kan hente fra andre steder eller køre kode; "
        "læg stilen i content/assets/site.css"
    )


def _link_message(url: str, scheme: str) -> str:
    shown = url if len(url) <= 60 else url[:57] + "..."
    return (
        f"linket '{shown}' bruger adressetypen '{scheme}', som kan køre kode eller gemme indhold i "
        "læserens browser; link til en side på sitet eller til en https://-adresse"
    )
