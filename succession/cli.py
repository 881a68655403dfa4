"""The ``succession`` command: parse arguments, call the library, render.

No succession logic lives here. Heavy modules are imported inside the
commands so that start-up stays close to the cost of importing typer.

Exit codes: 0 success; 1 invalid input or failed expectations; 2 usage
errors (bad options, unknown office or instant); 3 an internal error.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, Optional

import typer

if TYPE_CHECKING:
    from .errors import SuccessionError

app = typer.Typer(
    name="succession",
    help="Who holds and who exercises every office, at every instant, and why.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

JsonOpt = Annotated[bool, typer.Option("--json", help="Machine-readable output on stdout.")]
RulesOpt = Annotated[
    Optional[Path],  # noqa: UP045 - typer needs Optional here on 3.11
    typer.Option(
        "--rules",
        help="Use this rule file or overlay, or a reading the scenario names, instead of its rule file.",
    ),
]
ScenarioArg = Annotated[Path, typer.Argument(help="A scenario file.", show_default=False)]
OfficeArg = Annotated[str, typer.Argument(help="The office id, e.g. president.")]
AtOpt = Annotated[
    Optional[str],  # noqa: UP045 - typer needs Optional here on 3.11
    typer.Option("--at", help="The instant (default: after the last event)."),
]

_state = {"debug": False}


@app.callback()
def _main(
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks of internal errors.")
    ] = False,
) -> None:
    """Who holds and who exercises every office, at every instant, and why."""
    _state["debug"] = debug
    _begin(None)  # every command starts writing to stdout; those with -o say otherwise


OutOpt = Annotated[
    Optional[Path],  # noqa: UP045 - typer needs Optional here on 3.11
    typer.Option(
        "--output",
        "-o",
        help="Write the output to this file instead of stdout (atomically; never over a file the command reads).",
    ),
]

_out: dict[str, Any] = {"path": None, "inputs": set()}


def _begin(output: Path | None, *given: Any) -> None:
    """Where this command writes, and the files it was given (never written over)."""
    _out["path"] = output
    _out["inputs"] = {os.fspath(g) for g in given if g is not None and Path(os.fspath(g)).exists()}


def _reads(loaded: Any) -> None:
    """Record the files a load read, so that -o never overwrites them."""
    from .outputs import input_files

    _out["inputs"] |= input_files(loaded)


def _emit(text: str) -> None:
    """The command's output, on stdout or, with -o, into the file (atomically)."""
    path = _out["path"]
    if path is None:
        sys.stdout.write(text)
        return
    from .errors import SuccessionError
    from .outputs import write_atomic

    try:
        write_atomic(path, text, _out["inputs"])
    except SuccessionError as exc:
        _fail(exc, False)
    except OSError as exc:
        sys.stderr.write(f"cannot write {path}: {exc.strerror or exc}\n")
        raise typer.Exit(1) from None


def _emit_json(data: Any) -> None:
    _emit(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _fail(exc: SuccessionError, as_json: bool, code: int = 1) -> NoReturn:
    from .errors import QueryError

    if isinstance(exc, QueryError):
        code = 2
    if as_json:
        sys.stdout.write(json.dumps(exc.to_json(), ensure_ascii=False, indent=2) + "\n")
    sys.stderr.write(exc.format() + "\n")
    raise typer.Exit(code)


def _timeline(path: Path, rules: Path | None, as_json: bool) -> Any:
    """Load and simulate a scenario (or take it from the cache when no file
    it was made from has changed), or exit with the error."""
    from . import cache

    hit = cache.load(path, rules)
    if hit is not None:
        timeline, files = hit
        _out["inputs"] |= set(files)
        return timeline
    from .api import simulate
    from .errors import SuccessionError
    from .load import load_scenario
    from .outputs import input_files

    try:
        loaded = load_scenario(path, rules=rules)
        _reads(loaded)
        timeline = simulate(loaded)
    except SuccessionError as exc:
        _fail(exc, as_json)
    cache.store(path, rules, timeline, input_files(loaded) | {os.fspath(path)})
    return timeline


def _instant(text: str, as_json: bool) -> Any:
    from .errors import QueryError
    from .instants import parse_instant

    try:
        return parse_instant(text)
    except ValueError as exc:
        _fail(QueryError(str(exc), hint="write 2019-11-12 or 2019-11-12T18:45"), as_json)


@app.command()
def run(
    scenario: ScenarioArg, rules: RulesOpt = None, as_json: JsonOpt = False, output: OutOpt = None
) -> None:
    """The timeline, event by event, with what changed."""
    _begin(output, scenario, rules)
    from .render import jsonview, text

    timeline = _timeline(scenario, rules, as_json)
    if as_json:
        _emit_json(jsonview.timeline(timeline))
    else:
        _emit(text.timeline(timeline))


@app.command()
def at(
    scenario: ScenarioArg,
    instant: Annotated[str, typer.Argument(help="A date (end of that day) or YYYY-MM-DDTHH:MM.")],
    rules: RulesOpt = None,
    as_json: JsonOpt = False,
    output: OutOpt = None,
) -> None:
    """Who holds and who exercises each office at an instant."""
    _begin(output, scenario, rules)
    from .errors import SuccessionError
    from .render import jsonview, text

    when = _instant(instant, as_json)
    timeline = _timeline(scenario, rules, as_json)
    try:
        state = timeline.state_at(when)
    except SuccessionError as exc:
        _fail(exc, as_json)
    if as_json:
        _emit_json(jsonview.state(timeline, state, when))
    else:
        _emit(text.state(timeline, state, when) + "\n")


@app.command()
def line(
    scenario: ScenarioArg,
    office: OfficeArg,
    at: AtOpt = None,
    temporary: Annotated[
        bool, typer.Option("--temporary", help="Show the temporary-incapacity line.")
    ] = False,
    rules: RulesOpt = None,
    as_json: JsonOpt = False,
    output: OutOpt = None,
) -> None:
    """Who comes next for an office, in order, and why each skipped person is skipped."""
    _begin(output, scenario, rules)
    from .engine.lines import line_report
    from .errors import SuccessionError
    from .render import jsonview, text

    when = _instant(at, as_json) if at is not None else None
    timeline = _timeline(scenario, rules, as_json)
    try:
        report = line_report(
            timeline, office, when or timeline.final.instant, "temporary" if temporary else None
        )
    except SuccessionError as exc:
        _fail(exc, as_json)
    if as_json:
        _emit_json(jsonview.line_report(timeline, report))
    else:
        _emit(text.line(timeline, report))


@app.command()
def explain(
    scenario: ScenarioArg,
    office: OfficeArg,
    at: AtOpt = None,
    rules: RulesOpt = None,
    as_json: JsonOpt = False,
    output: OutOpt = None,
) -> None:
    """Why someone holds or exercises an office: events, rule steps and sources."""
    _begin(output, scenario, rules)
    from .errors import SuccessionError
    from .render import jsonview, text
    from .why import explain as explain_office

    when = _instant(at, as_json) if at is not None else None
    timeline = _timeline(scenario, rules, as_json)
    try:
        ex = explain_office(timeline, office, when)
    except SuccessionError as exc:
        _fail(exc, as_json)
    if as_json:
        _emit_json(jsonview.explanation(ex))
    else:
        _emit(text.explanation(timeline, ex))


def _load(path: Path, as_json: bool) -> Any:
    """Load a scenario, or exit with the error."""
    from .errors import SuccessionError
    from .load import load_scenario

    try:
        loaded = load_scenario(path)
    except SuccessionError as exc:
        _fail(exc, as_json)
    _reads(loaded)
    return loaded


@app.command()
def compare(
    scenario: ScenarioArg,
    rules: Annotated[
        Optional[list[str]],  # noqa: UP045 - typer needs Optional here on 3.11
        typer.Option(
            "--rules",
            help="A reading: a rule file, an overlay, or a reading named by the scenario (`base` is "
            "its own rule file). Repeat for each. Default: the base and every reading the scenario names.",
        ),
    ] = None,
    office: Annotated[
        Optional[list[str]],  # noqa: UP045 - typer needs Optional here on 3.11
        typer.Option("--office", help="Only this office (repeat for more)."),
    ] = None,
    brief: Annotated[bool, typer.Option("--brief", help="Who, without the reasons.")] = False,
    as_json: JsonOpt = False,
    output: OutOpt = None,
) -> None:
    """Run the scenario under several readings of the law and show, per office,
    where they disagree: who each puts there, from when to when, and why."""
    _begin(output, scenario, *(rules or []))
    from .api import compare as compare_readings
    from .errors import SuccessionError
    from .render import text

    loaded = _load(scenario, as_json)
    try:
        d = compare_readings(loaded, list(rules or []), list(office or []) or None)
    except SuccessionError as exc:
        _fail(exc, as_json)
    if as_json:
        _emit_json({"scenario": loaded.file, "readings": _reading_info(d), **d.to_json()})
        return
    heading = [f"{loaded.file} under {len(d.labels)} readings:"]
    files = [_rules_file(loaded, label) for label in d.labels]
    for label, t, file in zip(d.labels, d.timelines, files, strict=True):
        shown = label if label == file else f"{label} ({file})"
        heading.append(f"  {shown}: {_reading_text(t.rules)}")
    _emit(text.diff(d, heading, why=not brief))


def _rules_file(loaded: Any, label: str) -> str:
    if label == "base":
        return str(loaded.rules.file)
    found = loaded.readings.get(label)
    return str(found.file) if found is not None else label


def _reading_text(rules: Any) -> str:
    if rules.reading:
        return f"reading \u201c{rules.reading}\u201d"
    return f"{rules.title} (the base text)"


def _reading_info(d: Any) -> list[dict[str, Any]]:
    return [
        {
            "run": label,
            "title": t.rules.title,
            "reading": t.rules.reading,
            "version": t.rules.version,
        }
        for label, t in zip(d.labels, d.timelines, strict=True)
    ]


@app.command("what-if")
def what_if(
    scenario: ScenarioArg,
    drop: Annotated[
        Optional[list[str]],  # noqa: UP045 - typer needs Optional here on 3.11
        typer.Option("--drop", help="Leave out the event with this id (repeat for more)."),
    ] = None,
    add: Annotated[
        Optional[list[str]],  # noqa: UP045 - typer needs Optional here on 3.11
        typer.Option(
            "--add",
            help='Add an event: "DATE[THH:MM] TYPE PERSON OFFICE [key=value ...]", e.g. '
            '"2019-11-12 resignation anez senate_president", or a YAML file of events.',
        ),
    ] = None,
    rules: RulesOpt = None,
    overlay: Annotated[
        Optional[list[Path]],  # noqa: UP045 - typer needs Optional here on 3.11
        typer.Option("--overlay", help="Apply this overlay on top of the rules (repeat for more)."),
    ] = None,
    brief: Annotated[bool, typer.Option("--brief", help="Who, without the reasons.")] = False,
    as_json: JsonOpt = False,
    output: OutOpt = None,
) -> None:
    """The scenario with events dropped or added, or under other rules, against
    the scenario as recorded: per office, who changes, from when to when. No
    file is edited."""
    _begin(output, scenario, rules, *(overlay or []), *(add or []))
    from .api import what_if as run_what_if
    from .errors import SuccessionError
    from .render import text

    if not (drop or add or rules or overlay):
        sys.stderr.write("nothing to change: give --drop, --add, --rules or --overlay\n")
        raise typer.Exit(2)
    loaded = _load(scenario, as_json)
    try:
        w = run_what_if(
            loaded,
            drop=list(drop or []),
            add=list(add or []),
            rules=rules,
            overlays=list(overlay or []),
        )
    except SuccessionError as exc:
        _fail(exc, as_json)
    if as_json:
        _emit_json(
            {
                "scenario": loaded.file,
                "dropped": list(w.dropped),
                "also_dropped": [{"event": e, "why": why} for e, why in w.also_dropped],
                "added": list(w.added),
                "rules": list(w.rules),
                "new_warnings": list(w.new_warnings),
                **w.diff.to_json(),
            }
        )
        return
    heading = [f"What if, in {loaded.file}:"]
    events = {e.id: e for e in w.recorded.scenario.events}
    for e in w.dropped:
        heading.append(f"  dropped {e} ({_event_text(w.recorded, events[e])})")
    for e, why in w.also_dropped:
        heading.append(f"  also dropped {e}: {why}")
    new_events = {e.id: e for e in w.changed.scenario.events}
    for e in w.added:
        heading.append(f"  added {e} ({_event_text(w.changed, new_events[e])})")
    for r in w.rules:
        heading.append(f"  rules: {r}")
    for warning in w.new_warnings:
        heading.append(f"  warning: {warning}")
    _emit(text.diff(w.diff, heading, why=not brief))


def _event_text(t: Any, ev: Any) -> str:
    from .instants import format_instant

    who = t.person_name(ev.person) if ev.person else ""
    office = t.office_name(ev.office) if ev.office else ""
    return ", ".join(
        x for x in (f"{format_instant(ev.instant)} {ev.type.replace('_', ' ')}", who, office) if x
    )


def _yaml_files(paths: list[Path]) -> list[Path]:
    found: list[Path] = []
    for p in paths:
        if p.is_dir():
            found.extend(
                sorted(q for q in p.rglob("*") if q.suffix in (".yaml", ".yml") and q.is_file())
            )
        else:
            found.append(p)
    return found


@app.command()
def check(
    files: Annotated[list[Path], typer.Argument(help="Scenario files or folders of them.")],
    as_json: JsonOpt = False,
) -> None:
    """Run the scenarios' expect blocks; exit 1 on any mismatch."""
    from .api import check_runs
    from .errors import SuccessionError
    from .expect import check_expectations, expectation_count
    from .load import load_scenario
    from .render import jsonview, text
    from .validate import classify

    results: list[dict[str, Any]] = []
    failed = False
    for path in _yaml_files(files):
        kind = "scenario" if len(files) == 1 and files[0].is_file() else classify(path)
        if kind != "scenario":
            continue
        try:
            loaded = load_scenario(path)
            runs = [
                (name, timeline, check_expectations(timeline, loaded.locate, name))
                for name, timeline in check_runs(loaded)
            ]
        except SuccessionError as exc:
            failed = True
            sys.stderr.write(exc.format() + "\n")
            results.append({"file": str(path), "error": exc.to_json()})
            continue
        for name, timeline, found in runs:
            total = expectation_count(timeline, name)
            failed = failed or bool(found)
            results.append(
                {
                    "file": loaded.file,
                    "reading": name,
                    "expectations": total,
                    "mismatches": [jsonview.mismatch(m) for m in found],
                }
            )
            if not as_json:
                label = loaded.file if name == "base" else f"{loaded.file} [reading {name}]"
                out = sys.stdout if not found else sys.stderr
                out.write(text.mismatches(timeline, label, found, total))
    if not results:
        sys.stderr.write("no scenario files found\n")
        failed = True
    if as_json:
        _emit_json({"ok": not failed, "files": results})
    raise typer.Exit(1 if failed else 0)


@app.command()
def validate(
    paths: Annotated[
        list[Path], typer.Argument(help="Rule and scenario files, or folders of them.")
    ],
    as_json: JsonOpt = False,
) -> None:
    """Validate rule and scenario files; every problem as file:line:col: message."""
    from .validate import validate_path

    results = [validate_path(p) for p in _yaml_files(paths)]
    if not results:
        sys.stderr.write("no .yaml files found\n")
        raise typer.Exit(1)
    bad = [r for r in results if r.problems]
    if as_json:
        _emit_json({"ok": not bad, "files": [r.to_json() for r in results]})
    else:
        for r in results:
            if r.problems:
                for p in r.problems:
                    sys.stderr.write(p.format() + "\n")
            else:
                sys.stdout.write(f"{r.file}: ok ({r.summary})\n")
    raise typer.Exit(1 if bad else 0)


@app.command()
def jurisdictions(
    root: Annotated[
        Path, typer.Argument(help="The folder of jurisdiction folders (default: rules).")
    ] = Path("rules"),
    as_json: JsonOpt = False,
    output: OutOpt = None,
) -> None:
    """The jurisdictions: their versions of the law with validity dates, the
    readings beside them and their historical scenarios."""
    _begin(output, root)
    from .errors import SuccessionError
    from .jurisdictions import discover

    try:
        found = discover(root)
    except SuccessionError as exc:
        _fail(exc, as_json)
    data: list[dict[str, Any]] = [
        {
            "jurisdiction": j.id,
            "folder": j.folder,
            "versions": [
                {
                    "version": v.rules.version,
                    "file": v.file,
                    "title": v.rules.title,
                    "valid_from": v.rules.valid_from.isoformat(),
                    "valid_until": v.rules.valid_until.isoformat() if v.rules.valid_until else None,
                }
                for v in j.versions
            ],
            "readings": [
                {
                    "file": r.file,
                    "reading": r.rules.reading,
                    "version": r.rules.version,
                    "base": r.base.file if r.base is not None else None,
                }
                for r in j.readings
            ],
            "scenarios": [{"file": f, "title": j.titles.get(f, f)} for f in j.scenarios],
            "problems": [p.to_json() for p in j.problems],
        }
        for j in found
    ]
    bad = any(j.problems for j in found)
    if as_json:
        _emit_json({"ok": not bad, "jurisdictions": data})
        raise typer.Exit(1 if bad else 0)
    out: list[str] = []
    for j, d in zip(found, data, strict=True):
        out.append(f"{j.id}  ({j.folder})")
        for v in d["versions"]:
            out.append(
                f"  version {v['version']}: {v['valid_from']} to {v['valid_until'] or 'now'}  "
                f"{v['file']}  {v['title']}"
            )
        for r in d["readings"]:
            out.append(f"  reading on {r['version']}: {r['reading']}  ({r['file']})")
        for sc in d["scenarios"]:
            out.append(f"  scenario: {sc['title']}  ({sc['file']})")
        out.append("")
    _emit("\n".join(out))
    for j in found:
        for p in j.problems:
            sys.stderr.write(p.format() + "\n")
    raise typer.Exit(1 if bad else 0)


@app.command()
def report(
    scenario: ScenarioArg,
    rules: Annotated[
        Optional[list[str]],  # noqa: UP045 - typer needs Optional here on 3.11
        typer.Option(
            "--rules",
            help="A reading to draw beside the others: a rule file, an overlay, or a "
            "reading named by the scenario (repeat; default: the scenario's own rules).",
        ),
    ] = None,
    output: OutOpt = None,
) -> None:
    """A self-contained HTML page with the timeline drawn to scale: who held,
    acted in, left vacant or claimed each office, every event with its source,
    the reasons and the obligations. Several --rules draw the readings side by side."""
    _begin(output, scenario, *(rules or []))
    from .api import run_readings
    from .errors import SuccessionError
    from .render.report import report as page

    loaded = _load(scenario, False)
    try:
        runs = run_readings(loaded, list(rules) if rules else [loaded.rules])
        for _, r, _ in runs:
            _reads(r)
    except SuccessionError as exc:
        _fail(exc, False)
    _emit(page([t for _, _, t in runs], [label for label, _, _ in runs]))


@app.command()
def graph(
    rules: Annotated[
        Path, typer.Argument(help="A rule file or overlay, or a jurisdiction's folder (with --at).")
    ],
    fmt: Annotated[
        str, typer.Option("--format", help="dot, mermaid or svg (svg needs Graphviz's dot).")
    ] = "dot",
    office: Annotated[
        Optional[str],  # noqa: UP045 - typer needs Optional here on 3.11
        typer.Option("--office", help="Only this office's lines and the offices they draw on."),
    ] = None,
    at: AtOpt = None,
    output: OutOpt = None,
) -> None:
    """The lines of succession as a graph: offices as nodes, steps in order as
    edges (becomes solid, acts dashed, ex officio bold, temporary dotted),
    each with its article."""
    _begin(output, rules)
    import shutil
    import subprocess

    from .errors import QueryError, SuccessionError, did_you_mean
    from .render import graph as draw

    if fmt not in ("dot", "mermaid", "svg"):
        _fail(
            QueryError(f"unknown format {fmt!r}", hint="write --format dot, mermaid or svg"), False
        )
    try:
        loaded = _rules_at(rules, at)
    except SuccessionError as exc:
        _fail(exc, False)
    model = loaded.rules
    if office is not None and office not in model.offices:
        _fail(
            QueryError(
                f"unknown office {office!r}",
                hint=did_you_mean(office, model.offices, what="offices"),
            ),
            False,
        )
    if fmt == "mermaid":
        _emit(draw.mermaid(model, office))
        return
    source = draw.dot(model, office)
    if fmt == "dot":
        _emit(source)
        return
    binary = shutil.which("dot")
    if binary is None:
        sys.stderr.write(
            "Graphviz's `dot` is not installed, so there is no SVG: install Graphviz (Debian: "
            "apt-get install graphviz), or use --format dot and render it elsewhere\n"
        )
        raise typer.Exit(1)
    done = subprocess.run(
        [binary, "-Tsvg"], input=source, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        sys.stderr.write(f"dot failed: {done.stderr.strip()}\n")
        raise typer.Exit(3)
    _emit(done.stdout)


def _rules_at(path: Path, at: str | None) -> Any:
    """A rule file, or the version of a jurisdiction's folder in force at ``at`` (the latest without it)."""
    from .jurisdictions import rules_in_force

    return rules_in_force(path, _instant(at, False).date() if at is not None else None)


analyze_app = typer.Typer(
    help="Continuity analysis: many offices vacant at once (exhaustive), or risk over years (Monte Carlo).",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(analyze_app, name="analyze")

QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")]


def _progress(quiet: bool, label: str) -> Any:
    """A progress callback drawing a bar on stderr (only on a terminal, and not with --quiet)."""
    if quiet or not sys.stderr.isatty():
        return None, None
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    bar = Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    task = bar.add_task(label, total=None)

    def update(done: int, total: int) -> None:
        bar.update(task, completed=done, total=total)

    return bar, update


def _with_bar(bar: Any, work: Any) -> Any:
    """Run ``work`` with the progress bar shown, if there is one."""
    if bar is None:
        return work()
    with bar:
        return work()


@analyze_app.command("exhaustive")
def analyze_exhaustive(
    scenario: ScenarioArg,
    office: OfficeArg,
    at: AtOpt = None,
    among: Annotated[
        Optional[list[str]],  # noqa: UP045 - typer needs Optional here on 3.11
        typer.Option(
            "--among", help="An office of the analysis (repeat; default: the office and its line)."
        ),
    ] = None,
    engine: Annotated[
        bool, typer.Option("--engine", help="Run the general engine for every subset.")
    ] = False,
    quiet: QuietOpt = False,
    as_json: JsonOpt = False,
    output: OutOpt = None,
) -> None:
    """Every combination of the offices vacant at once: the exact number of
    combinations in which each person exercises and holds the office."""
    _begin(output, scenario)
    from .analysis import exhaustive
    from .errors import SuccessionError
    from .render import analysis as view

    timeline = _timeline(scenario, None, as_json)
    when = _instant(at, as_json) if at is not None else None
    bar, update = _progress(quiet, "subsets")
    try:
        result = _with_bar(
            bar,
            lambda: exhaustive(
                timeline, office, when, among or None, progress=update, engine=engine
            ),
        )
    except SuccessionError as exc:
        _fail(exc, as_json)
    if as_json:
        _emit_json(view.exhaustive_json(timeline, result))
    else:
        _emit(view.exhaustive_text(timeline, result))
    raise typer.Exit(130 if result.partial else 0)


@analyze_app.command("monte-carlo")
def analyze_monte_carlo(
    scenario: ScenarioArg,
    office: OfficeArg,
    years: Annotated[float, typer.Option("--years", help="The horizon, in years.", min=0.0)],
    trials: Annotated[int, typer.Option("--trials", help="How many futures to simulate.", min=1)],
    seed: Annotated[
        int, typer.Option("--seed", help="Random seed: the same seed gives the same figures.")
    ] = 0,
    at: AtOpt = None,
    rate: Annotated[
        Optional[list[str]],  # noqa: UP045 - typer needs Optional here on 3.11
        typer.Option(
            "--rate",
            help="OFFICE=RATE: annual probability the office is vacated by resignation "
            "or removal (repeat).",
        ),
    ] = None,
    default_rate: Annotated[
        float, typer.Option("--default-rate", help="The rate of the other offices.", min=0.0)
    ] = 0.0,
    refill_days: Annotated[
        float,
        typer.Option(
            "--refill-days",
            help="Days until a vacated office of the line is filled again.",
            min=0.0,
        ),
    ] = 60.0,
    quiet: QuietOpt = False,
    as_json: JsonOpt = False,
    output: OutOpt = None,
) -> None:
    """Simulate futures over a horizon: the probability, with 95 % intervals,
    that each person and each office of the line ends up exercising the office."""
    _begin(output, scenario)
    from .analysis import monte_carlo
    from .errors import QueryError, SuccessionError
    from .render import analysis as view

    rates: dict[str, float] = {}
    for item in rate or []:
        name, _, value = item.partition("=")
        try:
            rates[name] = float(value)
        except ValueError:
            _fail(
                QueryError(
                    f"--rate {item!r}: not OFFICE=RATE", hint="e.g. --rate vice_president=0.02"
                ),
                as_json,
            )
    timeline = _timeline(scenario, None, as_json)
    when = _instant(at, as_json) if at is not None else None
    bar, update = _progress(quiet, "trials")
    try:
        kwargs: dict[str, Any] = dict(
            years=years,
            trials=trials,
            seed=seed,
            at=when,
            office_rates=rates,
            default_rate=default_rate,
            refill_days=refill_days,
            progress=update,
        )
        result = _with_bar(bar, lambda: monte_carlo(timeline, office, **kwargs))
    except SuccessionError as exc:
        _fail(exc, as_json)
    if as_json:
        _emit_json(view.monte_carlo_json(timeline, result))
    else:
        _emit(view.monte_carlo_text(timeline, result))
    raise typer.Exit(130 if result.partial else 0)


@app.command()
def schema(
    kind: Annotated[str, typer.Argument(help="rules, overlay or scenario")],
    as_json: JsonOpt = False,
    output: OutOpt = None,
) -> None:
    """Print the JSON Schema of rule files or scenario files (JSON either way)."""
    _begin(output)
    from .schemas import SCHEMA_KINDS, schema_text

    if kind not in SCHEMA_KINDS:
        sys.stderr.write(f"unknown schema {kind!r}; choose one of: {', '.join(SCHEMA_KINDS)}\n")
        raise typer.Exit(2)
    _emit(schema_text(kind))


def main() -> None:
    """Entry point: run the app; turn internal errors into exit code 3."""
    try:
        app(standalone_mode=True)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(130)
    except Exception:
        if _state["debug"] or os.environ.get("SUCCESSION_DEBUG"):
            raise
        exc_type = sys.exc_info()[0]
        sys.stderr.write(
            f"succession: internal error ({exc_type.__name__ if exc_type else 'unknown'}). "
            "This is a bug: please report it with the command and files you used; "
            "run again with --debug to see the traceback.\n"
        )
        sys.exit(3)


if __name__ == "__main__":  # pragma: no cover
    main()
