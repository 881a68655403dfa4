"""Fuzzing the loaders and the engine: whatever the input, the only exception
is the project's own ``SuccessionError``.

- arbitrary text, as a rule file, an overlay and a scenario;
- arbitrary YAML structures (mappings, lists and scalars, with the formats'
  own field names among the keys);
- valid rule files with one value replaced by junk;
- valid rule files with random event sequences, legal or not (the engine
  raises only ``SuccessionError``, and its invariants hold when it does not).

The default run is short. The long run (at least 10,000 examples each):

    SUCCESSION_FUZZ=10000 .venv/bin/pytest tests/test_fuzz.py
"""

from __future__ import annotations

import contextlib
import copy
import os
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from succession.errors import SuccessionError
from succession.load import parse_rules, parse_scenario
from succession.yamlio import parse
from tests import strategies as S
from tests.helpers import check_invariants, run_generated

EXAMPLES = int(os.environ.get("SUCCESSION_FUZZ", "0") or 0) or 60
FUZZ = settings(
    max_examples=EXAMPLES, deadline=None, derandomize=False, suppress_health_check=list(HealthCheck)
)

FIELDS = [
    "schema_version",
    "jurisdiction",
    "title",
    "version",
    "valid_from",
    "valid_until",
    "sources",
    "offices",
    "bodies",
    "name",
    "citation",
    "article",
    "source",
    "causes",
    "permanent",
    "temporary",
    "lines",
    "steps",
    "office",
    "person",
    "body",
    "mode",
    "tenure",
    "takes_effect",
    "eligibility",
    "obligations",
    "min_age",
    "yields_to",
    "resignation",
    "effective",
    "accepted_by",
    "overlay",
    "reading",
    "changes",
    "set_step",
    "insert_step",
    "remove_step",
    "rules",
    "people",
    "start",
    "holders",
    "events",
    "expect",
    "id",
    "date",
    "time",
    "type",
    "at",
    "quote",
    "document",
    "record",
    "readings",
    "within_days",
    "kind",
]
VALUES = [
    "president",
    "vice_president",
    "becomes",
    "acts",
    "leaves",
    "ex_officio",
    "ipso_facto",
    "on_taking_office",
    "death",
    "resignation",
    "2019-11-10",
    "18:41",
    "Art. 1",
    "vacant",
    "unknown",
    "all",
    "none",
    "1e3",
    "no",
    "on",
    "~",
    "null",
    "2009",
    "../rules/bo/2009.yaml",
    "seeds/bolivia-2019.yaml",
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(VALUES),
    st.text(max_size=20),
    st.dates().map(lambda d: d.isoformat()),
)
keys = st.one_of(st.sampled_from(FIELDS), st.text(min_size=1, max_size=12))
structures = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=6)),
    max_leaves=40,
)


def only_our_errors(call: Any) -> None:
    with contextlib.suppress(SuccessionError):
        call()


def load_all(text: str, folder: Path) -> None:
    only_our_errors(lambda: parse(text, "fuzz.yaml"))
    only_our_errors(lambda: parse_rules(text, str(folder / "fuzz.yaml"), base_dir=folder))
    only_our_errors(lambda: parse_scenario(text, str(folder / "fuzz.yaml"), base_dir=folder))


ROOT = Path(__file__).resolve().parent.parent
FOLDER = (
    ROOT / "rules" / "bo"
)  # relative paths in fuzzed files may reach real files; nothing is written


@FUZZ
@given(st.text(max_size=400))
def test_arbitrary_text(text: str) -> None:
    load_all(text, FOLDER)


@FUZZ
@given(structures)
def test_arbitrary_yaml_structures(data: Any) -> None:
    text = yaml.safe_dump(data, allow_unicode=True)
    load_all(text, FOLDER)


@FUZZ
@given(st.dictionaries(st.sampled_from(FIELDS), structures, max_size=8))
def test_arbitrary_top_level_mappings(data: dict[str, Any]) -> None:
    data = {"schema_version": 1, **data}
    load_all(yaml.safe_dump(data, allow_unicode=True), FOLDER)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(data, dict):
        for k, v in data.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += _paths(v, (*prefix, i))
    return out


@FUZZ
@given(S.rule_files(), st.data())
def test_valid_rule_files_with_one_value_replaced(
    rules: dict[str, Any], data: st.DataObject
) -> None:
    paths = [p for p in _paths(rules) if p]
    path = data.draw(st.sampled_from(paths))
    junk = data.draw(structures)
    broken = copy.deepcopy(rules)
    target = broken
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = junk
    only_our_errors(lambda: parse_rules(S.dump(broken), "fuzz.yaml"))


@FUZZ
@given(S.wild_scenarios())
def test_the_engine_on_random_events(gen: S.Generated) -> None:
    try:
        timeline = run_generated(gen)
    except SuccessionError:
        return
    check_invariants(timeline)
