"""cProfile of the engine, the plain reference or the loader on the synthetic scenario.

Profiles ``succession.engine.simulate`` on the files of ``benchmarks/synthetic.py``
(generated into a temp folder if missing, as ``engine_throughput.py`` does)
and prints the functions sorted by own time (tottime). With ``--load`` it
profiles ``succession.load.load_scenario`` instead, with ``--plain`` the plain
reference (``benchmarks/plain_reference.py``); with ``--first N`` only the
first N events are used. ``--gc-off`` disables the cyclic garbage collector
during the run (the engine and the YAML parser pause it themselves). The
models are built with ``succession.yamlio.parse`` and ``model_validate``.

Usage (from the repository root)::

    .venv/bin/python benchmarks/profile_engine.py [--events 100000] [--first N]
        [--load | --plain] [--gc-off] [--top 30] [--sort tottime] [--out FILE.prof]
        [--small]

``--small``: 1,000 events, the top 15 functions.
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
sys.path[:0] = [str(HERE.parent), str(HERE)]  # this checkout, before any installed copy


def main(argv: list[str] | None = None) -> int:
    import engine_throughput as et
    import synthetic

    synthetic.trust()  # the synthetic streams are far past a file's default limits
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=None, help="default 100,000")
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
    ap.add_argument(
        "--plain", action="store_true", help="profile the plain reference instead of the engine"
    )
    ap.add_argument("--small", action="store_true", help="1,000 events, the top 15 functions")
    args = ap.parse_args(argv)
    if args.events is None:
        args.events = synthetic.SMALL_EVENTS if args.small else synthetic.DEFAULT_EVENTS
    if args.small:
        args.top = min(args.top, 15)

    folder = et.ensure_files(args)
    path = folder / "scenario.yaml"
    if args.first:
        path = et.prefix_file(folder, args.first)
    synthetic.trust(path)

    from plain_reference import PlainReference

    from succession.engine import simulate
    from succession.load import load_scenario
    from succession.model.rules import Rules
    from succession.model.scenario import Scenario
    from succession.yamlio import parse

    prof = cProfile.Profile()
    what = "load_scenario" if args.load else "plain reference" if args.plain else "simulate"
    if args.load:
        if args.gc_off:
            gc.disable()
        t0 = time.perf_counter()
        prof.enable()
        load_scenario(path)
        prof.disable()
    else:
        data, _ = parse(path.read_text(encoding="utf-8"), str(path))
        scenario = Scenario.model_validate(data)
        del data
        rules_path = folder / (scenario.rules or synthetic.RULES_FILE)
        rules = Rules.model_validate(
            parse(rules_path.read_text(encoding="utf-8"), str(rules_path))[0]
        )
        gc.collect()
        if args.gc_off:
            gc.disable()
        t0 = time.perf_counter()
        prof.enable()
        if args.plain:
            for _ in PlainReference(rules, scenario).run():
                pass
        else:
            simulate(rules, scenario)
        prof.disable()
    print(f"{what} on {path.name}: {time.perf_counter() - t0:.2f} s under the profiler")
    if args.out:
        prof.dump_stats(args.out)
    pstats.Stats(prof).strip_dirs().sort_stats(args.sort).print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
