"""Create a new, valid data file from a template whose comments tell the editor what to do next."""
from __future__ import annotations

import re
from pathlib import Path

from ..data.catalog import KINDS
from ..data.models import ID_PATTERN

TEMPLATES = Path(__file__).parent / "templates"
FOLDERS = {"offer": "offers", "contact": "contacts", "policy": "policies"}


def scaffold(root: Path, kind: str, record_id: str, municipality: str) -> Path:
    """Write <folder>/<id>.yaml; refuse a bad id, an unknown municipality or an existing file (in Danish)."""
    if not re.match(ID_PATTERN, record_id):
        raise ValueError(f"id'et '{record_id}' må kun indeholde små bogstaver a-z, tal og bindestreger")
    if not (root / "municipalities" / f"{municipality}.yaml").is_file():
        known = ", ".join(sorted(p.stem for p in (root / "municipalities").glob("*.yaml")))
        raise ValueError(f"kommunen '{municipality}' findes ikke; kendte kommuner: {known}")
    target = root / FOLDERS[kind] / f"{record_id}.yaml"
    if target.exists():
        raise ValueError(f"{target.relative_to(root)} findes allerede")
    assert FOLDERS[kind] in KINDS
    text = (TEMPLATES / f"{kind}.yaml").read_text("utf-8")
    target.parent.mkdir(exist_ok=True)
    target.write_text(text.replace("{id}", record_id).replace("{municipality}", municipality), "utf-8")
    return target
