"""A small, independent reference model of the succession semantics.

It works on the plain YAML-ready dicts the strategies generate (not on the
pydantic models, and never on ``succession``'s code) and is written as a
naive global loop rather than a work queue::

    repeat until nothing changes:
        for each office, in dependency order (an office after every office
        its lines name; ties by id, whatever the order of the file):
            evaluate it; if that changed anything, start again from the first

What it covers, and the rules it follows (each is the engine's documented
behaviour, written down again here without looking at how the engine does it):

* **Lines.** Permanent lines, and temporary lines while a holder is
  suspended. A step draws on the holder of an office (or, with
  ``accept_acting``, on the person acting in it while it is vacant), on a
  named person, or on a designation by a body (an *elective* step: it is
  passed over while the line waits, and it creates its obligations the first
  time it is reached). ``becomes`` vs ``acts``; ``leaves`` (the successor
  leaves the office they came from, held or acted in, and the office that
  role was held ex officio of, and so on) vs ``ex_officio`` (they serve only while they keep the
  source office); ``ipso_facto`` vs ``on_taking_office`` (the person is
  entitled until a ``took_office`` event). ``yields_to`` (all, none, or a
  list of earlier steps): an acting person gives way to a higher step's
  person only where their own step says so.
* **Who is passed over.** The source office is not recorded, vacant, or its
  holder suspended; the person is dead, declined (or resigned) this office,
  already holds it, or fails a requirement: ``min_age`` (met when the birth
  date is not given; lines are looked at again at midnight on the
  anniversaries that matter, 29 February falling on 1 March in common
  years), person attributes (met when not given), ``not_under_impeachment``,
  and ``confirmed_by`` (the source office's holder was appointed with that
  body's consent; a starting holder with no consent given counts as
  confirmed, until a new term by election; someone acting under such a
  step after leaving their source office is not judged on it again).
* **Resignations.** Effective on submission, or awaiting acceptance by the
  body the office's rule names, or at a stated later instant (after
  acceptance, when both apply). A resignation taking effect later does so
  before any event at the same instant. Acceptance by another body leaves it
  pending; withdrawal or rejection ends it; an acceptance after the
  resignation already took effect, or after the holder left the office
  otherwise, changes nothing. Whoever resigns an office is not offered it
  again by its line; an acting person who resigns stops acting for good; an
  entitled person or holder-elect who resigns declines.
* **Other events.** Deaths; removals and declared vacancies (only for the
  causes the office recognises); suspensions (only for recognised temporary
  causes, though a suspension for impeachment puts the person under
  impeachment either way) and reinstatements; impeachments and acquittals;
  declines; elections, appointments and designations, installing a holder at
  once (who leaves any other office held or acted in, and ends the
  vacancy's obligations except those of kind ``other``) or making them
  holder-elect (``takes_office: false``), which discharges an election
  (elected) or a designation (designated) obligation; an ineligible person
  (the office's requirements, and those of the elective step of the body
  that acts; a requirement of consent is met by the event's ``confirmed_by``)
  or a designation into a held office is a *claim*; ``took_office``
  completes an entitlement or an election, confirms a holder or acting
  person, and is otherwise a claim (``role: acting`` included).
* **Claims** stand beside the de jure holder until the claimant holds the
  office in law, dies, resigns it, or someone is installed in it.
* **Obligations.** A line step's obligations arise when its person comes in
  (an elective step's when the line reaches it), with a deadline counted from
  that instant, unless one of the same kind is already pending on the office,
  or the office's elect was elected (designated) and an election (a
  designation) is what the obligation calls for.
  **The overdue rule**: an obligation is overdue from its deadline instant
  on (at the deadline, the time allowed has run out), and until discharged.
* **Instants.** An event without a time happens at the instant of the
  previous event of the same day (just after it), else at midnight. Events
  joined by ``simultaneous_with`` are one act: applied together, then the
  lines are evaluated once. At one instant, birthdays come first, then
  resignations taking effect, then the events.

Not covered: dated versions of the law (amendments).
:meth:`ReferenceModel.apply_batch` raises :class:`IllegalEvent` for events a
scenario may not contain (the engine raises ``ScenarioError`` for them) and
:class:`Unsupported` for what it does not model.

Tie-break: when two vacant offices compete for the same person (both lines
draw on one office with ``leaves``), the one evaluated first wins. The order
used here (dependency depth, then id) is a convention the rule format leaves
open; it is the one the engine documents.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

DEFAULTS: dict[str, Any] = {
    "tenure": "leaves",
    "takes_effect": "ipso_facto",
    "yields_to": "none",
    "accept_acting": False,
    "eligibility": [],
    "obligations": [],
}

#: evaluations of the global loop before we call the rules non-terminating
MAX_ROUNDS = 20_000


class IllegalEvent(Exception):
    """The event cannot happen in this state (the engine must reject it too)."""


class Unsupported(Exception):
    """The event or rule is outside what this model covers."""


class Diverges(Exception):
    """The global loop did not settle."""


@dataclass(frozen=True)
class Seat:
    """Someone holding, or exercising the powers of, an office."""

    person: str
    line: str | None = None  # 'permanent' / 'temporary' when put there by a line
    index: int | None = None  # place in that line
    bound_to: str | None = None  # ex officio: the office they must keep holding
    confirmed_by: str | None = None  # the body that consented to the appointment
    initial: bool = False  # a starting holder


@dataclass(frozen=True)
class Due:
    """Someone entitled to an office once they take it up."""

    person: str
    line: str
    index: int


@dataclass(frozen=True)
class Pending:
    """A resignation submitted and not yet in effect."""

    person: str
    event: str
    effective_at: dt.datetime | None
    awaiting: str | None


@dataclass(frozen=True)
class Ob:
    """An obligation pending on an office."""

    kind: str
    deadline: dt.datetime
    step: tuple[str, str, int]  # (office, line, index) of the step that created it


@dataclass
class Snapshot:
    holder: str | None
    acting: str | None
    exercising: str | None
    entitled: str | None
    elect: str | None
    claimants: tuple[str, ...] = ()
    obligations: tuple[tuple[str, dt.datetime], ...] = ()


def overdue(deadline: dt.datetime, at: dt.datetime) -> bool:
    """The overdue rule: overdue from the deadline instant on."""
    return at >= deadline


def parse_time(value: Any) -> dt.time | None:
    """An event's time as written by the strategies ('HH:MM') or a time."""
    if value is None or isinstance(value, dt.time):
        return value
    hours, minutes = str(value).split(":")
    return dt.time(int(hours), int(minutes))


def event_instants(events: list[dict[str, Any]]) -> list[dt.datetime]:
    """The instant of each event: its date and time; without a time, the
    instant of the previous event of the same day, else midnight."""
    out: list[dt.datetime] = []
    last: dt.datetime | None = None
    for ev in events:
        time = parse_time(ev.get("time"))
        if time is not None:
            at = dt.datetime.combine(ev["date"], time)
        elif last is not None and last.date() == ev["date"]:
            at = last
        else:
            at = dt.datetime.combine(ev["date"], dt.time())
        out.append(at)
        last = at
    return out


def batches(events: list[dict[str, Any]]) -> list[tuple[dt.datetime, list[dict[str, Any]]]]:
    """Events grouped into acts (``simultaneous_with`` joins an event to the
    one before it), each with its instant."""
    out: list[tuple[dt.datetime, list[dict[str, Any]]]] = []
    for ev, at in zip(events, event_instants(events), strict=True):
        if out and ev.get("simultaneous_with") is not None:
            out[-1][1].append(ev)
        else:
            out.append((at, [ev]))
    return out


@dataclass
class ReferenceModel:
    rules: dict[str, Any]
    people: dict[str, dict[str, Any]]
    now: dt.datetime
    holder: dict[str, Seat | None] = field(default_factory=dict)
    acting: dict[str, Seat | None] = field(default_factory=dict)
    suspended: dict[str, str | None] = field(default_factory=dict)
    entitled: dict[str, Due | None] = field(default_factory=dict)
    elect: dict[str, str | None] = field(default_factory=dict)  # holder-elect
    elect_by: dict[str, str] = field(default_factory=dict)  # how the elect was chosen
    known: dict[str, bool] = field(default_factory=dict)
    pending: dict[str, Pending | None] = field(default_factory=dict)
    claims: dict[str, list[str]] = field(default_factory=dict)
    obligations: dict[str, list[Ob]] = field(default_factory=dict)
    dead: set[str] = field(default_factory=set)
    impeached: set[str] = field(default_factory=set)
    declined: set[tuple[str, str]] = field(default_factory=set)  # (person, office)
    #: (person, office) -> resignation events that took effect
    resigned: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    #: resignation events submitted so far: id -> (person, office)
    submitted: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: resignations due to take effect later: (instant, order, office, event)
    scheduled: list[tuple[dt.datetime, int, str, str]] = field(default_factory=list)
    order: list[str] = field(default_factory=list)
    #: (instant, what happened, snapshot) after every birthday and scheduled
    #: effect that changed something
    effects: list[tuple[dt.datetime, str, dict[str, Snapshot]]] = field(default_factory=list)
    _count: int = 0

    # -- construction -------------------------------------------------------------------

    @classmethod
    def start(
        cls,
        rules: dict[str, Any],
        people: list[dict[str, Any]],
        holders: dict[str, Any],
        start: dt.date,
    ) -> ReferenceModel:
        model = cls(rules, {p["id"]: p for p in people}, dt.datetime.combine(start, dt.time()))
        for oid in rules["offices"]:
            spec = holders[oid]
            suspended = None
            confirmed_by = None
            if isinstance(spec, dict):
                suspended = spec.get("suspended")
                confirmed_by = spec.get("confirmed_by")
                spec = spec.get("person")
            model.known[oid] = spec != "unknown"
            model.holder[oid] = (
                Seat(spec, confirmed_by=confirmed_by, initial=True)
                if spec not in (None, "vacant", "unknown")
                else None
            )
            model.acting[oid] = None
            model.suspended[oid] = suspended if model.holder[oid] is not None else None
            model.entitled[oid] = None
            model.elect[oid] = None
            model.pending[oid] = None
            model.claims[oid] = []
            model.obligations[oid] = []
        model.order = model._dependency_order()
        model.settle()
        return model

    def _dependency_order(self) -> list[str]:
        depth = dict.fromkeys(self.rules["offices"], 0)
        for _ in range(len(depth) + 1):  # relax until the longest paths are found
            for oid in depth:
                named = [
                    s["office"]
                    for k in ("permanent", "temporary")
                    for s in self.steps(oid, k)
                    if "office" in s
                ]
                depth[oid] = max([depth[n] + 1 for n in named], default=0)
        return sorted(depth, key=lambda o: (depth[o], o))

    def _required_ages(self) -> set[int]:
        ages: set[int] = set()
        for oid, office in self.rules["offices"].items():
            reqs = list(office.get("eligibility", []))
            for kind in ("permanent", "temporary"):
                for s in self.steps(oid, kind):
                    reqs += s["eligibility"]
            ages.update(r["min_age"] for r in reqs if r.get("min_age") is not None)
        return ages

    # -- time passing ------------------------------------------------------------------------

    def advance(self, until: dt.datetime | dt.date) -> None:
        """Let time pass until ``until`` (a date: its midnight), included:
        birthdays that matter, then resignations taking effect, in time order."""
        if not isinstance(until, dt.datetime):
            until = dt.datetime.combine(until, dt.time())
        ages = self._required_ages()
        birthdays = sorted(
            {
                at
                for p in self.people.values()
                if p.get("born") is not None
                for age in ages
                if self.now
                < (at := dt.datetime.combine(anniversary(p["born"], age), dt.time()))
                <= until
            }
        )
        while True:
            due = [s for s in self.scheduled if s[0] <= until]
            nxt_birthday = birthdays[0] if birthdays else None
            nxt_effect = min(due) if due else None
            if nxt_birthday is None and nxt_effect is None:
                break
            if nxt_effect is None or (nxt_birthday is not None and nxt_birthday <= nxt_effect[0]):
                assert nxt_birthday is not None
                birthdays.pop(0)
                self.now = nxt_birthday
                before = self.snapshot()
                self.settle()
                if self.snapshot() != before:
                    self.effects.append((self.now, "birthday", self.snapshot()))
                continue
            self.scheduled.remove(nxt_effect)
            at, _, oid, event = nxt_effect
            self.now = at
            pending = self.pending[oid]
            if pending is None or pending.event != event or pending.awaiting is not None:
                continue  # withdrawn, overtaken, or awaiting acceptance again
            self.vacate(oid, resignation=event)
            self.settle()
            self.effects.append((self.now, event, self.snapshot()))
        self.now = max(self.now, until)

    def _schedule(self, at: dt.datetime, oid: str, event: str) -> None:
        self._count += 1
        self.scheduled.append((at, self._count, oid, event))

    # -- reading the rules ----------------------------------------------------------------

    def office(self, oid: str) -> dict[str, Any]:
        return self.rules["offices"][oid]  # type: ignore[no-any-return]

    def steps(self, oid: str, kind: str) -> list[dict[str, Any]]:
        line = (self.office(oid).get("lines") or {}).get(kind)
        return [{**DEFAULTS, **s} for s in line["steps"]] if line else []

    def _age(self, pid: str) -> int | None:
        born: dt.date | None = self.people[pid].get("born")
        if born is None:
            return None
        d = self.now.date()
        return d.year - born.year - (1 if (d.month, d.day) < (born.month, born.day) else 0)

    def _meets(self, pid: str, req: dict[str, Any], seat: Seat | None) -> bool:
        # facts the scenario does not give count as met
        if req.get("min_age") is not None:
            age = self._age(pid)
            return age is None or age >= req["min_age"]
        if req.get("not_under_impeachment"):
            return pid not in self.impeached
        if req.get("confirmed_by") is not None:
            if seat is None:
                return False
            if seat.initial and seat.confirmed_by is None:
                return True
            wanted: str = req["confirmed_by"]
            return seat.confirmed_by == wanted
        if "attribute" not in req:
            raise Unsupported(f"requirement {req}")
        value = self.people[pid].get("attributes", {}).get(req["attribute"])
        if value is None:
            return True
        if req.get("equals") is not None:
            return bool(value == req["equals"])
        if req.get("at_least") is not None:
            return (
                not isinstance(value, bool)
                and isinstance(value, int | float)
                and value >= req["at_least"]
            )
        if req.get("one_of") is not None:
            return value in req["one_of"]
        return bool(value)

    def eligible(self, pid: str, reqs: list[dict[str, Any]], seat: Seat | None) -> bool:
        return all(self._meets(pid, r, seat) for r in reqs)

    def requirements(self, oid: str, step: dict[str, Any] | None) -> list[dict[str, Any]]:
        reqs = list(self.office(oid).get("eligibility", []))
        if step is not None:
            reqs += step["eligibility"]
        return reqs

    # -- queries ---------------------------------------------------------------------------

    def alive(self, pid: str) -> bool:
        return pid not in self.dead

    def holder_of(self, oid: str) -> str | None:
        h = self.holder[oid]
        return h.person if h else None

    def acting_in(self, oid: str) -> str | None:
        a = self.acting[oid]
        return a.person if a else None

    def entitled_to(self, oid: str) -> str | None:
        e = self.entitled[oid]
        return e.person if e else None

    def exercising(self, oid: str) -> str | None:
        a = self.acting[oid]
        if a is not None:
            return a.person
        h = self.holder[oid]
        if h is not None and self.suspended[oid] is None:
            return h.person
        return None

    def snapshot(self) -> dict[str, Snapshot]:
        return {
            o: Snapshot(
                self.holder_of(o),
                self.acting_in(o),
                self.exercising(o),
                self.entitled_to(o),
                self.elect[o],
                tuple(sorted(self.claims[o])),
                tuple(sorted((ob.kind, ob.deadline) for ob in self.obligations[o])),
            )
            for o in self.rules["offices"]
        }

    # -- the fixpoint ------------------------------------------------------------------------

    def settle(self) -> None:
        for _ in range(MAX_ROUNDS):
            if not any(self._evaluate(oid) for oid in self.order):  # stops at the first change
                self._end_claims()
                return
        raise Diverges("the reference model did not settle")

    def _end_claims(self) -> None:
        """A claim ends when the claimant holds the office in law."""
        for oid in self.order:
            h = self.holder_of(oid)
            if h in self.claims[oid]:
                self.claims[oid] = [c for c in self.claims[oid] if c != h]

    def _candidate(self, oid: str, step: dict[str, Any]) -> str | None:
        """The person the step draws on if they can serve ``oid`` now."""
        seat: Seat | None = None
        if "office" in step:
            src = step["office"]
            if not self.known[src]:
                return None
            seat = self.holder[src]
            if seat is None:
                if not step["accept_acting"] or self.acting[src] is None:
                    return None
                seat = self.acting[src]
                assert seat is not None
            elif self.suspended[src] is not None:
                return None
            pid = seat.person
        else:
            pid = step["person"]
        if pid in self.dead or (pid, oid) in self.declined or self.holder_of(oid) == pid:
            return None
        return pid if self.eligible(pid, self.requirements(oid, step), seat) else None

    def _still_serving(self, oid: str, seat: Seat, kind: str) -> bool:
        if seat.line != kind or seat.person in self.dead or (seat.person, oid) in self.declined:
            return False
        assert seat.index is not None
        step = self.steps(oid, kind)[seat.index]
        reqs = self.requirements(oid, step)
        b = seat.bound_to
        if b is None:
            # judged on how they held their source office when they came in
            reqs = [r for r in reqs if r.get("confirmed_by") is None]
            return self.eligible(seat.person, reqs, None)
        serving = (self.holder_of(b) == seat.person and self.suspended[b] is None) or (
            step["accept_acting"] and self.acting_in(b) == seat.person
        )
        return serving and self.eligible(seat.person, reqs, self.holder[b])

    def _keeps(self, oid: str, seat: Seat) -> bool:
        """Whether a holder ex officio still has the office their role comes with."""
        b = seat.bound_to
        if b is None or self.holder_of(b) == seat.person:
            return True
        assert seat.line is not None and seat.index is not None
        accepts = self.steps(oid, seat.line)[seat.index]["accept_acting"]
        return bool(accepts) and self.acting_in(b) == seat.person

    def _evaluate(self, oid: str) -> bool:
        """Bring one office in line with the rules; True when something changed."""
        if not self.known[oid]:
            return False
        h = self.holder[oid]
        if h is not None and not self._keeps(oid, h):
            self.vacate(oid)  # held ex officio, and the basis is gone
            return True
        if h is not None and self.suspended[oid] is None:
            changed = self.acting[oid] is not None or self.entitled[oid] is not None
            self.acting[oid] = None
            self.entitled[oid] = None
            return changed
        kind = "permanent" if h is None else "temporary"
        steps = self.steps(oid, kind)
        current = self.acting[oid]
        if current is not None and not self._still_serving(oid, current, kind):
            current = None
        upto = current.index if current is not None and current.index is not None else len(steps)
        choice: tuple[int, str] | None = None
        created = False
        for i in range(upto):
            step = steps[i]
            if "body" in step:
                created = self._oblige(oid, (oid, kind, i), step, only_new_step=True) or created
                continue
            pid = self._candidate(oid, step)
            if pid is None:
                continue
            if current is not None and not self._gives_way(steps[current.index or 0], step):
                break
            choice = (i, pid)
            break
        due: Due | None = None
        if choice is not None:
            i, pid = choice
            if steps[i]["takes_effect"] == "ipso_facto":
                self.put(oid, kind, i, pid)
                return True
            due = Due(pid, kind, i)
        changed = created or current != self.acting[oid] or due != self.entitled[oid]
        self.acting[oid] = current
        self.entitled[oid] = due
        return changed

    @staticmethod
    def _gives_way(acting_step: dict[str, Any], higher: dict[str, Any]) -> bool:
        rule = acting_step["yields_to"]
        if rule == "all":
            return True
        if rule == "none":
            return False
        return (higher.get("office") or higher.get("person") or higher.get("body")) in rule

    def _oblige(
        self, oid: str, where: tuple[str, str, int], step: dict[str, Any], only_new_step: bool
    ) -> bool:
        """The step's obligations, from now, except kinds already pending; an
        elective step's only once. True when any was added."""
        if only_new_step and any(ob.step == where for ob in self.obligations[oid]):
            return False
        pending = {ob.kind for ob in self.obligations[oid]}
        if self.elect[oid] is not None:
            # what the elect's election or designation discharged does not arise again
            pending.add(
                {"elected": "election", "designated": "designation"}.get(
                    self.elect_by.get(oid, ""), ""
                )
            )
        new = [
            Ob(o["kind"], self.now + _delay(o), where)
            for o in step["obligations"]
            if o["kind"] not in pending
        ]
        self.obligations[oid].extend(new)
        return bool(new)

    # -- changes ------------------------------------------------------------------------------

    def put(self, oid: str, kind: str, index: int, pid: str) -> None:
        """Apply step ``index`` of ``oid``'s ``kind`` line to ``pid``."""
        step = self.steps(oid, kind)[index]
        src = step.get("office")
        seat = Seat(pid, kind, index, src if step["tenure"] == "ex_officio" else None)
        self._oblige(oid, (oid, kind, index), step, only_new_step=False)
        if step["mode"] == "becomes" and self.holder[oid] is None:
            self.holder[oid] = seat
            self.acting[oid] = None
        else:
            self.acting[oid] = seat
        self.entitled[oid] = None
        if src is None or step["tenure"] != "leaves":
            return
        # leaving: the source office (held, or acted in), and the office that
        # role was held ex officio of, and so on
        seen: set[str] = set()
        while src is not None and src not in seen:
            seen.add(src)
            if self.holder_of(src) == pid:
                held = self.holder[src]
                assert held is not None
                self.vacate(src)
                src = held.bound_to
            elif self.acting_in(src) == pid:
                role = self.acting[src]
                assert role is not None
                self.acting[src] = None
                src = role.bound_to
            else:
                break

    def vacate(self, oid: str, resignation: str | None = None, *, by_removal: bool = False) -> None:
        """The holder leaves. ``resignation``: the event, when they leave by
        resignation (a removal or declared vacancy for the cause resignation
        counts as one for acceptances, but is not the holder's own act)."""
        h = self.holder[oid]
        if h is None:
            return
        if resignation is not None:
            self.resigned.setdefault((h.person, oid), []).append(resignation)
            if not by_removal:
                self.declined.add((h.person, oid))  # the line never offers it back
        self.holder[oid] = None
        self.suspended[oid] = None
        self.pending[oid] = None
        a = self.acting[oid]
        if a is not None and a.line == "temporary":
            self.acting[oid] = None
        self.entitled[oid] = None

    def install(self, oid: str, pid: str, confirmed_by: str | None = None) -> None:
        """Election, appointment or designation: ``pid`` holds ``oid`` now, and
        leaves any other office they hold or act in."""
        for other in self.order:
            if other == oid:
                continue
            if self.holder_of(other) == pid:
                self.vacate(other)
            elif self.acting_in(other) == pid:
                self.acting[other] = None
        self.holder[oid] = Seat(pid, confirmed_by=confirmed_by)
        self.acting[oid] = None
        self.suspended[oid] = None
        self.entitled[oid] = None
        self.elect[oid] = None
        self.pending[oid] = None
        self.claims[oid] = []
        self.obligations[oid] = [ob for ob in self.obligations[oid] if ob.kind == "other"]
        self.known[oid] = True  # now someone is known to hold it

    def claim(self, oid: str, pid: str) -> None:
        if pid not in self.claims[oid]:
            self.claims[oid].append(pid)

    # -- events ------------------------------------------------------------------------------

    def apply(self, ev: dict[str, Any], at: dt.datetime | None = None) -> None:
        """Apply one event (at ``at``, by default its date at midnight) and settle."""
        self.apply_batch([ev], at)

    def apply_batch(self, batch: list[dict[str, Any]], at: dt.datetime | None = None) -> None:
        """Apply one act (events applied together at one instant, then the
        lines evaluated once), after letting time pass until its instant."""
        if at is None:
            at = dt.datetime.combine(
                batch[0]["date"], parse_time(batch[0].get("time")) or dt.time()
            )
        self.advance(at)
        self.now = at
        for ev in batch:
            self._event(ev)
        self.settle()

    def _event(self, ev: dict[str, Any]) -> None:
        kind = ev["type"]
        pid = ev.get("person")
        oid = ev.get("office")
        unchecked = (
            "resignation_accepted",
            "resignation_rejected",
            "resignation_withdrawn",
            "vacancy_declared",
        )
        if pid is not None and pid in self.dead and kind not in unchecked:
            raise IllegalEvent(f"{pid} is dead")
        handler = getattr(self, "_ev_" + kind, None)
        if handler is None:
            raise Unsupported(kind)
        handler(ev, pid, oid)

    def _must_hold(self, pid: str, oid: str) -> None:
        if self.holder_of(oid) != pid:
            raise IllegalEvent(f"{pid} does not hold {oid}")

    def _ev_death(self, ev: dict[str, Any], pid: str, oid: str | None) -> None:
        self.dead.add(pid)
        for o in self.order:
            if self.holder_of(o) == pid:
                self.vacate(o)
            if self.acting_in(o) == pid:
                self.acting[o] = None
            if self.entitled_to(o) == pid:
                self.entitled[o] = None
            if self.elect[o] == pid:
                self.elect[o] = None
            if pid in self.claims[o]:
                self.claims[o] = [c for c in self.claims[o] if c != pid]

    def _ev_resignation(self, ev: dict[str, Any], pid: str, oid: str) -> None:
        self.submitted[ev["id"]] = (pid, oid)
        office = self.office(oid)
        if self.holder_of(oid) == pid:
            if "resignation" not in office["causes"]["permanent"]:
                return  # not a cause this office recognises: the holder stays
            if self.pending[oid] is not None:
                raise IllegalEvent(f"{pid}'s resignation of {oid} is already pending")
            rule = office.get("resignation") or {}
            awaiting = rule.get("accepted_by") if rule.get("effective") == "on_acceptance" else None
            later = ev.get("effective_at")
            if later is not None and later <= self.now:
                later = None
            if awaiting is None and later is None:
                self.vacate(oid, resignation=ev["id"])
                return
            self.pending[oid] = Pending(pid, ev["id"], later, awaiting)
            if awaiting is None and later is not None:
                self._schedule(later, oid, ev["id"])
            return
        if self.acting_in(oid) == pid:  # an acting person who resigns stops acting for good
            self.declined.add((pid, oid))
            self.acting[oid] = None
            return
        claimed = pid in self.claims[oid]
        if claimed:
            self.claims[oid] = [c for c in self.claims[oid] if c != pid]
        if pid in (self.entitled_to(oid), self.elect[oid]):  # renouncing is declining
            self._ev_declines(ev, pid, oid)
            return
        if not claimed:
            raise IllegalEvent(f"{pid} neither holds, acts in nor is entitled to {oid}")

    def _matches(self, ev: dict[str, Any], pending: Pending | None, pid: str) -> bool:
        return (
            pending is not None
            and pending.person == pid
            and ev.get("resignation") in (None, pending.event)
        )

    def _ev_resignation_accepted(self, ev: dict[str, Any], pid: str, oid: str) -> None:
        pending = self.pending[oid]
        if self._matches(ev, pending, pid):
            assert pending is not None
            if pending.awaiting is None:
                return  # it takes effect when stated, accepted or not
            if ev.get("by") is not None and ev["by"] != pending.awaiting:
                return  # not the body the rules name: still pending
            if pending.effective_at is not None and pending.effective_at > self.now:
                self.pending[oid] = Pending(pid, pending.event, pending.effective_at, None)
                self._schedule(pending.effective_at, oid, pending.event)
                return
            self.vacate(oid, resignation=pending.event)
            return
        done = self.resigned.get((pid, oid), [])
        if done and ev.get("resignation") in (None, *done):
            return  # it already took effect
        submitted = {e for e, who in self.submitted.items() if who == (pid, oid)}
        if submitted and ev.get("resignation") in (None, *submitted):
            return  # they left the office before it took effect
        raise IllegalEvent(f"no resignation by {pid} of {oid} to accept")

    def _end_pending(self, ev: dict[str, Any], pid: str, oid: str) -> None:
        if self._matches(ev, self.pending[oid], pid):
            self.pending[oid] = None
            return
        done = self.resigned.get((pid, oid), [])
        if done and ev.get("resignation") in (None, *done):
            return
        raise IllegalEvent(f"no pending resignation by {pid} of {oid}")

    _ev_resignation_rejected = _end_pending
    _ev_resignation_withdrawn = _end_pending

    def _recognised(self, oid: str, cause: str) -> bool:
        return cause in self.office(oid)["causes"]["permanent"]

    def _ev_removal(self, ev: dict[str, Any], pid: str, oid: str) -> None:
        self._must_hold(pid, oid)
        cause = ev.get("cause") or "removal"
        if self._recognised(oid, cause):
            self._vacate_for(oid, cause, ev["id"])

    def _ev_vacancy_declared(self, ev: dict[str, Any], pid: str | None, oid: str) -> None:
        if self.holder[oid] is None:
            raise IllegalEvent(f"{oid} is already vacant")
        if pid is not None:
            if pid in self.dead:
                raise IllegalEvent(f"{pid} is dead")
            self._must_hold(pid, oid)
        cause = ev.get("cause") or "declared_vacancy"
        if self._recognised(oid, cause):
            self._vacate_for(oid, cause, ev["id"])

    def _vacate_for(self, oid: str, cause: str, event: str) -> None:
        if cause == "resignation":
            self.vacate(oid, event, by_removal=True)
        else:
            self.vacate(oid)

    def _ev_suspension(self, ev: dict[str, Any], pid: str, oid: str) -> None:
        self._must_hold(pid, oid)
        if self.suspended[oid] is not None:
            raise IllegalEvent(f"{pid} is already suspended from {oid}")
        cause = ev.get("cause") or "other"
        if cause == "impeachment":
            self.impeached.add(pid)
        if cause in self.office(oid)["causes"].get("temporary", []):
            self.suspended[oid] = cause

    def _ev_reinstatement(self, ev: dict[str, Any], pid: str, oid: str) -> None:
        self._must_hold(pid, oid)
        if self.suspended[oid] is None:
            raise IllegalEvent(f"{pid} is not suspended from {oid}")
        if self.suspended[oid] == "impeachment":
            self.impeached.discard(pid)
        self.suspended[oid] = None

    def _ev_impeached(self, ev: dict[str, Any], pid: str, oid: str | None) -> None:
        self.impeached.add(pid)

    def _ev_acquitted(self, ev: dict[str, Any], pid: str, oid: str | None) -> None:
        self.impeached.discard(pid)

    def _ev_declines(self, ev: dict[str, Any], pid: str, oid: str) -> None:
        if self.holder_of(oid) == pid:
            raise IllegalEvent(f"{pid} holds {oid}; a holder resigns")
        self.declined.add((pid, oid))
        if self.entitled_to(oid) == pid:
            self.entitled[oid] = None
        if self.elect[oid] == pid:
            self.elect[oid] = None
        if self.acting_in(oid) == pid:
            self.acting[oid] = None

    def _ev_took_office(self, ev: dict[str, Any], pid: str, oid: str) -> None:
        acting_role = ev.get("role") == "acting"
        if acting_role and self.acting_in(oid) == pid:
            return  # confirms the exercise
        if acting_role and self.entitled_to(oid) != pid:
            self.claim(oid, pid)
            return
        if self.holder_of(oid) == pid:
            if self.elect[oid] == pid:
                # re-elected: a new term begins, by election (no longer the
                # starting holder's tenure)
                self.elect[oid] = None
                seat = self.holder[oid]
                assert seat is not None
                self.holder[oid] = Seat(
                    pid, seat.line, seat.index, seat.bound_to, seat.confirmed_by, initial=False
                )
            return  # confirms
        if self.elect[oid] == pid:
            self.install(oid, pid)
            return
        due = self.entitled[oid]
        if due is not None and due.person == pid:
            self.put(oid, due.line, due.index, pid)
            return
        self.claim(oid, pid)

    def _install_event(self, ev: dict[str, Any], pid: str, oid: str) -> None:
        reqs = list(self.office(oid).get("eligibility", []))
        if ev.get("by") is not None:
            for step in self.steps(oid, "permanent"):
                if step.get("body") == ev["by"]:
                    reqs += step["eligibility"]
        # the appointment itself, as the event gives it, for a requirement of consent
        if not self.eligible(pid, reqs, Seat(pid, confirmed_by=ev.get("confirmed_by"))):
            self.claim(oid, pid)
            return
        held = self.holder_of(oid)
        takes_office = ev.get("takes_office", True)
        if ev["type"] == "designated" and takes_office and held is not None and held != pid:
            self.claim(oid, pid)  # a designation fills only a vacancy
            return
        if not takes_office:
            self.elect[oid] = pid
            self.elect_by[oid] = ev["type"]
            done = {"elected": "election", "designated": "designation"}.get(ev["type"])
            self.obligations[oid] = [ob for ob in self.obligations[oid] if ob.kind != done]
            return
        self.install(oid, pid, ev.get("confirmed_by"))

    _ev_elected = _install_event
    _ev_appointed = _install_event
    _ev_designated = _install_event


def _delay(ob: dict[str, Any]) -> dt.timedelta:
    if ob.get("within_days") is not None:
        return dt.timedelta(days=ob["within_days"])
    return dt.timedelta(hours=ob["within_hours"])


def anniversary(born: dt.date, years: int) -> dt.date:
    """The day someone born on ``born`` turns ``years`` (1 March for 29 February
    in a common year)."""
    year = born.year + years
    if (born.month, born.day) == (2, 29):
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return dt.date(year, 2, 29) if leap else dt.date(year, 3, 1)
    return dt.date(year, born.month, born.day)
