"""One rule of line resolution per test, each on the smallest rule file that
shows it: the people a line must pass over (the dead, those who declined),
a role that ends with the office it comes with, yields_to either way, and
one obligation per vacancy."""

from __future__ import annotations

import datetime as dt
from typing import Any

from succession.engine.lines import line_report
from succession.engine.timeline import Timeline
from succession.why import Names, line_entry_text
from tests.helpers import run


def president(
    steps: list[dict[str, Any]], temporary: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    lines: dict[str, Any] = {"permanent": {"steps": steps}}
    if temporary is not None:
        lines["temporary"] = {"steps": temporary}
    return {"lines": lines}


def roles(tl: Timeline, when: str, office: str = "president") -> tuple[str | None, str | None]:
    st = tl.state_at(when).offices[office]
    return st.holder_id, st.acting_id


def test_a_dead_person_named_by_a_step_is_passed_over() -> None:
    offices = {
        "president": president(
            [{"person": "heir", "mode": "becomes"}, {"office": "vp", "mode": "becomes"}]
        ),
        "vp": {},
    }
    tl = run(
        offices,
        {"president": "p", "vp": "v"},
        [
            {"date": "2000-02-01", "type": "death", "person": "heir"},
            {"date": "2000-03-01", "type": "resignation", "person": "p", "office": "president"},
        ],
        people=[{"id": "p", "name": "P"}, {"id": "v", "name": "V"}, {"id": "heir", "name": "H"}],
    )
    assert roles(tl, "2000-03-01") == ("v", None)
    report = line_report(tl, "president", tl.final.instant)
    first = report.entries[0]
    assert first.person == "heir" and first.status == "skipped"
    assert first.skip is not None and first.skip.reason == "dead"


def test_someone_who_declined_is_not_offered_the_office_again() -> None:
    offices = {
        "president": president(
            [
                {"office": "vp", "mode": "acts", "tenure": "ex_officio"},
                {"office": "speaker", "mode": "acts", "tenure": "ex_officio"},
            ]
        ),
        "vp": {},
        "speaker": {},
    }
    tl = run(
        offices,
        {"president": "p", "vp": "v", "speaker": "s"},
        [
            {"date": "2000-02-01", "type": "resignation", "person": "p", "office": "president"},
            {"date": "2000-02-02", "type": "declines", "person": "v", "office": "president"},
            {"date": "2000-02-03", "type": "death", "person": "s"},
        ],
    )
    assert roles(tl, "2000-02-01") == (None, "v")
    # the Vice President still holds their office, and is passed over as having declined
    assert roles(tl, "2000-02-02", "vp") == ("v", None)
    assert roles(tl, "2000-02-02") == (None, "s")
    # the speaker's death sends the line back to its top, where the Vice President declined
    assert roles(tl, "2000-02-03") == (None, None)
    report = line_report(tl, "president", tl.final.instant)
    first = report.entries[0]
    assert first.person == "v" and first.skip is not None and first.skip.reason == "declined"


def test_an_ex_officio_acting_role_ends_with_the_office_it_comes_with() -> None:
    offices = {
        "president": president(
            [{"office": "vp", "mode": "becomes"}],
            temporary=[{"office": "vp", "mode": "acts", "tenure": "ex_officio"}],
        ),
        "vp": {},
    }
    tl = run(
        offices,
        {"president": "p", "vp": "v"},
        [
            {
                "date": "2000-02-01",
                "type": "suspension",
                "person": "p",
                "office": "president",
                "cause": "incapacity",
            },
            {"date": "2000-02-02", "type": "resignation", "person": "v", "office": "vp"},
        ],
    )
    assert roles(tl, "2000-02-01") == ("p", "v")
    assert roles(tl, "2000-02-02") == ("p", None)


def yielding(rule: str) -> Timeline:
    """The speaker acts while the Vice President is suspended; the Vice
    President is reinstated. Does the speaker give way?"""
    offices = {
        "president": president(
            [
                {"office": "vp", "mode": "acts"},
                {"office": "speaker", "mode": "acts", "yields_to": rule},
            ]
        ),
        "vp": {},
        "speaker": {},
    }
    return run(
        offices,
        {"president": "p", "vp": "v", "speaker": "s"},
        [
            {
                "date": "2000-02-01",
                "type": "suspension",
                "person": "v",
                "office": "vp",
                "cause": "incapacity",
            },
            {"date": "2000-02-02", "type": "resignation", "person": "p", "office": "president"},
            {"date": "2000-02-03", "type": "reinstatement", "person": "v", "office": "vp"},
        ],
    )


def test_an_acting_person_under_yields_to_all_gives_way() -> None:
    tl = yielding("all")
    assert roles(tl, "2000-02-02") == (None, "s")
    assert roles(tl, "2000-02-03") == (None, "v")


def test_an_acting_person_under_yields_to_none_goes_on() -> None:
    tl = yielding("none")
    assert roles(tl, "2000-02-02") == (None, "s")
    assert roles(tl, "2000-02-03") == (None, "s")


def test_a_vacancy_has_one_obligation_of_a_kind_however_many_successions() -> None:
    election = {
        "kind": "election",
        "description": "call elections",
        "within_days": 90,
        "citation": "Art. 1",
    }
    offices = {
        "president": president(
            [
                {"office": "vp", "mode": "acts", "obligations": [dict(election)]},
                {"office": "speaker", "mode": "acts", "obligations": [dict(election)]},
            ]
        ),
        "vp": {},
        "speaker": {},
    }
    tl = run(
        offices,
        {"president": "p", "vp": "v", "speaker": "s"},
        [
            {"date": "2000-02-01", "type": "resignation", "person": "p", "office": "president"},
            {"date": "2000-03-01", "type": "death", "person": "v"},
        ],
    )
    assert roles(tl, "2000-03-01") == (None, "s")
    obligations = tl.state_at("2000-03-01").offices["president"].obligations
    assert [(o.kind, o.deadline.date().isoformat()) for o in obligations] == [
        ("election", "2000-05-01")
    ]


def vp_of_age(born: str, resigns: str) -> Timeline:
    """The President resigns; the Vice President, born on ``born``, acts
    once they are 35."""
    offices = {
        "president": {
            "eligibility": [{"min_age": 35, "citation": "Art. 2"}],
            **president([{"office": "vp", "mode": "acts"}]),
        },
        "vp": {},
    }
    return run(
        offices,
        {"president": "p", "vp": "v"},
        [{"date": resigns, "type": "resignation", "person": "p", "office": "president"}],
        people=[{"id": "p", "name": "P"}, {"id": "v", "name": "V", "born": born}],
    )


def test_someone_born_on_29_february_comes_of_age_on_1_march_in_a_common_year() -> None:
    tl = vp_of_age("1968-02-29", resigns="2000-02-01")
    assert roles(tl, "2000-02-01") == (None, None)  # 31: too young
    assert roles(tl, "2002-03-01") == (None, None)  # 34
    assert roles(tl, "2003-02-28") == (None, None)  # 34: no 29 February in 2003
    assert roles(tl, "2003-03-01T00:00") == (None, "v")  # 35 from the first moment of 1 March
    assert any(e.instant == dt.datetime(2003, 3, 1) for e in tl.entries)


def test_the_age_given_for_someone_too_young_counts_their_birthday() -> None:
    tl = vp_of_age("1969-03-01", resigns="2003-03-01")
    report = line_report(tl, "president", tl.state_at("2003-03-01").instant)
    skip = report.entries[0].skip
    assert skip is not None and skip.failure is not None
    assert skip.failure.value == 34  # 34 on their 34th birthday
    assert "is 34" in line_entry_text(report.entries[0], Names(tl), report.instant)
