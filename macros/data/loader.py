"""Read one YAML file safely into plain data plus a map from field paths to line numbers.

Refuses what an editor can get wrong or an attacker can abuse before any model sees the data:
oversized files, byte-order marks, bytes that are not UTF-8, tabs, YAML syntax errors, duplicate
keys, anchors and aliases (the road to "billion laughs"), explicit tags (`!!binary`, `!!python/...`,
`!!str`), nesting deeper than `MAX_DEPTH`, non-text keys, an empty file and a file that is not a
mapping. Every refusal is a `Problem` with file, line and a Danish explanation.

Values are typed more strictly than YAML 1.1 (PyYAML's default) and close to YAML 1.2's core
schema, so nothing an editor writes changes on the way in: an unquoted value becomes null (empty,
`~`, `null`), a boolean (`true`, `false`), a whole number (plain decimal digits without a leading
zero, sign or `_`: `18`, `-3`), a date (`2024-01-31`), and anything else stays the text exactly as
typed: `0175`, `0o17`, `0x1A`, `+12`, `1_000`, `.5`, `1.5`, `1:30`, `yes`, `no`, `on`, `off`.
The models then refuse text where a number, a boolean or a date is expected, with the text as typed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from .problems import Problem, field_path

MAX_BYTES = 512 * 1024
"""A policy transcribed in full is about 30 KB; anything far beyond that is a mistake or an attack."""

MAX_DEPTH = 50
"""Fields inside fields: a policy goes about six levels deep; far deeper is a mistake or an attack."""

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Document:
    """One YAML file read into plain Python data, with the line of every field."""

    path: str  # as shown to the editor, relative to the data root: policies/x.yaml
    data: dict[str, Any]
    lines: dict[Loc, int] = field(repr=False)

    @cached_property
    def texts(self) -> tuple[tuple[Loc, str], ...]:
        """Every text value in the file with its field path, in file order (read once, used by every guard)."""
        return tuple(_texts(self.data, ()))

    @cached_property
    def all_text(self) -> str:
        """All text values, one per line: one search here tells whether any single value can match."""
        return "\n".join(text for _, text in self.texts)

    def __getstate__(self) -> dict[str, Any]:
        """Pickled (by the record cache) without `texts`, which is quicker to walk again than to load."""
        return {name: value for name, value in self.__dict__.items() if name != "texts"}

    def line_of(self, loc: Loc) -> int:
        """The line of the deepest part of `loc` that exists in the file (the parent for a missing field)."""
        for end in range(len(loc), -1, -1):
            line = self.lines.get(tuple(loc[:end]))
            if line is not None:
                return line
        return 1


def _texts(value: Any, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, loc + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, loc + (index,))


class _RefusedError(Exception):
    def __init__(self, line: int, message: str, loc: Loc = ()):
        super().__init__(message)
        self.line = line
        self.message = message
        self.loc = loc


# Tags the resolver below gives every untagged node. A node with any other tag was tagged in the
# file (`!!binary`, `!!str`, `!x`), which is refused; the value of a plain scalar is typed by `_plain`.
_PLAIN, _QUOTED = "tag:udsatte.invalid,2026:plain", "tag:udsatte.invalid,2026:quoted"
_SEQ, _MAP = "tag:udsatte.invalid,2026:seq", "tag:udsatte.invalid,2026:map"


class _StrictResolver(BaseResolver):
    """Resolves no YAML 1.1 types at all: a node is plain text, quoted text, a list or a mapping."""

    def resolve(self, kind, value, implicit):
        if kind is ScalarNode:
            return _PLAIN if implicit[0] else _QUOTED
        return _SEQ if kind is SequenceNode else _MAP


class _SafeReader(
    yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer, _StrictResolver
):
    """The pure-Python reader.

    Refuses aliases, tags and deep nesting event by event, before composing anything, so a hostile file never builds a
    node (or a Python stack) the size of its trick.
    """

    def __init__(self, stream: str):
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        _StrictResolver.__init__(self)
        self._locs: list[Loc] = []

    def compose_node(self, parent, index):
        loc = self._locs[-1] if self._locs else ()
        if isinstance(index, ScalarNode):
            loc += (index.value,)
        elif isinstance(index, int):
            loc += (index,)
        event = self.peek_event()
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent):
            raise _RefusedError(
                line, f"YAML-aliaser ('*{event.anchor}') er ikke tilladt; skriv værdien ud i stedet", loc
            )
        if getattr(event, "tag", None) is not None:
            raise _RefusedError(line, _tag_message(self.buffer, event.start_mark), loc)
        if len(self._locs) > MAX_DEPTH:
            raise _RefusedError(line, _DEPTH_MESSAGE, loc[:1])
        self._locs.append(loc)
        try:
            return super().compose_node(parent, index)
        finally:
            self._locs.pop()


_DEPTH_MESSAGE = (
    f"felterne ligger mere end {MAX_DEPTH} niveauer inde i hinanden; så dybt går ingen post. "
    "Ret indrykningen eller de indlejrede [ ] og { }"
)


def _tag_message(text: str, mark: yaml.Mark) -> str:
    """The tag as the editor typed it (`!!binary`), read from the file at the mark where it starts."""
    written = re.match(r"!\S*", text[mark.index :]) if mark.index < len(text) else None
    shown = written.group(0) if written else "!"
    return (
        f"YAML-tagget '{shown}' er ikke tilladt; skriv værdien uden tag (sæt tekst i anførselstegn, "
        "hvis den skal læses som tekst)"
    )


def read_document(source: Path | bytes, shown_as: str) -> Document | list[Problem]:
    """Read a file (or its bytes); return the document, or the problems that stop it from being read."""
    raw = source if isinstance(source, bytes) else source.read_bytes()
    if len(raw) > MAX_BYTES:
        return [
            Problem(
                shown_as,
                1,
                "",
                f"filen fylder {len(raw):,} bytes; den må højst fylde "
                f"{MAX_BYTES:,} bytes. Del indholdet op eller ret fejlen".replace(",", "."),
            )
        ]
    if raw.startswith(b"\xef\xbb\xbf"):
        return [Problem(shown_as, 1, "", "filen begynder med et byte-order-mark (BOM); gem den som UTF-8 uden BOM")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return [
            Problem(
                shown_as,
                line,
                "",
                f"filen er ikke gemt som UTF-8 (ugyldig byte {raw[exc.start]:#04x}); gem den med tegnsættet UTF-8",
            )
        ]
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        return [Problem(shown_as, 1, "", "filen er tom; den skal indeholde felterne for en post (navn: værdi)")]
    tabs = [i for i, ln in enumerate(text.splitlines(), 1) if "\t" in ln[: len(ln) - len(ln.lstrip())]]
    if tabs:
        return [
            Problem(shown_as, i, "", "linjen er rykket ind med tabulatortegn; brug mellemrum (to pr. niveau)")
            for i in tabs
        ]

    fast = _read_fast(text, shown_as)
    if fast is not None:
        return fast
    loader = _SafeReader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise _RefusedError(1, "filen er tom; den skal indeholde felterne for en post (navn: værdi)")
        if not isinstance(node, MappingNode):
            kind = "en liste" if isinstance(node, SequenceNode) else "en enkelt værdi"
            raise _RefusedError(
                node.start_mark.line + 1,
                f"filen indeholder {kind}; den skal indeholde felter (navn: værdi) på øverste niveau",
            )
        lines: dict[Loc, int] = {(): 1}
        data = _construct(loader, node, (), lines)
    except _RefusedError as exc:
        return [Problem(shown_as, exc.line, field_path(exc.loc), exc.message)]
    except yaml.MarkedYAMLError as exc:
        return [syntax_problem(shown_as, text, exc)]
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML marks nearly all its errors
        return [Problem(shown_as, 1, "", f"filen er ikke gyldig YAML ({exc})")]
    finally:
        loader.dispose()
    return Document(shown_as, data, lines)


def _read_fast(text: str, shown_as: str) -> Document | None:
    """The same reading with libyaml's C parser (about ten times faster), for files without mistakes.

    Anything unusual (an alias, a tag or what might be one, deep nesting, a duplicate or non-text
    key, a value that cannot be read, a syntax error) returns None, and the pure-Python reader above
    runs instead, so every message comes from one place. libyaml shares the node of an anchor with
    its aliases, so an alias is a node met twice. libyaml resolves the non-specific tag `!` like no
    tag at all, so a `!` where a tag can stand sends the file to the Python reader too.
    """
    if _CLoader is None or _MAYBE_TAG.search(text):
        return None
    loader = _CLoader(text)
    try:
        node = loader.get_single_node()
        if not isinstance(node, MappingNode):
            return None
        lines: dict[Loc, int] = {(): 1}
        return Document(shown_as, _construct(loader, node, (), lines, set()), lines)
    except (_RefusedError, yaml.YAMLError, ValueError, TypeError):
        return None
    finally:
        loader.dispose()


_MAYBE_TAG = re.compile(r"(?:^|[\s\[{,])!", re.M)  # a tag follows a space, a line start or [ { ,


def _c_loader() -> type | None:
    """Libyaml's parser and composer with the strict resolver; None where PyYAML was built without libyaml."""
    try:
        from yaml._yaml import CParser
    except ImportError:
        return None

    class _CStrictLoader(CParser, _StrictResolver):
        def __init__(self, stream: str):
            CParser.__init__(self, stream)
            _StrictResolver.__init__(self)

    return _CStrictLoader


_CLoader = _c_loader()


def _construct(
    loader: yaml.SafeLoader, node: Node, loc: Loc, lines: dict[Loc, int], seen: set[int] | None = None
) -> Any:
    line = node.start_mark.line + 1
    if seen is not None:
        if id(node) in seen:
            raise _RefusedError(line, "YAML-aliaser er ikke tilladt")
        seen.add(id(node))
    if len(loc) > MAX_DEPTH:
        raise _RefusedError(line, _DEPTH_MESSAGE, loc[:1])
    if node.tag not in (_PLAIN, _QUOTED, _SEQ, _MAP):
        raise _RefusedError(line, _tag_message(_text_of(loader), node.start_mark), loc)
    if isinstance(node, MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if key_node.tag not in (_PLAIN, _QUOTED, _SEQ, _MAP):
                raise _RefusedError(line, _tag_message(_text_of(loader), key_node.start_mark), loc)
            if not isinstance(key_node, ScalarNode) or (key_node.tag == _PLAIN and key_node.value == "<<"):
                raise _RefusedError(line, "feltnavne skal være almindelig tekst (fx `title:`)")
            key = key_node.value
            if key in out:
                raise _RefusedError(
                    line, f"feltet '{key}' står to gange (første gang på linje {lines[loc + (key,)]}); slet den ene"
                )
            lines[loc + (key,)] = line
            out[key] = _construct(loader, value_node, loc + (key,), lines, seen)
        return out
    if isinstance(node, SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            lines[loc + (index,)] = item.start_mark.line + 1
            items.append(_construct(loader, item, loc + (index,), lines, seen))
        return items
    return _plain(node.value, line, loc) if node.tag == _PLAIN else node.value


def _text_of(loader: Any) -> str:
    """The text being read (the Python reader keeps it; libyaml's marks carry no text, so '' there)."""
    return getattr(loader, "buffer", "") or ""


_INT = re.compile(r"0|-?[1-9][0-9]*")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


def _plain(value: str, line: int, loc: Loc) -> Any:
    """An unquoted value typed as described at the top of the module: None, bool, int, date or the text."""
    if value in _NULL:
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.fullmatch(value):
        return int(value)
    if _DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError as exc:
            raise _RefusedError(
                line,
                f"værdien '{value}' kan ikke læses ({_danish_construct_error(exc)}); "
                "en dato skrives ÅÅÅÅ-MM-DD, fx 2024-01-31",
                loc,
            ) from None
    return value


def _danish_construct_error(exc: Exception) -> str:
    text = str(exc)
    if "month must be" in text:
        return "måneden skal være 1-12"
    if "day is out of range" in text:
        return "dagen findes ikke i den måned"
    return "ugyldig værdi"


def syntax_problem(shown_as: str, text: str, exc: yaml.MarkedYAMLError) -> Problem:
    """A YAML syntax error in Danish, at the line where the mistake starts.

    An unclosed quote is found only at the end of the file, but the editor must look where the quote was opened.
    """
    mark, what = _syntax_da(exc, text)
    line_no = mark.line + 1 if mark else 1
    message = f"YAML-syntaksfejl: {what}"
    if mark:
        lines = text.splitlines()
        if 0 <= mark.line < len(lines):
            message += f"\n    {lines[mark.line]}\n    {' ' * mark.column}^"
    return Problem(shown_as, line_no, "", message)


def _syntax_da(exc: yaml.MarkedYAMLError, text: str) -> tuple[yaml.Mark | None, str]:
    """The mark to show and the Danish explanation of one of PyYAML's syntax errors."""
    context, problem = exc.context or "", exc.problem or ""
    start, found = exc.context_mark, exc.problem_mark
    opened = f"på linje {start.line + 1}" if start else ""
    quoted = _quote_closed_late(text, found) if isinstance(exc, yaml.parser.ParserError) and found else None
    if quoted is not None:
        quote = text[quoted.index]
        return quoted, (
            f"et anførselstegn ({quote}) åbnet på linje {quoted.line + 1} bliver ikke lukket på samme "
            f"linje; det næste {quote} står først på linje {found.line + 1}. Sæt {quote} efter teksten"
        )
    if "scanning a" in context and "quoted scalar" in context and start:
        quote = text[start.index] if start.index < len(text) else '"'
        if problem.startswith("found unexpected end of stream"):
            return start, (f"et anførselstegn ({quote}) åbnet {opened} bliver aldrig lukket; sæt {quote} efter teksten")
        if problem.startswith("found unknown escape character"):
            return found, (
                "en omvendt skråstreg (\\) i dobbelte anførselstegn skal efterfølges af et kendt tegn; "
                "skriv \\\\ for én skråstreg, eller brug enkelte anførselstegn (')"
            )
        return start, f"teksten i anførselstegn ({quote}) {opened} kan ikke læses; tjek at den er lukket rigtigt"
    if context.startswith("while parsing a flow sequence") and start:
        return start, f"en liste i firkantede parenteser ([) åbnet {opened} bliver ikke lukket med ]"
    if context.startswith("while parsing a flow mapping") and start:
        return start, f"en gruppe i krøllede parenteser ({{) åbnet {opened} bliver ikke lukket med }}"
    if context.startswith("while scanning a simple key") and start:
        return start, _SYNTAX_DA["could not find expected ':'"]
    if problem.startswith("found character") and "cannot start any token" in problem:
        if "'\\t'" in problem:
            return found, _SYNTAX_DA["found character '\\t' that cannot start any token"]
        char = problem.split("'")[1] if problem.count("'") >= 2 else "?"
        return found, f"tegnet {char} kan ikke stå først i en værdi; sæt hele værdien i anførselstegn"
    if problem.startswith("expected <block end>, but found"):
        if "<scalar>" in problem:
            return found, (
                "der står tekst efter et afsluttende anførselstegn; sæt hele teksten i anførselstegn, "
                "eller ret indrykningen"
            )
        if "'}'" in problem or "']'" in problem:
            return found, "en afsluttende parentes (} eller ]) står for meget"
        return found, (
            "linjen er rykket forkert ind; felter på samme niveau skal begynde lige under hinanden, "
            "og punkter (- ) under deres felt"
        )
    if problem.startswith("found undefined alias"):
        return found, _SYNTAX_DA["found undefined alias"]
    if context.startswith("found duplicate anchor"):
        return found, _SYNTAX_DA["found duplicate anchor"]
    if context.startswith("expected a single document"):
        return found, "filen må kun indeholde én post; fjern linjen '---' og det, der står efter den"
    if problem in _SYNTAX_DA:
        return found or start, _SYNTAX_DA[problem]
    return found or start, (
        "filen kan ikke læses som YAML her; se efter et manglende kolon, et anførselstegn, der "
        "ikke er lukket, eller forkert indrykning"
    )


def _quote_closed_late(text: str, found: yaml.Mark) -> yaml.Mark | None:
    """Where a quoted text began, if it runs over several lines up to the line where parsing failed.

    Then its opening quote was never closed, and a quote further down closed it by accident.
    """
    previous = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.index >= found.index:
                break
            previous = token
    except yaml.YAMLError:
        pass
    if (
        isinstance(previous, yaml.ScalarToken)
        and previous.style in ('"', "'")
        and previous.start_mark.line < previous.end_mark.line == found.line
    ):
        return previous.start_mark
    return None


_SYNTAX_DA = {
    "mapping values are not allowed here": "et kolon (:) står et sted, hvor det ikke må stå; sæt teksten i "
    "anførselstegn, hvis den selv indeholder ': '",
    "could not find expected ':'": "der mangler et kolon (:) efter feltnavnet",
    "found character '\\t' that cannot start any token": "tabulatortegn er ikke tilladt; brug mellemrum",
    "expected <block end>, but found '-'": "en punktliste (- ) står forkert rykket ind",
    "found unexpected end of stream": "filen slutter midt i en værdi; mangler et afsluttende anførselstegn?",
    "found undefined alias": "YAML-aliaser (*navn) er ikke tilladt",
    "found duplicate anchor": "YAML-ankre (&navn) er ikke tilladt",
}
