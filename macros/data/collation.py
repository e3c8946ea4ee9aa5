"""Danish alphabetical order: the one sort key behind every list on the site.

The order is that of the Danish collation in the Unicode CLDR (the one ICU, glibc's da_DK and a browser's
`localeCompare(…, "da")` use), written out for the few rules a Danish list needs, so that no system
library has to be installed:

- capitals and small letters sort together (Bo, bo, Brian), a small letter first when all else is equal;
- æ, ø and å come after z, in that order; ä and ö sort as æ and ø, ü as y, ð as d, þ as th;
- aa sorts as å (Aabenraa, Aalborg and Aarhus after Ærø and Øster), as in Retskrivningsordbogen;
- other accents are folded (é as e, ñ as n), an unaccented word first when all else is equal;
- numbers sort by value (§ 85 before § 101) and before letters; space and punctuation before both.
"""

from __future__ import annotations

import re
import unicodedata

# Letters that sort as other letters (CLDR's Danish tailoring). Applied to casefolded text, before
# accents are folded, so that å survives (it would decompose into a + ring).
_AS_LETTERS = (
    ("aa", "å"),
    ("ä", "æ"),
    ("ö", "ø"),
    ("ő", "ø"),
    ("ü", "y"),
    ("ű", "y"),
    ("ð", "d"),
    ("đ", "d"),
    ("þ", "th"),
)
# æ, ø and å as the three code points right after z, so that plain string comparison does the rest.
_DANISH_LAST = str.maketrans({"æ": "{", "ø": "|", "å": "}"})
_BRACES = str.maketrans("{|}", "!!!")
_SPACE, _MARK = " ", "!"  # every white space alike; every punctuation mark or symbol alike (ties go on)
_NUMBER = re.compile(r"(\d+)")


def _fold(text: str) -> str:
    """Casefolded, Danish letters in place, other accents dropped, spaces and marks made alike."""
    folded = text.casefold()
    for letters, sorts_as in _AS_LETTERS:
        folded = folded.replace(letters, sorts_as)
    # {, | and } stand for æ, ø and å below (and survive NFD, which would split å); as themselves they are marks.
    kept = folded.translate(_BRACES).translate(_DANISH_LAST)
    out = []
    for char in unicodedata.normalize("NFD", kept):
        category = unicodedata.category(char)
        if category.startswith("M"):
            continue  # a combining accent: é → e
        if category.startswith("Z") or char.isspace():
            out.append(_SPACE)
        elif category.startswith(("P", "S")) and char not in "{|}":  # æ, ø and å stand as {, | and }
            out.append(_MARK)
        else:
            out.append(char)
    return "".join(out)


def _with_numbers(text: str) -> tuple:
    """'§ 85 a' → ('! ', 85, ' a'): text and numbers alternate, so numbers compare by value."""
    parts = _NUMBER.split(text)
    return tuple(int(part) if i % 2 else part for i, part in enumerate(parts))


def danish_sort_key(text: str) -> tuple:
    """The key that sorts texts in Danish alphabetical order; equal keys only for equal texts.

    Levels, as in any collation: the letters (see the module's rules), then the accents, then the case,
    then the text itself. Use it as `sorted(items, key=lambda x: danish_sort_key(x.name))`.
    """
    letters = _with_numbers(_fold(text))
    accents = _with_numbers(unicodedata.normalize("NFD", text.casefold()))
    case = text.swapcase()  # a small letter before its capital when everything else is the same
    return letters, accents, case, text
