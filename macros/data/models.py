"""The schema of the site's data: pydantic models for municipalities, policies, offers and contacts.

The models are the single source of truth: the loader validates YAML against them, the site renders
them, and (later) the JSON Schemas and the editor's field reference are generated from them. Every
field therefore carries a Danish description written for the editors.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from .characters import BIDI_CONTROLS, character_name, control_character, invisible_characters, mixed_script_word
from .links import url_problem
from .markup import html_message, html_tag
from .vocabulary import (
    MONTHS_DA,
    Access,
    AgeGroup,
    AuthorRole,
    Compliance,
    ContactKind,
    FactTopic,
    Language,
    LegalAccessKind,
    OfferKind,
    OfferStatus,
    OfferTargetGroup,
    PhoneKind,
    PolicyKind,
    Region,
    Sector,
    ServiceAreaKind,
    SocialProblem,
    Theme,
    Transcription,
    Weekday,
)

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


class Model(BaseModel):
    """Base for every record: unknown fields are refused, and a loaded record cannot change.

    A value is kept exactly as the editor wrote it or refused, never converted into something else
    (see loader.py for how YAML is typed): a whole number where text is expected is the text of its
    digits (`postal_code: 2610` is '2610', which the loader gives only for plain decimal digits, so
    the text is exact), while numbers, booleans and dates (`Count`, `Flag`, `Day`) accept only their
    own kind, never text, a boolean or a number of seconds turned into one.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, coerce_numbers_to_str=True)


# --- Field types -------------------------------------------------------------------------------

_SCRIPTS_DA = {
    "CYRILLIC": "kyrilliske",
    "GREEK": "græske",
    "ARMENIAN": "armenske",
    "CHEROKEE": "cherokee-",
    "COPTIC": "koptiske",
}


def _check_text(value: str) -> str:
    """Refuse what text must not hold; return it unchanged.

    No control character but newline and tab, no line or paragraph separator (U+2028, U+2029), no invisible
    character that can reverse or hide the text, no word that mixes look-alike alphabets, no HTML (markup.py: the
    site shows the text as written, so a tag would be published as its characters).
    """
    control = control_character(value)
    if control:
        line, position, char = control
        where = f"i tekstens linje {line}, plads {position}" if "\n" in value else f"på plads {position}"
        raise ValueError(
            f"teksten indeholder tegnet {character_name(char)} {where}: et styretegn eller linjeskift-tegn, "
            "som nogle programmer (vCard, CSV, søgning) læser som et nyt linje- eller feltskift og andre ikke; "
            "slet det, og brug et almindeligt linjeskift, hvis teksten skal have flere linjer"
        )
    hidden = invisible_characters(value)
    if hidden:
        position, char = hidden[0]
        what = "vender tekstens retning" if char in BIDI_CONTROLS else "er usynligt"
        more = f" (og {len(hidden) - 1} til)" if len(hidden) > 1 else ""
        raise ValueError(
            f"teksten indeholder tegnet {character_name(char)} på plads {position}{more}, som {what} "
            "og kan få teksten til at se ud som noget andet, end den er; slet det"
        )
    mixed = mixed_script_word(value)
    if mixed:
        word, position, char, script = mixed
        raise ValueError(
            f"ordet '{word}' blander latinske og {_SCRIPTS_DA.get(script, 'fremmede')} bogstaver "
            f"({character_name(char)} på plads {position}), så det kan forveksles med et andet ord; "
            "skriv det med almindelige bogstaver"
        )
    tag = html_tag(value)
    if tag:
        raise ValueError(html_message(tag))
    return value


Text = Annotated[str, StringConstraints(min_length=1), AfterValidator(_check_text)]
"""A non-empty piece of plain text (no Markdown, no HTML: it is always shown exactly as written), without
invisible format characters (bidi controls, zero-width characters), words mixing look-alike alphabets or HTML tags."""

Paragraphs = tuple[Text, ...]

PATTERN_RULES: dict[str, str] = {}
"""Pattern of a constrained text type → its rule in Danish, as the editor reads it when a value breaks it."""


def _ruled(pattern: str, rule: str, **constraints) -> StringConstraints:
    """The constraint of a text type whose pattern has its own rule (see messages.py)."""
    PATTERN_RULES[pattern] = rule
    return StringConstraints(pattern=pattern, **constraints)


RecordId = Annotated[
    str,
    _ruled(
        ID_PATTERN,
        "et id må kun indeholde små bogstaver a-z, tal og bindestreger (ikke æ, "
        "ø, å eller mellemrum), fx 'roedovre-udsattepolitik'",
        min_length=2,
        max_length=80,
    ),
]

Count = Annotated[int, Strict()]
"""A whole number written with plain digits (`18`); `yes`, `true`, `0175` or `1.5` are refused, not converted."""

Flag = Annotated[bool, Strict()]
"""`true` or `false`; `yes`, `no`, `on`, `off`, `1` are refused, not converted."""

DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def _day_from_text(value: object) -> object:
    """A date in quotes ('2024-01-31') is the same date; every other value goes to the strict check."""
    if isinstance(value, str) and re.fullmatch(DATE_PATTERN, value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError("er ikke en dato, der findes i kalenderen") from None
    return value


Day = Annotated[date, Strict(), BeforeValidator(_day_from_text)]
"""A date written ÅÅÅÅ-MM-DD; never a number (of seconds) or another text."""

Kommunekode = Annotated[
    str,
    _ruled(
        r"^0[1-9][0-9]{2}$",
        'en kommunekode skrives med fire cifre, som DAWA skriver den, fx "0175" for Rødovre; sæt den i anførselstegn',
    ),
]
"""A code, not a number: four digits as DAWA and the open data write it, '0175' for Rødovre."""


def _check_single_line(value: str) -> str:
    # Line breaks and control characters have no place in a name or an address, and in a vCard or a CSV
    # row some readers would take them as the start of a new property or row. Refused, never rewritten.
    for char in value:
        if unicodedata.category(char) in ("Cc", "Zl", "Zp"):
            raise ValueError(
                f"skal stå på én linje og må ikke indeholde linjeskift eller styretegn, men har "
                f"tegnet U+{ord(char):04X} ({unicodedata.name(char, 'styretegn')}); skriv teksten "
                "på én linje"
            )
    return value


# The single-line rule first: for a name, "skal stå på én linje" says more than the general rule of Text.
Line = Annotated[str, StringConstraints(min_length=1), AfterValidator(_check_single_line), AfterValidator(_check_text)]
"""A non-empty text on one line: a name, a street, a city (no line break, tab or other control character)."""


def _check_url(value: str) -> str:
    """A link that leads where it seems to (see links.py): https, no user info, an ASCII host, nothing hidden."""
    problem = url_problem(value)
    if problem:
        raise ValueError(problem)
    return value


Url = Annotated[str, AfterValidator(_check_url)]


def _check_partial_date(value: str) -> str:
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
    if not match:
        raise ValueError("skal være et år (2017), en måned (2017-01) eller en dato (2017-01-31)")
    year, month, day = match.groups()
    try:
        date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise ValueError("er ikke en dato, der finds i kalenderen") from None
    return value


PartialDate = Annotated[
    str, BeforeValidator(lambda v: v.isoformat() if isinstance(v, date) else v), AfterValidator(_check_partial_date)
]
"""An unquoted date (2017-01-31) is read as a date by the loader and kept as the text it was written as."""


def format_partial_date(value: str) -> str:
    """'2017' → '2017', '2017-01' → 'januar 2017', '2017-01-31' → '31. januar 2017'."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    if len(parts) == 2:
        return f"{MONTHS_DA[parts[1] - 1]} {parts[0]}"
    return f"{parts[2]}. {MONTHS_DA[parts[1] - 1]} {parts[0]}"


FocusAreaRef = Annotated[
    str,
    _ruled(
        r"^[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*$",
        "skal skrives som politik-id/fokusområde-id, fx 'roedovre-politik-socialt-udsatte/bolig'",
    ),
]
PhoneNumber = Annotated[
    str,
    _ruled(
        r"^((\+45 ?)?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[0-9]{2}|1[0-9]{2,3})$",
        "et telefonnummer skal have 8 cifre, evt. med +45 foran og mellemrum mellem "
        "cifrene, fx '+45 12 34 56 78' eller '12345678', eller være et kort nummer med "
        "3 eller 4 cifre, der begynder med 1, fx '112' eller '1813'",
    ),
]
"""Eight digits, or a Danish short number (112, 114, 1813, 1888), which every Danish phone can call."""
Email = Annotated[
    str,
    _ruled(
        r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$",
        "er ikke en gyldig e-mailadresse; den skal se ud som 'udsatte@kommune.dk' (uden mellemrum, æ, ø og å)",
    ),
]
PostalCode = Annotated[str, _ruled(r"^[0-9]{4}$", "et postnummer skal være fire cifre uden mellemrum, fx '2610'")]
"""A code, not a number: four digits, leading zeros kept ('0800')."""
OpeningTime = Annotated[
    str,
    _ruled(
        r"^([01][0-9]|2[0-3]):[0-5][0-9]$",
        "et klokkeslæt skrives TT:MM med to cifre for både timer og minutter, fra 00:00 til 23:59, fx '09:00'",
    ),
]
ClosingTime = Annotated[
    str,
    _ruled(
        r"^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$",
        "et klokkeslæt skrives TT:MM med to cifre for både timer og minutter, "
        "fra 00:00 til 24:00 (døgnåbent lukker 24:00), fx '15:00'",
    ),
]


def _end_after_start(valid_to: date | None, info: ValidationInfo) -> date | None:
    """Shared by every record with a period: the end date may not lie before the start date."""
    valid_from = info.data.get("valid_from")
    if valid_to is not None and valid_from is not None and valid_to < valid_from:
        raise ValueError(f"slutdatoen ligger før startdatoen valid_from ({valid_from.isoformat()}); ret en af dem")
    return valid_to


def _max_not_below_min(age_max: int | None, info: ValidationInfo) -> int | None:
    """Shared by every record with an age range."""
    age_min = info.data.get("age_min")
    if age_max is not None and age_min is not None and age_min > age_max:
        raise ValueError(f"den højeste alder ({age_max}) er lavere end den laveste alder, age_min ({age_min})")
    return age_max


def _described(description: str, **kwargs):
    return Field(description=description, **kwargs)


# --- Sources, sourced facts and service areas ------------------------------------------------------------------


class SourceReference(Model):
    """Hvor en oplysning stammer fra: en politik på sitet eller en offentlig webside, med datoen den blev læst."""

    title: Text = _described("Kildens titel, fx politikkens navn eller websidens overskrift.")
    policy: RecordId | None = _described("Id på politikken, hvis kilden er en politik på sitet.", default=None)
    url: Url | None = _described(
        "Websidens adresse, hvis kilden er en offentlig webside, fx en kvalitetsstandard "
        "på kommunens hjemmeside. Kræver `read_on`.",
        default=None,
    )
    read_on: Day | None = _described("Hvornår redaktionen læste websiden (ÅÅÅÅ-MM-DD).", default=None)
    confirmed: Flag = _described(
        "Sand, når tilbuddet eller kontakten selv har bekræftet oplysningen over for "
        "redaktionen. Falsk (standard): oplysningen står på en offentlig side, men er "
        "ikke bekræftet af tilbuddet.",
        default=False,
    )

    @model_validator(mode="after")
    def _dated(self) -> SourceReference:
        if self.url is not None and self.read_on is None:
            raise ValueError(
                "en kilde med en webadresse (url) skal have datoen, hvor siden blev læst (read_on), "
                "fx `read_on: 2026-11-30`"
            )
        if self.read_on is not None and self.url is None:
            raise ValueError("read_on er datoen, hvor en webside blev læst; angiv også sidens adresse (url)")
        return self


class SourcedFact(Model):
    """En oplysning fra en offentlig kilde, skrevet med redaktionens egne ord, med kilden og datoen."""

    topic: FactTopic = _described(
        "Hvad oplysningen handler om: `adgang`, `maalgruppe`, `aabningstider`, `pris` "
        "eller `andet`. Bestemmer, hvor på siden den står."
    )
    text: Text = _described("Oplysningen med redaktionens egne ord. Gæt aldrig et nummer eller en adresse.")
    source: SourceReference = _described("Hvor oplysningen står: websidens titel, `url` og `read_on`.")

    @field_validator("source")
    @classmethod
    def _traceable(cls, source: SourceReference) -> SourceReference:
        if source.url is None and source.policy is None:
            raise ValueError(
                "en oplysning skal have en kilde, man kan finde: en webadresse (url) eller en politik på sitet (policy)"
            )
        return source


class ServiceArea(Model):
    """Hvor en kontakt eller et tilbud arbejder: bestemte kommuner, en region eller hele landet."""

    kind: ServiceAreaKind = _described(
        "`kommuner` (de kommuner, der står i `municipalities`), `region` (alle "
        "kommuner i regionen i `region`) eller `hele-landet`."
    )
    municipalities: tuple[RecordId, ...] = _described(
        "Id'er på de kommuner, der er dækket, når `kind` er `kommuner`, fx `[roedovre, egedal]`.", default=()
    )
    region: Region | None = _described("Regionen, når `kind` er `region`, fx `Region Hovedstaden`.", default=None)

    @model_validator(mode="after")
    def _complete(self) -> ServiceArea:
        if self.kind == ServiceAreaKind.MUNICIPALITIES and not self.municipalities:
            raise ValueError("et dækningsområde med kind: kommuner skal nævne mindst én kommune i municipalities")
        if self.kind != ServiceAreaKind.MUNICIPALITIES and self.municipalities:
            raise ValueError(
                f"municipalities bruges kun med kind: kommuner, ikke med kind: {self.kind}; slet listen eller ret kind"
            )
        if self.kind == ServiceAreaKind.REGION and self.region is None:
            raise ValueError("et dækningsområde med kind: region skal nævne regionen i region, fx 'Region Hovedstaden'")
        if self.kind != ServiceAreaKind.REGION and self.region is not None:
            raise ValueError(f"region bruges kun med kind: region, ikke med kind: {self.kind}; slet den eller ret kind")
        return self


# --- Municipality ------------------------------------------------------------------------------


class Municipality(Model):
    """En kommune, der har politikker, tilbud og kontakter på sitet."""

    id: RecordId = _described("Kommunens id, små bogstaver uden æ, ø og å, fx `roedovre`. Skal være lig filnavnet.")
    name: Line = _described("Kommunens navn, fx `Rødovre`.")
    kommunekode: Kommunekode = _described(
        'Kommunens officielle kommunekode med fire cifre, som DAWA skriver den, fx `"0175"` for Rødovre.'
    )
    region: Region | None = _described(
        "Den region, kommunen ligger i, fx `Region Hovedstaden`. Bestemmer, hvilke regionale samarbejdspartnere "
        "kommunens side for nye medarbejdere viser.",
        default=None,
    )
    website: Url | None = _described("Kommunens officielle hjemmeside.", default=None)
    sources: tuple[SourceReference, ...] = _described("Hvor oplysningerne om kommunen stammer fra.", default=())
    entrance: Entrance | None = _described(
        "Kommunens offentlige indgang: omstilling eller borgerservice, adresse og sikker post, hver med sin kilde. "
        "Den er sidste trin, når et tilbud eller en kontakt ikke selv har en telefon.",
        default=None,
    )


# --- Building blocks of a policy ----------------------------------------------------------------


class Quote(Model):
    """Et citat, gengivet ordret, med den kilde dokumentet angiver."""

    text: Text = _described("Citatet, ordret som i dokumentet.")
    source: Text = _described("Kilden, som dokumentet angiver den, fx `Rådet for Socialt Udsatte, 2022`.")


class Passage(Model):
    """Et afsnit af dokumentet: en overskrift, brødtekst, en eventuel punktliste og citater."""

    title: Text | None = _described("Afsnittets overskrift, som i dokumentet.", default=None)
    paragraphs: Paragraphs = _described("Afsnittets tekst, ét element pr. afsnit.", default=())
    list_intro: Text | None = _described("Den sætning, der indleder punktlisten, fx `Det betyder, at:`.", default=None)
    items: Paragraphs = _described("Punktlisten, ét element pr. punkt.", default=())
    closing: Paragraphs = _described("Tekst efter punktlisten, ét element pr. afsnit.", default=())
    quotes: tuple[Quote, ...] = _described("Citater, der hører til afsnittet.", default=())


class Signatory(Model):
    """En der har underskrevet forordet, angivet ved sin rolle."""

    role: Text = _described("Rollen, fx `Formand for Social- og Sundhedsudvalget`.")
    name: Text | None = _described("Navnet, kun hvis dokumentet selv nævner det.", default=None)


class Preface(Model):
    """Forordet eller indledningen til politikken – med eller uden overskrift, som i dokumentet."""

    heading: Text | None = _described(
        "Overskriften, som i dokumentet, fx `Forord` eller `Indledning`. Udelad feltet, hvis dokumentet begynder "
        "med en tekst uden overskrift: så vises teksten uden overskrift, og sitet finder ikke selv på en.",
        default=None,
    )
    paragraphs: Paragraphs = _described("Forordets tekst, ét element pr. afsnit.")
    list_intro: Text | None = _described("Sætningen før en punktliste i forordet.", default=None)
    items: Paragraphs = _described("En punktliste i forordet, fx de temaer strategien bygger på.", default=())
    closing: Paragraphs = _described("Tekst efter punktlisten, ét element pr. afsnit.", default=())
    quotes: tuple[Quote, ...] = _described("Citater i forordet.", default=())
    signatories: tuple[Signatory, ...] = _described("Dem der har underskrevet forordet, angivet ved rolle.", default=())


class TargetGroup(Model):
    """Hvem politikken er for: alder, beskrivelse, udfordringer og hvad der gør nogen udsat."""

    heading: Text = _described(
        "Overskriften, som i dokumentet, fx `Hvem er udsat?`.", default="Hvem er politikken for?"
    )
    age_min: Count | None = _described("Den laveste alder, politikken gælder for.", default=None, ge=0, le=120)
    age_max: Count | None = _described(
        "Den højeste alder, politikken gælder for (tom: ingen øvre grænse).", default=None, ge=0, le=120
    )
    paragraphs: Paragraphs = _described("Beskrivelsen af målgruppen, ét element pr. afsnit.", default=())
    criteria: tuple[Passage, ...] = _described(
        "Kendetegn, der afgrænser målgruppen, hvert med overskrift og tekst (fx Kompleksitet, Varighed).", default=()
    )
    challenges_intro: Text | None = _described("Sætningen, der indleder listen over udfordringer.", default=None)
    challenges: Paragraphs = _described("Udfordringer eller faktorer, der kan gøre en borger udsat.", default=())
    challenges_closing: Paragraphs = _described("Tekst efter listen over udfordringer.", default=())
    degrees_intro: Text | None = _described(
        "Sætningen, der indleder listen over hvad graden af udsathed afhænger af.", default=None
    )
    degrees: Paragraphs = _described("Det graden af udsathed afhænger af, ét element pr. punkt.", default=())
    closing: Paragraphs = _described("Afsluttende tekst om målgruppen.", default=())
    quotes: tuple[Quote, ...] = _described("Citater om målgruppen.", default=())
    age_scope: tuple[AgeGroup, ...] = _described(
        "Hvilke aldersgrupper målgruppen omfatter: `boern`, `unge` og/eller `voksne`, fx `[boern, unge, voksne]` "
        "for en politik for alle aldre. Sitet kalder kun politikken en politik for voksne, hvis der står "
        "`[voksne]` (det gælder, når feltet er udeladt).",
        default=(AgeGroup.ADULTS,),
        min_length=1,
    )

    _ages_in_order = field_validator("age_max")(lambda age_max, info: _max_not_below_min(age_max, info))

    @model_validator(mode="after")
    def _scope_fits_ages(self) -> TargetGroup:
        if self.age_min is not None and self.age_min < 15 and AgeGroup.CHILDREN not in self.age_scope:
            raise ValueError(
                f"målgruppen begynder ved {self.age_min} år, men age_scope nævner ikke børn; skriv "
                "fx age_scope: [boern, unge, voksne]"
            )
        if (
            self.age_min is not None
            and self.age_min < 18
            and not {AgeGroup.CHILDREN, AgeGroup.YOUNG_PEOPLE} & set(self.age_scope)
        ):
            raise ValueError(
                f"målgruppen begynder ved {self.age_min} år, men age_scope nævner kun voksne; skriv "
                "fx age_scope: [unge, voksne]"
            )
        if self.age_min is not None and self.age_min >= 15 and AgeGroup.CHILDREN in self.age_scope:
            raise ValueError(
                f"age_scope nævner børn, men målgruppen begynder først ved {self.age_min} år; ret en af dem"
            )
        if len(set(self.age_scope)) != len(self.age_scope):
            raise ValueError("age_scope nævner den samme aldersgruppe mere end én gang")
        return self


class Value(Model):
    """En værdi eller et princip, som arbejdet bygger på."""

    title: Text = _described("Værdiens eller princippets navn, fx `Selvbestemmelse`.")
    summary: Text | None = _described("En kort sætning, der udfolder værdien, hvis dokumentet har en.", default=None)
    paragraphs: Paragraphs = _described("Uddybende tekst, ét element pr. afsnit.", default=())


class ValueSet(Model):
    """En samling værdier eller principper med sin egen overskrift."""

    heading: Text = _described("Overskriften, som i dokumentet, fx `Kerneværdier på socialområdet`.")
    paragraphs: Paragraphs = _described("Indledende tekst, ét element pr. afsnit.", default=())
    items: tuple[Value, ...] = _described("Værdierne eller principperne.")
    source: Text | None = _described(
        "Hvor værdierne stammer fra, fx `Ballerup Kommunes gældende kerneværdier på socialområdet, 2022`.", default=None
    )


class Vision(Model):
    """Politikkens vision."""

    heading: Text = _described("Overskriften, fx `Vision`.", default="Vision")
    paragraphs: Paragraphs = _described("Visionen, ét element pr. afsnit.", default=())
    list_intro: Text | None = _described("Sætningen før en punktliste, fx `Vi arbejder for:`.", default=None)
    items: Paragraphs = _described("Visionens punkter.", default=())


class StrategicGoals(Model):
    """De overordnede strategiske mål."""

    heading: Text = _described("Overskriften, fx `Strategimål`.", default="Strategiske mål")
    intro: Text | None = _described("Den indledende sætning.", default=None)
    goals: Paragraphs = _described("Målene i dokumentets rækkefølge.")


class Method(Model):
    """En tilgang eller metode, fx recovery-orienteret rehabilitering, med sine principper."""

    name: Text = _described("Metodens navn.")
    paragraphs: Paragraphs = _described("Beskrivelsen af metoden, ét element pr. afsnit.", default=())
    definitions: tuple[Passage, ...] = _described("Afsnit, der definerer metodens begreber.", default=())
    principles_heading: Text = _described("Overskriften over principperne.", default="Principper")
    principles_intro: Text | None = _described("Sætningen, der indleder principperne.", default=None)
    principles: Paragraphs = _described("Metodens principper.", default=())


class Approach(Model):
    """Tilgang og metoder, som politikken lægger til grund for arbejdet."""

    heading: Text = _described("Overskriften, fx `Tilgang og metoder`.", default="Tilgang og metoder")
    paragraphs: Paragraphs = _described("Indledende tekst.", default=())
    methods: tuple[Method, ...] = _described("Metoderne.", default=())


class Background(Model):
    """Baggrund, vilkår og udviklingstendenser."""

    heading: Text = _described("Overskriften, som i dokumentet.", default="Baggrund")
    paragraphs: Paragraphs = _described("Indledende tekst.", default=())
    sections: tuple[Passage, ...] = _described("Afsnittene, hver med overskrift.", default=())


class Indicators(Model):
    """Pejlemærker: de tegn, man følger for at se, om et fokusområde lykkes."""

    heading: Text = _described("Overskriften, fx `Pejlemærker for fokusområde 1`.", default="Pejlemærker")
    goal: Text | None = _described("Det overordnede mål, pejlemærkerne peger mod.", default=None)
    items: Paragraphs = _described("Pejlemærkerne.")


class FocusArea(Model):
    """Et fokusområde (eller tema eller strategimål) med begrundelse, vision, mål og retningslinjer."""

    id: RecordId = _described(
        "Fokusområdets id, entydigt inden for politikken, fx `borgeren-i-centrum`. "
        "Bruges i links og når tilbud henviser til fokusområdet."
    )
    title: Text = _described("Fokusområdets titel, som i dokumentet.")
    summary: Text | None = _described("En kort sammenfatning, hvis dokumentet har en.", default=None)
    themes: tuple[Theme, ...] = _described("De tværgående temaer, fokusområdet handler om.", min_length=1)
    paragraphs: Paragraphs = _described("Indledende tekst om fokusområdet, ét element pr. afsnit.", default=())
    why_intro: Text | None = _described(
        "Sætningen før begrundelserne, fx `Fokusområdet er vigtigt fordi`.", default=None
    )
    why: Paragraphs = _described("Hvorfor fokusområdet er vigtigt.", default=())
    vision: Paragraphs = _described("Fokusområdets vision, ét element pr. afsnit.", default=())
    goals_intro: Text | None = _described("Sætningen før målene, fx `Vi opnår vores mål ved at:`.", default=None)
    goals: Paragraphs = _described("Mål, eller hvordan målene nås.", default=())
    guidelines_intro: Text | None = _described(
        "Sætningen før retningslinjerne, fx `Retningslinjerne for vores samarbejde med borgerne er derfor at...`.",
        default=None,
    )
    guidelines: Paragraphs = _described("Retningslinjerne for arbejdet.", default=())
    indicators: Indicators | None = _described("Pejlemærker for fokusområdet.", default=None)
    sections: tuple[Passage, ...] = _described("Underafsnit med egen overskrift.", default=())
    closing: Paragraphs = _described("Afsluttende tekst.", default=())
    quotes: tuple[Quote, ...] = _described("Citater, der hører til fokusområdet.", default=())
    supporting_plans_intro: Text | None = _described(
        "Sætningen før planerne, fx `Fokusområdet understøttes af følgende kommunale planer og indsatser:`.",
        default=None,
    )
    supporting_plans: Paragraphs = _described(
        "Kommunale planer og indsatser, der understøtter fokusområdet.", default=()
    )


class FocusAreas(Model):
    """Fokusområderne med deres fælles indledning."""

    heading: Text = _described("Overskriften, fx `Strategiens fokusområder`.", default="Fokusområder")
    paragraphs: Paragraphs = _described("Indledende tekst.", default=())
    list_intro: Text | None = _described("Sætningen før en punktliste i indledningen.", default=None)
    items: Paragraphs = _described("En punktliste i indledningen.", default=())
    principles_intro: Text | None = _described("Sætningen før de tværgående principper.", default=None)
    principles: tuple[Value, ...] = _described(
        "Tværgående principper for fokusområderne, hvis dokumentet har dem.", default=()
    )
    areas: tuple[FocusArea, ...] = _described("Fokusområderne i dokumentets rækkefølge.", min_length=1)


class Fact(Model):
    """Et faktum ("Vidste du, at ...") med sin kilde."""

    text: Text = _described("Faktummet, ordret som i dokumentet.")
    items: Paragraphs = _described("En punktliste, der hører til faktummet.", default=())
    source: Text | None = _described("Kilden, hvis dokumentet angiver den. Tom: kilden er ikke angivet.", default=None)


class Facts(Model):
    """En boks med fakta."""

    heading: Text = _described("Overskriften, fx `Vidste du, at...`.", default="Vidste du, at...")
    items: tuple[Fact, ...] = _described("Fakta.")


class Consent(Model):
    """Dokumentation for, at den der fortæller, har givet samtykke til offentliggørelse."""

    given_to: Text = _described("Hvem samtykket er givet til, fx `Rødovre Kommune`.")
    documented_in: Text = _described("Hvor samtykket eller offentliggørelsen er dokumenteret.")
    date: PartialDate | None = _described("Hvornår, hvis det vides (år, år-måned eller dato).", default=None)


class Story(Model):
    """En personlig historie. Vises kun, hvis den er anonymiseret eller har dokumenteret samtykke."""

    title: Text = _described("Historiens overskrift.")
    narrator: Text | None = _described("Hvem der fortæller, som dokumentet angiver det.", default=None)
    paragraphs: Paragraphs = _described("Historien, ét element pr. afsnit.")
    anonymised: Flag = _described("Sand, hvis historien ikke kan føres tilbage til en person.", default=False)
    consent: Consent | None = _described("Dokumenteret samtykke, hvis historien ikke er anonymiseret.", default=None)

    @model_validator(mode="after")
    def _publishable(self) -> Story:
        if not self.anonymised and self.consent is None:
            raise ValueError(
                "en personlig historie må kun offentliggøres, hvis den er anonymiseret "
                "(anonymised: true) eller har dokumenteret samtykke (consent)"
            )
        return self


class Stories(Model):
    """Personlige historier med deres fælles indledning."""

    heading: Text = _described("Overskriften, fx `Vi kan alle blive udsatte`.", default="Historier")
    intro: Paragraphs = _described("Indledende tekst.", default=())
    items: tuple[Story, ...] = _described("Historierne.", min_length=1)


class MeasurementParameter(Model):
    """Et måleparameter: hvad der måles, og hvordan."""

    title: Text = _described("Måleparametrets navn, fx `Borgeroplevelsen`.")
    paragraphs: Paragraphs = _described("Hvad der måles, ét element pr. afsnit.", default=())
    methods: Paragraphs = _described("Hvordan der måles og rapporteres.", default=())


class FollowUp(Model):
    """Måling og opfølgning: måleparametre, handleplan, råd."""

    heading: Text = _described(
        "Overskriften, fx `Måleparametre` eller `En aktiv politik`.", default="Måling og opfølgning"
    )
    paragraphs: Paragraphs = _described("Tekst om opfølgningen, ét element pr. afsnit.", default=())
    parameters: tuple[MeasurementParameter, ...] = _described("Måleparametre.", default=())
    annual_action_plan: Flag = _described("Sand, hvis politikken følges op med en årlig handleplan.", default=False)
    annual_status: Flag = _described("Sand, hvis der laves en årlig status på indsatserne.", default=False)
    follow_up_in: Paragraphs = _described(
        "Planer eller rapporter, hvor der følges op, fx `Den sociale masterplan`.", default=()
    )
    council: Text | None = _described("Det råd, der følger arbejdet, fx `Udsatterådet`.", default=None)


class RelatedPolicy(Model):
    """En anden politik eller strategi, som politikken hænger sammen med."""

    title: Text = _described("Politikkens navn, som dokumentet skriver det.")
    policy: RecordId | None = _described("Id på politikken, hvis den også findes på sitet.", default=None)


class RelatedPolicies(Model):
    """Sammenhængen med kommunens øvrige politikker."""

    heading: Text = _described("Overskriften.", default="Sammenhæng med andre politikker")
    paragraphs: Paragraphs = _described(
        "Hvordan politikken hænger sammen med de andre, som dokumentet skriver.", default=()
    )
    items: tuple[RelatedPolicy, ...] = _described("De politikker, dokumentet nævner.", default=())


class SourceDocument(Model):
    """Det dokument, politikken på sitet er skrevet af efter, og hvor meget af det siden gengiver."""

    title: Text = _described("Dokumentets titel.")
    publisher: Text = _described("Hvem der har udgivet dokumentet, fx `Egedal Kommune`.")
    url: Url | None = _described("Hvor dokumentet kan hentes, hvis det vides.", default=None)
    transcription: Transcription = _described(
        "Hvor meget af dokumentet siden gengiver: `hele` (hele teksten), `delvist` (dele mangler, fx fordi kun en "
        "ufuldstændig kopi var til rådighed) eller `uddrag`. Alt, hvad sitet siger om, at en politik er gengivet "
        "fuldt, kommer herfra."
    )
    missing_note: Text | None = _described(
        "Hvad der mangler i gengivelsen, og hvorfor, fx `Kun side 1-6 af 14 var til rådighed; fokusområderne 3-5 "
        "mangler.` Skal udfyldes, når `transcription` ikke er `hele`.",
        default=None,
    )
    note: Text | None = _described("Bemærkninger om gengivelsen, fx rettede stavefejl.", default=None)

    @model_validator(mode="after")
    def _missing_said(self) -> SourceDocument:
        if self.transcription != Transcription.WHOLE and self.missing_note is None:
            raise ValueError(
                f"transcription er '{self.transcription}', så missing_note skal sige, hvad der mangler "
                "i gengivelsen, og hvorfor"
            )
        if self.transcription == Transcription.WHOLE and self.missing_note is not None:
            raise ValueError(
                "missing_note bruges kun, når transcription er 'delvist' eller 'uddrag'; er noget "
                "udeladt, så er gengivelsen ikke hel – ret transcription"
            )
        return self


class Author(Model):
    """En kontakt, der har skrevet eller været med til at udarbejde politikken, fx et udvalg eller et råd."""

    contact: RecordId = _described("Id på kontakten, fx `roedovre-udsatteraad`.")
    role: AuthorRole = _described("`forfatter`, `medforfatter` eller `samarbejde` (udarbejdet i samarbejde med).")


# --- Policy ------------------------------------------------------------------------------------


class Policy(Model):
    """En kommunes politik eller strategi for borgere i udsatte positioner, gengivet ordret.

    Gengivelsen er hel eller delvis, som `source.transcription` siger.
    """

    id: RecordId = _described("Politikkens id, fx `roedovre-udsattepolitik`. Skal være lig filnavnet uden `.yaml`.")
    kind: PolicyKind = _described("Politik eller strategi.")
    title: Text = _described("Titlen, som i dokumentet.")
    slogan: Text | None = _described("Et slogan eller en undertitel, fx `Vi finder løsninger sammen`.", default=None)
    municipality: RecordId = _described("Id på den kommune, politikken hører til, fx `roedovre`.")
    valid_from: Day | None = _described("Første dag politikken gælder (ÅÅÅÅ-MM-DD).", default=None)
    valid_to: Day | None = _described("Sidste dag politikken gælder (ÅÅÅÅ-MM-DD). Tom: ingen slutdato.", default=None)
    period_note: Text | None = _described(
        "Periode eller ramme, som dokumentet selv angiver den, fx `En del af Vision 2029`.", default=None
    )
    adopted_by: Text | None = _described("Hvem der har vedtaget politikken, fx `Byrådet`.", default=None)
    adopted: PartialDate | None = _described("Hvornår den blev vedtaget: år, år-måned eller dato.", default=None)
    prepared_by: tuple[Author, ...] = _described(
        "Hvem der har skrevet eller udarbejdet politikken, som dokumentet siger det: kontakter (fx et politisk "
        "udvalg og et udsatteråd), hver med sin rolle.",
        default=(),
    )
    names_contacts: tuple[RecordId, ...] = _described(
        "Id'er på de kontakter (organisationer, enheder, råd, udvalg), som politikken nævner. Vises på "
        "politikkens side med links.",
        default=(),
    )
    names_offers: tuple[RecordId, ...] = _described(
        "Id'er på de tilbud, som politikken nævner. Vises på politikkens side med links.", default=()
    )
    summary: Text = _described(
        "Et kort resumé (en til to sætninger) til oversigter og søgning, skrevet af redaktionen."
    )
    preface: Preface | None = _described("Forord eller indledning.", default=None)
    vision: Vision | None = _described("Visionen.", default=None)
    strategic_goals: StrategicGoals | None = _described("De strategiske mål.", default=None)
    values: tuple[ValueSet, ...] = _described("Værdier og principper.", default=())
    target_group: TargetGroup | None = _described("Hvem politikken er for.", default=None)
    background: Background | None = _described("Baggrund, vilkår og udviklingstendenser.", default=None)
    approach: Approach | None = _described("Tilgang og metoder.", default=None)
    focus_areas: FocusAreas = _described("Fokusområder (eller temaer eller strategimål med indhold).")
    stories: Stories | None = _described("Personlige historier.", default=None)
    facts: Facts | None = _described("Fakta (`Vidste du, at...`).", default=None)
    follow_up: FollowUp | None = _described("Måling og opfølgning.", default=None)
    related_policies: RelatedPolicies | None = _described("Sammenhæng med andre politikker.", default=None)
    source: SourceDocument = _described("Det dokument, politikken er gengivet efter.")

    @field_validator("valid_to")
    @classmethod
    def _period_in_order(cls, valid_to: date | None, info: ValidationInfo) -> date | None:
        return _end_after_start(valid_to, info)


# --- Shared pieces of offers and contacts ------------------------------------------------------


class Address(Model):
    """En postadresse i Danmark."""

    street: Line = _described("Vej og nummer, fx `Rødovre Parkvej 150`.")
    postal_code: PostalCode = _described("Postnummer, fire cifre, fx `2610`.")
    city: Line = _described("By, fx `Rødovre`.")
    source: SourceReference | None = _described(
        "Hvor adressen står, hvis den er læst på en offentlig side.", default=None
    )


class Phone(Model):
    """Et telefonnummer: hvad det bruges til, hvornår det er åbent, og om det må offentliggøres."""

    number: PhoneNumber = _described("Nummeret med otte cifre, evt. med +45, fx `+45 36 37 70 00`.")
    kind: PhoneKind = _described("Hvilken slags nummer.", default=PhoneKind.MAIN)
    description: Line | None = _described("Hvad nummeret bruges til, fx `Visitation af bostøtte`.", default=None)
    opening_hours: Line | None = _described("Hvornår nummeret er åbent, fx `Mandag-fredag 9-15`.", default=None)
    public: Flag = _described(
        "Sand, hvis nummeret må stå på sitet og i de åbne data. Falsk: et internt nummer, som aldrig offentliggøres.",
        default=True,
    )
    source: SourceReference | None = _described(
        "Hvor nummeret står, hvis det er læst på en offentlig side.", default=None
    )


class NamedPerson(Model):
    """En navngiven person i en rolle. Kun når et kildedokument selv nævner personen i rollen."""

    name: Line = _described("Personens navn, som kilden skriver det.")
    named_in: Text = _described("Det dokument, der nævner personen i rollen.")


class OpeningHours(Model):
    """Åbningstider en eller flere ugedage."""

    days: tuple[Weekday, ...] = _described("Ugedagene, fx `[mandag, tirsdag]`.", min_length=1)
    opens: OpeningTime = _described("Åbner kl., fx `09:00`.")
    closes: ClosingTime = _described("Lukker kl., fx `15:00`; `24:00` for døgnåbent.")
    note: Text | None = _described("Bemærkning, fx `Lukket på helligdage`.", default=None)


class Location(Model):
    """Et sted, hvor tilbuddet gives."""

    name: Line | None = _described("Stedets navn, hvis det har et.", default=None)
    address: Address | None = _described("Adressen. Tom, hvis den ikke er kendt.", default=None)
    confidential: Flag = _described(
        "Sand for fx krisecentre: adressen offentliggøres aldrig, hverken på sitet eller i de åbne data.", default=False
    )
    accessibility: Text | None = _described("Tilgængelighed, fx `Elevator og handicaptoilet`.", default=None)
    opening_hours: tuple[OpeningHours, ...] = _described("Åbningstider på stedet.", default=())


class Entrance(Model):
    """En kommunes offentlige indgang: hvor en borger eller samarbejdspartner kan henvende sig."""

    phones: tuple[Phone, ...] = _described("Omstilling eller borgerservice, hvert nummer med sin kilde.", default=())
    address: Address | None = _described("Rådhusets eller borgerservices adresse, med sin kilde.", default=None)
    secure_mail: SourcedFact | None = _described(
        "Sådan sendes sikker post til kommunen (emne `andet`), med kilden.", default=None
    )


class Capacity(Model):
    """Hvor mange pladser tilbuddet har, og hvornår tallet blev opgjort."""

    places: Count = _described("Antal pladser i alt.", ge=0)
    available: Count | None = _described("Ledige pladser, hvis det vides.", default=None, ge=0)
    updated: Day = _described("Hvornår tallene blev opgjort (ÅÅÅÅ-MM-DD).")


# --- Contact -----------------------------------------------------------------------------------


class Contact(Model):
    """En organisation, enhed, rolle eller et råd, man kan kontakte. Funktioner og postkasser, ikke privatpersoner."""

    id: RecordId = _described("Kontaktens id. Skal være lig filnavnet uden `.yaml`.")
    name: Line = _described("Navnet, fx `Udsatterådet i Frederiksberg Kommune`.")
    kind: ContactKind = _described("Organisation, enhed, rolle, råd eller politisk udvalg.")
    sector: Sector = _described("Hvilken slags aktør kontakten er.")
    municipality: RecordId | None = _described("Id på kommunen, hvis kontakten hører til en kommune.", default=None)
    service_area: ServiceArea | None = _described(
        "Hvor kontakten arbejder: bestemte kommuner, en region eller hele landet, fx `{kind: region, region: "
        "Region Hovedstaden}`. Udeladt: den kommune, kontakten hører til. En kontakt uden `municipality` skal "
        "have et dækningsområde. Kommunernes sider for nye medarbejdere viser de samarbejdspartnere, der dækker "
        "kommunen.",
        default=None,
        validate_default=True,
    )
    parent: RecordId | None = _described("Id på den organisation, enheden eller rollen hører under.", default=None)
    summary: Text = _described("En kort beskrivelse af, hvem kontakten er, og hvad man kontakter den om.")
    description: Paragraphs = _described("Mere om kontakten, ét element pr. afsnit.", default=())
    phones: tuple[Phone, ...] = _described("Telefonnumre.", default=())
    email: Email | None = _described("E-mailadresse – en funktionspostkasse, aldrig en persons egen.", default=None)
    secure_mail: Text | None = _described(
        "Sådan sendes sikker post (fx via Digital Post til kommunen). Brug sikker "
        "post til alt med CPR-nummer eller følsomme oplysninger.",
        default=None,
    )
    address: Address | None = _described("Postadresse.", default=None)
    website: Url | None = _described("Hjemmeside.", default=None)
    person: NamedPerson | None = _described(
        "En navngiven person, kun hvis et kildedokument nævner personen i rollen.", default=None
    )
    sources: tuple[SourceReference, ...] = _described("Hvor oplysningerne om kontakten stammer fra.", default=())
    facts: tuple[SourcedFact, ...] = _described(
        "Oplysninger fra offentlige sider, hver med sin kilde og datoen den blev læst, fx hvad kontakten "
        "hjælper med, eller åbningstider, der ikke passer i et skema.",
        default=(),
    )
    last_verified: Day | None = _described("Hvornår oplysningerne sidst blev bekræftet (ÅÅÅÅ-MM-DD).", default=None)

    @field_validator("service_area")
    @classmethod
    def _area_known(cls, area: ServiceArea | None, info: ValidationInfo) -> ServiceArea | None:
        # Only when `municipality` itself was valid and empty: a wrong municipality is reported once, on its own.
        if area is None and "municipality" in info.data and info.data["municipality"] is None:
            raise ValueError(
                "en kontakt uden kommune (municipality) skal sige, hvor den arbejder: skriv fx "
                "service_area: {kind: region, region: Region Hovedstaden} eller "
                "service_area: {kind: hele-landet}"
            )
        return area


# --- Offer -------------------------------------------------------------------------------------


class Offer(Model):
    """Et tilbud til voksne i udsatte positioner: hvem det er for, hvordan man får adgang, og hvem man kontakter."""

    id: RecordId = _described("Tilbuddets id. Skal være lig filnavnet uden `.yaml`.")
    name: Line = _described("Tilbuddets navn.")
    alternate_name: Line | None = _described("Et andet navn eller en forkortelse, fx `RBC`.", default=None)
    status: OfferStatus | None = _described(
        "Om tilbuddet er aktivt, midlertidigt lukket eller lukket. Udeladt: status er ukendt, og siden viser "
        "`Ukendt – ikke bekræftet`. Sæt den først, når tilbuddet eller kommunen har bekræftet den.",
        default=None,
    )
    status_note: Text | None = _described("Bemærkning til status, fx hvornår det åbner igen.", default=None)
    summary: Text = _described("En kort beskrivelse (en til to sætninger) til kataloget og søgningen.")
    description: Paragraphs = _described("Beskrivelse, ét element pr. afsnit.", default=())
    municipality: RecordId = _described("Id på kommunen, hvor tilbuddet gives.")
    service_area: ServiceArea | None = _described(
        "Hvilke borgere tilbuddet er for, efter hvor de bor: bestemte kommuner, en region eller hele landet. "
        "Udeladt: borgere i kommunen i `municipality`.",
        default=None,
    )
    provider: RecordId | None = _described(
        "Id på den kontakt (organisation eller enhed), der driver tilbuddet.", default=None
    )
    kinds: tuple[OfferKind, ...] = _described("Hvilken slags tilbud.", min_length=1)
    methods: Paragraphs = _described(
        "Metoder, tilbuddet arbejder efter, fx `Housing First`, `Peer-to-peer`.", default=()
    )
    legal_basis: tuple[RecordId, ...] = _described(
        "Lovgrundlag som id'er fra tabellen i vocabularies/legal_bases.yaml, fx `sel-85`.", default=()
    )
    target_groups: tuple[OfferTargetGroup, ...] = _described("Hvem tilbuddet er for.", default=())
    problems: tuple[SocialProblem, ...] = _described("De sociale problemer, tilbuddet hjælper med.", default=())
    age_min: Count | None = _described("Laveste alder.", default=None, ge=0, le=120)
    age_max: Count | None = _described("Højeste alder.", default=None, ge=0, le=120)
    eligibility: Text | None = _described("Hvem der kan bruge tilbuddet, og på hvilke betingelser.", default=None)
    access: tuple[Access, ...] = _described("Hvordan borgeren får adgang.", default=())
    how_to_access: Paragraphs = _described("Sådan søger, henvender eller henviser man – trin for trin.", default=())
    locations: tuple[Location, ...] = _described("Steder, hvor tilbuddet gives.", default=())
    opening_hours_note: Text | None = _described("Åbningstider med ord, når de ikke passer i et skema.", default=None)
    cost: Text | None = _described("Hvad det koster for borgeren, fx `Gratis`.", default=None)
    languages: tuple[Language, ...] = _described("Sprog, tilbuddet gives på (uden tolk).", default=())
    capacity: Capacity | None = _described("Antal pladser og hvornår det blev opgjort.", default=None)
    contacts: tuple[RecordId, ...] = _described("Id'er på kontakter for tilbuddet.", default=())
    website: Url | None = _described("Tilbuddets hjemmeside.", default=None)
    focus_areas: tuple[FocusAreaRef, ...] = _described(
        "Fokusområder, der nævner tilbuddet, skrevet `politik-id/fokusområde-id`.", default=()
    )
    sources: tuple[SourceReference, ...] = _described("De dokumenter, oplysningerne stammer fra.", default=())
    facts: tuple[SourcedFact, ...] = _described(
        "Oplysninger fra offentlige sider (fx kommunens kvalitetsstandard), hver med sin kilde og datoen den blev "
        "læst. De vises som 'ikke bekræftet af tilbuddet', indtil tilbuddet har bekræftet dem.",
        default=(),
    )
    last_verified: Day | None = _described("Hvornår oplysningerne sidst blev bekræftet (ÅÅÅÅ-MM-DD).", default=None)
    verified_by: Text | None = _described("Hvem der bekræftede dem – en rolle eller enhed, ikke et navn.", default=None)

    _ages_in_order = field_validator("age_max")(lambda age_max, info: _max_not_below_min(age_max, info))


# --- Reference tables --------------------------------------------------------------------------


class LegalAccess(Model):
    """Hvordan en borger efter loven får adgang til hjælp efter en paragraf – lovens generelle regel."""

    kind: LegalAccessKind = _described(
        "Slags adgang: `selvhenvendelse`, `visitation`, `anonym` eller `behandlingsgaranti`."
    )
    text: Text = _described("Reglen på almindeligt dansk, fx `Man kan selv henvende sig på et herberg`.")
    provision: Text = _described("Det stykke, reglen står i, fx `§ 110, stk. 3`.")
    source: SourceReference = _described("Hvor lovteksten er læst: titel, `url` og `read_on`.")


class LegalBasis(Model):
    """En paragraf, som tilbud kan gives efter, med titel og betydning på almindeligt dansk."""

    id: RecordId = _described("Id, fx `sel-85` for serviceloven § 85.")
    law: Text = _described("Loven, fx `Serviceloven`.")
    paragraph: Text = _described("Paragraffen, fx `§ 85`.")
    title: Text = _described("Paragraffens emne, fx `Socialpædagogisk støtte (bostøtte)`.")
    meaning: Text = _described("Hvad paragraffen betyder for borgeren, på almindeligt dansk.")
    access: tuple[LegalAccess, ...] = _described(
        "Hvordan borgeren efter loven får adgang, hver regel med det stykke, den står i, og kilden. Vises på et "
        "tilbud uden egen beskrivelse af adgangen, mærket som den generelle regel.",
        default=(),
    )
    search_terms: tuple[Text, ...] = _described(
        "Ord, som en bruger kan søge på i kataloget for at finde tilbud efter paragraffen, ud over paragraffens "
        "nummer og titel, fx `herberg` og `forsorgshjem` for § 110. Store og små bogstaver og æ/ae, ø/oe og å/aa "
        "behøver ikke at stå her; de findes alle.",
        default=(),
    )


class LegalBasisTable(Model):
    """Tabellen over lovgrundlag."""

    items: tuple[LegalBasis, ...] = _described("Paragrafferne.", min_length=1)


SearchTermList = tuple[Text, ...]


class SearchTerms(Model):
    """Søgeord til kataloget: de ord, en bruger kan søge på for at finde tilbud med en bestemt værdi.

    Hver liste hører til en værdi i et af de faste ordforråd (problemer, målgrupper, typer, adgang);
    værdiens navn kan man altid søge på, så det behøver ikke at stå her. Søgeordene til lovgrundlag står
    ved paragrafferne i vocabularies/legal_bases.yaml.
    """

    problems: dict[SocialProblem, SearchTermList] = _described(
        "Søgeord pr. problem, fx `alkoholmisbrug: [alkohol, druk, sprut]`.", default_factory=dict
    )
    target_groups: dict[OfferTargetGroup, SearchTermList] = _described(
        "Søgeord pr. målgruppe, fx `paaroerende: [familie]`.", default_factory=dict
    )
    kinds: dict[OfferKind, SearchTermList] = _described(
        "Søgeord pr. type tilbud, fx `samvaer: [værested]`.", default_factory=dict
    )
    access: dict[Access, SearchTermList] = _described(
        "Søgeord pr. adgangsform, fx `anonym: [uden cpr-nummer]`.", default_factory=dict
    )


# --- Accessibility statement -------------------------------------------------------------------


class KnownIssue(Model):
    """Et kendt tilgængelighedsproblem og planen for at rette det."""

    description: Text = _described("Hvad problemet er, og hvem det rammer.")
    criterion: Text | None = _described("WCAG-succeskriteriet, fx `1.4.3 Kontrast (minimum)`.", default=None)
    planned_fix: Text | None = _described("Hvad der gøres, og hvornår.", default=None)


class ManualTest(Model):
    """En test, som kun et menneske kan udføre (skærmlæser, zoom), og hvornår den sidst blev udført."""

    description: Text = _described("Hvad der testes, og med hvilke hjælpemidler, fx `Skærmlæseren NVDA med Firefox`.")
    done: date | None = _described(
        "Hvornår testen sidst blev udført (ÅÅÅÅ-MM-DD). Tom, hvis den endnu ikke er udført.", default=None
    )


class AccessibilityStatement(Model):
    """Sitets tilgængelighedserklæring, som loven om tilgængelighed af offentlige websteder kræver."""

    publisher: Text = _described("Den myndighed eller redaktion, der er ansvarlig for sitet.")
    status: Compliance = _described("Om sitet overholder WCAG 2.1 AA (EN 301 549): helt, delvist eller ikke.")
    known_issues: tuple[KnownIssue, ...] = _described("Kendte problemer.", default=())
    evaluation: Paragraphs = _described("Hvordan tilgængeligheden er vurderet, ét element pr. afsnit.")
    automatic_tests: Paragraphs = _described(
        "Hvad der testes automatisk ved hver ændring af sitet, ét element pr. test.", default=()
    )
    manual_tests: tuple[ManualTest, ...] = _described(
        "Hvad der kun kan testes af et menneske (fx skærmlæser og zoom), og hvornår det sidst blev gjort.", default=()
    )
    tested: date | None = _described("Hvornår hele sitet sidst bestod de automatiske tests (ÅÅÅÅ-MM-DD).", default=None)
    contact_phone: PhoneNumber | None = _described(
        "Telefonnummer, man kan ringe til om tilgængelighed. Skal udfyldes af den, der offentliggør sitet.",
        default=None,
    )
    contact_phone_hours: Text | None = _described("Hvornår telefonen er åben.", default=None)
    contact_email: Email | None = _described(
        "E-mailadresse til skriftlige henvendelser om tilgængelighed.", default=None
    )
    contact_form: Url | None = _described(
        "Webformular til skriftlige henvendelser, hvis der ikke er en e-mail.", default=None
    )
    last_reviewed: Day = _described(
        "Hvornår erklæringen sidst blev gennemgået (ÅÅÅÅ-MM-DD). Skal ske mindst en gang om året."
    )


# --- Glossary ----------------------------------------------------------------------------------


class GlossarySource(Model):
    """Hvor et begreb kommer fra: en lov, en politik på sitet eller en anden kilde."""

    title: Text = _described("Kilden med ord, fx `Serviceloven § 85` eller `Udsattepolitik 2023-2026`.")
    policy: RecordId | None = _described("Id på politikken, hvis kilden er en politik på sitet.", default=None)
    section: RecordId | None = _described(
        "Afsnittet i politikken, der bruger begrebet: et fokusområdes id eller et af afsnittene `forord`, "
        "`vision`, `strategiske-maal`, `vaerdier`, `maalgruppe`, `baggrund`, `tilgang`, `fokusomraader`, "
        "`historier`, `fakta` og `opfoelgning`.",
        default=None,
    )
    legal_basis: RecordId | None = _described(
        "Id på paragraffen i tabellen over lovgrundlag, fx `sel-85`.", default=None
    )


class GlossaryTerm(Model):
    """Et begreb i ordlisten: ordet, de former det også skrives i, og en forklaring på almindeligt dansk."""

    id: RecordId = _described("Begrebets id, fx `housing-first`. Bruges som anker i ordlisten.")
    term: Text = _described("Begrebet, som det oftest skrives, fx `Housing First`.")
    aliases: tuple[Text, ...] = _described(
        "Andre former, der skal forklares på samme måde, fx `Housing First-tilgangen`. Store og små "
        "begyndelsesbogstaver behøver ikke at stå her; de findes begge.",
        default=(),
    )
    definition: Text | None = _described(
        "Forklaringen på almindeligt dansk, uden fagsprog, i en til tre sætninger. Tom kun, hvis "
        "`legal_basis` er udfyldt: så bruges paragraffens betydning fra tabellen over lovgrundlag.",
        default=None,
    )
    sources: tuple[GlossarySource, ...] = _described("Hvor begrebet kommer fra eller bruges.", min_length=1)
    legal_basis: RecordId | None = _described(
        "Id på paragraffen i tabellen over lovgrundlag, hvis begrebet er en paragraf, fx `sel-85`.", default=None
    )
    related: tuple[RecordId, ...] = _described("Id'er på beslægtede begreber i ordlisten.", default=())

    @model_validator(mode="after")
    def _explained(self) -> GlossaryTerm:
        if self.definition is None and self.legal_basis is None:
            raise ValueError(
                "begrebet skal have en forklaring (definition) eller henvise til en paragraf "
                "(legal_basis), hvis betydning så bruges"
            )
        return self


class Glossary(Model):
    """Ordlisten: de begreber, som politikkerne og loven bruger, forklaret på almindeligt dansk."""

    items: tuple[GlossaryTerm, ...] = _described("Begreberne.", min_length=1)


# --- Emergency help ("Akut: hjælp i nat") ------------------------------------------------------

EmergencyNumber = Annotated[
    str,
    _ruled(
        r"^([0-9]{3,4}|(\+45 ?)?[0-9]{2} ?[0-9]{2} ?[0-9]{2} ?[0-9]{2})$",
        "et nummer skal være et kort nummer med tre eller fire cifre, fx '112', "
        "eller et telefonnummer med 8 cifre, fx '33 33 00 47'",
    ),
]
"""A short national number ('112', '1888') or an ordinary Danish phone number."""


class WebSource(Model):
    """En offentlig webside, en oplysning stammer fra, og hvornår redaktionen læste den."""

    title: Text = _described("Kildens navn, fx `Serviceloven § 110 (danskelove.dk)`.")
    url: Url = _described("Sidens adresse, fx `https://danskelove.dk/serviceloven/110`.")
    read_on: Day = _described("Hvornår redaktionen læste siden (ÅÅÅÅ-MM-DD).")


class EmergencyNumberEntry(Model):
    """Et nummer, man kan ringe til. Kun numre, som kilderne selv giver."""

    number: EmergencyNumber = _described("Nummeret, som kilden skriver det, fx `112` eller `1888`.")
    label: Line = _described("Hvem man ringer til, fx `Alarmcentralen`.")
    when: Text | None = _described("Hvornår og hvorfor man ringer, fx `når der er akut fare for liv`.", default=None)


class EmergencyLink(Model):
    """Et link til en anden hjemmeside."""

    text: Line = _described("Linkets tekst, fx `Tilbudsportalen`.")
    url: Url = _described("Adressen, fx `https://www.tilbudsportalen.dk`.")


class EmergencyItem(Model):
    """Et punkt i boksen om akut hjælp: hvad reglerne betyder i praksis, med kilder."""

    id: RecordId = _described("Punktets id, fx `herberg`.")
    heading: Line = _described("Overskriften, fx `Ingen steder at sove i nat`.")
    text: Text = _described("Hvad det betyder i praksis, med redaktionens egne ord og kun det, kilderne siger.")
    reference: Text | None = _described("Lovhenvisningen med ord, fx `Serviceloven § 110, stk. 3 og 4`.", default=None)
    legal_basis: RecordId | None = _described(
        "Id på paragraffen i tabellen over lovgrundlag, fx `sel-110`; så linker punktet til den.", default=None
    )
    numbers: tuple[EmergencyNumberEntry, ...] = _described(
        "Numre, man kan ringe til – kun numre fra kilderne.", default=()
    )
    link: EmergencyLink | None = _described(
        "Et link, fx til den landsdækkende oversigt over sociale tilbud.", default=None
    )
    region: Line | None = _described(
        "Kun for en region, skrevet som i kommunernes felt `region`, fx `Region Hovedstaden`. Punktet vises kun, "
        "hvis en kommune på sitet ligger i regionen. Tom: gælder hele landet.",
        default=None,
    )
    sources: tuple[WebSource, ...] = _described("Kilderne til punktets oplysninger og numre.", min_length=1)


class EmergencyHelp(Model):
    """Boksen *Akut: hjælp i nat* øverst på siden Find tilbud."""

    heading: Line = _described("Boksens overskrift, fx `Akut: hjælp i nat`.")
    intro: Text | None = _described("En kort indledning.", default=None)
    items: tuple[EmergencyItem, ...] = _described("Punkterne, i den rækkefølge de skal stå.", min_length=1)
    note: Text | None = _described("En bemærkning nederst, fx at teksten ikke erstatter loven.", default=None)


Municipality.model_rebuild()
