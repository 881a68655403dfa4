"""Engine throughput, timeline size, loader cost and the timeline cache, each
against its reference, on a large synthetic scenario.

Generates (or reuses, in a temporary folder) the files of
``benchmarks/synthetic.py`` -- 20 offices, 100,000 legal events by default --
and measures, over ``--runs`` runs, each measurement in a fresh interpreter
(so that its peak memory, VmHWM, is its own):

* **engine vs plain reference**: ``succession.engine.simulate(rules,
  scenario)`` against ``benchmarks/plain_reference.py`` (the same succession
  rules on a mutable state, without reasons) on the same models, in the same
  process. Targets: at least 100,000 events/s; engine time at most 1.5 times
  the plain reference's. The models are built with the loader's first two
  stages (``succession.yamlio.parse``, then ``Scenario``/``Rules``
  ``.model_validate``), without its cross-checks. The plain reference runs
  with the cyclic garbage collector paused, as ``simulate()`` pauses it.
* **engine vs YAML composition**: ``simulate()`` against
  ``yaml.compose(text, Loader=yaml.CSafeLoader)`` of the same scenario file
  (the node tree only, no Python data): target engine <= compose. Compose is
  timed as called (garbage collector as the interpreter has it) and with the
  collector paused (as ``simulate()`` and ``yamlio.parse`` run); a verdict is
  given against each.
* **timeline size**: the deep size (``sys.getsizeof`` over everything
  reachable through ``gc.get_referents``, each object once) of the Timeline,
  excluding whatever is also reachable from its inputs (``timeline.rules``,
  ``timeline.versions``, ``timeline.scenario``) and shared singletons (types,
  modules, functions, methods, None, True, False), per scenario event: target
  <= 200 bytes/event. The size including the inputs is printed too. The size
  is deterministic; it is computed in the first run (``--size-runs`` for more).
* **load_scenario vs yaml.load**: ``succession.load.load_scenario`` of the
  scenario file (with ``SUCCESSION_MAX_FILE_BYTES`` raised to admit it):
  the process's peak RSS against the deep size of the file's plain data (what
  ``yaml.load(text, Loader=yaml.CSafeLoader)`` returns), target peak RSS <= 3x
  the plain data; and its time against ``yaml.load``'s, target <= 2x
  (``yaml.load`` timed as called and with the collector paused, as above).
* **the timeline cache**: ``succession.cache.load`` of an entry (after one
  ``succession.cache.store`` of the timeline, with ``SUCCESSION_CACHE``
  pointing at a temporary folder), in a fresh process, against re-simulating:
  ``simulate()`` alone, and ``load_scenario`` + ``simulate()``, also each the
  first call in a fresh process, as a command sees them; on the seed
  (``seeds/bolivia-2019.yaml``, where repeated calls in the same process are
  shown too) and on the synthetic scenario. Target: reading >= 5x faster.
* **agreement**: in the first run, the engine's timeline and the plain
  reference's entries must agree on every holder and acting person of every
  entry (``plain_reference.first_disagreement``); the script prints OK or the
  first disagreement, and exits 1 on a disagreement.

Each figure is printed as min / median / max over the runs, beside its
reference and a verdict (MET, or NOT MET and by how much); ratios are taken
run by run (engine, plain reference and compose share a process; the loader
and ``yaml.load`` runs are paired in order). Then a scaling table (one run
each on the first 2,500 / 10,000 / 25,000 events). The script never fails on
a timing; it fails on a disagreement or a worker error.

Usage (from the repository root)::

    .venv/bin/python benchmarks/engine_throughput.py [--runs 5] [--events 100000]
        [--seed 2019] [--people 2000] [--dir DIR] [--regenerate] [--no-scaling]
        [--size-runs 1] [--small]

``--small``: 1,000 events, one run, no scaling table.
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
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import types
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]  # the checkout this file is in, before any installed copy

SEED_SCENARIO = ROOT / "seeds" / "bolivia-2019.yaml"
TARGET_EVENTS_PER_SECOND = 100_000
TARGET_ENGINE_OVER_PLAIN = 1.5
TARGET_ENGINE_OVER_COMPOSE = 1.0
TARGET_BYTES_PER_EVENT = 200
TARGET_LOAD_RSS_OVER_DATA = 3.0
TARGET_LOAD_OVER_YAML = 2.0
TARGET_CACHE_SPEEDUP = 5.0
SCALING_SIZES = (2_500, 10_000, 25_000)
SMALL_EVENTS = 1_000
#: repetitions in the same process for the seed's warm figures
SEED_REPEATS = 20
#: a worker that runs longer than this is stopped (and the script fails)
WORKER_TIMEOUT = 1_800


# --- the machine --------------------------------------------------------------------------


def machine() -> dict[str, str]:
    """Platform, CPU model, cores, memory, load, Python and library versions."""
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

    try:
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    except OSError:
        commit = ""
    return {
        "platform": platform.platform(),
        "cpu": cpu,
        "cores": f"{os.cpu_count()} logical ({usable} usable by this process)",
        "memory": mem,
        "load": _loadavg(),
        "python": f"{platform.python_implementation()} {platform.python_version()} "
        f"({sys.executable})",
        "libraries": f"pydantic {pydantic.VERSION}, PyYAML {yaml.__version__} "
        f"(libyaml {'yes' if hasattr(yaml, 'CSafeLoader') else 'no'})",
        "commit": commit or "unknown (not a git checkout)",
    }


def _loadavg() -> str:
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:  # pragma: no cover
        return "unknown"
    return f"{one:.2f} {five:.2f} {fifteen:.2f} (1, 5, 15 min)"


# --- the files ----------------------------------------------------------------------------


def ensure_files(args: argparse.Namespace) -> Path:
    """The folder holding rules.yaml and scenario.yaml, generated if missing or stale."""
    import synthetic

    stamp = {
        "events": args.events,
        "seed": args.seed,
        "people": args.people,
        "generator": hashlib.sha256(
            (HERE / "synthetic.py").read_bytes() + (HERE / "plain_reference.py").read_bytes()
        ).hexdigest()[:16],
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
    for old in folder.glob("scenario-first-*.yaml"):
        old.unlink()
    t0 = time.perf_counter()
    stats = synthetic.generate(folder, events=args.events, seed=args.seed, people=args.people)
    meta.write_text(json.dumps(stamp))
    print(
        f"  generated and checked (engine and plain reference agree on all {stats.entries:,} "
        f"entries) in {time.perf_counter() - t0:.1f} s: "
        + ", ".join(f"{k} {v:,}" for k, v in sorted(stats.by_type.items(), key=lambda kv: -kv[1]))
        + f"; {stats.batches:,} simultaneous pairs, {stats.untimed:,} events without a time"
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


# --- measuring ----------------------------------------------------------------------------


def _peak_mb() -> float:
    """Peak resident memory of this process so far, in MB: VmHWM, the high-water
    mark of this process's own address space (``ru_maxrss`` would also count
    the parent's memory at the time of the fork); ``ru_maxrss`` where /proc
    is missing."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


_SHARED = (
    type,
    types.ModuleType,
    types.FunctionType,
    types.BuiltinFunctionType,
    types.MethodType,
    types.MethodDescriptorType,
    types.WrapperDescriptorType,
    types.MethodWrapperType,
    types.GetSetDescriptorType,
    types.MemberDescriptorType,
    types.CodeType,
)


def _walk(roots: Iterable[Any], skip: set[int], visit: Callable[[Any], None] | None) -> set[int]:
    """Every object reachable from ``roots`` through ``gc.get_referents``, once
    each, not entering objects whose id is in ``skip`` nor shared singletons;
    ``visit`` is called on each. Returns the ids seen (``skip`` included)."""
    seen = skip
    stack = list(roots)
    get = gc.get_referents
    while stack:
        obj = stack.pop()
        i = id(obj)
        if i in seen:
            continue
        seen.add(i)
        if isinstance(obj, _SHARED) or obj is None or obj is True or obj is False:
            continue
        if visit is not None:
            visit(obj)
        stack.extend(get(obj))
    return seen


def deep_size(roots: Iterable[Any], exclude: Iterable[Any] = ()) -> int:
    """Bytes (``sys.getsizeof``) of everything reachable from ``roots``, each
    object counted once, leaving out shared singletons (types, modules,
    functions, methods, None, True, False) and everything reachable from
    ``exclude``."""
    skip = _walk(exclude, set(), None)
    total = 0

    def add(obj: Any) -> None:
        nonlocal total
        total += sys.getsizeof(obj)

    _walk(roots, skip, add)
    return total


def _timed(fn: Callable[..., Any], *args: Any, **kw: Any) -> tuple[float, Any]:
    """Wall time of ``fn(*args, **kw)``, and its result."""
    t0 = time.perf_counter()
    out = fn(*args, **kw)
    return time.perf_counter() - t0, out


def _measure(
    out: dict[str, Any],
    key: str,
    fn: Callable[..., Any],
    *args: Any,
    paused: bool = False,
    **kw: Any,
) -> Any:
    """Call ``fn(*args, **kw)``; record its wall time as ``out[key]`` and the
    process's CPU time as ``out[key + "_cpu"]`` (less sensitive to other
    processes on a shared machine); with ``paused``, the cyclic garbage
    collector is paused meanwhile. Returns the result."""
    was = gc.isenabled()
    if paused:
        gc.disable()
    try:
        c0 = time.process_time()
        t0 = time.perf_counter()
        result = fn(*args, **kw)
        out[key] = time.perf_counter() - t0
        out[key + "_cpu"] = time.process_time() - c0
    finally:
        if paused and was:
            gc.enable()
    return result


# --- workers (each run in a fresh interpreter) -------------------------------------------


def worker_engine(path: str, size: bool, check: bool) -> dict[str, Any]:
    """yaml.compose (as called, then paused), the models, the plain reference,
    the engine; optionally the timeline's deep size and the agreement check."""
    import synthetic
    import yaml
    from plain_reference import PlainReference, first_disagreement

    from succession.engine import simulate
    from succession.model.rules import Rules
    from succession.model.scenario import Scenario
    from succession.yamlio import parse

    synthetic.trust(Path(path))
    out: dict[str, Any] = {"rss_start_mb": _peak_mb()}
    text = Path(path).read_text(encoding="utf-8")
    node = _measure(out, "compose_s", yaml.compose, text, Loader=yaml.CSafeLoader)
    del node
    node = _measure(
        out, "compose_paused_s", yaml.compose, text, Loader=yaml.CSafeLoader, paused=True
    )
    del node
    gc.collect()
    data, _positions = _measure(out, "parse_s", parse, text, path)
    scenario = _measure(out, "validate_s", Scenario.model_validate, data)
    del data, _positions, text
    rules_path = Path(path).parent / (scenario.rules or "rules.yaml")
    rules = Rules.model_validate(parse(rules_path.read_text(encoding="utf-8"), str(rules_path))[0])
    gc.collect()
    out["rss_models_mb"] = _peak_mb()
    out["events"] = len(scenario.events)

    def plain_run() -> tuple[list[str], list[Any]]:
        ref = PlainReference(rules, scenario)
        return ref.office_ids, list(ref.run())

    office_ids, plain = _measure(out, "plain_s", plain_run, paused=True)
    out["plain_entries"] = len(plain)
    if not check:
        del plain
    gc.collect()
    timeline = _measure(out, "engine_s", simulate, rules, scenario)
    out["entries"] = len(timeline.entries)
    out["rss_peak_mb"] = _peak_mb()
    if check:
        bad = first_disagreement(timeline, plain, office_ids)
        out["agreement"] = "OK" if bad is None else bad
        del plain
    if size:
        inputs = [timeline.rules, timeline.versions, timeline.scenario]
        out["timeline_bytes"] = deep_size([timeline], inputs)
        out["timeline_bytes_with_inputs"] = deep_size([timeline])
    return out


def worker_yaml(path: str, size: bool) -> dict[str, Any]:
    """yaml.load as called, then paused; optionally the deep size of its result."""
    import yaml

    text = Path(path).read_text(encoding="utf-8")
    out: dict[str, Any] = {}
    data = _measure(out, "yaml_load_s", yaml.load, text, Loader=yaml.CSafeLoader)
    out["rss_peak_mb"] = _peak_mb()
    del data
    gc.collect()
    data = _measure(
        out, "yaml_load_paused_s", yaml.load, text, Loader=yaml.CSafeLoader, paused=True
    )
    if size:
        out["data_bytes"] = deep_size([data])
    return out


def worker_load(path: str, repeats: int) -> dict[str, Any]:
    """load_scenario (its peak RSS), then simulate(), then cache.store; with
    ``repeats``, both again ``repeats`` times in the same process (medians)."""
    import synthetic

    from succession import cache
    from succession.api import simulate
    from succession.load import load_scenario

    synthetic.trust(Path(path))
    out: dict[str, Any] = {"rss_start_mb": _peak_mb()}
    loaded = _measure(out, "load_s", load_scenario, path)
    out["rss_load_peak_mb"] = _peak_mb()
    out["events"] = len(loaded.scenario.events)
    timeline = _measure(out, "simulate_s", simulate, loaded)
    out["entries"] = len(timeline.entries)
    folder = Path(os.environ.get("SUCCESSION_CACHE", "."))
    before = {p: p.stat().st_mtime_ns for p in folder.glob("*.pickle")}
    _measure(out, "store_s", cache.store, path, None, timeline, loaded)
    written = [p for p in folder.glob("*.pickle") if before.get(p) != p.stat().st_mtime_ns]
    if written:
        out["entry_bytes"] = written[0].stat().st_size
    if repeats:
        loads, sims = [], []
        for _ in range(repeats):
            t, again = _timed(load_scenario, path)
            loads.append(t)
            sims.append(_timed(simulate, again)[0])
        out["load_warm_s"] = statistics.median(loads)
        out["simulate_warm_s"] = statistics.median(sims)
    return out


def worker_cache(path: str, repeats: int) -> dict[str, Any]:
    """cache.load of the entry ``worker_load`` stored (None when it misses),
    the first call in this process, after importing what ``worker_load``
    imports (so that neither side's figure includes imports); and, apart,
    what computing the package's source digest (once a process, inside the
    first cache.load) costs."""
    import synthetic

    from succession import api, cache, load  # noqa: F401 - the modules the entry's classes need

    synthetic.trust(Path(path))
    out: dict[str, Any] = {}
    hit = _measure(out, "read_s", cache.load, path, None)
    out["hit"] = hit is not None
    if hit is not None:
        out["entries"] = len(hit[0].entries)
    del hit
    gc.collect()
    # diagnostic: the same read with the cyclic garbage collector paused (the
    # engine and the YAML parser pause it; unpickling builds as many objects)
    _measure(out, "read_paused_s", cache.load, path, None, paused=True)
    digest = getattr(cache.code_digest, "__wrapped__", None)
    if digest is not None:
        out["digest_s"] = _timed(digest)[0]
    if repeats and out["hit"]:
        out["read_warm_s"] = statistics.median(
            _timed(cache.load, path, None)[0] for _ in range(repeats)
        )
    return out


def run_worker(mode: str, path: Path, *extra: str) -> dict[str, Any]:
    """Run one worker in a fresh interpreter; its JSON result."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", mode, str(path), *extra]
    try:
        proc = subprocess.run(
            cmd, capture_output=True, text=True, timeout=WORKER_TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired:
        raise RuntimeError(f"worker timed out after {WORKER_TIMEOUT} s: {' '.join(cmd)}") from None
    if proc.returncode != 0:
        raise RuntimeError(f"worker failed ({' '.join(cmd)}):\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def cache_pair(path: Path, repeats: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """Store then read a cache entry, each in a fresh process. An entry is used
    only while the package's source is unchanged: if it changed in between
    (someone editing the checkout), store and read once more."""
    for _ in range(3):
        stored = run_worker("load", path, "--repeats", str(repeats))
        read = run_worker("cache", path, "--repeats", str(repeats))
        if read["hit"]:
            return stored, read
    raise RuntimeError(f"the cache entry for {path} was stored but never read back")


# --- the report ---------------------------------------------------------------------------


def _mmm(vals: Sequence[float]) -> tuple[float, float, float]:
    return min(vals), statistics.median(vals), max(vals)


def _fmt(vals: Sequence[float], unit: str = "s", scale: float = 1.0, digits: int = 3) -> str:
    lo, mid, hi = _mmm([v * scale for v in vals])
    sep = "" if unit == "x" else " "
    if len(vals) == 1:
        return f"{mid:.{digits}f}{sep}{unit}"
    return f"{lo:.{digits}f} / {mid:.{digits}f} / {hi:.{digits}f}{sep}{unit}"


def _fmt_int(vals: Sequence[float], unit: str) -> str:
    lo, mid, hi = _mmm(vals)
    if len(vals) == 1:
        return f"{mid:,.0f} {unit}"
    return f"{lo:,.0f} / {mid:,.0f} / {hi:,.0f} {unit}"


def verdict_at_least(value: float, target: float, what: str) -> str:
    """MET, or NOT MET with the share of the target reached and the factor missing."""
    if value >= target:
        return f"target >= {target:,g} {what}: MET"
    return (
        f"target >= {target:,g} {what}: NOT MET "
        f"({value / target:.1%} of target; needs {target / value:.1f}x)"
    )


def verdict_at_most(value: float, target: float, what: str) -> str:
    """MET, or NOT MET with the factor over the limit."""
    if value <= target:
        return f"target <= {target:,g}{what}: MET"
    return f"target <= {target:,g}{what}: NOT MET ({value / target:.1f}x over)"


def verdict_speedup(speedup: float, target: float) -> str:
    """For the cache: reading at least ``target`` times faster than re-simulating."""
    if speedup >= target:
        return f"target >= {target:g}x faster: MET"
    if speedup >= 1:
        return f"target >= {target:g}x faster: NOT MET (only {speedup:.2f}x faster)"
    return f"target >= {target:g}x faster: NOT MET (reading is {1 / speedup:.2f}x SLOWER)"


def _row(label: str, text: str) -> None:
    print(f"  {label:<50} {text}")


def _ratio_row(label: str, num: Sequence[float], den: Sequence[float], limit: float) -> None:
    """Run-by-run ratios num/den, with the verdict of their median against ``limit``."""
    r = [a / b for a, b in zip(num, den, strict=True)]
    _row(label, f"{_fmt(r, 'x', digits=2)}   [{verdict_at_most(statistics.median(r), limit, 'x')}]")


def report(
    events: int,
    offices: int,
    runs: int,
    eng: list[dict[str, Any]],
    yml: list[dict[str, Any]],
    loads: list[dict[str, Any]],
    reads: list[dict[str, Any]],
    seed_loads: list[dict[str, Any]],
    seed_reads: list[dict[str, Any]],
    scaling: list[tuple[int, dict[str, Any], dict[str, Any]]],
) -> bool:
    """Print the results; True when the engine and the plain reference agree."""
    print()
    print("=" * 100)
    print(
        f"RESULTS ({events:,} events, {offices} offices; min / median / max of {runs} run(s), "
        "each in a fresh process)"
    )
    print("=" * 100)

    def col(rows: list[dict[str, Any]], key: str) -> list[float]:
        return [r[key] for r in rows if key in r]

    e_s = col(eng, "engine_s")
    p_s = col(eng, "plain_s")
    print("engine vs plain reference (same models, same stream, same process)")
    _row("engine simulate()", _fmt(e_s))
    rate = events / statistics.median(e_s)
    _row(
        "engine throughput",
        f"{_fmt_int([events / t for t in e_s], 'events/s')}   "
        f"[{verdict_at_least(rate, TARGET_EVENTS_PER_SECOND, 'events/s')}]",
    )
    _row("plain reference", _fmt(p_s))
    _row("plain reference throughput", _fmt_int([events / t for t in p_s], "events/s"))
    _ratio_row("engine time / plain reference time", e_s, p_s, TARGET_ENGINE_OVER_PLAIN)
    e_cpu = col(eng, "engine_s_cpu")
    p_cpu = col(eng, "plain_s_cpu")
    _row(
        "engine, CPU time (process_time)",
        f"{_fmt(e_cpu)} = {events / statistics.median(e_cpu):,.0f} events/s",
    )
    _row(
        "plain reference, CPU time",
        f"{_fmt(p_cpu)} = {events / statistics.median(p_cpu):,.0f} events/s",
    )
    _ratio_row("engine / plain reference, CPU time", e_cpu, p_cpu, TARGET_ENGINE_OVER_PLAIN)
    agreement = [r["agreement"] for r in eng if "agreement" in r]
    entries = eng[0]["entries"]
    ok = all(a == "OK" for a in agreement)
    if agreement:
        _row(
            "agreement (every holder and acting person)",
            f"OK: all {entries:,} entries"
            if ok
            else f"DISAGREEMENT: {next(a for a in agreement if a != 'OK')}",
        )
    print()
    print("engine vs yaml.compose(text, Loader=yaml.CSafeLoader) of the same file")
    c_s = col(eng, "compose_s")
    cp_s = col(eng, "compose_paused_s")
    _row("yaml.compose, as called", _fmt(c_s))
    _row("yaml.compose, garbage collector paused", _fmt(cp_s))
    _ratio_row("engine / compose as called", e_s, c_s, TARGET_ENGINE_OVER_COMPOSE)
    _ratio_row("engine / compose, collector paused", e_s, cp_s, TARGET_ENGINE_OVER_COMPOSE)
    _ratio_row(
        "engine / compose, collector paused, CPU time",
        e_cpu,
        col(eng, "compose_paused_s_cpu"),
        TARGET_ENGINE_OVER_COMPOSE,
    )
    print()
    print("timeline size (deep size; deterministic, computed in the first run)")
    sizes = col(eng, "timeline_bytes")
    with_inputs = col(eng, "timeline_bytes_with_inputs")
    if sizes:
        per = statistics.median(sizes) / events
        _row(
            "excluding its inputs (rules, scenario)",
            f"{statistics.median(sizes) / 1e6:,.1f} MB = {per:,.0f} bytes/event   "
            f"[{verdict_at_most(per, TARGET_BYTES_PER_EVENT, ' bytes/event')}]",
        )
        _row(
            "including its inputs",
            f"{statistics.median(with_inputs) / 1e6:,.1f} MB = "
            f"{statistics.median(with_inputs) / events:,.0f} bytes/event",
        )
    _row("timeline entries", f"{entries:,}")
    _row(
        "peak RSS of an engine run (models and both runs)", _fmt_int(col(eng, "rss_peak_mb"), "MB")
    )
    print()
    print("load_scenario vs yaml.load(text, Loader=yaml.CSafeLoader)")
    data_bytes = col(yml, "data_bytes")
    rss = col(loads, "rss_load_peak_mb")
    _row("load_scenario peak RSS (whole process)", _fmt_int(rss, "MB"))
    _row(
        "  of which before loading (interpreter, imports)",
        _fmt_int(col(loads, "rss_start_mb"), "MB"),
    )
    if data_bytes:
        data_mb = statistics.median(data_bytes) / 2**20
        _row("plain data (deep size of yaml.load's result)", f"{data_mb:,.0f} MB")
        _ratio_row("peak RSS / plain data", rss, [data_mb] * len(rss), TARGET_LOAD_RSS_OVER_DATA)
    l_s = col(loads, "load_s")
    y_s = col(yml, "yaml_load_s")
    yp_s = col(yml, "yaml_load_paused_s")
    _row("load_scenario", _fmt(l_s))
    _row("yaml.load, as called", _fmt(y_s))
    _row("yaml.load, garbage collector paused", _fmt(yp_s))
    _ratio_row("load_scenario / yaml.load as called", l_s, y_s, TARGET_LOAD_OVER_YAML)
    _ratio_row("load_scenario / yaml.load, collector paused", l_s, yp_s, TARGET_LOAD_OVER_YAML)
    _ratio_row(
        "load_scenario / yaml.load, paused, CPU time",
        col(loads, "load_s_cpu"),
        col(yml, "yaml_load_paused_s_cpu"),
        TARGET_LOAD_OVER_YAML,
    )
    print()
    for title, st, rd in (
        (f"the timeline cache, seed ({SEED_SCENARIO.relative_to(ROOT)})", seed_loads, seed_reads),
        (f"the timeline cache, synthetic scenario ({events:,} events)", loads, reads),
    ):
        _cache_rows(title, st, rd)
    if scaling:
        print()
        print("scaling (one run each, first N events of the same scenario)")
        print(
            f"  {'events':>10}  {'load_scenario s':>15}  {'engine s':>9}  {'engine ev/s':>11}  "
            f"{'plain s':>8}  {'plain ev/s':>10}  {'engine/plain':>12}"
        )
        rows = [(n, lr, er) for n, lr, er in scaling]
        rows.append(
            (
                events,
                {"load_s": statistics.median(l_s)},
                {"engine_s": statistics.median(e_s), "plain_s": statistics.median(p_s)},
            )
        )
        for n, lr, er in rows:
            print(
                f"  {n:>10,}  {lr['load_s']:15.3f}  {er['engine_s']:9.3f}  "
                f"{n / er['engine_s']:11,.0f}  {er['plain_s']:8.3f}  {n / er['plain_s']:10,.0f}  "
                f"{er['engine_s'] / er['plain_s']:11.2f}x"
            )
    return ok


def _cache_rows(title: str, stored: list[dict[str, Any]], read: list[dict[str, Any]]) -> None:
    print(title)
    r_s = [r["read_s"] for r in read]
    sim = [s["simulate_s"] for s in stored]
    both = [s["load_s"] + s["simulate_s"] for s in stored]
    scale, unit, digits = (1000.0, "ms", 1) if max(both) < 1 else (1.0, "s", 3)
    _row("reading an entry (cache.load), fresh process", _fmt(r_s, unit, scale, digits))
    digest = [r["digest_s"] for r in read if "digest_s" in r]
    if digest:
        _row("  of which the package's source digest", _fmt(digest, unit, scale, digits))
    _row("re-simulating = simulate() only", _fmt(sim, unit, scale, digits))
    _row("re-simulating = load_scenario + simulate", _fmt(both, unit, scale, digits))
    for label, resim in (("simulate() only", sim), ("load_scenario + simulate", both)):
        speed = [a / b for a, b in zip(resim, r_s, strict=True)]
        _row(
            f"  reading vs {label}",
            f"{_fmt(speed, 'x', digits=2)} faster   "
            f"[{verdict_speedup(statistics.median(speed), TARGET_CACHE_SPEEDUP)}]",
        )
    r_cpu = [r["read_s_cpu"] for r in read]
    both_cpu = [s["load_s_cpu"] + s["simulate_s_cpu"] for s in stored]
    speed = [a / b for a, b in zip(both_cpu, r_cpu, strict=True)]
    _row(
        "  CPU time: reading vs load_scenario + simulate",
        f"{_fmt(speed, 'x', digits=2)} faster   "
        f"[{verdict_speedup(statistics.median(speed), TARGET_CACHE_SPEEDUP)}]",
    )
    _row(
        "  diagnostic: reading again, collector paused",
        _fmt([r["read_paused_s"] for r in read], unit, scale, digits),
    )
    _row("storing the entry (cache.store), once per run", _fmt([s["store_s"] for s in stored]))
    sizes = [s["entry_bytes"] for s in stored if "entry_bytes" in s]
    if sizes:
        size = statistics.median(sizes)
        shown = f"{size / 1e6:,.1f} MB" if size >= 1e6 else f"{size / 1e3:,.1f} kB"
        _row("size of the entry on disk", shown)
    if any("read_warm_s" in r for r in read):
        warm_r = [r["read_warm_s"] for r in read if "read_warm_s" in r]
        warm_sim = [s["simulate_warm_s"] for s in stored if "simulate_warm_s" in s]
        warm_both = [s["load_warm_s"] + s["simulate_warm_s"] for s in stored if "load_warm_s" in s]
        print(f"  repeated in the same process (median of {SEED_REPEATS} calls per run):")
        _row("  reading an entry", _fmt(warm_r, "ms", 1000, 2))
        _row("  simulate() only", _fmt(warm_sim, "ms", 1000, 2))
        _row("  load_scenario + simulate", _fmt(warm_both, "ms", 1000, 2))
        for label, resim in (
            ("simulate() only", warm_sim),
            ("load_scenario + simulate", warm_both),
        ):
            speed = [a / b for a, b in zip(resim, warm_r, strict=True)]
            _row(
                f"    reading vs {label}",
                f"{_fmt(speed, 'x', digits=2)} faster   "
                f"[{verdict_speedup(statistics.median(speed), TARGET_CACHE_SPEEDUP)}]",
            )


# --- main ---------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    import synthetic

    synthetic.trust()  # the synthetic streams are far past a file's default limits
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5, help="runs per measurement (default 5)")
    ap.add_argument("--events", type=int, default=None, help="default 100,000")
    ap.add_argument("--seed", type=int, default=2019)
    ap.add_argument("--people", type=int, default=2_000)
    ap.add_argument("--dir", help="folder for the synthetic files (default: a temp folder, reused)")
    ap.add_argument(
        "--regenerate", action="store_true", help="regenerate even if reusable files exist"
    )
    ap.add_argument("--no-scaling", action="store_true", help="skip the scaling table")
    ap.add_argument(
        "--size-runs", type=int, default=1, help="runs that also compute the deep sizes (default 1)"
    )
    ap.add_argument(
        "--small",
        action="store_true",
        help=f"{SMALL_EVENTS:,} events, one run, no scaling table (for CI)",
    )
    ap.add_argument("--worker", nargs=2, metavar=("MODE", "PATH"), help=argparse.SUPPRESS)
    ap.add_argument("--size", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--check", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--repeats", type=int, default=0, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.worker:
        mode, path = args.worker
        if mode == "engine":
            result = worker_engine(path, args.size, args.check)
        elif mode == "yaml":
            result = worker_yaml(path, args.size)
        elif mode == "load":
            result = worker_load(path, args.repeats)
        elif mode == "cache":
            result = worker_cache(path, args.repeats)
        else:
            raise SystemExit(f"unknown worker {mode}")
        print(json.dumps(result))
        return 0

    if args.small:
        args.runs = 1
        args.no_scaling = True
        if args.events is None:
            args.events = SMALL_EVENTS
    if args.events is None:
        args.events = 100_000
    runs = max(1, args.runs)
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
    cache_dir = tempfile.mkdtemp(prefix="succession-bench-cache-")
    os.environ["SUCCESSION_CACHE"] = cache_dir  # the workers inherit it
    eng: list[dict[str, Any]] = []
    yml: list[dict[str, Any]] = []
    loads: list[dict[str, Any]] = []
    reads: list[dict[str, Any]] = []
    seed_loads: list[dict[str, Any]] = []
    seed_reads: list[dict[str, Any]] = []
    scaling: list[tuple[int, dict[str, Any], dict[str, Any]]] = []
    try:
        for i in range(runs):
            print(f"run {i + 1} of {runs} ...", flush=True)
            extra = ["--size"] if i < args.size_runs else []
            if i == 0:
                extra.append("--check")
            r = run_worker("engine", scenario_path, *extra)
            eng.append(r)
            print(
                f"  engine {r['engine_s']:.3f} s, plain reference {r['plain_s']:.3f} s, "
                f"compose {r['compose_s']:.3f} s (paused {r['compose_paused_s']:.3f} s), "
                f"peak RSS {r['rss_peak_mb']:.0f} MB"
                + (f"; agreement: {r['agreement']}" if "agreement" in r else ""),
                flush=True,
            )
            y = run_worker("yaml", scenario_path, *(["--size"] if i < args.size_runs else []))
            yml.append(y)
            stored, read = cache_pair(scenario_path, 0)
            loads.append(stored)
            reads.append(read)
            print(
                f"  load_scenario {stored['load_s']:.3f} s (peak RSS "
                f"{stored['rss_load_peak_mb']:.0f} MB), yaml.load {y['yaml_load_s']:.3f} s "
                f"(paused {y['yaml_load_paused_s']:.3f} s); "
                f"cache: store {stored['store_s']:.3f} s, read {read['read_s']:.3f} s",
                flush=True,
            )
            s_stored, s_read = cache_pair(SEED_SCENARIO, SEED_REPEATS)
            seed_loads.append(s_stored)
            seed_reads.append(s_read)
        if not args.no_scaling:
            print("scaling (one run each, first N events of the same scenario) ...", flush=True)
            for n in SCALING_SIZES:
                if n >= args.events:
                    continue
                p = prefix_file(folder, n)
                er = run_worker("engine", p)
                lr = run_worker("load", p)
                scaling.append((n, lr, er))
    finally:
        shutil.rmtree(cache_dir, ignore_errors=True)
    print(f"  load average at the end: {_loadavg()}")
    import synthetic

    offices = len(synthetic.rules_data()["offices"])
    ok = report(
        eng[0]["events"],
        offices,
        runs,
        eng,
        yml,
        loads,
        reads,
        seed_loads,
        seed_reads,
        scaling,
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
