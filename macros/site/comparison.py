"""The policies compared by theme: the theme × municipality matrix, and a page per theme in each municipality's words.

Both are built from the `themes` tags on the focus areas, so a new municipality, policy or theme
adds its column, cells and page with no new file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from markupsafe import Markup

from ..data import formatting, models, routes, transcription
from ..data.catalog import Catalog
from ..data.vocabulary import THEMES
from . import diagrams, views
from .blocks import HTML
from .html_pages import RecordPage, front_matter
from .quotes import figure, policy_label, quote_blocks, source_link
from .render import attr, md_escape, render


@dataclass(frozen=True)
class Cell:
    """A municipality's focus areas with one theme, each with its policy."""

    municipality: models.Municipality
    areas: tuple[tuple[models.Policy, models.FocusArea], ...]
    # The municipality's policies that are reproduced only in part (source.transcription): what they say about
    # the theme may be missing, so a cell without focus areas is unknown, not a policy that ignores the theme.
    partial: tuple[models.Policy, ...] = ()

    @property
    def unknown(self) -> bool:
        """No focus area with the theme, but a policy text is incomplete: the site does not know."""
        return not self.areas and bool(self.partial)

    @property
    def count(self) -> int | None:
        """The number of focus areas with the theme; None when that is unknown."""
        return None if self.unknown else len(self.areas)


UNKNOWN_TEXT = "Ukendt – teksten er ikke gengivet fuldt"


@dataclass(frozen=True)
class Row:
    """A theme of the vocabulary (THEMES) with its label, its description and a cell per municipality."""

    theme: str
    label: str
    description: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Matrix:
    """The theme × municipality matrix: the municipalities by name, a row per theme."""

    columns: tuple[models.Municipality, ...]
    rows: tuple[Row, ...]


def theme_matrix(catalog: Catalog) -> Matrix:
    """One row per theme (in the vocabulary's order), one column per municipality (by name); once per catalog."""
    return catalog.derived(_theme_matrix)


def _theme_matrix(catalog: Catalog) -> Matrix:
    columns = tuple(catalog.municipalities_sorted())
    rows = []
    for theme_id, theme in THEMES.items():
        cells = tuple(
            Cell(
                m,
                tuple((p, a) for p in catalog.policies_of(m.id) for a in p.focus_areas.areas if theme_id in a.themes),
                tuple(p for p in catalog.policies_of(m.id) if not transcription.is_whole(p)),
            )
            for m in columns
        )
        rows.append(Row(theme_id, theme.label, theme.description, cells))
    return Matrix(columns, tuple(rows))


def area_detail(area: models.FocusArea) -> str:
    """'9 retningslinjer, 5 mål' – what the focus area sets out, counted."""
    parts = []
    if area.guidelines:
        parts.append(f"{len(area.guidelines)} {'retningslinje' if len(area.guidelines) == 1 else 'retningslinjer'}")
    if area.goals:
        parts.append(f"{len(area.goals)} mål")
    if area.indicators:
        n = len(area.indicators.items)
        parts.append(f"{n} pejlemærker" if n != 1 else "1 pejlemærke")
    return ", ".join(parts)


def _count(n: int) -> str:
    return f"{n} {'fokusområde' if n == 1 else 'fokusområder'}"


def matrix_markdown(catalog: Catalog, base: str) -> Markup:
    """The heat map, then the matrix as a table whose cells link to the focus areas (politikker/sammenlign/)."""
    matrix = theme_matrix(catalog)
    counts = [[c.count for c in row.cells] for row in matrix.rows]
    empty = sum(n == 0 for r in counts for n in r)
    unknown = sum(n is None for r in counts for n in r)
    busiest = max(matrix.rows, key=lambda r: sum(len(c.areas) for c in r.cells), default=None)
    svg = diagrams.heatmap(
        [r.label for r in matrix.rows],
        [m.name for m in matrix.columns],
        counts,
        title="Temaer i kommunernes politikker",
        desc=f"Et gitter med {len(matrix.rows)} temaer og {len(matrix.columns)} kommuner. Tallet i hvert felt er "
        f"antallet af fokusområder med temaet; {empty} felter er tomme. "
        + (f"{unknown} felter er ukendte, fordi en politiks tekst ikke er gengivet fuldt. " if unknown else "")
        + (f"Flest fokusområder har temaet {busiest.label}. " if busiest else "")
        + "Tabellen under figuren viser det samme med links.",
        caption="Antal fokusområder pr. tema og kommune. Skraverede felter: ingen fokusområder med temaet. "
        "Tabellen nedenfor viser det samme med links til fokusområderne.",
    )
    rows = []
    for row in matrix.rows:
        cells = []
        for cell in row.cells:
            if cell.unknown:
                cells.append(f'<td class="matrix-unknown">{UNKNOWN_TEXT}</td>')
                continue
            if not cell.areas:
                cells.append('<td class="matrix-empty">Ingen fokusområder</td>')
                continue
            items = "\n".join(
                f"- {views.md_link(a.title, routes.page_of('policies', p.id, anchor=a.id, base=base))}"
                + (f' <span class="matrix-detail">({md_escape(area_detail(a))})</span>' if area_detail(a) else "")
                for p, a in cell.areas
            )
            partial = (
                '<p class="matrix-detail">Teksten er ikke gengivet fuldt; der kan være flere.</p>\n'
                if cell.partial
                else ""
            )
            cells.append(
                f'<td markdown="block">\n<p class="matrix-count">{_count(len(cell.areas))}</p>\n{partial}\n'
                f"{items}\n</td>"
            )
        rows.append(
            {
                "header": views.md_link(row.label, routes.comparison_page_of(row.theme, base=base)),
                "cells": [Markup(c) for c in cells],
            }
        )
    table = render(
        "compare_matrix.md.j2",
        columns=[views.md_link(m.name, routes.start_page_of(m.id, base=base)) for m in matrix.columns],
        rows=rows,
    )
    themes = "\n".join(
        f"- {views.md_link(r.label, routes.comparison_page_of(r.theme, base=base))}: {md_escape(r.description)}"
        for r in matrix.rows
    )
    # Both views are on the page; the style sheet shows the table on a wide screen and the list on a small one.
    return Markup(
        f'<div class="matrix-wide" markdown>\n\n{svg}\n{table}\n</div>\n\n'
        f'<div class="matrix-narrow" markdown>\n\n{narrow_markdown(matrix, base)}\n</div>\n\n'
        f"### Temaerne\n\n{themes}\n\n"
    )


def narrow_markdown(matrix: Matrix, base: str) -> str:
    """The matrix for a small screen, as Markdown.

    A block per municipality (views.municipality_block) listing the themes of its focus areas with the count shaded as
    in the heat map, the focus areas linked, and the themes it lacks.
    """
    out = ["Antal fokusområder pr. tema i hver kommune. Et tema uden fokusområder står til sidst i hver kommune.\n\n"]
    blocks = []
    for j, municipality in enumerate(matrix.columns):
        lines, missing, unknown = [], [], []
        for row in matrix.rows:
            cell = row.cells[j]
            if cell.unknown:
                unknown.append(row.label)
                continue
            if not cell.areas:
                missing.append(row.label)
                continue
            fill = diagrams.heat_fill(len(cell.areas))
            lines.append(
                f"- {views.md_link(row.label, routes.comparison_page_of(row.theme, base=base))}: "
                f'<span class="heat" style="background: {fill}; color: {diagrams.text_colour(fill)}">'
                f"{_count(len(cell.areas))}</span>"
            )
            lines.extend(
                f"    - {views.md_link(a.title, routes.page_of('policies', p.id, anchor=a.id, base=base))}"
                + (f' <span class="matrix-detail">({md_escape(area_detail(a))})</span>' if area_detail(a) else "")
                for p, a in cell.areas
            )
        body = "\n".join(lines) + "\n\n" if lines else ""
        if missing:
            body += f'<p class="matrix-empty">Ingen fokusområder om {md_escape(", ".join(missing).lower())}.</p>\n\n'
        if unknown:
            body += (
                f'<p class="matrix-unknown">{md_escape(UNKNOWN_TEXT)}: {md_escape(", ".join(unknown).lower())}.</p>\n\n'
            )
        blocks.append(views.municipality_block(municipality, body))
    return "".join(out) + views.municipality_blocks(blocks)


def theme_page(catalog: Catalog, theme_id: str) -> RecordPage:
    """politikker/sammenlign/<tema>/: what each municipality's policies say about the theme, side by side.

    Straight to HTML (html_pages.py): its Markdown file is only the front matter, which hides the navigation and the
    table of contents.
    """
    label = THEMES[theme_id].label
    return RecordPage(
        front_matter(
            views.front_matter_text(f"{label}: hvad skriver kommunerne?"),
            views.front_matter_text(f"Kommunernes politikker om {label.lower()} side om side, i deres egne ord."),
            hide=("navigation", "toc"),
        ),
        partial(_theme_body, catalog, theme_id),
    )


def _theme_body(catalog: Catalog, theme_id: str) -> str:
    """The content of theme_page (its Markdown links still to resolve, see html_pages.py)."""
    base = "../../"
    matrix = theme_matrix(catalog)
    row = next(r for r in matrix.rows if r.theme == theme_id)
    columns: list[dict[str, Any]] = []
    for cell in row.cells:
        areas = []
        for policy, area in cell.areas:
            areas.append(
                {
                    "title": area.title,
                    "policy": views.md_link(
                        policy_label(catalog, policy), routes.page_of("policies", policy.id, base=base)
                    ),
                    "detail": area_detail(area),
                    "quote": figure(
                        quote_blocks(area, omit={"title"}, fmt=HTML),
                        source_link(catalog, policy, area.id, area.title, base),
                    ),
                }
            )
        columns.append(
            {
                "id": attr(cell.municipality.id),
                "name": cell.municipality.name,
                "areas": areas,
                "unknown": cell.unknown,
                "partial": [
                    {
                        "link": views.md_link(policy_label(catalog, p), routes.page_of("policies", p.id, base=base)),
                        "missing": transcription.missing_statement(p),
                    }
                    for p in cell.partial
                ],
                "start": views.md_link(
                    formatting.start_page_title(cell.municipality),
                    routes.start_page_of(cell.municipality.id, base=base),
                ),
            }
        )
    with_theme = [c for c in columns if c["areas"]]
    unknown = [c for c in columns if c["unknown"]]
    return render(
        "compare_theme.html.j2",
        label=row.label,
        description=row.description,
        columns=columns,
        summary=f"{len(with_theme)} af {len(columns)} kommuner har fokusområder med temaet "
        f"{row.label.lower()} – i alt {sum(len(c['areas']) for c in columns)}."
        + (
            f" For {len(unknown)} {'kommune' if len(unknown) == 1 else 'kommuner'} er det ukendt, fordi "
            "teksten ikke er gengivet fuldt."
            if unknown
            else ""
        ),
        unknown_text=UNKNOWN_TEXT,
        back=views.md_link("Tilbage til sammenligningen af alle temaer", base + routes.COMPARISON_INDEX),
        others=[
            views.md_link(r.label, routes.comparison_page_of(r.theme, base=base))
            for r in matrix.rows
            if r.theme != theme_id
        ],
    )


def generated_pages(catalog: Catalog) -> Iterator[tuple[str, RecordPage]]:
    """(path in docs_dir, page rendered straight to HTML) of the page of every theme of the vocabulary, in its order."""
    for theme_id in THEMES:
        yield routes.comparison_page_of(theme_id), theme_page(catalog, theme_id)
