"""The JSON Schemas in schemas/ match the models, and every data file declares and satisfies its schema."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import ROOT

from macros.tools import schemas

FOLDERS = {"policies": "policy", "offers": "offer", "contacts": "contact", "municipalities": "municipality"}
TABLES = {
    "vocabularies/legal_bases.yaml": "legal_bases",
    "about/accessibility.yaml": "accessibility",
    "vocabularies/glossary.yaml": "glossary",
    "vocabularies/emergency.yaml": "emergency",
}
DATA_FILES = [p for folder in FOLDERS for p in sorted((ROOT / folder).glob("*.yaml"))] + [
    ROOT / table for table in TABLES
]


def schema_name(path: Path) -> str:
    return FOLDERS.get(path.parent.name) or TABLES[f"{path.parent.name}/{path.name}"]


def test_committed_schemas_match_the_models():
    result = subprocess.run(
        [sys.executable, "-m", "macros", "schemas", "--check"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_drift_is_detected(tmp_path):
    (tmp_path / "schemas").mkdir()
    schemas.write_schemas(tmp_path)
    path = tmp_path / "schemas" / "offer.schema.json"
    path.write_text(path.read_text("utf-8").replace("Tilbuddets navn.", "Et gammelt navn."), "utf-8")
    assert schemas.drifted(tmp_path) == ["schemas/offer.schema.json"]


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_data_file_declares_and_satisfies_its_schema(path):
    text = path.read_text("utf-8")
    expected = f"# yaml-language-server: $schema=../schemas/{schema_name(path)}.schema.json"
    assert text.splitlines()[0] == expected
    schema = json.loads((ROOT / "schemas" / f"{schema_name(path)}.schema.json").read_text("utf-8"))
    data = json.loads(json.dumps(yaml.safe_load(text), default=str))  # dates as ÅÅÅÅ-MM-DD, as editors see them
    jsonschema.Draft202012Validator(schema).validate(data)


def test_field_reference_lists_every_field_of_every_model(built_site):
    """A new field in a model appears in the editors' reference with no hand edit."""
    from sitetext import page

    from macros.site.field_reference import KINDS

    html_text = page(built_site, "redaktoer/feltreference")

    def paths(model, prefix=""):
        from pydantic import BaseModel

        from macros.site.field_reference import _inner

        for name, info in model.model_fields.items():
            yield prefix + name
            inner, is_list = _inner(info.annotation)
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                yield from paths(inner, prefix + name + ("[]." if is_list else "."))

    for model, _ in KINDS.values():
        for path in paths(model):
            assert f"<code>{path}</code>" in html_text.replace("&#46;", ".").replace("&#91;", "[").replace(
                "&#93;", "]"
            ).replace("&#95;", "_"), path
