"""Properties of overlays, compare and what-if over generated rule files and
event sequences.

- an empty overlay changes nothing;
- an overlay gives the same answers as the rule file edited by hand;
- comparing a reading with itself finds no difference;
- dropping an event that touches no office linked to an office through
  lines (and no person who ever serves in one) leaves that office exactly as
  it was.
"""

from __future__ import annotations

import copy
import os
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, note, settings
from hypothesis import strategies as st

from succession.diff import compare_timelines
from succession.engine import simulate
from succession.errors import SuccessionError
from succession.load import LoadedScenario, parse_rules, parse_scenario
from succession.model.overlay import Overlay
from succession.overlay import apply_overlay
from succession.render.comparison import diff_json
from succession.runs import what_if
from succession.yamlio import Positions
from tests import strategies as S

QUICK = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SLOW = settings(
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
slow = pytest.mark.skipif(
    not os.environ.get("SUCCESSION_SLOW"), reason="set SUCCESSION_SLOW=1 to run"
)

CITATION = {"article": "Reading 1"}


def generated(**kw: Any) -> st.SearchStrategy[S.Generated]:
    return S.scenarios(max_offices=6, max_events=10, **kw)


def loaded(gen: S.Generated, rules: dict[str, Any] | None = None) -> LoadedScenario:
    loaded_rules = parse_rules(S.dump(rules or gen.rules), "generated.yaml")
    return parse_scenario(gen.scenario_yaml(), "generated-scenario.yaml", rules=loaded_rules)


def overlay(changes: list[dict[str, Any]]) -> Overlay:
    return Overlay.model_validate(
        {
            "schema_version": 1,
            "overlay": "generated.yaml",
            "jurisdiction": "gen",
            "reading": "generated",
            "citation": CITATION,
            "changes": changes,
        }
    )


# --- an empty overlay ----------------------------------------------------------------------------


def _empty_overlay_changes_nothing(gen: S.Generated) -> None:
    base = loaded(gen)
    patched = apply_overlay(base.rules.rules, overlay([]), Positions("o.yaml"), "generated.yaml")
    assert patched.offices == base.rules.rules.offices
    assert patched.bodies == base.rules.rules.bodies
    a = simulate(base.rules.rules, base.scenario)
    b = simulate(patched, base.scenario)
    assert compare_timelines([a, b], ["base", "empty overlay"]).same


@QUICK
@given(generated())
def test_an_empty_overlay_changes_nothing(gen: S.Generated) -> None:
    _empty_overlay_changes_nothing(gen)


@slow
@SLOW
@given(generated())
def test_an_empty_overlay_changes_nothing_long(gen: S.Generated) -> None:
    _empty_overlay_changes_nothing(gen)


# --- an overlay is the same as editing the file ------------------------------------------------------


@st.composite
def step_edits(draw: st.DrawFn, rules: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """A set_step change of takes_effect, and the same edit made to the file."""
    places = [
        (oid, kind, i)
        for oid, office in rules["offices"].items()
        for kind, line in office.get("lines", {}).items()
        for i, _ in enumerate(line["steps"])
    ]
    assume(places)
    oid, kind, i = draw(st.sampled_from(places))
    effect = draw(st.sampled_from(["ipso_facto", "on_taking_office"]))
    edited = copy.deepcopy(rules)
    edited["offices"][oid]["lines"][kind]["steps"][i]["takes_effect"] = effect
    change = {"set_step": {"office": oid, "line": kind, "step": i + 1, "takes_effect": effect}}
    return change, edited


def _overlay_is_an_edit(data: st.DataObject) -> None:
    gen = data.draw(generated())
    change, edited = data.draw(step_edits(gen.rules))
    note(f"change: {change}")
    base = loaded(gen)
    try:
        by_hand = loaded(gen, edited)
    except SuccessionError:
        assume(False)
    patched = apply_overlay(
        base.rules.rules, overlay([change]), Positions("o.yaml"), "generated.yaml"
    )
    try:
        a = simulate(by_hand.rules.rules, by_hand.scenario)
    except SuccessionError:
        assume(False)
    b = simulate(patched, base.scenario)
    assert compare_timelines([a, b], ["edited", "overlay"]).same


@QUICK
@given(st.data())
def test_an_overlay_gives_the_answers_of_the_edited_file(data: st.DataObject) -> None:
    _overlay_is_an_edit(data)


@slow
@SLOW
@given(st.data())
def test_an_overlay_gives_the_answers_of_the_edited_file_long(data: st.DataObject) -> None:
    _overlay_is_an_edit(data)


# --- compare a reading with itself --------------------------------------------------------------------


@QUICK
@given(generated())
def test_a_reading_compared_with_itself_has_no_difference(gen: S.Generated) -> None:
    from succession.api import compare

    scenario = loaded(gen)
    result = compare(scenario, [scenario.rules, scenario.rules])
    assert result.same
    assert diff_json(result)["offices"] == []


# --- dropping an event far from a line -----------------------------------------------------------------


def connected(rules: dict[str, Any], oid: str) -> set[str]:
    """The office and every office linked to it by a line, in either direction
    and transitively: the offices an event must touch to change ``oid``. (An
    office whose line draws on ``oid`` can pull its holder away; an office
    its lines draw on supplies it.)"""
    edges: dict[str, set[str]] = {o: set() for o in rules["offices"]}
    for o, office in rules["offices"].items():
        for line in office.get("lines", {}).values():
            for step in line["steps"]:
                src = step.get("office")
                if src is not None:
                    edges[o].add(src)
                    edges[src].add(o)
    seen = {oid}
    todo = [oid]
    while todo:
        for nxt in edges[todo.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def people_in(timeline: Any, offices: set[str]) -> set[str]:
    """Everyone who ever holds, acts in, is entitled or elected to, or claims one of ``offices``."""
    out: set[str] = set()
    for entry in timeline.entries:
        for oid in offices:
            st_ = entry.state.offices[oid]
            for who in (
                st_.holder_id,
                st_.acting_id,
                st_.entitled.person if st_.entitled else None,
                st_.elect.person if st_.elect else None,
                *(c.person for c in st_.claims),
            ):
                if who is not None:
                    out.add(who)
    return out


def _drop_far_event(data: st.DataObject) -> None:
    # Drawn so that a far event exists: the rule file's offices form two sides
    # whose lines never meet, and every event stays on one side; the office
    # watched is on the other side from the event dropped.
    gen = data.draw(generated(sides=True, min_events=1))
    scenario = loaded(gen)
    events = scenario.scenario.events
    dropped = data.draw(st.sampled_from(events))
    side = (
        S.side_of_office(gen.rules, dropped.office)
        if dropped.office is not None
        else S.side_of_person(dropped.person or "")
    )
    others = [o for o in gen.rules["offices"] if S.side_of_office(gen.rules, o) != side]
    oid = data.draw(st.sampled_from(others))
    near = connected(gen.rules, oid)
    named = {
        s.get("person")
        for o in near
        for line in gen.rules["offices"][o].get("lines", {}).values()
        for s in line["steps"]
        if s.get("person") is not None
    }
    recorded = simulate(scenario.rules.rules, scenario.scenario)
    involved = people_in(recorded, near) | named
    far = [e.id for e in events if e.office not in near and e.person not in involved]
    assert dropped.id in far, "the event dropped is not far from the office watched"
    note(f"office {oid}, line offices {sorted(near)}, dropping {dropped.id}")
    try:
        result = what_if(scenario, drop=[dropped.id])
    except SuccessionError:
        assume(False)  # the rest of the scenario needed that event
    assert oid not in {od.office for od in result.diff.offices}, diff_json(result.diff)


@QUICK
@given(st.data())
def test_dropping_an_event_away_from_a_line_leaves_its_office_unchanged(
    data: st.DataObject,
) -> None:
    _drop_far_event(data)


@slow
@SLOW
@given(st.data())
def test_dropping_an_event_away_from_a_line_leaves_its_office_unchanged_long(
    data: st.DataObject,
) -> None:
    _drop_far_event(data)
