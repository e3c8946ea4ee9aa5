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
from macros import schemas

FOLDERS = {"policies": "policy", "offers": "offer", "contacts": "contact", "municipalities": "municipality"}
DATA_FILES = [p for folder in FOLDERS for p in sorted((ROOT / folder).glob("*.yaml"))] + \
    [ROOT / "vocabularies" / "legal_bases.yaml"]


def schema_name(path: Path) -> str:
    return FOLDERS.get(path.parent.name, "legal_bases")


def test_committed_schemas_match_the_models():
    result = subprocess.run([sys.executable, "-m", "macros", "schemas", "--check"], cwd=ROOT,
                            capture_output=True, text=True)
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
