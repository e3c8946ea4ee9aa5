"""The way on from an offer or a contact page: whom to contact next, each hop named, and the facts' sources.

A partner on a record page looks for the next step. It is the record's own contact when that has a phone or an
e-mail, else the provider (for an offer) or the parent (for a contact), else the municipality's public entrance
(`Municipality.entrance`), else its website. Each hop says why it is the one (`Kontakt Rødovre Kommune, som driver
tilbuddet`). Everything here reads the public view; links to other pages are Markdown links to the pages' files
(paths from macros/data/routes.py), which html_pages.py resolves and checks as MkDocs does.

The views are frozen dataclasses that templates/_blocks.html.j2 reads by attribute. Text from YAML stays plain
(the template environment escapes it, see render.py); links and notes built here are `Markup`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup

from ..data import formatting, models, routes
from ..data.catalog import Catalog
from ..data.vocabulary import FACT_TOPICS, LEGAL_ACCESS_KINDS, PHONE_KINDS, PhoneKind
from .render import attr, md_escape


def _md_link(text: str, target: str) -> Markup:
    return Markup(f"[{md_escape(text)}]({target})")


def _external(text: str, url: str) -> Markup:
    return Markup(f'<a href="{attr(url)}">{md_escape(text)}</a>')


@dataclass(frozen=True, slots=True)
class PhoneView:
    """A phone number as a contact card or a next step shows it.

    Attributes:
        number: the number as written, e.g. '+45 36 37 70 00'.
        href: its tel: link without spaces.
        kind: the Danish label of its kind, e.g. 'Hovednummer'.
        description: what the number is for, or None.
        opening_hours: when it answers, as written, or None.
        hours: what the page says after the number: 'åben <opening_hours>', '' for a 24-hour line (its kind says
            so), else 'åbningstid ikke oplyst' – a partner at night must not take an office number for an open one.
        source: the note naming the web page it was read on (`source_note`), or None.
    """

    number: str
    href: Markup
    kind: str
    description: str | None
    opening_hours: str | None
    hours: str
    source: Markup | None


NO_HOURS = "åbningstid ikke oplyst"


@dataclass(frozen=True, slots=True)
class FactView:
    """A sourced fact as a record page lists it: '**Adgang**: text <small>Kilde: …</small>'.

    Attributes:
        topic: the Danish label of its topic, e.g. 'Adgang'.
        text: the fact in the editors' words.
        source: 'Kilde: ' and a link to the web page (with date and confirmation) or to the policy it comes from.
    """

    topic: str
    text: str
    source: Markup


@dataclass(frozen=True, slots=True)
class LegalRule:
    """One of the law's general access rules, shown when an offer has not described its own access.

    Attributes:
        kind: the Danish label of the way in, e.g. 'Egen henvendelse'.
        provision: the provision with its law, e.g. 'Serviceloven § 110, stk. 3'.
        text: the rule in plain Danish.
        source: 'Kilde: ' with a link to the law text and the date it was read, or None without a dated URL.
    """

    kind: str
    provision: str
    text: str
    source: Markup | None


@dataclass(frozen=True, slots=True)
class Hop:
    """One place to turn to next: a lead naming it and why, and every way to reach it that the data has.

    Attributes:
        lead: 'Kontakt <name>' and why this is the one, e.g. 'Kontakt Rødovre Kommune, som driver tilbuddet'.
        link: a Markdown link to the contact's page, or None.
        phones: its phones.
        email: its e-mail address, or None.
        email_href: the mailto: link of `email`, or None.
        address: its address, or None.
        address_source: the note naming where the address was read, or None.
        secure_mail: a municipality's secure mail as a sourced fact, or None.
        website: a link to its website, or None.
    """

    lead: str
    link: Markup | None = None
    phones: tuple[PhoneView, ...] = ()
    email: str | None = None
    email_href: Markup | None = None
    address: models.Address | None = None
    address_source: Markup | None = None
    secure_mail: FactView | None = None
    website: Markup | None = None

    @property
    def usable(self) -> bool:
        """True when the hop gives the reader a way in: a phone, an e-mail, an address, a website or a page."""
        return bool(self.phones or self.email or self.address or self.website or self.link)


@dataclass(frozen=True, slots=True)
class NextStep:
    """The 'Næste skridt' section: why the nearer contacts do not help, then where to turn.

    Attributes:
        missed: sentences saying why each nearer contact is passed over ('Tilbuddet har ikke selv oplyst …').
        hops: where to turn, at least one on an offer page; none when the data knows no way in at all.
    """

    missed: tuple[str, ...]
    hops: tuple[Hop, ...]


def source_note(source: models.SourceReference | None, subject: str = "tilbuddet") -> Markup | None:
    """'Kilde: <link>, læst 30. november 2026 – ikke bekræftet af tilbuddet' for a web source; None without a URL.

    Args:
        source: where a value was read, or None.
        subject: who has (not) confirmed it: 'tilbuddet', 'kontakten' or 'kommunen'.
    """
    if source is None or source.url is None or source.read_on is None:
        return None
    confirmed = f"bekræftet af {subject}" if source.confirmed else f"ikke bekræftet af {subject}"
    return Markup(
        f"Kilde: {_external(source.title, source.url)}, læst {formatting.long_date(source.read_on)} – {confirmed}"
    )


def _no_hours(phone: models.Phone) -> str:
    # A round-the-clock number is open whenever one calls: no "opening hours not given" for it.
    return "" if phone.kind == PhoneKind.ROUND_THE_CLOCK else NO_HOURS


def phone_view(phone: models.Phone, subject: str) -> PhoneView:
    """A phone as cards and next steps show it; `subject` as in `source_note`."""
    return PhoneView(
        number=phone.number,
        href=attr("tel:" + phone.number.replace(" ", "")),
        kind=PHONE_KINDS[phone.kind].label,
        description=phone.description,
        opening_hours=phone.opening_hours,
        hours=f"åben {phone.opening_hours}" if phone.opening_hours else _no_hours(phone),
        source=source_note(phone.source, subject),
    )


def fact_view(fact: models.SourcedFact, subject: str, base: str) -> FactView:
    """A sourced fact with a note naming the web page and date, or the policy it comes from.

    Args:
        fact: the fact; its model guarantees a URL or a policy as its source.
        subject: who has (not) confirmed it, as in `source_note`.
        base: the way from the page the fact is shown on to the site root, e.g. '../'.
    """
    source = fact.source
    note = source_note(source, subject)
    if note is None:
        assert source.policy is not None  # SourcedFact refuses a source with neither a URL nor a policy
        note = Markup("Kilde: ") + _md_link(source.title, routes.page_of("policies", source.policy, base=base))
    return FactView(topic=FACT_TOPICS[fact.topic].label, text=fact.text, source=note)


def legal_rules(catalog: Catalog, basis_ids: Iterable[str]) -> tuple[LegalRule, ...]:
    """The law's general access rules of the given legal bases (ids in `catalog.legal_bases`), in their order."""
    rules = []
    for basis in (catalog.legal_bases[i] for i in basis_ids):
        for rule in basis.access:
            source = rule.source
            rules.append(
                LegalRule(
                    kind=LEGAL_ACCESS_KINDS[rule.kind].label,
                    provision=rule.provision
                    if rule.provision.startswith(basis.law)
                    else f"{basis.law} {rule.provision}",
                    text=rule.text,
                    source=Markup(
                        f"Kilde: {_external(source.title, source.url)}, læst {formatting.long_date(source.read_on)}"
                    )
                    if source.url and source.read_on
                    else None,
                )
            )
    return tuple(rules)


def reachable(contact: models.Contact) -> bool:
    """Whether the contact names a phone or an e-mail address of its own."""
    return bool(contact.phones or contact.email)


def _contact_hop(contact: models.Contact, lead: str, base: str) -> Hop:
    return Hop(
        lead=lead,
        link=_md_link(contact.name, routes.page_of("contacts", contact.id, base=base)),
        phones=tuple(phone_view(p, "kontakten") for p in contact.phones),
        email=contact.email,
        email_href=attr("mailto:" + contact.email) if contact.email else None,
        address=contact.address,
        address_source=source_note(contact.address.source, "kontakten") if contact.address else None,
    )


def municipality_hop(catalog: Catalog, municipality_id: str, lead: str, base: str, link_own: bool = True) -> Hop:
    """The municipality's public entrance: phones, address, secure mail and website, each with its source.

    Args:
        catalog: the public view.
        municipality_id: a key of `catalog.municipalities` (KeyError otherwise).
        lead: the hop's lead, e.g. 'Kontakt Rødovre Kommune'.
        base: the way from the page to the site root.
        link_own: link to the municipality's own contact page, when it has one.
    """
    municipality = catalog.municipalities[municipality_id]
    own = catalog.own_contact(municipality_id)
    entrance = municipality.entrance
    address = entrance.address if entrance else None
    secure = entrance.secure_mail if entrance else None
    return Hop(
        lead=lead,
        link=_md_link(own.name, routes.page_of("contacts", own.id, base=base)) if own and link_own else None,
        phones=tuple(phone_view(p, "kommunen") for p in entrance.phones) if entrance else (),
        address=address,
        address_source=source_note(address.source, "kommunen") if address else None,
        secure_mail=fact_view(secure, "kommunen", base) if secure else None,
        website=_external(municipality.website, municipality.website) if municipality.website else None,
    )


def offer_next_step(catalog: Catalog, offer: models.Offer, base: str) -> NextStep:
    """The next step from an offer page: its own reachable contacts, else its provider, else its municipality.

    Args:
        catalog: the public view, holding the offer's contacts and municipality.
        offer: the offer.
        base: the way from the offer's page to the site root.

    Returns:
        A next step with at least one hop.
    """
    municipality = formatting.municipality_name(catalog.municipalities[offer.municipality])
    provider = catalog.contacts.get(offer.provider) if offer.provider else None
    own = [catalog.contacts[c] for c in offer.contacts if c != offer.provider]
    direct = [c for c in own if reachable(c)]
    if direct:
        return NextStep(missed=(), hops=tuple(_contact_hop(c, f"Kontakt {c.name}", base) for c in direct))
    missed: tuple[str, ...] = ("Tilbuddet har ikke selv oplyst en telefon eller e-mail.",)
    if provider and reachable(provider):
        return NextStep(
            missed=missed,
            hops=(_contact_hop(provider, f"Kontakt {provider.name}, som driver tilbuddet", base),),
        )
    own_contact = catalog.own_contact(offer.municipality)
    if provider and provider is not own_contact:
        missed += (f"{provider.name}, som driver tilbuddet, har heller ingen oplyst telefon eller e-mail.",)
        lead = f"Kontakt {municipality}, hvor tilbuddet gives"
    elif provider:
        lead = f"Kontakt {municipality}, som driver tilbuddet"
    else:
        lead = f"Kontakt {municipality}, hvor tilbuddet gives"
    return NextStep(missed=missed, hops=(municipality_hop(catalog, offer.municipality, lead, base),))


def contact_next_step(catalog: Catalog, contact: models.Contact, base: str) -> NextStep:
    """The next step from a contact page: the contact itself, its parents, its municipality's entrance, its website.

    A municipality's own contact is never told to ask itself: its next step is the municipality's entrance.

    Args:
        catalog: the public view, holding the contact's parents and municipality.
        contact: the contact.
        base: the way from the contact's page to the site root.

    Returns:
        A next step; without hops when the data knows no way to reach the contact.
    """
    if reachable(contact):
        return NextStep(missed=(), hops=(_contact_hop(contact, f"Kontakt {contact.name} direkte", base),))
    missed = (f"{contact.name} har ikke oplyst en telefon eller e-mail.",)
    seen = {contact.id}
    parent = catalog.contacts.get(contact.parent) if contact.parent else None
    while parent and parent.id not in seen:
        if reachable(parent):
            return NextStep(
                missed=missed,
                hops=(_contact_hop(parent, f"Kontakt {parent.name}, som {contact.name} hører under", base),),
            )
        seen.add(parent.id)
        parent = catalog.contacts.get(parent.parent) if parent.parent else None
    if contact.municipality:
        municipality = formatting.municipality_name(catalog.municipalities[contact.municipality])
        is_own = catalog.own_contact(contact.municipality) is contact
        lead = f"Kontakt {municipality}s offentlige indgang" if is_own else f"Kontakt {municipality}"
        hop = municipality_hop(catalog, contact.municipality, lead, base, link_own=not is_own)
        if hop.usable:
            # the entrance is the municipality's own way in: its card shows the same numbers
            return NextStep(missed=() if is_own and hop.phones else missed, hops=(hop,))
    if contact.website:
        website = _external(contact.website, contact.website)
        return NextStep(missed=missed, hops=(Hop(lead=f"Se {contact.name}s hjemmeside", website=website),))
    return NextStep(missed=missed, hops=())
