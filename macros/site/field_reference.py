"""The editors' field reference, generated from the models: a new field appears with no hand edit.

For every field of every kind: its path as written in YAML, meaning, type, whether it is required,
allowed values, and an example taken from the public view of the data (public_view.py: never a confidential
location's name or address, never an internal phone) or, where it has none, the default.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from datetime import date
from typing import Any, Literal

from markupsafe import Markup
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..data import models, vocabulary
from ..data.catalog import Catalog
from ..data.kinds import RECORD_KINDS
from .render import md_escape

KINDS: dict[str, tuple[type[BaseModel], str]] = {
    **{kind.name: (kind.model, kind.folder) for kind in RECORD_KINDS},
    "glossary": (models.GlossaryTerm, "glossary"),  # each item of vocabularies/glossary.yaml
}


def rows(catalog: Catalog, kind: str) -> list[dict]:
    """The rows of a kind's field table (templates/field_reference.md.j2), one per field and nested field in order.

    `kind` is a key of KINDS ('offer', 'glossary'; KeyError otherwise); each row has `path`, `depth`, `description`,
    `type`, `required`, `allowed` and an `example` from the catalog (the public view).
    """
    model, folder = KINDS[kind]
    records = [r.model_dump(mode="json", exclude_none=True) for r in getattr(catalog, folder).values()]
    return list(_rows(model, (), records))


def _rows(model: type[BaseModel], path: tuple[str, ...], records: list[Any]) -> Iterator[dict]:
    for name, info in model.model_fields.items():
        field_path = path + (name,)
        inner, is_list = _inner(info.annotation)
        sub = inner if isinstance(inner, type) and issubclass(inner, BaseModel) else None
        values = [v for r in records for v in _values(r, field_path)]
        yield {
            "path": ".".join(field_path).replace(".[]", "[]"),
            "depth": len([p for p in field_path if p != "[]"]) - 1,
            "description": with_code(info.description or ""),
            "type": _type_label(inner, is_list),
            "required": "Ja" if info.is_required() else "Nej",
            "allowed": ", ".join(_allowed(inner)),
            "example": _example(values, info, sub is not None),
        }
        if sub is not None:
            yield from _rows(sub, field_path + (("[]",) if is_list else ()), records)


def _values(record: Any, path: tuple[str, ...]) -> Iterator[Any]:
    if not path:
        yield record
        return
    head, rest = path[0], path[1:]
    if head == "[]":
        for item in record if isinstance(record, list) else ():
            yield from _values(item, rest)
    elif isinstance(record, dict) and head in record:
        yield from _values(record[head], rest)


def _inner(annotation: Any) -> tuple[Any, bool]:
    """The element type, and whether the field is a list of it (Optional and Annotated unwrapped)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _inner(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _inner(args[0])
    if origin in (tuple, list):
        inner, _ = _inner(typing.get_args(annotation)[0])
        return inner, True
    return annotation, False


def _type_label(inner: Any, is_list: bool) -> str:
    if typing.get_origin(inner) is Literal or _is_choice(inner):
        single = "en af de tilladte værdier"
    elif isinstance(inner, type) and issubclass(inner, BaseModel):
        single = f"gruppe af felter ({inner.__name__})"
    else:
        single = {str: "tekst", int: "heltal", bool: "true eller false", date: "dato (ÅÅÅÅ-MM-DD)"}.get(inner, "tekst")
    return f"liste af: {single}" if is_list else single


def _is_choice(inner: Any) -> bool:
    return isinstance(inner, type) and issubclass(inner, vocabulary.Choice)


def _allowed(inner: Any) -> list[str]:
    """The values the field allows, each with its Danish label where the vocabulary has one."""
    if _is_choice(inner):
        return [f"{m.value} ({m.label})" if isinstance(m, vocabulary.Vocabulary) else m.value for m in inner]
    return [str(v) for v in typing.get_args(inner)] if typing.get_origin(inner) is Literal else []


def _example(values: list[Any], info: FieldInfo, is_group: bool) -> str:
    if is_group:
        return ""
    for value in values:
        # A list shows its first items as the editor reads them, not as Python writes a list.
        text = ", ".join(_scalar(v) for v in value[:3]) if isinstance(value, list) else _scalar(value)
        if text:
            return text if len(text) <= 80 else text[:77] + "..."
    if not info.is_required() and info.default not in (None, ()):
        return f"{info.default} (standard)"
    return ""


def _scalar(value: Any) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def with_code(text: str) -> Markup:
    """Escaped text in which `backticked` parts are shown as code, as the descriptions intend."""
    parts = text.split("`")
    return Markup("".join(f"<code>{md_escape(p)}</code>" if i % 2 else md_escape(p) for i, p in enumerate(parts)))
