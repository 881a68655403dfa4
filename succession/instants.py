"""Instants as users write them: a date (meaning the end of that day, after
every event dated that day) or a date and time."""

from __future__ import annotations

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
    raise ValueError(f"{text!r} is not a date (YYYY-MM-DD) or a date and time (YYYY-MM-DDTHH:MM)")


def format_instant(instant: dt.datetime) -> str:
    """``2019-11-12`` for the end of a day or midnight, else ``2019-11-12T18:41``."""
    if instant.time() in (END_OF_DAY, dt.time()):
        return instant.date().isoformat()
    return instant.strftime("%Y-%m-%dT%H:%M" if instant.second == 0 else "%Y-%m-%dT%H:%M:%S")
