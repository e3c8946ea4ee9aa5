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
from .vocabulary import ServiceAreaKind

if TYPE_CHECKING:
    from .catalog import Catalog

AreaKey = tuple[ServiceAreaKind, str]  # (MUNICIPALITIES, municipality id), (REGION, region name) or (NATIONWIDE, '')


def area_of(record: models.Contact | models.Offer) -> models.ServiceArea | None:
    """The record's service area as written, else its own municipality's.

    None for a contact with neither (which the model refuses, so never for a
    loaded record).
    """
    if record.service_area is not None:
        return record.service_area
    if record.municipality:
        return models.ServiceArea(kind=ServiceAreaKind.MUNICIPALITIES, municipalities=(record.municipality,))
    return None


def keys(record: models.Contact | models.Offer) -> Iterator[AreaKey]:
    """The index keys of what the record serves."""
    area = area_of(record)
    if area is None:
        return
    if area.kind == ServiceAreaKind.MUNICIPALITIES:
        yield from ((ServiceAreaKind.MUNICIPALITIES, m) for m in area.municipalities)
    elif area.kind == ServiceAreaKind.REGION:
        yield ServiceAreaKind.REGION, area.region or ""
    else:
        yield ServiceAreaKind.NATIONWIDE, ""


def keys_serving(municipality: models.Municipality) -> set[AreaKey]:
    """The index keys of every area that takes in `municipality`: itself, its region, the whole country."""
    wanted = {(ServiceAreaKind.MUNICIPALITIES, municipality.id), (ServiceAreaKind.NATIONWIDE, "")}
    if municipality.region:
        wanted.add((ServiceAreaKind.REGION, municipality.region))
    return wanted


def covers(record: models.Contact | models.Offer, municipality: models.Municipality) -> bool:
    """True if the record serves citizens of `municipality`."""
    wanted = keys_serving(municipality)
    return any(key in wanted for key in keys(record))


def describe(catalog: Catalog, record: models.Contact | models.Offer) -> str | None:
    """'Rødovre Kommune', 'Ballerup Kommune og Egedal Kommune', 'Region Hovedstaden' or 'hele landet'."""
    area = area_of(record)
    if area is None:
        return None
    if area.kind == ServiceAreaKind.REGION:
        return area.region
    if area.kind == ServiceAreaKind.NATIONWIDE:
        return "hele landet"
    return formatting.danish_list(
        [
            formatting.municipality_name(catalog.municipalities[m])
            for m in area.municipalities
            if m in catalog.municipalities
        ]
    )
