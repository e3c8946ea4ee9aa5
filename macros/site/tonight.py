"""The box *Akut: hjælp i nat* on the offer catalogue's page: rules and numbers from vocabularies/emergency.yaml.

Every fact, number and source comes from the table (see models.EmergencyHelp); this module only chooses the
items that apply to the site's municipalities and words the links. Nothing here knows a municipality or region.
"""

from __future__ import annotations

from markupsafe import Markup

from ..data import formatting, models, routes
from ..data.catalog import Catalog
from ..data.public_view import require_public
from .render import attr, md_escape, render
from .views import external_link, md_link

ANCHOR = "akut"  # the box's id: the catalogue's empty state links to it (catalogue.elsewhere)


def items_shown(catalog: Catalog) -> list[models.EmergencyItem]:
    """The table's items in their written order, without those for a region no municipality of the site is in."""
    if catalog.emergency is None:
        return []
    regions = {m.region for m in catalog.municipalities.values() if m.region}
    return [item for item in catalog.emergency.items if item.region is None or item.region in regions]


def tonight_view(catalog: Catalog, page: str) -> dict | None:
    """Ready values for templates/tonight.md.j2, or None when the data has no emergency table.

    For the hand-written page `page` (its path in content/, which the links are made relative to). A data set
    without vocabularies/emergency.yaml (a synthetic one) has no table.
    """
    require_public(catalog, "Boksen om akut hjælp")
    table = catalog.emergency
    if table is None:
        return None
    base = "../" * page.count("/")

    def legal_link(item: models.EmergencyItem) -> Markup | None:
        """The item's paragraph, linked to its row on the table of legal bases; its reference as text without one."""
        if item.legal_basis is None:
            return Markup(md_escape(item.reference)) if item.reference else None
        basis = catalog.legal_bases[item.legal_basis]
        text = item.reference or formatting.legal_basis_label(basis)
        return md_link(text, routes.legal_basis_of(basis.id, base=base))

    return {
        "anchor": ANCHOR,
        "heading": table.heading,
        "intro": table.intro,
        "note": table.note,
        "items": [
            {
                "heading": f"{item.heading} ({item.region})" if item.region else item.heading,
                "text": item.text,
                "legal": legal_link(item),
                "numbers": [
                    {
                        "link": Markup(
                            f'<a href="{attr("tel:" + n.number.replace(" ", ""))}">{md_escape(n.number)}</a>'
                        ),
                        "label": n.label,
                        "when": n.when,
                    }
                    for n in item.numbers
                ],
                "link": external_link(item.link.text, item.link.url) if item.link else None,
                "sources": [
                    {"link": external_link(s.title, s.url), "read_on": formatting.long_date(s.read_on)}
                    for s in item.sources
                ],
            }
            for item in items_shown(catalog)
        ],
    }


def render_tonight(catalog: Catalog, page: str) -> Markup:
    """The box as Markdown inside an open <details> (md_in_html): it works without JavaScript and can be folded."""
    view = tonight_view(catalog, page)
    if view is None or not view["items"]:
        return Markup("")
    return Markup(render("tonight.md.j2", **view))
