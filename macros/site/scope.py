"""For whom a guide is rendered: every municipality in its own block, one municipality, or none of them.

A scope says whose own words, offers and contacts a guide shows:

- None: every municipality, each in a block marked with its id (views.municipality_block) – the
  guides on the site, where content/assets/onboarding.js puts the reader's municipality first;
- a municipality id: only that municipality, without blocks – its print page (ny-medarbejder/<id>/print/);
- GENERAL: none of them, with a note where they would stand – the general print page, which stays
  small however many municipalities the site has.
"""

from __future__ import annotations

from collections.abc import Callable

from ..data import models
from ..data.catalog import Catalog
from .render import md_escape
from .views import municipality_block, municipality_blocks

Scope = str | None
GENERAL = ""


def in_scope(scope: Scope, municipality_id: str | None) -> bool:
    """Whether a record of `municipality_id` (None: shared by all) belongs in a guide for `scope`."""
    return municipality_id is None or scope is None or scope == municipality_id


def per_municipality(catalog: Catalog, scope: Scope, body: Callable[[models.Municipality], str], what: str) -> str:
    """`body` (Markdown) of each municipality in the scope, by name.

    In blocks for every municipality, bare for one, and for GENERAL a note that `what` (Danish, e.g. 'Kommunernes
    beskrivelser af målgruppen') stands in each municipality's print version (nothing if `what` is empty). A
    municipality whose body is blank is left out.
    """
    if scope == GENERAL:
        return (
            (
                f'<p class="kommune-note">{md_escape(what)} står i guiden på sitet og i udskriften for hver '
                "kommune (se listen øverst).</p>\n\n"
            )
            if what
            else ""
        )
    if scope is not None:
        text = body(catalog.municipalities[scope])
        return text if text.strip() else ""
    blocks = []
    for m in catalog.municipalities_sorted():
        text = body(m)
        if text.strip():
            blocks.append(municipality_block(m, text))
    return municipality_blocks(blocks)
