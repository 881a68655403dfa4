"""Who comes next: a line of succession evaluated against a state, with the
reason each person is passed over."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from ..errors import QueryError, did_you_mean
from .simulate import _Runner, _Work, compile_rules
from .state import State, StepRef, Timeline

LineStatus = Literal["current", "available", "entitled", "skipped", "awaiting_designation"]


@dataclass(frozen=True, slots=True)
class LineEntry:
    """One step of a line as it stands: the person it draws on and their status."""

    step: StepRef
    person: str | None
    status: LineStatus
    detail: str
    nested: tuple[LineEntry, ...] = ()


@dataclass(frozen=True, slots=True)
class LineReport:
    """A line of succession evaluated at an instant."""

    office: str
    kind: Literal["permanent", "temporary"]
    instant: dt.datetime
    holder: str | None
    exercising: str | None
    hypothetical: bool
    entries: tuple[LineEntry, ...]

    @property
    def next_available(self) -> list[str]:
        """People the line would reach, in order (the first one is next)."""
        return [
            e.person
            for e in self.entries
            if e.person and e.status in ("available", "entitled", "current")
        ]

    def waiting(self) -> list[tuple[LineEntry, LineEntry]]:
        """(step, nested entry) pairs: someone entitled to a vacant source
        office who would come in through that step once they take it."""
        out: list[tuple[LineEntry, LineEntry]] = []
        for e in self.entries:
            out.extend((e, n) for n in e.nested if n.status in ("entitled", "available"))
        return out


def line_report(
    timeline: Timeline,
    office: str,
    at: dt.datetime,
    kind: Literal["permanent", "temporary"] | None = None,
) -> LineReport:
    """Evaluate ``office``'s line at ``at``.

    Without ``kind``: the temporary line while the holder is suspended, else
    the permanent one; when the office is held, the report says who would come
    next if it fell vacant now (``hypothetical``).
    """
    rules = timeline.rules_at(at)
    if office not in rules.offices:
        known = (
            f" under version {rules.version} of the law, in force then" if timeline.versions else ""
        )
        raise QueryError(
            f"unknown office {office!r}{known}",
            hint=did_you_mean(office, rules.offices, what="offices"),
        )
    state = timeline.state_at(at)
    st = state.office(office)
    if kind is None:
        kind = "temporary" if st.holder is not None and st.suspension is not None else "permanent"
    compiled = compile_rules(rules)
    work = _Work(_Runner(compiled, timeline.scenario, None), state, state.instant, ())
    entries = _entries(work, state, office, kind, depth=0)
    hypothetical = kind == "permanent" and st.holder is not None
    return LineReport(office, kind, at, st.holder_id, st.exercising, hypothetical, entries)


def _entries(
    work: _Work, state: State, office: str, kind: str, depth: int
) -> tuple[LineEntry, ...]:
    st = state.offices[office]
    out: list[LineEntry] = []
    for ref in work.c.refs[(office, kind)]:
        step = ref.step
        if step.body is not None:
            out.append(
                LineEntry(
                    ref,
                    None,
                    "awaiting_designation",
                    f"designation by {step.body}; later steps serve in the meantime",
                )
            )
            continue
        current = st.acting if st.acting is not None and st.acting.step == ref else None
        pid, skip = work.candidate(office, ref, kind)
        if current is not None:
            out.append(LineEntry(ref, current.person, "current", current.basis.summary()))
            continue
        if pid is not None:
            if step.takes_effect == "on_taking_office":
                out.append(
                    LineEntry(
                        ref, pid, "entitled", f"{work.name(pid)} is entitled once they take office"
                    )
                )
            else:
                out.append(
                    LineEntry(ref, pid, "available", f"{work.name(pid)} would succeed at once")
                )
            continue
        assert skip is not None
        nested: tuple[LineEntry, ...] = ()
        if skip.reason == "vacant" and step.office is not None and depth < 8:
            nested = _entries(work, state, step.office, "permanent", depth + 1)
        out.append(LineEntry(ref, skip.person, "skipped", skip.detail, nested))
    return tuple(out)
