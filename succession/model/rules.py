"""The rule file format, version 1: offices, their lines of succession, and why.

A rule file encodes one version (or one reading) of a jurisdiction's law.
Every office, cause list, line, step, requirement and obligation cites the
article it encodes, and can be marked ``verified: false``.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from ..errors import DataPath
from .common import Citation, Ident, Strict

PermanentCause = Literal[
    "death",
    "resignation",
    "removal",
    "conviction",
    "declared_vacancy",
    "permanent_incapacity",
    "abdication",
    "revocation",
    "definitive_absence",
    "abandonment",
]
TemporaryCause = Literal[
    "incapacity",
    "impeachment",
    "travel",
    "declared_inability",
    "illness",
    "leave",
    "temporary_absence",
    "other",
]
PERMANENT_CAUSES: tuple[str, ...] = PermanentCause.__args__  # type: ignore[attr-defined]
TEMPORARY_CAUSES: tuple[str, ...] = TemporaryCause.__args__  # type: ignore[attr-defined]

Mode = Literal["becomes", "acts"]
StepTenure = Literal["leaves", "ex_officio"]
TakesEffect = Literal["ipso_facto", "on_taking_office"]
LineKind = Literal["permanent", "temporary"]


#: The most offices a rule file may have. A line is nested at most this deep
#: (lines form no cycle), which bounds every walk along lines.
MAX_OFFICES = 400

#: The longest delay an obligation may give, and the highest age a rule may
#: require: beyond them no date can be computed, and no law asks for them.
MAX_DELAY_DAYS = 36_500
MAX_AGE = 150


class RuleSource(Strict):
    """A legal text the rules cite."""

    id: Ident
    title: str
    url: str | None = None
    date: dt.date | None = None
    verified: bool = True
    note: str | None = None


class Body(Strict):
    """A collective body that accepts resignations, elects or designates."""

    name: str
    citation: Citation


class Requirement(Strict):
    """One eligibility condition. Give exactly one of ``min_age``,
    ``attribute``, ``confirmed_by`` or ``not_under_impeachment``."""

    min_age: int | None = Field(
        default=None, ge=0, le=MAX_AGE, description="minimum age in whole years"
    )
    attribute: str | None = Field(
        default=None,
        description="a person attribute from the scenario, e.g. 'natural_born_citizen'",
    )
    equals: str | int | float | bool | None = None
    at_least: float | None = None
    one_of: list[str | int | float | bool] | None = None
    confirmed_by: Ident | None = Field(
        default=None,
        description="the body whose consent the appointment to the source office needed (e.g. senate)",
    )
    not_under_impeachment: bool | None = None
    citation: Citation

    @model_validator(mode="after")
    def _one_kind(self) -> Requirement:
        kinds = [
            k
            for k in ("min_age", "attribute", "confirmed_by", "not_under_impeachment")
            if getattr(self, k) is not None
        ]
        if len(kinds) != 1:
            raise ValueError(
                "give exactly one of min_age, attribute, confirmed_by, not_under_impeachment"
                + (f" (got {', '.join(kinds)})" if kinds else "")
            )
        tests = [k for k in ("equals", "at_least", "one_of") if getattr(self, k) is not None]
        if tests and self.attribute is None:
            raise ValueError(f"{tests[0]} goes with attribute")
        if len(tests) > 1:
            raise ValueError("give at most one of equals, at_least, one_of")
        return self

    def describe(self) -> str:
        """The requirement in words."""
        if self.min_age is not None:
            return f"at least {self.min_age} years old"
        if self.confirmed_by is not None:
            return f"appointed with the consent of {self.confirmed_by}"
        if self.not_under_impeachment:
            return "not under impeachment"
        if self.equals is not None:
            return f"{self.attribute} = {self.equals!r}"
        if self.at_least is not None:
            return f"{self.attribute} ≥ {self.at_least:g}"
        if self.one_of is not None:
            return f"{self.attribute} one of {', '.join(map(str, self.one_of))}"
        return f"{self.attribute}"


class ObligationRule(Strict):
    """Something a succession obliges someone to do by a deadline."""

    kind: Literal["election", "designation", "convene", "other"]
    description: str
    within_days: int | None = Field(default=None, ge=0, le=MAX_DELAY_DAYS)
    within_hours: int | None = Field(default=None, ge=0, le=MAX_DELAY_DAYS * 24)
    by: Ident | None = Field(default=None, description="the body that must act")
    citation: Citation

    @model_validator(mode="after")
    def _one_deadline(self) -> ObligationRule:
        if (self.within_days is None) == (self.within_hours is None):
            raise ValueError("give exactly one of within_days, within_hours")
        return self

    @property
    def delay(self) -> dt.timedelta:
        """The time allowed."""
        if self.within_days is not None:
            return dt.timedelta(days=self.within_days)
        return dt.timedelta(hours=self.within_hours or 0)


class Step(Strict):
    """One place in a line of succession.

    It draws on the holder of an ``office``, on a named ``person``, or on a
    designation by a ``body`` (an elective step).
    """

    id: Ident | None = Field(default=None, description="a name for overlays to refer to")
    office: Ident | None = None
    person: Ident | None = None
    body: Ident | None = Field(default=None, description="elective step: this body designates")
    mode: Mode = Field(
        description="becomes: the successor becomes holder; acts: only exercises the powers"
    )
    tenure: StepTenure = Field(
        default="leaves",
        description=(
            "leaves: the successor leaves the office they came from and serves in person; "
            "ex_officio: they keep it and serve only while they hold it"
        ),
    )
    takes_effect: TakesEffect = Field(
        default="ipso_facto",
        description="ipso_facto: at the instant of the vacancy; on_taking_office: when they take it up",
    )
    accept_acting: bool = Field(
        default=False, description="also draw on a person only acting in the source office"
    )
    eligibility: list[Requirement] = Field(default_factory=list)
    obligations: list[ObligationRule] = Field(default_factory=list)
    yields_to: Literal["all", "none"] | list[Ident] = Field(
        default="none",
        description=(
            "whether someone acting under this step gives way to a higher step's person who "
            "becomes available later: all, none, or the offices/bodies they give way to"
        ),
    )
    citation: Citation
    note: str | None = None

    @model_validator(mode="after")
    def _one_source(self) -> Step:
        given = [k for k in ("office", "person", "body") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(
                "a step draws on exactly one of office, person or body"
                + (f" (got {', '.join(given)})" if given else "")
            )
        return self

    @property
    def draws_on(self) -> str:
        """What the step names: the office, person or body id."""
        return self.office or self.person or self.body or ""

    def label(self) -> str:
        """A short description, e.g. 'vice_president (becomes)'."""
        kind = "office" if self.office else "person" if self.person else "designated by"
        return f"{kind} {self.draws_on}"


class Line(Strict):
    """An ordered list of steps. (A computed line, e.g. a hereditary order,
    will stand here as an alternative to ``steps``.)"""

    citation: Citation | None = None
    steps: list[Step] = Field(min_length=1)


class Lines(Strict):
    """The line for a permanent vacancy and the one for temporary incapacity."""

    permanent: Line | None = None
    temporary: Line | None = None


class Causes(Strict):
    """The vacancy causes an office recognises."""

    permanent: list[PermanentCause] = Field(min_length=1)
    temporary: list[TemporaryCause] = Field(default_factory=list)
    citation: Citation


class ResignationRule(Strict):
    """When a resignation takes effect, and who must accept it."""

    effective: Literal["on_submission", "on_acceptance"] = "on_submission"
    accepted_by: Ident | None = None
    citation: Citation

    @model_validator(mode="after")
    def _acceptor(self) -> ResignationRule:
        if self.effective == "on_acceptance" and self.accepted_by is None:
            raise ValueError("effective: on_acceptance needs accepted_by (the body that accepts)")
        return self


class Office(Strict):
    """An office: its causes of vacancy, its resignation rule, its lines."""

    name: str
    citation: Citation
    member_of: Ident | None = Field(default=None, description="the body this office belongs to")
    causes: Causes
    resignation: ResignationRule | None = None
    eligibility: list[Requirement] = Field(
        default_factory=list, description="conditions for anyone to hold or exercise the office"
    )
    lines: Lines = Field(default_factory=Lines)
    note: str | None = None

    def line(self, kind: LineKind) -> Line | None:
        """The permanent or temporary line."""
        return self.lines.permanent if kind == "permanent" else self.lines.temporary


class Rules(Strict):
    """A rule file: one version or reading of one jurisdiction's law."""

    schema_version: Literal[1]
    jurisdiction: Ident
    title: str
    version: str = Field(description="the version of the law, e.g. '2009'")
    reading: str | None = Field(
        default=None,
        description="the contested reading this file encodes; absent for the base text",
    )
    valid_from: dt.date
    valid_until: dt.date | None = None
    description: str | None = None
    sources: list[RuleSource] = Field(min_length=1)
    bodies: dict[Ident, Body] = Field(default_factory=dict)
    offices: dict[Ident, Office] = Field(min_length=1)

    def office_ids(self) -> list[str]:
        """Offices in file order."""
        return list(self.offices)


# --- checks that need the whole file ------------------------------------------------


def semantic_problems(rules: Rules) -> list[tuple[DataPath, str, str | None]]:
    """Cross-references, cycles and combinations the field types cannot catch.

    Returns ``(path, message, hint)`` triples; the loader turns paths into
    file positions.
    """
    from ..errors import did_you_mean

    out: list[tuple[DataPath, str, str | None]] = []
    if len(rules.offices) > MAX_OFFICES:
        # checked first: the checks below (and the engine) follow lines
        # office by office, and a line can be no deeper than there are offices
        return [
            (
                ("offices",),
                f"{len(rules.offices):,} offices, over the limit of {MAX_OFFICES:,} (MAX_OFFICES)",
                "no constitution's line comes near it: split the file, or check how it was generated",
            )
        ]
    if rules.valid_until is not None and rules.valid_until < rules.valid_from:
        out.append(
            (
                ("valid_until",),
                f"valid_until ({rules.valid_until}) is before valid_from ({rules.valid_from})",
                "give the last day the version was in force, on or after valid_from",
            )
        )
    offices = set(rules.offices)
    bodies = set(rules.bodies)
    sources = {s.id for s in rules.sources}

    def check_citation(c: Citation | None, path: DataPath) -> None:
        if c is not None and c.source is not None and c.source not in sources:
            out.append(
                (
                    (*path, "source"),
                    f"unknown source {c.source!r}",
                    did_you_mean(c.source, sources, what="sources"),
                )
            )

    def check_body(name: str | None, path: DataPath) -> None:
        if name is not None and name not in bodies:
            out.append(
                (
                    path,
                    f"unknown body {name!r}",
                    did_you_mean(name, bodies, what="bodies") or "declare it under `bodies:`",
                )
            )

    for bid, body in rules.bodies.items():
        check_citation(body.citation, ("bodies", bid, "citation"))

    for oid, office in rules.offices.items():
        base: DataPath = ("offices", oid)
        check_citation(office.citation, (*base, "citation"))
        check_citation(office.causes.citation, (*base, "causes", "citation"))
        check_body(office.member_of, (*base, "member_of"))
        if office.resignation is not None:
            check_citation(office.resignation.citation, (*base, "resignation", "citation"))
            check_body(office.resignation.accepted_by, (*base, "resignation", "accepted_by"))
        for i, req in enumerate(office.eligibility):
            check_citation(req.citation, (*base, "eligibility", i, "citation"))
            check_body(req.confirmed_by, (*base, "eligibility", i, "confirmed_by"))
        for kind in ("permanent", "temporary"):
            line = office.line(kind)
            if line is None:
                continue
            lpath: DataPath = (*base, "lines", kind)
            check_citation(line.citation, (*lpath, "citation"))
            seen_elective = False
            earlier: list[str] = []
            for i, step in enumerate(line.steps):
                spath: DataPath = (*lpath, "steps", i)
                check_citation(step.citation, (*spath, "citation"))
                if step.office is not None:
                    if step.office not in offices:
                        out.append(
                            (
                                (*spath, "office"),
                                f"unknown office {step.office!r}",
                                did_you_mean(step.office, offices, what="offices"),
                            )
                        )
                    elif step.office == oid:
                        out.append(
                            (
                                (*spath, "office"),
                                f"the line of {oid!r} names {oid!r} itself",
                                "a line lists other offices",
                            )
                        )
                check_body(step.body, (*spath, "body"))
                if kind == "temporary" and step.mode == "becomes":
                    out.append(
                        (
                            (*spath, "mode"),
                            "a step of a temporary line cannot make its person holder",
                            "write `mode: acts`: the holder is only incapacitated",
                        )
                    )
                if seen_elective and step.mode == "becomes":
                    out.append(
                        (
                            (*spath, "mode"),
                            "a step after an elective step only serves until the designation",
                            "write `mode: acts`",
                        )
                    )
                if step.body is not None:
                    seen_elective = True
                if isinstance(step.yields_to, list):
                    for j, name in enumerate(step.yields_to):
                        if name not in earlier:
                            out.append(
                                (
                                    (*spath, "yields_to", j),
                                    f"{name!r} is not an earlier step of this line",
                                    did_you_mean(name, earlier, what="earlier steps")
                                    or "yields_to names offices or bodies listed above this step",
                                )
                            )
                for j, req in enumerate(step.eligibility):
                    check_citation(req.citation, (*spath, "eligibility", j, "citation"))
                    check_body(req.confirmed_by, (*spath, "eligibility", j, "confirmed_by"))
                for j, ob in enumerate(step.obligations):
                    check_citation(ob.citation, (*spath, "obligations", j, "citation"))
                    check_body(ob.by, (*spath, "obligations", j, "by"))
                earlier.append(step.draws_on)
            first_at: dict[str, int] = {}
            for i, step in enumerate(line.steps):
                if step.id is None:
                    continue
                if step.id in first_at:
                    out.append(
                        (
                            (*lpath, "steps", i, "id"),
                            f"step id {step.id!r} is used twice in this line (first at step {first_at[step.id] + 1})",
                            "give each step of a line a distinct id",
                        )
                    )
                first_at.setdefault(step.id, i)
    out.extend(_cycles(rules))
    return out


def _cycles(rules: Rules) -> list[tuple[DataPath, str, str | None]]:
    """A line that leads back to its own office through other offices' lines."""
    graph: dict[str, list[tuple[str, DataPath]]] = {}
    for oid, office in rules.offices.items():
        edges: list[tuple[str, DataPath]] = []
        for kind in ("permanent", "temporary"):
            line = office.line(kind)
            if line is None:
                continue
            for i, step in enumerate(line.steps):
                if step.office in rules.offices and step.office != oid:
                    edges.append(
                        (step.office, ("offices", oid, "lines", kind, "steps", i, "office"))
                    )
        graph[oid] = edges
    out: list[tuple[DataPath, str, str | None]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for target, path in graph[node]:
            if state.get(target) == 1:
                cycle = [*stack[stack.index(target) :], target]
                out.append(
                    (
                        path,
                        "the lines form a cycle: " + " → ".join(cycle),
                        "an office may not appear, directly or through other lines, in its own line",
                    )
                )
            elif target not in state:
                visit(target)
        stack.pop()
        state[node] = 2

    for oid in graph:
        if oid not in state:
            visit(oid)
    return out
