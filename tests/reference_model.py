"""A small, independent reference model of line resolution.

It works on the plain YAML-ready dicts the strategies generate (not on the
pydantic models, and never on ``succession.engine``) and is written as a naive
global loop rather than a work queue:

    repeat until nothing changes:
        for each office, in dependency order (an office after every office
        its lines name; ties by id):
            evaluate it; if that changed anything, start again from the first

It covers a subset of the semantics:

* permanent lines, and temporary lines while a holder is suspended;
* ``becomes`` vs ``acts``; ``leaves`` vs ``ex_officio``;
* ``ipso_facto`` and ``on_taking_office`` (entitlement, then ``took_office``);
* ``yields_to`` (all, none, or a list of earlier steps);
* eligibility by ``min_age`` and by person attributes;
* deaths, resignations effective on submission, removals (with the office's
  recognised causes), suspensions and reinstatements, declines, and elections
  / appointments / designations, installing a holder at once or making them
  holder-elect (``takes_office: false``) until they take office;
* people reaching an age a rule requires, between events;
* offices whose starting holder is ``unknown``: never evaluated and never a
  source of candidates, until someone is installed in them;
* ``accept_acting``: a step drawing on someone only acting in its office
  (while that office is vacant); leaving through such a role leaves the
  office the role came with.

Not covered: elective (body) steps, resignations awaiting acceptance or
effective later, claims (they never change who holds or exercises an
office), obligations, ``confirmed_by`` and
``not_under_impeachment`` requirements. :meth:`ReferenceModel.apply` raises
:class:`Unsupported` for those, and :class:`IllegalEvent` for events a
scenario may not contain (the engine raises ``ScenarioError`` for them).

Tie-break: when two vacant offices compete for the same person (both lines
draw on one office with ``leaves``), the one evaluated first wins. The order
used here (dependency depth, then id) is a convention the rule format leaves
open; it is the one the engine documents.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

DEFAULTS = {
    "tenure": "leaves",
    "takes_effect": "ipso_facto",
    "yields_to": "none",
    "accept_acting": False,
    "eligibility": [],
}

#: evaluations of the global loop before we call the rules non-terminating
MAX_ROUNDS = 20_000


class IllegalEvent(Exception):
    """The event cannot happen in this state (the engine must reject it too)."""


class Unsupported(Exception):
    """The event or rule is outside the subset this model covers."""


class Diverges(Exception):
    """The global loop did not settle."""


@dataclass(frozen=True)
class Seat:
    """Someone holding, or exercising the powers of, an office."""

    person: str
    line: str | None = None  # 'permanent' / 'temporary' when put there by a line
    index: int | None = None  # place in that line
    bound_to: str | None = None  # ex officio: the office they must keep holding


@dataclass(frozen=True)
class Due:
    """Someone entitled to an office once they take it up."""

    person: str
    line: str
    index: int


@dataclass
class Snapshot:
    holder: str | None
    acting: str | None
    exercising: str | None
    entitled: str | None
    elect: str | None


@dataclass
class ReferenceModel:
    rules: dict[str, Any]
    people: dict[str, dict[str, Any]]
    today: dt.date
    holder: dict[str, Seat | None] = field(default_factory=dict)
    acting: dict[str, Seat | None] = field(default_factory=dict)
    suspended: dict[str, str | None] = field(default_factory=dict)
    entitled: dict[str, Due | None] = field(default_factory=dict)
    elect: dict[str, str | None] = field(default_factory=dict)  # holder-elect
    known: dict[str, bool] = field(default_factory=dict)
    dead: set[str] = field(default_factory=set)
    declined: set[tuple[str, str]] = field(default_factory=set)  # (person, office)
    order: list[str] = field(default_factory=list)

    # -- construction -------------------------------------------------------------------

    @classmethod
    def start(
        cls,
        rules: dict[str, Any],
        people: list[dict[str, Any]],
        holders: dict[str, Any],
        start: dt.date,
    ) -> ReferenceModel:
        model = cls(rules, {p["id"]: p for p in people}, start)
        for oid in rules["offices"]:
            spec = holders[oid]
            suspended = None
            if isinstance(spec, dict):
                suspended = spec.get("suspended")
                spec = spec.get("person")
            model.known[oid] = spec != "unknown"
            model.holder[oid] = Seat(spec) if spec not in (None, "vacant", "unknown") else None
            model.acting[oid] = None
            model.suspended[oid] = suspended if model.holder[oid] is not None else None
            model.entitled[oid] = None
            model.elect[oid] = None
            for kind in ("permanent", "temporary"):
                for s in model.steps(oid, kind):
                    if "office" not in s:
                        raise Unsupported("only steps naming an office")
        model.order = model._dependency_order()
        model.settle()
        return model

    def _dependency_order(self) -> list[str]:
        depth = dict.fromkeys(self.rules["offices"], 0)
        for _ in range(len(depth) + 1):  # relax until the longest paths are found
            for oid in depth:
                named = [
                    s["office"] for k in ("permanent", "temporary") for s in self.steps(oid, k)
                ]
                depth[oid] = max([depth[n] + 1 for n in named], default=0)
        return sorted(depth, key=lambda o: (depth[o], o))

    def _required_ages(self) -> set[int]:
        ages = set()
        for oid, office in self.rules["offices"].items():
            reqs = list(office.get("eligibility", []))
            for kind in ("permanent", "temporary"):
                for s in self.steps(oid, kind):
                    reqs += s.get("eligibility", [])
            ages.update(r["min_age"] for r in reqs if r.get("min_age") is not None)
        return ages

    def advance(self, day: dt.date) -> None:
        """Let time pass until ``day``: whenever someone reaches an age a rule
        requires, the lines are looked at again on that day."""
        ages = self._required_ages()
        birthdays = sorted(
            {
                b
                for p in self.people.values()
                if p.get("born") is not None
                for age in ages
                if self.today < (b := _anniversary(p["born"], age)) <= day
            }
        )
        for b in birthdays:
            self.today = b
            self.settle()
        self.today = day

    # -- reading the rules ----------------------------------------------------------------

    def office(self, oid: str) -> dict[str, Any]:
        return self.rules["offices"][oid]

    def steps(self, oid: str, kind: str) -> list[dict[str, Any]]:
        line = (self.office(oid).get("lines") or {}).get(kind)
        return [{**DEFAULTS, **s} for s in line["steps"]] if line else []

    def _age(self, pid: str) -> int | None:
        born = self.people[pid].get("born")
        if born is None:
            return None
        d = self.today
        return d.year - born.year - (1 if (d.month, d.day) < (born.month, born.day) else 0)

    def _meets(self, pid: str, req: dict[str, Any]) -> bool:
        # facts the scenario does not give count as met
        if req.get("min_age") is not None:
            age = self._age(pid)
            return age is None or age >= req["min_age"]
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

    def eligible(self, pid: str, oid: str, step: dict[str, Any] | None) -> bool:
        reqs = list(self.office(oid).get("eligibility", []))
        if step is not None:
            reqs += step.get("eligibility", [])
        return all(self._meets(pid, r) for r in reqs)

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
        if self.acting[oid] is not None:
            return self.acting[oid].person  # type: ignore[union-attr]
        if self.holder[oid] is not None and self.suspended[oid] is None:
            return self.holder[oid].person  # type: ignore[union-attr]
        return None

    def snapshot(self) -> dict[str, Snapshot]:
        return {
            o: Snapshot(
                self.holder_of(o),
                self.acting_in(o),
                self.exercising(o),
                self.entitled_to(o),
                self.elect[o],
            )
            for o in self.rules["offices"]
        }

    # -- the fixpoint ------------------------------------------------------------------------

    def settle(self) -> None:
        for _ in range(MAX_ROUNDS):
            if not any(
                self._evaluate(oid) for oid in self.order
            ):  # any() stops at the first change
                return
        raise Diverges("the reference model did not settle")

    def _available(self, oid: str, step: dict[str, Any]) -> str | None:
        """The person the step draws on if they can serve ``oid`` now."""
        src = step["office"]
        if not self.known[src]:
            return None
        seat = self.holder[src]
        if seat is None:
            if not step["accept_acting"] or self.acting[src] is None:
                return None
            pid = self.acting[src].person  # type: ignore[union-attr]
        elif self.suspended[src] is not None:
            return None
        else:
            pid = seat.person
        if pid in self.dead or (pid, oid) in self.declined or self.holder_of(oid) == pid:
            return None
        return pid if self.eligible(pid, oid, step) else None

    def _still_serving(self, oid: str, seat: Seat, kind: str) -> bool:
        if seat.line != kind or seat.person in self.dead or (seat.person, oid) in self.declined:
            return False
        step = self.steps(oid, kind)[seat.index]  # type: ignore[index]
        if seat.bound_to is not None and not (
            (self.holder_of(seat.bound_to) == seat.person and self.suspended[seat.bound_to] is None)
            or (step["accept_acting"] and self.acting_in(seat.bound_to) == seat.person)
        ):
            return False
        return self.eligible(seat.person, oid, step)

    def _keeps(self, oid: str, seat: Seat) -> bool:
        """Whether a holder ex officio still has the office their role comes with."""
        b = seat.bound_to
        if b is None or self.holder_of(b) == seat.person:
            return True
        accepts = seat.line is not None and self.steps(oid, seat.line)[seat.index]["accept_acting"]  # type: ignore[index]
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
        # who should come in?  walk the steps above the current acting person
        upto = current.index if current is not None else len(steps)
        choice: tuple[int, str] | None = None
        for i in range(upto):  # type: ignore[arg-type]
            pid = self._available(oid, steps[i])
            if pid is None:
                continue
            if current is not None and not self._gives_way(steps[current.index], steps[i]):  # type: ignore[index]
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
        changed = current != self.acting[oid] or due != self.entitled[oid]
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
        return higher["office"] in rule

    # -- changes ------------------------------------------------------------------------------

    def put(self, oid: str, kind: str, index: int, pid: str) -> None:
        """Apply step ``index`` of ``oid``'s ``kind`` line to ``pid``."""
        step = self.steps(oid, kind)[index]
        src = step["office"]
        seat = Seat(pid, kind, index, src if step["tenure"] == "ex_officio" else None)
        via_acting = self.acting_in(src) == pid and self.holder_of(src) != pid
        if step["mode"] == "becomes" and self.holder[oid] is None:
            self.holder[oid] = seat
            self.acting[oid] = None
        else:
            self.acting[oid] = seat
        self.entitled[oid] = None
        if step["tenure"] == "leaves" and via_acting:
            # leaving an acting role: and the office it came with, if any
            role = self.acting[src]
            self.acting[src] = None
            src = role.bound_to  # type: ignore[union-attr]
        # leaving: the source office, and the office it was held ex officio of, and so on
        while step["tenure"] == "leaves" and src is not None and self.holder_of(src) == pid:
            basis = self.holder[src].bound_to  # type: ignore[union-attr]
            self.vacate(src)
            src = basis

    def vacate(self, oid: str) -> None:
        if self.holder[oid] is None:
            return
        self.holder[oid] = None
        self.suspended[oid] = None
        if self.acting[oid] is not None and self.acting[oid].line == "temporary":  # type: ignore[union-attr]
            self.acting[oid] = None
        self.entitled[oid] = None

    def install(self, oid: str, pid: str) -> None:
        """Election, appointment or designation: ``pid`` holds ``oid`` now, and
        leaves any other office they hold or act in."""
        for other in self.order:
            if other == oid:
                continue
            if self.holder_of(other) == pid:
                self.vacate(other)
            elif self.acting_in(other) == pid:
                self.acting[other] = None
        self.holder[oid] = Seat(pid)
        self.acting[oid] = None
        self.suspended[oid] = None
        self.entitled[oid] = None
        self.elect[oid] = None
        self.known[oid] = True  # now someone is known to hold it

    # -- events ------------------------------------------------------------------------------

    def apply(self, ev: dict[str, Any]) -> None:
        """Apply one event (dated on or after the previous one) and settle."""
        self.advance(ev["date"])
        kind = ev["type"]
        pid = ev.get("person")
        oid = ev.get("office")
        if pid is not None and pid in self.dead:
            raise IllegalEvent(f"{pid} is dead")
        handler = getattr(self, "_ev_" + kind, None)
        if handler is None:
            raise Unsupported(kind)
        handler(ev, pid, oid)
        self.settle()

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

    def _ev_resignation(self, ev: dict[str, Any], pid: str, oid: str) -> None:
        if ev.get("effective_at") is not None:
            raise Unsupported("resignation effective later")
        if self.holder_of(oid) == pid:
            office = self.office(oid)
            if office.get("resignation", {}).get("effective", "on_submission") != "on_submission":
                raise Unsupported("resignation on acceptance")
            if "resignation" in office["causes"]["permanent"]:
                self.vacate(oid)
                self.declined.add((pid, oid))  # the line never offers it back
            return
        if self.acting_in(oid) == pid:  # an acting person who resigns stops acting for good
            self.declined.add((pid, oid))
            self.acting[oid] = None
            return
        if pid in (
            self.entitled_to(oid),
            self.elect[oid],
        ):  # renouncing an entitlement is declining it
            self._ev_declines(ev, pid, oid)
            return
        raise IllegalEvent(f"{pid} neither holds, acts in nor is entitled to {oid}")

    def _ev_removal(self, ev: dict[str, Any], pid: str, oid: str) -> None:
        self._must_hold(pid, oid)
        if (ev.get("cause") or "removal") in self.office(oid)["causes"]["permanent"]:
            self.vacate(oid)

    def _ev_suspension(self, ev: dict[str, Any], pid: str, oid: str) -> None:
        self._must_hold(pid, oid)
        if self.suspended[oid] is not None:
            raise IllegalEvent(f"{pid} is already suspended from {oid}")
        if ev["cause"] in self.office(oid)["causes"].get("temporary", []):
            self.suspended[oid] = ev["cause"]

    def _ev_reinstatement(self, ev: dict[str, Any], pid: str, oid: str) -> None:
        self._must_hold(pid, oid)
        if self.suspended[oid] is None:
            raise IllegalEvent(f"{pid} is not suspended from {oid}")
        self.suspended[oid] = None

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
        if self.holder_of(oid) == pid:
            if self.elect[oid] == pid:
                self.elect[oid] = None  # re-elected: a new term begins
            return  # confirms
        if self.elect[oid] == pid:
            self.install(oid, pid)
            return
        due = self.entitled[oid]
        if due is None or due.person != pid:
            raise Unsupported("took_office without entitlement is a claim")
        self.put(oid, due.line, due.index, pid)

    def _install_event(self, ev: dict[str, Any], pid: str, oid: str) -> None:
        if not self.eligible(pid, oid, None):
            return  # the engine records a claim: nobody's position changes
        if ev.get("takes_office", True):
            self.install(oid, pid)
        else:
            self.elect[oid] = pid  # takes office later

    def _ev_designated(self, ev: dict[str, Any], pid: str, oid: str) -> None:
        held = self.holder_of(oid)
        if ev.get("takes_office", True) and held is not None and held != pid:
            return  # a designation fills only a vacancy: the engine records a claim
        self._install_event(ev, pid, oid)

    _ev_elected = _install_event
    _ev_appointed = _install_event


def _anniversary(born: dt.date, years: int) -> dt.date:
    """The day someone born on ``born`` turns ``years`` (1 March for 29 February)."""
    if (born.month, born.day) == (2, 29):
        leap = (born.year + years) % 4 == 0 and (
            (born.year + years) % 100 != 0 or (born.year + years) % 400 == 0
        )
        return dt.date(born.year + years, 2, 29) if leap else dt.date(born.year + years, 3, 1)
    return dt.date(born.year + years, born.month, born.day)
