"""The JSON Schemas of the file formats, generated from the models."""

from __future__ import annotations

import json
from typing import Any

SCHEMA_KINDS = ("rules", "overlay", "scenario")


def schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of ``rules``, ``overlay`` or ``scenario`` files."""
    if kind == "rules":
        from .model.rules import Rules as model
    elif kind == "overlay":
        from .model.overlay import Overlay as model  # type: ignore[assignment]
    elif kind == "scenario":
        from .model.scenario import Scenario as model  # type: ignore[assignment]
    else:
        raise ValueError(kind)
    out = model.model_json_schema()
    out["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    out["$id"] = f"https://succession.invalid/schemas/{kind}.schema.json"
    return out


def schema_text(kind: str) -> str:
    """The schema as the committed file holds it."""
    return json.dumps(schema(kind), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_all(folder: str = "schemas") -> list[str]:
    """Regenerate ``schemas/*.schema.json``; returns the paths written."""
    import os

    paths = []
    for kind in SCHEMA_KINDS:
        path = os.path.join(folder, f"{kind}.schema.json")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(schema_text(kind))
        paths.append(path)
    return paths


if __name__ == "__main__":  # python -m succession.schemas
    for p in write_all():
        print(p)
