"""Scenario files to validated scenarios: people, holders, events,
documents and expectations checked against the rules (and the versions of
the law, for a scenario naming a jurisdiction)."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DataPath, InputError, Location, Problem, QueryError, did_you_mean
from ..limits import limit
from ..model.kinds import kind_of
from ..model.scenario import (
    Event,
    Installation,
    Resignation,
    ResignationOutcome,
    Scenario,
)
from ..names import NameIndex, NameProblem
from ..paths import find_folder, outside
from ..yamlio import Positions, display_path, parse, read_text, referenced_file
from .folders import load_jurisdiction, version_at
from .rules import LoadedRules, confine, load_rules, parse_rules, rules_from
from .validation import to_model


@dataclass(frozen=True)
class LoadedScenario:
    """A validated scenario (person references replaced by ids), its rules,
    its documents and where each of its values came from."""

    scenario: Scenario
    file: str
    positions: Positions
    rules: LoadedRules
    documents: dict[str, str] = field(default_factory=dict)
    #: the scenario's other readings, by name (each read when first used)
    readings: Mapping[str, LoadedRules] = field(default_factory=dict)
    data: Any = field(default=None, repr=False)
    """The parsed file, as plain data."""
    base_dir: str = "."
    #: for a scenario naming a jurisdiction: every version of its law, oldest
    #: first (``rules`` is the one in force at the start)
    versions: tuple[LoadedRules, ...] = ()

    def reading(self, name: str) -> LoadedRules:
        """The rules of a reading named in the scenario (``base``: its own rule file)."""
        if name == "base":
            return self.rules
        try:
            return self.readings[name]
        except KeyError:
            raise QueryError(
                f"the scenario has no reading {name!r}",
                hint=did_you_mean(name, ["base", *self.readings], what="readings")
                or "readings are listed under the scenario's `readings:`",
            ) from None

    def under(self, rules: LoadedRules) -> LoadedScenario:
        """The same scenario checked against other rules (a reading or a rule file)."""
        if rules is self.rules:
            return self
        return build_scenario(
            self.data,
            self.positions,
            self.file,
            base_dir=self.base_dir,
            rules=rules,
            readings=self.readings,
        )

    def locate(self, path: DataPath) -> Location:
        """The ``file:line:col`` of a value of the file."""
        return self.positions.at(path)


# --- generic: YAML text to a model ------------------------------------------------------


class Readings(Mapping[str, LoadedRules]):
    """A scenario's readings by name, each rule file or overlay read and
    validated the first time it is used (most commands never use them)."""

    def __init__(
        self, paths: dict[str, Path], read: Callable[[Path, str], str] | None = None
    ) -> None:
        self.paths = paths
        self._read = read
        self._loaded: dict[str, LoadedRules] = {}

    def __getitem__(self, name: str) -> LoadedRules:
        if name not in self._loaded:
            path = self.paths[name]
            shown = display_path(path)
            reader = self._read or (lambda p, n: read_text(p, n))
            self._loaded[name] = parse_rules(
                reader(path, shown), shown, base_dir=path.parent, read=self._read
            )
        return self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.paths)

    def __len__(self) -> int:
        return len(self.paths)


_TYPOGRAPHIC = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)


def normalize_passage(text: str) -> str:
    """Text for quote matching: typographic quotes and dashes made plain, runs of
    whitespace made one space."""
    text = unicodedata.normalize("NFC", text).translate(_TYPOGRAPHIC)
    return re.sub(r"\s+", " ", text).strip()


def parse_scenario(
    text: str,
    file: str,
    *,
    base_dir: str | os.PathLike[str] = ".",
    rules: LoadedRules | None = None,
    read: Callable[[Path, str], str] = lambda p, name: read_text(p, name),
    readings: Mapping[str, LoadedRules] | None = None,
) -> LoadedScenario:
    """Validate the text of a scenario file.

    The rule file, the readings and the documents are read relative to
    ``base_dir`` unless ``rules`` (or ``readings``) is given.
    """
    data, positions = parse(text, file)
    return build_scenario(
        data, positions, file, base_dir=base_dir, rules=rules, read=read, readings=readings
    )


def build_scenario(
    data: Any,
    positions: Positions,
    file: str,
    *,
    base_dir: str | os.PathLike[str] = ".",
    rules: LoadedRules | None = None,
    read: Callable[[Path, str], str] = lambda p, name: read_text(p, name),
    readings: Mapping[str, LoadedRules] | None = None,
) -> LoadedScenario:
    """Validate parsed scenario data (see :func:`parse_scenario`)."""
    for key, name in (("events", "events"), ("people", "people")):
        items = data.get(key) if isinstance(data, dict) else None
        most = limit(name)
        if isinstance(items, list) and len(items) > most:
            raise InputError(
                f"more than {most:,} {name} (SUCCESSION_MAX_{name.upper()})",
                positions.at((key, most)),
                f"split the scenario, or raise SUCCESSION_MAX_{name.upper()} for a file you trust",
            )
    scenario: Scenario = to_model(Scenario, data, positions, "scenario")
    base = Path(base_dir)
    versions: tuple[LoadedRules, ...] = ()
    if rules is None and scenario.jurisdiction is not None:
        rules, versions = _versions(scenario, positions, base)
    if rules is None:
        assert scenario.rules is not None
        rules_path = base / scenario.rules
        rules_name = display_path(rules_path)
        where = positions.at(("rules",))
        referenced_file(
            rules_path,
            f"the rule file {scenario.rules!r}",
            where,
            "give the path of the rule file relative to this scenario file",
        )
        confine(base, rules_path, f"the rule file {scenario.rules!r}", where)
        rules_data, rules_positions = parse(read(rules_path, rules_name), rules_name)
        if kind_of(rules_data) == "scenario":
            raise InputError(
                f"{scenario.rules!r} is a scenario, not a rule file",
                where,
                "name a rule file (one with `offices:`) or an overlay",
            )
        rules = rules_from(rules_data, rules_positions, rules_name, rules_path.parent, read, ())
    if readings is None:
        paths: dict[str, Path] = {}
        for name, rel in scenario.readings.items():
            path = base / rel
            referenced_file(
                path,
                f"the rule file of reading {name!r}",
                positions.at(("readings", name)),
                "give the path of a rule file or overlay relative to this scenario file",
            )
            confine(
                base, path, f"the rule file of reading {name!r}", positions.at(("readings", name))
            )
            paths[name] = path
        readings = Readings(paths, read)
    checker = _ScenarioChecker(scenario, positions, rules, base, read, readings, versions)
    resolved = checker.run()
    return LoadedScenario(
        resolved,
        file,
        positions,
        rules,
        checker.documents,
        readings,
        data,
        os.fspath(base),
        versions,
    )


def _versions(
    scenario: Scenario, positions: Positions, base: Path
) -> tuple[LoadedRules, tuple[LoadedRules, ...]]:
    """The versions of the scenario's jurisdiction, and the one in force at its start."""
    jid = scenario.jurisdiction or ""
    folder = find_folder(base, jid)
    if folder is None:
        raise InputError(
            f"no folder of rule files for the jurisdiction {jid!r} (looked for rules/{jid}/ above "
            "this file, in the folders of SUCCESSION_PATH and in the corpus installed with succession)",
            positions.at(("jurisdiction",)),
            "put the scenario under rules/<jurisdiction>/, add a folder holding <jurisdiction>/ "
            "to the search path (SUCCESSION_PATH), or name one rule file with `rules:`",
        )
    found = load_jurisdiction(folder, everything=False)
    if not found.versions:
        raise InputError(
            f"the folder {found.folder} has no rule file without a reading (no version of the law)",
            positions.at(("jurisdiction",)),
            "add a rule file with valid_from and valid_until",
        )
    start = version_at(found.versions, scenario.start)
    if start is None:
        raise InputError(
            f"no version of the law of {jid!r} is in force on {scenario.start} "
            f"(versions: {_spans(found.versions)})",
            positions.at(("start",)),
            "start the scenario inside a version's validity",
        )
    return start, found.versions


def _spans(versions: tuple[LoadedRules, ...]) -> str:
    return ", ".join(
        f"{v.rules.version} {v.rules.valid_from} to {v.rules.valid_until or 'now'}"
        for v in versions
    )


def load_scenario(
    path: str | os.PathLike[str], *, rules: str | os.PathLike[str] | None = None
) -> LoadedScenario:
    """Read and validate a scenario file, its rule file and readings, and its documents.

    ``rules`` runs it under other rules instead: the path of a rule file or
    overlay, or the name of one of the scenario's readings (``base`` is its
    own rule file).
    """
    name = display_path(path)
    data, positions = parse(read_text(path, name), name)
    base_dir = Path(path).parent
    if rules is None:
        return build_scenario(data, positions, name, base_dir=base_dir)
    wanted = os.fspath(rules)
    named = data.get("readings") if isinstance(data, dict) else None
    readings = list(named) if isinstance(named, dict) else []
    if wanted == "base" or wanted in readings:
        # a reading's name wins over a file of the same name
        loaded = build_scenario(data, positions, name, base_dir=base_dir)
        return loaded.under(loaded.reading(wanted))
    if not Path(rules).is_file():
        raise QueryError(
            f"{wanted!r} is neither a rule file nor a reading of {name}",
            Location(wanted),
            did_you_mean(wanted, ["base", *readings], what="readings")
            or "give the path of a rule file or overlay, or the name of a reading listed under `readings:`",
        )
    return build_scenario(data, positions, name, base_dir=base_dir, rules=load_rules(rules))


class _ScenarioChecker:
    def __init__(
        self,
        scenario: Scenario,
        positions: Positions,
        rules: LoadedRules,
        base: Path,
        read: Callable[[Path, str], str],
        readings: Mapping[str, LoadedRules],
        versions: tuple[LoadedRules, ...] = (),
    ) -> None:
        self.readings = readings
        self.versions = versions
        self.offices: dict[str, Any] = {}
        self.bodies: dict[str, Any] = {}
        for r in (*(v.rules for v in versions), rules.rules):
            self.offices.update(r.offices)
            self.bodies.update(r.bodies)
        self.s = scenario
        self.pos = positions
        self.rules = rules.rules
        self.base = base
        self.read = read
        self.problems: list[Problem] = []
        self.documents: dict[str, str] = {}
        self.names = NameIndex((p.id, p.name, p.aliases) for p in scenario.people)

    def problem(
        self, path: DataPath, message: str, hint: str | None = None, *, key: bool = False
    ) -> None:
        self.problems.append(Problem(message, self.pos.at(path, key=key), hint))

    def person(self, ref: str | None, path: DataPath) -> str | None:
        if ref is None:
            return None
        found = self.names.resolve(ref)
        if isinstance(found, NameProblem):
            self.problem(path, found.message, found.hint)
            return ref
        return found

    def office(self, ref: str | None, path: DataPath, *, key: bool = False) -> None:
        if ref is not None and ref not in self.offices:
            self.problem(
                path,
                f"unknown office {ref!r} (not in the rule file)",
                did_you_mean(ref, self.offices, what="offices"),
                key=key,
            )

    def body(self, ref: str | None, path: DataPath) -> None:
        if ref is not None and ref not in self.bodies:
            self.problem(
                path,
                f"unknown body {ref!r} (not in the rule file)",
                did_you_mean(ref, self.bodies, what="bodies"),
            )

    def unique(self, items: list[Any], section: str, what: str) -> None:
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            if item.id in seen:
                self.problem(
                    (section, i, "id"),
                    f"{what} id {item.id!r} is used twice (first at item {seen[item.id] + 1})",
                    "give each a distinct id",
                )
            seen.setdefault(item.id, i)

    def run(self) -> Scenario:
        s = self.s
        self.unique(s.people, "people", "person")
        self.unique(s.documents, "documents", "document")
        self.unique(s.events, "events", "event")
        self.load_documents()
        holders = self.check_holders()
        earlier: dict[str, Event] = {}
        events = []
        for i, ev in enumerate(s.events):
            events.append(self.check_event(i, ev, earlier))
            earlier.setdefault(ev.id, ev)
        self.check_order()
        expect = [self.check_expectation(i, e) for i, e in enumerate(s.expect)]
        for oid, office in self.offices.items():
            for kind in ("permanent", "temporary"):
                line = office.line(kind)
                for step in line.steps if line else ():
                    if step.person is not None and step.person not in {p.id for p in s.people}:
                        self.problem(
                            ("rules",),
                            f"the rule file's line for {oid!r} names the person {step.person!r}, "
                            "who is not among this scenario's people",
                            f"add a person with id {step.person!r}",
                        )
        if self.problems:
            raise InputError(self.problems)
        return s.model_copy(update={"holders": holders, "events": events, "expect": expect})

    def load_documents(self) -> None:
        for i, doc in enumerate(self.s.documents):
            path = self.base / doc.file
            if outside(self.base, path):
                self.problem(
                    ("documents", i, "file"),
                    f"the document {doc.file!r} is outside the scenario's folder",
                    "keep documents in the scenario's folder or below it, or allow other "
                    "files with SUCCESSION_ALLOW_OUTSIDE=1",
                )
                continue
            try:
                self.documents[doc.id] = normalize_passage(self.read(path, display_path(path)))
            except InputError as exc:
                self.problem(
                    ("documents", i, "file"),
                    f"cannot read document {doc.file!r}: {exc.problems[0].message}",
                    "give the path relative to the scenario file",
                )

    def check_holders(self) -> dict[str, Any]:
        out = {}
        where_held: dict[str, str] = {}
        for oid, spec in self.s.holders.items():
            path: DataPath = ("holders", oid)
            self.office(oid, path, key=True)
            pid = self.person(spec.person, path)
            if pid is not None:
                if pid in where_held:
                    self.problem(
                        path,
                        f"{pid!r} is given as holder of both {where_held[pid]!r} and {oid!r}",
                        "a person holds one office at the start",
                    )
                where_held[pid] = oid
            self.body(spec.confirmed_by, (*path, "confirmed_by"))
            if oid in self.offices and spec.suspended is not None:
                causes = self.offices[oid].causes.temporary
                if spec.suspended not in causes:
                    self.problem(
                        (*path, "suspended"),
                        f"{oid!r} does not recognise the temporary cause {spec.suspended!r}",
                        did_you_mean(spec.suspended, causes, what="causes"),
                    )
            out[oid] = spec.model_copy(update={"person": pid})
        missing = [o for o in self.rules.offices if o not in self.s.holders]
        if missing:
            self.problem(
                ("holders",),
                "no starting holder given for " + ", ".join(repr(m) for m in missing),
                "list every office of the rule file: a person, `vacant` or `unknown`",
                key=True,
            )
        return out

    def check_event(self, i: int, ev: Event, earlier: dict[str, Event]) -> Event:
        path: DataPath = ("events", i)
        pid = self.person(ev.person, (*path, "person"))
        self.office(ev.office, (*path, "office"))
        if isinstance(ev, ResignationOutcome | Installation):
            self.body(ev.by, (*path, "by"))
        if isinstance(ev, Installation):
            self.body(ev.confirmed_by, (*path, "confirmed_by"))
        if isinstance(ev, ResignationOutcome) and ev.resignation is not None:
            target = earlier.get(ev.resignation)
            if target is None or target.type != "resignation":
                self.problem(
                    (*path, "resignation"),
                    f"{ev.resignation!r} is not an earlier resignation event",
                    did_you_mean(
                        ev.resignation,
                        [e.id for e in earlier.values() if e.type == "resignation"],
                        what="resignations",
                    ),
                )
        if ev.simultaneous_with is not None:
            previous = self.s.events[i - 1] if i > 0 else None
            if previous is None or previous.id != ev.simultaneous_with:
                self.problem(
                    (*path, "simultaneous_with"),
                    f"{ev.simultaneous_with!r} is not the event just before this one",
                    "simultaneous_with names the previous event in the file",
                )
            elif previous.instant != ev.instant:
                self.problem(
                    (*path, "simultaneous_with"),
                    "a simultaneous event must have the same date and time as the one it goes with",
                )
        if (
            isinstance(ev, Resignation)
            and ev.effective_at is not None
            and ev.effective_at < ev.instant
        ):
            self.problem(
                (*path, "effective_at"),
                "a resignation cannot take effect before it is submitted",
                "give an instant at or after the event's date and time",
            )
        if ev.date < self.s.start:
            self.problem(
                (*path, "date"),
                f"the event is dated before the scenario's start ({self.s.start})",
                "move `start:` earlier or the event later",
            )
        self.check_source(i, ev)
        self.check_version(ev.date, ev.office, (*path, "date"), (*path, "office"), "event")
        return ev.model_copy(update={"person": pid}) if pid != ev.person else ev

    def check_version(
        self, day: Any, office: str | None, date_path: DataPath, office_path: DataPath, what: str
    ) -> None:
        """With dated versions: a version is in force on ``day`` and has ``office``."""
        if not self.versions:
            return
        v = version_at(self.versions, day)
        if v is None:
            self.problem(
                date_path,
                f"no version of the law of {self.s.jurisdiction!r} is in force on {day} "
                f"(versions: {_spans(self.versions)})",
                f"move the {what} inside a version's validity, or add the version in force then",
            )
        elif office is not None and office in self.offices and office not in v.rules.offices:
            self.problem(
                office_path,
                f"the office {office!r} does not exist under version {v.rules.version!r} ({v.file}), "
                f"in force on {day}",
                did_you_mean(office, v.rules.offices, what="offices of that version"),
            )

    def check_source(self, i: int, ev: Event) -> None:
        src = ev.source
        path: DataPath = ("events", i, "source")
        if src.document is None:
            return
        if src.document not in {d.id for d in self.s.documents}:
            self.problem(
                (*path, "document"),
                f"unknown document {src.document!r}",
                did_you_mean(src.document, [d.id for d in self.s.documents], what="documents"),
            )
            return
        text = self.documents.get(src.document)
        if text is None or src.quote is None:
            return
        if normalize_passage(src.quote) not in text:
            self.problem(
                (*path, "quote"),
                f"the quoted passage is not in the document {src.document!r}",
                "copy the passage exactly (typographic quotes and line breaks may differ)",
            )

    def check_order(self) -> None:
        last_date = None
        last_time = None
        for i, ev in enumerate(self.s.events):
            if last_date is not None and ev.date < last_date:
                self.problem(
                    ("events", i, "date"),
                    f"events out of order: {ev.id!r} ({ev.date}) comes after an event of {last_date}",
                    "list events in the order they happened",
                )
            elif last_date == ev.date and ev.time is not None and last_time and ev.time < last_time:
                self.problem(
                    ("events", i, "time"),
                    f"events out of order: {ev.id!r} at {ev.time:%H:%M} comes after an event at "
                    f"{last_time:%H:%M} the same day",
                    "list events in the order they happened",
                )
            if last_date != ev.date:
                last_time = None
            last_date = ev.date
            last_time = ev.time or last_time

    def check_expectation(self, i: int, exp: Any) -> Any:
        known = ["base", *self.readings]
        for j, name in enumerate(exp.readings):
            if name not in known:
                where: DataPath = (
                    ("expect", i, "reading")
                    if isinstance(exp.reading, str)
                    else ("expect", i, "reading", j)
                )
                self.problem(
                    where,
                    f"unknown reading {name!r}",
                    did_you_mean(name, known, what="readings")
                    or "name `base` or a reading listed under the scenario's `readings:`",
                )
        offices = {}
        for oid, oe in exp.offices.items():
            path: DataPath = ("expect", i, "offices", oid)
            self.office(oid, path, key=True)
            self.check_version(exp.at.date(), oid, ("expect", i, "at"), path, "expectation")
            update: dict[str, Any] = {}
            for name in ("holder", "acting", "exercising", "entitled", "elect"):
                ref = getattr(oe, name)
                if ref is not None:
                    update[name] = self.person(ref, (*path, name))
            if oe.claimants is not None:
                update["claimants"] = [
                    self.person(c, (*path, "claimants", j)) for j, c in enumerate(oe.claimants)
                ]
            offices[oid] = oe.model_copy(update=update)
        return exp.model_copy(update={"offices": offices})
