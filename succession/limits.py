"""The limits on what input may ask for, in one place: how large a file may
be, how many values it may hold, how many events and people a scenario may
have and how much a run may record. Each bounds the time and memory of any
input (the figures behind them are in the README), and each can be raised
by an environment variable for a larger file one trusts; a setting that is
not a positive whole number is an error, never silently ignored.

The limits a rule file's content must keep (offices, delays, ages) are part
of the format and live with it (:mod:`succession.model.rules`)."""

from __future__ import annotations

import os

#: (environment variable, default, what it counts) for each limit.
SETTINGS: dict[str, tuple[str, int, str]] = {
    "file_bytes": ("SUCCESSION_MAX_FILE_BYTES", 5_000_000, "bytes"),
    "nodes": ("SUCCESSION_MAX_NODES", 120_000, "values"),
    "events": ("SUCCESSION_MAX_EVENTS", 4_000, "events"),
    "people": ("SUCCESSION_MAX_PEOPLE", 4_000, "people"),
    "recorded": ("SUCCESSION_MAX_RECORDED", 600_000, "recorded values"),
    "cache_bytes": ("SUCCESSION_CACHE_MAX_BYTES", 500_000_000, "bytes"),
}


def limit(name: str) -> int:
    """The limit ``name`` (a key of :data:`SETTINGS`) in force: its
    environment variable's value, or its default when that is unset."""
    variable, default, unit = SETTINGS[name]
    raw = os.environ.get(variable, "").strip()
    if not raw:
        return default
    if raw.isascii() and raw.isdigit() and int(raw) > 0:
        return int(raw)
    from .errors import InputError, Location  # only to say what is wrong

    raise InputError(
        f"{raw!r} is not a number of {unit}",
        Location(variable),
        f"write a whole number (such as {default}) or unset {variable}",
    )


def check_all() -> None:
    """Raise :class:`InputError` for the first limit set to something that is not a number."""
    for name in SETTINGS:
        limit(name)


def signature() -> str:
    """Every limit in force, as text (answers made under other limits differ)."""
    return ",".join(str(limit(name)) for name in SETTINGS if name != "cache_bytes")
