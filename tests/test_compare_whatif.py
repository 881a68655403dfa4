"""compare, what-if and scenario readings: the library and the command line,
in text and JSON, on the seed and its Bolivian readings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner, Result

import succession
from succession.api import check, compare, what_if
from succession.diff import Diff, Interval
from succession.errors import InputError, QueryError
from succession.load import LoadedScenario, load_scenario
from succession.variants import parse_compact
from tests.helpers import ROOT

SEED = str(ROOT / "seeds" / "bolivia-2019.yaml")
BASE = str(ROOT / "rules" / "bo" / "2009.yaml")
READING_A = str(ROOT / "rules" / "bo" / "2009-art161-acceptance.yaml")
READING_B = str(ROOT / "rules" / "bo" / "2009-scp-0052-2021.yaml")
READING_C = str(ROOT / "rules" / "bo" / "2009-election-beyond-vp.yaml")
runner = CliRunner()


def invoke(*args: str) -> Result:
    result = runner.invoke(app_(), list(args))
    assert "Traceback" not in result.stderr, result.stderr
    return result


def app_() -> typer.Typer:
    from succession.cli import app

    return app


@pytest.fixture(scope="module")
def seed() -> LoadedScenario:
    return load_scenario(SEED)


def interval(d: Diff, office: str, start: str) -> Interval:
    for od in d.offices:
        if od.office == office:
            for iv in od.intervals:
                if iv.start.isoformat().startswith(start):
                    return iv
    raise AssertionError(f"no interval of {office} from {start}")


# --- readings in the scenario --------------------------------------------------------------------


def test_the_seed_names_three_readings_and_every_expectation_holds(seed: LoadedScenario) -> None:
    assert sorted(seed.readings) == ["acceptance", "election-90-days", "scp-0052-2021"]
    assert check(seed) == []


def test_check_reports_each_reading() -> None:
    result = invoke("check", SEED)
    assert result.exit_code == 0, result.stderr
    assert "[reading acceptance]" in result.stdout
    data = json.loads(invoke("check", SEED, "--json").stdout)
    assert {f["reading"] for f in data["files"]} == {
        "base",
        "acceptance",
        "scp-0052-2021",
        "election-90-days",
    }


def test_an_expectation_that_fails_under_a_reading_names_it(tmp_path: Path) -> None:
    text = (
        Path(SEED)
        .read_text(encoding="utf-8")
        .replace(
            "president: {holder: copa, claimants: [anez]}",
            "president: {holder: anez, claimants: []}",
        )
    )
    path = tmp_path / "seed.yaml"
    path.write_text(text.replace("../rules/", str(ROOT / "rules") + "/"), encoding="utf-8")
    for doc in (ROOT / "seeds").glob("*.txt"):
        (tmp_path / doc.name).write_text(doc.read_text(encoding="utf-8"), encoding="utf-8")
    found = check(load_scenario(path))
    assert found and all(m.reading == "acceptance" for m in found)
    result = invoke("check", str(path))
    assert result.exit_code == 1
    assert "(reading acceptance)" in result.stderr


def test_an_unknown_reading_in_an_expectation_is_located(tmp_path: Path) -> None:
    text = (
        Path(SEED)
        .read_text(encoding="utf-8")
        .replace("reading: acceptance\n", "reading: acceptanse\n", 1)
    )
    path = tmp_path / "seed.yaml"
    path.write_text(text.replace("../rules/", str(ROOT / "rules") + "/"), encoding="utf-8")
    for doc in (ROOT / "seeds").glob("*.txt"):
        (tmp_path / doc.name).write_text(doc.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_scenario(path)
    problem = info.value.problems[0]
    assert "unknown reading 'acceptanse'" in problem.message
    assert problem.hint and "acceptance" in problem.hint
    assert problem.location and problem.location.line


def test_rules_option_takes_a_reading_name() -> None:
    result = invoke("at", SEED, "2019-11-13", "--rules", "acceptance", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["offices"]["president"]["holder"] == "morales"
    bad = invoke("at", SEED, "2019-11-13", "--rules", "acceptanse")
    assert bad.exit_code == 2
    assert "acceptance" in bad.stderr


# --- compare -------------------------------------------------------------------------------------


def test_compare_base_and_acceptance_library(seed: LoadedScenario) -> None:
    d = compare(seed, [BASE, READING_A])
    assert d.labels == ("base", "acceptance")
    first = interval(d, "president", "2019-11-10")
    assert first.views[0].holder is None and first.views[1].holder == "morales"
    sworn = interval(d, "president", "2019-11-12T18:51")
    assert sworn.views[0].holder == "anez"
    assert sworn.views[1].holder == "morales" and sworn.views[1].claimants == ("anez",)
    assert sworn.end is not None and sworn.end.date().isoformat() == "2020-01-21"
    after = interval(d, "president", "2020-01-21")
    assert after.views[0].holder == "anez"
    assert after.views[1].holder == "copa" and after.views[1].claimants == ("anez",)
    assert any("Art. 169.I" in r and "morales-resignation-accepted" in r for r in after.reasons[1])
    assert "president" in {od.office for od in d.offices}
    assert "senate_first_vp" not in {od.office for od in d.offices}


def test_compare_text_shows_both_readings_and_reasons() -> None:
    result = invoke("compare", SEED, "--rules", BASE, "--rules", READING_A)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "from 2019-11-12T18:51 until 2020-01-21" in out
    assert "Evo Morales; claimant: Jeanine Áñez" in out
    assert "Eva Copa; claimant: Jeanine Áñez" in out
    assert "awaits acceptance by assembly" in out
    assert "the same in every run:" in out


def test_compare_json() -> None:
    result = invoke("compare", SEED, "--rules", BASE, "--rules", READING_A, "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["runs"] == ["base", "acceptance"]
    assert data["same"] is False
    president = next(o for o in data["offices"] if o["office"] == "president")
    iv = next(i for i in president["intervals"] if i["from"] == "2019-11-12T18:51")
    assert iv["until"] == "2020-01-21"
    assert [r["holder"] for r in iv["runs"]] == ["anez", "morales"]
    assert iv["runs"][1]["claimants"] == ["anez"]
    assert iv["runs"][1]["why"]


def test_compare_defaults_to_every_reading_and_filters_offices() -> None:
    data = json.loads(invoke("compare", SEED, "--office", "president", "--json").stdout)
    assert data["runs"] == ["base", "acceptance", "scp-0052-2021", "election-90-days"]
    assert [o["office"] for o in data["offices"]] == ["president"]


def test_compare_reading_b_puts_salvatierra_in_and_c_adds_an_overdue_election(
    seed: LoadedScenario,
) -> None:
    d = compare(seed, ["base", "scp-0052-2021", "election-90-days"])
    start = interval(d, "president", "2019-11-10")
    assert [v.holder for v in start.views] == [None, "salvatierra", None]
    late = interval(d, "president", "2020-02-10T18:41")
    assert late.views[2].obligations == (("election", late.start, True),)
    assert late.views[0].obligations == ()


def test_compare_a_reading_with_itself() -> None:
    result = invoke("compare", SEED, "--rules", READING_A, "--rules", "acceptance")
    assert result.exit_code == 0, result.stderr
    assert "no difference" in result.stdout


def test_compare_errors() -> None:
    assert invoke("compare", SEED, "--rules", "nonsense").exit_code == 2
    bad_office = invoke("compare", SEED, "--office", "presidnt")
    assert bad_office.exit_code == 2
    assert "president" in bad_office.stderr


# --- what-if -------------------------------------------------------------------------------------


def test_dropping_moraless_resignation(seed: LoadedScenario) -> None:
    w = what_if(seed, drop=["morales-resigns"])
    assert w.also_dropped == (("morales-resignation-accepted", "it accepts morales-resigns"),)
    iv = interval(w.diff, "president", "2019-11-12T18:51")
    assert iv.views[0].holder == "anez"
    assert iv.views[1].holder == "morales" and iv.views[1].claimants == ("anez",)
    assert any("recorded as a claim" in x for x in w.new_warnings)
    assert w.changed.holder("president", "2019-11-13") == "morales"


def test_what_if_text_and_json() -> None:
    result = invoke("what-if", SEED, "--drop", "morales-resigns")
    assert result.exit_code == 0, result.stderr
    assert "dropped morales-resigns" in result.stdout
    assert "also dropped morales-resignation-accepted" in result.stdout
    assert "Evo Morales; claimant: Jeanine Áñez" in result.stdout
    data = json.loads(invoke("what-if", SEED, "--drop", "morales-resigns", "--json").stdout)
    assert data["runs"] == ["as recorded", "what if"]
    assert data["dropped"] == ["morales-resigns"]
    president = next(o for o in data["offices"] if o["office"] == "president")
    assert any(r["claimants"] == ["anez"] for i in president["intervals"] for r in i["runs"])


def test_adding_a_compact_event(seed: LoadedScenario) -> None:
    w = what_if(seed, add=["2019-11-12T18:45 resignation Áñez president"])
    assert w.added == ("what-if-1",)
    assert w.changed.holder("president", "2019-11-12T18:46") is None
    iv = interval(w.diff, "president", "2019-11-12T18:45")
    assert iv.views[0].holder == "anez" and iv.views[1].holder is None


def test_adding_events_from_a_yaml_file(seed: LoadedScenario, tmp_path: Path) -> None:
    events = tmp_path / "extra.yaml"
    events.write_text(
        "- id: copa-dies\n  date: 2019-11-20\n  type: death\n  person: copa\n", encoding="utf-8"
    )
    w = what_if(seed, add=[str(events)])
    assert w.added == ("copa-dies",)
    assert w.changed.holder("senate_president", "2019-11-21") is None


def test_what_if_with_rules_and_overlay(seed: LoadedScenario) -> None:
    w = what_if(seed, overlays=[READING_A])
    assert w.changed.holder("president", "2019-11-13") == "morales"
    w2 = what_if(seed, rules="acceptance", overlays=[READING_C])
    assert w2.changed.holder("president", "2020-02-01") == "copa"


def test_what_if_errors() -> None:
    assert invoke("what-if", SEED).exit_code == 2
    unknown = invoke("what-if", SEED, "--drop", "morales-resign")
    assert unknown.exit_code == 2 and "morales-resigns" in unknown.stderr
    bad_type = invoke("what-if", SEED, "--add", "2019-11-12 resigns anez senate_president")
    assert bad_type.exit_code == 2 and "resignation" in bad_type.stderr
    bad_person = invoke("what-if", SEED, "--add", "2019-11-12 resignation anes senate_president")
    assert bad_person.exit_code == 1 and "added event 1" in bad_person.stderr
    not_overlay = invoke("what-if", SEED, "--overlay", BASE)
    assert not_overlay.exit_code == 1 and "not an overlay" in not_overlay.stderr


def test_impossible_added_event_is_located_at_the_argument(seed: LoadedScenario) -> None:
    with pytest.raises(succession.SuccessionError) as info:
        what_if(seed, add=["2019-11-13 resignation morales president"])
    assert "added event 1" in str(info.value.problems[0].location)


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        (
            "2019-11-12 resignation anez senate_president",
            {
                "date": "2019-11-12",
                "type": "resignation",
                "person": "anez",
                "office": "senate_president",
            },
        ),
        (
            "2019-11-14T10:00 elected copa senate_president by=senate",
            {
                "date": "2019-11-14",
                "time": "10:00",
                "type": "elected",
                "person": "copa",
                "office": "senate_president",
                "by": "senate",
            },
        ),
        ("2020-01-01 death 'Evo Morales'", {"type": "death", "person": "Evo Morales"}),
        ("2020-10-23 elected arce president takes_office=false", {"takes_office": False}),
    ],
)
def test_parse_compact(spec: str, expected: dict[str, Any]) -> None:
    data = parse_compact(spec, 1)
    for key, value in expected.items():
        assert data[key] == value
    assert data["source"]["verified"] is False


@pytest.mark.parametrize(
    "spec",
    ["2019-11-12", "2019-11-12 death anez president", "2019-11-12 death anez colour=red", "x 'y"],
)
def test_parse_compact_errors(spec: str) -> None:
    with pytest.raises(QueryError):
        parse_compact(spec, 1)


# --- explain (the acceptance command) -------------------------------------------------------------


def test_explain_the_seed_at_2019_11_13() -> None:
    result = invoke("explain", SEED, "president", "--at", "2019-11-13")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Art. 169.I" in out and "Art. 41(a)" in out
    for event in (
        "morales-resigns",
        "garcia-linera-resigns",
        "salvatierra-resigns",
        "medinaceli-resigns",
    ):
        assert event in out
    assert "“Morales’ departure came a day after his resignation as president”" in out
    assert "Vice President of the State): vacant" in out
    assert "First Vice President of the Senate): vacant" in out
    data = json.loads(invoke("explain", SEED, "president", "--at", "2019-11-13", "--json").stdout)
    assert data["holder"]["person"] == "anez"


def test_explain_under_a_reading_shows_the_claim() -> None:
    result = invoke("explain", SEED, "president", "--at", "2019-11-13", "--rules", "acceptance")
    assert result.exit_code == 0, result.stderr
    assert "Evo Morales" in result.stdout
    assert "Jeanine Áñez" in result.stdout


def test_a_scenario_can_name_an_overlay_as_its_rules(tmp_path: Path) -> None:
    text = Path(SEED).read_text(encoding="utf-8")
    text = text.replace("rules: ../rules/bo/2009.yaml", f"rules: {READING_A}")
    text = text.replace("../rules/", str(ROOT / "rules") + "/")
    path = tmp_path / "seed.yaml"
    path.write_text(text, encoding="utf-8")
    for doc in (ROOT / "seeds").glob("*.txt"):
        (tmp_path / doc.name).write_text(doc.read_text(encoding="utf-8"), encoding="utf-8")
    loaded = load_scenario(path)
    assert loaded.rules.overlay is not None and loaded.rules.base is not None
    assert succession.simulate(loaded).holder("president", "2019-11-13") == "morales"


def test_dropping_an_event_keeps_the_recorded_instants_of_the_others(tmp_path: Path) -> None:
    """An event without a time happens just after the event before it on its
    day: dropping that earlier event does not move it to midnight."""
    from tests.helpers import full_rules, load_rules_dict, make_scenario

    rules = load_rules_dict(full_rules({"a": {}, "b": {}}))
    loaded = make_scenario(
        rules,
        {"a": "x", "b": "y"},
        [
            {
                "date": "2000-01-02",
                "time": "18:41",
                "type": "resignation",
                "person": "x",
                "office": "a",
            },
            {"date": "2000-01-02", "type": "resignation", "person": "y", "office": "b"},
        ],
    )
    w = what_if(loaded, drop=["e0"])
    assert [od.office for od in w.diff.offices] == ["a"]
    assert w.changed.state_at("2000-01-02T12:00").offices["b"].holder_id == "y"
    assert w.changed.state_at("2000-01-02T18:41").offices["b"].holder_id is None


def test_compare_across_versions_that_create_an_office() -> None:
    """An office a later version of the law creates has no state before it:
    compare treats it as absent there instead of failing on it."""
    from succession.diff import compare_timelines
    from succession.load import load_scenario
    from succession.runs import simulate

    loaded = load_scenario(
        ROOT / "rules/bo/scenarios/2006-2010-morales-across-the-new-constitution.yaml"
    )
    t = simulate(loaded)
    absent = [o for o in t.rules.offices if o not in t.versions[0].offices]
    assert absent, "the case needs an office the first version does not have"
    diff = compare_timelines([t, simulate(loaded)], ["a", "b"])
    assert diff.same


def test_compare_without_readings_says_there_is_nothing_to_compare() -> None:
    path = str(ROOT / "rules/bo/scenarios/2006-2010-morales-across-the-new-constitution.yaml")
    result = CliRunner().invoke(succession_app(), ["compare", path])
    assert result.exit_code == 2
    assert "names no readings to compare" in result.stderr


def succession_app() -> typer.Typer:
    from succession.cli import app

    return app
