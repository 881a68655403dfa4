"""The committed JSON Schemas match the models."""

from __future__ import annotations

import pytest

from succession.schemas import SCHEMA_KINDS, schema, schema_text
from tests.helpers import ROOT


@pytest.mark.parametrize("kind", SCHEMA_KINDS)
def test_committed_schema_matches_the_model(kind: str) -> None:
    committed = (ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(kind), (
        f"schemas/{kind}.schema.json is stale: run `python -m succession.schemas`"
    )


def test_schemas_describe_the_key_fields() -> None:
    rules = schema("rules")
    step = rules["$defs"]["Step"]["properties"]
    assert set(step["mode"]["enum"]) == {"becomes", "acts"}
    assert "citation" in rules["$defs"]["Step"]["required"]
    scenario = schema("scenario")
    events = scenario["properties"]["events"]["items"]
    assert events["discriminator"]["propertyName"] == "type"
    assert set(events["discriminator"]["mapping"]) >= {"death", "resignation", "suspension"}
    # each type's own fields are required in the schema
    assert set(scenario["$defs"]["Suspension"]["required"]) >= {"person", "office", "cause"}
    assert "office" not in scenario["$defs"]["Death"]["required"]
    assert "effective_at" not in scenario["$defs"]["Death"]["properties"]
