"""The offer catalogue on tilbud/: every offer listed, with filters that work with and without JavaScript.

The macro emits one raw-HTML block into the Markdown of content/tilbud/index.md:

- a filter form (one labelled <select> per facet, a free-text search and a reset button). It carries
  the `hidden` attribute, so without JavaScript the page is the complete list with no dead
  controls; content/assets/catalogue.js reveals it;
- a result count in an aria-live region, and an empty-state message (hidden until nothing matches);
- the list: one <li> card per offer whose data-* attributes hold the offer's facet ids, separated by
  spaces, which the script reads once to filter without touching the text again.

The facet keys double as the names of the form fields and of the URL query parameters
(?kommune=frederiksberg&problem=hjemloeshed&adgang=uden-visitation&soeg=...), so a filtered view can
be shared as a link. The free text is `soeg`, not `q`: Material opens its own site search for ?q=.

Every text from YAML is escaped by the template environment (render.py); the only values written
into attributes are ids the models have checked against a strict pattern, and they go through
`attr` as well.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterable

from markupsafe import Markup

from . import formatting, models
from .catalog import Catalog
from .render import attr, render
from .vocabulary import ACCESS, OFFER_KINDS, OFFER_STATUSES, PROBLEMS, TARGET_GROUPS

TEMPLATE = "catalogue.html.j2"

NEVER_VERIFIED = "Aldrig bekræftet"
NOT_VERIFIED_RECENTLY = "Ikke bekræftet i over 12 måneder"
ACCESS_MISSING = "oplysning mangler"

_DANISH_LETTERS = str.maketrans({"æ": "{", "ø": "|", "å": "}", "ä": "{", "ö": "|", "ü": "y"})


def danish_sort_key(label: str) -> tuple:
    """Sort labels the Danish way (… x y z æ ø å) and numbers by value (§ 85 before § 101)."""
    parts = re.split(r"(\d+)", label.casefold().translate(_DANISH_LETTERS))
    return tuple(int(p) if i % 2 else p for i, p in enumerate(parts))


@dataclass(frozen=True)
class Facet:
    """One filter: its key (form field, URL parameter, data-* attribute), label and how to read an offer."""

    key: str
    label: str
    values_of: Callable[[models.Offer], Iterable[str]]
    label_of: Callable[[str], str]


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    count: int


def legal_basis_label(catalog: Catalog, basis_id: str, *, long: bool = False) -> str:
    """'Serviceloven § 85', or with `long` 'Serviceloven § 85: Socialpædagogisk støtte (bostøtte)'."""
    basis = catalog.legal_bases.get(basis_id)
    if basis is None:
        return basis_id
    short = f"{basis.law} {basis.paragraph}"
    return f"{short}: {basis.title}" if long else short


def municipality_name(catalog: Catalog, municipality_id: str) -> str:
    municipality = catalog.municipalities.get(municipality_id)
    return municipality.name if municipality else municipality_id


def facets(catalog: Catalog) -> list[Facet]:
    """The filters, in the order they appear in the form."""
    return [
        Facet("kommune", "Kommune", lambda o: (o.municipality,), lambda v: municipality_name(catalog, v)),
        Facet("maalgruppe", "Målgruppe", lambda o: o.target_groups, lambda v: TARGET_GROUPS[v].label),
        Facet("problem", "Problem", lambda o: o.problems, lambda v: PROBLEMS[v].label),
        Facet("lovgrundlag", "Lovgrundlag", lambda o: o.legal_basis,
              lambda v: legal_basis_label(catalog, v, long=True)),
        Facet("adgang", "Adgang", lambda o: o.access, lambda v: ACCESS[v].label),
        Facet("type", "Type", lambda o: o.kinds, lambda v: OFFER_KINDS[v].label),
    ]


def facet_options(facet: Facet, offers: Iterable[models.Offer]) -> list[Option]:
    """The values used by at least one offer, sorted by label, each with the number of offers using it."""
    counts = Counter(value for offer in offers for value in dict.fromkeys(facet.values_of(offer)))
    options = [Option(value, facet.label_of(value), count) for value, count in counts.items()]
    return sorted(options, key=lambda o: (danish_sort_key(o.label), o.value))


def _ids(values: Iterable[str]) -> Markup:
    """Space-separated ids for a data-* attribute (each id already matches the models' strict pattern)."""
    return attr(" ".join(dict.fromkeys(values)))


def staleness(catalog: Catalog, offer: models.Offer) -> str | None:
    """The visible marker for an offer whose information has not been verified within 12 months."""
    if not catalog.is_stale(offer.last_verified):
        return None
    if offer.last_verified is None:
        return NEVER_VERIFIED
    return f"{NOT_VERIFIED_RECENTLY} (sidst {formatting.long_date(offer.last_verified)})"


def card(catalog: Catalog, offer: models.Offer, all_facets: list[Facet]) -> dict:
    """The view data of one card."""
    return {
        "href": attr(f"{offer.id}/"),
        "data": [(Markup(f"data-{f.key}"), _ids(f.values_of(offer))) for f in all_facets],
        "name": offer.name,
        "alternate_name": offer.alternate_name,
        "summary": offer.summary,
        "status": None if offer.status == "aktiv" else OFFER_STATUSES[offer.status].label,
        "status_class": attr(offer.status),
        "status_note": offer.status_note if offer.status != "aktiv" else None,
        "stale": staleness(catalog, offer),
        "municipality": municipality_name(catalog, offer.municipality),
        "kinds": [OFFER_KINDS[k].label for k in offer.kinds],
        "access": [ACCESS[a].label for a in offer.access],
        "target_groups": [TARGET_GROUPS[t].label for t in offer.target_groups],
        "problems": [PROBLEMS[p].label for p in offer.problems],
        "legal_basis": [legal_basis_label(catalog, b) for b in offer.legal_basis],
    }


def catalogue_view(catalog: Catalog) -> dict:
    offers = catalog.offers_sorted()
    all_facets = facets(catalog)
    return {
        "total": len(offers),
        "facets": [{"key": attr(f.key), "label": f.label,
                    "options": [{"value": attr(o.value), "label": o.label, "count": o.count}
                                for o in facet_options(f, offers)]}
                   for f in all_facets],
        "cards": [card(catalog, offer, all_facets) for offer in offers],
        "access_missing": ACCESS_MISSING,
    }


def render_catalogue(catalog: Catalog) -> Markup:
    # One raw-HTML block, no blank lines: Python-Markdown passes it through untouched.
    html_text = render(TEMPLATE, **catalogue_view(catalog))
    return Markup("\n".join(line for line in html_text.splitlines() if line.strip()) + "\n")
