"""Safe YAML to plain data, with a table of where every value came from.

Only the YAML node graph is built (``compose``), never arbitrary objects:
scalars are interpreted here, by a small YAML 1.2-like resolver, so that
``no`` stays the text ``no`` and ``18:41`` stays a time of day rather than
the sexagesimal number 1121. Anchors, aliases, merge keys and custom tags
are refused; duplicate keys are an error naming both places.
"""

from __future__ import annotations

import gc
import os
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .errors import InputError, Location, Problem

# Only the node graph is composed, and scalars are interpreted here, so the
# base loader (no implicit tag resolution) is all that is needed: libyaml's
# where present, the pure-Python one otherwise.
try:
    _Loader: type = yaml.CBaseLoader
except AttributeError:  # pragma: no cover - depends on the build of PyYAML
    _Loader = yaml.BaseLoader

Path = tuple[str | int, ...]

#: Files larger than this are refused; raise with SUCCESSION_MAX_FILE_BYTES.
DEFAULT_MAX_BYTES = 5_000_000
#: Deeper nesting than this is refused (no real rule file comes near it).
MAX_DEPTH = 48

_TAG = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {
    _TAG + name for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
}
_INT = re.compile(r"[-+]?(0|[1-9][0-9_]*)\Z")
_FLOAT = re.compile(r"[-+]?([0-9][0-9_]*)?\.[0-9]+([eE][-+]?[0-9]+)?\Z")
_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUES = {"true", "True", "TRUE"}
_FALSES = {"false", "False", "FALSE"}


@dataclass
class Positions:
    """Where each value (and each mapping key) of a document starts."""

    file: str
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)
    #: the text of each unquoted value read as a number, true/false or null,
    #: for messages when text was meant (``version: 2009``, ``name: 1.0e5``)
    plain: dict[Path, str] = field(default_factory=dict)

    def at(self, path: Path, *, key: bool = False) -> Location:
        """The location of ``path``, or of its nearest located ancestor."""
        table = self.keys if key else self.values
        probe = tuple(path)
        while True:
            hit = table.get(probe) or self.values.get(probe)
            if hit is not None:
                return Location(self.file, hit[0], hit[1])
            if not probe:
                return Location(self.file, 1, 1)
            probe = probe[:-1]


def max_bytes() -> int:
    """The file-size cap in force (SUCCESSION_MAX_FILE_BYTES overrides it)."""
    raw = os.environ.get("SUCCESSION_MAX_FILE_BYTES")
    if raw and raw.isdigit():
        return int(raw)
    return DEFAULT_MAX_BYTES


def decode(data: bytes, file: str) -> str:
    """UTF-8 text (a byte-order mark is accepted and dropped)."""
    limit = max_bytes()
    if len(data) > limit:
        raise InputError(
            f"file is {len(data):,} bytes, over the limit of {limit:,}",
            Location(file),
            "set SUCCESSION_MAX_FILE_BYTES to a larger number of bytes to accept it",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x})",
            Location(file, line, col),
            "save the file as UTF-8",
        ) from None


def read_text(path: str | os.PathLike[str], display: str | None = None) -> str:
    """Read a UTF-8 file, with errors that name it."""
    name = display or os.fspath(path)
    try:
        with open(path, "rb") as handle:
            limit = max_bytes()
            data = handle.read(limit + 1)  # never more than the cap: a huge file is not read whole
            if len(data) > limit:
                size = os.fstat(handle.fileno()).st_size
                raise InputError(
                    f"file is {size:,} bytes, over the limit of {limit:,}",
                    Location(name),
                    "set SUCCESSION_MAX_FILE_BYTES to a larger number of bytes to accept it",
                )
    except FileNotFoundError:
        raise InputError("no such file", Location(name)) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file", Location(name)) from None
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror}", Location(name)) from None
    return decode(data, name)


def parse(text: str, file: str) -> tuple[Any, Positions]:
    """Parse one YAML document into plain data and its position table."""
    positions = Positions(file)
    # Node graphs and plain data are acyclic: the cyclic collector only slows
    # large files down (it re-scans everything built so far), so it is paused.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _parse(text, file, positions)
    finally:
        if paused:
            gc.enable()


def _parse(text: str, file: str, positions: Positions) -> tuple[Any, Positions]:
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(file, mark.line + 1, mark.column + 1) if mark else Location(file)
        what = (exc.problem or exc.context or "invalid YAML").strip()
        hint = _syntax_hint(what)
        lines = text.splitlines()
        if (
            mark is not None
            and mark.line < len(lines)
            and "\t" in lines[mark.line][: mark.column + 1]
        ):
            hint = "indent with spaces, not tabs"
        ctx = exc.context_mark
        if ctx is not None and ("expected ',' or '}'" in what or "expected ',' or ']'" in what):
            bracket = "{" if "}" in what else "["
            hint = (
                f"the '{bracket}' opened at line {ctx.line + 1}, column {ctx.column + 1} is not closed, "
                "or two of its items lack a ',' between them"
            )
        raise InputError(f"YAML syntax error: {what}", where, hint) from None
    except yaml.YAMLError as exc:
        raise InputError(f"YAML error: {exc}", Location(file)) from None
    if node is None:
        return None, positions
    data = _Converter(file, positions, text).convert(node, (), 0)
    if "&" in text:
        _refuse_anchors(text, file)
    return data, positions


def _refuse_anchors(text: str, file: str) -> None:
    """Anchors are refused even when no alias uses them (the node graph does
    not keep them, the event stream does)."""
    for event in yaml.parse(text, Loader=_Loader):
        anchor = getattr(event, "anchor", None)
        if anchor:
            mark = event.start_mark
            where = (
                Location(file, mark.line + 1, mark.column + 1)
                if mark is not None
                else Location(file)
            )
            raise InputError(
                f"anchors (&{anchor}) are not supported",
                where,
                "remove the anchor and write each value out in full",
            )


def _syntax_hint(what: str) -> str | None:
    if "mapping values are not allowed" in what:
        return "a value containing ': ' must be quoted"
    if "found character '\\t'" in what or "tab" in what:
        return "indent with spaces, not tabs"
    if "could not find expected ':'" in what:
        return "each key needs a ':' after it"
    return None


class _Converter:
    def __init__(self, file: str, positions: Positions, text: str) -> None:
        self.text = text
        self.file = file
        self.positions = positions
        self.seen: set[int] = set()

    def where(self, node: yaml.Node) -> Location:
        return Location(self.file, node.start_mark.line + 1, node.start_mark.column + 1)

    def fail(self, node: yaml.Node, message: str, hint: str | None = None) -> InputError:
        return InputError(message, self.where(node), hint)

    def convert(self, node: yaml.Node, path: Path, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise self.fail(
                node, f"nesting deeper than {MAX_DEPTH} levels", "flatten the structure"
            )
        if id(node) in self.seen:
            raise self.fail(
                node,
                "aliases (*name) are not supported",
                "write the value out in full instead of referring to an anchor",
            )
        self.seen.add(id(node))
        if node.tag not in _ALLOWED_TAGS:
            raise self.fail(
                node,
                f"the tag {node.tag!r} is not supported",
                "remove the tag: only plain YAML values are accepted",
            )
        self.positions.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.convert(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        value = self.scalar(node)
        if not isinstance(value, str):
            self.positions.plain[path] = node.value
        return value

    def mapping(self, node: yaml.MappingNode, path: Path, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first_seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _TAG + "merge" or (
                isinstance(key_node, yaml.ScalarNode)
                and key_node.value == "<<"
                and not key_node.style
            ):
                raise self.fail(
                    key_node, "merge keys (<<) are not supported", "write the keys out in full"
                )
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail(key_node, "a key must be plain text, not a list or mapping")
            key = key_node.value
            if key in first_seen:
                first = self.where(first_seen[key])
                raise InputError(
                    [
                        Problem(
                            f"duplicate key {key!r} (first given at line {first.line}, column {first.column})",
                            self.where(key_node),
                            "give each key once; the second would silently replace the first",
                        ),
                        Problem(f"first {key!r} is here", first),
                    ]
                )
            first_seen[key] = key_node
            child = (*path, key)
            self.positions.keys[child] = (
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
            out[key] = self.convert(value_node, child, depth + 1)
        return out

    def scalar(self, node: yaml.ScalarNode) -> Any:
        text: str = node.value
        if node.style:  # quoted or block scalar: always text (libyaml gives "" for plain)
            return text
        index = node.start_mark.index
        if node.tag == _TAG + "str" and index < len(self.text) and self.text[index] == "!":
            return text  # an explicit !!str
        return interpret_plain(text)


def interpret_plain(text: str) -> Any:
    """The value of an unquoted scalar: null, true/false, a number, or text."""
    if text in _NULLS:
        return None
    if text in _TRUES:
        return True
    if text in _FALSES:
        return False
    if _INT.match(text):
        return int(text.replace("_", ""))
    if _FLOAT.match(text):
        return float(text.replace("_", ""))
    return text
