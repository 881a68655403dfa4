"""The jurisdiction corpus: every rule file under rules/ validates, cites an
article for every step, and for every rule file hypothesis generates event
sequences over its own offices: the engine agrees with the reference model
and its invariants hold.

The long run: ``SUCCESSION_SLOW=1 pytest tests/test_corpus.py``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from typer.testing import CliRunner

from succession.cli import app
from succession.load import load_rules
from succession.validate import classify
from tests import strategies as S
from tests.helpers import (
    ROOT,
    check_invariants,
    compare_with_reference,
)

SLOW = bool(os.environ.get("SUCCESSION_SLOW"))
EXAMPLES = 200 if SLOW else 8
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)

RULE_FILES = sorted(
    p for p in (ROOT / "rules").rglob("*.yaml") if classify(p) in ("rules", "overlay")
)
IDS = [str(p.relative_to(ROOT / "rules")) for p in RULE_FILES]


def test_validate_rules_exits_0() -> None:
    result = CliRunner().invoke(app, ["validate", str(ROOT / "rules")])
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("path", RULE_FILES, ids=IDS)
def test_every_step_cites_an_article(path: Path) -> None:
    rules = load_rules(path).rules
    for oid, office in rules.offices.items():
        assert office.citation.article.strip(), oid
        assert office.causes.citation.article.strip(), oid
        for kind in ("permanent", "temporary"):
            line = office.line(kind)
            for i, step in enumerate(line.steps if line else []):
                assert step.citation.article.strip(), f"{oid} {kind} step {i + 1}"
                for req in step.eligibility:
                    assert req.citation.article.strip()
                for ob in step.obligations:
                    assert ob.citation.article.strip()


def as_dict(path: Path) -> dict[str, Any]:
    """The rule file (an overlay applied) as plain data, as the strategies write them."""
    rules = load_rules(path).rules
    return rules.model_dump(mode="json", exclude_none=True, by_alias=True)


@pytest.mark.parametrize("path", RULE_FILES, ids=IDS)
def test_generated_events_over_each_rule_file(path: Path) -> None:
    """Events generated over the file's own offices: the engine agrees with the
    reference model at every checkpoint, and its timeline keeps the invariants."""
    data = as_dict(path)

    @SETTINGS
    @given(S.scenarios(rules=data, max_events=8))
    def agrees(gen: S.Generated) -> None:
        check_invariants(compare_with_reference(gen))

    agrees()
