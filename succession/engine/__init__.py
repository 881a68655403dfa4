"""The engine: from validated rules and scenarios to timelines.

It reads no files and prints nothing. Its parts, in the order a run uses
them: :mod:`.compiled` (rules prepared for evaluation), :mod:`.lines` (the
line evaluator: who each step draws on, and why not), :mod:`.work` (the
state of one entry, settled to a fixpoint), :mod:`.events` (what each event
does), :mod:`.run` (the run loop) and :mod:`.state` (the records).
"""

from .compiled import Compiled, compile_rules
from .lines import Decision, LineEntry, LineInputs, LineReport, candidate, decide, line_report
from .run import apply_act, simulate
from .state import (
    Basis,
    Change,
    Claim,
    Entitlement,
    Obligation,
    OfficeState,
    PendingResignation,
    PersonState,
    Skip,
    State,
    StepRef,
    Suspension,
    Tenure,
    Vacancy,
)
from .timeline import Entry, Timeline

__all__ = [
    "Basis",
    "Change",
    "Claim",
    "Compiled",
    "Decision",
    "Entitlement",
    "Entry",
    "LineEntry",
    "LineInputs",
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
    "apply_act",
    "candidate",
    "compile_rules",
    "decide",
    "line_report",
    "simulate",
]
