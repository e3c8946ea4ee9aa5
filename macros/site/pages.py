"""The pages generated from the data: one per record, as (path in docs, Markdown) pairs.

Adding a YAML file adds its page here with no code change. Pages are plain Markdown produced by
templates in which every value from YAML is escaped (see render.py); they are never fed through
the macros plugin.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from markupsafe import Markup

from ..data import formatting, models, routes, transcription
from ..data.catalog import Catalog
from ..data.collation import danish_sort_key
from ..data.public_view import require_public
from ..data.vocabulary import AUTHOR_ROLES, CONTACT_KINDS, POLICY_KINDS, THEMES
from ..exports.vcard import vcard
from . import onboarding
from .catalogue import municipality_pages
from .render import anchor, render
from .views import contact_view, external_link, front_matter_text, md_link, offer_view


@dataclass(frozen=True)
class GeneratedPage:
    path: str  # relative to docs_dir, e.g. politikker/roedovre-politik-socialt-udsatte.md
    markdown: str
    # The one data file the page is made of, relative to the data root (offers/x.yaml): where "Ret denne side"
    # leads. None for a page put together from many records (a theme, a municipality's start page).
    source: str | None = None


def generated_pages(catalog: Catalog, nav: list | None = None) -> Iterator[GeneratedPage]:
    """A page per policy, offer and contact, a vCard per contact, the onboarding and comparison pages, and
    the offer catalogue of each municipality. `catalog` must be the public view (public_view.py); `nav` is
    mkdocs.yml's, whose onboarding section the municipalities' start pages link into.
    """
    require_public(catalog, "Sitets sider")
    for policy in catalog.policies.values():
        yield GeneratedPage(
            routes.POLICY_PAGE.format(id=policy.id),
            policy_page(catalog, policy),
            catalog.files[("policies", policy.id)],
        )
    for offer in catalog.offers.values():
        yield GeneratedPage(
            routes.OFFER_PAGE.format(id=offer.id),
            render("offer.md.j2", view=offer_view(catalog, offer)),
            catalog.files[("offers", offer.id)],
        )
    for contact in catalog.contacts.values():
        yield GeneratedPage(
            routes.CONTACT_PAGE.format(id=contact.id),
            render("contact.md.j2", view=contact_view(catalog, contact)),
            catalog.files[("contacts", contact.id)],
        )
        parent = catalog.contacts.get(contact.parent) if contact.parent else None
        yield GeneratedPage(routes.CONTACT_CARD.format(id=contact.id), vcard(contact, parent))
    # start and print pages per municipality, pages per theme
    for path, markdown in onboarding.generated_pages(catalog, nav):
        yield GeneratedPage(path, markdown)
    for path, markdown in municipality_pages(catalog):  # the offer catalogue of each municipality
        yield GeneratedPage(path, markdown)


def theme_labels(theme_ids) -> str:
    return ", ".join(THEMES[t].label for t in theme_ids)


def policy_page(catalog: Catalog, p: models.Policy) -> str:
    status = catalog.policy_status(p)
    all_themes = sorted({t for a in p.focus_areas.areas for t in a.themes}, key=list(THEMES).index)
    follow_up_facts = []
    if p.follow_up:
        f = p.follow_up
        if f.annual_action_plan:
            follow_up_facts.append("Der laves en handleplan hvert år.")
        if f.annual_status:
            follow_up_facts.append("Der følges op på indsatserne hvert år.")
        if f.follow_up_in:
            follow_up_facts.append("Der følges op i: " + ", ".join(f.follow_up_in) + ".")
        if f.council:
            follow_up_facts.append(f"Rådet, der følger arbejdet: {f.council}.")
    related = []
    for item in p.related_policies.items if p.related_policies else ():
        if item.policy:
            related.append(md_link(catalog.policies[item.policy].title, f"{item.policy}.md"))
        else:
            related.append(item.title)
    areas = [
        {
            "model": a,
            "anchor": anchor(a.id),
            "themes": theme_labels(a.themes),
            "offers": [
                {"link": md_link(o.name, f"../tilbud/{o.id}.md")} for o in catalog.offers_for_focus_area(p.id, a.id)
            ],
        }
        for a in p.focus_areas.areas
    ]
    tg = p.target_group
    authors = [
        {
            "role": role.label,
            "links": Markup(
                ", ".join(
                    md_link(catalog.contacts[a.contact].name, f"../kontakter/{a.contact}.md")
                    for a in p.prepared_by
                    if a.role == role_id
                )
            ),
        }
        for role_id, role in AUTHOR_ROLES.items()
        if any(a.role == role_id for a in p.prepared_by)
    ]
    named_contacts = [
        {"link": md_link(c.name, f"../kontakter/{c.id}.md"), "kind": CONTACT_KINDS[c.kind].label, "summary": c.summary}
        for c in sorted((catalog.contacts[i] for i in p.names_contacts), key=lambda c: (danish_sort_key(c.name), c.id))
    ]
    named_offers = [
        {"link": md_link(o.name, f"../tilbud/{o.id}.md"), "summary": o.summary}
        for o in sorted((catalog.offers[i] for i in p.names_offers), key=lambda o: (danish_sort_key(o.name), o.id))
    ]
    return render(
        "policy.md.j2",
        p=p,
        front_title=front_matter_text(p.title),
        front_description=front_matter_text(p.summary),
        municipality=catalog.municipalities[p.municipality],
        kind_label=POLICY_KINDS[p.kind].label,
        period=formatting.period(p.valid_from, p.valid_to),
        status=formatting.STATUS_LABELS[status],
        status_class=formatting.STATUS_CLASSES[status],
        ended=formatting.long_date(p.valid_to) if status == "udløbet" and p.valid_to else None,
        adopted=formatting.adopted(p),
        themes=theme_labels(all_themes),
        age=formatting.age_range(tg.age_min, tg.age_max) if tg else None,
        audience=formatting.policy_audience(p),
        authors=authors,
        named_contacts=named_contacts,
        named_offers=named_offers,
        whole=transcription.is_whole(p),
        transcription_label=transcription.label(p),
        transcription_statement=transcription.page_statement(p),
        missing=transcription.missing_statement(p),
        areas=areas,
        facts_without_source=bool(p.facts and any(f.source is None for f in p.facts.items)),
        follow_up_facts=follow_up_facts,
        related=related,
        source_link=external_link("Hent det oprindelige dokument", p.source.url) if p.source.url else None,
    )
