"""Open data: offers, contacts and policies as JSON and CSV, and offers as HSDS 3.0 JSON."""
from __future__ import annotations

from dataclasses import dataclass

from .catalog import Catalog


@dataclass(frozen=True)
class ExportFile:
    path: str  # relative to the site root, e.g. data/tilbud.json
    content: bytes


def export_files(catalog: Catalog) -> list[ExportFile]:
    return []
