"""Where a policy's words live on its page: section anchors and labels, every passage, and paths into a policy."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from . import models

# Top-level policy field → the anchor its section has on the policy page (see templates/policy.html.j2).
SECTION_ANCHORS = {
    "preface": "forord",
    "vision": "vision",
    "strategic_goals": "strategiske-maal",
    "values": "vaerdier",
    "target_group": "maalgruppe",
    "background": "baggrund",
    "approach": "tilgang",
    "focus_areas": "fokusomraader",
    "stories": "historier",
    "facts": "fakta",
    "follow_up": "opfoelgning",
    "related_policies": "relaterede-politikker",
}

# Fields that name, tag or file a passage rather than say something; never quoted on their own.
_NOT_TEXT = {"id", "themes", "municipality", "kind", "policy", "adopted", "date", "heading", "principles_heading"}

# Lists of paragraphs (shown as paragraphs); every other list of strings is shown as a bullet list.
PARAGRAPH_LISTS = {"paragraphs", "closing", "challenges_closing", "intro", "vision"}


@dataclass(frozen=True)
class Passage:
    """One string of a policy with the section of the policy page it stands in."""

    policy: models.Policy
    path: tuple[str | int, ...]
    anchor: str
    section: str
    text: str


class CitationError(ValueError):
    """A guide cites a part of a policy that does not exist."""


def section_of(policy: models.Policy, path: tuple[str | int, ...]) -> tuple[str, str]:
    """(anchor, heading) of the section of the policy page that holds `path`."""
    top = path[0]
    if top == "source":  # the site's own note on how the document is reproduced
        return "kilde", "Om gengivelsen"
    if top == "values":
        index = path[1] if len(path) > 1 and isinstance(path[1], int) else 0
        return ("vaerdier" if index == 0 else f"vaerdier-{index + 1}"), policy.values[index].heading
    if top == "focus_areas" and len(path) > 2 and path[1] == "areas":
        area = _area(policy, path[2])
        return area.id, area.title
    if top not in SECTION_ANCHORS:
        raise CitationError(f"politikken '{policy.id}' har intet afsnit '{top}' på sin side")
    section = getattr(policy, top)
    return SECTION_ANCHORS[top], getattr(section, "heading", None) or policy.title


def heading_of(policy: models.Policy, anchor: str) -> str | None:
    """The heading of the section with `anchor` on the policy page, if it has one."""
    for area in policy.focus_areas.areas:
        if area.id == anchor:
            return area.title
    for i, value_set in enumerate(policy.values):
        if anchor == ("vaerdier" if i == 0 else f"vaerdier-{i + 1}"):
            return value_set.heading
    for field, field_anchor in SECTION_ANCHORS.items():
        section = getattr(policy, field)
        if field_anchor == anchor and section and field != "values":
            return getattr(section, "heading", None)
    return None


def anchors(policy: models.Policy) -> set[str]:
    """Every section anchor the policy's page has."""
    found = {"kilde"} | {a.id for a in policy.focus_areas.areas}
    for field, anchor in SECTION_ANCHORS.items():
        value = getattr(policy, field)
        if field == "values":
            found |= {"vaerdier" if i == 0 else f"vaerdier-{i + 1}" for i in range(len(value))}
        elif value:
            found.add(anchor)
    return found


def _area(policy: models.Policy, key: str | int) -> models.FocusArea:
    areas = policy.focus_areas.areas
    if isinstance(key, int):
        return areas[key]
    for area in areas:
        if area.id == key:
            return area
    raise CitationError(f"politikken '{policy.id}' har intet fokusområde '{key}'")


def parse_path(path: str) -> tuple[str | int, ...]:
    """'focus_areas.areas.borgeren-i-centrum.guidelines.2' → ('focus_areas', 'areas', 'borgeren-i-centrum', ...)."""
    if not path or not re.fullmatch(r"[a-z0-9_-]+(\.[a-z0-9_-]+)*", path):
        raise CitationError(f"'{path}' er ikke en sti som 'target_group.challenges' eller 'values.0'")
    return tuple(int(part) if part.isdigit() else part for part in path.split("."))


def resolve(policy: models.Policy, path: tuple[str | int, ...]) -> tuple[Any, tuple[str | int, ...]]:
    """The value at `path` in the policy and the path with focus-area indexes turned into ids."""
    value: Any = policy
    canonical: list[str | int] = []
    for step in path:
        if isinstance(value, tuple):
            if isinstance(step, str) and value and hasattr(value[0], "id"):
                match = next((v for v in value if v.id == step), None)
                if match is None:
                    raise CitationError(
                        f"'{policy.id}': intet element med id '{step}' i {'.'.join(map(str, canonical))}"
                    )
                value = match
            elif isinstance(step, int) and 0 <= step < len(value):
                value = value[step]
                if hasattr(value, "id") and canonical[-2:] == ["focus_areas", "areas"]:
                    step = value.id
            else:
                raise CitationError(f"'{policy.id}': {'.'.join(map(str, canonical))} har intet element {step}")
        elif isinstance(value, BaseModel) and isinstance(step, str) and step in type(value).model_fields:
            value = getattr(value, step)
        else:
            raise CitationError(
                f"'{policy.id}': {'.'.join(map(str, canonical)) or 'politikken'} har intet felt '{step}'"
            )
        if value is None:
            raise CitationError(f"'{policy.id}': feltet {'.'.join(map(str, [*canonical, step]))} er tomt")
        canonical.append(step)
    return value, tuple(canonical)


def passages(policy: models.Policy, *, stories: bool = False) -> Iterator[Passage]:
    """Every quotable string of the policy in page order, with its section; personal stories only if asked."""
    for field in SECTION_ANCHORS:
        if field == "stories" and not stories:
            continue
        value = getattr(policy, field)
        if not value:
            continue
        for path, text in _strings(value, (field,)):
            anchor, section = section_of(policy, path)
            yield Passage(policy, path, anchor, section, text)


def _strings(value: Any, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            if name not in _NOT_TEXT:
                yield from _strings(getattr(value, name), path + (name,))
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            key: str | int = item.id if isinstance(item, models.FocusArea) else index
            yield from _strings(item, path + (key,))
