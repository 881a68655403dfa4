"""Expectations compared with a timeline."""

from typing import Any

from succession.engine import simulate
from succession.engine.timeline import Timeline
from succession.expect import check_expectations, expectation_count
from succession.load import LoadedScenario
from tests.helpers import full_rules, load_rules_dict, make_scenario

OFFICES = {"president": {"lines": {"permanent": {"steps": [{"office": "vp"}]}}}, "vp": {}}


def timeline(expect: list[dict[str, Any]]) -> tuple[Timeline, LoadedScenario]:
    rules = load_rules_dict(full_rules(OFFICES))
    loaded = make_scenario(
        rules,
        {"president": "p", "vp": "v"},
        [{"date": "2000-01-05", "type": "death", "person": "p"}],
        expect=expect,
    )
    return simulate(rules.rules, loaded.scenario, locate=loaded.locate), loaded


def test_all_hold() -> None:
    tl, loaded = timeline(
        [
            {"at": "2000-01-04", "offices": {"president": "p"}},
            {
                "at": "2000-01-05",
                "offices": {"president": {"holder": "v", "acting": None}, "vp": "vacant"},
            },
        ]
    )
    assert check_expectations(tl, loaded.locate) == []
    assert expectation_count(tl) == 4


def test_mismatch_is_described_with_its_position() -> None:
    tl, loaded = timeline([{"at": "2000-01-05", "offices": {"president": {"exercising": "p"}}}])
    [m] = check_expectations(tl, loaded.locate)
    assert (m.office, m.aspect, m.expected, m.actual) == ("president", "exercising", "p", "v")
    assert m.location is not None and m.location.file == "scenario.yaml"
    assert "expected p (P), got v (V)" in m.describe(tl)


def test_a_mismatch_carries_the_warnings_that_explain_it() -> None:
    """An event the office does not recognise has no effect; the mismatch it
    causes comes with that warning, worded with the causes the office does
    recognise, in the text and the JSON of check."""
    from succession.render import jsonview, text

    offices = {
        "president": {
            "causes": {"permanent": ["death"], "citation": "Art. 1"},
            "lines": {"permanent": {"steps": [{"office": "vp"}]}},
        },
        "vp": {},
    }
    rules = load_rules_dict(full_rules(offices))
    loaded = make_scenario(
        rules,
        {"president": "p", "vp": "v"},
        [{"date": "2000-01-05", "type": "removal", "person": "p", "office": "president"}],
        expect=[
            {"at": "2000-01-04", "offices": {"vp": "v"}},
            {"at": "2000-01-06", "offices": {"president": "v"}},
        ],
    )
    tl = simulate(rules.rules, loaded.scenario, locate=loaded.locate)
    (m,) = check_expectations(tl, loaded.locate)
    assert [n.kind for _, n in m.warnings] == ["cause_not_recognised"]
    shown = text.mismatches(tl, "s.yaml", [m], 2)
    assert "warning at 2000-01-05" in shown and "the causes it recognises: death" in shown
    data = jsonview.mismatch(tl, m)
    assert data["warnings"][0]["kind"] == "cause_not_recognised"
