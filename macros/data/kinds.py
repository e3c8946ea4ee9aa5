"""The kinds of record, in one registry: each kind's word, data folder, model and Danish label.

A record is one YAML file in its kind's folder (`offers/<id>.yaml`); the folder is also the name of the
`Catalog` attribute that holds the kind's records. The pages made for each record are in routes.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import models

RecordModel = models.Municipality | models.Policy | models.Contact | models.Offer
"""The model of any one record (a record of the kinds below)."""


@dataclass(frozen=True)
class RecordKind:
    """One kind of record.

    Attributes:
        name: the word for one record in commands and schema file names, e.g. 'offer'.
        folder: the data folder and the `Catalog` attribute, e.g. 'offers'.
        model: the pydantic model a record of the kind is validated against.
        label: the Danish word for one record, capitalised, as lists on the site show it, e.g. 'Tilbud'.
    """

    name: str
    folder: str
    model: type[RecordModel]
    label: str


RECORD_KINDS: tuple[RecordKind, ...] = (
    RecordKind("municipality", "municipalities", models.Municipality, "Kommune"),
    RecordKind("policy", "policies", models.Policy, "Politik"),
    RecordKind("contact", "contacts", models.Contact, "Kontakt"),
    RecordKind("offer", "offers", models.Offer, "Tilbud"),
)
"""Every kind, in the order they are read: a kind's records may refer to the kinds before it."""

BY_FOLDER: dict[str, RecordKind] = {kind.folder: kind for kind in RECORD_KINDS}
BY_NAME: dict[str, RecordKind] = {kind.name: kind for kind in RECORD_KINDS}
