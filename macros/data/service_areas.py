"""Where a contact or an offer works: its service area, as written or derived from its municipality, in words.

A contact or offer with a `service_area` serves what it says; one without serves the municipality it
belongs to (the model refuses a contact with neither). The catalog indexes the keys below to answer
which partners serve a municipality (Catalog.partners_of); pages and exports describe an area with
`describe`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from . import formatting, models

if TYPE_CHECKING:
    from .catalog import Catalog

AreaKey = tuple[str, str]  # ('kommuner', municipality id), ('region', region name) or ('hele-landet', '')


def area_of(record: models.Contact | models.Offer) -> models.ServiceArea | None:
    """The record's service area as written, else its own municipality's.

    None for a contact with neither (which the model refuses, so never for a
    loaded record).
    """
    if record.service_area is not None:
        return record.service_area
    if record.municipality:
        return models.ServiceArea(kind="kommuner", municipalities=(record.municipality,))
    return None


def keys(record: models.Contact | models.Offer) -> Iterator[AreaKey]:
    """The index keys of what the record serves."""
    area = area_of(record)
    if area is None:
        return
    if area.kind == "kommuner":
        yield from (("kommuner", m) for m in area.municipalities)
    elif area.kind == "region":
        yield "region", area.region or ""
    else:
        yield "hele-landet", ""


def covers(record: models.Contact | models.Offer, municipality: models.Municipality) -> bool:
    """True if the record serves citizens of `municipality`."""
    wanted = {("kommuner", municipality.id), ("hele-landet", "")}
    if municipality.region:
        wanted.add(("region", municipality.region))
    return any(key in wanted for key in keys(record))


def describe(catalog: Catalog, record: models.Contact | models.Offer) -> str | None:
    """'Rødovre Kommune', 'Ballerup Kommune og Egedal Kommune', 'Region Hovedstaden' or 'hele landet'."""
    area = area_of(record)
    if area is None:
        return None
    if area.kind == "region":
        return area.region
    if area.kind == "hele-landet":
        return "hele landet"
    return formatting.danish_list(
        [
            formatting.municipality_name(catalog.municipalities[m])
            for m in area.municipalities
            if m in catalog.municipalities
        ]
    )
