"""The editors' to-do list: per municipality, the offers that lack what partners need most, most important first.

`todo(catalog)` is a pure function of the public view (what a partner can see is what counts: a contact whose
only phone is internal does not make an offer reachable). The order of importance is `GAPS`, and only there.
The list is shown on content/redaktoer/mangler.md (macro `editor_todo`) and summed up in the pull request's job
summary (`markdown_summary`, written by `python -m macros check --github`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup

from ..data import formatting, models, routes
from ..data.catalog import STALE_AFTER_DAYS, Catalog
from ..data.collation import danish_sort_key
from ..data.public_view import require_public
from ..data.vocabulary import OfferStatus
from .render import attr, md_escape
from .views import md_link


@dataclass(frozen=True)
class Gap:
    """Something an offer lacks: an id, a short Danish label for tables, and what the editor should add."""

    id: str
    label: str
    advice: str


def _reachable(catalog: Catalog, offer: models.Offer) -> bool:
    """A public phone number or an e-mail address on one of the offer's contacts or on its provider."""
    ids = [*offer.contacts, *([offer.provider] if offer.provider else [])]
    return any(catalog.contacts[c].phones or catalog.contacts[c].email for c in ids if c in catalog.contacts)


def _has_access(offer: models.Offer) -> bool:
    return bool(offer.access or offer.how_to_access)


def _has_hours(offer: models.Offer) -> bool:
    return bool(offer.opening_hours_note or any(loc.opening_hours for loc in offer.locations))


# The order of importance, most important first: a partner who cannot reach the offer can do nothing with
# it; then how to get in, when it is open, and whether anyone has confirmed it at all, or lately.
GAPS: tuple[Gap, ...] = (
    Gap(
        "kontakt",
        "Ingen telefon eller e-mail",
        "Hverken tilbuddet, dets kontakter eller den, der driver det, har et offentligt telefonnummer eller en "
        "e-mailadresse",
    ),
    Gap("adgang", "Ingen adgang", "Der står ikke, hvordan borgeren får adgang (access eller how_to_access)"),
    Gap(
        "aabningstider",
        "Ingen åbningstider",
        "Der står ingen åbningstider (locations[].opening_hours eller opening_hours_note)",
    ),
    Gap("aldrig-bekraeftet", "Aldrig bekræftet", "Oplysningerne er aldrig bekræftet af tilbuddet (last_verified)"),
    Gap(
        "foraeldet",
        "Forældet bekræftelse",
        f"Oplysningerne blev sidst bekræftet for mere end {STALE_AFTER_DAYS} dage siden (last_verified)",
    ),
)
GAP_IDS = [gap.id for gap in GAPS]


def _gaps_of(catalog: Catalog, offer: models.Offer) -> tuple[Gap, ...]:
    tests: dict[str, Callable[[], bool]] = {
        "kontakt": lambda: not _reachable(catalog, offer),
        "adgang": lambda: not _has_access(offer),
        "aabningstider": lambda: not _has_hours(offer),
        "aldrig-bekraeftet": lambda: offer.last_verified is None,
        "foraeldet": lambda: offer.last_verified is not None and catalog.is_stale(offer.last_verified),
    }
    return tuple(gap for gap in GAPS if tests[gap.id]())


@dataclass(frozen=True)
class TodoRow:
    """An offer and what it lacks, in the order of GAPS."""

    offer: models.Offer
    file: str  # the record's file below the data folder, e.g. offers/x.yaml
    missing: tuple[Gap, ...]

    @property
    def priority(self) -> int:
        """The position in GAPS of the most important thing missing (0 is the most important)."""
        return GAP_IDS.index(self.missing[0].id)

    def sort_key(self) -> tuple:
        """Most important first: the most important gap, then more gaps, then the other gaps, then the name."""
        ranks = tuple(GAP_IDS.index(g.id) for g in self.missing)
        return (self.priority, -len(ranks), ranks, danish_sort_key(self.offer.name), self.offer.id)


@dataclass(frozen=True)
class MunicipalityTodo:
    """One municipality's to-do rows, most important first, and how many offers lack each thing (by Gap.id)."""

    municipality: models.Municipality
    rows: tuple[TodoRow, ...]
    offers: int  # offers of the municipality that were looked at

    @property
    def counts(self) -> dict[str, int]:
        """Gap.id → how many of the rows lack it."""
        return {gap.id: sum(gap in row.missing for row in self.rows) for gap in GAPS}


def todo(catalog: Catalog) -> list[MunicipalityTodo]:
    """Every municipality (in Danish order) with its offers that lack something, most important first.

    Sorted by the most important gap, then the next ones, then by name. Closed offers (status 'lukket') are left out.
    """
    require_public(catalog, "Redaktørernes huskeliste")
    by_municipality: dict[str, list[TodoRow]] = {m: [] for m in catalog.municipalities}
    looked_at = dict.fromkeys(catalog.municipalities, 0)
    for offer in catalog.offers.values():
        if offer.status == OfferStatus.CLOSED:
            continue
        looked_at[offer.municipality] += 1
        missing = _gaps_of(catalog, offer)
        if missing:
            by_municipality[offer.municipality].append(
                TodoRow(offer, catalog.files.get(("offers", offer.id), f"offers/{offer.id}.yaml"), missing)
            )
    return [
        MunicipalityTodo(m, tuple(sorted(by_municipality[m.id], key=TodoRow.sort_key)), looked_at[m.id])
        for m in catalog.municipalities_sorted()
    ]


def markdown_summary(groups: list[MunicipalityTodo], top: int = 3) -> str:
    """A compact Markdown table for the pull request's job summary (GitHub's flavour).

    Per municipality: the count of offers lacking each thing and the `top` most important offers to fix.
    """

    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    lines = [
        "### Det mangler partnerne mest",
        "",
        "Tilbud, der mangler noget, som samarbejdspartnere har brug for; det vigtigste først. "
        "Hele listen står på sitet under *Redaktører → Det mangler vi*.",
        "",
        "| Kommune | Tilbud med mangler | " + " | ".join(g.label for g in GAPS) + " | Ret først |",
        "| --- | ---: | " + " | ".join("---:" for _ in GAPS) + " | --- |",
    ]
    for group in groups:
        counts = group.counts
        first = (
            "<br>".join(
                f"`{row.file}`: {cell(', '.join(g.label.lower() for g in row.missing))}" for row in group.rows[:top]
            )
            or "–"
        )
        lines.append(
            f"| {cell(group.municipality.name)} | {len(group.rows)} af {group.offers} | "
            + " | ".join(str(counts[g.id]) for g in GAPS)
            + f" | {first} |"
        )
    return "\n".join(lines) + "\n"


def page_view(groups: list[MunicipalityTodo], page: str, file_link: Callable[[str], str | None]) -> list[dict]:
    """Ready values for templates/todo.md.j2 on the hand-written page `page` (its path in content/).

    `file_link(file)` gives the address where a record's file (offers/x.yaml) is edited, or None: then the
    file's path is shown as text.
    """
    base = "../" * page.count("/")

    def file_cell(file: str) -> Markup:
        code = Markup(f"<code>{md_escape(file)}</code>")
        url = file_link(file)
        return Markup(f'<a href="{attr(url)}">{code}</a>') if url else code

    return [
        {
            "name": formatting.municipality_name(group.municipality),
            "anchor": group.municipality.id,
            "offers": group.offers,
            "counts": [{"label": gap.label, "count": group.counts[gap.id]} for gap in GAPS if group.counts[gap.id]],
            "rows": [
                {
                    "link": md_link(row.offer.name, routes.page_of("offers", row.offer.id, base=base)),
                    "missing": formatting.danish_list([gap.label.lower() for gap in row.missing]),
                    "file": file_cell(row.file),
                }
                for row in group.rows
            ],
        }
        for group in groups
    ]
