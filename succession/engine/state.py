"""Immutable state: who holds and who exercises each office, and why.

A :class:`Timeline` is a list of :class:`Entry` objects, each holding the
:class:`State` after one event (or one batch of simultaneous events, or one
scheduled effect such as a resignation taking effect).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from ..errors import QueryError, did_you_mean
from ..instants import format_instant, parse_instant


def as_instant(value: dt.datetime | dt.date | str) -> dt.datetime:
    """A datetime from a datetime, a date (its end) or ISO text."""
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return parse_instant(value.isoformat())
    try:
        return parse_instant(value)
    except ValueError as exc:
        raise QueryError(str(exc), hint="write 2019-11-12 or 2019-11-12T18:45") from None


if TYPE_CHECKING:
    from ..model.common import Citation
    from ..model.rules import Rules, Step
    from ..model.scenario import Scenario

BasisKind = Literal["initial", "line", "took_office", "appointed", "elected", "designated", "claim"]
SkipReason = Literal[
    "vacant",
    "unknown_holder",
    "suspended",
    "dead",
    "declined",
    "ineligible",
    "already_holder",
    "awaiting_designation",
    "serving",
]


@dataclass(frozen=True, slots=True)
class StepRef:
    """A step of a line: the office whose line it is, which line, which place."""

    office: str
    line: Literal["permanent", "temporary"]
    index: int
    step: Step

    @property
    def citation(self) -> Citation:
        """The article the step encodes."""
        return self.step.citation

    def describe(self) -> str:
        """E.g. ``step 2 of the permanent line of president (office senate_president, becomes)``."""
        s = self.step
        return (
            f"step {self.index + 1} of the {self.line} line of {self.office} "
            f"({s.label()}, {s.mode}, {s.tenure.replace('_', ' ')}, {s.takes_effect.replace('_', ' ')})"
        )


class Skip(NamedTuple):
    """A place in a line that was passed over, and why."""

    step: StepRef
    person: str | None
    reason: SkipReason
    detail: str
    events: tuple[str, ...] = ()
    """The events behind the reason (e.g. the resignation that left the source office vacant)."""


class Basis(NamedTuple):
    """Why someone is where they are: the events and rule step that put them there."""

    kind: BasisKind
    instant: dt.datetime
    events: tuple[str, ...] = ()
    step: StepRef | None = None
    skipped: tuple[Skip, ...] = ()
    detail: str = ""
    prior: Basis | None = None
    vacancy: Vacancy | None = None
    """For a line succession: how the office came to be vacant."""

    def summary(self, *, chain: bool = False) -> str:
        """One line: what happened, under which article (with ``chain``, the
        earlier reasons too)."""
        parts = [self.detail] if self.detail else []
        if self.step is not None:
            parts.append(f"{self.step.citation}")
        if self.events:
            parts.append(("events " if len(self.events) > 1 else "event ") + ", ".join(self.events))
        text = "; ".join(parts) or self.kind
        if chain and self.prior is not None:
            text += f" (after: {self.prior.summary(chain=True)})"
        return text

    def chain(self) -> list[Basis]:
        """This reason and every earlier one, newest first."""
        out: list[Basis] = []
        b: Basis | None = self
        while b is not None:
            out.append(b)
            b = b.prior
        return out


class Tenure(NamedTuple):
    """A person holding, or exercising the powers of, an office."""

    person: str
    since: dt.datetime
    basis: Basis
    step: StepRef | None = None
    bound_to: str | None = None
    confirmed_by: str | None = None


class Entitlement(NamedTuple):
    """Someone entitled to an office who has not yet taken it up."""

    person: str
    since: dt.datetime
    basis: Basis
    step: StepRef | None
    kind: Literal["line", "elect"]


class Claim(NamedTuple):
    """Someone who took an office the rules in force do not give them."""

    person: str
    since: dt.datetime
    event: str
    reason: str


class Obligation(NamedTuple):
    """Something a succession obliges a body to do by a deadline."""

    kind: str
    description: str
    deadline: dt.datetime
    created: dt.datetime
    by: str | None
    citation: Citation
    events: tuple[str, ...]
    step: StepRef | None


class Suspension(NamedTuple):
    """The holder is temporarily unable to exercise the office."""

    cause: str
    since: dt.datetime
    event: str | None


class PendingResignation(NamedTuple):
    """A resignation submitted but not yet in effect."""

    person: str
    event: str
    submitted: dt.datetime
    effective_at: dt.datetime | None
    awaiting: str | None


class Vacancy(NamedTuple):
    """How an office came to be empty, and who its line passed over."""

    since: dt.datetime
    cause: str
    person: str | None
    events: tuple[str, ...]
    skipped: tuple[Skip, ...] = ()
    text: str = ""
    """How it fell vacant, in words (e.g. 'since 2019-11-10 (Evo Morales: resignation)')."""


class OfficeState(NamedTuple):
    """One office at one instant."""

    office: str
    tracked: bool = True
    holder: Tenure | None = None
    acting: Tenure | None = None
    suspension: Suspension | None = None
    entitled: Entitlement | None = None
    claims: tuple[Claim, ...] = ()
    obligations: tuple[Obligation, ...] = ()
    resignation: PendingResignation | None = None
    vacancy: Vacancy | None = None
    elect: Entitlement | None = None
    """Someone elected, appointed or designated who takes office later (a president-elect)."""

    @property
    def holder_id(self) -> str | None:
        """The de jure holder's id, or None when vacant."""
        return self.holder.person if self.holder is not None else None

    @property
    def acting_id(self) -> str | None:
        """Who exercises the powers in the holder's stead, if anyone."""
        return self.acting.person if self.acting is not None else None

    @property
    def exercising(self) -> str | None:
        """Whoever exercises the powers: the acting person, else an unsuspended holder."""
        if self.acting is not None:
            return self.acting.person
        if self.holder is not None and self.suspension is None:
            return self.holder.person
        return None

    @property
    def vacant(self) -> bool:
        """True when there is no de jure holder."""
        return self.holder is None

    @property
    def status(self) -> Literal["held", "suspended", "vacant", "unknown"]:
        """unknown (holder not recorded), vacant, suspended (the holder), or held."""
        if not self.tracked:
            return "unknown"
        if self.holder is None:
            return "vacant"
        return "suspended" if self.suspension is not None else "held"


class PersonState(NamedTuple):
    """What the engine knows of a person at one instant."""

    person: str
    alive: bool = True
    died: dt.datetime | None = None
    impeached: bool = False
    declined: frozenset[str] = frozenset()


class PeopleMap(Mapping[str, PersonState]):
    """An immutable map of person states that shares structure between
    versions: a write copies one bucket of a few dozen people, not all of them."""

    __slots__ = ("_buckets", "_len", "_slot")
    BUCKETS = 64

    def __init__(
        self, buckets: tuple[dict[str, PersonState], ...], length: int, slot: Mapping[str, int]
    ) -> None:
        self._buckets = buckets
        self._len = length
        self._slot = slot

    @classmethod
    def of(cls, people: Mapping[str, PersonState]) -> PeopleMap:
        """A map holding ``people``."""
        slot = {pid: i % cls.BUCKETS for i, pid in enumerate(people)}
        buckets: list[dict[str, PersonState]] = [{} for _ in range(cls.BUCKETS)]
        for pid, ps in people.items():
            buckets[slot[pid]][pid] = ps
        return cls(tuple(buckets), len(people), slot)

    def __getitem__(self, pid: str) -> PersonState:
        i = self._slot.get(pid)
        if i is None:
            raise KeyError(pid)
        return self._buckets[i][pid]

    def __iter__(self) -> Iterator[str]:
        return iter(self._slot)

    def __len__(self) -> int:
        return self._len

    def __reduce__(self) -> tuple[Any, ...]:
        return (PeopleMap.of, (dict(self.items()),))

    def set(self, pid: str, ps: PersonState) -> PeopleMap:
        """A new map with ``pid``'s state replaced."""
        i = self._slot[pid]
        bucket = dict(self._buckets[i])
        bucket[pid] = ps
        buckets = list(self._buckets)
        buckets[i] = bucket
        return PeopleMap(tuple(buckets), self._len, self._slot)


class State(NamedTuple):
    """Every office and person at one instant. Treat the mappings as read-only."""

    instant: dt.datetime
    offices: Mapping[str, OfficeState]
    people: Mapping[str, PersonState]

    def office(self, office: str) -> OfficeState:
        """The state of one office (QueryError naming the known offices if unknown)."""
        try:
            return self.offices[office]
        except KeyError:
            raise QueryError(
                f"unknown office {office!r}",
                hint=did_you_mean(office, self.offices, what="offices"),
            ) from None

    def offices_of(self, person: str) -> list[str]:
        """Offices the person holds de jure."""
        return [o for o, st in self.offices.items() if st.holder_id == person]


class Change(NamedTuple):
    """One difference between an entry's state and the previous one."""

    office: str
    aspect: Literal[
        "holder", "acting", "suspension", "entitled", "elect", "claim", "obligation", "basis"
    ]
    before: str | None
    after: str | None
    basis: Basis | None = None
    text: str = ""

    @property
    def detail(self) -> str:
        """Why: the recorded reason, or a short description."""
        if self.basis is not None:
            return self.basis.summary()
        return self.text


class Entry(NamedTuple):
    """The state after one event, batch of simultaneous events, or scheduled effect."""

    instant: dt.datetime
    kind: Literal["start", "event", "effect", "amendment"]
    events: tuple[str, ...]
    state: State
    changes: tuple[Change, ...] = ()
    notes: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    def label(self) -> str:
        """E.g. ``2019-11-12T18:41 anez-takes-senate-chair``."""
        what = (
            ", ".join(self.events)
            if self.events
            else ("a new version of the law" if self.kind == "amendment" else self.kind)
        )
        prefix = "effect of " if self.kind == "effect" else ""
        return f"{format_instant(self.instant)} {prefix}{what}"


@dataclass(frozen=True)
class Timeline:
    """What a scenario did, entry by entry, under one rule file."""

    rules: Rules
    """The rules in force at the end (the only rules, unless the law changed)."""
    scenario: Scenario
    entries: tuple[Entry, ...]
    versions: tuple[Rules, ...] = ()
    """When the scenario crossed a change of the law: each version applied, oldest first."""
    _instants: list[dt.datetime] = field(default_factory=list, repr=False, compare=False)

    def rules_at(self, instant: dt.datetime | dt.date | str) -> Rules:
        """The version of the law in force at ``instant`` (at the entry in force then)."""
        if not self.versions:
            return self.rules
        day = self.entry_at(instant).instant.date()
        for version in reversed(self.versions):
            if version.valid_from <= day:
                return version
        return self.versions[0]

    def __post_init__(self) -> None:
        self._instants.extend(e.instant for e in self.entries)

    @property
    def start(self) -> dt.datetime:
        """The instant of the starting holders."""
        return self.entries[0].instant

    @property
    def final(self) -> State:
        """The state after the last event."""
        return self.entries[-1].state

    def entry_at(self, instant: dt.datetime | dt.date | str) -> Entry:
        """The last entry at or before ``instant``."""
        instant = as_instant(instant)
        i = bisect.bisect_right(self._instants, instant)
        if i == 0:
            raise QueryError(
                f"{format_instant(instant)} is before the scenario starts ({format_instant(self.start)})",
                hint="ask about an instant at or after the start",
            )
        return self.entries[i - 1]

    def state_at(self, instant: dt.datetime | dt.date | str) -> State:
        """The state in force at ``instant`` (after every event at or before it)."""
        return self.entry_at(instant).state

    def holder(self, office: str, at: dt.datetime | dt.date | str) -> str | None:
        """The de jure holder of ``office`` at ``at``."""
        return self.state_at(at).office(office).holder_id

    def acting(self, office: str, at: dt.datetime | dt.date | str) -> str | None:
        """Who exercises the powers of ``office`` in the holder's stead at ``at``."""
        return self.state_at(at).office(office).acting_id

    def exercising(self, office: str, at: dt.datetime | dt.date | str) -> str | None:
        """Whoever exercises the powers of ``office`` at ``at``."""
        return self.state_at(at).office(office).exercising

    def person_name(self, person: str | None) -> str:
        """The display name of a person id (the id itself if unknown; 'nobody' for None)."""
        if person is None:
            return "nobody"
        for p in self.scenario.people:
            if p.id == person:
                return p.name
        return person

    def office_name(self, office: str) -> str:
        """The display name of an office id."""
        for rules in (self.rules, *reversed(self.versions)):
            found = rules.offices.get(office)
            if found is not None:
                return found.name
        return office
