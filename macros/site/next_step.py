"""The way on from an offer or a contact page: whom to contact next, each hop named, and the facts' sources.

A partner on a record page looks for the next step. It is the record's own contact when that has a phone or an
e-mail, else the provider (for an offer) or the parent (for a contact), else the municipality's public entrance
(`Municipality.entrance`), else its website. Each hop says why it is the one (`Kontakt Rødovre Kommune, som driver
tilbuddet`). Everything here reads the public view; links to other pages are Markdown links to the pages' files,
so MkDocs resolves and checks them, and the result is printed in Markdown context, never inside an HTML block.
"""

from __future__ import annotations

from markupsafe import Markup

from ..data import formatting, models
from ..data.catalog import Catalog
from ..data.vocabulary import LEGAL_ACCESS_KINDS, PHONE_KINDS
from .render import attr, md_escape


def _md_link(text: str, target: str) -> Markup:
    return Markup(f"[{md_escape(text)}]({target})")


def _external(text: str, url: str) -> Markup:
    return Markup(f'<a href="{attr(url)}">{md_escape(text)}</a>')


def source_note(source: models.SourceReference | None, subject: str = "tilbuddet") -> Markup | None:
    """'Kilde: <link>, læst 30. november 2026 – ikke bekræftet af tilbuddet' for a web source; None without a URL.

    `subject` names who has (not) confirmed it: 'tilbuddet', 'kontakten' or 'kommunen'.
    """
    if source is None or source.url is None or source.read_on is None:
        return None
    confirmed = f"bekræftet af {subject}" if source.confirmed else f"ikke bekræftet af {subject}"
    return Markup(
        f"Kilde: {_external(source.title, source.url)}, læst {formatting.long_date(source.read_on)} – {confirmed}"
    )


def phone_view(phone: models.Phone, subject: str) -> dict:
    """A phone as cards and next steps show it: number, tel: link, kind, description, hours and source note."""
    return {
        "number": phone.number,
        "href": attr("tel:" + phone.number.replace(" ", "")),
        "kind": PHONE_KINDS[phone.kind].label,
        "description": phone.description,
        "opening_hours": phone.opening_hours,
        "source": source_note(phone.source, subject),
    }


def fact_view(fact: models.SourcedFact, subject: str, base: str) -> dict:
    """A sourced fact: its text and a note naming the web page and date, or the policy it comes from."""
    if fact.source.url:
        note = source_note(fact.source, subject)
    else:
        note = Markup("Kilde: ") + _md_link(fact.source.title, f"{base}politikker/{fact.source.policy}.md")
    return {"topic": fact.topic, "text": fact.text, "source": note}


def legal_rules(catalog: Catalog, basis_ids) -> list[dict]:
    """The law's general access rules of the given legal bases, each with its provision and source."""
    rules = []
    for basis in (catalog.legal_bases[i] for i in basis_ids):
        for rule in basis.access:
            rules.append(
                {
                    "kind": LEGAL_ACCESS_KINDS[rule.kind].label,
                    "provision": rule.provision
                    if rule.provision.startswith(basis.law)
                    else f"{basis.law} {rule.provision}",
                    "text": rule.text,
                    "source": Markup(
                        f"Kilde: {_external(rule.source.title, rule.source.url)}, læst "
                        f"{formatting.long_date(rule.source.read_on)}"
                    )
                    if rule.source.url and rule.source.read_on
                    else None,
                }
            )
    return rules


def _reachable(contact: models.Contact) -> bool:
    return bool(contact.phones or contact.email)


def _contact_hop(contact: models.Contact, lead: str, base: str) -> dict:
    return {
        "lead": lead,
        "link": _md_link(contact.name, f"{base}kontakter/{contact.id}.md"),
        "phones": [phone_view(p, "kontakten") for p in contact.phones],
        "email": contact.email,
        "email_href": attr("mailto:" + contact.email) if contact.email else None,
        "address": contact.address,
        "address_source": source_note(contact.address.source, "kontakten") if contact.address else None,
        "secure_mail": None,
        "website": None,
    }


def municipality_hop(catalog: Catalog, municipality_id: str, lead: str, base: str, link_own: bool = True) -> dict:
    """The municipality's public entrance: phones, address, secure mail and website, each with its source."""
    municipality = catalog.municipalities[municipality_id]
    own = catalog.own_contact(municipality_id)
    entrance = municipality.entrance
    address = entrance.address if entrance else None
    secure = entrance.secure_mail if entrance else None
    return {
        "lead": lead,
        "link": _md_link(own.name, f"{base}kontakter/{own.id}.md") if own and link_own else None,
        "phones": [phone_view(p, "kommunen") for p in entrance.phones] if entrance else [],
        "email": None,
        "email_href": None,
        "address": address,
        "address_source": source_note(address.source, "kommunen") if address else None,
        "secure_mail": fact_view(secure, "kommunen", base) if secure else None,
        "website": _external(municipality.website, municipality.website) if municipality.website else None,
    }


def _usable(hop: dict) -> bool:
    return bool(hop["phones"] or hop["email"] or hop["address"] or hop["website"] or hop["link"])


def offer_next_step(catalog: Catalog, offer: models.Offer, base: str) -> dict:
    """{'missed': [why earlier hops do not help], 'hops': [hop, ...]} for an offer page; at least one hop."""
    municipality = catalog.municipalities[offer.municipality]
    provider = catalog.contacts.get(offer.provider) if offer.provider else None
    own = [catalog.contacts[c] for c in offer.contacts if c != offer.provider]
    reachable = [c for c in own if _reachable(c)]
    if reachable:
        return {"missed": [], "hops": [_contact_hop(c, f"Kontakt {c.name}", base) for c in reachable]}
    missed = ["Tilbuddet har ikke selv oplyst en telefon eller e-mail."]
    if provider and _reachable(provider):
        return {
            "missed": missed,
            "hops": [_contact_hop(provider, f"Kontakt {provider.name}, som driver tilbuddet", base)],
        }
    own_contact = catalog.own_contact(offer.municipality)
    if provider and provider is not own_contact:
        missed.append(f"{provider.name}, som driver tilbuddet, har heller ingen oplyst telefon eller e-mail.")
        lead = f"Kontakt {municipality.name} Kommune, hvor tilbuddet gives"
    elif provider:
        lead = f"Kontakt {municipality.name} Kommune, som driver tilbuddet"
    else:
        lead = f"Kontakt {municipality.name} Kommune, hvor tilbuddet gives"
    return {"missed": missed, "hops": [municipality_hop(catalog, offer.municipality, lead, base)]}


def contact_next_step(catalog: Catalog, contact: models.Contact, base: str) -> dict:
    """The same for a contact page: the contact itself, its parent, then its municipality's public entrance.

    A municipality's own contact is never told to ask itself: its next step is the municipality's entrance.
    """
    if _reachable(contact):
        return {"missed": [], "hops": [_contact_hop(contact, f"Kontakt {contact.name} direkte", base)]}
    missed = [f"{contact.name} har ikke oplyst en telefon eller e-mail."]
    seen = {contact.id}
    parent = catalog.contacts.get(contact.parent) if contact.parent else None
    while parent and parent.id not in seen:
        if _reachable(parent):
            return {
                "missed": missed,
                "hops": [_contact_hop(parent, f"Kontakt {parent.name}, som {contact.name} hører under", base)],
            }
        seen.add(parent.id)
        parent = catalog.contacts.get(parent.parent) if parent.parent else None
    if contact.municipality:
        municipality = catalog.municipalities[contact.municipality]
        is_own = catalog.own_contact(contact.municipality) is contact
        lead = (
            f"Kontakt {municipality.name} Kommunes offentlige indgang"
            if is_own
            else f"Kontakt {municipality.name} Kommune"
        )
        hop = municipality_hop(catalog, contact.municipality, lead, base, link_own=not is_own)
        if _usable(hop):
            return {"missed": missed, "hops": [hop]}
    if contact.website:
        return {
            "missed": missed,
            "hops": [
                {
                    "lead": f"Se {contact.name}s hjemmeside",
                    "link": None,
                    "phones": [],
                    "email": None,
                    "email_href": None,
                    "address": None,
                    "address_source": None,
                    "secure_mail": None,
                    "website": _external(contact.website, contact.website),
                }
            ],
        }
    return {"missed": missed, "hops": []}
