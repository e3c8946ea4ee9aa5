"""Every sentence the site says about how much of a policy it reproduces, derived from `source.transcription`.

No page, macro or export states that a policy is reproduced in full on its own: they ask here, so that a
policy transcribed from an incomplete copy is never presented as whole (see SourceDocument in models.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from . import models
from .vocabulary import TRANSCRIPTIONS, Transcription


def is_whole(policy: models.Policy) -> bool:
    """True if the page reproduces the whole document."""
    return policy.source.transcription == Transcription.WHOLE


def label(policy: models.Policy) -> str:
    """'Hele dokumentet', 'Dele af dokumentet' or 'Uddrag'."""
    return TRANSCRIPTIONS[policy.source.transcription].label


def page_statement(policy: models.Policy) -> str:
    """The first sentence of 'Om gengivelsen' on the policy page (plain text; the title is quoted)."""
    source = policy.source
    what = {
        Transcription.WHOLE: "hele dokumentet",
        Transcription.PARTIAL: "kun dele af dokumentet",
        Transcription.EXCERPT: "kun et uddrag af dokumentet",
    }
    return (
        f"Siden gengiver {what[source.transcription]} »{source.title}«, udgivet af {source.publisher}, "
        "i dokumentets egne ord."
    )


def missing_statement(policy: models.Policy) -> str | None:
    """'Det mangler: …' for a policy that is not reproduced whole, else None."""
    if is_whole(policy):
        return None
    return f"Det mangler i gengivelsen: {policy.source.missing_note}"


@dataclass(frozen=True)
class Claims:
    """What the hand-written pages and the open data may say about all policies together."""

    whole: int
    total: int
    sentence: str  # for the policy index: 'Hver side gengiver hele dokumentet i dets egne ord.'
    phrase: str  # after 'fra Ballerup og Egedal' on the front page: 'i deres fulde ordlyd'
    data: str  # the open-data description of politikker.json
    method: str  # for the about page: how each policy is written


def claims(policies: Iterable[models.Policy]) -> Claims:
    """The claims of completeness that hold for `policies` (whole ones counted, the others named as partial)."""
    policies = list(policies)
    total, whole = len(policies), sum(is_whole(p) for p in policies)
    if whole == total:
        return Claims(
            whole,
            total,
            sentence="Hver side gengiver hele dokumentet i dets egne ord.",
            phrase="i deres fulde ordlyd",
            data="Alle politikker og strategier, fuldstændige og ordrette.",
            method="Hver politik er skrevet af efter kommunens eget dokument, fuldstændigt og i dokumentets egne ord.",
        )
    partial = total - whole
    return Claims(
        whole,
        total,
        sentence=f"{whole} af {total} sider gengiver hele dokumentet i dets egne ord. "
        + (
            "Én side gengiver kun dele af sit dokument"
            if partial == 1
            else f"De øvrige {partial} gengiver kun dele af deres dokument"
        )
        + "; de er markeret i oversigten, og siden siger selv, hvad der mangler, og hvorfor.",
        phrase=f"i deres egne ord – {whole} af dem i fuld ordlyd, {partial} kun delvist",
        data=f"Alle politikker og strategier, ordrette; {whole} af {total} er gengivet fuldstændigt, og feltet "
        "source.transcription siger for hver, hvor meget der er gengivet, og source.missing_note, hvad der "
        "mangler.",
        method=f"Hver politik er skrevet af efter kommunens eget dokument i dokumentets egne ord. {whole} af {total} "
        "er gengivet fuldstændigt; for de øvrige står der øverst på siden, hvad der mangler, og hvorfor.",
    )
