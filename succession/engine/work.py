"""The working state of a run, and the moves the event handlers make on it:
vacating an office, installing a holder, applying a line step, recording a
claim. After the events of an entry, :meth:`Work.finish` re-evaluates the
offices marked dirty until nothing changes (a fixpoint), using the line
evaluator's decisions.

The working state is written in place: one slot per office and per person.
Every change goes through :meth:`Work.update` (offices) or
:meth:`Work.person_changes` (people), which keep the indexes the fixpoint
needs (who serves where) and write the change to the run's record
(:class:`~succession.engine.record.Log`); the records of reasons are made by
a :class:`Records` factory: rows of the log during a run, plain public
records when one act is applied to a state (:func:`~succession.engine.run.apply_act`).
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..errors import Locate, ScenarioError
from ..instants import format_instant
from ..model.scenario import Person, Scenario
from . import lines
from .compiled import Compiled
from .record import CALL, FIELD, SILENT, Decoder, Log
from .state import (
    Basis,
    BasisHow,
    BasisKind,
    Change,
    Claim,
    Entitlement,
    Failure,
    Note,
    NotGiven,
    Obligation,
    OfficeState,
    PendingResignation,
    PersonState,
    Skip,
    State,
    StepRef,
    Suspension,
    Tenure,
    Vacancy,
)
from .state import changes as state_changes

#: A fixpoint that has not settled after this many office evaluations is a rule-file bug.
MAX_EVALUATIONS = 100_000

_ROLE_FIELDS = ("holder", "acting", "entitled", "elect")
_RECORD, _ROLE, _SET, _FLAG = range(4)
#: Each field of an office: its number in the log, and how it is written.
_HOW_WRITTEN = {
    "holder": (FIELD["holder"], _ROLE),
    "acting": (FIELD["acting"], _ROLE),
    "entitled": (FIELD["entitled"], _ROLE),
    "elect": (FIELD["elect"], _ROLE),
    "suspension": (FIELD["suspension"], _RECORD),
    "resignation": (FIELD["resignation"], _RECORD),
    "vacancy": (FIELD["vacancy"], _RECORD),
    "claims": (FIELD["claims"], _SET),
    "obligations": (FIELD["obligations"], _SET),
    "tracked": (FIELD["tracked"], _FLAG),
}
_N_FIELDS = len(FIELD)


def _serves(slot: OfficeSlot, pid: str) -> bool:
    """Whether ``pid`` holds, acts in, is entitled or elected to the office."""
    return (
        slot.holder_id == pid
        or slot.acting_id == pid
        or (slot.entitled is not None and slot.entitled.person == pid)
        or (slot.elect is not None and slot.elect.person == pid)
    )


class OfficeSlot:
    """One office in the working state (the attributes of
    :class:`~succession.engine.state.OfficeState`, written in place)."""

    __slots__ = (
        "acting",
        "acting_id",
        "claims",
        "elect",
        "entitled",
        "holder",
        "holder_id",
        "obligations",
        "office",
        "resignation",
        "suspension",
        "tracked",
        "vacancy",
    )

    def __init__(self, office: str) -> None:
        self.office = office
        self.tracked = True
        self.holder: Any = None
        self.holder_id: str | None = None
        self.acting: Any = None
        self.acting_id: str | None = None
        self.suspension: Any = None
        self.entitled: Any = None
        self.elect: Any = None
        self.claims: tuple[Claim, ...] = ()
        self.obligations: tuple[Obligation, ...] = ()
        self.resignation: Any = None
        self.vacancy: Any = None

    @property
    def exercising(self) -> str | None:
        """Whoever exercises the powers: the acting person, else an unsuspended holder."""
        if self.acting is not None:
            return self.acting_id
        if self.holder is not None and self.suspension is None:
            return self.holder_id
        return None

    def frozen(self) -> OfficeState:
        """The office as a public record (holding the working state's records)."""
        return OfficeState(
            self.office,
            self.tracked,
            self.holder,
            self.acting,
            self.suspension,
            self.entitled,
            self.claims,
            self.obligations,
            self.resignation,
            self.vacancy,
            self.elect,
        )


class PersonSlot:
    """One person in the working state."""

    __slots__ = ("alive", "declined", "died", "impeached", "person")

    def __init__(self, person: str) -> None:
        self.person = person
        self.alive = True
        self.died: dt.datetime | None = None
        self.impeached = False
        self.declined: set[str] = set()


class Records(Protocol):
    """Makes the records of reasons: rows of a run's log, or plain records."""

    @property
    def entry(self) -> Any:
        """The entry being built (its number, or its instant)."""

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
    ) -> Any: ...

    def tenure(
        self,
        person: str,
        since: Any,
        basis: Any,
        step: StepRef | None,
        bound_to: str | None,
        confirmed_by: str | None,
    ) -> Any: ...

    def entitlement(
        self, person: str, basis: Any, step: StepRef | None, kind: str, since: Any = None
    ) -> Any: ...

    def revise(self, vacancy: Any, skipped: tuple[Skip, ...]) -> Any: ...

    def vacancy(
        self,
        since: Any,
        cause: str,
        person: str | None,
        event: str | None,
        skipped: tuple[Skip, ...],
        office: str | None,
    ) -> Any: ...

    def suspension(self, cause: str, event: str | None) -> Any: ...

    def pending(
        self,
        person: str,
        event: str,
        submitted: Any,
        effective_at: dt.datetime | None,
        awaiting: str | None,
    ) -> Any: ...


class PlainRecords:
    """Makes public records directly (no log): for one act applied to a state."""

    def __init__(self, instant: dt.datetime, events: tuple[str, ...]) -> None:
        self.entry = instant
        self.events = events

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
    ) -> Basis:
        return Basis(
            kind,
            self.entry,
            self.events,
            step,
            skipped,
            prior,
            vacancy,
            person,
            office,
            how,
            by,
        )

    def tenure(
        self,
        person: str,
        since: Any,
        basis: Any,
        step: StepRef | None,
        bound_to: str | None,
        confirmed_by: str | None,
    ) -> Tenure:
        return Tenure(person, since, basis, step, bound_to, confirmed_by)

    def entitlement(
        self, person: str, basis: Any, step: StepRef | None, kind: str, since: Any = None
    ) -> Entitlement:
        when = self.entry if since is None else since
        return Entitlement(person, when, basis, step, kind)  # type: ignore[arg-type]

    def revise(self, vacancy: Any, skipped: tuple[Skip, ...]) -> Vacancy:
        return vacancy._replace(skipped=skipped)  # type: ignore[no-any-return]

    def vacancy(
        self,
        since: Any,
        cause: str,
        person: str | None,
        event: str | None,
        skipped: tuple[Skip, ...],
        office: str | None,
    ) -> Vacancy:
        return Vacancy(since, cause, person, (event,) if event else self.events, skipped, office)

    def suspension(self, cause: str, event: str | None) -> Suspension:
        return Suspension(cause, self.entry, event)

    def pending(
        self,
        person: str,
        event: str,
        submitted: Any,
        effective_at: dt.datetime | None,
        awaiting: str | None,
    ) -> PendingResignation:
        return PendingResignation(person, event, submitted, effective_at, awaiting)


@dataclass
class Context:
    """What every entry of one run shares: the rules in force (they change
    when the law does), the scenario, the working state, the record, and what
    happened before that still matters (resignations that took effect)."""

    compiled: Compiled
    scenario: Scenario
    locate: Locate | None = None
    schedule: Callable[[dt.datetime, str, str], None] = field(default=lambda at, office, ev: None)
    """Called to schedule a resignation taking effect at a later instant."""
    log: Log | None = None
    people: dict[str, Person] = field(default_factory=dict)
    event_index: dict[str, int] = field(default_factory=dict)
    resigned: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    """(person, office) → resignations that took effect under these rules."""
    offices: dict[str, OfficeSlot] = field(default_factory=dict)
    """The working state of every office of the version of the law in force."""
    persons: dict[str, PersonSlot] = field(default_factory=dict)
    """The working state of every person."""
    roles: dict[str, dict[str, None]] = field(default_factory=dict)
    """For each person, the offices they hold, act in, are entitled or elected to."""

    def __post_init__(self) -> None:
        self.people = {p.id: p for p in self.scenario.people}
        self.event_index = {e.id: i for i, e in enumerate(self.scenario.events)}
        for pid in self.people:
            self.persons[pid] = PersonSlot(pid)

    def name(self, pid: str | None) -> str:
        """A person's display name, for error messages."""
        if pid is None:
            return "nobody"
        p = self.people.get(pid)
        return p.name if p is not None else pid

    def office_name(self, oid: str) -> str:
        """An office's display name under the rules in force, for error messages."""
        return self.compiled.offices[oid].name

    def event(self, eid: str) -> Any:
        """The scenario's event with id ``eid``."""
        return self.scenario.events[self.event_index[eid]]

    def error(self, ev: Any, message: str, hint: str | None = None) -> ScenarioError:
        """An impossible event, located in the scenario file."""
        where = None
        if ev is not None and self.locate is not None and ev.id in self.event_index:
            where = self.locate(("events", self.event_index[ev.id]))
        prefix = f"event {ev.id!r}: " if ev is not None else ""
        return ScenarioError(prefix + message, where, hint)

    def load(self, state: State) -> None:
        """Take a public state as the working state (no log)."""
        for oid, st in state.offices.items():
            slot = OfficeSlot(oid)
            slot.tracked = st.tracked
            slot.holder, slot.holder_id = st.holder, st.holder_id
            slot.acting, slot.acting_id = st.acting, st.acting_id
            slot.suspension, slot.entitled, slot.elect = st.suspension, st.entitled, st.elect
            slot.claims, slot.obligations = st.claims, st.obligations
            slot.resignation, slot.vacancy = st.resignation, st.vacancy
            self.offices[oid] = slot
            for name in _ROLE_FIELDS:
                tenure = getattr(st, name)
                if tenure is not None:
                    self.roles.setdefault(tenure.person, {})[oid] = None
        for pid, ps in state.people.items():
            slot_p = self.persons.setdefault(pid, PersonSlot(pid))
            slot_p.alive, slot_p.died, slot_p.impeached = ps.alive, ps.died, ps.impeached
            slot_p.declined = set(ps.declined)

    def state(self, instant: dt.datetime) -> State:
        """The working state as a public state (its records as they are)."""
        return State(
            instant,
            {oid: slot.frozen() for oid, slot in self.offices.items()},
            {
                pid: PersonState(pid, p.alive, p.died, p.impeached, frozenset(p.declined))
                for pid, p in self.persons.items()
            },
        )


class Work:
    """Entries under construction: the events of an act (or an effect)
    applied to the working state, then the offices marked dirty
    re-evaluated to a fixpoint. One is made per run (:meth:`begin` starts
    each entry)."""

    def __init__(
        self, ctx: Context, instant: dt.datetime, events: tuple[str, ...], records: Records
    ) -> None:
        self.ctx = ctx
        self.log = ctx.log
        self.records = records
        self.heap: list[int] = []
        self.queued: set[str] = set()
        self.touched: dict[str, None] = {}
        self.inp = lines.LineInputs(ctx.compiled, ctx.offices, ctx.persons, ctx.people, instant)
        self.begin(instant, events)

    def begin(self, instant: dt.datetime, events: tuple[str, ...]) -> None:
        """Start an entry at ``instant``, for ``events`` (under the rules in force now)."""
        ctx = self.ctx
        self.c = ctx.compiled
        self.offices = ctx.offices
        self.instant = instant
        self.events = events
        self.touched.clear()
        self.notes: list[Note] = []
        self.warnings: list[Note] = []
        self.seen: list[Change] | None = None
        """With a list, each change of state is checked for what it shows (see :meth:`shows`)."""
        inp = self.inp
        inp.compiled = self.c
        inp.offices = self.offices
        inp.instant = instant
        if isinstance(self.records, PlainRecords):
            self.records.entry = instant
            self.records.events = events

    def shows(self) -> bool:
        """Whether the entry changed anything a timeline shows (only when
        :attr:`seen` was given a list before the changes)."""
        return bool(self.seen)

    # -- small helpers

    def note(self, kind: str, **fields: Any) -> None:
        """Something worth saying about this entry (see :class:`Note`)."""
        self.notes.append(Note(kind, **fields))

    def warn(self, kind: str, **fields: Any) -> None:
        """Something in the scenario the rules do not bear out (see :class:`Note`)."""
        self.warnings.append(Note(kind, **fields))

    def update(self, oid: str, **changes: Any) -> OfficeSlot:
        """Change some fields of an office, as one change of state."""
        slot = self.offices[oid]
        self.touched[oid] = None
        seen = self.seen
        before = slot.frozen() if seen is not None else None
        log = self.log
        if log is None:
            for name, value in changes.items():
                if getattr(slot, name) is not value:
                    setattr(slot, name, value)
                    if _HOW_WRITTEN[name][1] == _ROLE:
                        self._role(slot, oid, name, value)
        else:
            number = log.offices.index[oid]
            base = number * 256
            row = number * _N_FIELDS
            fields, writes = log.fields, log.w
            flags = CALL | SILENT if log.silent else CALL
            for name, value in changes.items():
                if getattr(slot, name) is value:
                    continue
                setattr(slot, name, value)
                field, how = _HOW_WRITTEN[name]
                if how == _ROLE:
                    self._role(slot, oid, name, value)
                    rid = value.rid if value is not None else -1
                elif how == _RECORD:
                    rid = value.rid if value is not None else -1
                elif how == _SET:
                    rid = log.objects(value)
                else:
                    rid = int(value)
                fields[row + field] = rid
                writes.extend((base + (field | flags), rid))
                flags &= SILENT
        if before is not None and seen is not None:
            seen.extend(state_changes(before, slot.frozen()))
        return slot

    def _role(self, slot: OfficeSlot, oid: str, name: str, value: Any) -> None:
        """Someone new holds, acts in, is entitled or elected to ``oid``:
        note where they serve (a note that may outlive the role; readers check)."""
        if name == "holder":
            slot.holder_id = value.person if value is not None else None
        elif name == "acting":
            slot.acting_id = value.person if value is not None else None
        if value is not None:
            found = self.ctx.roles.get(value.person)
            if found is None:
                self.ctx.roles[value.person] = {oid: None}
            else:
                found[oid] = None

    def serving(self, pid: str) -> list[str]:
        """The offices (in file order) that ``pid`` holds, acts in, or is
        entitled or elected to."""
        offices = self.offices
        found = [
            oid
            for oid in self.ctx.roles.get(pid, ())
            if oid in offices and _serves(offices[oid], pid)
        ]
        if len(found) > 1:
            found.sort(key=self.c.position.__getitem__)
        return found

    def dirty(self, oid: str) -> None:
        """Mark an office for re-evaluation."""
        if oid not in self.queued:
            self.queued.add(oid)
            heapq.heappush(self.heap, self.c.order[oid])

    def dirty_around(self, oid: str) -> None:
        """Mark an office and the offices whose lines name it."""
        queued = self.queued
        heap = self.heap
        order = self.c.order
        if oid not in queued:
            queued.add(oid)
            heapq.heappush(heap, order[oid])
        for dep in self.c.dependents[oid]:
            if dep not in queued:
                queued.add(dep)
                heapq.heappush(heap, order[dep])

    def person(self, pid: str) -> PersonSlot:
        """What is known of a person now."""
        return self.ctx.persons[pid]

    def decline(self, pid: str, oid: str) -> None:
        """The person has declined (or resigned) the office: its line passes them over."""
        p = self.ctx.persons[pid]
        if oid not in p.declined:
            p.declined.add(oid)
            if self.log is not None:
                self.log.person_write(pid, 2, self.log.offices.index[oid])

    def died(self, pid: str) -> None:
        """The person is dead."""
        p = self.ctx.persons[pid]
        p.alive = False
        p.died = self.instant
        if self.log is not None:
            self.log.person_write(pid, 0, 0)

    def set_impeached(self, pid: str, impeached: bool) -> None:
        """The person is (or is no longer) under impeachment; the lines that
        may draw on them are looked at again."""
        p = self.ctx.persons[pid]
        if p.impeached != impeached:
            p.impeached = impeached
            if self.log is not None:
                self.log.person_write(pid, 1, int(impeached))
        self.touch_person(pid)

    def touch_person(self, pid: str) -> None:
        """Re-evaluate the offices the person holds, acts in, is entitled or
        elected to (and the offices whose lines name those), and the lines
        that name the person."""
        for oid in self.serving(pid):
            self.dirty_around(oid)
        for oid in self.c.named.get(pid, ()):
            self.dirty(oid)

    def holds(self, oid: str, pid: str) -> bool:
        """Whether ``pid`` holds ``oid`` de jure."""
        return self.offices[oid].holder_id == pid

    def basis(
        self,
        kind: BasisKind,
        person: str,
        office: str,
        how: BasisHow = "",
        *,
        step: StepRef | None = None,
        skipped: tuple[Skip, ...] = (),
        prior: Any = None,
        vacancy: Any = None,
        by: str | None = None,
    ) -> Any:
        """A reason recorded at this entry, for ``person`` in ``office``."""
        return self.records.basis(kind, how, step, prior, skipped, vacancy, person, office, by)

    def tenure(
        self,
        person: str,
        basis: Any,
        step: StepRef | None = None,
        bound_to: str | None = None,
        confirmed_by: str | None = None,
        since: Any = None,
    ) -> Any:
        """A holder or acting person from this entry (or, ``since``, from before)."""
        when = self.records.entry if since is None else since
        return self.records.tenure(person, when, basis, step, bound_to, confirmed_by)

    # -- finishing

    def finish(self) -> None:
        """Settle the lines and the claims."""
        self.settle()
        self.settle_claims()

    def settle(self) -> None:
        """Re-evaluate dirty offices, in order, until none is left."""
        count = 0
        heap = self.heap
        offices = self.offices
        by_order = self.c.by_order
        pop = heapq.heappop
        discard = self.queued.discard
        while heap:
            oid = by_order[pop(heap)]
            discard(oid)
            count += 1
            if count > MAX_EVALUATIONS:
                raise ScenarioError(
                    f"the rules do not settle at {format_instant(self.instant)}: offices keep "
                    "changing hands (check yields_to and ex_officio steps for a loop)"
                )
            slot = offices[oid]
            h = slot.holder
            if (
                h is not None
                and h.bound_to is None
                and slot.suspension is None
                and slot.acting is None
                and slot.entitled is None
            ):
                continue  # held in person and exercised by the holder: nothing to do
            self.resolve(oid)

    def settle_claims(self) -> None:
        """A claim to hold an office ends when the claimant holds it in law
        (acting in it, as a Vice President acts for a President, is not holding it)."""
        for oid in list(self.touched):
            slot = self.offices.get(oid)
            if slot is None or not slot.claims:
                continue
            keep = tuple(c for c in slot.claims if c.person != slot.holder_id)
            if len(keep) != len(slot.claims):
                for c in slot.claims:
                    if c not in keep:
                        self.note("claim_de_jure", person=c.person, office=oid)
                self.update(oid, claims=keep)

    # -- claims

    def decoder(self) -> Decoder:
        """Public records from the run's log (for a claim, kept whole)."""
        assert self.log is not None
        return Decoder(self.log)

    def public(self, skip: Skip | None) -> Skip | None:
        """A skip whose records are the public ones (for a claim, kept whole)."""
        if skip is None or skip.vacancy is None or isinstance(skip.vacancy, Vacancy):
            return skip
        return skip._replace(vacancy=self.decoder().vacancy(skip.vacancy.rid))

    def why_not(self, pid: str, oid: str, *, exercise: bool = False) -> NotGiven:
        """Why the rules in force do not give ``oid`` to ``pid`` now."""
        slot = self.offices[oid]
        if slot.holder is not None:
            r = slot.resignation
            pending = None
            if r is not None and r.person == slot.holder_id:
                pending = r if isinstance(r, PendingResignation) else self.decoder().pending(r.rid)
            return NotGiven("held", oid, slot.holder_id, pending, exercise=exercise)
        if slot.entitled is not None:
            return NotGiven("entitled", oid, slot.entitled.person, exercise=exercise)
        if slot.elect is not None:
            return NotGiven("elect", oid, slot.elect.person, exercise=exercise)
        if slot.acting is not None:
            return NotGiven("acting", oid, slot.acting_id, exercise=exercise)
        for skip in slot.vacancy.skipped if slot.vacancy else ():
            if skip.person == pid:
                return NotGiven("passed_over", oid, pid, skip=self.public(skip), exercise=exercise)
        return NotGiven("not_in_line", oid, pid, exercise=exercise)

    def claim(self, ev: Any, pid: str, oid: str, why: NotGiven) -> None:
        """Record that ``pid`` took ``oid`` without the rules giving it to them."""
        slot = self.offices[oid]
        if any(c.person == pid for c in slot.claims):
            return
        claim = Claim(pid, self.instant, ev.id, why)
        self.update(oid, claims=(*slot.claims, claim))
        self.warn("claimed", person=pid, office=oid, event=ev.id, claim=claim)

    # -- changes of holder

    def vacate(self, oid: str, cause: str, event: str | None, other: str | None = None) -> None:
        """The holder leaves the office (``cause``: a cause of vacancy, or one
        of :data:`~succession.engine.state.VACANCY_CAUSES`; ``other``: the
        office they succeeded to or left)."""
        slot = self.offices[oid]
        h = slot.holder
        if h is None:
            return
        if cause == "resignation":
            self.ctx.resigned.setdefault((h.person, oid), []).append(event or "")
            index = self.ctx.event_index.get(event or "")
            if index is not None and self.ctx.scenario.events[index].type == "resignation":
                # someone who resigned an office is not offered it again by its line
                # (a removal recorded with the cause "resignation" is not their act)
                self.decline(h.person, oid)
        acting = slot.acting
        if acting is not None and acting.step is not None and acting.step.line == "temporary":
            acting = None  # a temporary arrangement ends with the holder's tenure
        self.update(
            oid,
            holder=None,
            suspension=None,
            resignation=None,
            acting=acting,
            entitled=None,
            vacancy=self.records.vacancy(self.records.entry, cause, h.person, event, (), other),
        )
        self.dirty_around(oid)

    def install(self, oid: str, pid: str, basis: Any, confirmed_by: str | None) -> None:
        """Make ``pid`` holder by election, appointment, designation or as
        president-elect: the previous holder's tenure ends."""
        slot = self.offices[oid]
        for other in self.serving(pid):
            if other == oid:
                continue
            ost = self.offices[other]
            if ost.holder_id == pid:
                self.note("leaves_on_taking", person=pid, office=oid, other=other)
                self.vacate(other, "took_another_office", None)
            elif ost.acting_id == pid:
                self.update(other, acting=None)
                self.dirty_around(other)
        if slot.holder is not None and slot.holder_id != pid:
            self.note("tenure_ends", person=slot.holder_id, office=oid)
        # an installed holder ends the vacancy: the election, designation or
        # convening it called for has happened
        keep_obligations = tuple(o for o in slot.obligations if o.kind == "other")
        self.update(
            oid,
            holder=self.tenure(pid, basis, confirmed_by=confirmed_by),
            acting=None,
            suspension=None,
            entitled=None,
            elect=None,
            tracked=True,
            resignation=None,
            vacancy=None,
            claims=(),
            obligations=keep_obligations,
        )
        self.dirty_around(oid)

    def assign(self, oid: str, ref: StepRef, pid: str, basis: Any) -> None:
        """Apply a line step to ``pid``: holder or acting, leaving or ex officio."""
        step = ref.step
        source = step.office
        bound = source if step.tenure == "ex_officio" else None
        tenure = self.tenure(pid, basis, ref, bound)
        slot = self.offices[oid]
        obligations = slot.obligations + lines.new_obligations(slot, ref, self.instant, self.events)
        if step.mode == "becomes" and slot.holder is None:
            self.update(
                oid,
                holder=tenure,
                acting=None,
                entitled=None,
                vacancy=None,
                obligations=obligations,
            )
        else:
            self.update(oid, acting=tenure, entitled=None, obligations=obligations)
        if source is not None and step.tenure == "leaves":
            # leaving an office (held, or acted in) held ex officio of another
            # means leaving the office it comes with, and so on
            current: str | None = source
            seen: set[str] = set()
            while current is not None and current not in seen:
                seen.add(current)
                here = self.offices[current]
                if here.holder_id == pid:
                    held = here.holder
                    self.note("leaves", person=pid, office=oid, other=current, step=ref)
                    self.vacate(current, "succeeded", None, oid)
                    current = held.bound_to if held is not None else None
                elif here.acting_id == pid:
                    acted = here.acting
                    self.update(current, acting=None)
                    self.dirty_around(current)
                    current = acted.bound_to if acted is not None else None
                else:
                    break
        self.dirty_around(oid)

    # -- line resolution

    def resolve(self, oid: str) -> None:
        """Bring one office in line with its rules."""
        slot = self.offices[oid]
        if not slot.tracked:
            return
        h = slot.holder
        if (
            h is not None
            and h.bound_to is not None
            and not lines.serves_in(self.offices, h, h.bound_to)
        ):
            self.note("no_longer_holds", person=h.person, office=oid, other=h.bound_to, step=h.step)
            self.vacate(oid, "left", None, h.bound_to)
            h = None
        if h is not None and slot.suspension is None:
            if slot.acting is not None or slot.entitled is not None:
                self.update(oid, acting=None, entitled=None)
            return
        decision = lines.decide(self.inp, oid)
        for ref in decision.elective:
            self.ensure_obligations(oid, ref)
        vacancy_now = slot.vacancy if h is None else None
        if decision.chosen is not None:
            ref, pid = decision.chosen
            how: BasisHow = "becomes" if ref.step.mode == "becomes" and h is None else "exercises"
            self.assign(
                oid,
                ref,
                pid,
                self.basis(
                    "line",
                    pid,
                    oid,
                    how,
                    step=ref,
                    skipped=decision.skipped,
                    prior=self.source_basis(ref, pid),
                    vacancy=vacancy_now,
                ),
            )
            return
        entitled: Any = None
        if decision.entitled is not None:
            ref, pid = decision.entitled
            old = slot.entitled
            if old is not None and old.kind == "line" and old.person == pid and old.step == ref:
                entitled = old
            else:
                basis = self.basis(
                    "line",
                    pid,
                    oid,
                    "entitled",
                    step=ref,
                    skipped=decision.skipped,
                    prior=self.source_basis(ref, pid),
                    vacancy=vacancy_now,
                )
                entitled = self.records.entitlement(pid, basis, ref, "line")
        acting = decision.acting
        vacancy = slot.vacancy
        if h is None and vacancy is not None and vacancy.skipped != decision.skipped:
            vacancy = self.records.revise(vacancy, decision.skipped)
        if (
            acting is not slot.acting
            or entitled is not slot.entitled
            or vacancy is not slot.vacancy
        ):
            old_acting = slot.acting
            self.update(oid, acting=acting, entitled=entitled, vacancy=vacancy)
            if acting is not old_acting:
                self.dirty_around(oid)

    def source_basis(self, ref: StepRef, pid: str) -> Any:
        """How ``pid`` came to hold the office the step draws on."""
        if ref.step.office is None:
            return None
        src = self.offices[ref.step.office]
        if src.holder_id == pid:
            return src.holder.basis
        if src.acting_id == pid:
            return src.acting.basis
        return None

    def ensure_obligations(self, oid: str, ref: StepRef) -> None:
        """The obligations of an elective step the line has reached, once."""
        slot = self.offices[oid]
        if any(o.step == ref for o in slot.obligations):
            return
        new = lines.new_obligations(slot, ref, self.instant, self.events)
        if new:
            self.update(oid, obligations=slot.obligations + new)

    def unmet(self, reqs: list[Any], pid: str, tenure: Any) -> Failure | None:
        """The first requirement ``pid`` fails (None when they meet them all)."""
        return lines.unmet(self.inp, reqs, pid, tenure)


__all__ = [
    "MAX_EVALUATIONS",
    "Context",
    "OfficeSlot",
    "PersonSlot",
    "PlainRecords",
    "Records",
    "Work",
]
