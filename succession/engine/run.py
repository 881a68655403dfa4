"""The run loop: a scenario's events, in acts (events joined by
``simultaneous_with`` happen together), each applied under the version of
the law in force at its instant, with what happens in between without an
event of its own: a resignation taking effect as stated, someone reaching an
age a rule requires, a new version of the law coming into force. Each makes
an entry of the timeline.

This module orders and drives the work; what an event does is in
:mod:`~succession.engine.events`, how the lines settle in
:mod:`~succession.engine.work`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import heapq
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..model.rules import Rules
from ..model.scenario import Scenario
from . import lines
from .compiled import Compiled, compile_rules
from .events import HANDLERS
from .state import (
    Basis,
    BasisHow,
    Entry,
    Note,
    OfficeState,
    PeopleMap,
    PersonState,
    State,
    Suspension,
    Tenure,
    Timeline,
    Vacancy,
)
from .work import Context, Locate, Work


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
    runner = Runner(compiled, scenario, locate, later)
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


def apply_act(
    rules: Rules | Compiled,
    scenario: Scenario,
    state: State,
    instant: dt.datetime,
    events: Sequence[Any],
) -> Entry:
    """The entry one act (events happening together) makes from ``state`` at
    ``instant``, under ``rules``: for asking what would follow from events
    the scenario does not have."""
    compiled = rules if isinstance(rules, Compiled) else compile_rules(rules)
    return Runner(compiled, scenario, None).apply(state, instant, list(events))


@dataclass(order=True)
class Scheduled:
    """Something due at an instant without an event of its own: a resignation
    taking effect as stated, or someone reaching an age a rule requires."""

    instant: dt.datetime
    seq: int
    office: str = dataclasses.field(compare=False)
    event: str = dataclasses.field(compare=False)
    person: str = dataclasses.field(default="", compare=False)


class Runner:
    """One run of a scenario: the acts in order, the effects scheduled
    between them, and the versions of the law as they come into force."""

    def __init__(
        self,
        compiled: Compiled,
        scenario: Scenario,
        locate: Locate | None,
        later: Sequence[Compiled] = (),
    ) -> None:
        self.ctx = Context(compiled, scenario, locate, self.schedule)
        #: versions of the law still to come into force, and those that did
        self.later = list(later)
        self.applied: list[Compiled] = []
        self.scenario = scenario
        self.scheduled: list[Scheduled] = []
        self.seq = 0

    def run(self) -> list[Entry]:
        """Every entry of the timeline, in order."""
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

    def work(self, state: State, instant: dt.datetime, events: tuple[str, ...]) -> Work:
        """A new entry under construction."""
        return Work(self.ctx, state, instant, events)

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
        self.ctx.compiled = new
        self.applied.append(new)
        offices: dict[str, OfficeState] = {}
        notes: list[Note] = []
        for oid in new.offices:
            st = state.offices.get(oid)
            if st is None:
                offices[oid] = self.initial_office(oid, instant, created=True)
                notes.append(Note("office_created", office=oid, version=new.rules))
                continue
            offices[oid] = st._replace(
                holder=_remap(st.holder, new, keep=True),
                acting=_remap(st.acting, new),
                entitled=_remap(st.entitled, new),
            )
        for oid, st in state.offices.items():
            if oid not in new.offices:
                held = st.holder_id if st.holder_id in self.ctx.people else None
                notes.append(Note("office_abolished", person=held, office=oid, version=new.rules))
        work = self.work(State(instant, offices, state.people), instant, ())
        work.note("version_in_force", version=new.rules)
        work.notes.extend(notes)
        for oid in new.offices:
            work.dirty(oid)
        return work.finish("amendment")

    def batches(self) -> Iterable[tuple[dt.datetime, list[Any]]]:
        """Events grouped into acts, each with its instant (see
        :meth:`~succession.model.scenario.Scenario.event_instants`)."""
        batch: list[Any] = []
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

    # -- entries

    def initial_office(self, oid: str, start: dt.datetime, *, created: bool = False) -> OfficeState:
        """An office as the scenario's ``holders`` give it (at the start, or
        when a new version of the law ``created`` it)."""
        spec = self.scenario.holders.get(oid)
        if spec is None or spec.unknown:
            return OfficeState(oid, tracked=False)
        how: BasisHow = "created" if created else "start"
        basis = Basis("initial", start, person=spec.person, office=oid, how=how)
        holder = (
            Tenure(spec.person, start, basis, confirmed_by=spec.confirmed_by)
            if spec.person is not None
            else None
        )
        suspension = Suspension(spec.suspended, start, None) if spec.suspended is not None else None
        vacancy = Vacancy(start, how, None, ()) if holder is None else None
        return OfficeState(oid, holder=holder, suspension=suspension, vacancy=vacancy)

    def initial(self, start: dt.datetime) -> Entry:
        """The start entry: the scenario's holders, and what their lines make of them."""
        offices = {oid: self.initial_office(oid, start) for oid in self.ctx.compiled.offices}
        people = PeopleMap.of({pid: PersonState(pid) for pid in self.ctx.people})
        work = self.work(State(start, offices, people), start, ())
        for oid in self.ctx.compiled.offices:
            work.dirty(oid)
        return work.finish("start")

    def apply(self, state: State, instant: dt.datetime, batch: list[Any]) -> Entry:
        """The entry one act makes."""
        work = self.work(state, instant, tuple(e.id for e in batch))
        rules = self.ctx.compiled.rules
        if instant.date() < rules.valid_from or (
            rules.valid_until is not None and instant.date() > rules.valid_until
        ):
            work.warn("outside_validity", version=rules)
        for ev in batch:
            HANDLERS[ev.type](work, ev)
        return work.finish("event")

    def schedule_birthdays(self, start: dt.datetime) -> None:
        """Lines are re-evaluated when someone reaches an age a rule requires."""
        for person in self.ctx.people.values():
            if person.born is None:
                continue
            for years in self.ctx.compiled.ages:
                day = lines.anniversary(person.born, years)
                at = dt.datetime.combine(day, dt.time())
                if at > start:
                    self.seq += 1
                    heapq.heappush(self.scheduled, Scheduled(at, self.seq, "", "", person.id))

    def fire(self, state: State, item: Scheduled) -> Entry | None:
        """The entry a scheduled effect makes (None when it changes nothing)."""
        if item.person:
            work = self.work(state, item.instant, ())
            work.touch_person(item.person)
            entry = work.finish("effect")
            if not entry.changes:
                return None
            return entry._replace(notes=(Note("comes_of_age", person=item.person), *entry.notes))
        st = state.offices[item.office]
        pending = st.resignation
        if pending is None or pending.event != item.event or pending.awaiting is not None:
            return None  # withdrawn, overtaken, or still awaiting acceptance
        work = self.work(state, item.instant, (item.event,))
        work.note(
            "resignation_takes_effect", person=pending.person, office=item.office, event=item.event
        )
        work.vacate(item.office, "resignation", item.event)
        return work.finish("effect")

    def schedule(self, instant: dt.datetime, office: str, event: str) -> None:
        """A resignation takes effect at ``instant``."""
        self.seq += 1
        heapq.heappush(self.scheduled, Scheduled(instant, self.seq, office, event))


def _remap(role: Any, new: Compiled, *, keep: bool = False) -> Any:
    """A holder's, acting person's or entitled person's step in a new version
    of the law: the step of the same line that draws on the same office,
    person or body, in the same mode. Without such a step an acting or
    entitled person loses the role (the line is re-evaluated), while a holder
    (``keep``) keeps the office."""
    if role is None or role.step is None:
        return role
    ref = role.step
    for cand in new.refs.get((ref.office, ref.line), ()):
        s = cand.step
        if s.draws_on == ref.step.draws_on and s.mode == ref.step.mode:
            return role._replace(step=cand)
    return role._replace(step=None) if keep else None
