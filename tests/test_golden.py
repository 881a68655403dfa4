"""Golden files: the exact text the command line prints, compared byte for byte.

``tests/golden/`` holds the standard output of ``succession run``, ``at``,
``line`` and ``explain`` on three scenarios, at instants before, during and
after their key events and for the offices they are about, and of
``compare`` and ``what-if`` on the seed. Each file is one command, named
after it (``CASES`` below lists them all). The commands run in-process
through typer's runner, from the repository's top folder with relative
paths, so that no path in the output depends on the machine; every command
must exit 0 and write nothing on stderr.

- ``seeds/bolivia-2019.yaml`` (``bolivia-2019/``): five resignations on one
  day, an entitled successor who takes office later, a claim under a reading,
  resignations accepted months later; ``compare`` under its three readings
  and ``what-if --drop morales-resigns``.
- ``rules/bo/scenarios/2006-2010-morales-across-the-new-constitution.yaml``
  (``bo-2006-2010/``): a scenario naming its jurisdiction, so that each
  event is applied under the version of the law in force (the 1967 text, then
  the 2009 text from 7 February 2009, which changes the line); elections with
  the elect taking office later.
- ``rules/kr/scenarios/2024-yoon-impeachment.yaml`` (``kr-2024-yoon/``):
  suspensions and reinstatements with temporary lines and acting persons
  changing as the offices they act from change hands, a removal creating an
  election obligation (pending, overdue, discharged), resignations effective
  on acceptance and one effective at a later instant, and an untimed event on
  a day with timed ones.

When a change of output is meant, refresh the files and review the change::

    SUCCESSION_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden.py
    git diff tests/golden

With ``SUCCESSION_UPDATE_GOLDEN=1`` each test writes its file (only when the
output differs) and passes, and files no case produces any more are removed.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from succession.cli import app
from tests.helpers import ROOT

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = bool(os.environ.get("SUCCESSION_UPDATE_GOLDEN"))

SEED = "seeds/bolivia-2019.yaml"
ACROSS = "rules/bo/scenarios/2006-2010-morales-across-the-new-constitution.yaml"
YOON = "rules/kr/scenarios/2024-yoon-impeachment.yaml"


@dataclass(frozen=True)
class Golden:
    """One command (its arguments, from the repository's top folder) and the
    file under ``tests/golden/`` holding what it prints."""

    name: str
    argv: tuple[str, ...]


def _slug(instant: str | None) -> str:
    """An instant as part of a file name (no colon); ``end`` for the default."""
    return "end" if instant is None else instant.replace(":", "")


def scenario_cases(
    folder: str,
    scenario: str,
    *,
    at: Sequence[str],
    line: Sequence[tuple[str, str | None]],
    temporary_line: Sequence[tuple[str, str | None]] = (),
    explain: Sequence[tuple[str, str | None]],
) -> list[Golden]:
    """``run`` on the scenario, ``at`` at each instant, and ``line`` and
    ``explain`` for each (office, instant), the instant ``None`` for the
    command's default (after the last event)."""

    def when(instant: str | None) -> tuple[str, ...]:
        return () if instant is None else ("--at", instant)

    cases = [Golden(f"{folder}/run.txt", ("run", scenario))]
    cases += [Golden(f"{folder}/at-{_slug(i)}.txt", ("at", scenario, i)) for i in at]
    cases += [
        Golden(f"{folder}/line-{office}-{_slug(i)}.txt", ("line", scenario, office, *when(i)))
        for office, i in line
    ]
    cases += [
        Golden(
            f"{folder}/line-{office}-{_slug(i)}-temporary.txt",
            ("line", scenario, office, *when(i), "--temporary"),
        )
        for office, i in temporary_line
    ]
    cases += [
        Golden(f"{folder}/explain-{office}-{_slug(i)}.txt", ("explain", scenario, office, *when(i)))
        for office, i in explain
    ]
    return cases


CASES: list[Golden] = [
    *scenario_cases(
        "bolivia-2019",
        SEED,
        # the start; after the five resignations; between Áñez taking the Senate
        # chair (18:41) and her oath (18:51); after it; after Copa's election to
        # the Senate chair; after the resignations are accepted; after Arce's election;
        # after his inauguration
        at=[
            "2019-11-09",
            "2019-11-11",
            "2019-11-12T18:45",
            "2019-11-13",
            "2019-11-15",
            "2020-01-22",
            "2020-10-30",
            "2020-11-09",
        ],
        line=[
            ("president", "2019-11-09"),
            ("president", "2019-11-11"),
            ("president", "2019-11-12T18:45"),
            ("president", "2019-11-13"),
            ("president", None),
            ("senate_president", "2019-11-11"),
            ("senate_president", "2019-11-15"),
            ("vice_president", "2019-11-11"),
        ],
        explain=[
            ("president", "2019-11-09"),
            ("president", "2019-11-11"),
            ("president", "2019-11-12T18:45"),
            ("president", "2019-11-13"),
            ("president", "2020-01-22"),
            ("president", "2020-10-30"),
            ("president", None),
            ("senate_president", "2019-11-11"),
            ("senate_president", "2019-11-12T18:45"),
            ("senate_president", "2019-11-15"),
            ("vice_president", "2020-01-22"),
            ("vice_president", None),
        ],
    ),
    Golden("bolivia-2019/compare.txt", ("compare", SEED)),
    Golden(
        "bolivia-2019/what-if-drop-morales-resigns.txt",
        ("what-if", SEED, "--drop", "morales-resigns"),
    ),
    *scenario_cases(
        "bo-2006-2010",
        ACROSS,
        # Rodríguez Veltzé under the 1967 text; Morales and García Linera in office;
        # the last day of the 1967 text and the first of the 2009 text; re-elected;
        # the new term
        at=["2006-01-21", "2006-01-23", "2009-02-06", "2009-02-07", "2009-12-07", "2010-01-23"],
        line=[
            ("president", "2006-01-21"),
            ("president", "2009-02-06"),
            ("president", "2009-02-07"),
            ("president", None),
            ("senate_president", "2009-02-06"),
            ("senate_president", "2009-02-07"),
        ],
        explain=[
            ("president", "2006-01-21"),
            ("president", "2006-01-23"),
            ("president", "2009-02-07"),
            ("president", "2009-12-07"),
            ("president", None),
            ("vice_president", "2009-12-07"),
            ("vice_president", "2010-01-23"),
        ],
    ),
    *scenario_cases(
        "kr-2024-yoon",
        YOON,
        # the start; Han acting (Yoon suspended); Choi acting (Han suspended too);
        # Han reinstated; Yoon removed (the election obligation); Kim's resignation
        # awaiting acceptance, then accepted; Han's resignation accepted but not yet
        # in effect, before and after Choi leaves; Lee Ju-ho acting from midnight;
        # the obligation overdue; Lee Jae-myung elected; sworn
        at=[
            "2024-12-13",
            "2024-12-14T20:00",
            "2024-12-27T18:00",
            "2025-03-24",
            "2025-04-04T12:00",
            "2025-04-08T12:00",
            "2025-04-08",
            "2025-05-01T17:00",
            "2025-05-01T23:00",
            "2025-05-02T09:00",
            "2025-06-03T12:00",
            "2025-06-04T07:00",
            "2025-06-04",
        ],
        line=[
            ("president", "2024-12-13"),
            ("president", "2024-12-14T20:00"),
            ("president", "2024-12-27T18:00"),
            ("president", "2025-04-04T12:00"),
            ("president", "2025-05-01T23:00"),
            ("president", "2025-05-02T09:00"),
            ("president", None),
            ("prime_minister", "2024-12-27T18:00"),
            ("prime_minister", "2025-05-02T09:00"),
        ],
        temporary_line=[("president", "2024-12-13"), ("prime_minister", "2025-05-02T09:00")],
        explain=[
            ("president", "2024-12-13"),
            ("president", "2024-12-14T20:00"),
            ("president", "2024-12-27T18:00"),
            ("president", "2025-03-24"),
            ("president", "2025-04-04T12:00"),
            ("president", "2025-05-01T23:00"),
            ("president", "2025-05-02T09:00"),
            ("president", "2025-06-03T12:00"),
            ("president", "2025-06-04T07:00"),
            ("president", None),
            ("prime_minister", "2024-12-27T18:00"),
            ("prime_minister", "2025-03-24"),
            ("prime_minister", "2025-05-01T17:00"),
            ("prime_minister", "2025-05-02T09:00"),
            ("minister_labor", "2025-04-08T12:00"),
            ("minister_labor", "2025-04-08"),
            ("minister_finance", "2025-05-01T23:00"),
            ("minister_justice", "2025-04-10T12:00"),
            ("minister_justice", "2025-04-10T15:00"),
        ],
    ),
]


def _differences(expected: bytes, got: bytes, name: str) -> str:
    """A unified diff of the golden file and the output, line by line as bytes."""
    lines = difflib.diff_bytes(
        difflib.unified_diff,
        expected.splitlines(keepends=True),
        got.splitlines(keepends=True),
        fromfile=f"tests/golden/{name}".encode(),
        tofile=b"output",
    )
    text = b"".join(line if line.endswith(b"\n") else line + b"\n" for line in lines)
    return text.decode("utf-8", errors="backslashreplace")


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_output_is_the_golden_file(case: Golden, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(app, list(case.argv), catch_exceptions=False)
    command = "succession " + " ".join(case.argv)
    assert result.exit_code == 0, f"{command}: exit {result.exit_code}\n{result.stderr}"
    assert result.stderr == "", f"{command} wrote on stderr:\n{result.stderr}"
    got = result.stdout_bytes
    path = GOLDEN / case.name
    if UPDATE:
        if not path.is_file() or path.read_bytes() != got:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(got)
        return
    if not path.is_file():
        pytest.fail(
            f"no golden file tests/golden/{case.name} for `{command}`; "
            "write it with SUCCESSION_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden.py",
            pytrace=False,
        )
    expected = path.read_bytes()
    if got != expected:
        pytest.fail(
            f"`{command}` no longer prints tests/golden/{case.name}:\n"
            + _differences(expected, got, case.name)
            + "(if the change is meant: SUCCESSION_UPDATE_GOLDEN=1 "
            ".venv/bin/pytest tests/test_golden.py)",
            pytrace=False,
        )


def test_every_golden_file_belongs_to_a_case() -> None:
    names = [case.name for case in CASES]
    assert len(set(names)) == len(names), "two cases write the same file"
    stale = sorted(
        path.relative_to(GOLDEN).as_posix()
        for path in GOLDEN.rglob("*.txt")
        if path.relative_to(GOLDEN).as_posix() not in names
    )
    if UPDATE:
        for name in stale:
            (GOLDEN / name).unlink()
        return
    assert stale == [], "golden files no case produces (SUCCESSION_UPDATE_GOLDEN=1 removes them)"


def test_the_outputs_name_no_path_of_this_machine() -> None:
    """The golden files hold relative paths only (the commands run from the
    repository's top folder)."""
    if not GOLDEN.is_dir():
        pytest.skip("no golden files yet")
    for path in sorted(GOLDEN.rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert str(ROOT) not in text, f"tests/golden/{path.relative_to(GOLDEN)} names {ROOT}"
