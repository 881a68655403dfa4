"""A variant of a loaded scenario: events dropped or added, other rules or
overlays. Nothing is run here and no file is edited (``runs.what_if`` runs
the scenario as recorded and the variant, and compares them).

Events to add come in a compact one-line form::

    "2019-11-12 resignation anez senate_president"
    "2019-11-12T18:45 elected copa senate_president by=senate"

(date or date and time, the event type, then the fields the type needs in
the order person, office, cause, and any other field as ``key=value``), or
as a YAML file holding a list of events written as in a scenario.
"""

from __future__ import annotations

import datetime as dt
import os
import shlex
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError as PydanticError

from .errors import DataPath, InputError, Location, QueryError, did_you_mean
from .load import (
    LoadedRules,
    LoadedScenario,
    build_scenario,
    load_rules,
    model_problems,
    overlay_rules,
)
from .model.scenario import (
    EVENT_TYPES,
    Event,
    ResignationOutcome,
    parse_event,
    required_fields,
)
from .yamlio import Positions, display_path, parse, read_text

#: fields a compact event may give as key=value
COMPACT_KEYS = (
    "id",
    "person",
    "office",
    "by",
    "cause",
    "effective_at",
    "resignation",
    "takes_office",
    "confirmed_by",
    "simultaneous_with",
    "note",
)


@dataclass(frozen=True)
class Variant:
    """A scenario changed as asked, and what was changed."""

    scenario: LoadedScenario
    dropped: tuple[str, ...]
    """Ids of the events dropped, as asked."""
    also_dropped: tuple[tuple[str, str], ...]
    """(id, why) of events dropped because they depend on a dropped one."""
    added: tuple[str, ...]
    """Ids of the events added."""
    rules: tuple[str, ...] = field(default=())
    """The rule file and overlays the variant uses, when not the scenario's own."""


class _Remapped(Positions):
    """Positions of a scenario whose event list was changed: each event is
    located in the file (or command-line argument) it came from."""

    def __init__(
        self, base: Positions, origins: list[tuple[Positions | Location, DataPath]]
    ) -> None:
        super().__init__(base.file)
        self.base = base
        self.origins = origins

    def _origin(self, path: DataPath) -> tuple[Positions | Location, DataPath] | None:
        if (
            len(path) >= 2
            and path[0] == "events"
            and isinstance(path[1], int)
            and path[1] < len(self.origins)
        ):
            where, prefix = self.origins[path[1]]
            return where, (*prefix, *path[2:])
        return None

    def plain(self, path: DataPath) -> str | None:
        found = self._origin(path)
        if found is None:
            return self.base.plain(path)
        where, inner = found
        return None if isinstance(where, Location) else where.plain(inner)

    def at(self, path: DataPath, *, key: bool = False) -> Location:
        found = self._origin(path)
        if found is not None:
            where, inner = found
            return where if isinstance(where, Location) else where.at(inner, key=key)
        if path == ("events",) or (len(path) == 2 and path[0] == "events"):
            return self.base.at(("events",), key=key)
        return self.base.at(path, key=key)


def parse_compact(spec: str, n: int) -> dict[str, Any]:
    """One event in the compact form, as scenario data."""
    where = Location(f"added event {n}")
    try:
        words = shlex.split(spec)
    except ValueError as exc:
        raise QueryError(f"cannot read {spec!r}: {exc}", where, "quote names with spaces") from None
    usage = 'write DATE TYPE PERSON OFFICE [key=value ...], e.g. "2019-11-12 resignation anez senate_president"'
    if len(words) < 2:
        raise QueryError(f"{spec!r} is too short for an event", where, usage)
    when, kind, *rest = words
    if kind not in EVENT_TYPES:
        raise QueryError(
            f"unknown event type {kind!r}",
            where,
            did_you_mean(kind, EVENT_TYPES, what="event types") or usage,
        )
    date, _, time = when.partition("T")
    data: dict[str, Any] = {"id": f"what-if-{n}", "date": date, "type": kind}
    if time:
        data["time"] = time
    positional = [w for w in rest if "=" not in w]
    keyed = [w for w in rest if "=" in w]
    order = [f for f in ("person", "office", "cause") if f in required_fields(kind)]
    if len(positional) > len(order):
        raise QueryError(
            f"too many values for a {kind} event: {' '.join(positional[len(order) :])}",
            where,
            f"a {kind} event takes {', '.join(order) or 'no positional values'}; give others as key=value",
        )
    data.update(zip(order, positional, strict=False))
    for word in keyed:
        key, _, value = word.partition("=")
        if key not in COMPACT_KEYS:
            raise QueryError(
                f"unknown field {key!r} in {spec!r}",
                where,
                did_you_mean(key, COMPACT_KEYS, what="fields")
                or f"fields: {', '.join(COMPACT_KEYS)}",
            )
        data[key] = (
            {"true": True, "false": False}.get(value, value) if key == "takes_office" else value
        )
    data["source"] = {"record": f"what-if: given on the command line ({spec})", "verified": False}
    return data


def _snippet(path: Path) -> tuple[list[dict[str, Any]], Positions, DataPath]:
    name = display_path(path)
    data, positions = parse(read_text(path, name), name)
    prefix: DataPath = ()
    if isinstance(data, dict) and "events" in data:
        data, prefix = data["events"], ("events",)
    if not isinstance(data, list) or not all(isinstance(e, dict) for e in data):
        raise InputError(
            "an events file holds a list of events (or a mapping with `events:`)",
            positions.at(prefix),
            "write each event as in a scenario: - id: ...\n    date: ...",
        )
    for e in data:
        e.setdefault("source", {"record": f"what-if: from {name}", "verified": False})
    return data, positions, prefix


def _instant_of(raw: dict[str, Any], where: Positions | Location, prefix: DataPath) -> dt.datetime:
    try:
        return parse_event(raw).instant
    except PydanticError as exc:
        if isinstance(where, Location):
            first = exc.errors(include_url=False)[0]
            field_ = ".".join(str(p) for p in first["loc"]) or "event"
            raise QueryError(
                f"{field_}: {first['msg']}", where, "write DATE TYPE PERSON OFFICE [key=value ...]"
            ) from None
        raise InputError(model_problems(exc, Event, raw, _Prefixed(where, prefix))) from None


class _Prefixed(Positions):
    """Positions inside one value of a file."""

    def __init__(self, base: Positions, prefix: DataPath) -> None:
        super().__init__(base.file)
        self.base = base
        self.prefix = prefix

    def at(self, path: DataPath, *, key: bool = False) -> Location:
        return self.base.at((*self.prefix, *path), key=key)

    def plain(self, path: DataPath) -> str | None:
        return self.base.plain((*self.prefix, *path))


def _resolve_rules(
    loaded: LoadedScenario,
    rules: str | os.PathLike[str] | None,
    overlays: list[str | os.PathLike[str]],
) -> tuple[LoadedRules | None, tuple[str, ...]]:
    """The rules of the changed run (None: the scenario's own, dated versions included)."""
    if rules is None and not overlays:
        return None, ()
    chosen = loaded.rules
    names: list[str] = []
    if rules is not None:
        chosen = load_rules(rules) if Path(rules).is_file() else loaded.reading(os.fspath(rules))
        names.append(chosen.file)
    for ov in overlays:
        if not Path(ov).is_file():
            raise QueryError(
                f"no overlay file {os.fspath(ov)!r}",
                Location(os.fspath(ov)),
                "give the path of an overlay file",
            )
        chosen = overlay_rules(chosen, ov)
        names.append(chosen.file)
    return chosen, tuple(names)


def vary(
    loaded: LoadedScenario,
    *,
    drop: list[str] | tuple[str, ...] = (),
    add: list[str] | tuple[str, ...] = (),
    rules: str | os.PathLike[str] | None = None,
    overlays: list[str | os.PathLike[str]] | tuple[str | os.PathLike[str], ...] = (),
) -> Variant:
    """``loaded`` with events dropped or added, or under other rules.

    ``drop`` are event ids; events that only make sense with a dropped one
    (the acceptance of a dropped resignation) go too. ``add`` are compact
    one-line events or paths of YAML files of events. ``rules`` replaces the
    rule file (a path, or a reading named by the scenario); ``overlays`` are
    applied on top, in order.
    """
    s = loaded.scenario
    ids = [e.id for e in s.events]
    for d in drop:
        if d not in ids:
            raise QueryError(
                f"the scenario has no event {d!r}",
                Location(f"dropped event {d}"),
                did_you_mean(d, ids, what="event ids") or "see the ids with `succession run`",
            )
    gone = set(drop)
    also: list[tuple[str, str]] = []
    changed = True
    while changed:
        changed = False
        for e in s.events:
            if isinstance(e, ResignationOutcome) and e.id not in gone and e.resignation in gone:
                gone.add(e.id)
                also.append((e.id, f"it accepts {e.resignation}"))
                changed = True

    raw_events = list(loaded.data.get("events") or [])
    kept: list[tuple[dict[str, Any], Positions | Location, DataPath, dt.datetime]] = []
    instants = s.event_instants()
    for i, (raw, ev) in enumerate(zip(raw_events, s.events, strict=True)):
        if ev.id in gone:
            continue
        entry = dict(raw)
        when = instants[i]
        if ev.time is None and when.time() != dt.time():
            # the events kept happen when they happened as recorded, even where
            # the instant of an event without a time came from one dropped
            entry["time"] = f"{when:%H:%M}"
        target = entry.get("simultaneous_with")
        if target in gone:
            prev = kept[-1] if kept else None
            if (
                prev is not None
                and prev[3] == when
                and _same_act(s.events, prev[0].get("id"), ev.id)
            ):
                entry["simultaneous_with"] = prev[0].get("id")
            else:
                entry.pop("simultaneous_with")
        kept.append((entry, loaded.positions, ("events", i), when))

    added: list[str] = []
    n = 0
    for spec in add:
        items: list[tuple[dict[str, Any], Positions | Location, DataPath]]
        if Path(spec).is_file():
            events, positions, prefix = _snippet(Path(spec))
            items = [(e, positions, (*prefix, j)) for j, e in enumerate(events)]
        else:
            n += 1
            items = [(parse_compact(spec, n), Location(f"added event {n} ({spec})"), ())]
        for raw, where, prefix in items:
            instant = _instant_of(raw, where, prefix)
            at = len(kept)
            while at > 0 and kept[at - 1][3] > instant:
                at -= 1
            kept.insert(at, (raw, where, prefix, instant))
            added.append(str(raw.get("id")))

    data = dict(loaded.data)
    data["events"] = [k[0] for k in kept]
    positions = _Remapped(loaded.positions, [(k[1], k[2]) for k in kept])
    chosen, names = _resolve_rules(loaded, rules, list(overlays))
    if chosen is None and not loaded.versions:
        chosen = loaded.rules
    new = build_scenario(
        data,
        positions,
        loaded.file,
        base_dir=loaded.base_dir,
        rules=chosen,
        readings=loaded.readings,
    )
    return Variant(new, tuple(drop), tuple(also), tuple(added), names)


def _same_act(events: Any, first: Any, second: str) -> bool:
    """Whether ``second`` is joined to ``first`` through a chain of simultaneous_with."""
    by_id = {e.id: e for e in events}
    current = by_id.get(second)
    while current is not None and current.simultaneous_with is not None:
        if current.simultaneous_with == first:
            return True
        current = by_id.get(current.simultaneous_with)
    return False


__all__ = ["COMPACT_KEYS", "Variant", "parse_compact", "vary"]
