"""Validating files of either kind."""

from pathlib import Path

from succession.validate import classify, validate_path
from tests.helpers import ROOT


def test_classify() -> None:
    assert classify(ROOT / "rules" / "bo" / "2009.yaml") == "rules"
    assert classify(ROOT / "seeds" / "bolivia-2019.yaml") == "scenario"


def test_valid_files_summarise() -> None:
    r = validate_path(ROOT / "rules" / "bo" / "2009.yaml")
    assert r.problems == [] and r.summary.startswith("rules, 8 offices")
    s = validate_path(ROOT / "seeds" / "bolivia-2019.yaml")
    assert s.problems == [] and "scenario" in s.summary


def test_a_scenario_with_readings_is_reported_under_its_own_name() -> None:
    # the seed names readings; each is checked, and the result still names the file
    r = validate_path(ROOT / "seeds" / "bolivia-2019.yaml")
    assert r.file.endswith("bolivia-2019.yaml"), r.file


def test_neither_kind(tmp_path: Path) -> None:
    f = tmp_path / "x.yaml"
    f.write_text("hello: world\n")
    r = validate_path(f)
    assert r.kind == "unknown" and "not a rule file" in r.problems[0].message


def test_impossible_event_is_found_by_running(tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "r.yaml").write_text(
        (ROOT / "rules" / "bo" / "2009.yaml").read_text("utf-8"), "utf-8"
    )
    scenario = tmp_path / "s.yaml"
    scenario.write_text(
        "schema_version: 1\ntitle: t\nrules: rules/r.yaml\nstart: 2019-11-09\n"
        "people: [{id: m, name: M}, {id: x, name: X}]\n"
        "holders: {president: m, vice_president: vacant, senate_president: vacant, senate_first_vp: vacant,\n"
        "  senate_second_vp: vacant, deputies_president: vacant, deputies_first_vp: vacant, deputies_second_vp: vacant}\n"
        "events:\n"
        "  - {id: bad, date: 2019-11-10, type: resignation, person: x, office: president, source: {record: r}}\n",
        "utf-8",
    )
    r = validate_path(scenario)
    assert len(r.problems) == 1
    p = r.problems[0]
    assert "event 'bad'" in p.message and "cannot resign" in p.message
    assert p.location is not None and p.location.line == 9
