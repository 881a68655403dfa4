"""Hostile input: how fast, and in how much memory, the command line refuses
(or answers) inputs built to hurt it.

Each case runs one command (``validate``, ``at`` or ``report``) in a fresh process, five
times (once with ``--small``); the script prints the median wall time, the
largest peak memory (maximum resident set size of the process), the exit
code and the first line the command said. Targets: the expected exit code
(1: refused at its place; 0: answered), in under 2 s, under 200 MB, and
never exit 3. The command is ``python -m succession`` with this interpreter,
run from the repository root (so the checkout this file is in is the one
measured), with the timeline cache off.

    .venv/bin/python benchmarks/hostile_input.py [--runs 5] [--small]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

RUNS = 5
ROOT = Path(__file__).resolve().parent.parent
#: run from the repository root, so that the checkout this file is in is the one measured
COMMAND = [sys.executable, "-m", "succession"]
TARGET_SECONDS = 2.0
TARGET_MB = 200.0
#: a case that has not ended by then is killed and counts as a hang
HANG_SECONDS = 60.0


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


def chain_rules(n: int, *, obligation: str = "", min_age: str = "") -> str:
    """A rule file of offices o0..o(n-1), each line drawing on the next."""
    out = [
        "schema_version: 1",
        "jurisdiction: test",
        "title: Hostile rules",
        "version: '1'",
        "valid_from: '1900-01-01'",
        "sources: [{id: const, title: A constitution}]",
        "offices:",
    ]
    for i in range(n):
        out += [f"  o{i}:", f"    name: Office {i}", "    citation: Art. 1"]
        out += [
            "    causes:",
            "      permanent: [death, resignation]",
            "      temporary: [incapacity]",
            "      citation: Art. 5",
        ]
        if i == 0 and min_age:
            out += ["    eligibility:", f"    - min_age: {min_age}", "      citation: Art. 4"]
        if i + 1 < n:
            out += ["    lines:", "      permanent:", "        steps:"]
            out += [
                f"        - office: o{i + 1}",
                "          mode: acts",
                "          citation: Art. 2",
            ]
            if i == 0 and obligation:
                out += [
                    "          obligations:",
                    "          - kind: election",
                    "            description: an election",
                    f"            within_days: {obligation}",
                    "            citation: Art. 3",
                ]
    return "\n".join(out) + "\n"


def chain_scenario(n: int, *, document: str = "") -> str:
    """A scenario on :func:`chain_rules`: the holder of o0 dies."""
    out = ["schema_version: 1", "title: Hostile scenario", "rules: rules.yaml", "start: 2000-01-01"]
    if document:
        out += ["documents:", "- id: doc", "  title: A document", f"  file: {document}"]
    out += ["people:"] + [f"- {{id: p{i}, name: P{i}, born: 1950-01-01}}" for i in range(n)]
    out += ["holders:"] + [f"  o{i}: p{i}" for i in range(n)]
    source = "{document: doc, quote: a quote}" if document else "{record: generated}"
    out += ["events:", f"- {{id: e0, date: 2000-02-01, type: death, person: p0, source: {source}}}"]
    return "\n".join(out) + "\n"


Setup = Callable[[Path], list[str]]


def case_yaml(text: str) -> Setup:
    def setup(tmp: Path) -> list[str]:
        (tmp / "case.yaml").write_text(text, encoding="utf-8")
        return ["validate", str(tmp / "case.yaml")]

    return setup


def case_chain(
    n: int,
    command: str = "validate",
    *,
    obligation: str = "",
    min_age: str = "",
    document: str = "",
    link: str = "",
    allow_outside: bool = False,
) -> Setup:
    def setup(tmp: Path) -> list[str]:
        (tmp / "rules.yaml").write_text(
            chain_rules(n, obligation=obligation, min_age=min_age), encoding="utf-8"
        )
        (tmp / "scenario.yaml").write_text(chain_scenario(n, document=document), encoding="utf-8")
        if link:
            os.symlink(link, tmp / document)
        first = ["--allow-outside"] if allow_outside else []
        if command == "at":
            return [*first, "at", str(tmp / "scenario.yaml"), "2000-03-01"]
        return [*first, "validate", str(tmp / "scenario.yaml")]

    return setup


def case_fifo(tmp: Path) -> list[str]:
    os.mkfifo(tmp / "scenario.yaml")  # nobody ever writes to it
    return ["at", str(tmp / "scenario.yaml"), "2000-03-01"]


def case_long_scenario(events: int, command: str = "at") -> Setup:
    """A synthetic scenario of ``events`` events (benchmarks/synthetic.py)."""

    def setup(tmp: Path) -> list[str]:
        # made in a process of its own: a peak memory survives into the
        # processes this one starts, and would be counted as theirs
        subprocess.run(
            [
                *(sys.executable, str(ROOT / "benchmarks" / "synthetic.py"), str(tmp)),
                *("--events", str(events), "--no-check"),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        if command == "report":
            return ["report", str(tmp / "scenario.yaml"), "-o", str(tmp / "report.html")]
        if command == "run":
            return ["run", str(tmp / "scenario.yaml")]
        if command == "compare":  # the scenario's rules beside themselves: two full runs
            return ["compare", str(tmp / "scenario.yaml"), "--rules", str(tmp / "rules.yaml")]
        return [command, str(tmp / "scenario.yaml"), "2001-01-01"]

    return setup


def case_many_people(n: int) -> Setup:
    """A scenario of :func:`chain_scenario` on 3 offices, with ``n`` people."""

    def setup(tmp: Path) -> list[str]:
        (tmp / "rules.yaml").write_text(chain_rules(3), encoding="utf-8")
        text = chain_scenario(3).replace(
            "people:\n",
            "people:\n" + "".join(f"- {{id: q{i}, name: Q{i}}}\n" for i in range(n - 3)),
        )
        (tmp / "scenario.yaml").write_text(text, encoding="utf-8")
        return ["validate", str(tmp / "scenario.yaml")]

    return setup


def case_cascade(n: int, deaths: int) -> Setup:
    """A line of ``n`` offices in which each successor *becomes* the holder
    above, so that every death at the top moves every office up one place,
    and an appointment refills the bottom after each: the most a file under
    the limits can make the engine do per event."""

    def setup(tmp: Path) -> list[str]:
        (tmp / "rules.yaml").write_text(
            chain_rules(n).replace("mode: acts", "mode: becomes"), encoding="utf-8"
        )
        out = ["schema_version: 1", "title: Cascade", "rules: rules.yaml", "start: 2000-01-01"]
        out += ["people:"] + [f"- {{id: p{i}, name: P{i}}}" for i in range(n + deaths)]
        out += ["holders:"] + [f"  o{i}: p{i}" for i in range(n)]
        out += ["events:"]
        for k in range(deaths):
            day = f"{2000 + k // 300}-{1 + k % 300 // 25:02d}-{1 + k % 25:02d}"
            out.append(
                f"- {{id: d{k}, date: {day}, time: '10:00', type: death, person: p{k}, "
                "source: {record: generated}}"
            )
            out.append(
                f"- {{id: a{k}, date: {day}, time: '12:00', type: appointed, person: p{n + k}, "
                f"office: o{n - 1}, source: {{record: generated}}}}"
            )
        (tmp / "scenario.yaml").write_text("\n".join(out) + "\n", encoding="utf-8")
        return ["at", str(tmp / "scenario.yaml"), "2030-01-01"]

    return setup


#: (name, how to make it, the exit code wanted, what the first line must say)
CASES: list[tuple[str, Setup, int, str]] = [
    ("billion laughs (9 levels of aliases)", case_yaml(billion_laughs()), 1, "aliases"),
    ("100-level nesting", case_yaml(nested(100)), 1, "nesting deeper"),
    ("6 MB file (over the size cap)", case_yaml(oversized()), 1, "over the limit"),
    ("a line 400 offices deep: at", case_chain(400, "at"), 0, ""),
    ("401 offices (over MAX_OFFICES)", case_chain(401), 1, "MAX_OFFICES"),
    ("within_days: 3,000,000", case_chain(3, obligation="3000000"), 1, "MAX_DELAY_DAYS"),
    ("min_age: 10^30", case_chain(3, min_age="1" + "0" * 30), 1, "MAX_AGE"),
    ("a number of 5,000 digits", case_chain(3, obligation="9" * 5000), 1, "5,000 digits"),
    ("a FIFO as the scenario: at", case_fifo, 1, "not a regular file"),
    (
        "a document linked to /dev/zero (allowed out)",
        case_chain(3, document="doc.txt", link="/dev/zero", allow_outside=True),
        1,
        "not a regular file",
    ),
    ("a document at /etc/passwd", case_chain(3, document="/etc/passwd"), 1, "outside"),
    ("30,000 events (4.5 MB): at", case_long_scenario(30_000), 1, "SUCCESSION_MAX_NODES"),
    ("4,000 events (at MAX_EVENTS): at", case_long_scenario(4_000), 0, ""),
    ("4,000 events (at MAX_EVENTS): report", case_long_scenario(4_000, "report"), 0, ""),
    ("4,000 events (at MAX_EVENTS): run", case_long_scenario(4_000, "run"), 0, ""),
    ("4,000 events (at MAX_EVENTS): compare", case_long_scenario(4_000, "compare"), 0, ""),
    ("4,001 events (over MAX_EVENTS)", case_long_scenario(4_001, "validate"), 1, "MAX_EVENTS"),
    ("4,001 people (over MAX_PEOPLE)", case_many_people(4_001), 1, "MAX_PEOPLE"),
    ("400-office cascade, 2,000 events: at", case_cascade(400, 1_000), 1, "MAX_RECORDED"),
    ("20-office cascade, 400 events: at", case_cascade(20, 200), 0, ""),
]


def measure(args: list[str], runs: int) -> tuple[float, float, int, str]:
    """Median seconds, peak MB, exit code, first line of stderr (exit -9: it
    hung, and was killed after HANG_SECONDS)."""
    times: list[float] = []
    peak = 0
    code = 0
    first = ""
    # the default limits, whatever generating a case raised in this process
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUCCESSION_MAX")}
    env["SUCCESSION_CACHE"] = "off"
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen(
            [*COMMAND, *args],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        timer = threading.Timer(HANG_SECONDS, proc.kill)
        timer.start()
        assert proc.stderr is not None
        err = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
        timer.cancel()
        times.append(time.perf_counter() - start)
        peak = max(peak, usage.ru_maxrss)  # kilobytes on Linux
        code = os.waitstatus_to_exitcode(status)
        proc.returncode = code
        first = err.splitlines()[0] if err else ""
        if code == -9:
            return HANG_SECONDS, peak / 1024, code, "killed: it hung"
    return statistics.median(times), peak / 1024, code, first


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=RUNS, help=f"runs per case (default {RUNS})")
    ap.add_argument("--small", action="store_true", help="one run per case")
    args = ap.parse_args(argv)
    runs = 1 if args.small else max(1, args.runs)
    print(
        f"median of {runs} run(s), each in a fresh process ({os.cpu_count()} cores); targets: "
        f"the exit code given, < {TARGET_SECONDS:g} s, < {TARGET_MB:g} MB, never exit 3"
    )
    print(f"{'case':46} {'seconds':>8} {'peak MB':>8}  exit  message")
    failed = 0
    for name, setup, expected, said in CASES:
        with tempfile.TemporaryDirectory() as folder:
            command = setup(Path(folder))
            seconds, mb, code, first = measure(command, runs)
        met = seconds < TARGET_SECONDS and mb < TARGET_MB and code == expected and said in first
        failed += code in (3, -9)
        message = first.split(": ", 1)[-1] if first else ("answered" if code == 0 else "")
        print(
            f"{name:46} {seconds:8.3f} {mb:8.1f}  {code:4}  {message[:70]}  "
            f"[{'MET' if met else 'NOT MET'}]"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
