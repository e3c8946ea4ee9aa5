"""Dates of what the editors saw: none may lie after the build's date.

When a web page was read (`read_on` of every source), when the data was verified (`last_verified`), when the places
were counted (`capacity.updated`), when the accessibility statement was reviewed and tested: each says that
something happened, and the site shows it as a fact ("læst 30. november 2026"). A date after today cannot be true.
Dates that may lie ahead (a policy's `valid_from` and `valid_to`) are not in OBSERVED.

`future_dates(record, doc, today)` finds every such date in a record or a table, wherever it stands in it (a
source of a fact of an offer, an address of a municipality's entrance ...), as file, line and field.
"""

from __future__ import annotations

import functools
import re
import types
import typing
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel

from . import models
from .loader import Document, Loc
from .problems import Problem, field_path

OBSERVED: dict[tuple[type[BaseModel], str], str] = {
    (models.SourceReference, "read_on"): "siden faktisk blev læst",
    (models.WebSource, "read_on"): "siden faktisk blev læst",
    (models.Capacity, "updated"): "tallene faktisk blev opgjort",
    (models.Offer, "last_verified"): "oplysningerne faktisk blev bekræftet",
    (models.Contact, "last_verified"): "oplysningerne faktisk blev bekræftet",
    (models.AccessibilityStatement, "last_reviewed"): "erklæringen faktisk blev gennemgået",
    (models.AccessibilityStatement, "tested"): "testen faktisk blev udført",
    (models.ManualTest, "done"): "testen faktisk blev udført",
}
"""(model, field) → what the date says happened that day, as the message ends: "skriv den dag, <what>"."""


def future_dates(
    record: BaseModel | dict[str, Any], doc: Document, today: date, model: type[BaseModel] | None = None
) -> Iterator[Problem]:
    """An error for every date of OBSERVED in `record` (read from `doc`) that lies after `today`.

    `record` is a validated record or table, or, for a file that failed validation for another reason, its data as
    read (`doc.data`) with its `model`: a date in the future is its own mistake, reported in the same run.
    """
    for loc, when, what in _observed(record, model or type(record), ()):
        if when > today:
            yield Problem(
                doc.path,
                doc.line_of(loc),
                field_path(loc),
                f"datoen {when.isoformat()} ligger i fremtiden; skriv den dag, {what}",
            )


def _observed(value: object, model: type | None, loc: Loc) -> Iterator[tuple[Loc, date, str]]:
    """(where, date, what happened) for every date of OBSERVED in `value`, an instance of `model` or its data."""
    if not isinstance(value, BaseModel | dict) or not isinstance(model, type) or not issubclass(model, BaseModel):
        return
    for name, what, inner, many in _fields_to_visit(model):
        field_value = getattr(value, name, None) if isinstance(value, BaseModel) else value.get(name)
        if what is not None:
            when = _as_date(field_value)
            if when is not None:
                yield (*loc, name), when, what
        elif many and isinstance(field_value, tuple | list):
            for i, item in enumerate(field_value):
                yield from _observed(item, type(item) if isinstance(item, BaseModel) else inner, (*loc, name, i))
        elif not many:
            yield from _observed(field_value, inner, (*loc, name))


def _as_date(value: object) -> date | None:
    """A date as the model reads it: a date, or one written in quotes ('2024-01-31'); None for anything else."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()) if re.fullmatch(models.DATE_PATTERN, value.strip()) else None
        except ValueError:
            return None
    return None


@functools.cache
def _fields_to_visit(model: type[BaseModel]) -> tuple[tuple[str, str | None, type | None, bool], ...]:
    """(name, what, inner model, many) for every field of `model` that is an observed date or may hold one.

    `what` is the date's meaning (OBSERVED), None for a field holding models: one (`many` False) or a list of them.
    Known once per model from its annotations, so a record's text fields are never walked.
    """
    found: list[tuple[str, str | None, type | None, bool]] = []
    for name, info in model.model_fields.items():
        inner = [m for m in _models_in(info.annotation) if _holds_observed(m)]
        if (model, name) in OBSERVED:
            found.append((name, OBSERVED[(model, name)], None, False))
        elif inner:
            found.append((name, None, inner[0], _is_list(info.annotation)))
    return tuple(found)


@functools.cache
def _holds_observed(model: type[BaseModel]) -> bool:
    """Whether a `model` value can hold an observed date, itself or in a model below it."""
    return bool(_fields_to_visit(model))


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The models named in an annotation, inside Optional[...], tuple[...] and Annotated[...]."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _models_in(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, tuple, list):
        return [m for arg in typing.get_args(annotation) if arg is not Ellipsis for m in _models_in(arg)]
    return []


def _is_list(annotation: Any) -> bool:
    """Whether the annotation is a list of values (tuple[X, ...]), possibly optional."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _is_list(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return any(_is_list(arg) for arg in typing.get_args(annotation))
    return origin in (tuple, list)
