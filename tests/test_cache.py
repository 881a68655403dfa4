"""The timeline cache: a shortcut that is never wrong."""

from __future__ import annotations

import json
import os
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


# --- every way an entry could go stale, against the answer without the cache ---------------

JURISDICTION_SCENARIO = "2006-2010-morales-across-the-new-constitution.yaml"


def copy_jurisdiction(tmp_path: Path) -> Path:
    """The Bolivian scenario naming `jurisdiction: bo`, in cases/, with the
    folder rules/bo/ two levels up (found by searching upwards)."""
    shutil.copytree(
        ROOT / "rules" / "bo", tmp_path / "rules" / "bo", ignore=shutil.ignore_patterns("scenarios")
    )
    cases = tmp_path / "cases"
    cases.mkdir()
    shutil.copy(
        ROOT / "rules" / "bo" / "scenarios" / JURISDICTION_SCENARIO, cases / JURISDICTION_SCENARIO
    )
    return cases / JURISDICTION_SCENARIO


def retitle(path: Path, title: str) -> None:
    text = path.read_text(encoding="utf-8")
    lines = [f"title: {title}" if line.startswith("title:") else line for line in text.splitlines()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def retarget_rules_link(tmp_path: Path, scenario: Path) -> None:
    link = tmp_path / "rules" / "bo" / "2009.yaml"
    other = tmp_path / "elsewhere.yaml"
    shutil.copy(link.resolve(), other)
    retitle(other, "Another text of 2009")
    link.unlink()
    link.symlink_to(other)


def link_rules(tmp_path: Path) -> None:
    """Before the first run: the seed's rule file is a link to a copy."""
    link = tmp_path / "rules" / "bo" / "2009.yaml"
    real = tmp_path / "first.yaml"
    shutil.move(link, real)
    link.symlink_to(real)


def add_version(tmp_path: Path, scenario: Path) -> None:
    # a second file for the same period: the versions overlap
    shutil.copy(
        tmp_path / "rules" / "bo" / "2009.yaml", tmp_path / "rules" / "bo" / "2009-copy.yaml"
    )


def remove_version(tmp_path: Path, scenario: Path) -> None:
    (tmp_path / "rules" / "bo" / "1967.yaml").unlink()


def nearer_folder(tmp_path: Path, scenario: Path) -> None:
    nearer = scenario.parent / "rules" / "bo"
    shutil.copytree(tmp_path / "rules" / "bo", nearer)
    retitle(nearer / "2009.yaml", "The nearer copy")


def edit_document(tmp_path: Path, scenario: Path) -> None:
    doc = tmp_path / "cnn-2019-11-11-morales-leaves-for-mexico.txt"
    doc.write_text("Nothing quoted is here any more.\n", encoding="utf-8")


def grow_document(tmp_path: Path, scenario: Path) -> None:
    doc = tmp_path / "cnn-2019-11-11-morales-leaves-for-mexico.txt"
    with doc.open("a", encoding="utf-8") as handle:
        handle.write("x" * 300_000)


def document_to_device(tmp_path: Path, scenario: Path) -> None:
    doc = tmp_path / "cnn-2019-11-11-morales-leaves-for-mexico.txt"
    doc.unlink()
    doc.symlink_to("/dev/zero")


def rules_to_fifo(tmp_path: Path, scenario: Path) -> None:
    rules = tmp_path / "rules" / "bo" / "2009.yaml"
    rules.unlink()
    os.mkfifo(rules)


CHANGES = {
    "a linked rule file retargeted": ("seed", retarget_rules_link),
    "a version file added to the jurisdiction's folder": ("jurisdiction", add_version),
    "a version file removed": ("jurisdiction", remove_version),
    "a nearer rules/<id>/ folder": ("jurisdiction", nearer_folder),
    "a document edited": ("seed", edit_document),
    "a document grown past the size cap": ("seed", grow_document),
    "a document turned into a link to /dev/zero": ("seed", document_to_device),
    "a rule file turned into a FIFO": ("seed", rules_to_fifo),
}


def change_case(
    change: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[str, Any, Path]:
    """(kind, how to change it, the scenario) for one row of :data:`CHANGES`,
    the scenario copied into ``tmp_path`` and the working folder there."""
    kind, mutate = CHANGES[change]
    monkeypatch.setenv("SUCCESSION_MAX_FILE_BYTES", "200000")
    monkeypatch.chdir(tmp_path)
    scenario = copy_seed(tmp_path) if kind == "seed" else copy_jurisdiction(tmp_path)
    if mutate is retarget_rules_link:
        link_rules(tmp_path)
    return kind, mutate, scenario


def answer(path: Path, cache_env: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.setenv("SUCCESSION_CACHE", cache_env)
    result = CliRunner().invoke(app, ["run", str(path), "--json"])
    return result.exit_code, result.stdout


@pytest.mark.parametrize("change", list(CHANGES))
def test_with_and_without_the_cache_the_answers_agree_after(
    change: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kind, mutate, scenario = change_case(change, tmp_path, monkeypatch)
    cached = str(tmp_path / "cache")
    before = answer(scenario, cached, monkeypatch)
    assert before[0] == 0
    assert cache.load(scenario, None) is not None, "the first run was not cached"
    mutate(tmp_path, scenario)
    assert cache.load(scenario, None) is None, "a stale entry was served"
    if kind == "seed" and mutate is rules_to_fifo:
        return  # without the cache, the loader refuses the FIFO: tested in test_yamlio
    fresh = answer(scenario, "off", monkeypatch)
    assert answer(scenario, cached, monkeypatch) == fresh
    assert fresh != before, "the change does not change the answer: the case proves nothing"


def test_checking_an_entry_reads_no_file_over_the_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"x" * 1000)
    monkeypatch.setenv("SUCCESSION_MAX_FILE_BYTES", "100")

    def no_read(*args: object) -> bytes:
        raise AssertionError("read a file over the cap")

    monkeypatch.setattr(os, "read", no_read)
    assert cache.file_record(big) is None


def test_a_folder_others_can_write_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed = copy_seed(tmp_path)
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    monkeypatch.setenv("SUCCESSION_CACHE", str(shared))
    assert cache.folder() is None
    at(seed)
    assert list(shared.iterdir()) == []


def test_a_planted_entry_is_not_unpickled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seed = copy_seed(tmp_path)
    where = tmp_path / "cache"
    monkeypatch.setenv("SUCCESSION_CACHE", str(where))
    at(seed)
    (entry,) = where.glob("*.pickle")
    # an entry another user could have written: writable by the group
    entry.chmod(0o664)
    assert cache.load(seed, None) is None
    # a link in place of the entry is not followed
    entry.chmod(0o600)
    target = tmp_path / "planted.pickle"
    entry.rename(target)
    entry.symlink_to(target)
    assert cache.load(seed, None) is None
    if os.getuid() == 0:  # only root can give a file to another user
        entry.unlink()
        target.rename(entry)
        os.chown(entry, 12345, 12345)
        assert cache.load(seed, None) is None


def test_storing_never_writes_through_a_planted_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed = copy_seed(tmp_path)
    where = tmp_path / "cache"
    where.mkdir(mode=0o700)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    # links at every name the old cache would have used for its temporary file
    key = cache.entry_key(seed, None)
    for pid in range(os.getpid() - 5, os.getpid() + 5):
        (where / f".{key}.pickle.{pid}.tmp").symlink_to(victim)
    monkeypatch.setenv("SUCCESSION_CACHE", str(where))
    at(seed)
    assert victim.read_text(encoding="utf-8") == "keep me\n"
    assert cache.load(seed, None) is not None


def test_the_cache_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    where = tmp_path / "cache"
    monkeypatch.setenv("SUCCESSION_CACHE", str(where))
    seed = copy_seed(tmp_path)
    at(seed)
    (entry,) = where.glob("*.pickle")
    size = entry.stat().st_size
    bound = size * 9 // 2  # room for four entries, not five
    monkeypatch.setenv("SUCCESSION_CACHE_MAX_BYTES", str(bound))
    copies = []
    for i in range(4):
        copy = tmp_path / f"copy{i}.yaml"
        shutil.copy(seed, copy)
        copies.append(copy)
        at(copy)
    total = sum(p.stat().st_size for p in where.glob("*.pickle"))
    assert total <= bound
    assert cache.load(copies[-1], None) is not None  # the newest stays
    assert cache.load(seed, None) is None  # the least recently used went first
    # an entry over a quarter of the bound is not kept
    monkeypatch.setenv("SUCCESSION_CACHE_MAX_BYTES", str(size * 2))
    big = tmp_path / "again.yaml"
    shutil.copy(seed, big)
    at(big)
    assert cache.load(big, None) is None


# --- answers: a query asked again word for word -------------------------------------------------


def entry_point(
    argv: list[str], cache_env: str, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> tuple[int, str]:
    """Run the installed entry point (as the ``succession`` command does) in this process."""
    from succession.cli import main

    monkeypatch.setenv("SUCCESSION_CACHE", cache_env)
    monkeypatch.setattr("sys.argv", ["succession", *argv])
    capsys.readouterr()
    with pytest.raises(SystemExit) as exit_:
        main()
    code = exit_.value.code
    return code if isinstance(code, int) else 0, capsys.readouterr().out


QUERIES = [
    ["at", "{s}", "2019-11-13", "--json"],
    ["at", "{s}", "2019-11-10T12:00"],
    ["line", "{s}", "president", "--at", "2019-11-11"],
    ["explain", "{s}", "president", "--json"],
    ["run", "{s}"],
]


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: " ".join(q))
def test_a_query_asked_again_is_answered_as_the_first_time(
    query: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    monkeypatch.chdir(tmp_path)
    seed = copy_seed(tmp_path)
    argv = [a.format(s=seed.name) for a in query]
    cached = str(tmp_path / "cache")
    fresh = entry_point(argv, "off", monkeypatch, capsys)
    assert fresh[0] == 0 and fresh[1]
    assert entry_point(argv, cached, monkeypatch, capsys) == fresh  # kept
    assert cache.answer(argv) == fresh[1], "the answer was not kept"
    assert entry_point(argv, cached, monkeypatch, capsys) == fresh  # answered from the cache
    # other words, another folder or other settings are other questions
    assert cache.answer([*argv, "--json"]) is None
    monkeypatch.setenv("SUCCESSION_MAX_EVENTS", "4000")
    assert cache.answer(argv) is None
    monkeypatch.delenv("SUCCESSION_MAX_EVENTS")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    assert cache.answer(argv) is None


@pytest.mark.parametrize("change", list(CHANGES))
def test_a_kept_answer_is_not_given_after(
    change: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    kind, mutate, scenario = change_case(change, tmp_path, monkeypatch)
    argv = ["run", str(scenario), "--json"]
    cached = str(tmp_path / "cache")
    before = entry_point(argv, cached, monkeypatch, capsys)
    assert before[0] == 0 and cache.answer(argv) == before[1]
    mutate(tmp_path, scenario)
    assert cache.answer(argv) is None, "a stale answer was given"
    if kind == "seed" and mutate is rules_to_fifo:
        return
    fresh = entry_point(argv, "off", monkeypatch, capsys)
    assert entry_point(argv, cached, monkeypatch, capsys) == fresh
    assert fresh != before


def test_a_planted_answer_is_not_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    monkeypatch.chdir(tmp_path)
    seed = copy_seed(tmp_path)
    where = tmp_path / "cache"
    argv = ["at", seed.name, "2019-11-13"]
    entry_point(argv, str(where), monkeypatch, capsys)
    (kept,) = where.glob("*.answer")
    assert cache.answer(argv) is not None
    kept.chmod(0o664)  # another user could have written it
    assert cache.answer(argv) is None
    kept.chmod(0o600)
    target = tmp_path / "planted.answer"
    kept.rename(target)
    kept.symlink_to(target)
    assert cache.answer(argv) is None


def test_an_answer_is_given_without_the_parser_or_the_models(tmp_path: Path) -> None:
    """The point of keeping answers: start-up without typer, pydantic or yaml."""
    seed = copy_seed(tmp_path)
    env = {**os.environ, "SUCCESSION_CACHE": str(tmp_path / "cache")}
    probe = (
        "import sys, atexit\n"
        "atexit.register(lambda: sys.stderr.write(' '.join(sorted("
        "m for m in ('typer', 'pydantic', 'yaml') if m in sys.modules))))\n"
        "from succession.cli import main\n"
        f"sys.argv = ['succession', 'at', {seed.name!r}, '2019-11-13']\n"
        "main()\n"
    )
    import subprocess
    import sys

    runs = [
        subprocess.run(
            [sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True
        )
        for _ in range(2)
    ]
    assert [r.returncode for r in runs] == [0, 0]
    assert runs[0].stdout == runs[1].stdout and "Jeanine" in runs[1].stdout
    assert runs[0].stderr == "pydantic typer yaml"  # the first run parses, validates, simulates
    assert runs[1].stderr == ""  # the second is answered from the cache alone
