"""A run's timeline: its entries and the state at any instant, decoded on
demand from the compact record of the run (:class:`~succession.engine.record.Log`).

An entry is a view: its instant, kind and events are read from the record;
its state (every office and person after it) and its changes (what each
change of an office's state made different) are decoded when first asked
for. The state at an instant is the state of the last entry at or before it.
"""

from __future__ import annotations

import bisect
import datetime as dt
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, overload

from ..errors import QueryError
from ..instants import format_instant
from ..model.rules import Rules
from ..model.scenario import Scenario
from .record import (
    CALL,
    ENTRY,
    ENTRY_KINDS,
    FIELDS,
    NOTE,
    SILENT,
    SNAPSHOT_EVERY,
    Decoder,
    Log,
    instant_of,
    ticks,
)
from .state import (
    Change,
    EntryKind,
    Note,
    OfficeState,
    PersonState,
    State,
    as_instant,
    changes,
)

_N = len(FIELDS)
_PRESENT = FIELDS.index("present")


class Timeline:
    """What a scenario did, entry by entry, under one rule file (or under the
    dated versions of a jurisdiction's law)."""

    def __init__(
        self, rules: Rules, scenario: Scenario, log: Log, versions: tuple[Rules, ...] = ()
    ) -> None:
        self.rules = rules
        """The rules in force at the end (the only rules, unless the law changed)."""
        self.scenario = scenario
        self.versions = versions
        """When the scenario crossed a change of the law: each version applied, oldest first."""
        self.log = log
        self.entries = Entries(self)
        self._names = {p.id: p.name for p in scenario.people}
        self._people_index: dict[str, list[int]] | None = None

    def __repr__(self) -> str:
        entries = self.entries
        span = f"{format_instant(entries[0].instant)} to {format_instant(entries[-1].instant)}"
        title = self.scenario.title
        title = title if len(title) <= 60 else title[:59] + "…"
        return f"<Timeline {title!r}: {len(entries)} entries, {span}>"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Timeline, (self.rules, self.scenario, self.log, self.versions))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Timeline):
            return NotImplemented
        return (
            self.rules == other.rules
            and self.scenario == other.scenario
            and list(self.entries) == list(other.entries)
        )

    __hash__ = None  # type: ignore[assignment]

    # -- the law in force

    def rules_at(self, instant: dt.datetime | dt.date | str) -> Rules:
        """The version of the law in force at ``instant`` (at the entry in force then)."""
        if not self.versions:
            return self.rules
        return self.version_on(self.entry_at(instant).instant.date())

    def version_on(self, day: dt.date) -> Rules:
        """The version of the law in force on ``day`` (the first one before them all)."""
        if not self.versions:
            return self.rules
        for version in reversed(self.versions):
            if version.valid_from <= day:
                return version
        return self.versions[0]

    # -- entries and states

    @property
    def start(self) -> dt.datetime:
        """The instant of the starting holders."""
        return self.entries[0].instant

    @property
    def final(self) -> State:
        """The state after the last event."""
        return self.entries[-1].state

    def index_at(self, instant: dt.datetime | dt.date | str) -> int:
        """The number of the last entry at or before ``instant``."""
        when = as_instant(instant)
        i = bisect.bisect_right(self.log.e_instant, ticks(when))
        if i == 0:
            raise QueryError(
                f"{format_instant(when)} is before the scenario starts "
                f"({format_instant(self.start)})",
                hint="ask about an instant at or after the start",
            )
        return i - 1

    def entry_at(self, instant: dt.datetime | dt.date | str) -> Entry:
        """The last entry at or before ``instant``."""
        return self.entries[self.index_at(instant)]

    def state_at(self, instant: dt.datetime | dt.date | str) -> State:
        """The state in force at ``instant`` (after every event at or before it)."""
        return self.entry_at(instant).state

    def holder(self, office: str, at: dt.datetime | dt.date | str) -> str | None:
        """The de jure holder of ``office`` at ``at``."""
        return self.state_at(at).office(office).holder_id

    def acting(self, office: str, at: dt.datetime | dt.date | str) -> str | None:
        """Who exercises the powers of ``office`` in the holder's stead at ``at``."""
        return self.state_at(at).office(office).acting_id

    def exercising(self, office: str, at: dt.datetime | dt.date | str) -> str | None:
        """Whoever exercises the powers of ``office`` at ``at``."""
        return self.state_at(at).office(office).exercising

    # -- names

    def person_name(self, person: str | None) -> str:
        """The display name of a person id (the id itself if unknown; 'nobody' for None)."""
        if person is None:
            return "nobody"
        return self._names.get(person, person)

    def office_name(self, office: str, at: dt.datetime | None = None) -> str:
        """The display name of an office id: as the version of the law in
        force at ``at`` names it; if that version does not have the office
        (it was abolished, or is yet to be created), as the last version
        before it that had it names it, else the first after; without
        ``at``, as the latest version that has it."""
        if at is not None and self.versions:
            day = at.date()
            before = [v for v in self.versions if v.valid_from <= day]
            after = [v for v in self.versions if v.valid_from > day]
            for rules in (*reversed(before), *after):
                found = rules.offices.get(office)
                if found is not None:
                    return found.name
        for rules in (self.rules, *reversed(self.versions)):
            known = rules.offices.get(office)
            if known is not None:
                return known.name
        return office

    # -- decoding

    def fields_after(self, index: int) -> array[int]:
        """Every office's field values after entry ``index``."""
        log = self.log
        base = index // SNAPSHOT_EVERY * SNAPSHOT_EVERY
        fields = array("i", log.snapshots[base // SNAPSHOT_EVERY])
        replay(fields, log.w, writes_end(log, base), writes_end(log, index))
        return fields

    def decode_state(self, index: int, fields: Sequence[int], decoder: Decoder) -> State:
        """The state after entry ``index`` from its field values."""
        log = self.log
        version = log.versions[log.e_version[index]]
        offices: dict[str, OfficeState] = {}
        for oid in version.offices:
            number = log.offices.index[oid]
            row = fields[number * _N : (number + 1) * _N]
            if row[_PRESENT]:
                offices[oid] = decoder.office(oid, row)
        return State(decoder.instant(index), offices, People(self, index))

    def office_histories(self) -> dict[str, list[tuple[int, OfficeState | None]]]:
        """How each office stood over the timeline: for every office, the
        number of the first entry and of every entry after which it stood
        otherwise than before, with its state then (None while the law in
        force has no such office). One pass over the record, decoding an
        office only in the entries that wrote to it."""
        log = self.log
        offices = log.offices.items
        out: dict[str, list[tuple[int, OfficeState | None]]] = {oid: [] for oid in offices}
        rows: list[Any] = [()] * len(offices)
        decoder = Decoder(log)
        fields: array[int] | None = None
        version = -1
        writes = log.w
        for i in range(len(self.entries)):
            if fields is None:
                fields = self.fields_after(i)
                touched: Iterable[int] = range(len(offices))
            else:
                start, end = writes_end(log, i - 1), writes_end(log, i)
                replay(fields, writes, start, end)
                touched = {writes[2 * w] >> 8 for w in range(start, end)}
            if log.e_version[i] != version:
                version = log.e_version[i]
                in_force = log.versions[version].offices
                touched = range(len(offices))
            if i % SNAPSHOT_EVERY == 0:
                decoder = Decoder(log)  # keep the memo small
            for number in touched:
                oid = offices[number]
                row = None
                if oid in in_force:
                    row = fields[number * _N : (number + 1) * _N]
                    if not row[_PRESENT]:
                        row = None
                if row != rows[number]:
                    out[oid].append((i, decoder.office(oid, row) if row is not None else None))
                    rows[number] = row
        return out

    def decode_changes(
        self, index: int, decoder: Decoder, before: Sequence[int] | None = None
    ) -> tuple[Change, ...]:
        """What entry ``index`` changed, in the order it happened (``before``:
        every office's field values before it, if at hand)."""
        log = self.log
        start = writes_end(log, index - 1) if index > 0 else 0
        end = writes_end(log, index)
        if start == end:
            return ()
        if before is not None:
            fields = array("i", before)
        else:
            fields = self.fields_after(index - 1) if index > 0 else log.blank()
        w_ = log.w
        out: list[Change] = []
        w = start
        while w < end:
            code = w_[2 * w]
            number = code >> 8
            silent = bool(code & SILENT)
            row = slice(number * _N, (number + 1) * _N)
            oid = log.offices.items[number]
            was = decoder.office(oid, fields[row])
            fields[number * _N + (code & FIELD_MASK)] = w_[2 * w + 1]
            w += 1
            while w < end and not w_[2 * w] & CALL:
                code = w_[2 * w]
                fields[(code >> 8) * _N + (code & FIELD_MASK)] = w_[2 * w + 1]
                w += 1
            if not silent:
                out.extend(changes(was, decoder.office(oid, fields[row])))
        return tuple(out)

    def people_index(self) -> dict[str, list[int]]:
        """For each person, the numbers of their rows in the record."""
        if self._people_index is None:
            index: dict[str, list[int]] = {}
            people = self.log.people.items
            rows = self.log.p
            for row in range(len(rows) // 3):
                index.setdefault(people[rows[3 * row]], []).append(row)
            self._people_index = index
        return self._people_index


#: The field number, in a write's field code.
FIELD_MASK = 0x3F


class People(Mapping[str, PersonState]):
    """Every person after one entry, read from the record when asked."""

    __slots__ = ("index", "timeline")

    def __init__(self, timeline: Timeline, index: int) -> None:
        self.timeline = timeline
        self.index = index

    def __getitem__(self, pid: str) -> PersonState:
        log = self.timeline.log
        if log.people.find(pid) is None:
            raise KeyError(pid)
        end = log.e[self.index * ENTRY + 3] // 3
        alive, died, impeached = True, None, False
        declined: set[str] = set()
        for row in self.timeline.people_index().get(pid, ()):
            if row >= end:
                break
            field, value = log.p[3 * row + 1], log.p[3 * row + 2]
            if field == 0:
                alive, died = False, _instant_of_row(self.timeline, row)
            elif field == 1:
                impeached = bool(value)
            else:
                declined.add(log.offices.items[value])
        return PersonState(pid, alive, died, impeached, frozenset(declined))

    def __iter__(self) -> Iterator[str]:
        return iter(self.timeline.log.people.items)

    def __len__(self) -> int:
        return len(self.timeline.log.people.items)


def _instant_of_row(timeline: Timeline, row: int) -> dt.datetime:
    """The instant of the entry a person's row belongs to."""
    log = timeline.log
    entry = bisect.bisect_right(
        range(len(log.e_instant)), row, key=lambda k: log.e[k * ENTRY + 3] // 3
    )
    return instant_of_entry(log, entry)


def instant_of_entry(log: Log, index: int) -> dt.datetime:
    """The instant of an entry of the record."""
    return instant_of(log.e_instant[index])


def writes_end(log: Log, index: int) -> int:
    """The number of office writes up to the end of entry ``index``."""
    return log.e[index * ENTRY + 2] // 2


def replay(fields: array[int], writes: array[int], start: int, end: int) -> None:
    """Apply office writes ``start`` to ``end`` to ``fields``."""
    for w in range(start, end):
        code = writes[2 * w]
        fields[(code >> 8) * _N + (code & FIELD_MASK)] = writes[2 * w + 1]


class Entry:
    """The state after one event, act of simultaneous events, or scheduled
    effect: a view of one entry of a timeline."""

    __slots__ = ("_after", "_before", "_changes", "_decoder", "_state", "index", "timeline")

    def __init__(
        self,
        timeline: Timeline,
        index: int,
        state: State | None = None,
        before: array[int] | None = None,
        after: tuple[array[int], Decoder] | None = None,
    ) -> None:
        self.timeline = timeline
        self.index = index
        self._state = state
        #: every office's field values before and after the entry (and the
        #: decoder to read them with), when at hand: the state and the
        #: changes are decoded from them when first asked for
        self._before = before
        self._after = after
        self._changes: tuple[Change, ...] | None = None

    @property
    def instant(self) -> dt.datetime:
        """When it happened."""
        return instant_of_entry(self.timeline.log, self.index)

    @property
    def kind(self) -> EntryKind:
        """start, event (an act), effect (something scheduled) or amendment (a new version of the law)."""
        return ENTRY_KINDS[self.timeline.log.e[self.index * ENTRY] % 4]

    @property
    def events(self) -> tuple[str, ...]:
        """The events of the act (or the resignation taking effect)."""
        return Decoder(self.timeline.log).events(self.index)

    @property
    def state(self) -> State:
        """Every office and person after the entry."""
        if self._state is None:
            t = self.timeline
            if self._after is not None:
                fields, decoder = self._after
                self._after = None
            else:
                fields, decoder = t.fields_after(self.index), Decoder(t.log)
            self._state = t.decode_state(self.index, fields, decoder)
        return self._state

    @property
    def changes(self) -> tuple[Change, ...]:
        """What the entry changed, in the order it happened."""
        if self._changes is None:
            self._changes = self.timeline.decode_changes(
                self.index, Decoder(self.timeline.log), self._before
            )
            self._before = None
        return self._changes

    def _notes(self, warning: bool) -> tuple[Note, ...]:
        log = self.timeline.log
        start = log.e[(self.index - 1) * ENTRY + 4] // NOTE if self.index > 0 else 0
        end = log.e[self.index * ENTRY + 4] // NOTE
        decoder = Decoder(log)
        return tuple(
            n for flag, n in (decoder.note(r) for r in range(start, end)) if flag == warning
        )

    @property
    def notes(self) -> tuple[Note, ...]:
        """What is worth saying about the entry."""
        return self._notes(False)

    @property
    def warnings(self) -> tuple[Note, ...]:
        """What the rules in force do not bear out."""
        return self._notes(True)

    def label(self) -> str:
        """E.g. ``2019-11-12T18:41 anez-takes-senate-chair``."""
        events = self.events
        kind = self.kind
        what = (
            ", ".join(events)
            if events
            else ("a new version of the law" if kind == "amendment" else kind)
        )
        prefix = "effect of " if kind == "effect" else ""
        return f"{format_instant(self.instant)} {prefix}{what}"

    def _key(self) -> tuple[Any, ...]:
        return (
            self.instant,
            self.kind,
            self.events,
            self.state,
            self.changes,
            self.notes,
            self.warnings,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Entry):
            return NotImplemented
        return self._key() == other._key()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Entry({self.label()!r})"


class Entries(Sequence[Entry]):
    """A timeline's entries, in order (each decoded when asked for; going
    through them in order decodes each state from the one before)."""

    __slots__ = ("timeline",)

    def __init__(self, timeline: Timeline) -> None:
        self.timeline = timeline

    def __len__(self) -> int:
        return len(self.timeline.log.e_instant)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Entries | list | tuple):
            return NotImplemented
        return list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]

    @overload
    def __getitem__(self, i: int) -> Entry: ...

    @overload
    def __getitem__(self, i: slice) -> list[Entry]: ...

    def __getitem__(self, i: int | slice) -> Entry | list[Entry]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        n = len(self)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError(i)
        return Entry(self.timeline, i)

    def __iter__(self) -> Iterator[Entry]:
        t = self.timeline
        log = t.log
        n = len(self)
        fields: array[int] | None = None
        decoder = Decoder(log)
        for i in range(n):
            before = None
            if fields is None:
                fields = t.fields_after(i)
            else:
                before = array("i", fields)  # for the entry's changes, if asked
                replay(fields, log.w, writes_end(log, i - 1), writes_end(log, i))
            if i % SNAPSHOT_EVERY == 0:
                decoder = Decoder(log)  # keep the memo small
            yield Entry(t, i, None, before, (array("i", fields), decoder))


__all__ = ["Entries", "Entry", "People", "Timeline"]
