"""Shared helpers: small rule files and scenarios written compactly in tests,
then run through the real loader and engine."""

from __future__ import annotations

import atexit
import copy
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from succession.engine import simulate
from succession.engine.state import Timeline
from succession.load import LoadedRules, LoadedScenario, parse_rules, parse_scenario

ROOT = Path(__file__).resolve().parent.parent

# The command line caches timelines; the tests keep theirs in a folder of
# their own, removed at the end, and never read or fill the user's cache.
_CACHE = tempfile.mkdtemp(prefix="succession-test-cache-")
os.environ["SUCCESSION_CACHE"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, True)


def full_rules(offices: dict[str, Any], **top: Any) -> dict[str, Any]:
    """A complete rule file from a compact description: citations and causes
    default to test values where a test does not care about them."""
    offices = copy.deepcopy(offices)
    for office in offices.values():
        office.setdefault("name", "Office")
        office.setdefault("citation", "Art. 1")
        office.setdefault(
            "causes",
            {
                "permanent": ["death", "resignation", "removal", "declared_vacancy"],
                "temporary": ["incapacity", "impeachment", "declared_inability"],
                "citation": "Art. 2",
            },
        )
        for line in (office.get("lines") or {}).values():
            for step in line["steps"]:
                step.setdefault("citation", "Art. 3")
                step.setdefault("mode", "becomes")
    doc = {
        "schema_version": 1,
        "jurisdiction": "test",
        "title": "Test rules",
        "version": "1",
        "valid_from": "1900-01-01",
        "sources": [{"id": "const", "title": "Test constitution"}],
        "bodies": {"congress": {"name": "Congress", "citation": "Art. 9"}},
        "offices": offices,
    }
    doc.update(top)
    return doc


def load_rules_dict(doc: dict[str, Any]) -> LoadedRules:
    """Validate a rule-file dict through the YAML loader."""
    return parse_rules(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), "rules.yaml")


def make_scenario(
    rules: LoadedRules,
    holders: dict[str, Any],
    events: list[dict[str, Any]] | None = None,
    people: list[Any] | None = None,
    expect: list[dict[str, Any]] | None = None,
    start: str = "2000-01-01",
) -> LoadedScenario:
    """A validated scenario. People default to everyone named in holders and
    events; events get ids and sources unless given."""
    names: list[str] = []
    for h in holders.values():
        if isinstance(h, dict):
            h = h.get("person")
        if isinstance(h, str) and h not in ("vacant", "unknown"):
            names.append(h)
    evs = []
    for i, ev in enumerate(events or []):
        ev = dict(ev)
        ev.setdefault("id", f"e{i}")
        ev.setdefault("source", {"record": "test"})
        if "person" in ev:
            names.append(ev["person"])
        evs.append(ev)
    if people is None:
        people = [{"id": n, "name": n.upper()} for n in dict.fromkeys(names)]
    else:
        people = [p if isinstance(p, dict) else {"id": p, "name": p.upper()} for p in people]
    doc = {
        "schema_version": 1,
        "title": "Test scenario",
        "rules": "rules.yaml",
        "people": people,
        "start": start,
        "holders": {o: holders.get(o, "vacant") for o in rules.rules.offices},
        "events": evs,
        "expect": expect or [],
    }
    return parse_scenario(
        yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), "scenario.yaml", rules=rules
    )


def run(
    offices: dict[str, Any],
    holders: dict[str, Any],
    events: list[dict[str, Any]] | None = None,
    **kw: Any,
) -> Timeline:
    """Build, validate and simulate in one go."""
    rules = load_rules_dict(full_rules(offices))
    loaded = make_scenario(rules, holders, events, **kw)
    return simulate(rules.rules, loaded.scenario, locate=loaded.locate)


@pytest.fixture
def root() -> Path:
    """The repository's top folder."""
    return ROOT
