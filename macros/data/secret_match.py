"""How a secret is looked for in text: one pattern for every confidential street, place name and internal number.

Used by the check (catalog.py: records and files), by the public view's verification (public_view.py) and by the
build's last guard on the rendered pages (site/page_guard.py), so a secret is found the same way everywhere.

Text is matched as `searchable(text)`: URL encodings decoded ('%20', '+'), HTML character references unescaped,
`characters.normalise`d, and (but for a name made only of generic words) case-folded. In that text

- a street is found however its name is spelled (below), with a comma or 'nr.' / 'nr' / 'nummer' between the street
  and the house number ('Hemmeligvej nr. 17', 'hemmeligvej, 17', 'Hemmeligvej+17', 'Hemmeligvej%2017'), with leading
  zeros in the number ('Hemmeligvej 07' for 7), not inside a longer word and not as part of a longer number
  ('Hemmeligvej 170');
- a place name is found however it is spelled, as a whole word or words, also in the genitive ('Lærkehusets', but
  not 'Lærkehusene'); a name made only of words for a kind of place (GENERIC_PLACE_WORDS: 'Krisecentret', also run
  together or hyphenated: 'Kvinde-krisecenter') only as written, since 'krisecentret' in running text names no place;
- an internal number is found when its eight digits stand as a phone number does: digits joined by nothing, spaces,
  a dash, a dot or a slash, starting where a run of digits starts and ending where one ends, with or without +45
  or 0045. Runs parted by anything else (a word, ' / ') are read one by one, so in '36 37 70 00 / 44 55 66 77' the
  second number is found just as when it stands alone.

However it is spelled: an editor writes a name the way the keyboard, the source or habit gives it, so a street or a
place is found when the text differs from the secret only by

- accents and other marks: 'Allé' as 'Alle' (or 'Allee'), 'Café' as 'Cafe', 'ü' as 'u' (a mark the text keeps
  apart from its letter, U+0301 after 'e', is read as nothing);
- the Danish letters written the other common ways: æ as 'ae' (or 'ä'), ø as 'oe' (or 'ö', 'œ'), å as 'aa', and the
  reverse: a secret written 'Noerre Allé' or 'Aagade' is found as 'Nørre Allé', 'Ågade';
- æ, ø and å written as the bare letter a, o, a ('Norre Alle 5' for 'Nørre Allé 5'), see below;
- hyphens, spaces and line breaks between its words, or their absence ('Skjulte-Allé', 'Skjulteallé' and 'Skjulte
  Allé'); hyphens inside its words ('Lærke-huset', also 'Lærke-' at the end of a line); and spaces inside its words
  too ('Hemmelig vej 7' for 'Hemmeligvej 7', 'Lærke Huset' for 'Lærkehuset') in a street, and in a place name of at
  least LONG_NAME letters. A shorter name parted by a space is not found: its parts are often words of their own
  ('Ved Søen' is not found in 'ved sø en'). A long name parted by a space can be ordinary words ('vi skal have huset
  malet' for a place 'Havehuset'): then honest text is refused with a message naming the secret's file and field,
  and the editor words it otherwise. Refusing such a sentence is the price of never publishing 'Lærke Huset'.

What is folded, and why only that: each folding spells the same word another way, as keyboards, sources and habit
give it. Other letters are never folded into each other ('Lærkehuset' is not 'Lerkehuset'), nothing but marks,
hyphens and white space is ever skipped, digits are never parted or joined ('12' is not '1 2'), and the secret must
still stand as a word or words of its own ('Lærkehusene' is not 'Lærkehuset').

The bare letter is the one folding that can turn an ordinary Danish word into another: 'bogen' and 'Bøgen', 'magen'
and 'Mågen', 'for' and 'før'. A street has its house number to tell it apart, so for a street it is always folded.
A place name is folded to bare letters only when it has at least LONG_NAME letters ('Lærkehuset', 'Skjulested
Lærkehuset'): the Danish words that differ from another only by æ, ø or å are short. A shorter name ('Bøgen', 'Ved
Søen') is found with its Danish letters or their two-letter forms only ('Bøgen', 'Boegen', 'BØGEN'), so 'bogen' in
running text is not taken for it. A long name can still fold into a word ('Værehuset', 'varehuset'): then honest
text is refused (never published wrongly), and the message names the secret's file and field. Accents are folded
for every name ('Cafe Ly'): the Danish words an accent tells apart ('allé'/'alle', 'én'/'en') are not place names.

The text searched is never changed, so offsets and lines stay those of `searchable(text)`: the folding is in the
pattern, where each letter of a secret is the set of its spellings (`_piece`) and `_BETWEEN` (hyphens, white space,
marks) may stand between any two letters. The secret a hit is (for its label) is the one whose own pattern matches
the hit in full, looked up by a key all its spellings share (`_loose`).

Secrets are looked for at every place, also inside text another secret's match has read: 'Hemmeligvej 44 55 66 77'
holds the internal number whether or not 'Hemmeligvej 44' is a secret street. A hit inside the last hit of its kind
('Lærkehuset' in 'Skjulested Lærkehuset') is the same mention and is not counted again.
"""

from __future__ import annotations

import functools
import html
import itertools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar
from urllib.parse import unquote

from .characters import normalise
from .patterns import any_of, trie_of

T = TypeVar("T")

_ENCODED = re.compile(r"(?:%[0-9A-Fa-f]{2})+|&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});|\+")


@functools.lru_cache(maxsize=4096)
def _decode(text: str) -> str:
    """One encoding as found by _ENCODED, decoded (pages repeat a few, '&#46;' thousands of times: hence the cache)."""
    if text == "+":
        return " "
    plain = unquote(text, errors="replace") if text[0] == "%" else html.unescape(text)
    return plain.replace("\n", " ")  # a decoded line break never moves the lines of the text


def _decoded(match: re.Match[str]) -> str:
    return _decode(match.group())


def searchable(text: str) -> str:
    """`text` as secrets are matched: URL and HTML encodings decoded, normalised (case is left to the matcher).

    Keeps every line break of `text` where it stands (none is added or removed), so a match's line can be counted.
    """
    if "%" in text or "&" in text or "+" in text:
        text = _ENCODED.sub(_decoded, text)
    return normalise(text)


# Between texts searched in one pass: no pattern below reads across it (a bar is no letter, digit, white space,
# hyphen, dot, slash or comma), so the joined texts hold a secret exactly when one of the texts does.
TEXT_SEPARATOR = "\n|\n"

# Between the digits of a phone number: nothing, white space, or a dash, a dot or a slash with spaces around it.
_GAP = r"(?:\s*[./-]\s*|\s+)?"


def _phone_at(numbers: Iterable[str]) -> str:
    """A regex for `numbers` (eight digits each) where a run of digits starts, as a phone number stands in text.

    Its digits with any _GAP between them, ending where the run ends, after an optional +45 / 0045 / 45. Only these
    numbers: any other phone number in the text fails at its first digits that differ, and is never a match to look up.
    """
    trie = trie_of([digit if i == 0 else _GAP + digit for i, digit in enumerate(number)] for number in numbers)
    return rf"(?<!\d)(?:(?:\+|00)\s*)?(?:45{_GAP})?(?P<phone>{trie})(?!\d)"


# Between a street and its house number.
_HOUSE = r"[\s,]*(?:(?:nr|nummer)\.?\s*)?"
# A street as the guard keys it: the street up to its first house number after a letter ('10. februar vej' 3).
_STREET = re.compile(r"(.*?[^\W\d_]\D*?)" + _HOUSE + r"(\d+)")

# --- How a letter of a secret may be spelled --------------------------------------------------------------------

LONG_NAME = 8
"""A place name with at least this many letters is also found with a bare a, o, a for æ, ø, å (module docstring)."""

# What may stand between any two letters of a secret street or name: hyphens, white space and the combining marks
# that `normalise` (NFKC) could not join to their letter.
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_BETWEEN = rf"[\s\-{_MARKS}]*"
_BETWEEN_WORDS = rf"[\s\-{_MARKS}]+"
_HYPHEN = rf"[{_MARKS}]*(?:\s*-\s*)?"  # between the letters of a word of a short place name: 'Bø-gen', not 'Bø gen'
_BETWEEN_CHARS = re.compile(_BETWEEN_WORDS)
# A Danish letter's two-letter form, read as the letter in a secret: 'Noerre' is 'Nørre'.
_DIGRAPHS = {"aa": "å", "ae": "æ", "oe": "ø"}
_BARE = {"æ": "a", "å": "a", "ø": "o"}  # the bare letter each Danish letter is also written with
# A letter that is another spelling of a Danish letter, by its first two characters decomposed: 'ä' (also 'ǟ'),
# 'ö' (also 'ȫ') and 'å' (also 'ǻ').
_DANISH_FORMS = {"a\u0308": "æ", "o\u0308": "ø", "a\u030a": "å"}


def _letter_of(char: str) -> str:
    """A lower-case character as a letter of a secret: 'é' → 'e', 'ǽ' → 'æ', 'ä' → 'æ', 'œ' → 'ø', 'ǻ' → 'å'.

    Any other character ('ð', '.', a digit) is itself.
    """
    decomposed = unicodedata.normalize("NFKD", char)
    if decomposed[:2] in _DANISH_FORMS:
        return _DANISH_FORMS[decomposed[:2]]
    if char == "œ":
        return "ø"
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    return base if len(base) == 1 and base.isalpha() else char


def _latin_letters() -> dict[str, str]:
    """Every lower-case Latin letter (ASCII, Latin-1, Latin Extended A/B and Additional) → `_letter_of` it."""
    codes = [*range(0x61, 0x7B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)]
    return {chr(c): _letter_of(chr(c)) for c in codes if chr(c).isalpha() and chr(c) == chr(c).casefold()}


_LETTERS = _latin_letters()
_SPELLINGS: dict[str, str] = {}  # a letter → every character that spells it, e.g. 'e' → 'eèéêë...'
for _char, _letter in sorted(_LETTERS.items()):
    _SPELLINGS[_letter] = _SPELLINGS.get(_letter, "") + _char
_LOOSE = {char: _BARE.get(letter, letter) for char, letter in _LETTERS.items()}  # 'å' → 'a', 'ö' → 'o', 'é' → 'e'
_RUNS = re.compile("a[ae]*|oe+")
_E_ACUTE = "é"  # a letter of a secret of its own: any e, or 'ee' ('Allé', 'Alle', 'Allee')


def _class(chars: str) -> str:
    return "[" + "".join(re.escape(c) for c in chars) + "]" if len(chars) > 1 else re.escape(chars)


@functools.lru_cache(maxsize=256)
def _piece(letter: str, bare: bool) -> tuple[str, str]:
    """The regex of one letter of a secret, every way it is spelled, and the characters it can begin with.

    With `bare`, æ, ø and å are also their bare letter and the other way round: 'a' is any a, æ or å, 'aa' or 'ae'.
    """
    if bare and _BARE.get(letter, letter) in "ao":
        plain = _BARE.get(letter, letter)
        others = "".join(c for c, found in _LOOSE.items() if found == plain and c != plain)
        suffix = "[ae]?" if plain == "a" else "e?"  # 'aa' and 'ae' for a, 'oe' for o
        return f"(?:{plain}{suffix}|{_class(others)})", plain + others
    if letter == _E_ACUTE:  # 'Allé' is also written 'Alle' and, the older way, 'Allee'
        return f"(?:{_class(_SPELLINGS['e'])}e?)", _SPELLINGS["e"]
    spellings = _SPELLINGS.get(letter, letter)
    two = next((pair for pair, danish in _DIGRAPHS.items() if danish == letter), None)
    if two:
        return f"(?:{_class(spellings)}|{two})", spellings + two[0]
    return _class(spellings), spellings


def _words(text: str) -> list[list[str]]:
    """The words of a secret as its letters (`_letter_of`), a Danish letter's two-letter form read as the letter.

    'Noerre-Allé' → [['n', 'ø', 'r', 'r', 'e'], ['a', 'l', 'l', 'e']]; words are parted by white space or hyphens.
    """
    words = []
    for word in re.split(r"[\s\-]+", searchable(text).casefold()):
        letters: list[str] = []
        for char in word:
            if unicodedata.combining(char):
                continue
            letter = _E_ACUTE if char == "é" else _LETTERS.get(char, char)
            if letters and letters[-1] + letter in _DIGRAPHS:
                letters[-1] = _DIGRAPHS[letters[-1] + letter]
            else:
                letters.append(letter)
        if letters:
            words.append(letters)
    return words


def _spelled(words: list[list[str]], bare: bool, spaced: bool) -> tuple[list[str], str]:
    """The regex pieces of a secret's letters (`_piece`), and the characters the first can begin with.

    Between its words, and with `spaced` also between the letters of a word, stands `_BETWEEN`: hyphens and spaces may
    part or join them. Without `spaced`, a word's letters may be parted by a hyphen only (`_HYPHEN`). Digits are never
    parted or joined: a number is the number as written ('12' is not '1 2', '1 2' not '12').
    """
    pieces: list[str] = []
    firsts = before = ""
    for word in words:
        for i, letter in enumerate(word):
            regex, first = _piece(letter, bare)
            if not pieces:
                firsts = first
            elif before.isdigit() and letter.isdigit():
                regex = (_BETWEEN_WORDS if i == 0 else "") + regex
            else:
                regex = (_BETWEEN if i == 0 or spaced else _HYPHEN) + regex
            pieces.append(regex)
            before = letter
    return pieces, firsts


def _loose(text: str) -> str:
    """A key that every spelling of a secret has (searchable, case-folded text): for the lookup of a hit's secret.

    Hyphens, spaces and marks dropped, each letter bare, 'aa', 'ae' and 'oe' as 'a', 'o': 'Skjulte-Allé' →
    'skjultealle', 'Laerkehuset' → 'larkehuset'.
    """
    letters = "".join(_LOOSE.get(char, char) for char in _BETWEEN_CHARS.sub("", text))
    return _RUNS.sub(lambda run: run.group()[0], letters)


def street_key(street: str) -> tuple[str, str]:
    """'Hemmeligvej\u00a07 B, 1. th.' → ('hemmeligvej', '7'): the street and its house number, case-folded.

    A street without a house number is ('the street', ''). The matcher looks for every spelling of the street
    (module docstring) and for the house number with or without leading zeros.
    """
    key = " ".join(searchable(street).casefold().split())
    numbered = _STREET.match(key)
    return (numbered.group(1).strip(" ,"), numbered.group(2)) if numbered else (key, "")


def name_key(name: str) -> str:
    """A place name as matched in any case: searchable, case-folded, its words separated by one space."""
    return " ".join(searchable(name).casefold().split())


def _is_generic_word(word: str) -> bool:
    return _loose(word.casefold()) in _GENERIC_LOOSE


def is_generic(name: str) -> bool:
    """Whether a name only says what kind of place it is: 'Krisecentret', 'Kvinde-krisecenter', 'Det Hus'.

    Each of its words, or all of them run together, is a word of GENERIC_PLACE_WORDS or several, in any spelling
    the matcher folds (its words run together are how a folded name would be found: 'Kvinde Krisecenter' would find
    'kvindekrisecenter').
    """
    key = name_key(name)
    return all(_is_generic_word(word) for word in key.split()) or bool(_GENERIC_RUN.fullmatch(_loose(key)))


def digits(number: str) -> str:
    """The eight national digits of a Danish number: '+45 36 37 70 00' → '36377000'."""
    return re.sub(r"\D", "", number)[-8:]


@dataclass(frozen=True)
class Hit(Generic[T]):
    """A secret found in a text.

    Where in `searchable(text)` it starts, its kind ('street', 'name', 'number' or 'cpr'), the label its secret was
    given (None for 'cpr') and, for 'cpr' only, the number as it stands in the searched text.
    """

    start: int
    kind: str
    label: T | None
    found: str = ""


class SecretMatcher(Generic[T]):
    """One compiled pattern for a set of secrets, each with a label (where it is kept secret, for the message).

    `streets`, `names` and `numbers` map the values as written in the data to their labels; with `cpr`, CPR-like
    numbers (guards.CPR) are found in the same pass. The matcher holds only the patterns and the keys they are
    verified against, never a record.
    """

    def __init__(
        self,
        streets: Mapping[str, T] | None = None,
        names: Mapping[str, T] | None = None,
        numbers: Mapping[str, T] | None = None,
        cpr: str | None = None,
    ):
        # kind ('street', 'bare', 'name') → its secrets' regex pieces; and → _loose key → [(its regex, label)]
        self._sequences: dict[str, dict[tuple[str, ...], None]] = {"street": {}, "bare": {}, "name": {}}
        self._labels: dict[str, dict[object, list[tuple[str, T]]]] = {"street": {}, "bare": {}, "name": {}}
        firsts = {"+", *"0123456789"}  # every branch of the pattern begins with one of these
        for street, label in (streets or {}).items():
            name, number = street_key(street)
            words = _words(name)
            if not words:
                continue
            if number:
                spelled, first = _spelled(words, bare=True, spaced=True)
                house = number.lstrip("0") or "0"
                self._add("street", (_loose(name), house), [*spelled, _HOUSE, "0*", *house], label)
            else:
                spelled, first = _spelled(words, bare=self._long(words), spaced=self._long(words))
                self._add("bare", _loose(name), spelled, label)
            firsts.update(first)
        self.exact_names: dict[str, T] = {}  # generic names, as written
        for name, label in (names or {}).items():
            if is_generic(name):
                self.exact_names.setdefault(" ".join(searchable(name).split()), label)
            elif words := _words(name):
                spelled, first = _spelled(words, bare=self._long(words), spaced=self._long(words))
                self._add("name", _loose(name_key(name)), spelled, label)
                firsts.update(first)
        self.numbers: dict[str, T] = {}
        for number, label in (numbers or {}).items():
            if len(digits(number)) == 8:
                self.numbers.setdefault(digits(number), label)
        branches = []
        if cpr:
            branches.append(f"(?P<cpr>{cpr})")
        if self._sequences["street"]:
            branches.append(rf"(?<!\w)(?P<street>{trie_of(self._sequences['street'])})(?!\d)")
        if self._sequences["bare"]:
            branches.append(rf"(?<!\w)(?P<bare>{trie_of(self._sequences['bare'])})(?!\w)")
        if self._sequences["name"]:
            branches.append(rf"(?<!\w)(?P<name>{trie_of(self._sequences['name'])})s?(?!\w)")  # also 'Lærkehusets'
        if self.numbers:
            branches.append(_phone_at(self.numbers))
        # A quick test of the first character lets the engine pass every other place.
        first = "[" + "".join(re.escape(c) for c in sorted(firsts)) + "]"
        # Zero-width, so no match uses up text another secret starts in: a known street before a number that is not
        # its house number ('Hemmeligvej 44 55 66 77') must not hide the internal number 44 55 66 77.
        self.pattern = re.compile(f"(?={first})(?=(?:{'|'.join(branches)}))") if branches else None
        self.exact = re.compile(rf"(?<!\w)(?:{any_of(self.exact_names)})s?(?!\w)") if self.exact_names else None

    @staticmethod
    def _long(words: list[list[str]]) -> bool:
        """Whether a name has LONG_NAME letters or more: then it is also found with bare letters for æ, ø, å."""
        return sum(letter.isalpha() for word in words for letter in word) >= LONG_NAME

    def _add(self, kind: str, key: object, sequence: list[str], label: T) -> None:
        """A secret of `kind` as its regex pieces, looked up by `key` when found; the first label of a spelling wins."""
        if tuple(sequence) not in self._sequences[kind]:
            self._sequences[kind][tuple(sequence)] = None
            self._labels[kind].setdefault(key, []).append(("".join(sequence), label))

    def _label(self, kind: str, found: str) -> T | None:
        """The label of the secret of `kind` whose own regex matches `found` (a hit's text) in full."""
        if kind == "street":
            numbered = _STREET.match(" ".join(found.split()))
            key: object = (_loose(numbered.group(1)), numbered.group(2).lstrip("0") or "0") if numbered else None
        else:
            key = _loose(found)
        candidates = self._labels[kind].get(key, [])
        if len(candidates) == 1:  # every spelling of a secret has its key: the hit is the one secret with it
            return candidates[0][1]
        # The key is only a shortcut: every secret of the kind is tried if none of its candidates matches.
        for regex, label in itertools.chain(candidates, *self._labels[kind].values()):
            if re.fullmatch(regex, found):
                return label
        return None

    def __bool__(self) -> bool:
        return self.pattern is not None or self.exact is not None

    def find(self, text: str, prepared: bool = False) -> list[Hit[T]]:
        """Every secret (and with `cpr` every CPR-like number) in `text`, in order.

        With `prepared`, `text` is already `searchable`. Offsets are into the searchable text (same lines as `text`).
        """
        plain = text if prepared else searchable(text)
        hits: list[Hit[T]] = []
        if self.exact is not None:
            for match in self.exact.finditer(plain):
                name = " ".join(match.group().split())
                hits.append(Hit(match.start(), "name", self.exact_names.get(name) or self.exact_names[name[:-1]]))
        within: dict[str, int] = {}  # a kind of secret → where its last hit ends
        for match in self.pattern.finditer(plain.casefold()) if self.pattern is not None else ():
            group = kind = match.lastgroup or ""
            if kind == "cpr":
                hits.append(Hit(match.start(), "cpr", None, match.group("cpr")))
                continue
            if kind == "phone":
                label = self.numbers.get(re.sub(r"\D", "", match.group("phone")))
            else:
                label = self._label(kind, match.group(kind))
            # a hit inside the last one of its kind ('Lærkehuset' in 'Skjulested Lærkehuset') is the same mention
            kind = "number" if kind == "phone" else "street" if kind == "bare" else kind
            if label is not None and within.get(kind, -1) <= match.start():
                hits.append(Hit(match.start(), kind, label))
                within[kind] = match.end(group)
        return sorted(hits, key=lambda hit: hit.start)

    def labels(self, text: str) -> list[T]:
        """The labels of the secrets in `text`, each once, in order (CPR numbers left out)."""
        return list(dict.fromkeys(hit.label for hit in self.find(text) if hit.label is not None))


def line_of(plain: str, start: int) -> int:
    """The 1-based line of an offset into a searchable text."""
    return plain.count("\n", 0, start) + 1


def distinctive_part(name: str, public_names: Iterable[str]) -> str | None:
    """A confidential place's name without a generic first word, if what is left still points at the place.

    'Skjulested Lærkehuset' → 'Lærkehuset'. None when the first word is not a generic word for a kind of place
    (GENERIC_PLACE_WORDS), when what is left begins in lower case ('Krisecenter for mænd'), is shorter than five
    letters ('Krisecenter Nord'), or stands in a published name too ('Krisecenter Rødovre', when Rødovre is a
    municipality's name): such a part says nothing about where the place is, and refusing it would refuse honest text.
    """
    words = name.split()
    if len(words) < 2 or not _is_generic_word(words[0]) or not words[1][:1].isupper():
        return None
    rest = " ".join(words[1:])
    if sum(c.isalpha() for c in rest) < 5:
        return None
    wanted = re.compile(rf"(?<!\w){re.escape(name_key(rest))}(?!\w)")
    if any(wanted.search(name_key(public)) for public in public_names):
        return None
    return rest


GENERIC_PLACE_WORDS = frozenset(
    {
        "krisecenter",
        "krisecentret",
        "krisecenteret",
        "kvindekrisecenter",
        "kvindekrisecentret",
        "mandecenter",
        "mandecentret",
        "skjulested",
        "skjulestedet",
        "herberg",
        "herberget",
        "forsorgshjem",
        "forsorgshjemmet",
        "botilbud",
        "botilbuddet",
        "bofællesskab",
        "bofællesskabet",
        "bosted",
        "bostedet",
        "center",
        "centret",
        "centeret",
        "hus",
        "huset",
        "hjem",
        "hjemmet",
        "afdeling",
        "afdelingen",
        "sted",
        "stedet",
        "lejlighed",
        "lejligheden",
        "det",
        "den",
    }
)
"""First words of a place's name that only say what kind of place it is (compared case-folded)."""

_GENERIC_LOOSE = frozenset(_loose(word) for word in GENERIC_PLACE_WORDS)
# One or more generic words run together, as `_loose` keys: 'kvindekrisecenter', 'dethus'.
_GENERIC_RUN = re.compile(f"(?:{any_of(sorted(_GENERIC_LOOSE))})+")
