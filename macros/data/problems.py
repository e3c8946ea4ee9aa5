"""A problem found in the data, and the error that carries all of them out of a load."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, order=True)
class Problem:
    """One thing an editor must fix (or, as a warning, should look at), located to file, line and field."""

    path: str
    line: int
    field: str
    message: str
    severity: Literal["fejl", "advarsel"] = "fejl"
    blocks_publishing: bool = False  # a warning while editing, an error for `check --publish`

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}: "
        if self.field:
            where += f"{self.field}: "
        prefix = "advarsel: " if self.severity == "advarsel" else ""
        return f"{where}{prefix}{self.message}"


def field_path(loc: tuple[str | int, ...]) -> str:
    """('focus_areas', 'areas', 2, 'title') → 'focus_areas.areas[2].title'."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class DataError(Exception):
    """The data has errors; the site must not be built from it."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(report(self.problems))


def report(problems: list[Problem]) -> str:
    """All problems as the editor reads them, with a count in Danish at the end."""
    errors = sum(p.severity == "fejl" for p in problems)
    warnings = len(problems) - errors
    lines = [str(p) for p in sorted(problems)]
    summary = f"{errors} fejl"  # the same word for one and for more
    if warnings:
        summary += f" og {warnings} {'advarsler' if warnings != 1 else 'advarsel'}"
    lines.append(f"Fundet: {summary}." + (" Ret fejlene, før sitet kan bygges." if errors else ""))
    return "\n".join(lines)


def github_annotations(problems: list[Problem]) -> str:
    """Workflow commands that put each problem on its file and line in the pull request."""

    def esc(text: str, prop: bool = False) -> str:
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.replace(":", "%3A").replace(",", "%2C") if prop else text

    return "\n".join(
        f"::{'error' if p.severity == 'fejl' else 'warning'} file={esc(p.path, True)},line={p.line},"
        f"title={esc(p.field or 'fil', True)}::{esc(p.message)}"
        for p in sorted(problems)
    )


def markdown_summary(problems: list[Problem]) -> str:
    """A table for the job summary, in Danish."""
    if not problems:
        return "### Datatjek: ingen fejl\n\nAlle filer er gyldige.\n"
    errors = sum(p.severity == "fejl" for p in problems)
    lines = [
        f"### Datatjek: {errors} fejl og {len(problems) - errors} advarsler",
        "",
        "| Fil | Linje | Felt | Besked |",
        "| --- | --- | --- | --- |",
    ]
    for p in sorted(problems):
        message = p.message.replace("|", "\\|").replace("\n", "<br>")
        kind = "" if p.severity == "fejl" else "**Advarsel:** "
        lines.append(f"| `{p.path}` | {p.line} | `{p.field}` | {kind}{message} |")
    return "\n".join(lines) + "\n"
