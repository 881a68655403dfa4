"""``succession analyze``: continuity analysis of a line (exhaustive and
Monte Carlo), with a progress bar on a terminal."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, Optional, TypeVar

import typer

from .output import Output, fail, instant
from .parser import AtOpt, JsonOpt, OfficeArg, OutOpt, QuietOpt, ScenarioArg, analyze_app

if TYPE_CHECKING:
    from rich.progress import Progress

T = TypeVar("T")
Update = Callable[[int, int], None]


def progress(quiet: bool, label: str) -> tuple[Progress | None, Update | None]:
    """A progress bar on stderr and its callback (only on a terminal, and not with --quiet)."""
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


def with_bar(bar: Progress | None, work: Callable[[], T]) -> T:
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
    out = Output(output, scenario, as_json=as_json)
    from ..analysis import exhaustive
    from ..errors import SuccessionError
    from ..render import analysis as view

    timeline = out.timeline(scenario, None)
    moment = instant(at, as_json) if at is not None else None
    bar, update = progress(quiet, "subsets")
    try:
        result = with_bar(
            bar,
            lambda: exhaustive(
                timeline, office, moment, among or None, progress=update, engine=engine
            ),
        )
    except SuccessionError as exc:
        fail(exc, as_json)
    if as_json:
        out.emit_json(view.exhaustive_json(timeline, result))
    else:
        out.emit(view.exhaustive_text(timeline, result))
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
    out = Output(output, scenario, as_json=as_json)
    from ..analysis import monte_carlo
    from ..errors import QueryError, SuccessionError
    from ..render import analysis as view

    rates: dict[str, float] = {}
    for item in rate or []:
        name, _, value = item.partition("=")
        try:
            rates[name] = float(value)
        except ValueError:
            fail(
                QueryError(
                    f"--rate {item!r}: not OFFICE=RATE", hint="e.g. --rate vice_president=0.02"
                ),
                as_json,
            )
    timeline = out.timeline(scenario, None)
    moment = instant(at, as_json) if at is not None else None
    bar, update = progress(quiet, "trials")
    options: dict[str, Any] = dict(
        years=years,
        trials=trials,
        seed=seed,
        at=moment,
        office_rates=rates,
        default_rate=default_rate,
        refill_days=refill_days,
        progress=update,
    )
    try:
        result = with_bar(bar, lambda: monte_carlo(timeline, office, **options))
    except SuccessionError as exc:
        fail(exc, as_json)
    if as_json:
        out.emit_json(view.monte_carlo_json(timeline, result))
    else:
        out.emit(view.monte_carlo_text(timeline, result))
    raise typer.Exit(130 if result.partial else 0)
