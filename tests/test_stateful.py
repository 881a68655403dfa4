"""A stateful test: a generated rule file, then random legal events, one at a
time (at times of day, on the same day or later, as the strategies draw
them), against both the engine and the reference model.

After every step the whole event list is written out as a scenario, loaded
and simulated; the engine's last state must agree with the reference model
and satisfy the invariants of :mod:`tests.helpers`.

Run the larger variant with ``SUCCESSION_SLOW=1 pytest -m slow``.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
from hypothesis import HealthCheck, note, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from succession.engine import simulate
from succession.engine.timeline import Timeline
from succession.load import LoadedRules, parse_rules, parse_scenario
from tests import strategies as S
from tests.helpers import check_state, compare_states, entry_of
from tests.reference_model import ReferenceModel


class Succession(RuleBasedStateMachine):
    """The engine and the reference model, event by event."""

    newcomers = Bundle("newcomers")

    def __init__(self) -> None:
        super().__init__()
        self.events: list[dict[str, Any]] = []
        self.model: ReferenceModel | None = None
        self.timeline: Timeline | None = None
        self.clock = S.Clock()

    # -- set-up

    @initialize(target=newcomers, data=st.data())
    def build(self, data: st.DataObject) -> Any:
        # the generated rule file (not ``self.rules``: RuleBasedStateMachine
        # keeps its own list of rules under that name)
        self.rule_file = data.draw(S.rule_files(max_offices=6), label="rules")
        self.people, self.holders = data.draw(S.people_and_holders(self.rule_file), label="people")
        self.loaded_rules: LoadedRules = parse_rules(S.dump(self.rule_file), "generated.yaml")
        self.model = ReferenceModel.start(self.rule_file, self.people, self.holders, S.START)
        note("rules:\n" + S.dump(self.rule_file))
        note(f"holders: {self.holders}")
        self.snapshot = self.model.snapshot()
        self.simulate()
        # nobody holds anything yet: the person who does not hold an office at the start
        return self._new_person()

    def _new_person(self) -> str:
        assert self.model is not None
        pid = S.person_id(len(self.people))
        person = {"id": pid, "name": f"Newcomer {len(self.people)}"}
        self.people.append(person)
        self.model.people[pid] = person
        return pid

    # -- running both

    def simulate(self) -> None:
        text = S.dump(S.yaml_ready(S.scenario_dict(self.people, self.holders, self.events)))
        loaded = parse_scenario(text, "generated-scenario.yaml", rules=self.loaded_rules)
        self.timeline = simulate(self.loaded_rules.rules, loaded.scenario, locate=loaded.locate)

    def apply(
        self, data: st.DataObject, kind: str | None = None, body: dict[str, Any] | None = None
    ) -> None:
        """Draw when the next event happens, let time pass until then, and
        apply ``body``, or an event of type ``kind`` possible then (any event,
        if none of that type is)."""
        assert self.model is not None
        day, time = data.draw(S.timings(self.clock, [s[0] for s in self.model.scheduled]))
        at = S.instant_of(self.clock, day, time)
        self.model.advance(at)
        if body is None:
            view = S.view_of_reference(self.model)
            body = data.draw(
                S.next_event(view, self.rule_file, at, only=kind), label=kind or "event"
            )
            if body is None:
                body = data.draw(S.next_event(view, self.rule_file, at), label="event")
            if body is None:
                return
        ev: dict[str, Any] = {"id": f"e{len(self.events)}", "date": day}
        if time is not None:
            ev["time"] = time
        ev.update(body)
        ev["source"] = dict(S.SOURCE)
        note(f"{ev['id']} {at}: {ev['type']} {ev.get('person', '')} {ev.get('office', '')}")
        self.model.apply_batch([ev], at)
        self.clock = self.clock.after(at, time)
        self.snapshot = self.model.snapshot()
        self.events.append(ev)
        self.simulate()

    def possible(self, kind: str) -> bool:
        if self.model is None:
            return False
        return bool(S.menu(S.view_of_reference(self.model), self.rule_file).get(kind))

    def event(self, data: st.DataObject, kind: str) -> None:
        self.apply(data, kind)

    # -- rules: one per event type, each only when such an event is possible

    @precondition(lambda self: self.possible("death"))
    @rule(data=st.data())
    def death(self, data: st.DataObject) -> None:
        self.event(data, "death")

    @precondition(lambda self: self.possible("resignation"))
    @rule(data=st.data())
    def resignation(self, data: st.DataObject) -> None:
        self.event(data, "resignation")

    @precondition(lambda self: self.possible("removal"))
    @rule(data=st.data())
    def removal(self, data: st.DataObject) -> None:
        self.event(data, "removal")

    @precondition(lambda self: self.possible("suspension"))
    @rule(data=st.data())
    def suspension(self, data: st.DataObject) -> None:
        self.event(data, "suspension")

    @precondition(lambda self: self.possible("reinstatement"))
    @rule(data=st.data())
    def reinstatement(self, data: st.DataObject) -> None:
        self.event(data, "reinstatement")

    @precondition(lambda self: self.possible("took_office"))
    @rule(data=st.data())
    def took_office(self, data: st.DataObject) -> None:
        self.event(data, "took_office")

    @precondition(lambda self: self.possible("declines"))
    @rule(data=st.data())
    def declines(self, data: st.DataObject) -> None:
        self.event(data, "declines")

    @precondition(lambda self: self.possible("elected"))
    @rule(data=st.data())
    def elected(self, data: st.DataObject) -> None:
        self.event(data, "elected")

    @precondition(lambda self: self.model is not None)
    @rule(target=newcomers)
    def newcomer(self) -> Any:
        """Someone new enters the scenario (holding nothing)."""
        return self._new_person()

    @precondition(lambda self: self.model is not None)
    @rule(person=newcomers, data=st.data())
    def newcomer_elected(self, person: str, data: st.DataObject) -> None:
        """A newcomer is elected to a known office (if still alive)."""
        assert self.model is not None
        if not self.model.alive(person):
            return
        known = [o for o in self.rule_file["offices"] if self.model.known[o]]
        if not known:
            return
        office = data.draw(st.sampled_from(known), label="office")
        self.apply(data, body={"type": "elected", "person": person, "office": office})

    # -- checks

    @invariant()
    def engine_agrees_with_reference(self) -> None:
        if self.model is None or self.timeline is None:
            return
        # the entry of the last event (birthdays after it come later in the timeline)
        entry = (
            entry_of(self.timeline, self.events[-1]["id"])
            if self.events
            else self.timeline.entries[0]
        )
        compare_states(entry.state, self.snapshot, f"after {len(self.events)} events")

    @invariant()
    def engine_invariants(self) -> None:
        if self.timeline is not None:
            check_state(self.timeline, self.timeline.final)
            if self.events:
                # the entry of the last event, unless something else happened at its instant
                entry = entry_of(self.timeline, self.events[-1]["id"])
                same = [e for e in self.timeline.entries if e.instant == entry.instant]
                check_state(self.timeline, entry.state, lines=same[-1] is entry)


_SETTINGS = dict(
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)

TestSuccession = Succession.TestCase
TestSuccession.settings = settings(max_examples=40, stateful_step_count=25, **_SETTINGS)  # type: ignore[arg-type]


# TestCase is a descriptor that builds the class: mypy cannot use it as a base
@pytest.mark.slow
@pytest.mark.skipif(not os.environ.get("SUCCESSION_SLOW"), reason="set SUCCESSION_SLOW=1 to run")
class TestSuccessionSlow(Succession.TestCase):  # type: ignore[misc, valid-type]
    settings = settings(max_examples=500, stateful_step_count=50, **_SETTINGS)  # type: ignore[arg-type]
