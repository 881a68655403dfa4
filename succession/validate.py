"""Validating files of either kind: rule files and scenario files (which are
also run, so that impossible events are found)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from .errors import Location, Problem, SuccessionError
from .load import load_rules, load_scenario
from .model.kinds import FileKind, kind_of
from .runs import simulate
from .yamlio import display_path, parse, read_text


@dataclass
class ValidationResult:
    """What validating one file found."""

    file: str
    kind: FileKind
    problems: list[Problem] = field(default_factory=list)
    summary: str = ""

    def to_json(self) -> dict[str, Any]:
        """The result as data."""
        return {
            "file": self.file,
            "kind": self.kind,
            "ok": not self.problems,
            "summary": self.summary,
            "problems": [p.to_json() for p in self.problems],
        }


def classify(path: str | os.PathLike[str]) -> FileKind:
    """Whether a YAML file looks like a rule file or a scenario (unknown if unreadable)."""
    try:
        data, _ = parse(read_text(path), os.fspath(path))
    except SuccessionError:
        return "unknown"
    return kind_of(data)


def validate_path(path: str | os.PathLike[str]) -> ValidationResult:
    """Validate one file, whatever its kind."""
    name = display_path(path)
    try:
        data, _ = parse(read_text(path, name), name)
    except SuccessionError as exc:
        return ValidationResult(name, "unknown", list(exc.problems))
    kind = kind_of(data)
    if kind == "unknown":
        return ValidationResult(
            name,
            kind,
            [
                Problem(
                    "not a rule file (no `offices:`), an overlay (no `overlay:`) nor a scenario (no `holders:`)",
                    Location(name, 1, 1),
                    "see `succession schema rules`, `succession schema overlay` and `succession schema scenario`",
                )
            ],
        )
    try:
        if kind in ("rules", "overlay"):
            loaded = load_rules(path)
            rules = loaded.rules
            steps = sum(
                len(line.steps)
                for office in rules.offices.values()
                for line in (office.lines.permanent, office.lines.temporary)
                if line is not None
            )
            if loaded.overlay is not None and loaded.base is not None:
                return ValidationResult(
                    name,
                    kind,
                    summary=f"overlay on {loaded.base.file}, {len(loaded.overlay.changes)} "
                    f"change{'' if len(loaded.overlay.changes) == 1 else 's'}; "
                    f"reading: {loaded.overlay.reading}",
                )
            return ValidationResult(
                name, kind, summary=f"rules, {len(rules.offices)} offices, {steps} steps"
            )
        scenario = load_scenario(path)
        for reading in scenario.readings:
            scenario.readings[reading]  # each reading is read and checked too
        timeline = simulate(scenario)
        s = scenario.scenario
        return ValidationResult(
            name,
            kind,
            summary=f"scenario, {len(s.events)} events, {len(timeline.entries)} states, "
            f"{sum(len(e.warnings) for e in timeline.entries)} warnings",
        )
    except SuccessionError as exc:
        return ValidationResult(name, kind, list(exc.problems))
