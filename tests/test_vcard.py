"""vCards: what an address book reads back is exactly the contact's public details, whatever the text holds.

A line break in a name must never start a property of its own (EMAIL:, URL: ...): the cards are parsed
back with vobject, and the raw text is read line by line as a naive reader would.
"""

from __future__ import annotations

import pytest
import vobject
import yaml
from conftest import FIXTURES, run_check
from pydantic import ValidationError

from macros.data import models
from macros.data.public_view import public_contact
from macros.exports.vcard import VCardError, vcard

BREAKS = {"CR": "\r", "LF": "\n", "CRLF": "\r\n"}
INJECTED = "EMAIL:angriber@evil.invalid{br}URL:https://evil.invalid{br}TEL:99999999"


def hostile_contact(br: str) -> models.Contact:
    """A contact with the injection in every text field, built without validation (the models refuse it)."""
    bad = INJECTED.format(br=br)
    address = models.Address.model_construct(street=f"Vej 1{br}{bad}", postal_code="2610", city=f"By{br}{bad}")
    phone = models.Phone.model_construct(
        number="+45 11 22 33 44", kind="hovednummer", description=None, opening_hours=f"9-15{br}{bad}", public=True
    )
    return models.Contact.model_construct(
        id="hostile",
        name=f"Navn{br}{bad}",
        kind="enhed",
        sector="kommune",
        summary=f"Om os{br}{bad}",
        phones=(phone,),
        email="kontakt@testby.invalid",
        address=address,
        website="https://testby.invalid/",
        parent=None,
    )


def properties(card: str) -> list[tuple[str, object]]:
    parsed = vobject.readOne(card)
    return [(child.name, child.value) for child in parsed.getChildren()]


@pytest.mark.parametrize("name", BREAKS)
def test_a_line_break_in_any_field_cannot_add_a_property(name):
    br = BREAKS[name]
    contact = hostile_contact(br)
    parent = hostile_contact(br).model_copy(update={"name": f"Kommunen{br}EMAIL:x@evil.invalid"})
    card = vcard(contact, parent)

    assert sorted(n for n, _ in properties(card)) == ["ADR", "EMAIL", "FN", "NOTE", "ORG", "TEL", "URL", "VERSION"]
    values = dict(properties(card))
    # vCard has one line break, LF: a CR comes back as LF, the text around it exactly as written.
    expected_name = contact.name.replace("\r\n", "\n").replace("\r", "\n")
    assert values["FN"] == expected_name
    assert values["ORG"] == [parent.name.replace("\r\n", "\n").replace("\r", "\n"), expected_name]
    assert values["EMAIL"] == "kontakt@testby.invalid" and values["URL"] == "https://testby.invalid/"
    assert values["TEL"] == "+4511223344"
    assert values["ADR"].street.startswith("Vej 1\nEMAIL:") and values["ADR"].code == "2610"

    # A reader that splits on every kind of line break sees only the real properties at line starts.
    lines = card.splitlines()
    assert sorted(line for line in lines if line.upper().startswith(("EMAIL", "URL", "TEL"))) == [
        "EMAIL;TYPE=INTERNET,WORK:kontakt@testby.invalid",
        "TEL;TYPE=WORK,VOICE:+4511223344",
        "URL:https://testby.invalid/",
    ]
    assert card.count("\r\n") == len(lines) and "\r" not in card.replace("\r\n", "")


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x85", "\x0b"])
def test_a_unicode_line_separator_is_refused_not_written(char):
    """vobject writes U+2028 and its kin as they are; readers that split lines on them would see a new
    property, so the card is refused (the models refuse the character before it gets here)."""
    contact = hostile_contact(char)
    with pytest.raises(VCardError, match="hostile"):
        vcard(contact, None)


@pytest.mark.parametrize("char", ["\r", "\n", "\u2028", "\x85", "\t", "\x00"])
def test_the_model_refuses_a_line_break_or_control_character_in_a_name(char):
    with pytest.raises(ValidationError) as info:
        models.Contact(
            id="x-y", name=f"Navn{char}EMAIL:x@evil.invalid", kind="enhed", sector="kommune", summary="Et resumé."
        )
    message = str(info.value)
    assert "skal stå på én linje" in message and f"U+{ord(char):04X}" in message


def test_the_model_refuses_a_line_break_in_an_address_and_a_phone():
    with pytest.raises(ValidationError, match="skal stå på én linje"):
        models.Address(street="Vej 1\rURL:https://evil.invalid", postal_code="2610", city="By")
    with pytest.raises(ValidationError, match="skal stå på én linje"):
        models.Phone(number="11 22 33 44", opening_hours="9-15\u2028EMAIL:x@evil.invalid")


def test_the_full_fixture_round_trips_with_its_public_details_only():
    contact = models.Contact.model_validate(yaml.safe_load((FIXTURES / "contact_full.yaml").read_text("utf-8")))
    card = vcard(public_contact(contact), None)  # cards are made from the public view only
    assert card.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n") and card.endswith("END:VCARD\r\n")
    values = dict(properties(card))
    assert values["FN"] == "Testby Kommune, Socialafdelingen"
    assert values["ORG"] == ["Testby Kommune, Socialafdelingen"]
    assert values["TEL"] == "+4511223344" and "55667788" not in card  # the internal number stays out
    assert values["EMAIL"] == "social@testby.invalid" and values["URL"] == "https://testby.invalid/social"
    assert (values["ADR"].street, values["ADR"].code, values["ADR"].city, values["ADR"].country) == (
        "Rådhusvej 1",
        "2610",
        "Rødovre",
        "Danmark",
    )
    assert values["NOTE"] == (
        "Socialafdelingen visiterer til bostøtte og botilbud.\nHovednummer: Mandag-fredag 9-15\n"
        "Sikker post: Send sikker post via Digital Post til Testby Kommune."
    )
    # as an address book reads it: one part per line
    assert "NOTE:Socialafdelingen visiterer til bostøtte og botilbud.\\nHovednummer: " in card


def test_the_check_names_file_field_and_character_of_a_name_with_a_line_break(data_copy):
    text = (FIXTURES / "contact_minimal.yaml").read_text("utf-8")
    name = yaml.safe_load(text)["name"]
    (data_copy / "contacts" / "contact-minimal.yaml").write_text(
        text.replace(f"name: {name}", 'name: "Navn\\rEMAIL:x@evil.invalid"', 1), "utf-8"
    )
    result = run_check(data_copy)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "\r" not in output, "the typed value is shown escaped, never printed as a line break"
    line = next(line for line in output.splitlines() if "contacts/contact-minimal.yaml" in line)
    assert ": name:" in line and "skal stå på én linje" in line and "U+000D" in line
    assert "(fik 'Navn\\rEMAIL:x@evil.invalid')" in line
