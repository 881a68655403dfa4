"""The safe YAML reader: plain data, positions, and refusals."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from succession.errors import InputError
from succession.yamlio import decode, parse
from tests.helpers import ROOT


def test_values_and_positions() -> None:
    data, pos = parse("a: 1\nb:\n  - x\n  - 'no'\nc: no\nt: 18:41\nd: 2019-11-10\n", "f.yaml")
    assert data == {"a": 1, "b": ["x", "no"], "c": "no", "t": "18:41", "d": "2019-11-10"}
    assert str(pos.at(("b", 1))) == "f.yaml:4:5"
    assert str(pos.at(("c",), key=True)) == "f.yaml:5:1"
    assert str(pos.at(("b", 7, "missing"))) == "f.yaml:3:3", "nearest located ancestor"


def test_plain_scalars() -> None:
    data, _ = parse("a: ~\nb: true\nc: False\nd: -12\ne: 1.5\nf: 007\ng: !!str 12\nh: null\n", "f")
    assert data == {
        "a": None,
        "b": True,
        "c": False,
        "d": -12,
        "e": 1.5,
        "f": "007",
        "g": "12",
        "h": None,
    }


def test_duplicate_keys_name_both_places() -> None:
    with pytest.raises(InputError) as err:
        parse("a: 1\nb: 2\na: 3\n", "f.yaml")
    text = str(err.value)
    assert "f.yaml:3:1: duplicate key 'a'" in text
    assert "f.yaml:1:1" in text


def test_python_tags_are_refused() -> None:
    with pytest.raises(InputError, match="tag"):
        parse("a: !!python/object:os.system {}\n", "f.yaml")


def test_aliases_are_refused() -> None:
    with pytest.raises(InputError, match="aliases"):
        parse("a: &x [1, 2]\nb: *x\n", "f.yaml")


def test_syntax_error_has_position() -> None:
    with pytest.raises(InputError) as err:
        parse("a: [1, 2\nb: 3\n", "f.yaml")
    assert err.value.location is not None
    assert err.value.location.file == "f.yaml" and err.value.location.line is not None


def test_bom_is_accepted_and_bad_bytes_located() -> None:
    assert decode("\ufeffa: 1".encode(), "f") == "a: 1"
    with pytest.raises(InputError) as err:
        decode(b"a: 1\nb: \xff\n", "f.yaml")
    assert str(err.value.location) == "f.yaml:2:4"


def test_deep_nesting_is_refused() -> None:
    text = "a: " + "[" * 60 + "]" * 60 + "\n"
    with pytest.raises(InputError, match="nesting"):
        parse(text, "f.yaml")


def test_billion_laughs_and_deep_nesting_refused_by_validate(tmp_path: Path) -> None:
    """Functional check; the time and memory figures are in benchmarks/hostile_input.py."""
    from typer.testing import CliRunner

    from succession.cli import app

    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join(f"*{prev}" for _ in range(9)) + "]")
    laughs = tmp_path / "laughs.yaml"
    laughs.write_text("\n".join(lines) + "\n", encoding="utf-8")
    nested = tmp_path / "nested.yaml"
    nested.write_text(
        "".join("  " * i + "a:\n" for i in range(100)) + "  " * 100 + "x\n", encoding="utf-8"
    )
    for path, message in (
        (laughs, "aliases (*name) are not supported"),
        (nested, "nesting deeper than 48"),
    ):
        result = CliRunner().invoke(app, ["validate", str(path)])
        assert result.exit_code == 1
        assert message in result.stderr.splitlines()[0]
        assert "Traceback" not in result.stderr


def test_anchors_are_refused_even_when_unused() -> None:
    with pytest.raises(InputError, match="anchors"):
        parse("a: &x 1\nb: 2\n", "f.yaml")


def test_one_document_per_file() -> None:
    with pytest.raises(InputError) as err:
        parse("a: 1\n---\nb: 2\n", "f.yaml")
    assert str(err.value.location) == "f.yaml:2:1"
    assert "another document" in str(err.value)


def test_explicit_text_tags_and_plain_texts() -> None:
    data, pos = parse("a: ! 12\nb: !!str true\nc: 12\nd: '12'\n", "f.yaml")
    assert data == {"a": "12", "b": "true", "c": 12, "d": "12"}
    assert pos.plain(("c",)) == "12"
    assert pos.plain(("d",)) is None and pos.plain(("a",)) is None
    assert pos.plain(("missing",)) is None


#: Every path's [value place, key place], each a (line, column) or None.
Marks = dict[tuple[str | int, ...], list[tuple[int, int] | None]]


def _marks(node: yaml.Node, path: tuple[str | int, ...], out: Marks) -> None:
    """Every path's (value, key) place, from PyYAML's node graph."""
    out.setdefault(path, [None, None])[0] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            child = (*path, k.value)
            out.setdefault(child, [None, None])[1] = (
                k.start_mark.line + 1,
                k.start_mark.column + 1,
            )
            _marks(v, child, out)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _marks(item, (*path, i), out)


_keys = st.text("abcxyz_", min_size=1, max_size=4)
_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-99, 99), st.text("ab: #'\"-\n", max_size=6)
)
_documents = st.recursive(
    _scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_keys, inner, max_size=4)),
    max_leaves=25,
)


@settings(max_examples=150, deadline=None)
@given(_documents, st.sampled_from([None, True, False]))
def test_every_path_is_located_where_the_node_graph_puts_it(
    document: Any, flow: bool | None
) -> None:
    """The compact position table agrees with PyYAML's node graph on the
    place of every value and key, and on nearest ancestors of absent paths."""
    text = yaml.safe_dump({"root": document}, default_flow_style=flow, allow_unicode=True)
    data, pos = parse(text, "f.yaml")
    assert data == {"root": document}
    expected: Marks = {}
    node = yaml.compose(text)
    assert node is not None
    _marks(node, (), expected)
    for path, (value, key) in expected.items():
        assert (pos.at(path).line, pos.at(path).column) == value, (text, path)
        wanted = key if key is not None else value
        assert (pos.at(path, key=True).line, pos.at(path, key=True).column) == wanted, (text, path)
        absent = pos.at((*path, "no such key", 3))
        assert (absent.line, absent.column) == value, (text, path)


@pytest.mark.parametrize("kind", ["fifo", "device", "proc"])
def test_special_files_are_refused_without_blocking(kind: str, tmp_path: Path) -> None:
    from succession.yamlio import read_text

    path = tmp_path / "input.yaml"
    if kind == "fifo":
        os.mkfifo(path)  # nobody writes to it: opening it to read would block
    elif kind == "device":
        path.symlink_to("/dev/zero")  # reading it would never end
    else:
        path.symlink_to("/proc/self/environ")  # a regular file of the system's
    with pytest.raises(InputError) as err:
        read_text(path)
    assert "not a regular file" in err.value.problems[0].message


def test_validate_and_check_parse_every_file_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A jurisdiction's versions are read for each of its scenarios and an
    overlay's base for each overlay, but each file is parsed once a process;
    and what is kept is never modified by those who use it."""
    from typer.testing import CliRunner

    from succession import yamlio
    from succession.cli import app

    monkeypatch.setenv("SUCCESSION_CACHE", "off")
    monkeypatch.setattr(yamlio, "PARSED", type(yamlio.PARSED)())
    counts: Counter[str] = Counter()
    real = yamlio.parse_fresh

    def counting(text: str, file: str) -> Any:
        counts[os.path.realpath(file)] += 1
        return real(text, file)

    monkeypatch.setattr(yamlio, "parse_fresh", counting)
    runner = CliRunner()
    for command in ("validate", "check"):
        result = runner.invoke(
            app, [command, str(ROOT / "rules" / "pe"), str(ROOT / "rules" / "bo")]
        )
        assert result.exit_code == 0, result.stderr
    assert len(counts) > 10
    assert max(counts.values()) == 1, counts.most_common(3)
    for (file, text), (data, _) in yamlio.PARSED.items():
        assert data == real(text, file)[0], f"{file} was modified after parsing"
