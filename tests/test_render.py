"""Text and JSON views show what the engine recorded."""

import json

from succession.api import run
from succession.render import jsonview, text
from tests.helpers import ROOT

TL = run(ROOT / "seeds" / "bolivia-2019.yaml")


def test_state_json_shape() -> None:
    data = jsonview.state(TL, TL.state_at("2019-11-13"))
    president = data["offices"]["president"]
    assert (president["holder"], president["acting"], president["status"]) == ("anez", None, "held")
    chain = []
    b = president["holder_detail"]["basis"]
    while b:
        chain.append(b["kind"])
        b = b["prior"]
    assert chain == ["took_office", "line", "took_office", "line", "initial"]
    line_basis = president["holder_detail"]["basis"]["prior"]
    assert line_basis["step"]["citation"]["article"] == "Art. 169.I"
    assert [s["reason"] for s in line_basis["skipped"]] == ["vacant"]
    json.dumps(data, ensure_ascii=False)  # serialisable


def test_vacancy_json_lists_the_skips() -> None:
    data = jsonview.state(TL, TL.state_at("2019-11-11"))
    vacancy = data["offices"]["president"]["vacancy"]
    assert vacancy["person"] == "morales" and vacancy["cause"] == "resignation"
    assert [s["draws_on"] for s in vacancy["skipped"]] == [
        "vice_president",
        "senate_president",
        "deputies_president",
    ]


def test_timeline_text_lists_every_event() -> None:
    out = text.timeline(TL)
    for event in TL.scenario.events:
        assert event.id in out
    assert (
        "President of the State: vacant → Luis Arce" not in out
    )  # Arce replaces Áñez, not a vacancy
    assert "President of the State: Jeanine Áñez → Luis Arce" in out


def test_state_table_marks_unrecorded_offices() -> None:
    out = text.state(TL, TL.state_at("2019-11-11"), TL.state_at("2019-11-11").instant)
    assert "(not recorded)" in out
    assert "entitled: Jeanine Áñez" in out
