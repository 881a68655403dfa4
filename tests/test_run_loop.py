"""The run loop and the timeline decoded from the engine's record: effects
scheduled at the instant of an event come before it, and every entry's state
and changes read the same on either side of a snapshot."""

from __future__ import annotations

import datetime as dt
from typing import Any

from succession.engine.record import SNAPSHOT_EVERY
from tests.helpers import run

ENTITLED_ON_TAKING_OFFICE = {
    "president": {
        "lines": {
            "permanent": {
                "steps": [{"office": "vp", "mode": "becomes", "takes_effect": "on_taking_office"}]
            }
        }
    },
    "vp": {},
}


def test_a_resignation_taking_effect_at_an_events_instant_comes_before_it() -> None:
    # the Vice President is entitled once the resignation takes effect at noon,
    # and takes office at noon: the succession is in law, not a claim
    tl = run(
        ENTITLED_ON_TAKING_OFFICE,
        {"president": "p", "vp": "v"},
        [
            {
                "date": "2000-01-15",
                "type": "resignation",
                "person": "p",
                "office": "president",
                "effective_at": "2000-02-01T12:00",
            },
            {
                "date": "2000-02-01",
                "time": "12:00",
                "type": "took_office",
                "person": "v",
                "office": "president",
            },
        ],
    )
    st = tl.state_at("2000-02-01T12:00").offices["president"]
    assert st.holder_id == "v"
    assert st.claims == ()
    effect, act = tl.entries[-2:]
    assert effect.instant == act.instant and effect.kind != "event" and act.kind == "event"


def test_states_and_changes_read_the_same_across_snapshots() -> None:
    n = SNAPSHOT_EVERY * 2 + 3
    people = [f"x{i}" for i in range(n)]
    events: list[dict[str, Any]] = [
        {
            "date": (dt.date(2000, 1, 2) + dt.timedelta(days=i)).isoformat(),
            "type": "elected",
            "person": pid,
            "office": "president",
        }
        for i, pid in enumerate(people)
    ]
    tl = run({"president": {}}, {"president": "p"}, events)
    assert len(tl.entries) == n + 1  # the start, then one entry per election
    for i, entry in enumerate(tl.entries):
        expected = "p" if i == 0 else people[i - 1]
        assert entry.state.offices["president"].holder_id == expected, f"entry {i}"
        if i:
            holder = [c for c in entry.changes if c.aspect == "holder"]
            before = "p" if i == 1 else people[i - 2]
            assert [(c.before, c.after) for c in holder] == [(before, expected)], f"entry {i}"
