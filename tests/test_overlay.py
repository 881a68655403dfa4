"""Overlays: a contested reading of the law as changes to a base rule file.

Broken overlays (tests/catalogue/overlays/, one fault each, all on the
Bolivian base file, checked by tests/test_catalogue.py) are each reported at
the overlay's ``file:line:col``; every kind of change does what it says on
a small base file; the real readings load.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from succession.cli import app
from succession.errors import InputError, Problem
from succession.load import LoadedRules, load_rules, overlay_rules
from tests.helpers import ROOT, full_rules

BAD = Path(__file__).resolve().parent / "catalogue" / "overlays"
BO = ROOT / "rules" / "bo"


def first_problem(path: Path) -> Problem:
    with pytest.raises(InputError) as err:
        load_rules(path)
    return err.value.problems[0]


def where(problem: Problem) -> tuple[Path, int | None, int | None]:
    loc = problem.location
    assert loc is not None, problem.format()
    return Path(loc.file).resolve(), loc.line, loc.column


class TestBrokenOverlays:
    """More on some broken overlays of the catalogue (tests/test_catalogue.py checks
    the first problem of each)."""

    def test_every_file_names_the_bolivian_base(self) -> None:
        for path in BAD.glob("*.yaml"):
            if path.name in ("base-missing.yaml", "base-is-itself.yaml"):
                continue
            assert "overlay: ../../../rules/bo/2009.yaml\n" in path.read_text("utf-8"), path.name

    def test_a_misspelt_required_field_is_named_with_its_correction(self) -> None:
        path = BAD / "misspelt-required-field.yaml"
        with pytest.raises(InputError) as err:
            load_rules(path)
        typo = [p for p in err.value.problems if p.message == "unknown field 'efective'"]
        assert len(typo) == 1
        assert typo[0].hint == "did you mean 'effective'?"
        assert where(typo[0]) == (path.resolve(), 11, 7)
        assert err.value.problems[0] is typo[0], "the misspelling comes before the missing field"

    def test_a_base_that_is_not_a_rule_file_is_reported_at_the_overlay(
        self, tmp_path: Path
    ) -> None:
        (tmp_path / "seed.yaml").write_bytes((ROOT / "seeds" / "bolivia-2019.yaml").read_bytes())
        path = tmp_path / "ov.yaml"
        path.write_text(
            "schema_version: 1\noverlay: seed.yaml\njurisdiction: bo\nreading: r\ncitation: x\n",
            "utf-8",
        )
        problem = first_problem(path)
        assert "is not a rule file" in problem.message
        assert where(problem) == (path.resolve(), 2, 10)

    def test_hints_say_what_to_write(self) -> None:
        assert first_problem(BAD / "unknown-step-id.yaml").hint == (
            "did you mean 'senate-president' or 'deputies-president' or 'vice-president'?"
        )
        assert first_problem(BAD / "wrong-jurisdiction.yaml").hint == (
            "write `jurisdiction: bo` or name a base rule file of 'us'"
        )
        assert first_problem(BAD / "step-number-out-of-range.yaml").hint == (
            "number steps from 1 to 3, or name one by its id"
        )
        assert (
            first_problem(BAD / "remove-missing-obligation.yaml").hint
            == "its obligations: election"
        )
        assert first_problem(BAD / "no-such-line.yaml").hint == (
            "'vice_president' has no lines; insert_step cannot start one"
        )


# --- a small base rule file for the good paths ---------------------------------------------------

BASE_OFFICES: dict[str, Any] = {
    "head": {
        "resignation": {"effective": "on_submission", "citation": "Art. 4"},
        "lines": {
            "permanent": {
                "steps": [
                    {"id": "deputy", "office": "deputy"},
                    {
                        "id": "speaker",
                        "office": "speaker",
                        "obligations": [
                            {
                                "kind": "election",
                                "description": "elect",
                                "within_days": 90,
                                "citation": "Art. 5",
                            },
                            {
                                "kind": "convene",
                                "description": "convene",
                                "within_hours": 48,
                                "citation": "Art. 6",
                            },
                        ],
                    },
                    {"id": "clerk", "office": "clerk", "yields_to": ["speaker"]},
                ]
            },
            "temporary": {"steps": [{"id": "acting-deputy", "office": "deputy", "mode": "acts"}]},
        },
    },
    "deputy": {},
    "speaker": {},
    "clerk": {},
    "guard": {"causes": {"permanent": ["death"], "citation": "Art. 2"}},
}

NEW_STEP = {"id": "marshal", "office": "clerk", "mode": "becomes", "citation": "Ruling 1, para. 2"}


class _Dumper(yaml.SafeDumper):
    """Writes a value used twice out twice (the loader refuses aliases)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def write_yaml(path: Path, doc: dict[str, Any]) -> Path:
    path.write_text(yaml.dump(doc, Dumper=_Dumper, allow_unicode=True, sort_keys=False), "utf-8")
    return path


@pytest.fixture
def base(tmp_path: Path) -> Path:
    return write_yaml(tmp_path / "base.yaml", full_rules(BASE_OFFICES))


def overlay_doc(changes: list[dict[str, Any]], **top: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "schema_version": 1,
        "overlay": "base.yaml",
        "jurisdiction": "test",
        "version": "1",
        "reading": "the ruling's reading",
        "citation": {"article": "Ruling 1", "source": "ruling"},
        "sources": [{"id": "ruling", "title": "A ruling"}],
        "changes": changes,
    }
    doc.update(top)
    return doc


def apply(base: Path, *changes: dict[str, Any], name: str = "ov.yaml", **top: Any) -> LoadedRules:
    return load_rules(write_yaml(base.parent / name, overlay_doc(list(changes), **top)))


def steps(loaded: LoadedRules, office: str = "head", line: str = "permanent") -> list[Any]:
    found = loaded.rules.offices[office].line(line)  # type: ignore[arg-type]
    assert found is not None
    return list(found.steps)


def step_ids(
    loaded: LoadedRules, office: str = "head", line: str = "permanent"
) -> list[str | None]:
    return [s.id for s in steps(loaded, office, line)]


class TestEachKindOfChange:
    def test_set_resignation(self, base: Path) -> None:
        loaded = apply(
            base,
            {
                "set_resignation": {
                    "office": "head",
                    "effective": "on_acceptance",
                    "accepted_by": "congress",
                }
            },
        )
        rule = loaded.rules.offices["head"].resignation
        assert rule is not None
        assert (rule.effective, rule.accepted_by) == ("on_acceptance", "congress")
        assert rule.citation.article == "Ruling 1" and rule.citation.source == "ruling"
        assert rule.citation.note == 'the reading "the ruling\'s reading" of Art. 4'

    def test_set_resignation_back_to_submission(self, base: Path) -> None:
        first = apply(
            base,
            {
                "set_resignation": {
                    "office": "head",
                    "effective": "on_acceptance",
                    "accepted_by": "congress",
                }
            },
            name="a.yaml",
        )
        assert first.rules.offices["head"].resignation.accepted_by == "congress"  # type: ignore[union-attr]
        again = overlay_rules(
            first,
            write_yaml(
                base.parent / "b.yaml",
                overlay_doc(
                    [{"set_resignation": {"office": "head", "effective": "on_submission"}}]
                ),
            ),
        )
        rule = again.rules.offices["head"].resignation
        assert rule is not None and (rule.effective, rule.accepted_by) == ("on_submission", None)

    def test_set_resignation_on_an_office_without_one(self, base: Path) -> None:
        loaded = apply(
            base,
            {
                "set_resignation": {
                    "office": "deputy",
                    "effective": "on_acceptance",
                    "accepted_by": "congress",
                }
            },
        )
        rule = loaded.rules.offices["deputy"].resignation
        assert rule is not None and rule.accepted_by == "congress"
        assert rule.citation.article == "Ruling 1" and rule.citation.note is None

    def test_set_step_keeps_the_rest_and_the_base_citation_in_a_note(self, base: Path) -> None:
        loaded = apply(
            base,
            {
                "set_step": {
                    "office": "head",
                    "step": "speaker",
                    "takes_effect": "on_taking_office",
                    "tenure": "ex_officio",
                }
            },
        )
        before = steps(load_rules(base))[1]
        after = steps(loaded)[1]
        assert (after.takes_effect, after.tenure) == ("on_taking_office", "ex_officio")
        assert (after.id, after.office, after.mode, after.obligations) == (
            before.id,
            before.office,
            before.mode,
            before.obligations,
        )
        assert after.citation.article == "Ruling 1"
        assert after.citation.note == 'the reading "the ruling\'s reading" of Art. 3'
        assert steps(loaded)[0] == steps(load_rules(base))[0], "the other steps are untouched"

    def test_set_step_with_its_own_citation(self, base: Path) -> None:
        cite = {"article": "Ruling 1, para. 7", "source": "ruling", "note": "obiter"}
        loaded = apply(
            base,
            {
                "set_step": {
                    "office": "head",
                    "step": "deputy",
                    "accept_acting": True,
                    "citation": cite,
                }
            },
        )
        step = steps(loaded)[0]
        assert step.accept_acting is True
        assert step.citation.article == "Ruling 1, para. 7"
        assert step.citation.note == 'obiter; the reading "the ruling\'s reading" of Art. 3'

    def test_set_step_citing_the_article_it_changes_adds_no_note(self, base: Path) -> None:
        loaded = apply(
            base,
            {
                "set_step": {
                    "office": "head",
                    "step": "deputy",
                    "tenure": "ex_officio",
                    "citation": "Art. 3",
                }
            },
        )
        assert steps(loaded)[0].citation.article == "Art. 3"
        assert steps(loaded)[0].citation.note is None

    def test_set_step_yields_to_and_eligibility(self, base: Path) -> None:
        loaded = apply(
            base,
            {
                "set_step": {
                    "office": "head",
                    "step": "clerk",
                    "yields_to": "all",
                    "eligibility": [{"min_age": 35, "citation": "Ruling 1"}],
                }
            },
        )
        step = steps(loaded)[2]
        assert step.yields_to == "all"
        assert [r.min_age for r in step.eligibility] == [35]

    def test_replace_step(self, base: Path) -> None:
        loaded = apply(
            base, {"replace_step": {"office": "head", "step": "clerk", "with": NEW_STEP}}
        )
        assert step_ids(loaded) == ["deputy", "speaker", "marshal"]
        new = steps(loaded)[2]
        assert new.office == "clerk" and new.yields_to == "none"
        assert new.citation.article == "Ruling 1, para. 2" and new.citation.note is None

    @pytest.mark.parametrize(
        ("where", "anchor", "ids"),
        [
            ("before", "deputy", ["marshal", "deputy", "speaker", "clerk"]),
            ("before", "clerk", ["deputy", "speaker", "marshal", "clerk"]),
            ("after", "deputy", ["deputy", "marshal", "speaker", "clerk"]),
            ("after", "clerk", ["deputy", "speaker", "clerk", "marshal"]),
            ("before", 1, ["marshal", "deputy", "speaker", "clerk"]),
            ("after", 3, ["deputy", "speaker", "clerk", "marshal"]),
        ],
    )
    def test_insert_step(self, base: Path, where: str, anchor: str | int, ids: list[str]) -> None:
        loaded = apply(base, {"insert_step": {"office": "head", where: anchor, "step": NEW_STEP}})
        assert step_ids(loaded) == ids

    def test_insert_step_in_the_temporary_line(self, base: Path) -> None:
        loaded = apply(
            base,
            {
                "insert_step": {
                    "office": "head",
                    "line": "temporary",
                    "after": "acting-deputy",
                    "step": {**NEW_STEP, "mode": "acts"},
                }
            },
        )
        assert step_ids(loaded, line="temporary") == ["acting-deputy", "marshal"]
        assert step_ids(loaded) == ["deputy", "speaker", "clerk"]

    def test_remove_step(self, base: Path) -> None:
        loaded = apply(base, {"remove_step": {"office": "head", "step": "deputy"}})
        assert step_ids(loaded) == ["speaker", "clerk"]

    def test_removing_the_last_step_of_a_line_removes_the_line(self, base: Path) -> None:
        loaded = apply(
            base, {"remove_step": {"office": "head", "line": "temporary", "step": "acting-deputy"}}
        )
        head = loaded.rules.offices["head"]
        assert head.lines.temporary is None
        assert head.lines.permanent == load_rules(base).rules.offices["head"].lines.permanent

    def test_add_obligation(self, base: Path) -> None:
        ob = {
            "kind": "designation",
            "description": "designate",
            "within_days": 30,
            "by": "congress",
            "citation": "Ruling 1",
        }
        loaded = apply(
            base,
            {"add_obligation": {"office": "head", "step": "deputy", "obligation": ob}},
            {"add_obligation": {"office": "head", "step": "speaker", "obligation": ob}},
        )
        assert [o.kind for o in steps(loaded)[0].obligations] == ["designation"]
        assert [o.kind for o in steps(loaded)[1].obligations] == [
            "election",
            "convene",
            "designation",
        ]
        assert steps(loaded)[1].obligations[2].by == "congress"

    def test_remove_obligation(self, base: Path) -> None:
        loaded = apply(
            base, {"remove_obligation": {"office": "head", "step": "speaker", "kind": "election"}}
        )
        assert [o.kind for o in steps(loaded)[1].obligations] == ["convene"]

    @pytest.mark.parametrize(
        ("change", "position"),
        [
            ({"set_step": {"office": "head", "step": "speaker", "mode": "acts"}}, 2),
            ({"replace_step": {"office": "head", "step": "clerk", "with": NEW_STEP}}, 3),
            ({"insert_step": {"office": "head", "after": "speaker", "step": NEW_STEP}}, 2),
            ({"insert_step": {"office": "head", "before": "deputy", "step": NEW_STEP}}, 1),
            ({"remove_step": {"office": "head", "step": "deputy"}}, 1),
            (
                {
                    "add_obligation": {
                        "office": "head",
                        "step": "clerk",
                        "obligation": {
                            "kind": "other",
                            "description": "report",
                            "within_days": 1,
                            "citation": "Ruling 1",
                        },
                    }
                },
                3,
            ),
            ({"remove_obligation": {"office": "head", "step": "speaker", "kind": "convene"}}, 2),
        ],
        ids=lambda c: next(iter(c)) if isinstance(c, dict) else str(c),
    )
    def test_a_step_named_by_its_position(
        self, base: Path, change: dict[str, Any], position: int
    ) -> None:
        kind, body = next(iter(change.items()))
        key = next(k for k in ("before", "after", "step") if isinstance(body.get(k), str))
        by_position = {kind: {**body, key: position}}
        a = apply(base, change, name="by-id.yaml")
        b = apply(base, by_position, name="by-position.yaml")
        assert a.rules.offices == b.rules.offices
        assert a.rules.offices != load_rules(base).rules.offices

    def test_changes_apply_in_order(self, base: Path) -> None:
        loaded = apply(
            base,
            {"insert_step": {"office": "head", "before": "clerk", "step": NEW_STEP}},
            {"set_step": {"office": "head", "step": "marshal", "tenure": "ex_officio"}},
            {
                "add_obligation": {
                    "office": "head",
                    "step": 3,
                    "obligation": {
                        "kind": "other",
                        "description": "report",
                        "within_days": 1,
                        "citation": "Ruling 1",
                    },
                }
            },
            {"remove_step": {"office": "head", "step": 1}},
        )
        assert step_ids(loaded) == ["speaker", "marshal", "clerk"]
        marshal = steps(loaded)[1]
        assert marshal.tenure == "ex_officio" and [o.kind for o in marshal.obligations] == ["other"]

    def test_set_step_after_add_obligation_keeps_the_obligation(self, base: Path) -> None:
        loaded = apply(
            base,
            {
                "add_obligation": {
                    "office": "head",
                    "step": "deputy",
                    "obligation": {
                        "kind": "other",
                        "description": "report",
                        "within_days": 1,
                        "citation": "Ruling 1",
                    },
                }
            },
            {"set_step": {"office": "head", "step": "deputy", "mode": "acts"}},
        )
        step = steps(loaded)[0]
        assert step.mode == "acts" and [o.kind for o in step.obligations] == ["other"]


class TestTheResult:
    def test_sources_reading_and_title(self, base: Path) -> None:
        rules = apply(base).rules
        assert [s.id for s in rules.sources] == ["const", "ruling"]
        assert rules.reading == "the ruling's reading"
        assert rules.title == "Test rules — reading: the ruling's reading"
        assert load_rules(base).rules.reading is None

    def test_title_and_description_given(self, base: Path) -> None:
        rules = apply(base, title="T", description="D").rules
        assert (rules.title, rules.description) == ("T", "D")

    def test_loaded_rules_know_their_base_and_overlay(self, base: Path) -> None:
        loaded = apply(base, {"remove_step": {"office": "head", "step": "clerk"}})
        assert loaded.overlay is not None and loaded.overlay.changes[0].kind == "remove_step"
        assert loaded.base is not None and Path(loaded.base.file).resolve() == base.resolve()
        assert loaded.label == "the ruling's reading"
        assert step_ids(loaded.base) == ["deputy", "speaker", "clerk"], "the base is not changed"

    def test_an_empty_overlay_changes_no_office(self, base: Path) -> None:
        loaded = apply(base)
        plain = load_rules(base).rules
        assert loaded.rules.offices == plain.offices
        assert loaded.rules.bodies == plain.bodies
        assert (
            loaded.rules.model_copy(
                update={"reading": None, "title": plain.title, "sources": plain.sources}
            )
            == plain
        )

    def test_an_overlay_on_an_overlay(self, base: Path) -> None:
        apply(base, {"remove_step": {"office": "head", "step": "clerk"}}, name="first.yaml")
        second = write_yaml(
            base.parent / "second.yaml",
            overlay_doc(
                [{"insert_step": {"office": "head", "after": "speaker", "step": NEW_STEP}}],
                overlay="first.yaml",
                reading="second reading",
                sources=[{"id": "later", "title": "A later ruling"}],
                citation={"article": "x", "source": "ruling"},
            ),
        )
        loaded = load_rules(second)
        assert step_ids(loaded) == ["deputy", "speaker", "marshal"]
        assert loaded.rules.reading == "second reading"
        assert [s.id for s in loaded.rules.sources] == ["const", "ruling", "later"]
        assert loaded.base is not None and loaded.base.rules.reading == "the ruling's reading"

    def test_overlay_rules_applies_an_overlay_on_other_rules(self, base: Path) -> None:
        first = apply(base, {"remove_step": {"office": "head", "step": "clerk"}}, name="first.yaml")
        # its own base is not read: the changes are made on the rules given
        other = write_yaml(
            base.parent / "other.yaml",
            overlay_doc(
                [{"insert_step": {"office": "head", "after": 2, "step": NEW_STEP}}],
                overlay="no-such-file.yaml",
            ),
        )
        loaded = overlay_rules(first, other)
        assert step_ids(loaded) == ["deputy", "speaker", "marshal"]
        assert loaded.base is first and loaded.overlay is not None
        assert Path(loaded.file).resolve() == other.resolve()

    def test_overlay_rules_on_the_bolivian_readings(self) -> None:
        scp = load_rules(BO / "2009-scp-0052-2021.yaml")
        both = overlay_rules(scp, BO / "2009-art161-acceptance.yaml")
        offices = both.rules.offices
        assert offices["president"].resignation.accepted_by == "assembly"  # type: ignore[union-attr]
        assert offices["senate_president"].resignation.accepted_by == "senate"  # type: ignore[union-attr]
        assert {s.id for s in both.rules.sources} >= {"cpe2009", "scp-0052-2021"}

    def test_overlay_rules_refuses_a_rule_file(self, base: Path) -> None:
        first = load_rules(base)
        with pytest.raises(InputError) as err:
            overlay_rules(first, base)
        assert "not an overlay" in err.value.problems[0].message

    @pytest.mark.parametrize(
        "name",
        ["2009-art161-acceptance.yaml", "2009-scp-0052-2021.yaml", "2009-election-beyond-vp.yaml"],
    )
    def test_the_bolivian_readings_load(self, name: str) -> None:
        loaded = load_rules(BO / name)
        assert loaded.overlay is not None and loaded.base is not None
        assert loaded.rules.reading == loaded.overlay.reading
        assert loaded.base.rules.offices != loaded.rules.offices
        assert set(loaded.base.rules.offices) == set(loaded.rules.offices)

    def test_what_the_bolivian_readings_change(self) -> None:
        offices = load_rules(BO / "2009-art161-acceptance.yaml").rules.offices
        for oid in ("president", "vice_president"):
            rule = offices[oid].resignation
            assert rule is not None and (rule.effective, rule.accepted_by) == (
                "on_acceptance",
                "assembly",
            )
            assert rule.citation.article == "Art. 161.3"
        offices = load_rules(BO / "2009-scp-0052-2021.yaml").rules.offices
        assert offices["deputies_president"].resignation.accepted_by == "deputies"  # type: ignore[union-attr]
        assert offices["president"].resignation.effective == "on_submission"  # type: ignore[union-attr]
        line = (
            load_rules(BO / "2009-election-beyond-vp.yaml")
            .rules.offices["president"]
            .lines.permanent
        )
        assert line is not None
        assert [[o.within_days for o in s.obligations] for s in line.steps] == [[], [90], [90]]


class TestProblemsOnASmallBase:
    def problems(self, base: Path, *changes: dict[str, Any], **top: Any) -> list[Problem]:
        with pytest.raises(InputError) as err:
            apply(base, *changes, **top)
        return list(err.value.problems)

    def test_a_removal_that_breaks_yields_to_is_reported_at_the_removal(self, base: Path) -> None:
        (p,) = self.problems(base, {"remove_step": {"office": "head", "step": "speaker"}})
        assert p.message.startswith(
            "after this change, 'speaker' is not an earlier step of this line"
        )
        assert p.location is not None and p.location.file.endswith("ov.yaml")
        text = (base.parent / "ov.yaml").read_text("utf-8").splitlines()
        assert text[p.location.line - 1].strip() == "office: head"  # type: ignore[operator]

    def test_a_source_id_the_base_already_has_is_refused(self, base: Path) -> None:
        (p, *_) = self.problems(
            base,
            sources=[
                {"id": "const", "title": "Another constitution"},
                {"id": "ruling", "title": "A ruling"},
            ],
        )
        assert "already has a source 'const'" in p.message

    def test_a_change_note_is_kept(self, base: Path) -> None:
        rules = apply(
            base,
            {
                "set_resignation": {
                    "office": "head",
                    "effective": "on_acceptance",
                    "accepted_by": "congress",
                    "note": "plenary decides",
                }
            },
        )
        resignation = rules.rules.offices["head"].resignation
        assert resignation is not None and "plenary decides" in (resignation.citation.note or "")

    def test_set_resignation_on_an_office_one_cannot_resign(self, base: Path) -> None:
        (p,) = self.problems(
            base,
            {
                "set_resignation": {
                    "office": "guard",
                    "effective": "on_acceptance",
                    "accepted_by": "congress",
                }
            },
        )
        assert "'guard' does not recognise resignation as a cause of vacancy" in p.message

    def test_independent_problems_are_reported_together(self, base: Path) -> None:
        found = self.problems(
            base,
            {"remove_step": {"office": "head", "step": "nobody"}},
            {"set_step": {"office": "nowhere", "step": 1, "mode": "acts"}},
            jurisdiction="other",
        )
        messages = [p.message for p in found]
        assert len(messages) == 3, messages
        assert "this overlay is for 'other'" in messages[0]
        assert "has no step 'nobody'" in messages[1]
        assert "no office 'nowhere'" in messages[2]

    def test_two_overlays_that_name_each_other(self, tmp_path: Path) -> None:
        a = write_yaml(tmp_path / "a.yaml", overlay_doc([], overlay="b.yaml"))
        write_yaml(tmp_path / "b.yaml", overlay_doc([], overlay="a.yaml"))
        with pytest.raises(InputError) as err:
            load_rules(a)
        p = err.value.problems[0]
        assert p.message == "the overlay's bases lead back to itself"
        assert (
            p.location is not None
            and Path(p.location.file).name == "b.yaml"
            and p.location.line == 2
        )

    def test_a_problem_in_the_base_overlay_is_reported_there(self, base: Path) -> None:
        write_yaml(
            base.parent / "first.yaml",
            overlay_doc([{"remove_step": {"office": "head", "step": 9}}]),
        )
        second = write_yaml(base.parent / "second.yaml", overlay_doc([], overlay="first.yaml"))
        with pytest.raises(InputError) as err:
            load_rules(second)
        p = err.value.problems[0]
        assert "there is no step 9" in p.message
        assert p.location is not None and Path(p.location.file).name == "first.yaml"

    def test_a_problem_inside_an_added_obligation_is_located_inside_it(self, base: Path) -> None:
        (p,) = self.problems(
            base,
            {
                "add_obligation": {
                    "office": "head",
                    "step": "deputy",
                    "obligation": {
                        "kind": "other",
                        "description": "report",
                        "within_days": 1,
                        "by": "congres",
                        "citation": "x",
                    },
                }
            },
        )
        assert p.message == "unknown body 'congres'"
        text = (base.parent / "ov.yaml").read_text("utf-8").splitlines()
        assert p.location is not None and text[p.location.line - 1].strip() == "by: congres"  # type: ignore[operator]

    def test_a_problem_is_not_located_at_an_unrelated_earlier_change(self, base: Path) -> None:
        (p,) = self.problems(
            base,
            {"set_step": {"office": "head", "step": "deputy", "takes_effect": "on_taking_office"}},
            {
                "add_obligation": {
                    "office": "head",
                    "step": "deputy",
                    "obligation": {
                        "kind": "other",
                        "description": "report",
                        "within_days": 1,
                        "citation": "x",
                    },
                }
            },
            {
                "add_obligation": {
                    "office": "head",
                    "step": "speaker",
                    "obligation": {
                        "kind": "other",
                        "description": "report",
                        "within_days": 1,
                        "by": "nobody",
                        "citation": "x",
                    },
                }
            },
        )
        assert "unknown body 'nobody'" in p.message
        text = (base.parent / "ov.yaml").read_text("utf-8").splitlines()
        third = [i for i, t in enumerate(text, 1) if t.strip() == "- add_obligation:"][1]
        assert p.location is not None and p.location.line is not None
        assert p.location.line > third, (
            f"located at line {p.location.line}, not in the third change"
        )

    def test_a_boolean_is_not_a_step(self, base: Path) -> None:
        self.problems(base, {"remove_step": {"office": "head", "step": True}})


# --- the command line ----------------------------------------------------------------------------


def test_validate_a_broken_overlay_on_the_command_line() -> None:
    path = BAD / "unknown-step-id.yaml"
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    file, rest = result.stderr.splitlines()[0].split(":", 1)
    assert Path(file).resolve() == path.resolve()
    assert rest == "11:13: the permanent line of 'president' has no step 'senate-presidnet'"
    assert "  hint: did you mean 'senate-president'" in result.stderr
    assert result.stdout == ""


def test_validate_the_real_overlays_on_the_command_line() -> None:
    result = CliRunner().invoke(
        app, ["validate", *(str(p) for p in sorted(BO.glob("2009-*.yaml")))]
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count(": ok (overlay on ") == 3
