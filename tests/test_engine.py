"""The succession semantics, one distinction of SEMANTICS.md per test."""

from __future__ import annotations

import datetime as dt

import pytest

from succession.engine.state import State
from succession.engine.timeline import Timeline
from succession.errors import ScenarioError
from succession.instants import parse_instant
from succession.why import Names, not_given
from tests.helpers import run, said


def at(tl: Timeline, when: str) -> State:
    return tl.state_at(parse_instant(when))


def holder(tl: Timeline, office: str, when: str) -> str | None:
    return at(tl, when).offices[office].holder_id


def acting(tl: Timeline, office: str, when: str) -> str | None:
    return at(tl, when).offices[office].acting_id


def exercising(tl: Timeline, office: str, when: str) -> str | None:
    return at(tl, when).offices[office].exercising


# A United States-like line: the VP becomes President; the Speaker only acts,
# resigning as Speaker; cabinet officers act and give way to the Speaker.
US = {
    "president": {
        "lines": {
            "permanent": {
                "steps": [
                    {"office": "vp", "mode": "becomes"},
                    {"office": "speaker", "mode": "acts"},
                    {"office": "state", "mode": "acts", "yields_to": ["speaker"]},
                    {"office": "treasury", "mode": "acts", "yields_to": ["speaker"]},
                ]
            },
            "temporary": {
                "steps": [
                    {"office": "vp", "mode": "acts", "tenure": "ex_officio"},
                    {"office": "speaker", "mode": "acts", "tenure": "ex_officio"},
                ]
            },
        }
    },
    "vp": {},
    "speaker": {},
    "state": {},
    "treasury": {},
}
US_HOLDERS = {
    "president": "pres",
    "vp": "vice",
    "speaker": "spk",
    "state": "sec",
    "treasury": "tre",
}


class TestBecomesVersusActs:
    def test_vice_president_becomes_president_and_leaves_vice_presidency(self) -> None:
        tl = run(US, US_HOLDERS, [{"date": "2000-02-01", "type": "death", "person": "pres"}])
        assert holder(tl, "president", "2000-02-01") == "vice"
        assert acting(tl, "president", "2000-02-01") is None
        assert holder(tl, "vp", "2000-02-01") is None
        assert holder(tl, "president", "2000-01-31") == "pres"

    def test_speaker_only_acts_and_resigns_as_speaker(self) -> None:
        tl = run(
            US,
            US_HOLDERS,
            [
                {"date": "2000-02-01", "type": "resignation", "person": "vice", "office": "vp"},
                {"date": "2000-03-01", "type": "death", "person": "pres"},
            ],
        )
        st = at(tl, "2000-03-01").offices
        assert st["president"].holder_id is None
        assert st["president"].acting_id == "spk"
        assert st["president"].exercising == "spk"
        assert st["speaker"].holder_id is None, "person-bound: the Speaker leaves the speakership"

    def test_acting_basis_cites_the_step(self) -> None:
        tl = run(
            US,
            US_HOLDERS,
            [
                {"date": "2000-02-01", "type": "resignation", "person": "vice", "office": "vp"},
                {"date": "2000-03-01", "type": "death", "person": "pres"},
            ],
        )
        acting_tenure = at(tl, "2000-03-01").offices["president"].acting
        assert acting_tenure is not None
        basis = acting_tenure.basis
        assert basis.kind == "line"
        assert basis.step is not None
        assert basis.step.step.office == "speaker"
        assert [s.reason for s in basis.skipped] == ["vacant"]


class TestPersonBoundVersusExOfficio:
    KOREA = {
        "president": {
            "lines": {
                "permanent": {
                    "steps": [
                        {
                            "office": "pm",
                            "mode": "acts",
                            "tenure": "ex_officio",
                            "yields_to": "all",
                        },
                        {
                            "office": "dpm",
                            "mode": "acts",
                            "tenure": "ex_officio",
                            "yields_to": "all",
                        },
                    ]
                },
                "temporary": {
                    "steps": [
                        {
                            "office": "pm",
                            "mode": "acts",
                            "tenure": "ex_officio",
                            "yields_to": "all",
                        },
                        {
                            "office": "dpm",
                            "mode": "acts",
                            "tenure": "ex_officio",
                            "yields_to": "all",
                        },
                    ]
                },
            }
        },
        "pm": {},
        "dpm": {},
    }

    def test_ex_officio_role_follows_the_office(self) -> None:
        tl = run(
            self.KOREA,
            {"president": "p", "pm": "pm1", "dpm": "d"},
            [
                {"date": "2000-02-01", "type": "removal", "person": "p", "office": "president"},
                {"date": "2000-03-01", "type": "appointed", "person": "pm2", "office": "pm"},
            ],
        )
        assert acting(tl, "president", "2000-02-01") == "pm1"
        assert holder(tl, "pm", "2000-02-01") == "pm1", "ex officio: the PM stays PM"
        assert acting(tl, "president", "2000-03-01") == "pm2"
        assert holder(tl, "president", "2000-03-01") is None, "acting never makes holder"

    def test_suspended_acting_pm_gives_way_then_resumes(self) -> None:
        tl = run(
            self.KOREA,
            {"president": "p", "pm": "pm1", "dpm": "d"},
            [
                {
                    "date": "2000-02-01",
                    "type": "suspension",
                    "person": "p",
                    "office": "president",
                    "cause": "impeachment",
                },
                {
                    "date": "2000-03-01",
                    "type": "suspension",
                    "person": "pm1",
                    "office": "pm",
                    "cause": "impeachment",
                },
                {"date": "2000-04-01", "type": "reinstatement", "person": "pm1", "office": "pm"},
                {
                    "date": "2000-05-01",
                    "type": "reinstatement",
                    "person": "p",
                    "office": "president",
                },
            ],
        )
        assert exercising(tl, "president", "2000-02-01") == "pm1"
        assert holder(tl, "president", "2000-02-01") == "p"
        assert exercising(tl, "president", "2000-03-01") == "d"
        assert exercising(tl, "president", "2000-04-01") == "pm1", "a reinstated PM resumes acting"
        assert exercising(tl, "president", "2000-05-01") == "p"
        assert acting(tl, "president", "2000-05-01") is None

    def test_person_bound_acting_survives_a_new_holder_of_the_source_office(self) -> None:
        tl = run(
            US,
            US_HOLDERS,
            [
                {"date": "2000-02-01", "type": "resignation", "person": "vice", "office": "vp"},
                {"date": "2000-03-01", "type": "death", "person": "pres"},
                {"date": "2000-04-01", "type": "elected", "person": "spk2", "office": "speaker"},
            ],
        )
        assert acting(tl, "president", "2000-04-01") == "spk"
        assert holder(tl, "speaker", "2000-04-01") == "spk2"

    def test_rotation_changes_the_acting_person_without_an_event_about_the_presidency(self) -> None:
        germany = {
            "federal_president": {
                "lines": {
                    "permanent": {
                        "steps": [
                            {
                                "office": "bundesrat_president",
                                "mode": "acts",
                                "tenure": "ex_officio",
                            }
                        ]
                    }
                }
            },
            "bundesrat_president": {},
        }
        tl = run(
            germany,
            {"federal_president": "k", "bundesrat_president": "b1"},
            [
                {
                    "date": "2000-05-31",
                    "type": "resignation",
                    "person": "k",
                    "office": "federal_president",
                },
                {
                    "date": "2000-11-01",
                    "type": "elected",
                    "person": "b2",
                    "office": "bundesrat_president",
                },
            ],
        )
        assert acting(tl, "federal_president", "2000-06-01") == "b1"
        assert acting(tl, "federal_president", "2000-11-01") == "b2"

    def test_holding_ex_officio_ends_with_the_source_office(self) -> None:
        peru = {
            "president": {
                "lines": {
                    "permanent": {
                        "steps": [
                            {"office": "vp1", "mode": "becomes"},
                            {
                                "office": "congress_president",
                                "mode": "becomes",
                                "tenure": "ex_officio",
                            },
                        ]
                    }
                }
            },
            "vp1": {},
            "congress_president": {},
        }
        tl = run(
            peru,
            {"president": "p", "vp1": "vacant", "congress_president": "merino"},
            [
                {
                    "date": "2020-11-09",
                    "type": "vacancy_declared",
                    "office": "president",
                    "person": "p",
                },
                {
                    "date": "2020-11-15",
                    "type": "resignation",
                    "person": "merino",
                    "office": "congress_president",
                },
                {
                    "date": "2020-11-16",
                    "type": "elected",
                    "person": "sagasti",
                    "office": "congress_president",
                },
            ],
        )
        assert holder(tl, "president", "2020-11-10") == "merino"
        assert holder(tl, "congress_president", "2020-11-10") == "merino"
        assert holder(tl, "president", "2020-11-15") is None, (
            "losing Congress vacates the presidency"
        )
        assert holder(tl, "president", "2020-11-16") == "sagasti", "re-evaluation fills the vacancy"


class TestTakingEffect:
    CHAMBER = {
        "president": {
            "lines": {
                "permanent": {
                    "steps": [
                        {"office": "vp", "mode": "becomes"},
                        {"office": "senate_president", "mode": "becomes"},
                    ]
                }
            }
        },
        "vp": {},
        "senate_president": {
            "lines": {
                "permanent": {
                    "steps": [
                        {
                            "office": "senate_vp",
                            "mode": "becomes",
                            "takes_effect": "on_taking_office",
                        }
                    ]
                }
            }
        },
        "senate_vp": {},
    }
    HOLDERS = {"president": "p", "vp": "v", "senate_president": "s", "senate_vp": "a"}

    def test_on_taking_office_leaves_the_office_vacant_until_taken(self) -> None:
        tl = run(
            self.CHAMBER,
            self.HOLDERS,
            [
                {"date": "2019-11-10", "type": "resignation", "person": "p", "office": "president"},
                {
                    "date": "2019-11-10",
                    "type": "resignation",
                    "person": "v",
                    "office": "vp",
                    "simultaneous_with": "e0",
                },
                {
                    "date": "2019-11-10",
                    "type": "resignation",
                    "person": "s",
                    "office": "senate_president",
                    "simultaneous_with": "e1",
                },
                {
                    "date": "2019-11-12",
                    "time": "18:41",
                    "type": "took_office",
                    "person": "a",
                    "office": "senate_president",
                },
            ],
        )
        st = at(tl, "2019-11-11").offices
        assert st["president"].holder_id is None and st["president"].exercising is None
        entitled = st["senate_president"].entitled
        assert entitled is not None
        assert entitled.person == "a"
        assert holder(tl, "president", "2019-11-12T18:41") == "a"
        assert holder(tl, "senate_president", "2019-11-12T18:41") is None
        assert holder(tl, "senate_vp", "2019-11-12T18:41") is None

    def test_ipso_facto_successor_is_in_office_at_the_instant(self) -> None:
        tl = run(
            self.CHAMBER,
            self.HOLDERS,
            [
                {"date": "2000-01-02", "time": "10:00", "type": "death", "person": "p"},
            ],
        )
        assert holder(tl, "president", "2000-01-02T10:00") == "v"
        assert holder(tl, "president", "2000-01-02T09:59") == "p"

    def test_sequential_resignations_differ_from_simultaneous_ones(self) -> None:
        tl = run(
            self.CHAMBER,
            self.HOLDERS,
            [
                {"date": "2019-11-10", "type": "resignation", "person": "p", "office": "president"},
                {
                    "date": "2019-11-10",
                    "type": "resignation",
                    "person": "s",
                    "office": "senate_president",
                },
            ],
        )
        assert holder(tl, "president", "2019-11-10") == "v"

    def test_declined_turn_moves_the_line_on(self) -> None:
        tl = run(
            self.CHAMBER,
            self.HOLDERS,
            [
                {"date": "2005-06-01", "type": "declines", "person": "v", "office": "president"},
                {"date": "2005-06-06", "type": "death", "person": "p"},
            ],
        )
        assert holder(tl, "president", "2005-06-06") == "s"
        assert holder(tl, "vp", "2005-06-06") == "v"

    def test_entitled_person_who_declines_is_passed_over(self) -> None:
        offices = {
            "president": {
                "lines": {
                    "permanent": {
                        "steps": [
                            {
                                "office": "a_office",
                                "mode": "becomes",
                                "takes_effect": "on_taking_office",
                            },
                            {"office": "b_office", "mode": "becomes"},
                        ]
                    }
                }
            },
            "a_office": {},
            "b_office": {},
        }
        tl = run(
            offices,
            {"president": "p", "a_office": "a", "b_office": "b"},
            [
                {"date": "2000-02-01", "type": "death", "person": "p"},
                {"date": "2000-02-02", "type": "declines", "person": "a", "office": "president"},
            ],
        )
        entitled = at(tl, "2000-02-01").offices["president"].entitled
        assert entitled is not None
        assert entitled.person == "a"
        assert holder(tl, "president", "2000-02-01") is None
        assert holder(tl, "president", "2000-02-02") == "b"


class TestResignationTiming:
    LINE = {
        "president": {
            "resignation": {"effective": "on_submission", "citation": "Art. 5"},
            "lines": {
                "permanent": {
                    "steps": [
                        {"office": "vp", "mode": "becomes"},
                        {"office": "speaker", "mode": "becomes"},
                    ]
                }
            },
        },
        "vp": {},
        "speaker": {},
    }

    def test_future_resignation_leaves_resigner_in_office_until_then(self) -> None:
        tl = run(
            self.LINE,
            {"president": "p", "vp": "v", "speaker": "s"},
            [
                {
                    "date": "2000-05-01",
                    "time": "12:00",
                    "type": "resignation",
                    "person": "p",
                    "office": "president",
                    "effective_at": "2000-05-02T00:00",
                },
            ],
        )
        assert holder(tl, "president", "2000-05-01T23:59") == "p"
        assert at(tl, "2000-05-01T23:59").offices["president"].resignation is not None
        assert holder(tl, "president", "2000-05-02T00:00") == "v"

    def test_next_in_line_resigning_meanwhile_is_skipped(self) -> None:
        tl = run(
            self.LINE,
            {"president": "p", "vp": "v", "speaker": "s"},
            [
                {
                    "date": "2000-05-01",
                    "time": "12:00",
                    "type": "resignation",
                    "person": "p",
                    "office": "president",
                    "effective_at": "2000-05-02T00:00",
                },
                {
                    "date": "2000-05-01",
                    "time": "15:00",
                    "type": "resignation",
                    "person": "v",
                    "office": "vp",
                },
            ],
        )
        assert holder(tl, "president", "2000-05-01T16:00") == "p"
        assert holder(tl, "president", "2000-05-02") == "s"
        holder_tenure = at(tl, "2000-05-02").offices["president"].holder
        assert holder_tenure is not None
        basis = holder_tenure.basis
        assert basis.skipped[0].reason == "vacant"

    def test_resignation_on_acceptance_waits_for_the_body(self) -> None:
        offices = dict(self.LINE)
        offices["president"] = {
            **self.LINE["president"],
            "resignation": {
                "effective": "on_acceptance",
                "accepted_by": "congress",
                "citation": "Art. 161",
            },
        }
        tl = run(
            offices,
            {"president": "p", "vp": "v", "speaker": "s"},
            [
                {"date": "2000-05-01", "type": "resignation", "person": "p", "office": "president"},
                {
                    "date": "2000-05-20",
                    "type": "resignation_accepted",
                    "person": "p",
                    "office": "president",
                    "by": "congress",
                },
            ],
        )
        assert holder(tl, "president", "2000-05-10") == "p"
        resignation = at(tl, "2000-05-10").offices["president"].resignation
        assert resignation is not None
        assert resignation.awaiting == "congress"
        assert holder(tl, "president", "2000-05-20") == "v"

    def test_acceptance_after_effective_resignation_changes_nothing(self) -> None:
        tl = run(
            self.LINE,
            {"president": "p", "vp": "v", "speaker": "s"},
            [
                {"date": "2000-05-01", "type": "resignation", "person": "p", "office": "president"},
                {
                    "date": "2000-05-20",
                    "type": "resignation_accepted",
                    "person": "p",
                    "office": "president",
                },
            ],
        )
        assert holder(tl, "president", "2000-05-20") == "v"
        assert any("changes nothing" in n for n in said(tl, tl.entries[-1]))

    def test_a_rejected_resignation_leaves_the_holder_in_office(self) -> None:
        offices = dict(self.LINE)
        offices["president"] = {
            **self.LINE["president"],
            "resignation": {
                "effective": "on_acceptance",
                "accepted_by": "congress",
                "citation": "Art. 161",
            },
        }
        tl = run(
            offices,
            {"president": "p", "vp": "v", "speaker": "s"},
            [
                {
                    "id": "first",
                    "date": "2000-03-01",
                    "type": "resignation",
                    "person": "p",
                    "office": "president",
                },
                {
                    "date": "2000-03-02",
                    "type": "resignation_rejected",
                    "person": "p",
                    "office": "president",
                    "by": "congress",
                    "resignation": "first",
                },
                {"date": "2000-05-01", "type": "resignation", "person": "p", "office": "president"},
                {
                    "date": "2000-05-20",
                    "type": "resignation_accepted",
                    "person": "p",
                    "office": "president",
                    "by": "congress",
                },
            ],
        )
        assert at(tl, "2000-03-02").offices["president"].resignation is None
        assert holder(tl, "president", "2000-04-01") == "p"
        assert holder(tl, "president", "2000-05-20") == "v"

    def test_a_withdrawn_resignation_never_takes_effect(self) -> None:
        tl = run(
            self.LINE,
            {"president": "p", "vp": "v", "speaker": "s"},
            [
                {
                    "date": "2000-05-01",
                    "time": "12:00",
                    "type": "resignation",
                    "person": "p",
                    "office": "president",
                    "effective_at": "2000-05-03T00:00",
                },
                {
                    "date": "2000-05-02",
                    "type": "resignation_withdrawn",
                    "person": "p",
                    "office": "president",
                },
            ],
        )
        assert holder(tl, "president", "2000-05-04") == "p"

    def test_rejecting_a_resignation_never_made_is_an_error(self) -> None:
        with pytest.raises(ScenarioError, match="no pending resignation"):
            run(
                self.LINE,
                {"president": "p", "vp": "v", "speaker": "s"},
                [
                    {
                        "date": "2000-05-02",
                        "type": "resignation_rejected",
                        "person": "p",
                        "office": "president",
                    },
                ],
            )


class TestReevaluation:
    def test_vacant_office_filled_when_line_gains_a_person(self) -> None:
        offices = {
            "president": {
                "lines": {"permanent": {"steps": [{"office": "chair", "mode": "becomes"}]}}
            },
            "chair": {},
        }
        tl = run(
            offices,
            {"president": "p", "chair": "vacant"},
            [
                {"date": "2000-01-10", "type": "death", "person": "p"},
                {"date": "2000-01-12", "type": "elected", "person": "c", "office": "chair"},
            ],
        )
        assert holder(tl, "president", "2000-01-11") is None
        assert holder(tl, "president", "2000-01-12") == "c"
        assert holder(tl, "chair", "2000-01-12") is None

    def test_cabinet_officer_acting_is_bumped_by_a_speaker_who_qualifies_later(self) -> None:
        tl = run(
            US,
            {
                "president": "pres",
                "vp": "vacant",
                "speaker": "vacant",
                "state": "sec",
                "treasury": "tre",
            },
            [
                {"date": "2000-02-01", "type": "death", "person": "pres"},
                {"date": "2000-02-05", "type": "elected", "person": "spk", "office": "speaker"},
            ],
        )
        assert acting(tl, "president", "2000-02-01") == "sec"
        assert acting(tl, "president", "2000-02-05") == "spk"
        assert holder(tl, "speaker", "2000-02-05") is None

    def test_acting_cabinet_officer_is_not_bumped_by_a_higher_cabinet_officer(self) -> None:
        tl = run(
            US,
            {
                "president": "pres",
                "vp": "vacant",
                "speaker": "vacant",
                "state": "vacant",
                "treasury": "tre",
            },
            [
                {"date": "2000-02-01", "type": "death", "person": "pres"},
                {"date": "2000-02-05", "type": "appointed", "person": "sec", "office": "state"},
            ],
        )
        assert acting(tl, "president", "2000-02-01") == "tre"
        assert acting(tl, "president", "2000-02-05") == "tre"

    def test_suspension_and_reinstatement_revert_everyone(self) -> None:
        tl = run(
            US,
            US_HOLDERS,
            [
                {
                    "date": "2002-06-29",
                    "time": "07:09",
                    "type": "suspension",
                    "person": "pres",
                    "office": "president",
                    "cause": "declared_inability",
                },
                {
                    "date": "2002-06-29",
                    "time": "09:24",
                    "type": "reinstatement",
                    "person": "pres",
                    "office": "president",
                },
            ],
        )
        assert exercising(tl, "president", "2002-06-29T08:00") == "vice"
        assert holder(tl, "president", "2002-06-29T08:00") == "pres"
        assert holder(tl, "vp", "2002-06-29T08:00") == "vice"
        assert exercising(tl, "president", "2002-06-29T10:00") == "pres"
        assert acting(tl, "president", "2002-06-29T10:00") is None


class TestElectiveSteps:
    ARGENTINA = {
        "president": {
            "lines": {
                "permanent": {
                    "steps": [
                        {"office": "vp", "mode": "becomes"},
                        {
                            "body": "congress",
                            "mode": "becomes",
                            "obligations": [
                                {
                                    "kind": "designation",
                                    "description": "Legislative Assembly designates",
                                    "within_hours": 48,
                                    "by": "congress",
                                    "citation": "Ley 20.972",
                                }
                            ],
                        },
                        {"office": "senate_president", "mode": "acts", "tenure": "ex_officio"},
                    ]
                }
            }
        },
        "vp": {},
        "senate_president": {},
    }

    def test_interim_acts_until_designation_with_a_deadline(self) -> None:
        tl = run(
            self.ARGENTINA,
            {"president": "dlr", "vp": "vacant", "senate_president": "puerta"},
            [
                {
                    "date": "2001-12-20",
                    "time": "19:45",
                    "type": "resignation",
                    "person": "dlr",
                    "office": "president",
                },
                {
                    "date": "2001-12-23",
                    "type": "designated",
                    "person": "rsa",
                    "office": "president",
                    "by": "congress",
                },
            ],
        )
        st = at(tl, "2001-12-21").offices["president"]
        assert st.holder_id is None and st.acting_id == "puerta"
        assert [o.deadline for o in st.obligations] == [dt.datetime(2001, 12, 22, 19, 45)]
        st = at(tl, "2001-12-23").offices["president"]
        assert st.holder_id == "rsa" and st.acting_id is None
        assert st.obligations == ()


class TestObligations:
    def test_deadline_counts_from_the_succession(self) -> None:
        offices = {
            "president": {
                "lines": {
                    "permanent": {
                        "steps": [
                            {
                                "office": "deputies_president",
                                "mode": "becomes",
                                "obligations": [
                                    {
                                        "kind": "election",
                                        "description": "call elections",
                                        "within_days": 90,
                                        "citation": "Art. 169.I",
                                    }
                                ],
                            }
                        ]
                    }
                }
            },
            "deputies_president": {},
        }
        tl = run(
            offices,
            {"president": "p", "deputies_president": "d"},
            [
                {"date": "2019-11-10", "type": "resignation", "person": "p", "office": "president"},
                {"date": "2020-01-15", "type": "elected", "person": "x", "office": "president"},
            ],
        )
        st = at(tl, "2019-11-10").offices["president"]
        assert st.holder_id == "d"
        assert st.obligations[0].deadline == dt.datetime(2020, 2, 8)
        assert at(tl, "2020-01-15").offices["president"].obligations == ()


class TestEligibility:
    def test_too_young_is_skipped_with_the_reason(self) -> None:
        offices = {
            "president": {
                "eligibility": [{"min_age": 35, "citation": "Art. II"}],
                "lines": {
                    "permanent": {
                        "steps": [
                            {"office": "speaker", "mode": "acts"},
                            {"office": "state", "mode": "acts"},
                        ]
                    }
                },
            },
            "speaker": {},
            "state": {},
        }
        tl = run(
            offices,
            {"president": "p", "speaker": "young", "state": "old"},
            [{"date": "2000-01-05", "type": "death", "person": "p"}],
            people=[
                {"id": "p", "name": "P"},
                {"id": "young", "name": "Y", "born": "1980-01-01"},
                {"id": "old", "name": "O", "born": "1950-01-01"},
            ],
        )
        st = at(tl, "2000-01-05").offices["president"]
        assert st.acting_id == "old"
        assert st.acting is not None
        assert st.acting.basis.skipped[0].reason == "ineligible"
        failure = st.acting.basis.skipped[0].failure
        assert failure is not None
        assert (failure.requirement.min_age, failure.value) == (35, 20)

    def test_attribute_and_impeachment_requirements(self) -> None:
        offices = {
            "president": {
                "lines": {
                    "permanent": {
                        "steps": [
                            {
                                "office": "a",
                                "mode": "acts",
                                "eligibility": [
                                    {
                                        "attribute": "natural_born_citizen",
                                        "equals": True,
                                        "citation": "x",
                                    }
                                ],
                            },
                            {
                                "office": "b",
                                "mode": "acts",
                                "eligibility": [{"not_under_impeachment": True, "citation": "y"}],
                            },
                            {"office": "c", "mode": "acts"},
                        ]
                    }
                }
            },
            "a": {},
            "b": {},
            "c": {},
        }
        people = [
            {"id": "p", "name": "P"},
            {"id": "pa", "name": "PA", "attributes": {"natural_born_citizen": False}},
            {"id": "pb", "name": "PB"},
            {"id": "pc", "name": "PC"},
        ]
        tl = run(
            offices,
            {"president": "p", "a": "pa", "b": "pb", "c": "pc"},
            [
                {"date": "2000-01-02", "type": "impeached", "person": "pb"},
                {"date": "2000-01-03", "type": "death", "person": "p"},
                {"date": "2000-01-04", "type": "acquitted", "person": "pb"},
            ],
            people=people,
        )
        assert acting(tl, "president", "2000-01-03") == "pc"
        assert acting(tl, "president", "2000-01-04") == "pc", "no yielding by default"

    def test_senate_confirmation_required(self) -> None:
        offices = {
            "president": {
                "lines": {
                    "permanent": {
                        "steps": [
                            {
                                "office": "state",
                                "mode": "acts",
                                "eligibility": [{"confirmed_by": "congress", "citation": "§19(e)"}],
                            },
                            {"office": "treasury", "mode": "acts"},
                        ]
                    }
                }
            },
            "state": {},
            "treasury": {},
        }
        tl = run(
            offices,
            {"president": "p", "state": "vacant", "treasury": "t"},
            [
                {"date": "2000-01-02", "type": "appointed", "person": "s", "office": "state"},
                {"date": "2000-01-03", "type": "death", "person": "p"},
            ],
        )
        assert acting(tl, "president", "2000-01-03") == "t"


class TestClaims:
    LINE = {
        "president": {
            "resignation": {
                "effective": "on_acceptance",
                "accepted_by": "congress",
                "citation": "Art. 161",
            },
            "lines": {"permanent": {"steps": [{"office": "senate_president", "mode": "becomes"}]}},
        },
        "senate_president": {},
    }

    def test_oath_while_office_is_held_is_a_claim_beside_the_holder(self) -> None:
        tl = run(
            self.LINE,
            {"president": "m", "senate_president": "a"},
            [
                {"date": "2019-11-10", "type": "resignation", "person": "m", "office": "president"},
                {"date": "2019-11-12", "type": "took_office", "person": "a", "office": "president"},
                {
                    "date": "2020-01-21",
                    "type": "resignation_accepted",
                    "person": "m",
                    "office": "president",
                },
            ],
        )
        st = at(tl, "2019-11-13").offices["president"]
        assert st.holder_id == "m"
        assert [c.person for c in st.claims] == ["a"]
        assert "awaits acceptance" in not_given(st.claims[0], Names(tl))
        assert any("claim" in w for w in said(tl, tl.entries[2], "warnings"))
        st = at(tl, "2020-01-21").offices["president"]
        assert st.holder_id == "a", "under the rules she succeeds once the resignation takes effect"
        assert st.claims == (), "the claim became de jure"


class TestImpossibleFacts:
    def test_resigning_an_office_one_does_not_hold_names_the_event(self) -> None:
        with pytest.raises(ScenarioError) as err:
            run(
                US,
                US_HOLDERS,
                [{"date": "2000-01-02", "type": "resignation", "person": "spk", "office": "vp"}],
            )
        assert "e0" in str(err.value)
        assert err.value.location is not None and err.value.location.file == "scenario.yaml"
        assert err.value.location.line is not None

    def test_death_after_death(self) -> None:
        with pytest.raises(ScenarioError, match="died"):
            run(
                US,
                US_HOLDERS,
                [
                    {"date": "2000-01-02", "type": "death", "person": "spk"},
                    {"date": "2000-01-03", "type": "death", "person": "spk"},
                ],
            )

    def test_reinstating_someone_not_suspended(self) -> None:
        with pytest.raises(ScenarioError, match="not suspended"):
            run(
                US,
                US_HOLDERS,
                [
                    {
                        "date": "2000-01-02",
                        "type": "reinstatement",
                        "person": "pres",
                        "office": "president",
                    }
                ],
            )

    def test_accepting_a_resignation_never_submitted(self) -> None:
        with pytest.raises(ScenarioError, match="no resignation"):
            run(
                US,
                US_HOLDERS,
                [
                    {
                        "date": "2000-01-02",
                        "type": "resignation_accepted",
                        "person": "pres",
                        "office": "president",
                    }
                ],
            )


class TestCauses:
    def test_unrecognised_cause_has_no_effect_and_warns(self) -> None:
        offices = {
            "president": {
                "causes": {"permanent": ["death"], "citation": "Art. 170"},
                "lines": {"permanent": {"steps": [{"office": "vp"}]}},
            },
            "vp": {},
        }
        tl = run(
            offices,
            {"president": "p", "vp": "v"},
            [
                {
                    "date": "2000-01-02",
                    "type": "vacancy_declared",
                    "office": "president",
                    "person": "p",
                }
            ],
        )
        assert holder(tl, "president", "2000-01-02") == "p"
        assert any("does not recognise" in w for w in said(tl, tl.entries[-1], "warnings"))
        # and says which causes it does recognise
        assert any(
            "has no effect under these rules; the causes it recognises: death" in w
            for w in said(tl, tl.entries[-1], "warnings")
        )


class TestOrderingAndDeterminism:
    def test_same_day_untimed_events_keep_file_order(self) -> None:
        tl = run(
            US,
            US_HOLDERS,
            [
                {"date": "2000-02-01", "type": "death", "person": "pres"},
                {"date": "2000-02-01", "type": "death", "person": "vice"},
            ],
        )
        # vice became president, then died: the Speaker acts
        assert holder(tl, "president", "2000-02-01") is None
        assert acting(tl, "president", "2000-02-01") == "spk"
        assert [e.events for e in tl.entries[1:]] == [("e0",), ("e1",)]

    def test_same_input_same_output(self) -> None:
        events = [{"date": "2000-02-01", "type": "death", "person": "pres"}]
        a = run(US, US_HOLDERS, events)
        b = run(US, US_HOLDERS, events)
        assert [e.state.offices for e in a.entries] == [e.state.offices for e in b.entries]

    def test_query_before_start_is_an_error(self) -> None:
        from succession.errors import QueryError

        tl = run(US, US_HOLDERS, [])
        with pytest.raises(QueryError):
            tl.state_at(dt.datetime(1999, 1, 1))


def test_person_holds_two_offices_only_ex_officio() -> None:
    """Elected to a second office, a person leaves the first (which cascades)."""
    tl = run(
        US,
        US_HOLDERS,
        [
            {"date": "2000-02-01", "type": "elected", "person": "spk", "office": "vp"},
        ],
    )
    st = at(tl, "2000-02-01").offices
    assert st["vp"].holder_id == "spk"
    assert st["speaker"].holder_id is None


def test_event_outside_the_rules_validity_warns() -> None:
    tl = run(
        US,
        US_HOLDERS,
        [{"date": "1850-01-02", "type": "death", "person": "pres"}],
        start="1850-01-01",
    )
    assert any("outside the validity" in w for w in said(tl, tl.entries[-1], "warnings"))


def test_confirmed_cabinet_officer_keeps_acting_after_leaving_the_department() -> None:
    offices = {
        "head": {
            "lines": {
                "permanent": {
                    "steps": [
                        {
                            "office": "minister",
                            "mode": "acts",
                            "eligibility": [{"confirmed_by": "congress", "citation": "§19(e)"}],
                        }
                    ]
                }
            }
        },
        "minister": {},
    }
    tl = run(
        offices,
        {"head": "h", "minister": {"person": "m", "confirmed_by": "congress"}},
        [{"date": "2000-01-02", "type": "death", "person": "h"}],
    )
    assert acting(tl, "head", "2000-01-02") == "m"
    assert holder(tl, "minister", "2000-01-02") is None


def test_renouncing_a_claimed_office_also_declines_the_entitlement() -> None:
    offices = {
        "o": {
            "lines": {
                "permanent": {
                    "steps": [
                        {
                            "office": "a_office",
                            "mode": "becomes",
                            "takes_effect": "on_taking_office",
                        },
                        {"office": "b_office", "mode": "becomes"},
                    ]
                }
            }
        },
        "a_office": {},
        "b_office": {},
    }
    tl = run(
        offices,
        {"o": "h", "a_office": "a", "b_office": "b"},
        [
            {"date": "2000-01-02", "type": "took_office", "person": "a", "office": "o"},
            {"date": "2000-01-03", "type": "death", "person": "h"},
            {"date": "2000-01-04", "type": "resignation", "person": "a", "office": "o"},
        ],
    )
    st = at(tl, "2000-01-03").offices["o"]
    assert [c.person for c in st.claims] == ["a"] and st.entitled is not None
    assert st.entitled.person == "a"
    st = at(tl, "2000-01-04").offices["o"]
    assert st.claims == () and st.holder_id == "b"


class TestTakingUpTheExercise:
    OFFICES = {
        "president": {
            "lines": {
                "permanent": {
                    "steps": [{"office": "speaker", "mode": "acts", "tenure": "ex_officio"}]
                }
            }
        },
        "speaker": {},
    }

    def test_an_acting_oath_confirms_the_acting_role(self) -> None:
        tl = run(
            self.OFFICES,
            {"president": "p", "speaker": "s"},
            [
                {"date": "2000-05-01", "type": "death", "person": "p"},
                {
                    "date": "2000-05-02",
                    "type": "took_office",
                    "person": "s",
                    "office": "president",
                    "role": "acting",
                },
            ],
        )
        st = at(tl, "2000-05-02").offices["president"]
        assert st.acting_id == "s" and st.claims == ()
        assert st.acting is not None
        assert st.acting.basis.kind == "took_office"

    def test_an_oath_as_holder_by_the_acting_person_is_a_claim(self) -> None:
        tl = run(
            self.OFFICES,
            {"president": "p", "speaker": "s"},
            [
                {"date": "2000-05-01", "type": "death", "person": "p"},
                {"date": "2000-05-02", "type": "took_office", "person": "s", "office": "president"},
            ],
        )
        st = at(tl, "2000-05-02").offices["president"]
        assert st.acting_id == "s" and [c.person for c in st.claims] == ["s"]

    def test_an_acting_oath_by_someone_else_is_a_claim(self) -> None:
        tl = run(
            self.OFFICES,
            {"president": "p", "speaker": "s"},
            [
                {"date": "2000-05-01", "type": "death", "person": "p"},
                {
                    "date": "2000-05-02",
                    "type": "took_office",
                    "person": "x",
                    "office": "president",
                    "role": "acting",
                },
            ],
        )
        st = at(tl, "2000-05-02").offices["president"]
        assert st.acting_id == "s" and [c.person for c in st.claims] == ["x"]


# --- found by the generated scenarios -------------------------------------------------------


def test_a_line_naming_a_person_is_looked_at_again_when_they_come_of_age() -> None:
    """A step that names a person (not an office) with an age requirement:
    the line takes them up the day they reach it, though they hold nothing
    the line draws on."""
    tl = run(
        {
            "crown": {
                "lines": {
                    "permanent": {
                        "steps": [
                            {
                                "person": "heir",
                                "eligibility": [{"min_age": 18, "citation": "Art. 4"}],
                            }
                        ]
                    }
                }
            }
        },
        {"crown": "vacant"},
        people=[{"id": "heir", "name": "Heir", "born": "1990-06-01"}],
        start="2008-01-01",
    )
    assert holder(tl, "crown", "2008-05-31") is None
    assert holder(tl, "crown", "2008-06-01") == "heir"


def test_a_starting_holder_confirming_their_office_still_counts_as_confirmed() -> None:
    """A starting holder whose appointment the scenario does not describe
    meets a requirement of consent; taking office up again does not change it."""
    confirmed = [{"confirmed_by": "congress", "citation": "Art. 5"}]
    tl = run(
        {
            "secretary": {},
            "president": {
                "lines": {
                    "permanent": {
                        "steps": [
                            {
                                "office": "secretary",
                                "mode": "acts",
                                "tenure": "ex_officio",
                                "eligibility": confirmed,
                            }
                        ]
                    }
                }
            },
        },
        {"secretary": "sec", "president": "pres"},
        [
            {"date": "2000-01-02", "type": "took_office", "person": "sec", "office": "secretary"},
            {"date": "2000-01-03", "type": "death", "person": "pres"},
        ],
    )
    assert acting(tl, "president", "2000-01-03") == "sec"


def test_an_appointment_with_the_consent_a_requirement_names_meets_it() -> None:
    rules = {"judge": {"eligibility": [{"confirmed_by": "congress", "citation": "Art. 6"}]}}
    tl = run(
        rules,
        {"judge": "vacant"},
        [
            {"date": "2000-01-02", "type": "appointed", "person": "a", "office": "judge"},
            {
                "date": "2000-01-03",
                "type": "appointed",
                "person": "b",
                "office": "judge",
                "confirmed_by": "congress",
            },
        ],
    )
    assert holder(tl, "judge", "2000-01-02") is None  # a claim: no consent given
    assert holder(tl, "judge", "2000-01-03") == "b"


def test_leaving_follows_acting_roles_held_ex_officio() -> None:
    """Someone who leaves an office they hold ex officio of an office they
    only act in leaves that acting role too, and the office it comes with:
    nobody ends up holding two offices in person."""
    ex_officio = {"mode": "acts", "tenure": "ex_officio", "accept_acting": True}
    tl = run(
        {
            "minister": {},
            "council": {"lines": {"permanent": {"steps": [{"office": "minister", **ex_officio}]}}},
            "chair": {
                "lines": {
                    "permanent": {
                        "steps": [
                            {
                                "office": "council",
                                "mode": "becomes",
                                "tenure": "ex_officio",
                                "accept_acting": True,
                            }
                        ]
                    }
                }
            },
            "head": {
                "lines": {
                    "permanent": {
                        "steps": [{"office": "chair", "mode": "becomes", "accept_acting": True}]
                    }
                }
            },
        },
        {"minister": "m", "council": "vacant", "chair": "vacant", "head": "h"},
        [{"date": "2000-01-02", "type": "resignation", "person": "h", "office": "head"}],
    )
    assert acting(tl, "council", "2000-01-01") == "m"
    assert holder(tl, "chair", "2000-01-01") == "m"
    assert holder(tl, "head", "2000-01-02") == "m"
    assert tl.final.offices_of("m") == ["head"]
    assert acting(tl, "council", "2000-01-02") is None


def test_a_designation_made_does_not_call_for_another_while_the_designee_waits() -> None:
    """The Assembly designates a successor who takes office later: the
    designation the vacancy called for is discharged, and looking at the line
    again (here because the person acting dies) does not call for it again."""
    rules = {
        "senate": {},
        "deputies": {},
        "president": {
            "lines": {
                "permanent": {
                    "steps": [
                        {
                            "body": "congress",
                            "mode": "acts",
                            "obligations": [
                                {
                                    "kind": "designation",
                                    "description": "Congress designates a successor",
                                    "within_hours": 48,
                                    "citation": "Art. 4",
                                }
                            ],
                        },
                        {"office": "senate", "mode": "acts", "tenure": "ex_officio"},
                        {"office": "deputies", "mode": "acts", "tenure": "ex_officio"},
                    ]
                }
            }
        },
    }
    tl = run(
        rules,
        {"senate": "s", "deputies": "d", "president": "p"},
        [
            {"date": "2000-01-02", "type": "death", "person": "p"},
            {
                "date": "2000-01-03",
                "type": "designated",
                "person": "x",
                "office": "president",
                "by": "congress",
                "takes_office": False,
            },
            {"date": "2000-01-04", "type": "death", "person": "s"},
        ],
        people=["p", "s", "d", "x"],
    )
    assert [o.kind for o in at(tl, "2000-01-02").offices["president"].obligations] == [
        "designation"
    ]
    assert at(tl, "2000-01-03").offices["president"].obligations == ()
    st = at(tl, "2000-01-04").offices["president"]
    assert st.acting_id == "d" and st.elect is not None and st.obligations == ()
