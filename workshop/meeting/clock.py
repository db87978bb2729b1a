"""The meeting's times as the hall reads them: stored in UTC, shown in Swedish time."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = ["HALL_ZONE", "hall_time"]

HALL_ZONE = "Europe/Stockholm"


def hall_time(value: dt.datetime | None) -> str:
    """``HH:MM`` in the hall's time zone for a naive UTC time; "–" for none.

    >>> hall_time(dt.datetime(2026, 12, 7, 17, 5))
    '18:05'
    >>> hall_time(dt.datetime(2026, 7, 7, 17, 5))
    '19:05'
    >>> hall_time(None)
    '–'
    """
    if value is None:
        return "–"
    try:
        zone: dt.tzinfo = ZoneInfo(HALL_ZONE)
    except ZoneInfoNotFoundError:  # a machine without the time zone database: UTC, said so
        return value.strftime("%H:%M UTC")
    return value.replace(tzinfo=dt.timezone.utc).astimezone(zone).strftime("%H:%M")
