"""Where a jurisdiction is found: the folders above the scenario, then
--rules-path and SUCCESSION_PATH, then the corpus installed with the package."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from succession.cli import app
from succession.paths import installed_corpus
from tests.helpers import ROOT

SCENARIO = (
    ROOT / "rules" / "bo" / "scenarios" / "2006-2010-morales-across-the-new-constitution.yaml"
)


def bo_titled(folder: Path, title: str) -> None:
    shutil.copytree(ROOT / "rules" / "bo", folder, ignore=shutil.ignore_patterns("scenarios"))
    version = folder / "2009.yaml"
    lines = version.read_text(encoding="utf-8").splitlines()
    version.write_text(
        "\n".join(f"title: {title}" if line.startswith("title:") else line for line in lines)
        + "\n",
        encoding="utf-8",
    )


def title(scenario: Path, *options: str) -> str:
    result = CliRunner().invoke(app, [*options, "run", str(scenario), "--json"])
    assert result.exit_code == 0, result.stderr
    found = json.loads(result.stdout)["rules"]["title"]
    assert isinstance(found, str)
    return found


@pytest.fixture
def case(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SUCCESSION_CACHE", "off")
    monkeypatch.setenv("SUCCESSION_PATH", "")  # restored after the test: --rules-path writes it
    folder = tmp_path / "case"
    folder.mkdir()
    shutil.copy(SCENARIO, folder / "s.yaml")
    return folder / "s.yaml"


def test_the_installed_corpus_is_found_last(case: Path) -> None:
    assert installed_corpus() is not None
    assert title(case).startswith("Bolivia — Constitution of 2009")


def test_rules_path_and_succession_path_come_before_the_corpus(
    case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bo_titled(tmp_path / "lib" / "bo", "From the library")
    assert title(case, "--rules-path", str(tmp_path / "lib")) == "From the library"
    monkeypatch.setenv("SUCCESSION_PATH", str(tmp_path / "lib"))
    assert title(case) == "From the library"


def test_a_folder_above_the_scenario_comes_first(case: Path, tmp_path: Path) -> None:
    bo_titled(tmp_path / "lib" / "bo", "From the library")
    bo_titled(case.parent / "rules" / "bo", "Beside the scenario")
    assert title(case, "--rules-path", str(tmp_path / "lib")) == "Beside the scenario"


def test_a_reading_name_wins_over_a_file_of_the_same_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUCCESSION_CACHE", "off")
    monkeypatch.chdir(tmp_path)
    Path("acceptance").write_text("not: a rule file\n", encoding="utf-8")
    seed = str(ROOT / "seeds" / "bolivia-2019.yaml")
    runner = CliRunner()
    under = runner.invoke(app, ["at", seed, "2019-11-13", "--rules", "acceptance", "--json"])
    assert under.exit_code == 0, under.stderr
    assert json.loads(under.stdout)["offices"]["president"]["holder"] == "morales"
    compared = runner.invoke(app, ["compare", seed, "--rules", "acceptance", "--json"])
    assert compared.exit_code == 0, compared.stderr
    assert [r["run"] for r in json.loads(compared.stdout)["readings"]] == ["base", "acceptance"]


def documents_case(tmp_path: Path, document: str) -> Path:
    folder = tmp_path / "scenario"
    folder.mkdir()
    seed = (ROOT / "seeds" / "bolivia-2019.yaml").read_text(encoding="utf-8")
    doc = "cnn-2019-11-11-morales-leaves-for-mexico.txt"
    assert f"file: {doc}" in seed
    seed = seed.replace(f"file: {doc}", f"file: {document}").replace(
        "../rules/", str(ROOT / "rules") + "/"
    )
    path = folder / "s.yaml"
    path.write_text(seed, encoding="utf-8")
    return path


@pytest.mark.parametrize("document", ["../outside.txt", "/etc/passwd", "link.txt"])
def test_a_document_outside_the_scenarios_folder_is_refused(
    document: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUCCESSION_CACHE", "off")
    monkeypatch.setenv("SUCCESSION_ALLOW_OUTSIDE", "")  # restored after: --allow-outside writes it
    text = (ROOT / "seeds" / "cnn-2019-11-11-morales-leaves-for-mexico.txt").read_text("utf-8")
    (tmp_path / "outside.txt").write_text(text, encoding="utf-8")
    path = documents_case(tmp_path, document)
    (path.parent / "link.txt").symlink_to(tmp_path / "outside.txt")  # a link that leads out
    runner = CliRunner()
    refused = runner.invoke(app, ["validate", str(path)])
    assert refused.exit_code == 1
    assert "is outside the scenario's folder" in refused.stderr
    if document != "/etc/passwd":
        allowed = runner.invoke(app, ["--allow-outside", "validate", str(path)])
        assert allowed.exit_code == 0, allowed.stderr


def test_a_document_in_a_subfolder_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUCCESSION_CACHE", "off")
    path = documents_case(tmp_path, "sources/cnn.txt")
    (path.parent / "sources").mkdir()
    shutil.copy(
        ROOT / "seeds" / "cnn-2019-11-11-morales-leaves-for-mexico.txt",
        path.parent / "sources" / "cnn.txt",
    )
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 0, result.stderr


def rules_case(tmp_path: Path, rules: str) -> Path:
    """A scenario in tmp/work/ whose ``rules:`` is ``rules``, with a copy of
    Bolivia's 2009 rules at tmp/elsewhere/r.yaml (outside its tree), at
    tmp/work/sub/r.yaml (inside it) and in tmp/rules/bo/ (a rules/ folder above it)."""
    for where in ("elsewhere", "work/sub"):
        (tmp_path / where).mkdir(parents=True)
        shutil.copy(ROOT / "rules" / "bo" / "2009.yaml", tmp_path / where / "r.yaml")
    shutil.copytree(ROOT / "rules" / "bo", tmp_path / "rules" / "bo")  # the seed's readings
    seed = (ROOT / "seeds" / "bolivia-2019.yaml").read_text(encoding="utf-8")
    seed = seed.replace("rules: ../rules/bo/2009.yaml", f"rules: {rules}")
    shutil.copy(ROOT / "seeds" / "cnn-2019-11-11-morales-leaves-for-mexico.txt", tmp_path / "work")
    path = tmp_path / "work" / "s.yaml"
    path.write_text(seed, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("rules", "refused"),
    [
        ("sub/r.yaml", False),
        ("../elsewhere/r.yaml", True),
        ("/etc/passwd", True),
        ("../rules/bo/2009.yaml", False),  # a rules/ folder above the scenario
    ],
)
def test_a_rule_file_outside_the_scenarios_tree_and_the_rule_folders_is_refused(
    rules: str, refused: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A scenario's ``rules:`` is read from its folder's tree, a ``rules/``
    folder above it or the search path; anything else would let a shared
    scenario probe any file (an error quotes what it read)."""
    monkeypatch.setenv("SUCCESSION_ALLOW_OUTSIDE", "")
    path = rules_case(tmp_path, rules)
    runner = CliRunner()
    for cache in ("off", str(tmp_path / "cache")):
        monkeypatch.setenv("SUCCESSION_CACHE", cache)
        allowed = runner.invoke(app, ["--allow-outside", "at", str(path), "2019-11-13"])
        assert allowed.exit_code == (1 if rules == "/etc/passwd" else 0), allowed.stderr
        monkeypatch.setenv("SUCCESSION_ALLOW_OUTSIDE", "")  # --allow-outside wrote it
        # the cache keeps the run made with --allow-outside; it must not answer without it
        result = runner.invoke(app, ["at", str(path), "2019-11-13"])
        assert result.exit_code == (1 if refused else 0), result.stderr
        assert ("is outside this file's folder" in result.stderr) == refused
        assert "root:" not in result.stderr


def test_an_overlay_base_outside_its_tree_is_refused_unless_on_the_search_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUCCESSION_CACHE", "off")
    monkeypatch.setenv("SUCCESSION_ALLOW_OUTSIDE", "")
    monkeypatch.setenv("SUCCESSION_PATH", "")
    (tmp_path / "law" / "bo").mkdir(parents=True)
    shutil.copy(ROOT / "rules" / "bo" / "2009.yaml", tmp_path / "law" / "bo" / "2009.yaml")
    (tmp_path / "readings").mkdir()
    overlay = tmp_path / "readings" / "o.yaml"
    overlay.write_text(
        "schema_version: 1\noverlay: ../law/bo/2009.yaml\njurisdiction: bo\nreading: a reading\n"
        'citation: {article: "Art. 1", source: cpe2009}\nchanges: []\n',
        encoding="utf-8",
    )
    runner = CliRunner()
    refused = runner.invoke(app, ["validate", str(overlay)])
    assert refused.exit_code == 1
    assert "the base rule file '../law/bo/2009.yaml' is outside" in refused.stderr
    on_path = runner.invoke(app, ["--rules-path", str(tmp_path / "law"), "validate", str(overlay)])
    assert on_path.exit_code == 0, on_path.stderr
    monkeypatch.setenv("SUCCESSION_PATH", "")  # --rules-path wrote it
    allowed = runner.invoke(app, ["--allow-outside", "validate", str(overlay)])
    assert allowed.exit_code == 0, allowed.stderr
