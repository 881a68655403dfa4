"""The library's face: load, simulate, query, compare, change and check
(instants may be given as text; the work is done in :mod:`succession.runs`)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from .engine.lines import LineReport, line_report
from .engine.state import State, as_instant
from .engine.timeline import Timeline
from .errors import expect_type
from .load import load_rules, load_scenario
from .runs import WhatIf, check, compare, run, simulate, what_if

__all__ = [
    "WhatIf",
    "at",
    "check",
    "compare",
    "line",
    "load_rules",
    "load_scenario",
    "run",
    "simulate",
    "what_if",
]


TIMELINE = "a Timeline (from succession.run or succession.simulate)"


def at(timeline: Timeline, instant: str | dt.datetime | dt.date) -> State:
    """The state at an instant (a date means the end of that day)."""
    expect_type(timeline, Timeline, "the timeline", TIMELINE)
    return timeline.state_at(as_instant(instant))


def line(
    timeline: Timeline,
    office: str,
    instant: str | dt.datetime | dt.date | None = None,
    kind: Literal["permanent", "temporary"] | None = None,
) -> LineReport:
    """Who comes next for ``office`` (at the end of the timeline by default)."""
    expect_type(timeline, Timeline, "the timeline", TIMELINE)
    expect_type(office, str, "the office", "an office id such as 'president'")
    when = as_instant(instant) if instant is not None else timeline.final.instant
    return line_report(timeline, office, when, kind)
