"""A plain implementation of the succession rules, without reasons: the speed
floor the engine is measured against, and an independent check of who holds
and who exercises every office.

It reads the validated models (``succession.model.rules.Rules`` and
``succession.model.scenario.Scenario``) and nothing else from ``succession``.
The state is mutable and kept once: a list of offices (holder, acting person,
suspension, entitled person, holder-elect, pending resignation, claimants),
the dead, the impeached and, per person, the offices they declined or
resigned. Each entry re-evaluates the offices marked dirty, from a heap
ordered as the engine orders them (an office after every office its lines
name, ties by id), until none is left; it marks the same offices dirty at the
same points as the engine, so the two resolve competing offices in the same
order. Per timeline entry it records two tuples: the holder and the acting
person of every office (``office_ids`` order). Nothing else is copied per
entry, and no text is built.

What it covers: permanent and temporary lines; ``becomes``/``acts``;
``leaves``/``ex_officio``; ``ipso_facto``/``on_taking_office``;
``accept_acting``; ``yields_to``; elective steps (skipped while the body has
not designated anyone); eligibility by ``min_age`` (re-evaluated on the
birthdays that matter, as scheduled effects), by attribute, by
``confirmed_by`` and by ``not_under_impeachment``; every event type:
resignations on submission, on acceptance by a body, or effective at a later
instant (a scheduled effect), acceptances, rejections and withdrawals;
removals and declared vacancies with the office's recognised causes;
suspensions and reinstatements; elections, appointments and designations
(``takes_office: false`` makes a holder-elect); ``took_office``; declines;
impeachments and acquittals; deaths. When someone reaches a required age,
is impeached or acquitted, the offices they hold, act in, are entitled or
elected to are re-evaluated (with the offices whose lines name those), and
so are the lines that name them in a step. Claims are kept only as the set
of claimants of each office: they never change a holder or an acting person
directly, but a claimant's death re-evaluates the office, as in the engine.

Not covered: dated versions of the law (a scenario naming a jurisdiction),
obligations, the reasons for anything. Events the engine refuses raise
:class:`IllegalEvent` where the check is cheap (a person acting after their
death, a resignation or removal by someone who does not hold the office, a
second pending resignation, a suspension of a suspended holder, ...); an
acceptance, rejection or withdrawal that matches no pending resignation
changes nothing here (the engine refuses some of those).

Entries: a start entry, one entry per batch of simultaneous events (events
joined by ``simultaneous_with``; an event without a time takes the time of
the previous event of its day), an effect entry for each resignation taking
effect at its stated instant, and an effect entry for a birthday that
changes a holder or an acting person. The engine also records a birthday
entry when only something this model does not keep changes (an obligation,
an entitlement), so :func:`first_disagreement` matches birthday entries by
instant and every other entry one to one.

Usage (from the repository root)::

    .venv/bin/python benchmarks/plain_reference.py [SCENARIO ...] [--small]

checks the reference against the engine on every scenario given (default:
the seed and every scenario under ``rules/``, under each reading it names)
and prints the agreement and both times. (``benchmarks/synthetic.py``
checks the reference against the engine on the generated stream as it
writes it.) ``--small`` is accepted for ``run_all.sh`` and changes nothing:
the corpus is small already.
"""

from __future__ import annotations

import argparse
import datetime as dt
import heapq
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]  # the checkout this file is in, before any installed copy

#: A fixpoint that has not settled after this many office evaluations is a rule-file bug.
MAX_EVALUATIONS = 100_000

# requirement kinds
_AGE, _IMPEACHED, _CONFIRMED, _ATTRIBUTE = range(4)
# attribute tests
_TRUTHY, _EQUALS, _AT_LEAST, _ONE_OF = range(4)


class IllegalEvent(Exception):
    """An event that cannot happen in the state it applies to."""


class Unsupported(Exception):
    """A scenario outside what this model covers (dated versions of the law)."""


class PlainEntry(NamedTuple):
    """One timeline entry: when, what, and the holder and acting person of
    every office (in ``PlainReference.office_ids`` order)."""

    instant: dt.datetime
    kind: str
    events: tuple[str, ...]
    holders: tuple[str | None, ...]
    acting: tuple[str | None, ...]


#: builds a PlainEntry without the named tuple's Python-level constructor
_new_entry = tuple.__new__


class _Step:
    """A line step, prepared: where it draws from and what it gives."""

    __slots__ = (
        "accept_acting",
        "becomes",
        "body",
        "draws_on",
        "ex_officio",
        "index",
        "on_taking",
        "permanent",
        "person",
        "reqs",
        "reqs_unbound",
        "source",
        "yields",
    )

    def __init__(self, step: Any, permanent: bool, index: int, source: int | None, reqs: tuple):
        self.permanent = permanent
        self.index = index
        self.source = source
        self.person = step.person
        self.body = step.body
        self.draws_on = step.office or step.person or step.body or ""
        self.becomes = step.mode == "becomes"
        self.ex_officio = step.tenure == "ex_officio"
        self.on_taking = step.takes_effect == "on_taking_office"
        self.accept_acting = bool(step.accept_acting)
        self.yields = step.yields_to if isinstance(step.yields_to, str) else set(step.yields_to)
        self.reqs = reqs
        self.reqs_unbound = tuple(r for r in reqs if r[0] != _CONFIRMED)


class _Seat:
    """Someone holding, or acting in, an office: by which step (None for an
    initial, elected, appointed or designated holder), bound to which office
    (ex officio), with whose consent, and whether it is the starting holder's
    tenure (which counts as confirmed whatever it is confirmed by later)."""

    __slots__ = ("bound", "confirmed", "initial", "person", "step")

    def __init__(
        self,
        person: str,
        step: _Step | None,
        bound: int | None,
        confirmed: str | None = None,
        initial: bool = False,
    ):
        self.person = person
        self.step = step
        self.bound = bound
        self.confirmed = confirmed
        self.initial = initial


class _Office:
    """One office, mutable."""

    __slots__ = ("acting", "claims", "elect", "ent", "ent_step", "holder", "pending", "suspended")

    def __init__(self) -> None:
        self.holder: _Seat | None = None
        self.acting: _Seat | None = None
        self.suspended: str | None = None
        self.ent: str | None = None
        self.ent_step: _Step | None = None
        self.elect: str | None = None
        #: (person, event id, effective at or None, body awaited or None)
        self.pending: tuple[str, str, dt.datetime | None, str | None] | None = None
        self.claims: list[str] | None = None


def _requirement(req: Any) -> tuple | None:
    """A requirement as a tuple; None for one that always holds."""
    if req.min_age is not None:
        return (_AGE, req.min_age)
    if req.not_under_impeachment:
        return (_IMPEACHED,)
    if req.confirmed_by is not None:
        return (_CONFIRMED, req.confirmed_by)
    if req.attribute is None:
        return None
    if req.equals is not None:
        return (_ATTRIBUTE, req.attribute, _EQUALS, req.equals)
    if req.at_least is not None:
        return (_ATTRIBUTE, req.attribute, _AT_LEAST, req.at_least)
    if req.one_of is not None:
        return (_ATTRIBUTE, req.attribute, _ONE_OF, list(req.one_of))
    return (_ATTRIBUTE, req.attribute, _TRUTHY, None)


def _requirements(reqs: Iterable[Any]) -> tuple:
    return tuple(t for t in (_requirement(r) for r in reqs) if t is not None)


def _anniversary(born: dt.date, years: int) -> dt.date:
    """The day someone born on ``born`` turns ``years`` (1 March for 29 February)."""
    try:
        return born.replace(year=born.year + years)
    except ValueError:
        return dt.date(born.year + years, 3, 1)


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day)


class PlainReference:
    """The rules applied to a mutable state, entry by entry.

    ``run()`` yields the entries of a whole scenario. For building a scenario
    event by event: ``start()``, then for each batch ``due(instant)`` (the
    scheduled effects up to that instant), ``begin(instant)``, ``event(ev)``
    for each event of the batch (the state in between is the engine's state
    between the events of one batch), ``finish(event_ids)``; ``drain()`` at
    the end.
    """

    def __init__(self, rules: Any, scenario: Any, versions: Sequence[Any] = ()) -> None:
        if scenario.jurisdiction is not None or any(
            v.valid_from > rules.valid_from for v in versions
        ):
            raise Unsupported("dated versions of the law are not covered")
        self.scenario = scenario
        offices = rules.offices
        names = list(offices)
        # rank: an office comes after every office its lines name; ties by id
        refs = {
            oid: [
                s.office
                for kind in ("permanent", "temporary")
                for s in (offices[oid].line(kind).steps if offices[oid].line(kind) else ())
                if s.office is not None and s.office in offices
            ]
            for oid in names
        }
        rank: dict[str, int] = {}

        def visit(oid: str, trail: frozenset[str]) -> int:
            if oid not in rank:
                below = [visit(n, trail | {oid}) for n in refs[oid] if n not in trail]
                rank[oid] = 1 + max(below, default=-1)
            return rank[oid]

        for oid in names:
            visit(oid, frozenset())
        self.office_ids: list[str] = sorted(names, key=lambda o: (rank[o], o))
        index = {oid: i for i, oid in enumerate(self.office_ids)}
        self.index = index
        n = len(names)
        deps: list[set[int]] = [set() for _ in range(n)]
        for oid in names:
            for src in refs[oid]:
                deps[index[src]].add(index[oid])
        self.deps: list[tuple[int, ...]] = [tuple(sorted(d)) for d in deps]
        #: for each person a step names, the offices whose lines name them
        named: dict[str, set[int]] = {}
        for oid in names:
            for kind in ("permanent", "temporary"):
                line = offices[oid].line(kind)
                for s in line.steps if line is not None else ():
                    if s.person is not None:
                        named.setdefault(s.person, set()).add(index[oid])
        self.named: dict[str, tuple[int, ...]] = {p: tuple(sorted(o)) for p, o in named.items()}
        self.perm_causes: list[frozenset[str]] = [frozenset()] * n
        self.temp_causes: list[frozenset[str]] = [frozenset()] * n
        self.resign_awaits: list[str | None] = [None] * n
        self.lines: list[tuple[tuple[_Step, ...], tuple[_Step, ...]]] = [((), ())] * n
        self.office_reqs: list[tuple] = [()] * n
        self.body_reqs: dict[tuple[int, str | None], tuple] = {}
        ages: set[int] = set()
        for oid in names:
            i = index[oid]
            office = offices[oid]
            self.perm_causes[i] = frozenset(office.causes.permanent)
            self.temp_causes[i] = frozenset(office.causes.temporary)
            rule = office.resignation
            if rule is not None and rule.effective == "on_acceptance":
                self.resign_awaits[i] = rule.accepted_by
            own = _requirements(office.eligibility)
            self.office_reqs[i] = own
            ages.update(r.min_age for r in office.eligibility if r.min_age is not None)
            both = []
            for kind in ("permanent", "temporary"):
                line = office.line(kind)
                steps = line.steps if line is not None else []
                both.append(
                    tuple(
                        _Step(
                            s,
                            kind == "permanent",
                            k,
                            index[s.office] if s.office is not None else None,
                            own + _requirements(s.eligibility),
                        )
                        for k, s in enumerate(steps)
                    )
                )
                ages.update(
                    r.min_age for s in steps for r in s.eligibility if r.min_age is not None
                )
                if kind == "permanent":
                    for s in steps:
                        if s.body is not None:
                            key = (i, s.body)
                            self.body_reqs[key] = self.body_reqs.get(key, own) + _requirements(
                                s.eligibility
                            )
            self.lines[i] = (both[0], both[1])
        self.ages = sorted(ages)
        self.people = {p.id: p for p in scenario.people}
        self.attributes = {pid: p.attributes for pid, p in self.people.items()}
        #: per person, the instant they reach each required age (none without a birth date)
        self.age_at: dict[str, dict[int, dt.datetime] | None] = {
            pid: (
                {a: _midnight(_anniversary(p.born, a)) for a in self.ages}
                if p.born is not None
                else None
            )
            for pid, p in self.people.items()
        }
        self.offices = [_Office() for _ in range(n)]
        self.tracked = [False] * n
        self.holder_ids: list[str | None] = [None] * n
        self.acting_ids: list[str | None] = [None] * n
        self.dead: set[str] = set()
        self.impeached: set[str] = set()
        self.declined: dict[str, set[int]] = {}
        self.claimed: set[int] = set()
        self.scheduled: list[tuple[dt.datetime, int, int, str, str]] = []
        self.seq = 0
        self.heap: list[int] = []
        self.queued: set[int] = set()
        self.instant = _midnight(scenario.start)
        self.moves = 0
        self.handlers = {
            "death": self.ev_death,
            "resignation": self.ev_resignation,
            "resignation_accepted": self.ev_resignation_accepted,
            "resignation_rejected": self.ev_end_pending,
            "resignation_withdrawn": self.ev_end_pending,
            "removal": self.ev_removal,
            "vacancy_declared": self.ev_vacancy_declared,
            "suspension": self.ev_suspension,
            "reinstatement": self.ev_reinstatement,
            "took_office": self.ev_took_office,
            "appointed": self.ev_install,
            "elected": self.ev_install,
            "designated": self.ev_install,
            "declines": self.ev_declines,
            "impeached": self.ev_impeached,
            "acquitted": self.ev_acquitted,
        }

    # -- entries ---------------------------------------------------------------------------

    def entry(self, kind: str, events: tuple[str, ...]) -> PlainEntry:
        return _new_entry(
            PlainEntry,
            (self.instant, kind, events, tuple(self.holder_ids), tuple(self.acting_ids)),
        )

    def run(self) -> Iterator[PlainEntry]:
        """Every entry of the scenario, in order (``due``, ``begin``, ``event``
        and ``finish`` inlined)."""
        yield self.start()
        scheduled = self.scheduled
        handlers = self.handlers
        pop = heapq.heappop
        settle = self.settle
        holder_ids = self.holder_ids
        acting_ids = self.acting_ids
        for instant, batch in batches(self.scenario.events):
            while scheduled and scheduled[0][0] <= instant:
                entry = self.fire(pop(scheduled))
                if entry is not None:
                    yield entry
            self.instant = instant
            for ev in batch:
                handlers[ev.type](ev)
            settle()
            yield _new_entry(
                PlainEntry,
                (
                    instant,
                    "event",
                    (batch[0].id,) if len(batch) == 1 else tuple([ev.id for ev in batch]),
                    tuple(holder_ids),
                    tuple(acting_ids),
                ),
            )
        yield from self.drain()

    def start(self) -> PlainEntry:
        """The starting holders, settled; birthdays scheduled."""
        start = self.instant
        holders = self.scenario.holders
        for oid, i in self.index.items():
            spec = holders.get(oid)
            if spec is None or spec.unknown:
                continue
            self.tracked[i] = True
            st = self.offices[i]
            if spec.person is not None:
                self.set_holder(i, _Seat(spec.person, None, None, spec.confirmed_by, True))
                st.suspended = spec.suspended
            self.dirty(i)
        self.settle()
        for pid, at in self.age_at.items():
            if at is None:
                continue
            for age in self.ages:
                if at[age] > start:
                    self.seq += 1
                    heapq.heappush(self.scheduled, (at[age], self.seq, -1, "", pid))
        return self.entry("start", ())

    def due(self, instant: dt.datetime) -> Iterator[PlainEntry]:
        """The scheduled effects due at or before ``instant`` that change something."""
        scheduled = self.scheduled
        while scheduled and scheduled[0][0] <= instant:
            entry = self.fire(heapq.heappop(scheduled))
            if entry is not None:
                yield entry

    def drain(self) -> Iterator[PlainEntry]:
        """Every scheduled effect left."""
        scheduled = self.scheduled
        while scheduled:
            entry = self.fire(heapq.heappop(scheduled))
            if entry is not None:
                yield entry

    def fire(self, item: tuple[dt.datetime, int, int, str, str]) -> PlainEntry | None:
        at, _, i, event, person = item
        self.instant = at
        if person:
            before = self.moves
            self.touch_person(person)
            self.settle()
            return self.entry("effect", ()) if self.moves != before else None
        pending = self.offices[i].pending
        if pending is None or pending[1] != event or pending[3] is not None:
            return None  # withdrawn, overtaken, or still awaiting acceptance
        self.vacate(i, True)
        self.settle()
        return self.entry("effect", (event,))

    def begin(self, instant: dt.datetime) -> None:
        """Start a batch of simultaneous events at ``instant``."""
        self.instant = instant

    def event(self, ev: Any) -> None:
        """Apply one event of the batch (the offices are re-evaluated at ``finish``)."""
        self.handlers[ev.type](ev)

    def finish(self, events: tuple[str, ...]) -> PlainEntry:
        """Re-evaluate to a fixpoint; the batch's entry."""
        self.settle()
        return self.entry("event", events)

    def schedule(self, instant: dt.datetime, i: int, event: str) -> None:
        self.seq += 1
        heapq.heappush(self.scheduled, (instant, self.seq, i, event, ""))

    # -- small helpers ---------------------------------------------------------------------

    def set_holder(self, i: int, seat: _Seat | None) -> None:
        self.offices[i].holder = seat
        pid = seat.person if seat is not None else None
        if self.holder_ids[i] != pid:
            self.holder_ids[i] = pid
            self.moves += 1

    def set_acting(self, i: int, seat: _Seat | None) -> None:
        self.offices[i].acting = seat
        pid = seat.person if seat is not None else None
        if self.acting_ids[i] != pid:
            self.acting_ids[i] = pid
            self.moves += 1

    def dirty(self, i: int) -> None:
        if i not in self.queued:
            self.queued.add(i)
            heapq.heappush(self.heap, i)

    def dirty_around(self, i: int) -> None:
        queued = self.queued
        heap = self.heap
        if i not in queued:
            queued.add(i)
            heapq.heappush(heap, i)
        for d in self.deps[i]:
            if d not in queued:
                queued.add(d)
                heapq.heappush(heap, d)

    def touch_person(self, pid: str) -> None:
        for i, st in enumerate(self.offices):
            if (
                self.holder_ids[i] == pid
                or self.acting_ids[i] == pid
                or st.ent == pid
                or st.elect == pid
            ):
                self.dirty_around(i)
        for i in self.named.get(pid, ()):
            self.dirty(i)  # a line that names the person in a step

    def decline(self, pid: str, i: int) -> None:
        found = self.declined.get(pid)
        if found is None:
            self.declined[pid] = {i}
        else:
            found.add(i)

    def alive(self, pid: str) -> None:
        if pid in self.dead or pid not in self.people:
            raise IllegalEvent(f"{pid} is dead or unknown")

    def holder_is(self, i: int, pid: str) -> _Office:
        if self.holder_ids[i] != pid:
            raise IllegalEvent(f"{pid} does not hold {self.office_ids[i]}")
        return self.offices[i]

    def claim(self, i: int, pid: str) -> None:
        st = self.offices[i]
        if st.claims is None:
            st.claims = [pid]
            self.claimed.add(i)
        elif pid not in st.claims:
            st.claims.append(pid)

    def drop_claim(self, i: int, pid: str) -> bool:
        claims = self.offices[i].claims
        if claims is None or pid not in claims:
            return False
        claims.remove(pid)
        if not claims:
            self.offices[i].claims = None
            self.claimed.discard(i)
        return True

    def eligible(self, reqs: tuple, pid: str, tenure: _Seat | None) -> bool:
        for req in reqs:
            kind = req[0]
            if kind == _AGE:
                at = self.age_at[pid]
                if at is not None and self.instant < at[req[1]]:
                    return False
            elif kind == _IMPEACHED:
                if pid in self.impeached:
                    return False
            elif kind == _CONFIRMED:
                if tenure is None:
                    return False
                if tenure.confirmed is None and tenure.initial:
                    continue
                if tenure.confirmed != req[1]:
                    return False
            else:
                value = self.attributes[pid].get(req[1])
                if value is None:
                    continue
                test = req[2]
                if test == _EQUALS:
                    if value != req[3]:
                        return False
                elif test == _AT_LEAST:
                    if (
                        not isinstance(value, int | float)
                        or isinstance(value, bool)
                        or value < req[3]
                    ):
                        return False
                elif test == _ONE_OF:
                    if value not in req[3]:
                        return False
                elif not value:
                    return False
        return True

    # -- the fixpoint ----------------------------------------------------------------------

    def settle(self) -> None:
        heap = self.heap
        pop = heapq.heappop
        discard = self.queued.discard
        resolve = self.resolve
        offices = self.offices
        count = 0
        while heap:
            i = pop(heap)
            discard(i)
            count += 1
            if count > MAX_EVALUATIONS:
                raise RuntimeError("the rules do not settle")
            st = offices[i]
            h = st.holder
            if (
                h is not None
                and h.bound is None
                and st.suspended is None
                and st.acting is None
                and st.ent is None
            ):
                continue  # held in person and exercised by the holder: nothing to do
            resolve(i)
        if self.claimed:
            # a claim ends when the claimant holds the office in law
            for i in list(self.claimed):
                h = self.holder_ids[i]
                if h is not None:
                    self.drop_claim(i, h)

    def resolve(self, i: int) -> None:
        if not self.tracked[i]:
            return
        st = self.offices[i]
        h = st.holder
        if h is not None and h.bound is not None and not self.serves_in(h, h.bound):
            self.vacate(i, False)
            h = None
        if h is not None and st.suspended is None:
            if st.acting is not None or st.ent is not None:
                self.set_acting(i, None)
                st.ent = st.ent_step = None
            return
        permanent = h is None
        steps = self.lines[i][0 if permanent else 1]
        acting = st.acting
        if acting is not None and not self.still_valid(acting, permanent, i):
            acting = None
        stop = acting.step.index if acting is not None and acting.step is not None else len(steps)
        ent: str | None = None
        ent_step: _Step | None = None
        for k in range(stop):
            step = steps[k]
            if step.body is not None:
                continue  # awaiting designation by the body
            pid = self.candidate(i, step)
            if pid is None:
                continue
            if acting is not None:
                rule = acting.step.yields if acting.step is not None else "all"
                if rule != "all" and (rule == "none" or step.draws_on not in rule):
                    break
            if step.on_taking:
                ent, ent_step = pid, step
                break
            self.assign(i, step, pid)
            return
        if acting is not st.acting:
            self.set_acting(i, acting)
            st.ent, st.ent_step = ent, ent_step
            self.dirty_around(i)
        elif ent != st.ent or ent_step is not st.ent_step:
            st.ent, st.ent_step = ent, ent_step

    def serves_in(self, seat: _Seat, source: int) -> bool:
        if self.holder_ids[source] == seat.person:
            return True
        accept = seat.step is not None and seat.step.accept_acting
        return accept and self.acting_ids[source] == seat.person

    def candidate(self, i: int, step: _Step) -> str | None:
        tenure: _Seat | None = None
        src_i = step.source
        if src_i is not None:
            if not self.tracked[src_i]:
                return None
            src = self.offices[src_i]
            tenure = src.holder
            if tenure is None:
                if step.accept_acting and src.acting is not None:
                    tenure = src.acting
                else:
                    return None
            elif src.suspended is not None:
                return None
            pid = tenure.person
        else:
            pid = step.person or ""
        if pid in self.dead or pid not in self.people:
            return None
        declined = self.declined.get(pid)
        if declined is not None and i in declined:
            return None
        if self.holder_ids[i] == pid:
            return None
        if step.reqs and not self.eligible(step.reqs, pid, tenure):
            return None
        return pid

    def still_valid(self, acting: _Seat, permanent: bool, i: int) -> bool:
        step = acting.step
        if step is None or step.permanent != permanent:
            return False
        pid = acting.person
        if pid in self.dead:
            return False
        declined = self.declined.get(pid)
        if declined is not None and i in declined:
            return False
        src_i = acting.bound
        if src_i is None:
            # judged on how they held the source office when the powers devolved
            return self.eligible(step.reqs_unbound, pid, None)
        src = self.offices[src_i]
        as_holder = self.holder_ids[src_i] == pid and src.suspended is None
        as_acting = step.accept_acting and self.acting_ids[src_i] == pid
        if not (as_holder or as_acting):
            return False
        return self.eligible(step.reqs, pid, src.holder)

    def assign(self, i: int, step: _Step, pid: str) -> None:
        """Apply a line step to ``pid``: holder or acting, leaving or ex officio."""
        source = step.source
        seat = _Seat(pid, step, source if step.ex_officio else None)
        st = self.offices[i]
        if step.becomes and st.holder is None:
            self.set_holder(i, seat)
            self.set_acting(i, None)
        else:
            self.set_acting(i, seat)
        st.ent = st.ent_step = None
        if source is not None and not step.ex_officio:
            # leaving the source office (held or acted in), and the office that
            # role was held ex officio of, and so on
            current: int | None = source
            seen: set[int] = set()
            while current is not None and current not in seen:
                seen.add(current)
                if self.holder_ids[current] == pid:
                    held = self.offices[current].holder
                    self.vacate(current, False)
                    current = held.bound if held is not None else None
                elif self.acting_ids[current] == pid:
                    acted = self.offices[current].acting
                    self.set_acting(current, None)
                    self.dirty_around(current)
                    current = acted.bound if acted is not None else None
                else:
                    break
        self.dirty_around(i)

    def vacate(self, i: int, resigned: bool) -> None:
        """The holder leaves; ``resigned``: by their own resignation (they are
        not offered the office again by its line)."""
        st = self.offices[i]
        h = st.holder
        if h is None:
            return
        if resigned:
            self.decline(h.person, i)
        acting = st.acting
        if acting is not None and acting.step is not None and not acting.step.permanent:
            acting = None  # a temporary arrangement ends with the holder's tenure
        self.set_holder(i, None)
        self.set_acting(i, acting)
        st.suspended = None
        st.pending = None
        st.ent = st.ent_step = None
        self.dirty_around(i)

    def install(self, i: int, pid: str, confirmed: str | None) -> None:
        """Make ``pid`` holder by election, appointment, designation or as
        holder-elect: they leave any other office; the previous holder's tenure ends."""
        if pid in self.holder_ids or pid in self.acting_ids:
            for j in range(len(self.offices)):
                if j == i:
                    continue
                if self.holder_ids[j] == pid:
                    self.vacate(j, False)
                elif self.acting_ids[j] == pid:
                    self.set_acting(j, None)
                    self.dirty_around(j)
        st = self.offices[i]
        self.set_holder(i, _Seat(pid, None, None, confirmed))
        self.set_acting(i, None)
        st.suspended = None
        st.ent = st.ent_step = None
        st.elect = None
        self.tracked[i] = True
        st.pending = None
        if st.claims is not None:
            st.claims = None
            self.claimed.discard(i)
        self.dirty_around(i)

    # -- events ----------------------------------------------------------------------------

    def ev_death(self, ev: Any) -> None:
        pid = ev.person
        self.alive(pid)
        self.dead.add(pid)
        for i, st in enumerate(self.offices):
            if self.holder_ids[i] == pid:
                self.vacate(i, False)
            changed = False
            if self.acting_ids[i] == pid:
                self.set_acting(i, None)
                changed = True
            if st.ent == pid:
                st.ent = st.ent_step = None
                changed = True
            if st.elect == pid:
                st.elect = None
                changed = True
            if self.drop_claim(i, pid):
                changed = True
            if changed:
                self.dirty_around(i)

    def ev_resignation(self, ev: Any) -> None:
        pid = ev.person
        i = self.index[ev.office]
        self.alive(pid)
        st = self.offices[i]
        if self.holder_ids[i] == pid:
            if "resignation" not in self.perm_causes[i]:
                return  # the office does not recognise resignation
            if st.pending is not None:
                raise IllegalEvent(f"{pid}'s resignation is already pending")
            awaiting = self.resign_awaits[i]
            eff = ev.effective_at
            later = eff if eff is not None and eff > self.instant else None
            if awaiting is None and later is None:
                self.vacate(i, True)
                return
            st.pending = (pid, ev.id, later, awaiting)
            if later is not None and awaiting is None:
                self.schedule(later, i, ev.id)
            return
        if self.acting_ids[i] == pid:
            self.decline(pid, i)
            self.set_acting(i, None)
            self.dirty_around(i)
            return
        claimed = self.drop_claim(i, pid)
        if st.ent == pid or st.elect == pid:
            self.ev_declines(ev)  # renouncing an office one is entitled to is declining it
            return
        if not claimed:
            raise IllegalEvent(f"{pid} cannot resign {ev.office}")

    def ev_resignation_accepted(self, ev: Any) -> None:
        i = self.index[ev.office]
        st = self.offices[i]
        pending = st.pending
        if (
            pending is None
            or pending[0] != ev.person
            or (ev.resignation is not None and ev.resignation != pending[1])
        ):
            return
        awaiting = pending[3]
        if awaiting is None or (ev.by is not None and ev.by != awaiting):
            return
        later = pending[2]
        if later is not None and later > self.instant:
            st.pending = (pending[0], pending[1], later, None)
            self.schedule(later, i, pending[1])
            return
        self.vacate(i, True)

    def ev_end_pending(self, ev: Any) -> None:
        st = self.offices[self.index[ev.office]]
        pending = st.pending
        if (
            pending is not None
            and pending[0] == ev.person
            and (ev.resignation is None or ev.resignation == pending[1])
        ):
            st.pending = None

    def _vacate_for(self, ev: Any, i: int, cause: str) -> None:
        if cause in self.perm_causes[i]:
            self.vacate(i, False)

    def ev_removal(self, ev: Any) -> None:
        pid = ev.person
        i = self.index[ev.office]
        self.alive(pid)
        self.holder_is(i, pid)
        self._vacate_for(ev, i, ev.cause or "removal")

    def ev_vacancy_declared(self, ev: Any) -> None:
        i = self.index[ev.office]
        if self.holder_ids[i] is None:
            raise IllegalEvent(f"{ev.office} is already vacant")
        if ev.person is not None:
            self.holder_is(i, ev.person)
        self._vacate_for(ev, i, ev.cause or "declared_vacancy")

    def ev_suspension(self, ev: Any) -> None:
        pid = ev.person
        i = self.index[ev.office]
        self.alive(pid)
        st = self.holder_is(i, pid)
        if st.suspended is not None:
            raise IllegalEvent(f"{pid} is already suspended")
        cause = ev.cause or "other"
        if cause == "impeachment":
            self.impeached.add(pid)
            self.touch_person(pid)
        if cause not in self.temp_causes[i]:
            return  # not a temporary cause here: the holder keeps exercising the office
        st.suspended = cause
        self.dirty_around(i)

    def ev_reinstatement(self, ev: Any) -> None:
        pid = ev.person
        i = self.index[ev.office]
        self.alive(pid)
        st = self.holder_is(i, pid)
        if st.suspended is None:
            raise IllegalEvent(f"{pid} is not suspended")
        if st.suspended == "impeachment":
            self.impeached.discard(pid)
            self.touch_person(pid)
        st.suspended = None
        self.dirty_around(i)

    def ev_impeached(self, ev: Any) -> None:
        self.alive(ev.person)
        self.impeached.add(ev.person)
        self.touch_person(ev.person)

    def ev_acquitted(self, ev: Any) -> None:
        self.alive(ev.person)
        self.impeached.discard(ev.person)
        self.touch_person(ev.person)

    def ev_declines(self, ev: Any) -> None:
        pid = ev.person
        i = self.index[ev.office]
        self.alive(pid)
        if self.holder_ids[i] == pid:
            raise IllegalEvent(f"{pid} already holds {ev.office}")
        self.decline(pid, i)
        st = self.offices[i]
        if st.ent == pid:
            st.ent = st.ent_step = None
        if st.elect == pid:
            st.elect = None
        if self.acting_ids[i] == pid:
            self.set_acting(i, None)
        self.dirty_around(i)

    def ev_took_office(self, ev: Any) -> None:
        pid = ev.person
        i = self.index[ev.office]
        self.alive(pid)
        st = self.offices[i]
        if ev.role == "acting":
            if self.acting_ids[i] == pid:
                return  # already theirs
            if st.ent != pid:
                self.claim(i, pid)
                return
        if self.holder_ids[i] == pid:
            # confirms a tenure (a starting holder's still counts as confirmed);
            # a holder-elect begins the new term
            if st.elect == pid:
                st.elect = None
            return
        if st.elect == pid:
            self.install(i, pid, None)
            return
        if st.ent == pid and st.ent_step is not None:
            self.assign(i, st.ent_step, pid)
            return
        self.claim(i, pid)

    def ev_install(self, ev: Any) -> None:
        pid = ev.person
        i = self.index[ev.office]
        self.alive(pid)
        reqs = self.body_reqs.get((i, ev.by), self.office_reqs[i]) if ev.by else self.office_reqs[i]
        # the appointment itself, as the event gives it, for a requirement of consent
        if reqs and not self.eligible(reqs, pid, _Seat(pid, None, None, ev.confirmed_by)):
            self.claim(i, pid)
            return
        held = self.holder_ids[i]
        if ev.type == "designated" and ev.takes_office and held is not None and held != pid:
            self.claim(i, pid)  # a designation fills a vacancy; it does not end a tenure
            return
        if not ev.takes_office:
            self.offices[i].elect = pid
            return
        self.install(i, pid, ev.confirmed_by)


def batches(events: Iterable[Any]) -> Iterator[tuple[dt.datetime, list[Any]]]:
    """Events grouped into simultaneous batches, each with its instant: an
    event with ``simultaneous_with`` joins the batch before it; an event
    without a time happens at the time of the previous event of its day
    (midnight if it is the first)."""
    batch: list[Any] = []
    instant: dt.datetime | None = None
    last: dt.datetime | None = None
    for ev in events:
        if ev.time is not None:
            at = dt.datetime.combine(ev.date, ev.time)
        elif last is not None and last.date() == ev.date:
            at = last
        else:
            at = _midnight(ev.date)
        last = at
        if batch and ev.simultaneous_with is not None:
            batch.append(ev)
            continue
        if batch and instant is not None:
            yield instant, batch
        batch, instant = [ev], at
    if batch and instant is not None:
        yield instant, batch


def run(rules: Any, scenario: Any) -> list[PlainEntry]:
    """Every entry of ``scenario`` under ``rules``."""
    return list(PlainReference(rules, scenario).run())


# --- agreement with the engine ------------------------------------------------------------


def _is_birthday(kind: str, events: tuple[str, ...]) -> bool:
    return kind == "effect" and not events


def engine_states(timeline: Any, office_ids: Sequence[str]) -> list[tuple[Any, ...]]:
    """(instant, kind, events, holders, acting) of every engine entry, through
    the public Timeline and OfficeState attributes."""
    out = []
    for e in timeline.entries:
        offices = e.state.offices
        sts = [offices[o] for o in office_ids]
        out.append(
            (
                e.instant,
                e.kind,
                tuple(e.events),
                tuple(s.holder_id for s in sts),
                tuple(s.acting_id for s in sts),
            )
        )
    return out


def first_disagreement(
    timeline: Any, plain: Sequence[PlainEntry], office_ids: Sequence[str]
) -> str | None:
    """None when the engine's timeline and the plain reference's entries agree
    on every holder and acting person; else the first disagreement, described.

    Entries are matched one to one (same instant, kind and events), except
    birthday effects (kind ``effect`` without events), which are compared by
    instant: at each such instant, the state in force on each side after its
    birthday entries of that instant.
    """
    eng = engine_states(timeline, office_ids)
    pla = [tuple(p) for p in plain]
    i = j = 0
    last_e: tuple[Any, ...] | None = None
    last_p: tuple[Any, ...] | None = None

    def describe(at: Any, what: str, e: tuple[Any, ...] | None, p: tuple[Any, ...] | None) -> str:
        if e is None or p is None:
            return f"{at}: {what}: engine {e and e[:3]} vs plain reference {p and p[:3]}"
        for k, oid in enumerate(office_ids):
            if e[3][k] != p[3][k] or e[4][k] != p[4][k]:
                return (
                    f"{at} ({what}), office {oid}: engine holder {e[3][k]}, acting {e[4][k]}; "
                    f"plain reference holder {p[3][k]}, acting {p[4][k]}"
                )
        return f"{at} ({what}): no difference"  # pragma: no cover

    while i < len(eng) or j < len(pla):
        seg_e: list[tuple[Any, ...]] = []
        while i < len(eng) and _is_birthday(eng[i][1], eng[i][2]):
            seg_e.append(eng[i])
            i += 1
        seg_p: list[tuple[Any, ...]] = []
        while j < len(pla) and _is_birthday(pla[j][1], pla[j][2]):
            seg_p.append(pla[j])
            j += 1
        if seg_e or seg_p:
            ke = kp = 0
            for at in sorted({x[0] for x in seg_e} | {x[0] for x in seg_p}):
                while ke < len(seg_e) and seg_e[ke][0] <= at:
                    last_e = seg_e[ke]
                    ke += 1
                while kp < len(seg_p) and seg_p[kp][0] <= at:
                    last_p = seg_p[kp]
                    kp += 1
                if last_e is None or last_p is None or last_e[3:] != last_p[3:]:
                    return describe(at, "birthday effects", last_e, last_p)
        if i == len(eng) and j == len(pla):
            break
        e = eng[i] if i < len(eng) else None
        p = pla[j] if j < len(pla) else None
        if e is None or p is None or e[:3] != p[:3]:
            where = e[0] if e is not None else p[0] if p is not None else "?"
            return describe(where, f"entry {i} of the engine, {j} of the plain reference", e, p)
        if e[3:] != p[3:]:
            return describe(e[0], f"entry {i}, {e[1]} {', '.join(e[2])}".rstrip(), e, p)
        last_e, last_p = e, p
        i += 1
        j += 1
    return None


# --- the command line ---------------------------------------------------------------------


def _scenario_files() -> list[Path]:
    return [ROOT / "seeds" / "bolivia-2019.yaml", *sorted(ROOT.glob("rules/*/scenarios/*.yaml"))]


def check_file(path: Path) -> list[tuple[str, str, float, float, int]]:
    """(reading, verdict, engine s, plain s, events) for the scenario under each of its readings."""
    from succession.engine import simulate
    from succession.load import load_scenario

    loaded = load_scenario(path)
    out = []
    for name in ["base", *loaded.readings]:
        rules = loaded.reading(name).rules
        scenario = loaded.scenario
        try:
            plain = PlainReference(rules, scenario)
        except Unsupported as exc:
            out.append((name, f"skipped ({exc})", 0.0, 0.0, len(scenario.events)))
            continue
        t0 = time.perf_counter()
        timeline = simulate(rules, scenario)
        t1 = time.perf_counter()
        entries = list(plain.run())
        t2 = time.perf_counter()
        bad = first_disagreement(timeline, entries, plain.office_ids)
        verdict = "OK" if bad is None else f"DISAGREE: {bad}"
        out.append((name, verdict, t1 - t0, t2 - t1, len(scenario.events)))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "scenarios", nargs="*", type=Path, help="default: the seed and rules/*/scenarios"
    )
    ap.add_argument(
        "--small", action="store_true", help="accepted for run_all.sh; the corpus is small already"
    )
    args = ap.parse_args(argv)
    files = args.scenarios or _scenario_files()
    failed = 0
    for path in files:
        for name, verdict, te, tp, n in check_file(path):
            try:
                shown = path.resolve().relative_to(ROOT)
            except ValueError:
                shown = path
            print(
                f"{verdict}  {shown} [{name}] {n} events; "
                f"engine {te * 1000:.1f} ms, plain reference {tp * 1000:.1f} ms"
            )
            failed += verdict.startswith("DISAGREE")
    print(f"{len(files)} files; {failed} disagreement(s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
