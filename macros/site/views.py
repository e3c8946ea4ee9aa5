"""View data for the offer and contact pages and indexes: all sorting, grouping and wording happens here.

Templates receive dicts of ready values; text from YAML stays plain and is escaped by the template
environment, while links this code builds are `Markup`.
"""

from __future__ import annotations

import html
import json

from markupsafe import Markup

from ..data import formatting, models, service_areas
from ..data.catalog import Catalog
from ..data.confirmation import confirmation
from ..data.vocabulary import (
    ACCESS,
    CONFIRMATIONS,
    CONTACT_KINDS,
    FACT_TOPICS,
    LANGUAGES,
    OFFER_KINDS,
    OFFER_STATUSES,
    PROBLEMS,
    SECTORS,
    TARGET_GROUPS,
    WEEKDAYS,
)
from .next_step import contact_next_step, fact_view, legal_rules, offer_next_step, phone_view, source_note
from .render import attr, md_escape


def md_link(text: str, target: str) -> Markup:
    """A Markdown link with escaped text; `target` is a path this code built (MkDocs checks it)."""
    return Markup(f"[{md_escape(text)}]({target})")


def external_link(text: str, url: str) -> Markup:
    """A link to another site; the URL comes from YAML and was checked by the model to be http(s)."""
    return Markup(f'<a href="{attr(url)}">{md_escape(text)}</a>')


def municipality_block(municipality: models.Municipality, markdown: str) -> str:
    """A municipality's own part of a page that shows every municipality in turn.

    An open disclosure whose summary names the municipality, marked with its id (`data-kommune`). Without script every
    block stays open; content/assets/onboarding.js moves the reader's chosen municipality first and folds the others.
    """
    return (
        f'<details class="kommune-blok" data-kommune="{attr(municipality.id)}" open markdown="block">\n'
        f"<summary>{md_escape(municipality.name)} Kommune</summary>\n\n{markdown.strip()}\n\n</details>\n\n"
    )


def labels(table, ids) -> str:
    return ", ".join(table[i].label for i in ids)


# --- contact cards -----------------------------------------------------------------------------


def contact_card(catalog: Catalog, contact: models.Contact, base: str) -> dict:
    """Everything a card shows, for use on any page; `base` leads from that page to the site root."""
    municipality = catalog.municipalities.get(contact.municipality) if contact.municipality else None
    parent = catalog.contacts.get(contact.parent) if contact.parent else None
    return {
        "name": contact.name,
        "link": md_link(contact.name, f"{base}kontakter/{contact.id}.md"),
        "kind": CONTACT_KINDS[contact.kind].label,
        "sector": SECTORS[contact.sector].label,
        "parent": md_link(parent.name, f"{base}kontakter/{parent.id}.md") if parent else None,
        "municipality": f"{municipality.name} Kommune" if municipality else None,
        "summary": contact.summary,
        "phones": [phone_view(p, "kontakten") for p in contact.phones],
        "email": contact.email,
        "email_href": attr("mailto:" + contact.email) if contact.email else None,
        "secure_mail": contact.secure_mail,
        "address": contact.address,
        "address_source": source_note(contact.address.source, "kontakten") if contact.address else None,
        "website": external_link(contact.website, contact.website) if contact.website else None,
        "person": contact.person,
        "vcard": md_link("Gem som visitkort (vCard)", f"{base}kontakter/{contact.id}.vcf"),
    }


# --- offer page --------------------------------------------------------------------------------


def offer_view(catalog: Catalog, offer: models.Offer) -> dict:
    base = "../"
    municipality = catalog.municipalities[offer.municipality]
    provider = catalog.contacts.get(offer.provider) if offer.provider else None
    contacts = [catalog.contacts[c] for c in offer.contacts]
    if provider and provider not in contacts:
        contacts.insert(0, provider)
    focus_areas = []
    for ref in offer.focus_areas:
        policy, area = catalog.focus_area(ref)
        focus_areas.append(
            {
                "link": md_link(area.title, f"{base}politikker/{policy.id}.md#{area.id}"),
                "policy": md_link(policy.title, f"{base}politikker/{policy.id}.md"),
            }
        )
    return {
        "o": offer,
        "front_title": front_matter_text(offer.name),
        "front_description": front_matter_text(offer.summary),
        "municipality": f"{municipality.name} Kommune",
        "service_area": service_areas.describe(catalog, offer) if offer.service_area else None,
        "status": OFFER_STATUSES[offer.status].label,
        "status_class": offer.status,
        "kinds": labels(OFFER_KINDS, offer.kinds),
        "target_groups": labels(TARGET_GROUPS, offer.target_groups),
        "problems": labels(PROBLEMS, offer.problems),
        "age": formatting.age_range(offer.age_min, offer.age_max),
        "access": [{"label": ACCESS[a].label, "meaning": ACCESS[a].description} for a in offer.access],
        "legal": [
            {"link": md_link(f"{lb.law} {lb.paragraph}: {lb.title}", f"lovgrundlag.md#{lb.id}"), "meaning": lb.meaning}
            for lb in (catalog.legal_bases[i] for i in offer.legal_basis)
        ],
        "languages": labels(LANGUAGES, offer.languages),
        "locations": [location_view(loc) for loc in offer.locations],
        "capacity": capacity_text(offer.capacity),
        "contacts": [contact_card(catalog, c, base) for c in contacts],
        "focus_areas": focus_areas,
        "sources": source_items(offer.sources, base),
        "next_step": offer_next_step(catalog, offer, base),
        "access_facts": [fact_view(f, "tilbuddet", base) for f in offer.facts if f.topic == "adgang"],
        "other_facts": [
            fact_view(f, "tilbuddet", base) | {"topic": FACT_TOPICS[f.topic].label}
            for f in offer.facts
            if f.topic != "adgang"
        ],
        "general_rules": (
            []
            if offer.how_to_access or any(f.topic == "adgang" for f in offer.facts)
            else legal_rules(catalog, offer.legal_basis)
        ),
        "confirmation": CONFIRMATIONS[confirmation(offer)].label,
        "website": external_link(offer.website, offer.website) if offer.website else None,
        "verified": formatting.long_date(offer.last_verified) if offer.last_verified else None,
        "stale": catalog.is_stale(offer.last_verified),
    }


def location_view(location: models.Location) -> dict:
    return {
        # A confidential location has no name or address in the public view (public_view.py).
        "name": location.name,
        "confidential": location.confidential,
        "address": location.address,
        "accessibility": location.accessibility,
        "hours": [
            {"days": day_span(h.days), "time": f"{h.opens}–{h.closes}", "note": h.note} for h in location.opening_hours
        ],
    }


def day_span(days) -> str:
    order = list(WEEKDAYS)
    idx = sorted(order.index(d) for d in days)
    if len(idx) == 7:
        return "Alle dage"
    if len(idx) > 2 and idx == list(range(idx[0], idx[-1] + 1)):
        return f"{WEEKDAYS[order[idx[0]]].label}–{WEEKDAYS[order[idx[-1]]].label.lower()}"
    return ", ".join(WEEKDAYS[order[i]].label for i in idx)


def capacity_text(capacity: models.Capacity | None) -> str | None:
    if capacity is None:
        return None
    text = f"{capacity.places} pladser"
    if capacity.available is not None:
        text += f", heraf {capacity.available} ledige"
    return f"{text} (opgjort {formatting.long_date(capacity.updated)})"


# --- contact page ------------------------------------------------------------------------------


def contact_view(catalog: Catalog, contact: models.Contact) -> dict:
    base = "../"
    return {
        "c": contact,
        "card": contact_card(catalog, contact, base),
        "front_title": front_matter_text(contact.name),
        "front_description": front_matter_text(contact.summary),
        "units": [md_link(u.name, f"{u.id}.md") for u in catalog.units_of(contact.id)],
        "offers": [
            {"link": md_link(o.name, f"{base}tilbud/{o.id}.md"), "summary": o.summary}
            for o in catalog.offers_of_contact(contact.id)
        ],
        "sources": source_items(contact.sources, base),
        "service_area": service_areas.describe(catalog, contact),
        "named_in": [
            md_link(p.title, f"{base}politikker/{p.id}.md") for p in catalog.policies_naming("contacts", contact.id)
        ],
        "next_step": contact_next_step(catalog, contact, base),
        "facts": [fact_view(f, "kontakten", base) | {"topic": FACT_TOPICS[f.topic].label} for f in contact.facts],
        "verified": formatting.long_date(contact.last_verified) if contact.last_verified else None,
    }


def source_items(sources: tuple[models.SourceReference, ...], base: str) -> list[Markup]:
    """Each source as a link to its policy on the site, or its title, followed by a link to it on the web."""
    items = []
    for s in sources:
        item = md_link(s.title, f"{base}politikker/{s.policy}.md") if s.policy else Markup(md_escape(s.title))
        if s.url:
            item += Markup(" – ") + external_link("kilden på nettet", s.url)
            if s.read_on:
                item += Markup(md_escape(f", læst {formatting.long_date(s.read_on)}"))
        items.append(item)
    return items


def contact_groups(catalog: Catalog) -> list[dict]:
    """Contacts for the index, grouped by sector in the vocabulary's order."""
    groups = []
    for sector_id, sector in SECTORS.items():
        members = [c for c in catalog.contacts_sorted() if c.sector == sector_id]
        if members:
            groups.append(
                {
                    "name": sector.label,
                    "rows": [
                        {
                            "link": md_link(c.name, f"{c.id}.md"),
                            "kind": CONTACT_KINDS[c.kind].label,
                            "summary": c.summary,
                        }
                        for c in members
                    ],
                }
            )
    return groups


def legal_basis_rows(catalog: Catalog) -> list[dict]:
    return [
        {
            "id": lb.id,
            "title": f"{lb.law} {lb.paragraph}: {lb.title}",
            "meaning": lb.meaning,
            "offers": [md_link(o.name, f"{o.id}.md") for o in catalog.offers_sorted() if lb.id in o.legal_basis],
        }
        for lb in catalog.legal_bases.values()
    ]


def front_matter_text(text: str) -> Markup:
    """A value for the page's YAML front matter. JSON is valid YAML; the text is HTML-escaped because
    the theme prints the title unescaped in some places.
    """
    return Markup(json.dumps(html.escape(" ".join(text.split()), quote=True), ensure_ascii=False))
