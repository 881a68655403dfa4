"""One base error for everything the project reports to its users.

Every error carries one or more :class:`Problem` objects, each with a
message, the place in a file it is about (``file:line:col``) where there is
one, and a hint saying what to write instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

#: Where a value sits in a parsed file: mapping keys and list indices from
#: the top, e.g. ``("events", 3, "office")``.
DataPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a file: 1-based line and column."""

    file: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        if self.line is None:
            return self.file
        if self.column is None:
            return f"{self.file}:{self.line}"
        return f"{self.file}:{self.line}:{self.column}"


#: Turns a data path of a file into its ``file:line:col``.
Locate = Callable[[DataPath], Location]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the input, where it is, and what to do instead."""

    message: str
    location: Location | None = None
    hint: str | None = None

    def format(self) -> str:
        """``file:line:col: message`` followed by the hint, if any."""
        head = f"{self.location}: {self.message}" if self.location else self.message
        return f"{head}\n  hint: {self.hint}" if self.hint else head

    def to_json(self) -> dict[str, Any]:
        """The problem as plain data."""
        loc = self.location
        return {
            "message": self.message,
            "file": loc.file if loc else None,
            "line": loc.line if loc else None,
            "column": loc.column if loc else None,
            "hint": self.hint,
        }


class SuccessionError(Exception):
    """Base of every error raised on purpose by ``succession``.

    Catch this one type to handle any bad input; anything else is a bug.
    """

    def __init__(
        self,
        message: str | Sequence[Problem],
        location: Location | None = None,
        hint: str | None = None,
    ) -> None:
        if isinstance(message, str):
            problems: tuple[Problem, ...] = (Problem(message, location, hint),)
        else:
            problems = tuple(message)
            if not problems:
                raise ValueError("an error needs at least one problem")
        self.problems = problems
        super().__init__(self.format())

    @property
    def location(self) -> Location | None:
        """Where the first problem is."""
        return self.problems[0].location

    def format(self) -> str:
        """Every problem, one per paragraph."""
        return "\n".join(p.format() for p in self.problems)

    def to_json(self) -> dict[str, Any]:
        """The error as plain data."""
        return {"error": type(self).__name__, "problems": [p.to_json() for p in self.problems]}


class InputError(SuccessionError):
    """A rule, scenario or document file is malformed or inconsistent."""


class ScenarioError(SuccessionError):
    """A scenario states a fact that cannot be true under any reading."""


class QueryError(SuccessionError):
    """A question asked of a timeline cannot be answered as asked."""


class ArgumentError(QueryError, TypeError):
    """A library function was given an argument of the wrong kind (also a
    ``TypeError``, as Python's own functions would raise)."""


def expect_type(value: object, kind: type | tuple[type, ...], what: str, example: str) -> None:
    """Raise :class:`ArgumentError` unless ``value`` is of ``kind``."""
    if not isinstance(value, kind):
        raise ArgumentError(
            f"{what} should be {example}, not {type(value).__name__} {value!r:.60}",
            hint=f"pass {example}",
        )


def did_you_mean(name: str, choices: Iterable[str], *, what: str = "") -> str | None:
    """A hint naming the closest of ``choices`` to ``name``, or listing them."""
    options = sorted(set(choices))
    import difflib  # only when there is something to suggest

    close = difflib.get_close_matches(name, options, n=3, cutoff=0.6)
    if close:
        return "did you mean " + " or ".join(repr(c) for c in close) + "?"
    if options and len(options) <= 12:
        label = f"known {what}: " if what else "expected one of: "
        return label + ", ".join(options)
    return None
