"""-o: output files are written atomically and never over a file the command reads."""

from __future__ import annotations

import json
import os
import stat
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


def test_a_new_file_gets_the_users_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "report.html", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "report.html").stat().st_mode) == 0o644


def test_a_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_link_to_a_file_writes_that_file(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_atomic(link, "new")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"


@pytest.mark.parametrize("kind", ["fifo", "device", "dangling link"])
def test_o_refuses_anything_but_a_regular_file(kind: str, tmp_path: Path) -> None:
    target = tmp_path / "out"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "device":
        target.symlink_to("/dev/null")
    else:
        target.symlink_to(tmp_path / "nothing")
    result = CliRunner().invoke(app, ["schema", "rules", "-o", str(target)])
    assert result.exit_code == 2, result.stderr
    assert "-o" in result.stderr or "link to nothing" in result.stderr
    if kind == "fifo":
        assert stat.S_ISFIFO(os.lstat(target).st_mode)  # still the FIFO, not replaced
    else:
        assert target.is_symlink()
