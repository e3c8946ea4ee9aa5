"""Danish wording for dates, periods, ages and statuses, shared by every page."""

from __future__ import annotations

from datetime import date

from . import models
from .vocabulary import AGE_GROUPS, MONTHS_DA


def municipality_name(municipality: models.Municipality) -> str:
    """The name a reader knows, 'Rødovre Kommune', from the record's own name ('Rødovre')."""
    return f"{municipality.name} Kommune"


def start_page_title(municipality: models.Municipality) -> str:
    """The title of a municipality's start page and of links to it: 'Ny medarbejder i Rødovre Kommune'."""
    return f"Ny medarbejder i {municipality_name(municipality)}"


def legal_basis_label(basis: models.LegalBasis, *, long: bool = False) -> str:
    """A paragraph as readers cite it (vocabularies/legal_bases.yaml): 'Serviceloven § 85'.

    With `long` it has its title too: 'Serviceloven § 85: Socialpædagogisk støtte (bostøtte)'.
    """
    short = f"{basis.law} {basis.paragraph}"
    return f"{short}: {basis.title}" if long else short


def long_date(value: date) -> str:
    """date(2026, 12, 31) → '31. december 2026'."""
    return f"{value.day}. {MONTHS_DA[value.month - 1]} {value.year}"


def danish_list(items: list[str]) -> str:
    """['a', 'b', 'c'] → 'a, b og c'; one item alone; nothing → ''."""
    return ", ".join(items[:-1]) + " og " + items[-1] if len(items) > 1 else "".join(items)


def period(valid_from: date | None, valid_to: date | None) -> str:
    """Whole calendar years read as '2023–2026'; anything else with full dates."""
    if valid_from and valid_to:
        if (valid_from.month, valid_from.day, valid_to.month, valid_to.day) == (1, 1, 12, 31):
            if valid_from.year == valid_to.year:
                return str(valid_from.year)
            return f"{valid_from.year}–{valid_to.year}"
        return f"{long_date(valid_from)} – {long_date(valid_to)}"
    if valid_from:
        return f"Fra {long_date(valid_from)}, uden slutdato"
    if valid_to:
        return f"Til {long_date(valid_to)}"
    return "Ikke angivet i dokumentet"


def age_range(age_min: int | None, age_max: int | None) -> str | None:
    """Ages in years as Danish text: (18, 30) → '18–30 år', (18, None) → 'Fra 18 år'; None if neither is given."""
    if age_min is not None and age_max is not None:
        return f"{age_min}–{age_max} år"
    if age_min is not None:
        return f"Fra {age_min} år"
    if age_max is not None:
        return f"Op til {age_max} år"
    return None


STATUS_LABELS = {"gældende": "Gældende", "udløbet": "Perioden er slut", "ikke begyndt": "Ikke trådt i kraft"}
STATUS_CLASSES = {"gældende": "gaeldende", "udløbet": "udloebet", "ikke begyndt": "kommende"}


def adopted(policy: models.Policy) -> str | None:
    """Who adopted a policy and when, as written: 'Byrådet, januar 2020', either part alone, or None."""
    if not policy.adopted and not policy.adopted_by:
        return None
    when = models.format_partial_date(policy.adopted) if policy.adopted else None
    if when and policy.adopted_by:
        return f"{policy.adopted_by}, {when}"
    return policy.adopted_by or when


def age_scope(groups: tuple[str, ...]) -> str:
    """('boern', 'unge', 'voksne') → 'Børn, unge og voksne'; ('voksne',) → 'Voksne' (in AGE_GROUPS' order)."""
    order = list(AGE_GROUPS)
    labels = [AGE_GROUPS[g].label for g in sorted(groups, key=order.index)]
    return danish_list([labels[0]] + [x.lower() for x in labels[1:]]) if labels else ""


def policy_audience(policy: models.Policy) -> str | None:
    """Whom a policy is for by age, as its target group states it ('Unge og voksne'); None without a target group."""
    return age_scope(policy.target_group.age_scope) if policy.target_group else None
