"""What every command shares: where its output goes (stdout, or a file
written atomically and never over one of the command's inputs), how a
user's error ends it (exit 1, or 2 for a bad query, with the error as JSON
on stdout under --json), and loading a scenario's timeline through the cache.

Heavy modules are imported inside the functions so that start-up stays close
to the cost of importing typer.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

import typer

if TYPE_CHECKING:
    import datetime as dt

    from ..engine.timeline import Timeline
    from ..errors import SuccessionError
    from ..load import LoadedScenario


def fail(exc: SuccessionError, as_json: bool) -> NoReturn:
    """End the command with a user's error: exit 2 for a query, else 1."""
    from ..errors import QueryError

    if as_json:
        sys.stdout.write(json.dumps(exc.to_json(), ensure_ascii=False, indent=2) + "\n")
    warn(exc.format())
    raise typer.Exit(2 if isinstance(exc, QueryError) else 1)


def usage(message: str) -> NoReturn:
    """End the command with a usage error (exit 2)."""
    warn(message)
    raise typer.Exit(2)


def warn(line: str) -> None:
    """A diagnostic on stderr, as the terminal may show it (see render.text.printable)."""
    from ..render.text import printable

    sys.stderr.write(printable(line) + "\n")


def say(text: str, stream: TextIO | None = None) -> None:
    """Text on stdout (or ``stream``), as the terminal may show it."""
    from ..render.text import printable

    (stream or sys.stdout).write(printable(text))


def instant(text: str, as_json: bool) -> dt.datetime:
    """An instant the user wrote, or exit 2 with how to write one."""
    from ..engine.state import as_instant
    from ..errors import SuccessionError

    try:
        return as_instant(text)
    except SuccessionError as exc:
        fail(exc, as_json)


def yaml_files(paths: list[Path]) -> list[Path]:
    """The files named, with the ``.yaml``/``.yml`` files under each folder named."""
    found: list[Path] = []
    for p in paths:
        if p.is_dir():
            found.extend(
                sorted(q for q in p.rglob("*") if q.suffix in (".yaml", ".yml") and q.is_file())
            )
        else:
            found.append(p)
    return found


class Output:
    """One command's output: stdout, or with ``-o`` a file written
    atomically that is never one of the files the command read."""

    def __init__(
        self, path: Path | None, *given: Any, as_json: bool = False, argv: Any = None
    ) -> None:
        self.path = path
        self.as_json = as_json
        self.inputs = {os.fspath(g) for g in given if g is not None and Path(os.fspath(g)).exists()}
        #: the command line's words, when the answer may be kept for them
        #: (a query on one timeline, printed on stdout: see cache.answer)
        self.argv: list[str] | None = argv if isinstance(argv, list) else None
        #: the record of the files the command's timeline was made from
        self.manifest: dict[str, Any] | None = None

    def reads(self, loaded: Any) -> None:
        """Record the files a load read, so that the output never replaces them."""
        from ..outputs import input_files

        self.inputs |= input_files(loaded)

    def emit(self, text: str) -> None:
        """Text output: control characters and bidirectional overrides escaped."""
        from ..render.text import printable

        self.write(printable(text))

    def write(self, text: str) -> None:
        if self.path is None:
            sys.stdout.write(text)
            if self.argv is not None and self.manifest is not None:
                from .. import cache

                cache.store_answer(self.argv, self.manifest, text)
            return
        from ..errors import SuccessionError
        from ..outputs import write_atomic

        try:
            write_atomic(self.path, text, self.inputs)
        except SuccessionError as exc:
            fail(exc, False)
        except OSError as exc:
            warn(f"cannot write {self.path}: {exc.strerror or exc}")
            raise typer.Exit(1) from None

    def emit_json(self, data: Any) -> None:
        """JSON output: the data as it is (JSON escapes control characters itself)."""
        self.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")

    def scenario(self, path: Path) -> LoadedScenario:
        """Load a scenario, or end the command with its error."""
        from ..errors import SuccessionError
        from ..load import load_scenario

        try:
            loaded = load_scenario(path)
        except SuccessionError as exc:
            fail(exc, self.as_json)
        self.reads(loaded)
        return loaded

    def timeline(self, path: Path, rules: Path | None) -> Timeline:
        """A scenario's timeline: from the cache when no file it was made
        from has changed, else loaded and simulated (and stored)."""
        from .. import cache

        hit = cache.load(path, rules)
        if hit is not None:
            timeline, self.manifest = hit
            self.inputs |= set(cache.files_read(self.manifest))
            return timeline
        from ..errors import SuccessionError
        from ..load import load_scenario
        from ..runs import simulate

        try:
            loaded = load_scenario(path, rules=rules)
            self.reads(loaded)
            timeline = simulate(loaded)
        except SuccessionError as exc:
            fail(exc, self.as_json)
        self.manifest = cache.store(path, rules, timeline, loaded)
        return timeline
