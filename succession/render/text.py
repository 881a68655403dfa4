"""Timelines, states and line reports as text for people."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..engine.lines import LineEntry, LineReport
from ..engine.state import Change, State
from ..engine.timeline import Timeline
from ..expect import Mismatch
from ..instants import format_instant
from ..why import (
    Explainer,
    Explanation,
    Names,
    RoleNote,
    SkipNote,
    change_text,
    line_entry_text,
    note_text,
)

#: Characters never written raw to a terminal: control characters (but for
#: newline and tab) and the bidirectional embeddings, overrides and isolates,
#: which can make a name display as another (U+202A-U+202E, U+2066-U+2069).
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` for a terminal: every character of :data:`_UNPRINTABLE`
    written as an escape (``\\x1b``, ``\\u202e``), so that a name in a file
    can neither drive the terminal nor disguise itself."""
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def fmt(r: list[str]) -> str:
        return "  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([fmt(header), rule, *(fmt(r) for r in rows)])


def _who(t: Timeline, pid: str | None) -> str:
    return t.person_name(pid) if pid else "—"


def office_line(t: Timeline, ex: Explanation) -> list[str]:
    """Office, holder, exercising, and a short reason (from the office's explanation)."""
    if ex.status == "unknown":
        return [ex.office_name, "(not recorded)", "", ""]
    holder = _who(t, ex.holder.person) if ex.holder else "vacant"
    if ex.suspension_cause is not None:
        holder += f" (suspended: {ex.suspension_cause})"
    exercising = _who(t, ex.exercising) if ex.exercising else "nobody"
    notes: list[str] = []
    if ex.acting is not None:
        notes.append(f"acting: {ex.acting.summary}")
    elif ex.holder is not None:
        notes.append(ex.holder.summary)
    elif ex.vacancy is not None and ex.vacancy.text:
        notes.append(f"vacant {ex.vacancy.text}")
    if ex.entitled is not None:
        notes.append(f"entitled: {_who(t, ex.entitled.person)}")
    if ex.elect is not None:
        notes.append(f"to take office: {_who(t, ex.elect.person)}")
    r = ex.pending
    if r is not None:
        waits = (
            f"awaiting {r.awaiting}"
            if r.awaiting
            else f"effective {format_instant(r.effective_at)}"
            if r.effective_at
            else "pending"
        )
        notes.append(f"resignation {waits}")
    for c in ex.claims:
        notes.append(f"claimed by {_who(t, c.person)}")
    for o in ex.obligations:
        notes.append(f"{o.description} by {format_instant(o.deadline)}")
    return [ex.office_name, holder, exercising, "; ".join(notes)]


def state(t: Timeline, s: State, asked: dt.datetime) -> str:
    """The state at an instant as a table."""
    explainer = Explainer(t)
    rows = [office_line(t, explainer.explain(st, asked)) for st in s.offices.values()]
    head = (
        f"{t.scenario.title}\nat {format_instant(asked)} (last change {format_instant(s.instant)}), "
        f"under {t.rules_at(asked).title}"
    )
    return head + "\n\n" + _table(rows, ["office", "holder", "exercising", "why"])


def _change(t: Timeline, c: Change, names: Names, at: dt.datetime) -> str:
    name = t.office_name(c.office, at)
    detail = change_text(c, names)
    if c.aspect == "holder":
        before = _who(t, c.before) if c.before else "vacant"
        after = _who(t, c.after) if c.after else "vacant"
        return f"{name}: {before} → {after}   [{detail}]"
    if c.aspect == "acting":
        return f"{name}, acting: {_who(t, c.before)} → {_who(t, c.after)}   [{detail}]"
    if c.aspect == "elect":
        if c.after:
            return f"{name}: {_who(t, c.after)} to take office later   [{detail}]"
        return f"{name}: {_who(t, c.before)} no longer to take office"
    if c.aspect == "entitled":
        if c.after:
            return f"{name}: {_who(t, c.after)} entitled   [{detail}]"
        return f"{name}: {_who(t, c.before)} no longer entitled"
    if c.aspect == "claim":
        if c.after:
            return f"{name}: claimed by {_who(t, c.after)}   [{detail}]"
        return f"{name}: claim of {_who(t, c.before)} ended"
    if c.aspect == "suspension":
        return f"{name}: {detail}" + (f" ({c.after})" if c.after else "")
    return f"{name}: {detail}"


def timeline(t: Timeline) -> str:
    """The timeline, entry by entry, with what changed."""
    titles = [f"{r.title} (from {r.valid_from})" for r in t.versions] or [t.rules.title]
    out = [t.scenario.title, *(f"rules: {title}" for title in titles), ""]
    names = Names(t)
    explainer = Explainer(t)
    for e in t.entries:
        out.append(e.label())
        if e.kind == "start":
            for st in e.state.offices.values():
                line = office_line(t, explainer.explain(st, e.instant))
                out.append(f"  {line[0]}: {line[1]}")
        for c in e.changes:
            out.append("  " + _change(t, c, names, e.instant))
        for n in e.notes:
            out.append(f"  note: {note_text(n, names, e.instant)}")
        for w in e.warnings:
            out.append(f"  warning: {note_text(w, names, e.instant)}")
        if e.kind != "start" and not (e.changes or e.notes or e.warnings):
            out.append("  (no change)")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _entry_lines(
    t: Timeline, r: LineReport, entries: tuple[LineEntry, ...], indent: str, numbering: str
) -> list[str]:
    names = Names(t)
    out: list[str] = []
    for i, e in enumerate(entries):
        mark = f"{i + 1}." if numbering == "1" else f"{chr(ord('a') + i)}."
        target = e.step.step.draws_on
        label = (
            t.office_name(target, r.instant)
            if e.step.step.office
            else (t.person_name(target) if e.step.step.person else f"designation by {target}")
        )
        mode = e.step.step.mode
        cite = str(e.step.citation)
        said = line_entry_text(e, names, r.instant)
        if e.status == "skipped":
            text = f"skipped: {said}"
        elif e.status in ("available", "entitled", "current"):
            text = f"{t.person_name(e.person)}: {said}"
        else:
            text = said
        out.append(f"{indent}{mark} {label} ({mode}) — {text}   [{cite}]")
        if e.nested:
            out.append(f"{indent}   line of {label}:")
            out.extend(_entry_lines(t, r, e.nested, indent + "     ", "a"))
    return out


def line(t: Timeline, r: LineReport) -> str:
    """A line report as text."""
    office = t.office_name(r.office, r.instant)
    head = f"Line of succession for {office} at {format_instant(r.instant)} ({r.kind} line)"
    if r.holder is None:
        now = "The office is vacant; " + (
            f"{t.person_name(r.exercising)} exercises its powers."
            if r.exercising
            else "nobody exercises its powers."
        )
    else:
        now = f"Held by {t.person_name(r.holder)}" + (
            "; if it fell vacant now:" if r.hypothetical else "."
        )
    body = _entry_lines(t, r, r.entries, "  ", "1")
    nxt = r.next_available
    if nxt:
        tail = f"Next: {t.person_name(nxt[0])}."
    else:
        tail = "Nobody in the line can succeed now."
        for step_entry, nested in r.waiting():
            source = t.office_name(step_entry.step.step.draws_on, r.instant)
            tail += (
                f" {t.person_name(nested.person)} is entitled to {source} once they take it up, "
                f"and would then come in under step {step_entry.step.index + 1} "
                f"({step_entry.step.citation})."
            )
            break
    return "\n".join([head, now, *body, tail]) + "\n"


def mismatches(t: Timeline, file: str, found: list[Mismatch], total: int) -> str:
    """The result of checking one scenario's expectations."""
    if not found:
        return f"{file}: all {total} expectations hold\n"
    lines = [f"{file}: {len(found)} of {total} expectations fail"]
    names = Names(t)
    for m in found:
        lines.append("  " + m.describe(t))
        lines.extend(
            f"    warning at {format_instant(at)}: {note_text(n, names, at)}"
            for at, n in m.warnings
        )
    return "\n".join(lines) + "\n"


def _event_lines(t: Timeline, events: tuple[Any, ...], indent: str) -> list[str]:
    out = []
    for e in events:
        where = f"{e.document}: \u201c{e.source}\u201d" if e.document else f"record: {e.source}"
        flag = "" if e.verified else " [unverified]"
        version = f" [law: version {e.version}]" if getattr(e, "version", None) else ""
        out.append(
            f"{indent}{format_instant(e.instant)} {e.id} ({e.type}){version} — {where}{flag}"
        )
    return out


def _skip_lines(
    t: Timeline, skips: tuple[SkipNote, ...], indent: str, at: dt.datetime
) -> list[str]:
    out = []
    for s in skips:
        source = t.office_name(s.step.draws_on, at) if s.step.office else s.step.draws_on
        out.append(
            f"{indent}step {s.step.index + 1} ({source}): "
            f"{s.reason.replace('_', ' ')} — {s.detail}   [{s.step.citation}]"
        )
        out.extend(_event_lines(t, s.events, indent + "    "))
    return out


def explanation(t: Timeline, ex: Explanation) -> str:
    """An explanation as an indented tree."""
    lines = [f"{ex.office_name} at {format_instant(ex.instant)}: {ex.status}"]
    if t.versions:
        lines.append(f"rules in force: {ex.rules}")

    def role(label: str, r: RoleNote | None) -> None:
        if r is None:
            return
        extra = (
            f", ex officio as holder of {t.office_name(r.ex_officio_from, ex.instant)}"
            if r.ex_officio_from
            else ""
        )
        lines.append(f"{label}: {t.person_name(r.person)} (since {format_instant(r.since)}{extra})")
        for i, link in enumerate(r.chain):
            head = "└─" if i == len(r.chain) - 1 else "├─"
            text = f"  {head} {format_instant(link.instant)} {link.kind.replace('_', ' ')}: {link.detail}"
            if link.step is not None:
                s = link.step
                text += (
                    f" — step {s.index + 1} of the {s.line} line of "
                    f"{t.office_name(s.office, link.instant)} "
                    f"({s.mode}, {s.tenure.replace('_', ' ')}, {s.takes_effect.replace('_', ' ')}) "
                    f"[{s.citation}]"
                )
            if link.version is not None:
                text += f" (under version {link.version})"
            lines.append(text)
            pad = "  │    " if i < len(r.chain) - 1 else "       "
            lines.extend(_event_lines(t, link.events, pad))
            if link.vacancy is not None:
                v = link.vacancy
                who = t.person_name(v.person) if v.person else "nobody"
                lines.append(
                    f"{pad}the office was vacant since {format_instant(v.since)} ({who}: {v.cause})"
                )
                lines.extend(_event_lines(t, v.events, pad + "  "))
            if link.skipped:
                lines.append(f"{pad}passed over:")
                lines.extend(_skip_lines(t, link.skipped, pad + "  ", link.instant))

    role("holder", ex.holder)
    if ex.holder is not None and ex.acting is None and ex.status == "held":
        lines.append("exercising: the holder")
    role("acting", ex.acting)
    if ex.acting is None and ex.status != "held":
        lines.append("exercising: nobody")
    role("entitled once they take office", ex.entitled)
    role("to take office later", ex.elect)
    if ex.vacancy is not None:
        v = ex.vacancy
        who = t.person_name(v.person) if v.person else "nobody"
        lines.append(f"vacant since {format_instant(v.since)} ({who}: {v.cause})")
        lines.extend(_event_lines(t, v.events, "    "))
        if v.skipped:
            lines.append("  the line passes over:")
            lines.extend(_skip_lines(t, v.skipped, "    ", ex.instant))
    if ex.suspension:
        lines.append(f"holder suspended: {ex.suspension}")
    if ex.pending_resignation:
        lines.append(f"pending: {ex.pending_resignation}")
    for c in ex.claims:
        lines.append(
            f"claimed by {t.person_name(c.person)} since {format_instant(c.since)}: {c.reason}"
        )
        if c.event is not None:
            lines.extend(_event_lines(t, (c.event,), "    "))
    if ex.obligations:
        lines.append("obligations pending:")
        for o in ex.obligations:
            late = " (overdue)" if o.overdue else ""
            lines.append(f"  {o.description} by {format_instant(o.deadline)}{late} [{o.citation}]")
    else:
        lines.append("obligations pending: none")
    return "\n".join(lines) + "\n"
