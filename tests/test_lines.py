"""Line reports: who comes next and why the others are passed over."""

from typing import Any

from succession.engine import simulate
from succession.engine.lines import line_report
from succession.engine.timeline import Timeline
from succession.why import Names, line_entry_text
from tests.helpers import full_rules, load_rules_dict, make_scenario

OFFICES = {
    "president": {
        "eligibility": [{"min_age": 35, "citation": "Art. II"}],
        "lines": {
            "permanent": {
                "steps": [
                    {"office": "vp", "mode": "becomes"},
                    {"office": "speaker", "mode": "acts"},
                    {"office": "state", "mode": "acts", "takes_effect": "on_taking_office"},
                ]
            },
            "temporary": {"steps": [{"office": "vp", "mode": "acts", "tenure": "ex_officio"}]},
        },
    },
    "vp": {},
    "speaker": {},
    "state": {},
}
PEOPLE = [
    {"id": "p", "name": "P"},
    {"id": "v", "name": "V"},
    {"id": "s", "name": "S", "born": "1990-01-01"},
    {"id": "k", "name": "K"},
]


def build(events: list[dict[str, Any]]) -> Timeline:
    rules = load_rules_dict(full_rules(OFFICES))
    loaded = make_scenario(
        rules, {"president": "p", "vp": "v", "speaker": "s", "state": "k"}, events, people=PEOPLE
    )
    return simulate(rules.rules, loaded.scenario)


def test_hypothetical_line_while_held() -> None:
    tl = build([])
    r = line_report(tl, "president", tl.final.instant)
    assert r.hypothetical and r.holder == "p"
    assert [e.status for e in r.entries] == ["available", "skipped", "entitled"]
    assert "35" in line_entry_text(r.entries[1], Names(tl), r.instant)
    assert r.next_available == ["v", "k"]


def test_temporary_line_while_suspended() -> None:
    tl = build(
        [
            {
                "date": "2000-02-01",
                "type": "suspension",
                "person": "p",
                "office": "president",
                "cause": "incapacity",
            }
        ]
    )
    r = line_report(tl, "president", tl.final.instant)
    assert r.kind == "temporary" and not r.hypothetical
    assert [(e.person, e.status) for e in r.entries] == [("v", "current")]


def test_vacant_source_office_shows_its_own_line() -> None:
    tl = build([{"date": "2000-02-01", "type": "resignation", "person": "v", "office": "vp"}])
    r = line_report(tl, "president", tl.final.instant)
    assert r.entries[0].status == "skipped"
    assert "vacant" in line_entry_text(r.entries[0], Names(tl), r.instant)
    assert r.entries[0].nested == ()  # the vice-presidency has no line of its own
