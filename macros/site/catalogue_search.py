"""The catalogue's free text: how text is folded, and which words of an offer its search matches.

The searchable text of an offer is built here, once. A card on a page carries it whole, in its `data-soeg` attribute.
The offers index (tilbud/tilbud.json) leaves out what the script can make itself: it has each offer's name, other
name and summary anyway, so it carries only the offer's other words (`words_beyond`: those of its methods that the
three lack), and content/assets/catalogue.js folds the three and puts the words together as `words` does here
(`udsatteWords` in content/assets/fold.js). The browser then holds the very text a card on a page carries.

There is one folding rule, `fold` below; content/assets/fold.js is the same steps in JavaScript (`udsatteFold`,
`udsatteWords`), and tests/test_catalogue.py runs both on tricky input (æ/ø/å and their spellings, accents,
punctuation, hyphens, '§', other scripts) and requires the same result. The script also folds the visitor's query
that way and looks for every word of it at the start of a word of the offer's text (`matches`): 'nat' finds
'natcafe' and 'natherberg', not 'international' or 'donation'. The site search folds with the same `fold`
(search_spelling.py, content/assets/search.js).

What an offer is found by: its name, other name, summary and methods; the labels of its facet values
(municipality, target groups, problems, legal bases with law, paragraph and title, access, kinds); and
the search terms the data gives those values (vocabularies/search_terms.yaml, and `search_terms` of
each paragraph in vocabularies/legal_bases.yaml).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})
_MARKS = re.compile("[\u0300-\u036f]+")
_PAIRS = re.compile("ae|oe|aa")
_SEPARATORS = re.compile(r"(?:[^\w§]|_)+")
_PARAGRAPH = re.compile("§ ")


def fold(text: str) -> str:
    """Text as the catalogue compares it: 'Rødovre' and 'roedovre' → 'rodovre'; 'Café' → 'cafe'.

    Lower case, æ/ae/a, ø/oe/o and å/aa/a alike, no accents, words separated by one space, '§ 110' as
    '§110'. The steps (keep `fold` in content/assets/fold.js the same): NFC, lower case, æ ø å → ae oe aa, NFKD
    without combining marks, ae oe aa → a o a, every run of characters other than letters, digits and §
    → one space, '§ ' → '§', trimmed.
    """
    text = unicodedata.normalize("NFC", text).lower().translate(_DANISH)
    text = _MARKS.sub("", unicodedata.normalize("NFKD", text))
    text = _PAIRS.sub(lambda m: m.group(0)[0], text)
    text = _SEPARATORS.sub(" ", text)
    return _PARAGRAPH.sub("§", text).strip()


def words(texts: Iterable[str | None]) -> str:
    """The folded words of `texts`, each once, in order of first use, separated by spaces ('' for none)."""
    seen = dict.fromkeys(w for text in texts if text for w in fold(text).split())
    return " ".join(seen)


def words_beyond(known: Iterable[str | None], more: Iterable[str | None]) -> str:
    """The folded words of `more` that `words(known)` lacks, each once, in order of first use ('' for none).

    So that `joined([words(known), words_beyond(known, more)]) == words([*known, *more])`: the offers index sends
    only these beside the texts of `known`, which the browser folds itself.
    """
    have = set(words(known).split())
    return " ".join(w for w in words(more).split() if w not in have)


def joined(parts: Iterable[str]) -> str:
    """The searchable text of a card from its parts (catalogue.js joins the index's parts the same way)."""
    return " ".join(p for p in parts if p)


def matches(query: str, text: str) -> bool:
    """True when every word of the folded `query` begins a word of `text`, a search text made by `words`/`joined`.

    The rule of content/assets/catalogue.js: 'nat' matches 'natcafe', not 'international'; '§ 11' matches '§110'.
    An empty query matches every text.
    """
    padded = " " + text
    return all(" " + term in padded for term in fold(query).split())
