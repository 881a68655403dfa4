"""Engine throughput and loader cost on a large synthetic scenario.

Generates (or reuses, in a temporary folder) the files of
``benchmarks/synthetic.py`` -- 20 offices, 100,000 legal events by default --
and measures, each run in a fresh interpreter (so that peak memory is the
run's own):

* the file sizes;
* **load**: ``succession.load.load_scenario`` on the scenario (YAML parse,
  pydantic validation, the rule file, and the loader's cross-checks), with
  ``SUCCESSION_MAX_FILE_BYTES`` raised to admit the file. A load run that
  takes longer than ``--load-timeout`` seconds is stopped and reported as such,
  with an extrapolation from the scaling table;
* **engine**: ``succession.engine.simulate(rules, scenario)`` on the models.
  The engine runs build their models with the loader's first two stages
  (``succession.yamlio.parse`` then ``Rules``/``Scenario.model_validate``:
  the same models ``load_scenario`` returns for this file, which names
  people by id, without its cross-checks) so that the engine figure does not
  wait on the loader; ``--engine-models load`` uses ``load_scenario``
  itself. The parse and validation times are printed as a breakdown;
* events per second (scenario events / median engine time) against the
  target of 100,000 events/s;
* peak memory: the worker's ``ru_maxrss`` after building the models and after
  the engine (the timeline keeps one state per entry);
* medians over ``--runs`` runs (default 5), and the machine.

Then a scaling table (load and engine on the first 2,500 / 5,000 / 10,000
events, one run each) and one diagnostic engine run with the cyclic garbage
collector disabled.

Usage (from the repository root)::

    .venv/bin/python benchmarks/engine_throughput.py [--runs 5] [--events 100000]
        [--seed 2019] [--people 2000] [--dir DIR] [--regenerate]
        [--load-timeout 300] [--load-runs N] [--no-scaling] [--no-diagnostics]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import hashlib
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for p in (str(ROOT), str(HERE)):
    if p not in sys.path:
        sys.path.insert(0, p)

TARGET_EVENTS_PER_SECOND = 100_000
SCALING_SIZES = (2_500, 5_000, 10_000)


# --- the machine --------------------------------------------------------------------------


def machine() -> dict[str, str]:
    """Platform, CPU model, cores, memory, Python and library versions."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or "unknown"
    mem = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        usable = os.cpu_count() or 0
    import pydantic
    import yaml

    return {
        "platform": platform.platform(),
        "cpu": cpu,
        "cores": f"{os.cpu_count()} logical ({usable} usable by this process)",
        "memory": mem,
        "python": f"{platform.python_implementation()} {platform.python_version()} ({sys.executable})",
        "libraries": f"pydantic {pydantic.VERSION}, PyYAML {yaml.__version__} "
        f"(libyaml {'yes' if hasattr(yaml, 'CSafeLoader') else 'no'})",
    }


# --- the files ----------------------------------------------------------------------------


def ensure_files(args: argparse.Namespace) -> Path:
    """The folder holding rules.yaml and scenario.yaml, generated if missing or stale."""
    import synthetic

    stamp = {
        "events": args.events,
        "seed": args.seed,
        "people": args.people,
        "generator": hashlib.sha256((HERE / "synthetic.py").read_bytes()).hexdigest()[:16],
    }
    folder = (
        Path(args.dir)
        if args.dir
        else Path(tempfile.gettempdir())
        / (f"succession-bench-ev{args.events}-s{args.seed}-p{args.people}")
    )
    meta = folder / "meta.json"
    files = [folder / synthetic.RULES_FILE, folder / synthetic.SCENARIO_FILE]
    fresh = (
        not args.regenerate
        and meta.is_file()
        and all(f.is_file() for f in files)
        and json.loads(meta.read_text()) == stamp
    )
    if fresh:
        print(f"reusing {folder}")
        return folder
    print(f"generating {args.events:,} events into {folder} ...", flush=True)
    t0 = time.perf_counter()
    stats = synthetic.generate(folder, events=args.events, seed=args.seed, people=args.people)
    meta.write_text(json.dumps(stamp))
    print(
        f"  generated and verified in {time.perf_counter() - t0:.1f} s: "
        + ", ".join(f"{k} {v:,}" for k, v in sorted(stats.by_type.items(), key=lambda kv: -kv[1]))
    )
    return folder


def prefix_file(folder: Path, n: int) -> Path:
    """A copy of the scenario with only its first ``n`` events (a prefix of a legal
    sequence is legal), beside the original so that ``rules: rules.yaml`` resolves."""
    src = folder / "scenario.yaml"
    dst = folder / f"scenario-first-{n}.yaml"
    if dst.is_file() and dst.stat().st_mtime >= src.stat().st_mtime:
        return dst
    count = 0
    with src.open(encoding="utf-8") as fin, dst.open("w", encoding="utf-8") as fout:
        in_events = False
        for line in fin:
            if line.startswith("events:"):
                in_events = True
            elif in_events and line.startswith("  - "):
                count += 1
                if count > n:
                    break
            fout.write(line)
    return dst


# --- workers (each run in a fresh interpreter) -------------------------------------------


def _rss_mb() -> float:
    """Peak resident memory of this process so far (ru_maxrss), in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _current_rss_mb() -> float:
    """Resident memory now (VmRSS), in MB; the peak where /proc is missing."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return _rss_mb()


def worker(mode: str, path: str, models: str, gc_off: bool) -> dict[str, Any]:
    """One measurement; the result as JSON-able data."""
    import synthetic

    synthetic.raise_file_cap(Path(path), Path(path).parent / synthetic.RULES_FILE)
    out: dict[str, Any] = {"rss_start_mb": _rss_mb()}
    if mode == "load":
        from succession.load import load_scenario

        t0 = time.perf_counter()
        loaded = load_scenario(path)
        out["load_s"] = time.perf_counter() - t0
        out["events"] = len(loaded.scenario.events)
        out["rss_peak_mb"] = _rss_mb()
        return out

    from succession.engine import simulate

    if models == "load":
        from succession.load import load_scenario

        t0 = time.perf_counter()
        loaded = load_scenario(path)
        out["load_s"] = time.perf_counter() - t0
        rules, scenario = loaded.rules.rules, loaded.scenario
    else:
        from succession.load import load_rules
        from succession.model.scenario import Scenario
        from succession.yamlio import parse, read_text

        text = read_text(path)
        t0 = time.perf_counter()
        data, _positions = parse(text, path)
        out["parse_s"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        scenario = Scenario.model_validate(data)
        out["validate_s"] = time.perf_counter() - t0
        del data, _positions
        rules = load_rules(Path(path).parent / scenario.rules).rules
    gc.collect()
    out["rss_models_mb"] = _rss_mb()
    out["rss_before_engine_mb"] = _current_rss_mb()
    if gc_off:
        gc.disable()
    t0 = time.perf_counter()
    timeline = simulate(rules, scenario)
    out["engine_s"] = time.perf_counter() - t0
    out["events"] = len(scenario.events)
    out["entries"] = len(timeline.entries)
    out["rss_peak_mb"] = _rss_mb()
    out["rss_after_engine_mb"] = _current_rss_mb()  # the timeline is still alive here
    del timeline
    return out


def run_worker(
    mode: str,
    path: Path,
    *,
    models: str = "parse",
    gc_off: bool = False,
    timeout: float | None = None,
) -> dict[str, Any] | None:
    """Run one worker in a fresh interpreter; None when it exceeds ``timeout``."""
    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--worker",
        mode,
        str(path),
        "--engine-models",
        models,
    ]
    if gc_off:
        cmd.append("--gc-off")
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return None
    if proc.returncode != 0:
        raise RuntimeError(f"worker failed ({' '.join(cmd)}):\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# --- the report ---------------------------------------------------------------------------


def _med(results: list[dict[str, Any]], key: str) -> float:
    return statistics.median(r[key] for r in results)


def _spread(results: list[dict[str, Any]], key: str) -> str:
    vals = [r[key] for r in results]
    return f"(min {min(vals):.3f}, max {max(vals):.3f}, n={len(vals)})"


def _verdict(rate: float) -> str:
    if rate >= TARGET_EVENTS_PER_SECOND:
        return f"target >= {TARGET_EVENTS_PER_SECOND:,} events/s: MET"
    return (
        f"target >= {TARGET_EVENTS_PER_SECOND:,} events/s: NOT MET "
        f"({rate / TARGET_EVENTS_PER_SECOND:.1%} of target; needs {TARGET_EVENTS_PER_SECOND / rate:.1f}x)"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5, help="runs per measurement (median reported)")
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=2019)
    ap.add_argument("--people", type=int, default=2_000)
    ap.add_argument("--dir", help="folder for the synthetic files (default: a temp folder, reused)")
    ap.add_argument(
        "--regenerate", action="store_true", help="regenerate even if reusable files exist"
    )
    ap.add_argument(
        "--load-timeout",
        type=float,
        default=300.0,
        help="seconds after which a load_scenario run is stopped (default 300)",
    )
    ap.add_argument("--load-runs", type=int, default=None, help="load runs (default: --runs)")
    ap.add_argument(
        "--engine-models",
        choices=("parse", "load"),
        default="parse",
        help="build the engine's models by parse+validate (default) or load_scenario",
    )
    ap.add_argument("--no-scaling", action="store_true", help="skip the scaling table")
    ap.add_argument("--no-diagnostics", action="store_true", help="skip the gc-disabled run")
    ap.add_argument("--worker", nargs=2, metavar=("MODE", "PATH"), help=argparse.SUPPRESS)
    ap.add_argument("--gc-off", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.worker:
        mode, path = args.worker
        print(json.dumps(worker(mode, path, args.engine_models, args.gc_off)))
        return 0

    runs = max(1, args.runs)
    load_runs = args.load_runs if args.load_runs is not None else runs
    print(f"succession engine throughput -- {dt.datetime.now().isoformat(timespec='seconds')}")
    for k, v in machine().items():
        print(f"  {k:10} {v}")
    folder = ensure_files(args)
    scenario_path = folder / "scenario.yaml"
    rules_path = folder / "rules.yaml"
    print(
        f"files: {rules_path.name} {rules_path.stat().st_size:,} bytes; "
        f"{scenario_path.name} {scenario_path.stat().st_size:,} bytes "
        f"({scenario_path.stat().st_size / 1e6:.1f} MB)"
    )
    print()

    # engine
    print(
        f"engine: {runs} runs of simulate(rules, scenario), models from {args.engine_models} ...",
        flush=True,
    )
    eng = []
    for i in range(runs):
        r = run_worker("engine", scenario_path, models=args.engine_models)
        assert r is not None
        eng.append(r)
        print(
            f"  run {i + 1}: engine {r['engine_s']:.3f} s, peak RSS {r['rss_peak_mb']:.0f} MB",
            flush=True,
        )
    events = eng[0]["events"]
    t_eng = _med(eng, "engine_s")
    rate = events / t_eng
    # load
    print(
        f"load: up to {load_runs} runs of load_scenario (timeout {args.load_timeout:g} s each) ...",
        flush=True,
    )
    loads: list[dict[str, Any]] = []
    timed_out = False
    for i in range(load_runs):
        r = run_worker("load", scenario_path, timeout=args.load_timeout)
        if r is None:
            timed_out = True
            print(
                f"  run {i + 1}: did not finish within {args.load_timeout:g} s; no further load runs",
                flush=True,
            )
            break
        loads.append(r)
        print(
            f"  run {i + 1}: load {r['load_s']:.3f} s, peak RSS {r['rss_peak_mb']:.0f} MB",
            flush=True,
        )

    scaling: list[tuple[int, dict[str, Any] | None, dict[str, Any]]] = []
    if not args.no_scaling:
        print("scaling (one run each, first N events of the same scenario) ...", flush=True)
        for n in SCALING_SIZES:
            if n >= events:
                continue
            p = prefix_file(folder, n)
            lr = run_worker("load", p, timeout=args.load_timeout)
            er = run_worker("engine", p)
            assert er is not None
            scaling.append((n, lr, er))
    diag = None
    if not args.no_diagnostics:
        print("diagnostic: one engine run with gc.disable() ...", flush=True)
        diag = run_worker("engine", scenario_path, models=args.engine_models, gc_off=True)

    # the summary
    print()
    print("=" * 78)
    print(
        f"RESULTS ({events:,} events, 20 offices; medians of {runs} runs, each in a fresh process)"
    )
    print("=" * 78)
    if "parse_s" in eng[0]:
        print(f"  YAML parse (yamlio.parse)         {_med(eng, 'parse_s'):9.3f} s")
        print(f"  pydantic validation (Scenario)    {_med(eng, 'validate_s'):9.3f} s")
    if loads:
        t_load = _med(loads, "load_s")
        print(
            f"  load_scenario (all checks)        {t_load:9.3f} s  {_spread(loads, 'load_s')}"
            f"  = {events / t_load:,.0f} events/s"
        )
    if timed_out:
        est = _extrapolate(scaling, events)
        print(
            f"  load_scenario: > {args.load_timeout:g} s (stopped)"
            + (
                f"; extrapolated (t = a*n + b*n^2 fitted to the scaling table): ~{est:,.0f} s"
                if est
                else ""
            )
        )
    print(f"  engine simulate()                 {t_eng:9.3f} s  {_spread(eng, 'engine_s')}")
    print(f"  engine throughput                 {rate:9,.0f} events/s   [{_verdict(rate)}]")
    print(f"  timeline entries                  {eng[0]['entries']:9,}")
    grown = _med(eng, "rss_after_engine_mb") - _med(eng, "rss_before_engine_mb")
    print(f"  peak RSS, building the models     {_med(eng, 'rss_models_mb'):9,.0f} MB")
    print(f"  peak RSS, whole engine run        {_med(eng, 'rss_peak_mb'):9,.0f} MB")
    print(
        f"  RSS held by the timeline          {grown:9,.0f} MB  (RSS after simulate() minus before;"
        f" ~{grown * 1024 / max(1, eng[0]['entries']):.1f} KB per entry)"
    )
    if loads:
        print(f"  peak RSS of a load run            {_med(loads, 'rss_peak_mb'):9,.0f} MB")
    if scaling:
        print()
        print("  scaling:      events    load_scenario s    engine s    engine events/s")
        for n, lr, er in scaling:
            ls = f"{lr['load_s']:12.3f}" if lr else "   timed out"
            print(f"  {n:18,}    {ls}    {er['engine_s']:10.3f}    {n / er['engine_s']:12,.0f}")
        if loads:
            print(
                f"  {events:18,}    {_med(loads, 'load_s'):12.3f}    {t_eng:10.3f}    {rate:12,.0f}"
            )
        else:
            print(f"  {events:18,}    {'timed out':>12}    {t_eng:10.3f}    {rate:12,.0f}")
    if diag:
        d_rate = diag["events"] / diag["engine_s"]
        print()
        print(
            f"  diagnostic, gc disabled: engine {diag['engine_s']:.3f} s = {d_rate:,.0f} events/s "
            f"({t_eng / diag['engine_s']:.1f}x faster than with gc)"
        )
    return 0


def _extrapolate(
    scaling: list[tuple[int, dict[str, Any] | None, dict[str, Any]]], n: int
) -> float | None:
    """Load time at ``n`` events: least-squares fit of t = a*n + b*n^2 to the scaling
    points (the loader's cross-checks are quadratic in the number of events)."""
    pts = [(float(m), lr["load_s"]) for m, lr, _ in scaling if lr]
    if len(pts) < 2:
        return None
    s22 = sum(m**2 for m, _ in pts)
    s23 = sum(m**3 for m, _ in pts)
    s44 = sum(m**4 for m, _ in pts)
    s1t = sum(m * t for m, t in pts)
    s2t = sum(m * m * t for m, t in pts)
    det = s22 * s44 - s23 * s23
    if det == 0:
        return None
    a = (s1t * s44 - s23 * s2t) / det
    b = (s22 * s2t - s23 * s1t) / det
    return a * n + b * n * n


if __name__ == "__main__":
    sys.exit(main())
