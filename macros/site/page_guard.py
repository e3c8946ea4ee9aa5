"""The last guard: a finished page that shows a CPR-like number or a secret is refused.

Every page's HTML is read as a visitor and the search index read it. The check of the sources (catalog.py,
guards.py) reads each line of a page as it is written; a page can still show a number that no line holds: '010190-'
at the end of one line and '1234' on the next, '0101**90**-1234', '010190&#45;1234', '01019<!-- x -->0-1234',
'0101<span></span>90-1234'. Here the page is read as it is shown: comments removed, the tags of inline elements
(b, span, a ...) removed without a trace and every other tag read as a space, the values of the attributes a reader
or a search engine sees (href, title, alt, aria-label ...) added, character references and URL encodings decoded
(secret_match.searchable), lines joined. One pattern then finds CPR numbers (guards.CPR) and the secrets of the full
catalog (public_view.secrets: confidential streets and place names, internal numbers) in one pass.

The guard is made once per build from the secrets' labels and patterns only: it never holds the catalog, and its
messages never show a secret (a CPR number is shown as found, so the editor can find it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
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


def page_text(html: str) -> str:
    """The text of a page as a visitor reads it, then the values of its read attributes; one line, searchable."""
    html = _COMMENT.sub("", html)
    attributes = [value for found in _READ_ATTRIBUTE.findall(html) for value in found if value]
    text = _TAG.sub(" ", _INLINE_TAG.sub("", html))
    return _SPACE.sub(" ", searchable(text + " \n " + " \n ".join(attributes)))


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

    def problems(self, html: str, source: str) -> list[str]:
        """A Danish message for each CPR-like number and each secret in the page, naming `source` (its file).

        `html` is the page's finished output; `source` the file it is made from, as shown to the editor
        ('content/om-sitet.md', 'offers/x.yaml'). Each finding once.
        """
        messages = []
        for hit in self._matcher.find(page_text(html), prepared=True):
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
