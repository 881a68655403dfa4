"""Continuity analyses as text and as JSON-ready data."""

from __future__ import annotations

from typing import Any

from ..engine.timeline import Timeline
from ..instants import format_instant


def _name(t: Timeline, pid: str | None) -> str:
    return "nobody" if pid is None else t.person_name(pid)


def exhaustive_json(t: Timeline, r: Any) -> dict[str, Any]:
    """An exhaustive analysis as data (counts are exact)."""
    return {
        "office": r.office,
        "at": format_instant(r.instant),
        "among": list(r.among),
        "subsets": r.subsets,
        "done": r.done,
        "partial": r.partial,
        "path": r.path,
        "exercising": [{"person": p, "subsets": n} for p, n in _sorted(r.exercising)],
        "holder": [{"person": p, "subsets": n} for p, n in _sorted(r.holder)],
        "entitled": [{"person": p, "subsets": n} for p, n in _sorted(r.entitled)],
        "nobody": r.nobody,
        "nobody_when_all_vacant": list(r.nobody_when),
    }


def _sorted(d: dict[Any, int]) -> list[tuple[Any, int]]:
    return sorted(d.items(), key=lambda kv: (-kv[1], kv[0] is None, str(kv[0])))


def exhaustive_text(t: Timeline, r: Any) -> str:
    """An exhaustive analysis for people."""
    out = [
        f"{t.office_name(r.office)} at {format_instant(r.instant)}: every combination of {len(r.among)} offices "
        f"vacant at once ({r.subsets:,} combinations{', PARTIAL: ' + format(r.done, ',') + ' done' if r.partial else ''})",
        f"offices: {', '.join(r.among)}",
        f"computed by: {'the compiled line' if r.path == 'compiled' else 'the general engine, combination by combination'}",
        "",
        "who exercises the office:",
    ]
    total = r.done or 1
    for pid, n in _sorted(r.exercising):
        label = _name(t, pid) if pid is not None else "nobody exercises it"
        out.append(f"  {label:40} {n:>12,}  {100 * n / total:6.2f} %")
    if r.entitled:
        out.append(
            "of which nobody exercises it yet, but someone is entitled once they take it up:"
        )
        for pid, n in _sorted(r.entitled):
            out.append(f"  {_name(t, pid):40} {n:>12,}  {100 * n / total:6.2f} %")
    out.append("who holds the office:")
    for pid, n in _sorted(r.holder):
        label = _name(t, pid) if pid is not None else "vacant"
        out.append(f"  {label:40} {n:>12,}  {100 * n / total:6.2f} %")
    out.append(f"nobody exercises it and nobody is entitled to: {r.nobody:,} combinations")
    if r.nobody_when:
        out.append("  exactly those in which all of these are vacant: " + ", ".join(r.nobody_when))
    return "\n".join(out) + "\n"


def _estimate(e: Any) -> dict[str, Any]:
    return {"p": e.p, "low": e.low, "high": e.high, "count": e.count}


def monte_carlo_json(t: Timeline, r: Any) -> dict[str, Any]:
    """A Monte Carlo analysis as data."""
    return {
        "office": r.office,
        "at": format_instant(r.instant),
        "years": r.years,
        "trials": r.trials,
        "done": r.done,
        "partial": r.partial,
        "seed": r.seed,
        "life_table": r.table,
        "hazards": dict(sorted(r.hazards.items())),
        "people": [{"person": p, **_estimate(e)} for p, e in r.people.items()],
        "offices": [{"office": o, **_estimate(e)} for o, e in r.offices.items()],
        "nobody": _estimate(r.nobody),
    }


def monte_carlo_text(t: Timeline, r: Any) -> str:
    """A Monte Carlo analysis for people."""
    out = [
        f"{t.office_name(r.office)} from {format_instant(r.instant)}, over {r.years:g} years: "
        f"{r.done:,} of {r.trials:,} simulated futures{' (PARTIAL)' if r.partial else ''}, seed {r.seed}",
        f"life table: {r.table}",
        "",
        "probability of ending up exercising the office (95 % interval):",
    ]
    for pid, e in r.people.items():
        label = t.person_name(pid) if not pid.startswith("successor of ") else pid
        out.append(f"  {label:40} {100 * e.p:8.4f} %  [{100 * e.low:.4f}, {100 * e.high:.4f}]")
    if not r.people:
        out.append("  nobody (the office never fell vacant)")
    out.append("by the office they come from:")
    for oid, e in r.offices.items():
        out.append(
            f"  {t.office_name(oid):40} {100 * e.p:8.4f} %  [{100 * e.low:.4f}, {100 * e.high:.4f}]"
        )
    out.append(
        f"nobody able to exercise it at some point: {100 * r.nobody.p:.4f} % "
        f"[{100 * r.nobody.low:.4f}, {100 * r.nobody.high:.4f}]"
    )
    return "\n".join(out) + "\n"
