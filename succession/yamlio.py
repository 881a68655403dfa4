"""Safe YAML to plain data, with a table of where every value came from.

Only libyaml's stream of parse events is read (no node graph, never
arbitrary objects), one node at a time: scalars are interpreted here, by a small YAML 1.2-like resolver, so that
``no`` stays the text ``no`` and ``18:41`` stays a time of day rather than
the sexagesimal number 1121. Anchors, aliases, merge keys and custom tags
are refused; duplicate keys are an error naming both places.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from array import array
from collections import OrderedDict
from typing import Any

import yaml

from .collector import collector_paused
from .errors import DataPath, InputError, Location, Problem
from .limits import limit as limit_of
from .paths import system_file

# Only the node graph is composed, and scalars are interpreted here, so the
# base loader (no implicit tag resolution) is all that is needed: libyaml's
# where present, the pure-Python one otherwise.
try:
    _Loader: type = yaml.CBaseLoader
except AttributeError:  # pragma: no cover - depends on the build of PyYAML
    _Loader = yaml.BaseLoader


#: Files larger than this are refused; raise with SUCCESSION_MAX_FILE_BYTES.
#: Deeper nesting than this is refused (no real rule file comes near it).
MAX_DEPTH = 48

_TAG = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {
    _TAG + name for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
}
_STR = _TAG + "str"
_INT = re.compile(r"[-+]?(0|[1-9][0-9_]*)\Z")
_FLOAT = re.compile(r"[-+]?([0-9][0-9_]*)?\.[0-9]+([eE][-+]?[0-9]+)?\Z")
_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUES = {"true", "True", "TRUE"}
_FALSES = {"false", "False", "FALSE"}


class Positions:
    """Where each value (and each mapping key) of a document starts.

    The places are kept compactly: one packed line and column per node of
    the document, in document order (a mapping, then each of its keys
    followed by its value; a list, then its items). A path is turned into
    the number of its node by walking the document's plain data, which is
    kept for that; the walk counts the nodes of what it passes over, once
    per list or mapping (the counts are kept for the next question).
    """

    def __init__(
        self,
        file: str,
        root: Any = None,
        marks: array[int] | None = None,
        plain: dict[int, str] | None = None,
    ) -> None:
        self.file = file
        self.root = root
        self.marks: array[int] = marks if marks is not None else array("Q")
        #: the text of each unquoted value read as a number, true/false or
        #: null, by node, for messages when text was meant (``version: 2009``)
        self.plain_texts: dict[int, str] = plain or {}
        self._sizes: dict[int, int] = {}
        self._offsets: dict[int, array[int]] = {}

    def at(self, path: DataPath, *, key: bool = False) -> Location:
        """The location of ``path``, or of its nearest located ancestor (the
        key's place rather than the value's with ``key``, where there is one)."""
        if not self.marks:
            return Location(self.file, 1, 1)
        value, key_node = self._locate(path)
        packed = self.marks[key_node if key and key_node is not None else value]
        return Location(self.file, packed >> _COLUMN_BITS, packed & _COLUMN_MASK)

    def plain(self, path: DataPath) -> str | None:
        """The text of the unquoted value at ``path`` when it was read as a
        number, true/false or null; None otherwise."""
        if not self.plain_texts:
            return None
        node, _, found = self._walk(path)
        return self.plain_texts.get(node) if found else None

    def _locate(self, path: DataPath) -> tuple[int, int | None]:
        node, key_node, _ = self._walk(path)
        return node, key_node

    def _walk(self, path: DataPath) -> tuple[int, int | None, bool]:
        """(node of the deepest part of ``path`` present, node of its key if a
        mapping's, whether the whole path is present)."""
        current = self.root
        node = 0
        key_node: int | None = None
        for part in path:
            if isinstance(current, dict):
                if not isinstance(part, str) or part not in current:
                    return node, key_node, False
                at = node + 1
                for k, v in current.items():
                    if k == part:
                        break
                    at += 1 + self._size(v)
                key_node, node, current = at, at + 1, current[part]
            elif isinstance(current, list):
                if not isinstance(part, int) or isinstance(part, bool):
                    return node, key_node, False
                if not 0 <= part < len(current):
                    return node, key_node, False
                node = node + 1 + self._offsets_of(current)[part]
                key_node, current = None, current[part]
            else:
                return node, key_node, False
        return node, key_node, True

    def _size(self, value: Any) -> int:
        """The number of nodes of ``value`` (a mapping counts its keys)."""
        if not isinstance(value, (dict, list)):
            return 1
        found = self._sizes.get(id(value))
        if found is None:
            if isinstance(value, dict):
                found = 1 + sum(1 + self._size(v) for v in value.values())
            else:
                found = 1 + sum(self._size(v) for v in value)
            self._sizes[id(value)] = found
        return found

    def _offsets_of(self, items: list[Any]) -> array[int]:
        """Where each item of a list starts, counted from its first item."""
        found = self._offsets.get(id(items))
        if found is None:
            found = array("Q", [0])
            total = 0
            for item in items[:-1]:
                total += self._size(item)
                found.append(total)
            self._offsets[id(items)] = found
        return found


def display_path(path: str | os.PathLike[str]) -> str:
    """A path as the user would recognise it: relative to the working folder when inside it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return os.path.normpath(path)
    return relative if not relative.startswith("..") else os.path.normpath(path)


def decode(data: bytes, file: str) -> str:
    """UTF-8 text (a byte-order mark is accepted and dropped)."""
    limit = limit_of("file_bytes")
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
    """Read a UTF-8 file, with errors that name it. Only regular files are
    read (a FIFO would block, a device never end, and ``/proc`` and ``/sys``
    are the system's, not the user's), and never more than the size cap."""
    name = display or os.fspath(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # opening a FIFO must not block
    except FileNotFoundError:
        raise InputError("no such file", Location(name)) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file", Location(name)) from None
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror}", Location(name)) from None
    with os.fdopen(fd, "rb") as handle:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise InputError("is a folder, not a file", Location(name))
        if not stat.S_ISREG(st.st_mode) or system_file(path):
            raise InputError(
                "not a regular file (a FIFO, a device, a socket or a file of the system's)",
                Location(name),
                "give the path of a file you wrote",
            )
        limit = limit_of("file_bytes")
        try:
            data = handle.read(limit + 1)  # never more than the cap: a huge file is not read whole
        except OSError as exc:
            raise InputError(f"cannot read the file: {exc.strerror}", Location(name)) from None
        if len(data) > limit:
            raise InputError(
                f"file is {st.st_size:,} bytes, over the limit of {limit:,}",
                Location(name),
                "set SUCCESSION_MAX_FILE_BYTES to a larger number of bytes to accept it",
            )
    return decode(data, name)


def referenced_file(path: str | os.PathLike[str], what: str, where: Location, hint: str) -> None:
    """Raise an error located at the reference (``where``) unless ``path``
    is a regular file of the user's: ``what`` (e.g. "the rule file 'x.yaml'")
    does not exist, is a folder, or is a FIFO, device or system file."""
    shown = display_path(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputError(f"{what} does not exist (looked for {shown})", where, hint) from None
    except OSError as exc:
        raise InputError(f"{what} cannot be read ({shown}: {exc.strerror})", where, hint) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(
            f"{what} is a folder ({shown}), not a file", where, f"name a file inside it; {hint}"
        )
    if not stat.S_ISREG(st.st_mode) or system_file(path):
        raise InputError(
            f"{what} is not a regular file ({shown} is a FIFO, a device, a socket "
            "or a file of the system's)",
            where,
            hint,
        )


#: How much text the parses kept for the process may hold (see :func:`parse`).
PARSED_TEXT_BYTES = 8_000_000
#: The parses kept: (absolute name, text) -> (data, positions), least recently used first.
PARSED: OrderedDict[tuple[str, str], tuple[Any, Positions]] = OrderedDict()


def parse(text: str, file: str) -> tuple[Any, Positions]:
    """Parse one YAML document into plain data and its position table.

    The result is kept for the process (up to :data:`PARSED_TEXT_BYTES` of
    text, the least recently used first to go) and given again for the same
    text under the same name, so a file met more than once -- a
    jurisdiction's versions for each of its scenarios, an overlay's base --
    is parsed once. The data is therefore shared: it is read, never modified."""
    key = (os.path.abspath(file), text)  # the same file, named from another folder
    found = PARSED.get(key)
    if found is not None:
        PARSED.move_to_end(key)
        data, positions = found
        if positions.file != file:
            positions = Positions(file, positions.root, positions.marks, positions.plain_texts)
        return data, positions
    result = parse_fresh(text, file)
    if len(text) <= PARSED_TEXT_BYTES // 8:
        PARSED[key] = result
        held = sum(len(t) for _, t in PARSED)
        while held > PARSED_TEXT_BYTES:
            (_, gone), _ = PARSED.popitem(last=False)
            held -= len(gone)
    return result


def parse_fresh(text: str, file: str) -> tuple[Any, Positions]:
    """Parse one YAML document, without looking among the parses kept."""
    try:
        with collector_paused():  # plain data is acyclic
            return _Reader(text, file).read()
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, text, file) from None
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        line = before.count("\n") + 1
        column = exc.position - (before.rfind("\n") + 1) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise InputError(
            f"the character U+{code:04X} is not allowed in a YAML file"
            + (" (a NUL byte)" if code == 0 else " (a control character)" if code < 32 else ""),
            Location(file, line, column),
            "remove it (a file saved by a word processor or a binary file is not YAML text)",
        ) from None
    except yaml.YAMLError as exc:
        raise InputError(f"YAML error: {exc}", Location(file)) from None


def _syntax_error(exc: yaml.MarkedYAMLError, text: str, file: str) -> InputError:
    mark = exc.problem_mark or exc.context_mark
    where = Location(file, mark.line + 1, mark.column + 1) if mark else Location(file)
    what = (exc.problem or exc.context or "invalid YAML").strip()
    hint = _syntax_hint(what)
    lines = text.splitlines()
    if mark is not None and mark.line < len(lines) and "\t" in lines[mark.line][: mark.column + 1]:
        hint = "indent with spaces, not tabs"
    ctx = exc.context_mark
    if ctx is not None and ("expected ',' or '}'" in what or "expected ',' or ']'" in what):
        bracket = "{" if "}" in what else "["
        hint = (
            f"the '{bracket}' opened at line {ctx.line + 1}, column {ctx.column + 1} is not closed, "
            "or two of its items lack a ',' between them"
        )
    return InputError(f"YAML syntax error: {what}", where, hint)


def _syntax_hint(what: str) -> str | None:
    if "mapping values are not allowed" in what:
        return "a value containing ': ' must be quoted"
    if "found character '\\t'" in what or "tab" in what:
        return "indent with spaces, not tabs"
    if "could not find expected ':'" in what:
        return "each key needs a ':' after it"
    return None


_COLUMN_BITS = 20
_COLUMN_MASK = (1 << _COLUMN_BITS) - 1


class _Reader:
    """Plain data from libyaml's stream of parse events, one node at a time
    (no node graph is built): a large file costs its data and a few bytes
    per node for the position table."""

    def __init__(self, text: str, file: str) -> None:
        self.file = file
        self.events = iter(yaml.parse(text, Loader=_Loader))
        self.marks: array[int] = array("Q")
        self.max_nodes = limit_of("nodes")
        self.plain: dict[int, str] = {}
        self.anchor: tuple[str, Any] | None = None
        # equal short texts (keys, ids, dates) are kept once
        self.texts: dict[str, str] = {}

    def read(self) -> tuple[Any, Positions]:
        events = self.events
        next(events)  # the stream's start
        first: Any = next(events)
        if isinstance(first, yaml.StreamEndEvent):
            return None, Positions(self.file)
        data = self.node(next(events), 0)
        next(events)  # the document's end
        after: Any = next(events)
        if isinstance(after, yaml.DocumentStartEvent):
            raise InputError(
                "YAML syntax error: but found another document",
                self.where(after.start_mark),
                "a file holds one document: remove the '---' line and what follows, "
                "or put it in a file of its own",
            )
        if self.anchor is not None:
            name, mark = self.anchor
            raise InputError(
                f"anchors (&{name}) are not supported",
                self.where(mark),
                "remove the anchor and write each value out in full",
            )
        return data, Positions(self.file, data, self.marks, self.plain)

    def where(self, mark: Any) -> Location:
        return Location(self.file, mark.line + 1, mark.column + 1)

    def place(self, mark: Any) -> None:
        if len(self.marks) >= self.max_nodes:
            raise InputError(
                f"more than {self.max_nodes:,} values in one file (SUCCESSION_MAX_NODES)",
                self.where(mark),
                "split the file, or raise SUCCESSION_MAX_NODES for a file you trust",
            )
        column = min(mark.column + 1, _COLUMN_MASK)
        self.marks.append((mark.line + 1) << _COLUMN_BITS | column)

    def node(self, event: Any, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise InputError(
                f"nesting deeper than {MAX_DEPTH} levels",
                self.where(event.start_mark),
                "flatten the structure",
            )
        kind = type(event)
        if kind is yaml.AliasEvent:
            raise InputError(
                "aliases (*name) are not supported",
                self.where(event.start_mark),
                "write the value out in full instead of referring to an anchor",
            )
        anchor = event.anchor
        if anchor and self.anchor is None:
            self.anchor = (anchor, event.start_mark)
        tag = event.tag
        if tag is not None and tag != "!" and tag not in _ALLOWED_TAGS:
            raise InputError(
                f"the tag {tag!r} is not supported",
                self.where(event.start_mark),
                "remove the tag: only plain YAML values are accepted",
            )
        self.place(event.start_mark)
        if kind is yaml.ScalarEvent:
            text: str = event.value
            if event.style or tag in (_STR, "!"):
                # quoted, a block, or an explicit !!str: always text
                return self.texts.setdefault(text, text) if len(text) <= 32 else text
            try:
                value = interpret_plain(text)
            except ValueError:  # Python refuses to read integers of over 4,300 digits
                raise InputError(
                    f"a number of {len(text):,} digits, over the limit of "
                    f"{sys.get_int_max_str_digits():,}",
                    self.where(event.start_mark),
                    "write a number of a sensible size",
                ) from None
            if isinstance(value, str):
                return self.texts.setdefault(value, value) if len(value) <= 32 else value
            self.plain[len(self.marks) - 1] = text
            return value
        if kind is yaml.SequenceStartEvent:
            items: list[Any] = []
            events = self.events
            item = next(events)
            while type(item) is not yaml.SequenceEndEvent:
                items.append(self.node(item, depth + 1))
                item = next(events)
            return items
        assert kind is yaml.MappingStartEvent
        return self.mapping(depth)

    def mapping(self, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first_seen: dict[str, Any] = {}
        events = self.events
        texts = self.texts
        key_event: Any = next(events)
        while type(key_event) is not yaml.MappingEndEvent:
            mark = key_event.start_mark
            if type(key_event) is not yaml.ScalarEvent:
                if type(key_event) is yaml.AliasEvent:
                    self.node(key_event, depth + 1)  # refused
                raise InputError(
                    "a key must be plain text, not a list or mapping", self.where(mark)
                )
            key: str = key_event.value
            if key_event.tag == _TAG + "merge" or (key == "<<" and not key_event.style):
                raise InputError(
                    "merge keys (<<) are not supported",
                    self.where(mark),
                    "write the keys out in full",
                )
            if key in first_seen:
                first = self.where(first_seen[key])
                raise InputError(
                    [
                        Problem(
                            f"duplicate key {key!r} (first given at line {first.line}, column {first.column})",
                            self.where(mark),
                            "give each key once; the second would silently replace the first",
                        ),
                        Problem(f"first {key!r} is here", first),
                    ]
                )
            first_seen[key] = mark
            if key_event.anchor and self.anchor is None:
                self.anchor = (key_event.anchor, mark)
            self.place(mark)
            out[texts.setdefault(key, key)] = self.node(next(events), depth + 1)
            key_event = next(events)
        return out


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
