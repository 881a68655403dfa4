"""The engine: pure functions from validated rules and scenarios to timelines.

It reads no files and prints nothing.
"""

from .lines import LineEntry, LineReport, line_report
from .simulate import Compiled, compile_rules, simulate
from .state import (
    Basis,
    Change,
    Claim,
    Entitlement,
    Entry,
    Obligation,
    OfficeState,
    PendingResignation,
    PersonState,
    Skip,
    State,
    StepRef,
    Suspension,
    Tenure,
    Timeline,
    Vacancy,
)

__all__ = [
    "Basis",
    "Change",
    "Claim",
    "Compiled",
    "Entitlement",
    "Entry",
    "LineEntry",
    "LineReport",
    "Obligation",
    "OfficeState",
    "PendingResignation",
    "PersonState",
    "Skip",
    "State",
    "StepRef",
    "Suspension",
    "Tenure",
    "Timeline",
    "Vacancy",
    "compile_rules",
    "line_report",
    "simulate",
]
