"""The catalogue's free text: how text is folded, and which words of an offer its search matches.

The searchable text of an offer is built here, once, and shipped ready to match: in each card's
`data-soeg` attribute and in the offers index (tilbud/tilbud.json). content/assets/catalogue.js only
folds the visitor's query the same way (content/assets/fold.js mirrors `fold` below; tests/test_catalogue.py
searches both ways) and looks for every word of it at the start of a word of that text (`matches`): 'nat' finds
'natcafe' and 'natherberg', not 'international' or 'donation'. The site search folds with the same
`fold` (search_spelling.py, content/assets/search.js).

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
