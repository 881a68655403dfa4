"""Jurisdictions: a folder ``rules/<id>/`` of dated rule files (the versions
of the law), readings beside them, and historical scenarios under
``scenarios/``.

A version is a rule file of the jurisdiction without a ``reading``; its
``valid_from`` and ``valid_until`` say when it was in force, and the versions
of one jurisdiction may not overlap. A reading is an overlay, or a rule file
with a ``reading``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, Location, Problem, SuccessionError
from ..model.kinds import is_reading, kind_of
from ..paths import rule_files
from ..yamlio import display_path, parse, read_text
from .rules import LoadedRules, load_rules, rules_from


@dataclass(frozen=True)
class Jurisdiction:
    """One jurisdiction's folder: its versions, readings and scenarios."""

    id: str
    folder: str
    versions: tuple[LoadedRules, ...]
    """The versions of the law, oldest first."""
    readings: tuple[LoadedRules, ...]
    """Loaded overlays and reading rule files."""
    scenarios: tuple[str, ...]
    """Scenario files under the folder."""
    problems: tuple[Problem, ...] = ()
    """Files that did not load, and versions that overlap."""
    titles: dict[str, str] = field(default_factory=dict)
    """Each scenario's title."""

    def version_at(self, day: dt.date) -> LoadedRules | None:
        """The version in force on ``day``, if any."""
        return version_at(self.versions, day)


def version_at(
    versions: tuple[LoadedRules, ...] | list[LoadedRules], day: dt.date
) -> LoadedRules | None:
    """The version (loaded rules) in force on ``day``, if any."""
    for v in versions:
        r = v.rules
        if r.valid_from <= day and (r.valid_until is None or day <= r.valid_until):
            return v
    return None


def load_jurisdiction(
    folder: str | os.PathLike[str], *, strict: bool = True, everything: bool = True
) -> Jurisdiction:
    """Read a jurisdiction folder, each file once.

    With ``strict`` a file that does not load, or versions that overlap, raise
    :class:`InputError`; otherwise they are listed in ``problems``. Without
    ``everything`` only the versions are read (what a scenario naming the
    jurisdiction needs), not the readings or the scenarios.
    """
    base = Path(folder)
    versions: list[LoadedRules] = []
    readings: list[LoadedRules] = []
    problems: list[Problem] = []
    for path in rule_files(base):
        name = display_path(path)
        try:
            data, positions = parse(read_text(path, name), name)
            kind = kind_of(data)
            reading = is_reading(data)
            if kind in ("rules", "overlay") and (everything or not reading):
                loaded = rules_from(data, positions, name, path.parent, None, ())
                (readings if reading else versions).append(loaded)
        except SuccessionError as exc:
            problems.extend(exc.problems)
    jid = base.name
    for v in [*versions, *readings]:
        if v.rules.jurisdiction != jid:
            problems.append(
                Problem(
                    f"the folder {display_path(base)} is for {jid!r}, but this file is for {v.rules.jurisdiction!r}",
                    v.locate(("jurisdiction",)),
                    f"move it to rules/{v.rules.jurisdiction}/ or write `jurisdiction: {jid}`",
                )
            )
    versions.sort(key=lambda v: v.rules.valid_from)
    for earlier, later in itertools.pairwise(versions):
        end = earlier.rules.valid_until
        if end is None or end >= later.rules.valid_from:
            problems.append(
                Problem(
                    f"the versions {earlier.rules.version!r} ({earlier.file}) and {later.rules.version!r} "
                    f"overlap: {later.rules.valid_from} is before the end of the first "
                    f"({end if end is not None else 'open'})",
                    earlier.locate(("valid_until",) if end is not None else ("valid_from",)),
                    f"end the earlier version with `valid_until: {later.rules.valid_from - dt.timedelta(days=1)}`",
                )
            )
    titles: dict[str, str] = {}
    if everything:
        for path in sorted(base.rglob("*.yaml")):
            if path.parent == base:
                continue
            try:
                data, _ = parse(read_text(path), os.fspath(path))
            except SuccessionError:
                continue
            if kind_of(data) == "scenario":
                titles[display_path(path)] = str(data.get("title") or display_path(path))
    if problems and strict:
        raise InputError(problems)
    return Jurisdiction(
        jid,
        display_path(base),
        tuple(versions),
        tuple(readings),
        tuple(titles),
        tuple(problems),
        titles,
    )


def rules_in_force(path: str | os.PathLike[str], day: dt.date | None = None) -> LoadedRules:
    """A rule file or overlay, or, for a jurisdiction's folder, its version in
    force on ``day`` (the latest without one)."""
    if not Path(path).is_dir():
        return load_rules(path)
    found = load_jurisdiction(path, everything=False)
    if not found.versions:
        raise InputError(
            "no rule file in this folder",
            Location(os.fspath(path)),
            "give a rule file or rules/<id>/",
        )
    if day is None:
        return found.versions[-1]
    chosen = version_at(found.versions, day)
    if chosen is None:
        raise InputError(
            f"no version of {found.id!r} is in force on {day}",
            Location(os.fspath(path)),
            "see `succession jurisdictions`",
        )
    return chosen


def discover(root: str | os.PathLike[str] = "rules") -> list[Jurisdiction]:
    """Every jurisdiction under ``root`` (a folder of jurisdiction folders, or one of them)."""
    base = Path(root)
    if not base.is_dir():
        raise InputError(
            f"no folder {os.fspath(root)!r}",
            Location(os.fspath(root)),
            "give the folder of the rule files, e.g. rules/",
        )
    folders = (
        [base] if any(base.glob("*.yaml")) else sorted(p for p in base.iterdir() if p.is_dir())
    )
    found = [load_jurisdiction(f, strict=False) for f in folders if any(f.glob("*.yaml"))]
    if not found:
        raise InputError(
            "no jurisdiction here: neither this folder nor a folder in it holds rule files (.yaml)",
            Location(os.fspath(root)),
            "give a folder of jurisdiction folders (such as rules/, holding bo/2009.yaml ...) "
            "or one jurisdiction's folder",
        )
    return found
