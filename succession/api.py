"""The library's face: load, simulate, query, check."""

from __future__ import annotations

import datetime as dt
import os
from typing import Literal

from .engine import simulate as _simulate
from .engine.lines import LineReport, line_report
from .engine.state import State, Timeline, as_instant
from .expect import Mismatch, check_expectations, readings_checked
from .load import LoadedRules, LoadedScenario, load_rules, load_scenario
from .model.rules import Rules
from .model.scenario import Scenario

__all__ = ["at", "check", "line", "load_rules", "load_scenario", "run", "simulate"]


def simulate(
    scenario: LoadedScenario | Scenario, rules: LoadedRules | Rules | None = None
) -> Timeline:
    """The timeline of a scenario: one state after each event.

    Pass a loaded scenario (its own rule file is used unless ``rules`` is
    given), or models built in code together with their rules.
    """
    if isinstance(scenario, LoadedScenario):
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


# re-exported for convenience
load_rules = load_rules
load_scenario = load_scenario
