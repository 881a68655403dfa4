"""Helpers shared by the test modules (fixtures live in ``conftest.py``).

- ``ROOT``, the repository's top folder;
- small rule files and scenarios written compactly in tests, then run
  through the real loader and engine (``full_rules``, ``load_rules_dict``,
  ``make_scenario``, ``run``);
- generated rule files and scenarios (from :mod:`tests.strategies`) run
  through YAML text and the loader (``load_generated``, ``run_generated``), or
  straight through the models (``engine_probe``);
- the invariants every timeline keeps (``check_state``, ``check_invariants``)
  and the comparison with the reference model (``compare_states``,
  ``entry_of``, ``compare_with_reference``).
"""

from __future__ import annotations

import copy
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from hypothesis import note

from succession.engine import line_report, simulate
from succession.engine.state import State
from succession.engine.timeline import Timeline
from succession.load import LoadedRules, LoadedScenario, parse_rules, parse_scenario
from succession.model.rules import Rules
from succession.model.scenario import Scenario
from succession.why import Names, not_given, note_text, summary

if TYPE_CHECKING:
    from tests import strategies as S

ROOT = Path(__file__).resolve().parent.parent


# --- compact rule files and scenarios ---------------------------------------------------------


def full_rules(offices: dict[str, Any], **top: Any) -> dict[str, Any]:
    """A complete rule file from a compact description: citations and causes
    default to test values where a test does not care about them."""
    offices = copy.deepcopy(offices)
    for office in offices.values():
        office.setdefault("name", "Office")
        office.setdefault("citation", "Art. 1")
        office.setdefault(
            "causes",
            {
                "permanent": ["death", "resignation", "removal", "declared_vacancy"],
                "temporary": ["incapacity", "impeachment", "declared_inability"],
                "citation": "Art. 2",
            },
        )
        for line in (office.get("lines") or {}).values():
            for step in line["steps"]:
                step.setdefault("citation", "Art. 3")
                step.setdefault("mode", "becomes")
    doc = {
        "schema_version": 1,
        "jurisdiction": "test",
        "title": "Test rules",
        "version": "1",
        "valid_from": "1900-01-01",
        "sources": [{"id": "const", "title": "Test constitution"}],
        "bodies": {"congress": {"name": "Congress", "citation": "Art. 9"}},
        "offices": offices,
    }
    doc.update(top)
    return doc


def load_rules_dict(doc: dict[str, Any]) -> LoadedRules:
    """Validate a rule-file dict through the YAML loader."""
    return parse_rules(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), "rules.yaml")


def make_scenario(
    rules: LoadedRules,
    holders: dict[str, Any],
    events: list[dict[str, Any]] | None = None,
    people: list[Any] | None = None,
    expect: list[dict[str, Any]] | None = None,
    start: str = "2000-01-01",
) -> LoadedScenario:
    """A validated scenario. People default to everyone named in holders and
    events; events get ids and sources unless given."""
    names: list[str] = []
    for h in holders.values():
        if isinstance(h, dict):
            h = h.get("person")
        if isinstance(h, str) and h not in ("vacant", "unknown"):
            names.append(h)
    evs = []
    for i, ev in enumerate(events or []):
        ev = dict(ev)
        ev.setdefault("id", f"e{i}")
        ev.setdefault("source", {"record": "test"})
        if "person" in ev:
            names.append(ev["person"])
        evs.append(ev)
    if people is None:
        people = [{"id": n, "name": n.upper()} for n in dict.fromkeys(names)]
    else:
        people = [p if isinstance(p, dict) else {"id": p, "name": p.upper()} for p in people]
    doc = {
        "schema_version": 1,
        "title": "Test scenario",
        "rules": "rules.yaml",
        "people": people,
        "start": start,
        "holders": {o: holders.get(o, "vacant") for o in rules.rules.offices},
        "events": evs,
        "expect": expect or [],
    }
    return parse_scenario(
        yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), "scenario.yaml", rules=rules
    )


def run(
    offices: dict[str, Any],
    holders: dict[str, Any],
    events: list[dict[str, Any]] | None = None,
    **kw: Any,
) -> Timeline:
    """Build, validate and simulate in one go."""
    rules = load_rules_dict(full_rules(offices))
    loaded = make_scenario(rules, holders, events, **kw)
    return simulate(rules.rules, loaded.scenario, locate=loaded.locate)


def said(timeline: Timeline, entry: Any, which: str = "notes") -> list[str]:
    """An entry's notes (or ``warnings``), in words."""
    names = Names(timeline)
    return [note_text(n, names, entry.instant) for n in getattr(entry, which)]


# --- generated rule files and scenarios ------------------------------------------------------

_RULES_CACHE: list[Any] = [None, None]


def _rules_model(rules: dict[str, Any]) -> Rules:
    if _RULES_CACHE[0] is not rules:
        _RULES_CACHE[:] = [rules, Rules.model_validate(rules)]
    return _RULES_CACHE[1]  # type: ignore[no-any-return]


def engine_probe(rules: dict[str, Any], scenario: dict[str, Any]) -> Timeline:
    """The engine's timeline (what the event generator sees)."""
    return simulate(_rules_model(rules), Scenario.model_validate(scenario))


def load_generated(gen: S.Generated) -> tuple[LoadedRules, LoadedScenario]:
    """Through YAML text and the loader, as a user's files would go."""
    rules_text, scenario_text = gen.rules_yaml(), gen.scenario_yaml()
    note("rules:\n" + rules_text)
    note("scenario:\n" + scenario_text)
    loaded_rules = parse_rules(rules_text, "generated.yaml")
    return loaded_rules, parse_scenario(
        scenario_text, "generated-scenario.yaml", rules=loaded_rules
    )


def run_generated(gen: S.Generated) -> Timeline:
    """A generated rule file and scenario, loaded from their YAML text and simulated."""
    loaded_rules, loaded = load_generated(gen)
    return simulate(loaded_rules.rules, loaded.scenario, locate=loaded.locate)


# --- invariants -----------------------------------------------------------------------------------


def check_state(timeline: Timeline, state: State, *, lines: bool = True) -> None:
    """Invariants of one state of a timeline."""
    people = state.people
    names = Names(timeline)
    holdings: dict[str, list[str]] = defaultdict(list)
    for oid, o in state.offices.items():
        where = f"{state.instant} {oid}"
        if o.holder is not None:
            h = o.holder
            holdings[h.person].append(oid)
            assert people[h.person].alive, f"{where}: the holder {h.person} is dead"
            assert h.basis.kind and summary(h.basis, names).strip(), (
                f"{where}: holder without a reason"
            )
            if h.basis.kind == "line":
                assert h.step is not None and h.basis.step is not None, f"{where}: no step"
            if h.bound_to is not None:
                src = state.offices[h.bound_to]
                assert src.holder_id == h.person or (
                    _accepts_acting(h) and src.acting_id == h.person
                ), f"{where}: {h.person} holds it ex officio of {h.bound_to} without holding that"
        if o.acting is not None:
            a = o.acting
            assert o.holder is None or o.suspension is not None, (
                f"{where}: acting beside a serving holder"
            )
            assert people[a.person].alive, f"{where}: the acting person {a.person} is dead"
            assert summary(a.basis, names).strip(), f"{where}: acting without a reason"
            assert a.step is not None, f"{where}: acting without a step"
            if a.bound_to is not None:
                src = state.offices[a.bound_to]
                assert (src.holder_id == a.person and src.suspension is None) or (
                    _accepts_acting(a) and src.acting_id == a.person
                ), f"{where}: {a.person} acts ex officio of {a.bound_to} without serving there"
        if o.holder is None:
            assert o.suspension is None, f"{where}: a vacant office is suspended"
        if o.entitled is not None:
            assert people[o.entitled.person].alive, f"{where}: the entitled person is dead"
            assert summary(o.entitled.basis, names).strip(), f"{where}: entitled without a reason"
            # (someone acting under a lower step may be entitled under a higher one)
            assert o.entitled.person != o.holder_id, f"{where}: entitled and holding"
        for c in o.claims:
            assert not_given(c, names).strip(), f"{where}: claim without a reason"
            assert people[c.person].alive, f"{where}: the claimant {c.person} is dead"
        if o.exercising is not None:
            assert people[o.exercising].alive
        if (
            lines
            and o.tracked
            and o.exercising is None
            and (o.holder is None or o.suspension is not None)
        ):
            # nobody exercises the office: its line has nobody who could come in
            # at once (above the first person entitled once they take office,
            # whom the line waits for)
            report = line_report(timeline, oid, state.instant)
            available = []
            for e in report.entries:
                if e.status == "entitled":
                    break
                if e.status == "available":
                    available.append(e)
            assert not available, (
                f"{where}: nobody exercises it, but its {report.kind} line has "
                f"{[(e.person, e.step.describe()) for e in available]} available"
            )
    rules = timeline.rules_at(state.instant)
    named = {
        s.person
        for office in rules.offices.values()
        for line in (office.lines.permanent, office.lines.temporary)
        if line is not None
        for s in line.steps
        if s.person is not None
    }
    for pid, offices in holdings.items():
        if pid in named:
            continue  # a line that names someone gives them the office whatever else they hold
        # one office in person at most; any others only ex officio
        in_person = [
            o
            for o in offices
            if state.offices[o].holder.bound_to is None  # type: ignore[union-attr]
        ]
        assert len(in_person) <= 1, f"{state.instant}: {pid} holds {in_person} de jure in person"


def _accepts_acting(tenure: Any) -> bool:
    """Whether the tenure's step draws on people only acting in its source office."""
    return tenure.step is not None and tenure.step.step.accept_acting


def check_invariants(timeline: Timeline, *, lines: bool = True) -> None:
    """The invariants of every state of a timeline (the line check on the last
    state of each instant only)."""
    entries = timeline.entries
    for i, entry in enumerate(entries):
        last_at_instant = i + 1 == len(entries) or entries[i + 1].instant != entry.instant
        check_state(timeline, entry.state, lines=lines and last_at_instant)


# --- the engine against the reference model ---------------------------------------------------------


def _as_tuple(o: Any) -> tuple[Any, ...]:
    return (
        o.holder_id,
        o.acting_id,
        o.exercising,
        o.entitled.person if o.entitled else None,
        o.elect.person if o.elect else None,
        tuple(sorted(c.person for c in o.claims)),
        tuple(sorted((ob.kind, ob.deadline) for ob in o.obligations)),
    )


FIELDS = "(holder, acting, exercising, entitled, elect, claimants, (obligation, deadline)s)"


def compare_states(state: State, expected: dict[str, Any], label: str) -> None:
    """Each office of ``expected`` (the reference model's snapshot) agrees with
    the engine's state in holder, acting person, who exercises, who is
    entitled, who is elect, who claims it and the obligations pending."""
    for oid, want in expected.items():
        got = _as_tuple(state.offices[oid])
        wanted = (
            want.holder,
            want.acting,
            want.exercising,
            want.entitled,
            want.elect,
            want.claimants,
            want.obligations,
        )
        assert got == wanted, f"{label}, {oid}: engine {FIELDS} = {got}, reference = {wanted}"


def entry_of(timeline: Timeline, event_id: str) -> Any:
    """The entry of the act an event belongs to."""
    found = [e for e in timeline.entries if e.kind == "event" and event_id in e.events]
    assert len(found) == 1, f"{len(found)} entries for event {event_id}"
    return found[0]


def compare_with_reference(gen: S.Generated) -> Timeline:
    """The engine agrees with the reference model at every checkpoint: at the
    start; after every act, at the instant the reference model gives it (the
    engine makes one entry per act, in order); after every resignation taking
    effect later; after the birthdays that change something; and at the end,
    everyone older. Returns the engine's timeline."""
    assert gen.checkpoints is not None and gen.final is not None
    timeline = run_generated(gen)
    entries = timeline.entries
    acts = [e for e in entries if e.kind == "event"]
    points = [c for c in gen.checkpoints if c.kind == "event"]
    assert [(e.instant, e.events) for e in acts] == [(c.instant, c.events) for c in points], (
        "the engine's acts (instant, events) differ from the reference model's"
    )
    for point in gen.checkpoints:
        if point.kind == "start":
            found = [entries[0]]
        elif point.kind == "event":
            found = [e for e in acts if e.events == point.events]
        elif point.kind == "effect":
            found = [
                e
                for e in entries
                if e.kind == "effect" and e.events == point.events and e.instant == point.instant
            ]
            assert len(found) == 1, f"{len(found)} entries for {point.events[0]} taking effect"
        else:  # birthdays: the last effect at that instant that no event caused
            found = [
                e
                for e in entries
                if e.kind == "effect" and not e.events and e.instant == point.instant
            ][-1:]
            assert found, f"no entry at {point.instant}, when someone reaches an age that matters"
        label = f"{point.kind} at {point.instant}" + (
            f" ({', '.join(point.events)})" if point.events else ""
        )
        compare_states(found[-1].state, point.snapshot, label)
    compare_states(timeline.final, gen.final, "at the end (everyone older)")
    return timeline
