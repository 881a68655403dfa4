"""Command start-up time against the import floor.

Measures the wall time of fresh interpreters, each run as a subprocess with
this interpreter (``sys.executable``, i.e. the venv's python when run as
``.venv/bin/python benchmarks/startup.py``):

* the floor: ``python -c "import typer, pydantic, yaml"`` -- the libraries
  the command cannot avoid;
* ``python -m succession at seeds/bolivia-2019.yaml 2019-11-13 --json`` --
  a real query -- three ways: a first run, with the cache off
  (``SUCCESSION_CACHE=off``: parse, validate, simulate, render; target <= 2x
  the floor); the same command again, as it runs by default (the answer kept
  in the cache by the warm-up run is checked and printed; target <= 1.6x);
  and the same with the kept answers removed before each run, so that the
  timeline is read from the cache but the answer is worked out (as for a
  new question on a scenario already asked about; target <= 1.6x). The cache
  is a temporary folder: the user's own is never touched;
* ``python -m succession --help`` (target <= 1x);

and prints the median of ``--runs`` runs (default 7; the commands are
interleaved run by run, after one untimed warm-up run of each) and each
command's ratio to the floor, against its target.

With ``--imports`` it also prints where each path's import time goes
(``-X importtime`` self times summed by package: typer, pydantic, yaml,
succession, the rest).

Two settings are measured:

* **bytecode cached** (the headline): ``PYTHONDONTWRITEBYTECODE`` removed and
  ``PYTHONPYCACHEPREFIX`` pointed at a temporary folder, so that the warm-up
  run compiles every module once (outside the source tree) and the timed runs
  read ``.pyc`` files, as an installed package does;
* **environment as is**: when ``PYTHONDONTWRITEBYTECODE`` is set (as in some
  sandboxes and containers) and the editable ``succession`` package has no
  ``__pycache__``, every run recompiles succession's modules from source; this
  is printed too so the two can be told apart. ``--cached-only`` skips it.

The script changes to the repository root itself (the seed path is relative
to it).

Usage::

    .venv/bin/python benchmarks/startup.py [--runs 7] [--cached-only] [--small] [--imports]

``--small``: one timed run per command.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_RATIO = 1.6

AT = ["-m", "succession", "at", "seeds/bolivia-2019.yaml", "2019-11-13", "--json"]
#: (label, arguments, SUCCESSION_CACHE, target ratio to the floor): the cache
#: "off", "temp" (a temporary folder, which the warm-up run fills), "timeline"
#: (the same folder with its kept answers removed before each run, so the
#: timeline is read from the cache but the answer is worked out), or None
COMMANDS: list[tuple[str, list[str], str | None, float]] = [
    ("floor: import typer, pydantic, yaml", ["-c", "import typer, pydantic, yaml"], None, 0.0),
    ("succession at seeds/bolivia-2019.yaml 2019-11-13 --json, a first run", AT, "off", 2.0),
    ("the same again (the default: the answer kept in the cache)", AT, "temp", TARGET_RATIO),
    ("the same, the timeline from the cache, the answer worked out", AT, "timeline", TARGET_RATIO),
    ("succession --help", ["-m", "succession", "--help"], None, 1.0),
]


def time_once(args: list[str], env: dict[str, str]) -> float:
    """Wall time of one fresh interpreter running ``args``; it must succeed."""
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, check=False
    )
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(
            f"{' '.join(args)} exited {proc.returncode}:\n{proc.stderr.decode(errors='replace')}"
        )
    return elapsed


def measure(title: str, env: dict[str, str], runs: int, cache_dir: str) -> None:
    """Time every command ``runs`` times (interleaved) under ``env`` and print the table."""
    print(f"{title}:")
    envs = []
    for _, _, cache, _ in COMMANDS:
        e = dict(env)
        e.pop("SUCCESSION_CACHE", None)
        if cache is not None:
            e["SUCCESSION_CACHE"] = cache_dir if cache in ("temp", "timeline") else cache
        envs.append(e)

    def once(i: int) -> float:
        if COMMANDS[i][2] == "timeline":
            for kept in Path(cache_dir).glob("*.answer"):
                kept.unlink()
        return time_once(COMMANDS[i][1], envs[i])

    for i in range(len(COMMANDS)):
        once(i)  # warm-up: bytecode caches, file cache, the timeline cache, the kept answer
    times: list[list[float]] = [[] for _ in COMMANDS]
    for _ in range(runs):
        for i in range(len(COMMANDS)):
            times[i].append(once(i))
    floor = statistics.median(times[0])
    width = max(len(label) for label, _, _, _ in COMMANDS)
    for (label, _, _, target), ts in zip(COMMANDS, times, strict=True):
        med = statistics.median(ts)
        spread = f"min {min(ts) * 1000:.0f}, max {max(ts) * 1000:.0f}"
        if label.startswith("floor"):
            print(f"  {label:<{width}}  {med * 1000:7.1f} ms  ({spread})")
            continue
        ratio = med / floor
        verdict = (
            "MET"
            if ratio <= target
            else (
                f"NOT MET: {ratio - target:.2f} over; {(med - target * floor) * 1000:.0f} ms to cut"
            )
        )
        print(
            f"  {label:<{width}}  {med * 1000:7.1f} ms  ({spread})  "
            f"ratio {ratio:.2f} [target <= {target:g}: {verdict}]"
        )


#: the packages import times are summed by (the rest is "stdlib and other")
GROUPS = {
    "typer": "typer",
    "click": "typer",
    "rich": "typer",
    "shellingham": "typer",
    "pydantic": "pydantic",
    "pydantic_core": "pydantic",
    "annotated_types": "pydantic",
    "typing_inspection": "pydantic",
    "yaml": "yaml",
    "_yaml": "yaml",
    "succession": "succession",
}


def imports(env: dict[str, str], cache_dir: str) -> None:
    """Where each path's import time goes: ``-X importtime`` self times
    summed by package, the fastest of five runs."""
    print("imports (-X importtime, self times by package, fastest of 5 runs):")
    for label, args, cache, _ in COMMANDS:
        if args[-1] == "--help":
            continue
        e = dict(env)
        e.pop("SUCCESSION_CACHE", None)
        if cache is not None:
            e["SUCCESSION_CACHE"] = cache_dir if cache in ("temp", "timeline") else cache
        subprocess.run([sys.executable, *args], cwd=ROOT, env=e, capture_output=True)  # warm-up
        best: tuple[int, dict[str, int]] | None = None
        for _ in range(5):
            if cache == "timeline":
                for kept in Path(cache_dir).glob("*.answer"):
                    kept.unlink()
            done = subprocess.run(
                [sys.executable, "-X", "importtime", *args],
                cwd=ROOT,
                env=e,
                capture_output=True,
                text=True,
            )
            sums: dict[str, int] = {}
            for line in done.stderr.splitlines():
                if not line.startswith("import time:") or "self [us]" in line:
                    continue
                own, _, name = line.split("|")
                group = GROUPS.get(name.strip().split(".")[0], "stdlib and other")
                sums[group] = sums.get(group, 0) + int(own.split(":")[1])
            if best is None or sum(sums.values()) < best[0]:
                best = (sum(sums.values()), sums)
        assert best is not None
        parts = ", ".join(
            f"{k} {v / 1000:.1f}" for k, v in sorted(best[1].items(), key=lambda kv: -kv[1])
        )
        print(f"  {label[:60]:<60} {best[0] / 1000:6.1f} ms: {parts}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=7, help="timed runs per command (default 7)")
    ap.add_argument(
        "--cached-only",
        action="store_true",
        help="measure only with the bytecode cache, not the environment as is",
    )
    ap.add_argument("--small", action="store_true", help="one timed run per command")
    ap.add_argument(
        "--imports", action="store_true", help="also where the import time goes, by package"
    )
    args = ap.parse_args(argv)
    runs = 1 if args.small else max(1, args.runs)
    os.chdir(ROOT)
    print(
        f"python: {sys.executable} ({sys.version.split()[0]}); {os.cpu_count()} CPUs; "
        f"median wall time of {runs} runs (one warm-up run first, not counted)"
    )
    with (
        tempfile.TemporaryDirectory(prefix="succession-pycache-") as prefix,
        tempfile.TemporaryDirectory(prefix="succession-cache-") as cache_dir,
    ):
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = prefix
        measure(
            "bytecode cached (PYTHONPYCACHEPREFIX=<temp>, as an installed package)",
            env,
            runs,
            cache_dir,
        )
        if args.imports:
            imports(env, cache_dir)
    if not args.cached_only:
        as_is = dict(os.environ)
        note = (
            ", ".join(
                f"{k}={as_is[k]}"
                for k in ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX")
                if k in as_is
            )
            or "no bytecode settings"
        )
        with tempfile.TemporaryDirectory(prefix="succession-cache-") as cache_dir:
            measure(f"environment as is ({note})", as_is, runs, cache_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
