"""Fixed vocabularies shared by the models, the site and the exports: ids, Danish labels, meanings."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    """One entry of a controlled vocabulary: a stable id, a Danish label and what it means."""

    id: str
    label: str
    description: str


def _table(*terms: Term) -> dict[str, Term]:
    return {t.id: t for t in terms}


# Cross-municipality themes that focus areas are tagged with. They make the policies comparable:
# the same theme on two municipalities' focus areas means both address the same subject.
THEMES = _table(
    Term("bolig", "Bolig", "At have et sted at bo: hjemløshed, Housing First, bostøtte, boligsociale indsatser."),
    Term("beskaeftigelse", "Beskæftigelse og uddannelse",
         "Arbejde, uddannelse, praktik, frivilligt arbejde og en meningsfuld hverdag."),
    Term("sundhed", "Sundhed", "Fysisk og mental sundhed, ulighed i sundhed og adgang til behandling."),
    Term("misbrug", "Misbrug", "Afhængighed af alkohol, hash, stoffer, medicin eller spil, og behandling af den."),
    Term("psykiatri", "Psykiatri og sindslidelse", "Psykiske vanskeligheder, sindslidelse og samarbejdet med psykiatrien."),
    Term("faellesskab", "Fællesskab og netværk",
         "Relationer, netværk, ensomhed og social isolation, deltagelse i fællesskaber og civilsamfund."),
    Term("paaroerende", "Pårørende", "Pårørende som ressource og pårørendes egne behov for støtte."),
    Term("recovery", "Recovery og rehabilitering",
         "Borgerens egen proces mod et meningsfuldt liv, mestring, ressourcer, håb og drømme."),
    Term("forebyggelse", "Forebyggelse og tidlig indsats",
         "At forebygge udsathed, handle tidligt og give den mindst indgribende hjælp, der virker."),
    Term("samarbejde", "Samarbejde og koordination",
         "Sammenhængende, helhedsorienterede indsatser på tværs af forvaltninger, sektorer og aktører."),
    Term("medinddragelse", "Medinddragelse og selvbestemmelse",
         "Borgeren som ekspert i eget liv: indflydelse, egne valg, dialog og respekt."),
    Term("faglighed", "Faglighed og metoder",
         "Faglig kvalitet, kompetencer, metoder der virker, opfølgning og økonomisk styring."),
    Term("unge", "Unge", "Unge i eller i risiko for udsathed, og overgangen fra ung til voksen."),
)

POLICY_KINDS = _table(
    Term("politik", "Politik", "En politisk vedtaget politik for området."),
    Term("strategi", "Strategi", "En strategi, der sætter retning for området."),
)

MONTHS_DA = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
             "oktober", "november", "december")
