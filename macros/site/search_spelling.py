"""Danish spellings for the site search: which words of the search index a folded query word stands for.

Pagefind matches words as they are written, so 'bostotte' or 'bostoette' never finds 'bostøtte', and 'rodovre'
never finds 'Rødovre'. After indexing, every word of the index is folded the way the offer catalogue folds
text (`catalogue_search.fold`: æ/ae/a, ø/oe/o, å/aa/a alike); for each folded form that some word of the index
spells otherwise, the index's own spellings are written to a small JSON file. The results page
(content/assets/search.js) folds each word of a query the same way (content/assets/fold.js) and searches for
those spellings, so the hits, their excerpts and their marks are the page's own words.

The files are split by the first character of the folded form, so a query fetches only the files of its
words: `<folder>/<shard>.json`, each `{folded form: [spellings, Danish order]}`.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from macros.data.collation import danish_sort_key

from .catalogue_search import fold

# The same separators as fold(): a word is a run of letters, digits and §.
_SEPARATORS = re.compile(r"(?:[^\w§]|_)+")
_LETTER = re.compile(r"[^\W\d_]")
SHARD_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
OTHER_SHARD = "_"


def shard(folded: str) -> str:
    """The file a folded word is in: its first character if a-z or 0-9, else '_' (search.js picks the same)."""
    first = folded[:1]
    return first if first in SHARD_CHARACTERS else OTHER_SHARD


def spellings(texts: Iterable[str]) -> dict[str, list[str]]:
    """{folded word: its spellings in `texts`, lower case, Danish order} for the folded words spelled otherwise.

    'Rødovre' and 'roedovre' give {'rodovre': ['rødovre', 'roedovre']}; a word that is its own folded form and
    has no other spelling ('kommune') is left out: a search for it needs no help.
    """
    found: dict[str, set[str]] = defaultdict(set)
    seen: set[str] = set()  # a word is folded once, however often the texts hold it
    for text in texts:
        for word in _SEPARATORS.split(unicodedata.normalize("NFC", text).lower()):
            if word not in seen:
                seen.add(word)
                if _LETTER.search(word):
                    found[fold(word)].add(word)
    return {
        key: sorted(words, key=danish_sort_key)
        for key, words in sorted(found.items())
        if words != {key} and " " not in key
    }


def write_spellings(folder: Path, texts: Iterable[str]) -> int:
    """Write the spellings of `texts` as `folder`/<shard>.json (the folder is emptied first); the number of words.

    Raises OSError if the folder cannot be written.
    """
    shards: dict[str, dict[str, list[str]]] = defaultdict(dict)
    table = spellings(texts)
    for key, words in table.items():
        shards[shard(key)][key] = words
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.json"):
        old.unlink()
    for name in sorted(SHARD_CHARACTERS | {OTHER_SHARD}):  # every file, so the page never asks for a missing one
        entries = shards.get(name, {})
        (folder / f"{name}.json").write_text(json.dumps(entries, ensure_ascii=False, separators=(",", ":")), "utf-8")
    return len(table)
