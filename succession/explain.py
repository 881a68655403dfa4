"""Why someone holds or exercises an office: the recorded derivation as data.

The engine records a :class:`~succession.engine.state.Basis` for every
holder, acting person and entitled person; this module follows those
records back, attaching to each event its quoted source and to each rule step
its citation. It decides nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from .engine.state import Basis, OfficeState, Skip, Tenure, Timeline, Vacancy, as_instant
from .model.common import Citation
from .model.scenario import Event


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
    person: str | None
    events: tuple[EventNote, ...]
    skipped: tuple[SkipNote, ...]


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


@dataclass(frozen=True, slots=True)
class RoleNote:
    """A person in a role (holder, acting, entitled) and the chain that put them there."""

    role: Literal["holder", "acting", "entitled", "elect"]
    person: str
    since: dt.datetime
    chain: tuple[Link, ...]
    ex_officio_from: str | None = None


@dataclass(frozen=True, slots=True)
class ClaimNote:
    """Someone who took the office without the rules giving it to them."""

    person: str
    since: dt.datetime
    reason: str
    event: EventNote | None


@dataclass(frozen=True, slots=True)
class ObligationNote:
    """A pending obligation."""

    kind: str
    description: str
    deadline: dt.datetime
    overdue: bool
    by: str | None
    citation: CitationNote


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


class _Explainer:
    def __init__(self, timeline: Timeline) -> None:
        self.t = timeline
        self.events = {e.id: e for e in timeline.scenario.events}
        self.documents = {d.id: d.title for d in timeline.scenario.documents}
        self.sources = {
            s.id: s.title for r in (*timeline.versions, timeline.rules) for s in r.sources
        }

    def citation(self, c: Citation) -> CitationNote:
        return CitationNote(
            c.article, c.source, self.sources.get(c.source or ""), c.verified, c.note
        )

    def event(self, eid: str) -> EventNote | None:
        ev: Event | None = self.events.get(eid)
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
        )

    def version(self, instant: dt.datetime) -> str | None:
        """The version of the law in force at ``instant``, if the scenario crosses amendments."""
        if not self.t.versions:
            return None
        chosen = self.t.versions[0]
        for r in self.t.versions:
            if r.valid_from <= instant.date():
                chosen = r
        return chosen.version

    def events_of(self, ids: tuple[str, ...]) -> tuple[EventNote, ...]:
        return tuple(n for n in (self.event(i) for i in ids) if n is not None)

    def step(self, basis_step: object) -> StepNote | None:
        from .engine.state import StepRef

        if not isinstance(basis_step, StepRef):
            return None
        s = basis_step.step
        return StepNote(
            basis_step.office,
            basis_step.line,
            basis_step.index,
            s.draws_on,
            s.mode,
            s.tenure,
            s.takes_effect,
            self.citation(s.citation),
        )

    def skip(self, s: Skip) -> SkipNote:
        step = self.step(s.step)
        assert step is not None
        return SkipNote(step, s.person, s.reason, s.detail, self.events_of(s.events))

    def vacancy(self, v: Vacancy | None) -> VacancyNote | None:
        if v is None:
            return None
        return VacancyNote(
            v.since,
            v.cause,
            v.person,
            self.events_of(v.events),
            tuple(self.skip(s) for s in v.skipped),
        )

    def chain(self, basis: Basis) -> tuple[Link, ...]:
        return tuple(
            Link(
                b.kind,
                b.instant,
                b.detail,
                self.events_of(b.events),
                self.step(b.step),
                tuple(self.skip(s) for s in b.skipped),
                self.vacancy(b.vacancy),
                self.version(b.instant),
            )
            for b in basis.chain()
        )

    def role(
        self, role: Literal["holder", "acting", "entitled"], tenure: Tenure | None
    ) -> RoleNote | None:
        if tenure is None:
            return None
        return RoleNote(
            role, tenure.person, tenure.since, self.chain(tenure.basis), tenure.bound_to
        )

    def explain(self, st: OfficeState, at: dt.datetime) -> Explanation:
        status = st.status
        entitled = None
        if st.entitled is not None:
            e = st.entitled
            entitled = RoleNote("entitled", e.person, e.since, self.chain(e.basis))
        elect = None
        if st.elect is not None:
            elect = RoleNote("elect", st.elect.person, st.elect.since, self.chain(st.elect.basis))
        claims = tuple(
            ClaimNote(c.person, c.since, c.reason, self.event(c.event)) for c in st.claims
        )
        obligations = tuple(
            ObligationNote(
                o.kind, o.description, o.deadline, o.deadline < at, o.by, self.citation(o.citation)
            )
            for o in st.obligations
        )
        suspension = None
        if st.suspension is not None:
            suspension = f"{st.suspension.cause} since {st.suspension.since:%Y-%m-%d %H:%M}"
        pending = None
        if st.resignation is not None:
            r = st.resignation
            pending = (
                f"resignation {r.event} awaiting acceptance by {r.awaiting}"
                if r.awaiting
                else f"resignation {r.event} takes effect at {r.effective_at}"
            )
        return Explanation(
            st.office,
            self.t.office_name(st.office),
            at,
            status,
            self.role("holder", st.holder),
            self.role("acting", st.acting),
            entitled,
            elect,
            claims,
            obligations,
            self.vacancy(st.vacancy) if st.holder is None else None,
            suspension,
            pending,
            self.rules_text(at),
        )

    def rules_text(self, at: dt.datetime) -> str:
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
    return _Explainer(timeline).explain(st, when)
