"""The public records of the engine: who holds and who exercises each
office at an instant (:class:`State`, :class:`OfficeState`), and why (a
:class:`Basis` and the records it points to), as immutable values.

A timeline (:mod:`~succession.engine.timeline`) gives a :class:`State` for
every entry, decoded from the run's compact record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from ..errors import QueryError, did_you_mean, expect_type
from ..instants import format_instant, parse_instant


def as_instant(value: dt.datetime | dt.date | str) -> dt.datetime:
    """A datetime from a datetime, a date (its end) or ISO text."""
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return parse_instant(value.isoformat())
    expect_type(value, str, "an instant", "a date, a datetime or text such as '2019-11-12T18:45'")
    try:
        return parse_instant(value)
    except ValueError as exc:
        raise QueryError(str(exc), hint="write 2019-11-12 or 2019-11-12T18:45") from None


if TYPE_CHECKING:
    from ..model.common import Citation
    from ..model.rules import Requirement, Rules, Step

EntryKind = Literal["start", "event", "effect", "amendment"]
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
    requirements: tuple[Requirement, ...] = field(default=(), compare=False, repr=False)
    """What the step's person must meet: the office's requirements, then the step's."""

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

    def __repr__(self) -> str:
        return (
            f"<OfficeState {self.office}: {self.status}, holder {self.holder_id}, "
            f"exercised by {self.exercising}>"
        )

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


class State(NamedTuple):
    """Every office and person at one instant. Treat the mappings as read-only."""

    instant: dt.datetime
    offices: Mapping[str, OfficeState]
    people: Mapping[str, PersonState]

    def __repr__(self) -> str:
        return f"<State at {format_instant(self.instant)}: {len(self.offices)} offices>"

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


def changes(old: Any, new: Any) -> list[Change]:
    """What one change of an office's state changed, as the timeline shows
    it: a new holder, acting, entitled or elected person (or none), a holder
    suspended or resuming, claims and obligations added or ended. ``old`` and
    ``new`` are the office before and after (records compared by identity)."""
    oid = new.office
    out: list[Change] = []
    add = out.append
    old_h, new_h = old.holder, new.holder
    new_holder_id = new_h.person if new_h is not None else None
    new_acting_id = new.acting.person if new.acting is not None else None
    if old_h is not new_h:
        old_holder_id = old_h.person if old_h is not None else None
        if old_holder_id != new_holder_id:
            add(
                Change(
                    oid,
                    "holder",
                    old_holder_id,
                    new_holder_id,
                    new_h.basis if new_h is not None else None,
                    vacancy=new.vacancy,
                )
            )
        elif new_h is not None:
            add(Change(oid, "basis", old_holder_id, new_holder_id, new_h.basis))
    if old.acting is not new.acting:
        old_acting_id = old.acting.person if old.acting is not None else None
        if old_acting_id != new_acting_id:
            add(
                Change(
                    oid,
                    "acting",
                    old_acting_id,
                    new_acting_id,
                    new.acting.basis if new.acting is not None else None,
                )
            )
    if (old.suspension is None) != (new.suspension is None) and new_h is not None:
        add(
            Change(
                oid,
                "suspension",
                old.suspension.cause if old.suspension is not None else None,
                new.suspension.cause if new.suspension is not None else None,
            )
        )
    if old.entitled is not new.entitled:
        old_e = old.entitled.person if old.entitled is not None else None
        new_e = new.entitled.person if new.entitled is not None else None
        if old_e != new_e and not (new_e is None and old_e in (new_holder_id, new_acting_id)):
            add(
                Change(
                    oid,
                    "entitled",
                    old_e,
                    new_e,
                    new.entitled.basis if new.entitled is not None else None,
                )
            )
    if old.elect is not new.elect:
        old_x = old.elect.person if old.elect is not None else None
        new_x = new.elect.person if new.elect is not None else None
        if old_x != new_x and not (new_x is None and old_x == new_holder_id):
            add(
                Change(
                    oid,
                    "elect",
                    old_x,
                    new_x,
                    new.elect.basis if new.elect is not None else None,
                )
            )
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
    return out


def _added_removed(old: tuple[Any, ...], new: tuple[Any, ...]) -> tuple[list[Any], list[Any]]:
    """Items of ``new`` not in ``old`` and of ``old`` not in ``new``, by identity."""
    old_ids = {id(x) for x in old}
    new_ids = {id(x) for x in new}
    return [x for x in new if id(x) not in old_ids], [x for x in old if id(x) not in new_ids]


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
