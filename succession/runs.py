"""Running loaded scenarios: under their own rules (or dated versions of the
law), under other readings, compared, changed (what if) and checked against
their expectations. The library's face (:mod:`succession.api`), validation
and the command line all run scenarios through here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from . import engine
from .diff import Diff, compare_timelines
from .engine.timeline import Timeline
from .errors import QueryError, did_you_mean, expect_type
from .expect import Mismatch, check_expectations, readings_checked
from .load import LoadedRules, LoadedScenario, load_rules, load_scenario
from .model.rules import Rules
from .model.scenario import Scenario
from .variants import vary
from .why import Names, note_text

#: A reading: the path of a rule file or overlay, the name of one of the
#: scenario's readings (``base``: its own rule file), or loaded rules.
RulesRef = str | os.PathLike[str] | LoadedRules


def simulate(
    scenario: LoadedScenario | Scenario, rules: LoadedRules | Rules | None = None
) -> Timeline:
    """The timeline of a scenario: one state after each event.

    A loaded scenario runs under its own rule file (or, naming a
    jurisdiction, the versions of its law, each from the day it came into
    force) unless ``rules`` is given; models built in code need their rules.
    """
    if isinstance(scenario, LoadedScenario):
        if rules is None and scenario.versions:
            return engine.simulate(
                scenario.rules.rules,
                scenario.scenario,
                locate=scenario.locate,
                versions=[v.rules for v in scenario.versions],
            )
        chosen = rules if rules is not None else scenario.rules
        model = chosen.rules if isinstance(chosen, LoadedRules) else chosen
        return engine.simulate(model, scenario.scenario, locate=scenario.locate)
    if rules is None:
        raise TypeError("a Scenario model needs its rules: simulate(scenario, rules)")
    model = rules.rules if isinstance(rules, LoadedRules) else rules
    return engine.simulate(model, scenario)


def run(path: str | os.PathLike[str], *, rules: str | os.PathLike[str] | None = None) -> Timeline:
    """Load a scenario file (and its rules, or ``rules`` instead) and simulate it."""
    expect_type(path, (str, os.PathLike), "the scenario", "the path of a scenario file")
    return simulate(load_scenario(path, rules=rules))


def reading_of(loaded: LoadedScenario, ref: RulesRef) -> tuple[str, LoadedRules]:
    """A label and the rules for one reading given by path, name or object
    (a file the scenario names as a reading is labelled with its name)."""
    if isinstance(ref, LoadedRules):
        found = ref
    elif os.fspath(ref) == "base" or os.fspath(ref) in loaded.readings:
        name = os.fspath(ref)  # a reading's name wins over a file of the same name
        return name, loaded.reading(name)
    elif Path(ref).is_file():
        found = load_rules(ref)
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
        label, rules = reading_of(loaded, ref)
        out.append((label, rules, simulate(loaded.under(rules))))
    return out


def compare(
    loaded: LoadedScenario,
    readings: list[RulesRef] | None = None,
    offices: list[str] | None = None,
) -> Diff:
    """Run the scenario under each reading and find where they part.

    By default: the base and every reading the scenario names; a single
    reading is compared with the base.
    """
    if not readings and not loaded.readings:
        raise QueryError(
            "the scenario names no readings to compare its rules with",
            hint="name readings under `readings:` in the scenario, or give the rule files "
            "or overlays to compare",
        )
    refs: list[RulesRef] = list(readings) if readings else ["base", *loaded.readings]
    if len(refs) == 1:
        refs = [loaded.rules, *refs]
    for oid in offices or ():
        if oid not in loaded.rules.rules.offices:
            raise QueryError(
                f"unknown office {oid!r}",
                hint=did_you_mean(oid, loaded.rules.rules.offices, what="offices"),
            )
    runs = run_readings(loaded, refs)
    return compare_timelines([t for _, _, t in runs], [label for label, _, _ in runs], offices)


def check_runs(loaded: LoadedScenario) -> list[tuple[str, Timeline]]:
    """The scenario run under each reading its expectations name (base first)."""
    names = readings_checked(loaded.scenario) or ["base"]
    return [(name, simulate(loaded.under(loaded.reading(name)))) for name in names]


def check(loaded: LoadedScenario) -> list[Mismatch]:
    """The scenario's expectations that its timelines contradict (empty: all
    hold). Expectations naming a reading are checked against the scenario run
    under that reading."""
    out: list[Mismatch] = []
    for name, timeline in check_runs(loaded):
        out.extend(check_expectations(timeline, loaded.locate, name))
    return out


@dataclass(frozen=True)
class WhatIf:
    """The scenario as recorded, the changed one, and where they part."""

    recorded: Timeline
    changed: Timeline
    diff: Diff
    dropped: tuple[str, ...]
    """Ids of the events dropped, as asked."""
    also_dropped: tuple[tuple[str, str], ...]
    """(id, why) of events dropped because they depend on a dropped one."""
    added: tuple[str, ...]
    """Ids of the events added."""
    rules: tuple[str, ...] = ()
    """The rule file and overlays the changed run uses, when not the scenario's own."""
    new_warnings: tuple[str, ...] = field(default=())
    """Warnings of the changed run that the recorded run does not give."""


def what_if(
    loaded: LoadedScenario,
    *,
    drop: list[str] | tuple[str, ...] = (),
    add: list[str] | tuple[str, ...] = (),
    rules: str | os.PathLike[str] | None = None,
    overlays: list[str | os.PathLike[str]] | tuple[str | os.PathLike[str], ...] = (),
) -> WhatIf:
    """Run ``loaded`` as recorded and changed (see :func:`succession.variants.vary`
    for what ``drop``, ``add``, ``rules`` and ``overlays`` take), and compare."""
    variant = vary(loaded, drop=drop, add=add, rules=rules, overlays=overlays)
    recorded = simulate(loaded)
    changed = simulate(variant.scenario)
    as_recorded, as_changed = Names(recorded), Names(changed)
    before = {note_text(w, as_recorded, e.instant) for e in recorded.entries for w in e.warnings}
    new_warnings = tuple(
        dict.fromkeys(
            said
            for e in changed.entries
            for w in e.warnings
            if (said := note_text(w, as_changed, e.instant)) not in before
        )
    )
    parted = compare_timelines([recorded, changed], ["as recorded", "what if"])
    return WhatIf(
        recorded,
        changed,
        parted,
        variant.dropped,
        variant.also_dropped,
        variant.added,
        variant.rules,
        new_warnings,
    )


__all__ = [
    "RulesRef",
    "WhatIf",
    "check",
    "check_runs",
    "compare",
    "reading_of",
    "run",
    "run_readings",
    "simulate",
    "what_if",
]
