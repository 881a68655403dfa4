"""Explanations follow the engine's recorded reasons back to events and articles."""

from succession.api import run
from succession.explain import explain
from tests.helpers import ROOT

TL = run(ROOT / "seeds" / "bolivia-2019.yaml")


def test_holder_chain_names_articles_and_quoted_sources():
    ex = explain(TL, "president", "2019-11-13")
    assert ex.status == "held" and ex.holder is not None and ex.holder.person == "anez"
    kinds = [link.kind for link in ex.holder.chain]
    assert kinds == ["took_office", "line", "took_office", "line", "initial"]
    succession_link = ex.holder.chain[1]
    assert (
        succession_link.step is not None and succession_link.step.citation.article == "Art. 169.I"
    )
    assert succession_link.step.citation.source_title.startswith("Constitución Política")
    # how the presidency fell vacant, with the quoted passage
    assert succession_link.vacancy is not None
    [morales] = succession_link.vacancy.events
    assert morales.id == "morales-resigns" and "resignation as president" in morales.source
    assert morales.document.startswith("CNN")
    # the vice-presidency, passed over, with the resignation behind it
    [vp] = succession_link.skipped
    assert vp.reason == "vacant" and [e.id for e in vp.events] == ["garcia-linera-resigns"]
    senate_link = ex.holder.chain[3]
    assert senate_link.step.citation.article == "Art. 41(a)"
    assert [s.reason for s in senate_link.skipped] == ["vacant"]


def test_vacant_office_lists_the_skips():
    ex = explain(TL, "president", "2019-11-11")
    assert ex.status == "vacant" and ex.holder is None and ex.acting is None
    assert ex.vacancy is not None and ex.vacancy.person == "morales"
    assert [s.step.draws_on for s in ex.vacancy.skipped] == [
        "vice_president",
        "senate_president",
        "deputies_president",
    ]
