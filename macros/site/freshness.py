"""When each file last changed: from git history where there is one, else from the data's own dates."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

from ..data import models, routes
from ..data.catalog import Catalog
from ..data.collation import danish_sort_key

FOLDERS = ("policies", "offers", "contacts")
"""The kinds whose records have a page of their own; their files' dates are the pages' dates."""


_known: dict[tuple, dict[str, date]] = {}  # (repository, paths, commit) → dates: the history of a commit is fixed


def git_dates(repo: Path, paths: list[str]) -> dict[str, date]:
    """Newest commit date per file below `paths` (relative to the repository), from one `git log` call.

    A clone without history, or no git at all, gives an empty map; callers then fall back. The answer for the commit
    checked out is kept for the process: under `mkdocs serve`, a rebuild after an edit asks git only which commit
    that is.
    """
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--show-toplevel", "HEAD"], cwd=repo, capture_output=True, text=True, timeout=10
        )
        if head.returncode != 0:
            return {}
        top, commit = head.stdout.splitlines()[:2]
        key = (str(repo.resolve()), tuple(paths), commit)
        if key in _known:
            return dict(_known[key])
        top_dir = Path(top.strip())
        out = subprocess.run(
            ["git", "log", "--format=@%cs", "--name-only", "--no-renames", "--", *paths],
            cwd=repo,
            capture_output=True,
            text=True,
            timeout=60,
        )
    except (OSError, subprocess.TimeoutExpired, ValueError):
        return {}
    if out.returncode != 0:
        return {}
    dates: dict[str, date] = {}
    current: date | None = None
    for line in out.stdout.splitlines():
        if line.startswith("@"):
            current = date.fromisoformat(line[1:])
        elif line and current:
            try:
                rel = (top_dir / line).relative_to(repo.resolve()).as_posix()
            except ValueError:
                continue
            dates.setdefault(rel, current)
    _known.clear()  # one commit's answer is enough
    _known[key] = dates
    return dict(dates)


def data_date(record) -> date | None:
    """The record's own newest date, for clones without history."""
    if isinstance(record, models.Offer | models.Contact):
        return record.last_verified
    if isinstance(record, models.Policy):
        return record.valid_from
    return None


def record_changes(catalog: Catalog, dates: dict[str, date]) -> list[dict]:
    """Every record with the date it last changed (git, else its own date), newest first."""
    rows = []
    for folder in FOLDERS:
        for record in getattr(catalog, folder).values():
            path = catalog.files[(folder, record.id)]
            when = dates.get(path) or data_date(record)
            rows.append(
                {
                    "path": path,
                    "page": routes.page_of(folder, record.id),
                    "date": when,
                    "title": getattr(record, "title", None) or record.name,
                    "folder": folder,
                }
            )
    by_title = sorted(rows, key=lambda r: danish_sort_key(r["title"]))
    return sorted(by_title, key=lambda r: r["date"] or date.min, reverse=True)  # stable: same day, by title
