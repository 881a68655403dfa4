"""Mutation check: does the test suite notice plausible bugs in the engine?

Each mutant in ``tests/mutants.yaml`` is a one-line bug described in the
terms of the rules (a declined person offered again, a deadline a day late...):
a file of the package, an exact text that must occur in it exactly once, and
its replacement. For each mutant this script copies the package to a
temporary folder, applies the bug to the copy (the working tree is never
modified), and runs the test suite against the copy from the repository root
(the tests read ``rules/`` and ``seeds/`` there)::

    python -m pytest -x -q -p no:cacheprovider

Run it from anywhere with the project's environment::

    .venv/bin/python tests/mutation.py                  # every mutant, one at a time
    .venv/bin/python tests/mutation.py --list           # the mutants, and whether each still applies
    .venv/bin/python tests/mutation.py --only dead-offered --only obligation-twice
    .venv/bin/python tests/mutation.py --jobs 2         # mutants in parallel, each in its own copy
    .venv/bin/python tests/mutation.py --markdown       # the result table in Markdown

Other options: ``--timeout SECONDS`` for each mutant's run (default: five times
the unmutated run, at least 300 s) and ``--seed N`` for hypothesis (default 0,
so that two runs on the same code give the same results; ``--seed random``
leaves it to hypothesis). ``--root DIR`` checks another tree with this
environment, e.g. a clean export of a commit while the working tree is being
edited (``git archive HEAD | tar -x -C DIR``).

Before any mutant, the unmutated copy is run once: the suite must pass on it,
else the script stops (exit status 2): the baseline is broken. Then each
mutant gets one of these results:

- ``killed``: the suite fails; the first failing test is given.
- ``timeout``: the run did not end in time (a hang); counted as killed.
- ``survived``: the suite passes with the bug in place: no test checks
  what the bug breaks. When the mutated module was never imported by the
  suite, the table says so.
- ``stale``: the text to find does not occur exactly once (or the file is
  gone): the code moved, and the mutant must be updated in ``mutants.yaml``.
- ``invalid``: the mutated file does not compile; fix the replacement.

The table ends with a summary line (``N mutants: K killed, ...``). The exit
status is 0 when every mutant is killed (or timed out), 1 otherwise.

How the copy is made the one imported: ``PYTHONPATH`` names the copy's
folder and ``PYTHONSAFEPATH`` keeps ``python -m`` from putting the current
folder (the repository, with its own ``succession/``) first. That is not
enough under pytest, which puts the repository root at the front of
``sys.path`` to import the ``tests`` package; so a small pytest plugin, loaded
with ``-p`` from the copy's folder before any test module, imports
``succession`` first (every later import of it and of its submodules then
uses the copy). The same plugin records the first failing test, keeps
hypothesis's example database inside the temporary folder, and lists where
every ``succession`` module came from: a run that imported anything from
outside the copy stops the script.
"""

from __future__ import annotations

import argparse
import json
import os
import py_compile
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
MUTANTS = Path(__file__).resolve().parent / "mutants.yaml"
PYTEST = ["-m", "pytest", "-x", "-q", "-p", "no:cacheprovider"]
PROBE = "_mutation_probe"
#: Results that count as the suite noticing the bug.
CAUGHT = ("killed", "timeout")

# The pytest plugin written beside each copy of the package (see the module docstring).
PROBE_SOURCE = '''\
"""Loaded with -p before the test modules: pins succession to this copy."""
import json
import os
import sys

import succession  # noqa: F401  (before pytest puts the repository root on sys.path)

_REPORT = os.environ["SUCCESSION_MUTATION_REPORT"]
_first = None

try:
    from hypothesis.configuration import set_hypothesis_home_dir
except ImportError:  # pragma: no cover
    pass
else:
    set_hypothesis_home_dir(os.environ["SUCCESSION_MUTATION_HYPOTHESIS"])


def _message(report):
    crash = getattr(report.longrepr, "reprcrash", None)
    text = getattr(crash, "message", None) or str(report.longrepr or "")
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[0][:200] if lines else ""


def _record(report, when):
    global _first
    if _first is None and report.failed:
        _first = {"nodeid": report.nodeid, "when": when, "message": _message(report)}


def pytest_runtest_logstart(nodeid, location):
    with open(_REPORT + ".running", "w", encoding="utf-8") as f:
        f.write(nodeid)


def pytest_runtest_logreport(report):
    _record(report, report.when)


def pytest_collectreport(report):
    _record(report, "collect")


def pytest_sessionfinish(session, exitstatus):
    modules = {
        name: getattr(module, "__file__", None)
        for name, module in list(sys.modules.items())
        if name == "succession" or name.startswith("succession.")
    }
    with open(_REPORT, "w", encoding="utf-8") as f:
        json.dump({"first_failure": _first, "modules": modules, "exit": int(exitstatus)}, f)
'''


@dataclass(frozen=True)
class Mutant:
    """A one-line bug: replace ``find`` (which must occur once) by ``replace`` in ``file``."""

    id: str
    bug: str
    file: str
    find: str
    replace: str

    @property
    def module(self) -> str:
        """The dotted name of the mutated module."""
        parts = Path(self.file).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        return ".".join(("succession", *parts))


@dataclass
class Result:
    """What became of one mutant."""

    mutant: Mutant
    status: str  # killed, timeout, survived, stale, invalid
    detail: str = ""  # the first failing test, or why the mutant could not run
    message: str = ""
    seconds: float = 0.0


@dataclass
class Run:
    """One run of the suite against a copy of the package."""

    code: int | None  # None: timed out
    seconds: float
    first_failure: dict[str, Any] | None
    modules: dict[str, str | None]
    running: str  # the test running last (for a timeout)
    log: str


class BaselineError(Exception):
    """The suite cannot be trusted to judge mutants (failing, or not using the copy)."""


def load_mutants(path: Path = MUTANTS) -> list[Mutant]:
    """The mutants of ``path``, checked for the fields each must have."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out: list[Mutant] = []
    seen: set[str] = set()
    for i, item in enumerate(data["mutants"]):
        fields = {k: item.get(k) for k in ("id", "bug", "file", "find", "replace")}
        bad = [k for k, v in fields.items() if not isinstance(v, str) or (k != "replace" and not v)]
        if bad:
            raise SystemExit(f"{path}: mutant {i + 1}: {', '.join(bad)} missing or not text")
        if fields["id"] in seen:
            raise SystemExit(f"{path}: mutant id {fields['id']!r} given twice")
        seen.add(fields["id"])
        out.append(Mutant(**fields))
    return out


def occurrences(mutant: Mutant, package: Path) -> int:
    """How many times the mutant's text occurs in its file (-1: no such file)."""
    path = package / mutant.file
    if not path.is_file():
        return -1
    return path.read_text(encoding="utf-8").count(mutant.find)


def stale_reason(count: int, mutant: Mutant) -> str:
    """Why a mutant does not apply, for ``count`` occurrences of its text."""
    if count < 0:
        return f"no file succession/{mutant.file}"
    return f"text found {count} times in succession/{mutant.file} (must be exactly once)"


def copy_package(source: Path, folder: Path) -> Path:
    """A copy of the package in ``folder``, with the probe plugin beside it."""
    dest = folder / "succession"
    shutil.copytree(source, dest, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    (folder / f"{PROBE}.py").write_text(PROBE_SOURCE, encoding="utf-8")
    return dest


def environment(folder: Path) -> dict[str, str]:
    """The environment of a run against the copy in ``folder``."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(folder), os.environ.get("PYTHONPATH", "")) if p
    )
    env["PYTHONSAFEPATH"] = "1"
    env["SUCCESSION_MUTATION_REPORT"] = str(folder / "report.json")
    env["SUCCESSION_MUTATION_HYPOTHESIS"] = str(folder / ".hypothesis")
    return env


def imported_from(folder: Path, root: Path) -> str:
    """Where ``import succession`` finds the package with the copy's environment
    (a quick check outside pytest; the probe checks inside it)."""
    done = subprocess.run(
        [sys.executable, "-c", "import succession; print(succession.__file__)"],
        cwd=root,
        env=environment(folder),
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.strip() or done.stderr.strip()


def outside(modules: dict[str, str | None], folder: Path) -> list[str]:
    """The ``succession`` modules of a run that were not loaded from the copy."""
    base = folder.resolve()
    out = []
    for name, file in sorted(modules.items()):
        if file is None:
            continue
        if not Path(file).resolve().is_relative_to(base):
            out.append(f"{name} ({file})")
    return out


_running: set[subprocess.Popen[bytes]] = set()
_lock = threading.Lock()


def run_suite(folder: Path, root: Path, timeout: float | None, seed: str) -> Run:
    """Run the suite from the repository root against the copy in ``folder``."""
    args = [sys.executable, *PYTEST, "-p", PROBE]
    if seed != "random":
        args.append(f"--hypothesis-seed={seed}")
    report = folder / "report.json"
    log = folder / "pytest.log"
    start = time.monotonic()
    with log.open("wb") as out:
        proc = subprocess.Popen(
            args,
            cwd=root,
            env=environment(folder),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        with _lock:
            _running.add(proc)
        code: int | None
        try:
            code = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            code = None
            stop(proc)
        finally:
            with _lock:
                _running.discard(proc)
    seconds = time.monotonic() - start
    data: dict[str, Any] = {}
    if report.is_file():
        data = json.loads(report.read_text(encoding="utf-8"))
    running = Path(str(report) + ".running")
    return Run(
        code,
        seconds,
        data.get("first_failure"),
        data.get("modules", {}),
        running.read_text(encoding="utf-8") if running.is_file() else "",
        log.read_text(encoding="utf-8", errors="replace"),
    )


def stop(proc: subprocess.Popen[bytes]) -> None:
    """End a run we started, and everything it started: first as Ctrl-C would
    (pytest then reports where it was), then for good."""
    with suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGINT)
    with suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=15)
    with suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


@contextmanager
def scratch(prefix: str) -> Iterator[Path]:
    """A temporary folder, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix=prefix) as name:
        yield Path(name)


def baseline(snapshot: Path, root: Path, seed: str) -> float:
    """Run the unmutated copy; its duration. Raises BaselineError if the suite
    fails on it or imports the package from elsewhere."""
    with scratch("succession-mutation-baseline-") as folder:
        copy_package(snapshot, folder)
        found = imported_from(folder, root)
        if not Path(found).resolve().is_relative_to(folder.resolve()):
            raise BaselineError(f"`import succession` finds {found}, not the copy in {folder}")
        say(f"baseline: the copy is imported ({found}); running the suite unmutated...")
        run = run_suite(folder, root, None, seed)
        strays = outside(run.modules, folder)
        if not run.modules:
            raise BaselineError("the probe plugin did not report\n" + tail(run.log))
        if strays:
            raise BaselineError("modules not loaded from the copy: " + ", ".join(strays))
        if run.code != 0:
            first = run.first_failure or {}
            raise BaselineError(
                f"the suite fails without any mutant (exit {run.code}; first failure: "
                f"{first.get('nodeid', '?')})\n" + tail(run.log)
            )
        say(f"baseline: the suite passes in {run.seconds:.1f} s")
        return run.seconds


def tail(text: str, lines: int = 30) -> str:
    """The end of a log."""
    return "\n".join(text.rstrip().splitlines()[-lines:])


def mutate(mutant: Mutant, snapshot: Path, root: Path, timeout: float, seed: str) -> Result:
    """Apply one mutant to a fresh copy and run the suite against it."""
    with scratch(f"succession-mutant-{mutant.id}-") as folder:
        package = copy_package(snapshot, folder)
        count = occurrences(mutant, package)
        if count != 1:
            return Result(mutant, "stale", stale_reason(count, mutant))
        path = package / mutant.file
        path.write_text(
            path.read_text(encoding="utf-8").replace(mutant.find, mutant.replace),
            encoding="utf-8",
        )
        try:
            py_compile.compile(str(path), cfile=str(folder / "check.pyc"), doraise=True)
        except py_compile.PyCompileError as exc:
            lines = str(exc.msg).strip().splitlines() or ["does not compile"]
            return Result(mutant, "invalid", lines[-1])
        run = run_suite(folder, root, timeout, seed)
        strays = outside(run.modules, folder)
        if strays:
            raise BaselineError(
                f"mutant {mutant.id}: modules not loaded from the copy: " + ", ".join(strays)
            )
        first = run.first_failure or {}
        if run.code is None:
            at = first.get("nodeid") or run.running or "?"
            return Result(mutant, "timeout", at, f"no result after {timeout:.0f} s", run.seconds)
        if run.code == 0:
            note = "" if mutant.module in run.modules else f"{mutant.module} never imported"
            return Result(mutant, "survived", note, seconds=run.seconds)
        if first:
            where = first["nodeid"] + (" (collection)" if first.get("when") == "collect" else "")
            return Result(mutant, "killed", where, first.get("message", ""), run.seconds)
        last = run.log.strip().splitlines()[-1:] or [""]
        return Result(mutant, "killed", f"pytest exit {run.code}", last[0][:200], run.seconds)


def say(text: str) -> None:
    """Progress, on stderr."""
    with _lock:
        print(text, file=sys.stderr, flush=True)


def minutes(seconds: float) -> str:
    """E.g. '12 min 5 s'."""
    m, s = divmod(round(seconds), 60)
    return f"{m} min {s} s" if m else f"{s} s"


def table(results: Sequence[Result]) -> str:
    """The results as a plain text table."""
    rows = [("id", "result", "time", "first failing test / note")]
    for r in results:
        time_taken = f"{r.seconds:.1f} s" if r.seconds else "-"
        status = r.status.upper() if r.status == "stale" else r.status
        rows.append((r.mutant.id, status, time_taken, r.detail or "-"))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = []
    for n, row in enumerate(rows):
        lines.append(
            "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=False)) + "  " + row[3]
        )
        if n == 0:
            lines.append("  ".join("-" * w for w in widths) + "  " + "-" * len(row[3]))
    lines.append("")
    lines.append("the bugs:")
    lines.extend(f"  {r.mutant.id}: {r.mutant.bug}" for r in results)
    return "\n".join(lines)


def markdown(results: Sequence[Result]) -> str:
    """The results as a Markdown table: id | the bug | result | killed by."""

    def cell(text: str) -> str:
        return text.replace("|", "\\|")

    lines = ["| id | the bug | result | killed by |", "| --- | --- | --- | --- |"]
    for r in results:
        if r.status == "killed":
            by = f"`{cell(r.detail)}`"
        elif r.status == "timeout":
            by = f"timeout (in `{cell(r.detail)}`)"
        else:
            by = cell(r.detail) or "—"
        lines.append(f"| `{r.mutant.id}` | {cell(r.mutant.bug)} | {r.status} | {by} |")
    return "\n".join(lines)


def summary(results: Sequence[Result], seconds: float) -> str:
    """E.g. '29 mutants: 25 killed, 4 survived, 0 stale, 0 invalid, 0 timed out (...)'."""
    count = {
        s: sum(r.status == s for r in results) for s in (*CAUGHT, "survived", "stale", "invalid")
    }
    return (
        f"{len(results)} mutants: {count['killed']} killed, {count['survived']} survived, "
        f"{count['stale']} stale, {count['invalid']} invalid, "
        f"{count['timeout']} timed out (counted as killed); {minutes(seconds)}"
    )


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Apply each mutant of tests/mutants.yaml to a copy of the package and "
        "report whether the test suite kills it."
    )
    parser.add_argument("--list", action="store_true", help="list the mutants and exit")
    parser.add_argument(
        "--only", action="append", default=[], metavar="ID", help="run this mutant (repeatable)"
    )
    parser.add_argument(
        "--jobs", type=int, default=1, metavar="N", help="mutants run in parallel (default 1)"
    )
    parser.add_argument(
        "--markdown", action="store_true", help="print the result table in Markdown"
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=None,
        metavar="SECONDS",
        help="per mutant (default: 5 times the unmutated run, at least 300)",
    )
    parser.add_argument(
        "--seed", default="0", help="hypothesis seed (default 0; 'random' to leave it unset)"
    )
    parser.add_argument(
        "--mutants",
        type=Path,
        default=MUTANTS,
        help="the mutants file (default tests/mutants.yaml)",
    )
    parser.add_argument(
        "--root",
        type=Path,
        default=ROOT,
        help="the repository whose package and tests are used (default: the one holding this "
        "script), e.g. a clean export of a commit",
    )
    args = parser.parse_args(argv)
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")
    if args.seed != "random" and not args.seed.isdigit():
        parser.error("--seed takes a number or 'random'")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    root: Path = args.root.resolve()
    package = root / "succession"
    mutants = load_mutants(args.mutants)
    if args.only:
        known = {m.id for m in mutants}
        unknown = [i for i in args.only if i not in known]
        if unknown:
            print(f"unknown mutant(s): {', '.join(unknown)}", file=sys.stderr)
            return 2
        mutants = [m for m in mutants if m.id in args.only]
    if args.list:
        for m in mutants:
            count = occurrences(m, package)
            state = "ok" if count == 1 else "STALE: " + stale_reason(count, m)
            print(f"{m.id}  [{m.file}]  {state}\n    {m.bug}")
        return 0
    started = time.monotonic()
    with scratch("succession-mutation-snapshot-") as snap:
        # one snapshot of the package, so that every run judges the same code
        snapshot = snap / "succession"
        shutil.copytree(package, snapshot, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        for m in mutants:
            count = occurrences(m, snapshot)
            if count != 1:
                say(f"STALE MUTANT {m.id}: {stale_reason(count, m)}; update {args.mutants.name}")
        try:
            base = baseline(snapshot, root, args.seed)
        except BaselineError as exc:
            print(f"baseline broken, no mutant run: {exc}", file=sys.stderr)
            return 2
        timeout = args.timeout if args.timeout is not None else max(300.0, 5 * base)
        done = 0

        def one(m: Mutant) -> Result:
            nonlocal done
            result = mutate(m, snapshot, root, timeout, args.seed)
            with _lock:
                done += 1
                n = done
            extra = f"  {result.detail}" if result.detail else ""
            if result.message:
                extra += f": {result.message}"
            say(f"[{n}/{len(mutants)}] {m.id}: {result.status} ({result.seconds:.1f} s){extra}")
            return result

        pool = ThreadPoolExecutor(max_workers=args.jobs)
        try:
            results = list(pool.map(one, mutants))
        except (BaselineError, KeyboardInterrupt) as exc:
            pool.shutdown(wait=False, cancel_futures=True)
            with _lock:
                procs = list(_running)
            for proc in procs:
                stop(proc)
            pool.shutdown(wait=True)
            if isinstance(exc, KeyboardInterrupt):
                print("interrupted", file=sys.stderr)
                return 130
            print(f"stopped: {exc}", file=sys.stderr)
            return 2
        pool.shutdown(wait=True)
    print(markdown(results) if args.markdown else table(results))
    print()
    print(summary(results, time.monotonic() - started))
    return 0 if all(r.status in CAUGHT for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
