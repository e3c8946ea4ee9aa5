"""Every date is judged by the Danish calendar, whatever the hour and time zone of the machine (CI runs in UTC)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

import macros.data.clock
from macros.data.catalog import check_data
from macros.data.clock import today_in_denmark

# 23:30 UTC on 1 June is 01:30 on 2 June in Denmark (summer time, UTC+2).
JUST_AFTER_DANISH_MIDNIGHT = datetime(2026, 6, 1, 23, 30, tzinfo=UTC)
# 21:59 UTC on 1 June is 23:59 on 1 June in Denmark.
JUST_BEFORE_DANISH_MIDNIGHT = datetime(2026, 6, 1, 21, 59, tzinfo=UTC)


@pytest.mark.parametrize(
    ("instant", "danish_date"),
    [
        (JUST_AFTER_DANISH_MIDNIGHT, date(2026, 6, 2)),
        (JUST_BEFORE_DANISH_MIDNIGHT, date(2026, 6, 1)),
        (datetime(2026, 1, 14, 23, 30, tzinfo=UTC), date(2026, 1, 15)),  # winter time, UTC+1
        (datetime(2026, 1, 14, 22, 59, tzinfo=UTC), date(2026, 1, 14)),
    ],
)
def test_today_is_the_date_in_denmark(instant, danish_date):
    assert today_in_denmark(instant) == danish_date


def _verified_on(data_copy, when: str):
    offer = data_copy / "offers" / "roedovre-mentor.yaml"
    offer.write_text(offer.read_text("utf-8") + f"last_verified: {when}\n", "utf-8")
    return offer


def _problems_with_the_clock_at(monkeypatch, data_copy, instant):
    monkeypatch.setattr(macros.data.clock, "_now", lambda: instant)
    _, problems = check_data(data_copy)
    return [p for p in problems if p.path == "offers/roedovre-mentor.yaml"]


def test_todays_danish_date_is_accepted_after_danish_midnight_while_utc_is_still_yesterday(monkeypatch, data_copy):
    _verified_on(data_copy, "2026-06-02")
    assert _problems_with_the_clock_at(monkeypatch, data_copy, JUST_AFTER_DANISH_MIDNIGHT) == []


def test_tomorrows_danish_date_is_refused_as_in_the_future(monkeypatch, data_copy):
    _verified_on(data_copy, "2026-06-02")
    problems = _problems_with_the_clock_at(monkeypatch, data_copy, JUST_BEFORE_DANISH_MIDNIGHT)
    assert [(p.field, p.message.split(";")[0]) for p in problems] == [
        ("last_verified", "datoen 2026-06-02 ligger i fremtiden")
    ]


def test_a_naive_time_is_refused():
    with pytest.raises(ValueError, match="tidszone"):
        today_in_denmark(datetime(2026, 6, 1, 23, 30))


# --- Dates of something seen: never after the build's date (an outside tester's examples) ------------------------


def _edit(data, path: str, old: str, new: str, count: int = 1) -> None:
    file = data / path
    text = file.read_text("utf-8")
    assert old in text, (path, old)
    file.write_text(text.replace(old, new, count), "utf-8")


def _seen_in_the_future(what: str, when: str) -> str:
    return f"datoen {when} ligger i fremtiden; skriv den dag, {what}"


READ = "siden faktisk blev læst"


def test_every_date_a_page_was_read_or_the_data_seen_is_refused_in_the_future_in_one_run(data_copy):
    offer = "offers/roedovre-midlertidigt-husly.yaml"
    _edit(data_copy, offer, "read_on: 2026-11-30", "read_on: 2072-11-30")  # sources[0]
    _edit(data_copy, offer, "      read_on: 2026-11-30", "      read_on: 2072-12-01")  # facts[0].source
    _edit(
        data_copy,
        offer,
        "contacts: [roedovre-kommune]\n",
        "contacts: [roedovre-kommune]\ncapacity:\n  places: 4\n  updated: '2090-01-01'\n",
    )
    _edit(
        data_copy,
        "contacts/roedovre-kommune.yaml",
        "website: https://www.rk.dk\n",
        "website: https://www.rk.dk\nfacts:\n  - topic: andet\n    text: Borgerservice har åbent.\n"
        "    source:\n      title: Borgerservice\n      url: https://www.rk.dk/borgerservice\n"
        "      read_on: 2099-01-01\n",
    )
    _edit(data_copy, "municipalities/roedovre.yaml", "read_on: 2026-11-30", "read_on: 2099-01-02")
    _edit(data_copy, "vocabularies/legal_bases.yaml", "read_on: 2026-11-30", "read_on: 2099-01-03")
    _edit(
        data_copy,
        "about/accessibility.yaml",
        "  - description: Windows' kontrasttemaer (tvungne farver).\n",
        "  - description: Windows' kontrasttemaer (tvungne farver).\n    done: 2099-01-04\n",
    )
    _, problems = check_data(data_copy)
    found = sorted(str(p) for p in problems if "ligger i fremtiden" in p.message)
    assert found == [
        "about/accessibility.yaml:51: manual_tests[2].done: "
        + _seen_in_the_future("testen faktisk blev udført", "2099-01-04"),
        "contacts/roedovre-kommune.yaml:25: facts[0].source.read_on: " + _seen_in_the_future(READ, "2099-01-01"),
        "municipalities/roedovre.yaml:14: entrance.phones[0].source.read_on: "
        + _seen_in_the_future(READ, "2099-01-02"),
        "offers/roedovre-midlertidigt-husly.yaml:16: capacity.updated: "
        + _seen_in_the_future("tallene faktisk blev opgjort", "2090-01-01"),
        "offers/roedovre-midlertidigt-husly.yaml:20: sources[0].read_on: " + _seen_in_the_future(READ, "2072-11-30"),
        "offers/roedovre-midlertidigt-husly.yaml:29: facts[0].source.read_on: "
        + _seen_in_the_future(READ, "2072-12-01"),
        "vocabularies/legal_bases.yaml:22: items[0].access[0].source.read_on: "
        + _seen_in_the_future(READ, "2099-01-03"),
    ]


def test_a_date_read_in_the_future_is_reported_beside_another_mistake_of_the_same_file(data_copy):
    _edit(data_copy, "offers/roedovre-midlertidigt-husly.yaml", "read_on: 2026-11-30", "read_on: 2072-11-30")
    _edit(data_copy, "offers/roedovre-midlertidigt-husly.yaml", "kinds: [bo]", "kinds: [boliger]")
    _, problems = check_data(data_copy)
    assert [(p.line, p.field, p.message.split(";")[0].split(".")[0]) for p in problems if p.severity == "fejl"] == [
        (9, "kinds[0]", "værdien 'boliger' er ikke tilladt"),
        (17, "sources[0].read_on", "datoen 2072-11-30 ligger i fremtiden"),
    ]


def test_dates_that_may_lie_ahead_are_accepted(data_copy):
    """A policy's period may begin and end in the future; today's date is never in the future."""
    policy = "policies/ballerup-socialstrategi-2024-2026.yaml"
    _edit(data_copy, policy, "valid_from: 2024-01-01", "valid_from: 2098-01-01")
    _edit(data_copy, policy, "valid_to: 2026-12-31", "valid_to: 2099-12-31")
    today = today_in_denmark().isoformat()
    _edit(data_copy, "offers/roedovre-midlertidigt-husly.yaml", "read_on: 2026-11-30", f"read_on: {today}", count=4)
    catalog, problems = check_data(data_copy)
    assert catalog is not None, [str(p) for p in problems if p.severity == "fejl"]
    assert catalog.policy_status(catalog.policies["ballerup-socialstrategi-2024-2026"]) == "ikke begyndt"
