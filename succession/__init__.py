"""succession: who holds and who exercises every office, at every instant, and why.

Typical use::

    import succession
    timeline = succession.run("seeds/bolivia-2019.yaml")
    state = succession.at(timeline, "2019-11-13")
    state.office("president").holder_id        # 'anez'

Names are imported lazily so that ``import succession`` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "at": "api",
    "check": "api",
    "compare": "api",
    "exhaustive": "analysis",
    "monte_carlo": "analysis",
    "Exhaustive": "analysis",
    "MonteCarlo": "analysis",
    "what_if": "api",
    "Diff": "diff",
    "WhatIf": "runs",
    "Overlay": "model.overlay",
    "line": "api",
    "load_rules": "load",
    "load_scenario": "load",
    "parse_rules": "load",
    "parse_scenario": "load",
    "run": "api",
    "simulate": "api",
    "LoadedRules": "load",
    "LoadedScenario": "load",
    "Rules": "model.rules",
    "Scenario": "model.scenario",
    "Timeline": "engine.state",
    "State": "engine.state",
    "OfficeState": "engine.state",
    "Entry": "engine.state",
    "Basis": "engine.state",
    "LineReport": "engine.lines",
    "Mismatch": "expect",
    "SuccessionError": "errors",
    "InputError": "errors",
    "ScenarioError": "errors",
    "QueryError": "errors",
    "ArgumentError": "errors",
    "Location": "errors",
    "Problem": "errors",
}

__all__ = [
    "ArgumentError",
    "Basis",
    "Diff",
    "Entry",
    "Exhaustive",
    "InputError",
    "LineReport",
    "LoadedRules",
    "LoadedScenario",
    "Location",
    "Mismatch",
    "MonteCarlo",
    "OfficeState",
    "Overlay",
    "Problem",
    "QueryError",
    "Rules",
    "Scenario",
    "ScenarioError",
    "State",
    "SuccessionError",
    "Timeline",
    "WhatIf",
    "at",
    "check",
    "compare",
    "exhaustive",
    "line",
    "load_rules",
    "load_scenario",
    "monte_carlo",
    "parse_rules",
    "parse_scenario",
    "run",
    "simulate",
    "what_if",
]

if TYPE_CHECKING:
    from .analysis import Exhaustive, MonteCarlo, exhaustive, monte_carlo
    from .api import at, check, compare, line, run, simulate, what_if
    from .diff import Diff
    from .engine.lines import LineReport
    from .engine.state import Basis, OfficeState, State
    from .engine.timeline import Entry, Timeline
    from .errors import (
        ArgumentError,
        InputError,
        Location,
        Problem,
        QueryError,
        ScenarioError,
        SuccessionError,
    )
    from .expect import Mismatch
    from .load import (
        LoadedRules,
        LoadedScenario,
        load_rules,
        load_scenario,
        parse_rules,
        parse_scenario,
    )
    from .model.overlay import Overlay
    from .model.rules import Rules
    from .model.scenario import Scenario
    from .runs import WhatIf


def __dir__() -> list[str]:
    """The API (what ``__all__`` lists), loaded lazily on first use."""
    return sorted({*__all__, "__version__"})


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'succession' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
