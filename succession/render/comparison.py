"""Views of where runs part: ``compare`` (one scenario under several
readings) and ``what-if`` (as recorded against a changed copy), as text and
as JSON. Only formatting: the intervals and reasons come from
:mod:`succession.diff`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..diff import Diff, Interval, View
from ..engine.timeline import Timeline
from ..instants import format_instant
from ..load import LoadedScenario
from ..model.rules import Rules
from ..model.scenario import Event
from ..runs import WhatIf


def view_text(view: View, name: Callable[[str | None], str]) -> str:
    """One run's view of an office in words, e.g. 'Evo Morales; claimant: Jeanine Áñez'."""
    if not view.tracked:
        return "not recorded"
    parts = [name(view.holder) if view.holder else "vacant"]
    if view.acting:
        parts.append(f"acting: {name(view.acting)}")
    if view.entitled:
        parts.append(f"entitled: {name(view.entitled)}")
    if view.elect:
        parts.append(f"elect: {name(view.elect)}")
    if view.claimants:
        label = "claimant" if len(view.claimants) == 1 else "claimants"
        parts.append(f"{label}: " + ", ".join(name(c) for c in view.claimants))
    for kind, deadline, late in view.obligations:
        parts.append(f"{kind} due by {format_instant(deadline)}" + (" (overdue)" if late else ""))
    return "; ".join(parts)


def view_json(view: View) -> dict[str, Any]:
    """One run's view of an office as data."""
    return {
        "recorded": view.tracked,
        "holder": view.holder,
        "acting": view.acting,
        "claimants": list(view.claimants),
        "entitled": view.entitled,
        "elect": view.elect,
        "obligations": [
            {"kind": k, "deadline": format_instant(d), "overdue": late}
            for k, d, late in view.obligations
        ],
    }


def interval_json(iv: Interval, labels: tuple[str, ...]) -> dict[str, Any]:
    """An interval of disagreement as data."""
    return {
        "from": format_instant(iv.start),
        "until": format_instant(iv.end) if iv.end else None,
        "differs": list(iv.differs),
        "runs": [
            {"run": label, **view_json(view), "why": list(why)}
            for label, view, why in zip(labels, iv.views, iv.reasons, strict=True)
        ],
    }


def diff_json(d: Diff) -> dict[str, Any]:
    """Where the runs part, as data."""
    return {
        "runs": list(d.labels),
        "same": d.same,
        "offices": [
            {
                "office": od.office,
                "name": od.name,
                "intervals": [interval_json(iv, d.labels) for iv in od.intervals],
            }
            for od in d.offices
        ],
    }


def diff_text(d: Diff, heading: list[str], *, why: bool = True) -> str:
    """Where the runs part, office by office, under ``heading``."""
    lines = list(heading)
    width = max(len(label) for label in d.labels)
    if d.same:
        lines.append("")
        lines.append(
            "no difference: every office has the same holder, acting person, claimants, "
            "entitled person and obligations at every instant"
        )
        return "\n".join(lines) + "\n"
    for od in d.offices:
        lines.append("")
        lines.append(od.name)
        for iv in od.intervals:
            until = f"until {format_instant(iv.end)}" if iv.end else "onwards"
            lines.append(
                f"  from {format_instant(iv.start)} {until}   (differs in: {', '.join(iv.differs)})"
            )
            for label, view, reasons in zip(d.labels, iv.views, iv.reasons, strict=True):
                lines.append(f"    {label.ljust(width)}  {view_text(view, d.person_name)}")
                if why:
                    lines.extend(f"    {' ' * width}    · {r}" for r in reasons)
    agree = [
        d.timelines[0].office_name(o)
        for o in d.compared
        if o not in {od.office for od in d.offices}
    ]
    if agree:
        lines.append("")
        lines.append("the same in every run: " + ", ".join(agree))
    return "\n".join(lines) + "\n"


def _rules_file(loaded: LoadedScenario, label: str) -> str:
    if label == "base":
        return str(loaded.rules.file)
    found = loaded.readings.get(label)
    return str(found.file) if found is not None else label


def _reading_text(rules: Rules) -> str:
    if rules.reading:
        return f"reading \u201c{rules.reading}\u201d"
    return f"{rules.title} (the base text)"


def compare_json(loaded: LoadedScenario, d: Diff) -> dict[str, Any]:
    """``compare --json``: the readings run and where they part."""
    readings = [
        {
            "run": label,
            "title": t.rules.title,
            "reading": t.rules.reading,
            "version": t.rules.version,
        }
        for label, t in zip(d.labels, d.timelines, strict=True)
    ]
    return {"scenario": loaded.file, "readings": readings, **diff_json(d)}


def compare_text(loaded: LoadedScenario, d: Diff, *, why: bool = True) -> str:
    """``compare``: the readings run (label, file, title) and where they part."""
    heading = [f"{loaded.file} under {len(d.labels)} readings:"]
    for label, t in zip(d.labels, d.timelines, strict=True):
        file = _rules_file(loaded, label)
        shown = label if label == file else f"{label} ({file})"
        heading.append(f"  {shown}: {_reading_text(t.rules)}")
    return diff_text(d, heading, why=why)


def what_if_json(loaded: LoadedScenario, w: WhatIf) -> dict[str, Any]:
    """``what-if --json``: what was changed and where the runs part."""
    return {
        "scenario": loaded.file,
        "dropped": list(w.dropped),
        "also_dropped": [{"event": e, "why": why} for e, why in w.also_dropped],
        "added": list(w.added),
        "rules": list(w.rules),
        "new_warnings": list(w.new_warnings),
        **diff_json(w.diff),
    }


def _event_text(t: Timeline, ev: Event) -> str:
    who = t.person_name(ev.person) if ev.person else ""
    office = t.office_name(ev.office) if ev.office else ""
    return ", ".join(
        x for x in (f"{format_instant(ev.instant)} {ev.type.replace('_', ' ')}", who, office) if x
    )


def what_if_text(loaded: LoadedScenario, w: WhatIf, *, why: bool = True) -> str:
    """``what-if``: what was changed, new warnings, and where the runs part."""
    heading = [f"What if, in {loaded.file}:"]
    events = {e.id: e for e in w.recorded.scenario.events}
    for e in w.dropped:
        heading.append(f"  dropped {e} ({_event_text(w.recorded, events[e])})")
    for e, reason in w.also_dropped:
        heading.append(f"  also dropped {e}: {reason}")
    new_events = {e.id: e for e in w.changed.scenario.events}
    for e in w.added:
        heading.append(f"  added {e} ({_event_text(w.changed, new_events[e])})")
    for r in w.rules:
        heading.append(f"  rules: {r}")
    for warning in w.new_warnings:
        heading.append(f"  warning: {warning}")
    return diff_text(w.diff, heading, why=why)
