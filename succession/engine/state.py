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
    from ..model.rules import Requirement, Rules, Step
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


class Failure(NamedTuple):
    """A requirement someone fails, and what they have instead."""

    requirement: Requirement
    value: Any = None
    """Their age (min_age), the body that consented to their appointment
    (confirmed_by), or the value of the attribute."""


class Skip(NamedTuple):
    """A place in a line that was passed over, and why (as data: the words
    are :mod:`succession.why`'s)."""

    step: StepRef
    person: str | None
    reason: SkipReason
    events: tuple[str, ...] = ()
    """The events behind the reason (e.g. the resignation that left the source office vacant)."""
    vacancy: Vacancy | None = None
    """vacant: how the source office fell vacant."""
    entitled: str | None = None
    """vacant: who is entitled to the source office once they take it up."""
    cause: str | None = None
    """suspended: the temporary cause."""
    failure: Failure | None = None
    """ineligible: the requirement failed."""


#: How a basis came about, within its kind: a holder at the start (``start``)
#: or of an office a new version creates (``created``); by a line, someone who
#: ``becomes`` holder, ``exercises`` the powers, or is ``entitled`` once they
#: take office; by took_office, a holder or acting person who ``confirms`` (or
#: ``confirms_exercise``), a holder beginning a ``new_term``, an elect who
#: ``takes`` office, someone entitled who takes office ``as_entitled``.
BasisHow = Literal[
    "",
    "start",
    "created",
    "becomes",
    "exercises",
    "entitled",
    "confirms",
    "confirms_exercise",
    "new_term",
    "takes",
    "as_entitled",
]


class Basis(NamedTuple):
    """Why someone is where they are: the events and rule step that put them
    there (as data: the words are :mod:`succession.why`'s)."""

    kind: BasisKind
    instant: dt.datetime
    events: tuple[str, ...] = ()
    step: StepRef | None = None
    skipped: tuple[Skip, ...] = ()
    prior: Basis | None = None
    vacancy: Vacancy | None = None
    """For a line succession: how the office came to be vacant."""
    person: str | None = None
    office: str | None = None
    how: BasisHow = ""
    by: str | None = None
    """For an appointment, election or designation: the body that made it."""

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


class NotGiven(NamedTuple):
    """Why the rules in force do not give someone an office they took (as
    data: the words are :mod:`succession.why`'s)."""

    kind: Literal[
        "held", "entitled", "elect", "acting", "passed_over", "not_in_line", "ineligible",
        "designation_held",
    ]  # fmt: skip
    office: str
    person: str | None = None
    """The holder, the person entitled or elected, or the person acting (who
    is given the office instead); the claimant for the other kinds."""
    resignation: PendingResignation | None = None
    """held: the holder's resignation, pending."""
    skip: Skip | None = None
    """passed_over: why the line passes over the claimant."""
    failure: Failure | None = None
    """ineligible: the requirement the claimant fails."""
    exercise: bool = False
    """The claim is to exercise the office (an oath as acting), not to hold it."""


class Claim(NamedTuple):
    """Someone who took an office the rules in force do not give them."""

    person: str
    since: dt.datetime
    event: str
    why: NotGiven


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


#: How an office fell vacant, besides the causes of vacancy of the rule format:
#: its holder ``succeeded`` to another office or ``left`` the office theirs was
#: held ex officio of (``office`` names it), ``took_another_office`` by
#: election or appointment; ``start``: vacant at the start of the scenario;
#: ``created``: vacant when a new version of the law created it.
VACANCY_CAUSES = ("succeeded", "left", "took_another_office", "start", "created")


class Vacancy(NamedTuple):
    """How an office came to be empty, and who its line passed over."""

    since: dt.datetime
    cause: str
    """A cause of vacancy of the rule format, or one of :data:`VACANCY_CAUSES`."""
    person: str | None
    events: tuple[str, ...]
    skipped: tuple[Skip, ...] = ()
    office: str | None = None
    """succeeded, left: the other office."""


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
    """One difference between an entry's state and the previous one (as
    data: the words are :mod:`succession.why`'s)."""

    office: str
    aspect: Literal[
        "holder", "acting", "suspension", "entitled", "elect", "claim", "obligation", "basis"
    ]
    before: str | None
    after: str | None
    basis: Basis | None = None
    """The reason of the new holder, acting, entitled or elected person."""
    vacancy: Vacancy | None = None
    """holder: how the office fell vacant."""
    claim: Claim | None = None
    obligation: Obligation | None = None
    cause: str | None = None
    """suspension: the temporary cause."""


class Note(NamedTuple):
    """A note or a warning of an entry (as data: the words are
    :mod:`succession.why`'s). ``kind`` says what happened; the other fields
    are those it needs."""

    kind: str
    person: str | None = None
    office: str | None = None
    other: str | None = None
    """Another office (the one left, the one depended on)."""
    event: str | None = None
    cause: str | None = None
    instant: dt.datetime | None = None
    body: str | None = None
    other_body: str | None = None
    step: StepRef | None = None
    claim: Claim | None = None
    version: Rules | None = None


class Entry(NamedTuple):
    """The state after one event, batch of simultaneous events, or scheduled effect."""

    instant: dt.datetime
    kind: Literal["start", "event", "effect", "amendment"]
    events: tuple[str, ...]
    state: State
    changes: tuple[Change, ...] = ()
    notes: tuple[Note, ...] = ()
    warnings: tuple[Note, ...] = ()

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
        return self.version_on(self.entry_at(instant).instant.date())

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

    def office_name(self, office: str, at: dt.datetime | None = None) -> str:
        """The display name of an office id: as the version of the law in
        force at ``at`` names it (without ``at``, or if that version does not
        have the office, the latest version that does)."""
        if at is not None and self.versions:
            found = self.version_on(at.date()).offices.get(office)
            if found is not None:
                return found.name
        for rules in (self.rules, *reversed(self.versions)):
            known = rules.offices.get(office)
            if known is not None:
                return known.name
        return office

    def version_on(self, day: dt.date) -> Rules:
        """The version of the law in force on ``day`` (the first one before them all)."""
        if not self.versions:
            return self.rules
        for version in reversed(self.versions):
            if version.valid_from <= day:
                return version
        return self.versions[0]
