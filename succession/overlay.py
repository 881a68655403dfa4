"""Applying an overlay to its base rule file.

Every problem is reported at the overlay's ``file:line:col``: a change that
names an office, line or step the base does not have, an overlay for another
jurisdiction, or a change whose result breaks the rules (a cycle, a
``yields_to`` that no longer names an earlier step).
"""

from __future__ import annotations

from .errors import DataPath, InputError, Location, Problem, did_you_mean
from .model.common import Citation
from .model.overlay import (
    AddObligation,
    InsertStep,
    Overlay,
    OverlayChange,
    RemoveObligation,
    RemoveStep,
    ReplaceStep,
    SetResignation,
    SetStep,
)
from .model.rules import Line, Office, ResignationRule, Rules, Step, semantic_problems
from .yamlio import Positions


class _Patcher:
    def __init__(self, base: Rules, overlay: Overlay, positions: Positions) -> None:
        self.base = base
        self.ov = overlay
        self.pos = positions
        self.offices: dict[str, Office] = dict(base.offices)
        self.problems: list[Problem] = []
        #: where each object the overlay brought in was written, by id(); the
        #: object is kept so that its id is not reused while patching
        self.origin: dict[int, tuple[object, DataPath]] = {}
        #: the last change that touched each office
        self.touched: dict[str, DataPath] = {}

    def problem(self, path: DataPath, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(message, self.pos.at(path), hint))

    def mark(self, obj: object, path: DataPath) -> None:
        self.origin[id(obj)] = (obj, path)

    def origin_of(self, obj: object) -> DataPath | None:
        found = self.origin.get(id(obj))
        return found[1] if found is not None and found[0] is obj else None

    def citation(
        self, given: Citation | None, replaces: Citation | None, note: str | None = None
    ) -> Citation:
        chosen = given or self.ov.citation
        notes = [n for n in (chosen.note, note) if n]
        if replaces is not None and replaces.article != chosen.article:
            notes.append(f"the reading {self.ov.reading!r} of {replaces}")
        if not notes or notes == [chosen.note]:
            return chosen
        return chosen.model_copy(update={"note": "; ".join(notes)})

    # -- finding things

    def office(self, oid: str, path: DataPath) -> Office | None:
        office = self.offices.get(oid)
        if office is None:
            self.problem(
                (*path, "office"),
                f"the base rules have no office {oid!r}",
                did_you_mean(oid, self.offices, what="offices"),
            )
        return office

    def line(self, oid: str, kind: str, path: DataPath) -> tuple[Office, Line] | None:
        office = self.office(oid, path)
        if office is None:
            return None
        line = office.line(kind)  # type: ignore[arg-type]
        if line is None:
            have = [k for k in ("permanent", "temporary") if office.line(k) is not None]
            self.problem(
                (*path, "line"),
                f"{oid!r} has no {kind} line",
                f"its lines: {', '.join(have)}"
                if have
                else f"{oid!r} has no lines; insert_step cannot start one",
            )
            return None
        return office, line

    def index(self, oid: str, kind: str, line: Line, name: str | int, path: DataPath) -> int | None:
        if isinstance(name, int) and not isinstance(name, bool):
            if 1 <= name <= len(line.steps):
                return name - 1
            self.problem(
                path,
                f"the {kind} line of {oid!r} has {len(line.steps)} steps; there is no step {name}",
                f"number steps from 1 to {len(line.steps)}, or name one by its id",
            )
            return None
        for i, step in enumerate(line.steps):
            if step.id == name:
                return i
        ids = [s.id for s in line.steps if s.id]
        self.problem(
            path,
            f"the {kind} line of {oid!r} has no step {name!r}",
            did_you_mean(str(name), ids, what="step ids")
            or (
                f"its steps have ids {', '.join(ids)}"
                if ids
                else "its steps have no ids: name one by its position (1, 2, ...)"
            ),
        )
        return None

    def put_line(self, oid: str, kind: str, steps: list[Step] | None) -> None:
        office = self.offices[oid]
        line = office.line(kind)  # type: ignore[arg-type]
        new_line = (
            None
            if not steps
            else (line.model_copy(update={"steps": steps}) if line else Line(steps=steps))
        )
        self.offices[oid] = office.model_copy(
            update={"lines": office.lines.model_copy(update={kind: new_line})}
        )

    # -- the changes

    def apply(self, i: int, change: OverlayChange) -> None:
        path: DataPath = ("changes", i, change.kind)
        body = change.body
        self.touched[body.office] = path
        if isinstance(body, SetResignation):
            self.set_resignation(body, path)
            return
        found = self.line(body.office, body.line, path)
        if found is None:
            return
        _, line = found
        steps = list(line.steps)
        oid, kind = body.office, body.line
        if isinstance(body, InsertStep):
            anchor = body.before if body.before is not None else body.after
            where = "before" if body.before is not None else "after"
            at = self.index(oid, kind, line, anchor, (*path, where))  # type: ignore[arg-type]
            if at is None:
                return
            self.mark(body.step, (*path, "step"))
            steps.insert(at if where == "before" else at + 1, body.step)
            self.put_line(oid, kind, steps)
            return
        at = self.index(oid, kind, line, body.step, (*path, "step"))
        if at is None:
            return
        old = steps[at]
        if isinstance(body, RemoveStep):
            del steps[at]
            self.put_line(oid, kind, steps)
        elif isinstance(body, ReplaceStep):
            self.mark(body.with_, (*path, "with"))
            steps[at] = body.with_
            self.put_line(oid, kind, steps)
        elif isinstance(body, SetStep):
            data = old.model_dump(exclude_unset=True, by_alias=True)
            for name in SetStep.CHANGEABLE:
                value = getattr(body, name)
                if value is not None:
                    data[name] = value
            data["citation"] = self.citation(body.citation, old.citation)
            if body.note:
                data["note"] = f"{old.note}; {body.note}" if old.note else body.note
            try:
                new = Step.model_validate(data)
            except ValueError as exc:
                self.problem(path, f"the changed step is not valid: {_first_message(exc)}")
                return
            self.mark(new, path)
            steps[at] = new
            self.put_line(oid, kind, steps)
        elif isinstance(body, AddObligation):
            new = old.model_copy(update={"obligations": [*old.obligations, body.obligation]})
            self.mark(body.obligation, (*path, "obligation"))
            inherited = self.origin_of(old)
            if inherited is not None:
                self.mark(new, inherited)
            steps[at] = new
            self.put_line(oid, kind, steps)
        elif isinstance(body, RemoveObligation):
            kept = [ob for ob in old.obligations if ob.kind != body.kind]
            if len(kept) == len(old.obligations):
                present = sorted({ob.kind for ob in old.obligations})
                self.problem(
                    (*path, "kind"),
                    f"step {body.step!r} of the {kind} line of {oid!r} has no {body.kind} obligation",
                    f"its obligations: {', '.join(present)}"
                    if present
                    else "it has no obligations",
                )
                return
            new = old.model_copy(update={"obligations": kept})
            inherited = self.origin_of(old)
            if inherited is not None:
                self.mark(new, inherited)
            steps[at] = new
            self.put_line(oid, kind, steps)

    def set_resignation(self, body: SetResignation, path: DataPath) -> None:
        office = self.office(body.office, path)
        if office is None:
            return
        if "resignation" not in office.causes.permanent:
            self.problem(
                (*path, "office"),
                f"{body.office!r} does not recognise resignation as a cause of vacancy in the base rules",
                "a resignation rule only matters for an office one can resign",
            )
            return
        old = office.resignation
        rule = ResignationRule(
            effective=body.effective,
            accepted_by=body.accepted_by,
            citation=self.citation(body.citation, old.citation if old else None, body.note),
        )
        self.offices[body.office] = office.model_copy(update={"resignation": rule})

    # -- the result

    def result(self) -> Rules:
        known = {s.id for s in self.base.sources}
        added = [s for s in self.ov.sources if s.id not in known]
        return self.base.model_copy(
            update={
                "title": self.ov.title or f"{self.base.title} — reading: {self.ov.reading}",
                "reading": self.ov.reading,
                "description": self.ov.description or self.base.description,
                "sources": [*self.base.sources, *added],
                "offices": self.offices,
            }
        )

    def locate_problem(self, rules: Rules, path: DataPath) -> tuple[Location, bool]:
        """Where in the overlay a problem of the patched rules comes from;
        the flag says whether the place is the change itself (not its content)."""
        if len(path) >= 6 and path[0] == "offices" and path[2] == "lines" and path[4] == "steps":
            oid, kind, idx = str(path[1]), str(path[3]), path[5]
            line = rules.offices[oid].line(kind) if oid in rules.offices else None  # type: ignore[arg-type]
            if line is not None and isinstance(idx, int) and idx < len(line.steps):
                step = line.steps[idx]
                rest = path[6:]
                if (
                    len(rest) >= 2
                    and rest[0] == "obligations"
                    and isinstance(rest[1], int)
                    and rest[1] < len(step.obligations)
                ):
                    origin = self.origin_of(step.obligations[rest[1]])
                    if origin is not None:
                        return self.pos.at((*origin, *rest[2:])), False
                origin = self.origin_of(step)
                if origin is not None:
                    return self.pos.at((*origin, *rest)), False
        if len(path) >= 2 and path[0] == "offices" and str(path[1]) in self.touched:
            return self.pos.at(self.touched[str(path[1])]), True
        return self.pos.at(("changes",)), True


def describe_path(path: DataPath) -> str:
    """A rule-file path in words, steps counted from 1: 'president, permanent
    line, step 2, obligation 1, by'."""
    words: list[str] = []
    parts = list(path)
    if parts[:1] == ["offices"] and len(parts) >= 2:
        words.append(str(parts[1]))
        parts = parts[2:]
    i = 0
    while i < len(parts):
        part = parts[i]
        nxt = parts[i + 1] if i + 1 < len(parts) else None
        if part == "lines" and nxt is not None:
            words.append(f"{nxt} line")
            i += 2
        elif part in ("steps", "obligations", "eligibility", "yields_to") and isinstance(nxt, int):
            words.append(f"{str(part).rstrip('s')} {nxt + 1}")
            i += 2
        else:
            words.append(str(part))
            i += 1
    return ", ".join(words)


def _first_message(exc: Exception) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors):
        found = errors()
        if found:
            return str(found[0].get("msg", exc)).removeprefix("Value error, ")
    return str(exc)


def apply_overlay(base: Rules, overlay: Overlay, positions: Positions, base_file: str) -> Rules:
    """The base rules with the overlay's changes made.

    Raises :class:`InputError` with every problem at the overlay's positions.
    """
    p = _Patcher(base, overlay, positions)
    if overlay.jurisdiction != base.jurisdiction:
        p.problem(
            ("jurisdiction",),
            f"this overlay is for {overlay.jurisdiction!r}, but its base {base_file} is for {base.jurisdiction!r}",
            f"write `jurisdiction: {base.jurisdiction}` or name a base rule file of {overlay.jurisdiction!r}",
        )
    if overlay.version is not None and overlay.version != base.version:
        p.problem(
            ("version",),
            f"this overlay is for version {overlay.version!r}, but its base {base_file} is version {base.version!r}",
            f"write `version: {base.version!r}` or name the right base file",
        )
    base_sources = {s.id: s for s in base.sources}
    for i, src in enumerate(overlay.sources):
        if src.id in base_sources and base_sources[src.id] != src:
            p.problem(
                ("sources", i, "id"),
                f"the base {base_file} already has a source {src.id!r}",
                "give the overlay's source another id, or cite the base's",
            )
    sources = set(base_sources) | {s.id for s in overlay.sources}
    bodies = set(base.bodies)
    _check_refs(p, overlay, sources, bodies)
    for i, change in enumerate(overlay.changes):
        p.apply(i, change)
    if p.problems:
        raise InputError(p.problems)
    rules = p.result()
    for path, message, hint in semantic_problems(rules):
        where, generic = p.locate_problem(rules, path)
        if generic:
            message = f"after this change, {message} (at {describe_path(path)})"
        p.problems.append(Problem(message, where, hint))
    if p.problems:
        raise InputError(p.problems)
    return rules


def _check_refs(p: _Patcher, overlay: Overlay, sources: set[str], bodies: set[str]) -> None:
    """Sources and bodies named by the overlay itself."""

    def citation(c: Citation | None, path: DataPath) -> None:
        if c is not None and c.source is not None and c.source not in sources:
            p.problem(
                (*path, "source"),
                f"unknown source {c.source!r}",
                did_you_mean(c.source, sources, what="sources")
                or "declare it under the overlay's `sources:` or the base file's",
            )

    citation(overlay.citation, ("citation",))
    for i, change in enumerate(overlay.changes):
        path: DataPath = ("changes", i, change.kind)
        body = change.body
        citation(body.citation, (*path, "citation"))
        if (
            isinstance(body, SetResignation)
            and body.accepted_by is not None
            and body.accepted_by not in bodies
        ):
            p.problem(
                (*path, "accepted_by"),
                f"unknown body {body.accepted_by!r}",
                did_you_mean(body.accepted_by, bodies, what="bodies")
                or "name a body declared in the base file's `bodies:`",
            )


__all__ = ["apply_overlay"]
