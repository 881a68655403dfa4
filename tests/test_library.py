"""The library's manners: what dir() shows, short reprs, the project's own
error for a wrong argument, and errors that do not speak of the command line."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from typing import Any

import pytest

import succession
from succession.engine.timeline import Timeline
from tests.helpers import ROOT

SEED = str(ROOT / "seeds" / "bolivia-2019.yaml")
# arguments of the wrong kind, as an untyped caller would pass them
WRONG_NUMBER: Any = 123
WRONG_TEXT: Any = "not a timeline"


def test_dir_lists_the_api() -> None:
    shown = dir(succession)
    for name in ("run", "at", "line", "compare", "what_if", "Timeline", "SuccessionError"):
        assert name in shown
    assert "importlib" not in shown and "TYPE_CHECKING" not in shown


def test_reprs_are_one_short_line() -> None:
    timeline = succession.run(SEED)
    state = succession.at(timeline, "2019-11-13")
    for obj in (timeline, state, state.office("president")):
        text = repr(obj)
        assert "\n" not in text and len(text) <= 120, text
    assert repr(state.office("president")) == (
        "<OfficeState president: held, holder anez, exercised by anez>"
    )


@pytest.mark.parametrize(
    "call",
    [
        lambda t: succession.at(t, WRONG_NUMBER),
        lambda t: succession.at(WRONG_TEXT, "2019-11-13"),
        lambda t: succession.line(t, WRONG_NUMBER),
        lambda t: succession.run(WRONG_NUMBER),
    ],
)
def test_a_wrong_argument_raises_the_projects_error(call: Callable[[Timeline], object]) -> None:
    timeline = succession.run(SEED)
    with pytest.raises(succession.ArgumentError) as err:
        call(timeline)
    assert isinstance(err.value, TypeError) and isinstance(err.value, succession.SuccessionError)


FLAG = re.compile(r"(?<![\w-])--[a-z][a-z-]+")


def test_the_librarys_messages_name_no_command_line_flag() -> None:
    """Every string the package outside its command line and its views says
    (docstrings aside) is free of --flags."""
    found = []
    for path in sorted((ROOT / "succession").rglob("*.py")):
        part = path.relative_to(ROOT / "succession").parts[0]
        if part in ("cli", "render"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docstrings
                and FLAG.search(node.value)
            ):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r}")
    assert found == []


def test_the_flag_check_finds_a_flag() -> None:
    assert FLAG.search("to replace the rules instead, use --rules")
    assert not FLAG.search("2019-11-12 and a-b")
