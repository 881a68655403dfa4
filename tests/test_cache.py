"""The timeline cache: a shortcut that is never wrong."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from succession import cache
from succession.cli import app
from tests.helpers import ROOT


def copy_seed(tmp_path: Path) -> Path:
    for name in ("bolivia-2019.yaml", "cnn-2019-11-11-morales-leaves-for-mexico.txt"):
        shutil.copy(ROOT / "seeds" / name, tmp_path / name)
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules" / "bo", rules / "bo")
    path = tmp_path / "bolivia-2019.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("../rules/", "rules/"), encoding="utf-8"
    )
    return path


def at(path: Path, instant: str = "2019-11-13") -> dict[str, Any]:
    result = CliRunner().invoke(app, ["at", str(path), instant, "--json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


def test_a_hit_gives_the_same_answer_and_a_change_is_noticed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUCCESSION_CACHE", str(tmp_path / "cache"))
    seed = copy_seed(tmp_path)
    first = at(seed)
    assert list((tmp_path / "cache").glob("*.pickle")), "nothing was cached"
    assert cache.load(seed, None) is not None
    assert at(seed) == first
    # change a rule file the scenario reads: the entry is stale
    rules = tmp_path / "rules" / "bo" / "2009.yaml"
    rules.write_text(rules.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert cache.load(seed, None) is None
    assert at(seed) == first
    # change the scenario: a different answer
    seed.write_text(
        seed.read_text(encoding="utf-8").replace("date: 2019-11-14\n", "date: 2019-11-12\n"),
        encoding="utf-8",
    )
    assert at(seed, "2019-11-15")["offices"]["senate_president"]["holder"] == "copa"


def test_off_and_broken_caches_are_harmless(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed = copy_seed(tmp_path)
    monkeypatch.setenv("SUCCESSION_CACHE", "off")
    at(seed)
    assert cache.load(seed, None) is None
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("x", encoding="utf-8")
    monkeypatch.setenv("SUCCESSION_CACHE", str(blocked))
    assert at(seed)["offices"]["president"]["holder"] == "anez"
    garbage = tmp_path / "cache"
    monkeypatch.setenv("SUCCESSION_CACHE", str(garbage))
    at(seed)
    for entry in garbage.glob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert cache.load(seed, None) is None
    assert at(seed)["offices"]["president"]["holder"] == "anez"
