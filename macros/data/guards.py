"""Checks on text wherever it stands.

A CPR-like number is refused in every value, line and file name that can reach the site; an anonymised story may not
hold contact details; an unfilled placeholder is flagged.

All matching is on `characters.normalise`d text (NFKC, every dash as '-', every space as ' ', format
characters removed), so '010190–1234' with an en dash, '01.01.90-1234' and '010190\u00a01234' are all found;
every message quotes the text as the editor typed it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import PurePosixPath

from .active_content import active_content
from .characters import (
    BIDI_CONTROLS,
    character_name,
    invisible_characters,
    normalise,
    normalise_with_map,
    typed,
    visible,
)
from .links import url_problem
from .loader import Document, Loc
from .messages import show
from .problems import Problem, field_path

# Day, month, two-digit year and the four-digit serial, written DDMMYY-XXXX, DDMMYYXXXX, DD.MM.YY-XXXX,
# DD MM YY XXXX, DD/MM/YY-XXXX, DD-MM-YY-XXXX, DDMMYY_XXXX (in a file name) ...: the separator inside the
# date is the same twice; the one before the serial is any of them, with or without spaces around it.
# Not part of a longer chain of digits. The modulus-11 check is deliberately not used: CPR numbers issued
# since 2007 need not satisfy it, so it would let real numbers through. A Danish phone number (eight digits)
# never matches: it has too few digits.
# (The checks that no digit stands before come after the day: a pattern that begins with digits is searched
# for several times quicker than one that begins with a look-behind.)
CPR = re.compile(
    r"(?:0[1-9]|[12]\d|3[01])(?<!\d\d\d)(?<!\d[-./_]\d\d)([-./_ ]?)(?:0[1-9]|1[0-2])\1\d{2}"
    r" *[-./_]? *\d{4}(?!\d)(?![-./_]\d)"
)

CPR_MESSAGE = (
    "teksten indeholder noget, der ligner et CPR-nummer ('{found}'); CPR-numre må aldrig offentliggøres. Fjern det"
)
NAME_MESSAGE = (
    "filnavnet indeholder noget, der ligner et CPR-nummer ('{found}'); filnavne og id'er bliver til "
    "webadresser og står i sitemap'et, så CPR-numre må aldrig stå i dem. Omdøb filen"
)


def find_cpr(text: str) -> list[str]:
    """Every CPR-like number in `text`, as typed (with its own dashes, spaces and invisible characters)."""
    return _find(CPR, text)


def _find(pattern: re.Pattern[str], text: str) -> list[str]:
    if not pattern.search(normalise(text)):
        return []
    mapped, starts, ends = normalise_with_map(text)
    return [typed(text, match.span(), starts, ends) for match in pattern.finditer(mapped)]


def _digits(found: str) -> str:
    return re.sub(r"\D", "", normalise(found))


def scan_for_personal_data(doc: Document, file_id: str | None = None, source: str | None = None) -> list[Problem]:
    """Every string of a YAML document that looks like it holds a CPR number.

    The record's `id`, when it is `file_id` (the file's name), is left to `scan_names`, which reports the file name
    once. With the file's text (`source`), a number in a value over several lines is reported on its own line.
    """
    if not CPR.search(normalise(doc.all_text)):  # a value on its own line matches only if some value matches
        return []
    lines = source.split("\n") if source is not None else []
    return [
        Problem(
            doc.path,
            _line_of(found, doc.line_of(loc), lines),
            field_path(loc),
            CPR_MESSAGE.format(found=visible(found)),
        )
        for loc, text in doc.texts
        if not (loc == ("id",) and text == file_id)
        for found in find_cpr(text)
    ]


def _line_of(found: str, first: int, lines: list[str]) -> int:
    """The line, from the field's first line on, where `found` stands.

    For a value folded over two lines, where its first part stands; the field's first line if the file writes the
    value otherwise (an escape in quotes).
    """
    wanted = normalise(found)
    for part in (wanted, wanted[:6]):
        for number in range(first, min(first + 400, len(lines) + 1)):
            if part in normalise(lines[number - 1]):
                return number
    return first


def scan_yaml_lines(text: str, shown_as: str, doc: Document | None) -> list[Problem]:
    """CPR numbers in the lines of a YAML file that its values do not hold.

    In comments, in keys, in a file that cannot be read (`doc` None), or escaped in a way the values show differently.
    Values are reported by `scan_for_personal_data`, with their field; here each line once.
    """
    if not CPR.search(normalise(text)):
        return []
    known = {_digits(found) for _, value in (doc.texts if doc else ()) for found in find_cpr(value)}
    return [
        Problem(shown_as, number, "", CPR_MESSAGE.format(found=visible(found)))
        for number, line in enumerate(text.split("\n"), 1)
        for found in find_cpr(line)
        if _digits(found) not in known or "#" in line.split(found, 1)[0]
    ]


def scan_names(paths: Iterable[str]) -> list[Problem]:
    """Every file or folder name (paths as shown to the editor, relative to the data root) with a CPR-like number.

    A name becomes a web address and stands in the sitemap.
    """
    paths = list(paths)
    if not CPR.search(normalise("\n".join(paths))):
        return []
    return [
        Problem(path, 1, "", NAME_MESSAGE.format(found=visible(found))) for path in paths for found in find_cpr(path)
    ]


# --- Any text file that reaches the site (hand-written pages, styles, scripts, images as SVG ...) -------------

BINARY_SUFFIXES = frozenset(
    {
        ".png",
        ".jpg",
        ".jpeg",
        ".gif",
        ".webp",
        ".avif",
        ".ico",
        ".bmp",
        ".tif",
        ".tiff",
        ".woff",
        ".woff2",
        ".ttf",
        ".otf",
        ".eot",
        ".pdf",
        ".zip",
        ".gz",
        ".br",
        ".wasm",
        ".mp3",
        ".mp4",
        ".webm",
        ".ogg",
    }
)
_URL_IN_TEXT = re.compile(r"\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s<>\"'()\[\]`]+")
_NAMESPACE = re.compile(r"xmlns(?::\w+)?=[\"']$")  # xmlns="http://www.w3.org/2000/svg" names, it does not link
_LINKING = frozenset({".md", ".html", ".htm"})


def read_text_file(raw: bytes, shown_as: str) -> str | None:
    """A file's text, or None for a binary file (by its name, or a NUL byte near its start)."""
    if PurePosixPath(shown_as).suffix.lower() in BINARY_SUFFIXES or b"\0" in raw[:8192]:
        return None
    return raw.decode("utf-8", errors="replace").removeprefix("\ufeff")


def scan_text_file(text: str, shown_as: str) -> list[Problem]:
    """CPR numbers and bidi controls in every line of a text file.

    In pages (Markdown, HTML) also deceptive links and code that would run in the reader's browser (a `<script>`,
    an `onerror=` attribute, a `javascript:` link: see active_content.py). Line numbers count from 1, as an
    editor's editor does.
    """
    problems: list[Problem] = []
    links = PurePosixPath(shown_as).suffix.lower() in _LINKING
    if links:
        problems.extend(Problem(shown_as, line, "", message) for line, message in active_content(text))
    for number, line in enumerate(text.split("\n"), 1):
        problems.extend(
            Problem(shown_as, number, "", CPR_MESSAGE.format(found=visible(found))) for found in find_cpr(line)
        )
        hidden = [
            (position, char)
            for position, char in invisible_characters(line)
            if char in BIDI_CONTROLS or char in _ZERO_WIDTH
        ]
        if hidden:
            position, char = hidden[0]
            problems.append(
                Problem(
                    shown_as,
                    number,
                    "",
                    f"linjen indeholder det usynlige tegn "
                    f"{character_name(char)} på plads {position}, som kan vende eller skjule teksten "
                    "(eller koden); slet det",
                )
            )
        if links and "://" in line:
            for match in _URL_IN_TEXT.finditer(line):
                if _NAMESPACE.search(line, 0, match.start()):
                    continue
                url = match.group().rstrip(".,;:!?")
                problem = url_problem(url, allow_loopback_http=True)
                if problem:
                    problems.append(Problem(shown_as, number, "", f"linket '{visible(url)}': {problem}"))
    return problems


_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u180e")


# --- Anonymised stories ----------------------------------------------------------------------------------------

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# An address hidden from robots: 'claus.jensen (at) gmail.com', 'claus [at] gmail [dot] com', 'claus at gmail.com'.
# After a bare ' at ' (a common Danish word) only a known top-level domain counts: 'at f.eks. søge' is no address.
_DOT = r"(?:\.|\s?[(\[{]\s?(?:dot|punktum)\s?[)\]}]\s?)"
OBFUSCATED_EMAIL = re.compile(
    r"(?i:[\w.+-]+\s?(?:[(\[{]\s?(?:at|snabel-?a|@)\s?[)\]}]\s?[\w-]+(?:" + _DOT + r"[\w-]+)+"
    r"|\s(?:at|snabel-?a)\s[\w-]+(?:\.[\w-]+)*\.(?:dk|com|net|org|eu|info|nu|se|no|de|io|me|invalid|example)\b))"
)
# Eight digits as a phone number may be written: grouped any way by spaces, dots or dashes (12345678, 12 34 56 78,
# 1234 5678, 22 33 4455, 223 34 455), with +45 or 0045.
PHONE = re.compile(r"(?<![\d+])(?:(?:\+|00) ?45 ?)?\d(?:[ .-]?\d){7}(?!\d)")
# Eight digits that are not a phone number: a period of years (2015-2018), a date (01.01.2020), a span of clock
# times (10.00-12.00) or an amount with thousands separators (12.500.000).
_NOT_A_PHONE = re.compile(
    r"(?:19|20)\d\d ?[.-] ?(?:19|20)\d\d|\d\d?[.-]\d\d?[.-](?:19|20)\d\d"
    r"|\d\d?[.:]\d\d ?- ?\d\d?[.:]\d\d|\d{1,3}(?:\.\d{3})+"
)
# A word ending like a Danish street name, then a house number: Hovedgaden 12, Parkvej 150 B, hovedgaden 12.
STREET_ENDINGS = (
    "vej",
    "vejen",
    "gade",
    "gaden",
    "allé",
    "alle",
    "boulevard",
    "plads",
    "pladsen",
    "stræde",
    "strædet",
    "vænge",
    "vænget",
    "torv",
    "torvet",
    "kaj",
    "kajen",
    "brygge",
    "bryggen",
    "stien",
    "bakke",
    "bakken",
    "vang",
    "vangen",
    "haven",
    "parken",
    "højen",
    "toften",
    "lunden",
    "engen",
    "kæret",
    "marken",
    "dalen",
    "holmen",
    "passage",
    "promenade",
    "ringen",
    "kvarter",
)
# Endings that also end ordinary lowercase words ('vurderingen', 'kunden'): they count only in a capitalised word.
_CAPITALISED_ENDINGS = frozenset(
    {"stien", "bakke", "bakken", "vang", "vangen", "haven", "parken", "højen", "toften", "lunden", "engen", "kæret"}
    | {"marken", "dalen", "holmen", "passage", "promenade", "ringen", "kvarter"}
)
# A street type standing as a word of its own after the name: Sankt Hans Gade 4, H.C. Andersens Boulevard 12.
STREET_TYPES = frozenset(
    {"gade", "vej", "allé", "alle", "boulevard", "plads", "stræde", "torv", "brygge", "kaj", "vænge", "park", "have"}
    | {"vang", "bakke", "sti", "passage", "promenade"}
)
# Capitalised words that a number follows without making an address ('Kapitel 3', 'Covid 19' is left to be refused).
NOT_BEFORE_A_HOUSE_NUMBER = frozenset(
    {"kapitel", "side", "sider", "afsnit", "punkt", "trin", "bilag", "stk", "paragraf", "fase", "version", "figur"}
    | {"tabel", "klasse", "niveau", "uge", "linje", "bus", "tog", "spor", "etape", "runde", "del", "bind", "nummer"}
    | {"nr", "år", "alder", "kl", "klokken", "værelse", "lokale", "rum", "etage", "sal", "plan", "mål", "indsats"}
    | {"januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november"}
    | {"december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dec", "top"}
    | {"fokusområde", "indsatsområde", "område", "tema", "spor", "pejlemærke", "princip", "anbefaling", "målsætning"}
)
# Words after a number that make it a quantity, not a house number: 'Rødovre 3 år', 'Hovedgaden 2 gange'.
QUANTITY_WORDS = frozenset(
    {"år", "års", "måned", "måneder", "måneds", "uge", "uger", "ugers", "dag", "dage", "døgn", "time", "timer"}
    | {"minut", "minutter", "gang", "gange", "kr", "kroner", "procent", "pct", "personer", "mennesker", "børn"}
    | {"borgere", "stk", "styk", "km", "meter", "m", "plads", "pladser", "boliger", "af"}
)
_ADDRESS = re.compile(
    r"(?<![\w.])(?P<word>[^\W\d_]+)(?:,? |,)(?:(?:nr|nummer)\.? ?)?(?P<number>\d{1,4})(?:[a-zA-ZæøåÆØÅ]| [A-ZÆØÅ])?"
    r"(?![\w])(?![.,:]\d)"
)
_WORDS_BEFORE = re.compile(r"(?:[A-ZÆØÅ][\w.]*[ -])*$")  # Sankt Hans, H.C. Andersens: the name before 'Gade'
_NEXT_WORD = re.compile(r"[ .,]*([^\W\d_]*)")


def _is_address(text: str, match: re.Match[str]) -> bool:
    """Whether a word and a number (`_ADDRESS`) in normalised `text` read as a street and its house number."""
    word, number = match.group("word"), int(match.group("number"))
    folded = word.casefold()
    following = _NEXT_WORD.match(text, match.end())
    if following and following.group(1).casefold() in QUANTITY_WORDS:
        return False
    if any(
        folded.endswith(ending)
        and len(folded) > len(ending)
        and (word[0].isupper() or ending not in _CAPITALISED_ENDINGS)
        for ending in STREET_ENDINGS
    ):
        return True
    if not word[0].isupper() or number == 0 or number > 999:
        return False
    if folded in STREET_TYPES:
        return True
    before = text[: match.start()].rstrip()
    sentence_start = not before or before[-1] in ".!?:;\n\"'«»(["
    return not sentence_start and folded not in NOT_BEFORE_A_HOUSE_NUMBER and len(word) > 1


def _addresses(text: str) -> list[str]:
    if not _ADDRESS.search(normalise(text)):
        return []
    mapped, starts, ends = normalise_with_map(text)
    found = []
    for match in _ADDRESS.finditer(mapped):
        if _is_address(mapped, match):
            start = match.start()
            if match.group("word").casefold() in STREET_TYPES:
                named = _WORDS_BEFORE.search(mapped, 0, start)
                start = named.start() if named else start
            found.append(typed(text, (start, match.end()), starts, ends))
    return found


def _phones(text: str) -> list[str]:
    return [found for found in _find(PHONE, text) if not _NOT_A_PHONE.fullmatch(normalise(found).strip())]


def _anonymised_parts(value: object, loc: Loc) -> Iterable[Loc]:
    if isinstance(value, dict):
        if value.get("anonymised") is True:
            yield loc
        for key, item in value.items():
            yield from _anonymised_parts(item, loc + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _anonymised_parts(item, loc + (index,))


def scan_anonymised(doc: Document, source: str | None = None) -> list[Problem]:
    """A problem for each e-mail address, phone number or street address in an anonymised story.

    A part marked `anonymised: true` (a story) may hold none of them: any of them leads back to a person. (A CPR number
    is refused everywhere already.) With the file's text (`source`), a file that never says `anonymised` is passed at
    once.
    """
    if source is not None and "anonymised" not in source:
        return []
    parts = list(_anonymised_parts(doc.data, ()))
    if not parts:
        return []
    problems = []
    for loc, text in doc.texts:
        if not any(loc[: len(part)] == part for part in parts):
            continue
        for what, found in [
            *(("en e-mailadresse", f) for f in [*_find(EMAIL, text), *_find(OBFUSCATED_EMAIL, text)]),
            *(("et telefonnummer", f) for f in _phones(text)),
            *(("en adresse", f) for f in _addresses(text)),
        ]:
            problems.append(
                Problem(
                    doc.path,
                    doc.line_of(loc),
                    field_path(loc),
                    f"historien er markeret som anonymiseret (anonymised: true), men teksten "
                    f"indeholder {what} ('{visible(found)}'), som kan føre den tilbage til en person; "
                    "fjern den",
                )
            )
    return problems


PLACEHOLDER = "UDFYLD"  # what every field of a scaffold (macros/tools/templates/) holds until it is filled in
_PLACEHOLDER = re.compile(rf"\b{PLACEHOLDER}\b")  # in capitals, as a word: "udfylde et skema" is real text

NOT_FILLED = "er ikke udfyldt endnu"


def scan_placeholders(doc: Document) -> list[Problem]:
    """Every field still holding the scaffold's placeholder: an error, so an untouched scaffold never builds.

    One problem per field, `<field> er ikke udfyldt endnu: …` in Danish, with the value as it stands.
    """
    if PLACEHOLDER not in doc.all_text:
        return []
    return [
        Problem(
            doc.path, doc.line_of(loc), field_path(loc), f"{NOT_FILLED}: erstat {show(text)} med det rigtige indhold"
        )
        for loc, text in doc.texts
        if _PLACEHOLDER.search(text)
    ]


def merge_placeholders(placeholders: list[Problem], invalid: list[Problem]) -> list[Problem]:
    """A placeholder that also fails validation is one problem, not two.

    For a field that still holds `[UDFYLD]` and is invalid too, the message says both: not filled in, and what the
    field takes.
    """
    unfilled = {p.field for p in placeholders}
    merged = [replace(p, message=f"{NOT_FILLED}; {p.message}") if p.field in unfilled else p for p in invalid]
    explained = {p.field for p in invalid}
    return [p for p in placeholders if p.field not in explained] + merged
