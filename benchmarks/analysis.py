"""Continuity analysis: the compiled line against the general engine on the
same work, side by side.

- exhaustive: every subset of 18 offices of the US line (2^18 = 262,144):
  the compiled line in closed form, the compiled line evaluated subset by
  subset (bitmask scan), and the general engine run per subset (timed on a
  random sample of subsets, then per subset);
- Monte Carlo: 1,000,000 one-year futures of the US line.

Medians over 5 runs. Targets: 2^18 subsets in at most 1 s and at least 100
times faster per subset than the general engine; 1,000,000 one-year trials in
at most 3 s.

    .venv/bin/python benchmarks/analysis.py [--runs 5] [--sample 2000]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from succession.analysis import (  # noqa: E402
    _count,
    compile_line,
    engine_outcome,
    enumerate_compiled,
    monte_carlo,
)
from succession.api import run  # noqa: E402
from succession.engine.simulate import _Runner, compile_rules  # noqa: E402

SCENARIO = ROOT / "rules" / "us" / "scenarios" / "2021-biden-harris.yaml"


def median_time(fn, runs: int) -> tuple[float, float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times), max(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--sample", type=int, default=2000, help="subsets run through the general engine"
    )
    args = parser.parse_args()
    timeline = run(SCENARIO)
    full = compile_line(timeline, "president")
    among = list(full.among[:18])
    line = compile_line(timeline, "president", among=among)
    assert line.compiled, line.why_not
    n = 1 << len(among)
    print(
        f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; scenario {SCENARIO.relative_to(ROOT)}"
    )
    print(f"exhaustive: {len(among)} offices, {n:,} subsets; median of {args.runs} runs (min-max)")

    closed = median_time(lambda: _count(line), args.runs)
    scan = median_time(lambda: enumerate_compiled(line), args.runs)
    assert _count(line).exercising == enumerate_compiled(line).exercising

    rules = timeline.rules_at(line.instant)
    runner = _Runner(compile_rules(rules), timeline.scenario, None)
    state = timeline.state_at(line.instant)
    rng = random.Random(2019)
    sample = [rng.randrange(n) for _ in range(args.sample)]

    def engine_sample() -> None:
        for mask in sample:
            engine_outcome(timeline, line, mask, runner, state)

    engine = median_time(engine_sample, args.runs)
    engine_per = engine[0] / len(sample)
    scan_per = scan[0] / n
    closed_per = closed[0] / n
    print(f"  {'path':44} {'total':>12} {'per subset':>14}")
    print(f"  {'compiled line, closed form':44} {closed[0]:10.4f} s {closed_per * 1e9:11.2f} ns")
    print(
        f"  {'compiled line, bitmask scan of every subset':44} {scan[0]:10.4f} s {scan_per * 1e6:11.3f} µs"
    )
    print(
        f"  {'general engine per subset (' + format(len(sample), ',') + ' sampled)':44} "
        f"{engine_per * n:10.1f} s* {engine_per * 1e6:11.1f} µs"
    )
    print(f"  * extrapolated to all {n:,} subsets")
    print(
        f"  ratio engine / bitmask scan, per subset: {engine_per / scan_per:,.0f}x; "
        f"engine / closed form: {engine_per / closed_per:,.0f}x"
    )
    print(
        f"  target 2^18 subsets <= 1 s: bitmask scan {'MET' if scan[0] <= 1 else 'NOT MET'} ({scan[0]:.3f} s); "
        f"100x faster than the engine: {'MET' if engine_per / scan_per >= 100 else 'NOT MET'}"
    )

    mc = median_time(
        lambda: monte_carlo(timeline, "president", years=1, trials=1_000_000, seed=1), args.runs
    )
    print(
        f"monte carlo: 1,000,000 one-year trials: {mc[0]:.3f} s (min {mc[1]:.3f}, max {mc[2]:.3f}); "
        f"target <= 3 s: {'MET' if mc[0] <= 3 else 'NOT MET'}"
    )


if __name__ == "__main__":
    main()
