"""The package as a user installs it: the wheel carries the corpus, and a
scenario naming a jurisdiction runs from any folder."""

from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT

SCENARIO = (
    ROOT / "rules" / "bo" / "scenarios" / "2006-2010-morales-across-the-new-constitution.yaml"
)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment outside the checkout with the wheel built
    from it installed (its dependencies are taken from this environment)."""
    where = tmp_path_factory.mktemp("wheel")
    dist = where / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            str(ROOT),
            "-w",
            str(dist),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("succession-*.whl")
    venv = where / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "-q",
            "--no-deps",
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    # the dependencies (pydantic, typer, PyYAML ...) from this environment,
    # appended after the venv's own site-packages (which holds the wheel)
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(purelib, "dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    return venv


def run(venv: Path, *args: str, cwd: Path | str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SUCCESSION_", "PYTHON"))}
    env["SUCCESSION_CACHE"] = "off"
    return subprocess.run(
        [str(venv / "bin" / "succession"), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_installed_package_is_the_wheel_not_the_checkout(installed: Path) -> None:
    found = subprocess.run(
        [str(installed / "bin" / "python"), "-c", "import succession; print(succession.__file__)"],
        cwd="/",
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert found.startswith(str(installed)), found
    assert not found.startswith(str(ROOT))


def test_jurisdictions_from_the_root_folder_lists_the_whole_corpus(installed: Path) -> None:
    done = run(installed, "jurisdictions", "--json", cwd="/")
    assert done.returncode == 0, done.stderr
    listed = {j["jurisdiction"] for j in json.loads(done.stdout)["jurisdictions"]}
    shipped = {p.name for p in (ROOT / "rules").iterdir() if p.is_dir()}
    assert listed == shipped
    assert str(ROOT) not in done.stdout


def test_a_scenario_naming_a_jurisdiction_runs_anywhere(installed: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(SCENARIO, elsewhere / "s.yaml")
    done = run(installed, "at", "s.yaml", "2009-03-01", "--json", cwd=elsewhere)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["offices"]["president"]["holder"] == "morales"
    graph = run(installed, "graph", "bo", "--at", "2019-11-12", cwd=elsewhere)
    assert graph.returncode == 0 and "digraph" in graph.stdout, graph.stderr
