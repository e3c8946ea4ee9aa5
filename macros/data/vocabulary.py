"""Fixed vocabularies shared by the models, the site and the exports: ids, Danish labels, meanings.

Each vocabulary is one `enum.StrEnum`, written in one place: a `Vocabulary`, whose members carry their id (the
value the editors write in YAML), Danish label and meaning, or a `Choice` of values alone (`Region`). Code names a
value as `OfferStatus.ACTIVE`, never as the bare text 'aktiv'; the models hold the members. A member is a `str`
equal to its id: it compares, hashes, sorts, formats and serialises (JSON, CSV, f-strings, templates) exactly as
the id. The tables in CAPITALS (`THEMES`: id → Term) are made from the enums, for the pages and exports that look a
label up by id.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Self

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic_core import core_schema


class Choice(StrEnum):
    """A fixed set of values a field may take; the values are what the editors write.

    As a pydantic field type it validates like the Literal of its values (the error type is `enum`, with the
    value as typed), and its JSON Schema is the list of values in place (`{"enum": [...], "type": "string"}`),
    not a definition elsewhere in the schema: the editors' schemas stay as they were, with no English name
    or docstring in them.
    """

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.enum_schema(cls, list(cls), sub_type="str")

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: GetJsonSchemaHandler) -> dict[str, Any]:
        return {"enum": [member.value for member in cls], "type": "string"}


class Vocabulary(Choice):
    """A controlled vocabulary: each member is written `NAME = id, Danish label, what it means`."""

    _value_: str
    label: str
    description: str

    def __new__(cls, value: str, label: str = "", description: str = "") -> Self:
        """A member from its definition `id, label, description`; raises TypeError if the label or meaning is missing.

        Only the class definition calls this: `Theme('bolig')` is Enum's lookup of the member by id (ValueError for
        an unknown id), and the defaults are there so that the type checker accepts that lookup.
        """
        if not label or not description:
            raise TypeError(f"{cls.__name__} {value!r}: a vocabulary member needs an id, a label and a description")
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        member.description = description
        return member


@dataclass(frozen=True)
class Term:
    """One entry of a controlled vocabulary: a stable id, a Danish label and what it means."""

    id: str
    label: str
    description: str


def table(vocabulary: type[Vocabulary]) -> dict[str, Term]:
    """Id → Term of every member of `vocabulary`, in its order."""
    return {member.value: Term(member.value, member.label, member.description) for member in vocabulary}


class Theme(Vocabulary):
    """Cross-municipality themes that focus areas are tagged with (FocusArea.themes).

    They make the policies comparable: the same theme on two municipalities' focus areas means both address
    the same subject.
    """

    HOUSING = "bolig", "Bolig", "At have et sted at bo: hjemløshed, Housing First, bostøtte, boligsociale indsatser."
    EMPLOYMENT = (
        "beskaeftigelse",
        "Beskæftigelse og uddannelse",
        "Arbejde, uddannelse, praktik, frivilligt arbejde og en meningsfuld hverdag.",
    )
    HEALTH = "sundhed", "Sundhed", "Fysisk og mental sundhed, ulighed i sundhed og adgang til behandling."
    ADDICTION = "misbrug", "Misbrug", "Afhængighed af alkohol, hash, stoffer, medicin eller spil, og behandling af den."
    MENTAL_HEALTH = (
        "psykiatri",
        "Psykiatri og sindslidelse",
        "Psykiske vanskeligheder, sindslidelse og samarbejdet med psykiatrien.",
    )
    COMMUNITY = (
        "faellesskab",
        "Fællesskab og netværk",
        "Relationer, netværk, ensomhed og social isolation, deltagelse i fællesskaber og civilsamfund.",
    )
    RELATIVES = "paaroerende", "Pårørende", "Pårørende som ressource og pårørendes egne behov for støtte."
    RECOVERY = (
        "recovery",
        "Recovery og rehabilitering",
        "Borgerens egen proces mod et meningsfuldt liv, mestring, ressourcer, håb og drømme.",
    )
    PREVENTION = (
        "forebyggelse",
        "Forebyggelse og tidlig indsats",
        "At forebygge udsathed, handle tidligt og give den mindst indgribende hjælp, der virker.",
    )
    COORDINATION = (
        "samarbejde",
        "Samarbejde og koordination",
        "Sammenhængende, helhedsorienterede indsatser på tværs af forvaltninger, sektorer og aktører.",
    )
    PARTICIPATION = (
        "medinddragelse",
        "Medinddragelse og selvbestemmelse",
        "Borgeren som ekspert i eget liv: indflydelse, egne valg, dialog og respekt.",
    )
    PROFESSIONALISM = (
        "faglighed",
        "Faglighed og metoder",
        "Faglig kvalitet, kompetencer, metoder der virker, opfølgning og økonomisk styring.",
    )
    YOUTH = "unge", "Unge", "Unge i eller i risiko for udsathed, og overgangen fra ung til voksen."


THEMES = table(Theme)


class PolicyKind(Vocabulary):
    """What kind of document a policy is (Policy.kind)."""

    POLICY = "politik", "Politik", "En politisk vedtaget politik for området."
    STRATEGY = "strategi", "Strategi", "En strategi, der sætter retning for området."


POLICY_KINDS = table(PolicyKind)

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


class OfferStatus(Vocabulary):
    """Whether an offer is open (Offer.status); an offer without a status is UNKNOWN_STATUS."""

    ACTIVE = "aktiv", "Aktiv", "Tilbuddet er åbent og tager imod borgere."
    TEMPORARILY_CLOSED = (
        "midlertidigt-lukket",
        "Midlertidigt lukket",
        "Tilbuddet er lukket i en periode; se bemærkningen.",
    )
    CLOSED = "lukket", "Lukket", "Tilbuddet findes ikke længere. Siden bevares, så gamle links virker."


OFFER_STATUSES = table(OfferStatus)

# An offer without `status`: no editor has said whether it is open, so no page or export claims it is.
UNKNOWN_STATUS = Term(
    "ukendt", "Ukendt – ikke bekræftet", "Ingen har bekræftet, om tilbuddet er åbent og tager imod borgere."
)


class OfferKind(Vocabulary):
    """What kind of help an offer gives (Offer.kinds)."""

    OUTPATIENT = (
        "ambulant",
        "Ambulant",
        "Støtte eller behandling, hvor borgeren kommer og går, eller hvor støtten kommer hjem.",
    )
    DAY_CARE = "dag", "Dagtilbud", "Et sted at være og få støtte i dagtimerne."
    RESIDENTIAL = (
        "bo",
        "Botilbud og bolig",
        "Et sted at bo: botilbud, herberg, krisecenter, skæve boliger, egen bolig med støtte.",
    )
    COUNSELLING = (
        "raadgivning",
        "Rådgivning",
        "Rådgivning og vejledning, fx om rettigheder, økonomi eller digital kommunikation.",
    )
    TREATMENT = "behandling", "Behandling", "Behandling af misbrug, psykisk eller fysisk sygdom."
    EMPLOYMENT = (
        "beskaeftigelse",
        "Beskæftigelse",
        "Arbejde, praktik, mentor, beskyttet beskæftigelse og frivilligt arbejde.",
    )
    COMMUNITY = "samvaer", "Samvær og fællesskab", "Aktivitets- og samværstilbud, væresteder, netværk og fællesskaber."
    OUTREACH = "opsoegende", "Opsøgende", "Medarbejdere, der opsøger borgeren der, hvor borgeren er."


OFFER_KINDS = table(OfferKind)


class Confirmation(Vocabulary):
    """How far an offer's information is confirmed (macros/data/confirmation.py decides which applies).

    In the order the catalogue lists them: confirmed offers first, offers only named in a policy last.
    """

    CONFIRMED = (
        "bekraeftet",
        "Bekræftet som tilbud",
        "Redaktionen har bekræftet oplysningerne hos tilbuddet eller kommunen (feltet last_verified).",
    )
    UNCONFIRMED = (
        "ikke-bekraeftet",
        "Ikke bekræftet",
        "Oplysningerne er ikke bekræftet hos tilbuddet eller kommunen, men stammer ikke kun fra en politik.",
    )
    POLICY_ONLY = (
        "politik",
        "Nævnt i en politik – ikke bekræftet som tilbud",
        "Tilbuddet er kun nævnt i en politik eller strategi. Det er ikke bekræftet, at det findes som et "
        "tilbud, man kan henvende sig til, eller hvordan man får det.",
    )


CONFIRMATIONS = table(Confirmation)


class Access(Vocabulary):
    """How a citizen gets access to an offer (Offer.access)."""

    ASSESSED = "visiteret", "Kræver visitation", "Kommunen træffer en afgørelse, før borgeren kan få tilbuddet."
    SELF_REFERRAL = "uden-visitation", "Uden visitation", "Borgeren kan selv henvende sig; der kræves ingen afgørelse."
    ANONYMOUS = "anonym", "Anonymt", "Borgeren kan bruge tilbuddet uden at oplyse navn eller CPR-nummer."
    OUTREACH = "opsoegende", "Opsøgende", "Tilbuddet kommer til borgeren; man kan henvise eller give besked."


ACCESS = table(Access)


class LegalAccessKind(Vocabulary):
    """How a citizen gets access under a legal basis (LegalAccess.kind): the law's rule, not an offer's."""

    SELF_REFERRAL = (
        "selvhenvendelse",
        "Selvhenvendelse",
        "Borgeren kan selv henvende sig, fx møde op; der kræves ingen afgørelse først.",
    )
    ASSESSMENT = "visitation", "Afgørelse fra kommunen", "Kommunen træffer en afgørelse, før borgeren får hjælpen."
    ANONYMOUS = "anonym", "Anonymt", "Borgeren kan få hjælpen uden at oplyse navn eller CPR-nummer."
    TREATMENT_GUARANTEE = (
        "behandlingsgaranti",
        "Behandlingsgaranti",
        "Loven giver en frist: hjælpen skal begynde inden et bestemt antal dage efter henvendelsen.",
    )


LEGAL_ACCESS_KINDS = table(LegalAccessKind)


class FactTopic(Vocabulary):
    """What a sourced fact on an offer or a contact is about (SourcedFact.topic); the page's section for it."""

    ACCESS = "adgang", "Adgang", "Hvordan borgeren får adgang: henvendelse, visitation, frister."
    TARGET_GROUP = "maalgruppe", "Målgruppe", "Hvem tilbuddet er for, og på hvilke betingelser."
    OPENING_HOURS = "aabningstider", "Åbningstider", "Hvornår man kan komme eller ringe."
    PRICE = "pris", "Pris", "Hvad det koster for borgeren."
    OTHER = "andet", "Andet", "Andre oplysninger om tilbuddet eller kontakten."


FACT_TOPICS = table(FactTopic)


class SocialProblem(Vocabulary):
    """Social problems an offer helps with (Offer.problems), close to KL's Fælles Faglige Begreber (adults)."""

    HOMELESSNESS = (
        "hjemloeshed",
        "Hjemløshed",
        "Borgeren har ingen egen bolig og bor på gaden, på herberg eller hos andre.",
    )
    DRUG_ABUSE = "stofmisbrug", "Stofmisbrug", "Brug af euforiserende stoffer, der skader borgerens liv."
    ALCOHOL_ABUSE = "alkoholmisbrug", "Alkoholmisbrug", "Brug af alkohol, der skader borgerens liv."
    MENTAL_ILLNESS = "sindslidelse", "Sindslidelse", "Psykiske vanskeligheder eller en psykisk sygdom."
    LONELINESS = "ensomhed", "Ensomhed og social isolation", "Ufrivillig ensomhed, et spinkelt eller intet netværk."
    DOMESTIC_VIOLENCE = (
        "vold",
        "Vold i nære relationer",
        "Fysisk eller psykisk vold fra en partner eller et familiemedlem.",
    )
    PROSTITUTION = "prostitution", "Prostitution", "Salg af seksuelle ydelser."
    CRIME = "kriminalitet", "Kriminalitet", "Kriminalitet, dom eller løsladelse."
    POVERTY = "fattigdom", "Fattigdom", "Lav indkomst og økonomiske problemer."
    UNEMPLOYMENT = "ledighed", "Ledighed", "Ingen tilknytning til arbejdsmarkedet eller uddannelse."
    POOR_HEALTH = "sundhed", "Dårligt helbred", "Fysisk sygdom og dårligt helbred, ulighed i sundhed."
    DUAL_DIAGNOSIS = "dobbeltdiagnose", "Dobbeltdiagnose", "Psykiske vanskeligheder og samtidigt misbrug."


PROBLEMS = table(SocialProblem)


class OfferTargetGroup(Vocabulary):
    """Whom an offer is for (Offer.target_groups)."""

    ADULTS = "voksne", "Voksne", "Voksne i udsatte positioner, typisk fra 18 år."
    YOUNG_PEOPLE = "unge", "Unge", "Unge i eller i risiko for udsathed, typisk 16-25 år."
    WOMEN = "kvinder", "Kvinder", "Tilbud særligt for kvinder."
    MEN = "maend", "Mænd", "Tilbud særligt for mænd."
    RELATIVES = "paaroerende", "Pårørende", "Familie, venner og netværk omkring en borger i en udsat position."


TARGET_GROUPS = table(OfferTargetGroup)


class Language(Vocabulary):
    """Languages an offer is given in without an interpreter (Offer.languages), by ISO 639-1 code."""

    DANISH = "da", "Dansk", "Dansk."
    ENGLISH = "en", "Engelsk", "Engelsk."
    GERMAN = "de", "Tysk", "Tysk."
    ARABIC = "ar", "Arabisk", "Arabisk."
    TURKISH = "tr", "Tyrkisk", "Tyrkisk."
    SOMALI = "so", "Somali", "Somali."
    UKRAINIAN = "uk", "Ukrainsk", "Ukrainsk."
    POLISH = "pl", "Polsk", "Polsk."
    ROMANIAN = "ro", "Rumænsk", "Rumænsk."
    PERSIAN = "fa", "Persisk", "Persisk (farsi)."
    URDU = "ur", "Urdu", "Urdu."
    SWEDISH = "sv", "Svensk", "Svensk."


LANGUAGES = table(Language)


class ContactKind(Vocabulary):
    """What kind of actor a contact is within its organisation (Contact.kind)."""

    ORGANISATION = "organisation", "Organisation", "En selvstændig organisation: kommune, region, politi, forening."
    UNIT = "enhed", "Enhed", "En afdeling eller et center i en organisation."
    ROLE = "rolle", "Rolle", "En funktion, fx en socialsygeplejerske eller en boligsocial medarbejder."
    COUNCIL = "raad", "Råd", "Et råd, fx et udsatteråd."
    COMMITTEE = "udvalg", "Politisk udvalg", "Et politisk udvalg i en kommune eller region, fx et socialudvalg."


CONTACT_KINDS = table(ContactKind)


class ServiceAreaKind(Vocabulary):
    """Where a contact or an offer works (ServiceArea.kind): listed municipalities, a region or all Denmark."""

    MUNICIPALITIES = "kommuner", "Bestemte kommuner", "Kontakten eller tilbuddet dækker de kommuner, der står i listen."
    REGION = "region", "En region", "Kontakten eller tilbuddet dækker alle kommuner i regionen."
    NATIONWIDE = "hele-landet", "Hele landet", "Kontakten eller tilbuddet dækker alle kommuner i Danmark."


SERVICE_AREA_KINDS = table(ServiceAreaKind)


class Region(Choice):
    """The five Danish regions, written as they name themselves; a municipality's region is one of them."""

    CAPITAL = "Region Hovedstaden"
    ZEALAND = "Region Sjælland"
    SOUTHERN_DENMARK = "Region Syddanmark"
    CENTRAL_DENMARK = "Region Midtjylland"
    NORTH_DENMARK = "Region Nordjylland"


REGIONS = tuple(Region)


class Transcription(Vocabulary):
    """How much of a source document a policy on the site reproduces (SourceDocument.transcription)."""

    WHOLE = "hele", "Hele dokumentet", "Siden gengiver hele dokumentet i dets egne ord."
    PARTIAL = "delvist", "Dele af dokumentet", "Siden gengiver kun dele af dokumentet; det, der mangler, er beskrevet."
    EXCERPT = "uddrag", "Uddrag", "Siden gengiver kun et uddrag af dokumentet; resten er ikke gengivet."


TRANSCRIPTIONS = table(Transcription)


class AuthorRole(Vocabulary):
    """The part a contact had in writing a policy (Author.role)."""

    AUTHOR = "forfatter", "Forfatter", "Har skrevet politikken."
    CO_AUTHOR = "medforfatter", "Medforfatter", "Har skrevet politikken sammen med forfatteren."
    COLLABORATOR = "samarbejde", "Udarbejdet i samarbejde med", "Har været med til at udarbejde politikken."


AUTHOR_ROLES = table(AuthorRole)


class AgeGroup(Vocabulary):
    """The ages a policy's target group covers (TargetGroup.age_scope), youngest first."""

    CHILDREN = "boern", "Børn", "Børn under 15 år."
    YOUNG_PEOPLE = "unge", "Unge", "Unge, typisk 15-25 år, og overgangen fra ung til voksen."
    ADULTS = "voksne", "Voksne", "Voksne, typisk fra 18 år."


AGE_GROUPS = table(AgeGroup)


class Sector(Vocabulary):
    """What kind of actor a contact is (Contact.sector)."""

    MUNICIPALITY = "kommune", "Kommune", "En kommune eller en kommunal enhed."
    REGION = "region", "Region", "En region eller en regional enhed, fx psykiatrien."
    POLICE = "politi", "Politi", "Politiet."
    STATE = "stat", "Stat", "En statslig myndighed, fx Kriminalforsorgen."
    HOUSING = "bolig", "Boligorganisation", "En boligforening eller en boligsocial indsats."
    CIVIL_SOCIETY = "civilsamfund", "Civilsamfund", "Foreninger, frivillige og brugerorganisationer."
    HEALTH = "sundhed", "Sundhedsvæsen", "Praktiserende læger, hospitaler og andre sundhedsaktører."


SECTORS = table(Sector)


class PhoneKind(Vocabulary):
    """What kind of number a phone number is (Phone.kind)."""

    MAIN = "hovednummer", "Hovednummer", "Det almindelige nummer."
    ROUND_THE_CLOCK = "doegnvagt", "Døgnvagt", "Et nummer, der er åbent hele døgnet."
    DIRECT = "direkte", "Direkte nummer", "Et direkte nummer til en funktion."
    SMS = "sms", "SMS", "Et nummer, der kan modtage sms."


PHONE_KINDS = table(PhoneKind)


class Weekday(Vocabulary):
    """The days of opening hours (OpeningHours.days).

    A day's `description` is its iCalendar code (RFC 5545 BYDAY), which the open data's schedules use.
    """

    MONDAY = "mandag", "Mandag", "MO"
    TUESDAY = "tirsdag", "Tirsdag", "TU"
    WEDNESDAY = "onsdag", "Onsdag", "WE"
    THURSDAY = "torsdag", "Torsdag", "TH"
    FRIDAY = "fredag", "Fredag", "FR"
    SATURDAY = "loerdag", "Lørdag", "SA"
    SUNDAY = "soendag", "Søndag", "SU"


WEEKDAYS = table(Weekday)


# --- About the site ----------------------------------------------------------------------------


class Compliance(Choice):
    """How far the site complies with WCAG 2.1 AA (AccessibilityStatement.status)."""

    COMPLIANT = "overholder"
    PARTIALLY_COMPLIANT = "overholder-delvist"
    NOT_COMPLIANT = "overholder-ikke"
