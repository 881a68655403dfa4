"""The library's face: load, simulate, query, check."""

from __future__ import annotations

import datetime as dt
import os
from typing import TYPE_CHECKING, Literal

from .diff import Diff, diff
from .engine import simulate as _simulate
from .engine.lines import LineReport, line_report
from .engine.state import State, as_instant
from .engine.timeline import Timeline
from .expect import Mismatch, check_expectations, readings_checked
from .load import LoadedRules, LoadedScenario, load_rules, load_scenario
from .model.rules import Rules
from .model.scenario import Scenario

if TYPE_CHECKING:
    from .whatif import WhatIf

__all__ = [
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


def simulate(
    scenario: LoadedScenario | Scenario, rules: LoadedRules | Rules | None = None
) -> Timeline:
    """The timeline of a scenario: one state after each event.

    Pass a loaded scenario (its own rule file is used unless ``rules`` is
    given), or models built in code together with their rules.
    """
    if isinstance(scenario, LoadedScenario):
        if rules is None and scenario.versions:
            return _simulate(
                scenario.rules.rules,
                scenario.scenario,
                locate=scenario.locate,
                versions=[v.rules for v in scenario.versions],
            )
        chosen = rules if rules is not None else scenario.rules
        model = chosen.rules if isinstance(chosen, LoadedRules) else chosen
        return _simulate(model, scenario.scenario, locate=scenario.locate)
    if rules is None:
        raise TypeError("a Scenario model needs its rules: simulate(scenario, rules)")
    model = rules.rules if isinstance(rules, LoadedRules) else rules
    return _simulate(model, scenario)


def run(path: str | os.PathLike[str], *, rules: str | os.PathLike[str] | None = None) -> Timeline:
    """Load a scenario file (and its rules, or ``rules`` instead) and simulate it."""
    return simulate(load_scenario(path, rules=rules))


def _instant(value: str | dt.datetime | dt.date) -> dt.datetime:
    return as_instant(value)


def at(timeline: Timeline, instant: str | dt.datetime | dt.date) -> State:
    """The state at an instant (a date means the end of that day)."""
    return timeline.state_at(_instant(instant))


def line(
    timeline: Timeline,
    office: str,
    instant: str | dt.datetime | dt.date | None = None,
    kind: Literal["permanent", "temporary"] | None = None,
) -> LineReport:
    """Who comes next for ``office`` (at the end of the timeline by default)."""
    when = _instant(instant) if instant is not None else timeline.final.instant
    return line_report(timeline, office, when, kind)


def check(loaded: LoadedScenario) -> list[Mismatch]:
    """The scenario's expectations that its timelines contradict (empty: all
    hold). Expectations naming a reading are checked against the scenario run
    under that reading."""
    out: list[Mismatch] = []
    for name, timeline in check_runs(loaded):
        out.extend(check_expectations(timeline, loaded.locate, name))
    return out


def check_runs(loaded: LoadedScenario) -> list[tuple[str, Timeline]]:
    """The scenario run under each reading its expectations name (base first)."""
    names = readings_checked(loaded.scenario) or ["base"]
    return [(name, simulate(loaded.under(loaded.reading(name)))) for name in names]


RulesRef = str | os.PathLike[str] | LoadedRules


def _reading(loaded: LoadedScenario, ref: RulesRef) -> tuple[str, LoadedRules]:
    """A label and the rules for one reading given by path, name or object."""
    from pathlib import Path

    from .load import load_rules as _load_rules

    if isinstance(ref, LoadedRules):
        found = ref
    elif Path(ref).is_file():
        found = _load_rules(ref)
    else:
        name = os.fspath(ref)
        return name, loaded.reading(name)
    here = os.path.realpath(found.file)
    for name, known in [("base", loaded.rules), *loaded.readings.items()]:
        if known is found or os.path.realpath(known.file) == here:
            return name, found
    return found.file, found


def run_readings(
    loaded: LoadedScenario, refs: list[RulesRef]
) -> list[tuple[str, LoadedRules, Timeline]]:
    """The scenario run under each reading: (label, rules, timeline) each."""
    out = []
    for ref in refs:
        label, rules = _reading(loaded, ref)
        out.append((label, rules, simulate(loaded.under(rules))))
    return out


def compare(
    loaded: LoadedScenario,
    readings: list[RulesRef] | None = None,
    offices: list[str] | None = None,
) -> Diff:
    """Run the scenario under each reading and find where they part.

    ``readings`` are rule files or overlays (paths or loaded), or names of the
    scenario's readings (``base`` is its own rule file). By default: the base
    and every reading the scenario names; a single reading is compared with
    the base.
    """
    refs: list[RulesRef] = list(readings) if readings else ["base", *loaded.readings]
    if len(refs) == 1:
        refs = [loaded.rules, *refs]
    runs = run_readings(loaded, refs)
    timelines = [t for _, _, t in runs]
    if offices:
        for oid in offices:
            if oid not in loaded.rules.rules.offices:
                from .errors import QueryError, did_you_mean

                raise QueryError(
                    f"unknown office {oid!r}",
                    hint=did_you_mean(oid, loaded.rules.rules.offices, what="offices"),
                )
    return diff(timelines, [label for label, _, _ in runs], offices)


def what_if(
    loaded: LoadedScenario,
    *,
    drop: list[str] | tuple[str, ...] = (),
    add: list[str] | tuple[str, ...] = (),
    rules: str | os.PathLike[str] | None = None,
    overlays: list[str | os.PathLike[str]] | tuple[str | os.PathLike[str], ...] = (),
) -> WhatIf:
    """The scenario with events dropped or added, other rules or overlays,
    against the scenario as recorded (see :mod:`succession.whatif`)."""
    from .whatif import what_if as _what_if

    return _what_if(loaded, drop=drop, add=add, rules=rules, overlays=overlays)


# re-exported for convenience
load_rules = load_rules
load_scenario = load_scenario
