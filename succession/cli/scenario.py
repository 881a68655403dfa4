"""Commands on one scenario's timeline: run, at, line, explain, report."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from .output import Output, fail, instant
from .parser import AtOpt, JsonOpt, OfficeArg, OutOpt, RulesOpt, ScenarioArg, app


@app.command()
def run(
    ctx: typer.Context,
    scenario: ScenarioArg,
    rules: RulesOpt = None,
    as_json: JsonOpt = False,
    output: OutOpt = None,
) -> None:
    """The timeline, event by event, with what changed."""
    out = Output(output, scenario, rules, as_json=as_json, argv=ctx.obj)
    from ..render import jsonview, text

    timeline = out.timeline(scenario, rules)
    if as_json:
        out.emit_json(jsonview.timeline(timeline))
    else:
        out.emit(text.timeline(timeline))


@app.command()
def at(
    ctx: typer.Context,
    scenario: ScenarioArg,
    when: Annotated[
        str,
        typer.Argument(
            metavar="INSTANT",
            help="A date (end of that day) or YYYY-MM-DDTHH:MM.",
            show_default=False,
        ),
    ],
    rules: RulesOpt = None,
    as_json: JsonOpt = False,
    output: OutOpt = None,
) -> None:
    """Who holds and who exercises each office at an instant."""
    out = Output(output, scenario, rules, as_json=as_json, argv=ctx.obj)
    from ..errors import SuccessionError
    from ..render import jsonview, text

    moment = instant(when, as_json)
    timeline = out.timeline(scenario, rules)
    try:
        state = timeline.state_at(moment)
    except SuccessionError as exc:
        fail(exc, as_json)
    if as_json:
        out.emit_json(jsonview.state(timeline, state, moment))
    else:
        out.emit(text.state(timeline, state, moment) + "\n")


@app.command()
def line(
    ctx: typer.Context,
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
    out = Output(output, scenario, rules, as_json=as_json, argv=ctx.obj)
    from ..engine.lines import line_report
    from ..errors import SuccessionError
    from ..render import jsonview, text

    moment = instant(at, as_json) if at is not None else None
    timeline = out.timeline(scenario, rules)
    try:
        report = line_report(
            timeline, office, moment or timeline.final.instant, "temporary" if temporary else None
        )
    except SuccessionError as exc:
        fail(exc, as_json)
    if as_json:
        out.emit_json(jsonview.line_report(timeline, report))
    else:
        out.emit(text.line(timeline, report))


@app.command()
def explain(
    ctx: typer.Context,
    scenario: ScenarioArg,
    office: OfficeArg,
    at: AtOpt = None,
    rules: RulesOpt = None,
    as_json: JsonOpt = False,
    output: OutOpt = None,
) -> None:
    """Why someone holds or exercises an office: events, rule steps and sources."""
    out = Output(output, scenario, rules, as_json=as_json, argv=ctx.obj)
    from ..errors import SuccessionError
    from ..render import jsonview, text
    from ..why import explain as explain_office

    moment = instant(at, as_json) if at is not None else None
    timeline = out.timeline(scenario, rules)
    try:
        ex = explain_office(timeline, office, moment)
    except SuccessionError as exc:
        fail(exc, as_json)
    if as_json:
        out.emit_json(jsonview.explanation(ex))
    else:
        out.emit(text.explanation(timeline, ex))


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
    out = Output(output, scenario, *(rules or []))
    from ..errors import SuccessionError
    from ..render.report import page
    from ..runs import RulesRef, run_readings

    loaded = out.scenario(scenario)
    refs: list[RulesRef] = list(rules) if rules else [loaded.rules]
    try:
        runs = run_readings(loaded, refs)
    except SuccessionError as exc:
        fail(exc, False)
    for _, read, _ in runs:
        out.reads(read)
    out.emit(page([t for _, _, t in runs], [label for label, _, _ in runs]))
