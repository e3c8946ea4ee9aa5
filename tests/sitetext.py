"""Read a built page the way a person does: its visible text, and its headings; and what search finds."""

from __future__ import annotations

import gzip
import html
import json
import re
from pathlib import Path


def page(site: Path, url_path: str) -> str:
    file = site / url_path / "index.html"
    assert file.exists(), f"{url_path} was not built"
    return file.read_text("utf-8")


def visible(html_text: str) -> str:
    body = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", html_text)
    body = re.sub(r"(?i)</?abbr\b[^>]*>", "", body)  # a glossary term is part of its word and sentence
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def norm(text: str) -> str:
    return " ".join(text.split())


FRAGMENT_SIGNATURE = b"pagefind_dcd"


def pagefind_fragments(site: Path) -> dict[str, dict]:
    """Every page in the Pagefind index, by URL path without the leading slash: its text, filters and meta."""
    fragments = {}
    for file in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        raw = gzip.decompress(file.read_bytes())
        assert raw.startswith(FRAGMENT_SIGNATURE), file
        fragment = json.loads(raw[len(FRAGMENT_SIGNATURE) :])
        fragments[fragment["url"].lstrip("/")] = fragment
    return fragments
