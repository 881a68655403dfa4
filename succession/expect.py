"""Checking a scenario's ``expect`` blocks against its timeline."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from .engine.state import Note, OfficeState
from .engine.timeline import Timeline
from .errors import Locate, Location
from .instants import format_instant


@dataclass(frozen=True, slots=True)
class Mismatch:
    """One expected value that the timeline does not show."""

    at: dt.datetime
    office: str
    aspect: str
    expected: Any
    actual: Any
    location: Location | None
    reading: str = "base"
    warnings: tuple[tuple[dt.datetime, Note], ...] = ()
    """The run's warnings about the office up to ``at`` (an event without
    effect, a cause not recognised...), with their instants: what may
    explain the mismatch."""

    def describe(self, timeline: Timeline) -> str:
        """E.g. ``at 2019-11-13, president holder: expected anez (Jeanine Áñez), got nobody``."""

        def show(value: Any) -> str:
            if isinstance(value, list):
                return "[" + ", ".join(show(v) for v in value) + "]"
            if value is None:
                return "nobody"
            if isinstance(value, bool):
                return "yes" if value else "no"
            name = timeline.person_name(value)
            return value if name == value else f"{value} ({name})"

        where = f"{self.location}: " if self.location else ""
        under = f" (reading {self.reading})" if self.reading != "base" else ""
        return (
            f"{where}at {format_instant(self.at)}{under}, {self.office} {self.aspect}: "
            f"expected {show(self.expected)}, got {show(self.actual)}"
        )


def _actual(st: OfficeState, aspect: str) -> Any:
    if aspect == "holder":
        return st.holder_id
    if aspect == "acting":
        return st.acting_id
    if aspect == "exercising":
        return st.exercising
    if aspect == "vacant":
        return st.vacant
    if aspect == "entitled":
        return st.entitled.person if st.entitled else None
    if aspect == "elect":
        return st.elect.person if st.elect else None
    if aspect == "claimants":
        return sorted(c.person for c in st.claims)
    if aspect == "obligations":
        return sorted(f"{o.kind} by {o.deadline.date().isoformat()}" for o in st.obligations)
    raise ValueError(aspect)


def _expected(oe: Any, aspect: str) -> Any:
    value = getattr(oe, aspect)
    if aspect == "claimants":
        return sorted(value or [])
    if aspect == "obligations":
        return sorted(f"{o.kind} by {o.due.isoformat()}" for o in value or [])
    return value


def check_expectations(
    timeline: Timeline,
    locate: Locate | None = None,
    reading: str = "base",
) -> list[Mismatch]:
    """Every expected value of the scenario, under ``reading``, that the
    timeline contradicts. (The timeline must be the scenario run under that
    reading.)"""
    out: list[Mismatch] = []
    warned: dict[str, list[tuple[dt.datetime, Note]]] | None = None
    for i, exp in enumerate(timeline.scenario.expect):
        if reading not in exp.readings:
            continue
        state = timeline.state_at(exp.at)
        for oid, oe in exp.offices.items():
            st = state.office(oid)
            for aspect in oe.given():
                expected = _expected(oe, aspect)
                actual = _actual(st, aspect)
                if actual != expected:
                    where = locate(("expect", i, "offices", oid, aspect)) if locate else None
                    if warned is None:
                        warned = office_warnings(timeline)
                    before = tuple((w_at, n) for w_at, n in warned.get(oid, []) if w_at <= exp.at)
                    out.append(
                        Mismatch(exp.at, oid, aspect, expected, actual, where, reading, before)
                    )
    return out


def office_warnings(timeline: Timeline) -> dict[str, list[tuple[dt.datetime, Note]]]:
    """Every warning of the run about an office, by office, with its instant, in order."""
    out: dict[str, list[tuple[dt.datetime, Note]]] = {}
    for entry in timeline.entries:
        for n in entry.warnings:
            if n.office is not None:
                out.setdefault(n.office, []).append((entry.instant, n))
    return out


def expectation_count(timeline: Timeline, reading: str | None = None) -> int:
    """How many single values the scenario's expect blocks check (under one reading, if given)."""
    return sum(
        len(oe.given())
        for e in timeline.scenario.expect
        if reading is None or reading in e.readings
        for oe in e.offices.values()
    )


def readings_checked(scenario: Any) -> list[str]:
    """The readings the scenario's expectations name, base first."""
    names: list[str] = []
    for e in scenario.expect:
        for r in e.readings:
            if r not in names:
                names.append(r)
    return sorted(names, key=lambda r: r != "base")
