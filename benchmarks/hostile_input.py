"""Hostile input: how fast, and in how much memory, `succession validate`
refuses a billion-laughs file, a 100-level nested file and an oversized file.

Each case runs `succession validate FILE` in a fresh process, five times
(once with ``--small``); the script prints the median wall time, the largest
peak memory (maximum resident set size of the process) and what the command
said. Targets: refused (exit code 1) in under a second, peak memory under
200 MB. The command is ``python -m succession`` with this interpreter, run
from the repository root (so the checkout this file is in is the one
measured).

    .venv/bin/python benchmarks/hostile_input.py [--small]
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

RUNS = 5
ROOT = Path(__file__).resolve().parent.parent
#: run from the repository root, so that the checkout this file is in is the one measured
COMMAND = [sys.executable, "-m", "succession"]
TARGET_SECONDS = 1.0
TARGET_MB = 200.0


def billion_laughs() -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join(f"*{prev}" for _ in range(9)) + "]")
    return "\n".join(lines) + "\n"


def nested(depth: int) -> str:
    out = []
    for i in range(depth):
        out.append("  " * i + "a:")
    out.append("  " * depth + "x")
    return "\n".join(out) + "\n"


def oversized() -> str:
    line = "# " + "x" * 98 + "\n"
    return "schema_version: 1\n" + line * 60_000  # about 6 MB, over the 5,000,000-byte cap


def measure(path: Path, runs: int) -> tuple[float, float, int, str]:
    """Median seconds, peak MB, exit code, first line of stderr."""
    times: list[float] = []
    peak = 0
    code = 0
    first = ""
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen(
            [*COMMAND, "validate", str(path)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert proc.stderr is not None
        err = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
        times.append(time.perf_counter() - start)
        peak = max(peak, usage.ru_maxrss)  # kilobytes on Linux
        code = os.waitstatus_to_exitcode(status)
        first = err.splitlines()[0] if err else ""
        proc.returncode = code
    return statistics.median(times), peak / 1024, code, first


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=RUNS, help=f"runs per case (default {RUNS})")
    ap.add_argument("--small", action="store_true", help="one run per case")
    args = ap.parse_args(argv)
    runs = 1 if args.small else max(1, args.runs)
    cases = {
        "billion laughs (9 levels of aliases)": billion_laughs(),
        "100-level nesting": nested(100),
        "6 MB file (over the size cap)": oversized(),
    }
    print(
        f"succession validate, median of {runs} run(s), each in a fresh process "
        f"({os.cpu_count()} cores); targets: exit 1, < {TARGET_SECONDS:g} s, < {TARGET_MB:g} MB"
    )
    print(f"{'case':40} {'seconds':>8} {'peak MB':>8}  exit  message")
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in cases.items():
            path = Path(tmp) / (name.split()[0] + ".yaml")
            path.write_text(text, encoding="utf-8")
            seconds, mb, code, first = measure(path, runs)
            met = seconds < TARGET_SECONDS and mb < TARGET_MB and code == 1
            message = first.split(": ", 1)[-1] if first else ""
            print(
                f"{name:40} {seconds:8.3f} {mb:8.1f}  {code:4}  {message}  "
                f"[{'MET' if met else 'NOT MET'}]"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
