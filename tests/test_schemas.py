"""The committed JSON Schemas match the models."""

from __future__ import annotations

import json

import pytest

from succession.schemas import SCHEMA_KINDS, schema, schema_text
from tests.helpers import ROOT


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_committed_schema_matches_the_model(kind):
    committed = (ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(kind), (
        f"schemas/{kind}.schema.json is stale: run `python -m succession.schemas`"
    )


def test_schemas_describe_the_key_fields():
    rules = schema("rules")
    step = rules["$defs"]["Step"]["properties"]
    assert set(step["mode"]["enum"]) == {"becomes", "acts"}
    assert "citation" in rules["$defs"]["Step"]["required"]
    scenario = schema("scenario")
    assert "death" in json.dumps(scenario["$defs"]["Event"]["properties"]["type"])
