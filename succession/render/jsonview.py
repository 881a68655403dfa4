"""Timelines, states and line reports as plain JSON-ready data.

Views show what the engine recorded; they decide nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..engine.lines import LineEntry, LineReport
from ..engine.state import (
    Basis,
    OfficeState,
    Skip,
    State,
    StepRef,
    Tenure,
)
from ..engine.timeline import Entry, Timeline
from ..errors import SuccessionError
from ..expect import Mismatch
from ..instants import format_instant
from ..model.common import Citation
from ..why import (
    Explanation,
    Names,
    cause_text,
    change_text,
    detail,
    line_entry_text,
    not_given,
    note_text,
    overdue,
    skip_text,
    summary,
)


def instant(value: dt.datetime | None) -> str | None:
    """An instant as ``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM``."""
    return format_instant(value) if value is not None else None


def citation(c: Citation) -> dict[str, Any]:
    """A citation."""
    return {"article": c.article, "source": c.source, "verified": c.verified, "note": c.note}


def step(ref: StepRef) -> dict[str, Any]:
    """A step reference with what it says."""
    s = ref.step
    return {
        "office": ref.office,
        "line": ref.line,
        "index": ref.index,
        "id": s.id,
        "draws_on": {"office": s.office, "person": s.person, "body": s.body},
        "mode": s.mode,
        "tenure": s.tenure,
        "takes_effect": s.takes_effect,
        "citation": citation(s.citation),
    }


def skip(s: Skip, names: Names, at: dt.datetime) -> dict[str, Any]:
    """A place in a line that was passed over."""
    return {
        "step": s.step.index,
        "draws_on": s.step.step.draws_on,
        "person": s.person,
        "reason": s.reason,
        "detail": skip_text(s, names, at),
    }


def basis(b: Basis | None, names: Names) -> dict[str, Any] | None:
    """The recorded reason, with the chain of earlier reasons."""
    if b is None:
        return None
    return {
        "kind": b.kind,
        "instant": instant(b.instant),
        "events": list(b.events),
        "step": step(b.step) if b.step else None,
        "skipped": [skip(s, names, b.instant) for s in b.skipped],
        "detail": detail(b, names),
        "summary": summary(b, names),
        "prior": basis(b.prior, names),
    }


def tenure(t: Tenure | None, names: Names) -> dict[str, Any] | None:
    """A holder or acting person, with since when and why."""
    if t is None:
        return None
    return {
        "person": t.person,
        "since": instant(t.since),
        "ex_officio_from": t.bound_to,
        "confirmed_by": t.confirmed_by,
        "basis": basis(t.basis, names),
    }


def office_state(st: OfficeState, names: Names, at: dt.datetime) -> dict[str, Any]:
    """One office at ``at``: ``holder`` and ``acting`` ids first, then the details."""
    return {
        "holder": st.holder_id,
        "acting": st.acting_id,
        "exercising": st.exercising,
        "status": st.status,
        "suspension": (
            {
                "cause": st.suspension.cause,
                "since": instant(st.suspension.since),
                "event": st.suspension.event,
            }
            if st.suspension
            else None
        ),
        "entitled": (
            {
                "person": st.entitled.person,
                "kind": st.entitled.kind,
                "since": instant(st.entitled.since),
                "basis": basis(st.entitled.basis, names),
            }
            if st.entitled
            else None
        ),
        "elect": (
            {
                "person": st.elect.person,
                "since": instant(st.elect.since),
                "basis": basis(st.elect.basis, names),
            }
            if st.elect
            else None
        ),
        "claimants": [
            {
                "person": c.person,
                "since": instant(c.since),
                "event": c.event,
                "reason": not_given(c, names),
            }
            for c in st.claims
        ],
        "obligations": [
            {
                "kind": o.kind,
                "description": o.description,
                "deadline": instant(o.deadline),
                "overdue": overdue(o.deadline, at),
                "by": o.by,
                "citation": citation(o.citation),
            }
            for o in st.obligations
        ],
        "pending_resignation": (
            {
                "person": st.resignation.person,
                "event": st.resignation.event,
                "effective_at": instant(st.resignation.effective_at),
                "awaiting": st.resignation.awaiting,
            }
            if st.resignation
            else None
        ),
        "vacancy": (
            {
                "since": instant(st.vacancy.since),
                "cause": cause_text(st.vacancy, names),
                "person": st.vacancy.person,
                "events": list(st.vacancy.events),
                "skipped": [skip(s, names, at) for s in st.vacancy.skipped],
            }
            if st.vacancy and st.holder is None
            else None
        ),
        "holder_detail": tenure(st.holder, names),
        "acting_detail": tenure(st.acting, names),
    }


def state(t: Timeline, s: State, asked: dt.datetime | None = None) -> dict[str, Any]:
    """The state at an instant."""
    at = asked or s.instant
    names = Names(t)
    return {
        "instant": instant(at),
        "as_of": instant(s.instant),
        "offices": {oid: office_state(st, names, at) for oid, st in s.offices.items()},
    }


def entry(e: Entry, names: Names) -> dict[str, Any]:
    """One timeline entry: what happened and what changed."""
    return {
        "instant": instant(e.instant),
        "kind": e.kind,
        "events": list(e.events),
        "changes": [
            {
                "office": c.office,
                "aspect": c.aspect,
                "before": c.before,
                "after": c.after,
                "detail": change_text(c, names),
            }
            for c in e.changes
        ],
        "notes": [note_text(n, names, e.instant) for n in e.notes],
        "warnings": [note_text(w, names, e.instant) for w in e.warnings],
        "holders": {oid: st.holder_id for oid, st in e.state.offices.items()},
        "exercising": {oid: st.exercising for oid, st in e.state.offices.items()},
    }


def timeline(t: Timeline) -> dict[str, Any]:
    """A whole timeline."""
    names = Names(t)
    return {
        "scenario": t.scenario.title,
        "rules": {
            "jurisdiction": t.rules.jurisdiction,
            "title": t.rules.title,
            "version": t.rules.version,
            "reading": t.rules.reading,
        },
        "versions": [
            {
                "version": r.version,
                "title": r.title,
                "valid_from": r.valid_from.isoformat(),
                "valid_until": r.valid_until.isoformat() if r.valid_until else None,
            }
            for r in t.versions
        ],
        "entries": [entry(e, names) for e in t.entries],
    }


def line_entry(e: LineEntry, names: Names, at: dt.datetime) -> dict[str, Any]:
    """One step of a line report."""
    return {
        "step": e.step.index + 1,
        "draws_on": e.step.step.draws_on,
        "mode": e.step.step.mode,
        "takes_effect": e.step.step.takes_effect,
        "citation": citation(e.step.citation),
        "person": e.person,
        "status": e.status,
        "detail": line_entry_text(e, names, at),
        "line_of_source": [line_entry(n, names, at) for n in e.nested],
    }


def line_report(t: Timeline, r: LineReport) -> dict[str, Any]:
    """A line of succession evaluated at an instant."""
    names = Names(t)
    return {
        "office": r.office,
        "line": r.kind,
        "instant": instant(r.instant),
        "holder": r.holder,
        "exercising": r.exercising,
        "hypothetical": r.hypothetical,
        "next": r.next_available,
        "steps": [line_entry(e, names, r.instant) for e in r.entries],
    }


def mismatch(t: Timeline, m: Mismatch) -> dict[str, Any]:
    """One failed expectation, with the run's warnings about its office up to then."""
    names = Names(t)
    loc = m.location
    return {
        "at": format_instant(m.at),
        "reading": m.reading,
        "office": m.office,
        "aspect": m.aspect,
        "expected": m.expected,
        "actual": m.actual,
        "file": loc.file if loc else None,
        "line": loc.line if loc else None,
        "column": loc.column if loc else None,
        "warnings": [
            {"at": format_instant(at), "kind": n.kind, "text": note_text(n, names, at)}
            for at, n in m.warnings
        ],
    }


def error(exc: SuccessionError) -> dict[str, Any]:
    """An error as data."""
    return exc.to_json()


def explanation(ex: Explanation) -> dict[str, Any]:
    """An explanation as data (every field of the dataclasses, instants as text)."""
    import dataclasses

    def conv(value: Any) -> Any:
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return {f.name: conv(getattr(value, f.name)) for f in dataclasses.fields(value)}
        if isinstance(value, tuple | list):
            return [conv(v) for v in value]
        if isinstance(value, dt.datetime):
            return instant(value)
        return value

    return conv(ex)  # type: ignore[no-any-return]
