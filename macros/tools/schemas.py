"""JSON Schemas generated from the models, one per kind, for editors' autocompletion and inline errors."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from ..data import models
from ..data.kinds import RECORD_KINDS

SCHEMA_DIR = "schemas"

# File name (without .schema.json) → model; the data files point here with a yaml-language-server line.
KINDS: dict[str, type[BaseModel]] = {
    **{kind.name: kind.model for kind in RECORD_KINDS},
    "legal_bases": models.LegalBasisTable,
    "accessibility": models.AccessibilityStatement,
    "glossary": models.Glossary,
    "search_terms": models.SearchTerms,
    "emergency": models.EmergencyHelp,
}

HEADER = "Genereret af `python -m macros schemas` ud fra macros/data/models.py. Ret ikke i filen; ret modellen."


def schema_text(name: str) -> str:
    """The JSON Schema (draft 2020-12, as indented JSON text) of the model `name` in KINDS, e.g. 'offer'.

    Raises KeyError for an unknown name.
    """
    schema = KINDS[name].model_json_schema()
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$comment": HEADER, **schema}
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def write_schemas(root: Path) -> list[Path]:
    """(Re)write every schema file; return the paths written."""
    out = root / SCHEMA_DIR
    out.mkdir(exist_ok=True)
    written = []
    for name in KINDS:
        path = out / f"{name}.schema.json"
        path.write_text(schema_text(name), "utf-8")
        written.append(path)
    return written


def drifted(root: Path) -> list[str]:
    """Schema files that differ from what the models generate now (or are missing)."""
    return [
        f"{SCHEMA_DIR}/{name}.schema.json"
        for name in KINDS
        if not (root / SCHEMA_DIR / f"{name}.schema.json").is_file()
        or (root / SCHEMA_DIR / f"{name}.schema.json").read_text("utf-8") != schema_text(name)
    ]
