"""The README's library example runs as written, and says what it returns:
a line ending in ``# 'value'`` must evaluate to that value."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.helpers import ROOT

CLAIM = re.compile(r"^(?P<expr>\S.*?)\s+#\s+(?P<value>'[^']*')")


def python_blocks(text: str) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", text, flags=re.S | re.M)


def with_claims_checked(block: str) -> str:
    """The block, each line that claims a value turned into an assertion."""
    out = []
    for line in block.splitlines():
        m = CLAIM.match(line)
        if m and "=" not in m["expr"].replace("==", ""):
            expr, value = m["expr"], m["value"]
            line = f"assert ({expr}) == {value}, ({expr!r}, {expr})"
        out.append(line)
    return "\n".join(out) + "\n"


def test_the_claims_are_checked() -> None:
    code = with_claims_checked("x = 'a'\nx  # 'b'\n")
    with pytest.raises(AssertionError):
        exec(compile(code, "README.md", "exec"), {})


@pytest.mark.parametrize("n", range(len(python_blocks((ROOT / "README.md").read_text("utf-8")))))
def test_readme_python_runs(
    n: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("SUCCESSION_CACHE", "off")
    block = python_blocks(Path("README.md").read_text("utf-8"))[n]
    code = with_claims_checked(block)
    assert code.count("assert (") >= 1 or "import" in code
    exec(compile(code, "README.md", "exec"), {"__name__": "readme"})
    assert os.getcwd() == str(ROOT)


def shell_examples(text: str) -> list[tuple[str, list[str]]]:
    """Each ``$ succession ...`` example (indented four spaces) with the
    output printed under it (blank lines included), up to the first line
    that is not indented."""
    lines = text.splitlines()
    out: list[tuple[str, list[str]]] = []
    i = 0
    while i < len(lines):
        if lines[i].startswith("    $ succession "):
            command = lines[i][6:]
            shown: list[str] = []
            i += 1
            while i < len(lines) and not lines[i].startswith("    $ "):
                if lines[i].startswith("    "):
                    shown.append(lines[i][4:].rstrip())
                elif not lines[i] and i + 1 < len(lines) and lines[i + 1].startswith("    "):
                    shown.append("")  # a blank line inside the printed output
                else:
                    break
                i += 1
            out.append((command, shown))
        else:
            i += 1
    return out


def matches(shown: list[str], printed: list[str]) -> bool:
    """Whether the shown output is what was printed, line for line, where a
    line of just ``...`` (at any indentation) stands for any lines."""
    if not shown:
        return not printed
    if shown[0].strip() == "...":
        return any(matches(shown[1:], printed[k:]) for k in range(len(printed) + 1))
    return bool(printed) and printed[0] == shown[0] and matches(shown[1:], printed[1:])


def test_an_elided_example_still_has_to_match() -> None:
    assert matches(["a", "  ...", "d"], ["a", "b", "c", "d"])
    assert not matches(["a", "d"], ["a", "b", "d"])
    assert not matches(["a", "...", "e"], ["a", "b", "d"])


EXAMPLES = shell_examples((ROOT / "README.md").read_text("utf-8"))


@pytest.mark.parametrize("command,shown", EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_readme_examples_print_what_they_show(
    command: str, shown: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every ``$ succession ...`` example prints what the README shows under
    it (``...`` marking lines left out)."""
    import shlex

    from typer.testing import CliRunner

    from succession.cli import app

    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("SUCCESSION_CACHE", "off")
    result = CliRunner().invoke(app, shlex.split(command)[1:], terminal_width=200)
    printed = [line.rstrip() for line in result.stdout.rstrip("\n").split("\n")]
    while shown and not shown[-1]:
        shown = shown[:-1]
    assert matches(shown, printed), "\n".join(printed)
