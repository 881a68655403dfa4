"""What a file may ask for: the limits, each refused at its place with its
name, and inputs at the limits answered without an internal error."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from succession.cli import app
from succession.model.rules import MAX_AGE, MAX_DELAY_DAYS, MAX_OFFICES
from tests import strategies as S
from tests.helpers import full_rules


def chain(n: int) -> dict[str, Any]:
    """Offices o0..o(n-1), each line drawing on the next: a line n deep."""
    offices: dict[str, Any] = {}
    for i in range(n):
        office: dict[str, Any] = {}
        if i + 1 < n:
            office["lines"] = {"permanent": {"steps": [{"office": f"o{i + 1}", "mode": "acts"}]}}
        offices[f"o{i}"] = office
    return offices


def write(
    tmp_path: Path,
    offices: dict[str, Any],
    *,
    people: list[dict[str, Any]] | None = None,
    start: str = "2000-01-01",
    death: str = "2000-02-01",
) -> Path:
    n = len(offices)
    rules = tmp_path / "rules.yaml"
    rules.write_text(yaml.safe_dump(S.yaml_ready(full_rules(offices)), sort_keys=False))
    people = people or [{"id": f"p{i}", "name": f"P{i}"} for i in range(n)]
    scenario = S.scenario_dict(
        people,
        {f"o{i}": f"p{i}" for i in range(n)},
        [{"id": "e0", "date": death, "type": "death", "person": "p0", "source": S.SOURCE}],
    )
    scenario["rules"] = "rules.yaml"
    scenario["start"] = start
    path = tmp_path / "scenario.yaml"
    path.write_text(yaml.safe_dump(S.yaml_ready(scenario), sort_keys=False))
    return path


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code != 3, result.stderr
    return result.exit_code, result.stderr


def test_too_many_offices_are_refused_at_offices(tmp_path: Path) -> None:
    path = write(tmp_path, chain(MAX_OFFICES + 1))
    code, err = invoke("validate", str(tmp_path / "rules.yaml"))
    assert code == 1
    assert "over the limit of 400 (MAX_OFFICES)" in err and "rules.yaml:" in err
    assert invoke("at", str(path), "2000-03-01")[0] == 1


def test_a_line_as_deep_as_the_limit_is_answered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUCCESSION_CACHE", "off")
    path = write(tmp_path, chain(MAX_OFFICES))
    for args in (
        ["at", str(path), "2000-03-01"],
        ["line", str(path), "o0"],
        ["explain", str(path), "o0"],
        ["validate", str(path), str(tmp_path / "rules.yaml")],
        ["graph", str(tmp_path / "rules.yaml")],
    ):
        assert invoke(*args)[0] == 0, args


@pytest.mark.parametrize(
    ("field", "value", "name"),
    [
        ("within_days", str(MAX_DELAY_DAYS + 1), "MAX_DELAY_DAYS"),
        ("within_hours", str(MAX_DELAY_DAYS * 24 + 1), "MAX_DELAY_DAYS"),
        ("min_age", str(MAX_AGE + 1), "MAX_AGE"),
        ("within_days", "9" * 5000, "4,300"),
    ],
)
def test_numbers_past_a_limit_are_refused_where_they_are(
    field: str, value: str, name: str, tmp_path: Path
) -> None:
    offices = chain(3)
    if field == "min_age":
        offices["o0"]["eligibility"] = [{"min_age": 35, "citation": "Art. 4"}]
    else:
        offices["o0"]["lines"]["permanent"]["steps"][0]["obligations"] = [
            {"kind": "election", "description": "e", field: 30, "citation": "Art. 3"}
        ]
    write(tmp_path, offices)
    rules = tmp_path / "rules.yaml"
    text = rules.read_text()
    key = "min_age: 35" if field == "min_age" else f"{field}: 30"
    assert key in text
    rules.write_text(text.replace(key, f"{field}: {value}"))
    line = next(i for i, t in enumerate(rules.read_text().splitlines(), 1) if f"{field}:" in t)
    code, err = invoke("validate", str(rules))
    assert code == 1
    assert f"rules.yaml:{line}:" in err and name in err, err


def test_dates_at_the_end_of_the_calendar_give_no_internal_error(tmp_path: Path) -> None:
    offices = chain(3)
    offices["o0"]["eligibility"] = [{"min_age": MAX_AGE, "citation": "Art. 4"}]
    offices["o0"]["lines"]["permanent"]["steps"][0]["obligations"] = [
        {
            "kind": "election",
            "description": "e",
            "within_days": MAX_DELAY_DAYS,
            "citation": "Art. 3",
        }
    ]
    people = [{"id": f"p{i}", "name": f"P{i}", "born": "9990-01-01"} for i in range(3)]
    path = write(tmp_path, offices, people=people, start="9999-01-01", death="9999-02-01")
    code, err = invoke("run", str(path))
    assert code == 0, err


def many(tmp_path: Path, *, people: int = 3, deaths: int = 1, becomes: bool = False) -> Path:
    """A 3-office chain scenario with ``people`` people and ``deaths``
    deaths (then appointments refilling the bottom office)."""
    offices = chain(3)
    if becomes:
        for office in offices.values():
            for step in office.get("lines", {}).get("permanent", {}).get("steps", []):
                step["mode"] = "becomes"
    path = write(
        tmp_path, offices, people=[{"id": f"p{i}", "name": f"P{i}"} for i in range(people)]
    )
    data = yaml.safe_load(path.read_text())
    events = []
    for k in range(deaths):
        day = f"{2000 + k // 300}-{1 + k % 300 // 25:02d}-{1 + k % 25:02d}"
        events.append(
            {"id": f"d{k}", "date": day, "time": "10:00", "type": "death", "person": f"p{k}"}
        )
        events.append(
            {"id": f"a{k}", "date": day, "time": "12:00", "type": "appointed"}
            | {"person": f"p{k + 3}", "office": "o2"}
        )
    if deaths:
        data["events"] = [e | {"source": dict(S.SOURCE)} for e in events]
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def test_too_many_people_or_events_are_refused_at_the_first_one_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUCCESSION_CACHE", "off")
    monkeypatch.setenv("SUCCESSION_MAX_PEOPLE", "20")
    monkeypatch.setenv("SUCCESSION_MAX_EVENTS", "20")
    path = many(tmp_path, people=21)
    code, err = invoke("validate", str(path))
    assert code == 1 and "more than 20 people (SUCCESSION_MAX_PEOPLE)" in err
    assert f"scenario.yaml:{yaml_line(path, '- id: p20')}:" in err
    path = many(tmp_path, people=20, deaths=10)  # 20 events: at the limit
    assert invoke("validate", str(path))[0] == 0
    path = many(tmp_path, people=21, deaths=11)
    monkeypatch.setenv("SUCCESSION_MAX_PEOPLE", "21")
    code, err = invoke("validate", str(path))
    assert code == 1 and "more than 20 events (SUCCESSION_MAX_EVENTS)" in err
    assert f"scenario.yaml:{yaml_line(path, '- id: d10')}:" in err  # the 21st


def yaml_line(path: Path, text: str) -> int:
    return next(i for i, t in enumerate(path.read_text().splitlines(), 1) if t.startswith(text))


def test_a_file_of_too_many_values_is_refused_while_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = many(tmp_path, people=200)
    monkeypatch.setenv("SUCCESSION_MAX_NODES", "300")
    code, err = invoke("validate", str(path))
    assert code == 1 and "more than 300 values in one file (SUCCESSION_MAX_NODES)" in err
    assert "scenario.yaml:" in err


def test_a_run_that_records_too_much_is_stopped_at_its_event(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each death moves every office of a 'becomes' chain: the run stops at
    the event that passes SUCCESSION_MAX_RECORDED, located there; under a
    larger limit the same scenario is answered; and a cached answer made
    under the larger limit is not given under the smaller one."""
    path = many(tmp_path, people=60, deaths=50, becomes=True)
    monkeypatch.setenv("SUCCESSION_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("SUCCESSION_MAX_RECORDED", "100000")
    assert invoke("at", str(path), "2001-01-01")[0] == 0
    monkeypatch.setenv("SUCCESSION_MAX_RECORDED", "3000")
    for cache in (str(tmp_path / "cache"), "off"):
        monkeypatch.setenv("SUCCESSION_CACHE", cache)
        code, err = invoke("at", str(path), "2001-01-01")
        assert code == 1, cache
        assert "the run records more than 3,000 values" in err
        assert "(SUCCESSION_MAX_RECORDED)" in err and "scenario.yaml:" in err


def test_the_record_counts_the_arrays_it_keeps() -> None:
    """The size the run is bounded by is that of the arrays the timeline
    keeps: after the run trims them (copies without spare room), the count
    follows the copies, and the timeline holds no second set of arrays."""
    from succession.api import run
    from tests.helpers import ROOT

    log = run(ROOT / "seeds" / "bolivia-2019.yaml").log
    kept = {id(v) for v in vars(log).values()}
    assert log.grown and all(id(a) in kept for a in log.grown)
    assert log.recorded() == sum(len(a) for a in log.arrays())
