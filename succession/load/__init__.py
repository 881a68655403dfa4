"""Files to validated models: rule files and overlays, jurisdiction folders,
scenario files and their documents.

Every problem found is reported at its ``file:line:col`` with a hint, and all
problems of a file are reported together where they are independent.
"""

from ..paths import find_folder
from .folders import (
    Jurisdiction,
    discover,
    load_jurisdiction,
    rules_in_force,
    version_at,
)
from .rules import LoadedRules, load_rules, overlay_rules, parse_rules, rules_from
from .scenario import (
    LoadedScenario,
    Readings,
    build_scenario,
    load_scenario,
    normalize_passage,
    parse_scenario,
)
from .validation import model_problems, to_model

__all__ = [
    "Jurisdiction",
    "LoadedRules",
    "LoadedScenario",
    "Readings",
    "build_scenario",
    "discover",
    "find_folder",
    "load_jurisdiction",
    "load_rules",
    "load_scenario",
    "model_problems",
    "normalize_passage",
    "overlay_rules",
    "parse_rules",
    "parse_scenario",
    "rules_from",
    "rules_in_force",
    "to_model",
    "version_at",
]
