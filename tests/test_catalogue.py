"""The catalogue of broken input files: one fault per file, one entry per file.

``tests/catalogue/`` holds broken rule files (``rules/``), scenarios
(``scenarios/``, on the small valid rule file and document of
``scenarios/support/``, which are not part of the catalogue) and overlays
(``overlays/``, on ``rules/bo/2009.yaml``). Each entry gives the first
problem reported: a fragment of its message, its line and column, and a
fragment of its hint. A scenario is loaded and simulated, since impossible
events surface only when simulating.

An entry marked ``weak`` records a report that is not good enough today
(wrong place, no hint saying what to write, a wrong message, a crash or a
file accepted that should not be): it is an expected failure (strict, so
that a fix is noticed), stating the place and hint wanted; where only the
wording is at fault its message fragment is empty, so that any good wording
at the right place with a hint passes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from succession.api import simulate
from succession.cli import app
from succession.errors import Problem, SuccessionError
from succession.load import load_rules, load_scenario

CATALOGUE = Path(__file__).resolve().parent / "catalogue"
FOLDERS = ("rules", "scenarios", "overlays")
#: the message itself says what to write: no separate hint is needed
SELF_EXPLAINED = None
#: a hint is wanted, whatever it says
ANY_HINT = ""


@dataclass(frozen=True)
class Case:
    """One broken file and the first problem it must be reported with."""

    file: str
    fragment: str
    line: int
    column: int
    hint: str | None
    #: why today's report is not good enough (the entry is an expected failure)
    weak: str | None = None
    #: the file is accepted, or the loader crashes: `validate` does not report it either
    not_reported: bool = False


C = Case

CASES: list[Case] = [
    # --- rule files ------------------------------------------------------------------------
    # YAML and encoding
    C(
        "rules/yaml-syntax.yaml",
        "YAML syntax error: mapping values are not allowed",
        16,
        19,
        "must be quoted",
    ),
    C(
        "rules/yaml-unclosed-flow.yaml",
        "YAML syntax error: did not find expected ',' or '}'",
        20,
        3,
        "the '{' opened at line 19, column 13 is ",
    ),
    C(
        "rules/tab-indentation.yaml",
        "YAML syntax error: found character that cannot start any token",
        16,
        1,
        "indent with spaces, not tabs",
    ),
    C(
        "rules/latin-1.yaml",
        "the file is not UTF-8 text (byte 0xf3)",
        11,
        32,
        "save the file as UTF-8",
    ),
    C(
        "rules/duplicate-key.yaml",
        "duplicate key 'name' (first given at line 11, column 5)",
        16,
        5,
        "give each key once",
    ),
    C(
        "rules/alias.yaml",
        "aliases (*name) are not supported",
        13,
        13,
        "write the value out in full",
    ),
    C(
        "rules/anchor-without-alias.yaml",
        "anchors (&head) are not supported",
        10,
        14,
        "remove the anchor and write each value o",
    ),
    C(
        "rules/python-tag.yaml",
        "the tag 'tag:yaml.org,2002:python/object:os.system' is not supported",
        16,
        11,
        "remove the tag",
    ),
    C(
        "rules/merge-key.yaml",
        "merge keys (<<) are not supported",
        17,
        5,
        "write the keys out in full",
    ),
    # types and fields
    C(
        "rules/list-for-mapping.yaml",
        "expected a mapping of `key: value` lines here, not a list",
        10,
        3,
        "write `key: value` lines, indented under",
    ),
    C(
        "rules/sources-as-mapping.yaml",
        "expected a list here (items starting with `- `)",
        8,
        3,
        "write each item on its own line, startin",
    ),
    C(
        "rules/citation-as-list.yaml",
        "expected a mapping of `key: value` lines here, not a list",
        12,
        15,
        'for a citation, `citation: "Art. 1"` or ',
    ),
    C(
        "rules/step-as-text.yaml",
        "expected a mapping of `key: value` lines here, not text",
        19,
        13,
        "write `key: value` lines, indented under",
    ),
    C(
        "rules/text-for-number.yaml",
        "expected a whole number, not 'thirty'",
        17,
        18,
        "write digits, e.g. 30",
    ),
    C(
        "rules/negative-deadline.yaml",
        "must be at least 0, not -90",
        23,
        78,
        "write a number of 0 or more",
    ),
    C(
        "rules/unquoted-version.yaml",
        "expected text, but the unquoted '2009' is read as a number",
        5,
        10,
        'write it in quotes: "2009"',
    ),
    C(
        "rules/unknown-field.yaml",
        "unknown field 'takes_efect'",
        21,
        13,
        "did you mean 'takes_effect'?",
    ),
    C("rules/missing-field.yaml", "missing field 'name'", 10, 3, "add `name:`"),
    C("rules/step-without-citation.yaml", "missing field 'citation'", 19, 13, "add `citation:`"),
    C(
        "rules/mode-misspelt.yaml",
        "Input should be 'becomes' or 'acts'",
        20,
        19,
        "did you mean 'becomes'?",
    ),
    C(
        "rules/bad-identifier.yaml",
        "'Vice President' is not a valid identifier",
        10,
        3,
        "use lower-case letters, digits, '_' and ",
    ),
    C(
        "rules/step-with-two-sources.yaml",
        "a step draws on exactly one of office, person or body (got office, person)",
        19,
        13,
        SELF_EXPLAINED,
    ),
    C(
        "rules/schema-version-2.yaml",
        "schema_version 2 is not supported",
        2,
        17,
        "write `schema_version: 1`",
    ),
    C(
        "rules/valid-until-before-valid-from.yaml",
        "valid_until (1999-12-31) is before valid_from (2000-01-01)",
        7,
        14,
        "give the last day the version was in for",
    ),
    # cross-references and the shape of lines
    C("rules/unknown-source.yaml", "unknown source 'constitution'", 21, 51, "known sources: const"),
    C(
        "rules/unknown-office.yaml",
        "unknown office 'vice_presdent'",
        19,
        21,
        "did you mean 'vice_president'",
    ),
    C("rules/unknown-body.yaml", "unknown body 'congres'", 18, 16, "did you mean 'congress'?"),
    C(
        "rules/line-names-its-own-office.yaml",
        "the line of 'president' names 'president' itself",
        19,
        21,
        "a line lists other offices",
    ),
    C(
        "rules/cycle.yaml",
        "the lines form a cycle: president → vice_president → president",
        29,
        22,
        "may not appear",
    ),
    C(
        "rules/temporary-step-becomes.yaml",
        "a step of a temporary line cannot make its person holder",
        21,
        19,
        "write `mode: acts`",
    ),
    C(
        "rules/becomes-after-elective.yaml",
        "a step after an elective step only serves until the designation",
        22,
        44,
        "write `mode: acts`",
    ),
    C(
        "rules/yields-to-later-step.yaml",
        "'speaker' is not an earlier step of this line",
        21,
        25,
        "listed above this step",
    ),
    C(
        "rules/duplicate-step-ids.yaml",
        "step id 'next' is used twice in this line (first at step 1)",
        20,
        18,
        "give each step of a line a distinct id",
    ),
    # --- scenarios -------------------------------------------------------------------------
    # YAML and encoding
    C(
        "scenarios/yaml-syntax.yaml",
        "YAML syntax error: mapping values are not allowed",
        23,
        19,
        "must be quoted",
    ),
    C(
        "scenarios/tab-indentation.yaml",
        "YAML syntax error: found character that cannot start any token",
        13,
        1,
        "indent with spaces, not tabs",
    ),
    C(
        "scenarios/latin-1.yaml",
        "the file is not UTF-8 text (byte 0xe9)",
        6,
        26,
        "save the file as UTF-8",
    ),
    C(
        "scenarios/schema-version-2.yaml",
        "schema_version 2 is not supported",
        2,
        17,
        "write `schema_version: 1`",
    ),
    # types and fields
    C(
        "scenarios/list-for-mapping.yaml",
        "expected a mapping of `key: value` lines here, not a list",
        13,
        3,
        "write `key: value` lines, indented under",
    ),
    C(
        "scenarios/events-as-mapping.yaml",
        "expected a list here (items starting with `- `)",
        17,
        3,
        "write each item on its own line, startin",
    ),
    C(
        "scenarios/person-as-list.yaml",
        "expected text here, not a list",
        20,
        13,
        "write the text on the same line, in quot",
    ),
    C(
        "scenarios/empty-person-name.yaml",
        "must not be empty",
        6,
        21,
        "write some text (in quotes if it could b",
    ),
    C(
        "scenarios/unquoted-title.yaml",
        "expected text, but the unquoted '2020' is read as a number",
        3,
        8,
        'write it in quotes: "2020"',
    ),
    C(
        "scenarios/time-unquoted-number.yaml",
        "write the time as HH:MM, e.g. 18:41 (an unquoted 1841 is a number)",
        19,
        11,
        SELF_EXPLAINED,
    ),
    C(
        "scenarios/effective-at-with-offset.yaml",
        "give the local date and time without an offset, e.g. 1974-08-09T12:00",
        23,
        19,
        SELF_EXPLAINED,
    ),
    C(
        "scenarios/date-unreadable.yaml",
        "Input should be a valid date",
        18,
        11,
        "write a date as YYYY-MM-DD",
    ),
    C("scenarios/unknown-field.yaml", "unknown field 'ofice'", 21, 5, "did you mean 'office'?"),
    C("scenarios/missing-field.yaml", "missing field 'source'", 17, 5, "add `source:`"),
    C(
        "scenarios/event-type-misspelt.yaml",
        "Input should be 'death', 'resignation', 'resignation_accepted', 'resig",
        19,
        11,
        "did you mean 'resignation' or 'designate",
    ),
    C(
        "scenarios/cause-misspelt.yaml",
        "cause must be one of death, resignation, removal, conviction, declared",
        22,
        12,
        SELF_EXPLAINED,
    ),
    # references
    C(
        "scenarios/rules-missing.yaml",
        "the rule file 'support/no-such-rules.yaml' does not exist",
        4,
        8,
        "relative to this scenario file",
    ),
    C(
        "scenarios/unknown-person.yaml",
        "no person called 'Anna Perez'",
        20,
        13,
        "did you mean 'ana' (Ana Pérez)?",
    ),
    C(
        "scenarios/ambiguous-person.yaml",
        "'Perez' could be any of: ana (Ana Pérez), bruno (Bruno Pérez)",
        18,
        13,
        "use the person's id",
    ),
    C(
        "scenarios/unknown-office.yaml",
        "unknown office 'presidnet'",
        21,
        13,
        "did you mean 'president'",
    ),
    C("scenarios/unknown-body.yaml", "unknown body 'congres'", 22, 9, "did you mean 'congress'?"),
    C(
        "scenarios/unknown-document.yaml",
        "unknown document 'reprot'",
        22,
        24,
        "did you mean 'report'?",
    ),
    C(
        "scenarios/document-missing.yaml",
        "cannot read document 'support/no-such-report.txt': no such file",
        6,
        24,
        "relative to the scenario file",
    ),
    C(
        "scenarios/quote-not-in-document.yaml",
        "the quoted passage is not in the document 'report'",
        22,
        39,
        "copy the passage exactly",
    ),
    C(
        "scenarios/duplicate-event-ids.yaml",
        "event id 'ana-resigns' is used twice (first at item 1)",
        23,
        9,
        "give each a distinct id",
    ),
    # holders
    C(
        "scenarios/holder-of-two-offices.yaml",
        "'ana' is given as holder of both 'president' and 'speaker'",
        15,
        12,
        "a person holds one office at the start",
    ),
    C(
        "scenarios/office-missing-from-holders.yaml",
        "no starting holder given for 'speaker'",
        12,
        1,
        "list every office of the rule file",
    ),
    # events
    C(
        "scenarios/events-out-of-order.yaml",
        "events out of order: 'bruno-sworn' (2020-01-05)",
        24,
        11,
        "list events in the order they happened",
    ),
    C(
        "scenarios/effective-at-before-event.yaml",
        "a resignation cannot take effect before it is submitted",
        22,
        19,
        "at or after the event's date and time",
    ),
    C(
        "scenarios/simultaneous-with-not-previous.yaml",
        "'ana-resigns' is not the event just before this one",
        34,
        24,
        "names the previous event",
    ),
    # impossible events (found when simulating)
    C(
        "scenarios/resigning-an-office-not-held.yaml",
        "event 'bruno-resigns': Bruno Díaz cannot resign Speaker: the holder at 2020-01-06 is Carla Ruiz",
        17,
        5,
        "check the person, the office and the order of events",
    ),
    C(
        "scenarios/death-after-death.yaml",
        "event 'carla-dies-again': Carla Ruiz died at 2020-01-06",
        22,
        5,
        "nothing can happen to a person after their death",
    ),
    C(
        "scenarios/reinstating-someone-not-suspended.yaml",
        "event 'ana-reinstated': Ana Pérez is not suspended from President",
        17,
        5,
        "a reinstatement follows a suspension",
    ),
    C(
        "scenarios/accepting-a-resignation-never-made.yaml",
        "there is no resignation by Ana Pérez of President to accept",
        17,
        5,
        "add the resignation event before its acceptance",
    ),
    # expectations
    C(
        "scenarios/expectation-unknown-office.yaml",
        "unknown office 'vice_presidnet'",
        19,
        7,
        "did you mean 'vice_president'",
    ),
    C(
        "scenarios/expectation-unreadable-instant.yaml",
        "'07/01/2020' is not a date (YYYY-MM-DD) or a date and time (YYYY-MM-DDTHH:MM)",
        17,
        9,
        SELF_EXPLAINED,
    ),
    # --- overlays (on rules/bo/2009.yaml) ---------------------------------------------------
    # naming things the base does not have
    C(
        "overlays/unknown-step-id.yaml",
        "the permanent line of 'president' has no step 'senate-presidnet'",
        11,
        13,
        "did you mean 'senate-president'",
    ),
    C(
        "overlays/step-number-out-of-range.yaml",
        "has 3 steps; there is no step 4",
        11,
        13,
        "number steps from 1 to 3",
    ),
    C(
        "overlays/step-number-zero.yaml",
        "has 3 steps; there is no step 0",
        11,
        13,
        "number steps from 1 to 3",
    ),
    C(
        "overlays/unknown-office.yaml",
        "the base rules have no office 'presidente'",
        10,
        15,
        "did you mean 'president'",
    ),
    C(
        "overlays/no-such-line.yaml",
        "'vice_president' has no temporary line",
        11,
        13,
        "insert_step cannot start one",
    ),
    C(
        "overlays/unknown-anchor.yaml",
        "has no step 'senate-vice-president'",
        11,
        14,
        "did you mean",
    ),
    C(
        "overlays/unknown-acceptor.yaml",
        "unknown body 'asembly'",
        12,
        20,
        "did you mean 'assembly'?",
    ),
    C(
        "overlays/unknown-citation-source.yaml",
        "unknown source 'scp-0052-2021'",
        7,
        46,
        "known sources: cpe2009",
    ),
    C(
        "overlays/remove-missing-obligation.yaml",
        "step 'deputies-president' of the permanent line of 'president' has no designation obligation",
        12,
        13,
        "its obligations: election",
    ),
    # the overlay and its base do not match
    C(
        "overlays/wrong-jurisdiction.yaml",
        "this overlay is for 'us', but its base",
        4,
        15,
        "write `jurisdiction: bo`",
    ),
    C(
        "overlays/wrong-version.yaml",
        "this overlay is for version '1967'",
        5,
        10,
        "write `version: '2009'`",
    ),
    C(
        "overlays/base-missing.yaml",
        "the base rule file '../../../rules/bo/2099.yaml' does not exist",
        3,
        10,
        "relative to this overlay",
    ),
    C(
        "overlays/base-is-itself.yaml",
        "the overlay's bases lead back to itself",
        3,
        10,
        "name a rule file as the base",
    ),
    # the shape of the overlay and of its changes
    C(
        "overlays/unknown-change-kind.yaml",
        "unknown field 'rename_step'",
        9,
        5,
        "did you mean 'remove_step'",
    ),
    C(
        "overlays/two-kinds.yaml",
        "a change has exactly one of set_resignation, set_step",
        9,
        5,
        SELF_EXPLAINED,
    ),
    C(
        "overlays/empty-change.yaml",
        "a change has exactly one of set_resignation, set_step",
        9,
        5,
        SELF_EXPLAINED,
    ),
    C(
        "overlays/unknown-field.yaml",
        "unknown field 'takes_efect'",
        12,
        7,
        "did you mean 'takes_effect'?",
    ),
    C(
        "overlays/misspelt-required-field.yaml",
        "unknown field 'efective'",
        11,
        7,
        "did you mean 'effective'?",
    ),
    C(
        "overlays/acceptance-without-body.yaml",
        "effective: on_acceptance needs accepted_by",
        10,
        7,
        SELF_EXPLAINED,
    ),
    C(
        "overlays/submission-with-body.yaml",
        "accepted_by goes with effective: on_acceptance",
        10,
        7,
        SELF_EXPLAINED,
    ),
    C("overlays/missing-reading.yaml", "missing field 'reading'", 2, 1, "add `reading:`"),
    C(
        "overlays/empty-reading.yaml",
        "must not be empty",
        6,
        10,
        "write some text (in quotes if it could b",
    ),
    C("overlays/missing-citation.yaml", "missing field 'citation'", 2, 1, "add `citation:`"),
    C(
        "overlays/insert-before-and-after.yaml",
        "give exactly one of before or after",
        10,
        7,
        SELF_EXPLAINED,
    ),
    C(
        "overlays/replacement-without-citation.yaml",
        "missing field 'citation'",
        12,
        7,
        "add `citation:`",
    ),
    C(
        "overlays/set-step-changes-nothing.yaml",
        "set_step changes nothing: give one of mode",
        10,
        7,
        SELF_EXPLAINED,
    ),
    C(
        "overlays/yaml-syntax.yaml",
        "YAML syntax error: mapping values are not allowed",
        6,
        18,
        "must be quoted",
    ),
    # changes whose result breaks the rules: reported inside the change that did it
    C(
        "overlays/inserted-step-unknown-office.yaml",
        "unknown office 'senate_vice_president'",
        13,
        17,
        "did you mean 'senate_president'",
    ),
    C(
        "overlays/cycle.yaml",
        "the lines form a cycle: president → senate_president → president",
        13,
        17,
        "may not appear",
    ),
    C(
        "overlays/yields-to-not-earlier.yaml",
        "'deputies_president' is not an earlier step of this line",
        12,
        19,
        "did you mean 'vice_president'?",
    ),
    C(
        "overlays/temporary-step-becomes.yaml",
        "a step of a temporary line cannot make its person holder",
        13,
        13,
        "write `mode: acts`",
    ),
]


def params(*, cli: bool = False) -> list[Any]:
    """The cases as pytest parameters, the weak ones as strict expected failures
    (on the command line, only those `validate` does not report at all)."""
    out: list[Any] = []
    for case in CASES:
        failing = case.weak is not None and (case.not_reported or not cli)
        marks = [pytest.mark.xfail(strict=True, reason=case.weak or "")] if failing else []
        out.append(pytest.param(case, id=case.file, marks=marks))
    return out


def first_problem(path: Path) -> Problem:
    """The first problem reported: rules and overlays loaded, scenarios loaded and simulated."""
    with pytest.raises(SuccessionError) as err:
        if path.parent.name == "scenarios":
            simulate(load_scenario(path))
        else:
            load_rules(path)
    return err.value.problems[0]


@pytest.mark.parametrize("case", params())
def test_the_first_problem_is_reported_where_it_is_with_a_hint(case: Case) -> None:
    path = CATALOGUE / case.file
    problem = first_problem(path)
    shown = problem.format()
    assert case.fragment in problem.message, shown
    assert problem.location is not None, shown
    assert Path(problem.location.file).resolve() == path.resolve(), shown
    assert (problem.location.line, problem.location.column) == (case.line, case.column), shown
    if case.hint is not SELF_EXPLAINED:
        assert problem.hint, f"no hint: {shown}"
        assert case.hint in problem.hint, shown


def test_every_file_has_an_entry_and_every_entry_a_file() -> None:
    entries = [case.file for case in CASES]
    assert len(set(entries)) == len(entries), "a file has two entries"
    files = {
        f"{folder}/{path.name}"
        for folder in FOLDERS
        for path in (CATALOGUE / folder).iterdir()
        if path.is_file()
    }
    assert sorted(files - set(entries)) == [], "files without an entry"
    assert sorted(set(entries) - files) == [], "entries without a file"


def test_the_scenarios_support_files_are_valid() -> None:
    support = CATALOGUE / "scenarios" / "support"
    load_rules(support / "rules.yaml")
    simulate(load_scenario(support / "valid.yaml"))


FIRST_LINE = re.compile(r"(?P<file>.+):(?P<line>\d+):(?P<column>\d+): (?P<message>.+)")


@pytest.mark.parametrize("case", params(cli=True))
def test_validate_reports_it_on_the_command_line(case: Case) -> None:
    path = CATALOGUE / case.file
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert "Traceback" not in result.stdout and "Traceback" not in result.stderr, result.stderr
    assert result.exit_code == 1, result.stdout + result.stderr
    first = FIRST_LINE.fullmatch(result.stderr.splitlines()[0])
    assert first is not None, result.stderr
    assert Path(first["file"]).resolve() == path.resolve(), result.stderr
    if case.weak is None:
        assert (int(first["line"]), int(first["column"])) == (case.line, case.column), result.stderr
        assert case.fragment in first["message"], result.stderr
