"""The jurisdiction corpus: every rule file under rules/ validates, cites an
article for every step, and for every rule file hypothesis generates event
sequences over its own offices: the engine's invariants hold, and the
reference model agrees on the part of the file it covers.

The long run: ``SUCCESSION_SLOW=1 pytest tests/test_corpus.py``.
"""

from __future__ import annotations

import copy
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
    engine_probe,
    run_generated,
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
            line = office.line(kind)  # type: ignore[arg-type]
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


def subset_of(data: dict[str, Any]) -> dict[str, Any]:
    """The part of a rule file the reference model covers: office steps only,
    resignations on submission, eligibility by age and attribute equality,
    no obligations."""
    out = copy.deepcopy(data)
    out.pop("bodies", None)
    for office in out["offices"].values():
        office.pop("resignation", None)
        office.pop("member_of", None)
        office["eligibility"] = _reqs(office.get("eligibility", []))
        for kind, line in list(office.get("lines", {}).items()):
            steps = []
            for step in line["steps"]:
                if "office" not in step:
                    continue
                step.pop("obligations", None)
                step["eligibility"] = _reqs(step.get("eligibility", []))
                if isinstance(step.get("yields_to"), list):
                    step["yields_to"] = [
                        y for y in step["yields_to"] if y in {s.get("office") for s in steps}
                    ]
                steps.append(step)
            if steps:
                line["steps"] = steps
            else:
                del office["lines"][kind]
    return out


def _reqs(reqs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        r
        for r in reqs
        if r.get("min_age") is not None
        or (r.get("attribute") is not None and r.get("equals") is not None)
    ]


@pytest.mark.parametrize("path", RULE_FILES, ids=IDS)
def test_invariants_over_each_rule_file(path: Path) -> None:
    data = as_dict(path)

    @SETTINGS
    @given(S.scenarios(subset=False, track="engine", probe=engine_probe, rules=data, max_events=8))
    def invariants(gen: S.Generated) -> None:
        check_invariants(run_generated(gen))

    invariants()


@pytest.mark.parametrize("path", RULE_FILES, ids=IDS)
def test_reference_model_agrees_on_each_rule_file(path: Path) -> None:
    data = subset_of(as_dict(path))

    @SETTINGS
    @given(S.scenarios(subset=True, track="reference", rules=data, max_events=8))
    def agrees(gen: S.Generated) -> None:
        compare_with_reference(gen)

    agrees()
