"""The one clock of the site: "today" is the Danish date, wherever and in whatever time zone the build runs.

CI runs in UTC; between midnight and 01:00 (winter) or 02:00 (summer) Danish time, UTC still has
yesterday's date, and a date an editor wrote as today would be judged to lie in the future.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

DANISH_TIME = ZoneInfo("Europe/Copenhagen")  # the OS's tz database, else the `tzdata` package


def _now() -> datetime:
    """The current instant (replaced in tests to freeze the clock)."""
    return datetime.now(UTC)


def today_in_denmark(now: datetime | None = None) -> date:
    """The date in Denmark at `now` (an aware datetime; default: this instant).

    Raises ValueError for a naive `now`, whose time zone would be a guess.
    """
    instant = now if now is not None else _now()
    if instant.tzinfo is None:
        raise ValueError("now skal have en tidszone")
    return instant.astimezone(DANISH_TIME).date()
