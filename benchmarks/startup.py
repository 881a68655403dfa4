"""Command start-up time against the import floor.

Measures the wall time of fresh interpreters, each run as a subprocess with
this interpreter (``sys.executable``, i.e. the venv's python when run as
``.venv/bin/python benchmarks/startup.py``):

* the floor: ``python -c "import typer, pydantic, yaml"`` -- the libraries
  the command cannot avoid;
* ``python -m succession at seeds/bolivia-2019.yaml 2019-11-13 --json`` --
  a real query -- twice: with the timeline cache off (``SUCCESSION_CACHE=off``:
  load, validate, simulate, render) and with the timeline taken from the
  cache (``SUCCESSION_CACHE`` pointing at a temporary folder, which the
  warm-up run fills); the user's own cache folder is never touched;
* ``python -m succession --help``;

and prints the median of ``--runs`` runs (default 7; the commands are
interleaved run by run, after one untimed warm-up run of each) and each
command's ratio to the floor, against the target ratio <= 1.6.

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

    .venv/bin/python benchmarks/startup.py [--runs 7] [--cached-only] [--small]

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
#: (label, arguments, SUCCESSION_CACHE: "off", "temp" for a temporary folder, or None)
COMMANDS: list[tuple[str, list[str], str | None]] = [
    ("floor: import typer, pydantic, yaml", ["-c", "import typer, pydantic, yaml"], None),
    ("succession at seeds/bolivia-2019.yaml 2019-11-13 --json, no cache", AT, "off"),
    ("the same, timeline taken from the cache", AT, "temp"),
    ("succession --help", ["-m", "succession", "--help"], None),
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
    for _, _, cache in COMMANDS:
        e = dict(env)
        e.pop("SUCCESSION_CACHE", None)
        if cache is not None:
            e["SUCCESSION_CACHE"] = cache_dir if cache == "temp" else cache
        envs.append(e)
    for (_, cmd, _), e in zip(COMMANDS, envs, strict=True):
        time_once(cmd, e)  # warm-up: bytecode caches, file cache, the timeline cache
    times: list[list[float]] = [[] for _ in COMMANDS]
    for _ in range(runs):
        for i, ((_, cmd, _), e) in enumerate(zip(COMMANDS, envs, strict=True)):
            times[i].append(time_once(cmd, e))
    floor = statistics.median(times[0])
    width = max(len(label) for label, _, _ in COMMANDS)
    for (label, _, _), ts in zip(COMMANDS, times, strict=True):
        med = statistics.median(ts)
        spread = f"min {min(ts) * 1000:.0f}, max {max(ts) * 1000:.0f}"
        if label.startswith("floor"):
            print(f"  {label:<{width}}  {med * 1000:7.1f} ms  ({spread})")
            continue
        ratio = med / floor
        verdict = (
            "MET"
            if ratio <= TARGET_RATIO
            else (
                f"NOT MET: {ratio - TARGET_RATIO:.2f} over; "
                f"{(med - TARGET_RATIO * floor) * 1000:.0f} ms to cut"
            )
        )
        print(
            f"  {label:<{width}}  {med * 1000:7.1f} ms  ({spread})  "
            f"ratio {ratio:.2f} [target <= {TARGET_RATIO}: {verdict}]"
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=7, help="timed runs per command (default 7)")
    ap.add_argument(
        "--cached-only",
        action="store_true",
        help="measure only with the bytecode cache, not the environment as is",
    )
    ap.add_argument("--small", action="store_true", help="one timed run per command")
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
