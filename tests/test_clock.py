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
