"""Quotes from the policies for guides and generated pages: always the data's own words, linked to their section.

`policy_quote` and `cite` quote a named part of a policy; `mentions` finds every passage that uses a
word. Text is escaped for Markdown and HTML (render.md_escape); the link goes to the section of the
policy page the words stand in (citations.section_of).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import Any

from markupsafe import Markup
from pydantic import BaseModel

from ..data import citations, formatting, models, routes
from ..data.catalog import Catalog
from ..data.citations import PARAGRAPH_LISTS, CitationError, Passage
from . import views
from .blocks import MARKDOWN, Format
from .render import md_escape, render
from .scope import Scope, per_municipality

log = logging.getLogger("mkdocs.plugins.udsatte.quotes")


_TITLES = {"title", "name"}
_SKIP = {
    "id",
    "themes",
    "municipality",
    "kind",
    "policy",
    "adopted",
    "heading",
    "principles_heading",
    "signatories",
    "consent",
    "anonymised",
    "age_min",
    "age_max",
    "annual_action_plan",
    "annual_status",
}


def quote_blocks(value: Any, key: str | None = None, omit: Iterable[str] = (), fmt: Format = MARKDOWN) -> list[str]:
    """Blocks for a part of a policy, every text escaped; lists stay lists, titles are bold.

    `value` is a field's value in the policy model (text, a tuple, a Quote or a part), `key` its field name (it
    decides how a text is shown: a title, a source, a paragraph list). `omit` leaves out fields of the part itself
    (e.g. a title that the page already shows as a heading). `fmt` writes the blocks as Markdown or HTML (blocks.py).
    """
    if isinstance(value, str):
        text = md_escape(value)
        if key in _TITLES:
            return [fmt.paragraph(fmt.strong(text))]
        if key == "source":
            return [fmt.paragraph(f"Kilde: {text}")]
        return [fmt.paragraph(text)]
    if isinstance(value, tuple):
        if not value:
            return []
        if isinstance(value[0], str):
            if key in PARAGRAPH_LISTS:
                return [fmt.paragraph(md_escape(v)) for v in value]
            return [fmt.bullets(md_escape(v) for v in value)]
        return [block for item in value for block in quote_blocks(item, fmt=fmt)]
    if isinstance(value, models.Quote):
        return [fmt.paragraph(f"{fmt.emphasis(f'»{md_escape(value.text)}«')} ({md_escape(value.source)})")]
    if isinstance(value, BaseModel):
        blocks: list[str] = []
        for name in type(value).model_fields:
            field = getattr(value, name)
            if name in _SKIP or name in omit or field is None or isinstance(field, (bool, int, date)):
                continue
            blocks.extend(quote_blocks(field, name, fmt=fmt))
        return blocks
    return []


def policy_label(catalog: Catalog, policy: models.Policy) -> str:
    """'Ballerup Kommune: Plads til alle' – or the title alone when it already names the municipality."""
    municipality = catalog.municipalities[policy.municipality]
    if municipality.name in policy.title:
        return policy.title
    return f"{formatting.municipality_name(municipality)}: {policy.title}"


def source_link(catalog: Catalog, policy: models.Policy, anchor: str, section: str, base: str) -> Markup:
    """A link to the section `anchor` of the policy page a citation comes from, named by the policy and `section`.

    `section` is the section's heading as the page shows it; `base` leads from the page to the site root.
    """
    text = policy_label(catalog, policy) + ("" if section == policy.title else f" – {section}")
    return views.md_link(text, routes.page_of("policies", policy.id, anchor=anchor, base=base))


def figure(blocks: Iterable[str], caption: Markup) -> Markup:
    """A quote as a figure: the `blocks` (escaped; Markdown or HTML, blocks.py) in a block quote, `caption` under it.

    `caption` is a link. The same figure serves a Markdown page and a page rendered straight to HTML.
    """
    return Markup(render("onboarding_quote.j2", blocks=[Markup(b) for b in blocks], caption=caption))


def missing_policy(policy_id: str) -> Markup:
    """The note that stands where a guide quotes a policy the data lacks (logged at info level).

    A data root without the policy (e.g. synthetic test data) still builds; the real site's tests
    make sure that no guide shows this.
    """
    log.info("Guiden citerer politikken '%s', som ikke findes i data", policy_id)
    return Markup(
        f'<p class="missing citation-missing">Politikken {md_escape(policy_id)} findes ikke i sitets data, '
        "så citatet kan ikke vises.</p>\n\n"
    )


def select(policy: models.Policy, path: str, containing: str | None) -> tuple[Any, tuple]:
    """The value at `path`, narrowed to the passages that contain `containing` (case-insensitive)."""
    value, canonical = citations.resolve(policy, citations.parse_path(path))
    if containing is None:
        return value, canonical
    wanted = containing.casefold()
    if isinstance(value, str):
        if wanted not in value.casefold():
            raise CitationError(f"'{policy.id}' {path} indeholder ikke '{containing}'")
        return value, canonical
    if isinstance(value, tuple) and value and isinstance(value[0], str):
        kept = tuple(v for v in value if wanted in v.casefold())
        if not kept:
            raise CitationError(f"intet afsnit i '{policy.id}' {path} indeholder '{containing}'")
        return kept, canonical
    raise CitationError(f"'containing' kan kun bruges på tekst eller lister af tekst, ikke på {path}")


def policy_quote(catalog: Catalog, policy_id: str, path: str, base: str, containing: str | None = None) -> Markup:
    """A part of a policy as a quote, linked to its section; a note instead when the data has no such policy.

    `path` names the part in the policy ('values.0', see citations.parse_path), `containing` keeps only the passages
    with that text. Raises CitationError when the path or `containing` finds nothing.
    """
    policy = catalog.policies.get(policy_id)
    if policy is None:
        return missing_policy(policy_id)
    value, canonical = select(policy, path, containing)
    anchor, section = citations.section_of(policy, canonical)
    return figure(quote_blocks(value, str(canonical[-1])), source_link(catalog, policy, anchor, section, base))


def cite(catalog: Catalog, policy_id: str, path: str, base: str, containing: str | None = None) -> Markup:
    """A short quote on one line (for use inside a sentence or an answer): »text« (link).

    `path` and `containing` as for policy_quote; raises CitationError when they find no text.
    """
    policy = catalog.policies.get(policy_id)
    if policy is None:
        return Markup(f"(politikken {md_escape(policy_id)} findes ikke i sitets data)")
    value, canonical = select(policy, path, containing)
    if not isinstance(value, str):
        value = " … ".join(v for v in value if isinstance(v, str)) if isinstance(value, tuple) else None
        if not value:
            raise CitationError(f"cite() kan kun citere tekst; brug policy_quote() til {path}")
    anchor, section = citations.section_of(policy, canonical)
    return Markup(f"»{md_escape(value)}« ({source_link(catalog, policy, anchor, section, base)})")


def policies_in_order(catalog: Catalog) -> Iterator[models.Policy]:
    """Every policy, by municipality (by name), in each municipality's own order (Catalog.policies_of)."""
    for municipality in catalog.municipalities_sorted():
        yield from catalog.policies_of(municipality.id)


def mentions(
    catalog: Catalog,
    phrases: Iterable[str],
    base: str,
    *,
    whole_word: bool = False,
    exclude_sections: Iterable[str] = (),
    scope: Scope = None,
    after: Mapping[str, str | Sequence[str]] | None = None,
) -> Markup:
    """Every passage of every policy that uses one of the phrases, with the phrase marked.

    Grouped by municipality and policy section (see scope.py for `scope`). `after` maps a policy's id to what the
    page says about that policy: a list of paragraphs, each a plain text (escaped) or another macro's result (such as
    policy_quote), which follow the policy's passages in its municipality's block, in its municipality's print
    version, and nowhere else. A policy the data lacks is logged at info level and its paragraphs left out (as
    missing_policy).
    """
    after = dict(after or {})
    for policy_id in after:
        if policy_id not in catalog.policies:
            log.info("Guiden skriver om politikken '%s', som ikke findes i data", policy_id)
    phrases = [p for p in phrases if p]
    if not phrases:
        raise CitationError("mentions() skal have mindst ét ord at lede efter")
    end = r"(?!\w)" if whole_word else r"[\w-]*"  # a whole word is marked, also when a phrase begins it
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in phrases) + ")" + end, re.IGNORECASE)
    excluded = set(exclude_sections)
    listed = " eller ".join(f"»{p}«" for p in phrases)
    out = per_municipality(
        catalog,
        scope,
        lambda m: "".join(
            _mentions_of(catalog, policy, pattern, excluded, base) + _own_text(after.get(policy.id))
            for policy in catalog.policies_of(m.id)
        ),
        f"Det, kommunernes politikker skriver om {listed},",
    )
    if not out:
        who = (
            f"{formatting.municipality_name(catalog.municipalities[scope])}s politikker nævner ikke"
            if scope
            else "Ingen af politikkerne på sitet nævner"
        )
        return Markup(f'<p class="missing">{md_escape(who + " " + listed)}.</p>\n\n')
    return Markup(out)


def _own_text(paragraphs: str | Sequence[str] | None) -> str:
    """What a page says about a policy (mentions' `after`) as Markdown paragraphs: texts escaped, Markup as it is."""
    if paragraphs is None:
        return ""
    if isinstance(paragraphs, str):
        paragraphs = [paragraphs]
    return "".join(f"\n\n{md_escape(p).strip()}\n\n" for p in paragraphs if md_escape(p).strip())


def _mentions_of(catalog: Catalog, policy: models.Policy, pattern: re.Pattern, excluded: set[str], base: str) -> str:
    out = []
    groups: list[tuple[str, str, list[Passage]]] = []
    seen: set[str] = set()
    for passage in citations.passages(policy):
        if (
            passage.anchor in excluded
            or passage.path[-1] in ("title", "name", "source")
            or "source" in passage.path
            or passage.text in seen
            or not pattern.search(passage.text)
        ):
            continue
        seen.add(passage.text)
        if groups and groups[-1][0] == passage.anchor:
            groups[-1][2].append(passage)
        else:
            groups.append((passage.anchor, passage.section, [passage]))
    for anchor, section, found in groups:
        out.append(figure(_passage_blocks(found, pattern), source_link(catalog, policy, anchor, section, base)))
    return "".join(out)


def _passage_blocks(found: list[Passage], pattern: re.Pattern) -> list[str]:
    """Paragraphs stay paragraphs; list items become one list; matches are marked."""
    blocks: list[str] = []
    bullets: list[str] = []
    for passage in found:
        marked = _mark(passage.text, pattern)
        key = next((k for k in reversed(passage.path) if isinstance(k, str)), "")
        if isinstance(passage.path[-1], int) and key not in PARAGRAPH_LISTS:
            bullets.append(f"- {marked}")
            continue
        if bullets:
            blocks.append("\n".join(bullets))
            bullets = []
        blocks.append(marked)
    if bullets:
        blocks.append("\n".join(bullets))
    return blocks


def _mark(text: str, pattern: re.Pattern) -> str:
    text = " ".join(text.split())
    pieces, position = [], 0
    for match in pattern.finditer(text):
        pieces.append(_escape_piece(text[position : match.start()]))
        pieces.append(f"<mark>{md_escape(match.group(0))}</mark>")
        position = match.end()
    pieces.append(_escape_piece(text[position:]))
    return "".join(pieces)


def _escape_piece(piece: str) -> str:
    """md_escape for a piece of a sentence: the spaces at its ends belong to the sentence and stay."""
    if not piece.strip():
        return " " if piece else ""
    return (" " if piece[0] == " " else "") + md_escape(piece) + (" " if piece[-1] == " " else "")
