"""Why: the engine's records put into words, and an office's state at an
instant as data.

The engine decides and records *what* happened and on what ground (a
:class:`~succession.engine.state.Basis`, a :class:`~succession.engine.state.Skip`,
a :class:`~succession.engine.state.Vacancy`, a claim's
:class:`~succession.engine.state.NotGiven`, a :class:`~succession.engine.state.Note`);
this module is the one place where those records are worded, and where an
office's recorded state at an instant is turned into an :class:`Explanation`:
who holds it, who exercises it, who is entitled or elected, who claims it and
why not de jure, the resignation pending, each obligation and whether it is
overdue, how it fell vacant, each reason with its chain of earlier reasons, the
events with their quoted sources and the rules with their citations. The
views (text, JSON, the report, compare) format this data; none re-derives a
decision.

**The overdue rule.** An obligation is overdue from its deadline on: at the
deadline instant the time allowed has run out (:func:`overdue`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from .engine.lines import LineEntry
from .engine.state import (
    Basis,
    Change,
    Claim,
    Failure,
    Note,
    NotGiven,
    Obligation,
    OfficeState,
    Skip,
    StepRef,
    Tenure,
    Vacancy,
    as_instant,
)
from .engine.timeline import Timeline
from .instants import format_instant
from .model.common import Citation
from .model.rules import Requirement, Rules

# --- the overdue rule ------------------------------------------------------------------------


def overdue(deadline: dt.datetime, at: dt.datetime) -> bool:
    """Whether an obligation with this deadline, not yet discharged, is
    overdue at ``at``: from the deadline instant on."""
    return at >= deadline


# --- names ------------------------------------------------------------------------------------


class Names:
    """People's and offices' display names in one timeline (an office as the
    version of the law in force at the instant in question names it)."""

    def __init__(self, timeline: Timeline) -> None:
        self.timeline = timeline
        self.people = {p.id: p.name for p in timeline.scenario.people}

    def person(self, pid: str | None) -> str:
        """A person's name (the id itself if unknown; 'nobody' for None)."""
        if pid is None:
            return "nobody"
        return self.people.get(pid, pid)

    def office(self, oid: str, at: dt.datetime | None = None) -> str:
        """An office's name under the law in force at ``at``."""
        return self.timeline.office_name(oid, at)

    def rules(self, at: dt.datetime) -> Rules:
        """The version of the law in force at ``at``."""
        return self.timeline.version_on(at.date())


# --- records in words --------------------------------------------------------------------------

_INSTALLED = {"appointed": "appointment", "elected": "election", "designated": "designation"}


def detail(b: Basis, names: Names) -> str:
    """What a basis records, in words, e.g. 'Jeanine Áñez becomes President of the State'."""
    who = names.person(b.person)
    if b.kind == "initial":
        return (
            "holder created by this version"
            if b.how == "created"
            else ("holder at the start of the scenario")
        )
    if b.kind in _INSTALLED:
        by = f" by {b.by}" if b.by else ""
        return f"{_INSTALLED[b.kind]} of {who}{by}"
    office = names.office(b.office, b.instant) if b.office else ""
    texts = {
        "becomes": f"{who} becomes {office}",
        "exercises": f"{who} exercises the powers of {office}",
        "entitled": f"{who} is entitled once they take office",
        "confirms_exercise": f"{who} takes up the exercise (confirms)",
        "new_term": f"{who} takes office for a new term",
        "confirms": f"{who} takes office (confirms)",
        "takes": f"{who} takes office",
        "as_entitled": f"{who} takes office as entitled",
    }
    return texts.get(b.how, "")


def summary(b: Basis, names: Names, *, chain: bool = False) -> str:
    """One line: what happened, under which article, by which events (with
    ``chain``, the earlier reasons too)."""
    said = detail(b, names)
    parts = [said] if said else []
    if b.step is not None:
        parts.append(f"{b.step.citation}")
    if b.events:
        parts.append(("events " if len(b.events) > 1 else "event ") + ", ".join(b.events))
    text = "; ".join(parts) or b.kind
    if chain and b.prior is not None:
        text += f" (after: {summary(b.prior, names, chain=True)})"
    return text


def has(failure: Failure) -> str:
    """What someone has, for a requirement they fail."""
    req, value = failure
    if req.min_age is not None and value is not None:
        return f"is {value}"
    if req.not_under_impeachment:
        return "is under impeachment"
    if req.confirmed_by is not None:
        return f"appointment confirmed by {value}" if value else "appointment not confirmed"
    if req.attribute is not None:
        return f"has {req.attribute} = {value!r}"
    return "does not meet it"


def failure_text(failure: Failure) -> str:
    """A requirement failed, e.g. 'requires at least 35 years old (Art. 2); is 34'."""
    req: Requirement = failure.requirement
    return f"requires {req.describe()} ({req.citation}); {has(failure)}"


def cause_text(v: Vacancy, names: Names) -> str:
    """How an office fell vacant, e.g. 'resignation', 'succeeded to President'."""
    if v.cause == "succeeded":
        return f"succeeded to {names.office(v.office or '', v.since)}"
    if v.cause == "left":
        return f"left {names.office(v.office or '', v.since)}"
    return {
        "took_another_office": "took another office",
        "start": "vacant at the start of the scenario",
        "created": "vacant created by this version",
    }.get(v.cause, v.cause)


def vacancy_text(v: Vacancy, names: Names) -> str:
    """E.g. 'since 2019-11-10 (Evo Morales: resignation)' (empty for an office
    vacant from the start, or from its creation)."""
    if v.cause in ("start", "created"):
        return ""
    return f"since {format_instant(v.since)} ({names.person(v.person)}: {cause_text(v, names)})"


def skip_text(s: Skip, names: Names, at: dt.datetime) -> str:
    """Why a line passes over a step's person, e.g. 'Vice President of the
    State is vacant since 2019-11-10 (Álvaro García Linera: resignation)'."""
    who = names.person(s.person)
    source = s.step.step.office
    if s.reason == "unknown_holder":
        return f"{names.office(source or '', at)}: holder not recorded in the scenario (assumed unavailable)"
    if s.reason == "vacant":
        text = f"{names.office(source or '', at)} is vacant"
        said = vacancy_text(s.vacancy, names) if s.vacancy is not None else ""
        if said:
            text += " " + said
        if s.entitled is not None:
            text += f"; {names.person(s.entitled)} is entitled to it once they take office"
        return text
    if s.reason == "suspended":
        return f"{who} is suspended from {names.office(source or '', at)} ({s.cause})"
    if s.reason == "ineligible" and s.failure is not None:
        return f"{who} is not eligible: {failure_text(s.failure)}"
    if s.reason == "awaiting_designation":
        return f"awaiting designation by {s.step.step.body}"
    return {
        "dead": f"{who} is dead",
        "declined": f"{who} declined or resigned it",
        "already_holder": f"{who} is the holder",
    }.get(s.reason, s.reason)


def not_given(claim: Claim, names: Names) -> str:
    """Why a claim is not de jure, e.g. 'President of the State is held by Evo
    Morales; their resignation awaits acceptance by assembly'."""
    n: NotGiven = claim.why
    at = claim.since
    office = names.office(n.office, at)
    who = names.person(n.person)
    if n.kind == "held":
        extra = ""
        r = n.resignation
        if r is not None and r.awaiting:
            extra = f"; their resignation awaits acceptance by {r.awaiting}"
        elif r is not None and r.effective_at:
            extra = f"; their resignation takes effect at {format_instant(r.effective_at)}"
        text = f"{office} is held by {who}{extra}"
    elif n.kind == "entitled":
        text = f"{who} is entitled to {office}"
    elif n.kind == "elect":
        text = f"{who} is to take {office} (elected or appointed)"
    elif n.kind == "acting":
        text = f"{who} exercises the powers of {office}"
    elif n.kind == "passed_over" and n.skip is not None:
        text = f"the line of {office} passes over {who}: {skip_text(n.skip, names, at)}"
    elif n.kind == "ineligible" and n.failure is not None:
        text = f"not eligible: {failure_text(n.failure)}"
    elif n.kind == "designation_held":
        text = f"a designation fills a vacancy, and {office} is held by {who}"
    else:
        text = f"the line of {office} does not lead to {who}"
    if n.exercise:
        text = (
            f"these rules do not give {names.person(claim.person)} the exercise of {office}: {text}"
        )
    return text


def obligation_text(ob: Obligation) -> str:
    """E.g. 'new elections within 90 days by 2020-02-10T18:41 (Art. 169.I (cpe2009))'."""
    return f"{ob.description} by {format_instant(ob.deadline)} ({ob.citation})"


def change_text(c: Change, names: Names) -> str:
    """Why an entry changed an office: the new person's reason, or what ended."""
    if c.basis is not None:
        return summary(c.basis, names)
    if c.aspect == "holder":
        v = c.vacancy
        if v is None:
            return "vacant"
        who = f"{v.person}: " if v.person else ""
        return f"vacant ({who}{cause_text(v, names)})"
    if c.aspect == "claim":
        return not_given(c.claim, names) if c.after and c.claim else "claim ended"
    if c.aspect == "obligation" and c.obligation is not None:
        ob = c.obligation
        return obligation_text(ob) if c.after else f"{ob.description}: discharged"
    return {
        "acting": "nobody acts",
        "suspension": "holder suspended" if c.after else "holder resumes",
        "entitled": "no one entitled",
        "elect": "no one elected",
    }.get(c.aspect, "")


def line_entry_text(e: LineEntry, names: Names, at: dt.datetime) -> str:
    """A step of a line report in words: who it draws on and what they would
    do, or why it passes over them."""
    who = names.person(e.person)
    if e.status == "skipped" and e.skip is not None:
        return skip_text(e.skip, names, at)
    if e.status == "current" and e.basis is not None:
        return summary(e.basis, names)
    if e.status == "entitled":
        return f"{who} is entitled once they take office"
    if e.status == "available":
        return f"{who} would succeed at once"
    return f"designation by {e.step.step.body}; later steps serve in the meantime"


def _recognised(causes: Sequence[str], what: str) -> str:
    """'; the causes it recognises: death, resignation' (or that it has none)."""
    if not causes:
        return f"; it recognises no {what}"
    return f"; the {what} it recognises: " + ", ".join(c.replace("_", " ") for c in causes)


def note_text(n: Note, names: Names, at: dt.datetime) -> str:
    """A note or warning of an entry, in words."""
    who = names.person(n.person)
    office = names.office(n.office, at) if n.office else ""
    other = names.office(n.other, at) if n.other else ""
    rules = names.rules(at)
    known = rules.offices.get(n.office or "")
    causes = f"{known.causes.citation}" if known is not None else ""
    rule = known.resignation if known is not None else None
    k = n.kind
    if k == "claimed" and n.claim is not None:
        return (
            f"{who} took {office} ({n.event}), which these rules do not give them: "
            f"{not_given(n.claim, names)}; recorded as a claim"
        )
    if k == "cause_not_recognised":
        return (
            f"{office} does not recognise {(n.cause or '').replace('_', ' ')} as a cause of "
            f"vacancy ({causes}); event {n.event} has no effect under these rules"
            + _recognised(known.causes.permanent if known is not None else [], "causes")
        )
    if k == "temporary_not_recognised":
        return (
            f"{office} does not recognise {(n.cause or '').replace('_', ' ')} as a temporary "
            f"cause ({causes}); {who} keeps exercising the office"
            + _recognised(known.causes.temporary if known is not None else [], "temporary causes")
        )
    if k == "acceptance_changes_nothing":
        if n.instant is not None:
            return (
                f"acceptance of {who}'s resignation changes nothing under these "
                f"rules: it takes effect at {format_instant(n.instant)}"
            )
        return "acceptance changes nothing"
    if k == "already_took_effect":
        cite = f"{rule.citation}" if rule else "effective on submission"
        return (
            f"{who}'s resignation of {office} ({n.event}) already took effect under these "
            f"rules ({cite}); the acceptance changes nothing"
        )
    if k == "version_in_force":
        version = n.version
        assert version is not None
        valid = f"{version.valid_from}" + (
            f" to {version.valid_until}" if version.valid_until else ""
        )
        return f"version {version.version} of the law is in force ({version.title}; {valid})"
    if k == "office_created" and n.version is not None:
        return f"{office} is created by version {n.version.version}"
    if k == "office_abolished" and n.version is not None:
        held = f" (held by {who})" if n.person is not None else ""
        return f"{office} is abolished by version {n.version.version}{held}"
    if k == "outside_validity":
        r = rules
        until = r.valid_until.isoformat() if r.valid_until else "open"
        return (
            f"{format_instant(at)} is outside the validity of these rules "
            f"({r.valid_from.isoformat()} to {until}); they are applied all the same"
        )
    step_cite = f"{n.step.citation}" if n.step is not None else ""
    texts = {
        "claim_de_jure": f"{who}'s claim to {office} is now de jure",
        "leaves_on_taking": f"{who} leaves {other} on taking {office}",
        "tenure_ends": f"{who}'s tenure of {office} ends",
        "leaves": f"{who} leaves {other} ({step_cite})",
        "no_longer_holds": (
            f"{who} no longer holds {other}, on which {office} depends ({step_cite})"
        ),
        "resignation_not_recognised": (
            f"{office} does not recognise resignation ({causes}); "
            f"{who} remains holder under these rules"
        ),
        "awaits_acceptance": (
            f"{who}'s resignation of {office} awaits acceptance by {n.body} "
            f"({rule.citation if rule else ''}); {who} remains holder"
        ),
        "takes_effect_at": (
            f"{who}'s resignation takes effect at {format_instant(n.instant) if n.instant else ''}"
        ),
        "stops_acting": f"{who} stops acting as {office}",
        "gives_up_claim": f"{who} gives up the claim to {office}",
        "accepted_by_other": (
            f"the resignation of {who} is accepted by {n.body}, but these rules "
            f"give that to {n.other_body}; it remains pending"
        ),
        "accepted_effective_later": (
            f"accepted; takes effect at {format_instant(n.instant) if n.instant else ''}"
        ),
        "accepted_now": (f"{n.body} accepts {who}'s resignation of {office}; it takes effect now"),
        "left_before": (
            f"{who} no longer holds {office} under these rules (they left it "
            "before their resignation took effect); the acceptance changes nothing"
        ),
        "resignation_ended": (
            f"{who}'s resignation of {office} ({n.event}) is {_how(n)}; {who} stays in office"
        ),
        "ended_after_effect": (
            f"{who}'s resignation of {office} ({n.event}) already took effect "
            f"under these rules; that it was {_how(n)} changes nothing"
        ),
        "declines": f"{who} declines their turn for {office}",
        "confirms_exercise": (
            f"{who} takes up the exercise of {office}, already theirs under these rules"
        ),
        "new_term": f"{who} begins a new term of {office}",
        "confirms": f"{who} takes up {office}, already theirs under these rules",
        "takes_office_later": f"{who} is entitled to {office} and takes office later",
        "comes_of_age": f"{who} reaches an age a rule requires",
        "resignation_takes_effect": (
            f"the resignation ({n.event}) of {n.person} takes effect as stated"
        ),
    }
    return texts.get(k, k)


def _how(n: Note) -> str:
    if n.cause == "rejected":
        return "rejected" + (f" by {n.body}" if n.body else "")
    return n.cause or ""


# --- an office's state as data -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EventNote:
    """An event with what it is and where it is reported."""

    id: str
    instant: dt.datetime
    type: str
    person: str | None
    office: str | None
    source: str
    """The quoted passage, or the citation of the public record."""
    document: str | None
    """The title of the quoted document (None for the public record)."""
    verified: bool
    version: str | None = None
    """The version of the law in force at the event, when the scenario crosses amendments."""
    url: str | None = None


@dataclass(frozen=True, slots=True)
class CitationNote:
    """A rule's citation with the title of the text it cites."""

    article: str
    source: str | None
    source_title: str | None
    verified: bool
    note: str | None

    def __str__(self) -> str:
        text = self.article + (f", {self.source_title}" if self.source_title else "")
        return text + ("" if self.verified else " [unverified]")


@dataclass(frozen=True, slots=True)
class StepNote:
    """A rule step: which line, which place, what it says, what it cites."""

    office: str
    line: str
    index: int
    draws_on: str
    mode: str
    tenure: str
    takes_effect: str
    citation: CitationNote


@dataclass(frozen=True, slots=True)
class SkipNote:
    """Someone (or an empty office) passed over by a line, and why."""

    step: StepNote
    person: str | None
    reason: str
    detail: str
    events: tuple[EventNote, ...]


@dataclass(frozen=True, slots=True)
class VacancyNote:
    """How an office came to be vacant."""

    since: dt.datetime
    cause: str
    """How, in words (e.g. 'resignation', 'succeeded to President of the Senate')."""
    person: str | None
    events: tuple[EventNote, ...]
    skipped: tuple[SkipNote, ...]
    text: str = ""
    """E.g. 'since 2019-11-10 (Evo Morales: resignation)'."""


@dataclass(frozen=True, slots=True)
class Link:
    """One recorded reason in a chain, newest first."""

    kind: str
    instant: dt.datetime
    detail: str
    events: tuple[EventNote, ...]
    step: StepNote | None
    skipped: tuple[SkipNote, ...]
    vacancy: VacancyNote | None
    version: str | None = None
    """The version of the law applied at that instant, when the scenario crosses amendments."""
    summary: str = ""
    """The reason in one line: what, under which article, by which events."""


@dataclass(frozen=True, slots=True)
class RoleNote:
    """A person in a role (holder, acting, entitled, elect) and the chain that put them there."""

    role: Literal["holder", "acting", "entitled", "elect"]
    person: str
    since: dt.datetime
    chain: tuple[Link, ...]
    ex_officio_from: str | None = None

    @property
    def summary(self) -> str:
        """The newest reason, in one line."""
        return self.chain[0].summary if self.chain else ""


@dataclass(frozen=True, slots=True)
class ClaimNote:
    """Someone who took the office without the rules giving it to them."""

    person: str
    since: dt.datetime
    reason: str
    """Why it is not de jure, in words."""
    event: EventNote | None
    event_id: str = ""


@dataclass(frozen=True, slots=True)
class ObligationNote:
    """A pending obligation, and whether it is overdue (:func:`overdue`)."""

    kind: str
    description: str
    deadline: dt.datetime
    overdue: bool
    by: str | None
    citation: CitationNote
    cited: str = ""
    """The citation as the rule file gives it (article, source, [unverified])."""


@dataclass(frozen=True, slots=True)
class PendingNote:
    """A resignation submitted and not yet in effect."""

    person: str
    event: str
    awaiting: str | None
    effective_at: dt.datetime | None


@dataclass(frozen=True, slots=True)
class Explanation:
    """Who holds and who exercises an office at an instant, and why."""

    office: str
    office_name: str
    instant: dt.datetime
    status: Literal["held", "suspended", "vacant", "unknown"]
    holder: RoleNote | None
    acting: RoleNote | None
    entitled: RoleNote | None
    elect: RoleNote | None
    claims: tuple[ClaimNote, ...]
    obligations: tuple[ObligationNote, ...]
    vacancy: VacancyNote | None
    suspension: str | None
    pending_resignation: str | None
    rules: str = ""
    """The rules in force at the instant asked (with the version when there are several)."""
    pending: PendingNote | None = None
    suspension_cause: str | None = None
    exercising: str | None = None
    """Whoever exercises the powers: the acting person, else an unsuspended holder."""


class Explainer:
    """Turns one timeline's records into notes with sources and citations."""

    def __init__(self, timeline: Timeline) -> None:
        self.t = timeline
        self.names = Names(timeline)
        self.events = {e.id: e for e in timeline.scenario.events}
        self.documents = {d.id: d.title for d in timeline.scenario.documents}
        self.sources = {
            s.id: s.title for r in (*timeline.versions, timeline.rules) for s in r.sources
        }

    def citation(self, c: Citation) -> CitationNote:
        """A citation with the title of its source."""
        return CitationNote(
            c.article, c.source, self.sources.get(c.source or ""), c.verified, c.note
        )

    def event(self, eid: str) -> EventNote | None:
        """An event with its quoted source (None for an event the scenario does not have)."""
        ev = self.events.get(eid)
        if ev is None:
            return None
        src = ev.source
        if src.quote is not None:
            text, doc = src.quote.strip(), self.documents.get(src.document or "", src.document)
        else:
            text, doc = (src.record or "").strip(), None
        return EventNote(
            ev.id,
            ev.instant,
            ev.type,
            ev.person,
            ev.office,
            " ".join(text.split()),
            doc,
            src.verified,
            self.version(ev.instant),
            src.url,
        )

    def version(self, instant: dt.datetime) -> str | None:
        """The version of the law in force at ``instant``, if the scenario crosses amendments."""
        if not self.t.versions:
            return None
        return self.t.version_on(instant.date()).version

    def events_of(self, ids: tuple[str, ...]) -> tuple[EventNote, ...]:
        """The events of ``ids`` the scenario has."""
        return tuple(n for n in (self.event(i) for i in ids) if n is not None)

    def step(self, ref: StepRef | None) -> StepNote | None:
        """A rule step with its citation."""
        if ref is None:
            return None
        s = ref.step
        return StepNote(
            ref.office,
            ref.line,
            ref.index,
            s.draws_on,
            s.mode,
            s.tenure,
            s.takes_effect,
            self.citation(s.citation),
        )

    def skip(self, s: Skip, at: dt.datetime) -> SkipNote:
        """Someone passed over, and why."""
        step = self.step(s.step)
        assert step is not None
        return SkipNote(
            step, s.person, s.reason, skip_text(s, self.names, at), self.events_of(s.events)
        )

    def vacancy(self, v: Vacancy | None, at: dt.datetime) -> VacancyNote | None:
        """How an office fell vacant."""
        if v is None:
            return None
        return VacancyNote(
            v.since,
            cause_text(v, self.names),
            v.person,
            self.events_of(v.events),
            tuple(self.skip(s, at) for s in v.skipped),
            vacancy_text(v, self.names),
        )

    def chain(self, basis: Basis) -> tuple[Link, ...]:
        """A reason and every earlier one, newest first."""
        return tuple(
            Link(
                b.kind,
                b.instant,
                detail(b, self.names),
                self.events_of(b.events),
                self.step(b.step),
                tuple(self.skip(s, b.instant) for s in b.skipped),
                self.vacancy(b.vacancy, b.instant),
                self.version(b.instant),
                summary(b, self.names),
            )
            for b in basis.chain()
        )

    def role(
        self, role: Literal["holder", "acting", "entitled", "elect"], tenure: Any
    ) -> RoleNote | None:
        """A person in a role, with the chain of reasons."""
        if tenure is None:
            return None
        bound = tenure.bound_to if isinstance(tenure, Tenure) else None
        return RoleNote(role, tenure.person, tenure.since, self.chain(tenure.basis), bound)

    def obligation(self, o: Obligation, at: dt.datetime) -> ObligationNote:
        """An obligation pending at ``at``."""
        return ObligationNote(
            o.kind,
            o.description,
            o.deadline,
            overdue(o.deadline, at),
            o.by,
            self.citation(o.citation),
            f"{o.citation}",
        )

    def explain(self, st: OfficeState, at: dt.datetime) -> Explanation:
        """An office's state at ``at`` (as recorded in the entry in force then)."""
        claims = tuple(
            ClaimNote(c.person, c.since, not_given(c, self.names), self.event(c.event), c.event)
            for c in st.claims
        )
        suspension = None
        if st.suspension is not None:
            suspension = f"{st.suspension.cause} since {st.suspension.since:%Y-%m-%d %H:%M}"
        pending = pending_text = None
        if st.resignation is not None:
            r = st.resignation
            pending = PendingNote(r.person, r.event, r.awaiting, r.effective_at)
            pending_text = (
                f"resignation {r.event} awaiting acceptance by {r.awaiting}"
                if r.awaiting
                else f"resignation {r.event} takes effect at {r.effective_at}"
            )
        return Explanation(
            st.office,
            self.names.office(st.office, at),
            at,
            st.status,
            self.role("holder", st.holder),
            self.role("acting", st.acting),
            self.role("entitled", st.entitled),
            self.role("elect", st.elect),
            claims,
            tuple(self.obligation(o, at) for o in st.obligations),
            self.vacancy(st.vacancy, at) if st.holder is None else None,
            suspension,
            pending_text,
            self.rules_text(at),
            pending,
            st.suspension.cause if st.suspension is not None else None,
            st.exercising,
        )

    def rules_text(self, at: dt.datetime) -> str:
        """The rules in force at ``at``, by title (and version, when there are several)."""
        rules = self.t.rules_at(at)
        if self.t.versions:
            return f"version {rules.version}: {rules.title}"
        return rules.title


def explain(
    timeline: Timeline, office: str, at: dt.datetime | dt.date | str | None = None
) -> Explanation:
    """The derivation of who holds and who exercises ``office`` at ``at``
    (after the last event by default)."""
    when = as_instant(at) if at is not None else timeline.final.instant
    st = timeline.state_at(when).office(office)
    return Explainer(timeline).explain(st, when)
