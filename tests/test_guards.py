"""The guards hold for every field and every file: a CPR number, a secret or a deceptive link is refused however
it is written (any dash, any space, invisible characters) and wherever it stands (any data folder, any page or
asset in content/, a file name, an id), with a Danish message naming file, line and field, all in one run.

The golden files in fixtures/errors/ (cpr-variants, anonymised-story, invisible-text, deceptive-url) pin the
messages for a policy; this file covers the other places and the neighbours of each fault.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, add_fixture, copy_site, run_build, run_check
from pydantic import ValidationError

from macros.data import models
from macros.data.guards import find_cpr, scan_anonymised
from macros.data.links import url_problem
from macros.data.loader import read_document
from macros.data.public_view import Secret
from macros.data.secret_match import TEXT_SEPARATOR, SecretMatcher
from macros.site import page_guard
from macros.site.page_guard import PageGuard

# --- CPR numbers, written any way ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "010190-1234",
        "0101901234",
        "010190 1234",
        "01.01.90-1234",
        "01.01.90 1234",
        "01 01 90 1234",
        "01/01/90-1234",
        "01-01-90-1234",
        "010190_1234",
        "010190 - 1234",
        "010190\u20131234",  # en dash
        "010190\u20141234",  # em dash
        "010190\u22121234",  # minus sign
        "010190\u20111234",  # non-breaking hyphen
        "010190\u00a01234",  # no-break space
        "010190\u202f1234",  # narrow no-break space
        "010190\u20091234",  # thin space
        "010190\t1234",
        "01\u200b0190-1234",  # a zero-width space inside
        "0101\u00ad90-1234",  # a soft hyphen inside
        "\uff10\uff11\uff10\uff11\uff19\uff10\uff0d\uff11\uff12\uff13\uff14",  # full-width digits and hyphen
    ],
)
def test_a_cpr_number_is_found_however_it_is_written_and_quoted_as_typed(typed):
    assert find_cpr(f"Borgeren ({typed}) ringede.") == [typed]


@pytest.mark.parametrize(
    "text",
    [
        "Ring 36 37 70 00",
        "Ring 36377000",
        "+45 36 37 70 00",
        "Tlf. 3637 7000",
        "den 31.12.2023",
        "2020-01-01",
        "i perioden 2015-2018",
        "kl. 10.00-15.00",
        "2610 Rødovre",
        "CVR 29189870",
        "EAN 5798008535031",
        "01.01.2020-2023",
        "Udsattepolitik 2023-2026",
    ],
)
def test_ordinary_numbers_are_not_taken_for_cpr_numbers(text):
    assert find_cpr(text) == []


# --- Deceptive links ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("https://www.rk.dk@evil.example/", "linket fører til 'evil.example', ikke til 'www.rk.dk'"),
        ("https://user:pass@www.rk.dk/", "'user:pass@' foran værtsnavnet"),
        ("http://www.rk.dk/", "skal begynde med https://"),
        ("HTTP://www.rk.dk/", "skal begynde med https://"),
        ("https://www.r\u043edovre.dk/", "U+043E CYRILLIC SMALL LETTER O"),
        ("https://\uff57\uff57\uff57.rk.dk/", "U+FF57 FULLWIDTH LATIN SMALL LETTER W"),
        ("https://xn--rdovre-nxa.dk/", "punycode"),
        ("https://www.rk.dk/\u202efdp.exe", "U+202E RIGHT-TO-LEFT OVERRIDE på plads 19"),
        ("https://www.rk.dk\u200b/", "U+200B ZERO WIDTH SPACE"),
        ("https://www.rk.dk/\u2066x", "U+2066 LEFT-TO-RIGHT ISOLATE"),
        ("https://evil.example\\@www.rk.dk/", "omvendt skråstreg"),
        ("javascript:alert(1)", "skal være en webadresse, der begynder med https://"),
        ("https://127.0.0.1/", "ikke et værtsnavn"),
    ],
)
def test_a_deceptive_link_is_refused_in_every_url_field_with_a_danish_reason(url, says):
    assert says in url_problem(url)
    for model, data in [
        (models.Municipality, {"id": "x", "name": "X", "kommunekode": 175, "website": url}),
        (models.SourceDocument, {"title": "T", "publisher": "P", "url": url}),
    ]:
        with pytest.raises(ValidationError, match=r"webadresse|værtsnavn|https://"):
            model.model_validate(data)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.rk.dk/",
        "https://www.rk.dk/borger/sundhed-og-ældre?x=1#top",
        "https://www.frederiksberg.dk:443/",
        "https://rk.dk",
    ],
)
def test_an_honest_link_passes(url):
    assert url_problem(url) is None


# --- Invisible and look-alike characters in free text ------------------------------------------------------------


@pytest.mark.parametrize(
    "char",
    [
        "\u202e",
        "\u202d",
        "\u202a",
        "\u2066",
        "\u2067",
        "\u2068",
        "\u200e",
        "\u200f",
        "\u200b",
        "\u200c",
        "\u200d",
        "\u2060",
        "\ufeff",
        "\U000e0041",
    ],
)
def test_an_invisible_character_is_refused_in_any_text_field_naming_it(char):
    import unicodedata

    with pytest.raises(ValidationError) as exc:
        models.Quote.model_validate({"text": f"Et citat{char} her", "source": "Kilde"})
    error = exc.value.errors()[0]
    assert error["loc"] == ("text",)
    assert unicodedata.name(char) in error["msg"] and "på plads 9" in error["msg"]


def test_a_soft_hyphen_copied_from_a_pdf_is_allowed():
    assert models.Quote.model_validate({"text": "Social\u00adforvaltningen", "source": "Kilde"})


def test_a_word_mixing_latin_and_cyrillic_letters_is_refused():
    with pytest.raises(ValidationError, match="ordet 'Kоmmune' blander latinske og kyrilliske bogstaver"):
        models.Quote.model_validate({"text": "Rødovre Kоmmune", "source": "Kilde"})
    assert models.Quote.model_validate({"text": "Ordet ψυχή er græsk", "source": "Kilde"})


# --- HTML in plain text (an outside tester's examples) -----------------------------------------------------------
# Every text field of the data is plain text, shown exactly as written: a tag would be published as its characters.

HTML_MESSAGE = (
    "teksten indeholder HTML-koden '{tag}'; feltet er almindelig tekst og vises præcis som skrevet, så læserne "
    "ville se koden. Skriv teksten uden HTML – sitet sætter den selv op"
)


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("<script>alert(1)</script>Fora hvor borgere mødes", "<script>"),
        ("<b>NY</b> Værested", "<b>"),
        ("Værested <B>NY</B>", "<B>"),
        ("Første linje<br>anden linje", "<br>"),
        ("Første linje<br />anden linje", "<br />"),
        ('Se <a href="https://www.rk.dk">her</a>', '<a href="https://www.rk.dk">'),
        ("<img src=x onerror=alert(1)>", "<img src=x onerror=alert(1)>"),
        ("Tekst</p>", "</p>"),
        ("Værested <!-- ny -->", "<!--"),
        ('<ukendt onclick="alert(1)">x', '<ukendt onclick="alert(1)">'),
    ],
)
def test_html_in_a_text_field_is_refused_naming_the_code_as_typed(text, tag):
    with pytest.raises(ValidationError) as exc:
        models.Quote.model_validate({"text": text, "source": "Kilde"})
    error = exc.value.errors()[0]
    assert error["loc"] == ("text",)
    assert error["msg"].removeprefix("Value error, ").startswith(HTML_MESSAGE.format(tag=tag))


@pytest.mark.parametrize(
    "text",
    [
        "Borgere < 18 år",
        "3 < 5",
        "borgere <25 år",
        "<< tilbage",
        "x <= y og y >= z",
        "a<b",
        "Skriv til Navn <navn@example.dk>",  # how a mail program writes a name and an address: no HTML
        "Se <https://www.rk.dk>",
        "Alder: <ikke oplyst>",  # a word in brackets that is no HTML element
        "Først **fed** og [link](x.md)",  # Markdown is shown as typed too, and not taken for HTML
    ],
)
def test_honest_text_with_angle_brackets_passes(text):
    assert models.Quote.model_validate({"text": text, "source": "Kilde"}).text == text


def test_a_link_and_a_line_break_in_html_get_a_hint_of_what_to_write():
    with pytest.raises(ValidationError, match="et link skrives i feltet til webadressen"):
        models.Offer.model_validate(
            {"id": "x-y", "name": "X", "summary": '<a href="https://x.dk">X</a>', "municipality": "x", "kinds": ["dag"]}
        )
    with pytest.raises(ValidationError, match="et nyt afsnit skrives som et nyt punkt, hvor feltet er en liste"):
        models.Offer.model_validate(
            {"id": "x-y", "name": "X", "summary": "En<br>To", "municipality": "x", "kinds": ["dag"]}
        )


def _field_types():
    """(model, field, its type with the field's own constraints) for every field of every model of the data."""
    from typing import Annotated

    from pydantic import TypeAdapter

    for model in vars(models).values():
        if isinstance(model, type) and issubclass(model, models.Model) and model is not models.Model:
            for name, info in model.model_fields.items():
                annotation = Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation
                yield model, name, TypeAdapter(annotation)


def test_every_field_that_takes_text_refuses_html_in_every_record_kind():
    """Offers, contacts, policies, municipalities, the vocabularies and about/: a field that takes 'Et ord' (alone or
    in a list) refuses 'Et <b>ord</b>' – a new free-text field typed `str` fails here."""
    from pydantic import ValidationError as Invalid

    text_fields, letting_html_through = set(), []
    for model, name, field_type in _field_types():
        for honest, marked in (("Et ord", "Et <b>ord</b>"), (["Et ord"], ["Et <b>ord</b>"])):
            try:
                field_type.validate_python(honest)
            except Invalid:
                continue
            text_fields.add(f"{model.__name__}.{name}")
            try:
                field_type.validate_python(marked)
                letting_html_through.append(f"{model.__name__}.{name}")
            except Invalid:
                pass
            break
    assert letting_html_through == []
    for field in (
        "Offer.name",
        "Offer.description",
        "Contact.summary",
        "Municipality.name",
        "Passage.paragraphs",
        "GlossaryTerm.definition",
        "LegalBasis.meaning",
        "EmergencyItem.heading",
        "AccessibilityStatement.publisher",
        "SourceReference.title",
        "Address.street",
    ):
        assert field in text_fields, field


def test_html_in_every_kind_of_file_is_refused_in_one_run_and_honest_text_passes(data_copy):
    def edit(path: str, old: str, new: str) -> None:
        file = data_copy / path
        text = file.read_text("utf-8")
        assert old in text, (path, old)
        file.write_text(text.replace(old, new, 1), "utf-8")

    edit(
        "offers/egedal-fora-for-borgere.yaml",
        "name: Fora hvor borgere",
        "name: <script>alert(1)</script>Fora hvor borgere",
    )
    edit("contacts/roedovre-kommune.yaml", "name: Rødovre Kommune", "name: <b>NY</b> Rødovre Kommune")
    edit("municipalities/egedal.yaml", "name: Egedal", "name: <u>Egedal</u>")
    edit("about/accessibility.yaml", "publisher: Redaktionen", "publisher: <i>Redaktionen</i>")
    glossary = yaml.safe_load((data_copy / "vocabularies" / "glossary.yaml").read_text("utf-8"))
    term = glossary["items"][0]["term"]
    edit("vocabularies/glossary.yaml", f"term: {term}", f"term: <em>{term}</em>")
    # Honest text with angle brackets beside them, in an offer of its own.
    edit(
        "offers/roedovre-midlertidigt-husly.yaml",
        "summary: >-\n",
        "summary: >-\n  For borgere < 18 år og <25 år (3 < 5); skriv til Navn <navn@example.dk>.\n",
    )
    result = run_check(data_copy)
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if "HTML-koden" in line]
    for expected in (
        "offers/egedal-fora-for-borgere.yaml:3: name: "
        + HTML_MESSAGE.format(tag="<script>")
        + " (fik '<script>alert(1)</script>Fora hvor borgere møder andre i ...')",
        "contacts/roedovre-kommune.yaml:3: name: "
        + HTML_MESSAGE.format(tag="<b>")
        + " (fik '<b>NY</b> Rødovre Kommune')",
        "municipalities/egedal.yaml:3: name: " + HTML_MESSAGE.format(tag="<u>") + " (fik '<u>Egedal</u>')",
        "about/accessibility.yaml:5: publisher: "
        + HTML_MESSAGE.format(tag="<i>")
        + " (fik '<i>Redaktionen</i> for sitet om voksne i udsatte positioner')",
    ):
        assert expected in lines, (expected, lines)
    assert any(line.startswith("vocabularies/glossary.yaml:9: items[0].term: teksten indeholder") for line in lines)
    assert len(lines) == 5, lines
    # One message per mistake: the records that name the refused ones say nothing of them.
    assert "som ikke findes" not in result.stderr
    assert "roedovre-midlertidigt-husly" not in result.stderr


# --- Every file that reaches the site, in one run ----------------------------------------------------------------


def test_every_fault_in_every_file_is_refused_in_one_run(data_copy):
    glossary = data_copy / "vocabularies" / "glossary.yaml"
    glossary.write_text(
        glossary.read_text("utf-8").replace(
            "      At komme sig: borgerens", "      At komme sig (sag 01.01.90\u20131234): borgerens", 1
        ),
        "utf-8",
    )
    statement = data_copy / "about" / "accessibility.yaml"
    statement.write_text(
        statement.read_text("utf-8").replace("publisher: Redaktionen", "publisher: Redaktionen (020290\u00a02345)", 1),
        "utf-8",
    )
    content = data_copy / "content"
    (content / "assets").mkdir(parents=True)
    (content / "side.html").write_text("<p>Hej</p>\n<p>Borgeren 030393\u22123456</p>\n", "utf-8")
    (content / "assets" / "x.js").write_text("// ok\nconst id = '04 04 94 4567';\n", "utf-8")
    (content / "assets" / "x.css").write_text("a { color: red; }\n/* 050595-5678 */\n", "utf-8")
    (content / "assets" / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><title>060696-6789</title></svg>\n', "utf-8"
    )
    (content / "assets" / "data.csv").write_text("navn;cpr\nx;070797 7890\n", "utf-8")
    (content / "assets" / "billede.png").write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0 0808988901")  # binary: skipped
    (content / "080898-8901.md").write_text("# Side\n", "utf-8")
    (content / "links.md").write_text(
        "# Links\n\n[Rødovre](https://www.rk.dk@evil.example/) og "
        "[gammel](http://www.rk.dk/) og [lokal](http://127.0.0.1:8000/)\n"
        "Skjult\u202e tekst.\n",
        "utf-8",
    )
    (data_copy / "offers" / "noter.txt").write_text("Borger 090999-9012\n", "utf-8")
    offer = data_copy / "offers" / f"{add_fixture(data_copy, 'offer_minimal.yaml', 'sag-101000-0123')}.yaml"
    assert offer.is_file()
    result = run_check(data_copy)
    assert result.returncode == 1
    cpr = "teksten indeholder noget, der ligner et CPR-nummer"
    for expected in [
        f"vocabularies/glossary.yaml:12: items[0].definition: {cpr} ('01.01.90\u20131234')",
        f"about/accessibility.yaml:5: publisher: {cpr} ('020290\u00a02345')",
        f"content/side.html:2: {cpr} ('030393\u22123456')",
        f"content/assets/x.js:2: {cpr} ('04 04 94 4567')",
        f"content/assets/x.css:2: {cpr} ('050595-5678')",
        f"content/assets/logo.svg:1: {cpr} ('060696-6789')",
        f"content/assets/data.csv:2: {cpr} ('070797 7890')",
        "content/080898-8901.md:1: filnavnet indeholder noget, der ligner et CPR-nummer ('080898-8901'); filnavne "
        "og id'er bliver til webadresser",
        f"offers/noter.txt:1: {cpr} ('090999-9012')",
        "offers/sag-101000-0123.yaml:1: filnavnet indeholder noget, der ligner et CPR-nummer ('101000-0123')",
        "content/links.md:3: linket 'https://www.rk.dk@evil.example/': webadressen har 'www.rk.dk@' foran "
        "værtsnavnet; linket fører til 'evil.example'",
        "content/links.md:3: linket 'http://www.rk.dk/': skal begynde med https://",
        "content/links.md:4: linjen indeholder det usynlige tegn U+202E RIGHT-TO-LEFT OVERRIDE på plads 7",
    ]:
        assert expected in result.stderr, expected
    assert "billede.png" not in result.stderr and "127.0.0.1" not in result.stderr
    assert "sag-101000-0123.yaml:3: id:" not in result.stderr  # the file name says it once


def test_the_confidential_street_is_refused_in_any_other_record_written_any_way(data_copy):
    add_fixture(data_copy, "offer_with_confidential_address.yaml")
    contact = data_copy / "contacts" / f"{add_fixture(data_copy, 'contact_full.yaml')}.yaml"
    text = contact.read_text("utf-8")
    text = text.replace("street: Rådhusvej 1", "street: Hemmeligvej\u00a07")  # another record's public address
    text = text.replace(
        "Afdelingen har åbent", "Mødet er på HEMMELIG\u00adVEJ  7 B. Ring 55-66-77-88. Afdelingen har åbent"
    )
    contact.write_text(text, "utf-8")
    (data_copy / "content").mkdir()
    (data_copy / "content" / "side.md").write_text("# Side\n\nKrisecentret på Hemmeligvej\u202f7.\n", "utf-8")
    other = data_copy / "offers" / f"{add_fixture(data_copy, 'offer_minimal.yaml')}.yaml"
    other.write_text(
        other.read_text("utf-8") + "locations:\n  - address:\n      street: Hemmeligvej 70\n"
        "      postal_code: '2610'\n      city: Rødovre\n",
        "utf-8",
    )
    result = run_check(data_copy)
    assert result.returncode == 1
    secret = "teksten nævner en hemmelig adresse (fra offers/offer-with-confidential-address.yaml, locations[0])"
    assert f"contacts/contact-full.yaml:10: description[0]: {secret}" in result.stderr
    assert (
        "contacts/contact-full.yaml:10: description[0]: teksten nævner et internt telefonnummer (fra "
        "contacts/contact-full.yaml, phones[1])" in result.stderr
    )
    assert f"contacts/contact-full.yaml:23: address.street: {secret}" in result.stderr
    assert f"content/side.md:3: {secret}" in result.stderr
    assert "offer-with-confidential-address.yaml:16" not in result.stderr  # the secret's own field
    assert "contacts/contact-full.yaml:16" not in result.stderr  # the internal number's own field
    assert "Hemmeligvej 70" not in result.stderr and "offer-minimal.yaml" not in result.stderr  # another house


def test_a_build_from_data_with_a_cpr_number_in_a_vocabulary_is_refused(data_copy, tmp_path):
    glossary = data_copy / "vocabularies" / "glossary.yaml"
    glossary.write_text(
        glossary.read_text("utf-8").replace(
            "      At komme sig: borgerens", "      At komme sig (sag 010190\u20141234): borgerens", 1
        ),
        "utf-8",
    )
    result = run_build(tmp_path / "site", data_copy)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Sitet kan ikke bygges" in output
    assert (
        "vocabularies/glossary.yaml:12: items[0].definition: teksten indeholder noget, der ligner et "
        "CPR-nummer ('010190\u20141234')" in output
    )
    assert not (tmp_path / "site" / "index.html").exists()


# --- Secrets written around the guards (an outside tester's examples) -------------------------------------------

INTERNAL = "44 55 66 77"  # an internal number of contacts/lev-uden-vold.yaml in the tests below
PLACE = "Skjulested Lærkehuset"  # the confidential place of offers/frederiksberg-kvindekrisecenter.yaml
STREET = "Hemmeligvej 17"


@pytest.mark.parametrize(
    "text",
    [
        "Ring på 36 37 70 00 / 44 55 66 77.",  # another number just before it
        "Se 17 / 44556677",
        "Ring 36 37 70 00 44 55 66 77",
        "Ring 36377000-44556677",
        "+4544556677",
        "0045 44 55 66 77",
        "44-55-66-77",
        "44.55.66.77",
        "44\u00a055\u00a066\u00a077",
        "4455 6677",
        "tel:+45-44-55-66-77",
    ],
)
def test_an_internal_number_is_found_wherever_it_stands_as_a_phone_number(text):
    assert SecretMatcher(numbers={INTERNAL: "intern"}).labels(text) == ["intern"]


@pytest.mark.parametrize("text", ["4455667788", "1244556677", "44 55 66 7", "Sag 44/55/66/778"])
def test_digits_that_only_contain_the_internal_number_are_not_it(text):
    assert SecretMatcher(numbers={INTERNAL: "intern"}).find(text) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Mødet er på Hemmeligvej nr. 17.", "street"),
        ("https://maps.example/?q=Hemmeligvej+17", "street"),
        ("Se Hemmeligvej%2017.", "street"),
        ("HEMMELIGVEJ, 17 B", "street"),
        ("hemmeligvej nummer 17", "street"),
        ("Vi samarbejder med Skjulested Lærkehuset.", "name"),
        ("Henvis til skjulested  lærkehuset.", "name"),
        ("Spørg på Lærkehuset.", "name"),
        ("Lærkehusets beboere", "name"),
        ("Hemmeligvej 170", None),
        ("Lærkehusene", None),
    ],
)
def test_a_secret_street_or_place_is_found_however_it_is_reworded(text, found):
    matcher = SecretMatcher(streets={STREET: "adresse"}, names={PLACE: "sted", "Lærkehuset": "sted"})
    assert [hit.kind for hit in matcher.find(text)] == ([found] if found else [])


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Mødested: Hemmeligvej\n44 55 66 77", ["intern"]),  # two fields as the quick pass joins them
        ("Hemmeligvej 44 55 66 77", ["intern"]),  # a known street and house number, but not this pair
        ("Skjultvej 44 55 66 77", ["adresse", "intern"]),  # a secret address right before the number
        ("Lærkehuset 44556677", ["sted", "intern"]),
    ],
)
def test_a_secret_is_found_where_text_of_another_secret_runs_into_it(text, found):
    matcher = SecretMatcher(
        streets={STREET: "adresse", "Skjultvej 44": "adresse"},
        names={"Lærkehuset": "sted"},
        numbers={INTERNAL: "intern"},
    )
    assert matcher.labels(text) == found


# --- Secrets spelled another way (an outside tester's examples) ---------------------------------------------------

SPELLED = {"Skjulte Allé 12": "allé", "Hemmeligvej 7": "hemmeligvej", "Nørre Allé 5": "nørre", "Kirkestræde 3": "kirke"}
NAMED = {"Lærkehuset": "lærkehuset", "Café Ly": "café", "Bøgen": "bøgen", "Krisecentret": "generic"}


def _spelled_matcher() -> SecretMatcher[str]:
    return SecretMatcher(streets=SPELLED, names=NAMED)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Borgere kan også henvises til krisecentret på Skjulte Alle 12 på Frederiksberg.", "allé"),
        ("Skjulte-Allé 12", "allé"),
        ("Skjulte Allee 12", "allé"),
        ("Skjulteallé 12", "allé"),
        ("SKJULTE ALLE, NR. 12", "allé"),
        ("Skjulte\n- Alle\u0301 12", "allé"),  # a line break, a hyphen and an accent the text keeps apart (U+0301)
        ("Hemmelig vej 7", "hemmeligvej"),
        ("Hemmeligvej 07", "hemmeligvej"),
        ("Hemmelig-vej nr. 007", "hemmeligvej"),
        ("Norre Alle 5", "nørre"),
        ("Noerre Allé 5", "nørre"),
        ("Nörre Allé 5", "nørre"),
        ("Kirkestraede 3", "kirke"),
        ("Kirkestrade 3", "kirke"),
        ("Kirke-stræde 3", "kirke"),
        ("Lærke-huset", "lærkehuset"),
        ("Laerkehuset", "lærkehuset"),
        ("Larkehuset", "lærkehuset"),
        ("Lærke-\nhuset", "lærkehuset"),  # hyphenated at the end of a line
        ("Lærke - huset", "lærkehuset"),
        ("Lærke Huset", "lærkehuset"),  # a long name parted by a space (docstring: the price is a false alarm)
        ("LÆRKE HUSET", "lærkehuset"),
        ("Ring til Lærke Huset", "lærkehuset"),
        ("LAERKEHUSETS beboere", "lærkehuset"),
        ("Cafe Ly", "café"),
        ("Café-Ly", "café"),
        ("cafély", "café"),
        ("Café\nLy", "café"),
        ("Boegen", "bøgen"),
        ("BÖGEN", "bøgen"),
    ],
)
def test_a_secret_street_or_place_is_found_however_it_is_spelled(text, found):
    assert _spelled_matcher().labels(text) == [found]


@pytest.mark.parametrize(
    ("secret", "text"),
    [
        ("Noerre Allé 5", "Nørre Allé 5"),  # the secret written without the Danish letters, the text with them
        ("Norre Alle 5", "Nørre Allé 5"),
        ("Aagade 4", "Ågade 4"),
        ("Kirkestraede 3", "Kirkestræde 3"),
        ("Laerkehuset", "Lærkehuset"),
        ("Cafe Ly", "Café Ly"),
    ],
)
def test_a_secret_written_with_plain_letters_is_found_as_written_with_danish_ones(secret, text):
    kind = "streets" if secret[-1].isdigit() else "names"
    assert SecretMatcher(**{kind: {secret: "hemmelig"}}).labels(f"Mødet er på {text}.") == ["hemmelig"]


@pytest.mark.parametrize(
    "text",
    [
        "Skjulte Allé 120",  # another house
        "Skjulte Alleen 12",
        "Skjulte Allé 1 2",  # digits are never joined
        "Skjulte Allé 2",
        "Hemmeligvej 170",
        "Hemmeligvej 77",
        "Nørre Allé 15",
        "Søndre Allé 5",  # another street on the same number
        "Kirkestræde 33",
        "Lærkehusene",
        "Lærkehuse",
        "Lerkehuset",  # e is not æ
        "Bø gen",  # a short place name's word parted by a space: its parts are often words (docstring)
        "Læs bogen om Bogense",  # a short name is not found with a bare letter: 'bogen' is a word
        "Cafe Lyst",
        "Caféen lyser op",
        "Hun ringede til krisecentret og kvindekrisecentret.",  # generic words only as written
        "Skjulte allé-træer langs Hemmelig vejen 7",
    ],
)
def test_ordinary_words_and_other_addresses_near_a_secret_are_not_it(text):
    assert _spelled_matcher().find(text) == []


@pytest.mark.parametrize(
    "secret",
    [
        "Skjulested Lærkehuset",
        "Sankt Hans' Gade 4",
        "H.C. Andersens Boulevard 12",
        "10. Februar Vej 3",
        "Aaboulevarden 22",
        "Mor & Barn-huset",
        "Straße 5",
        "Ved Søen",
        "Æblehaven",
        "Øresundshuset",
        "Michael Hus",
        "Villa Eden",
    ],
)
def test_a_secret_is_found_as_written_in_any_case_with_its_line(secret):
    kind = "streets" if secret[-1].isdigit() else "names"
    matcher = SecretMatcher(**{kind: {secret: "hemmelig"}})
    for text in (secret, secret.upper(), secret.lower()):
        (hit,) = matcher.find(f"Første linje.\nAnden linje: {text}.\n")
        assert hit.label == "hemmelig" and hit.start == len("Første linje.\nAnden linje: ")


def test_a_generic_name_is_found_only_as_written_also_when_typed_without_danish_letters():
    matcher = SecretMatcher(names={"Bofaellesskabet": "sted", "Kvinde Krisecenter": "sted"})
    assert matcher.labels("Bofaellesskabet og Kvinde Krisecenter") == ["sted"]
    assert matcher.find("bofællesskabet, bofaellesskabet og kvindekrisecenter") == []


def test_the_last_guard_finds_a_secret_spelled_another_way():
    guard = PageGuard([Secret("Skjulte Allé 12", "en hemmelig adresse", "offers/y.yaml", "locations[0]", "street")])
    (problem,) = guard.problems("<p>Krisecentret på <em>Skjulte</em> Alle&nbsp;12.</p>", "offers/z.yaml")
    assert problem.startswith("offers/z.yaml: den færdige side nævner en hemmelig adresse fra offers/y.yaml")
    assert "Skjulte" not in problem and "Alle" not in problem


def test_a_secret_street_or_place_spelled_another_way_in_another_offer_is_refused_by_the_check(data_copy):
    crisis = data_copy / "offers" / "frederiksberg-kvindekrisecenter.yaml"
    text = crisis.read_text("utf-8")
    assert "locations:\n  - confidential: true\n" in text
    crisis.write_text(
        text.replace(
            "  - confidential: true\n",
            "  - confidential: true\n    name: Skjulested Lærkehuset\n    address:\n      street: Skjulte Allé 12\n"
            "      postal_code: '2000'\n      city: Frederiksberg\n",
        ),
        "utf-8",
    )
    mentor = data_copy / "offers" / "roedovre-mentor.yaml"
    text = mentor.read_text("utf-8")
    last = "  - Politikken oplyser ikke, hvem der kan få en mentor, eller hvordan man får en.\n"
    assert last in text
    line = text[: text.index(last)].count("\n") + 2  # the added paragraph's line
    mentor.write_text(
        text.replace(
            last, last + "  - Borgere kan også henvises til krisecentret på Skjulte Alle 12 på Frederiksberg.\n"
        ),
        "utf-8",
    )
    result = run_check(data_copy)
    assert result.returncode == 1
    assert (
        f"offers/roedovre-mentor.yaml:{line}: description[2]: teksten nævner en hemmelig adresse (fra "
        "offers/frederiksberg-kvindekrisecenter.yaml, locations[0]), som aldrig må offentliggøres; fjern den herfra"
    ) in result.stderr
    # The place's name is looked for once the records are otherwise clean (the public view's check).
    mentor.write_text(text.replace(last, last + "  - Spørg på Laerke-huset.\n"), "utf-8")
    named = run_check(data_copy)
    assert named.returncode == 1
    assert (
        f"offers/roedovre-mentor.yaml:{line}: description[2]: teksten nævner navnet på et hemmeligt sted fra "
        "offers/frederiksberg-kvindekrisecenter.yaml (locations[0].name), som aldrig må offentliggøres"
    ) in named.stderr
    for secret in ("Skjulte", "Alle 12", "Allé", "Lærkehuset", "Laerke"):
        assert secret not in result.stderr + named.stderr, secret


@pytest.mark.parametrize(
    "texts",
    [
        ["Mødet er på Hemmeligvej", "17 gæster"],  # a street and its number in two texts
        ["Ring 44 55", "66 77"],
        ["Skjulested", "Lærkehuset"],
        ["Hemmeligvej 1", "7"],
        ["Vi samarbejder med Lærke-", "huset"],
        ["Sag 010190-", "1234"],
    ],
)
def test_texts_joined_for_one_pass_hold_a_secret_only_where_one_text_does(texts):
    """The public view's check reads all texts in one pass (TEXT_SEPARATOR): no secret may be read across it."""
    matcher = SecretMatcher(
        streets={STREET: "adresse"}, names={PLACE: "sted"}, numbers={INTERNAL: "intern"}, cpr=page_guard._CPR
    )
    assert [matcher.labels(text) for text in texts] == [[], []]
    assert matcher.find(TEXT_SEPARATOR.join(texts)) == []
    for i, text in enumerate(["Mødet er på Hemmeligvej 17.", "Ring 44 55 66 77", "Spørg på Skjulested Lærkehuset"]):
        joined = TEXT_SEPARATOR.join([*texts, text] if i % 2 else [text, *texts])
        assert matcher.labels(joined) == matcher.labels(text) != []


def _add_secrets(data: Path) -> None:
    """lev-uden-vold gets an internal number, the crisis centre a confidential place with a name and a street."""
    contact_file = data / "contacts" / "lev-uden-vold.yaml"
    contact = yaml.safe_load(contact_file.read_text("utf-8"))
    contact["phones"].append({"number": INTERNAL, "kind": "direkte", "description": "Vagtens linje", "public": False})
    contact_file.write_text(yaml.safe_dump(contact, allow_unicode=True), "utf-8")
    offer_file = data / "offers" / "frederiksberg-kvindekrisecenter.yaml"
    offer = yaml.safe_load(offer_file.read_text("utf-8"))
    offer["locations"] = [
        {
            "name": PLACE,
            "confidential": True,
            "address": {"street": STREET, "postal_code": "2000", "city": "Frederiksberg"},
        }
    ]
    offer_file.write_text(yaml.safe_dump(offer, allow_unicode=True), "utf-8")


def _with_pages(data: Path) -> Path:
    _add_secrets(data)
    shutil.copytree(ROOT / "content", data / "content")
    return data


def _append(file: Path, text: str) -> int:
    """Append `text` as a paragraph of its own; the number of its first line."""
    before = file.read_text("utf-8").rstrip("\n")
    file.write_text(f"{before}\n\n{text}\n", "utf-8")
    return before.count("\n") + 3


def _describe(data: Path, offer_id: str, *paragraphs: str) -> list[int]:
    """Add paragraphs to an offer's description; their indexes."""
    offer_file = data / "offers" / f"{offer_id}.yaml"
    offer = yaml.safe_load(offer_file.read_text("utf-8"))
    before = offer.get("description", [])
    offer["description"] = [*before, *paragraphs]
    offer_file.write_text(yaml.safe_dump(offer, allow_unicode=True, width=1000), "utf-8")
    return list(range(len(before), len(before) + len(paragraphs)))


def _internal_phone(data: Path) -> str:
    """The field of the internal number `_add_secrets` added: 'phones[2]'."""
    contact = yaml.safe_load((data / "contacts" / "lev-uden-vold.yaml").read_text("utf-8"))
    return f"phones[{len(contact['phones']) - 1}]"


def test_the_real_data_has_no_false_alarm_from_a_secret_place_or_an_internal_number(data_copy):
    _with_pages(data_copy)
    result = run_check(data_copy)
    assert result.returncode == 0, result.stderr


def test_an_internal_number_or_a_secret_street_reworded_in_a_page_or_a_record_is_refused(data_copy):
    data = _with_pages(data_copy)
    line = _append(data / "content" / "om-sitet.md", "Ring på 36 37 70 00 / 44 55 66 77.")
    (data / "content" / "assets" / "kort.html").write_text("<p>Hej</p>\n<p>Se 17 / 44556677</p>\n", "utf-8")
    added = _describe(
        data,
        "roedovre-mentor",
        "Mødet er på Hemmeligvej nr. 17.",
        "Kort: https://maps.example/?q=Hemmeligvej+17",
        "Se Hemmeligvej%2017.",
    )
    result = run_check(data)
    assert result.returncode == 1
    number = f"teksten nævner et internt telefonnummer (fra contacts/lev-uden-vold.yaml, {_internal_phone(data)})"
    assert f"content/om-sitet.md:{line}: {number}" in result.stderr
    assert f"content/assets/kort.html:2: {number}" in result.stderr
    street = "teksten nævner en hemmelig adresse (fra offers/frederiksberg-kvindekrisecenter.yaml, locations[0])"
    for index in added:
        assert re.search(
            rf"offers/roedovre-mentor\.yaml:\d+: description\[{index}\]: {re.escape(street)}", result.stderr
        )
    assert "44 55" not in result.stderr and "44556677" not in result.stderr and "Hemmeligvej" not in result.stderr


def _mistyped(flags: dict, field: str, typed: str) -> str:
    """`flags[field]` typed as `typed`: a value ('nej'), or, written 'key:', the flag under that key; the field the
    check names and what it says, as a regex."""
    if typed.endswith(":"):
        key = typed[:-1]
        flags[key] = flags.pop(field)
        return rf"{re.escape(key)}: ukendt felt '{key}'\. Mente du '{field}'"
    flags[field] = typed
    return rf"{field}: .*'{typed}'"


@pytest.mark.parametrize(
    ("phone", "location"),
    [
        ("nej", "ja"),  # refused as values, and meant 'secret'
        ("publik:", "Confidential:"),  # unknown fields, the flag the check's "Mente du" names
    ],
)
def test_a_secret_whose_flag_is_mistyped_is_kept_secret_and_both_mistakes_come_in_one_run(data_copy, phone, location):
    """A record whose secret's flag is mistyped fails, and the rest is still checked against its secret at once."""
    data = _with_pages(data_copy)
    contact_file = data / "contacts" / "lev-uden-vold.yaml"
    contact = yaml.safe_load(contact_file.read_text("utf-8"))
    phone_field = _mistyped(contact["phones"][-1], "public", phone)
    contact_file.write_text(yaml.safe_dump(contact, allow_unicode=True), "utf-8")
    offer_file = data / "offers" / "frederiksberg-kvindekrisecenter.yaml"
    offer = yaml.safe_load(offer_file.read_text("utf-8"))
    location_field = _mistyped(offer["locations"][0], "confidential", location)
    offer_file.write_text(yaml.safe_dump(offer, allow_unicode=True), "utf-8")
    line = _append(data / "content" / "om-sitet.md", "Ring på 44.55.66.77.")
    (index,) = _describe(data, "roedovre-mentor", "Mødet er på Hemmeligvej 17.")
    result = run_check(data)
    assert result.returncode == 1
    phone_at = _internal_phone(data)
    assert re.search(rf"contacts/lev-uden-vold\.yaml:\d+: {re.escape(phone_at)}\.{phone_field}", result.stderr)
    assert re.search(
        rf"offers/frederiksberg-kvindekrisecenter\.yaml:\d+: locations\[0\]\.{location_field}", result.stderr
    )
    number = f"teksten nævner et internt telefonnummer (fra contacts/lev-uden-vold.yaml, {phone_at})"
    assert f"content/om-sitet.md:{line}: {number}" in result.stderr
    street = "teksten nævner en hemmelig adresse (fra offers/frederiksberg-kvindekrisecenter.yaml, locations[0])"
    assert re.search(rf"offers/roedovre-mentor\.yaml:\d+: description\[{index}\]: {re.escape(street)}", result.stderr)
    assert "44.55" not in result.stderr and "Hemmeligvej" not in result.stderr


def test_the_name_of_a_secret_place_is_reported_in_the_same_run_as_other_errors(data_copy):
    """Names are looked for in the public view, which data with errors never gets to; then the check looks itself."""
    data = _with_pages(data_copy)
    (index,) = _describe(data, "roedovre-mentor", "Spørg på Lærkehuset.")
    line = _append(data / "content" / "om-sitet.md", f"Vi samarbejder med {PLACE}.")
    other = data / "offers" / "ballerup-botilbud.yaml"
    other.write_text(other.read_text("utf-8") + "titel: x\n", "utf-8")  # an unknown field: an error elsewhere
    result = run_check(data)
    assert result.returncode == 1
    assert re.search(r"offers/ballerup-botilbud\.yaml:\d+: titel: ", result.stderr)
    name = (
        "teksten nævner navnet på et hemmeligt sted fra offers/frederiksberg-kvindekrisecenter.yaml "
        "(locations[0].name), som aldrig må offentliggøres"
    )
    assert re.search(rf"offers/roedovre-mentor\.yaml:\d+: description\[{index}\]: {re.escape(name)}", result.stderr)
    assert f"content/om-sitet.md:{line}: {name}" in result.stderr
    assert result.stderr.count("navnet på et hemmeligt sted") == 2 and "Lærkehuset" not in result.stderr


def test_the_name_of_a_secret_place_is_refused_in_a_page_and_in_any_case_in_a_record(data_copy):
    data = _with_pages(data_copy)
    line = _append(data / "content" / "om-sitet.md", f"Vi samarbejder med {PLACE}.")
    added = _describe(data, "roedovre-mentor", "Henvis til skjulested lærkehuset.", "Spørg på Lærkehuset.")
    result = run_check(data)
    assert result.returncode == 1
    name = (
        "teksten nævner navnet på et hemmeligt sted fra offers/frederiksberg-kvindekrisecenter.yaml "
        "(locations[0].name), som aldrig må offentliggøres"
    )
    assert f"content/om-sitet.md:{line}: {name}" in result.stderr
    for index in added:
        assert re.search(rf"offers/roedovre-mentor\.yaml:\d+: description\[{index}\]: {re.escape(name)}", result.stderr)
    assert result.stderr.count("navnet på et hemmeligt sted") == 3
    assert "Lærkehuset" not in result.stderr


# --- The last guard: the finished pages -------------------------------------------------------------------------

CPR_IN_MARKUP = {
    "Sag 010190-\n1234 er lukket.": "010190- 1234",  # split over two lines of one paragraph
    "Sag 0101**90**-1234.": "010190-1234",
    "Sag 010190&#45;1234.": "010190-1234",
    "Sag 01019<!-- x -->0-1234.": "010190-1234",
    "Sag 0101<span></span>90-1234.": "010190-1234",
}


@pytest.mark.parametrize(
    "html",
    [
        "<p>Sag 010190-\n1234 er lukket.</p>",
        "<p>Sag 0101<strong>90</strong>-1234.</p>",
        "<p>Sag 010190&#45;1234.</p>",
        "<p>Sag 01019<!-- x -->0-1234.</p>",
        "<p>Sag 0101<span></span>90-1234.</p>",
        '<p><a href="#" title="Sag 010190-1234">Sagen</a></p>',
    ],
)
def test_the_last_guard_reads_a_cpr_number_as_the_page_shows_it(html):
    (problem,) = PageGuard([]).problems(html, "content/om-sitet.md")
    assert problem.startswith("content/om-sitet.md: den færdige side indeholder noget, der ligner et CPR-nummer")


def test_the_last_guard_finds_secrets_in_the_text_and_links_of_a_page_and_never_shows_them():
    guard = PageGuard(
        [
            Secret("44556677", "et internt telefonnummer", "contacts/x.yaml", "phones[1].number", "number"),
            Secret(STREET, "en hemmelig adresse", "offers/y.yaml", "locations[0].address.street", "street"),
            Secret(PLACE, "navnet på et hemmeligt sted", "offers/y.yaml", "locations[0].name", "name"),
        ]
    )
    html = (
        '<p>Ring 44 55 <!-- -->66 77 eller <a href="tel:+4544556677">her</a>. '
        '<a href="https://maps.example/?q=Hemmeligvej+17">Kort</a> til Skjulested <em>Lærke</em>huset.</p>'
    )
    problems = guard.problems(html, "offers/z.yaml")
    assert problems == [
        "offers/z.yaml: den færdige side nævner et internt telefonnummer fra contacts/x.yaml (phones[1].number), "
        "som aldrig må offentliggøres; fjern det herfra",
        "offers/z.yaml: den færdige side nævner navnet på et hemmeligt sted fra offers/y.yaml (locations[0].name), "
        "som aldrig må offentliggøres; fjern det herfra",
        "offers/z.yaml: den færdige side nævner en hemmelig adresse fra offers/y.yaml "
        "(locations[0].address.street), som aldrig må offentliggøres; fjern det herfra",
    ]
    assert guard.problems("<p>Ring 36 37 70 00 og 44 55 66 78. Hemmeligvej 170.</p>", "x") == []


def test_a_page_showing_a_cpr_number_or_a_secret_only_once_built_stops_the_build(tmp_path):
    site_root = tmp_path / "kopi"
    copy_site(site_root)
    _add_secrets(site_root)
    _append(site_root / "content" / "om-sitet.md", "\n\n".join([*CPR_IN_MARKUP, "Ring 44 55 <!-- -->66 77."]))
    assert run_check(site_root).returncode == 0  # the source check cannot see these
    site = tmp_path / "site"
    result = run_build(site, site_root, config_file=site_root / "mkdocs.yml")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Sitet kan ikke bygges, fordi en færdig side har fejl" in output
    for found in set(CPR_IN_MARKUP.values()):
        assert f"content/om-sitet.md: den færdige side indeholder noget, der ligner et CPR-nummer ('{found}')" in output
    assert (
        "content/om-sitet.md: den færdige side nævner et internt telefonnummer fra contacts/lev-uden-vold.yaml "
        f"({_internal_phone(site_root)}.number)" in output
    )
    assert "44 55" not in output
    for page in site.rglob("*.html"):  # the page was never written with them, and no search index was made
        assert "Sag 0101" not in page.read_text("utf-8"), page
    assert not (site / "pagefind").exists()


# A page with the chrome many pages share (chrome.py): the fragment is the menu, `head` and `tail` the page around it.
_MENU = (
    '<nav class="md-nav md-nav--primary" aria-label="Navigation" data-md-level="0">\n'
    '  <ul class="md-nav__list"><li class="md-nav__item"><a href="../../om-sitet/" class="md-nav__link">\n'
    '    <span class="md-ellipsis">Om sitet</span></a></li></ul>\n</nav>'
)
_HEAD = '<html><head><title>Tilbud</title></head><body><div class="md-sidebar__inner">\n  '
_TAIL = '\n  </div><article><h1 id="tilbud" title="Tilbud">Tilbud</h1><p>Ring &amp; skriv.</p></article></body></html>'


def _read_around(monkeypatch, html: str, fragments: list[str]) -> tuple[str, bool]:
    """What the last guard reads in `html` told of `fragments`, and whether it read the page whole to get there."""
    from macros.site import page_guard

    whole = []
    read_whole = page_guard.page_text
    monkeypatch.setattr(page_guard, "page_text", lambda page: whole.append(page) or read_whole(page))
    text = PageGuard([])._text(html, fragments)
    monkeypatch.setattr(page_guard, "page_text", read_whole)
    return text, bool(whole)


_NUMBERED_MENU = _MENU.replace('data-md-level="0">', 'data-md-level="0">1234 ')


@pytest.mark.parametrize(
    ("head", "menu", "tail", "cut"),
    [
        (_HEAD, _MENU, _TAIL, True),
        (_HEAD + "<p>Sag 010190</p>", _NUMBERED_MENU, _TAIL, True),  # a number running into the menu is one number
        (_HEAD.replace("<html>", "<html><!-- x -->"), _MENU, _TAIL.replace("<article>", "<!-- y --><article>"), True),
        (_HEAD + "<!-- not closed ", _MENU, _TAIL + "-->", False),
        (_HEAD + '<span title="not closed', _MENU, _TAIL, False),
        (_HEAD + "<span", _MENU, _TAIL, False),
        (_HEAD + " title=", _MENU, _TAIL, False),
        (_HEAD + " title = '", _MENU, _TAIL, False),
        (_HEAD + "Sag 010190", _NUMBERED_MENU, _TAIL, False),
        (_HEAD, _MENU, "\u0301" + _TAIL, False),  # a combining accent would join the menu's last character
        (_HEAD, _MENU, "&#49;234" + _TAIL, False),
        (_HEAD + "<b>0101</b>", _MENU, "<i>901234</i>" + _TAIL, False),
    ],
)
def test_the_last_guard_reads_a_page_with_shared_chrome_as_it_reads_it_whole(monkeypatch, head, menu, tail, cut):
    from macros.site.page_guard import page_text

    html = head + menu + tail
    text, whole = _read_around(monkeypatch, html, [menu])
    assert text == page_text(html)
    assert whole is not cut  # read in pieces only where nothing can reach across a cut
    if menu is _NUMBERED_MENU:
        assert PageGuard([]).problems(html, "x", [menu]) != []


def test_the_last_guard_reads_a_page_whole_when_the_chrome_it_was_told_of_is_not_in_it_or_overlaps(monkeypatch):
    from macros.site.page_guard import page_text

    html = _HEAD + _MENU + _TAIL
    for fragments in (
        [_MENU.replace("Om sitet", "Om os")],
        [_MENU, _MENU[_MENU.index("<ul") : _MENU.index("</ul>") + 5]],
        [" <span>"],
    ):
        text, whole = _read_around(monkeypatch, html, fragments)
        assert text == page_text(html)
        assert whole


def test_the_last_guard_finds_a_secret_in_shared_chrome_and_in_the_rest_of_a_page_read_in_pieces(monkeypatch):
    guard = PageGuard([Secret("44556677", "et internt telefonnummer", "contacts/x.yaml", "phones[1].number", "number")])
    secret_menu = _MENU.replace("Om sitet", "Om sitet 0101<b>90</b>-1234")
    assert _read_around(monkeypatch, _HEAD + secret_menu + _TAIL, [secret_menu])[1] is False
    for page in ("offers/a.yaml", "offers/b.yaml"):  # the menu is read once, and refused on every page with it
        (problem,) = guard.problems(_HEAD + secret_menu + _TAIL, page, [secret_menu])
        assert problem.startswith(
            f"{page}: den færdige side indeholder noget, der ligner et CPR-nummer ('010190-1234')"
        )
    body = _TAIL.replace("Ring &amp; skriv.", "Ring 44 55 <!-- -->66 77.")
    assert _read_around(monkeypatch, _HEAD + _MENU + body, [_MENU])[1] is False
    (problem,) = guard.problems(_HEAD + _MENU + body, "offers/c.yaml", [_MENU])
    assert problem.startswith("offers/c.yaml: den færdige side nævner et internt telefonnummer fra contacts/x.yaml")


def test_a_secret_in_the_menu_or_on_a_page_with_the_menu_of_many_pages_stops_the_build(tmp_path):
    site_root = tmp_path / "kopi"
    copy_site(site_root, config=False)
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    # A title in the menu, which every page shows, with a CPR number in markup; and a page outside the menu beside
    # the offers' pages (whose menu, tabs and scripts are rendered once for them all, chrome.py) with another.
    assert "  - Privatliv: privatliv.md" in config and "  /soeg.md\n" in config
    config = config.replace("  - Privatliv: privatliv.md", '  - "Privatliv 0101<b>90</b>-1234": privatliv.md')
    (site_root / "mkdocs.yml").write_text(config.replace("  /soeg.md\n", "  /soeg.md\n  /tilbud/sag.md\n"), "utf-8")
    (site_root / "content" / "tilbud" / "sag.md").write_text("# Sag\n\nSag 0202<span></span>90-5678.\n", "utf-8")
    result = run_build(tmp_path / "site", site_root, config_file=site_root / "mkdocs.yml")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    menu = "den færdige side indeholder noget, der ligner et CPR-nummer ('010190-1234')"
    offers = sorted(path.stem for path in (site_root / "offers").glob("*.yaml"))
    for source in ("content/privatliv.md", "content/tilbud/sag.md", *(f"offers/{offer}.yaml" for offer in offers)):
        assert f"{source}: {menu}" in output, source
    assert (
        "content/tilbud/sag.md: den færdige side indeholder noget, der ligner et CPR-nummer ('020290-5678')" in output
    )


# --- Anonymised stories -----------------------------------------------------------------------------------------


def _story(paragraph: str) -> list[str]:
    """What scan_anonymised finds in a story marked anonymised, in its messages' quotes."""
    source = yaml.safe_dump(
        {"stories": {"items": [{"title": "Historie", "anonymised": True, "paragraphs": [paragraph]}]}},
        allow_unicode=True,
        width=1000,
    )
    doc = read_document(source.encode("utf-8"), "policies/x.yaml")
    return [re.search(r"\('(.*)'\)", p.message).group(1) for p in scan_anonymised(doc, source)]


@pytest.mark.parametrize(
    ("paragraph", "found"),
    [
        ("Jeg boede i Sankt Hans Gade 4 i tre år.", "Sankt Hans Gade 4"),
        ("Han boede på H.C. Andersens Boulevard 12.", "H.C. Andersens Boulevard 12"),
        ("Vi mødtes på Islands Brygge 12 hver dag.", "Islands Brygge 12"),
        ("Hun sov ved Havnekaj 4.", "Havnekaj 4"),
        ("Jeg boede i Tårnhuset 3 som barn.", "Tårnhuset 3"),
        ("Jeg boede på hovedgaden 12.", "hovedgaden 12"),
        ("Jeg boede på Hovedgaden, nr 12.", "Hovedgaden, nr 12"),
        ("Ring på 22 33 4455.", "22 33 4455"),
        ("Ring på 223 34 455.", "223 34 455"),
        ("Skriv til claus.jensen (at) gmail.com.", "claus.jensen (at) gmail.com"),
        ("Skriv til claus [at] gmail [dot] com.", "claus [at] gmail [dot] com"),
        ("Skriv til claus.jensen at gmail.com.", "claus.jensen at gmail.com"),
    ],
)
def test_an_anonymised_story_refuses_contact_details_however_they_are_written(paragraph, found):
    assert _story(paragraph) == [found]


@pytest.mark.parametrize(
    "paragraph",
    [
        "Efter 3 måneder fik jeg en bolig.",
        "I 2019 flyttede jeg, fra 2015-2018 boede jeg på gaden.",
        "Se kapitel 3 og Fokusområde 2.",
        "Jeg boede i Rødovre 3 år og kom 2 gange om ugen.",
        "Den 01.01.2020 fik jeg nøglen, kl. 10.00-12.00.",
        "Huslejen var 12.500.000 kr. i alt for opgangen.",
        "Jeg prøvede at f.eks. søge hjælp, at ringe. Det hjalp.",
        "Efter vurderingen 2 gange fik jeg støtte.",
    ],
)
def test_an_anonymised_story_keeps_ordinary_numbers_and_words(paragraph):
    assert _story(paragraph) == []


def test_normalise_writes_each_character_by_its_rule_however_often_and_in_whatever_order_it_is_met():
    """normalise remembers the characters it keeps (characters.py); a character's rule holds at first and later use."""
    import unicodedata

    from macros.data.characters import normalise

    def by_rule(char: str) -> str:  # the module docstring's rule, one character at a time
        char = unicodedata.normalize("NFKC", char)
        if unicodedata.category(char) == "Pd" or char in "\u2212\ufe63\uff0d":
            return "-"
        if unicodedata.category(char) in ("Zs", "Zl", "Zp") or char in "\t\v\f\r\x85":
            return " "
        if unicodedata.category(char) == "Cf":
            return ""
        if unicodedata.category(char) == "Nd":
            return str(unicodedata.decimal(char))
        return char

    tricky = "Ærø\u2013vej\u00a017\u200b\u0663\t\ufb01\u00ad-\u2212x\u3000\u0e51\u05d0"
    expected = "Ærø-vej 17" + "3 fi--x 1\u05d0"
    assert normalise(tricky) == expected
    assert normalise(tricky + tricky) == expected * 2  # the second time from what it remembers
    # Thousands of characters it keeps, then those it changes: every one still by its rule (also past what the
    # quick test remembers).
    rare = "".join(chr(c) for c in range(0x4E00, 0x4E00 + 3000)) + "\u2014\u00a0\u200d\u0669"
    assert normalise(rare) == "".join(by_rule(c) for c in rare)
    assert normalise("\u2014 \u00a0\u0669 " + rare[:10]) == "-  9 " + rare[:10]
