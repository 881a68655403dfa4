"""Which format a parsed file is in, from its top-level keys: the one place
that decides it (validation, jurisdiction folders, overlays and ``check``
all ask here)."""

from __future__ import annotations

from typing import Any, Literal

FileKind = Literal["rules", "overlay", "scenario", "unknown"]


def kind_of(data: Any) -> FileKind:
    """``overlay`` (an ``overlay:`` key), ``rules`` (``offices:``),
    ``scenario`` (``holders:``, ``events:`` or ``rules:``), else ``unknown``."""
    if not isinstance(data, dict):
        return "unknown"
    if "overlay" in data:
        return "overlay"
    if "offices" in data:
        return "rules"
    if "holders" in data or "events" in data or "rules" in data:
        return "scenario"
    return "unknown"


def is_reading(data: Any) -> bool:
    """Whether rules data is a reading of the law (an overlay, or a rule file
    with ``reading:``) rather than a version of it."""
    kind = kind_of(data)
    return kind == "overlay" or (kind == "rules" and bool(data.get("reading")))
