"""One regular expression for many words, shaped as a trie, for the glossary and the secrets check."""

from __future__ import annotations

import re
from collections.abc import Iterable


def any_of(words: Iterable[str]) -> str:
    """A regex matching any of `words` ('vej (?:1(?:2|0)|3)'), the longest first.

    A space matches any run of white space. Python's engine tries a long alternation word by word at every position; as
    a trie it tries each character once, which matters for hundreds of words with a shared prefix.
    """
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [
            (r"\s+" if char == " " else re.escape(char)) + build(child) for char, child in sorted(node.items()) if char
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # a word ends here, and longer ones go on: try the longer first
            return f"(?:{body})?"
        return body

    return build(trie)
