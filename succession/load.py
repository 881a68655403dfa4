"""Files to validated models: rule files, scenario files and their documents.

Every problem found is reported at its ``file:line:col`` with a hint, and all
problems of a file are reported together where they are independent.
"""

from __future__ import annotations

import os
import re
import types
import typing
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel
from pydantic import ValidationError as PydanticError

from .errors import InputError, Location, Problem, QueryError, did_you_mean
from .instants import parse_instant
from .model.rules import Rules, semantic_problems
from .model.scenario import (
    EVENT_FIELDS,
    EVENT_TYPES,
    Event,
    Installation,
    Resignation,
    ResignationOutcome,
    Scenario,
)
from .names import NameIndex, NameProblem
from .yamlio import Positions, parse, read_text

if TYPE_CHECKING:
    from .model.overlay import Overlay

DataPath = tuple[str | int, ...]


@dataclass(frozen=True)
class LoadedRules:
    """A validated rule file and where each of its values came from."""

    rules: Rules
    file: str
    positions: Positions
    #: for an overlay: the rule file it changes, and the overlay itself
    base: LoadedRules | None = None
    overlay: Overlay | None = None

    @property
    def label(self) -> str:
        """A short name for the rules: the reading, or the version."""
        return self.rules.reading or f"{self.rules.jurisdiction} {self.rules.version}"

    def locate(self, path: DataPath) -> Location:
        """The ``file:line:col`` of a value of the file."""
        return self.positions.at(path)


@dataclass(frozen=True)
class LoadedScenario:
    """A validated scenario (person references replaced by ids), its rules,
    its documents and where each of its values came from."""

    scenario: Scenario
    file: str
    positions: Positions
    rules: LoadedRules
    documents: dict[str, str] = field(default_factory=dict)
    #: the scenario's other readings, by name (each read when first used)
    readings: Mapping[str, LoadedRules] = field(default_factory=dict)
    data: Any = field(default=None, repr=False)
    """The parsed file, as plain data."""
    base_dir: str = "."
    #: for a scenario naming a jurisdiction: every version of its law, oldest
    #: first (``rules`` is the one in force at the start)
    versions: tuple[LoadedRules, ...] = ()

    def reading(self, name: str) -> LoadedRules:
        """The rules of a reading named in the scenario (``base``: its own rule file)."""
        if name == "base":
            return self.rules
        try:
            return self.readings[name]
        except KeyError:
            raise QueryError(
                f"the scenario has no reading {name!r}",
                hint=did_you_mean(name, ["base", *self.readings], what="readings")
                or "readings are listed under the scenario's `readings:`",
            ) from None

    def under(self, rules: LoadedRules) -> LoadedScenario:
        """The same scenario checked against other rules (a reading or a rule file)."""
        if rules is self.rules:
            return self
        return build_scenario(
            self.data,
            self.positions,
            self.file,
            base_dir=self.base_dir,
            rules=rules,
            readings=self.readings,
        )

    def locate(self, path: DataPath) -> Location:
        """The ``file:line:col`` of a value of the file."""
        return self.positions.at(path)


# --- generic: YAML text to a model ------------------------------------------------------


def _to_model(model: type[BaseModel], data: Any, positions: Positions, what: str) -> Any:
    if not isinstance(data, dict):
        raise InputError(
            f"a {what} file must be a mapping of keys to values",
            positions.at(()),
            f"start with `schema_version: 1`; see `succession schema {what}`",
        )
    version = data.get("schema_version")
    if version is not None and version != 1:
        raise InputError(
            f"schema_version {version!r} is not supported by this version of succession",
            positions.at(("schema_version",)),
            "write `schema_version: 1`",
        )
    try:
        return model.model_validate(data)
    except PydanticError as exc:
        raise InputError(_pydantic_problems(exc, model, data, positions)) from None


def _pydantic_problems(
    exc: PydanticError, model: Any, data: Any, positions: Positions
) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for err in exc.errors(include_url=False):
        path, rest = _data_path(data, err["loc"])
        kind = err["type"]
        message = str(err["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
        hint: str | None = None
        tagged = _tag_at(data, path)  # an event's type, where the error is in an event
        if kind == "extra_forbidden" and path:
            name = str(path[-1])
            path = path[:-1]
            where = positions.at((*path, name), key=True)
            tagged = _tag_at(data, path)
            fields = _fields_at(model, path, data)
            if tagged is not None and name in EVENT_FIELDS:
                message = f"{name} does not apply to a {tagged} event"
                hint = "remove it, or check the event's type"
            else:
                message = f"unknown field {name!r}"
                hint = did_you_mean(name, fields, what="fields") if fields else None
        elif kind == "missing" and rest:
            where = positions.at(path, key=True)
            if tagged is not None:
                message = f"a {tagged} event needs {rest[0]}"
            else:
                message = f"missing field {rest[0]!r}"
            hint = f"add `{rest[0]}:`"
        elif kind == "union_tag_invalid":
            where = positions.at((*path, "type"))
            tag = str(err.get("ctx", {}).get("tag", ""))
            message = f"unknown event type {tag!r}"
            hint = did_you_mean(tag, EVENT_TYPES, what="event types") or (
                "write one of: " + ", ".join(EVENT_TYPES)
            )
        elif kind == "none_required" and tagged is None and path:
            tagged = _tag_at(data, path[:-1])
            where = positions.at(path, key=True)
            message = f"{path[-1]} does not apply to a {tagged} event"
            hint = "remove it, or check the event's type"
        elif "[key]" in err["loc"] and path:
            where = positions.at(path, key=True)
            message = f"{path[-1]!r} is not a valid identifier"
            hint = "use lower-case letters, digits, '_' and '-', starting with a letter (e.g. vice_president)"
        else:
            where = positions.at(path)
            value = _value_at(data, path)
            if kind == "literal_error":
                expected = re.findall(r"'([^']*)'", str(err.get("ctx", {}).get("expected", "")))
                if path and isinstance(path[-1], str) and len(expected) > 2:
                    message = f"{path[-1]} must be one of {', '.join(expected)}"
                hint = (
                    did_you_mean(str(value), expected, what="values")
                    if isinstance(value, str)
                    else None
                ) or "write one of the values listed"
            elif kind == "dict_type" or kind == "model_type":
                shown = (
                    "a list"
                    if isinstance(value, list)
                    else "text"
                    if isinstance(value, str)
                    else "a value"
                )
                message = f"expected a mapping of `key: value` lines here, not {shown}"
                hint = (
                    'for a citation, `citation: "Art. 1"` or `citation: {article: "Art. 1", source: ...}`'
                    if path and path[-1] == "citation"
                    else "write `key: value` lines, indented under this key"
                )
            elif kind == "list_type":
                message = "expected a list here (items starting with `- `)"
                hint = "write each item on its own line, starting with `- `"
            elif kind in ("int_parsing", "int_type", "int_from_float"):
                message = f"expected a whole number, not {value!r}"
                hint = "write digits, e.g. 30"
            elif kind in ("float_parsing", "float_type"):
                message = f"expected a number, not {value!r}"
                hint = "write digits, e.g. 14 or 5.5"
            elif kind in ("greater_than_equal", "greater_than"):
                limit = err.get("ctx", {}).get("ge", err.get("ctx", {}).get("gt"))
                message = f"must be at least {limit}, not {value!r}"
                hint = f"write a number of {limit} or more"
            elif kind == "string_too_short":
                message = "must not be empty"
                hint = "write some text (in quotes if it could be read as something else)"
            elif kind == "string_type" and positions.plain(path) is None:
                shown = (
                    "a list"
                    if isinstance(value, list)
                    else "a mapping"
                    if isinstance(value, dict)
                    else "this"
                )
                message = f"expected text here, not {shown}"
                hint = "write the text on the same line, in quotes if it contains ': ' or starts with [ or {"
            elif kind in ("date_from_datetime_parsing", "date_parsing", "date_type"):
                hint = "write a date as YYYY-MM-DD"
            elif kind in ("time_parsing", "time_type"):
                hint = "write a time as HH:MM"
            elif kind == "string_pattern_mismatch":
                message = "not a valid identifier"
                hint = "use lower-case letters, digits, '_' and '-', starting with a letter"
            elif kind == "string_type" and (raw := positions.plain(path)) is not None:
                what = _what_yaml_read(_value_at(data, path))
                message = f"expected text, but the unquoted {raw!r} is read as {what}"
                hint = f'write it in quotes: "{raw}"'
            elif kind in ("bool_type", "bool_parsing") and isinstance(_value_at(data, path), str):
                hint = "write true or false"
        key = (str(where), message)
        if key in seen:
            continue
        seen.add(key)
        problems.append(Problem(message, where, hint))
    # an unknown field is usually a misspelt one: say so before "missing field"
    problems.sort(key=lambda p: not p.message.startswith("unknown field"))
    return problems


def _what_yaml_read(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    return "empty (null)"


def _value_at(data: Any, path: DataPath) -> Any:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _data_path(data: Any, loc: tuple[Any, ...]) -> tuple[DataPath, DataPath]:
    """Split a pydantic location into the part that exists in ``data`` and the rest."""
    path: list[str | int] = []
    current = data
    rest: list[str | int] = []
    for part in loc:
        if (isinstance(current, dict) and part in current) or (
            isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current)
        ):
            path.append(part)
            current = current[part]
        elif isinstance(current, dict) and part == current.get("type") and not rest:
            continue  # the member of a tagged union (an event's type)
        elif isinstance(current, dict) and isinstance(part, str) and not _is_tag(part):
            rest.append(part)
        # union branch names and the like are not part of the data
    return tuple(path), tuple(rest)


def _is_tag(part: str) -> bool:
    return "[" in part or part in ("str", "int", "float", "bool", "list", "dict", "none")


def _tag_at(data: Any, path: DataPath) -> str | None:
    """The type of the event at ``path`` in ``data``, if an event is there."""
    value = _value_at(data, path)
    if isinstance(value, dict) and value.get("type") in EVENT_TYPES:
        return str(value["type"])
    return None


def _fields_at(model: Any, path: DataPath, data: Any = None) -> list[str]:
    """Field names of the model found at ``path`` inside ``model``, if any (of
    the union member the data's ``type`` names, in a tagged union)."""
    current: Any = _unwrap_model(model, data)
    here = data
    for part in path:
        here = _value_at(here, (part,))
        if isinstance(part, int):
            current = _element(current, list)
        elif isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(part)
            current = info.annotation if info else None
        else:
            current = _element(current, dict)
        current = _unwrap_model(current, here)
        if current is None:
            return []
    return (
        list(current.model_fields)
        if isinstance(current, type) and issubclass(current, BaseModel)
        else []
    )


def _element(tp: Any, container: type) -> Any:
    for option in _options(tp):
        if typing.get_origin(option) is container:
            args = typing.get_args(option)
            return args[-1] if args else None
    return None


def _options(tp: Any) -> list[Any]:
    origin = typing.get_origin(tp)
    if origin is typing.Union or origin is types.UnionType:
        return [o for arg in typing.get_args(tp) for o in _options(arg)]
    if origin is typing.Annotated:
        return _options(typing.get_args(tp)[0])
    return [tp]


def _unwrap_model(tp: Any, data: Any = None) -> Any:
    models = [o for o in _options(tp) if isinstance(o, type) and issubclass(o, BaseModel)]
    tag = data.get("type") if isinstance(data, dict) else None
    for option in models:
        info = option.model_fields.get("type")
        if tag is not None and info is not None and tag in typing.get_args(info.annotation):
            return option  # the member of a tagged union the data names
    if models:
        return models[0]
    return tp if typing.get_origin(tp) in (list, dict) or _has_container(tp) else None


def _has_container(tp: Any) -> bool:
    return any(typing.get_origin(o) in (list, dict) for o in _options(tp))


# --- rule files ----------------------------------------------------------------------------


def parse_rules(
    text: str,
    file: str,
    *,
    base_dir: str | os.PathLike[str] | None = None,
    read: Callable[[Path, str], str] | None = None,
    _chain: tuple[str, ...] = (),
) -> LoadedRules:
    """Validate the text of a rule file or of an overlay.

    An overlay's base rule file is read relative to ``base_dir`` (by default
    the folder of ``file``) and the overlay's changes are applied to it.
    """
    data, positions = parse(text, file)
    return _rules_from(data, positions, file, base_dir, read, _chain)


def _rules_from(
    data: Any,
    positions: Positions,
    file: str,
    base_dir: str | os.PathLike[str] | None,
    read: Callable[[Path, str], str] | None,
    chain: tuple[str, ...],
) -> LoadedRules:
    if isinstance(data, dict) and "overlay" in data:
        return _parse_overlay(data, positions, file, base_dir, read, chain)
    rules: Rules = _to_model(Rules, data, positions, "rules")
    problems = [
        Problem(message, positions.at(path), hint)
        for path, message, hint in semantic_problems(rules)
    ]
    if problems:
        raise InputError(problems)
    return LoadedRules(rules, file, positions)


MAX_OVERLAY_CHAIN = 8


def _parse_overlay(
    data: Any,
    positions: Positions,
    file: str,
    base_dir: str | os.PathLike[str] | None,
    read: Callable[[Path, str], str] | None,
    chain: tuple[str, ...],
) -> LoadedRules:
    from .model.overlay import Overlay
    from .overlay import apply_overlay, overlay_data

    overlay: Overlay = _to_model(Overlay, data, positions, "overlay")
    folder = Path(base_dir) if base_dir is not None else Path(file).parent
    base_path = folder / overlay.overlay
    base_name = _display(base_path)
    here = os.path.realpath(file)
    if not base_path.is_file():
        raise InputError(
            f"the base rule file {overlay.overlay!r} does not exist (looked for {base_name})",
            positions.at(("overlay",)),
            "give the path of the base rule file relative to this overlay",
        )
    if os.path.realpath(base_path) in (*chain, here) or len(chain) >= MAX_OVERLAY_CHAIN:
        raise InputError(
            "the overlay's bases lead back to itself"
            if len(chain) < MAX_OVERLAY_CHAIN
            else f"more than {MAX_OVERLAY_CHAIN} overlays on top of each other",
            positions.at(("overlay",)),
            "name a rule file as the base",
        )
    reader = read or (lambda p, name: read_text(p, name))
    base_data, base_positions = parse(reader(base_path, base_name), base_name)
    if not isinstance(base_data, dict) or not ("offices" in base_data or overlay_data(base_data)):
        raise InputError(
            f"the base {base_name} is not a rule file (it has no `offices:`)",
            positions.at(("overlay",)),
            "an overlay's base is a rule file (or another overlay)",
        )
    base = _rules_from(base_data, base_positions, base_name, base_path.parent, read, (*chain, here))
    rules = apply_overlay(base.rules, overlay, positions, base_name)
    return LoadedRules(rules, file, positions, base=base, overlay=overlay)


def overlay_rules(rules: LoadedRules, path: str | os.PathLike[str]) -> LoadedRules:
    """``rules`` with the changes of the overlay at ``path`` made on them
    (instead of on the base file the overlay names)."""
    from .model.overlay import Overlay
    from .overlay import apply_overlay, overlay_data

    name = _display(path)
    data, positions = parse(read_text(path, name), name)
    if not overlay_data(data):
        raise InputError(
            "not an overlay (no `overlay:` key)",
            positions.at(()),
            "an overlay starts with `overlay: BASE.yaml`; to replace the rules instead, use --rules",
        )
    overlay: Overlay = _to_model(Overlay, data, positions, "overlay")
    changed = apply_overlay(rules.rules, overlay, positions, rules.file)
    return LoadedRules(changed, name, positions, base=rules, overlay=overlay)


def load_rules(path: str | os.PathLike[str]) -> LoadedRules:
    """Read and validate a rule file, or an overlay with its base."""
    name = _display(path)
    return parse_rules(read_text(path, name), name, base_dir=Path(path).parent)


# --- scenario files -----------------------------------------------------------------------


class Readings(Mapping[str, LoadedRules]):
    """A scenario's readings by name, each rule file or overlay read and
    validated the first time it is used (most commands never use them)."""

    def __init__(
        self, paths: dict[str, Path], read: Callable[[Path, str], str] | None = None
    ) -> None:
        self.paths = paths
        self._read = read
        self._loaded: dict[str, LoadedRules] = {}

    def __getitem__(self, name: str) -> LoadedRules:
        if name not in self._loaded:
            path = self.paths[name]
            shown = _display(path)
            reader = self._read or (lambda p, n: read_text(p, n))
            self._loaded[name] = parse_rules(
                reader(path, shown), shown, base_dir=path.parent, read=self._read
            )
        return self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.paths)

    def __len__(self) -> int:
        return len(self.paths)


_TYPOGRAPHIC = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)


def normalize_passage(text: str) -> str:
    """Text for quote matching: typographic quotes and dashes made plain, runs of
    whitespace made one space."""
    text = unicodedata.normalize("NFC", text).translate(_TYPOGRAPHIC)
    return re.sub(r"\s+", " ", text).strip()


def parse_scenario(
    text: str,
    file: str,
    *,
    base_dir: str | os.PathLike[str] = ".",
    rules: LoadedRules | None = None,
    read: Callable[[Path, str], str] = lambda p, name: read_text(p, name),
    readings: Mapping[str, LoadedRules] | None = None,
) -> LoadedScenario:
    """Validate the text of a scenario file.

    The rule file, the readings and the documents are read relative to
    ``base_dir`` unless ``rules`` (or ``readings``) is given.
    """
    data, positions = parse(text, file)
    return build_scenario(
        data, positions, file, base_dir=base_dir, rules=rules, read=read, readings=readings
    )


def build_scenario(
    data: Any,
    positions: Positions,
    file: str,
    *,
    base_dir: str | os.PathLike[str] = ".",
    rules: LoadedRules | None = None,
    read: Callable[[Path, str], str] = lambda p, name: read_text(p, name),
    readings: Mapping[str, LoadedRules] | None = None,
) -> LoadedScenario:
    """Validate parsed scenario data (see :func:`parse_scenario`)."""
    scenario: Scenario = _to_model(Scenario, data, positions, "scenario")
    base = Path(base_dir)
    versions: tuple[LoadedRules, ...] = ()
    if rules is None and scenario.jurisdiction is not None:
        rules, versions = _versions(scenario, positions, base)
    if rules is None:
        assert scenario.rules is not None
        rules_path = base / scenario.rules
        rules_name = _display(rules_path)
        if not rules_path.is_file():
            raise InputError(
                f"the rule file {scenario.rules!r} does not exist (looked for {rules_name})",
                positions.at(("rules",)),
                "give the path of the rule file relative to this scenario file",
            )
        rules = parse_rules(
            read(rules_path, rules_name), rules_name, base_dir=rules_path.parent, read=read
        )
    if readings is None:
        paths: dict[str, Path] = {}
        for name, rel in scenario.readings.items():
            path = base / rel
            if not path.is_file():
                raise InputError(
                    f"the rule file of reading {name!r} does not exist (looked for {_display(path)})",
                    positions.at(("readings", name)),
                    "give the path of a rule file or overlay relative to this scenario file",
                )
            paths[name] = path
        readings = Readings(paths, read)
    checker = _ScenarioChecker(scenario, positions, rules, base, read, readings, versions)
    resolved = checker.run()
    return LoadedScenario(
        resolved,
        file,
        positions,
        rules,
        checker.documents,
        readings,
        data,
        os.fspath(base),
        versions,
    )


def _versions(
    scenario: Scenario, positions: Positions, base: Path
) -> tuple[LoadedRules, tuple[LoadedRules, ...]]:
    """The versions of the scenario's jurisdiction, and the one in force at its start."""
    from .jurisdictions import find_folder, load_jurisdiction, version_at

    jid = scenario.jurisdiction or ""
    folder = find_folder(base, jid)
    if folder is None:
        raise InputError(
            f"no folder of rule files for the jurisdiction {jid!r} (looked for rules/{jid}/ above this file)",
            positions.at(("jurisdiction",)),
            "put the scenario under rules/<jurisdiction>/, or name one rule file with `rules:`",
        )
    found = load_jurisdiction(folder, everything=False)
    if not found.versions:
        raise InputError(
            f"the folder {found.folder} has no rule file without a reading (no version of the law)",
            positions.at(("jurisdiction",)),
            "add a rule file with valid_from and valid_until",
        )
    start = version_at(found.versions, scenario.start)
    if start is None:
        raise InputError(
            f"no version of the law of {jid!r} is in force on {scenario.start} "
            f"(versions: {_spans(found.versions)})",
            positions.at(("start",)),
            "start the scenario inside a version's validity",
        )
    return start, found.versions


def _spans(versions: tuple[LoadedRules, ...]) -> str:
    return ", ".join(
        f"{v.rules.version} {v.rules.valid_from} to {v.rules.valid_until or 'now'}"
        for v in versions
    )


def load_scenario(
    path: str | os.PathLike[str], *, rules: str | os.PathLike[str] | None = None
) -> LoadedScenario:
    """Read and validate a scenario file, its rule file and readings, and its documents.

    ``rules`` runs it under other rules instead: the path of a rule file or
    overlay, or the name of one of the scenario's readings (``base`` is its
    own rule file).
    """
    name = _display(path)
    text = read_text(path, name)
    if rules is not None and not Path(rules).is_file():
        wanted = os.fspath(rules)
        loaded = parse_scenario(text, name, base_dir=Path(path).parent)
        if wanted == "base" or wanted in loaded.readings:
            return loaded.under(loaded.reading(wanted))
        raise QueryError(
            f"{wanted!r} is neither a rule file nor a reading of {name}",
            Location(wanted),
            did_you_mean(wanted, ["base", *loaded.readings], what="readings")
            or "give the path of a rule file or overlay, or the name of a reading listed under `readings:`",
        )
    loaded_rules = load_rules(rules) if rules is not None else None
    return parse_scenario(text, name, base_dir=Path(path).parent, rules=loaded_rules)


class _ScenarioChecker:
    def __init__(
        self,
        scenario: Scenario,
        positions: Positions,
        rules: LoadedRules,
        base: Path,
        read: Callable[[Path, str], str],
        readings: Mapping[str, LoadedRules],
        versions: tuple[LoadedRules, ...] = (),
    ) -> None:
        self.readings = readings
        self.versions = versions
        self.offices: dict[str, Any] = {}
        self.bodies: dict[str, Any] = {}
        for r in (*(v.rules for v in versions), rules.rules):
            self.offices.update(r.offices)
            self.bodies.update(r.bodies)
        self.s = scenario
        self.pos = positions
        self.rules = rules.rules
        self.base = base
        self.read = read
        self.problems: list[Problem] = []
        self.documents: dict[str, str] = {}
        self.names = NameIndex((p.id, p.name, p.aliases) for p in scenario.people)

    def problem(
        self, path: DataPath, message: str, hint: str | None = None, *, key: bool = False
    ) -> None:
        self.problems.append(Problem(message, self.pos.at(path, key=key), hint))

    def person(self, ref: str | None, path: DataPath) -> str | None:
        if ref is None:
            return None
        found = self.names.resolve(ref)
        if isinstance(found, NameProblem):
            self.problem(path, found.message, found.hint)
            return ref
        return found

    def office(self, ref: str | None, path: DataPath, *, key: bool = False) -> None:
        if ref is not None and ref not in self.offices:
            self.problem(
                path,
                f"unknown office {ref!r} (not in the rule file)",
                did_you_mean(ref, self.offices, what="offices"),
                key=key,
            )

    def body(self, ref: str | None, path: DataPath) -> None:
        if ref is not None and ref not in self.bodies:
            self.problem(
                path,
                f"unknown body {ref!r} (not in the rule file)",
                did_you_mean(ref, self.bodies, what="bodies"),
            )

    def unique(self, items: list[Any], section: str, what: str) -> None:
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            if item.id in seen:
                self.problem(
                    (section, i, "id"),
                    f"{what} id {item.id!r} is used twice (first at item {seen[item.id] + 1})",
                    "give each a distinct id",
                )
            seen.setdefault(item.id, i)

    def run(self) -> Scenario:
        s = self.s
        self.unique(s.people, "people", "person")
        self.unique(s.documents, "documents", "document")
        self.unique(s.events, "events", "event")
        self.load_documents()
        holders = self.check_holders()
        earlier: dict[str, Event] = {}
        events = []
        for i, ev in enumerate(s.events):
            events.append(self.check_event(i, ev, earlier))
            earlier.setdefault(ev.id, ev)
        self.check_order()
        expect = [self.check_expectation(i, e) for i, e in enumerate(s.expect)]
        for oid, office in self.offices.items():
            for kind in ("permanent", "temporary"):
                line = office.line(kind)
                for step in line.steps if line else ():
                    if step.person is not None and step.person not in {p.id for p in s.people}:
                        self.problem(
                            ("rules",),
                            f"the rule file's line for {oid!r} names the person {step.person!r}, "
                            "who is not among this scenario's people",
                            f"add a person with id {step.person!r}",
                        )
        if self.problems:
            raise InputError(self.problems)
        return s.model_copy(update={"holders": holders, "events": events, "expect": expect})

    def load_documents(self) -> None:
        for i, doc in enumerate(self.s.documents):
            path = self.base / doc.file
            try:
                self.documents[doc.id] = normalize_passage(self.read(path, _display(path)))
            except InputError as exc:
                self.problem(
                    ("documents", i, "file"),
                    f"cannot read document {doc.file!r}: {exc.problems[0].message}",
                    "give the path relative to the scenario file",
                )

    def check_holders(self) -> dict[str, Any]:
        out = {}
        where_held: dict[str, str] = {}
        for oid, spec in self.s.holders.items():
            path: DataPath = ("holders", oid)
            self.office(oid, path, key=True)
            pid = self.person(spec.person, path)
            if pid is not None:
                if pid in where_held:
                    self.problem(
                        path,
                        f"{pid!r} is given as holder of both {where_held[pid]!r} and {oid!r}",
                        "a person holds one office at the start",
                    )
                where_held[pid] = oid
            self.body(spec.confirmed_by, (*path, "confirmed_by"))
            if oid in self.offices and spec.suspended is not None:
                causes = self.offices[oid].causes.temporary
                if spec.suspended not in causes:
                    self.problem(
                        (*path, "suspended"),
                        f"{oid!r} does not recognise the temporary cause {spec.suspended!r}",
                        did_you_mean(spec.suspended, causes, what="causes"),
                    )
            out[oid] = spec.model_copy(update={"person": pid})
        missing = [o for o in self.rules.offices if o not in self.s.holders]
        if missing:
            self.problem(
                ("holders",),
                "no starting holder given for " + ", ".join(repr(m) for m in missing),
                "list every office of the rule file: a person, `vacant` or `unknown`",
                key=True,
            )
        return out

    def check_event(self, i: int, ev: Event, earlier: dict[str, Event]) -> Event:
        path: DataPath = ("events", i)
        pid = self.person(ev.person, (*path, "person"))
        self.office(ev.office, (*path, "office"))
        if isinstance(ev, ResignationOutcome | Installation):
            self.body(ev.by, (*path, "by"))
        if isinstance(ev, Installation):
            self.body(ev.confirmed_by, (*path, "confirmed_by"))
        if isinstance(ev, ResignationOutcome) and ev.resignation is not None:
            target = earlier.get(ev.resignation)
            if target is None or target.type != "resignation":
                self.problem(
                    (*path, "resignation"),
                    f"{ev.resignation!r} is not an earlier resignation event",
                    did_you_mean(
                        ev.resignation,
                        [e.id for e in earlier.values() if e.type == "resignation"],
                        what="resignations",
                    ),
                )
        if ev.simultaneous_with is not None:
            previous = self.s.events[i - 1] if i > 0 else None
            if previous is None or previous.id != ev.simultaneous_with:
                self.problem(
                    (*path, "simultaneous_with"),
                    f"{ev.simultaneous_with!r} is not the event just before this one",
                    "simultaneous_with names the previous event in the file",
                )
            elif previous.instant != ev.instant:
                self.problem(
                    (*path, "simultaneous_with"),
                    "a simultaneous event must have the same date and time as the one it goes with",
                )
        if (
            isinstance(ev, Resignation)
            and ev.effective_at is not None
            and ev.effective_at < ev.instant
        ):
            self.problem(
                (*path, "effective_at"),
                "a resignation cannot take effect before it is submitted",
                "give an instant at or after the event's date and time",
            )
        if ev.date < self.s.start:
            self.problem(
                (*path, "date"),
                f"the event is dated before the scenario's start ({self.s.start})",
                "move `start:` earlier or the event later",
            )
        self.check_source(i, ev)
        self.check_version(ev.date, ev.office, (*path, "date"), (*path, "office"), "event")
        return ev.model_copy(update={"person": pid}) if pid != ev.person else ev

    def check_version(
        self, day: Any, office: str | None, date_path: DataPath, office_path: DataPath, what: str
    ) -> None:
        """With dated versions: a version is in force on ``day`` and has ``office``."""
        if not self.versions:
            return
        from .jurisdictions import version_at

        v = version_at(self.versions, day)
        if v is None:
            self.problem(
                date_path,
                f"no version of the law of {self.s.jurisdiction!r} is in force on {day} "
                f"(versions: {_spans(self.versions)})",
                f"move the {what} inside a version's validity, or add the version in force then",
            )
        elif office is not None and office in self.offices and office not in v.rules.offices:
            self.problem(
                office_path,
                f"the office {office!r} does not exist under version {v.rules.version!r} ({v.file}), "
                f"in force on {day}",
                did_you_mean(office, v.rules.offices, what="offices of that version"),
            )

    def check_source(self, i: int, ev: Event) -> None:
        src = ev.source
        path: DataPath = ("events", i, "source")
        if src.document is None:
            return
        if src.document not in {d.id for d in self.s.documents}:
            self.problem(
                (*path, "document"),
                f"unknown document {src.document!r}",
                did_you_mean(src.document, [d.id for d in self.s.documents], what="documents"),
            )
            return
        text = self.documents.get(src.document)
        if text is None or src.quote is None:
            return
        if normalize_passage(src.quote) not in text:
            self.problem(
                (*path, "quote"),
                f"the quoted passage is not in the document {src.document!r}",
                "copy the passage exactly (typographic quotes and line breaks may differ)",
            )

    def check_order(self) -> None:
        last_date = None
        last_time = None
        for i, ev in enumerate(self.s.events):
            if last_date is not None and ev.date < last_date:
                self.problem(
                    ("events", i, "date"),
                    f"events out of order: {ev.id!r} ({ev.date}) comes after an event of {last_date}",
                    "list events in the order they happened",
                )
            elif last_date == ev.date and ev.time is not None and last_time and ev.time < last_time:
                self.problem(
                    ("events", i, "time"),
                    f"events out of order: {ev.id!r} at {ev.time:%H:%M} comes after an event at "
                    f"{last_time:%H:%M} the same day",
                    "list events in the order they happened",
                )
            if last_date != ev.date:
                last_time = None
            last_date = ev.date
            last_time = ev.time or last_time

    def check_expectation(self, i: int, exp: Any) -> Any:
        known = ["base", *self.readings]
        for j, name in enumerate(exp.readings):
            if name not in known:
                where: DataPath = (
                    ("expect", i, "reading")
                    if isinstance(exp.reading, str)
                    else ("expect", i, "reading", j)
                )
                self.problem(
                    where,
                    f"unknown reading {name!r}",
                    did_you_mean(name, known, what="readings")
                    or "name `base` or a reading listed under the scenario's `readings:`",
                )
        offices = {}
        for oid, oe in exp.offices.items():
            path: DataPath = ("expect", i, "offices", oid)
            self.office(oid, path, key=True)
            try:
                day = parse_instant(exp.at).date()
            except ValueError:
                day = None
            if day is not None:
                self.check_version(day, oid, ("expect", i, "at"), path, "expectation")
            update: dict[str, Any] = {}
            for name in ("holder", "acting", "exercising", "entitled", "elect"):
                ref = getattr(oe, name)
                if ref is not None:
                    update[name] = self.person(ref, (*path, name))
            if oe.claimants is not None:
                update["claimants"] = [
                    self.person(c, (*path, "claimants", j)) for j, c in enumerate(oe.claimants)
                ]
            offices[oid] = oe.model_copy(update=update)
        try:
            parse_instant(exp.at)
        except ValueError as exc:  # pragma: no cover - the model already checked it
            self.problem(("expect", i, "at"), str(exc))
        return exp.model_copy(update={"offices": offices})


def _display(path: str | os.PathLike[str]) -> str:
    """A path as the user would recognise it: relative to the working folder when inside it."""
    p = Path(path)
    try:
        return os.path.relpath(p) if not os.path.relpath(p).startswith("..") else os.fspath(p)
    except ValueError:  # another drive on Windows
        return os.fspath(p)
