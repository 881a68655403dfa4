"""The scenario file format, version 1: people, starting holders, dated events,
each with its source, and the holders expected at chosen instants."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from .common import Ident, Strict
from .rules import PERMANENT_CAUSES, TEMPORARY_CAUSES

EventType = Literal[
    "death",
    "resignation",
    "resignation_accepted",
    "resignation_rejected",
    "resignation_withdrawn",
    "removal",
    "vacancy_declared",
    "suspension",
    "reinstatement",
    "took_office",
    "appointed",
    "elected",
    "designated",
    "declines",
    "impeached",
    "acquitted",
]
EVENT_TYPES: tuple[str, ...] = EventType.__args__  # type: ignore[attr-defined]

#: Which fields each event type needs.
REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {
    "death": ("person",),
    "resignation": ("person", "office"),
    "resignation_accepted": ("person", "office"),
    "resignation_rejected": ("person", "office"),
    "resignation_withdrawn": ("person", "office"),
    "removal": ("person", "office"),
    "vacancy_declared": ("office",),
    "suspension": ("person", "office", "cause"),
    "reinstatement": ("person", "office"),
    "took_office": ("person", "office"),
    "appointed": ("person", "office"),
    "elected": ("person", "office"),
    "designated": ("person", "office"),
    "declines": ("person", "office"),
    "impeached": ("person",),
    "acquitted": ("person",),
}
#: Names that may not be used as person ids because they mean something in `holders`.
RESERVED_HOLDER_WORDS = ("vacant", "unknown")


class Document(Strict):
    """A source document shipped beside the scenario (quotes are checked against it)."""

    id: Ident
    file: str = Field(description="path of a UTF-8 text file, relative to the scenario file")
    title: str
    publisher: str | None = None
    published: dt.date | None = None
    url: str | None = None


class Person(Strict):
    """Someone who holds, or may come to hold, an office."""

    id: Ident
    name: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)
    born: dt.date | None = None
    attributes: dict[str, str | int | float | bool] = Field(
        default_factory=dict, description="facts used by eligibility requirements"
    )

    @field_validator("id")
    @classmethod
    def _not_reserved(cls, value: str) -> str:
        if value in RESERVED_HOLDER_WORDS:
            raise ValueError(f"{value!r} is reserved; choose another id")
        return value


class HolderSpec(Strict):
    """Who holds an office at the start. Written as a person, ``vacant`` or
    ``unknown``, or as a mapping for the details."""

    person: str | None = None
    unknown: bool = False
    confirmed_by: Ident | None = Field(
        default=None, description="the body that consented to the appointment (e.g. senate)"
    )
    suspended: str | None = Field(
        default=None, description="a temporary cause, if suspended at the start"
    )

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        if value is None or value == "vacant":
            return {"person": None}
        if value == "unknown":
            return {"unknown": True}
        if isinstance(value, str):
            return {"person": value}
        return value

    @model_validator(mode="after")
    def _consistent(self) -> HolderSpec:
        if self.unknown and self.person is not None:
            raise ValueError("an unknown holder cannot also name a person")
        if self.suspended is not None:
            if self.suspended not in TEMPORARY_CAUSES:
                raise ValueError(f"suspended must be one of {', '.join(TEMPORARY_CAUSES)}")
            if self.person is None:
                raise ValueError("only a holder can be suspended")
        return self


class EventSource(Strict):
    """Where an event is reported: a quoted passage of a shipped document, or a
    citation of the public record."""

    document: Ident | None = None
    quote: str | None = None
    record: str | None = Field(default=None, description="a citation of the public record")
    url: str | None = None
    verified: bool = True

    @model_validator(mode="after")
    def _something(self) -> EventSource:
        if (self.document is None) != (self.quote is None):
            raise ValueError("document and quote go together")
        if self.document is None and self.record is None:
            raise ValueError("give a document and a quote, or a record")
        return self


class Event(Strict):
    """One dated fact."""

    id: Ident
    date: dt.date
    time: dt.time | None = None
    type: EventType
    person: str | None = Field(default=None, description="id, name or alias of a person")
    office: Ident | None = None
    by: Ident | None = Field(
        default=None, description="the body that acts (accepts, elects, designates)"
    )
    cause: str | None = Field(default=None, description="vacancy or suspension cause")
    effective_at: dt.datetime | None = Field(
        default=None, description="resignation: the stated instant it takes effect"
    )
    resignation: Ident | None = Field(
        default=None,
        description="resignation_accepted, _rejected, _withdrawn: the id of the resignation event",
    )
    takes_office: bool = Field(
        default=True,
        description="appointed/elected/designated: false when the person only becomes entitled "
        "(e.g. a president-elect) and takes office by a later took_office event",
    )
    confirmed_by: Ident | None = Field(default=None, description="appointed: the consenting body")
    role: Literal["holder", "acting"] = Field(
        default="holder",
        description="took_office: `acting` when the person takes up the exercise of the office (an oath "
        "as acting or interim president), not the office itself",
    )
    simultaneous_with: Ident | None = Field(
        default=None, description="id of the previous event, applied at the same instant as one act"
    )
    source: EventSource
    note: str | None = None

    @field_validator("cause")
    @classmethod
    def _cause(cls, value: str | None, info: ValidationInfo) -> str | None:
        from ..errors import did_you_mean

        kind = info.data.get("type")
        if value is None or kind is None:
            return value
        if kind == "suspension":
            allowed = TEMPORARY_CAUSES
        elif kind in ("removal", "vacancy_declared"):
            allowed = PERMANENT_CAUSES
        else:
            raise ValueError(f"cause does not apply to a {kind} event")
        if value not in allowed:
            near = did_you_mean(value, allowed, what="causes")
            raise ValueError(
                f"cause must be one of {', '.join(allowed)}" + (f" ({near})" if near else "")
            )
        return value

    @field_validator("time", mode="before")
    @classmethod
    def _plain_time(cls, value: Any) -> Any:
        if isinstance(value, bool | int | float):
            raise ValueError("write the time as HH:MM, e.g. 18:41 (an unquoted 1841 is a number)")
        return value

    @field_validator("time")
    @classmethod
    def _local_time(cls, value: dt.time | None) -> dt.time | None:
        if value is not None and value.tzinfo is not None:
            raise ValueError("give the local time without an offset, e.g. 18:41")
        return value

    @field_validator("effective_at", mode="before")
    @classmethod
    def _plain_instant(cls, value: Any) -> Any:
        if isinstance(value, bool | int | float):
            raise ValueError("write the instant as YYYY-MM-DDTHH:MM, e.g. 1974-08-09T12:00")
        return value

    @field_validator("effective_at")
    @classmethod
    def _local_instant(cls, value: dt.datetime | None) -> dt.datetime | None:
        if value is not None and value.tzinfo is not None:
            raise ValueError(
                "give the local date and time without an offset, e.g. 1974-08-09T12:00"
            )
        return value

    @model_validator(mode="after")
    def _fields_for_type(self) -> Event:
        missing = [f for f in REQUIRED_FIELDS[self.type] if getattr(self, f) is None]
        if missing:
            raise ValueError(f"a {self.type} event needs {' and '.join(missing)}")
        if self.effective_at is not None and self.type != "resignation":
            raise ValueError("effective_at applies to resignation events")
        if self.role != "holder" and self.type != "took_office":
            raise ValueError("role applies to took_office events")
        return self

    @property
    def instant(self) -> dt.datetime:
        """Date and time (midnight when no time is given)."""
        return dt.datetime.combine(self.date, self.time or dt.time())


class ObligationExpectation(Strict):
    """A pending obligation expected on an office: its kind and deadline."""

    kind: Literal["election", "designation", "convene", "other"]
    due: dt.date = Field(description="the day of the deadline")


class OfficeExpectation(Strict):
    """What is expected of one office. ``vacant`` or a person id alone is
    shorthand for the holder."""

    holder: str | None = None
    acting: str | None = None
    exercising: str | None = None
    vacant: bool | None = None
    entitled: str | None = None
    elect: str | None = None
    claimants: list[str] | None = None
    obligations: list[ObligationExpectation] | None = Field(
        default=None, description="the obligations pending on the office (none: an empty list)"
    )

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        if value == "vacant":
            return {"vacant": True}
        if isinstance(value, str):
            return {"holder": value}
        return value

    def given(self) -> list[str]:
        """The fields written in the file, in a fixed order."""
        order = (
            "holder",
            "acting",
            "exercising",
            "vacant",
            "entitled",
            "elect",
            "claimants",
            "obligations",
        )
        return [f for f in order if f in self.model_fields_set]


class Expectation(Strict):
    """The expected state of some offices at an instant."""

    at: str = Field(
        description="a date (the end of that day) or a date and time, e.g. 2019-11-12T18:45"
    )
    offices: dict[Ident, OfficeExpectation] = Field(min_length=1)
    reading: Ident | list[Ident] = Field(
        default="base",
        description="the reading(s) under which this holds: `base` (the scenario's rule file) "
        "or names from the scenario's `readings`",
    )
    note: str | None = None

    @property
    def readings(self) -> list[str]:
        """The readings this expectation is checked under."""
        return [self.reading] if isinstance(self.reading, str) else list(self.reading)

    @field_validator("at")
    @classmethod
    def _parse(cls, value: str) -> str:
        from ..instants import parse_instant

        parse_instant(value)
        return value


class Scenario(Strict):
    """A scenario file."""

    schema_version: Literal[1]
    title: str
    description: str | None = None
    rules: str | None = Field(
        default=None,
        description="path of the rule file (or overlay), relative to the scenario file",
    )
    jurisdiction: Ident | None = Field(
        default=None,
        description="instead of `rules`: a jurisdiction whose dated rule files (rules/<id>/) are "
        "applied, each event under the version in force at its instant",
    )
    readings: dict[Ident, str] = Field(
        default_factory=dict,
        description="other readings of the law (rule files or overlays) by name, relative to the "
        "scenario file; expectations name them with `reading:`",
    )
    documents: list[Document] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
    start: dt.date = Field(description="the date of the starting holders")
    holders: dict[Ident, HolderSpec] = Field(
        description="every office of the rule file, at the start"
    )
    events: list[Event] = Field(default_factory=list)
    expect: list[Expectation] = Field(default_factory=list)

    @model_validator(mode="after")
    def _rules_or_jurisdiction(self) -> Scenario:
        if (self.rules is None) == (self.jurisdiction is None):
            raise ValueError(
                "give either `rules:` (a rule file) or `jurisdiction:` (its dated rule files)"
                if self.rules is None
                else "give `rules:` or `jurisdiction:`, not both"
            )
        return self

    @field_validator("readings")
    @classmethod
    def _base_reserved(cls, value: dict[str, str]) -> dict[str, str]:
        if "base" in value:
            raise ValueError(
                "`base` names the scenario's own rule file; give this reading another name"
            )
        return value

    def event_instants(self) -> list[dt.datetime]:
        """The instant of each event, in the order of ``events``: its date and
        time; an event without a time happens at the instant of the previous
        event of the same day, just after it (at midnight when it is the
        first of its day)."""
        out: list[dt.datetime] = []
        last: dt.datetime | None = None
        for ev in self.events:
            if ev.time is None and last is not None and last.date() == ev.date:
                at = last
            else:
                at = ev.instant
            out.append(at)
            last = at
        return out

    def person(self, pid: str) -> Person:
        """The person with this id."""
        for p in self.people:
            if p.id == pid:
                return p
        raise KeyError(pid)
