"""The scenario file format, version 1: people, starting holders, dated events,
each with its source, and the holders expected at chosen instants."""

from __future__ import annotations

import datetime as dt
import typing
from typing import Annotated, Any, Literal

from pydantic import Field, TypeAdapter, WithJsonSchema, field_validator, model_validator

from .common import Ident, Strict
from .rules import TEMPORARY_CAUSES, PermanentCause, TemporaryCause

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


class _EventBase(Strict):
    """What every event has: an id, a date (and a time), its source."""

    id: Ident
    date: dt.date
    time: dt.time | None = None
    person: str | None = Field(default=None, description="id, name or alias of a person")
    office: Ident | None = None
    simultaneous_with: Ident | None = Field(
        default=None, description="id of the previous event, applied at the same instant as one act"
    )
    source: EventSource
    note: str | None = None

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

    @property
    def instant(self) -> dt.datetime:
        """Date and time (midnight when no time is given)."""
        return dt.datetime.combine(self.date, self.time or dt.time())


class _OfPerson(_EventBase):
    person: str = Field(description="id, name or alias of a person")


class _OfPersonOnly(_OfPerson):
    office: None = Field(default=None, description="does not apply to this event")


class _InOffice(_OfPerson):
    office: Ident


class Death(_OfPersonOnly):
    """The person dies: every office they hold falls vacant."""

    type: Literal["death"]


class Resignation(_InOffice):
    """The person resigns an office they hold (or acts in, or are entitled to)."""

    type: Literal["resignation"]
    effective_at: dt.datetime | None = Field(
        default=None, description="the stated instant it takes effect"
    )

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


class ResignationOutcome(_InOffice):
    """What becomes of a pending resignation: accepted, rejected or withdrawn."""

    resignation: Ident | None = Field(default=None, description="the id of the resignation event")
    by: Ident | None = Field(default=None, description="the body that acts")


class ResignationAccepted(ResignationOutcome):
    """A body accepts a pending resignation."""

    type: Literal["resignation_accepted"]


class ResignationRejected(ResignationOutcome):
    """A body rejects a pending resignation: the holder stays."""

    type: Literal["resignation_rejected"]


class ResignationWithdrawn(ResignationOutcome):
    """The person withdraws a pending resignation: they stay."""

    type: Literal["resignation_withdrawn"]


class Removal(_InOffice):
    """The person is removed from an office (for a permanent cause)."""

    type: Literal["removal"]
    cause: PermanentCause | None = Field(default=None, description="default: removal")


class VacancyDeclared(_EventBase):
    """A body declares the office vacant (of its holder, if ``person`` is given)."""

    type: Literal["vacancy_declared"]
    office: Ident
    cause: PermanentCause | None = Field(default=None, description="default: declared_vacancy")


class Suspension(_InOffice):
    """The holder is temporarily unable to exercise the office."""

    type: Literal["suspension"]
    cause: TemporaryCause


class Reinstatement(_InOffice):
    """A suspended holder resumes."""

    type: Literal["reinstatement"]


class TookOffice(_InOffice):
    """The person takes office (an oath, taking the chair), or with ``role:
    acting`` takes up the exercise of the office."""

    type: Literal["took_office"]
    role: Literal["holder", "acting"] = Field(
        default="holder",
        description="`acting` when the person takes up the exercise of the office (an oath as "
        "acting or interim president), not the office itself",
    )


class Installation(_InOffice):
    """An appointment, election or designation."""

    by: Ident | None = Field(
        default=None, description="the body that appoints, elects or designates"
    )
    takes_office: bool = Field(
        default=True,
        description="false when the person only becomes entitled (e.g. a president-elect) and "
        "takes office by a later took_office event",
    )
    confirmed_by: Ident | None = Field(default=None, description="the consenting body")


class Appointed(Installation):
    """The person is appointed to the office."""

    type: Literal["appointed"]


class Elected(Installation):
    """The person is elected to the office."""

    type: Literal["elected"]


class Designated(Installation):
    """A body designates the person to fill the vacant office (an elective step)."""

    type: Literal["designated"]


class Declines(_InOffice):
    """The person renounces their turn for the office."""

    type: Literal["declines"]


class Impeached(_OfPersonOnly):
    """The person is impeached (for ``not_under_impeachment``)."""

    type: Literal["impeached"]


class Acquitted(_OfPersonOnly):
    """The person is acquitted: no longer under impeachment."""

    type: Literal["acquitted"]


#: One dated fact: a tagged union on ``type``, so that each type's fields are
#: required (or refused) in the model and in the JSON Schema.
Event = Annotated[
    Death
    | Resignation
    | ResignationAccepted
    | ResignationRejected
    | ResignationWithdrawn
    | Removal
    | VacancyDeclared
    | Suspension
    | Reinstatement
    | TookOffice
    | Appointed
    | Elected
    | Designated
    | Declines
    | Impeached
    | Acquitted,
    Field(discriminator="type"),
]
EVENT_CLASSES: tuple[type[_EventBase], ...] = typing.get_args(typing.get_args(Event)[0])
#: Event type name -> model.
EVENT_MODELS: dict[str, type[_EventBase]] = {
    typing.get_args(cls.model_fields["type"].annotation)[0]: cls for cls in EVENT_CLASSES
}
EVENT_TYPES: tuple[str, ...] = tuple(EVENT_MODELS)


#: Every field some event type has.
EVENT_FIELDS: frozenset[str] = frozenset(f for cls in EVENT_CLASSES for f in cls.model_fields)

_ADAPTER: list[TypeAdapter[Event]] = []


def parse_event(data: Any) -> Event:
    """One event from plain data (pydantic's ``ValidationError`` if invalid)."""
    if not _ADAPTER:
        _ADAPTER.append(TypeAdapter(Event))
    return _ADAPTER[0].validate_python(data)


def required_fields(kind: str) -> tuple[str, ...]:
    """The fields an event of this type must give, besides id, date, type and source."""
    model = EVENT_MODELS[kind]
    return tuple(
        name
        for name, info in model.model_fields.items()
        if info.is_required() and name not in ("id", "date", "type", "source")
    )


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

    at: Annotated[
        dt.datetime,
        WithJsonSchema(
            {
                "type": "string",
                "pattern": r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$",
                "description": "a date (the end of that day) or a date and time, "
                "e.g. 2019-11-12T18:45",
            }
        ),
    ] = Field(description="a date (the end of that day) or a date and time, e.g. 2019-11-12T18:45")
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

    @field_validator("at", mode="before")
    @classmethod
    def _parse(cls, value: Any) -> dt.datetime:
        """The instant, parsed where the text enters: a date alone is the end of that day."""
        from ..instants import parse_instant

        if isinstance(value, dt.datetime):
            return value
        if isinstance(value, dt.date):
            return parse_instant(value.isoformat())
        if not isinstance(value, str):
            raise ValueError("write a date (YYYY-MM-DD) or a date and time (YYYY-MM-DDTHH:MM)")
        return parse_instant(value)


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
