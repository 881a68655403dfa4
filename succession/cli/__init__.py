"""The ``succession`` command: parse arguments, call the library, render.

No succession logic lives here: each command loads, runs through
:mod:`succession.runs` (or a query of the timeline) and hands the result to a
view in :mod:`succession.render`.

A query asked again word for word is answered from the cache
(:func:`succession.cache.answer`) before the command line's parser is even
imported; anything else goes to the parser (:mod:`succession.cli.parser`).

Exit codes: 0 success; 1 invalid input or failed expectations; 2 usage
errors (bad options, unknown office or instant); 3 an internal error;
130 interrupted.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from typer import Typer

    from .parser import app


def debugging(argv: list[str]) -> bool:
    """Whether internal errors should show their traceback: ``--debug``
    before the command, or ``SUCCESSION_DEBUG`` set."""
    for arg in argv:
        if arg == "--debug":
            return True
        if not arg.startswith("-"):
            break
    return bool(os.environ.get("SUCCESSION_DEBUG"))


def answered(argv: list[str]) -> bool:
    """Print the kept answer to ``argv`` if there is one still good (see
    :func:`succession.cache.answer`); whether it was printed."""
    from ..cache import answer

    text = answer(argv)
    if text is None:
        return False
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)  # what the first run could print, this one can too
    except (UnicodeError, LookupError):
        return False
    sys.stdout.write(text)
    sys.stdout.flush()
    return True


def main() -> None:
    """Entry point: answer from the cache or run the app; turn internal
    errors into exit code 3."""
    argv = sys.argv[1:]
    try:
        os.getcwd()
    except OSError:  # every relative path, and the display of every path, needs it
        sys.stderr.write(
            "succession: the current folder no longer exists (it was removed or renamed); "
            "change to another folder and run the command again\n"
        )
        sys.exit(2)
    try:
        if answered(argv):
            sys.exit(0)
        command_line()(standalone_mode=True, obj=argv)  # the words, for the answer to be kept
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        sys.exit(130)
    except Exception:
        if debugging(argv):
            raise
        exc_type = sys.exc_info()[0]
        sys.stderr.write(
            f"succession: internal error ({exc_type.__name__ if exc_type else 'unknown'}). "
            "This is a bug: please report it with the command and files you used; "
            "run again with --debug to see the traceback.\n"
        )
        sys.exit(3)


def command_line() -> Typer:
    """The command line's parser, with every command registered on it."""
    from . import analyze, files, readings, scenario  # noqa: F401 - they register their commands
    from .parser import app

    return app


def __getattr__(name: str) -> Any:
    """``app``, the command line's parser, imported when first asked for."""
    if name == "app":
        return command_line()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["app", "main"]
