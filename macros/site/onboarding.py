"""Macros for the onboarding guides, the glossary and the policy comparison (ny-medarbejder/, politikker/sammenlign/).

The guides in content/ny-medarbejder/ are hand-written prose; everything they say about a policy,
an offer, a contact or the law comes through the functions here from the data, with a link to the
section of the policy page it comes from. The functions take `base` (the way from the page to the
site root, e.g. "../"), so the same views serve the guides, the generated pages and the print page.
"""

from __future__ import annotations

import functools
import html
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from ..data import citations, formatting, models, routes, service_areas
from ..data.catalog import Catalog
from ..data.vocabulary import ACCESS, OFFER_KINDS, POLICY_KINDS, SECTORS, THEMES, OfferStatus, SocialProblem
from . import comparison, diagrams, glossary, views
from .blocks import HTML, MARKDOWN, Format
from .blocks import demote_headings as demote_html_headings
from .html_pages import RecordPage, front_matter
from .quotes import cite, figure, mentions, policies_in_order, policy_label, policy_quote, quote_blocks, source_link
from .render import attr, md_escape, render
from .scope import GENERAL, Scope, in_scope, per_municipality

GUIDE_SECTION = "Ny medarbejder"
GUIDE_FOLDER = routes.GUIDE_FOLDER
# Pages of the section that are not guides of the path: the glossary is printed as an appendix.
GLOSSARY_PAGE = routes.GLOSSARY_PAGE
PRINT_PAGE = routes.GENERAL_PRINT_PAGE
WELCOME_PAGE = routes.WELCOME_PAGE
CHOOSER_ANCHOR = "begynd-med-din-egen-kommune"  # the heading of the welcome page that lists the start pages
NOT_GUIDES = {GLOSSARY_PAGE, PRINT_PAGE}

# --- the path of guides, read from the nav in mkdocs.yml -----------------------------------------


@dataclass(frozen=True)
class Guide:
    """A page of the path as the nav of mkdocs.yml names it."""

    title: str
    path: str  # relative to docs_dir


def section_pages(nav: list | None) -> list[Guide]:
    """The pages of the 'Ny medarbejder' section of the nav, in order (the nav is the one source of the order)."""
    for item in nav or ():
        if isinstance(item, dict) and GUIDE_SECTION in item:
            pages = []
            for entry in item[GUIDE_SECTION]:
                if isinstance(entry, dict):
                    ((title, path),) = entry.items()
                    pages.append(Guide(str(title), str(path)))
                else:
                    pages.append(Guide(Path(str(entry)).stem, str(entry)))
            return pages
    return []


def guides(nav: list | None) -> list[Guide]:
    """The guides of the path in the nav's order: the section's pages without the glossary and the print page."""
    return [g for g in section_pages(nav) if g.path not in NOT_GUIDES]


# --- who, values, methods -----------------------------------------------------------------------


def _heading(level: int, text: str) -> str:
    return MARKDOWN.heading(level, md_escape(text))


def target_groups(catalog: Catalog, base: str, level: int = 3, scope: Scope = None) -> Markup:
    """Each policy's own description of whom it is for, with the age it states, by municipality."""

    def body(m: models.Municipality) -> str:
        out = []
        for policy in catalog.policies_of(m.id):
            tg = policy.target_group
            if tg is None:
                continue
            out.append(_heading(level, policy_label(catalog, policy)))
            age = formatting.age_range(tg.age_min, tg.age_max)
            if age:
                out.append(f"**Alder:** {md_escape(age)}\n\n")
            out.append(figure(quote_blocks(tg), source_link(catalog, policy, "maalgruppe", tg.heading, base)))
        return "".join(out)

    out = [per_municipality(catalog, scope, body, "Kommunernes egne beskrivelser af målgruppen")]
    without = [
        p
        for p in policies_in_order(catalog)
        if p.target_group is None and scope != GENERAL and in_scope(scope, p.municipality)
    ]
    if without:
        out.append(
            "Disse politikker har ikke et særskilt afsnit om målgruppen: "
            + ", ".join(
                views.md_link(policy_label(catalog, p), routes.page_of("policies", p.id, base=base)) for p in without
            )
            + ".\n\n"
        )
    return Markup("".join(out))


def values_and_principles(
    catalog: Catalog, base: str, scope: Scope = None, level: int = 3, fmt: Format = MARKDOWN
) -> Markup:
    """Each policy's vision, values and principles in its own words, by municipality (see Scope).

    `fmt` writes it as Markdown (for a guide) or as HTML (for a municipality's start page, see blocks.py).
    """

    def body(m: models.Municipality) -> str:
        out = []
        for policy in catalog.policies_of(m.id):
            out.append(fmt.heading(level, md_escape(policy.title)))
            parts = 0
            if policy.vision:
                out.append(
                    figure(
                        quote_blocks(policy.vision, fmt=fmt),
                        source_link(catalog, policy, "vision", policy.vision.heading, base),
                    )
                )
                parts += 1
            for i, value_set in enumerate(policy.values):
                anchor = "vaerdier" if i == 0 else f"vaerdier-{i + 1}"
                out.append(
                    figure(
                        quote_blocks(value_set, fmt=fmt), source_link(catalog, policy, anchor, value_set.heading, base)
                    )
                )
                parts += 1
            fa = policy.focus_areas
            if fa.principles:
                blocks = (
                    [fmt.paragraph(md_escape(fa.principles_intro))] if fa.principles_intro else []
                ) + quote_blocks(fa.principles, fmt=fmt)
                out.append(figure(blocks, source_link(catalog, policy, "fokusomraader", fa.heading, base)))
                parts += 1
            approach = policy.approach
            for method in approach.methods if approach else ():
                if approach and method.principles:
                    blocks = (
                        [fmt.paragraph(fmt.strong(md_escape(method.principles_heading)))]
                        + ([fmt.paragraph(md_escape(method.principles_intro))] if method.principles_intro else [])
                        + quote_blocks(method.principles, "principles", fmt=fmt)
                    )
                    out.append(figure(blocks, source_link(catalog, policy, "tilgang", approach.heading, base)))
                    parts += 1
            if not parts:
                out.append(
                    fmt.paragraph(
                        f"{views.md_link(policy.title, routes.page_of('policies', policy.id, base=base))} har ikke et "
                        "særskilt afsnit om vision, værdier eller principper."
                    )
                    + "\n\n"
                )
        return "".join(out)

    return Markup(per_municipality(catalog, scope, body, "Kommunernes visioner, værdier og principper"))


def recovery_principles(catalog: Catalog, base: str, name: str = "recovery", scope: Scope = None) -> Markup:
    """The principles of the methods named `name`, as a wheel and as text, by municipality.

    The methods come from the policies' approach sections; their definitions stand beside the wheel.
    """

    def body(m: models.Municipality) -> str:
        return "".join(_recovery_of(catalog, policy, name, base) for policy in catalog.policies_of(m.id))

    out = per_municipality(catalog, scope, body, f"Kommunernes principper for {name}")
    if not out:
        who = (
            f"{formatting.municipality_name(catalog.municipalities[scope])}s politikker beskriver ikke"
            if scope
            else "Ingen af politikkerne på sitet beskriver"
        )
        return Markup(
            f'<p class="missing">{md_escape(who)} principper for '
            f"{md_escape(name)} i et afsnit om tilgang og metoder.</p>\n\n"
        )
    return Markup(out)


def _recovery_of(catalog: Catalog, policy: models.Policy, name: str, base: str) -> str:
    out: list[str] = []
    approach = policy.approach
    for method in approach.methods if approach else ():
        if approach is None or name.casefold() not in method.name.casefold() or not method.principles:
            continue
        who = formatting.municipality_name(catalog.municipalities[policy.municipality])
        out.append(
            diagrams.wheel(
                method.name,
                list(method.principles),
                title=f"{method.principles_heading} – {who}",
                desc=f"{len(method.principles)} principper rundt om {method.name}: "
                + "; ".join(method.principles)
                + ".",
                caption=f"{method.principles_heading}, som de står i {policy.title} ({who}). "
                "Principperne står også som tekst lige under figuren.",
            )
        )
        out.append("\n")
        blocks = (
            [f"**{md_escape(method.principles_heading)}**"]
            + ([md_escape(method.principles_intro)] if method.principles_intro else [])
            + ["\n".join(f"{i}. {md_escape(p)}" for i, p in enumerate(method.principles, 1))]
        )
        out.append(figure(blocks, source_link(catalog, policy, "tilgang", approach.heading, base)))
        definitions = quote_blocks(method.definitions) + quote_blocks(method.paragraphs, "paragraphs")
        if definitions:
            out.append(figure(definitions, source_link(catalog, policy, "tilgang", approach.heading, base)))
    return "".join(out)


def policy_facts(catalog: Catalog, base: str, scope: Scope = None) -> Markup:
    """Each policy's facts and figures, by municipality."""
    out = per_municipality(
        catalog,
        scope,
        lambda m: "".join(
            figure(quote_blocks(p.facts.items), source_link(catalog, p, "fakta", p.facts.heading, base))
            for p in catalog.policies_of(m.id)
            if p.facts
        ),
        "Tallene fra kommunernes politikker",
    )
    return Markup(out) if out else Markup("Ingen af politikkerne har et afsnit med fakta.\n\n")


# --- offers, contacts and the law --------------------------------------------------------------


def find_offers(
    catalog: Catalog,
    *,
    method: str | None = None,
    legal_basis: Iterable[str] = (),
    target_group: str | None = None,
    problem: str | None = None,
    municipality: str | None = None,
    kind: str | None = None,
) -> list[models.Offer]:
    """The offers of the catalog that are not closed and match every filter given, in the catalog's order (by name).

    `method` matches part of a method's name, or else an offer under one of `legal_basis` (paragraph ids such as
    'sel-85'); without `method`, `legal_basis` alone matches an offer under one of them. The other filters are ids
    of the vocabularies (`target_group`, `problem`, `kind`) or of a municipality; None leaves a filter out.
    """
    legal = set(legal_basis)
    key = (method, frozenset(legal), target_group, problem, municipality, kind)
    memo = catalog.derived(_found_offers)
    if key not in memo:
        memo[key] = _find_offers(catalog, method, legal, target_group, problem, municipality, kind)
    return list(memo[key])


def _found_offers(catalog: Catalog) -> dict[tuple, list[models.Offer]]:
    """find_offers' answers so far, by its arguments (for Catalog.derived: a catalog does not change)."""
    return {}


def _find_offers(
    catalog: Catalog,
    method: str | None,
    legal: set[str],
    target_group: str | None,
    problem: str | None,
    municipality: str | None,
    kind: str | None,
) -> list[models.Offer]:
    """find_offers, computed."""
    found = []
    candidates = catalog.offers_of(municipality) if municipality else catalog.offers_sorted()
    for offer in candidates:
        if offer.status == OfferStatus.CLOSED:
            continue
        if (
            method
            and not any(method.casefold() in m.casefold() for m in offer.methods)
            and not (legal and legal & set(offer.legal_basis))
        ):
            continue
        if legal and not method and not legal & set(offer.legal_basis):
            continue
        if target_group and target_group not in offer.target_groups:
            continue
        if problem and problem not in offer.problems:
            continue
        if municipality and offer.municipality != municipality:
            continue
        if kind and kind not in offer.kinds:
            continue
        found.append(offer)
    return found


def _problem_counts(catalog: Catalog) -> Counter[str]:
    """Social problem id → how many offers help with it (for Catalog.derived: once per catalog)."""
    return Counter(p for o in catalog.offers.values() for p in set(o.problems))


def offer_items(
    catalog: Catalog,
    offers: list[models.Offer],
    base: str,
    *,
    with_municipality: bool = True,
    fmt: Format = MARKDOWN,
) -> str:
    """A list of the offers: each linked to its page, with its municipality, access and summary ('' if none).

    `base` leads from the page to the site root ('../'); `with_municipality` names each offer's municipality; `fmt`
    writes the list as Markdown or HTML (blocks.py).
    """
    lines = []
    for offer in offers:
        where = f" ({md_escape(catalog.municipalities[offer.municipality].name)})" if with_municipality else ""
        access = ", ".join(ACCESS[a].label for a in offer.access)
        lines.append(
            f"{views.md_link(offer.name, routes.page_of('offers', offer.id, base=base))}{where}"
            f"{' – ' + md_escape(access) if access else ''}: {md_escape(offer.summary)}"
        )
    return fmt.bullets(lines) + "\n\n" if lines else ""


def offers_list(catalog: Catalog, base: str, scope: Scope = None, **filters) -> Markup:
    """The offers that match, by municipality, each with its name, access and summary (see Scope)."""
    legal = filters.pop("legal_basis", ())
    offers = find_offers(catalog, legal_basis=[legal] if isinstance(legal, str) else legal, **filters)
    if not offers:
        return Markup('<p class="missing">Der er endnu ingen tilbud på sitet, der passer hertil.</p>\n\n')
    if scope == GENERAL:
        return Markup(
            f"Sitet har {len(offers)} tilbud, der passer hertil. "
            f"{views.md_link('Find dem under Find tilbud', base + routes.CATALOGUE_INDEX)}, eller læs dem i "
            "udskriften for din egen kommune.\n\n"
        )
    out = per_municipality(
        catalog,
        scope,
        lambda m: offer_items(catalog, [o for o in offers if o.municipality == m.id], base, with_municipality=False),
        "",
    )
    if not out:
        # Nothing in a scope of one municipality (for every municipality, the offers found stand somewhere).
        name = formatting.municipality_name(catalog.municipalities[scope]) if scope else ""
        return Markup(
            f'<p class="missing">Sitet har endnu ingen tilbud i {md_escape(name)}, der passer '
            f"hertil, men {len(offers)} i andre kommuner.</p>\n\n"
        )
    return Markup(out)


def contacts_by_sector(
    catalog: Catalog, base: str, sectors: Iterable[str], level: int = 3, scope: Scope = None
) -> Markup:
    """The contacts of each sector: those shared by all municipalities, then each municipality's own (see Scope)."""

    def items(members: list[models.Contact]) -> str:
        return (
            "\n".join(
                f"- {views.md_link(c.name, routes.page_of('contacts', c.id, base=base))}: {md_escape(c.summary)}"
                for c in members
            )
            + "\n\n"
            if members
            else ""
        )

    out = []
    for sector in sectors:
        members = [c for c in catalog.contacts_sorted() if c.sector == sector]
        if not members:
            continue
        shared = items([c for c in members if c.municipality is None])
        by_municipality: dict[str, list[models.Contact]] = {}
        for c in members:
            if c.municipality:
                by_municipality.setdefault(c.municipality, []).append(c)
        own = (
            per_municipality(catalog, scope, functools.partial(_own_contacts, items, by_municipality), "")
            if by_municipality
            else ""
        )
        if shared or own:
            out.append(_heading(level, SECTORS[sector].label) + shared + own)
    return Markup("".join(out))


def _own_contacts(
    items: Callable[[list[models.Contact]], str],
    by_municipality: dict[str, list[models.Contact]],
    m: models.Municipality,
) -> str:
    return items(by_municipality.get(m.id, []))


def legal_link(basis: models.LegalBasis, base: str, text: str | None = None) -> Markup:
    """A link to the paragraph's row on the table of legal bases, named `text` or 'Serviceloven § 85: <title>'."""
    return views.md_link(
        text or formatting.legal_basis_label(basis, long=True), routes.legal_basis_of(basis.id, base=base)
    )


def legal_refs(catalog: Catalog, ids: Iterable[str], base: str) -> Markup:
    """A Markdown list of the paragraphs `ids` (legal table ids, 'sel-85'): each linked, with its meaning.

    Ids the legal table lacks are left out.
    """
    lines = [
        f"- {legal_link(catalog.legal_bases[i], base)} – {md_escape(catalog.legal_bases[i].meaning)}"
        for i in ids
        if i in catalog.legal_bases
    ]
    return Markup("\n".join(lines) + "\n\n")


def offer_links(offers: list[models.Offer], base: str, scope: Scope, sep: str, none: str) -> str:
    """The offers in the scope as links joined by `sep`; for GENERAL only how many there are."""
    if scope == GENERAL:
        return f"{len(offers)} tilbud" if offers else none
    return (
        sep.join(
            views.md_link(o.name, routes.page_of("offers", o.id, base=base))
            for o in offers
            if in_scope(scope, o.municipality)
        )
        or none
    )


def legal_overview(catalog: Catalog, base: str, scope: Scope = None) -> Markup:
    """The legal table from the data, short: paragraph, meaning and the offers given under it (those in the scope)."""
    rows = ["| Paragraf | Hvad den betyder for borgeren | Tilbud på sitet |", "| --- | --- | --- |"]
    for basis in catalog.legal_bases.values():
        offers = catalog.offers_under(basis.id)
        listed = offer_links(offers, base, scope, "<br>", "Ingen endnu")
        rows.append(
            f"| {legal_link(basis, base, formatting.legal_basis_label(basis))}<br>{md_escape(basis.title)} "
            f"| {md_escape(basis.meaning)} | {listed} |"
        )
    return Markup("\n".join(rows) + "\n\n")


def problems_overview(catalog: Catalog) -> Markup:
    """The social problems of the vocabulary and how many offers on the site help with each."""
    rows = ["| Problem | Hvad det er | Tilbud på sitet |", "| --- | --- | --- |"]
    counts = catalog.derived(_problem_counts)
    for problem in SocialProblem:
        rows.append(f"| {md_escape(problem.label)} | {md_escape(problem.description)} | {counts[problem]} |")
    return Markup("\n".join(rows) + "\n\n")


# --- the intervention ladder -------------------------------------------------------------------


@dataclass(frozen=True)
class LadderStep:
    """A step of the site's general explanation of the ladder; the law and the offers come from the data."""

    label: str
    legal: tuple[str, ...]


LADDER = (
    LadderStep("Rådgivning og tidlig hjælp uden visitation", ("sel-10", "sel-12")),
    LadderStep("Gruppeforløb og kortvarig støtte", ("sel-82a-d",)),
    LadderStep("Støtte i eget hjem (bostøtte)", ("sel-85", "sel-85a")),
    LadderStep("Midlertidigt botilbud", ("sel-107",)),
    LadderStep("Længerevarende botilbud", ("sel-108",)),
)


def _name_order(catalog: Catalog) -> dict[str, int]:
    """Offer id → its place in catalog.offers_sorted() (by name, the Danish way)."""
    return {offer.id: i for i, offer in enumerate(catalog.offers_sorted())}


def intervention_ladder(catalog: Catalog, base: str, scope: Scope = None) -> Markup:
    """The ladder drawn from LADDER and the legal table, with the offers on each step, then the same as text."""
    steps, items = [], []
    for number, step in enumerate(LADDER, 1):
        bases = [catalog.legal_bases[i] for i in step.legal if i in catalog.legal_bases]
        under = {o.id: o for legal in step.legal for o in catalog.offers_under(legal)}  # each by name
        order = catalog.derived(_name_order) if len(step.legal) > 1 else {}
        offers = sorted((o for o in under.values() if o.status != OfferStatus.CLOSED), key=lambda o: order.get(o.id, 0))
        paragraphs = ", ".join(b.paragraph.replace(" ", "\u00a0") for b in bases)  # a paragraph never breaks
        steps.append(
            diagrams.Step(
                step.label,
                f"{bases[0].law if bases else 'Serviceloven'} {paragraphs}",
                f"{len(offers)} tilbud på sitet",
            )
        )
        law = "".join(f"\n    - {legal_link(b, base)} – {md_escape(b.meaning)}" for b in bases)
        offer_text = offer_links(offers, base, scope, ", ", "ingen på sitet endnu")
        items.append(f"{number}. **{md_escape(step.label)}**\n{law}\n    - Tilbud på sitet: {offer_text}\n")
    svg = diagrams.ladder(
        steps,
        title="Indsatsrampen – sitets generelle forklaring",
        desc="En trappe med fem trin fra den mindst til den mest indgribende hjælp: "
        + "; ".join(f"{i}. {s.label} ({s.detail}, {s.note})" for i, s in enumerate(steps, 1))
        + ".",
        caption="Indsatsrampen, som sitet forklarer den generelt – ikke en kommunes egen figur. Trinene står "
        "også som tekst lige under figuren.",
    )
    others = [b for b in catalog.legal_bases.values() if not any(b.id in s.legal for s in LADDER)]
    beside = "\n".join(f"- {legal_link(b, base)} – {md_escape(b.meaning)}" for b in others)
    return Markup(
        f"{svg}\n"
        + "\n".join(items)
        + "\n\n"
        + (
            f"**Ved siden af rampen** står de øvrige paragraffer i sitets tabel over lovgrundlag. De er "
            f"ikke trin på vejen mod mere støtte, men hjælp til bestemte behov eller rammer for "
            f"arbejdet:\n\n{beside}\n\n"
            if others
            else ""
        )
    )


# --- the path, the municipalities, the themes --------------------------------------------------


def guide_path(nav: list | None, base: str, current: str | None = None) -> Markup:
    """The path of guides from the nav as a diagram and as a numbered list of links; empty without guides.

    `current` (the page's path in docs_dir) is marked as the reader's place; `base` leads to the site root.
    """
    steps = guides(nav)
    if not steps:
        return Markup("")
    index = next((i for i, g in enumerate(steps) if g.path == current), None)
    svg = diagrams.path(
        [g.title for g in steps],
        title="Forløbet for nye medarbejdere",
        desc=f"{len(steps)} guider i rækkefølge: " + "; ".join(f"{i}. {g.title}" for i, g in enumerate(steps, 1)) + ".",
        caption=f"De {len(steps)} guider i forløbet, i den rækkefølge de er skrevet til. Listen under figuren "
        "har de samme guider med links.",
        current=index,
    )
    items = [
        f"{i}. {views.md_link(g.title, base + g.path)}{' (du er her)' if g.path == current else ''}"
        for i, g in enumerate(steps, 1)
    ]
    return Markup(f"{svg}\n" + "\n".join(items) + "\n\n")


def municipality_start_links(catalog: Catalog, base: str, scope: Scope = None) -> Markup:
    """A link to each municipality's start page (only the scope's own, if it has one), with what it holds."""
    lines = []
    for m in catalog.municipalities_sorted():
        if scope and m.id != scope:
            continue
        policies, offers = catalog.policies_of(m.id), find_offers(catalog, municipality=m.id)
        contacts = len(catalog.contacts_of(m.id))
        start = views.md_link(formatting.start_page_title(m), routes.start_page_of(m.id, base=base))
        lines.append(
            f"- {start}"
            f" – {len(policies)} {'politik' if len(policies) == 1 else 'politikker'}, "
            f"{len(offers)} tilbud og {contacts} kontakter"
        )
    return Markup("\n".join(lines) + "\n\n")


def theme_coverage(catalog: Catalog, theme: str) -> Markup:
    """'3 af 4 kommuner (Ballerup, Egedal og Frederiksberg)' for a sentence in a guide."""
    matrix = comparison.theme_matrix(catalog)
    row = next(r for r in matrix.rows if r.theme == theme)
    names = [c.municipality.name for c in row.cells if c.areas]
    unknown = [c.municipality.name for c in row.cells if c.unknown]
    shown = formatting.danish_list(names)
    return Markup(
        md_escape(
            f"{len(names)} af {len(matrix.columns)} kommuner"
            + (f" ({shown})" if names else "")
            + (
                f"; for {formatting.danish_list(unknown)} er det ukendt, fordi teksten ikke er gengivet fuldt"
                if unknown
                else ""
            )
        )
    )


def theme_focus_areas(catalog: Catalog, theme: str, base: str, scope: Scope = None) -> Markup:
    """The focus areas tagged with a theme, by municipality, each linked to its place on the policy page.

    On the site each municipality's item is marked with its id (onboarding.js moves the reader's own first).
    """
    matrix = comparison.theme_matrix(catalog)
    row = next(r for r in matrix.rows if r.theme == theme)
    lines = []
    for cell in row.cells if scope != GENERAL else ():
        if not in_scope(scope, cell.municipality.id):
            continue
        if cell.areas:
            text = ", ".join(
                views.md_link(a.title, routes.page_of("policies", p.id, anchor=a.id, base=base)) for p, a in cell.areas
            )
        elif cell.unknown:
            text = comparison.UNKNOWN_TEXT.lower()
        else:
            text = "ingen fokusområder med temaet"
        mark = f' data-kommune="{attr(cell.municipality.id)}"' if scope is None else ""
        lines.append(f'<li{mark} markdown="span">**{md_escape(cell.municipality.name)}:** {text}</li>')
    theme_link = views.md_link(
        f"Sammenlign kommunerne om {THEMES[theme].label.lower()}", routes.comparison_page_of(theme, base=base)
    )
    listed = '<ul class="kommune-liste" markdown>\n' + "\n".join(lines) + "\n</ul>\n\n" if lines else ""
    return Markup(f"{listed}{theme_link}\n\n")


# --- the glossary page -------------------------------------------------------------------------


def glossary_page(catalog: Catalog, base: str) -> Markup:
    """The glossary page's Markdown from vocabularies/glossary.yaml, in the glossary's order (glossary.sort_key).

    Each term with its definition, other names, sources (linked to the policy's section or the paragraph) and
    related terms (linked on the page).
    """
    terms = sorted(catalog.glossary.values(), key=lambda t: glossary.sort_key(t.term))
    entries = []
    for term in terms:
        sources = []
        for source in term.sources:
            if source.policy and source.policy in catalog.policies:
                policy = catalog.policies[source.policy]
                target = routes.page_of("policies", policy.id, anchor=source.section, base=base)
                heading = citations.heading_of(policy, source.section) if source.section else None
                sources.append(
                    views.md_link(policy_label(catalog, policy) + (f" – {heading}" if heading else ""), target)
                )
            elif source.legal_basis and source.legal_basis in catalog.legal_bases:
                sources.append(legal_link(catalog.legal_bases[source.legal_basis], base, source.title))
            else:
                sources.append(Markup(md_escape(source.title)))
        related = [views.md_link(catalog.glossary[r].term, f"#{r}") for r in term.related if r in catalog.glossary]
        entries.append(
            {
                "id": term.id,
                "term": term.term,
                "definition": glossary.definition_of(term, catalog.legal_bases),
                "aliases": ", ".join(term.aliases),
                "sources": Markup(" · ".join(sources)),
                "related": Markup(", ".join(related)),
            }
        )
    return Markup(render("glossary.md.j2", entries=entries))


# --- print -------------------------------------------------------------------------------------


def demote_headings(markdown: str) -> str:
    """Every ATX heading one level down (outside fenced code), so that a guide becomes a chapter."""
    out, fence = [], None
    for line in markdown.split("\n"):
        marker = re.match(r"^\s*(`{3,}|~{3,})", line)
        if marker:
            fence = None if fence and marker.group(1).startswith(fence) else (fence or marker.group(1))
        elif fence is None and re.match(r"^#{1,5}\s", line):
            line = "#" + line
        out.append(line)
    return "\n".join(out)


def relink(markdown: str, prefix: str) -> str:
    """A guide's relative Markdown links, for a page `prefix` ('../') deeper than the guide.

    [x](samarbejde.md) → [x](../samarbejde.md). Links with a scheme, a root or only an anchor stay.
    """
    if not prefix:
        return markdown
    return re.sub(r"\]\((?![a-zA-Z][a-zA-Z0-9+.-]*:|#|/)", "](" + prefix, markdown)


PRINT_TITLE_END = ": hele forløbet til udskrift"  # after the start page's title (plain text, nothing to escape)


def print_page_title(m: models.Municipality) -> str:
    """The title of a municipality's print page: 'Ny medarbejder i Rødovre Kommune: hele forløbet til udskrift'."""
    return formatting.start_page_title(m) + PRINT_TITLE_END


def print_scope(catalog: Catalog, page_path: str) -> Scope:
    """Whose print page `page_path` is: a municipality's id (routes.GUIDE_PRINT_PAGE), else GENERAL."""
    found = routes.record_id(routes.GUIDE_PRINT_PAGE, page_path)
    return found if found in catalog.municipalities else GENERAL


def print_collection(env, catalog: Catalog, docs_dir: Path, page_path: str, scope: Scope) -> Markup:
    """Every guide of the path and the glossary, rendered for `scope` (see scope.py), as chapters of one page.

    ny-medarbejder/print/ (GENERAL) begins with links to each municipality's print page; ny-medarbejder/<id>/print/
    begins with its title and has the municipality's start page after the welcome. The macros read the scope
    while the guides render (see register).
    """
    from mkdocs.utils.meta import get_data

    nav = env.conf.get("nav")
    base = "../" * page_path.count("/")
    prefix = "../" * (page_path.count("/") - GUIDE_FOLDER.count("/") - 1)
    chapters = []
    if scope:
        m = catalog.municipalities[scope]
        chapters.append(
            f"# {md_escape(formatting.start_page_title(m))}{PRINT_TITLE_END}\n\n"
            f"Her er forløbet for nye medarbejdere i {md_escape(formatting.municipality_name(m))} samlet på én side: "
            "velkomsten, "
            "kommunens startside, alle guiderne med kommunens egne politikker, tilbud og kontakter og ordlisten til "
            "sidst. De andre kommuners citater er udeladt – dem finder du i guiderne på sitet. Brug din browsers "
            "udskrivning (Ctrl+P, på Mac Cmd+P) for at udskrive siden eller gemme den som PDF. Hver guide begynder "
            "på en ny side, og svarene under *Tjek dig selv* er foldet ud.\n{: .print-intro }\n"
        )
    else:
        links = "\n".join(
            f"- {views.md_link(formatting.municipality_name(m), routes.print_page_of(m.id, base=base))}"
            for m in catalog.municipalities_sorted()
        )
        chapters.append(
            "## Forløbet for din egen kommune\n\nUdskriften for din kommune har kommunens egne "
            "politikker, værdier, tilbud og kontakter med – og dens startside:\n\n" + links + "\n"
        )
    for guide in [*guides(nav), Guide("Ordliste", GLOSSARY_PAGE)]:
        source = docs_dir / guide.path
        if not source.is_file():
            continue
        markdown, _ = get_data(source.read_text("utf-8"))
        markdown = re.sub(r"(?m)^\?\?\? ", "???+ ", markdown)  # the answers to the self-checks stay open
        rendered = env.render(relink(markdown, prefix), force_rendering=True)
        chapters.append(demote_headings(rendered).strip() + "\n")
        if scope and guide.path == WELCOME_PAGE:
            # The start page's own HTML, a chapter down; md_in_html resolves its links and gives its headings their
            # ids and places in this page's table of contents (blocks.py).
            start = municipality_page(catalog, catalog.municipalities[scope], nav, base=base, printing=True)
            chapters.append(demote_html_headings(start.body()).strip() + "\n")
    return Markup("\n\n".join(chapters) + "\n")


# --- the macros --------------------------------------------------------------------------------


def register(env, catalog: Catalog) -> None:
    """Register the onboarding macros on the macros plugin's `env` (see the functions above for each).

    While a print page renders the guides, the macros show what its scope holds (see scope.py); elsewhere every
    municipality, each in its own block.
    """
    state: dict[str, Scope] = {"scope": None}

    def base() -> str:
        return "../" * env.page.file.src_uri.count("/")

    def scope() -> Scope:
        return state["scope"]

    def onboarding_print() -> Markup:
        path = env.page.file.src_uri
        state["scope"] = print_scope(catalog, path)
        try:
            return print_collection(env, catalog, Path(env.conf["docs_dir"]), path, state["scope"])
        finally:
            state["scope"] = None

    macros = {
        "policy_quote": lambda policy_id, path, containing=None: policy_quote(
            catalog, policy_id, path, base(), containing
        ),
        "cite": lambda policy_id, path, containing=None: cite(catalog, policy_id, path, base(), containing),
        "mentions": lambda *phrases, whole_word=False, exclude_sections=(), after=None: mentions(
            catalog,
            phrases,
            base(),
            whole_word=whole_word,
            exclude_sections=exclude_sections,
            scope=scope(),
            after=after,
        ),
        "target_groups": lambda level=3: target_groups(catalog, base(), level, scope()),
        "values_and_principles": lambda level=3: values_and_principles(catalog, base(), scope(), level),
        "recovery_principles": lambda: recovery_principles(catalog, base(), scope=scope()),
        "policy_facts": lambda: policy_facts(catalog, base(), scope()),
        "offers_list": lambda **filters: offers_list(catalog, base(), scope(), **filters),
        "contacts_by_sector": lambda *sectors, level=3: contacts_by_sector(catalog, base(), sectors, level, scope()),
        "legal_refs": lambda *ids: legal_refs(catalog, ids, base()),
        "legal_overview": lambda: legal_overview(catalog, base(), scope()),
        "problems_overview": lambda: problems_overview(catalog),
        "intervention_ladder": lambda: intervention_ladder(catalog, base(), scope()),
        "guide_path": lambda: guide_path(env.conf.get("nav"), base(), env.page.file.src_uri),
        "municipality_start_links": lambda: municipality_start_links(catalog, base(), scope()),
        "theme_coverage": lambda theme: theme_coverage(catalog, theme),
        "theme_focus_areas": lambda theme: theme_focus_areas(catalog, theme, base(), scope()),
        "theme_matrix": lambda: comparison.matrix_markdown(catalog, base()),
        "glossary": lambda: glossary_page(catalog, base()),
        "onboarding_print": onboarding_print,
    }
    for name, function in macros.items():
        env.macro(function, name)


# --- the reader's municipality ------------------------------------------------------------------


def shows_choice(page_path: str) -> bool:
    """Whether a page of docs_dir belongs to the path that carries the reader's choice (not a print page)."""
    return (
        page_path.startswith(f"{GUIDE_FOLDER}/")
        and page_path != PRINT_PAGE
        and routes.record_id(routes.GUIDE_PRINT_PAGE, page_path) is None
    )


def reading_as(catalog: Catalog, href) -> str:
    """The hidden line 'Du læser som ny medarbejder i Rødovre Kommune · din startside · udskriv · skift kommune'.

    content/assets/onboarding.js fills it in and shows it when the address names a municipality (?kommune=<id>).
    `href(path in docs_dir)` gives a link from the page. The municipalities' names travel with it, so that the script
    accepts only a known id; `{id}` in the page addresses stands for the chosen one.
    """
    names = {m.id: m.name for m in catalog.municipalities_sorted()}
    data = html.escape(json.dumps(names, ensure_ascii=False), quote=True)
    return (
        f'<p class="reading-as" hidden data-pagefind-ignore data-kommuner="{data}" '
        f'data-folder="{attr(href(WELCOME_PAGE))}" data-start="{attr(href(routes.GUIDE_PAGE))}" '
        f'data-print="{attr(href(routes.GUIDE_PRINT_PAGE))}">'
        'Du læser som ny medarbejder i <strong class="reading-as__name"></strong> Kommune · '
        '<a class="reading-as__start" href="#">din startside</a> · '
        '<a class="reading-as__print" href="#">udskriv dit forløb</a> · '
        f'<a class="reading-as__change" href="{attr(href(WELCOME_PAGE))}#{CHOOSER_ANCHOR}">skift kommune</a></p>'
    )


def with_reading_as(page_html: str, line: str) -> str:
    """The page's HTML with `line` right after its title."""
    end = page_html.find("</h1>")
    return page_html[: end + 5] + "\n" + line + page_html[end + 5 :] if end >= 0 else line + "\n" + page_html


# --- generated pages ---------------------------------------------------------------------------


def path_neighbours(nav: list | None) -> tuple[Guide | None, Guide | None]:
    """(the welcome page, the first guide after it): where a municipality's start page stands in the path."""
    steps = guides(nav)
    welcome = next((g for g in steps if g.path == WELCOME_PAGE), None)
    after = next((g for g in steps if g.path != WELCOME_PAGE), None)
    return welcome, after


def municipality_page(
    catalog: Catalog,
    m: models.Municipality,
    nav: list | None = None,
    *,
    base: str = "../",
    printing: bool = False,
) -> RecordPage:
    """ny-medarbejder/<kommune>/, the municipality's start page, straight to HTML (html_pages.py).

    The municipality's policies, values, focus areas, offers and contacts, with the way on into the path (the nav's
    guides) and to its print page. `base` leads to docs_dir from the page the text lands on; `printing` leaves out
    the way on (for its print page, which embeds the body, see print_collection). The start page is first when a
    search names the municipality (`kommuneside`).
    """
    name = formatting.municipality_name(m)
    description = (
        f"Det vigtigste for en ny medarbejder i {name}: politikker, værdier, fokusområder, "
        "tilbud og kontakter, samlet fra sitets data."
    )
    return RecordPage(
        front_matter(
            views.front_matter_text(formatting.start_page_title(m)),
            views.front_matter_text(description),
            own_page_of=name,
        ),
        functools.partial(_municipality_body, catalog, m, nav, base, printing),
    )


def _municipality_body(catalog: Catalog, m: models.Municipality, nav: list | None, base: str, printing: bool) -> str:
    """The content of municipality_page (its Markdown links still to resolve, see html_pages.py)."""
    policies = catalog.policies_of(m.id)
    own_contacts = catalog.contacts_of(m.id)
    shared = catalog.partners_of(m.id)  # the partners whose service area covers the municipality
    offers = find_offers(catalog, municipality=m.id)
    by_kind = []
    for kind_id, kind in OFFER_KINDS.items():
        members = [o for o in offers if o.kinds and o.kinds[0] == kind_id]
        if members:
            by_kind.append(
                {
                    "label": kind.label,
                    "offers": Markup(offer_items(catalog, members, base, with_municipality=False, fmt=HTML)),
                }
            )
    welcome, after = path_neighbours(nav)
    policy_items = [
        {
            "link": views.md_link(p.title, routes.page_of("policies", p.id, base=base)),
            "kind": POLICY_KINDS[p.kind].label,
            "period": formatting.period(p.valid_from, p.valid_to),
            "status": formatting.STATUS_LABELS[catalog.policy_status(p)],
            "summary": p.summary,
            "areas": [
                {
                    "link": views.md_link(a.title, routes.page_of("policies", p.id, anchor=a.id, base=base)),
                    "themes": ", ".join(THEMES[t].label for t in a.themes),
                    "summary": a.summary,
                }
                for a in p.focus_areas.areas
            ],
        }
        for p in policies
    ]
    name = formatting.municipality_name(m)
    return render(
        "onboarding_municipality.html.j2",
        m=m,
        name=name,
        kommune=attr(m.id),
        title=formatting.start_page_title(m),
        website=views.external_link(f"{name}s hjemmeside", m.website) if m.website else None,
        policies=policy_items,
        focus_areas=[a for p in policy_items for a in p["areas"]],
        values=values_and_principles(catalog, base, m.id, level=3, fmt=HTML),
        offers_count=len(offers),
        offer_groups=by_kind,
        contacts=[views.contact_card(catalog, c, base) for c in own_contacts],
        shared=[
            {
                "link": views.md_link(c.name, routes.page_of("contacts", c.id, base=base)),
                "summary": c.summary,
                "sector": SECTORS[c.sector].label,
                "area": service_areas.describe(catalog, c),
            }
            for c in shared
        ],
        region=m.region,
        guides_link=views.md_link("forløbet for nye medarbejdere", base + WELCOME_PAGE),
        compare_link=views.md_link("sammenligningen af politikkerne", base + routes.COMPARISON_INDEX),
        catalogue_link=views.md_link(
            f"Find og filtrér alle tilbud i {name}", routes.catalogue_page_of(m.id, base=base)
        ),
        printing=printing,
        previous=views.md_link(f"Forrige: {welcome.title}", base + welcome.path) if welcome and not printing else None,
        # The choice travels in the address (no cookie, no storage); onboarding.js carries it on from there.
        next=views.md_link(f"Næste: {after.title}", base + after.path + f"?kommune={m.id}")
        if after and not printing
        else None,
        print_link=views.md_link(f"Udskriv forløbet for {name}", routes.print_page_of(m.id, base=base))
        if not printing
        else None,
    )


PRINT_SOURCE = """---
title: {title}
render_macros: true
search:
  exclude: true
---

{{{{ onboarding_print() }}}}
"""
"""A municipality's print page: no text from the data passes through Jinja (the title is escaped for it, see
views.front_matter_text); the macro finds the municipality from the page's own path (print_scope)."""


def generated_pages(catalog: Catalog, nav: list | None = None) -> Iterator[tuple[str, str, Callable[[], str] | None]]:
    """(path, Markdown, what renders its HTML or None) of the pages made from the data.

    A start page and a print page per municipality, a page per theme. The start and theme pages are rendered straight
    to HTML (their Markdown only the front matter, see html_pages.py); the print page is Markdown that runs a macro.
    `nav` is mkdocs.yml's, for the start page's place in the path.
    """
    for m in catalog.municipalities_sorted():
        start = municipality_page(catalog, m, nav)
        yield routes.start_page_of(m.id), start.front_matter, start.body
        # The page's title is set here: one taken from its first heading would reach the theme's <title> unescaped.
        title = views.front_matter_text(print_page_title(m))
        yield routes.print_page_of(m.id), PRINT_SOURCE.format(title=title), None
    for path, page in comparison.generated_pages(catalog):
        yield path, page.front_matter, page.body
