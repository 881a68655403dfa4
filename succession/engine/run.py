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
import heapq
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..collector import collector_paused
from ..errors import Locate
from ..instants import format_instant
from ..limits import limit
from ..model.rules import Rules
from ..model.scenario import Scenario
from . import lines
from .compiled import Compiled, compile_rules
from .events import HANDLERS
from .record import FIELD, Log
from .state import BasisHow, Note, OfficeState, State, StepRef
from .timeline import Timeline
from .work import Context, OfficeSlot, PlainRecords, Work


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
    log = Log(scenario, [compiled, *later])
    runner = Runner(compiled, scenario, locate, later, log)
    with collector_paused():  # the engine's records are acyclic
        runner.run()
        log.trim()
    used = (rules, *(c.rules for c in runner.applied))
    return Timeline(used[-1], scenario, log, versions=used if len(used) > 1 else ())


def apply_act(
    rules: Rules | Compiled,
    scenario: Scenario,
    state: State,
    instant: dt.datetime,
    events: Sequence[Any],
) -> State:
    """The state one act (events happening together) makes from ``state`` at
    ``instant``, under ``rules``: for asking what would follow from events
    the scenario does not have."""
    compiled = rules if isinstance(rules, Compiled) else compile_rules(rules)
    ctx = Context(compiled, scenario)
    ctx.load(state)
    ids = tuple(e.id for e in events)
    work = Work(ctx, instant, ids, PlainRecords(instant, ids))
    for ev in events:
        HANDLERS[ev.type](work, ev)
    work.finish()
    return ctx.state(instant)


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
    between them, and the versions of the law as they come into force; each
    entry recorded in the run's log."""

    def __init__(
        self,
        compiled: Compiled,
        scenario: Scenario,
        locate: Locate | None,
        later: Sequence[Compiled],
        log: Log,
    ) -> None:
        self.log = log
        self.ctx = Context(compiled, scenario, locate, self.schedule, log)
        #: versions of the law still to come into force, and those that did
        self.later = list(later)
        self.applied: list[Compiled] = []
        self.scenario = scenario
        self.scheduled: list[Scheduled] = []
        self.seq = 0
        self._work: Work | None = None
        self.max_recorded = limit("recorded")

    def run(self) -> None:
        """Every entry of the timeline, in order."""
        start = dt.datetime.combine(self.scenario.start, dt.time())
        self.initial(start)
        self.schedule_birthdays(start)
        for instant, batch in self.batches():
            while self.scheduled and self.scheduled[0].instant <= instant:
                self.amend_until(self.scheduled[0].instant)
                self.fire(heapq.heappop(self.scheduled))
            self.amend_until(instant)
            self.apply(instant, batch)
        while self.scheduled:
            self.amend_until(self.scheduled[0].instant)
            self.fire(heapq.heappop(self.scheduled))
        self.amend_until(None)

    def work(self, instant: dt.datetime, events: tuple[str, ...]) -> Work:
        """The next entry, under construction."""
        if self._work is None:
            self._work = Work(self.ctx, instant, events, self.log)
        else:
            self._work.begin(instant, events)
        return self._work

    def close(self, work: Work, kind: str) -> None:
        """The entry is done: settle it and record it."""
        work.finish()
        for n in work.notes:
            self.log.note(False, n)
        for n in work.warnings:
            self.log.note(True, n)
        self.log.close(work.instant, kind, work.events)
        if self.log.recorded() > self.max_recorded:
            raise self.ctx.error(
                self.ctx.event(work.events[0]) if work.events else None,
                f"the run records more than {self.max_recorded:,} values by "
                f"{format_instant(work.instant)} (SUCCESSION_MAX_RECORDED): its events "
                "move too many offices, or too often",
                "split the scenario, or raise SUCCESSION_MAX_RECORDED for a file you trust",
            )

    def amend_until(self, instant: dt.datetime | None) -> None:
        """Bring into force every version of the law that starts at or before
        ``instant`` (all of them if None), an entry each."""
        while self.later:
            start = dt.datetime.combine(self.later[0].rules.valid_from, dt.time())
            if instant is not None and start > instant:
                return
            self.amend(start, self.later.pop(0))

    def amend(self, instant: dt.datetime, new: Compiled) -> None:
        """A new version of the law: offices it abolishes go, offices it
        creates start as the scenario's holders say (or not recorded), and
        every line is re-evaluated under the new steps."""
        ctx = self.ctx
        old = ctx.offices
        self.log.version = self.log.add_version(new)
        ctx.compiled = new
        self.applied.append(new)
        ctx.offices = {oid: old.get(oid) or OfficeSlot(oid) for oid in new.offices}
        work = self.work(instant, ())
        work.note("version_in_force", version=new.rules)
        self.log.silent = True
        for oid in new.offices:
            slot = ctx.offices[oid]
            if oid not in old:
                self.initial_office(work, slot, created=True)
                work.note("office_created", office=oid, version=new.rules)
                continue
            work.update(
                oid,
                holder=_remap(work, slot.holder, new, keep=True),
                acting=_remap(work, slot.acting, new),
                entitled=_remap(work, slot.entitled, new),
            )
        for oid, slot in old.items():
            if oid not in new.offices:
                held = slot.holder_id if slot.holder_id in ctx.people else None
                work.note("office_abolished", person=held, office=oid, version=new.rules)
                self.log.begin()
                self.log.write(oid, FIELD["present"], 0)
        self.log.silent = False
        work.touched.clear()
        for oid in new.offices:
            work.dirty(oid)
        self.close(work, "amendment")

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

    def initial_office(self, work: Work, slot: OfficeSlot, *, created: bool = False) -> None:
        """An office as the scenario's ``holders`` give it (at the start, or
        when a new version of the law ``created`` it), as silent writes."""
        oid = slot.office
        self.log.begin()
        self.log.write(oid, FIELD["present"], 1)
        spec = self.scenario.holders.get(oid)
        if spec is None or spec.unknown:
            work.update(oid, tracked=False)
            return
        slot.tracked = False  # written below
        how: BasisHow = "created" if created else "start"
        changes: dict[str, Any] = {"tracked": True}
        if spec.person is not None:
            basis = work.basis("initial", spec.person, oid, how)
            changes["holder"] = work.tenure(spec.person, basis, confirmed_by=spec.confirmed_by)
            if spec.suspended is not None:
                changes["suspension"] = self.log.suspension(spec.suspended, None)
        else:
            changes["vacancy"] = self.log.vacancy(self.log.entry, how, None, None, (), None)
        work.update(oid, **changes)

    def initial(self, start: dt.datetime) -> None:
        """The start entry: the scenario's holders, and what their lines make of them."""
        ctx = self.ctx
        work = self.work(start, ())
        self.log.silent = True
        for oid in ctx.compiled.offices:
            ctx.offices[oid] = OfficeSlot(oid)
        for oid in ctx.compiled.offices:
            self.initial_office(work, ctx.offices[oid])
        self.log.silent = False
        work.touched.clear()
        for oid in ctx.compiled.offices:
            work.dirty(oid)
        self.close(work, "start")

    def apply(self, instant: dt.datetime, batch: list[Any]) -> None:
        """The entry one act makes."""
        work = self.work(instant, tuple(e.id for e in batch))
        rules = self.ctx.compiled.rules
        if instant.date() < rules.valid_from or (
            rules.valid_until is not None and instant.date() > rules.valid_until
        ):
            work.warn("outside_validity", version=rules)
        for ev in batch:
            HANDLERS[ev.type](work, ev)
        self.close(work, "event")

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

    def fire(self, item: Scheduled) -> None:
        """The entry a scheduled effect makes (none when it changes nothing shown)."""
        if item.person:
            ctx = self.ctx
            mark = self.log.mark()
            fields = array("i", self.log.fields)
            saved = {oid: slot.frozen() for oid, slot in ctx.offices.items()}
            work = self.work(item.instant, ())
            work.seen = []
            work.touch_person(item.person)
            work.finish()
            if not work.shows():
                # nothing a timeline shows changed: the entry is not kept
                self.log.rollback(mark, fields)
                for oid, st in saved.items():
                    _restore(ctx.offices[oid], st)
                return
            work.notes.insert(0, Note("comes_of_age", person=item.person))
            self.close(work, "effect")
            return
        slot = self.ctx.offices[item.office]
        pending = slot.resignation
        if pending is None or pending.event != item.event or pending.awaiting is not None:
            return  # withdrawn, overtaken, or still awaiting acceptance
        work = self.work(item.instant, (item.event,))
        work.note(
            "resignation_takes_effect", person=pending.person, office=item.office, event=item.event
        )
        work.vacate(item.office, "resignation", item.event)
        self.close(work, "effect")

    def schedule(self, instant: dt.datetime, office: str, event: str) -> None:
        """A resignation takes effect at ``instant``."""
        self.seq += 1
        heapq.heappush(self.scheduled, Scheduled(instant, self.seq, office, event))


def _restore(slot: OfficeSlot, st: OfficeState) -> None:
    """Put an office back as it was."""
    slot.tracked = st.tracked
    slot.holder, slot.holder_id = st.holder, st.holder.person if st.holder is not None else None
    slot.acting, slot.acting_id = st.acting, st.acting.person if st.acting is not None else None
    slot.suspension, slot.entitled, slot.elect = st.suspension, st.entitled, st.elect
    slot.claims, slot.obligations = st.claims, st.obligations
    slot.resignation, slot.vacancy = st.resignation, st.vacancy


def _remap(work: Work, role: Any, new: Compiled, *, keep: bool = False) -> Any:
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
            return _with_step(work, role, cand)
    return _with_step(work, role, None) if keep else None


def _with_step(work: Work, role: Any, step: StepRef | None) -> Any:
    if hasattr(role, "bound_to"):
        return work.tenure(
            role.person, role.basis, step, role.bound_to, role.confirmed_by, since=role.since
        )
    return work.records.entitlement(role.person, role.basis, step, role.kind, since=role.since)
