"""Synthetic test data for load tests: the 98 real municipalities with invented policies, offers and contacts.

`python -m macros generate --seed 1 --size national --out /tmp/syntetisk` writes a complete data root
(municipalities/, policies/, offers/, contacts/, vocabularies/, about/) that a build reads with
`SITE_DATA_DIR=/tmp/syntetisk mkdocs build`. It never mixes with the real data: the target folder
must be empty, or an earlier output of this generator (recognised by its marker file).

- The municipalities are real: all 98 with their official kommunekoder and regions.
- Everything else is invented and says so: every name ends in "(syntetisk)", every text is built
  from stock phrases, e-mail domains end in .invalid, web addresses live on example.invalid, and phone
  numbers begin with 00 (no Danish subscriber number does). Postal codes are the kommunekode with a
  leading zero (not real postal districts) and streets have made-up names.
- A few offers are crisis centres with a confidential address on the invented street `Skjultvej`, and a
  few contacts have an internal phone number (`public: false`) in the series 00 01 xx xx: neither may
  ever reach the site or the open data, which the tests check.
- Output is deterministic: the same seed and size give byte-identical files. The dates hang on a fixed
  anchor date (never later than today), not on the clock.

Sizes count records (policies + contacts + offers) in the national proportions of issue 7: 500
policies, 5,000 contacts and 10,000 offers for `national` (15,500 records).
"""

from __future__ import annotations

import itertools
import random
import re
import shutil
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from ..data.clock import today_in_denmark

SOURCE_ROOT = Path(__file__).resolve().parent.parent.parent
MARKER = ".syntetiske-data"
SUFFIX = " (syntetisk)"
ANCHOR = date(2026, 11, 1)
"""Verification dates lie before this day (or before today, if the clock is earlier): most within eight
months, one in ten up to 18 months back, so a build some months later flags a realistic few as stale."""

NATIONAL = {"policies": 500, "contacts": 5_000, "offers": 10_000}
SIZES = {"national": sum(NATIONAL.values())}
DATA_FOLDERS = ("municipalities", "policies", "offers", "contacts", "vocabularies", "about")
CONFIDENTIAL_STREET = "Skjultvej"
INTERNAL_PHONE_PREFIX = "00 01"

# The 98 municipalities (kommunekode, name, region), from Danmarks Statistik's list of codes.
MUNICIPALITIES: tuple[tuple[int, str, str], ...] = tuple(
    (code, name, region)
    for region, rows in (
        (
            "Region Hovedstaden",
            (
                (101, "København"),
                (147, "Frederiksberg"),
                (151, "Ballerup"),
                (153, "Brøndby"),
                (155, "Dragør"),
                (157, "Gentofte"),
                (159, "Gladsaxe"),
                (161, "Glostrup"),
                (163, "Herlev"),
                (165, "Albertslund"),
                (167, "Hvidovre"),
                (169, "Høje-Taastrup"),
                (173, "Lyngby-Taarbæk"),
                (175, "Rødovre"),
                (183, "Ishøj"),
                (185, "Tårnby"),
                (187, "Vallensbæk"),
                (190, "Furesø"),
                (201, "Allerød"),
                (210, "Fredensborg"),
                (217, "Helsingør"),
                (219, "Hillerød"),
                (223, "Hørsholm"),
                (230, "Rudersdal"),
                (240, "Egedal"),
                (250, "Frederikssund"),
                (260, "Halsnæs"),
                (270, "Gribskov"),
                (400, "Bornholm"),
            ),
        ),
        (
            "Region Sjælland",
            (
                (253, "Greve"),
                (259, "Køge"),
                (265, "Roskilde"),
                (269, "Solrød"),
                (306, "Odsherred"),
                (316, "Holbæk"),
                (320, "Faxe"),
                (326, "Kalundborg"),
                (329, "Ringsted"),
                (330, "Slagelse"),
                (336, "Stevns"),
                (340, "Sorø"),
                (350, "Lejre"),
                (360, "Lolland"),
                (370, "Næstved"),
                (376, "Guldborgsund"),
                (390, "Vordingborg"),
            ),
        ),
        (
            "Region Syddanmark",
            (
                (410, "Middelfart"),
                (420, "Assens"),
                (430, "Faaborg-Midtfyn"),
                (440, "Kerteminde"),
                (450, "Nyborg"),
                (461, "Odense"),
                (479, "Svendborg"),
                (480, "Nordfyns"),
                (482, "Langeland"),
                (492, "Ærø"),
                (510, "Haderslev"),
                (530, "Billund"),
                (540, "Sønderborg"),
                (550, "Tønder"),
                (561, "Esbjerg"),
                (563, "Fanø"),
                (573, "Varde"),
                (575, "Vejen"),
                (580, "Aabenraa"),
                (607, "Fredericia"),
                (621, "Kolding"),
                (630, "Vejle"),
            ),
        ),
        (
            "Region Midtjylland",
            (
                (615, "Horsens"),
                (657, "Herning"),
                (661, "Holstebro"),
                (665, "Lemvig"),
                (671, "Struer"),
                (706, "Syddjurs"),
                (707, "Norddjurs"),
                (710, "Favrskov"),
                (727, "Odder"),
                (730, "Randers"),
                (740, "Silkeborg"),
                (741, "Samsø"),
                (746, "Skanderborg"),
                (751, "Aarhus"),
                (756, "Ikast-Brande"),
                (760, "Ringkøbing-Skjern"),
                (766, "Hedensted"),
                (779, "Skive"),
                (791, "Viborg"),
            ),
        ),
        (
            "Region Nordjylland",
            (
                (773, "Morsø"),
                (787, "Thisted"),
                (810, "Brønderslev"),
                (813, "Frederikshavn"),
                (820, "Vesthimmerlands"),
                (825, "Læsø"),
                (840, "Rebild"),
                (846, "Mariagerfjord"),
                (849, "Jammerbugt"),
                (851, "Aalborg"),
                (860, "Hjørring"),
            ),
        ),
    )
    for code, name in rows
)
LARGE = {101: 6.0, 751: 4.0, 461: 3.0, 851: 3.0}  # København, Aarhus, Odense, Aalborg get more of everything


_FOLDED: dict[str, str | int | None] = {"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "ü": "u"}


def slug(text: str) -> str:
    """'Lyngby-Taarbæk' → 'lyngby-taarbaek'; the same rule as the real ids (æ → ae, ø → oe, å → aa)."""
    text = text.casefold().translate(str.maketrans(_FOLDED))
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def parse_size(size: str | int) -> int:
    """'national' → 15500, '5000' → 5000; at least 3 records (a policy, a contact, an offer)."""
    value = SIZES.get(str(size).strip().lower()) or int(str(size).replace("_", "").replace(".", ""))
    if value < 3:
        raise ValueError("størrelsen skal være mindst 3 poster")
    return value


def record_counts(size: int) -> dict[str, int]:
    """How many policies, contacts and offers a size holds, in the national proportions."""
    total = sum(NATIONAL.values())
    policies = max(1, round(size * NATIONAL["policies"] / total))
    contacts = max(1, round(size * NATIONAL["contacts"] / total))
    return {"policies": policies, "contacts": contacts, "offers": max(1, size - policies - contacts)}


def apportion(total: int, weights: list[float], minimum: int = 0) -> list[int]:
    """Split `total` over `weights` (largest remainder), each share at least `minimum` when there is room."""
    base = [minimum] * len(weights) if total >= minimum * len(weights) else [0] * len(weights)
    rest = total - sum(base)
    raw = [rest * w / sum(weights) for w in weights]
    shares = [int(r) for r in raw]
    order = sorted(range(len(weights)), key=lambda i: (-(raw[i] - shares[i]), i))
    for i in order[: rest - sum(shares)]:
        shares[i] += 1
    return [b + s for b, s in zip(base, shares, strict=True)]


# --- text ---------------------------------------------------------------------------------------

TOPICS = {
    "bolig": (
        "et sted at bo",
        "en stabil bolig",
        "bostøtte i egen bolig",
        "boligsociale indsatser",
        "vejen ud af hjemløshed",
    ),
    "beskaeftigelse": (
        "en meningsfuld hverdag",
        "job og uddannelse",
        "praktik og frivilligt arbejde",
        "beskyttet beskæftigelse",
    ),
    "sundhed": (
        "lige adgang til sundhed",
        "behandling af fysisk sygdom",
        "tandpleje og forebyggelse",
        "mental sundhed",
    ),
    "misbrug": (
        "behandling af misbrug",
        "skadesreduktion",
        "et liv med mindre alkohol",
        "hjælp til at stoppe med hash",
    ),
    "psykiatri": ("samarbejdet med psykiatrien", "støtte ved psykiske vanskeligheder", "recovery efter sindslidelse"),
    "faellesskab": (
        "fællesskaber og netværk",
        "mindre ensomhed",
        "deltagelse i foreningslivet",
        "relationer til andre",
    ),
    "paaroerende": ("pårørende som ressource", "støtte til pårørende", "dialogen med familien"),
    "recovery": ("borgerens egen recoveryproces", "håb og mestring", "borgerens ressourcer og drømme"),
    "forebyggelse": ("en tidlig indsats", "den mindst indgribende hjælp", "forebyggelse af udsathed"),
    "samarbejde": (
        "sammenhængende indsatser",
        "samarbejdet på tværs af forvaltninger",
        "koordinationen med civilsamfundet",
    ),
    "medinddragelse": ("borgerens indflydelse", "borgeren som ekspert i eget liv", "dialog og respekt"),
    "faglighed": ("metoder, der virker", "faglig kvalitet og opfølgning", "medarbejdernes kompetencer"),
    "unge": ("unge i udsatte positioner", "overgangen fra ung til voksen", "unges uddannelse og trivsel"),
}
GROUPS = (
    "borgere i udsatte positioner",
    "borgere i hjemløshed",
    "borgere med et misbrug",
    "borgere med psykiske vanskeligheder",
    "ensomme borgere",
    "unge voksne",
    "pårørende",
    "kvinder udsat for vold",
    "borgere uden job",
)
ACTORS = (
    "kommunen",
    "socialafdelingen",
    "vi",
    "medarbejderne",
    "byrådet",
    "udsatterådet",
    "civilsamfundet",
    "de frivillige",
)
SENTENCES = (
    "{actor} arbejder for {topic} for {group}.",
    "Vi vil styrke {topic}, så flere {group} får hjælp i tide.",
    "{topic} kræver, at {actor} samarbejder tæt med borgeren.",
    "Indsatsen tager udgangspunkt i {topic} og i borgerens egne ønsker.",
    "Det er vigtigt, at {group} oplever {topic} som en naturlig del af hverdagen.",
    "Vi følger op på {topic} hvert år sammen med udsatterådet.",
    "Erfaringer viser, at {topic} gør en forskel for {group}.",
    "Medarbejderne møder borgeren med respekt og arbejder for {topic}.",
    "{actor} ønsker at skabe bedre rammer for {topic}.",
    "Mange {group} har brug for {topic}, men finder ikke selv vej til hjælpen.",
    "Når {actor} lykkes med {topic}, bliver det lettere at skabe et godt liv.",
    "{topic} hænger tæt sammen med {topic2}.",
)
GUIDELINES = (
    "møde borgeren med respekt og nysgerrighed",
    "tage udgangspunkt i borgerens egne mål",
    "give den mindst indgribende hjælp, der virker",
    "samarbejde på tværs af forvaltninger",
    "inddrage pårørende, når borgeren ønsker det",
    "følge op, når borgeren skifter tilbud",
    "bruge metoder, der har vist sig at virke",
    "række ud til borgere, der ikke selv henvender sig",
    "skabe fællesskaber sammen med civilsamfundet",
    "gøre det let at få hjælp, også uden for åbningstid",
)
VALUES = (
    "Respekt",
    "Tillid",
    "Helhed",
    "Mod",
    "Ordentlighed",
    "Samarbejde",
    "Selvbestemmelse",
    "Håb",
    "Tilgængelighed",
    "Fællesskab",
    "Nærvær",
    "Ansvar",
)
AREA_TITLES = {
    "bolig": "Et sted at bo",
    "beskaeftigelse": "En meningsfuld hverdag",
    "sundhed": "Lige adgang til sundhed",
    "misbrug": "Hjælp til et liv med mindre misbrug",
    "psykiatri": "Psykisk trivsel",
    "faellesskab": "Fællesskab",
    "paaroerende": "Pårørende som ressource",
    "recovery": "Recovery og håb",
    "forebyggelse": "Tidlig indsats",
    "samarbejde": "Det gode samarbejde",
    "medinddragelse": "Borgeren i centrum",
    "faglighed": "Faglighed, der virker",
    "unge": "Unge på vej",
}
PLACES = (
    "Nord",
    "Syd",
    "Øst",
    "Vest",
    "Centrum",
    "Havnen",
    "Bakken",
    "Engen",
    "Stationen",
    "Torvet",
    "Skoven",
    "Åen",
    "Parken",
    "Kilden",
)
STREETS = (
    "Eksempelvej",
    "Prøvegade",
    "Modelallé",
    "Fiktivstræde",
    "Testvej",
    "Påhitsgade",
    "Opdigtet Plads",
    "Demovej",
    "Skabelonvej",
    "Attrapgade",
)
DISCLAIMER = "Tilbuddet er opdigtet til test af sitet; det findes ikke."


class Writer:
    """Danish stock sentences from a seeded random source: plausible to read and to search, never real."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def topic(self, themes: tuple[str, ...] = ()) -> str:
        """A topic phrase from TOPICS, of one of `themes` (THEMES ids) or of any theme."""
        return self.rng.choice(TOPICS[self.rng.choice(themes or tuple(TOPICS))])

    def sentence(self, themes: tuple[str, ...] = ()) -> str:
        """One stock sentence about `themes`, capitalised, ending in a full stop."""
        text = self.rng.choice(SENTENCES).format(
            actor=self.rng.choice(ACTORS), group=self.rng.choice(GROUPS), topic=self.topic(themes), topic2=self.topic()
        )
        return text[0].upper() + text[1:]

    def paragraph(self, themes: tuple[str, ...] = (), sentences: tuple[int, int] = (2, 4)) -> str:
        """Between `sentences[0]` and `sentences[1]` sentences (inclusive) joined by spaces."""
        return " ".join(self.sentence(themes) for _ in range(self.rng.randint(*sentences)))

    def paragraphs(self, themes: tuple[str, ...] = (), count: tuple[int, int] = (1, 3)) -> list[str]:
        """Between `count[0]` and `count[1]` paragraphs (inclusive)."""
        return [self.paragraph(themes) for _ in range(self.rng.randint(*count))]

    def goal(self, themes: tuple[str, ...]) -> str:
        """One goal of a policy as a Danish sentence: a group and a topic of one of `themes`."""
        verb = self.rng.choice(
            (
                "Flere {g} oplever {t}.",
                "Færre {g} står uden {t}.",
                "Alle {g} kender vejen til {t}.",
                "{G} får {t} hurtigere end i dag.",
            )
        )
        group = self.rng.choice(GROUPS)
        return verb.format(g=group, G=group[0].upper() + group[1:], t=self.topic(themes))

    def guidelines(self, count: tuple[int, int] = (3, 6)) -> list[str]:
        """Between `count[0]` and `count[1]` different GUIDELINES, in random order."""
        return self.rng.sample(GUIDELINES, self.rng.randint(*count))


# --- records ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OfferTemplate:
    """A kind of offer as Serviceloven and Tilbudsportalen know it, with plausible facets."""

    key: str
    name: str
    kinds: tuple[str, ...]
    legal_basis: tuple[str, ...]
    target_groups: tuple[str, ...]
    problems: tuple[str, ...]
    access: tuple[str, ...]
    themes: tuple[str, ...]
    weight: float
    provider_sector: str = "kommune"
    residential: bool = False
    confidential: bool = False
    methods: tuple[str, ...] = ()
    ages: tuple[int | None, int | None] = (18, None)


OFFER_TEMPLATES = (
    OfferTemplate(
        "vaerested",
        "Værested",
        ("samvaer", "dag"),
        ("sel-104",),
        ("voksne",),
        ("ensomhed", "hjemloeshed", "alkoholmisbrug"),
        ("uden-visitation", "anonym"),
        ("faellesskab", "recovery"),
        12,
    ),
    OfferTemplate(
        "varmestue",
        "Varmestue",
        ("samvaer", "dag"),
        ("sel-104",),
        ("voksne",),
        ("hjemloeshed", "stofmisbrug", "alkoholmisbrug", "fattigdom"),
        ("uden-visitation", "anonym"),
        ("bolig", "faellesskab"),
        6,
    ),
    OfferTemplate(
        "forsorgshjem",
        "Forsorgshjem",
        ("bo",),
        ("sel-110",),
        ("voksne",),
        ("hjemloeshed", "stofmisbrug", "sindslidelse"),
        ("uden-visitation",),
        ("bolig",),
        4,
        residential=True,
    ),
    OfferTemplate(
        "krisecenter",
        "Krisecenter for kvinder",
        ("bo",),
        ("sel-109",),
        ("kvinder",),
        ("vold",),
        ("uden-visitation",),
        ("bolig", "forebyggelse"),
        1.2,
        residential=True,
        confidential=True,
    ),
    OfferTemplate(
        "mandecenter",
        "Krisecenter for mænd",
        ("bo",),
        ("sel-109",),
        ("maend",),
        ("vold",),
        ("uden-visitation",),
        ("bolig",),
        0.3,
        residential=True,
        confidential=True,
    ),
    OfferTemplate(
        "bostoette",
        "Bostøtteteam",
        ("ambulant",),
        ("sel-85",),
        ("voksne",),
        ("sindslidelse", "hjemloeshed", "ensomhed"),
        ("visiteret",),
        ("bolig", "recovery"),
        12,
    ),
    OfferTemplate(
        "housing-first",
        "Housing First-team",
        ("ambulant",),
        ("sel-85a", "sel-85"),
        ("voksne",),
        ("hjemloeshed", "dobbeltdiagnose"),
        ("visiteret",),
        ("bolig",),
        4,
        methods=("Housing First", "Critical Time Intervention"),
    ),
    OfferTemplate(
        "midlertidigt-botilbud",
        "Midlertidigt botilbud",
        ("bo",),
        ("sel-107",),
        ("voksne",),
        ("sindslidelse", "dobbeltdiagnose"),
        ("visiteret",),
        ("bolig", "psykiatri"),
        5,
        residential=True,
    ),
    OfferTemplate(
        "laengerevarende-botilbud",
        "Længerevarende botilbud",
        ("bo",),
        ("sel-108",),
        ("voksne",),
        ("sindslidelse",),
        ("visiteret",),
        ("bolig", "psykiatri"),
        3,
        residential=True,
    ),
    OfferTemplate(
        "rusmiddelcenter",
        "Rusmiddelcenter",
        ("behandling", "ambulant"),
        ("sel-101", "sul-141"),
        ("voksne", "paaroerende"),
        ("stofmisbrug", "alkoholmisbrug"),
        ("uden-visitation",),
        ("misbrug", "sundhed"),
        6,
        methods=("Motivational Interviewing",),
    ),
    OfferTemplate(
        "anonym-behandling",
        "Anonym stofbehandling",
        ("behandling",),
        ("sel-101a",),
        ("unge", "voksne"),
        ("stofmisbrug",),
        ("anonym", "uden-visitation"),
        ("misbrug", "unge"),
        3,
        ages=(15, 30),
    ),
    OfferTemplate(
        "gadeteam",
        "Gadeteam",
        ("opsoegende",),
        ("sel-99",),
        ("voksne",),
        ("hjemloeshed", "stofmisbrug", "prostitution"),
        ("opsoegende",),
        ("bolig", "sundhed"),
        5,
    ),
    OfferTemplate(
        "vaerksted",
        "Værksted og beskyttet beskæftigelse",
        ("beskaeftigelse", "dag"),
        ("sel-103",),
        ("voksne",),
        ("ledighed", "sindslidelse"),
        ("visiteret",),
        ("beskaeftigelse",),
        6,
    ),
    OfferTemplate(
        "raadgivning",
        "Social rådgivning",
        ("raadgivning",),
        ("sel-10", "sel-12"),
        ("voksne", "paaroerende"),
        ("fattigdom", "ledighed", "hjemloeshed"),
        ("uden-visitation", "anonym"),
        ("forebyggelse",),
        8,
    ),
    OfferTemplate(
        "gruppeforloeb",
        "Gruppeforløb",
        ("ambulant", "samvaer"),
        ("sel-82a-d",),
        ("voksne",),
        ("ensomhed", "sindslidelse"),
        ("uden-visitation",),
        ("forebyggelse", "faellesskab"),
        6,
    ),
    OfferTemplate(
        "paaroerendegruppe",
        "Pårørendegruppe",
        ("samvaer", "raadgivning"),
        ("sel-12",),
        ("paaroerende",),
        ("stofmisbrug", "sindslidelse"),
        ("uden-visitation",),
        ("paaroerende",),
        4,
    ),
    OfferTemplate(
        "noedovernatning",
        "Nødovernatning",
        ("bo",),
        ("sel-80",),
        ("voksne",),
        ("hjemloeshed",),
        ("uden-visitation",),
        ("bolig",),
        2,
        residential=True,
    ),
    OfferTemplate(
        "sundhedsklinik",
        "Sundhedsklinik for udsatte",
        ("behandling", "opsoegende"),
        (),
        ("voksne",),
        ("sundhed", "stofmisbrug"),
        ("uden-visitation", "anonym"),
        ("sundhed",),
        3,
        provider_sector="sundhed",
    ),
    OfferTemplate(
        "frivilligcafe",
        "Frivilligcafé",
        ("samvaer",),
        ("sel-18",),
        ("voksne",),
        ("ensomhed", "fattigdom"),
        ("uden-visitation", "anonym"),
        ("faellesskab",),
        7,
        provider_sector="civilsamfund",
    ),
    OfferTemplate(
        "ungeindsats",
        "Ungeindsats",
        ("ambulant", "raadgivning"),
        ("sel-82a-d", "sel-85"),
        ("unge",),
        ("ledighed", "stofmisbrug", "sindslidelse"),
        ("uden-visitation", "visiteret"),
        ("unge",),
        4,
        ages=(18, 30),
    ),
    OfferTemplate(
        "praktisk-hjaelp",
        "Praktisk hjælp i hjemmet",
        ("ambulant",),
        ("sel-83",),
        ("voksne",),
        ("sindslidelse", "sundhed"),
        ("visiteret",),
        ("bolig",),
        2,
    ),
    OfferTemplate(
        "boligsocial",
        "Boligsocial støtte",
        ("ambulant", "opsoegende"),
        (),
        ("voksne",),
        ("fattigdom", "ensomhed"),
        ("uden-visitation",),
        ("bolig", "faellesskab"),
        3,
        provider_sector="bolig",
    ),
)

# Contacts of a municipality after its own organisation: (key, name, kind, sector, parent, weight).
CONTACT_TEMPLATES = (
    ("socialcenter", "Socialcenter", "enhed", "kommune", "org", 10),
    ("bostoetteteam", "Bostøtteteamet", "enhed", "kommune", "org", 6),
    ("rusmiddelcenter", "Rusmiddelcentret", "enhed", "kommune", "org", 5),
    ("jobcenter", "Jobcentrets udsatteteam", "enhed", "kommune", "org", 4),
    ("socialsygeplejerske", "Socialsygeplejerske", "rolle", "kommune", "unit", 5),
    ("gadeplansmedarbejder", "Gadeplansmedarbejder", "rolle", "kommune", "unit", 5),
    ("mentor", "Mentorkorpset", "rolle", "kommune", "unit", 3),
    ("udsatteraad", "Udsatterådet", "raad", "kommune", "org", 2),
    ("frivilligforening", "Foreningen Fællesskab", "organisation", "civilsamfund", None, 8),
    ("frivilliggruppe", "Frivilliggruppen", "enhed", "civilsamfund", "civil", 3),
    ("boligselskab", "Boligselskabet Eksempelbo", "organisation", "bolig", None, 3),
    ("boligsocial", "Boligsocial medarbejder", "rolle", "bolig", "bolig", 2),
    ("laegehus", "Lægehuset", "organisation", "sundhed", None, 3),
)


class Generator:
    """Builds every record in memory; `write` puts them on disk."""

    def __init__(self, seed: int, size: int, anchor: date | None = None):
        self.rng = random.Random(f"udsatte-syntetisk:{seed}:{size}")
        self.text = Writer(self.rng)
        self.seed, self.size = seed, size
        self.anchor = min(anchor or ANCHOR, today_in_denmark())
        self.counts = record_counts(size)
        self.phone_serial = 0
        self.confidential_serial = 0
        self.internal_phones = 0
        self.municipalities: list[dict] = []
        self.policies: list[dict] = []
        self.contacts: list[dict] = []
        self.offers: list[dict] = []

    # --- small helpers ---
    def when(self, max_days: int | None = None) -> date:
        """A verification date up to `max_days` days before the anchor date (by default mostly 240, else 540)."""
        if max_days is None:
            max_days = 240 if self.rng.random() < 0.9 else 540
        return self.anchor - timedelta(days=self.rng.randint(0, max_days))

    def phone(self, public: bool = True, kind: str = "hovednummer") -> dict:
        """A phone record (YAML mapping) with a number that cannot be real.

        Public numbers start '00 00', internal ones INTERNAL_PHONE_PREFIX; `kind` is a PHONE_KINDS id. No number
        comes twice in a data set.
        """
        self.phone_serial += 1
        digits = f"{self.phone_serial % 10000:04d}"
        prefix = "00 00" if public else INTERNAL_PHONE_PREFIX
        phone: dict[str, Any] = {"number": f"{prefix} {digits[:2]} {digits[2:]}", "kind": kind}
        if kind == "doegnvagt":
            phone["opening_hours"] = "Hele døgnet"
        elif public:
            phone["opening_hours"] = self.rng.choice(("Mandag-fredag 9-15", "Mandag-torsdag 10-14", "Hverdage 8-12"))
        if not public:
            phone.update(description="Kun for samarbejdspartnere (syntetisk)", public=False)
        return phone

    def address(self, municipality: dict) -> dict:
        """A made-up street address (YAML mapping) in `municipality` (a generated municipality record)."""
        return {
            "street": f"{self.rng.choice(STREETS)} {self.rng.randint(1, 199)}",
            "postal_code": municipality["kommunekode"],
            "city": municipality["name"],
        }

    def confidential_address(self, municipality: dict) -> dict:
        """A numbered address on CONFIDENTIAL_STREET, which the public view must never publish."""
        self.confidential_serial += 1
        return {
            "street": f"{CONFIDENTIAL_STREET} {self.confidential_serial}",
            "postal_code": municipality["kommunekode"],
            "city": municipality["name"],
        }

    # --- the whole data set ---
    def generate(self) -> Generator:
        """Build every record of the data set in memory (municipalities, policies, contacts, offers); self."""
        weights = [LARGE.get(code, 1.0) * self.rng.lognormvariate(0, 0.5) for code, _, _ in MUNICIPALITIES]
        for code, name, region in MUNICIPALITIES:
            self.municipalities.append(
                {
                    "id": slug(name),
                    "name": name,
                    "kommunekode": f"{code:04d}",
                    "region": region,
                    "website": f"https://example.invalid/kommune/{slug(name)}",
                }
            )
        regional = 5 if self.counts["contacts"] >= 50 else 0
        active = min(len(MUNICIPALITIES), max(1, (self.counts["contacts"] - regional) // 3))
        chosen = sorted(range(len(MUNICIPALITIES)), key=lambda i: -weights[i])[:active]
        chosen.sort()
        active_weights = [weights[i] for i in chosen]
        policy_shares = apportion(self.counts["policies"], active_weights)
        contact_shares = apportion(self.counts["contacts"] - regional, active_weights, minimum=1)
        offer_shares = apportion(self.counts["offers"], active_weights)

        regions = sorted({region for _, _, region in MUNICIPALITIES})
        region_contacts = {region: self.regional_contact(region) for region in regions[:regional]}
        self.contacts.extend(region_contacts.values())

        for i, policies, contacts, offers in zip(chosen, policy_shares, contact_shares, offer_shares, strict=True):
            municipality = self.municipalities[i]
            own_policies = [self.policy(municipality, n) for n in range(1, policies + 1)]
            self.link_policies(own_policies)
            own_contacts = self.municipality_contacts(municipality, contacts)
            regional_contact = region_contacts.get(municipality["region"])
            own_offers = [
                self.offer(municipality, n, own_policies, own_contacts, regional_contact) for n in range(1, offers + 1)
            ]
            self.policies.extend(own_policies)
            self.contacts.extend(own_contacts)
            self.offers.extend(own_offers)
        return self

    # --- policies ---
    def policy(self, municipality: dict, n: int) -> dict:
        """The `n`th policy of `municipality` as a YAML mapping, valid against models.Policy."""
        w, rng = self.text, self.rng
        kind = rng.choice(("politik", "strategi"))
        start = date(self.anchor.year - rng.randint(0, 6), rng.choice((1, 4, 7)), 1)
        end = date(start.year + rng.randint(2, 4), 12, 31)
        themes = rng.sample(sorted(TOPICS), rng.randint(3, 6))
        name = municipality["name"]
        title = f"{'Udsattepolitik' if kind == 'politik' else 'Strategi for udsatte borgere'} {start.year}–{end.year}"
        policy_id = f"{municipality['id']}-syn-{kind}-{n}"
        areas = []
        for theme in themes:
            area_themes = tuple(dict.fromkeys([theme, *rng.sample(sorted(TOPICS), rng.randint(0, 2))]))
            area: dict[str, Any] = {
                "id": slug(AREA_TITLES[theme]),
                "title": AREA_TITLES[theme],
                "themes": list(area_themes),
                "summary": w.sentence(area_themes),
                "paragraphs": w.paragraphs(area_themes, (1, 2)),
                "why_intro": "Fokusområdet er vigtigt, fordi",
                "why": [w.sentence(area_themes) for _ in range(3)],
                "vision": [w.paragraph(area_themes)],
                "goals_intro": "Vi når målene ved at:",
                "goals": [w.goal(area_themes) for _ in range(rng.randint(3, 5))],
                "guidelines_intro": "Retningslinjerne for vores arbejde er derfor at...",
                "guidelines": w.guidelines(),
            }
            if rng.random() < 0.6:
                area["indicators"] = {
                    "heading": f"Pejlemærker for {AREA_TITLES[theme].lower()}",
                    "items": [w.goal(area_themes) for _ in range(rng.randint(2, 4))],
                }
            areas.append(area)
        policy: dict[str, Any] = {
            "id": policy_id,
            "kind": kind,
            "title": f"{title} for {name} Kommune{SUFFIX}",
            "slogan": rng.choice(
                ("Sammen om et godt liv", "Plads til alle", "Vi finder løsninger sammen", "Et liv med mening")
            )
            + SUFFIX,
            "municipality": municipality["id"],
            "valid_from": start,
            "valid_to": end,
            "adopted_by": f"{name} Byråd{SUFFIX}",
            "adopted": f"{start.year - 1}-{rng.randint(9, 12):02d}",
            "summary": f"En opdigtet {kind} for {name} Kommune til test af sitet, med "
            f"{len(areas)} fokusområder. {w.sentence(tuple(themes))}",
            "preface": {
                "paragraphs": w.paragraphs(tuple(themes), (2, 4)),
                "signatories": [{"role": "Formand for Socialudvalget (syntetisk)"}],
            },
            "vision": {"paragraphs": [w.paragraph(tuple(themes))]},
            "values": [
                {
                    "heading": "Vores værdier",
                    "items": [
                        {"title": value, "summary": w.sentence(tuple(themes))}
                        for value in rng.sample(VALUES, rng.randint(3, 5))
                    ],
                }
            ],
            "target_group": {
                "heading": "Hvem er politikken for?",
                "age_min": 18,
                "paragraphs": w.paragraphs(tuple(themes), (1, 2)),
                "challenges_intro": "Man kan blive udsat af mange grunde, fx:",
                "challenges": [w.topic() for _ in range(4)],
            },
            "focus_areas": {"heading": "Fokusområder", "paragraphs": [w.paragraph(tuple(themes))], "areas": areas},
        }
        if rng.random() < 0.3:
            policy["stories"] = {
                "heading": "Historier",
                "items": [
                    {
                        "title": "En opdigtet fortælling",
                        "narrator": "En borger (opdigtet)",
                        "paragraphs": w.paragraphs(tuple(themes), (2, 3)),
                        "anonymised": True,
                    }
                ],
            }
        if rng.random() < 0.4:
            policy["facts"] = {
                "items": [
                    {"text": w.sentence(tuple(themes)), "source": "Syntetisk kilde"} for _ in range(rng.randint(2, 4))
                ]
            }
        policy["follow_up"] = {
            "paragraphs": [w.sentence(("faglighed",))],
            "annual_action_plan": rng.random() < 0.5,
            "annual_status": True,
            "council": f"Udsatterådet i {name} Kommune{SUFFIX}",
        }
        policy["source"] = {
            "title": policy["title"],
            "publisher": f"Syntetiske testdata{SUFFIX}",
            "transcription": "hele",
            "url": f"https://example.invalid/{municipality['id']}/{policy_id}.pdf",
            "note": "Dokumentet findes ikke; politikken er genereret til test af sitet.",
        }
        return policy

    def link_policies(self, policies: list[dict]) -> None:
        """Each policy after the first names the one before it as related: references between policies."""
        for earlier, later in itertools.pairwise(policies):
            later["related_policies"] = {"items": [{"title": earlier["title"], "policy": earlier["id"]}]}

    # --- contacts ---
    def regional_contact(self, region: str) -> dict:
        """The region's psychiatry as a contact (YAML mapping) serving the whole `region` (a REGIONS name)."""
        return {
            "id": f"{slug(region)}-syn-psykiatri",
            "name": f"{region}, psykiatrien{SUFFIX}",
            "kind": "organisation",
            "sector": "region",
            "service_area": {"kind": "region", "region": region},
            "summary": f"Den regionale psykiatri i {region}, opdigtet til test af sitet.",
            "phones": [self.phone(kind="doegnvagt")],
            "email": f"psykiatri@{slug(region)}.example.invalid",
            "website": f"https://example.invalid/{slug(region)}/psykiatri",
            "last_verified": self.when(),
        }

    def municipality_contacts(self, municipality: dict, count: int) -> list[dict]:
        """`count` contacts of `municipality` as YAML mappings.

        Its own organisation comes first (with an internal phone in the first municipality and about one in twenty
        others), then units and partners from CONTACT_TEMPLATES.
        """
        rng, mid, name = self.rng, municipality["id"], municipality["name"]
        org = {
            "id": f"{mid}-syn-kommune",
            "name": f"{name} Kommune, socialforvaltningen{SUFFIX}",
            "kind": "organisation",
            "sector": "kommune",
            "municipality": mid,
            "summary": f"Socialforvaltningen i {name} Kommune, opdigtet til test af sitet.",
            "description": self.text.paragraphs(("samarbejde",), (1, 2)),
            "phones": [self.phone()],
            "email": f"social@{mid}.example.invalid",
            "secure_mail": f"Send sikker post via Digital Post til {name} Kommune{SUFFIX}.",
            "address": self.address(municipality),
            "website": f"https://example.invalid/{mid}/social",
            "last_verified": self.when(),
        }
        if self.internal_phones == 0 or rng.random() < 0.05:
            self.internal_phones += 1  # every data set has an internal number, which must never be published
            org["phones"].append(self.phone(public=False, kind="direkte"))
        contacts = [org]
        parents = {"org": [org], "unit": [], "civil": [], "bolig": []}
        names = [t[0] for t in CONTACT_TEMPLATES]
        weights = [t[5] for t in CONTACT_TEMPLATES]
        for n in range(2, count + 1):
            key, label, kind, sector, parent_key, _ = CONTACT_TEMPLATES[names.index(rng.choices(names, weights)[0])]
            candidates = (
                parents["org"] if parent_key == "unit" and not parents["unit"] else parents.get(parent_key or "", [])
            )
            parent = rng.choice(candidates) if candidates else None
            place = rng.choice(PLACES)
            contact: dict[str, Any] = {
                "id": f"{mid}-syn-{key}-{n}",
                "name": f"{label} {place}{SUFFIX}",
                "kind": kind,
                "sector": sector,
                "municipality": mid,
                "summary": f"{label} {place} i {name}, opdigtet til test af sitet.",
                "description": self.text.paragraphs(count=(0, 2)),
            }
            if parent is not None:
                contact["parent"] = parent["id"]
            if kind != "raad":
                contact["phones"] = [self.phone()] + ([self.phone(kind="sms")] if rng.random() < 0.2 else [])
                contact["email"] = f"{key}-{n}@{mid}.example.invalid"
            if kind in ("organisation", "enhed"):
                contact["address"] = self.address(municipality)
                contact["website"] = f"https://example.invalid/{mid}/{key}-{n}"
            contact["last_verified"] = self.when()
            contacts.append(contact)
            if kind == "enhed" and sector == "kommune":
                parents["unit"].append(contact)
            elif kind == "organisation" and sector in ("civilsamfund", "bolig"):
                parents["civil" if sector == "civilsamfund" else "bolig"].append(contact)
        return contacts

    # --- offers ---
    def offer(
        self, municipality: dict, n: int, policies: list[dict], contacts: list[dict], regional_contact: dict | None
    ) -> dict:
        """The `n`th offer of `municipality` as a YAML mapping, from a random OFFER_TEMPLATES entry.

        It names some of the `policies`' focus areas and of the `contacts` (and the `regional_contact`, if any);
        the data set's first offer has a confidential address.
        """
        rng, w, mid = self.rng, self.text, municipality["id"]
        template = rng.choices(OFFER_TEMPLATES, [t.weight for t in OFFER_TEMPLATES])[0]
        if not self.offers and n == 1:
            template = next(t for t in OFFER_TEMPLATES if t.confidential)  # every data set has a secret address
        place = rng.choice(PLACES)
        name = f"{template.name} {place}"
        offer: dict[str, Any] = {"id": f"{mid}-syn-{template.key}-{n}", "name": name + SUFFIX}
        if rng.random() < 0.1:
            offer["alternate_name"] = "".join(word[0] for word in name.split()).upper() + SUFFIX
        status = rng.choices(("aktiv", "midlertidigt-lukket", "lukket"), (92, 5, 3))[0]
        if status != "aktiv":
            offer["status"] = status
            offer["status_note"] = (
                "Lukket i en periode på grund af ombygning (opdigtet)."
                if status != "lukket"
                else "Tilbuddet er lukket (opdigtet)."
            )
        offer["summary"] = (
            f"{template.name} i {municipality['name']} for {rng.choice(GROUPS)}. {w.sentence(template.themes)}"
        )
        offer["description"] = [DISCLAIMER, *w.paragraphs(template.themes, (1, 3))]
        offer["municipality"] = mid
        providers = [
            c for c in contacts if c["sector"] == template.provider_sector and c["kind"] in ("organisation", "enhed")
        ]
        provider = rng.choice(providers or [c for c in contacts if c["kind"] in ("organisation", "enhed")])
        offer["provider"] = provider["id"]
        offer["kinds"] = list(template.kinds)
        if template.methods:
            offer["methods"] = list(template.methods)
        if template.legal_basis:
            offer["legal_basis"] = rng.sample(template.legal_basis, rng.randint(1, len(template.legal_basis)))
        offer["target_groups"] = list(template.target_groups)
        offer["problems"] = rng.sample(template.problems, rng.randint(1, len(template.problems)))
        age_min, age_max = template.ages
        if age_min is not None:
            offer["age_min"] = age_min
        if age_max is not None:
            offer["age_max"] = age_max
        offer["eligibility"] = f"For {rng.choice(GROUPS)} i {municipality['name']} Kommune (opdigtet)."
        offer["access"] = rng.sample(template.access, rng.randint(1, len(template.access)))
        offer["how_to_access"] = [
            rng.choice(
                (
                    "Ring til tilbuddet og aftal en første samtale.",
                    "Kom forbi i åbningstiden.",
                    "Bed din sagsbehandler om en henvisning.",
                    "Skriv til tilbuddet, så ringer vi tilbage.",
                )
            ),
            w.sentence(template.themes),
        ]
        offer["locations"] = [self.location(municipality, template)]
        if not template.confidential and rng.random() < 0.1:
            offer["locations"].append(self.location(municipality, template))
        offer["cost"] = "Gratis" if not template.residential else "Egenbetaling efter indtægt (opdigtet)"
        offer["languages"] = ["da"] + rng.sample(("en", "ar", "tr", "uk", "pl", "so"), rng.choice((0, 0, 1, 2)))
        if template.residential:
            places = rng.randint(4, 60)
            offer["capacity"] = {"places": places, "available": rng.randint(0, places // 4), "updated": self.when(90)}
        people = [c for c in contacts if c["kind"] in ("rolle", "enhed") and c is not provider]
        chosen = [provider["id"]] + ([rng.choice(people)["id"]] if people and rng.random() < 0.5 else [])
        if regional_contact and "behandling" in template.kinds and rng.random() < 0.5:
            chosen.append(regional_contact["id"])
        offer["contacts"] = chosen
        offer["website"] = f"https://example.invalid/{mid}/{template.key}-{n}"
        areas = [(p, a) for p in policies for a in p["focus_areas"]["areas"] if set(a["themes"]) & set(template.themes)]
        if areas:
            picked = rng.sample(areas, min(len(areas), rng.randint(0, 2)))
            if picked:
                offer["focus_areas"] = [f"{p['id']}/{a['id']}" for p, a in picked]
                offer["sources"] = [
                    {"title": p["title"], "policy": p["id"]} for p in {p["id"]: p for p, _ in picked}.values()
                ]
        if rng.random() < 0.95:
            offer["last_verified"] = self.when()
            offer["verified_by"] = rng.choice(("Socialafdelingen", "Tilbuddets leder", "Redaktionen")) + SUFFIX
        return offer

    def location(self, municipality: dict, template: OfferTemplate) -> dict:
        """One location of an offer of `template` as a YAML mapping, in `municipality`.

        It has opening hours and a public address, or a secret one for a confidential template.
        """
        rng = self.rng
        if template.residential:
            hours = [
                {
                    "days": ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "loerdag", "soendag"],
                    "opens": "00:00",
                    "closes": "24:00",
                }
            ]
        else:
            opens = rng.choice(("08:00", "09:00", "10:00"))
            hours = [
                {
                    "days": ["mandag", "tirsdag", "onsdag", "torsdag", "fredag"],
                    "opens": opens,
                    "closes": rng.choice(("14:00", "15:00", "16:00")),
                }
            ]
            if rng.random() < 0.3:
                hours.append({"days": ["loerdag"], "opens": "10:00", "closes": "13:00", "note": "Kun i lige uger"})
        if template.confidential:
            return {
                "name": f"{template.name} {rng.choice(PLACES)}{SUFFIX}",
                "confidential": True,
                "address": self.confidential_address(municipality),
                "opening_hours": hours,
            }
        location: dict[str, Any] = {
            "name": f"{template.name} {rng.choice(PLACES)}{SUFFIX}",
            "address": self.address(municipality),
            "opening_hours": hours,
        }
        if rng.random() < 0.5:
            location["accessibility"] = rng.choice(
                (
                    "Niveaufri adgang og handicaptoilet",
                    "Elevator til alle etager",
                    "Trappe til indgangen; ring på, så hjælper vi",
                )
            )
        return location

    # --- output ---
    def write(self, out: Path) -> dict[str, int]:
        """Write the data set as YAML files below `out`, with the reference tables and a marker file.

        Returns the number of records written per folder. Raises ValueError if `out` holds anything but an
        earlier synthetic data set (`prepare`).
        """
        prepare(out)
        header = (
            f"# Syntetiske testdata – opdigtet, ikke virkelige oplysninger. Genereret af\n"
            f"# python -m macros generate --seed {self.seed} --size {self.size}. Ret ikke i hånden.\n"
        )
        for folder, records in (
            ("municipalities", self.municipalities),
            ("policies", self.policies),
            ("contacts", self.contacts),
            ("offers", self.offers),
        ):
            (out / folder).mkdir(parents=True, exist_ok=True)
            for record in records:
                (out / folder / f"{record['id']}.yaml").write_text(header + dump(record), "utf-8")
        for table in ("vocabularies/legal_bases.yaml", "vocabularies/search_terms.yaml", "about/accessibility.yaml"):
            (out / table).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(SOURCE_ROOT / table, out / table)
        (out / MARKER).write_text(f"seed={self.seed} size={self.size}\n", "utf-8")
        (out / "README.md").write_text(
            "# Syntetiske testdata\n\nAlt her er opdigtet til belastningstest af sitet (kommunerne og deres koder er "
            "de virkelige). Byg sitet af dem med `SITE_DATA_DIR=<denne mappe> mkdocs build`.\n",
            "utf-8",
        )
        return {
            "municipalities": len(self.municipalities),
            "policies": len(self.policies),
            "contacts": len(self.contacts),
            "offers": len(self.offers),
        }


def _clean(value: Any) -> Any:
    """Leave out empty lists and None, as an editor would."""
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items() if v not in (None, [], {})}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def dump(record: dict) -> str:
    """`record` as YAML text (block style, UTF-8 letters, key order kept), empty lists and None left out."""
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(
        _clean(record), Dumper=dumper, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False
    )


def prepare(out: Path) -> None:
    """Empty `out` for a new data set; refuse a folder that holds anything but an earlier synthetic set."""
    out = out.resolve()
    if out.exists() and any(out.iterdir()):
        if not (out / MARKER).is_file():
            raise ValueError(
                f"{out} er ikke tom og er ikke en mappe med syntetiske data; vælg en tom mappe, så "
                "testdata aldrig blandes med de rigtige data"
            )
        for folder in DATA_FOLDERS:
            shutil.rmtree(out / folder, ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)


def generate(out: Path, seed: int = 1, size: str | int = 1000, anchor: date | None = None) -> dict[str, int]:
    """Write a synthetic data root to `out`; return the number of records of each kind."""
    return Generator(seed, parse_size(size), anchor).generate().write(out)


# --- one site per municipality -----------------------------------------------------------------


def _cited_policies(value: Any) -> set[str]:
    """Every `policy: <id>` anywhere in a table."""
    if isinstance(value, dict):
        found = {value["policy"]} if isinstance(value.get("policy"), str) else set()
        return found.union(*(_cited_policies(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(_cited_policies(v) for v in value))
    return set()


def municipality_subset(source: Path, out: Path, municipalities: list[str]) -> dict[str, int]:
    """Copy the records of some municipalities from the data root `source` to a new data root `out`.

    With them go every record they refer to (a provider in another municipality, a regional contact, a related
    policy), the reference tables and the policies those cite: the data for one site per municipality, cut from
    the combined data. Works on any data root, real or synthetic; the files are copied byte for byte.
    Returns the number of records copied per folder. Raises ValueError if `out` is not empty or a municipality
    id is unknown.
    """
    wanted = set(municipalities)
    out = out.resolve()
    if out.exists() and any(out.iterdir()):
        raise ValueError(f"{out} er ikke tom; vælg en ny mappe")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    records: dict[tuple[str, str], dict] = {}
    for folder in ("municipalities", "policies", "contacts", "offers"):
        for file in sorted((source / folder).glob("*.yaml")) if (source / folder).is_dir() else []:
            records[(folder, file.stem)] = yaml.load(file.read_text("utf-8"), Loader=loader) or {}
    unknown = wanted - {rid for folder, rid in records if folder == "municipalities"}
    if unknown:
        raise ValueError(f"ukendte kommuner: {', '.join(sorted(unknown))}")

    def references(folder: str, record: dict) -> list[tuple[str, str]]:
        refs = [("policies", s["policy"]) for s in record.get("sources", ()) if s.get("policy")]
        if record.get("municipality"):
            refs.append(("municipalities", record["municipality"]))
        if folder == "offers":
            refs += [("contacts", c) for c in [record.get("provider"), *record.get("contacts", ())] if c]
            refs += [("policies", ref.split("/")[0]) for ref in record.get("focus_areas", ())]
        elif folder == "contacts" and record.get("parent"):
            refs.append(("contacts", record["parent"]))
        elif folder == "policies":
            refs += [
                ("policies", item["policy"])
                for item in (record.get("related_policies") or {}).get("items", ())
                if item.get("policy")
            ]
        return refs

    keep = {
        key
        for key, record in records.items()
        if (key[0] == "municipalities" and key[1] in wanted) or record.get("municipality") in wanted
    }
    # The tables are copied whole, so what they cite comes along (the glossary cites policies as sources).
    for table in sorted((source / "vocabularies").glob("*.yaml")) + sorted((source / "about").glob("*.yaml")):
        keep |= {
            ("policies", rid)
            for rid in _cited_policies(yaml.load(table.read_text("utf-8"), Loader=loader))
            if ("policies", rid) in records
        }
    todo = list(keep)
    while todo:
        key = todo.pop()
        for ref in references(key[0], records.get(key, {})):
            if ref in records and ref not in keep:
                keep.add(ref)
                todo.append(ref)
    out.mkdir(parents=True, exist_ok=True)
    for folder, rid in sorted(keep):
        (out / folder).mkdir(exist_ok=True)
        shutil.copyfile(source / folder / f"{rid}.yaml", out / folder / f"{rid}.yaml")
    for folder in ("vocabularies", "about"):
        if (source / folder).is_dir():
            shutil.copytree(source / folder, out / folder)
    return {
        folder: sum(1 for f, _ in keep if f == folder)
        for folder in ("municipalities", "policies", "contacts", "offers")
    }
