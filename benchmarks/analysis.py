"""Continuity analysis: the compiled line against the general engine on the
same work, side by side.

- exhaustive: every subset of 18 offices of the US line (2^18 = 262,144):
  ``succession.analysis.exhaustive`` (it compiles the line, then counts in
  closed form), the compiled line evaluated subset by subset
  (``enumerate_compiled``, a bitmask scan), and the general engine per subset
  (``engine_outcome``, timed on a random sample of subsets). Called without a
  runner, as here, ``engine_outcome`` prepares the rules for the engine on
  every call; that set-up (the same call with no office vacant) is printed,
  and the per-subset figure is given with and without it;
- Monte Carlo: 1,000,000 one-year futures of the US line.

Min / median / max over ``--runs`` runs (default 5). Targets: 2^18 subsets in
at most 1 s and at least 100 times faster per subset than the general
engine; 1,000,000 one-year trials in at most 3 s. Only public names of
``succession`` are used.

    .venv/bin/python benchmarks/analysis.py [--runs 5] [--sample 2000] [--small]

``--small``: one run, 200 sampled subsets.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]  # the checkout this file is in, before any installed copy

from succession.analysis import (  # noqa: E402
    compile_line,
    engine_outcome,
    enumerate_compiled,
    exhaustive,
    monte_carlo,
)
from succession.api import run  # noqa: E402

SCENARIO = ROOT / "rules" / "us" / "scenarios" / "2021-biden-harris.yaml"
TARGET_EXHAUSTIVE_S = 1.0
TARGET_ENGINE_RATIO = 100.0
TARGET_MONTE_CARLO_S = 3.0


def times(fn: Callable[[], object], runs: int) -> tuple[float, float, float]:
    """(median, min, max) wall time of ``runs`` calls."""
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return statistics.median(out), min(out), max(out)


def spread(t: tuple[float, float, float], scale: float = 1.0, digits: int = 4) -> str:
    return f"(min {t[1] * scale:.{digits}f}, max {t[2] * scale:.{digits}f})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--sample", type=int, default=2000, help="subsets run through the general engine"
    )
    parser.add_argument("--small", action="store_true", help="one run, 200 sampled subsets")
    args = parser.parse_args(argv)
    if args.small:
        args.runs, args.sample = 1, 200
    runs = max(1, args.runs)
    timeline = run(SCENARIO)
    full = compile_line(timeline, "president")
    among = list(full.among[:18])
    line = compile_line(timeline, "president", among=among)
    if not line.compiled:
        raise SystemExit(f"the US line does not compile: {line.why_not}")
    n = 1 << len(among)
    print(
        f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; "
        f"scenario {SCENARIO.relative_to(ROOT)}"
    )
    print(f"exhaustive: {len(among)} offices, {n:,} subsets; median of {runs} run(s) (min, max)")

    closed = times(lambda: exhaustive(timeline, "president", line.instant, among), runs)
    compiling = times(lambda: compile_line(timeline, "president", line.instant, among), runs)
    scan = times(lambda: enumerate_compiled(line), runs)
    counted = exhaustive(timeline, "president", line.instant, among)
    if counted.exercising != enumerate_compiled(line).exercising:
        raise SystemExit("the closed form and the bitmask scan disagree")

    state = timeline.state_at(line.instant)
    rng = random.Random(2019)
    sample = [rng.randrange(n) for _ in range(args.sample)]

    def engine_sample() -> None:
        for mask in sample:
            engine_outcome(timeline, line, mask, state=state)

    def setup_sample() -> None:
        for _ in sample:
            engine_outcome(timeline, line, 0, state=state)

    engine = times(engine_sample, runs)
    setup = times(setup_sample, runs)
    engine_per = engine[0] / len(sample)
    setup_per = setup[0] / len(sample)
    net_per = max(engine_per - setup_per, 1e-12)
    scan_per = scan[0] / n
    print(f"  {'path':56} {'total':>10} {'per subset':>13}")
    print(
        f"  {'exhaustive() (compiles the line, then closed form)':56} {closed[0]:8.4f} s "
        f"{closed[0] / n * 1e9:10.2f} ns  {spread(closed)}"
    )
    print(f"  {'  of which compile_line()':56} {compiling[0]:8.4f} s")
    print(
        f"  {'compiled line, bitmask scan of every subset':56} {scan[0]:8.4f} s "
        f"{scan_per * 1e6:10.3f} µs  {spread(scan)}"
    )
    label = f"general engine per subset ({len(sample):,} sampled)"
    print(f"  {label:56} {engine_per * n:8.1f} s* {engine_per * 1e6:10.1f} µs")
    label = "  of which set-up per call (no office vacant)"
    print(f"  {label:56} {'':10} {setup_per * 1e6:10.1f} µs")
    print(f"  {'  without the set-up':56} {net_per * n:8.1f} s* {net_per * 1e6:10.1f} µs")
    print(f"  * extrapolated to all {n:,} subsets")
    ratio = engine_per / scan_per
    net_ratio = net_per / scan_per
    print(
        f"  per subset, engine / bitmask scan: {ratio:,.0f}x ({net_ratio:,.0f}x without the "
        "engine's set-up)"
    )
    verdict_scan = "MET" if scan[0] <= TARGET_EXHAUSTIVE_S else "NOT MET"
    verdict_closed = "MET" if closed[0] <= TARGET_EXHAUSTIVE_S else "NOT MET"
    verdict_ratio = "MET" if net_ratio >= TARGET_ENGINE_RATIO else "NOT MET"
    print(
        f"  target 2^18 subsets <= {TARGET_EXHAUSTIVE_S:g} s: bitmask scan {verdict_scan} "
        f"({scan[0]:.3f} s), exhaustive() {verdict_closed} "
        f"({closed[0]:.3f} s); {TARGET_ENGINE_RATIO:g}x faster than the engine (without its "
        f"set-up): {verdict_ratio}"
    )

    mc = times(lambda: monte_carlo(timeline, "president", years=1, trials=1_000_000, seed=1), runs)
    print(
        f"monte carlo: 1,000,000 one-year trials: {mc[0]:.3f} s {spread(mc, digits=3)}; "
        f"target <= {TARGET_MONTE_CARLO_S:g} s: "
        f"{'MET' if mc[0] <= TARGET_MONTE_CARLO_S else 'NOT MET'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
