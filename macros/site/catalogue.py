"""The offer catalogue on tilbud/: filters that work with and without JavaScript, from 30 offers to 10,000.

The macro emits one raw-HTML block into the Markdown of content/tilbud/index.md (and the same block
makes the generated pages tilbud/kommune/<id>/, with every offer of one municipality):

- a filter form (a fieldset of checkboxes per facet, each value with its count; a free-text search and a
  reset button). It carries the `hidden` attribute, so without JavaScript the page has no dead controls;
  content/assets/catalogue.js reveals it, ORs the values of a facet, ANDs the facets and keeps each
  value's count up to date given the other facets;
- a result count, a polite live region that announces it, and an empty state (hidden until nothing
  matches) where the script names the filters to loosen;
- the list: one <li> card per offer whose data-* attributes hold the offer's facet ids, separated by
  spaces, and in data-soeg its folded search text (catalogue_search.py). Offers confirmed as a service
  come first; an offer only named in a policy (macros/data/confirmation.py) comes last and says so, and
  the facet `bekraeftelse` filters by it.

Up to SERVER_CARDS offers the page holds every card and the script filters them where they stand.
Beyond that the page holds the first SERVER_CARDS cards by name, says how many there are, and links to
a catalogue page per municipality (tilbud/kommune/<id>/, every card of one municipality, filtered
inline in the same way), so that everything is reachable without JavaScript. The script then fetches
the compact offers index tilbud/tilbud.json once (`offers_index`) and filters and draws the cards from
it; a card it draws equals the card this module renders, attribute for attribute.

The facet keys double as the names of the form fields and of the URL query parameters
(?kommune=frederiksberg&problem=hjemloeshed&problem=vold&soeg=..., one parameter per chosen value), so
a filtered view can be shared as a link. The free text is `soeg`, not `q`, which belongs to the site
search (soeg/?q=...).

Every text from YAML is escaped by the template environment (render.py); the only values written
into attributes are ids the models have checked against a strict pattern, and they go through
`attr` as well. The index is JSON, which the script only ever puts into the page as text.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TypeGuard, TypeVar

from markupsafe import Markup

from ..data import formatting, models, routes
from ..data.catalog import Catalog
from ..data.collation import danish_sort_key
from ..data.confirmation import confirmation, confirmation_rank
from ..data.public_view import require_public
from ..data.vocabulary import (
    CONFIRMATIONS,
    OFFER_STATUSES,
    Access,
    Confirmation,
    OfferKind,
    OfferStatus,
    OfferTargetGroup,
    SocialProblem,
    Vocabulary,
)
from ..exports.open_data import json_text
from . import tonight
from .catalogue_search import fold, joined, matches, words, words_beyond
from .html_pages import RecordPage, front_matter
from .next_step import municipality_hop
from .render import attr, render
from .views import front_matter_text, md_link

TEMPLATE = "catalogue.html.j2"
SHORT_FACET = 12  # a facet with more values than this scrolls within its box, and says so
MUNICIPALITY_TEMPLATE = "catalogue_municipality.html.j2"

SERVER_CARDS = 50  # the main page's cards at most; the script draws the rest from the index
INDEX_FILE = "tilbud.json"  # beside the catalogue page, tilbud/index.md
INDEX_PATH = posixpath.join(posixpath.dirname(routes.CATALOGUE_INDEX), INDEX_FILE)
# What the cards may spend on summaries in all, in characters: the real data's summaries stay whole, while at
# 10,000 offers each is cut at a word boundary to SHORTEST_SUMMARY characters, which keeps the index near
# 1.3 MB (130 KB compressed). Pages and index use the same cut, so that a drawn card equals a written one.
SUMMARY_BUDGET = 500_000
SHORTEST_SUMMARY = 50
ELLIPSIS = "…"

NEVER_VERIFIED = Confirmation.UNCONFIRMED.label
NOT_VERIFIED_RECENTLY = "Ikke bekræftet i over 12 måneder"


def danish_number(n: int) -> str:
    """10000 → '10.000'."""
    return f"{n:,}".replace(",", ".")


def count_text(shown: int, total: int) -> str:
    """The count above the list; catalogue.js writes the same words."""
    if shown == total:
        return f"Viser alle {danish_number(total)} tilbud"
    return f"Viser {danish_number(shown)} af {danish_number(total)} tilbud"


@dataclass(frozen=True)
class Facet:
    """One filter: its key (form field, URL parameter, data-* attribute), label and how to read an offer.

    `label_of` names a value in the form; `card_label_of`, when given, names it on a card. The free text
    finds an offer by the labels of its values and by `terms_of` (search terms from the data), unless
    the facet is not `searchable`.
    """

    key: str
    label: str
    values_of: Callable[[models.Offer], Iterable[str]]
    label_of: Callable[[str], str]
    card_label_of: Callable[[str], str] | None = None
    terms_of: Callable[[str], Iterable[str]] = lambda value: ()
    searchable: bool = True
    always: tuple[str, ...] = ()  # values the form offers even when no offer has them (in this order, first)
    known: tuple[str, ...] = ()  # every value the data defines, for the empty state's absences (`absences`)
    example_of: Callable[[str], str] | None = None  # the word the search hint gives for a value (`search_examples`)

    def ids(self, offer: models.Offer) -> tuple[str, ...]:
        """The offer's values of this facet (ids of a vocabulary, a municipality or a paragraph), each once."""
        return tuple(dict.fromkeys(self.values_of(offer)))

    def card_label(self, value: str) -> str:
        """How a card names the value: `card_label_of`, else the form's label."""
        return (self.card_label_of or self.label_of)(value)

    def search_words(self, value: str) -> str:
        """The folded words the free text finds an offer with this value by ('' when not searchable)."""
        if not self.searchable:
            return ""
        return words([self.label_of(value), self.card_label(value), *self.terms_of(value)])


@dataclass(frozen=True)
class Option:
    """A value of a facet as the form offers it: its id, its label and how many offers have it."""

    value: str
    label: str
    count: int


def legal_basis_label(catalog: Catalog, basis_id: str, *, long: bool = False) -> str:
    """'Serviceloven § 85', or with `long` 'Serviceloven § 85: Socialpædagogisk støtte (bostøtte)'."""
    basis = catalog.legal_bases.get(basis_id)
    return formatting.legal_basis_label(basis, long=long) if basis else basis_id


def municipality_label(catalog: Catalog, municipality_id: str) -> str:
    """The filter's label for a municipality: its own name ('Rødovre'), or the id if the catalog lacks it."""
    municipality = catalog.municipalities.get(municipality_id)
    return municipality.name if municipality else municipality_id


def legal_basis_terms(catalog: Catalog, basis_id: str) -> tuple[str, ...]:
    """The search terms of a paragraph from the legal table ('bostøtte' for § 85); none for an unknown id."""
    basis = catalog.legal_bases.get(basis_id)
    return basis.search_terms if basis else ()


V = TypeVar("V", bound=Vocabulary)


def _vocabulary_facet(
    key: str,
    label: str,
    values_of: Callable[[models.Offer], Iterable[str]],
    vocabulary: type[V],
    terms: Mapping[V, Sequence[str]],
    *,
    example: bool = False,
) -> Facet:
    """A filter over a controlled vocabulary, from the vocabulary and its search terms.

    Its members' labels, every member known (the empty state's absences) and the search terms the data gives each
    value (vocabularies/search_terms.yaml). With `example`, the search hint names a value by its first search term,
    else by its label.
    """
    return Facet(
        key,
        label,
        values_of,
        lambda v: vocabulary(v).label,
        terms_of=lambda v: terms.get(vocabulary(v), ()),
        known=tuple(member.value for member in vocabulary),
        example_of=(lambda v: next(iter(terms.get(vocabulary(v), ())), vocabulary(v).label)) if example else None,
    )


def facets(catalog: Catalog) -> list[Facet]:
    """The filters, in the order they appear in the form (and in a card's data-* attributes)."""
    terms = catalog.search_terms
    return [
        Facet("kommune", "Kommune", lambda o: (o.municipality,), lambda v: municipality_label(catalog, v)),
        _vocabulary_facet("maalgruppe", "Målgruppe", lambda o: o.target_groups, OfferTargetGroup, terms.target_groups),
        _vocabulary_facet("problem", "Problem", lambda o: o.problems, SocialProblem, terms.problems, example=True),
        Facet(
            "lovgrundlag",
            "Lovgrundlag",
            lambda o: o.legal_basis,
            lambda v: legal_basis_label(catalog, v, long=True),
            lambda v: legal_basis_label(catalog, v),
            terms_of=lambda v: legal_basis_terms(catalog, v),
            known=tuple(catalog.legal_bases),
            example_of=lambda v: catalog.legal_bases[v].paragraph,
        ),
        _vocabulary_facet("adgang", "Adgang", lambda o: o.access, Access, terms.access),
        _vocabulary_facet("type", "Type", lambda o: o.kinds, OfferKind, terms.kinds, example=True),
        Facet(
            "bekraeftelse",
            "Bekræftelse",
            lambda o: (confirmation(o),),
            lambda v: CONFIRMATIONS[v].label,
            searchable=False,
            always=tuple(CONFIRMATIONS),
        ),
    ]


def facet_options(facet: Facet, offers: Iterable[models.Offer]) -> list[Option]:
    """The values used by at least one offer, sorted by label, each with the number of offers using it."""
    counts = Counter(value for offer in offers for value in facet.ids(offer))
    if facet.always:
        return [Option(value, facet.label_of(value), counts[value]) for value in facet.always] + [
            Option(value, facet.label_of(value), count) for value, count in counts.items() if value not in facet.always
        ]
    options = [Option(value, facet.label_of(value), count) for value, count in counts.items()]
    # By the short label first, so that 'Serviceloven § 85: …' comes before 'Serviceloven § 85 a: …'.
    return sorted(
        options, key=lambda o: (danish_sort_key(facet.card_label(o.value)), danish_sort_key(o.label), o.value)
    )


EXAMPLE_FACETS = ("problem", "type", "lovgrundlag")  # the search hint's examples come from these, in turn
EXAMPLES = 4


def search_examples(all_facets: list[Facet], offers: list[models.Offer]) -> list[str]:
    """Up to EXAMPLES words for the search hint ('hjemløs', 'bolig', '§ 85', …), each of which finds offers.

    From the facets named in EXAMPLE_FACETS in turn, the example word (`Facet.example_of`) of their values with the
    most offers first. A value's words are in the search text of every offer that has it, so a word that matches
    them (catalogue_search.matches) finds at least that value's offers; a word folded like one before is left out.
    """
    by_key = {f.key: f for f in all_facets}
    queues = []
    for key in EXAMPLE_FACETS:
        facet = by_key[key]
        ranked = sorted(facet_options(facet, offers), key=lambda o: -o.count)  # stable: by label within a count
        example_of = facet.example_of or facet.label_of
        queues.append(
            [
                example_of(o.value)
                for o in ranked
                if o.count and matches(example_of(o.value), facet.search_words(o.value))
            ]
        )
    examples: dict[str, str] = {}
    for turn in range(max(map(len, queues), default=0)):
        for queue in queues:
            if turn < len(queue) and len(examples) < EXAMPLES:
                examples.setdefault(fold(queue[turn]), queue[turn])
    return list(examples.values())


def site_search_examples(catalog: Catalog) -> list[str]:
    """The search hint's examples on the main catalogue (`search_examples` of every offer)."""
    return search_examples(facets(catalog), sorted_offers(catalog))


def search_hint(examples: list[str]) -> str:
    """The line under the search box: 'Fx hjemløs, bolig, § 85, ensom eller et navn. Søgningen finder …'."""
    lead = f"Fx {', '.join(examples)} eller et navn. " if examples else ""
    return lead + "Søgningen finder navn, beskrivelse, problemer, målgrupper, lovgrundlag og ord med samme betydning."


def absences(catalog: Catalog, all_facets: list[Facet], here: str) -> list[dict]:
    """The empty state's notes on what the site has no offer for, one per value the data defines that no offer has.

    Each a dict: `search` (the value's folded search words, matched against the visitor's query by catalogue.js as
    it matches a card), `lead` ('efter' for a paragraph, 'under Problem:' for a value of another facet), `label`
    ('Serviceloven § 110: Herberg og forsorgshjem') and `href` (a paragraph's section on the legal table, relative to
    `here`, the page in docs_dir; None for other values). From every offer of `catalog`, not just those of the page.
    """
    notes = []
    unused = catalog.derived(_unused_values)
    for facet in all_facets:
        if not facet.searchable or not facet.known:
            continue
        missing = sorted(unused[facet.key], key=lambda v: (danish_sort_key(facet.card_label(v)), v))
        for value in missing:
            paragraph = facet.key == "lovgrundlag"
            notes.append(
                {
                    "search": attr(facet.search_words(value)),
                    "lead": "efter" if paragraph else f"under {facet.label}:",
                    "label": facet.label_of(value),
                    "href": attr(routes.href(routes.LEGAL_BASES_PAGE, here) + "#" + value) if paragraph else None,
                }
            )
    return notes


def _unused_values(catalog: Catalog) -> dict[str, list[str]]:
    """Facet key → the values the data defines for it (Facet.known) that no offer has, in their order there."""
    unused = {}
    for facet in facets(catalog):
        used = {value for offer in catalog.offers.values() for value in facet.values_of(offer)}
        unused[facet.key] = [v for v in facet.known if v not in used]
    return unused


def elsewhere(catalog: Catalog, here: str) -> dict | None:
    """Where the empty state's notes send the reader: the box 'Akut: hjælp i nat' and its link to another site.

    A dict of `heading` (the box's), `href` (its anchor, relative to `here`; '#akut' on the catalogue page itself),
    `where` ('ovenfor' there, else 'på siden med alle tilbud'), `link_text` and `link_href` (the first shown item's
    link, e.g. to Tilbudsportalen; None without one); None when the data has no emergency table
    (vocabularies/emergency.yaml).
    """
    if catalog.emergency is None or not tonight.items_shown(catalog):
        return None
    own = here == routes.CATALOGUE_INDEX
    link = next((item.link for item in tonight.items_shown(catalog) if item.link), None)
    return {
        "heading": catalog.emergency.heading,
        "href": attr("#" + tonight.ANCHOR if own else routes.href(routes.CATALOGUE_INDEX, here) + "#" + tonight.ANCHOR),
        "where": "ovenfor" if own else "på siden med alle tilbud",
        "link_text": link.text if link else None,
        "link_href": attr(link.url) if link else None,
    }


def sorted_offers(catalog: Catalog) -> list[models.Offer]:
    """Every offer, confirmed ones first, then by name the Danish way.

    The order of the list, the index and the server's first cards: an offer only named in a policy never comes
    before one confirmed as a service.
    """
    return sorted(catalog.offers.values(), key=lambda o: (confirmation_rank(o), danish_sort_key(o.name), o.id))


# --- the content of a card: the one source of the server's cards and of the index ------------------


def one_line(text: str) -> str:
    """Text as the page shows it: the template environment writes every run of white space as one space."""
    return " ".join(text.split())


def summary_limit(offer_count: int) -> int:
    """The longest summary on a card, in characters (see SUMMARY_BUDGET)."""
    return max(SHORTEST_SUMMARY, SUMMARY_BUDGET // max(offer_count, 1))


def shorten(text: str, limit: int) -> str:
    """The text on one line, cut at the last word boundary that leaves room for '…' within `limit` characters."""
    text = one_line(text)
    if len(text) <= limit:
        return text
    cut = text[: limit - len(ELLIPSIS) + 1]
    space = cut.rfind(" ")
    cut = cut[:space] if space > limit // 2 else cut[:-1]
    return cut.rstrip(" ,;:–-") + ELLIPSIS


def staleness(catalog: Catalog, offer: models.Offer) -> str | None:
    """The visible marker for an offer whose information has not been verified within 12 months."""
    if not catalog.is_stale(offer.last_verified):
        return None
    if offer.last_verified is None:
        return NEVER_VERIFIED
    return f"{NOT_VERIFIED_RECENTLY} (sidst {formatting.long_date(offer.last_verified)})"


def _shown(status: str | None) -> TypeGuard[str]:
    """Whether a card shows a status badge: only for a status an editor set that is not 'aktiv' (closures)."""
    return status is not None and status != OfferStatus.ACTIVE


def notice(catalog: Catalog, offer: models.Offer) -> tuple[str, str] | None:
    """The card's marker about how far its information holds, as (modifier of the badge's class, text), or None.

    An offer only named in a policy says so; any other offer not verified within 12 months is stale.
    """
    if confirmation(offer) == Confirmation.POLICY_ONLY:
        return "politik", Confirmation.POLICY_ONLY.label
    stale = staleness(catalog, offer)
    return ("stale", stale) if stale else None


class SearchWords(dict):
    """(facet key, value) → the value's search words, each computed once per page or index."""

    def of(self, facet: Facet, value: str) -> str:
        """The folded search words of `value` of `facet` (Facet.search_words), computed on first use."""
        key = (facet.key, value)
        if key not in self:
            self[key] = facet.search_words(value)
        return self[key]


def own_search_words(offer: models.Offer, name: str, alternate_name: str | None, summary: str) -> tuple[str, str]:
    """The folded words of the offer's own text, and those of them that the card's three texts lack.

    The own text is the name, other name and summary as the card shows them (its three texts), and its methods. The
    second string is what the offers index sends beside the three texts (catalogue_search.words_beyond).
    """
    shown = [name, alternate_name, summary]
    return words([*shown, *offer.methods]), words_beyond(shown, offer.methods)


@dataclass(frozen=True)
class CardContent:
    """What a card says, the one source of a card on a page and of a row of the index (all text on one line)."""

    id: str
    name: str
    alternate_name: str | None
    summary: str
    facet_ids: tuple[tuple[str, ...], ...]  # per facet, in the order of `facets`
    status: str | None  # as an editor set it; None when unknown
    status_note: str | None
    notice: tuple[str, str] | None  # (badge class modifier, text), see `notice`
    own_words: str  # the folded words of the offer's own text (the rest of its search text: its facets')
    other_words: str  # those of own_words that its name, other name and summary lack (in the index)
    search: str  # everything the free text finds the offer by, folded: the card's data-soeg


def card_content(
    catalog: Catalog, offer: models.Offer, all_facets: list[Facet], limit: int, search_words: SearchWords
) -> CardContent:
    """The card of `offer`, from the public view.

    Its summary cut to `limit` characters, its ids per facet of `all_facets` (in that order), its badge and its
    search text (`search_words` caches the facets' words).
    """
    name = one_line(offer.name)
    alternate_name = one_line(offer.alternate_name) if offer.alternate_name else None
    summary = shorten(offer.summary, limit)
    facet_ids = tuple(f.ids(offer) for f in all_facets)
    own, other = own_search_words(offer, name, alternate_name, summary)
    return CardContent(
        id=offer.id,
        name=name,
        alternate_name=alternate_name,
        summary=summary,
        facet_ids=facet_ids,
        status=offer.status,
        status_note=one_line(offer.status_note) if offer.status_note and _shown(offer.status) else None,
        notice=notice(catalog, offer),
        own_words=own,
        other_words=other,
        search=joined(
            [own, *(search_words.of(f, v) for f, ids in zip(all_facets, facet_ids, strict=True) for v in ids)]
        ),
    )


def card(content: CardContent, all_facets: list[Facet], here: str = routes.CATALOGUE_INDEX) -> dict:
    """The view data of one card (macros/site/templates/catalogue.html.j2; catalogue.js draws the same).

    `here` is the path in docs_dir of the page the card stands on, which its link to the offer's page is relative to.
    """
    labels = {f.key: [f.card_label(v) for v in ids] for f, ids in zip(all_facets, content.facet_ids, strict=True)}
    return {
        "href": attr(routes.href(routes.page_of("offers", content.id), here)),
        "data": [
            *(
                (Markup(f"data-{f.key}"), attr(" ".join(ids)))
                for f, ids in zip(all_facets, content.facet_ids, strict=True)
            ),
            (Markup("data-soeg"), attr(content.search)),
        ],
        "name": content.name,
        "alternate_name": content.alternate_name,
        "summary": content.summary,
        "status": OFFER_STATUSES[content.status].label if _shown(content.status) else None,
        "status_class": attr(content.status or ""),
        "status_note": content.status_note,
        "notice": content.notice[1] if content.notice else None,
        "notice_class": attr(content.notice[0]) if content.notice else None,
        "municipality": ", ".join(labels["kommune"]),
        "kinds": labels["type"],
        "access": labels["adgang"],
        "target_groups": labels["maalgruppe"],
        "problems": labels["problem"],
        "legal_basis": labels["lovgrundlag"],
    }


# --- the pages ---------------------------------------------------------------------------------


def _block(html_text: str) -> Markup:
    """One raw-HTML block, no blank lines: Python-Markdown passes it through untouched."""
    return Markup("\n".join(line for line in html_text.splitlines() if line.strip()) + "\n")


def _facet_view(shown_facets: list[Facet], offers: list[models.Offer]) -> list[dict]:
    """Per facet a group of checkboxes (name = the facet's key, value = the value's id, id unique on the page)."""
    return [
        {
            "key": attr(f.key),
            "label": f.label,
            "long": len(options) > SHORT_FACET,
            "total": danish_number(len(options)),
            "options": [
                {
                    "value": attr(o.value),
                    "id": attr(f"catalogue-{f.key}-{o.value}"),
                    "label": o.label,
                    "count": danish_number(o.count),
                    "none": o.count == 0,
                }
                for o in options
            ],
        }
        for f, options in ((f, facet_options(f, offers)) for f in shown_facets)
    ]


def catalogue_view(catalog: Catalog) -> dict:
    """The main catalogue: every offer in the form's counts, the first SERVER_CARDS as cards."""
    offers = sorted_offers(catalog)
    all_facets = facets(catalog)
    limit = summary_limit(len(offers))
    first = offers[:SERVER_CARDS]
    partial = len(first) < len(offers)
    search_words = SearchWords()
    by_municipality = facet_options(all_facets[0], offers) if partial else []
    return {
        "total": len(offers),
        "index_url": attr(INDEX_FILE) if partial else None,
        "hint": search_hint(site_search_examples(catalog)),
        "absences": absences(catalog, all_facets, routes.CATALOGUE_INDEX),
        "elsewhere": elsewhere(catalog, routes.CATALOGUE_INDEX),
        "facets": _facet_view(all_facets, offers),
        "count": count_text(len(first), len(offers)),
        "first_count": len(first),
        "municipalities": [
            {
                "href": attr(routes.href(routes.catalogue_page_of(o.value), routes.CATALOGUE_INDEX)),
                "name": o.label,
                "count": danish_number(o.count),
            }
            for o in by_municipality
        ],
        "cards": [card(card_content(catalog, o, all_facets, limit, search_words), all_facets) for o in first],
    }


def render_catalogue(catalog: Catalog) -> Markup:
    """The main catalogue (catalogue_view) as one raw-HTML block for content/tilbud/index.md."""
    return _block(render(TEMPLATE, **catalogue_view(catalog)))


def municipality_offers(catalog: Catalog) -> dict[str, list[models.Offer]]:
    """Municipality id → its offers by name, for each municipality with at least one offer."""
    grouped: dict[str, list[models.Offer]] = {}
    for offer in sorted_offers(catalog):
        grouped.setdefault(offer.municipality, []).append(offer)
    return grouped


def municipality_page(catalog: Catalog, municipality_id: str, offers: list[models.Offer]) -> RecordPage:
    """tilbud/kommune/<id>.md: every card of one municipality, filtered where they stand (no kommune filter).

    Straight to HTML (html_pages.py): its Markdown file is only the front matter.
    """
    municipality = catalog.municipalities[municipality_id]
    name = formatting.municipality_name(municipality)
    title = f"Tilbud i {name}"
    return RecordPage(
        front_matter(
            front_matter_text(title), front_matter_text(f"Alle {danish_number(len(offers))} tilbud i {name}.")
        ),
        partial(_municipality_body, catalog, municipality_id, offers, title),
    )


def _municipality_body(catalog: Catalog, municipality_id: str, offers: list[models.Offer], title: str) -> str:
    """The content of municipality_page (its Markdown links still to resolve, see html_pages.py)."""
    all_facets = facets(catalog)
    limit = summary_limit(len(catalog.offers))  # the same card as in the main catalogue
    search_words = SearchWords()
    municipality = catalog.municipalities[municipality_id]
    name = formatting.municipality_name(municipality)
    here = routes.catalogue_page_of(municipality_id)
    base = "../" * here.count("/")
    block = Markup(
        render(
            TEMPLATE,
            total=len(offers),
            index_url=None,
            hint=search_hint(search_examples(all_facets, offers)),
            absences=absences(catalog, all_facets, here),
            elsewhere=elsewhere(catalog, here),
            facets=_facet_view(all_facets[1:], offers),
            count=count_text(len(offers), len(offers)),
            first_count=len(offers),
            municipalities=[],
            cards=[card(card_content(catalog, o, all_facets, limit, search_words), all_facets, here) for o in offers],
        )
    )
    return render(
        MUNICIPALITY_TEMPLATE,
        title=title,
        name=name,
        count=danish_number(len(offers)),
        catalogue=block,
        municipality=municipality,
        entrance=_entrance(catalog, municipality_id, base),
        back_link=md_link("Alle tilbud på sitet", base + routes.CATALOGUE_INDEX),
        onboarding_link=md_link(
            formatting.start_page_title(municipality), routes.start_page_of(municipality_id, base=base)
        ),
    )


def _entrance(catalog: Catalog, municipality_id: str, base: str) -> dict | None:
    """The municipality's public entrance as a next step, for the top of its catalogue page; None without one.

    `base` leads from the page to the site root.
    """
    municipality = catalog.municipalities[municipality_id]
    if municipality.entrance is None:
        return None
    return {
        "missed": [],
        "hops": [
            municipality_hop(
                catalog, municipality_id, f"{formatting.municipality_name(municipality)}s offentlige indgang", base
            )
        ],
    }


def municipality_pages(catalog: Catalog) -> Iterator[tuple[str, RecordPage]]:
    """(path in docs, page rendered straight to HTML) of the catalogue page of every municipality with offers."""
    for municipality_id, offers in municipality_offers(catalog).items():
        yield routes.catalogue_page_of(municipality_id), municipality_page(catalog, municipality_id, offers)


# --- the index for the script --------------------------------------------------------------------

# The fields of an offer's row in the index, in order; trailing fields that are null or empty are left out.
INDEX_FIELDS = (
    "id",
    "name",
    "summary",
    "kommune",
    "facets",
    "other_words",
    "alternate_name",
    "status",
    "status_note",
    "notice",
)


def _short_id(offer_id: str, municipality_id: str) -> str:
    """'roedovre-vaerested' → '-vaerested' (the row names the municipality already); other ids stay whole."""
    prefix = municipality_id + "-"
    return offer_id[len(prefix) - 1 :] if offer_id.startswith(prefix) else offer_id


class _Table(dict):
    """Values in order of first use, each with its position: a lookup table that rows point into."""

    def position(self, value) -> int:
        return self.setdefault(value, len(self))


def offers_index(catalog: Catalog) -> dict:
    """Everything catalogue.js needs to filter and draw the cards, each label and id written once.

    Rows are the offers by name, each a list in the order of INDEX_FIELDS:
    - `id`: the offer's id, or its part after '<municipality id>' when it begins with that and a hyphen;
    - `kommune`: the position of the offer's municipality in the first facet's `ids` and `labels`;
    - `facets`: the position in `facet_combinations` of the offer's values of the other facets: per facet,
      the positions of its values in that facet's `ids` and `labels` (offers share combinations a lot);
    - `other_words`: the folded words of the offer's own text that its name, other name and summary lack (its
      methods'); its whole search text (the card's data-soeg) is the folded words of the name, other name and
      summary followed by these (catalogue_search.words, words_beyond), then each facet value's `search` words, facet
      by facet (catalogue_search.joined);
    - `status`: null for an active offer or one without a status, else a position in `statuses` (status id, label);
    - `notice`: null when there is nothing to mark, else a position in `notices` (badge class modifier, text).
    """
    offers = sorted_offers(catalog)
    all_facets = facets(catalog)
    limit = summary_limit(len(offers))
    tables = [[o.value for o in facet_options(f, offers)] for f in all_facets]
    positions = [{value: i for i, value in enumerate(table)} for table in tables]
    statuses = [s for s in OFFER_STATUSES if s != OfferStatus.ACTIVE]
    combinations, notices = _Table(), _Table()
    search_words = SearchWords()
    rows = []
    for offer in offers:
        c = card_content(catalog, offer, all_facets, limit, search_words)
        combination = tuple(tuple(positions[i][v] for v in ids) for i, ids in enumerate(c.facet_ids) if i)
        row = [
            _short_id(c.id, offer.municipality),
            c.name,
            c.summary,
            positions[0][offer.municipality],
            combinations.position(combination),
            c.other_words,
            c.alternate_name,
            statuses.index(c.status) if _shown(c.status) else None,
            c.status_note,
            None if c.notice is None else notices.position(c.notice),
        ]
        while row[-1] is None or row[-1] == "":  # an offer without other words or other name leaves them out
            row.pop()
        rows.append(row)
    return {
        "fields": list(INDEX_FIELDS),
        "facets": [
            {
                "key": f.key,
                "ids": table,
                "labels": [f.card_label(v) for v in table],
                "search": [search_words.of(f, v) for v in table],
            }
            for f, table in zip(all_facets, tables, strict=True)
        ],
        "facet_combinations": list(combinations),
        "statuses": [[s, OFFER_STATUSES[s].label] for s in statuses],
        "notices": [list(n) for n in notices],
        "offers": rows,
    }


def offers_index_json(catalog: Catalog) -> str:
    """tilbud/tilbud.json: the index (offers_index) on one line, UTF-8, with no markup (open_data.json_text).

    Made from the public view only: raises ValueError for a catalog that is not (public_view.require_public).
    """
    require_public(catalog, "Katalogets indeks")
    return json_text(offers_index(catalog), separators=(",", ":"))
