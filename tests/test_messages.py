"""Messages that say what is true: a rule file that is a folder, a FIFO or a
scenario is called that (not "does not exist" or thirteen unknown fields), an
impossible date says why, a NUL byte is located by line and column, a folder
without jurisdictions and a setting that is not a number are errors."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from succession.cli import app
from tests import strategies as S
from tests.helpers import full_rules

RULES = yaml.safe_dump(
    S.yaml_ready(
        full_rules(
            {
                "president": {
                    "lines": {
                        "permanent": {"steps": [{"office": "vice_president", "mode": "becomes"}]}
                    }
                },
                "vice_president": {},
            }
        )
    ),
    sort_keys=False,
)

SCENARIO = """\
schema_version: 1
title: Test scenario
rules: {rules}
people:
  - {{id: p, name: P}}
  - {{id: v, name: V}}
start: 2019-01-01
holders:
  president: p
  vice_president: v
events:
  - {{id: e1, date: {date}, type: death, person: p, source: {{record: test}}}}
"""


def scenario(folder: Path, rules: str = "rules.yaml", date: str = "2019-02-10") -> Path:
    (folder / "rules.yaml").write_text(RULES)
    path = folder / "scenario.yaml"
    path.write_text(SCENARIO.format(rules=rules, date=date))
    return path


def invoke(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), env={"SUCCESSION_CACHE": "off", **(env or {})})
    assert result.exit_code != 3, result.stderr
    return result.exit_code, result.stderr


def test_the_fixture_is_valid(tmp_path: Path) -> None:
    code, err = invoke("validate", str(scenario(tmp_path)))
    assert code == 0, err


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda p: None, "does not exist"),
        (lambda p: p.mkdir(), "is a folder"),
        (lambda p: os.mkfifo(p), "is not a regular file"),
        (lambda p: p.symlink_to("/dev/zero"), "is not a regular file"),
    ],
    ids=["missing", "folder", "fifo", "device"],
)
def test_rules_naming_what_is_not_a_file_say_what_it_is(tmp_path: Path, make, said: str) -> None:  # type: ignore[no-untyped-def]
    make(tmp_path / "other")
    path = scenario(tmp_path, rules="other")
    code, err = invoke("validate", str(path))
    assert code == 1
    assert f"scenario.yaml:3:8: the rule file 'other' {said}" in err
    if said != "does not exist":
        assert "does not exist" not in err


def test_rules_naming_a_scenario_say_so_once(tmp_path: Path) -> None:
    path = scenario(tmp_path, rules="copy.yaml")
    shutil.copy(path, tmp_path / "copy.yaml")
    code, err = invoke("validate", str(path))
    assert code == 1
    assert "scenario.yaml:3:8: 'copy.yaml' is a scenario, not a rule file" in err
    assert "unknown field" not in err
    code, err = invoke("at", str(path), "2019-03-01", "--rules", str(tmp_path / "copy.yaml"))
    assert code == 1 and "this is a scenario, not a rule file" in err
    assert "unknown field" not in err


def test_an_overlay_base_that_is_a_folder_is_called_one(tmp_path: Path) -> None:
    (tmp_path / "base").mkdir()
    overlay = tmp_path / "overlay.yaml"
    overlay.write_text(
        "schema_version: 1\noverlay: base\njurisdiction: xx\nreading: a reading\n"
        'citation: {article: "Art. 1", source: s}\nchanges: []\n'
    )
    code, err = invoke("validate", str(overlay))
    assert code == 1 and "the base rule file 'base' is a folder" in err


def test_an_impossible_date_says_why(tmp_path: Path) -> None:
    code, err = invoke("validate", str(scenario(tmp_path, date="2019-02-30")))
    assert code == 1
    assert "scenario.yaml:12:20: '2019-02-30' is not a date: February has 28 days in 2019" in err
    code, err = invoke("at", str(scenario(tmp_path)), "2019-02-30")
    assert code == 2 and "February has 28 days in 2019" in err


def test_a_nul_byte_is_located_by_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "scenario.yaml"
    path.write_text("title: x\nholders:\n  p: \x00\n")
    code, err = invoke("validate", str(path))
    assert code == 1
    assert (
        "scenario.yaml:3:6: the character U+0000 is not allowed in a YAML file (a NUL byte)" in err
    )
    assert "position" not in err


def test_a_folder_without_jurisdictions_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "notes.txt").write_text("x")
    code, err = invoke("jurisdictions", str(tmp_path))
    assert code == 1 and "no jurisdiction here" in err


@pytest.mark.parametrize("name", ["SUCCESSION_MAX_FILE_BYTES", "SUCCESSION_CACHE_MAX_BYTES"])
@pytest.mark.parametrize("value", ["abc", "-5", "0", "1e6"])
def test_a_size_setting_that_is_not_a_number_is_said(tmp_path: Path, name: str, value: str) -> None:
    code, err = invoke("validate", str(scenario(tmp_path)), env={name: value})
    assert code == 1
    assert f"{name}: {value!r} is not a number of bytes" in err


def test_a_file_over_the_cap_says_its_size(tmp_path: Path) -> None:
    path = scenario(tmp_path)
    code, err = invoke("validate", str(path), env={"SUCCESSION_MAX_FILE_BYTES": "100"})
    assert code == 1
    size = path.stat().st_size
    assert f"file is {size:,} bytes, over the limit of 100" in err
