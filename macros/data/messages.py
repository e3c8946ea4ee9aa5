"""Turn pydantic's validation errors into Danish problems that name the field, the bad value and what was expected."""

from __future__ import annotations

import difflib
import re
import types
import typing
import unicodedata
from datetime import date
from enum import Enum
from typing import Any, Literal

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .characters import visible
from .loader import Document, Loc
from .models import PATTERN_RULES
from .problems import Problem, field_path


def problems_from(error: ValidationError, doc: Document, model: type[BaseModel]) -> list[Problem]:
    """One Danish problem per pydantic error, located in the YAML file."""
    errors = error.errors(include_url=False)
    locs = [_data_loc(e["loc"]) for e in errors]
    misspelt = _misspelt_fields(errors, locs, model)
    return [
        Problem(doc.path, doc.line_of(loc), field_path(loc), _message(e, model))
        for e, loc in zip(errors, locs, strict=True)
        if not _echo_of_item_errors(e, loc, locs) and not (e["type"] == "missing" and loc in misspelt)
    ]


def _misspelt_fields(errors: list[ErrorDetails], locs: list[Loc], model: type[BaseModel]) -> set[Loc]:
    """The locs of missing fields that an unknown field beside them is a misspelling of (`titel` for `title`).

    The unknown field's message already says "Mente du 'title'?"; a second "feltet mangler" would be noise.
    """
    guessed = set()
    for err, loc in zip(errors, locs, strict=True):
        if err["type"] == "extra_forbidden" and loc:
            guess = close_field(str(loc[-1]), _fields_of(_model_at(model, loc[:-1])))
            if guess:
                guessed.add((*loc[:-1], guess))
    return guessed


def close_field(name: str, allowed: list[str]) -> str | None:
    """The allowed field `name` is most likely a misspelling of, if any."""
    guess = difflib.get_close_matches(name, sorted(allowed), n=1, cutoff=0.6)
    return guess[0] if guess else None


def _echo_of_item_errors(err: ErrorDetails, loc: Loc, locs: list[Loc]) -> bool:
    # A tuple whose items failed is also reported as too short (pydantic counts only the valid
    # items); the item errors already say what is wrong.
    return err["type"] == "too_short" and any(len(o) > len(loc) and o[: len(loc)] == loc for o in locs)


def _data_loc(loc: tuple) -> Loc:
    # Pydantic adds the names of union members and validators to locs; they are not in the YAML.
    return tuple(p for p in loc if isinstance(p, int) or not (p.startswith("function-") or p in _UNION_TAGS))


_UNION_TAGS = {"str", "int", "date", "none", "constrained-str"}


def _escaped(char: str) -> str:
    if unicodedata.category(char) not in ("Cc", "Zl", "Zp"):
        return char
    short = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
    return short.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


def show(value: Any) -> str:
    """A value as the editor wrote it, shortened, with invisible characters written as <U+202E>."""
    if isinstance(value, str):
        text = value if len(value) <= 60 else value[:57] + "..."
        # A line break or control character is shown as YAML writes it ("\r"), never printed: in a terminal
        # or a CI log it would start a line that looks like a message of its own.
        text = "".join(_escaped(char) for char in text)
        return f"'{visible(text)}'"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "en gruppe af felter"
    if isinstance(value, list):
        return "en liste"
    if value is None:
        return "ingenting (tom værdi)"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _message(err: ErrorDetails, model: type[BaseModel]) -> str:
    kind, ctx, value = err["type"], err.get("ctx", {}), err.get("input")
    loc = _data_loc(err["loc"])
    got = f" (fik {show(value)})"
    match kind:
        case "missing":
            return "feltet mangler; det skal udfyldes"
        case "extra_forbidden":
            name = str(loc[-1])
            allowed = sorted(_fields_of(_model_at(model, loc[:-1])))
            guess = close_field(name, allowed)
            hint = f" Mente du '{guess}'?" if guess else ""
            return f"ukendt felt '{visible(name)}'.{hint} Tilladte felter her: {', '.join(allowed)}"
        case "string_type":
            rule = _field_rule(model, loc)
            if rule and isinstance(value, int | float) and not isinstance(value, bool):
                return f"forventede tekst{got}; sæt værdien i anførselstegn. Reglen for feltet: {rule}"
            return f"forventede tekst{got}; sæt værdien i anførselstegn, hvis den skal læses som tekst"
        case "string_too_short":
            size = ctx.get("min_length", 1)
            return "må ikke være tom" if size == 1 else f"skal være mindst {size} tegn{got}{_also(model, loc)}"
        case "string_too_long":
            return f"er for lang; højst {ctx.get('max_length')} tegn{got}{_also(model, loc)}"
        case "string_pattern_mismatch":
            return _pattern_message(str(ctx.get("pattern", "")), value)
        case "int_type" | "int_parsing" | "int_from_float":
            hint = (
                "; skriv tallet med cifrene 0-9 alene, uden foranstillet nul, fortegn, decimaler, mellemrum "
                "eller _, fx 18"
                if isinstance(value, str) and re.search(r"[0-9]", value)
                else ""
            )
            return f"forventede et helt tal{got}{hint}"
        case "bool_type" | "bool_parsing":
            if isinstance(value, str) and value.strip().lower() in ("true", "false"):  # "false", in quotation marks
                return f"forventede true eller false{got}; fjern anførselstegnene, så står der {value.strip().lower()}"
            return f"forventede true eller false{got}; skriv true eller false"
        case "date_type" | "date_parsing" | "date_from_datetime_parsing" | "date_from_datetime_inexact":
            return f"forventede en dato skrevet ÅÅÅÅ-MM-DD, fx 2024-01-31{got}"
        case "literal_error" | "enum":
            allowed = _allowed_values(model, loc)
            close = difflib.get_close_matches(str(value), allowed, n=1, cutoff=0.5)
            hint = f" Mente du '{close[0]}'?" if close else ""
            return f"værdien {show(value)} er ikke tilladt.{hint} Tilladte værdier: {', '.join(allowed)}"
        case "greater_than_equal":
            return f"skal være mindst {ctx.get('ge')}{got}"
        case "less_than_equal":
            return f"må højst være {ctx.get('le')}{got}"
        case "too_short":
            return f"skal have mindst {ctx.get('min_length')} punkt(er), men har {ctx.get('actual_length', 0)}"
        case "list_type" | "tuple_type":
            return f"forventede en liste, hvor hvert punkt står på sin egen linje og begynder med '- '{got}"
        case "model_type" | "dict_type" | "model_attributes_type":
            return f"forventede en gruppe af felter (navn: værdi) rykket ind under feltet{got}"
        case "value_error" | "assertion_error":
            return f"{ctx.get('error', err['msg'])}{got if value is not None and not isinstance(value, dict) else ''}"
        case _:
            return f"ugyldig værdi{got}: {err['msg']}"


def _pattern_message(pattern: str, value: Any) -> str:
    """The rule of the field's own type (models.PATTERN_RULES), with the value as typed."""
    rule = PATTERN_RULES.get(pattern, "har ikke den form, feltet kræver; se feltreferencen")
    return f"{rule} (fik {show(value)})"


def _also(model: type[BaseModel], loc: Loc) -> str:
    rule = _field_rule(model, loc)
    return f"; {rule}" if rule else ""


def _field_rule(model: type[BaseModel], loc: Loc) -> str | None:
    """The Danish rule of the text type of the field at `loc` (an item of a list counts as its field)."""
    names = [i for i, p in enumerate(loc) if isinstance(p, str)]
    if not names:
        return None
    owner = _model_at(model, loc[: names[-1]])
    info = owner.model_fields.get(str(loc[names[-1]])) if owner else None
    if info is None:
        return None
    for constraint in [*info.metadata, *_metadata(info.annotation)]:
        rule = PATTERN_RULES.get(getattr(constraint, "pattern", None) or "")
        if rule:
            return rule
    return None


def _metadata(annotation: Any) -> list[Any]:
    """Every Annotated[...] marker inside an annotation, unions and tuples included."""
    if typing.get_origin(annotation) is typing.Annotated:
        return [*annotation.__metadata__, *_metadata(typing.get_args(annotation)[0])]
    return [m for arg in typing.get_args(annotation) if arg is not Ellipsis for m in _metadata(arg)]


def _unwrap(annotation: Any) -> list[Any]:
    """The concrete types inside Optional[...], tuple[X, ...], Annotated[...] and unions."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, tuple, list):
        return [t for arg in typing.get_args(annotation) if arg is not Ellipsis for t in _unwrap(arg)]
    return [annotation]


def _model_at(model: type[BaseModel] | None, loc: Loc) -> type[BaseModel] | None:
    for part in loc:
        if model is None:
            return None
        if isinstance(part, int):
            continue
        info = model.model_fields.get(part)
        if info is None:
            return None
        model = next((t for t in _unwrap(info.annotation) if isinstance(t, type) and issubclass(t, BaseModel)), None)
    return model


def _fields_of(model: type[BaseModel] | None) -> list[str]:
    return list(model.model_fields) if model else []


def _allowed_values(model: type[BaseModel], loc: Loc) -> list[str]:
    """The allowed values of the field at `loc` (a vocabulary's ids or a Literal's values), in their order."""
    if loc[-1:] == ("[key]",):  # a key of a dict field (dict[SomeId, ...]): the field, then its key type
        owner, name = _model_at(model, loc[:-3]), loc[-3]
        info = owner.model_fields.get(name) if owner and isinstance(name, str) else None
        keys = typing.get_args(info.annotation)[:1] if info and typing.get_origin(info.annotation) is dict else ()
        return [v for k in keys for t in _unwrap(k) for v in _choices(t)]
    names = [p for p in loc if isinstance(p, str)]
    owner = _model_at(model, loc[: max(i for i, p in enumerate(loc) if isinstance(p, str))]) if names else None
    info = owner.model_fields.get(names[-1]) if owner else None
    if info is None:
        return []
    return [v for t in _unwrap(info.annotation) for v in _choices(t)]


def _choices(annotation: Any) -> list[str]:
    """The values an enum (a vocabulary) or a Literal allows; none for any other type."""
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return [str(member.value) for member in annotation]
    return [str(v) for v in typing.get_args(annotation)] if typing.get_origin(annotation) is Literal else []
