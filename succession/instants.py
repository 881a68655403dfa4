"""Instants as users write them: a date (meaning the end of that day, after
every event dated that day) or a date and time."""

from __future__ import annotations

import calendar
import datetime as dt
import re

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_DATETIME = re.compile(r"(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(:\d{2})?)\Z")

#: The last representable moment of a day: a date-only query sees all that day's events.
END_OF_DAY = dt.time.max


def parse_instant(text: str) -> dt.datetime:
    """``2019-11-12`` → the end of that day; ``2019-11-12T18:45`` → that minute."""
    text = text.strip()
    try:
        if _DATE.match(text):
            return dt.datetime.combine(dt.date.fromisoformat(text), END_OF_DAY)
        m = _DATETIME.match(text)
        if m:
            return dt.datetime.fromisoformat(f"{m.group(1)}T{m.group(2)}")
    except ValueError:
        pass
    why = not_a_date(text)
    raise ValueError(
        f"{text!r} is not a date: {why}"
        if why
        else f"{text!r} is not a date (YYYY-MM-DD) or a date and time (YYYY-MM-DDTHH:MM)"
    )


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def not_a_date(text: str) -> str | None:
    """What is wrong with a text written like a date (``YYYY-MM-DD``,
    optionally ``THH:MM``) that names no day or time, e.g. 'February has 28
    days in 2019'; None when it is not written like one (or is valid)."""
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?\Z", text.strip())
    if m is None:
        return None
    year, month, day = (int(g) for g in m.group(1, 2, 3))
    if year == 0:
        return "there is no year 0000"
    if not 1 <= month <= 12:
        return f"there is no month {m.group(2)} (months run from 01 to 12)"
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        month_name = _MONTHS[month - 1]
        return f"{month_name} has {days} days" + (f" in {year}" if month == 2 else "")
    if m.group(4) is not None:
        hour, minute, second = int(m.group(4)), int(m.group(5)), int(m.group(6) or 0)
        if hour > 23 or minute > 59 or second > 59:
            return f"{text.strip()[11:]} is not a time of day (hours run from 00 to 23, minutes from 00 to 59)"
    return None


def format_instant(instant: dt.datetime) -> str:
    """``2019-11-12`` for the end of a day or midnight, else ``2019-11-12T18:41``."""
    if instant.time() in (END_OF_DAY, dt.time()):
        return instant.date().isoformat()
    return instant.strftime("%Y-%m-%dT%H:%M" if instant.second == 0 else "%Y-%m-%dT%H:%M:%S")
