"""The guards hold for every field and every file: a CPR number, a secret or a deceptive link is refused however
it is written (any dash, any space, invisible characters) and wherever it stands (any data folder, any page or
asset in content/, a file name, an id), with a Danish message naming file, line and field, all in one run.

The golden files in fixtures/errors/ (cpr-variants, anonymised-story, invisible-text, deceptive-url) pin the
messages for a policy; this file covers the other places and the neighbours of each fault.
"""

from __future__ import annotations

import pytest
from conftest import add_fixture, run_build, run_check
from pydantic import ValidationError

from macros.data import models
from macros.data.guards import find_cpr
from macros.data.links import url_problem

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
