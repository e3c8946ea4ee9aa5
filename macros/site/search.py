"""Site search: index the built site with Pagefind, whose browser script loads only the index chunks a query needs."""
from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

OUTPUT_DIR = "pagefind"
# The indexed part of a page is the element marked data-pagefind-body (overrides/main.html); boxes that are
# not content carry data-pagefind-ignore (glossary.py). Marked here instead: the headings' "¶" links, and
# the offer catalogue on tilbud/ – its filter form is not content, and its card per offer would make the
# page match nearly every query and weigh megabytes at national size, while each offer has its own page.
EXCLUDE_SELECTORS = [".headerlink", "[data-catalogue]"]
# Well above the national size's indexing time; without it a crashed Pagefind process would hang the build.
TIMEOUT_SECONDS = 900


class SearchIndexError(Exception):
    """Pagefind could not index the site."""


@dataclass(frozen=True)
class IndexResult:
    pages: int
    seconds: float


def index_site(site_dir: Path) -> IndexResult:
    """Index every HTML page in `site_dir` into `site_dir`/pagefind/; generated non-HTML files are left out."""
    try:
        return asyncio.run(asyncio.wait_for(_index(site_dir), TIMEOUT_SECONDS))
    except TimeoutError:
        raise SearchIndexError(f"Pagefind blev ikke færdig inden for {TIMEOUT_SECONDS} sekunder.") from None
    except SearchIndexError:
        raise
    except FileNotFoundError as exc:
        raise SearchIndexError(f"Pagefind-programmet blev ikke fundet ({exc.filename or exc}). Installér "
                               "sitets afhængigheder igen: pip install -e .") from exc
    except Exception as exc:  # the binary is missing, or the Pagefind service reported an error
        raise SearchIndexError(f"{type(exc).__name__}: {exc}") from exc


async def _index(site_dir: Path) -> IndexResult:
    loop = asyncio.get_running_loop()
    started = loop.time()
    config = IndexConfig(exclude_selectors=EXCLUDE_SELECTORS, output_path=str(site_dir / OUTPUT_DIR))
    # Leaving the context writes the index files to output_path (and nothing if an exception was raised).
    async with PagefindIndex(config=config) as index:
        await index.add_directory(str(site_dir), glob="**/*.html")
    pages = indexed_pages(site_dir)
    if not pages:
        raise SearchIndexError("Pagefind fandt ingen sider at indeksere (mangler data-pagefind-body?).")
    return IndexResult(pages=pages, seconds=loop.time() - started)


def indexed_pages(site_dir: Path) -> int:
    """How many pages the written index holds (Pagefind's own count also includes pages it skipped)."""
    entry = json.loads((site_dir / OUTPUT_DIR / "pagefind-entry.json").read_text("utf-8"))
    return sum(language["page_count"] for language in entry["languages"].values())
