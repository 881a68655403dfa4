"""Every scenario in the repository runs and its expectations hold."""

from __future__ import annotations

from pathlib import Path

import pytest

from succession.expect import check_expectations, expectation_count
from succession.load import load_scenario
from succession.runs import check_runs
from succession.validate import classify
from tests.helpers import ROOT


def _scenarios() -> list[Path]:
    found = []
    for folder in ("seeds", "rules"):
        for path in sorted((ROOT / folder).rglob("*.yaml")):
            if classify(path) == "scenario":
                found.append(path)
    return found


SCENARIOS = _scenarios()


def test_the_seed_is_among_them() -> None:
    assert ROOT / "seeds" / "bolivia-2019.yaml" in SCENARIOS


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: str(p.relative_to(ROOT)))
def test_expectations_hold(path: Path) -> None:
    """Under every reading the scenario's expectations name."""
    loaded = load_scenario(path)
    runs = check_runs(loaded)
    assert sum(expectation_count(t, name) for name, t in runs) > 0, (
        "a scenario must say what it expects"
    )
    for name, timeline in runs:
        mismatches = check_expectations(timeline, loaded.locate, name)
        assert not mismatches, "\n".join(m.describe(timeline) for m in mismatches)


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: str(p.relative_to(ROOT)))
def test_expectations_before_during_and_after(path: Path) -> None:
    """Historical scenarios check several instants: before the first event,
    while it unfolds and after the last one."""
    loaded = load_scenario(path)
    s = loaded.scenario
    if not s.events:
        return

    instants = sorted({e.at for e in s.expect})
    first = min(e.instant for e in s.events)
    last = max(e.instant for e in s.events)
    assert any(i < first for i in instants) or s.start == first.date(), (
        "no expectation before the first event"
    )
    assert any(i >= last for i in instants), "no expectation after the last event"
    assert len(instants) >= 3, "expectations at fewer than three instants"


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_event_has_a_source(path: Path) -> None:
    loaded = load_scenario(path)
    for event in loaded.scenario.events:
        assert event.source.quote or event.source.record, event.id
