"""The line evaluator: who each step of a line draws on, whether they are
available and eligible, and why not; what a line decides for an office
whose holder is absent or suspended; and the line reports built on it.

The functions here are pure: they read the rules (:class:`Compiled`), the
offices and people as they stand at an instant, and the scenario's facts
about people (:class:`LineInputs`), and change nothing. The engine calls
them to settle each office, and line reports, continuity analyses and
explanations call the same functions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple, Protocol

from ..errors import QueryError, did_you_mean
from ..model.rules import Requirement
from ..model.scenario import Person
from .compiled import Compiled, compile_rules
from .state import (
    Basis,
    Failure,
    Obligation,
    PersonState,
    Skip,
    State,
    StepRef,
    Tenure,
)
from .timeline import Timeline

LineKind = Literal["permanent", "temporary"]


class OfficeView(Protocol):
    """What the evaluator reads of an office: an :class:`OfficeState`, or the
    engine's working slot."""

    @property
    def tracked(self) -> bool: ...
    @property
    def holder(self) -> Any: ...
    @property
    def holder_id(self) -> str | None: ...
    @property
    def acting(self) -> Any: ...
    @property
    def acting_id(self) -> str | None: ...
    @property
    def suspension(self) -> Any: ...
    @property
    def entitled(self) -> Any: ...
    @property
    def elect(self) -> Any: ...
    @property
    def vacancy(self) -> Any: ...
    @property
    def obligations(self) -> tuple[Obligation, ...]: ...


class LineInputs:
    """What the evaluator reads: the rules in force, the offices and people
    as they stand at ``instant``, and the scenario's people (birth dates and
    attributes). (The engine keeps one and moves its instant on.)"""

    __slots__ = ("_ages", "compiled", "facts", "instant", "offices", "people")

    def __init__(
        self,
        compiled: Compiled,
        offices: Mapping[str, Any],
        people: Mapping[str, Any],
        facts: Mapping[str, Person],
        instant: dt.datetime,
    ) -> None:
        self.compiled = compiled
        self.offices = offices
        """Office id → its state (an :class:`OfficeState`, or the engine's working slot)."""
        self.people = people
        """Person id → their state (a :class:`PersonState`, or the engine's working slot)."""
        self.facts = facts
        self.instant = instant
        self._ages: dict[tuple[str, int], dt.datetime | None] = {}

    def of_age(self, pid: str, years: int) -> bool:
        """Whether ``pid`` is at least ``years`` old at the instant (true
        when the scenario gives no birth date)."""
        key = (pid, years)
        at = self._ages.get(key, False)
        if at is False:
            born = self.facts[pid].born
            at = self._ages[key] = (
                None if born is None else dt.datetime.combine(anniversary(born, years), dt.time())
            )
        return at is None or at <= self.instant  # type: ignore[operator]


# --- requirements -------------------------------------------------------------------------------


def age(born: dt.date, instant: dt.datetime) -> int:
    """Age in whole years at an instant."""
    d = instant.date()
    return d.year - born.year - ((d.month, d.day) < (born.month, born.day))


def anniversary(born: dt.date, years: int) -> dt.date:
    """The day someone born on ``born`` turns ``years`` (1 March for 29
    February in a common year)."""
    year = born.year + years
    if year > dt.MAXYEAR:
        return dt.date.max  # never, as far as dates go
    try:
        return born.replace(year=year)
    except ValueError:
        return dt.date(year, 3, 1)


def underlying(basis: Basis) -> Basis:
    """The basis under any confirmations by took_office."""
    while basis.kind == "took_office" and basis.step is None and basis.prior is not None:
        basis = basis.prior
    return basis


def meets(
    req: Requirement,
    person: Person,
    ps: PersonState,
    tenure: Tenure | None,
    instant: dt.datetime,
) -> bool:
    """Whether a person meets a requirement. A fact the scenario does not give
    (no birth date, no attribute) counts as met: the scenario is trusted to
    list what matters. ``tenure`` is how they hold the office the step draws
    on (or the appointment being made), for a requirement of consent."""
    if req.min_age is not None:
        if person.born is None:
            return True
        return age(person.born, instant) >= req.min_age
    if req.not_under_impeachment:
        return not ps.impeached
    if req.confirmed_by is not None:
        if tenure is None:
            return False
        if tenure.confirmed_by is None and underlying(tenure.basis).kind == "initial":
            # a starting holder whose appointment the scenario does not describe
            # (confirming it with took_office does not change that)
            return True
        return tenure.confirmed_by == req.confirmed_by
    value = person.attributes.get(req.attribute or "")
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


def unmet(
    inp: LineInputs,
    reqs: tuple[Requirement, ...] | list[Requirement],
    pid: str,
    tenure: Tenure | None,
) -> Failure | None:
    """The first requirement ``pid`` fails, with what they have instead (None
    when they meet them all)."""
    for req in reqs:
        if req.min_age is not None:
            if inp.of_age(pid, req.min_age):
                continue
        elif not meets(req, inp.facts[pid], inp.people[pid], tenure, inp.instant):
            pass
        else:
            continue
        return Failure(req, _has(req, inp.facts[pid], tenure, inp.instant))
    return None


def _has(req: Requirement, person: Person, tenure: Tenure | None, instant: dt.datetime) -> Any:
    if req.min_age is not None:
        return age(person.born, instant) if person.born is not None else None
    if req.confirmed_by is not None:
        return tenure.confirmed_by if tenure is not None else None
    if req.attribute is not None:
        return person.attributes.get(req.attribute)
    return None


# --- one step ------------------------------------------------------------------------------------


_new = tuple.__new__


def candidate(inp: LineInputs, office: str, ref: StepRef) -> tuple[str | None, Skip | None]:
    """The person a step of ``office``'s line draws on, if they are available
    and eligible; else who is passed over, and why."""
    step = ref.step
    tenure: Tenure | None = None
    source = step.office
    if source is not None:
        src = inp.offices[source]
        if not src.tracked:
            return None, _new(Skip, (ref, None, "unknown_holder", (), None, None, None, None))
        tenure = src.holder
        if tenure is None:
            if step.accept_acting and src.acting is not None:
                tenure = src.acting
            else:
                v = src.vacancy
                entitled = src.entitled
                return None, _new(
                    Skip,
                    (
                        ref,
                        None,
                        "vacant",
                        v.events if v is not None else (),
                        v,
                        entitled.person if entitled is not None else None,
                        None,
                        None,
                    ),
                )
        pid = tenure.person
        if tenure is src.holder and src.suspension is not None:
            sus = src.suspension
            return None, _new(
                Skip,
                (
                    ref,
                    pid,
                    "suspended",
                    (sus.event,) if sus.event else (),
                    None,
                    None,
                    sus.cause,
                    None,
                ),
            )
    else:
        pid = step.person or ""
    ps = inp.people.get(pid)
    if ps is None or not ps.alive:
        return None, _new(Skip, (ref, pid, "dead", (), None, None, None, None))
    if office in ps.declined:
        return None, _new(Skip, (ref, pid, "declined", (), None, None, None, None))
    if inp.offices[office].holder_id == pid:
        return None, _new(Skip, (ref, pid, "already_holder", (), None, None, None, None))
    reqs = ref.requirements
    if reqs:
        failed = unmet(inp, reqs, pid, tenure)
        if failed is not None:
            return None, _new(Skip, (ref, pid, "ineligible", (), None, None, None, failed))
    return pid, None


def serves_in(offices: Mapping[str, OfficeView], tenure: Any, source: str) -> bool:
    """Whether someone holding a role ex officio still holds (or, where the
    step accepts it, acts in) the office the role comes with."""
    src = offices[source]
    if src.holder is not None and src.holder.person == tenure.person:
        return True
    accept = tenure.step is not None and tenure.step.step.accept_acting
    return accept and src.acting is not None and src.acting.person == tenure.person


def still_serving(inp: LineInputs, office: str, acting: Any, kind: str) -> bool:
    """Whether someone acting in ``office`` under a step of its ``kind`` line
    may go on: alive, not declined, still serving in the office the role
    comes with (ex officio), still eligible."""
    ref = acting.step
    if ref is None or ref.line != kind:
        return False
    pid = acting.person
    ps = inp.people[pid]
    if not ps.alive or office in ps.declined:
        return False
    bound = acting.bound_to
    reqs = ref.requirements
    if bound is None:
        if not reqs:
            return True
        # Someone who left their source office was judged on how they held it
        # when the powers devolved (3 U.S.C. §19(e)); that is not re-judged.
        unbound = [r for r in reqs if r.confirmed_by is None]
        return unmet(inp, unbound, pid, None) is None
    src = inp.offices[bound]
    as_holder = src.holder_id == pid and src.suspension is None
    if not as_holder and not (ref.step.accept_acting and src.acting_id == pid):
        return False
    return not reqs or unmet(inp, reqs, pid, src.holder) is None


def yields(acting_ref: StepRef | None, higher: StepRef) -> bool:
    """Whether someone acting under ``acting_ref`` gives way to the person of
    the higher step ``higher`` who has become available."""
    if acting_ref is None:
        return True
    rule = acting_ref.step.yields_to
    if rule == "all":
        return True
    if rule == "none":
        return False
    return higher.step.draws_on in rule


def deadline(instant: dt.datetime, delay: dt.timedelta) -> dt.datetime:
    """``instant`` + ``delay``, or the last instant there is if that is later."""
    try:
        return instant + delay
    except OverflowError:
        return dt.datetime.max


#: The obligation an election or a designation discharges.
DISCHARGES = {"elected": "election", "designated": "designation"}


def new_obligations(
    st: OfficeView, ref: StepRef, instant: dt.datetime, events: tuple[str, ...]
) -> tuple[Obligation, ...]:
    """The obligations a step creates at ``instant``. An obligation runs from
    the vacancy: a later succession in the same vacancy does not add a second
    one of a kind already pending; nor does one arise that the election or
    designation of the office's elect, waiting to take office, discharged."""
    pending = {o.kind for o in st.obligations}
    if st.elect is not None and st.elect.basis.kind in DISCHARGES:
        pending.add(DISCHARGES[st.elect.basis.kind])
    return tuple(
        Obligation(
            ob.kind,
            ob.description,
            deadline(instant, ob.delay),
            instant,
            ob.by,
            ob.citation,
            events,
            ref,
        )
        for ob in ref.step.obligations
        if ob.kind not in pending
    )


# --- a whole line ----------------------------------------------------------------------------------


class Decision(NamedTuple):
    """What an office's line decides while its holder is absent (permanent
    line) or suspended (temporary line)."""

    kind: LineKind
    acting: Tenure | None
    """The person acting now who goes on (None: nobody, or they no longer may)."""
    chosen: tuple[StepRef, str] | None
    """A step whose person comes in at once, and that person."""
    entitled: tuple[StepRef, str] | None
    """A step whose person is entitled once they take office, and that person."""
    skipped: tuple[Skip, ...]
    """Who the line passed over before the step chosen (or the person entitled), or in all."""
    elective: tuple[StepRef, ...]
    """The elective steps the line reached: their obligations arise."""


def decide(inp: LineInputs, office: str) -> Decision:
    """The line's decision for an office whose holder is absent or suspended:
    the first step whose person is available comes in (at once, or once they
    take office); someone acting goes on unless a higher step's person is
    available and their own step gives way to it."""
    st = inp.offices[office]
    kind: LineKind = "permanent" if st.holder is None else "temporary"
    refs = inp.compiled.refs[(office, kind)]
    acting = st.acting
    if acting is not None and not still_serving(inp, office, acting, kind):
        acting = None
    skipped: list[Skip] = []
    elective: list[StepRef] = []
    stop = acting.step.index if acting is not None and acting.step is not None else len(refs)
    for ref in refs[:stop] if stop < len(refs) else refs:
        step = ref.step
        if step.body is not None:
            elective.append(ref)
            skipped.append(
                _new(Skip, (ref, None, "awaiting_designation", (), None, None, None, None))
            )
            continue
        pid, skip = candidate(inp, office, ref)
        if pid is None:
            if skip is not None:
                skipped.append(skip)
            continue
        if acting is not None and not yields(acting.step, ref):
            break
        if step.takes_effect == "on_taking_office":
            return _new(Decision, (kind, acting, None, (ref, pid), tuple(skipped), tuple(elective)))
        return _new(Decision, (kind, acting, (ref, pid), None, tuple(skipped), tuple(elective)))
    return _new(Decision, (kind, acting, None, None, tuple(skipped), tuple(elective)))


# --- line reports ----------------------------------------------------------------------------------

LineStatus = Literal["current", "available", "entitled", "skipped", "awaiting_designation"]


@dataclass(frozen=True, slots=True)
class LineEntry:
    """One step of a line as it stands: the person it draws on and their
    status; for someone passed over, why (``skip``); for someone acting under
    the step now, their reason (``basis``)."""

    step: StepRef
    person: str | None
    status: LineStatus
    skip: Skip | None = None
    basis: Basis | None = None
    nested: tuple[LineEntry, ...] = ()


@dataclass(frozen=True, slots=True)
class LineReport:
    """A line of succession evaluated at an instant."""

    office: str
    kind: Literal["permanent", "temporary"]
    instant: dt.datetime
    holder: str | None
    exercising: str | None
    hypothetical: bool
    entries: tuple[LineEntry, ...]

    @property
    def next_available(self) -> list[str]:
        """People the line would reach, in order (the first one is next)."""
        return [
            e.person
            for e in self.entries
            if e.person and e.status in ("available", "entitled", "current")
        ]

    def waiting(self) -> list[tuple[LineEntry, LineEntry]]:
        """(step, nested entry) pairs: someone entitled to a vacant source
        office who would come in through that step once they take it."""
        out: list[tuple[LineEntry, LineEntry]] = []
        for e in self.entries:
            out.extend((e, n) for n in e.nested if n.status in ("entitled", "available"))
        return out


def inputs_at(timeline: Timeline, at: dt.datetime, compiled: Compiled | None = None) -> LineInputs:
    """The evaluator's inputs at an instant of a timeline (after every event
    at or before it), under the rules in force then."""
    state: State = timeline.state_at(at)
    rules = compiled if compiled is not None else compile_rules(timeline.rules_at(at))
    facts = {p.id: p for p in timeline.scenario.people}
    return LineInputs(rules, state.offices, state.people, facts, state.instant)


def line_report(
    timeline: Timeline,
    office: str,
    at: dt.datetime,
    kind: Literal["permanent", "temporary"] | None = None,
) -> LineReport:
    """Evaluate ``office``'s line at ``at``.

    Without ``kind``: the temporary line while the holder is suspended, else
    the permanent one; when the office is held, the report says who would come
    next if it fell vacant now (``hypothetical``).
    """
    rules = timeline.rules_at(at)
    if office not in rules.offices:
        known = (
            f" under version {rules.version} of the law, in force then" if timeline.versions else ""
        )
        raise QueryError(
            f"unknown office {office!r}{known}",
            hint=did_you_mean(office, rules.offices, what="offices"),
        )
    inp = inputs_at(timeline, at)
    st = inp.offices[office]
    if kind is None:
        kind = "temporary" if st.holder is not None and st.suspension is not None else "permanent"
    entries = _entries(inp, office, kind, depth=0)
    hypothetical = kind == "permanent" and st.holder is not None
    return LineReport(office, kind, at, st.holder_id, st.exercising, hypothetical, entries)


def _entries(inp: LineInputs, office: str, kind: str, depth: int) -> tuple[LineEntry, ...]:
    st = inp.offices[office]
    out: list[LineEntry] = []
    for ref in inp.compiled.refs[(office, kind)]:
        step = ref.step
        if step.body is not None:
            out.append(LineEntry(ref, None, "awaiting_designation"))
            continue
        current = st.acting if st.acting is not None and st.acting.step == ref else None
        pid, skip = candidate(inp, office, ref)
        if current is not None:
            out.append(LineEntry(ref, current.person, "current", basis=current.basis))
            continue
        if pid is not None:
            status: LineStatus = (
                "entitled" if step.takes_effect == "on_taking_office" else "available"
            )
            out.append(LineEntry(ref, pid, status))
            continue
        assert skip is not None
        nested: tuple[LineEntry, ...] = ()
        if skip.reason == "vacant" and step.office is not None and depth < 8:
            nested = _entries(inp, step.office, "permanent", depth + 1)
        out.append(LineEntry(ref, skip.person, "skipped", skip, nested=nested))
    return tuple(out)


__all__ = [
    "DISCHARGES",
    "Decision",
    "LineEntry",
    "LineInputs",
    "LineReport",
    "OfficeView",
    "age",
    "anniversary",
    "candidate",
    "decide",
    "inputs_at",
    "line_report",
    "meets",
    "new_obligations",
    "serves_in",
    "still_serving",
    "underlying",
    "unmet",
    "yields",
]
