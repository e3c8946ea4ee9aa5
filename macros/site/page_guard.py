"""The last guard: a finished page that shows a CPR-like number or a secret is refused.

Every page's HTML is read as a visitor and the search index read it. The check of the sources (catalog.py,
guards.py) reads each line of a page as it is written; a page can still show a number that no line holds: '010190-'
at the end of one line and '1234' on the next, '0101**90**-1234', '010190&#45;1234', '01019<!-- x -->0-1234',
'0101<span></span>90-1234'. Here the page is read as it is shown: comments removed, the tags of inline elements
(b, span, a ...) removed without a trace and every other tag read as a space, the values of the attributes a reader
or a search engine sees (href, title, alt, aria-label ...) added, character references and URL encodings decoded
(secret_match.searchable), lines joined. One pattern then finds CPR numbers (guards.CPR) and the secrets of the full
catalog (public_view.secrets: confidential streets and place names, internal numbers) in one pass.

A fragment that many pages share (the menu, tabs and scripts of the pages outside the menu, site/chrome.py) is read
once per build, and each page only around it, where that reads exactly as the whole page does (`PageGuard._text`).

The guard is made once per build from the secrets' labels and patterns only: it never holds the catalog, and its
messages never show a secret (a CPR number is shown as found, so the editor can find it).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..data.guards import CPR
from ..data.public_view import Secret
from ..data.secret_match import SecretMatcher, searchable

# guards.CPR with its one group named, so that it can stand beside the secrets' patterns in one expression.
_CPR = CPR.pattern.replace("([-./_ ]?)", "(?P<cpr_gap>[-./_ ]?)", 1).replace(r"\1", "(?P=cpr_gap)")
if "(?P=cpr_gap)" not in _CPR or re.compile(_CPR).groups != 1:
    raise RuntimeError("guards.CPR has changed shape; update page_guard._CPR")

_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_INSIDE_TAG = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""
# Elements that run inside a line of text: their tags part nothing ('0101<b>90</b>-1234' reads '010190-1234').
INLINE = frozenset(
    {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins", "kbd", "label"}
    | {"mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr"}
)
_INLINE_TAG = re.compile(rf"</?(?:{'|'.join(sorted(INLINE))})(?=[\s/>]){_INSIDE_TAG}>", re.I)
_TAG = re.compile(rf"</?[A-Za-z!?]{_INSIDE_TAG}>")
# Attributes whose values a visitor, a screen reader or a search engine reads: href, title, alt, aria-label ...
_READ_ATTRIBUTE = re.compile(
    r"""\s(?=[hstacvpnid])(?:href|src|srcset|title|alt|content|value|placeholder|id|name|data-[\w.:-]+|aria-[\w-]+)"""
    r"""\s*=\s*"""
    r"""(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""",
    re.I,
)
_SPACE = re.compile(r"\s+")


# Where a tag begins: left in the text after the tags are read, it is a tag that did not end where it began.
_TAG_START = re.compile(r"</?[A-Za-z!?]")


def _read(html: str) -> tuple[str, list[str]]:
    """The text of HTML without comments (inline tags removed, every other tag a space) and its read attributes."""
    attributes = [value for found in _READ_ATTRIBUTE.findall(html) for value in found if value]
    return _TAG.sub(" ", _INLINE_TAG.sub("", html)), attributes


def page_text(html: str) -> str:
    """The text of a page as a visitor reads it, then the values of its read attributes; one line, searchable."""
    text, attributes = _read(_COMMENT.sub("", html))
    return _SPACE.sub(" ", searchable(text + " \n " + " \n ".join(attributes)))


def _comment_ends(html: str) -> bool:
    """Whether a comment begun in `html` (read from its start, outside any comment) also ends there."""
    last = html.rfind("<!--")
    return last < 0 or html.find("-->", last + 4) >= 0


def _ends_clean(html: str, text: str) -> bool:
    """Whether nothing begun in `html` (without comments; `text` is what `_read` made of it) can go on past its end.

    True when it is white space, or ends with a tag (and white space), every tag begun in it ended in it, and its
    last quote mark of either kind does not open an attribute's value. Then the tags and attributes read in `html`
    alone are the ones read in it as part of a longer page, whatever follows it (see `PageGuard._text`).
    """
    if not html.strip():  # white space only: nothing begins here
        return True
    if not html.rstrip().endswith(">") or _TAG_START.search(text):
        return False
    for quote in "\"'":
        before = html.rfind(quote) - 1
        while before >= 0 and html[before].isspace():
            before -= 1
        if before >= 0 and html[before] == "=":
            return False
    return True


@dataclass(frozen=True)
class _Fragment:
    """A fragment of many pages (the menu, see chrome.py) read once: its searchable text and read attributes."""

    text: str  # starts and ends with a space (a tag)
    attributes: str  # its read attributes' values, searchable, joined by ' \n '; '' for none


@dataclass(frozen=True)
class _Label:
    what: str  # 'et internt telefonnummer'
    owner: str  # the file the secret belongs to
    field: str  # its field there


class PageGuard:
    """The CPR numbers and secrets to refuse in every page (made from `public_view.secrets(full catalog)`)."""

    def __init__(self, hidden: Iterable[Secret]):
        by_kind: dict[str, dict[str, _Label]] = {"street": {}, "name": {}, "number": {}}
        for secret in hidden:
            by_kind[secret.kind].setdefault(secret.value, _Label(secret.what, secret.owner, secret.field))
        self._matcher = SecretMatcher(by_kind["street"], by_kind["name"], by_kind["number"], cpr=_CPR)
        self._fragments: dict[str, _Fragment | None] = {}  # a fragment → how it reads; None if it cannot be cut out

    def _fragment(self, html: str) -> _Fragment | None:
        """A fragment read once; None if the page around it could change how it reads (then pages are read whole).

        It must begin and end with a tag that is not inline, hold no comment and end clean (`_ends_clean`).
        """
        if html not in self._fragments:
            text, attributes = _read(html)
            cut = (
                html.startswith("<")
                and "<!--" not in html
                and text.startswith(" ")
                and text.endswith(" ")
                and _ends_clean(html, text)
            )
            self._fragments[html] = _Fragment(searchable(text), searchable(" \n ".join(attributes))) if cut else None
        return self._fragments[html]

    def _text(self, html: str, fragments: Sequence[str]) -> str:
        """`page_text(html)`, reading each of `fragments` (parts of many pages) once per build.

        The page is cut around the first place each fragment stands; the pieces between are read alone and the
        texts and attributes put together in the page's order. That is the page's own text only if nothing in a piece
        reaches into the next one as the page is read: so every piece but the last must let every comment, tag and
        attribute value it begins end in it (`_comment_ends`, `_ends_clean`) and every piece after a fragment must
        begin its text with white space (so no character joins or is decoded across the cut: `searchable`). Otherwise,
        or if a fragment is not in the page, the page is read whole.
        """
        cuts = []
        for fragment in dict.fromkeys(fragments):
            read = self._fragment(fragment)
            at = html.find(fragment) if read is not None else -1
            if at >= 0:
                cuts.append((at, at + len(fragment), read))
        cuts.sort(key=lambda cut: cut[0])
        if not cuts or any(end > next_at for (_, end, _), (next_at, _, _) in itertools.pairwise(cuts)):
            return page_text(html)
        texts: list[str] = []
        attributes: list[str] = []
        start = 0
        for at, end, read in [*cuts, (len(html), len(html), None)]:
            piece = html[start:at]
            if read is not None and not _comment_ends(piece):
                return page_text(html)
            piece = _COMMENT.sub("", piece)
            text, found = _read(piece)
            if (start and text and not text[0].isspace()) or (read is not None and not _ends_clean(piece, text)):
                return page_text(html)
            texts.append(searchable(text))
            if found:
                attributes.append(searchable(" \n ".join(found)))
            if read is not None:
                texts.append(read.text)
                if read.attributes:
                    attributes.append(read.attributes)
            start = end
        return _SPACE.sub(" ", "".join(texts) + " \n " + " \n ".join(attributes))

    def problems(self, html: str, source: str, fragments: Sequence[str] = ()) -> list[str]:
        """A Danish message for each CPR-like number and each secret in the page, naming `source` (its file).

        `html` is the page's finished output; `source` the file it is made from, as shown to the editor
        ('content/om-sitet.md', 'offers/x.yaml'); `fragments` parts of it that many pages share (chrome.py), read
        once per build. Each finding once.
        """
        messages = []
        text = self._text(html, fragments) if fragments else page_text(html)
        for hit in self._matcher.find(text, prepared=True):
            if hit.label is None:
                messages.append(
                    f"{source}: den færdige side indeholder noget, der ligner et CPR-nummer ('{hit.found}') – "
                    "måske skrevet med markup, &-koder eller over to linjer; CPR-numre må aldrig offentliggøres. "
                    "Fjern det"
                )
            else:
                label = hit.label
                messages.append(
                    f"{source}: den færdige side nævner {label.what} fra {label.owner} ({label.field}), som aldrig "
                    "må offentliggøres; fjern det herfra"
                )
        return list(dict.fromkeys(messages))
