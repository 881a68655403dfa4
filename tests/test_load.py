"""Loading rule and scenario files: every problem at file:line:col with a hint."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from succession.errors import InputError
from succession.load import load_scenario, normalize_passage, parse_rules
from tests.helpers import ROOT, full_rules, load_rules_dict, make_scenario

SEED = ROOT / "seeds" / "bolivia-2019.yaml"


def rules_text(offices: dict[str, Any]) -> str:
    return yaml.safe_dump(full_rules(offices), sort_keys=False)


def first_problem(exc: pytest.ExceptionInfo[InputError]) -> str:
    return exc.value.problems[0].format()


class TestRuleFiles:
    def test_the_bolivian_rules_load(self) -> None:
        from succession.load import load_rules

        rules = load_rules(ROOT / "rules" / "bo" / "2009.yaml").rules
        assert list(rules.offices)[:2] == ["president", "vice_president"]
        permanent = rules.offices["president"].lines.permanent
        assert permanent is not None
        steps = permanent.steps
        assert [s.office for s in steps] == [
            "vice_president",
            "senate_president",
            "deputies_president",
        ]
        assert steps[2].obligations[0].within_days == 90

    def test_unknown_field_suggests_the_right_one(self) -> None:
        text = rules_text(
            {"president": {"lines": {"permanent": {"steps": [{"office": "vp"}]}}}, "vp": {}}
        )
        text = text.replace("mode: becomes", "mdoe: becomes")
        with pytest.raises(InputError) as err:
            parse_rules(text, "r.yaml")
        messages = [p.format() for p in err.value.problems]
        assert any("unknown field 'mdoe'" in m and "did you mean 'mode'" in m for m in messages)
        line = text.splitlines().index(next(s for s in text.splitlines() if "mdoe" in s)) + 1
        assert any(f"r.yaml:{line}:" in m for m in messages)

    def test_step_without_citation(self) -> None:
        doc = full_rules(
            {"president": {"lines": {"permanent": {"steps": [{"office": "vp"}]}}}, "vp": {}}
        )
        del doc["offices"]["president"]["lines"]["permanent"]["steps"][0]["citation"]
        with pytest.raises(InputError) as err:
            load_rules_dict(doc)
        assert "missing field 'citation'" in first_problem(err)

    def test_unknown_office_in_a_step(self) -> None:
        text = rules_text(
            {
                "president": {"lines": {"permanent": {"steps": [{"office": "vice_presdent"}]}}},
                "vice_president": {},
            }
        )
        with pytest.raises(InputError) as err:
            parse_rules(text, "r.yaml")
        assert "unknown office 'vice_presdent'" in first_problem(err)
        assert "did you mean 'vice_president'" in first_problem(err)

    def test_lines_that_cycle(self) -> None:
        text = rules_text(
            {
                "a": {"lines": {"permanent": {"steps": [{"office": "b"}]}}},
                "b": {"lines": {"permanent": {"steps": [{"office": "a"}]}}},
            }
        )
        with pytest.raises(InputError) as err:
            parse_rules(text, "r.yaml")
        assert "cycle" in first_problem(err)

    def test_temporary_line_cannot_make_a_holder(self) -> None:
        text = rules_text(
            {
                "a": {"lines": {"temporary": {"steps": [{"office": "b", "mode": "becomes"}]}}},
                "b": {},
            }
        )
        with pytest.raises(InputError) as err:
            parse_rules(text, "r.yaml")
        assert "write `mode: acts`" in first_problem(err)

    def test_wrong_literal(self) -> None:
        text = rules_text(
            {"a": {"lines": {"permanent": {"steps": [{"office": "b", "mode": "become"}]}}}, "b": {}}
        )
        with pytest.raises(InputError) as err:
            parse_rules(text, "r.yaml")
        assert "'becomes' or 'acts'" in first_problem(err)

    def test_schema_version(self) -> None:
        with pytest.raises(InputError, match="schema_version 2"):
            parse_rules("schema_version: 2\n", "r.yaml")

    def test_not_a_mapping(self) -> None:
        with pytest.raises(InputError, match="mapping"):
            parse_rules("- a\n- b\n", "r.yaml")


class TestScenarioFiles:
    def test_seed_names_resolve_through_aliases(self) -> None:
        loaded = load_scenario(SEED)
        events = {e.id: e for e in loaded.scenario.events}
        assert events["anez-takes-senate-chair"].person == "anez"  # written "Añez"
        assert events["anez-sworn-president"].person == "anez"  # written "Anez"
        assert events["garcia-linera-resigns"].person == "garcia_linera"  # "Alvaro Garcia Linera"

    def test_altered_quote_is_an_error_at_its_position(self, tmp_path: Path) -> None:
        copy = tmp_path / "seeds"
        shutil.copytree(ROOT / "seeds", copy)
        shutil.copytree(ROOT / "rules", tmp_path / "rules")
        path = copy / "bolivia-2019.yaml"
        text = path.read_text(encoding="utf-8")
        altered = text.replace(
            "a day after his resignation as president", "a week after his resignation"
        )
        path.write_text(altered, encoding="utf-8")
        with pytest.raises(InputError) as err:
            load_scenario(path)
        problem = err.value.problems[0]
        assert "quoted passage is not in the document 'cnn'" in problem.message
        line = next(i for i, s in enumerate(altered.splitlines(), 1) if "a week after" in s)
        assert problem.location is not None
        assert problem.location.line == line

    def test_quote_matching_tolerates_typography_and_whitespace(self) -> None:
        assert normalize_passage("Morales’ departure\n   came") == normalize_passage(
            "Morales' departure came"
        )
        assert normalize_passage("“serious irregularities”") == '"serious irregularities"'

    def test_unknown_person_with_suggestion(self) -> None:
        rules = load_rules_dict(full_rules({"president": {}}))
        with pytest.raises(InputError) as err:
            make_scenario(
                rules,
                {"president": "morales"},
                [{"date": "2000-01-02", "type": "death", "person": "Moralez"}],
                people=[{"id": "morales", "name": "Evo Morales", "aliases": ["Morales"]}],
            )
        text = first_problem(err)
        assert "no person called 'Moralez'" in text and "morales" in text

    def test_ambiguous_person_lists_candidates(self) -> None:
        rules = load_rules_dict(full_rules({"president": {}}))
        people = [
            {"id": "a1", "name": "Ana", "aliases": ["Lopez"]},
            {"id": "a2", "name": "Beto", "aliases": ["López"]},
        ]
        with pytest.raises(InputError) as err:
            make_scenario(
                rules,
                {"president": "a1"},
                [{"date": "2000-01-02", "type": "death", "person": "lopez"}],
                people=people,
            )
        assert "could be any of: a1 (Ana), a2 (Beto)" in first_problem(err)

    def test_events_out_of_order(self) -> None:
        rules = load_rules_dict(full_rules({"president": {}}))
        with pytest.raises(InputError) as err:
            make_scenario(
                rules,
                {"president": "p"},
                [
                    {"date": "2000-02-02", "type": "impeached", "person": "p"},
                    {"date": "2000-02-01", "type": "acquitted", "person": "p"},
                ],
            )
        assert "events out of order" in first_problem(err)

    def test_times_out_of_order_the_same_day(self) -> None:
        rules = load_rules_dict(full_rules({"president": {}}))
        with pytest.raises(InputError, match="out of order"):
            make_scenario(
                rules,
                {"president": "p"},
                [
                    {"date": "2000-02-02", "time": "18:51", "type": "impeached", "person": "p"},
                    {"date": "2000-02-02", "time": "18:41", "type": "acquitted", "person": "p"},
                ],
            )

    def test_every_office_needs_a_starting_holder(self) -> None:
        rules = load_rules_dict(full_rules({"president": {}, "vp": {}}))
        doc = {
            "schema_version": 1,
            "title": "t",
            "rules": "r",
            "start": "2000-01-01",
            "people": [{"id": "p", "name": "P"}],
            "holders": {"president": "p"},
        }
        from succession.load import parse_scenario

        with pytest.raises(InputError, match="no starting holder given for 'vp'"):
            parse_scenario(yaml.safe_dump(doc), "s.yaml", rules=rules)

    def test_unknown_event_type_and_missing_fields(self) -> None:
        rules = load_rules_dict(full_rules({"president": {}}))
        with pytest.raises(InputError) as err:
            make_scenario(
                rules,
                {"president": "p"},
                [
                    {"date": "2000-02-02", "type": "abdicated", "person": "p"},
                    {"date": "2000-02-03", "type": "resignation", "person": "p"},
                ],
            )
        text = err.value.format()
        assert "unknown event type 'abdicated'" in text
        assert "did you mean 'designated'" in text
        assert "a resignation event needs office" in text

    def test_unknown_office_in_event(self) -> None:
        rules = load_rules_dict(full_rules({"president": {}}))
        with pytest.raises(InputError, match="did you mean 'president'"):
            make_scenario(
                rules,
                {"president": "p"},
                [
                    {
                        "date": "2000-02-02",
                        "type": "resignation",
                        "person": "p",
                        "office": "presidnet",
                    }
                ],
            )

    def test_simultaneous_with_must_be_the_previous_event(self) -> None:
        rules = load_rules_dict(full_rules({"president": {}}))
        with pytest.raises(InputError, match="just before"):
            make_scenario(
                rules,
                {"president": "p"},
                [
                    {"id": "a", "date": "2000-02-02", "type": "impeached", "person": "p"},
                    {"id": "b", "date": "2000-02-02", "type": "acquitted", "person": "p"},
                    {
                        "id": "c",
                        "date": "2000-02-02",
                        "type": "impeached",
                        "person": "p",
                        "simultaneous_with": "a",
                    },
                ],
            )

    def test_missing_rules_file(self, tmp_path: Path) -> None:
        path = tmp_path / "s.yaml"
        path.write_text(
            "schema_version: 1\ntitle: t\nrules: nowhere.yaml\nstart: 2000-01-01\nholders: {}\n"
        )
        with pytest.raises(InputError) as err:
            load_scenario(path)
        assert "nowhere.yaml" in first_problem(err) and ":3:" in first_problem(err)


@pytest.mark.parametrize(
    ("text", "raw", "what"),
    [
        ("version: 2009", "2009", "a number"),
        ("version: 1.0e5", "1.0e5", "a number"),
        ("version: true", "true", "true/false"),
    ],
)
def test_an_unquoted_number_where_text_is_meant_says_to_quote_it(
    text: str, raw: str, what: str
) -> None:
    from succession.errors import InputError
    from succession.load import parse_rules

    doc = (
        "schema_version: 1\njurisdiction: zz\ntitle: t\n" + text + "\nvalid_from: 2000-01-01\n"
        "sources: [{id: c, title: C}]\noffices:\n  head:\n    name: Head\n    citation: Art. 1\n"
        "    causes: {permanent: [death], citation: Art. 2}\n"
    )
    with pytest.raises(InputError) as info:
        parse_rules(doc, "r.yaml")
    problem = info.value.problems[0]
    assert problem.message == f"expected text, but the unquoted {raw!r} is read as {what}"
    assert problem.hint == f'write it in quotes: "{raw}"'
    assert problem.location is not None
    assert (problem.location.line, problem.location.column) == (4, 10)


def test_models_share_given_field_names_but_a_copy_never_changes_another() -> None:
    """Frozen models with the same given fields share one set of their names
    (memory on large scenarios); a copy with changes gets a set of its own."""
    loaded = load_scenario(ROOT / "seeds" / "bolivia-2019.yaml")
    events = loaded.scenario.events
    first, second = next(
        (a, b)
        for i, a in enumerate(events)
        for b in events[i + 1 :]
        if a.model_fields_set == b.model_fields_set
    )
    assert first.__pydantic_fields_set__ is second.__pydantic_fields_set__
    names = set(second.model_fields_set)
    changed = first.model_copy(update={"note": "changed"})
    assert "note" in changed.model_fields_set
    assert second.model_fields_set == names and first.model_fields_set == names
    with pytest.raises(Exception, match="frozen"):
        first.note = "x"  # type: ignore[misc]
    assert first.model_fields_set == names
