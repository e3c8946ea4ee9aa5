"""What a character means to the guards: one normalisation for matching, and the characters that deceive.

`normalise(text)` is the text every guard matches on (CPR numbers, secrets, personal data in anonymised
stories): Unicode NFKC (full-width digits, ligatures, compatibility spaces), every dash (category Pd, the
minus sign and its look-alikes) as '-', every space (categories Zs, Zl, Zp, tabs, no-break and thin
spaces) as ' ', every digit of another script as its ASCII digit, and every format character (category
Cf: zero-width spaces and joiners, bidi controls, soft hyphens, tag characters) removed. The editor's
text is never changed: messages quote it as typed, with `visible()` making invisible characters readable.
"""

from __future__ import annotations

import re
import unicodedata

# Look-alikes of the hyphen-minus outside category Pd.
_EXTRA_DASHES = "\u2212\u2043\u02d7\u2796\u2e3a\u2e3b\ufe63\uff0d"
_EXTRA_SPACES = "\t\v\f\r\x85"
_SOFT_HYPHEN = "\u00ad"  # a hyphenation hint: ignored for matching, allowed in text


def _normalised(char: str) -> str:
    """What `normalise` writes for one character after NFKC: '-', ' ', an ASCII digit, '' (dropped) or itself."""
    if char in _EXTRA_DASHES:
        return "-"
    if char in _EXTRA_SPACES:
        return " "
    category = unicodedata.category(char)
    if category == "Pd":
        return "-"
    if category in ("Zs", "Zl", "Zp"):
        return " "
    if category == "Cf":
        return ""
    if category == "Nd":
        return str(unicodedata.decimal(char))
    return char


_SEEN: dict[str, str] = {}  # every character met so far → `_normalised(char)`: each is worked out once
# Characters `normalise` leaves as they are: ASCII but for the extra spaces, and (up to _MOST_KEPT) the other characters
# met so far that it keeps. `_others` finds the characters of a text outside them in one pass of the regex engine (a
# set of a long text's characters takes several times longer), so that only the few a text has that change, or that
# are new, are looked at in Python.
_KEPT: set[str] = {chr(code) for code in range(128)} - set(_EXTRA_SPACES)
_MOST_KEPT = 2000  # a file of ten thousand rare characters is still read, only not remembered in the pattern


def _pattern_of_others() -> re.Pattern[str]:
    return re.compile("[^" + "".join(re.escape(char) for char in sorted(_KEPT)) + "]")


_others = _pattern_of_others()


def _each(text: str) -> dict[str, str]:
    """The distinct characters of `text` that `normalise` changes, with what it writes for them."""
    global _others
    changes = {}
    grown = False
    for char in set(_others.findall(text)):
        written = _SEEN.get(char)
        if written is None:
            written = _SEEN[char] = _normalised(char)
        if written != char:
            changes[char] = written
        elif len(_KEPT) < _MOST_KEPT:
            _KEPT.add(char)
            grown = True
    if grown:
        _others = _pattern_of_others()
    return changes


def _has_format(text: str) -> bool:
    return not text.isascii() and any(unicodedata.category(c) == "Cf" for c in set(text) if c > "\x7f")


def normalise(text: str) -> str:
    """The text as the guards match it (see the module docstring).

    Quick on long texts: only the distinct characters of a text (a hundred or so in a Danish text) are looked
    at one by one; the text itself is folded (NFKC) and, if a character changes, translated, both in C.
    """
    if text.isascii() and "\t" not in text and "\r" not in text and "\v" not in text and "\f" not in text:
        return text
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    changes = _each(text)
    if not changes:
        return text
    # A class of the few characters that change finds them far quicker than a translation table would.
    return re.sub(f"[{''.join(re.escape(c) for c in sorted(changes))}]", lambda m: changes[m.group()], text)


def normalise_with_map(text: str) -> tuple[str, list[int], list[int]]:
    """`normalise(text)` with, per character, the start and end of the typed characters it came from.

    Returns (normalised, starts, ends), so a match from i to j in the normalised text can be quoted as typed:
    text[starts[i]:ends[j - 1]].
    """
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    i = 0
    while i < len(text):
        j = i + 1
        while j < len(text) and unicodedata.combining(text[j]):
            j += 1
        for char in normalise(text[i:j]):
            out.append(char)
            starts.append(i)
            ends.append(j)
        i = j
    return "".join(out), starts, ends


def typed(text: str, normalised_span: tuple[int, int], starts: list[int], ends: list[int]) -> str:
    """The typed characters behind a span of `normalise_with_map(text)`."""
    start, end = normalised_span
    return text[starts[start] : ends[end - 1]]


# Unicode gives control characters no name; these are their names in the standard's alias list.
_CONTROL_NAMES = {
    "\x00": "NULL",
    "\x08": "BACKSPACE",
    "\x0b": "LINE TABULATION (lodret tabulator)",
    "\x0c": "FORM FEED (sideskift)",
    "\r": "CARRIAGE RETURN (vognretur)",
    "\x1b": "ESCAPE",
    "\x7f": "DELETE",
    "\x85": "NEXT LINE (NEL)",
}


def character_name(char: str) -> str:
    """'U+202E RIGHT-TO-LEFT OVERRIDE', 'U+000B LINE TABULATION (lodret tabulator)'."""
    fallback = _CONTROL_NAMES.get(char, "styretegn" if unicodedata.category(char) == "Cc" else "uden navn")
    return f"U+{ord(char):04X} {unicodedata.name(char, fallback)}"


def invisible_characters(text: str) -> list[tuple[int, str]]:
    """(1-based position, character) of every format character in `text` except the soft hyphen.

    Format characters are bidi controls, zero-width characters, tag characters and byte-order marks: invisible,
    they can reverse or hide what a reader sees.
    """
    if not _has_format(text):
        return []
    return [(i, c) for i, c in enumerate(text, 1) if c != _SOFT_HYPHEN and unicodedata.category(c) == "Cf"]


_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def control_character(text: str) -> tuple[int, int, str] | None:
    """Where the first control character of `text` is, other than newline and tab, or its first U+2028, U+2029.

    Returns (1-based line in `text`, 1-based position in that line, the character), or None if it has none.

    These are the characters (carriage return, NEL, vertical tab, form feed, U+2028...) that some readers take
    as a line break and others do not, so one text would be split differently in a vCard, a CSV row or a page.
    """
    found = _CONTROLS.search(text)
    if found is None:
        return None
    start = found.start()
    return text.count("\n", 0, start) + 1, start - text.rfind("\n", 0, start), found.group()


BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
"""The characters that change the direction text is shown in (embeddings, overrides, isolates, marks)."""


def visible(text: str) -> str:
    """`text` with each format character written as <U+XXXX>, so a message shows what is hidden in the value."""
    if not _has_format(text):
        return text
    return "".join(f"<U+{ord(c):04X}>" if unicodedata.category(c) == "Cf" else c for c in text)


# Scripts whose letters look like Latin ones; a word mixing one of them with Latin is a likely homograph.
_CONFUSABLE_SCRIPTS = ("CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE", "COPTIC")
# The Unicode blocks of those scripts: a quick test before any word is looked at letter by letter.
_CONFUSABLE_BLOCKS = re.compile(
    "[\u0370-\u03ff\u0400-\u052f\u0530-\u058f\u13a0-\u13ff\u1c80-\u1c8f"
    "\u1f00-\u1fff\u2c80-\u2cff\u2de0-\u2dff\ua640-\ua69f\uab70-\uabbf]"
)
_WORD = re.compile(r"[^\W\d_]+")


def _script(char: str) -> str:
    return unicodedata.name(char, "").split(" ", 1)[0]


def mixed_script_word(text: str) -> tuple[str, int, str, str] | None:
    """The first word mixing Latin letters with Cyrillic, Greek or other look-alike letters; None if none does.

    Returns (word, 1-based position of the foreign letter in `text`, the letter, its script such as 'CYRILLIC'),
    e.g. for 'Kоmmune' with a Cyrillic о.
    """
    if text.isascii() or not _CONFUSABLE_BLOCKS.search(text):
        return None
    for match in _WORD.finditer(text):
        word = match.group()
        if word.isascii():
            continue
        scripts = [_script(c) for c in word]
        if "LATIN" not in scripts:
            continue
        for offset, script in enumerate(scripts):
            if script in _CONFUSABLE_SCRIPTS:
                return word, match.start() + offset + 1, word[offset], script
    return None
