"""Whether an offer is confirmed as a service or only named in a policy: one rule for pages, catalogue and exports."""

from __future__ import annotations

from . import models
from .vocabulary import Confirmation


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


def confirmation(offer: models.Offer) -> Confirmation:
    """How far the offer is confirmed.

    CONFIRMED ('bekraeftet') when `last_verified` is set, POLICY_ONLY ('politik') when `named_in_policy_only`,
    else UNCONFIRMED ('ikke-bekraeftet').
    """
    if offer.last_verified is not None:
        return Confirmation.CONFIRMED
    return Confirmation.POLICY_ONLY if named_in_policy_only(offer) else Confirmation.UNCONFIRMED


def confirmation_rank(offer: models.Offer) -> int:
    """0, 1 or 2: the position of the offer's confirmation in Confirmation (confirmed offers are listed first)."""
    return list(Confirmation).index(confirmation(offer))
