"""-o: output files are written atomically and never over a file the command reads."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from succession.cli import app
from succession.errors import QueryError
from succession.outputs import write_atomic
from tests.helpers import ROOT

SEED = ROOT / "seeds" / "bolivia-2019.yaml"
runner = CliRunner()


def invoke(*args: str) -> Result:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.stderr, result.stderr
    return result


@pytest.mark.parametrize(
    "command",
    [
        ["run", str(SEED)],
        ["at", str(SEED), "2019-11-13"],
        ["line", str(SEED), "president", "--at", "2019-11-11"],
        ["explain", str(SEED), "president", "--at", "2019-11-13"],
        ["compare", str(SEED), "--office", "president"],
        ["what-if", str(SEED), "--drop", "morales-resigns"],
        ["jurisdictions", str(ROOT / "rules")],
        ["schema", "overlay"],
        ["report", str(SEED)],
        ["graph", str(ROOT / "rules" / "bo" / "2009.yaml")],
    ],
)
def test_every_output_command_writes_the_same_text_to_a_file(
    command: list[str], tmp_path: Path
) -> None:
    for extra in ([], ["--json"]) if command[0] not in ("schema", "report", "graph") else ([],):
        out = tmp_path / f"out{len(extra)}.txt"
        printed = invoke(*command, *extra)
        assert printed.exit_code == 0, printed.stderr
        written = invoke(*command, *extra, "-o", str(out))
        assert written.exit_code == 0, written.stderr
        assert written.stdout == ""
        assert out.read_text(encoding="utf-8") == printed.stdout
        if extra:
            json.loads(out.read_text(encoding="utf-8"))
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == [], (
        "a temporary file was left"
    )


@pytest.mark.parametrize(
    "target",
    [
        SEED,
        ROOT / "rules" / "bo" / "2009.yaml",
        ROOT / "rules" / "bo" / "2009-art161-acceptance.yaml",
        ROOT / "seeds" / "cnn-2019-11-11-morales-leaves-for-mexico.txt",
    ],
    ids=["scenario", "rules", "reading", "document"],
)
def test_never_over_an_input(target: Path) -> None:
    before = target.read_bytes()
    result = invoke("at", str(SEED), "2019-11-13", "-o", str(target))
    assert result.exit_code == 2
    assert "refusing to write over" in result.stderr
    assert target.read_bytes() == before


def test_never_over_an_overlay_given_on_the_command_line(tmp_path: Path) -> None:
    overlay = ROOT / "rules" / "bo" / "2009-election-beyond-vp.yaml"
    before = overlay.read_bytes()
    result = invoke("what-if", str(SEED), "--overlay", str(overlay), "-o", str(overlay))
    assert result.exit_code == 2
    assert overlay.read_bytes() == before


def test_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = invoke("at", str(SEED), "2019-11-13", "-o", str(tmp_path / "no" / "such" / "file.txt"))
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_write_atomic_replaces_whole_or_not_at_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.txt"
    target.write_text("old", encoding="utf-8")

    def fail(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.txt"]
    monkeypatch.undo()
    write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    with pytest.raises(QueryError):
        write_atomic(target, "x", [target])
