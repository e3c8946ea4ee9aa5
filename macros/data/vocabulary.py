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
    Term(
        "beskaeftigelse",
        "Beskæftigelse og uddannelse",
        "Arbejde, uddannelse, praktik, frivilligt arbejde og en meningsfuld hverdag.",
    ),
    Term("sundhed", "Sundhed", "Fysisk og mental sundhed, ulighed i sundhed og adgang til behandling."),
    Term("misbrug", "Misbrug", "Afhængighed af alkohol, hash, stoffer, medicin eller spil, og behandling af den."),
    Term(
        "psykiatri",
        "Psykiatri og sindslidelse",
        "Psykiske vanskeligheder, sindslidelse og samarbejdet med psykiatrien.",
    ),
    Term(
        "faellesskab",
        "Fællesskab og netværk",
        "Relationer, netværk, ensomhed og social isolation, deltagelse i fællesskaber og civilsamfund.",
    ),
    Term("paaroerende", "Pårørende", "Pårørende som ressource og pårørendes egne behov for støtte."),
    Term(
        "recovery",
        "Recovery og rehabilitering",
        "Borgerens egen proces mod et meningsfuldt liv, mestring, ressourcer, håb og drømme.",
    ),
    Term(
        "forebyggelse",
        "Forebyggelse og tidlig indsats",
        "At forebygge udsathed, handle tidligt og give den mindst indgribende hjælp, der virker.",
    ),
    Term(
        "samarbejde",
        "Samarbejde og koordination",
        "Sammenhængende, helhedsorienterede indsatser på tværs af forvaltninger, sektorer og aktører.",
    ),
    Term(
        "medinddragelse",
        "Medinddragelse og selvbestemmelse",
        "Borgeren som ekspert i eget liv: indflydelse, egne valg, dialog og respekt.",
    ),
    Term(
        "faglighed",
        "Faglighed og metoder",
        "Faglig kvalitet, kompetencer, metoder der virker, opfølgning og økonomisk styring.",
    ),
    Term("unge", "Unge", "Unge i eller i risiko for udsathed, og overgangen fra ung til voksen."),
)

POLICY_KINDS = _table(
    Term("politik", "Politik", "En politisk vedtaget politik for området."),
    Term("strategi", "Strategi", "En strategi, der sætter retning for området."),
)

MONTHS_DA = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)

# --- Offers ------------------------------------------------------------------------------------

OFFER_STATUSES = _table(
    Term("aktiv", "Aktiv", "Tilbuddet er åbent og tager imod borgere."),
    Term("midlertidigt-lukket", "Midlertidigt lukket", "Tilbuddet er lukket i en periode; se bemærkningen."),
    Term("lukket", "Lukket", "Tilbuddet findes ikke længere. Siden bevares, så gamle links virker."),
)

# An offer without `status`: no editor has said whether it is open, so no page or export claims it is.
UNKNOWN_STATUS = Term(
    "ukendt", "Ukendt – ikke bekræftet", "Ingen har bekræftet, om tilbuddet er åbent og tager imod borgere."
)

OFFER_KINDS = _table(
    Term(
        "ambulant", "Ambulant", "Støtte eller behandling, hvor borgeren kommer og går, eller hvor støtten kommer hjem."
    ),
    Term("dag", "Dagtilbud", "Et sted at være og få støtte i dagtimerne."),
    Term(
        "bo",
        "Botilbud og bolig",
        "Et sted at bo: botilbud, herberg, krisecenter, skæve boliger, egen bolig med støtte.",
    ),
    Term(
        "raadgivning", "Rådgivning", "Rådgivning og vejledning, fx om rettigheder, økonomi eller digital kommunikation."
    ),
    Term("behandling", "Behandling", "Behandling af misbrug, psykisk eller fysisk sygdom."),
    Term("beskaeftigelse", "Beskæftigelse", "Arbejde, praktik, mentor, beskyttet beskæftigelse og frivilligt arbejde."),
    Term("samvaer", "Samvær og fællesskab", "Aktivitets- og samværstilbud, væresteder, netværk og fællesskaber."),
    Term("opsoegende", "Opsøgende", "Medarbejdere, der opsøger borgeren der, hvor borgeren er."),
)

# How far an offer's information is confirmed (macros/data/confirmation.py decides which applies), in the
# order the catalogue lists them: confirmed offers first, offers only named in a policy last.
CONFIRMATIONS = _table(
    Term(
        "bekraeftet",
        "Bekræftet som tilbud",
        "Redaktionen har bekræftet oplysningerne hos tilbuddet eller kommunen (feltet last_verified).",
    ),
    Term(
        "ikke-bekraeftet",
        "Ikke bekræftet",
        "Oplysningerne er ikke bekræftet hos tilbuddet eller kommunen, men stammer ikke kun fra en politik.",
    ),
    Term(
        "politik",
        "Nævnt i en politik – ikke bekræftet som tilbud",
        "Tilbuddet er kun nævnt i en politik eller strategi. Det er ikke bekræftet, at det findes som et "
        "tilbud, man kan henvende sig til, eller hvordan man får det.",
    ),
)

ACCESS = _table(
    Term("visiteret", "Kræver visitation", "Kommunen træffer en afgørelse, før borgeren kan få tilbuddet."),
    Term("uden-visitation", "Uden visitation", "Borgeren kan selv henvende sig; der kræves ingen afgørelse."),
    Term("anonym", "Anonymt", "Borgeren kan bruge tilbuddet uden at oplyse navn eller CPR-nummer."),
    Term("opsoegende", "Opsøgende", "Tilbuddet kommer til borgeren; man kan henvise eller give besked."),
)

# How a citizen gets access under a legal basis (LegalBasis.access): the law's general rule, not an offer's own.
LEGAL_ACCESS_KINDS = _table(
    Term(
        "selvhenvendelse",
        "Selvhenvendelse",
        "Borgeren kan selv henvende sig, fx møde op; der kræves ingen afgørelse først.",
    ),
    Term("visitation", "Afgørelse fra kommunen", "Kommunen træffer en afgørelse, før borgeren får hjælpen."),
    Term("anonym", "Anonymt", "Borgeren kan få hjælpen uden at oplyse navn eller CPR-nummer."),
    Term(
        "behandlingsgaranti",
        "Behandlingsgaranti",
        "Loven giver en frist: hjælpen skal begynde inden et bestemt antal dage efter henvendelsen.",
    ),
)

# What a sourced fact on an offer or a contact (SourcedFact.topic) is about; the page shows it in that section.
FACT_TOPICS = _table(
    Term("adgang", "Adgang", "Hvordan borgeren får adgang: henvendelse, visitation, frister."),
    Term("maalgruppe", "Målgruppe", "Hvem tilbuddet er for, og på hvilke betingelser."),
    Term("aabningstider", "Åbningstider", "Hvornår man kan komme eller ringe."),
    Term("pris", "Pris", "Hvad det koster for borgeren."),
    Term("andet", "Andet", "Andre oplysninger om tilbuddet eller kontakten."),
)

# Social problems, close to KL's Fælles Faglige Begreber for the adult area.
PROBLEMS = _table(
    Term("hjemloeshed", "Hjemløshed", "Borgeren har ingen egen bolig og bor på gaden, på herberg eller hos andre."),
    Term("stofmisbrug", "Stofmisbrug", "Brug af euforiserende stoffer, der skader borgerens liv."),
    Term("alkoholmisbrug", "Alkoholmisbrug", "Brug af alkohol, der skader borgerens liv."),
    Term("sindslidelse", "Sindslidelse", "Psykiske vanskeligheder eller en psykisk sygdom."),
    Term("ensomhed", "Ensomhed og social isolation", "Ufrivillig ensomhed, et spinkelt eller intet netværk."),
    Term("vold", "Vold i nære relationer", "Fysisk eller psykisk vold fra en partner eller et familiemedlem."),
    Term("prostitution", "Prostitution", "Salg af seksuelle ydelser."),
    Term("kriminalitet", "Kriminalitet", "Kriminalitet, dom eller løsladelse."),
    Term("fattigdom", "Fattigdom", "Lav indkomst og økonomiske problemer."),
    Term("ledighed", "Ledighed", "Ingen tilknytning til arbejdsmarkedet eller uddannelse."),
    Term("sundhed", "Dårligt helbred", "Fysisk sygdom og dårligt helbred, ulighed i sundhed."),
    Term("dobbeltdiagnose", "Dobbeltdiagnose", "Psykiske vanskeligheder og samtidigt misbrug."),
)

TARGET_GROUPS = _table(
    Term("voksne", "Voksne", "Voksne i udsatte positioner, typisk fra 18 år."),
    Term("unge", "Unge", "Unge i eller i risiko for udsathed, typisk 16-25 år."),
    Term("kvinder", "Kvinder", "Tilbud særligt for kvinder."),
    Term("maend", "Mænd", "Tilbud særligt for mænd."),
    Term("paaroerende", "Pårørende", "Familie, venner og netværk omkring en borger i en udsat position."),
)

LANGUAGES = _table(
    Term("da", "Dansk", "Dansk."),
    Term("en", "Engelsk", "Engelsk."),
    Term("de", "Tysk", "Tysk."),
    Term("ar", "Arabisk", "Arabisk."),
    Term("tr", "Tyrkisk", "Tyrkisk."),
    Term("so", "Somali", "Somali."),
    Term("uk", "Ukrainsk", "Ukrainsk."),
    Term("pl", "Polsk", "Polsk."),
    Term("ro", "Rumænsk", "Rumænsk."),
    Term("fa", "Persisk", "Persisk (farsi)."),
    Term("ur", "Urdu", "Urdu."),
    Term("sv", "Svensk", "Svensk."),
)

CONTACT_KINDS = _table(
    Term("organisation", "Organisation", "En selvstændig organisation: kommune, region, politi, forening."),
    Term("enhed", "Enhed", "En afdeling eller et center i en organisation."),
    Term("rolle", "Rolle", "En funktion, fx en socialsygeplejerske eller en boligsocial medarbejder."),
    Term("raad", "Råd", "Et råd, fx et udsatteråd."),
    Term("udvalg", "Politisk udvalg", "Et politisk udvalg i en kommune eller region, fx et socialudvalg."),
)

# Where a contact or an offer works: the municipalities it serves, a region, or the whole country.
SERVICE_AREA_KINDS = _table(
    Term("kommuner", "Bestemte kommuner", "Kontakten eller tilbuddet dækker de kommuner, der står i listen."),
    Term("region", "En region", "Kontakten eller tilbuddet dækker alle kommuner i regionen."),
    Term("hele-landet", "Hele landet", "Kontakten eller tilbuddet dækker alle kommuner i Danmark."),
)

# The five Danish regions, written as they name themselves; a municipality's region is one of them.
REGIONS = ("Region Hovedstaden", "Region Sjælland", "Region Syddanmark", "Region Midtjylland", "Region Nordjylland")

# How much of a source document a policy on the site reproduces (SourceDocument.transcription).
TRANSCRIPTIONS = _table(
    Term("hele", "Hele dokumentet", "Siden gengiver hele dokumentet i dets egne ord."),
    Term("delvist", "Dele af dokumentet", "Siden gengiver kun dele af dokumentet; det, der mangler, er beskrevet."),
    Term("uddrag", "Uddrag", "Siden gengiver kun et uddrag af dokumentet; resten er ikke gengivet."),
)

# The part a contact had in writing a policy (Policy.prepared_by).
AUTHOR_ROLES = _table(
    Term("forfatter", "Forfatter", "Har skrevet politikken."),
    Term("medforfatter", "Medforfatter", "Har skrevet politikken sammen med forfatteren."),
    Term("samarbejde", "Udarbejdet i samarbejde med", "Har været med til at udarbejde politikken."),
)

# The ages a policy's target group covers (TargetGroup.age_scope), youngest first.
AGE_GROUPS = _table(
    Term("boern", "Børn", "Børn under 15 år."),
    Term("unge", "Unge", "Unge, typisk 15-25 år, og overgangen fra ung til voksen."),
    Term("voksne", "Voksne", "Voksne, typisk fra 18 år."),
)

SECTORS = _table(
    Term("kommune", "Kommune", "En kommune eller en kommunal enhed."),
    Term("region", "Region", "En region eller en regional enhed, fx psykiatrien."),
    Term("politi", "Politi", "Politiet."),
    Term("stat", "Stat", "En statslig myndighed, fx Kriminalforsorgen."),
    Term("bolig", "Boligorganisation", "En boligforening eller en boligsocial indsats."),
    Term("civilsamfund", "Civilsamfund", "Foreninger, frivillige og brugerorganisationer."),
    Term("sundhed", "Sundhedsvæsen", "Praktiserende læger, hospitaler og andre sundhedsaktører."),
)

PHONE_KINDS = _table(
    Term("hovednummer", "Hovednummer", "Det almindelige nummer."),
    Term("doegnvagt", "Døgnvagt", "Et nummer, der er åbent hele døgnet."),
    Term("direkte", "Direkte nummer", "Et direkte nummer til en funktion."),
    Term("sms", "SMS", "Et nummer, der kan modtage sms."),
)

WEEKDAYS = _table(
    Term("mandag", "Mandag", "MO"),
    Term("tirsdag", "Tirsdag", "TU"),
    Term("onsdag", "Onsdag", "WE"),
    Term("torsdag", "Torsdag", "TH"),
    Term("fredag", "Fredag", "FR"),
    Term("loerdag", "Lørdag", "SA"),
    Term("soendag", "Søndag", "SU"),
)
