"""The overlay format, version 1: a reading of the law as changes to a base rule file.

An overlay names its base rule file, says which reading it encodes and cites
it, and lists changes. Each change is a mapping with exactly one key, the
kind of change::

    changes:
      - set_resignation: {office: president, effective: on_acceptance, accepted_by: assembly}
      - set_step: {office: president, step: senate-president, takes_effect: on_taking_office}
      - replace_step: {office: president, step: deputies-president, with: {...}}
      - insert_step: {office: president, after: vice-president, step: {...}}
      - remove_step: {office: president, step: deputies-president}
      - add_obligation: {office: president, step: senate-president, obligation: {...}}
      - remove_obligation: {office: president, step: deputies-president, kind: election}

A step is named by its ``id`` or by its 1-based position in the line.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field, StrictInt, model_validator

from .common import Citation, Ident, Strict
from .rules import (
    LineKind,
    Mode,
    ObligationRule,
    Requirement,
    RuleSource,
    Step,
    StepTenure,
    TakesEffect,
)

#: a step's id, or its 1-based position (a whole number: `true` or `1.0` is refused)
StepName = Ident | StrictInt


class _Target(Strict):
    office: Ident = Field(description="the office whose line is changed")
    line: LineKind = Field(default="permanent", description="permanent (default) or temporary")
    citation: Citation | None = Field(
        default=None, description="the text this change encodes (default: the overlay's citation)"
    )
    note: str | None = None


class _StepTarget(_Target):
    step: StepName = Field(description="the step's id, or its 1-based position in the line")


class SetResignation(Strict):
    """Change when a resignation from an office takes effect, and who accepts it."""

    office: Ident
    effective: Literal["on_submission", "on_acceptance"]
    accepted_by: Ident | None = None
    citation: Citation | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _acceptor(self) -> SetResignation:
        if self.effective == "on_acceptance" and self.accepted_by is None:
            raise ValueError("effective: on_acceptance needs accepted_by (the body that accepts)")
        if self.effective == "on_submission" and self.accepted_by is not None:
            raise ValueError("accepted_by goes with effective: on_acceptance")
        return self


class SetStep(_StepTarget):
    """Change some fields of one step, keeping the others."""

    mode: Mode | None = None
    tenure: StepTenure | None = None
    takes_effect: TakesEffect | None = None
    accept_acting: bool | None = None
    yields_to: Literal["all", "none"] | list[Ident] | None = None
    eligibility: list[Requirement] | None = None

    CHANGEABLE: ClassVar[tuple[str, ...]] = (
        "mode",
        "tenure",
        "takes_effect",
        "accept_acting",
        "yields_to",
        "eligibility",
    )

    @model_validator(mode="after")
    def _something(self) -> SetStep:
        if not any(getattr(self, f) is not None for f in self.CHANGEABLE):
            raise ValueError("set_step changes nothing: give one of " + ", ".join(self.CHANGEABLE))
        return self


class ReplaceStep(_StepTarget):
    """Put a new step in place of one."""

    with_: Step = Field(alias="with", description="the new step, in full, with its citation")


class InsertStep(_Target):
    """Add a step before or after a named one."""

    before: StepName | None = None
    after: StepName | None = None
    step: Step = Field(description="the new step, in full, with its citation")

    @model_validator(mode="after")
    def _where(self) -> InsertStep:
        if (self.before is None) == (self.after is None):
            raise ValueError("give exactly one of before or after")
        return self


class RemoveStep(_StepTarget):
    """Take a step out of a line."""


class AddObligation(_StepTarget):
    """Attach an obligation to a step."""

    obligation: ObligationRule


class RemoveObligation(_StepTarget):
    """Take a step's obligations of one kind away."""

    kind: Literal["election", "designation", "convene", "other"]


class OverlayChange(Strict):
    """One change: a mapping with exactly one key naming its kind."""

    set_resignation: SetResignation | None = None
    set_step: SetStep | None = None
    replace_step: ReplaceStep | None = None
    insert_step: InsertStep | None = None
    remove_step: RemoveStep | None = None
    add_obligation: AddObligation | None = None
    remove_obligation: RemoveObligation | None = None

    KINDS: ClassVar[tuple[str, ...]] = (
        "set_resignation",
        "set_step",
        "replace_step",
        "insert_step",
        "remove_step",
        "add_obligation",
        "remove_obligation",
    )

    @model_validator(mode="after")
    def _one(self) -> OverlayChange:
        given = [k for k in self.KINDS if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(
                "a change has exactly one of "
                + ", ".join(self.KINDS)
                + (f" (got {', '.join(given)})" if given else "")
            )
        return self

    @property
    def kind(self) -> str:
        """Which kind of change this is."""
        return next(k for k in self.KINDS if getattr(self, k) is not None)

    @property
    def body(
        self,
    ) -> (
        SetResignation
        | SetStep
        | ReplaceStep
        | InsertStep
        | RemoveStep
        | AddObligation
        | RemoveObligation
    ):
        """The change's details."""
        value = getattr(self, self.kind)
        assert value is not None
        return value  # type: ignore[no-any-return]


class Overlay(Strict):
    """An overlay file: a reading of the law as changes to a base rule file."""

    schema_version: Literal[1]
    overlay: str = Field(description="path of the base rule file, relative to this file")
    jurisdiction: Ident = Field(description="must be the base file's jurisdiction")
    version: str | None = Field(
        default=None, description="if given, must be the base file's version"
    )
    reading: str = Field(
        min_length=1, description="the reading this overlay encodes, in a few words"
    )
    title: str | None = None
    description: str | None = None
    citation: Citation = Field(
        description="where the reading comes from (a ruling, an article, a commentary)"
    )
    sources: list[RuleSource] = Field(
        default_factory=list, description="sources added to the base file's"
    )
    changes: list[OverlayChange] = Field(default_factory=list)
