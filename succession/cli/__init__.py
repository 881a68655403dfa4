"""The ``succession`` command: parse arguments, call the library, render.

No succession logic lives here: each command loads, runs through
:mod:`succession.runs` (or a query of the timeline) and hands the result to a
view in :mod:`succession.render`.

Exit codes: 0 success; 1 invalid input or failed expectations; 2 usage
errors (bad options, unknown office or instant); 3 an internal error;
130 interrupted.
"""

from __future__ import annotations

import os
import sys

from . import analyze, files, readings, scenario  # noqa: F401 - they register their commands
from .app import app


def debugging(argv: list[str]) -> bool:
    """Whether internal errors should show their traceback: ``--debug``
    before the command, or ``SUCCESSION_DEBUG`` set."""
    for arg in argv:
        if arg == "--debug":
            return True
        if not arg.startswith("-"):
            break
    return bool(os.environ.get("SUCCESSION_DEBUG"))


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
        if debugging(sys.argv[1:]):
            raise
        exc_type = sys.exc_info()[0]
        sys.stderr.write(
            f"succession: internal error ({exc_type.__name__ if exc_type else 'unknown'}). "
            "This is a bug: please report it with the command and files you used; "
            "run again with --debug to see the traceback.\n"
        )
        sys.exit(3)


__all__ = ["app", "main"]
