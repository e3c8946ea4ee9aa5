"""The models accept every valid fixture and every real record, and refuse what the rules forbid."""

from __future__ import annotations

from datetime import date

import pytest
import yaml
from conftest import FIXTURES, ROOT
from pydantic import ValidationError

from macros.data import models
from macros.data.vocabulary import THEMES


def load(name: str) -> dict:
    return yaml.safe_load((FIXTURES / name).read_text("utf-8"))


@pytest.mark.parametrize(
    ("name", "model"),
    [
        ("policy_minimal.yaml", models.Policy),
        ("policy_with_story_consent.yaml", models.Policy),
        ("municipality_minimal.yaml", models.Municipality),
        ("contact_minimal.yaml", models.Contact),
        ("offer_minimal.yaml", models.Offer),
        ("offer_with_service_area.yaml", models.Offer),
        ("municipality_outside_hovedstaden.yaml", models.Municipality),
        ("contact_with_committee_kind.yaml", models.Contact),
        ("contact_with_service_area.yaml", models.Contact),
        ("contact_with_municipality_outside_hovedstaden.yaml", models.Contact),
        ("policy_with_partial_transcription.yaml", models.Policy),
        ("policy_with_untitled_introduction.yaml", models.Policy),
        ("policy_with_authors.yaml", models.Policy),
        ("policy_with_children_in_target_group.yaml", models.Policy),
    ],
)
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


@pytest.mark.parametrize(
    ("value", "shown"), [("2017", "2017"), ("2017-01", "januar 2017"), ("2017-01-31", "31. januar 2017")]
)
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
    assert {
        "bolig",
        "beskaeftigelse",
        "sundhed",
        "misbrug",
        "psykiatri",
        "faellesskab",
        "paaroerende",
        "recovery",
        "forebyggelse",
        "samarbejde",
        "medinddragelse",
    } <= set(THEMES)
    assert all(t.label and t.description for t in THEMES.values())


def test_every_fixture_is_validated_by_a_test():
    listed = {name for name, _ in test_valid_fixtures_validate.pytestmark[0].args[1]}
    named = {p.name for p in FIXTURES.glob("*.yaml")} - {
        "offer_full.yaml",
        "contact_full.yaml",
        "offer_with_confidential_address.yaml",
    }
    assert named <= listed, named - listed


def test_a_contact_without_a_municipality_must_say_where_it_works():
    data = load("contact_with_service_area.yaml")
    data.pop("service_area")
    with pytest.raises(ValidationError, match="skal sige, hvor den arbejder") as exc:
        models.Contact.model_validate(data)
    assert exc.value.errors()[0]["loc"] == ("service_area",)


@pytest.mark.parametrize(
    ("area", "message"),
    [
        ({"kind": "kommuner"}, "mindst én kommune"),
        ({"kind": "region"}, "skal nævne regionen"),
        ({"kind": "hele-landet", "region": "Region Syddanmark"}, "region bruges kun med kind: region"),
        ({"kind": "region", "region": "Region Fyn"}, "Region Syddanmark"),
    ],
)
def test_a_service_area_says_exactly_what_it_covers(area, message):
    with pytest.raises(ValidationError, match=message):
        models.Contact.model_validate(load("contact_with_service_area.yaml") | {"service_area": area})


def test_a_partial_transcription_must_say_what_is_missing():
    data = load("policy_with_partial_transcription.yaml")
    data["source"].pop("missing_note")
    with pytest.raises(ValidationError, match="missing_note skal sige, hvad der mangler"):
        models.Policy.model_validate(data)
    data["source"] |= {"transcription": "hele", "missing_note": "Side 3 mangler."}
    with pytest.raises(ValidationError, match="er gengivelsen ikke hel"):
        models.Policy.model_validate(data)


def test_an_untitled_introduction_gets_no_made_up_heading():
    assert models.Policy.model_validate(load("policy_with_untitled_introduction.yaml")).preface.heading is None


@pytest.mark.parametrize(
    ("age_min", "scope", "message"),
    [
        (10, ["unge", "voksne"], "nævner ikke børn"),
        (16, ["voksne"], "nævner kun voksne"),
        (18, ["boern", "voksne"], "begynder først ved 18"),
    ],
)
def test_the_age_scope_agrees_with_the_ages(age_min, scope, message):
    data = load("policy_with_children_in_target_group.yaml")
    data["target_group"] |= {"age_min": age_min, "age_scope": scope}
    with pytest.raises(ValidationError, match=message):
        models.Policy.model_validate(data)


def test_a_committee_is_its_own_kind_of_contact():
    from macros.data.vocabulary import CONTACT_KINDS

    contact = models.Contact.model_validate(load("contact_with_committee_kind.yaml"))
    assert CONTACT_KINDS[contact.kind].label == "Politisk udvalg"
