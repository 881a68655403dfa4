"""The catalogue of broken input files: one fault per file, and beside each
file the first problem it must be reported with.

``tests/catalogue/`` holds broken rule files (``rules/``), scenarios
(``scenarios/``, on the small valid rule file and document of
``scenarios/support/``, which are not part of the catalogue) and overlays
(``overlays/``, on ``rules/bo/2009.yaml``). Beside each broken file
``NAME.yaml`` is its sidecar ``NAME.expected`` (YAML, not read as an input:
``succession validate`` on a folder takes only ``.yaml`` and ``.yml`` files)
giving the first problem reported::

    message: "unknown field 'takes_efect'"   # a fragment of the message
    line: 21                                  # where the problem is reported
    column: 13
    hint: "did you mean 'takes_effect'?"      # a fragment of the hint
    weak: "why today's report is not good enough"   # optional
    not_reported: true                              # optional, with weak

``hint: null`` says the message itself says what to write, so no hint is
needed; ``hint: ""`` says a hint is wanted, whatever it says. Every broken
file must have a sidecar and every sidecar a broken file. A scenario is loaded
and simulated, since impossible events surface only when simulating.

A sidecar with ``weak`` records a report that is not good enough today
(wrong place, no hint saying what to write, a wrong message, a crash or a
file accepted that should not be): the case is an expected failure (strict,
so that a fix is noticed), stating the place and hint wanted; where only the
wording is at fault its message fragment is empty, so that any good wording
at the right place with a hint passes. ``not_reported: true`` says the file
is accepted, or the loader crashes, so that ``validate`` does not report it
either: only then is the command-line check an expected failure too.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from succession.api import simulate
from succession.cli import app
from succession.errors import Problem, SuccessionError
from succession.load import load_rules, load_scenario

CATALOGUE = Path(__file__).resolve().parent / "catalogue"
FOLDERS = ("rules", "scenarios", "overlays")
#: the broken files' extension, and their sidecars'
FIXTURE, SIDECAR = ".yaml", ".expected"
#: the message itself says what to write: no separate hint is needed
SELF_EXPLAINED = None
#: a hint is wanted, whatever it says
ANY_HINT = ""
REQUIRED = ("message", "line", "column", "hint")
OPTIONAL = ("weak", "not_reported")


@dataclass(frozen=True)
class Case:
    """One broken file and the first problem it must be reported with."""

    file: str
    fragment: str
    line: int
    column: int
    hint: str | None
    #: why today's report is not good enough (the entry is an expected failure)
    weak: str | None = None
    #: the file is accepted, or the loader crashes: `validate` does not report it either
    not_reported: bool = False


def files(suffix: str) -> list[str]:
    """The catalogue's files with this extension, as ``folder/name``."""
    return sorted(
        f"{folder}/{path.name}"
        for folder in FOLDERS
        for path in (CATALOGUE / folder).iterdir()
        if path.is_file() and path.suffix == suffix
    )


def read_case(file: str) -> Case:
    """The case of one broken file, from its sidecar."""
    sidecar = (CATALOGUE / file).with_suffix(SIDECAR)
    data = yaml.safe_load(sidecar.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{sidecar}: expected a mapping"
    missing = [key for key in REQUIRED if key not in data]
    unknown = sorted(set(data) - set(REQUIRED) - set(OPTIONAL))
    assert not missing and not unknown, f"{sidecar}: missing {missing}, unknown {unknown}"
    assert isinstance(data["message"], str), f"{sidecar}: message is not text"
    assert isinstance(data["line"], int) and isinstance(data["column"], int), sidecar
    assert data["hint"] is SELF_EXPLAINED or isinstance(data["hint"], str), sidecar
    assert data.get("weak") is None or isinstance(data["weak"], str), sidecar
    assert isinstance(data.get("not_reported", False), bool), sidecar
    assert not data.get("not_reported") or data.get("weak"), f"{sidecar}: not_reported without weak"
    return Case(
        file,
        data["message"],
        data["line"],
        data["column"],
        data["hint"],
        weak=data.get("weak"),
        not_reported=data.get("not_reported", False),
    )


CASES: list[Case] = [
    read_case(file) for file in files(FIXTURE) if (CATALOGUE / file).with_suffix(SIDECAR).is_file()
]


def params(*, cli: bool = False) -> list[Any]:
    """The cases as pytest parameters, the weak ones as strict expected failures
    (on the command line, only those `validate` does not report at all)."""
    out: list[Any] = []
    for case in CASES:
        failing = case.weak is not None and (case.not_reported or not cli)
        marks = [pytest.mark.xfail(strict=True, reason=case.weak or "")] if failing else []
        out.append(pytest.param(case, id=case.file, marks=marks))
    return out


def first_problem(path: Path) -> Problem:
    """The first problem reported: rules and overlays loaded, scenarios loaded and simulated."""
    with pytest.raises(SuccessionError) as err:
        if path.parent.name == "scenarios":
            simulate(load_scenario(path))
        else:
            load_rules(path)
    return err.value.problems[0]


@pytest.mark.parametrize("case", params())
def test_the_first_problem_is_reported_where_it_is_with_a_hint(case: Case) -> None:
    path = CATALOGUE / case.file
    problem = first_problem(path)
    shown = problem.format()
    assert case.fragment in problem.message, shown
    assert problem.location is not None, shown
    assert Path(problem.location.file).resolve() == path.resolve(), shown
    assert (problem.location.line, problem.location.column) == (case.line, case.column), shown
    if case.hint is not SELF_EXPLAINED:
        assert problem.hint, f"no hint: {shown}"
        assert case.hint in problem.hint, shown


def test_every_file_has_a_sidecar_and_every_sidecar_a_file() -> None:
    fixtures = {Path(f).with_suffix("").as_posix() for f in files(FIXTURE)}
    sidecars = {Path(f).with_suffix("").as_posix() for f in files(SIDECAR)}
    assert sorted(fixtures - sidecars) == [], "broken files without a sidecar"
    assert sorted(sidecars - fixtures) == [], "sidecars without a broken file"
    others = sorted(
        f"{folder}/{path.name}"
        for folder in FOLDERS
        for path in (CATALOGUE / folder).iterdir()
        if path.is_file() and path.suffix not in (FIXTURE, SIDECAR)
    )
    assert others == [], "files that are neither a broken file nor a sidecar"
    assert len(CASES) == len(fixtures)


def test_validate_on_the_folder_reads_no_sidecar() -> None:
    """The sidecars are not inputs: validating the whole catalogue reads its
    YAML files (the broken files and the scenarios' support) and nothing else."""
    result = CliRunner().invoke(app, ["validate", "--json", str(CATALOGUE)])
    assert result.exit_code == 1, result.stdout + result.stderr
    read = {Path(entry["file"]).resolve() for entry in json.loads(result.stdout)["files"]}
    assert read == {path.resolve() for path in CATALOGUE.rglob(f"*{FIXTURE}")}
    assert sorted(path.name for path in read if path.suffix == SIDECAR) == []


def test_the_scenarios_support_files_are_valid() -> None:
    support = CATALOGUE / "scenarios" / "support"
    load_rules(support / "rules.yaml")
    simulate(load_scenario(support / "valid.yaml"))


FIRST_LINE = re.compile(r"(?P<file>.+):(?P<line>\d+):(?P<column>\d+): (?P<message>.+)")


@pytest.mark.parametrize("case", params(cli=True))
def test_validate_reports_it_on_the_command_line(case: Case) -> None:
    path = CATALOGUE / case.file
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert "Traceback" not in result.stdout and "Traceback" not in result.stderr, result.stderr
    assert result.exit_code == 1, result.stdout + result.stderr
    first = FIRST_LINE.fullmatch(result.stderr.splitlines()[0])
    assert first is not None, result.stderr
    assert Path(first["file"]).resolve() == path.resolve(), result.stderr
    if case.weak is None:
        assert (int(first["line"]), int(first["column"])) == (case.line, case.column), result.stderr
        assert case.fragment in first["message"], result.stderr
