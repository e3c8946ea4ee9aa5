"""How a secret is looked for in text: one pattern for every confidential street, place name and internal number.

Used by the check (catalog.py: records and files), by the public view's verification (public_view.py) and by the
build's last guard on the rendered pages (site/page_guard.py), so a secret is found the same way everywhere.

Text is matched as `searchable(text)`: URL encodings decoded ('%20', '+'), HTML character references unescaped,
`characters.normalise`d, and (but for a name made only of generic words) case-folded. In that text

- a street is found with any spacing, with a comma or 'nr.' / 'nr' / 'nummer' between the street and the house
  number ('Hemmeligvej nr. 17', 'hemmeligvej, 17', 'Hemmeligvej+17', 'Hemmeligvej%2017'), not inside a longer word
  and not as part of a longer number ('Hemmeligvej 170');
- a place name is found as a whole word or words, in any case, also in the genitive ('Lærkehusets'); a name made
  only of words for a kind of place (GENERIC_PLACE_WORDS: 'Krisecentret') only as written, since 'krisecentret' in
  running text names no place;
- an internal number is found when its eight digits stand as a phone number does: digits joined by nothing, spaces,
  a dash, a dot or a slash, starting where a run of digits starts and ending where one ends, with or without +45
  or 0045. Runs parted by anything else (a word, ' / ') are read one by one, so in '36 37 70 00 / 44 55 66 77' the
  second number is found just as when it stands alone.

Secrets are looked for at every place, also inside text another secret's match has read: 'Hemmeligvej 44 55 66 77'
holds the internal number whether or not 'Hemmeligvej 44' is a secret street. A hit inside the last hit of its kind
('Lærkehuset' in 'Skjulested Lærkehuset') is the same mention and is not counted again.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar
from urllib.parse import unquote

from .characters import normalise
from .patterns import any_of

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


# Between the digits of a phone number: nothing, white space, or a dash, a dot or a slash with spaces around it.
_GAP = r"(?:\s*[./-]\s*|\s+)?"
# At every place a run of digits starts: the eight digits of a phone number that end where the run ends, after
# an optional +45 / 0045 / 45. A lookahead, so every start is tried (a number may follow another in one run).
PHONE_AT = rf"(?<!\d)(?=(?:(?:\+|00)\s*)?(?:45{_GAP})?(?P<phone>\d(?:{_GAP}\d){{7}})(?!\d))"
# Between a street and its house number.
_HOUSE = r"[\s,]*(?:(?:nr|nummer)\.?\s*)?"
# A street as the guard keys it: the street up to its first house number after a letter ('10. februar vej' 3).
_STREET = re.compile(r"(.*?[^\W\d_]\D*?)" + _HOUSE + r"(\d+)")


def street_key(street: str) -> tuple[str, str]:
    """'Hemmeligvej\u00a07 B, 1. th.' → ('hemmeligvej', '7'): the street and its house number as matched.

    A street without a house number is ('the street', '').
    """
    key = " ".join(searchable(street).casefold().split())
    numbered = _STREET.match(key)
    return (numbered.group(1).strip(" ,"), numbered.group(2)) if numbered else (key, "")


def name_key(name: str) -> str:
    """A place name as matched in any case: searchable, case-folded, its words separated by one space."""
    return " ".join(searchable(name).casefold().split())


def is_generic(name: str) -> bool:
    """Whether every word of a name only says what kind of place it is ('Krisecentret')."""
    return all(word in GENERIC_PLACE_WORDS for word in name_key(name).split())


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
        self.streets: dict[tuple[str, str], T] = {}
        for street, label in (streets or {}).items():
            self.streets.setdefault(street_key(street), label)
        self.names: dict[str, T] = {}  # case-folded
        self.exact_names: dict[str, T] = {}  # generic names, as written
        for name, label in (names or {}).items():
            if is_generic(name):
                self.exact_names.setdefault(" ".join(searchable(name).split()), label)
            elif name_key(name):
                self.names.setdefault(name_key(name), label)
        self.numbers: dict[str, T] = {}
        for number, label in (numbers or {}).items():
            if len(digits(number)) == 8:
                self.numbers.setdefault(digits(number), label)
        branches = []
        if cpr:
            branches.append(f"(?P<cpr>{cpr})")
        numbered = {name for name, number in self.streets if number}
        if numbered:
            houses = {number for _, number in self.streets if number}
            branches.append(rf"(?<!\w)(?P<street>(?:{any_of(numbered)}){_HOUSE}(?:{any_of(houses)}))(?!\d)")
        bare = {name for name, number in self.streets if not number}
        if bare:
            branches.append(rf"(?<!\w)(?P<bare>{any_of(bare)})(?!\w)")
        if self.names:
            branches.append(rf"(?<!\w)(?P<name>{any_of(self.names)})s?(?!\w)")  # also 'Lærkehusets'
        if self.numbers:
            branches.append(PHONE_AT)
        # Every branch begins with one of these characters: a quick test lets the engine pass every other place.
        firsts = {"+", *"0123456789"} | {key[0] for key, _ in self.streets} | {key[0] for key in self.names}
        first = "[" + "".join(re.escape(c) for c in sorted(firsts)) + "]"
        # Zero-width, so no match uses up text another secret starts in: a known street before a number that is not
        # its house number ('Hemmeligvej 44 55 66 77') must not hide the internal number 44 55 66 77.
        self.pattern = re.compile(f"(?={first})(?=(?:{'|'.join(branches)}))") if branches else None
        self.exact = re.compile(rf"(?<!\w)(?:{any_of(self.exact_names)})s?(?!\w)") if self.exact_names else None

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
            if kind == "street":
                label = self.streets.get(street_key(match.group("street")))
            elif kind == "bare":
                label = self.streets.get((" ".join(match.group("bare").split()), ""))
            elif kind == "name":
                label = self.names[" ".join(match.group("name").split())]
            else:
                label = self.numbers.get(re.sub(r"\D", "", match.group("phone")))
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
    if len(words) < 2 or words[0].casefold() not in GENERIC_PLACE_WORDS or not words[1][:1].isupper():
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
