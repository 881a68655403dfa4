"""Commands that run a scenario more than once: compare (readings of the
law) and what-if (events dropped or added, other rules)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .output import Output, fail, usage
from .parser import BriefOpt, JsonOpt, OutOpt, RulesOpt, ScenarioArg, app


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
    brief: BriefOpt = False,
    as_json: JsonOpt = False,
    output: OutOpt = None,
) -> None:
    """Run the scenario under several readings of the law and show, per office,
    where they disagree: who each puts there, from when to when, and why."""
    out = Output(output, scenario, *(rules or []), as_json=as_json)
    from ..errors import SuccessionError
    from ..render import comparison
    from ..runs import RulesRef
    from ..runs import compare as compare_readings

    loaded = out.scenario(scenario)
    refs: list[RulesRef] = list(rules or [])
    try:
        d = compare_readings(loaded, refs, list(office or []) or None)
    except SuccessionError as exc:
        fail(exc, as_json)
    if as_json:
        out.emit_json(comparison.compare_json(loaded, d))
    else:
        out.emit(comparison.compare_text(loaded, d, why=not brief))


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
    brief: BriefOpt = False,
    as_json: JsonOpt = False,
    output: OutOpt = None,
) -> None:
    """The scenario with events dropped or added, or under other rules, against
    the scenario as recorded: per office, who changes, from when to when. No
    file is edited."""
    out = Output(output, scenario, rules, *(overlay or []), *(add or []), as_json=as_json)
    from ..errors import SuccessionError
    from ..render import comparison
    from ..runs import what_if as run_what_if

    if not (drop or add or rules or overlay):
        usage("nothing to change: give --drop, --add, --rules or --overlay")
    loaded = out.scenario(scenario)
    try:
        w = run_what_if(
            loaded,
            drop=list(drop or []),
            add=list(add or []),
            rules=rules,
            overlays=list(overlay or []),
        )
    except SuccessionError as exc:
        fail(exc, as_json)
    if as_json:
        out.emit_json(comparison.what_if_json(loaded, w))
    else:
        out.emit(comparison.what_if_text(loaded, w, why=not brief))
