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
