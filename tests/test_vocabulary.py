"""The vocabularies are enums, yet editors, pages and exports see exactly the ids the editors write.

An unknown value gets the same Danish message as ever (file, line, field, the value as typed, a guess and the
allowed values in the vocabulary's order); a validated value is the member, equal to its id and written as its
id in JSON, CSV and text; the editors' JSON Schema lists the allowed values in the field itself.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from pydantic import ValidationError

from macros.data import models
from macros.data.catalog import _read_record
from macros.data.loader import read_document
from macros.data.messages import problems_from
from macros.data.vocabulary import OfferKind, OfferStatus, Region, SocialProblem, Vocabulary
from macros.tools.schemas import schema_text

OFFER = "id: xx\nname: Værested\nsummary: Et sted.\nmunicipality: roedovre\nkinds: [samvaer]\n"


def _problems(text: str, model=models.Offer) -> list[str]:
    record, _doc, problems = _read_record(text.encode("utf-8"), "xx", "offers/xx.yaml", model)
    assert record is None
    return [str(p) for p in problems]


def test_an_unknown_status_is_reported_with_the_value_as_typed_and_the_allowed_ids():
    assert _problems(OFFER + "status: aktivt\n") == [
        "offers/xx.yaml:6: status: værdien 'aktivt' er ikke tilladt. Mente du 'aktiv'? "
        "Tilladte værdier: aktiv, midlertidigt-lukket, lukket"
    ]


def test_an_unknown_item_of_a_list_names_its_place_and_the_whole_vocabulary():
    (problem,) = _problems(OFFER.replace("kinds: [samvaer]", "kinds: [samvaer, Dagtilbud]"))
    assert problem.startswith("offers/xx.yaml:5: kinds[1]: værdien 'Dagtilbud' er ikke tilladt.")
    assert problem.endswith("Tilladte værdier: " + ", ".join(kind.value for kind in OfferKind))


def test_a_value_that_is_not_text_is_shown_as_typed():
    (problem,) = _problems(OFFER + "problems: [17]\n")
    assert problem.startswith("offers/xx.yaml:6: problems[0]: værdien 17 er ikke tilladt.")
    assert "Tilladte værdier: hjemloeshed, stofmisbrug," in problem


def test_a_region_is_one_of_the_five_as_they_write_themselves():
    (problem,) = _problems("id: xx\nname: Testby\nkommunekode: '0175'\nregion: Hovedstaden\n", models.Municipality)
    assert problem.startswith("offers/xx.yaml:4: region: værdien 'Hovedstaden' er ikke tilladt.")
    assert problem.endswith("Tilladte værdier: " + ", ".join(Region))


def test_an_unknown_key_of_the_search_terms_is_reported_with_the_problems_allowed():
    doc = read_document(b"problems:\n  hjemloshed: [gadesover]\n", "vocabularies/search_terms.yaml")
    with pytest.raises(ValidationError) as error:
        models.SearchTerms.model_validate(doc.data)
    (problem,) = [str(p) for p in problems_from(error.value, doc, models.SearchTerms)]
    assert problem.startswith("vocabularies/search_terms.yaml:2: problems.hjemloshed")
    assert "værdien 'hjemloshed' er ikke tilladt. Mente du 'hjemloeshed'?" in problem
    assert problem.endswith("Tilladte værdier: " + ", ".join(SocialProblem))


def test_a_validated_value_is_the_member_and_is_written_as_the_id_everywhere():
    record, _doc, problems = _read_record(
        (OFFER + "status: midlertidigt-lukket\nproblems: [hjemloeshed]\n").encode("utf-8"),
        "xx",
        "offers/xx.yaml",
        models.Offer,
    )
    assert problems == [] and record is not None
    assert record.status is OfferStatus.TEMPORARILY_CLOSED and record.status == "midlertidigt-lukket"
    assert record.status.label == "Midlertidigt lukket"
    assert record.problems == (SocialProblem.HOMELESSNESS,)
    dumped = record.model_dump(mode="json")
    assert type(dumped["status"]) is str and dumped["status"] == "midlertidigt-lukket"
    assert json.dumps({"status": record.status, "problems": record.problems}) == (
        '{"status": "midlertidigt-lukket", "problems": ["hjemloeshed"]}'
    )
    cell = io.StringIO()
    csv.writer(cell).writerow([record.status, *record.kinds])
    assert cell.getvalue() == "midlertidigt-lukket,samvaer\r\n"
    assert f"{record.status} / {record.kinds[0]}" == "midlertidigt-lukket / samvaer"


def test_the_editors_schema_lists_a_vocabularys_values_in_the_field_itself():
    schema = json.loads(schema_text("offer"))
    assert "OfferStatus" not in schema.get("$defs", {})
    status = schema["properties"]["status"]["anyOf"][0]
    assert status == {"enum": ["aktiv", "midlertidigt-lukket", "lukket"], "type": "string"}
    assert schema["properties"]["kinds"]["items"]["enum"] == [kind.value for kind in OfferKind]
    policy = json.loads(schema_text("policy"))
    assert not {"Theme", "Transcription", "AuthorRole", "AgeGroup"} & set(policy["$defs"])
    assert policy["$defs"]["FocusArea"]["properties"]["themes"]["items"]["enum"][:2] == ["bolig", "beskaeftigelse"]


def test_a_vocabulary_member_without_a_label_and_a_meaning_is_refused_where_it_is_written():
    with pytest.raises(TypeError, match="needs an id, a label and a description"):

        class Broken(Vocabulary):
            ONLY_AN_ID = "kun-id"
