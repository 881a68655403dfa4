"""Continuity analysis: the compiled line against the general engine, and the
command line."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from succession.analysis import (
    compile_line,
    count_closed_form,
    enumerate_compiled,
    enumerate_with_engine,
    exhaustive,
    monte_carlo,
)
from succession.api import run
from succession.cli import app
from succession.engine import simulate
from succession.model.rules import Rules
from succession.model.scenario import Scenario
from tests.helpers import ROOT

US = str(ROOT / "rules" / "us" / "scenarios" / "2021-biden-harris.yaml")
CAUSES = {"permanent": ["death", "resignation", "removal"], "citation": "Art. 2"}


@st.composite
def flat_lines(draw: st.DrawFn) -> tuple[Rules, Scenario]:
    """A target office o0 whose permanent line draws on offices without lines of their own."""
    n = draw(st.integers(1, 4))
    steps = []
    for i in range(draw(st.integers(1, 5))):
        step: dict[str, Any] = {
            "id": f"s{i}",
            "office": f"o{draw(st.integers(1, n))}",
            "mode": draw(st.sampled_from(["becomes", "acts"])),
            "tenure": draw(st.sampled_from(["leaves", "ex_officio"])),
            "takes_effect": draw(st.sampled_from(["ipso_facto", "ipso_facto", "on_taking_office"])),
            "citation": "Art. 3",
        }
        if draw(st.booleans()):
            step["eligibility"] = [{"min_age": 35, "citation": "Art. 4"}]
        steps.append(step)
    offices: dict[str, Any] = {
        "o0": {
            "name": "Head",
            "citation": "Art. 1",
            "causes": CAUSES,
            "lines": {"permanent": {"steps": steps}},
        }
    }
    for i in range(1, n + 1):
        offices[f"o{i}"] = {"name": f"Office {i}", "citation": "Art. 1", "causes": CAUSES}
    rules = Rules.model_validate(
        {
            "schema_version": 1,
            "jurisdiction": "gen",
            "title": "t",
            "version": "1",
            "valid_from": "1900-01-01",
            "sources": [{"id": "c", "title": "C"}],
            "offices": offices,
        }
    )
    people = []
    for k in range(n + 2):
        person: dict[str, Any] = {"id": f"p{k}", "name": f"Person {k}"}
        if draw(st.booleans()):
            person["born"] = draw(st.sampled_from(["1950-01-01", "1970-06-01", "1980-01-01"]))
        people.append(person)
    holders: dict[str, Any] = {"o0": "p0"}
    for i in range(1, n + 1):
        holders[f"o{i}"] = draw(st.sampled_from([f"p{i}", f"p{i}", "vacant", "unknown"]))
    scenario = Scenario.model_validate(
        {
            "schema_version": 1,
            "title": "g",
            "rules": "g.yaml",
            "people": people,
            "start": "2010-01-01",
            "holders": holders,
        }
    )
    return rules, scenario


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(flat_lines())
def test_compiled_counts_equal_the_engine_subset_by_subset(case: tuple[Rules, Scenario]) -> None:
    rules, scenario = case
    timeline = simulate(rules, scenario)
    line = compile_line(timeline, "o0")
    assume(line.compiled)
    compiled = count_closed_form(line)
    engine = enumerate_with_engine(timeline, line, None)
    assert compiled.exercising == engine.exercising
    assert compiled.holder == engine.holder
    assert compiled.entitled == engine.entitled
    assert compiled.nobody == engine.nobody
    enumerated = enumerate_compiled(line)
    assert enumerated.exercising == compiled.exercising and enumerated.entitled == compiled.entitled


def test_the_us_line() -> None:
    t = run(US)
    result = exhaustive(t, "president")
    assert result.path == "compiled" and result.subsets == 2**19
    assert result.exercising["biden"] == 2**18
    assert result.exercising["harris"] == 2**17
    assert result.entitled["pelosi"] == 2**16
    assert sum(result.exercising.values()) == result.subsets == sum(result.holder.values())
    small = exhaustive(t, "president", among=["president", "vice_president", "speaker"])
    forced = exhaustive(
        t, "president", among=["president", "vice_president", "speaker"], engine=True
    )
    assert forced.path == "engine"
    assert (small.exercising, small.holder, small.entitled) == (
        forced.exercising,
        forced.holder,
        forced.entitled,
    )


def test_monte_carlo_is_reproducible_and_sensible() -> None:
    t = run(US)
    a = monte_carlo(t, "president", years=4, trials=20000, seed=7)
    b = monte_carlo(t, "president", years=4, trials=20000, seed=7)
    assert a == b
    harris = a.people["harris"]
    assert 0.05 < harris.p < 0.25 and harris.low < harris.p < harris.high
    c = monte_carlo(t, "president", years=4, trials=20000, seed=8)
    assert c.people["harris"].count != harris.count


def test_cli_exhaustive_and_monte_carlo_json() -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["analyze", "exhaustive", US, "president", "--json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["subsets"] == 2**19 and data["path"] == "compiled"
    args = [
        "analyze",
        "monte-carlo",
        US,
        "president",
        "--years",
        "4",
        "--trials",
        "20000",
        "--seed",
        "1",
        "--json",
    ]
    first = runner.invoke(app, args)
    second = runner.invoke(app, args)
    assert first.exit_code == 0, first.stderr
    assert first.stdout == second.stdout
    assert json.loads(first.stdout)["people"][0]["person"] == "harris"
    text = runner.invoke(
        app,
        [
            "analyze",
            "exhaustive",
            US,
            "president",
            "--among",
            "president",
            "--among",
            "vice_president",
        ],
    )
    assert "Kamala Harris" in text.stdout and "Traceback" not in text.stderr
    bad = runner.invoke(app, ["analyze", "exhaustive", US, "presidnt"])
    assert bad.exit_code == 2 and "president" in bad.stderr


def test_an_interrupted_analysis_returns_partial_results() -> None:
    t = run(US)

    def stop(done: int, total: int) -> None:
        if done < total:
            raise KeyboardInterrupt

    mc = monte_carlo(t, "president", years=1, trials=200_000, seed=1, progress=stop)
    assert mc.partial and mc.done == 65_536
    ex = exhaustive(
        t,
        "president",
        among=[
            "president",
            "vice_president",
            "speaker",
            "president_pro_tempore",
            "secretary_of_state",
            "secretary_of_the_treasury",
            "secretary_of_defense",
        ],
        engine=True,
        progress=stop,
    )
    assert ex.partial and ex.done == 64 and sum(ex.exercising.values()) == 64
