"""One Danish alphabetical order for every list on the site: the key itself, and the lists as a reader sees them."""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import copy_data, run_build
from sitetext import page, visible

from macros.data.collation import danish_sort_key

# Names as a Danish reader expects them ordered: small and capital letters together, accents folded,
# numbers by value and before letters, then z, æ, ø, å, and aa as å.
DANISH_ORDER = [
    "2 tårne",
    "10 bud",
    "anna",
    "Bo",
    "Émile",
    "Eva",
    "Ulla",
    "Über",
    "Zealand",
    "Ærø",
    "Øst",
    "Åbo",
    "Aalborg",
]


def test_the_key_sorts_the_danish_way():
    shuffled = sorted(DANISH_ORDER, key=lambda s: s[::-1])  # any order that is not the answer
    assert shuffled != DANISH_ORDER
    assert sorted(shuffled, key=danish_sort_key) == DANISH_ORDER


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("anden", "Bo"),  # capitals are not first
        ("Zone", "Ærø"),
        ("Ærø", "Øst"),
        ("Øst", "Åben"),  # æ ø å after z, in that order
        ("Ähre", "Ølstue"),
        ("Ölmann", "Åse"),  # ä as æ, ö as ø
        ("Øst", "Aabenraa"),
        ("Aabenraa", "Åse"),  # aa as å
        ("Ebbe", "Éric"),
        ("Éric", "Ester"),  # é as e
        ("Loven § 10", "Loven § 85"),
        ("Loven § 85", "Loven § 85 a"),
        ("Loven § 85 a", "Loven § 101"),  # by value
        ("9 liv", "Aktiv"),  # numbers before letters
        ("bo", "Bo"),
        ("Bo", "bø"),  # the same word: the small letter first, and never between other words
        ("Sofa – bo", "Sofa-bo"),  # a dash of any kind is a mark, whatever its code point; ties go on
    ],
)
def test_pairs_sort_the_danish_way(before, after):
    assert danish_sort_key(before) < danish_sort_key(after)


def test_equal_keys_only_for_equal_texts():
    texts = ["Bo", "bo", "BO", "bó", "Bø", "Bo ", "Bo-", "Bo–"]
    assert len({danish_sort_key(t) for t in texts}) == len(texts)


# --- every list on the site, built -------------------------------------------------------------------

NAMES = ["Åbo", "Ærø", "Øst", "Aalborg", "Zealand", "anna", "Bo", "Émile"]
EXPECTED = ["anna", "Bo", "Émile", "Zealand", "Ærø", "Øst", "Åbo", "Aalborg"]
CONTACT = "sorteringstest-kontakt"


@pytest.fixture(scope="module")
def sorted_site(tmp_path_factory):
    """The real data plus offers and contacts with names that sort differently in Danish and by code point,
    two municipalities that do (Ærø, Aabenraa), built."""
    data = copy_data(tmp_path_factory.mktemp("collation") / "data")
    for i, stem in enumerate(NAMES):
        offer = {
            "id": f"sorteringstest-tilbud-{i}",
            "name": f"{stem} testtilbud",
            "summary": "Et tilbud til en test.",
            "municipality": "roedovre",
            "kinds": ["samvaer"],
            "legal_basis": ["sel-104"],
            "contacts": [CONTACT],
        }
        contact = {
            "id": f"sorteringstest-kontakt-{i}",
            "name": f"{stem} testkontakt",
            "kind": "enhed",
            "sector": "kommune",
            "municipality": "roedovre",
            "summary": "En kontakt til en test.",
        }
        for folder, record in (("offers", offer), ("contacts", contact)):
            (data / folder / f"{record['id']}.yaml").write_text(yaml.safe_dump(record, allow_unicode=True), "utf-8")
    (data / "contacts" / f"{CONTACT}.yaml").write_text(
        yaml.safe_dump(
            {
                "id": CONTACT,
                "name": "Sorteringstestens kontakt",
                "kind": "enhed",
                "sector": "kommune",
                "municipality": "roedovre",
                "summary": "Kontakten for alle testtilbuddene.",
            },
            allow_unicode=True,
        ),
        "utf-8",
    )
    for municipality_id, name, code in (("aeroe", "Ærø", "0492"), ("aabenraa", "Aabenraa", "0580")):
        (data / "municipalities" / f"{municipality_id}.yaml").write_text(
            yaml.safe_dump({"id": municipality_id, "name": name, "kommunekode": code}, allow_unicode=True), "utf-8"
        )
    site = tmp_path_factory.mktemp("collation-site")
    result = run_build(site, data)
    assert result.returncode == 0, result.stderr[-3000:]
    return site


def order_on(html_text: str, suffix: str) -> list[str]:
    """The test names in the order the page shows them (first appearance in the visible text)."""
    text = visible(html_text)
    found = {stem: text.find(f"{stem} {suffix}") for stem in NAMES}
    assert all(position >= 0 for position in found.values()), found
    return sorted(found, key=found.get)


@pytest.mark.parametrize(
    ("url", "suffix"),
    [
        ("tilbud/lovgrundlag", "testtilbud"),  # the offers under each paragraph
        ("ny-medarbejder/roedovre", "testtilbud"),  # a municipality's start page: its offers ...
        ("ny-medarbejder/roedovre", "testkontakt"),  # ... and its contacts
        ("kontakter", "testkontakt"),  # the contacts index
        (f"kontakter/{CONTACT}", "testtilbud"),  # a contact's offers
        ("tilbud", "testtilbud"),  # the catalogue
    ],
)
def test_lists_on_the_site_sort_the_danish_way(sorted_site, url, suffix):
    assert order_on(page(sorted_site, url), suffix) == EXPECTED


def test_municipalities_sort_the_danish_way(sorted_site):
    text = visible(page(sorted_site, "ny-medarbejder"))
    names = re.findall(r"Ny medarbejder i (\w+) Kommune", text)
    assert names[-2:] == ["Ærø", "Aabenraa"] and names[:4] == ["Ballerup", "Egedal", "Frederiksberg", "Rødovre"]
