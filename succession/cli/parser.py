"""The Typer application the command modules register on, and its options."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Optional

import typer

app = typer.Typer(
    name="succession",
    help="Who holds and who exercises every office, at every instant, and why.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

analyze_app = typer.Typer(
    help="Continuity analysis: many offices vacant at once (exhaustive), or risk over years (Monte Carlo).",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(analyze_app, name="analyze")


@app.callback()
def top(
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks of internal errors.")
    ] = False,
    rules_path: Annotated[
        Optional[list[Path]],  # noqa: UP045 - typer needs Optional here on 3.11
        typer.Option(
            "--rules-path",
            help="A folder holding jurisdiction folders (<id>/ or rules/<id>/), searched after "
            "the folders above the scenario and before SUCCESSION_PATH and the installed corpus "
            "(repeat for more).",
        ),
    ] = None,
    allow_outside: Annotated[
        bool,
        typer.Option(
            "--allow-outside",
            help="Let a scenario's documents, and rule files named in a file, be read from "
            "outside the naming file's folder and the folders of rule files "
            "(same as SUCCESSION_ALLOW_OUTSIDE=1).",
        ),
    ] = False,
) -> None:
    """Who holds and who exercises every office, at every instant, and why."""
    from ..errors import SuccessionError
    from ..limits import check_all
    from .output import fail

    try:  # a limit set to something that is not a number is said at once, whatever the command
        check_all()
    except SuccessionError as exc:
        fail(exc, False)
    if allow_outside:
        os.environ["SUCCESSION_ALLOW_OUTSIDE"] = "1"
    # --debug is read by the entry point (main), which outlives the command.
    del debug
    if rules_path:
        # the search path is read where files are found (succession.paths),
        # by the loader and the cache alike
        before = os.environ.get("SUCCESSION_PATH", "")
        os.environ["SUCCESSION_PATH"] = os.pathsep.join(
            [*(os.fspath(p) for p in rules_path), *([before] if before else [])]
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
OutOpt = Annotated[
    Optional[Path],  # noqa: UP045 - typer needs Optional here on 3.11
    typer.Option(
        "--output",
        "-o",
        help="Write the output to this file instead of stdout (atomically; never over a file the command reads).",
    ),
]
BriefOpt = Annotated[bool, typer.Option("--brief", help="Who, without the reasons.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")]
