"""The state being built for one timeline entry, and the moves the event
handlers make on it: vacating an office, installing a holder, applying a
line step, recording a claim. After the events of an entry, :meth:`Work.finish`
re-evaluates the offices marked dirty until nothing changes (a fixpoint),
using the line evaluator's decisions, and records what changed.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from ..errors import Location, ScenarioError
from ..instants import format_instant
from ..model.scenario import Person, Scenario
from . import lines
from .compiled import Compiled
from .state import (
    Basis,
    BasisHow,
    BasisKind,
    Change,
    Claim,
    Entitlement,
    Entry,
    Failure,
    Note,
    NotGiven,
    OfficeState,
    PeopleMap,
    PersonState,
    Skip,
    State,
    StepRef,
    Tenure,
    Vacancy,
)

Locate = Callable[[tuple[str | int, ...]], Location]

#: A fixpoint that has not settled after this many office evaluations is a rule-file bug.
MAX_EVALUATIONS = 100_000


@dataclass
class Context:
    """What every entry of one run shares: the rules in force (they change
    when the law does), the scenario, and what happened before that still
    matters (resignations that took effect, the effects scheduled)."""

    compiled: Compiled
    scenario: Scenario
    locate: Locate | None = None
    schedule: Callable[[dt.datetime, str, str], None] = field(default=lambda at, office, ev: None)
    """Called to schedule a resignation taking effect at a later instant."""
    people: dict[str, Person] = field(default_factory=dict)
    event_index: dict[str, int] = field(default_factory=dict)
    resigned: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    """(person, office) → resignations that took effect under these rules."""

    def __post_init__(self) -> None:
        self.people = {p.id: p for p in self.scenario.people}
        self.event_index = {e.id: i for i, e in enumerate(self.scenario.events)}

    def name(self, pid: str | None) -> str:
        """A person's display name, for error messages."""
        if pid is None:
            return "nobody"
        p = self.people.get(pid)
        return p.name if p is not None else pid

    def office_name(self, oid: str) -> str:
        """An office's display name under the rules in force, for error messages."""
        return self.compiled.offices[oid].name

    def error(self, ev: Any, message: str, hint: str | None = None) -> ScenarioError:
        """An impossible event, located in the scenario file."""
        where = None
        if ev is not None and self.locate is not None and ev.id in self.event_index:
            where = self.locate(("events", self.event_index[ev.id]))
        prefix = f"event {ev.id!r}: " if ev is not None else ""
        return ScenarioError(prefix + message, where, hint)


class Work:
    """The state being built for one entry: each office's record is replaced
    when it changes (the previous state is never modified), then the offices
    marked dirty are re-evaluated to a fixpoint."""

    def __init__(
        self, ctx: Context, state: State, instant: dt.datetime, events: tuple[str, ...]
    ) -> None:
        self.ctx = ctx
        self.c = ctx.compiled
        self.before = state
        self.offices: dict[str, OfficeState] = dict(state.offices)
        self.people_state: PeopleMap = state.people  # type: ignore[assignment]
        self.instant = instant
        self.events = events
        self.heap: list[tuple[tuple[int, str], str]] = []
        self.queued: set[str] = set()
        self.touched: dict[str, None] = {}
        self.notes: list[Note] = []
        self.warnings: list[Note] = []
        self.changes: list[Change] = []

    # -- small helpers

    def note(self, kind: str, **fields: Any) -> None:
        """Something worth saying about this entry (see :class:`Note`)."""
        self.notes.append(Note(kind, **fields))

    def warn(self, kind: str, **fields: Any) -> None:
        """Something in the scenario the rules do not bear out (see :class:`Note`)."""
        self.warnings.append(Note(kind, **fields))

    def inputs(self) -> lines.LineInputs:
        """The line evaluator's view of the state being built."""
        return lines.LineInputs(
            self.c, self.offices, self.people_state, self.ctx.people, self.instant
        )

    def update(self, oid: str, **changes: Any) -> OfficeState:
        """Replace some fields of an office's record (and record what changed)."""
        old = self.offices[oid]
        st = old._replace(**changes)
        self.log(old, st)
        self.offices[oid] = st
        self.touched[oid] = None
        return st

    def dirty(self, oid: str) -> None:
        """Mark an office for re-evaluation."""
        if oid not in self.queued:
            self.queued.add(oid)
            heapq.heappush(self.heap, (self.c.order[oid], oid))

    def dirty_around(self, oid: str) -> None:
        """Mark an office and the offices whose lines name it."""
        self.dirty(oid)
        for dep in self.c.dependents[oid]:
            self.dirty(dep)

    def person(self, pid: str) -> PersonState:
        """What is known of a person now."""
        return self.people_state[pid]

    def put_person(self, pid: str, ps: PersonState) -> None:
        """Replace a person's state (no re-evaluation)."""
        self.people_state = self.people_state.set(pid, ps)

    def set_person(self, pid: str, **changes: Any) -> None:
        """Change a person's state and re-evaluate the lines that may draw on them."""
        self.put_person(pid, self.people_state[pid]._replace(**changes))
        self.touch_person(pid)

    def touch_person(self, pid: str) -> None:
        """Re-evaluate the offices the person holds, acts in, is entitled or
        elected to (and the offices whose lines name those), and the lines
        that name the person."""
        for oid, st in self.offices.items():
            if (
                (st.holder is not None and st.holder.person == pid)
                or (st.acting is not None and st.acting.person == pid)
                or (st.entitled is not None and st.entitled.person == pid)
                or (st.elect is not None and st.elect.person == pid)
            ):
                self.dirty_around(oid)
        for oid in self.c.named.get(pid, ()):
            self.dirty(oid)

    def holds(self, oid: str, pid: str) -> bool:
        """Whether ``pid`` holds ``oid`` de jure."""
        st = self.offices[oid]
        return st.holder is not None and st.holder.person == pid

    def basis(
        self,
        kind: BasisKind,
        person: str,
        office: str,
        how: BasisHow = "",
        *,
        step: StepRef | None = None,
        skipped: tuple[Skip, ...] = (),
        prior: Basis | None = None,
        vacancy: Vacancy | None = None,
        by: str | None = None,
    ) -> Basis:
        """A reason recorded at this entry, for ``person`` in ``office``."""
        return Basis(
            kind, self.instant, self.events, step, skipped, prior, vacancy, person, office, how, by
        )

    # -- finishing

    def finish(self, kind: Literal["start", "event", "effect", "amendment"]) -> Entry:
        """Settle the lines and make the entry."""
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
        """Re-evaluate dirty offices, in order, until none is left."""
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
        """A claim to hold an office ends when the claimant holds it in law
        (acting in it, as a Vice President acts for a President, is not holding it)."""
        for oid in list(self.touched):
            st = self.offices[oid]
            if not st.claims:
                continue
            keep = tuple(c for c in st.claims if c.person != st.holder_id)
            if len(keep) != len(st.claims):
                for c in st.claims:
                    if c not in keep:
                        self.note("claim_de_jure", person=c.person, office=oid)
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
                        vacancy=new.vacancy,
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
                )
            )
        if (old.suspension is None) != (new.suspension is None) and new.holder is not None:
            add(
                Change(
                    oid,
                    "suspension",
                    old.suspension.cause if old.suspension else None,
                    new.suspension.cause if new.suspension else None,
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
                    )
                )
        if old.elect is not new.elect:
            old_x = old.elect.person if old.elect else None
            new_x = new.elect.person if new.elect else None
            if old_x != new_x and not (new_x is None and old_x == new.holder_id):
                add(Change(oid, "elect", old_x, new_x, new.elect.basis if new.elect else None))
        if old.claims is not new.claims:
            added, removed = _added_removed(old.claims, new.claims)
            for c in added:
                add(Change(oid, "claim", None, c.person, claim=c))
            for c in removed:
                add(Change(oid, "claim", c.person, None, claim=c))
        if old.obligations is not new.obligations:
            added_o, removed_o = _added_removed(old.obligations, new.obligations)
            for ob in added_o:
                add(Change(oid, "obligation", None, ob.kind, obligation=ob))
            for ob in removed_o:
                add(Change(oid, "obligation", ob.kind, None, obligation=ob))

    # -- claims

    def why_not(self, pid: str, oid: str, *, exercise: bool = False) -> NotGiven:
        """Why the rules in force do not give ``oid`` to ``pid`` now."""
        st = self.offices[oid]
        if st.holder is not None:
            r = st.resignation
            pending = r if r is not None and r.person == st.holder.person else None
            return NotGiven("held", oid, st.holder.person, pending, exercise=exercise)
        if st.entitled is not None:
            return NotGiven("entitled", oid, st.entitled.person, exercise=exercise)
        if st.elect is not None:
            return NotGiven("elect", oid, st.elect.person, exercise=exercise)
        if st.acting is not None:
            return NotGiven("acting", oid, st.acting.person, exercise=exercise)
        for skip in st.vacancy.skipped if st.vacancy else ():
            if skip.person == pid:
                return NotGiven("passed_over", oid, pid, skip=skip, exercise=exercise)
        return NotGiven("not_in_line", oid, pid, exercise=exercise)

    def claim(self, ev: Any, pid: str, oid: str, why: NotGiven) -> None:
        """Record that ``pid`` took ``oid`` without the rules giving it to them."""
        st = self.offices[oid]
        if any(c.person == pid for c in st.claims):
            return
        claim = Claim(pid, self.instant, ev.id, why)
        self.update(oid, claims=(*st.claims, claim))
        self.warn("claimed", person=pid, office=oid, event=ev.id, claim=claim)

    # -- changes of holder

    def vacate(self, oid: str, cause: str, event: str | None, other: str | None = None) -> None:
        """The holder leaves the office (``cause``: a cause of vacancy, or one
        of :data:`~succession.engine.state.VACANCY_CAUSES`; ``other``: the
        office they succeeded to or left)."""
        st = self.offices[oid]
        h = st.holder
        if h is None:
            return
        if cause == "resignation":
            self.ctx.resigned.setdefault((h.person, oid), []).append(event or "")
            index = self.ctx.event_index.get(event or "")
            if index is not None and self.ctx.scenario.events[index].type == "resignation":
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
                self.instant, cause, h.person, (event,) if event else self.events, (), other
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
                self.note("leaves_on_taking", person=pid, office=oid, other=other)
                self.vacate(other, "took_another_office", None)
            elif ost.acting is not None and ost.acting.person == pid:
                self.update(other, acting=None)
                self.dirty_around(other)
        if st.holder is not None and st.holder.person != pid:
            self.note("tenure_ends", person=st.holder.person, office=oid)
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
        obligations = st.obligations + lines.new_obligations(st, ref, self.instant, self.events)
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
                    self.note("leaves", person=pid, office=oid, other=current, step=ref)
                    self.vacate(current, "succeeded", None, oid)
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
        """Bring one office in line with its rules."""
        st = self.offices[oid]
        if not st.tracked:
            return
        h = st.holder
        if (
            h is not None
            and h.bound_to is not None
            and not lines.serves_in(self.offices, h, h.bound_to)
        ):
            self.note("no_longer_holds", person=h.person, office=oid, other=h.bound_to, step=h.step)
            self.vacate(oid, "left", None, h.bound_to)
            st = self.offices[oid]
            h = None
        if h is not None and st.suspension is None:
            if st.acting is not None or st.entitled is not None:
                self.update(oid, acting=None, entitled=None)
            return
        decision = lines.decide(self.inputs(), oid)
        for ref in decision.elective:
            self.ensure_obligations(oid, ref)
        st = self.offices[oid]
        vacancy_now = st.vacancy if h is None else None
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
        entitled: Entitlement | None = None
        if decision.entitled is not None:
            ref, pid = decision.entitled
            old = st.entitled
            if old is not None and old.kind == "line" and old.person == pid and old.step == ref:
                entitled = old
            else:
                entitled = Entitlement(
                    pid,
                    self.instant,
                    self.basis(
                        "line",
                        pid,
                        oid,
                        "entitled",
                        step=ref,
                        skipped=decision.skipped,
                        prior=self.source_basis(ref, pid),
                        vacancy=vacancy_now,
                    ),
                    ref,
                    "line",
                )
        acting = decision.acting
        vacancy = st.vacancy
        if h is None and vacancy is not None and vacancy.skipped != decision.skipped:
            vacancy = vacancy._replace(skipped=decision.skipped)
        if acting is not st.acting or entitled is not st.entitled or vacancy is not st.vacancy:
            self.update(oid, acting=acting, entitled=entitled, vacancy=vacancy)
            if acting is not st.acting:
                self.dirty_around(oid)

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
        """The obligations of an elective step the line has reached, once."""
        st = self.offices[oid]
        if any(o.step == ref for o in st.obligations):
            return
        new = lines.new_obligations(st, ref, self.instant, self.events)
        if new:
            self.update(oid, obligations=st.obligations + new)

    def unmet(self, reqs: list[Any], pid: str, tenure: Tenure | None) -> Failure | None:
        """The first requirement ``pid`` fails (None when they meet them all)."""
        return lines.unmet(self.inputs(), reqs, pid, tenure)


def _added_removed(old: tuple[Any, ...], new: tuple[Any, ...]) -> tuple[list[Any], list[Any]]:
    """Items of ``new`` not in ``old`` and of ``old`` not in ``new``, by identity."""
    old_ids = {id(x) for x in old}
    new_ids = {id(x) for x in new}
    return [x for x in new if id(x) not in old_ids], [x for x in old if id(x) not in new_ids]


__all__ = ["MAX_EVALUATIONS", "Context", "Locate", "Mapping", "Work"]
