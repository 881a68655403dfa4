"""The command line, through typer's test runner and as a real process."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from succession import cli
from succession.cli import app
from succession.render import text as render_text
from tests.helpers import ROOT

SEED = str(ROOT / "seeds" / "bolivia-2019.yaml")
runner = CliRunner()


def invoke(*args: str) -> Result:
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.stderr, result.stderr
    return result


class TestAt:
    @pytest.mark.parametrize(
        ("instant", "holder", "acting"),
        [
            ("2019-11-09", "morales", None),
            ("2019-11-11", None, None),
            ("2019-11-13", "anez", None),
            ("2020-11-09", "arce", None),
        ],
    )
    def test_json_holder_and_acting(
        self, instant: str, holder: str | None, acting: str | None
    ) -> None:
        result = invoke("at", SEED, instant, "--json")
        assert result.exit_code == 0, result.stderr
        data = json.loads(result.stdout)
        assert data["instant"] == instant
        assert data["offices"]["president"]["holder"] == holder
        assert data["offices"]["president"]["acting"] == acting

    def test_table_for_people(self) -> None:
        result = invoke("at", SEED, "2019-11-11")
        assert result.exit_code == 0
        assert "President of the State" in result.stdout and "vacant" in result.stdout

    def test_bad_instant_is_a_usage_error(self) -> None:
        result = invoke("at", SEED, "12/11/2019")
        assert result.exit_code == 2
        assert "YYYY-MM-DD" in result.stderr

    def test_before_the_start_is_a_usage_error(self) -> None:
        result = invoke("at", SEED, "2019-01-01", "--json")
        assert result.exit_code == 2
        assert json.loads(result.stdout)["problems"][0]["message"].startswith(
            "2019-01-01 is before"
        )


class TestLine:
    def test_skipped_officers_and_entitled_senate_vice_president(self) -> None:
        result = invoke("line", SEED, "president", "--at", "2019-11-11")
        assert result.exit_code == 0, result.stderr
        out = result.stdout
        assert "skipped" in out and "Álvaro García Linera: resignation" in out
        assert "Adriana Salvatierra: resignation" in out
        assert "Víctor Borda: resignation" in out
        assert "Jeanine Áñez" in out and "entitled" in out

    def test_json(self) -> None:
        result = invoke("line", SEED, "president", "--at", "2019-11-11", "--json")
        data = json.loads(result.stdout)
        assert [s["status"] for s in data["steps"]] == ["skipped", "skipped", "skipped"]
        senate = data["steps"][1]["line_of_source"]
        assert senate[1]["person"] == "anez" and senate[1]["status"] == "entitled"
        assert data["next"] == []

    def test_unknown_office(self) -> None:
        result = invoke("line", SEED, "presidente")
        assert result.exit_code == 2
        assert "did you mean 'president'" in result.stderr


class TestRun:
    def test_timeline_text(self) -> None:
        result = invoke("run", SEED)
        assert result.exit_code == 0
        assert "2019-11-12T18:41 anez-takes-senate-chair" in result.stdout
        assert "President of the State: vacant → Jeanine Áñez" in result.stdout

    def test_timeline_json(self) -> None:
        data = json.loads(invoke("run", SEED, "--json").stdout)
        holders = [e["holders"]["president"] for e in data["entries"]]
        assert holders[0] == "morales" and holders[-1] == "arce" and None in holders


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    """A copy of the seed scenario (with the rules beside it) that a test may alter."""
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    return tmp_path / "seeds" / "bolivia-2019.yaml"


class TestCheckAndValidate:
    def test_check_seeds(self) -> None:
        result = invoke("check", str(ROOT / "seeds"))
        assert result.exit_code == 0, result.stderr
        assert "expectations hold" in result.stdout

    def test_check_reports_a_mismatch(self, seed_copy: Path) -> None:
        path = seed_copy
        text = path.read_text(encoding="utf-8").replace(
            "president: {holder: arce, acting: null}", "president: {holder: anez, acting: null}"
        )
        path.write_text(text, encoding="utf-8")
        result = invoke("check", str(path))
        assert result.exit_code == 1
        assert (
            "president holder: expected anez (Jeanine Áñez), got arce (Luis Arce)" in result.stderr
        )

    def test_validate_rules_and_seeds(self) -> None:
        result = invoke("validate", str(ROOT / "rules"), str(ROOT / "seeds"))
        assert result.exit_code == 0, result.stderr
        assert "ok" in result.stdout

    def test_validate_altered_quote(self, seed_copy: Path) -> None:
        path = seed_copy
        path.write_text(
            path.read_text(encoding="utf-8").replace(
                "all resigned Sunday", "all resigned Monday", 1
            ),
            encoding="utf-8",
        )
        before = path.read_bytes()
        result = invoke("validate", str(path))
        assert result.exit_code == 1
        line = result.stderr.splitlines()[0]
        assert "bolivia-2019.yaml:" in line and "quoted passage is not in the document" in line
        _, lineno, col = line.split(":")[0:3]
        assert lineno.isdigit() and col.isdigit()
        assert path.read_bytes() == before, "validation never modifies the input"

    def test_validate_json(self, tmp_path: Path) -> None:
        bad = tmp_path / "bad.yaml"
        bad.write_text("schema_version: 1\njurisdiction: x\noffices: {a: {name: A}}\n")
        data = json.loads(invoke("validate", str(bad), "--json").stdout)
        assert data["ok"] is False
        assert data["files"][0]["problems"][0]["line"] is not None


class TestSchema:
    @pytest.mark.parametrize("kind", ["rules", "overlay", "scenario"])
    def test_prints_the_committed_schema(self, kind: str) -> None:
        result = invoke("schema", kind)
        assert result.exit_code == 0
        assert result.stdout == (ROOT / "schemas" / f"{kind}.schema.json").read_text(
            encoding="utf-8"
        )

    def test_unknown_kind(self) -> None:
        assert invoke("schema", "reading").exit_code == 2


def test_usage_error_exit_code() -> None:
    assert invoke("at").exit_code == 2


def test_python_dash_m_runs_and_a_missing_file_exits_1(tmp_path: Path) -> None:
    env = dict(os.environ)
    out = subprocess.run(
        [sys.executable, "-m", "succession", "at", SEED, "2019-11-13", "--json"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert (
        out.returncode == 0 and json.loads(out.stdout)["offices"]["president"]["holder"] == "anez"
    )
    # a scenario file that does not exist is an input error, not a traceback
    missing = subprocess.run(
        [sys.executable, "-m", "succession", "run", str(tmp_path / "nope.yaml")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert missing.returncode == 1 and "no such file" in missing.stderr
    assert "Traceback" not in missing.stderr


def _main(monkeypatch: pytest.MonkeyPatch, *args: str) -> None:
    """Run the command line's entry point, as the installed `succession` does."""
    monkeypatch.setattr(sys, "argv", ["succession", *args])
    cli.main()


@pytest.fixture
def broken_renderer(monkeypatch: pytest.MonkeyPatch) -> None:
    """`succession at` fails inside: its text renderer raises an unexpected error."""

    def boom(*args: object, **kwargs: object) -> str:
        raise RuntimeError("a bug in the renderer")

    monkeypatch.setattr(render_text, "state", boom)
    monkeypatch.delenv("SUCCESSION_DEBUG", raising=False)


@pytest.mark.usefixtures("broken_renderer")
def test_an_internal_error_exits_3_with_one_line_asking_for_a_bug_report(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        _main(monkeypatch, "at", SEED, "2019-11-11")
    assert exit_.value.code == 3
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        "succession: internal error (RuntimeError). This is a bug: please report it with "
        "the command and files you used; run again with --debug to see the traceback.\n"
    )
    assert "Traceback" not in err and "a bug in the renderer" not in err


@pytest.mark.usefixtures("broken_renderer")
def test_with_debug_an_internal_error_propagates(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(RuntimeError, match="a bug in the renderer"):
        _main(monkeypatch, "--debug", "at", SEED, "2019-11-11")


@pytest.mark.usefixtures("broken_renderer")
def test_with_succession_debug_set_an_internal_error_propagates(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SUCCESSION_DEBUG", "1")
    with pytest.raises(RuntimeError, match="a bug in the renderer"):
        _main(monkeypatch, "at", SEED, "2019-11-11")


def test_the_entry_point_exits_0_when_all_is_well(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        _main(monkeypatch, "at", SEED, "2019-11-13", "--json")
    assert exit_.value.code == 0
    assert json.loads(capsys.readouterr().out)["offices"]["president"]["holder"] == "anez"


class TestExplain:
    def test_names_articles_resignations_and_skips(self) -> None:
        result = invoke("explain", SEED, "president", "--at", "2019-11-13")
        assert result.exit_code == 0, result.stderr
        out = result.stdout
        assert "Art. 169.I" in out and "Art. 41(a)" in out
        assert "morales-resigns" in out and "resignation as president" in out
        assert "garcia-linera-resigns" in out and "passed over" in out

    def test_json(self) -> None:
        data = json.loads(
            invoke("explain", SEED, "president", "--at", "2019-11-11", "--json").stdout
        )
        assert data["status"] == "vacant"
        assert [s["step"]["draws_on"] for s in data["vacancy"]["skipped"]] == [
            "vice_president",
            "senate_president",
            "deputies_president",
        ]


def test_text_output_escapes_control_characters_and_bidi_overrides(tmp_path: Path) -> None:
    seed = (ROOT / "seeds" / "bolivia-2019.yaml").read_text(encoding="utf-8")
    assert "name: Jeanine Áñez" in seed
    shady = seed.replace("name: Jeanine Áñez", 'name: "Jeanine\\u202e Áñez\\e[2J"')
    shady = shady.replace("../rules/", str(ROOT / "rules") + "/")
    path = tmp_path / "shady.yaml"
    path.write_text(shady, encoding="utf-8")
    for name in ("cnn-2019-11-11-morales-leaves-for-mexico.txt",):
        (tmp_path / name).write_text(
            (ROOT / "seeds" / name).read_text(encoding="utf-8"), encoding="utf-8"
        )
    runner = CliRunner()
    text = runner.invoke(app, ["at", str(path), "2019-11-13"], env={"SUCCESSION_CACHE": "off"})
    assert text.exit_code == 0, text.stderr
    assert "Jeanine\\u202e Áñez\\u001b[2J" in text.stdout
    assert "\u202e" not in text.stdout and "\x1b" not in text.stdout
    as_json = runner.invoke(
        app, ["at", str(path), "2019-11-13", "--json"], env={"SUCCESSION_CACHE": "off"}
    )
    detail = json.loads(as_json.stdout)["offices"]["president"]["holder_detail"]["basis"]["detail"]
    assert detail.startswith("Jeanine\u202e Áñez\x1b[2J")  # JSON keeps the data as it is
    bad = runner.invoke(
        app, ["line", str(path), "pres\u202eident"], env={"SUCCESSION_CACHE": "off"}
    )
    assert bad.exit_code == 2 and "\u202e" not in bad.stderr and "\\u202e" in bad.stderr


def test_graph_as_json_gives_nodes_and_edges_with_articles() -> None:
    result = CliRunner().invoke(app, ["graph", str(ROOT / "rules" / "us" / "2006.yaml"), "--json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    ids = {o["id"] for o in data["offices"]}
    assert "president" in ids
    first = next(e for e in data["edges"] if e["from"] == "president" and e["line"] == "permanent")
    assert first["position"] == 1 and first["to"] == "vice_president" and first["article"]
    assert all(e["to"] in ids or e["to"].startswith(("person:", "body:")) for e in data["edges"])


def test_a_removed_working_folder_is_said_not_an_internal_error(tmp_path: Path) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    probe = (
        "import os, sys\n"
        f"os.chdir({str(gone)!r}); os.rmdir({str(gone)!r})\n"
        "from succession.cli import main\n"
        f"sys.argv = ['succession', 'at', {SEED!r}, '2019-11-13']\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 2, done.stderr
    assert "the current folder no longer exists" in done.stderr
