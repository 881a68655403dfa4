"""cProfile of the engine (or the loader) on the synthetic scenario.

Profiles ``succession.engine.simulate`` on the files of ``benchmarks/synthetic.py``
(generated into a temp folder if missing, as ``engine_throughput.py`` does)
and prints the functions sorted by own time (tottime). With ``--load`` it
profiles ``succession.load.load_scenario`` instead; with ``--first N`` only the
first N events are used (the loader is quadratic in the number of events, so
profile it on a prefix). ``--gc-off`` disables the cyclic garbage collector
during the run, to see the engine's own costs without the collector's.

Usage (from the repository root)::

    .venv/bin/python benchmarks/profile_engine.py [--events 100000] [--first N]
        [--load] [--gc-off] [--top 30] [--sort tottime] [--out FILE.prof]
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import pstats
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
for p in (str(HERE.parent), str(HERE)):
    if p not in sys.path:
        sys.path.insert(0, p)


def main(argv: list[str] | None = None) -> int:
    import engine_throughput as et
    import synthetic

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=2019)
    ap.add_argument("--people", type=int, default=2_000)
    ap.add_argument("--dir")
    ap.add_argument("--regenerate", action="store_true")
    ap.add_argument("--first", type=int, help="only the first N events")
    ap.add_argument(
        "--load", action="store_true", help="profile load_scenario instead of the engine"
    )
    ap.add_argument("--gc-off", action="store_true")
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--sort", default="tottime")
    ap.add_argument("--out", help="also write the raw profile here")
    args = ap.parse_args(argv)

    folder = et.ensure_files(args)
    path = folder / "scenario.yaml"
    if args.first:
        path = et.prefix_file(folder, args.first)
    synthetic.raise_file_cap(path)

    from succession.engine import simulate
    from succession.load import load_rules, load_scenario
    from succession.model.scenario import Scenario
    from succession.yamlio import parse, read_text

    prof = cProfile.Profile()
    if args.load:
        if args.gc_off:
            gc.disable()
        t0 = time.perf_counter()
        prof.enable()
        load_scenario(path)
        prof.disable()
    else:
        data, _ = parse(read_text(path), str(path))
        scenario = Scenario.model_validate(data)
        del data
        rules = load_rules(folder / scenario.rules).rules
        gc.collect()
        if args.gc_off:
            gc.disable()
        t0 = time.perf_counter()
        prof.enable()
        simulate(rules, scenario)
        prof.disable()
    print(
        f"{'load_scenario' if args.load else 'simulate'} on {path.name}: "
        f"{time.perf_counter() - t0:.2f} s under the profiler"
    )
    if args.out:
        prof.dump_stats(args.out)
    pstats.Stats(prof).strip_dirs().sort_stats(args.sort).print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
