"""The models accept every valid fixture and every real record, and refuse what the rules forbid."""
from __future__ import annotations

from datetime import date

import pytest
import yaml
from pydantic import ValidationError

from macros.data import models
from macros.data.vocabulary import THEMES

from conftest import FIXTURES, ROOT


def load(name: str) -> dict:
    return yaml.safe_load((FIXTURES / name).read_text("utf-8"))


@pytest.mark.parametrize("name, model", [
    ("policy_minimal.yaml", models.Policy),
    ("policy_with_story_consent.yaml", models.Policy),
    ("municipality_minimal.yaml", models.Municipality),
    ("contact_minimal.yaml", models.Contact),
    ("offer_minimal.yaml", models.Offer),
])
def test_valid_fixtures_validate(name, model):
    record = model.model_validate(load(name))
    assert record.id == load(name)["id"]


@pytest.mark.parametrize("path", sorted((ROOT / "policies").glob("*.yaml")), ids=lambda p: p.stem)
def test_every_real_policy_validates(path):
    policy = models.Policy.model_validate(yaml.safe_load(path.read_text("utf-8")))
    assert policy.focus_areas.areas, "a policy without focus areas says nothing"
    assert all(area.themes for area in policy.focus_areas.areas)


def test_records_are_frozen():
    policy = models.Policy.model_validate(load("policy_minimal.yaml"))
    with pytest.raises(ValidationError):
        policy.title = "Ny titel"


def test_unknown_field_is_refused():
    data = load("policy_minimal.yaml") | {"titel": "x"}
    with pytest.raises(ValidationError) as exc:
        models.Policy.model_validate(data)
    assert exc.value.errors()[0]["type"] == "extra_forbidden"


def test_story_needs_anonymisation_or_consent():
    data = load("policy_with_story_consent.yaml")
    data["stories"]["items"][0].pop("consent")
    with pytest.raises(ValidationError, match="anonymiseret"):
        models.Policy.model_validate(data)


def test_period_must_not_end_before_it_starts():
    data = load("policy_minimal.yaml") | {"valid_from": date(2026, 1, 1), "valid_to": date(2025, 12, 31)}
    with pytest.raises(ValidationError) as exc:
        models.Policy.model_validate(data)
    assert exc.value.errors()[0]["loc"] == ("valid_to",)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<b>x</b>", "ftp://x.dk", "www.x.dk"])
def test_unsafe_or_incomplete_urls_are_refused(url):
    with pytest.raises(ValidationError):
        models.Municipality.model_validate(load("municipality_minimal.yaml") | {"website": url})


@pytest.mark.parametrize("value, shown", [("2017", "2017"), ("2017-01", "januar 2017"),
                                          ("2017-01-31", "31. januar 2017")])
def test_partial_dates(value, shown):
    assert models.format_partial_date(value) == shown


@pytest.mark.parametrize("value", ["2017-13", "januar 2017", "2017-02-30", "17"])
def test_impossible_partial_dates_are_refused(value):
    data = load("policy_minimal.yaml") | {"adopted": value}
    with pytest.raises(ValidationError):
        models.Policy.model_validate(data)


def test_every_field_has_a_danish_description():
    def walk(model, seen):
        if model in seen:
            return
        seen.add(model)
        for name, info in model.model_fields.items():
            assert info.description, f"{model.__name__}.{name} has no description"
            for sub in _submodels(info.annotation):
                walk(sub, seen)
    for model in (models.Policy, models.Municipality, models.Offer, models.Contact):
        walk(model, set())


def _submodels(annotation):
    import typing
    for arg in typing.get_args(annotation) or (annotation,):
        if isinstance(arg, type) and issubclass(arg, models.Model):
            yield arg
        elif typing.get_args(arg):
            yield from _submodels(arg)


def test_themes_are_documented():
    assert {"bolig", "beskaeftigelse", "sundhed", "misbrug", "psykiatri", "faellesskab", "paaroerende",
            "recovery", "forebyggelse", "samarbejde", "medinddragelse"} <= set(THEMES)
    assert all(t.label and t.description for t in THEMES.values())
