"""The pages generated from the data: one per record, as (path in docs, Markdown) pairs, and the policy page's view.

Adding a YAML file adds its page here with no code change. Pages are produced by templates in which every value from
YAML is escaped (see render.py); they are never fed through the macros plugin. The policies', offers' and contacts'
pages, a municipality's start and catalogue pages and a theme's page are rendered straight to HTML (html_pages.py):
their Markdown is only the front matter. A municipality's print page is Markdown that runs a macro. Page paths come
from macros/data/routes.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial

from markupsafe import Markup

from ..data import formatting, models, routes, transcription
from ..data.catalog import Catalog
from ..data.collation import danish_sort_key
from ..data.public_view import require_public
from ..data.vocabulary import AUTHOR_ROLES, POLICY_KINDS, THEMES
from ..exports.vcard import vcard
from . import onboarding
from .catalogue import municipality_pages
from .html_pages import RecordPage, contact_page, front_matter, offer_page
from .render import render
from .views import (
    ContactRow,
    OfferLink,
    contact_row,
    external_link,
    front_matter_text,
    md_link,
)

POLICY_BASE = "../"
"""The way from a policy's page (politikker/<id>.md) to the site root."""


@dataclass(frozen=True)
class GeneratedPage:
    """A file the site generates from the data.

    Attributes:
        path: relative to docs_dir, e.g. 'politikker/roedovre-politik-socialt-udsatte.md'.
        markdown: the file's content (Markdown), or for a .vcf path a function that makes the vCard when the file is
            written (a shard build writes only its own, see shards.py).
        source: the one data file the page is made of, relative to the data root ('offers/x.yaml'): where
            "Ret denne side" leads. None for a page put together from many records (a theme, a municipality's
            start page).
        facts: for a page put together from many records that still has facts of its own, the data file they come
            from (a municipality's pages: 'municipalities/roedovre.yaml'); its edit link leads there. Else None.
        html: for a page rendered straight to HTML (html_pages.py: the policies', offers' and contacts' pages, a
            municipality's start and catalogue pages, a theme's page), what renders its content when the page is
            rendered (RecordPage.body), links to pages still Markdown links for the plugin to resolve; its `markdown`
            is then only the front matter. Else None.
    """

    path: str
    markdown: str | Callable[[], str]
    source: str | None = None
    facts: str | None = None
    html: Callable[[], str] | None = None


def generated_pages(catalog: Catalog, nav: list | None = None) -> Iterator[GeneratedPage]:
    """A page per policy, offer and contact, a vCard per contact, the onboarding pages and the offer catalogues.

    Args:
        catalog: the public view (public_view.py); anything else raises (`require_public`).
        nav: mkdocs.yml's nav, whose onboarding section the municipalities' start pages link into.
    """
    require_public(catalog, "Sitets sider")
    # Policies, offers and contacts: rendered straight to HTML, their Markdown file only the front matter
    # (html_pages.py).
    for policy in catalog.policies.values():
        page = policy_page(catalog, policy)
        yield GeneratedPage(
            routes.page_of("policies", policy.id),
            page.front_matter,
            catalog.files[("policies", policy.id)],
            html=page.body,
        )
    for offer in catalog.offers.values():
        page = offer_page(catalog, offer)
        yield GeneratedPage(
            routes.page_of("offers", offer.id), page.front_matter, catalog.files[("offers", offer.id)], html=page.body
        )
    for contact in catalog.contacts.values():
        page = contact_page(catalog, contact)
        yield GeneratedPage(
            routes.page_of("contacts", contact.id),
            page.front_matter,
            catalog.files[("contacts", contact.id)],
            html=page.body,
        )
        parent = catalog.contacts.get(contact.parent) if contact.parent else None
        yield GeneratedPage(routes.card_of(contact.id), partial(vcard, contact, parent, catalog.entrance_of(contact)))
    # start and print pages per municipality, pages per theme
    for path, markdown, html in onboarding.generated_pages(catalog, nav):
        yield GeneratedPage(path, markdown, facts=_municipality_file(catalog, path), html=html)
    for path, page in municipality_pages(catalog):  # the offer catalogue of each municipality
        yield GeneratedPage(path, page.front_matter, facts=_municipality_file(catalog, path), html=page.body)


def _municipality_file(catalog: Catalog, path: str) -> str | None:
    """The data file of the municipality whose own page `path` is (routes.RECORD_PAGES), or None.

    'ny-medarbejder/roedovre/print.md' → 'municipalities/roedovre.yaml'; any other page → None.
    """
    for pattern in routes.RECORD_PAGES["municipalities"]:
        municipality_id = routes.record_id(pattern, path)
        if municipality_id in catalog.municipalities:
            return catalog.files[("municipalities", municipality_id)]
    return None


def theme_labels(theme_ids: Iterable[str]) -> str:
    """The Danish labels of theme ids, comma-separated, in the given order."""
    return ", ".join(THEMES[t].label for t in theme_ids)


@dataclass(frozen=True, slots=True)
class AuthorGroup:
    """The authors of a policy in one role: the role's label ('Udarbejdet af') and links to their contact pages."""

    role: str
    links: Markup


@dataclass(frozen=True, slots=True)
class FocusAreaView:
    """A focus area's section on its policy's page.

    Attributes:
        area: the focus area itself, for the values printed as written.
        themes: the labels of its themes, comma-separated.
        offers: links to the offers that name it, by name.
    """

    area: models.FocusArea
    themes: str
    offers: tuple[Markup, ...]


@dataclass(frozen=True, slots=True)
class PolicyView:
    """A policy's page (templates/policy.html.j2).

    Attributes:
        policy: the policy itself, for its text, printed as written.
        front_title: the page title for the front matter (`front_matter_text`).
        front_description: the page description for the front matter.
        municipality: its municipality as readers know it ('Rødovre Kommune').
        kind_label: 'Politik' or 'Strategi'.
        period: its period as text (`formatting.period`).
        status: the label of its status today, e.g. 'Gældende'.
        status_class: the status's CSS class, e.g. 'gaeldende'.
        ended: the date its period ended, as text, only when it has ended; else None.
        adopted: who adopted it and when (`formatting.adopted`), or None.
        themes: the labels of its focus areas' themes, comma-separated, in the vocabulary's order.
        age: its target group's age range as text, or None.
        audience: whom it is for by age, e.g. 'Unge og voksne', or None.
        authors: its authors, one group per role in the vocabulary's order.
        named_contacts: the contacts it names, by name.
        named_offers: the offers it names, by name.
        whole: whether the page reproduces the whole document.
        transcription_label: 'Hele dokumentet', 'Dele af dokumentet' or 'Uddrag'.
        transcription_statement: the first sentence of 'Om gengivelsen'.
        missing: what the page leaves out of the document, or None when it is whole.
        areas: its focus areas.
        facts_without_source: whether some fact of the document has no source.
        follow_up_facts: short sentences on how it is followed up.
        related: related policies: a link when the policy is on the site, else its title as written.
        source_link: a link to the original document, or None.
    """

    policy: models.Policy
    front_title: Markup
    front_description: Markup
    municipality: str
    kind_label: str
    period: str
    status: str
    status_class: str
    ended: str | None
    adopted: str | None
    themes: str
    age: str | None
    audience: str | None
    authors: tuple[AuthorGroup, ...]
    named_contacts: tuple[ContactRow, ...]
    named_offers: tuple[OfferLink, ...]
    whole: bool
    transcription_label: str
    transcription_statement: str
    missing: str | None
    areas: tuple[FocusAreaView, ...]
    facts_without_source: bool
    follow_up_facts: tuple[str, ...]
    related: tuple[Markup | str, ...]
    source_link: Markup | None


def _follow_up_facts(follow_up: models.FollowUp | None) -> tuple[str, ...]:
    if follow_up is None:
        return ()
    facts = []
    if follow_up.annual_action_plan:
        facts.append("Der laves en handleplan hvert år.")
    if follow_up.annual_status:
        facts.append("Der følges op på indsatserne hvert år.")
    if follow_up.follow_up_in:
        facts.append("Der følges op i: " + ", ".join(follow_up.follow_up_in) + ".")
    if follow_up.council:
        facts.append(f"Rådet, der følger arbejdet: {follow_up.council}.")
    return tuple(facts)


def policy_view(catalog: Catalog, policy: models.Policy) -> PolicyView:
    """The view of a policy's page, built from the public view `catalog` (its references were checked at load)."""
    base = POLICY_BASE
    status = catalog.policy_status(policy)
    all_themes = sorted({t for a in policy.focus_areas.areas for t in a.themes}, key=list(THEMES).index)
    related: list[Markup | str] = []
    for item in policy.related_policies.items if policy.related_policies else ():
        if item.policy:
            related.append(
                md_link(catalog.policies[item.policy].title, routes.page_of("policies", item.policy, base=base))
            )
        else:
            related.append(item.title)
    areas = tuple(
        FocusAreaView(
            area=area,
            themes=theme_labels(area.themes),
            offers=tuple(
                md_link(o.name, routes.page_of("offers", o.id, base=base))
                for o in catalog.offers_for_focus_area(policy.id, area.id)
            ),
        )
        for area in policy.focus_areas.areas
    )
    authors = tuple(
        AuthorGroup(
            role=role.label,
            links=Markup(
                ", ".join(
                    md_link(catalog.contacts[a.contact].name, routes.page_of("contacts", a.contact, base=base))
                    for a in policy.prepared_by
                    if a.role == role_id
                )
            ),
        )
        for role_id, role in AUTHOR_ROLES.items()
        if any(a.role == role_id for a in policy.prepared_by)
    )
    named_contacts = sorted(
        (catalog.contacts[i] for i in policy.names_contacts), key=lambda c: (danish_sort_key(c.name), c.id)
    )
    named_offers = sorted(
        (catalog.offers[i] for i in policy.names_offers), key=lambda o: (danish_sort_key(o.name), o.id)
    )
    target_group = policy.target_group
    return PolicyView(
        policy=policy,
        front_title=front_matter_text(policy.title),
        front_description=front_matter_text(policy.summary),
        municipality=formatting.municipality_name(catalog.municipalities[policy.municipality]),
        kind_label=POLICY_KINDS[policy.kind].label,
        period=formatting.period(policy.valid_from, policy.valid_to),
        status=formatting.STATUS_LABELS[status],
        status_class=formatting.STATUS_CLASSES[status],
        ended=formatting.long_date(policy.valid_to) if status == "udløbet" and policy.valid_to else None,
        adopted=formatting.adopted(policy),
        themes=theme_labels(all_themes),
        age=formatting.age_range(target_group.age_min, target_group.age_max) if target_group else None,
        audience=formatting.policy_audience(policy),
        authors=authors,
        named_contacts=tuple(contact_row(c, base) for c in named_contacts),
        named_offers=tuple(
            OfferLink(link=md_link(o.name, routes.page_of("offers", o.id, base=base)), summary=o.summary)
            for o in named_offers
        ),
        whole=transcription.is_whole(policy),
        transcription_label=transcription.label(policy),
        transcription_statement=transcription.page_statement(policy),
        missing=transcription.missing_statement(policy),
        areas=areas,
        facts_without_source=bool(policy.facts and any(f.source is None for f in policy.facts.items)),
        follow_up_facts=_follow_up_facts(policy.follow_up),
        related=tuple(related),
        source_link=(external_link("Hent det oprindelige dokument", policy.source.url) if policy.source.url else None),
    )


def policy_page(catalog: Catalog, policy: models.Policy) -> RecordPage:
    """A policy's page, straight to HTML (templates/policy.html.j2, html_pages.py), from the public view `catalog`.

    One of its municipality's own pages (`kommuneside`): first when a search names the municipality.
    """
    view = policy_view(catalog, policy)
    return RecordPage(
        front_matter(
            view.front_title, view.front_description, "Politik", view.municipality, own_page_of=view.municipality
        ),
        partial(render, "policy.html.j2", view=view),
    )
