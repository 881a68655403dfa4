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
