"""One regular expression for many words, shaped as a trie, for the glossary and the secrets check."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence


def trie_of(sequences: Iterable[Sequence[str]]) -> str:
    """A regex matching any of `sequences` of regex pieces, as a trie of the pieces, the longest first.

    Each sequence is a run of regular expressions (usually one per character); sequences that begin with the same
    pieces share them: [['v', 'e', 'j', '1', '2'], ['v', 'e', 'j', '3']] → 'vej(?:12|3)'. Python's engine tries a long
    alternation word by word at every position; as a trie it tries each piece once, which matters for hundreds of
    words with a shared prefix.
    """
    trie: dict = {}
    for sequence in sequences:
        node = trie
        for piece in sequence:
            node = node.setdefault(piece, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [piece + build(child) for piece, child in sorted(node.items()) if piece]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # a sequence ends here, and longer ones go on: try the longer first
            return f"(?:{body})?"
        return body

    return build(trie)


def any_of(words: Iterable[str]) -> str:
    """A regex matching any of `words` ('vej(?:1(?:0|2)|3)'), the longest first; a space matches any white space."""
    return trie_of([r"\s+" if char == " " else re.escape(char) for char in word] for word in words)
