"""View data for the offer and contact pages and indexes: all sorting, grouping and wording happens here.

Each view is a frozen dataclass that a template reads by attribute (`view.offer.name`, `card.phones`). Text from
YAML stays plain and is escaped by the template environment, while links this code builds are `Markup`
(render.py). Page paths come from macros/data/routes.py, a municipality's name from formatting.py. Everything here
reads the public view (macros/data/public_view.py).
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from markupsafe import Markup

from ..data import formatting, models, routes, service_areas
from ..data.catalog import Catalog
from ..data.confirmation import confirmation
from ..data.vocabulary import (
    ACCESS,
    CONFIRMATIONS,
    CONTACT_KINDS,
    LANGUAGES,
    OFFER_KINDS,
    OFFER_STATUSES,
    PROBLEMS,
    SECTORS,
    TARGET_GROUPS,
    UNKNOWN_STATUS,
    WEEKDAYS,
    FactTopic,
    OfferStatus,
    Term,
)
from .next_step import (
    FactView,
    LegalRule,
    NextStep,
    PhoneView,
    contact_next_step,
    fact_view,
    legal_rules,
    offer_next_step,
    phone_view,
    reachable,
    source_note,
)
from .render import attr, md_escape

OFFER_BASE = "../"
"""The way from an offer's page (tilbud/<id>.md) to the site root."""

CONTACT_BASE = "../"
"""The way from a contact's page (kontakter/<id>.md) to the site root."""


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
        f"<summary>{md_escape(formatting.municipality_name(municipality))}</summary>\n\n{markdown.strip()}\n\n"
        "</details>\n\n"
    )


def municipality_blocks(blocks: Iterable[str]) -> str:
    """The blocks (municipality_block) that take turns on one subject, in one group: `<div class="kommune-blokke">`.

    content/assets/onboarding.js moves the chosen municipality first within its own group only, and says so in a
    group where the municipality has no block. '' when there are no blocks.
    """
    blocks = [b for b in blocks if b]
    if not blocks:
        return ""
    return '<div class="kommune-blokke" markdown="block">\n\n' + "".join(blocks) + "</div>\n\n"


def labels(table: Mapping[str, Term], ids: Iterable[str]) -> str:
    """The Danish labels of vocabulary ids, in the given order: (OFFER_KINDS, ['botilbud']) → 'Botilbud'."""
    return ", ".join(table[i].label for i in ids)


# --- contact cards -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ContactCard:
    """A contact's card, the same on every page that shows it.

    Laid out by `contact_card` in templates/_blocks.html.j2, the one layout of a card (see blocks.py for the print
    page, which reads it through md_in_html).

    Attributes:
        link: a Markdown link to the contact's page.
        kind: the Danish label of its kind, e.g. 'Organisation'.
        sector: the Danish label of its sector, e.g. 'Kommune'.
        parent: a link to the contact it belongs under, or None.
        municipality: its municipality as readers know it ('Rødovre Kommune'), or None.
        summary: who the contact is, as written.
        phones: its phones; a municipality's own contact also shows its municipality's public entrance
            (Catalog.entrance_of), each value with its source.
        email: its e-mail address, or None.
        email_href: the mailto: link of `email`, or None.
        secure_mail: how to send it secure mail, as written, or None.
        secure_mail_source: the note naming where `secure_mail` was read, or None.
        address: its postal address (else its entrance's), or None.
        address_source: the note naming where the address was read, or None.
        website: a link to its website, or None.
        vcard: a link to its vCard file.
    """

    link: Markup
    kind: str
    sector: str
    parent: Markup | None
    municipality: str | None
    summary: str
    phones: tuple[PhoneView, ...]
    email: str | None
    email_href: Markup | None
    secure_mail: str | None
    secure_mail_source: Markup | None
    address: models.Address | None
    address_source: Markup | None
    website: Markup | None
    vcard: Markup

    @property
    def reachable(self) -> bool:
        """Whether the card gives a phone, an e-mail or an address."""
        return bool(self.phones or self.email or self.address)


def contact_card(catalog: Catalog, contact: models.Contact, base: str) -> ContactCard:
    """Everything a card shows, for use on any page.

    Args:
        catalog: the public view, holding the contact's parent and municipality.
        contact: the contact.
        base: the way from the page that shows the card to the site root, e.g. '../'.
    """
    municipality = catalog.municipalities.get(contact.municipality) if contact.municipality else None
    parent = catalog.contacts.get(contact.parent) if contact.parent else None
    entrance = catalog.entrance_of(contact)
    phones = [phone_view(p, "kontakten") for p in contact.phones]
    phones += [phone_view(p, "kommunen") for p in entrance.phones] if entrance else []
    address, address_source = (
        contact.address,
        source_note(contact.address.source, "kontakten") if contact.address else None,
    )
    if address is None and entrance and entrance.address:
        address, address_source = entrance.address, source_note(entrance.address.source, "kommunen")
    secure_mail, secure_mail_source = contact.secure_mail, None
    if secure_mail is None and entrance and entrance.secure_mail:
        secure = fact_view(entrance.secure_mail, "kommunen", base)
        secure_mail, secure_mail_source = secure.text, secure.source
    return ContactCard(
        link=md_link(contact.name, routes.page_of("contacts", contact.id, base=base)),
        kind=CONTACT_KINDS[contact.kind].label,
        sector=SECTORS[contact.sector].label,
        parent=md_link(parent.name, routes.page_of("contacts", parent.id, base=base)) if parent else None,
        municipality=formatting.municipality_name(municipality) if municipality else None,
        summary=contact.summary,
        phones=tuple(phones),
        email=contact.email,
        email_href=attr("mailto:" + contact.email) if contact.email else None,
        secure_mail=secure_mail,
        secure_mail_source=secure_mail_source,
        address=address,
        address_source=address_source,
        website=external_link(contact.website, contact.website) if contact.website else None,
        vcard=md_link("Gem som visitkort (vCard)", routes.card_of(contact.id, base)),
    )


# --- offer page --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AccessView:
    """One way in to an offer: its label ('Egen henvendelse') and what it means for the citizen."""

    label: str
    meaning: str


@dataclass(frozen=True, slots=True)
class LegalBasisLink:
    """A legal basis of an offer: a link to its section of the table of legal bases, and what it means."""

    link: Markup
    meaning: str


@dataclass(frozen=True, slots=True)
class FocusAreaLink:
    """A focus area that names an offer: links to the area's section and to its policy's page."""

    link: Markup
    policy: Markup


@dataclass(frozen=True, slots=True)
class OpeningHoursView:
    """One line of opening hours: 'Mandag–fredag: 09:00–15:00 (note)'.

    Attributes:
        days: the days as a span or list, e.g. 'Mandag–fredag' (`day_span`).
        time: opening and closing time, e.g. '09:00–15:00'.
        note: a note as written, or None.
    """

    days: str
    time: str
    note: str | None


@dataclass(frozen=True, slots=True)
class LocationView:
    """A place where an offer is given.

    Attributes:
        name: its name, or None (a confidential location has no name or address in the public view).
        confidential: whether the address is kept secret for the residents' safety.
        address: its address, or None.
        accessibility: its accessibility as written, or None.
        hours: its opening hours.
    """

    name: str | None
    confidential: bool
    address: models.Address | None
    accessibility: str | None
    hours: tuple[OpeningHoursView, ...]


@dataclass(frozen=True, slots=True)
class OfferView:
    """An offer's page (templates/offer.html.j2).

    Attributes:
        offer: the offer itself, for the values printed as written (name, summary, description, cost …).
        front_title: the page title for the front matter (`front_matter_text`).
        front_description: the page description for the front matter.
        municipality: where the offer is given, as readers know it ('Rødovre Kommune').
        service_area: whom it serves when that differs from its municipality, or None.
        status: the Danish label of its status, e.g. 'Aktiv'; 'Ukendt – ikke bekræftet' when no editor set one.
        status_class: the status id, for the CSS class ('ukendt' without a status).
        closed: whether an editor has marked it (temporarily) closed: the page then leads with a warning.
        contactable: whether its provider names a phone or an e-mail: only then does a confidential address say
            'kontakt tilbuddet'; otherwise it points to the next step.
        kinds: the labels of its kinds, comma-separated.
        target_groups: the labels of its target groups, comma-separated ('' when none).
        problems: the labels of the problems it helps with, comma-separated ('' when none).
        age: its age range as text, or None.
        access: the ways in.
        legal: its legal bases.
        languages: the labels of its languages, comma-separated ('' when none).
        locations: where it is given.
        capacity: its places as text (`capacity_text`), or None.
        contacts: the cards of its provider and contacts, the provider first.
        focus_areas: the focus areas that name it.
        sources: its sources (`source_items`).
        next_step: whom to turn to next.
        access_facts: sourced facts about access.
        other_facts: the other sourced facts.
        general_rules: the law's general access rules, only when the offer says nothing of its own about access.
        confirmation: the Danish label of how far it is confirmed.
        website: a link to its website, or None.
        verified: the date it was last confirmed, as text, or None.
        stale: the notice for information not confirmed within a year of the build (or never), or None.
    """

    offer: models.Offer
    front_title: Markup
    front_description: Markup
    municipality: str
    service_area: str | None
    status: str
    status_class: str
    closed: bool
    contactable: bool
    kinds: str
    target_groups: str
    problems: str
    age: str | None
    access: tuple[AccessView, ...]
    legal: tuple[LegalBasisLink, ...]
    languages: str
    locations: tuple[LocationView, ...]
    capacity: str | None
    contacts: tuple[ContactCard, ...]
    focus_areas: tuple[FocusAreaLink, ...]
    sources: tuple[Markup, ...]
    next_step: NextStep
    access_facts: tuple[FactView, ...]
    other_facts: tuple[FactView, ...]
    general_rules: tuple[LegalRule, ...]
    confirmation: str
    website: Markup | None
    verified: str | None
    stale: StaleNotice | None


@dataclass(frozen=True, slots=True)
class StaleNotice:
    """The notice on an offer whose information is not confirmed within a year: its title and its text."""

    title: str
    text: str


def source_kinds(offer: models.Offer) -> str:
    """What the offer's information rests on, as a Danish phrase, e.g. 'en politik og offentlige hjemmesider'.

    Read from `sources`, `facts` and the sources of its locations' addresses: a source naming a policy on the site
    is a policy, one with only a URL a web page, one with neither another document. '' when it names no source.
    """
    refs = [*offer.sources, *(f.source for f in offer.facts)]
    refs += [loc.address.source for loc in offer.locations if loc.address and loc.address.source]
    policies = {r.policy for r in refs if r.policy}
    parts = []
    if policies:
        parts.append("en politik" if len(policies) == 1 else "politikker")
    if any(r.url and not r.policy for r in refs):
        parts.append("offentlige hjemmesider")
    if any(not r.url and not r.policy for r in refs):
        parts.append("andre dokumenter")
    return " og ".join(parts)


def stale_notice(catalog: Catalog, offer: models.Offer) -> StaleNotice | None:
    """The notice for an offer not confirmed within a year of the build, worded from its data; None if it was.

    Never confirmed: 'Oplysningerne er ikke bekræftet'; confirmed long ago: '… inden for de seneste 12 måneder' with
    the date. The text names what the page rests on (`source_kinds`).
    """
    if not catalog.is_stale(offer.last_verified):
        return None
    kinds = source_kinds(offer)
    rests_on = f"Siden bygger på {kinds}" if kinds else "Siden nævner ingen kilder"
    if offer.last_verified is None:
        return StaleNotice(
            title="Oplysningerne er ikke bekræftet",
            text=f"Tjek dem, før du henviser en borger. {rests_on} og er aldrig bekræftet af tilbuddet selv.",
        )
    return StaleNotice(
        title="Oplysningerne er ikke bekræftet inden for de seneste 12 måneder",
        text=f"Tjek dem, før du henviser en borger. {rests_on}; tilbuddet bekræftede dem sidst "
        f"{formatting.long_date(offer.last_verified)}.",
    )


def offer_view(catalog: Catalog, offer: models.Offer) -> OfferView:
    """The view of an offer's page, built from the public view `catalog` (its references were checked at load)."""
    base = OFFER_BASE
    municipality = catalog.municipalities[offer.municipality]
    provider = catalog.contacts.get(offer.provider) if offer.provider else None
    contacts = [catalog.contacts[c] for c in offer.contacts]
    if provider and provider not in contacts:
        contacts.insert(0, provider)
    focus_areas = []
    for ref in offer.focus_areas:
        policy, area = catalog.focus_area(ref)
        focus_areas.append(
            FocusAreaLink(
                link=md_link(area.title, routes.page_of("policies", policy.id, anchor=area.id, base=base)),
                policy=md_link(policy.title, routes.page_of("policies", policy.id, base=base)),
            )
        )
    legal_bases = (catalog.legal_bases[i] for i in offer.legal_basis)
    return OfferView(
        offer=offer,
        front_title=front_matter_text(offer.name),
        front_description=front_matter_text(offer.summary),
        municipality=formatting.municipality_name(municipality),
        service_area=service_areas.describe(catalog, offer) if offer.service_area else None,
        status=(OFFER_STATUSES[offer.status] if offer.status else UNKNOWN_STATUS).label,
        status_class=offer.status or UNKNOWN_STATUS.id,
        closed=offer.status in (OfferStatus.TEMPORARILY_CLOSED, OfferStatus.CLOSED),
        contactable=provider is not None and reachable(provider),
        kinds=labels(OFFER_KINDS, offer.kinds),
        target_groups=labels(TARGET_GROUPS, offer.target_groups),
        problems=labels(PROBLEMS, offer.problems),
        age=formatting.age_range(offer.age_min, offer.age_max),
        access=tuple(AccessView(label=ACCESS[a].label, meaning=ACCESS[a].description) for a in offer.access),
        legal=tuple(
            LegalBasisLink(
                link=md_link(formatting.legal_basis_label(lb, long=True), routes.legal_basis_of(lb.id, base)),
                meaning=lb.meaning,
            )
            for lb in legal_bases
        ),
        languages=labels(LANGUAGES, offer.languages),
        locations=tuple(location_view(loc) for loc in offer.locations),
        capacity=capacity_text(offer.capacity),
        contacts=tuple(contact_card(catalog, c, base) for c in contacts),
        focus_areas=tuple(focus_areas),
        sources=source_items(offer.sources, base),
        next_step=offer_next_step(catalog, offer, base),
        access_facts=tuple(fact_view(f, "tilbuddet", base) for f in offer.facts if f.topic == FactTopic.ACCESS),
        other_facts=tuple(fact_view(f, "tilbuddet", base) for f in offer.facts if f.topic != FactTopic.ACCESS),
        general_rules=(
            ()
            if offer.how_to_access or any(f.topic == FactTopic.ACCESS for f in offer.facts)
            else legal_rules(catalog, offer.legal_basis)
        ),
        confirmation=CONFIRMATIONS[confirmation(offer)].label,
        website=external_link(offer.website, offer.website) if offer.website else None,
        verified=formatting.long_date(offer.last_verified) if offer.last_verified else None,
        stale=stale_notice(catalog, offer),
    )


def location_view(location: models.Location) -> LocationView:
    """A location as its offer's page shows it (a confidential one has no name or address in the public view)."""
    return LocationView(
        name=location.name,
        confidential=location.confidential,
        address=location.address,
        accessibility=location.accessibility,
        hours=tuple(
            OpeningHoursView(days=day_span(h.days), time=f"{h.opens}–{h.closes}", note=h.note)
            for h in location.opening_hours
        ),
    )


def day_span(days: Iterable[str]) -> str:
    """Weekday ids as Danish text: all seven → 'Alle dage', three or more in a row → 'Mandag–fredag', else a list."""
    order = list(WEEKDAYS)
    idx = sorted(order.index(d) for d in days)
    if len(idx) == 7:
        return "Alle dage"
    if len(idx) > 2 and idx == list(range(idx[0], idx[-1] + 1)):
        return f"{WEEKDAYS[order[idx[0]]].label}–{WEEKDAYS[order[idx[-1]]].label.lower()}"
    return ", ".join(WEEKDAYS[order[i]].label for i in idx)


def capacity_text(capacity: models.Capacity | None) -> str | None:
    """'12 pladser, heraf 2 ledige (opgjort 1. marts 2026)'; None without a capacity."""
    if capacity is None:
        return None
    text = f"{capacity.places} pladser"
    if capacity.available is not None:
        text += f", heraf {capacity.available} ledige"
    return f"{text} (opgjort {formatting.long_date(capacity.updated)})"


# --- contact page ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OfferLink:
    """An offer in a list on another page: a link to its page and its summary as written."""

    link: Markup
    summary: str


@dataclass(frozen=True, slots=True)
class ContactView:
    """A contact's page (templates/contact.html.j2).

    Attributes:
        contact: the contact itself, for the values printed as written (name, description, person …).
        card: its card.
        front_title: the page title for the front matter (`front_matter_text`).
        front_description: the page description for the front matter.
        units: links to the contacts that belong under it.
        offers: the offers it provides or is a contact for.
        sources: its sources (`source_items`).
        service_area: the area it covers, or None.
        named_in: links to the policies that name it.
        next_step: whom to turn to next.
        facts: its sourced facts.
        verified: the date it was last confirmed, as text, or None.
    """

    contact: models.Contact
    card: ContactCard
    front_title: Markup
    front_description: Markup
    units: tuple[Markup, ...]
    offers: tuple[OfferLink, ...]
    sources: tuple[Markup, ...]
    service_area: str | None
    named_in: tuple[Markup, ...]
    next_step: NextStep
    facts: tuple[FactView, ...]
    verified: str | None


def contact_view(catalog: Catalog, contact: models.Contact) -> ContactView:
    """The view of a contact's page, built from the public view `catalog`."""
    base = CONTACT_BASE
    return ContactView(
        contact=contact,
        card=contact_card(catalog, contact, base),
        front_title=front_matter_text(contact.name),
        front_description=front_matter_text(contact.summary),
        units=tuple(md_link(u.name, routes.page_of("contacts", u.id, base=base)) for u in catalog.units_of(contact.id)),
        offers=tuple(
            OfferLink(link=md_link(o.name, routes.page_of("offers", o.id, base=base)), summary=o.summary)
            for o in catalog.offers_of_contact(contact.id)
        ),
        sources=source_items(contact.sources, base),
        service_area=service_areas.describe(catalog, contact),
        named_in=tuple(
            md_link(p.title, routes.page_of("policies", p.id, base=base))
            for p in catalog.policies_naming("contacts", contact.id)
        ),
        next_step=contact_next_step(catalog, contact, base),
        facts=tuple(fact_view(f, "kontakten", base) for f in contact.facts),
        verified=formatting.long_date(contact.last_verified) if contact.last_verified else None,
    )


def source_items(sources: Iterable[models.SourceReference], base: str) -> tuple[Markup, ...]:
    """Each source as a link to its policy on the site, or its title, followed by a link to it on the web.

    `base` is the way from the page that lists them to the site root.
    """
    items = []
    for s in sources:
        if s.policy:
            item = md_link(s.title, routes.page_of("policies", s.policy, base=base))
        else:
            item = Markup(md_escape(s.title))
        if s.url:
            item += Markup(" – ") + external_link("kilden på nettet", s.url)
            if s.read_on:
                item += Markup(md_escape(f", læst {formatting.long_date(s.read_on)}"))
        items.append(item)
    return tuple(items)


# --- indexes -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ContactRow:
    """A contact in a table or list: a link to its page, the label of its kind and its summary as written."""

    link: Markup
    kind: str
    summary: str


@dataclass(frozen=True, slots=True)
class ContactGroup:
    """The contacts of one sector on the contact index (templates/contact_index.md.j2): its label and its rows."""

    name: str
    rows: tuple[ContactRow, ...]


def contact_row(contact: models.Contact, base: str) -> ContactRow:
    """A contact as a row of a list; `base` is the way from the list's page to the site root."""
    return ContactRow(
        link=md_link(contact.name, routes.page_of("contacts", contact.id, base=base)),
        kind=CONTACT_KINDS[contact.kind].label,
        summary=contact.summary,
    )


def contact_groups(catalog: Catalog, base: str = "../") -> tuple[ContactGroup, ...]:
    """Contacts for the index, grouped by sector in the vocabulary's order, by name within a sector.

    `base` is the way from the index (content/kontakter/index.md) to the site root. Sectors without contacts are
    left out.
    """
    groups = []
    for sector_id, sector in SECTORS.items():
        members = [c for c in catalog.contacts_sorted() if c.sector == sector_id]
        if members:
            groups.append(ContactGroup(name=sector.label, rows=tuple(contact_row(c, base) for c in members)))
    return tuple(groups)


@dataclass(frozen=True, slots=True)
class LegalBasisRow:
    """A section of the table of legal bases (templates/legal_bases.md.j2).

    Attributes:
        id: the legal basis's id, also the section's anchor (e.g. 'sel-85').
        title: 'Serviceloven § 85: Socialpædagogisk støtte (bostøtte)'.
        meaning: what the paragraph means for the citizen, as written.
        offers: links to the offers given under it, by name.
    """

    id: str
    title: str
    meaning: str
    offers: tuple[Markup, ...]


def legal_basis_rows(catalog: Catalog, base: str = "../") -> tuple[LegalBasisRow, ...]:
    """Every legal basis in the data's order, with the offers under it.

    `base` is the way from the table's page (content/tilbud/lovgrundlag.md) to the site root.
    """
    return tuple(
        LegalBasisRow(
            id=lb.id,
            title=formatting.legal_basis_label(lb, long=True),
            meaning=lb.meaning,
            offers=tuple(
                md_link(o.name, routes.page_of("offers", o.id, base=base)) for o in catalog.offers_under(lb.id)
            ),
        )
        for lb in catalog.legal_bases.values()
    )


def front_matter_text(text: str) -> Markup:
    """A value for the page's YAML front matter: the text on one line, HTML-escaped, as a JSON string.

    JSON is valid YAML; the text is HTML-escaped because the theme prints the title unescaped in some places, and
    its braces are character references because the macros plugin renders the title of a page that uses macros as
    a template: no text from the data is ever read as Jinja.
    """
    escaped = html.escape(" ".join(text.split()), quote=True).replace("{", "&#123;").replace("}", "&#125;")
    return Markup(json.dumps(escaped, ensure_ascii=False))
