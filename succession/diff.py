"""Where timelines part: per office, the intervals in which two or more runs
of a scenario (under other readings of the law, or with other events) put
different people in place.

Used by ``compare`` (one scenario, several readings) and ``what-if`` (one
scenario as recorded against a changed copy).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .engine.state import OfficeState
from .engine.timeline import Timeline
from .instants import format_instant
from .why import Explainer, Explanation, overdue

#: the aspects of an office compared, in the order they are shown
ASPECTS = ("holder", "acting", "claimants", "entitled", "elect", "obligations")


@dataclass(frozen=True, slots=True)
class View:
    """Who one run puts where in one office, for an interval of time."""

    tracked: bool
    holder: str | None
    acting: str | None
    claimants: tuple[str, ...]
    entitled: str | None
    elect: str | None
    obligations: tuple[tuple[str, dt.datetime, bool], ...]
    """(kind, deadline, overdue) of each obligation pending."""

    @classmethod
    def of(cls, st: OfficeState, instant: dt.datetime) -> View:
        """The view of one office state at ``instant``."""
        return cls(
            st.tracked,
            st.holder_id,
            st.acting_id,
            tuple(sorted(c.person for c in st.claims)),
            st.entitled.person if st.entitled else None,
            st.elect.person if st.elect else None,
            tuple(
                sorted((o.kind, o.deadline, overdue(o.deadline, instant)) for o in st.obligations)
            ),
        )


def reasons(ex: Explanation, name: Any) -> tuple[str, ...]:
    """Why the office is as it is (from its explanation): the holder's and
    acting person's reasons, the vacancy, a pending resignation, each claim
    and obligation."""
    out: list[str] = []
    if ex.holder is not None:
        out.append(f"{name(ex.holder.person)} holds it: {ex.holder.summary}")
    elif ex.status == "unknown":
        out.append("the holder is not recorded in the scenario")
    elif ex.vacancy is not None and ex.vacancy.text:
        out.append(f"vacant {ex.vacancy.text}")
    else:
        out.append("vacant")
    r = ex.pending
    if r is not None:
        wait = (
            f"awaits acceptance by {r.awaiting}"
            if r.awaiting
            else (
                f"takes effect at {format_instant(r.effective_at)}" if r.effective_at else "pending"
            )
        )
        out.append(f"{name(r.person)}'s resignation ({r.event}) {wait}")
    if ex.acting is not None:
        out.append(f"{name(ex.acting.person)} acts: {ex.acting.summary}")
    if ex.entitled is not None:
        out.append(f"{name(ex.entitled.person)} is entitled: {ex.entitled.summary}")
    if ex.elect is not None:
        out.append(f"{name(ex.elect.person)} is to take office: {ex.elect.summary}")
    for c in ex.claims:
        out.append(
            f"{name(c.person)} claims it since {format_instant(c.since)} ({c.event_id}); "
            f"not de jure when taken: {c.reason}"
        )
    for o in ex.obligations:
        out.append(f"{o.description}: due by {format_instant(o.deadline)} ({o.cited})")
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Interval:
    """A span of time in which the runs disagree about one office."""

    start: dt.datetime
    end: dt.datetime | None
    """None: to the end of the scenario and beyond."""
    views: tuple[View, ...]
    """One per run, in the order of the runs."""
    reasons: tuple[tuple[str, ...], ...]
    """Per run: why the office is as that run has it, at the start of the interval."""
    differs: tuple[str, ...]
    """The aspects that are not the same in every run."""


@dataclass(frozen=True, slots=True)
class OfficeDiff:
    """The intervals of disagreement for one office."""

    office: str
    name: str
    intervals: tuple[Interval, ...]


@dataclass(frozen=True, slots=True)
class Diff:
    """Where several runs of a scenario part, office by office."""

    labels: tuple[str, ...]
    """A name per run (a reading, a rule file, 'as recorded', 'what if')."""
    timelines: tuple[Timeline, ...]
    offices: tuple[OfficeDiff, ...]
    """Only offices with at least one interval of disagreement, in rule-file order."""
    compared: tuple[str, ...] = ()
    """Every office compared."""

    @property
    def same(self) -> bool:
        """True when every run agrees on every office at every instant."""
        return not self.offices

    def person_name(self, pid: str | None) -> str:
        """A display name, from whichever run knows the person."""
        return _person_name(self.timelines, pid)


def compare_timelines(
    timelines: list[Timeline], labels: list[str], offices: list[str] | None = None
) -> Diff:
    """The intervals, per office, in which the timelines put different people in place.

    Every timeline must cover the same offices (runs of one scenario). An
    interval starts at an instant where some run changes and the runs then
    disagree, and ends where they agree again (or at the next change in
    their disagreement).
    """
    if len(timelines) != len(labels):
        raise ValueError("one label per timeline")
    first = timelines[0]
    names = (
        offices
        if offices is not None
        else [o for o in first.rules.offices if all(o in t.rules.offices for t in timelines)]
    )
    histories = [t.office_histories() for t in timelines]
    explainers = [Explainer(t) for t in timelines]

    def name(pid: str | None) -> str:
        return _person_name(timelines, pid)

    out: list[OfficeDiff] = []
    for oid in names:
        runs = [_run(t, h.get(oid, [])) for t, h in zip(timelines, histories, strict=True)]
        intervals = _intervals(oid, runs, name, explainers)
        if intervals:
            out.append(OfficeDiff(oid, first.office_name(oid), tuple(intervals)))
    return Diff(tuple(labels), tuple(timelines), tuple(out), tuple(names))


#: One run's office over time: the instants it changed at, and its state from each.
_Run = tuple[list[dt.datetime], list[OfficeState | None]]

#: The view of an office the law in force does not have (yet, or any more).
ABSENT = View(False, None, None, (), None, None, ())


def _run(t: Timeline, history: list[tuple[int, OfficeState | None]]) -> _Run:
    return [t.entries[i].instant for i, _ in history], [st for _, st in history]


def _intervals(
    oid: str, runs: list[_Run], name: Any, explainers: list[Explainer]
) -> list[Interval]:
    """The office's intervals of disagreement. The runs' views can change
    only where one of them changes or an obligation of theirs falls due, so
    only those instants are looked at. Where the law in force has no such
    office (before a version creates it), a run's view is :data:`ABSENT`."""
    instants = sorted(
        {at for changes, _ in runs for at in changes}
        | {o.deadline for _, states in runs for st in states if st for o in st.obligations}
    )
    intervals: list[Interval] = []
    start: dt.datetime | None = None
    current: tuple[View, ...] | None = None
    why: tuple[tuple[str, ...], ...] = ()
    for instant in instants:
        row = [states[bisect.bisect_right(changes, instant) - 1] for changes, states in runs]
        views = tuple(View.of(st, instant) if st is not None else ABSENT for st in row)
        if views == current:
            continue
        if start is not None and current is not None:
            intervals.append(Interval(start, instant, current, why, _differs(current)))
        current = views
        if len(set(views)) > 1:
            start = instant
            why = tuple(
                reasons(explainer.explain(st, instant), name) if st is not None else ()
                for explainer, st in zip(explainers, row, strict=True)
            )
        else:
            start, why = None, ()
    if start is not None and current is not None:
        intervals.append(Interval(start, None, current, why, _differs(current)))
    return intervals


def _differs(views: tuple[View, ...]) -> tuple[str, ...]:
    return tuple(a for a in ("tracked", *ASPECTS) if len({getattr(v, a) for v in views}) > 1)


def _person_name(timelines: Sequence[Timeline], pid: str | None) -> str:
    """A display name, from whichever run knows the person."""
    for t in timelines:
        n = t.person_name(pid)
        if n != pid:
            return n
    return pid or "nobody"
