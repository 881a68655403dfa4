"""A validated rule file prepared for the engine: step references, the order
in which offices are evaluated, and what depends on what."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ..model.rules import Office, Requirement, Rules
from .state import StepRef

LINE_KINDS = ("permanent", "temporary")


@dataclass(frozen=True)
class Compiled:
    """Rules prepared for evaluation.

    ``refs`` holds each line's steps as :class:`StepRef`; ``rank`` is an
    office's depth (one more than the deepest office its lines name);
    offices are evaluated in ``order`` (by rank, then id), which decides
    between two offices that compete for one person; ``dependents`` lists
    for each office the offices whose lines name it; ``named`` lists for
    each person a line names in a step the offices whose lines name them.
    """

    rules: Rules
    refs: dict[tuple[str, str], tuple[StepRef, ...]]
    rank: dict[str, int]
    dependents: dict[str, tuple[str, ...]]
    named: dict[str, tuple[str, ...]] = field(default_factory=dict)
    order: dict[str, int] = field(default_factory=dict)
    """Each office's place in the order of evaluation."""
    by_order: tuple[str, ...] = ()
    """The offices in the order of evaluation."""
    position: dict[str, int] = field(default_factory=dict)
    """Each office's place in the rule file."""
    ages: tuple[int, ...] = ()
    """The ages some requirement names, in order."""
    _bodies: dict[tuple[str, str | None], tuple[Requirement, ...]] = field(
        default_factory=dict, repr=False, compare=False
    )

    @property
    def offices(self) -> dict[str, Office]:
        """The rule file's offices."""
        return self.rules.offices

    def line(self, office: str, kind: str) -> tuple[StepRef, ...]:
        """The steps of an office's permanent or temporary line."""
        return self.refs[(office, kind)]

    def body_requirements(self, office: str, body: str | None) -> tuple[Requirement, ...]:
        """What someone appointed, elected or designated to ``office`` (by
        ``body``) must meet: the office's requirements, and those of the
        elective steps of its permanent line that ``body`` fills."""
        key = (office, body)
        found = self._bodies.get(key)
        if found is None:
            reqs = list(self.rules.offices[office].eligibility)
            if body is not None:
                for ref in self.refs[(office, "permanent")]:
                    if ref.step.body == body:
                        reqs.extend(ref.step.eligibility)
            found = self._bodies[key] = tuple(reqs)
        return found


def compile_rules(rules: Rules) -> Compiled:
    """Prepare a validated rule file for the engine."""
    refs: dict[tuple[str, str], tuple[StepRef, ...]] = {}
    uses: dict[str, set[str]] = {o: set() for o in rules.offices}
    named: dict[str, list[str]] = {}
    ages: set[int] = set()
    for oid, office in rules.offices.items():
        ages.update(r.min_age for r in office.eligibility if r.min_age is not None)
        for kind in LINE_KINDS:
            line = office.line(kind)  # type: ignore[arg-type]
            steps = line.steps if line is not None else []
            refs[(oid, kind)] = tuple(
                StepRef(oid, kind, i, s, (*office.eligibility, *s.eligibility))  # type: ignore[arg-type]
                for i, s in enumerate(steps)
            )
            for ref in refs[(oid, kind)]:
                s = ref.step
                ages.update(r.min_age for r in s.eligibility if r.min_age is not None)
                if s.office is not None and s.office in uses:
                    uses[s.office].add(oid)
                if s.person is not None and oid not in named.setdefault(s.person, []):
                    named[s.person].append(oid)
    # rank: an office comes after every office its lines name (the loader rejects cycles)
    rank: dict[str, int] = {}
    names: dict[str, list[str]] = {
        oid: [
            r.step.office
            for kind in LINE_KINDS
            for r in refs[(oid, kind)]
            if r.step.office is not None and r.step.office in rules.offices
        ]
        for oid in rules.offices
    }

    def visit(root: str) -> None:
        """rank[office] = 1 + the highest rank of the offices its lines draw
        on (not going back along the current trail), computed depth first
        with an explicit stack: a line may be nested thousands deep."""
        if root in rank:
            return
        stack: list[tuple[str, frozenset[str], Iterator[str], list[int]]] = [
            (root, frozenset(), iter(names[root]), [])
        ]
        while stack:
            oid, trail, children, below = stack[-1]
            for n in children:
                if n in trail:
                    continue
                if n in rank:
                    below.append(rank[n])
                    continue
                stack.append((n, trail | {oid}, iter(names[n]), []))
                break
            else:
                stack.pop()
                rank[oid] = 1 + max(below, default=-1)
                if stack:
                    stack[-1][3].append(rank[oid])

    for oid in rules.offices:
        visit(oid)
    in_file = {oid: i for i, oid in enumerate(rules.offices)}
    evaluation = tuple(sorted(rules.offices, key=lambda o: (rank[o], o)))
    dependents = {
        s: tuple(sorted(users, key=lambda o: (rank[o], in_file[o]))) for s, users in uses.items()
    }
    return Compiled(
        rules,
        refs,
        rank,
        dependents,
        {p: tuple(o) for p, o in named.items()},
        {oid: i for i, oid in enumerate(evaluation)},
        evaluation,
        in_file,
        tuple(sorted(ages)),
    )
