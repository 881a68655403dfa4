"""Every scenario in the repository runs and its expectations hold."""

from __future__ import annotations

from pathlib import Path

import pytest

from succession.api import simulate
from succession.expect import check_expectations, expectation_count
from succession.load import load_scenario
from succession.validate import classify

from .conftest import ROOT


def _scenarios() -> list[Path]:
    found = []
    for folder in ("seeds", "rules"):
        for path in sorted((ROOT / folder).rglob("*.yaml")):
            if classify(path) == "scenario":
                found.append(path)
    return found


SCENARIOS = _scenarios()


def test_the_seed_is_among_them():
    assert ROOT / "seeds" / "bolivia-2019.yaml" in SCENARIOS


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: str(p.relative_to(ROOT)))
def test_expectations_hold(path: Path):
    loaded = load_scenario(path)
    timeline = simulate(loaded)
    assert expectation_count(timeline) > 0, "a scenario must say what it expects"
    mismatches = check_expectations(timeline, loaded.locate)
    assert not mismatches, "\n".join(m.describe(timeline) for m in mismatches)


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_event_has_a_source(path: Path):
    loaded = load_scenario(path)
    for event in loaded.scenario.events:
        assert event.source.quote or event.source.record, event.id
