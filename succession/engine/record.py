"""The compact record of a run, and the live records of its working state.

While a scenario runs, every reason the engine gives (a basis, a tenure, a
vacancy, someone passed over...) is written once, as a row of small integers
in typed arrays (:class:`Log`), and every change to an office as a row
(office, field, new value) of the write log; notes are rows too. Nothing is
worded and no state is copied per event: a state at any instant is rebuilt,
when asked, from the nearest snapshot (every :data:`SNAPSHOT_EVERY` entries)
and the writes after it, and decoded into the public records of
:mod:`~succession.engine.state`.

The working state holds *live* records (:class:`LiveTenure` and the like):
mutable-free objects with the attribute names of the public records (so the
line evaluator reads either), each knowing its row (``rid``).
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Iterable, Sequence
from typing import Any, get_args

from ..model.rules import Requirement, Rules
from ..model.scenario import Scenario
from .compiled import Compiled
from .state import (
    Basis,
    BasisHow,
    BasisKind,
    Claim,
    Entitlement,
    EntryKind,
    Failure,
    Note,
    Obligation,
    OfficeState,
    PendingResignation,
    Skip,
    SkipReason,
    StepRef,
    Suspension,
    Tenure,
    Vacancy,
)

#: A snapshot of every office's fields is kept after every this many entries.
SNAPSHOT_EVERY = 256

#: The fields of an office in the write log, by number.
FIELDS = (
    "holder",
    "acting",
    "suspension",
    "entitled",
    "elect",
    "claims",
    "obligations",
    "resignation",
    "vacancy",
    "tracked",
    "present",
)
FIELD = {name: i for i, name in enumerate(FIELDS)}
#: Marks the first write of one update of an office (the writes of one update
#: are one change of state, for :mod:`~succession.engine.timeline`).
CALL = 0x80
#: Marks the writes of an update that is not a change of state shown (the
#: starting holders; a new version of the law taking effect).
SILENT = 0x40

# Codes stored in the rows: each the position of a value in the literal type
# of the public record that holds it (one list of values, in state.py).
ENTRY_KINDS: tuple[EntryKind, ...] = get_args(EntryKind)
BASIS_KINDS: tuple[BasisKind, ...] = get_args(BasisKind)
HOWS: tuple[BasisHow, ...] = get_args(BasisHow)
SKIP_REASONS: tuple[SkipReason, ...] = get_args(SkipReason)
PERSON_FIELDS = ("dead", "impeached", "declined")


_EPOCH = dt.datetime(1, 1, 1)
_MICROSECOND = dt.timedelta(microseconds=1)


def ticks(at: dt.datetime) -> int:
    """An instant as whole microseconds since the first day of the calendar."""
    return (at - _EPOCH) // _MICROSECOND


def instant_of(value: int) -> dt.datetime:
    """The instant of :func:`ticks`."""
    return _EPOCH + dt.timedelta(microseconds=value)


class Registry:
    """Things kept once, by number (people, offices, bodies, causes; with
    ``by_identity``, objects such as requirements, told apart by identity)."""

    __slots__ = ("by_identity", "index", "items")

    def __init__(self, items: Iterable[Any] = (), *, by_identity: bool = False) -> None:
        self.items: list[Any] = []
        self.index: dict[Any, int] = {}
        """Thing (or, by identity, its id) → number (emptied by :meth:`trim`; see :meth:`find`)."""
        self.by_identity = by_identity
        for item in items:
            self.of(item)

    def of(self, item: Any) -> int:
        """The number of ``item`` (-1 for None), added if new."""
        if item is None:
            return -1
        key = id(item) if self.by_identity else item
        found = self.index.get(key)
        if found is None:
            found = self.index[key] = len(self.items)
            self.items.append(item)
        return found

    def find(self, item: Any) -> int | None:
        """The number of ``item`` if it has one (the index rebuilt if :meth:`trim` emptied it)."""
        if len(self.index) != len(self.items):
            self.index = {(id(x) if self.by_identity else x): i for i, x in enumerate(self.items)}
        return self.index.get(id(item) if self.by_identity else item)

    def at(self, number: int) -> Any:
        """The item of a number (None for -1)."""
        return None if number < 0 else self.items[number]

    def trim(self) -> None:
        """Forget the index (:meth:`find` rebuilds it)."""
        self.index = {}

    def __getstate__(self) -> tuple[list[Any], bool]:
        return self.items, self.by_identity

    def __setstate__(self, state: tuple[list[Any], bool]) -> None:
        self.items, self.by_identity = state
        self.index = {}


# --- live records -----------------------------------------------------------------------------


class LiveBasis:
    """A basis in the working state (see :class:`~succession.engine.state.Basis`)."""

    __slots__ = ("kind", "person", "prior", "rid", "step")

    def __init__(
        self, rid: int, kind: str, person: str | None, step: StepRef | None, prior: Any
    ) -> None:
        self.rid = rid
        self.kind = kind
        self.person = person
        self.step = step
        self.prior = prior


class LiveTenure:
    """A holder or acting person in the working state."""

    __slots__ = ("basis", "bound_to", "confirmed_by", "person", "rid", "since", "step")

    def __init__(
        self,
        rid: int,
        person: str,
        since: int,
        basis: Any,
        step: StepRef | None,
        bound_to: str | None,
        confirmed_by: str | None,
    ) -> None:
        self.rid = rid
        self.person = person
        self.since = since
        self.basis = basis
        self.step = step
        self.bound_to = bound_to
        self.confirmed_by = confirmed_by


class LiveEntitlement:
    """Someone entitled, or elected, in the working state."""

    __slots__ = ("basis", "kind", "person", "rid", "since", "step")

    def __init__(
        self, rid: int, person: str, since: int, basis: Any, step: StepRef | None, kind: str
    ) -> None:
        self.rid = rid
        self.person = person
        self.since = since
        self.basis = basis
        self.step = step
        self.kind = kind


class LiveVacancy:
    """How an office fell vacant, in the working state."""

    __slots__ = ("cause", "event", "office", "person", "rid", "since", "skipped")

    def __init__(
        self,
        rid: int,
        since: int,
        cause: str,
        person: str | None,
        event: int,
        skipped: tuple[Skip, ...],
        office: str | None,
    ) -> None:
        self.rid = rid
        self.since = since
        self.cause = cause
        self.person = person
        self.event = event
        self.skipped = skipped
        self.office = office

    @property
    def events(self) -> tuple[str, ...]:
        """Not kept in the working state (the record has them)."""
        return ()


class LiveSuspension:
    """A suspended holder's suspension, in the working state."""

    __slots__ = ("cause", "event", "rid", "since")

    def __init__(self, rid: int, cause: str, since: int, event: str | None) -> None:
        self.rid = rid
        self.cause = cause
        self.since = since
        self.event = event


class LivePending:
    """A resignation submitted and not yet in effect, in the working state."""

    __slots__ = ("awaiting", "effective_at", "event", "person", "rid", "submitted")

    def __init__(
        self,
        rid: int,
        person: str,
        event: str,
        submitted: int,
        effective_at: dt.datetime | None,
        awaiting: str | None,
    ) -> None:
        self.rid = rid
        self.person = person
        self.event = event
        self.submitted = submitted
        self.effective_at = effective_at
        self.awaiting = awaiting


# --- the log ------------------------------------------------------------------------------------

#: The width of a row of each table of the log.
ENTRY, WRITE, TENURE, BASIS, SKIP, VACANCY, ENTITLEMENT, SUSPENSION, PENDING, PERSON, NOTE = (
    5, 2, 6, 10, 7, 7, 5, 3, 4, 3, 11,
)  # fmt: skip
NOTE_KINDS = (
    "claim_de_jure", "claimed", "leaves_on_taking", "tenure_ends", "leaves", "no_longer_holds",
    "cause_not_recognised", "resignation_not_recognised", "awaits_acceptance", "takes_effect_at",
    "stops_acting", "gives_up_claim", "acceptance_changes_nothing", "accepted_by_other",
    "accepted_effective_later", "accepted_now", "already_took_effect", "left_before",
    "resignation_ended", "ended_after_effect", "temporary_not_recognised", "declines",
    "confirms_exercise", "new_term", "confirms", "takes_office_later", "version_in_force",
    "office_created", "office_abolished", "comes_of_age", "resignation_takes_effect",
    "outside_validity",
)  # fmt: skip
_NOTE_KIND = {k: i for i, k in enumerate(NOTE_KINDS)}


class Log:
    """Every entry, write and reason of one run, as rows of integers.

    Each table is one array of 32-bit integers, a row every ``width``
    values (:data:`ENTRY`, :data:`WRITE`...); a record's number is its row.
    People, offices, bodies, causes, steps, requirements and events are
    numbered once (-1 for none).
    """

    def __init__(self, scenario: Scenario, compiled: Sequence[Compiled]) -> None:
        self.scenario = scenario
        self.event_number: dict[str, int] = {e.id: i for i, e in enumerate(scenario.events)}
        self.people = Registry(p.id for p in scenario.people)
        self.offices = Registry()
        self.bodies = Registry()
        self.causes = Registry()
        self.requirements = Registry(by_identity=True)
        self.values: list[Any] = []
        """Values too varied for the tables: what a failed requirement found, instants of notes."""
        self.steps: list[StepRef] = []
        self.step_number: dict[int, int] = {}
        self.versions: list[Rules] = []
        self.version = 0
        # entries: kind + 4 * number of events, first event, writes, person writes, notes
        # (each "up to the end of the entry")
        self.e_instant = array("q")
        self.e = array("i")
        self.e_version = array("B")
        # office writes: office * 256 + field code, value
        self.w = array("i")
        self.call_open = False
        self.silent = False
        # person writes: person, field, value
        self.p = array("i")
        # snapshots of every office's fields, after entries 0, N, 2N...
        self.snapshots: list[array[int]] = []
        self.fields: array[int] = array("i")
        # tenures: person, since (entry), basis, step, bound, confirmed
        self.t = array("i")
        # bases: kind * 16 + how, entry, step, prior, first skip, skips, vacancy, person, office, by
        self.b = array("i")
        # skips: step, person, reason, a, b, requirement, value
        self.s = array("i")
        # vacancies: since, cause, person, event, first skip, skips, office
        self.v = array("i")
        # entitlements: person, since, basis, step, kind (0 line, 1 elect)
        self.n = array("i")
        # suspensions: cause, since, event
        self.u = array("i")
        # pending resignations: person, event, submitted, awaiting (and the instant stated)
        self.r = array("i")
        self.r_effective = array("q")
        # notes: warning, kind, person, office, other, event, cause, body, other body,
        # step, object (a claim, an instant or a version, in values)
        self.notes = array("i")
        # claims and obligations: the sets of each office, as objects (they are few)
        self.sets: list[tuple[Any, ...]] = [()]
        for c in compiled:
            self.add_version(c)
        #: the arrays the log grows, for its size (renewed when :meth:`trim` copies them)
        self.grown = self.arrays()

    def arrays(self) -> tuple[array[int], ...]:
        """The arrays the log grows: every one but the offices' working fields."""
        return tuple(
            value
            for name, value in vars(self).items()
            if isinstance(value, array) and name != "fields"
        )

    # -- set-up

    def add_version(self, c: Compiled) -> int:
        """Number a version's steps and offices (once); the version's number."""
        for i, v in enumerate(self.versions):
            if v is c.rules:
                return i
        self.versions.append(c.rules)
        for oid in c.rules.offices:
            number = self.offices.of(oid)
            while len(self.fields) < (number + 1) * len(FIELDS):
                self.fields.extend([-1] * 9 + [0, 0])
        for refs in c.refs.values():
            for ref in refs:
                self.step_number[id(ref)] = len(self.steps)
                self.steps.append(ref)
        return len(self.versions) - 1

    def blank(self) -> array[int]:
        """Every office's fields before anything is written."""
        return array("i", [-1] * 9 + [0, 0]) * len(self.offices.items)

    def step_of(self, ref: StepRef | None) -> int:
        """The number of a step (-1 for None)."""
        if ref is None:
            return -1
        return self.step_number[id(ref)]

    def event_of(self, event: str | None) -> int:
        """The number of an event of the scenario (-1 for None or an event it does not have)."""
        if event is None:
            return -1
        return self.event_number.get(event, -1)

    def person_of(self, person: str | None) -> int:
        """The number of a person (-1 for None)."""
        if person is None:
            return -1
        found = self.people.index.get(person)
        return found if found is not None else self.people.of(person)

    # -- entries

    @property
    def entry(self) -> int:
        """The number the entry being built will have."""
        return len(self.e_instant)

    def recorded(self) -> int:
        """How many values the log holds (its size, in 32- and 64-bit numbers)."""
        return sum(map(len, self.grown))

    def close(self, at: dt.datetime, kind: str, events: Sequence[str]) -> int:
        """The entry being built is done: its writes and notes so far are its own."""
        first = self.event_of(events[0]) if events else -1
        count = len(events) if first >= 0 else 0
        number = len(self.e_instant)
        self.e_instant.append(ticks(at))
        self.e.extend(
            (
                ENTRY_KINDS.index(kind) + 4 * count,
                first,
                len(self.w),
                len(self.p),
                len(self.notes),
            )
        )
        self.e_version.append(self.version)
        self.call_open = False
        if number % SNAPSHOT_EVERY == 0:
            self.snapshots.append(array("i", self.fields))
        return number

    def note(self, warning: bool, note: Note) -> None:
        """A note (or warning) of the entry being built."""
        obj = -1
        for value in (note.claim, note.instant, note.version):
            if value is not None:
                obj = len(self.values)
                self.values.append(value)
        self.notes.extend(
            (
                int(warning),
                _NOTE_KIND[note.kind],
                self.person_of(note.person),
                self.offices.of(note.office),
                self.offices.of(note.other),
                self.event_of(note.event),
                self.causes.of(note.cause),
                self.bodies.of(note.body),
                self.bodies.of(note.other_body),
                self.step_of(note.step),
                obj,
            )
        )

    # -- writes

    def begin(self) -> None:
        """The next write starts an update of an office."""
        self.call_open = False

    def write(self, office: str, field: int, value: int) -> None:
        """An office's field takes a new value (a record's number, or a flag)."""
        number = self.offices.index[office]
        self.fields[number * 11 + field] = value
        code = field | SILENT if self.silent else field
        if not self.call_open:
            code |= CALL
            self.call_open = True
        self.w.extend((number * 256 + code, value))

    def person_write(self, person: str, field: int, value: int) -> None:
        """A person's state changes: dead, impeached (value 0 or 1), declined
        (office ``value``)."""
        self.p.extend((self.person_of(person), field, value))

    # -- records

    def basis(
        self,
        kind: BasisKind,
        how: BasisHow,
        step: StepRef | None,
        prior: Any,
        skipped: tuple[Skip, ...],
        vacancy: Any,
        person: str | None,
        office: str | None,
        by: str | None,
    ) -> LiveBasis:
        """A new basis, recorded at the entry being built."""
        rid = len(self.b) // BASIS
        first = self.skips(skipped) if skipped else 0
        self.b.extend(
            (
                _BASIS_KIND[kind] * 16 + _HOW[how],
                len(self.e_instant),
                self.step_number[id(step)] if step is not None else -1,
                prior.rid if prior is not None else -1,
                first,
                len(skipped),
                vacancy.rid if vacancy is not None else -1,
                self.person_of(person),
                self.offices.index[office] if office is not None else -1,
                self.bodies.of(by),
            )
        )
        return LiveBasis(rid, kind, person, step, prior)

    def tenure(
        self,
        person: str,
        since: int,
        basis: LiveBasis,
        step: StepRef | None,
        bound_to: str | None,
        confirmed_by: str | None,
    ) -> LiveTenure:
        """A new holder or acting person."""
        rid = len(self.t) // TENURE
        self.t.extend(
            (
                self.person_of(person),
                since,
                basis.rid,
                self.step_number[id(step)] if step is not None else -1,
                self.offices.index[bound_to] if bound_to is not None else -1,
                self.bodies.of(confirmed_by),
            )
        )
        return LiveTenure(rid, person, since, basis, step, bound_to, confirmed_by)

    def entitlement(
        self, person: str, basis: LiveBasis, step: StepRef | None, kind: str, since: Any = None
    ) -> LiveEntitlement:
        """Someone entitled once they take office (``line``), or elected
        (``elect``), from this entry (or ``since`` an earlier one)."""
        rid = len(self.n) // ENTITLEMENT
        since = len(self.e_instant) if since is None else since
        self.n.extend(
            (
                self.person_of(person),
                since,
                basis.rid,
                self.step_of(step),
                0 if kind == "line" else 1,
            )
        )
        return LiveEntitlement(rid, person, since, basis, step, kind)

    def skips(self, skipped: tuple[Skip, ...]) -> int:
        """Record people passed over; the number of the first."""
        first = len(self.s) // SKIP
        for s in skipped:
            reason = s.reason
            if reason == "vacant":
                v: Any = s.vacancy
                a = v.rid if v is not None else -1
                b = self.person_of(s.entitled)
            elif reason == "suspended":
                a = self.event_of(s.events[0]) if s.events else -1
                b = self.causes.of(s.cause)
            else:
                a = b = -1
            f = s.failure
            if f is None:
                req = value = -1
            else:
                req = self.requirements.of(f.requirement)
                value = len(self.values)
                self.values.append(f.value)
            self.s.extend(
                (
                    self.step_number[id(s.step)],
                    self.person_of(s.person),
                    _SKIP_REASON[reason],
                    a,
                    b,
                    req,
                    value,
                )
            )
        return first

    def vacancy(
        self,
        since: int,
        cause: str,
        person: str | None,
        event: str | None,
        skipped: tuple[Skip, ...],
        office: str | None,
    ) -> LiveVacancy:
        """How an office fell vacant (``event``: the event that caused it;
        None for the events of the entry)."""
        number = self.event_of(event)
        return self._vacancy(since, cause, person, number, skipped, office)

    def _vacancy(
        self,
        since: int,
        cause: str,
        person: str | None,
        event: int,
        skipped: tuple[Skip, ...],
        office: str | None,
    ) -> LiveVacancy:
        rid = len(self.v) // VACANCY
        first = self.skips(skipped) if skipped else 0
        self.v.extend(
            (
                since,
                self.causes.of(cause),
                self.person_of(person),
                event,
                first,
                len(skipped),
                self.offices.index[office] if office is not None else -1,
            )
        )
        return LiveVacancy(rid, since, cause, person, event, skipped, office)

    def revise(self, vacancy: LiveVacancy, skipped: tuple[Skip, ...]) -> LiveVacancy:
        """The same vacancy, passing over other people now."""
        return self._vacancy(
            vacancy.since, vacancy.cause, vacancy.person, vacancy.event, skipped, vacancy.office
        )

    def suspension(self, cause: str, event: str | None) -> LiveSuspension:
        """A holder suspended for ``cause``."""
        rid = len(self.u) // SUSPENSION
        since = len(self.e_instant)
        self.u.extend((self.causes.of(cause), since, self.event_of(event)))
        return LiveSuspension(rid, cause, since, event)

    def pending(
        self,
        person: str,
        event: str,
        submitted: int,
        effective_at: dt.datetime | None,
        awaiting: str | None,
    ) -> LivePending:
        """A resignation awaiting acceptance or its stated instant."""
        rid = len(self.r) // PENDING
        self.r.extend(
            (self.person_of(person), self.event_of(event), submitted, self.bodies.of(awaiting))
        )
        self.r_effective.append(ticks(effective_at) if effective_at is not None else -1)
        return LivePending(rid, person, event, submitted, effective_at, awaiting)

    def objects(self, items: tuple[Any, ...]) -> int:
        """A set of claims or obligations: its number."""
        if not items:
            return 0
        self.sets.append(items)
        return len(self.sets) - 1

    def mark(self) -> dict[str, int]:
        """How long every array and list is now (see :meth:`rollback`)."""
        return {
            name: len(value)
            for name, value in vars(self).items()
            if isinstance(value, array | list) and name not in ("steps", "versions", "snapshots")
        }

    def rollback(self, mark: dict[str, int], fields: array[int]) -> None:
        """Forget what was recorded since ``mark`` (for an entry that is not
        kept), and take back the offices' field values."""
        for name, length in mark.items():
            del getattr(self, name)[length:]
        self.fields = fields
        self.call_open = False

    def __getstate__(self) -> dict[str, Any]:
        state = dict(vars(self))
        state.pop("step_number", None)  # numbers steps by object: only while running
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        vars(self).update(state)
        self.step_number = {}
        self.offices.index = {o: i for i, o in enumerate(self.offices.items)}

    def trim(self) -> None:
        """The run is over: free the room arrays keep for growing, and the
        indexes only recording needs."""
        for name, value in vars(self).items():
            if isinstance(value, array):
                setattr(self, name, array(value.typecode, value))
            elif isinstance(value, Registry):
                value.trim()
        self.offices.index = {o: i for i, o in enumerate(self.offices.items)}
        self.event_number = {}
        self.step_number = {}
        self.grown = self.arrays()

    def event_id(self, number: int) -> str:
        """The id of an event by number."""
        return self.scenario.events[number].id


_BASIS_KIND = {k: i for i, k in enumerate(BASIS_KINDS)}
_HOW = {k: i for i, k in enumerate(HOWS)}
_SKIP_REASON = {k: i for i, k in enumerate(SKIP_REASONS)}


class Decoder:
    """Rows of a :class:`Log` back into public records (each decoded once per decoder)."""

    def __init__(self, log: Log) -> None:
        self.log = log
        self.memo: dict[tuple[str, int], Any] = {}

    def instant(self, entry: int) -> dt.datetime:
        """The instant of an entry."""
        return instant_of(self.log.e_instant[entry])

    def events(self, entry: int) -> tuple[str, ...]:
        """The events of an entry."""
        log = self.log
        first = log.e[entry * ENTRY + 1]
        if first < 0:
            return ()
        events = log.scenario.events
        return tuple(events[i].id for i in range(first, first + log.e[entry * ENTRY] // 4))

    def step(self, number: int) -> StepRef | None:
        """A step by number."""
        return None if number < 0 else self.log.steps[number]

    def basis(self, rid: int) -> Basis | None:
        """A basis and the chain of earlier ones."""
        if rid < 0:
            return None
        key = ("b", rid)
        found = self.memo.get(key)
        if found is not None:
            return found  # type: ignore[no-any-return]
        log = self.log
        code, entry, step, prior, first, count, vacancy, person, office, by = log.b[
            rid * BASIS : (rid + 1) * BASIS
        ]
        found = Basis(
            BASIS_KINDS[code // 16],
            self.instant(entry),
            self.events(entry),
            self.step(step),
            tuple(self.skip(i) for i in range(first, first + count)),
            self.basis(prior),
            self.vacancy(vacancy),
            log.people.at(person),
            log.offices.at(office),
            HOWS[code % 16],
            log.bodies.at(by),
        )
        self.memo[key] = found
        return found

    def tenure(self, rid: int) -> Tenure | None:
        """A holder or acting person."""
        if rid < 0:
            return None
        key = ("t", rid)
        found = self.memo.get(key)
        if found is None:
            log = self.log
            person, since, basis, step, bound, confirmed = log.t[rid * TENURE : (rid + 1) * TENURE]
            decoded = self.basis(basis)
            assert decoded is not None
            found = self.memo[key] = Tenure(
                log.people.at(person),
                self.instant(since),
                decoded,
                self.step(step),
                log.offices.at(bound),
                log.bodies.at(confirmed),
            )
        return found

    def entitlement(self, rid: int) -> Entitlement | None:
        """Someone entitled or elected."""
        if rid < 0:
            return None
        key = ("n", rid)
        found = self.memo.get(key)
        if found is None:
            log = self.log
            person, since, basis, step, kind = log.n[rid * ENTITLEMENT : (rid + 1) * ENTITLEMENT]
            decoded = self.basis(basis)
            assert decoded is not None
            found = self.memo[key] = Entitlement(
                log.people.at(person),
                self.instant(since),
                decoded,
                self.step(step),
                "line" if kind == 0 else "elect",
            )
        return found

    def skip(self, number: int) -> Skip:
        """Someone passed over."""
        key = ("s", number)
        found = self.memo.get(key)
        if found is not None:
            return found  # type: ignore[no-any-return]
        log = self.log
        step_n, person_n, reason_n, a, b, req, value = log.s[number * SKIP : (number + 1) * SKIP]
        reason = SKIP_REASONS[reason_n]
        step = self.step(step_n)
        assert step is not None
        person = log.people.at(person_n)
        failure = Failure(log.requirements.at(req), log.values[value]) if req >= 0 else None
        if reason == "vacant":
            v = self.vacancy(a)
            found = Skip(
                step,
                person,
                "vacant",
                v.events if v is not None else (),
                vacancy=v,
                entitled=log.people.at(b),
            )
        elif reason == "suspended":
            event = log.event_id(a) if a >= 0 else None
            found = Skip(
                step, person, "suspended", (event,) if event else (), cause=log.causes.at(b)
            )
        else:
            found = Skip(step, person, reason, failure=failure)
        self.memo[key] = found
        return found

    def vacancy(self, rid: int) -> Vacancy | None:
        """How an office fell vacant."""
        if rid < 0:
            return None
        key = ("v", rid)
        found = self.memo.get(key)
        if found is None:
            log = self.log
            since, cause, person, event, first, count, office = log.v[
                rid * VACANCY : (rid + 1) * VACANCY
            ]
            found = self.memo[key] = Vacancy(
                self.instant(since),
                log.causes.at(cause),
                log.people.at(person),
                (log.event_id(event),) if event >= 0 else self.events(since),
                tuple(self.skip(i) for i in range(first, first + count)),
                log.offices.at(office),
            )
        return found

    def suspension(self, rid: int) -> Suspension | None:
        """A holder's suspension."""
        if rid < 0:
            return None
        log = self.log
        cause, since, event = log.u[rid * SUSPENSION : (rid + 1) * SUSPENSION]
        return Suspension(
            log.causes.at(cause),
            self.instant(since),
            log.event_id(event) if event >= 0 else None,
        )

    def pending(self, rid: int) -> PendingResignation | None:
        """A resignation pending."""
        if rid < 0:
            return None
        log = self.log
        person, event, submitted, awaiting = log.r[rid * PENDING : (rid + 1) * PENDING]
        effective = log.r_effective[rid]
        return PendingResignation(
            log.people.at(person),
            log.event_id(event),
            self.instant(submitted),
            instant_of(effective) if effective >= 0 else None,
            log.bodies.at(awaiting),
        )

    def note(self, row: int) -> tuple[bool, Note]:
        """A note of the log: (is it a warning, the note)."""
        log = self.log
        warning, kind, person, office, other, event, cause, body, other_body, step, obj = log.notes[
            row * NOTE : (row + 1) * NOTE
        ]
        value = log.values[obj] if obj >= 0 else None
        return bool(warning), Note(
            NOTE_KINDS[kind],
            log.people.at(person),
            log.offices.at(office),
            log.offices.at(other),
            log.event_id(event) if event >= 0 else None,
            log.causes.at(cause),
            value if isinstance(value, dt.datetime) else None,
            log.bodies.at(body),
            log.bodies.at(other_body),
            self.step(step),
            value if isinstance(value, Claim) else None,
            value if isinstance(value, Rules) else None,
        )

    def office(self, oid: str, fields: Sequence[int]) -> OfficeState:
        """An office from its field values."""
        log = self.log
        holder, acting, suspension, entitled, elect, claims, obligations = fields[:7]
        resignation, vacancy, tracked = fields[7], fields[8], fields[9]
        return OfficeState(
            oid,
            bool(tracked),
            self.tenure(holder),
            self.tenure(acting),
            self.suspension(suspension),
            self.entitlement(entitled),
            log.sets[claims] if claims > 0 else (),
            log.sets[obligations] if obligations > 0 else (),
            self.pending(resignation),
            self.vacancy(vacancy),
            self.entitlement(elect),
        )


__all__ = [
    "BASIS",
    "CALL",
    "ENTRY",
    "ENTRY_KINDS",
    "FIELD",
    "FIELDS",
    "NOTE",
    "PERSON_FIELDS",
    "SILENT",
    "SNAPSHOT_EVERY",
    "Claim",
    "Decoder",
    "LiveBasis",
    "LiveEntitlement",
    "LivePending",
    "LiveSuspension",
    "LiveTenure",
    "LiveVacancy",
    "Log",
    "Obligation",
    "Requirement",
    "instant_of",
    "ticks",
]
