"""Plain data to a validated model, or problems located in the file with
what to write instead (pydantic's errors, translated)."""

from __future__ import annotations

import re
import types
import typing
from typing import Any

from pydantic import BaseModel
from pydantic import ValidationError as PydanticError

from ..errors import DataPath, InputError, Problem, did_you_mean
from ..instants import not_a_date
from ..model.scenario import EVENT_FIELDS, EVENT_TYPES
from ..yamlio import Positions

#: The name of the limit a field is held to, for messages.
LIMIT_NAMES = {
    "within_days": "MAX_DELAY_DAYS, 100 years",
    "within_hours": "MAX_DELAY_DAYS, 100 years, in hours",
    "min_age": "MAX_AGE",
}


def to_model(model: type[BaseModel], data: Any, positions: Positions, what: str) -> Any:
    """``data`` validated as ``model``, or an :class:`InputError` with every
    problem found, each where it is in the file, with a hint."""
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
        raise InputError(model_problems(exc, model, data, positions)) from None


def model_problems(
    exc: PydanticError, model: Any, data: Any, positions: Positions
) -> list[Problem]:
    """pydantic's errors about ``data`` as problems in the terms of the file:
    where each is, what was written, and what to write instead."""
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
            elif kind in ("less_than_equal", "less_than"):
                limit = err.get("ctx", {}).get("le", err.get("ctx", {}).get("lt"))
                name = LIMIT_NAMES.get(str(path[-1]) if path else "", "")
                shown = f"{value:,}" if isinstance(value, int | float) else repr(value)
                message = f"{shown} is over the limit of {limit:,}" + (f" ({name})" if name else "")
                hint = f"write a number of at most {limit:,}"
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
                why = not_a_date(value) if isinstance(value, str) else None
                if why:
                    message = f"{value!r} is not a date: {why}"
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
