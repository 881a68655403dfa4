"""Views of jurisdiction folders (``succession jurisdictions``): the
versions of the law with their validity, the readings beside them and the
historical scenarios, as text and as JSON."""

from __future__ import annotations

from typing import Any

from ..load import Jurisdiction


def jurisdiction_json(j: Jurisdiction) -> dict[str, Any]:
    """One jurisdiction as data."""
    return {
        "jurisdiction": j.id,
        "folder": j.folder,
        "versions": [
            {
                "version": v.rules.version,
                "file": v.file,
                "title": v.rules.title,
                "valid_from": v.rules.valid_from.isoformat(),
                "valid_until": v.rules.valid_until.isoformat() if v.rules.valid_until else None,
            }
            for v in j.versions
        ],
        "readings": [
            {
                "file": r.file,
                "reading": r.rules.reading,
                "version": r.rules.version,
                "base": r.base.file if r.base is not None else None,
            }
            for r in j.readings
        ],
        "scenarios": [{"file": f, "title": j.titles.get(f, f)} for f in j.scenarios],
        "problems": [p.to_json() for p in j.problems],
    }


def jurisdictions_json(found: list[Jurisdiction]) -> dict[str, Any]:
    """``jurisdictions --json``."""
    return {
        "ok": not any(j.problems for j in found),
        "jurisdictions": [jurisdiction_json(j) for j in found],
    }


def jurisdictions_text(found: list[Jurisdiction]) -> str:
    """``jurisdictions``: each folder's versions, readings and scenarios."""
    out: list[str] = []
    for j in found:
        out.append(f"{j.id}  ({j.folder})")
        for v in j.versions:
            r = v.rules
            until = r.valid_until.isoformat() if r.valid_until else "now"
            out.append(
                f"  version {r.version}: {r.valid_from.isoformat()} to {until}  {v.file}  {r.title}"
            )
        for reading in j.readings:
            out.append(
                f"  reading on {reading.rules.version}: {reading.rules.reading}  ({reading.file})"
            )
        for f in j.scenarios:
            out.append(f"  scenario: {j.titles.get(f, f)}  ({f})")
        out.append("")
    return "\n".join(out)
