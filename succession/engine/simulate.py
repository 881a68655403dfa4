"""Applying events to states: the succession semantics.

Pure functions from (rules, scenario) to a :class:`Timeline`. After every
event the affected offices are re-evaluated until nothing changes (a
fixpoint): vacant offices are filled from their lines, acting persons give
way where their step says so, people who move leave the offices they came
from, and ex-officio roles follow their source office.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import heapq
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import Location, ScenarioError
from ..instants import format_instant
from ..model.rules import Office, Requirement, Rules
from ..model.scenario import Event, Scenario
from .state import (
    Basis,
    Change,
    Claim,
    Entitlement,
    Entry,
    Obligation,
    OfficeState,
    PendingResignation,
    PeopleMap,
    PersonState,
    Skip,
    State,
    StepRef,
    Suspension,
    Tenure,
    Timeline,
    Vacancy,
)

Locate = Callable[[tuple[str | int, ...]], Location]

#: A fixpoint that has not settled after this many office evaluations is a rule-file bug.
MAX_EVALUATIONS = 100_000


# --- compiled rules ----------------------------------------------------------------------


@dataclass(frozen=True)
class Compiled:
    """Rules prepared for fast evaluation: step references, evaluation order,
    and for each office the offices whose lines name it."""

    rules: Rules
    refs: dict[tuple[str, str], tuple[StepRef, ...]]
    rank: dict[str, int]
    dependents: dict[str, tuple[str, ...]]
    named: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    """For each person a line names in a step, the offices whose lines name them."""

    @property
    def offices(self) -> dict[str, Office]:
        """The rule file's offices."""
        return self.rules.offices


def compile_rules(rules: Rules) -> Compiled:
    """Prepare a validated rule file for the engine."""
    refs: dict[tuple[str, str], tuple[StepRef, ...]] = {}
    uses: dict[str, set[str]] = {o: set() for o in rules.offices}
    for oid, office in rules.offices.items():
        for kind in ("permanent", "temporary"):
            line = office.line(kind)
            steps = line.steps if line is not None else []
            refs[(oid, kind)] = tuple(StepRef(oid, kind, i, s) for i, s in enumerate(steps))
            for s in steps:
                if s.office is not None and s.office in uses:
                    uses[s.office].add(oid)
    # rank: an office comes after every office its lines name (the loader rejects cycles)
    rank: dict[str, int] = {}
    names: dict[str, list[str]] = {
        oid: [
            r.step.office
            for kind in ("permanent", "temporary")
            for r in refs[(oid, kind)]
            if r.step.office is not None and r.step.office in rules.offices
        ]
        for oid in rules.offices
    }

    def visit(oid: str, trail: frozenset[str]) -> int:
        if oid in rank:
            return rank[oid]
        below = [visit(n, trail | {oid}) for n in names[oid] if n not in trail]
        rank[oid] = 1 + max(below, default=-1)
        return rank[oid]

    for oid in rules.offices:
        visit(oid, frozenset())
    order = {oid: i for i, oid in enumerate(rules.offices)}
    dependents = {
        s: tuple(sorted(users, key=lambda o: (rank[o], order[o]))) for s, users in uses.items()
    }
    named: dict[str, list[str]] = {}
    for (oid, _), line_refs in refs.items():
        for r in line_refs:
            if r.step.person is not None and oid not in named.setdefault(r.step.person, []):
                named[r.step.person].append(oid)
    return Compiled(rules, refs, rank, dependents, {p: tuple(o) for p, o in named.items()})


# --- the simulation ------------------------------------------------------------------------


def simulate(
    rules: Rules,
    scenario: Scenario,
    *,
    locate: Locate | None = None,
    versions: Sequence[Rules] = (),
) -> Timeline:
    """Run a validated scenario under a validated rule file.

    ``versions`` are the dated versions of a jurisdiction's law, oldest first
    (``rules`` among them, in force at the start): each event is then applied
    under the version in force at its instant, and each change of version is
    an entry of its own, at the first instant of the new version.

    ``locate`` maps a path in the scenario file (e.g. ``("events", 3)``) to a
    file position, for errors about impossible events.
    """
    compiled = compile_rules(rules)
    later = [compile_rules(v) for v in versions if v.valid_from > rules.valid_from]
    runner = _Runner(compiled, scenario, locate, later)
    # The engine builds only acyclic immutable objects, which reference counting
    # frees; the cyclic collector would re-scan the growing timeline over and
    # over (half the run time on long scenarios), so it is paused meanwhile.
    paused = gc.isenabled()
    gc.disable()
    try:
        entries = tuple(runner.run())
        used = (rules, *(c.rules for c in runner.applied))
        return Timeline(used[-1], scenario, entries, versions=used if len(used) > 1 else ())
    finally:
        if paused:
            gc.enable()


@dataclass(order=True)
class _Scheduled:
    """Something due at an instant without an event of its own: a resignation
    taking effect as stated, or someone reaching an age a rule requires."""

    instant: dt.datetime
    seq: int
    office: str = dataclasses.field(compare=False)
    event: str = dataclasses.field(compare=False)
    person: str = dataclasses.field(default="", compare=False)


class _Runner:
    def __init__(
        self,
        compiled: Compiled,
        scenario: Scenario,
        locate: Locate | None,
        later: Sequence[Compiled] = (),
    ) -> None:
        self.c = compiled
        #: versions of the law still to come into force, and those that did
        self.later = list(later)
        self.applied: list[Compiled] = []
        self.scenario = scenario
        self.locate = locate
        self.people = {p.id: p for p in scenario.people}
        self.event_index = {e.id: i for i, e in enumerate(scenario.events)}
        self.scheduled: list[_Scheduled] = []
        self.seq = 0
        # (person, office) → resignations that took effect: for acceptances that
        # come after a resignation already took effect under these rules
        self.resigned: dict[tuple[str, str], list[str]] = {}

    def run(self) -> list[Entry]:
        start = dt.datetime.combine(self.scenario.start, dt.time())
        entries = [self.initial(start)]
        self.schedule_birthdays(start)
        for instant, batch in self.batches():
            while self.scheduled and self.scheduled[0].instant <= instant:
                self.amend_until(entries, self.scheduled[0].instant)
                entry = self.fire(entries[-1].state, heapq.heappop(self.scheduled))
                if entry is not None:
                    entries.append(entry)
            self.amend_until(entries, instant)
            entries.append(self.apply(entries[-1].state, instant, batch))
        while self.scheduled:
            self.amend_until(entries, self.scheduled[0].instant)
            entry = self.fire(entries[-1].state, heapq.heappop(self.scheduled))
            if entry is not None:
                entries.append(entry)
        self.amend_until(entries, None)
        return entries

    def amend_until(self, entries: list[Entry], instant: dt.datetime | None) -> None:
        """Bring into force every version of the law that starts at or before
        ``instant`` (all of them if None), an entry each."""
        while self.later:
            start = dt.datetime.combine(self.later[0].rules.valid_from, dt.time())
            if instant is not None and start > instant:
                return
            entries.append(self.amend(entries[-1].state, start, self.later.pop(0)))

    def amend(self, state: State, instant: dt.datetime, new: Compiled) -> Entry:
        """The state under a new version of the law: offices it abolishes go,
        offices it creates start as the scenario's holders say (or not
        recorded), and every line is re-evaluated under the new steps."""
        old = self.c
        self.c = new
        self.applied.append(new)
        offices: dict[str, OfficeState] = {}
        notes: list[str] = []
        for oid in new.offices:
            st = state.offices.get(oid)
            if st is None:
                offices[oid] = self.initial_office(oid, instant, "created by this version")
                notes.append(f"{new.offices[oid].name} is created by version {new.rules.version}")
                continue
            offices[oid] = st._replace(
                holder=_remap(st.holder, new, keep=True),
                acting=_remap(st.acting, new),
                entitled=_remap(st.entitled, new),
            )
        for oid, st in state.offices.items():
            if oid not in new.offices:
                who = (
                    f" (held by {self.people[st.holder_id].name})"
                    if st.holder_id in self.people
                    else ""
                )
                notes.append(
                    f"{old.offices[oid].name} is abolished by version {new.rules.version}{who}"
                )
        work = _Work(self, State(instant, offices, state.people), instant, ())
        valid = f"{new.rules.valid_from}" + (
            f" to {new.rules.valid_until}" if new.rules.valid_until else ""
        )
        work.note(
            f"version {new.rules.version} of the law is in force ({new.rules.title}; {valid})"
        )
        for text in notes:
            work.note(text)
        for oid in new.offices:
            work.dirty(oid)
        return work.finish("amendment")

    def batches(self) -> Iterable[tuple[dt.datetime, list[Event]]]:
        """Events grouped into simultaneous batches, each with its instant.

        An event without a time happens at the time of the previous event the
        same day (midnight if it is the first), after it.
        """
        batch: list[Event] = []
        instant = None
        for ev, at in zip(self.scenario.events, self.scenario.event_instants(), strict=True):
            if batch and ev.simultaneous_with is not None:
                batch.append(ev)
                continue
            if batch and instant is not None:
                yield instant, batch
            batch, instant = [ev], at
        if batch and instant is not None:
            yield instant, batch

    def error(self, ev: Event | None, message: str, hint: str | None = None) -> ScenarioError:
        where = None
        if ev is not None and self.locate is not None and ev.id in self.event_index:
            where = self.locate(("events", self.event_index[ev.id]))
        prefix = f"event {ev.id!r}: " if ev is not None else ""
        return ScenarioError(prefix + message, where, hint)

    # -- entries

    def initial_office(
        self, oid: str, start: dt.datetime, why: str = "at the start of the scenario"
    ) -> OfficeState:
        """An office as the scenario's ``holders`` give it."""
        spec = self.scenario.holders.get(oid)
        if spec is None or spec.unknown:
            return OfficeState(oid, tracked=False)
        basis = Basis("initial", start, detail=f"holder {why}")
        holder = (
            Tenure(spec.person, start, basis, confirmed_by=spec.confirmed_by)
            if spec.person is not None
            else None
        )
        suspension = Suspension(spec.suspended, start, None) if spec.suspended is not None else None
        vacancy = Vacancy(start, f"vacant {why}", None, ()) if holder is None else None
        return OfficeState(oid, holder=holder, suspension=suspension, vacancy=vacancy)

    def initial(self, start: dt.datetime) -> Entry:
        offices = {oid: self.initial_office(oid, start) for oid in self.c.offices}
        people = PeopleMap.of({pid: PersonState(pid) for pid in self.people})
        work = _Work(self, State(start, offices, people), start, ())
        for oid in self.c.offices:
            work.dirty(oid)
        return work.finish("start")

    def apply(self, state: State, instant: dt.datetime, batch: list[Event]) -> Entry:
        work = _Work(self, state, instant, tuple(e.id for e in batch))
        rules = self.c.rules
        if instant.date() < rules.valid_from or (
            rules.valid_until is not None and instant.date() > rules.valid_until
        ):
            until = rules.valid_until.isoformat() if rules.valid_until else "open"
            work.warn(
                f"{format_instant(instant)} is outside the validity of these rules "
                f"({rules.valid_from.isoformat()} to {until}); they are applied all the same"
            )
        for ev in batch:
            work.apply_event(ev)
        return work.finish("event")

    def schedule_birthdays(self, start: dt.datetime) -> None:
        """Lines are re-evaluated when someone reaches an age a rule requires."""
        ages: set[int] = set()
        for oid, office in self.c.offices.items():
            reqs = list(office.eligibility)
            for kind in ("permanent", "temporary"):
                for ref in self.c.refs[(oid, kind)]:
                    reqs.extend(ref.step.eligibility)
            ages.update(r.min_age for r in reqs if r.min_age is not None)
        for person in self.people.values():
            if person.born is None:
                continue
            for age in sorted(ages):
                day = _anniversary(person.born, age)
                at = dt.datetime.combine(day, dt.time())
                if at > start:
                    self.seq += 1
                    heapq.heappush(self.scheduled, _Scheduled(at, self.seq, "", "", person.id))

    def fire(self, state: State, item: _Scheduled) -> Entry | None:
        if item.person:
            work = _Work(self, state, item.instant, ())
            work.touch_person(item.person)
            entry = work.finish("effect")
            if not entry.changes:
                return None
            note = f"{work.name(item.person)} reaches an age a rule requires"
            return entry._replace(notes=(note, *entry.notes))
        st = state.offices[item.office]
        pending = st.resignation
        if pending is None or pending.event != item.event or pending.awaiting is not None:
            return None  # withdrawn, overtaken, or still awaiting acceptance
        work = _Work(self, state, item.instant, (item.event,))
        work.note(f"the resignation ({item.event}) of {pending.person} takes effect as stated")
        work.vacate(item.office, "resignation", item.event)
        return work.finish("effect")

    def schedule(self, instant: dt.datetime, office: str, event: str) -> None:
        self.seq += 1
        heapq.heappush(self.scheduled, _Scheduled(instant, self.seq, office, event))


class _Work:
    """The state being built for one entry: copied on first write, then
    re-evaluated to a fixpoint."""

    def __init__(
        self, runner: _Runner, state: State, instant: dt.datetime, events: tuple[str, ...]
    ) -> None:
        self.r = runner
        self.c = runner.c
        self.before = state
        self.offices: dict[str, OfficeState] = dict(state.offices)
        self.people_state: PeopleMap = state.people  # type: ignore[assignment]
        self.instant = instant
        self.events = events
        self.heap: list[tuple[int, str]] = []
        self.queued: set[str] = set()
        self.touched: dict[str, None] = {}
        self.notes: list[str] = []
        self.warnings: list[str] = []
        self.changes: list[Change] = []

    # -- small helpers

    def note(self, text: str) -> None:
        self.notes.append(text)

    def warn(self, text: str) -> None:
        self.warnings.append(text)

    def name(self, pid: str | None) -> str:
        if pid is None:
            return "nobody"
        p = self.r.people.get(pid)
        return p.name if p is not None else pid

    def oname(self, oid: str) -> str:
        return self.c.offices[oid].name

    def set(self, oid: str, st: OfficeState) -> None:
        self.log(self.offices[oid], st)
        self.offices[oid] = st
        self.touched[oid] = None

    def update(self, oid: str, **changes: Any) -> OfficeState:
        st = self.offices[oid]._replace(**changes)
        self.set(oid, st)
        return st

    def dirty(self, oid: str) -> None:
        if oid not in self.queued:
            self.queued.add(oid)
            heapq.heappush(self.heap, (self.c.rank[oid], oid))

    def dirty_around(self, oid: str) -> None:
        self.dirty(oid)
        for dep in self.c.dependents[oid]:
            self.dirty(dep)

    def person(self, pid: str) -> PersonState:
        return self.people_state[pid]

    def put_person(self, pid: str, ps: PersonState) -> None:
        self.people_state = self.people_state.set(pid, ps)

    def set_person(self, pid: str, **changes: Any) -> None:
        self.put_person(pid, self.people_state[pid]._replace(**changes))
        self.touch_person(pid)

    def touch_person(self, pid: str) -> None:
        for oid, st in self.offices.items():
            if (
                (st.holder is not None and st.holder.person == pid)
                or (st.acting is not None and st.acting.person == pid)
                or (st.entitled is not None and st.entitled.person == pid)
                or (st.elect is not None and st.elect.person == pid)
            ):
                self.dirty_around(oid)
        for oid in self.c.named.get(pid, ()):
            self.dirty(oid)  # a line that names the person in a step

    def holds(self, oid: str, pid: str) -> bool:
        st = self.offices[oid]
        return st.holder is not None and st.holder.person == pid

    def basis(
        self,
        kind: Any,
        *,
        step: StepRef | None = None,
        skipped: tuple[Skip, ...] = (),
        detail: str = "",
        prior: Basis | None = None,
        vacancy: Vacancy | None = None,
    ) -> Basis:
        return Basis(kind, self.instant, self.events, step, skipped, detail, prior, vacancy)

    # -- finishing

    def finish(self, kind: Any) -> Entry:
        self.settle()
        self.settle_claims()
        state = State(self.instant, self.offices, self.people_state)
        return Entry(
            self.instant,
            kind,
            self.events,
            state,
            tuple(self.changes),
            tuple(self.notes),
            tuple(self.warnings),
        )

    def settle(self) -> None:
        count = 0
        while self.heap:
            _, oid = heapq.heappop(self.heap)
            self.queued.discard(oid)
            count += 1
            if count > MAX_EVALUATIONS:
                raise ScenarioError(
                    f"the rules do not settle at {format_instant(self.instant)}: offices keep "
                    "changing hands (check yields_to and ex_officio steps for a loop)"
                )
            self.resolve(oid)

    def settle_claims(self) -> None:
        for oid in list(self.touched):
            st = self.offices[oid]
            if not st.claims:
                continue
            # a claim to hold the office ends when the claimant holds it in law;
            # acting in it (as a Vice President acts for a President) is not holding it
            keep = tuple(c for c in st.claims if c.person != st.holder_id)
            if len(keep) != len(st.claims):
                for c in st.claims:
                    if c not in keep:
                        self.note(
                            f"{self.name(c.person)}'s claim to {self.oname(oid)} is now de jure"
                        )
                self.update(oid, claims=keep)

    def log(self, old: OfficeState, new: OfficeState) -> None:
        """Record what an update changed, in the order it happened."""
        oid = new.office
        add = self.changes.append
        if old.holder is not new.holder:
            if old.holder_id != new.holder_id:
                add(
                    Change(
                        oid,
                        "holder",
                        old.holder_id,
                        new.holder_id,
                        new.holder.basis if new.holder else None,
                        _vacancy_text(new),
                    )
                )
            elif new.holder is not None:
                add(Change(oid, "basis", old.holder_id, new.holder_id, new.holder.basis))
        if old.acting is not new.acting and old.acting_id != new.acting_id:
            add(
                Change(
                    oid,
                    "acting",
                    old.acting_id,
                    new.acting_id,
                    new.acting.basis if new.acting else None,
                    "nobody acts",
                )
            )
        if (old.suspension is None) != (new.suspension is None) and new.holder is not None:
            add(
                Change(
                    oid,
                    "suspension",
                    old.suspension.cause if old.suspension else None,
                    new.suspension.cause if new.suspension else None,
                    None,
                    "holder suspended" if new.suspension else "holder resumes",
                )
            )
        if old.entitled is not new.entitled:
            old_e = old.entitled.person if old.entitled else None
            new_e = new.entitled.person if new.entitled else None
            if old_e != new_e and not (new_e is None and old_e in (new.holder_id, new.acting_id)):
                add(
                    Change(
                        oid,
                        "entitled",
                        old_e,
                        new_e,
                        new.entitled.basis if new.entitled else None,
                        "no one entitled",
                    )
                )
        if old.elect is not new.elect:
            old_x = old.elect.person if old.elect else None
            new_x = new.elect.person if new.elect else None
            if old_x != new_x and not (new_x is None and old_x == new.holder_id):
                add(
                    Change(
                        oid,
                        "elect",
                        old_x,
                        new_x,
                        new.elect.basis if new.elect else None,
                        "no one elected",
                    )
                )
        if old.claims is not new.claims:
            added, removed = _added_removed(old.claims, new.claims)
            for c in added:
                add(Change(oid, "claim", None, c.person, None, c.reason))
            for c in removed:
                add(Change(oid, "claim", c.person, None, None, "claim ended"))
        if old.obligations is not new.obligations:
            added_o, removed_o = _added_removed(old.obligations, new.obligations)
            for ob in added_o:
                add(
                    Change(
                        oid,
                        "obligation",
                        None,
                        ob.kind,
                        None,
                        f"{ob.description} by {format_instant(ob.deadline)} ({ob.citation})",
                    )
                )
            for ob in removed_o:
                add(Change(oid, "obligation", ob.kind, None, None, f"{ob.description}: discharged"))

    # -- events

    def apply_event(self, ev: Event) -> None:
        handler = getattr(self, "ev_" + ev.type)
        handler(ev)

    def _alive(self, ev: Event, pid: str) -> PersonState:
        ps = self.person(pid)
        if not ps.alive:
            raise self.r.error(
                ev,
                f"{self.name(pid)} died at {format_instant(ps.died)}" if ps.died else "dead",
                "nothing can happen to a person after their death",
            )
        return ps

    def _holder(self, ev: Event, pid: str, oid: str, verb: str) -> OfficeState:
        st = self.offices[oid]
        if st.holder_id != pid:
            now = self.name(st.holder_id) if st.holder else "nobody (vacant)"
            raise self.r.error(
                ev,
                f"{self.name(pid)} cannot {verb} {self.oname(oid)}: the holder at "
                f"{format_instant(self.instant)} is {now}",
                "check the person, the office and the order of events",
            )
        return st

    def ev_death(self, ev: Event) -> None:
        pid = ev.person or ""
        self._alive(ev, pid)
        self.put_person(pid, self.person(pid)._replace(alive=False, died=self.instant))
        for oid, st in list(self.offices.items()):
            if st.holder_id == pid:
                self.vacate(oid, "death", ev.id)
            st = self.offices[oid]
            changes: dict[str, Any] = {}
            if st.acting_id == pid:
                changes["acting"] = None
            if st.entitled is not None and st.entitled.person == pid:
                changes["entitled"] = None
            if st.elect is not None and st.elect.person == pid:
                changes["elect"] = None
            if any(c.person == pid for c in st.claims):
                changes["claims"] = tuple(c for c in st.claims if c.person != pid)
            if changes:
                self.update(oid, **changes)
                self.dirty_around(oid)

    def ev_resignation(self, ev: Event) -> None:
        pid, oid = ev.person or "", ev.office or ""
        self._alive(ev, pid)
        st = self.offices[oid]
        office = self.c.offices[oid]
        if st.holder_id == pid:
            if "resignation" not in office.causes.permanent:
                self.warn(
                    f"{self.oname(oid)} does not recognise resignation ({office.causes.citation}); "
                    f"{self.name(pid)} remains holder under these rules"
                )
                return
            if st.resignation is not None:
                raise self.r.error(
                    ev,
                    f"{self.name(pid)}'s resignation ({st.resignation.event}) is already pending",
                    "use resignation_accepted, or remove one of the two",
                )
            rule = office.resignation
            awaiting = (
                rule.accepted_by if rule is not None and rule.effective == "on_acceptance" else None
            )
            later = ev.effective_at if ev.effective_at and ev.effective_at > self.instant else None
            if awaiting is None and later is None:
                self.vacate(oid, "resignation", ev.id)
                return
            self.update(
                oid, resignation=PendingResignation(pid, ev.id, self.instant, later, awaiting)
            )
            if awaiting is not None:
                self.note(
                    f"{self.name(pid)}'s resignation of {self.oname(oid)} awaits acceptance by "
                    f"{awaiting} ({rule.citation if rule else ''}); {self.name(pid)} remains holder"
                )
            if later is not None:
                self.note(f"{self.name(pid)}'s resignation takes effect at {format_instant(later)}")
                if awaiting is None:
                    self.r.schedule(later, oid, ev.id)
            return
        if st.acting_id == pid:
            ps = self.person(pid)
            self.put_person(pid, ps._replace(declined=ps.declined | {oid}))
            self.update(oid, acting=None)
            self.note(f"{self.name(pid)} stops acting as {self.oname(oid)}")
            self.dirty_around(oid)
            return
        claimed = any(c.person == pid for c in st.claims)
        if claimed:
            st = self.update(oid, claims=tuple(c for c in st.claims if c.person != pid))
            self.note(f"{self.name(pid)} gives up the claim to {self.oname(oid)}")
        if (st.entitled is not None and st.entitled.person == pid) or (
            st.elect is not None and st.elect.person == pid
        ):
            self.ev_declines(ev)  # renouncing an office one is entitled to is declining it
            return
        if claimed:
            return
        self._holder(ev, pid, oid, "resign")

    def ev_resignation_accepted(self, ev: Event) -> None:
        pid, oid = ev.person or "", ev.office or ""
        st = self.offices[oid]
        office = self.c.offices[oid]
        pending = st.resignation
        if (
            pending is not None
            and pending.person == pid
            and (ev.resignation is None or ev.resignation == pending.event)
        ):
            if pending.awaiting is None:
                self.note(
                    f"acceptance of {self.name(pid)}'s resignation changes nothing under these "
                    f"rules: it takes effect at {format_instant(pending.effective_at)}"
                    if pending.effective_at
                    else "acceptance changes nothing"
                )
                return
            if ev.by is not None and ev.by != pending.awaiting:
                self.warn(
                    f"the resignation of {self.name(pid)} is accepted by {ev.by}, but these rules "
                    f"give that to {pending.awaiting}; it remains pending"
                )
                return
            if pending.effective_at is not None and pending.effective_at > self.instant:
                self.update(oid, resignation=pending._replace(awaiting=None))
                self.r.schedule(pending.effective_at, oid, pending.event)
                self.note(f"accepted; takes effect at {format_instant(pending.effective_at)}")
                return
            self.note(
                f"{pending.awaiting} accepts {self.name(pid)}'s resignation of {self.oname(oid)}; "
                "it takes effect now"
            )
            self.vacate(oid, "resignation", pending.event)
            return
        done = self.r.resigned.get((pid, oid), [])
        if done and (ev.resignation is None or ev.resignation in done):
            rule = office.resignation
            self.note(
                f"{self.name(pid)}'s resignation of {self.oname(oid)} ({done[-1]}) already took "
                f"effect under these rules ({rule.citation if rule else 'effective on submission'}); "
                "the acceptance changes nothing"
            )
            return
        submitted = {
            e.id
            for e in self.r.scenario.events
            if e.type == "resignation"
            and e.person == pid
            and e.office == oid
            and e.instant <= self.instant
        }
        if submitted and (ev.resignation is None or ev.resignation in submitted):
            self.note(
                f"{self.name(pid)} no longer holds {self.oname(oid)} under these rules (they left it "
                "before their resignation took effect); the acceptance changes nothing"
            )
            return
        raise self.r.error(
            ev,
            f"there is no resignation by {self.name(pid)} of {self.oname(oid)} to accept",
            "add the resignation event before its acceptance",
        )

    def ev_resignation_rejected(self, ev: Event) -> None:
        self._end_pending(ev, "rejected" + (f" by {ev.by}" if ev.by else ""))

    def ev_resignation_withdrawn(self, ev: Event) -> None:
        self._end_pending(ev, "withdrawn")

    def _end_pending(self, ev: Event, how: str) -> None:
        """A pending resignation that will not take effect: the holder stays."""
        pid, oid = ev.person or "", ev.office or ""
        st = self.offices[oid]
        pending = st.resignation
        if (
            pending is not None
            and pending.person == pid
            and (ev.resignation is None or ev.resignation == pending.event)
        ):
            self.update(oid, resignation=None)
            self.note(
                f"{self.name(pid)}'s resignation of {self.oname(oid)} ({pending.event}) is {how}; "
                f"{self.name(pid)} stays in office"
            )
            return
        done = self.r.resigned.get((pid, oid), [])
        if done and (ev.resignation is None or ev.resignation in done):
            self.warn(
                f"{self.name(pid)}'s resignation of {self.oname(oid)} ({done[-1]}) already took effect "
                f"under these rules; that it was {how} changes nothing"
            )
            return
        raise self.r.error(
            ev,
            f"there is no pending resignation by {self.name(pid)} of {self.oname(oid)}",
            "add the resignation event before it is rejected or withdrawn",
        )

    def _permanent(self, ev: Event, oid: str, cause: str) -> bool:
        office = self.c.offices[oid]
        if cause in office.causes.permanent:
            return True
        self.warn(
            f"{self.oname(oid)} does not recognise {cause.replace('_', ' ')} as a cause of vacancy "
            f"({office.causes.citation}); event {ev.id} has no effect under these rules"
        )
        return False

    def ev_removal(self, ev: Event) -> None:
        pid, oid = ev.person or "", ev.office or ""
        self._alive(ev, pid)
        self._holder(ev, pid, oid, "be removed from")
        cause = ev.cause or "removal"
        if self._permanent(ev, oid, cause):
            self.vacate(oid, cause, ev.id)

    def ev_vacancy_declared(self, ev: Event) -> None:
        oid = ev.office or ""
        st = self.offices[oid]
        if st.holder is None:
            raise self.r.error(ev, f"{self.oname(oid)} is already vacant", "remove the event")
        if ev.person is not None:
            self._holder(ev, ev.person, oid, "be declared out of")
        cause = ev.cause or "declared_vacancy"
        if self._permanent(ev, oid, cause):
            self.vacate(oid, cause, ev.id)

    def ev_suspension(self, ev: Event) -> None:
        pid, oid = ev.person or "", ev.office or ""
        self._alive(ev, pid)
        st = self._holder(ev, pid, oid, "be suspended from")
        if st.suspension is not None:
            raise self.r.error(
                ev,
                f"{self.name(pid)} is already suspended from {self.oname(oid)} "
                f"(since {format_instant(st.suspension.since)})",
                "add a reinstatement first, or remove this event",
            )
        cause = ev.cause or "other"
        office = self.c.offices[oid]
        if cause == "impeachment":
            self.set_person(pid, impeached=True)
        if cause not in office.causes.temporary:
            self.warn(
                f"{self.oname(oid)} does not recognise {cause.replace('_', ' ')} as a temporary "
                f"cause ({office.causes.citation}); {self.name(pid)} keeps exercising the office"
            )
            return
        self.update(oid, suspension=Suspension(cause, self.instant, ev.id))
        self.dirty_around(oid)

    def ev_reinstatement(self, ev: Event) -> None:
        pid, oid = ev.person or "", ev.office or ""
        self._alive(ev, pid)
        st = self._holder(ev, pid, oid, "be reinstated in")
        if st.suspension is None:
            raise self.r.error(
                ev,
                f"{self.name(pid)} is not suspended from {self.oname(oid)}",
                "a reinstatement follows a suspension",
            )
        if st.suspension.cause == "impeachment":
            self.set_person(pid, impeached=False)
        self.update(oid, suspension=None)
        self.dirty_around(oid)

    def ev_impeached(self, ev: Event) -> None:
        pid = ev.person or ""
        self._alive(ev, pid)
        self.set_person(pid, impeached=True)

    def ev_acquitted(self, ev: Event) -> None:
        pid = ev.person or ""
        self._alive(ev, pid)
        self.set_person(pid, impeached=False)

    def ev_declines(self, ev: Event) -> None:
        pid, oid = ev.person or "", ev.office or ""
        ps = self._alive(ev, pid)
        st = self.offices[oid]
        if st.holder_id == pid:
            raise self.r.error(
                ev,
                f"{self.name(pid)} already holds {self.oname(oid)}",
                "a holder leaves by resignation, not by declining",
            )
        self.put_person(pid, ps._replace(declined=ps.declined | {oid}))
        changes: dict[str, Any] = {}
        if st.entitled is not None and st.entitled.person == pid:
            changes["entitled"] = None
        if st.elect is not None and st.elect.person == pid:
            changes["elect"] = None
        if st.acting_id == pid:
            changes["acting"] = None
        if changes:
            self.update(oid, **changes)
        self.note(f"{self.name(pid)} declines their turn for {self.oname(oid)}")
        self.dirty_around(oid)

    def ev_took_office(self, ev: Event) -> None:
        pid, oid = ev.person or "", ev.office or ""
        self._alive(ev, pid)
        st = self.offices[oid]
        if ev.role == "acting" and st.acting is not None and st.acting.person == pid:
            confirmed = self.basis(
                "took_office",
                detail=f"{self.name(pid)} takes up the exercise (confirms)",
                prior=st.acting.basis,
            )
            self.update(oid, acting=st.acting._replace(basis=confirmed))
            self.note(
                f"{self.name(pid)} takes up the exercise of {self.oname(oid)}, already theirs under "
                "these rules"
            )
            return
        if ev.role == "acting" and not (st.entitled is not None and st.entitled.person == pid):
            self.claim(
                ev,
                pid,
                oid,
                f"these rules do not give {self.name(pid)} the exercise of "
                f"{self.oname(oid)}: {self.why_not(pid, oid)}",
            )
            return
        if st.holder_id == pid and st.holder is not None:
            confirmed = self.basis(
                "took_office",
                detail=f"{self.name(pid)} takes office (confirms)",
                prior=st.holder.basis,
            )
            if st.elect is not None and st.elect.person == pid:
                # re-elected: the new term begins; the holder is no longer the office's elect
                confirmed = self.basis(
                    "took_office",
                    detail=f"{self.name(pid)} takes office for a new term",
                    prior=st.elect.basis,
                )
                self.update(oid, holder=st.holder._replace(basis=confirmed), elect=None)
                self.note(f"{self.name(pid)} begins a new term of {self.oname(oid)}")
                return
            self.update(oid, holder=st.holder._replace(basis=confirmed))
            self.note(
                f"{self.name(pid)} takes up {self.oname(oid)}, already theirs under these rules"
            )
            return
        if st.elect is not None and st.elect.person == pid:
            self.install(
                oid,
                pid,
                self.basis(
                    "took_office", detail=f"{self.name(pid)} takes office", prior=st.elect.basis
                ),
                None,
            )
            return
        ent = st.entitled
        if ent is not None and ent.person == pid:
            assert ent.step is not None
            self.assign(
                oid,
                ent.step,
                pid,
                self.basis(
                    "took_office",
                    step=ent.step,
                    detail=f"{self.name(pid)} takes office as entitled",
                    prior=ent.basis,
                ),
            )
            return
        self.claim(ev, pid, oid, self.why_not(pid, oid))

    def ev_appointed(self, ev: Event) -> None:
        self._install_event(ev)

    def ev_elected(self, ev: Event) -> None:
        self._install_event(ev)

    def ev_designated(self, ev: Event) -> None:
        self._install_event(ev)

    def _install_event(self, ev: Event) -> None:
        pid, oid = ev.person or "", ev.office or ""
        self._alive(ev, pid)
        office = self.c.offices[oid]
        reqs = list(office.eligibility)
        if ev.by is not None:
            for ref in self.c.refs[(oid, "permanent")]:
                if ref.step.body == ev.by:
                    reqs.extend(ref.step.eligibility)
        # the appointment itself, as the event gives it, for a requirement of consent
        appointed = Tenure(
            pid, self.instant, Basis(ev.type, self.instant), confirmed_by=ev.confirmed_by
        )
        failed = self.unmet(reqs, pid, appointed)
        verb = {"appointed": "appointment", "elected": "election", "designated": "designation"}[
            ev.type
        ]
        if failed:
            self.claim(ev, pid, oid, f"not eligible: {failed}")
            return
        held = self.offices[oid].holder
        if ev.type == "designated" and ev.takes_office and held is not None and held.person != pid:
            # a designation fills a vacancy; it does not end a tenure in course
            self.claim(
                ev,
                pid,
                oid,
                f"a designation fills a vacancy, and {self.oname(oid)} is held by "
                f"{self.name(held.person)}",
            )
            return
        by = f" by {ev.by}" if ev.by else ""
        basis = self.basis(ev.type, detail=f"{verb} of {self.name(pid)}{by}")
        if not ev.takes_office:
            st = self.offices[oid]
            # the election (or designation) the succession called for has taken place
            done = {"elected": "election", "designated": "designation"}.get(ev.type)
            kept = tuple(o for o in st.obligations if o.kind != done)
            self.update(
                oid, elect=Entitlement(pid, self.instant, basis, None, "elect"), obligations=kept
            )
            self.note(f"{self.name(pid)} is entitled to {self.oname(oid)} and takes office later")
            return
        self.install(oid, pid, basis, ev.confirmed_by)

    # -- claims

    def why_not(self, pid: str, oid: str) -> str:
        st = self.offices[oid]
        if st.holder is not None:
            extra = ""
            if st.resignation is not None and st.resignation.person == st.holder.person:
                if st.resignation.awaiting:
                    extra = f"; their resignation awaits acceptance by {st.resignation.awaiting}"
                elif st.resignation.effective_at:
                    extra = f"; their resignation takes effect at {format_instant(st.resignation.effective_at)}"
            return f"{self.oname(oid)} is held by {self.name(st.holder.person)}{extra}"
        if st.entitled is not None:
            return f"{self.name(st.entitled.person)} is entitled to {self.oname(oid)}"
        if st.elect is not None:
            return (
                f"{self.name(st.elect.person)} is to take {self.oname(oid)} (elected or appointed)"
            )
        if st.acting is not None:
            return f"{self.name(st.acting.person)} exercises the powers of {self.oname(oid)}"
        reasons = [s.detail for s in (st.vacancy.skipped if st.vacancy else ()) if s.person == pid]
        if reasons:
            return f"the line of {self.oname(oid)} passes over {self.name(pid)}: {reasons[0]}"
        return f"the line of {self.oname(oid)} does not lead to {self.name(pid)}"

    def claim(self, ev: Event, pid: str, oid: str, reason: str) -> None:
        st = self.offices[oid]
        if any(c.person == pid for c in st.claims):
            return
        self.update(oid, claims=(*st.claims, Claim(pid, self.instant, ev.id, reason)))
        self.warn(
            f"{self.name(pid)} took {self.oname(oid)} ({ev.id}), which these rules do not give "
            f"them: {reason}; recorded as a claim"
        )

    # -- changes of holder

    def vacate(self, oid: str, cause: str, event: str | None) -> None:
        st = self.offices[oid]
        h = st.holder
        if h is None:
            return
        if cause == "resignation":
            self.r.resigned.setdefault((h.person, oid), []).append(event or "")
            index = self.r.event_index.get(event or "")
            if index is not None and self.r.scenario.events[index].type == "resignation":
                # someone who resigned an office is not offered it again by its line
                # (a removal recorded with the cause "resignation" is not their act)
                ps = self.person(h.person)
                self.put_person(h.person, ps._replace(declined=ps.declined | {oid}))
        acting = st.acting
        if acting is not None and acting.step is not None and acting.step.line == "temporary":
            acting = None  # a temporary arrangement ends with the holder's tenure
        self.update(
            oid,
            holder=None,
            suspension=None,
            resignation=None,
            acting=acting,
            entitled=None,
            vacancy=Vacancy(
                self.instant,
                cause,
                h.person,
                (event,) if event else self.events,
                (),
                f"since {format_instant(self.instant)} ({self.name(h.person)}: {cause})",
            ),
        )
        self.dirty_around(oid)

    def install(self, oid: str, pid: str, basis: Basis, confirmed_by: str | None) -> None:
        """Make ``pid`` holder by election, appointment, designation or as
        president-elect: the previous holder's tenure ends."""
        st = self.offices[oid]
        for other, ost in list(self.offices.items()):
            if other == oid:
                continue
            if ost.holder is not None and ost.holder.person == pid:
                self.note(
                    f"{self.name(pid)} leaves {self.oname(other)} on taking {self.oname(oid)}"
                )
                self.vacate(other, "took another office", None)
            elif ost.acting is not None and ost.acting.person == pid:
                self.update(other, acting=None)
                self.dirty_around(other)
        if st.holder is not None and st.holder.person != pid:
            self.note(f"{self.name(st.holder.person)}'s tenure of {self.oname(oid)} ends")
        st = self.offices[oid]
        # an installed holder ends the vacancy: the election, designation or
        # convening it called for has happened
        keep_obligations = tuple(o for o in st.obligations if o.kind == "other")
        self.update(
            oid,
            holder=Tenure(pid, self.instant, basis, confirmed_by=confirmed_by),
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

    def assign(self, oid: str, ref: StepRef, pid: str, basis: Basis) -> None:
        """Apply a line step to ``pid``: holder or acting, leaving or ex officio."""
        step = ref.step
        source = step.office
        bound = source if step.tenure == "ex_officio" else None
        tenure = Tenure(pid, self.instant, basis, step=ref, bound_to=bound)
        st = self.offices[oid]
        obligations = st.obligations + self.new_obligations(st, ref)
        if step.mode == "becomes" and st.holder is None:
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
                if self.holds(current, pid):
                    held = self.offices[current].holder
                    self.note(f"{self.name(pid)} leaves {self.oname(current)} ({step.citation})")
                    self.vacate(current, f"succeeded to {self.oname(oid)}", None)
                    current = held.bound_to if held is not None else None
                elif self.offices[current].acting_id == pid:
                    acted = self.offices[current].acting
                    self.update(current, acting=None)
                    self.dirty_around(current)
                    current = acted.bound_to if acted is not None else None
                else:
                    break
        self.dirty_around(oid)

    # -- line resolution

    def resolve(self, oid: str) -> None:
        st = self.offices[oid]
        if not st.tracked:
            return
        h = st.holder
        if h is not None and h.bound_to is not None and not self.serves_in(h, h.bound_to):
            self.note(
                f"{self.name(h.person)} no longer holds {self.oname(h.bound_to)}, on which "
                f"{self.oname(oid)} depends ({h.step.citation if h.step else ''})"
            )
            self.vacate(oid, f"left {self.oname(h.bound_to)}", None)
            st = self.offices[oid]
            h = None
        if h is not None and st.suspension is None:
            if st.acting is not None or st.entitled is not None:
                self.update(oid, acting=None, entitled=None)
            return
        kind = "permanent" if h is None else "temporary"
        refs = self.c.refs[(oid, kind)]
        acting = st.acting
        if acting is not None and not self.still_valid(acting, kind, oid):
            acting = None
        skipped: list[Skip] = []
        entitled: Entitlement | None = None
        chosen: tuple[StepRef, str] | None = None
        stop = acting.step.index if acting is not None and acting.step is not None else len(refs)
        for ref in refs[:stop]:
            step = ref.step
            if step.body is not None:
                self.ensure_obligations(oid, ref)
                skipped.append(
                    Skip(ref, None, "awaiting_designation", f"awaiting designation by {step.body}")
                )
                continue
            pid, skip = self.candidate(oid, ref, kind)
            if pid is None:
                if skip is not None:
                    skipped.append(skip)
                continue
            if acting is not None and not _yields(acting.step, ref):
                break
            if step.takes_effect == "on_taking_office":
                old = st.entitled
                if old is not None and old.kind == "line" and old.person == pid and old.step == ref:
                    entitled = old
                else:
                    entitled = Entitlement(
                        pid,
                        self.instant,
                        self.basis(
                            "line",
                            step=ref,
                            skipped=tuple(skipped),
                            detail=f"{self.name(pid)} is entitled once they take office",
                            prior=self.source_basis(ref, pid),
                            vacancy=st.vacancy if h is None else None,
                        ),
                        ref,
                        "line",
                    )
                break
            chosen = (ref, pid)
            break
        if chosen is not None:
            ref, pid = chosen
            detail = (
                f"{self.name(pid)} becomes {self.oname(oid)}"
                if ref.step.mode == "becomes" and h is None
                else f"{self.name(pid)} exercises the powers of {self.oname(oid)}"
            )
            self.assign(
                oid,
                ref,
                pid,
                self.basis(
                    "line",
                    step=ref,
                    skipped=tuple(skipped),
                    detail=detail,
                    prior=self.source_basis(ref, pid),
                    vacancy=st.vacancy if h is None else None,
                ),
            )
            return
        new_entitled = entitled
        vacancy = st.vacancy
        if h is None and vacancy is not None and vacancy.skipped != tuple(skipped):
            vacancy = vacancy._replace(skipped=tuple(skipped))
        if acting is not st.acting or new_entitled is not st.entitled or vacancy is not st.vacancy:
            self.update(oid, acting=acting, entitled=new_entitled, vacancy=vacancy)
            if acting is not st.acting:
                self.dirty_around(oid)

    def serves_in(self, tenure: Tenure, source: str) -> bool:
        """Whether someone holding a role ex officio still holds (or, where the
        step accepts it, acts in) the office the role comes with."""
        src = self.offices[source]
        if src.holder is not None and src.holder.person == tenure.person:
            return True
        accept = tenure.step is not None and tenure.step.step.accept_acting
        return accept and src.acting is not None and src.acting.person == tenure.person

    def source_basis(self, ref: StepRef, pid: str) -> Basis | None:
        """How ``pid`` came to hold the office the step draws on."""
        if ref.step.office is None:
            return None
        src = self.offices[ref.step.office]
        for tenure in (src.holder, src.acting):
            if tenure is not None and tenure.person == pid:
                return tenure.basis
        return None

    def ensure_obligations(self, oid: str, ref: StepRef) -> None:
        st = self.offices[oid]
        if any(o.step == ref for o in st.obligations):
            return
        new = self.new_obligations(st, ref)
        if new:
            self.update(oid, obligations=st.obligations + new)

    def new_obligations(self, st: OfficeState, ref: StepRef) -> tuple[Obligation, ...]:
        """The obligations a step creates now. An obligation runs from the
        vacancy: a later succession in the same vacancy does not add a second
        one of a kind already pending."""
        pending = {o.kind for o in st.obligations}
        return tuple(
            Obligation(
                ob.kind,
                ob.description,
                self.instant + ob.delay,
                self.instant,
                ob.by,
                ob.citation,
                self.events,
                ref,
            )
            for ob in ref.step.obligations
            if ob.kind not in pending
        )

    def candidate(self, oid: str, ref: StepRef, kind: str) -> tuple[str | None, Skip | None]:
        """The person a step draws on, if available; else why not."""
        step = ref.step
        tenure: Tenure | None = None
        if step.office is not None:
            src = self.offices[step.office]
            sname = self.oname(step.office)
            if not src.tracked:
                return None, Skip(
                    ref,
                    None,
                    "unknown_holder",
                    f"{sname}: holder not recorded in the scenario (assumed unavailable)",
                )
            tenure = src.holder
            if tenure is None and step.accept_acting and src.acting is not None:
                tenure = src.acting
            if tenure is None:
                detail = f"{sname} is vacant"
                v = src.vacancy
                if v is not None and v.text:
                    detail += " " + v.text
                if src.entitled is not None:
                    detail += (
                        f"; {self.name(src.entitled.person)} is entitled to it once they "
                        "take office"
                    )
                return None, Skip(ref, None, "vacant", detail, v.events if v is not None else ())
            pid = tenure.person
            if tenure is src.holder and src.suspension is not None:
                sus = src.suspension
                return None, Skip(
                    ref,
                    pid,
                    "suspended",
                    f"{self.name(pid)} is suspended from {sname} ({sus.cause})",
                    (sus.event,) if sus.event else (),
                )
        else:
            pid = step.person or ""
        ps = self.people_state.get(pid)
        if ps is None or not ps.alive:
            return None, Skip(ref, pid, "dead", f"{self.name(pid)} is dead")
        if oid in ps.declined:
            return None, Skip(ref, pid, "declined", f"{self.name(pid)} declined or resigned it")
        if self.offices[oid].holder_id == pid:
            return None, Skip(ref, pid, "already_holder", f"{self.name(pid)} is the holder")
        failed = self.unmet([*self.c.offices[oid].eligibility, *step.eligibility], pid, tenure)
        if failed:
            return None, Skip(ref, pid, "ineligible", f"{self.name(pid)} is not eligible: {failed}")
        return pid, None

    def still_valid(self, acting: Tenure, kind: str, oid: str) -> bool:
        ref = acting.step
        if ref is None or ref.line != kind:
            return False
        ps = self.people_state[acting.person]
        if not ps.alive or oid in ps.declined:
            return False
        if acting.bound_to is not None:
            src = self.offices[acting.bound_to]
            as_holder = src.holder_id == acting.person and src.suspension is None
            as_acting = ref.step.accept_acting and src.acting_id == acting.person
            if not (as_holder or as_acting):
                return False
        reqs = [*self.c.offices[oid].eligibility, *ref.step.eligibility]
        if acting.bound_to is None:
            # Someone who left their source office was judged on how they held it
            # when the powers devolved (3 U.S.C. §19(e)); that is not re-judged.
            reqs = [r for r in reqs if r.confirmed_by is None]
            return not self.unmet(reqs, acting.person, None)
        return not self.unmet(reqs, acting.person, self.offices[acting.bound_to].holder)

    def unmet(self, reqs: list[Requirement], pid: str, tenure: Tenure | None) -> str:
        """The first requirement ``pid`` fails, described; empty when all are met."""
        person = self.r.people[pid]
        for req in reqs:
            if not _meets(req, person, self.people_state[pid], tenure, self.instant):
                return f"requires {req.describe()} ({req.citation}); {_has(req, person, tenure, self.instant)}"
        return ""


def _meets(
    req: Requirement, person: Any, ps: PersonState, tenure: Tenure | None, instant: dt.datetime
) -> bool:
    """Whether a person meets a requirement. A fact the scenario does not give
    (no birth date, no attribute) counts as met: the scenario is trusted to
    list what matters."""
    if req.min_age is not None:
        if person.born is None:
            return True
        return _age(person.born, instant) >= req.min_age
    if req.not_under_impeachment:
        return not ps.impeached
    if req.confirmed_by is not None:
        if tenure is None:
            return False
        if tenure.confirmed_by is None and _underlying(tenure.basis).kind == "initial":
            # a starting holder whose appointment the scenario does not describe
            # (confirming it with took_office does not change that)
            return True
        return tenure.confirmed_by == req.confirmed_by
    value = person.attributes.get(req.attribute)
    if value is None:
        return True
    if req.equals is not None:
        return bool(value == req.equals)
    if req.at_least is not None:
        return (
            isinstance(value, int | float) and not isinstance(value, bool) and value >= req.at_least
        )
    if req.one_of is not None:
        return bool(value in req.one_of)
    return bool(value)


def _underlying(basis: Basis) -> Basis:
    """The basis under any confirmations by took_office."""
    while basis.kind == "took_office" and basis.step is None and basis.prior is not None:
        basis = basis.prior
    return basis


def _added_removed(old: tuple[Any, ...], new: tuple[Any, ...]) -> tuple[list[Any], list[Any]]:
    """Items of ``new`` not in ``old`` and of ``old`` not in ``new``, by identity."""
    old_ids = {id(x) for x in old}
    new_ids = {id(x) for x in new}
    return [x for x in new if id(x) not in old_ids], [x for x in old if id(x) not in new_ids]


def _anniversary(born: dt.date, years: int) -> dt.date:
    """The day someone born on ``born`` turns ``years`` (1 March for 29 February)."""
    try:
        return born.replace(year=born.year + years)
    except ValueError:
        return dt.date(born.year + years, 3, 1)


def _age(born: dt.date, instant: dt.datetime) -> int:
    """Age in whole years at an instant."""
    d = instant.date()
    return d.year - born.year - ((d.month, d.day) < (born.month, born.day))


def _has(req: Requirement, person: Any, tenure: Tenure | None, instant: dt.datetime) -> str:
    """What the person has, for a requirement they fail."""
    if req.min_age is not None and person.born is not None:
        return f"is {_age(person.born, instant)}"
    if req.not_under_impeachment:
        return "is under impeachment"
    if req.confirmed_by is not None:
        got = tenure.confirmed_by if tenure is not None else None
        return f"appointment confirmed by {got}" if got else "appointment not confirmed"
    if req.attribute is not None:
        return f"has {req.attribute} = {person.attributes.get(req.attribute)!r}"
    return "does not meet it"


def _yields(acting_ref: StepRef | None, higher: StepRef) -> bool:
    if acting_ref is None:
        return True
    rule = acting_ref.step.yields_to
    if rule == "all":
        return True
    if rule == "none":
        return False
    return higher.step.draws_on in rule


def _remap(role: Any, new: Compiled, *, keep: bool = False) -> Any:
    """A holder's, acting person's or entitled person's step in a new version
    of the law: the step of the same line that draws on the same office,
    person or body, in the same mode. Without such a step an acting or
    entitled person loses the role (the line is re-evaluated), while a holder
    (``keep``) keeps the office."""
    if role is None or role.step is None:
        return role
    ref = role.step
    for candidate in new.refs.get((ref.office, ref.line), ()):
        s = candidate.step
        if s.draws_on == ref.step.draws_on and s.mode == ref.step.mode:
            return role._replace(step=candidate)
    return role._replace(step=None) if keep else None


def _vacancy_text(st: OfficeState) -> str:
    v = st.vacancy
    if v is None:
        return "vacant"
    who = f"{v.person}: " if v.person else ""
    return f"vacant ({who}{v.cause})"
