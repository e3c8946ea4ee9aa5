"""Whether an offer is confirmed as a service or only named in a policy: one rule for pages, catalogue and exports."""

from __future__ import annotations

from . import models
from .vocabulary import CONFIRMATIONS

CONFIRMED = "bekraeftet"
UNCONFIRMED = "ikke-bekraeftet"
POLICY_ONLY = "politik"
assert {CONFIRMED, UNCONFIRMED, POLICY_ONLY} == set(CONFIRMATIONS)


def named_in_policy_only(offer: models.Offer) -> bool:
    """Whether all we know of the offer is that a policy names it.

    True when it was never verified (`last_verified` is empty), each of its sources, at least one, is a
    policy on the site (`sources[].policy`), and no fact was read on a public web page (`facts[].source.url`).
    """
    return (
        offer.last_verified is None
        and bool(offer.sources)
        and all(s.policy for s in offer.sources)
        and not any(f.source.url for f in offer.facts)
    )


def confirmation(offer: models.Offer) -> str:
    """The offer's id in vocabulary.CONFIRMATIONS.

    'bekraeftet' when `last_verified` is set, 'politik' when `named_in_policy_only`, else 'ikke-bekraeftet'.
    """
    if offer.last_verified is not None:
        return CONFIRMED
    return POLICY_ONLY if named_in_policy_only(offer) else UNCONFIRMED


def confirmation_rank(offer: models.Offer) -> int:
    """0, 1 or 2: the position of the offer's confirmation in CONFIRMATIONS (confirmed offers are listed first)."""
    return list(CONFIRMATIONS).index(confirmation(offer))
