"""Explanations follow the engine's recorded reasons back to events and articles."""

import datetime as dt

from succession.api import run, simulate
from succession.instants import format_instant
from succession.why import explain
from tests.helpers import ROOT

TL = run(ROOT / "seeds" / "bolivia-2019.yaml")


def test_holder_chain_names_articles_and_quoted_sources() -> None:
    ex = explain(TL, "president", "2019-11-13")
    assert ex.status == "held" and ex.holder is not None and ex.holder.person == "anez"
    kinds = [link.kind for link in ex.holder.chain]
    assert kinds == ["took_office", "line", "took_office", "line", "initial"]
    succession_link = ex.holder.chain[1]
    assert (
        succession_link.step is not None and succession_link.step.citation.article == "Art. 169.I"
    )
    assert succession_link.step.citation.source_title is not None
    assert succession_link.step.citation.source_title.startswith("Constitución Política")
    # how the presidency fell vacant, with the quoted passage
    assert succession_link.vacancy is not None
    [morales] = succession_link.vacancy.events
    assert morales.id == "morales-resigns" and "resignation as president" in morales.source
    assert morales.document is not None and morales.document.startswith("CNN")
    # the vice-presidency, passed over, with the resignation behind it
    [vp] = succession_link.skipped
    assert vp.reason == "vacant" and [e.id for e in vp.events] == ["garcia-linera-resigns"]
    senate_link = ex.holder.chain[3]
    assert senate_link.step is not None
    assert senate_link.step.citation.article == "Art. 41(a)"
    assert [s.reason for s in senate_link.skipped] == ["vacant"]


def test_vacant_office_lists_the_skips() -> None:
    ex = explain(TL, "president", "2019-11-11")
    assert ex.status == "vacant" and ex.holder is None and ex.acting is None
    assert ex.vacancy is not None and ex.vacancy.person == "morales"
    assert [s.step.draws_on for s in ex.vacancy.skipped] == [
        "vice_president",
        "senate_president",
        "deputies_president",
    ]


def test_an_obligation_is_overdue_from_its_deadline_in_every_view() -> None:
    """One overdue rule (the reference model's): explain, at --json and
    compare all say an obligation is overdue at its deadline instant, and
    not a minute before."""
    from succession.api import compare, load_scenario
    from succession.render import jsonview
    from tests.reference_model import overdue as reference_overdue

    loaded = load_scenario(ROOT / "seeds" / "bolivia-2019.yaml", rules="election-90-days")
    tl = simulate(loaded)
    [ob] = tl.state_at("2020-02-10T18:41").offices["president"].obligations
    deadline = ob.deadline
    assert format_instant(deadline) == "2020-02-10T18:41"
    for when, late in ((deadline - dt.timedelta(minutes=1), False), (deadline, True)):
        assert reference_overdue(deadline, when) is late
        assert explain(tl, "president", when).obligations[0].overdue is late
        data = jsonview.state(tl, tl.state_at(when), when)
        assert data["offices"]["president"]["obligations"][0]["overdue"] is late
    d = compare(load_scenario(ROOT / "seeds" / "bolivia-2019.yaml"), ["base", "election-90-days"])
    [president] = [od for od in d.offices if od.office == "president"]
    starts = {iv.start: iv for iv in president.intervals}
    assert starts[deadline].views[1].obligations == (("election", deadline, True),)
