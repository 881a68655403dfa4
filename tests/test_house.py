"""The shape of the package: the imports among its modules form no cycle
(imports inside functions included), every import runs one way along the
pipeline (text → located data → models → engine → timeline → why → views),
and no private name is used outside the module that defines it."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "succession"

#: Each module's place along the pipeline; a module imports only from its own
#: stage or an earlier one. The first matching prefix wins.
STAGES: list[tuple[str, int]] = [
    ("succession.errors", 0),
    ("succession.collector", 0),
    ("succession.instants", 0),
    ("succession.names", 0),
    ("succession.limits", 0),  # what input may ask for
    ("succession.yamlio", 1),  # text → located data
    ("succession.paths", 1),  # how files are found
    ("succession.model", 2),  # located data → models
    ("succession.overlay", 3),
    ("succession.load", 3),  # files → validated models
    ("succession.engine", 4),  # models → timeline
    ("succession.why", 5),  # timeline → why
    ("succession.diff", 5),
    ("succession.expect", 5),
    ("succession.analysis", 5),
    ("succession.variants", 6),  # orchestration
    ("succession.runs", 6),
    ("succession.validate", 7),
    ("succession.cache", 7),
    ("succession.outputs", 7),
    ("succession.schemas", 7),
    ("succession.api", 7),
    ("succession.render", 8),  # views
    ("succession.cli", 9),
    ("succession.__main__", 9),
    ("succession", 10),  # the package's face imports lazily from everything
]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _type_checking_only(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def runtime_imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import that can run: at module level or inside functions, but
    not under ``if TYPE_CHECKING:``."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _type_checking_only(node):
            yield from (n for child in node.orelse for n in runtime_imports(child))
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        yield from runtime_imports(node)


def imported(name: str, path: Path, node: ast.Import | ast.ImportFrom, known: set[str]) -> set[str]:
    """The package's modules an import statement in module ``name`` runs."""
    if isinstance(node, ast.Import):
        return {a.name for a in node.names if a.name in known}
    if node.level:
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for _ in range(node.level - 1):
            package = package.rpartition(".")[0]
        base = f"{package}.{node.module}" if node.module else package
    else:
        base = node.module or ""
    found = {base} if base in known else set()
    found |= {f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in known}
    # a module's packages are imported before it whatever it says: not an edge
    return {m for m in found if not name.startswith(m + ".")}


def graph() -> dict[str, set[str]]:
    mods = modules()
    known = set(mods)
    edges: dict[str, set[str]] = {m: set() for m in mods}
    for name, path in mods.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in runtime_imports(tree):
            edges[name] |= imported(name, path, node, known) - {name}
    return edges


def stage(module: str) -> int:
    for prefix, n in STAGES:
        if module == prefix or module.startswith(prefix + "."):
            return n
    raise AssertionError(f"{module} has no stage in tests/test_house.py: give it one")


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    colour: dict[str, int] = {}
    trail: list[str] = []

    def visit(m: str) -> list[str] | None:
        colour[m] = 1
        trail.append(m)
        for n in sorted(edges[m]):
            if colour.get(n) == 1:
                return [*trail[trail.index(n) :], n]
            if n not in colour and (found := visit(n)):
                return found
        colour[m] = 2
        trail.pop()
        return None

    for m in sorted(edges):
        if m not in colour and (found := visit(m)):
            return found
    return None


def test_the_graph_sees_imports_inside_functions_and_skips_type_checking() -> None:
    edges = graph()
    # the command line imports its heavy modules inside the commands
    assert "succession.runs" in edges["succession.cli.readings"]
    # the cache names the timeline's type only for the type checker...
    tree = ast.parse((PACKAGE / "cache.py").read_text(encoding="utf-8"))
    assert any(isinstance(n, ast.If) and _type_checking_only(n) for n in ast.walk(tree)), (
        "the cache no longer has a TYPE_CHECKING block: pick another example"
    )
    # ... and imports it inside a function, which counts
    assert "succession.engine.timeline" in edges["succession.cache"]


def test_no_import_cycle() -> None:
    cycle = find_cycle(graph())
    assert cycle is None, "import cycle: " + " → ".join(cycle or [])


def test_a_cycle_is_found() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_imports_run_one_way_along_the_pipeline() -> None:
    back = [
        f"{m} (stage {stage(m)}) imports {n} (stage {stage(n)})"
        for m, targets in sorted(graph().items())
        for n in sorted(targets)
        if stage(n) > stage(m)
    ]
    assert back == []


def python_files() -> list[Path]:
    return sorted(
        p for d in ("succession", "tests", "benchmarks") for p in (ROOT / d).rglob("*.py")
    )


def private_uses(path: Path) -> list[str]:
    """Private names (``_x``, not dunders) this file takes from another module:
    ``from m import _x`` or ``m._x`` on an imported module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []
    modules_here: set[str] = set()

    def private(name: str) -> bool:
        return name.startswith("_") and not name.startswith("__")

    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            for a in node.names:
                if private(a.name):
                    found.append(f"line {node.lineno}: from {node.module} import {a.name}")
                else:
                    modules_here.add(a.asname or a.name)
        elif isinstance(node, ast.Import):
            for a in node.names:
                modules_here.add(a.asname or a.name.split(".")[0])
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and private(node.attr)
            and isinstance(node.value, ast.Name)
            and node.value.id in modules_here
        ):
            found.append(f"line {node.lineno}: {node.value.id}.{node.attr}")
    return found


@pytest.mark.parametrize("path", python_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_private_name_crosses_a_module(path: Path) -> None:
    assert private_uses(path) == []


def test_private_uses_are_found(tmp_path: Path) -> None:
    f = tmp_path / "x.py"
    f.write_text("from m import _hidden\nimport n\nn._secret()\nself._own = 1\n")
    assert private_uses(f) == ["line 1: from m import _hidden", "line 3: n._secret"]
