"""The file formats as pydantic models: rule files and scenario files."""

from .common import Citation
from .rules import (
    Body,
    Causes,
    Line,
    Lines,
    ObligationRule,
    Office,
    Requirement,
    ResignationRule,
    Rules,
    RuleSource,
    Step,
)
from .scenario import (
    Document,
    Event,
    EventSource,
    Expectation,
    HolderSpec,
    OfficeExpectation,
    Person,
    Scenario,
)

__all__ = [
    "Body",
    "Causes",
    "Citation",
    "Document",
    "Event",
    "EventSource",
    "Expectation",
    "HolderSpec",
    "Line",
    "Lines",
    "ObligationRule",
    "Office",
    "OfficeExpectation",
    "Person",
    "Requirement",
    "ResignationRule",
    "RuleSource",
    "Rules",
    "Scenario",
    "Step",
]
