"""Diagrams drawn from the data at build time as inline SVG: no script, no font and no request to another host.

Every diagram is an image with a <title> and a <desc> (named by role="img" and aria-labelledby),
and the macro that places it writes the same content as text right after it. All text is
XML-escaped here; colours are checked for contrast (text at least 4.5:1 against its fill).
"""

from __future__ import annotations

import html
import itertools
import math
import textwrap
from dataclasses import dataclass

from markupsafe import Markup

INK = "#12324a"  # text on light fills; 12:1 on white
PRIMARY = "#1b4965"  # the site's primary colour
LINE = "#4d5d6b"  # lines and outlines; 6:1 on white (graphics need 3:1)
WHITE = "#ffffff"
LIGHT = "#e3eef5"

_ids = itertools.count(1)
_scope = ""


def _x(text: str) -> str:
    """Text for SVG/XML: escaped, including quotes (it also lands in attributes), on one line.

    A blank line would end the raw-HTML block the figure stands in, and Markdown would read the rest.
    """
    return html.escape(" ".join(str(text).split()), quote=True)


def luminance(colour: str) -> float:
    """The relative luminance of a '#rrggbb' colour, 0 (black) to 1 (white), as WCAG 2.1 defines it."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two '#rrggbb' colours, from 1 to 21 (AA asks 4.5 for text, 3 for graphics)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_colour(fill: str) -> str:
    """White or dark ink, whichever reads better on `fill`."""
    return WHITE if contrast(WHITE, fill) >= contrast(INK, fill) else INK


def blend(light: str, dark: str, share: float) -> str:
    """A colour `share` of the way from `light` to `dark`."""
    a = [int(light[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(dark[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * share):02x}" for x, y in zip(a, b, strict=True))


def readable_blend(light: str, dark: str, share: float) -> str:
    """Like `blend`, but moved towards the nearer end until white or dark text reads on it at 4.5:1."""
    step = -0.02 if share < 0.5 else 0.02
    while True:
        fill = blend(light, dark, share)
        if contrast(text_colour(fill), fill) >= 4.6 or not 0 <= share <= 1:
            return fill
        share += step


def wrap(text: str, size: float, width: float) -> list[str]:
    """Lines of `text` that fit `width` pixels at font size `size` (an estimate: no font is measured)."""
    chars = max(6, int(width / (size * 0.56)))
    return textwrap.wrap(" ".join(str(text).split()), chars) or [""]


def _lines(
    lines: list[str],
    x: float,
    y: float,
    size: float,
    fill: str,
    *,
    anchor: str = "start",
    weight: str = "normal",
    leading: float = 1.25,
) -> str:
    spans = "".join(
        f'<tspan x="{x:.1f}" dy="{0 if i == 0 else size * leading:.1f}">{_x(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="{fill}" text-anchor="{anchor}" '
        f'font-weight="{weight}">{spans}</text>'
    )


def reset_ids(scope: str = "") -> None:
    """Number the next diagrams' ids from 1 again, after `scope`.

    The plugin does it at the start of each build (''), before each page rendered straight to HTML renders its
    content ('', plugin._own_diagram_ids) and before the macros of every other page run ('p'). A page's ids then
    depend neither on how many builds the process ran before (`mkdocs serve`, see live_update.py) nor on which
    pages a build rendered before it (a shard build renders only some of them, and its pages must equal the whole
    build's byte for byte, see shards.py).
    """
    global _ids, _scope
    _ids, _scope = itertools.count(1), scope


def _new_id(kind: str) -> str:
    """An id unique on the page, so that several diagrams can share a page (see reset_ids)."""
    return f"diagram-{kind}-{_scope}{next(_ids)}"


def _svg(uid: str, kind: str, width: float, height: float, title: str, desc: str, body: str, caption: str) -> Markup:
    return Markup(
        f'<figure class="diagram diagram--{kind}">\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" '
        f'role="img" aria-labelledby="{uid}-title {uid}-desc" class="diagram__svg">'
        f'<title id="{uid}-title">{_x(title)}</title><desc id="{uid}-desc">{_x(desc)}</desc>'
        + body
        + f"</svg>\n<figcaption>{_x(caption)}</figcaption>\n</figure>\n"
    )


def _arrow_marker(uid: str) -> str:
    return (
        f'<defs><marker id="{uid}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" '
        f'markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{LINE}"/>'
        "</marker></defs>"
    )


# --- the intervention ladder -------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """A step of the ladder: its label, what it rests on and a note, each a line of text."""

    label: str
    detail: str  # e.g. "Serviceloven § 85, § 85 a"
    note: str  # e.g. "2 tilbud på sitet"


def ladder(steps: list[Step], *, title: str, desc: str, caption: str) -> Markup:
    """A staircase rising from the least to the most intrusive help."""
    n = len(steps)
    width, height, margin, gap = 900, 470, 20, 10
    step_w = (width - 2 * margin - (n - 1) * gap) / n
    base = height - 60
    uid = _new_id("ladder")
    parts = [_arrow_marker(uid)]
    for i, step in enumerate(steps):
        h = 205 + (base - 20 - 205) * (i / max(n - 1, 1))
        x, y = margin + i * (step_w + gap), base - h
        fill = readable_blend("#dbe9f4", PRIMARY, i / max(n - 1, 1))
        ink = text_colour(fill)
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{step_w:.1f}" height="{h:.1f}" rx="6" fill="{fill}" '
            f'stroke="{LINE}" stroke-width="1.5"/>'
        )
        parts.append(_lines([str(i + 1)], x + 12, y + 30, 24, ink, weight="bold"))
        label = wrap(step.label, 15, step_w - 24)
        parts.append(_lines(label, x + 12, y + 56, 15, ink, weight="bold"))
        detail_y = y + 56 + len(label) * 19 + 8
        detail = wrap(step.detail, 13, step_w - 24)
        parts.append(_lines(detail, x + 12, detail_y, 13, ink))
        parts.append(_lines(wrap(step.note, 13, step_w - 24), x + 12, detail_y + len(detail) * 16 + 8, 13, ink))
    parts.append(
        f'<line x1="{margin}" y1="{base + 22}" x2="{width - margin}" y2="{base + 22}" stroke="{LINE}" '
        f'stroke-width="2" marker-end="url(#{uid}-arrow)"/>'
    )
    parts.append(_lines(["Mindst indgribende"], margin, base + 48, 14, INK, weight="bold"))
    parts.append(_lines(["Mest indgribende"], width - margin, base + 48, 14, INK, anchor="end", weight="bold"))
    return _svg(uid, "ladder", width, height, title, desc, "".join(parts), caption)


# --- the onboarding path -----------------------------------------------------------------------


def path(titles: list[str], *, title: str, desc: str, caption: str, current: int | None = None) -> Markup:
    """Numbered boxes in reading order, four to a row, joined by arrows."""
    columns = min(4, max(1, len(titles)))
    box_w, box_h, gap_x, gap_y, margin = 190, 84, 30, 34, 10
    width = margin * 2 + columns * box_w + (columns - 1) * gap_x
    rows = math.ceil(len(titles) / columns)
    height = margin * 2 + rows * box_h + (rows - 1) * gap_y
    uid = _new_id("path")
    parts = [_arrow_marker(uid)]
    centres = []
    for i in range(len(titles)):
        row, col = divmod(i, columns)
        x, y = margin + col * (box_w + gap_x), margin + row * (box_h + gap_y)
        centres.append((x, y))
    for i in range(len(titles) - 1):
        (x1, y1), (x2, y2) = centres[i], centres[i + 1]
        if y1 == y2:
            d = f"M{x1 + box_w:.0f},{y1 + box_h / 2:.0f} L{x2 - 2:.0f},{y2 + box_h / 2:.0f}"
        else:
            mid = y1 + box_h + gap_y / 2
            d = (
                f"M{x1 + box_w / 2:.0f},{y1 + box_h:.0f} L{x1 + box_w / 2:.0f},{mid:.0f} "
                f"L{x2 + box_w / 2:.0f},{mid:.0f} L{x2 + box_w / 2:.0f},{y2 - 2:.0f}"
            )
        parts.append(f'<path d="{d}" fill="none" stroke="{LINE}" stroke-width="2" marker-end="url(#{uid}-arrow)"/>')
    for i, (text, (x, y)) in enumerate(zip(titles, centres, strict=True)):
        fill = PRIMARY if i == current else LIGHT
        ink = text_colour(fill)
        parts.append(
            f'<rect x="{x}" y="{y}" width="{box_w}" height="{box_h}" rx="8" fill="{fill}" stroke="{LINE}" '
            f'stroke-width="1.5"/>'
        )
        parts.append(
            f'<circle cx="{x + 22}" cy="{y + 24}" r="15" fill="{WHITE if fill == PRIMARY else PRIMARY}" '
            f'stroke="{LINE}"/>'
        )
        parts.append(
            _lines(
                [str(i + 1)], x + 22, y + 29, 14, PRIMARY if fill == PRIMARY else WHITE, anchor="middle", weight="bold"
            )
        )
        lines = wrap(text, 14, box_w - 56)[:3]
        parts.append(_lines(lines, x + 46, y + 28 - (len(lines) > 2) * 6, 14, ink, weight="bold"))
    return _svg(uid, "path", width, height, title, desc, "".join(parts), caption)


# --- principles around a centre ----------------------------------------------------------------


def wheel(centre: str, items: list[str], *, title: str, desc: str, caption: str) -> Markup:
    """The items on an ellipse around the centre, each joined to it by a line."""
    n = len(items)
    width, height = 900, 600
    cx, cy, rx, ry = width / 2, height / 2, 320, 215
    box_w, box_h = 210, 92
    uid = _new_id("wheel")
    parts = []
    positions = []
    for i in range(n):
        angle = -math.pi / 2 + 2 * math.pi * i / max(n, 1)
        positions.append((cx + rx * math.cos(angle), cy + ry * math.sin(angle)))
    for x, y in positions:
        parts.append(
            f'<line x1="{cx:.1f}" y1="{cy:.1f}" x2="{x:.1f}" y2="{y:.1f}" stroke="{LINE}" stroke-width="1.5"/>'
        )
    parts.append(f'<ellipse cx="{cx}" cy="{cy}" rx="120" ry="62" fill="{PRIMARY}" stroke="{LINE}" stroke-width="1.5"/>')
    centre_lines = wrap(centre, 15, 200)[:3]
    parts.append(
        _lines(
            centre_lines,
            cx,
            cy + 5 - (len(centre_lines) - 1) * 9.5,
            15,
            text_colour(PRIMARY),
            anchor="middle",
            weight="bold",
        )
    )
    for i, (item, (x, y)) in enumerate(zip(items, positions, strict=True)):
        bx, by = x - box_w / 2, y - box_h / 2
        parts.append(
            f'<rect x="{bx:.1f}" y="{by:.1f}" width="{box_w}" height="{box_h}" rx="8" fill="{LIGHT}" '
            f'stroke="{LINE}" stroke-width="1.5"/>'
        )
        lines = wrap(f"{i + 1}. {item}", 13, box_w - 20)[:5]
        top = y - (len(lines) - 1) * 16.25 / 2 + 4.5
        parts.append(_lines(lines, x, top, 13, INK, anchor="middle"))
    return _svg(uid, "wheel", width, height, title, desc, "".join(parts), caption)


# --- theme × municipality heat map -------------------------------------------------------------

HEAT = ("#ffffff", "#dbe9f4", "#a9cbe4", "#2c6e91", PRIMARY)


def heat_fill(count: int) -> str:
    """The heat map's fill for a count of focus areas ('#rrggbb'; from four up, the darkest)."""
    return HEAT[min(count, len(HEAT) - 1)]


def heatmap(
    rows: list[str], columns: list[str], counts: list[list[int | None]], *, title: str, desc: str, caption: str
) -> Markup:
    """A grid with one row per theme and one column per municipality; the number and shade show the count.

    `counts[row][column]` are the counts of focus areas; a count of None is unknown (the policy text is only partly
    reproduced): a white cell with a question mark.
    """
    label_w, margin = 250, 10
    cell_w = max(34, min(120, 640 / max(len(columns), 1)))
    cell_h = 30
    rotate = cell_w < 100
    header_h = 120 if rotate else 50
    width = margin * 2 + label_w + cell_w * len(columns)
    height = margin + header_h + cell_h * len(rows) + 60
    uid = _new_id("heatmap")
    parts = [
        f'<defs><pattern id="{uid}-empty" width="8" height="8" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="8" height="8" fill="{WHITE}"/>'
        f'<line x1="0" y1="0" x2="0" y2="8" stroke="#b7c2cc" stroke-width="3"/></pattern></defs>'
    ]
    top = margin + header_h
    for j, name in enumerate(columns):
        x = margin + label_w + j * cell_w + cell_w / 2
        if rotate:
            parts.append(
                f'<text x="{x:.1f}" y="{top - 8}" font-size="12" fill="{INK}" font-weight="bold" '
                f'transform="rotate(-45 {x:.1f} {top - 8})">{_x(name)}</text>'
            )
        else:
            parts.append(_lines(wrap(name, 13, cell_w - 6)[:2], x, top - 26, 13, INK, anchor="middle", weight="bold"))
    for i, name in enumerate(rows):
        y = top + i * cell_h
        parts.append(_lines([name], margin + label_w - 10, y + 20, 13, INK, anchor="end"))
        for j, count in enumerate(counts[i]):
            x = margin + label_w + j * cell_w
            if count is None:
                parts.append(
                    f'<rect x="{x:.1f}" y="{y}" width="{cell_w:.1f}" height="{cell_h}" fill="{WHITE}" '
                    f'stroke="{LINE}" stroke-width="1"/>'
                )
                parts.append(_lines(["?"], x + cell_w / 2, y + 20, 13, INK, anchor="middle", weight="bold"))
                continue
            fill = f"url(#{uid}-empty)" if count == 0 else heat_fill(count)
            parts.append(
                f'<rect x="{x:.1f}" y="{y}" width="{cell_w:.1f}" height="{cell_h}" fill="{fill}" '
                f'stroke="{LINE}" stroke-width="1"/>'
            )
            ink = INK if count == 0 else text_colour(heat_fill(count))
            shown = str(count) if count else "–"
            if count == 0:  # the dash sits on a white patch so that it stays readable over the hatching
                parts.append(f'<rect x="{x + cell_w / 2 - 9:.1f}" y="{y + 7}" width="18" height="16" fill="{WHITE}"/>')
            parts.append(_lines([shown], x + cell_w / 2, y + 20, 13, ink, anchor="middle", weight="bold"))
    legend_y = top + len(rows) * cell_h + 28
    parts.append(_lines(["Antal fokusområder:"], margin, legend_y + 13, 13, INK))
    for k, label in enumerate(("ingen", "1", "2", "3", "4 eller flere")):
        x = margin + 150 + k * 110
        fill = f"url(#{uid}-empty)" if k == 0 else heat_fill(k)
        parts.append(f'<rect x="{x}" y="{legend_y}" width="22" height="18" fill="{fill}" stroke="{LINE}"/>')
        parts.append(_lines([label], x + 28, legend_y + 14, 13, INK))
    if any(count is None for row in counts for count in row):
        height += 30
        parts.append(
            f'<rect x="{margin + 150}" y="{legend_y + 30}" width="22" height="18" fill="{WHITE}" stroke="{LINE}"/>'
        )
        parts.append(_lines(["?"], margin + 161, legend_y + 44, 13, INK, anchor="middle", weight="bold"))
        parts.append(_lines(["ukendt – teksten er ikke gengivet fuldt"], margin + 178, legend_y + 44, 13, INK))
    return _svg(uid, "heatmap", width, height, title, desc, "".join(parts), caption)
