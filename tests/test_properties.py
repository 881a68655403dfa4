"""Property tests: generated rule files and scenarios.

(a) rule files survive YAML and the loader unchanged;
(b) the engine agrees with :mod:`tests.reference_model` at every checkpoint
    of generated scenarios (after every act, effect and birthday);
(c) invariants of every timeline;
plus the engine raising only ``SuccessionError`` on impossible events, and
regression tests for the engine issues these tests found.

Run the larger variants with ``SUCCESSION_SLOW=1 pytest -m slow``.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from succession.engine import simulate
from succession.engine.timeline import Timeline
from succession.errors import SuccessionError
from succession.load import parse_rules, parse_scenario
from tests import strategies as S
from tests.helpers import (
    check_invariants,
    compare_with_reference,
    load_generated,
    run_generated,
)
from tests.reference_model import event_instants

QUICK = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SLOW = settings(
    max_examples=2000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
slow = pytest.mark.skipif(
    not os.environ.get("SUCCESSION_SLOW"), reason="set SUCCESSION_SLOW=1 to run"
)


# --- helpers ------------------------------------------------------------------------------------


def general_scenarios(**kw: Any) -> st.SearchStrategy[S.Generated]:
    return S.scenarios(**kw)


def normalise(data: Any, key: str | None = None) -> Any:
    """A generated file as ``model_dump(mode="json", exclude_unset=True)`` gives
    it back: citation shorthand expanded, dates as text."""
    if key == "citation" and isinstance(data, str):
        return {"article": data}
    if isinstance(data, dict):
        return {k: normalise(v, k) for k, v in data.items()}
    if isinstance(data, list):
        return [normalise(v) for v in data]
    if isinstance(data, dt.date):
        return data.isoformat()
    return data


# --- (a) round trip -------------------------------------------------------------------------------


@QUICK
@given(S.rule_files(wild_text=False))
def test_rule_files_round_trip(data: dict[str, Any]) -> None:
    loaded = parse_rules(S.dump(data), "generated.yaml")
    back = loaded.rules.model_dump(mode="json", exclude_unset=True)
    assert back == normalise(data)
    # and once more from the model's own dump
    again = parse_rules(S.dump(back), "again.yaml")
    assert again.rules == loaded.rules


@QUICK
@given(S.rule_files(wild_text=True, max_offices=3))
def test_rule_files_round_trip_any_text(data: dict[str, Any]) -> None:
    """Names, titles, notes and quotes of any text come back as written."""
    text = S.dump(data)
    note(text)
    loaded = parse_rules(text, "generated.yaml")
    assert loaded.rules.model_dump(mode="json", exclude_unset=True) == normalise(data)


@QUICK
@given(S.scenarios(max_events=6))
def test_scenarios_load(gen: S.Generated) -> None:
    """Generated scenarios pass the loader, and the loader keeps their events."""
    _, loaded = load_generated(gen)
    assert [e.id for e in loaded.scenario.events] == [e["id"] for e in gen.scenario["events"]]
    assert set(loaded.scenario.holders) == set(gen.rules["offices"])


# --- (b) the engine against the reference model -----------------------------------------------------


@settings(QUICK, max_examples=120)
@given(S.scenarios(max_events=12))
def test_engine_agrees_with_reference(gen: S.Generated) -> None:
    compare_with_reference(gen)


@settings(QUICK, max_examples=60)
@given(S.scenarios(min_events=8, max_events=25, max_offices=5, dense=True))
def test_engine_agrees_with_reference_small_and_long(gen: S.Generated) -> None:
    """Few offices, long lines and many events: lower steps serve, higher ones come back."""
    compare_with_reference(gen)


# --- (c) invariants --------------------------------------------------------------------------------


@QUICK
@given(general_scenarios(max_events=10))
def test_invariants(gen: S.Generated) -> None:
    check_invariants(run_generated(gen))


@QUICK
@given(general_scenarios(max_events=10), st.data())
def test_later_events_do_not_change_the_past(gen: S.Generated, data: st.DataObject) -> None:
    full = run_generated(gen)
    events = gen.scenario["events"]
    k = data.draw(st.integers(0, len(events)), label="prefix length")
    prefix = S.Generated(gen.rules, {**gen.scenario, "events": events[:k]})
    short = run_generated(prefix)
    # everything before the instant of the first event left out is the same
    cut = event_instants(events)[k] if k < len(events) else dt.datetime.max
    before_full = [e for e in full.entries if e.instant < cut]
    before_short = [e for e in short.entries if e.instant < cut]
    assert before_full == before_short


@QUICK
@given(general_scenarios(max_events=10))
def test_deterministic(gen: S.Generated) -> None:
    loaded_rules, loaded = load_generated(gen)
    first = simulate(loaded_rules.rules, loaded.scenario)
    second = simulate(loaded_rules.rules, loaded.scenario)
    assert first.entries == second.entries
    third = run_generated(gen)  # from the text again
    assert [e.state for e in third.entries] == [e.state for e in first.entries]


@settings(QUICK, max_examples=60)
@given(S.wild_scenarios())
def test_impossible_events_raise_only_succession_errors(gen: S.Generated) -> None:
    try:
        timeline = run_generated(gen)
    except SuccessionError:
        return
    check_invariants(timeline)


def test_reference_covers_the_seed_pattern() -> None:
    """A hand-written check of the reference model itself (Bolivia-like):
    the holder of o0 becomes o2's holder and leaves o0, whose line fills it."""
    rules = {
        "offices": {
            "o0": {"causes": {"permanent": ["resignation"]}},
            "o1": {
                "causes": {"permanent": ["resignation"]},
                "lines": {"permanent": {"steps": [{"office": "o0", "mode": "becomes"}]}},
            },
            "o2": {
                "causes": {"permanent": ["resignation"]},
                "lines": {"permanent": {"steps": [{"office": "o1", "mode": "becomes"}]}},
            },
        }
    }
    from tests.reference_model import ReferenceModel

    m = ReferenceModel.start(
        rules, [{"id": "a"}, {"id": "b"}, {"id": "c"}], {"o0": "a", "o1": "b", "o2": "c"}, S.START
    )
    m.apply({"id": "e0", "type": "resignation", "person": "c", "office": "o2", "date": S.START})
    assert (m.holder_of("o2"), m.holder_of("o1"), m.holder_of("o0")) == ("b", "a", None)


# --- slow variants ---------------------------------------------------------------------------------


@pytest.mark.slow
@slow
@SLOW
@given(S.scenarios(max_events=30))
def test_engine_agrees_with_reference_slow(gen: S.Generated) -> None:
    compare_with_reference(gen)


@pytest.mark.slow
@slow
@settings(SLOW, max_examples=500)
@given(general_scenarios(max_events=20))
def test_invariants_slow(gen: S.Generated) -> None:
    check_invariants(run_generated(gen))


# --- regressions: issues these tests found in the engine, now fixed -------------------------

_KNOWN_RULES = """
schema_version: 1
jurisdiction: x
title: known issue
version: "1"
valid_from: 2000-01-01
sources: [{{id: src, title: s}}]
offices:
  o0:
    name: A
    citation: a
    causes: {{permanent: [death, resignation], citation: a}}
  o1:
    name: B
    citation: b
    causes: {{permanent: [death, resignation], citation: b}}
    {o1_extra}
  o2:
    name: C
    citation: c
    causes: {{permanent: [death, resignation], citation: c}}
    {o2_extra}
"""
_KNOWN_SCENARIO = """
schema_version: 1
title: known issue
rules: r.yaml
people:
  - {{id: p0, name: P0{born}}}
  - {{id: p1, name: P1}}
  - {{id: p2, name: P2}}
start: 2000-01-01
holders: {holders}
events:
{events}
"""


def _known(
    o1_extra: str, o2_extra: str, holders: str, events: list[str], born: str = ""
) -> Timeline:
    rules = parse_rules(_KNOWN_RULES.format(o1_extra=o1_extra, o2_extra=o2_extra), "r.yaml")
    body = "\n".join(
        f"  - {{id: e{i}, date: 2000-01-{i + 2:02d}, {e}, source: {{record: g}}}}"
        for i, e in enumerate(events)
    )
    scenario = parse_scenario(
        _KNOWN_SCENARIO.format(holders=holders, events=body or "  []", born=born),
        "s.yaml",
        rules=rules,
    )
    return simulate(rules.rules, scenario.scenario)


# Found by these tests and fixed in the engine (9f83722, 5fc5590): kept as regression tests.


def test_regression_elect_kept_while_someone_acts() -> None:
    tl = _known(
        "lines: {permanent: {steps: [{office: o0, mode: acts, tenure: ex_officio, citation: s}]}}",
        "",
        "{o0: vacant, o1: p1, o2: vacant}",
        [
            "type: elected, person: p2, office: o1, takes_office: false",
            "type: resignation, person: p1, office: o1",
            "type: elected, person: p0, office: o0",  # p0 now acts in o1 ex officio
            "type: took_office, person: p2, office: o1",  # the president-elect takes office
        ],
    )
    assert tl.entries[3].state.offices["o1"].acting_id == "p0"
    assert tl.entries[3].state.offices["o1"].elect.person == "p2"  # type: ignore[union-attr]
    assert tl.final.offices["o1"].holder_id == "p2"


def test_regression_elect_kept_beside_a_line_entitlement() -> None:
    tl = _known(
        "lines: {permanent: {steps: [{office: o0, mode: becomes, takes_effect: on_taking_office, citation: s}]}}",
        "",
        "{o0: vacant, o1: p1, o2: vacant}",
        [
            "type: elected, person: p2, office: o1, takes_office: false",
            "type: resignation, person: p1, office: o1",
            "type: elected, person: p0, office: o0",  # p0 becomes entitled to o1 by its line
            "type: took_office, person: p2, office: o1",
        ],
    )
    assert tl.final.offices["o1"].holder_id == "p2"


def test_regression_unknown_office_tracked_after_an_election() -> None:
    tl = _known(
        "lines: {permanent: {steps: [{office: o0, mode: becomes, citation: s}]}}",
        "",
        "{o0: unknown, o1: p1, o2: vacant}",
        [
            "type: elected, person: p0, office: o0",  # now o0's holder is known
            "type: resignation, person: p1, office: o1",
        ],
    )
    assert tl.final.offices["o1"].holder_id == "p0"


def test_regression_coming_of_age() -> None:
    tl = _known(
        "",
        "eligibility: [{min_age: 30, citation: x}]\n"
        "    lines: {permanent: {steps: [{office: o0, mode: becomes, citation: s}]}}",
        "{o0: p0, o1: p1, o2: vacant}",
        ["type: resignation, person: p1, office: o1"],  # 2000-01-02, an unrelated event
        born=", born: 1970-01-03",  # p0 turns 30 the day after
    )
    assert tl.state_at(dt.datetime(2000, 1, 2, 12)).offices["o2"].holder_id is None
    assert tl.state_at(dt.datetime(2000, 1, 3)).offices["o2"].holder_id == "p0"


def test_regression_leaves_through_ex_officio() -> None:
    tl = _known(
        "lines: {permanent: {steps: [{office: o0, mode: becomes, tenure: ex_officio, citation: s}]}}",
        "lines: {permanent: {steps: [{office: o1, mode: becomes, tenure: leaves, citation: s}]}}",
        "{o0: p0, o1: vacant, o2: vacant}",
        [],
    )
    held = tl.final.offices_of("p0")
    in_person = [o for o in held if tl.final.offices[o].holder.bound_to is None]  # type: ignore[union-attr]
    assert len(in_person) <= 1, held


def test_regression_leaves_via_an_acting_role() -> None:
    """Someone acting ex officio who succeeds through that acting role
    (accept_acting, leaves) leaves the office the role comes with."""
    tl = _known(
        "lines: {permanent: {steps: [{office: o0, mode: acts, tenure: ex_officio, citation: s}]}}",
        "lines: {permanent: {steps: [{office: o1, mode: becomes, accept_acting: true, citation: s}]}}",
        "{o0: p0, o1: vacant, o2: vacant}",
        [],
    )
    assert tl.final.offices_of("p0") == ["o2"]


def test_regression_ex_officio_role_drawn_on_an_acting_person_settles() -> None:
    """An ex officio step with accept_acting, drawing on someone only acting in
    the source office, used to loop ('the rules do not settle')."""
    tl = _known(
        "lines: {permanent: {steps: [{office: o0, mode: acts, tenure: ex_officio, citation: s}]}}",
        "lines: {permanent: {steps: [{office: o1, mode: acts, tenure: ex_officio, accept_acting: true, citation: s}]}}",
        "{o0: p0, o1: vacant, o2: vacant}",
        ["type: resignation, person: p0, office: o0"],
    )
    start = tl.entries[0].state
    assert (start.offices["o1"].acting_id, start.offices["o2"].acting_id) == ("p0", "p0")
    assert (tl.final.offices["o1"].acting_id, tl.final.offices["o2"].acting_id) == (None, None)
