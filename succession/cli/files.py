"""Commands on files and folders of files: check (expectations), validate,
schema, jurisdictions and graph."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from .output import Output, fail, instant, say, usage, warn, yaml_files
from .parser import AtOpt, JsonOpt, OutOpt, app


@app.command()
def check(
    files: Annotated[list[Path], typer.Argument(help="Scenario files or folders of them.")],
    as_json: JsonOpt = False,
) -> None:
    """Run the scenarios' expect blocks; exit 1 on any mismatch."""
    out = Output(None, as_json=as_json)
    from ..errors import SuccessionError
    from ..expect import check_expectations, expectation_count
    from ..load import load_scenario
    from ..render import jsonview, text
    from ..runs import check_runs
    from ..validate import classify

    results: list[dict[str, Any]] = []
    failed = False
    for path in yaml_files(files):
        kind = "scenario" if len(files) == 1 and files[0].is_file() else classify(path)
        if kind != "scenario":
            continue
        try:
            loaded = load_scenario(path)
            runs = [
                (name, timeline, check_expectations(timeline, loaded.locate, name))
                for name, timeline in check_runs(loaded)
            ]
        except SuccessionError as exc:
            failed = True
            warn(exc.format())
            results.append({"file": str(path), "error": exc.to_json()})
            continue
        for name, timeline, found in runs:
            total = expectation_count(timeline, name)
            failed = failed or bool(found)
            results.append(
                {
                    "file": loaded.file,
                    "reading": name,
                    "expectations": total,
                    "mismatches": [jsonview.mismatch(timeline, m) for m in found],
                }
            )
            if not as_json:
                label = loaded.file if name == "base" else f"{loaded.file} [reading {name}]"
                stream = sys.stdout if not found else sys.stderr
                say(text.mismatches(timeline, label, found, total), stream)
    if not results:
        sys.stderr.write("no scenario files found\n")
        failed = True
    if as_json:
        out.emit_json({"ok": not failed, "files": results})
    raise typer.Exit(1 if failed else 0)


@app.command()
def validate(
    paths: Annotated[
        list[Path], typer.Argument(help="Rule and scenario files, or folders of them.")
    ],
    as_json: JsonOpt = False,
) -> None:
    """Validate rule and scenario files; every problem as file:line:col: message."""
    out = Output(None, as_json=as_json)
    from ..validate import validate_path

    results = [validate_path(p) for p in yaml_files(paths)]
    if not results:
        sys.stderr.write("no .yaml files found\n")
        raise typer.Exit(1)
    bad = [r for r in results if r.problems]
    if as_json:
        out.emit_json({"ok": not bad, "files": [r.to_json() for r in results]})
    else:
        for r in results:
            if r.problems:
                for p in r.problems:
                    warn(p.format())
            else:
                say(f"{r.file}: ok ({r.summary})\n")
    raise typer.Exit(1 if bad else 0)


@app.command()
def jurisdictions(
    root: Annotated[
        Optional[Path],  # noqa: UP045 - typer needs Optional here on 3.11
        typer.Argument(
            help="The folder of jurisdiction folders (default: rules/ here if there is one, "
            "else the corpus installed with succession).",
            show_default=False,
        ),
    ] = None,
    as_json: JsonOpt = False,
    output: OutOpt = None,
) -> None:
    """The jurisdictions: their versions of the law with validity dates, the
    readings beside them and their historical scenarios."""
    from ..errors import SuccessionError
    from ..load import discover
    from ..paths import installed_corpus
    from ..render import folders

    if root is None:
        corpus = installed_corpus()
        root = Path("rules") if Path("rules").is_dir() or corpus is None else corpus
    out = Output(output, root, as_json=as_json)

    try:
        found = discover(root)
    except SuccessionError as exc:
        fail(exc, as_json)
    bad = any(j.problems for j in found)
    if as_json:
        out.emit_json(folders.jurisdictions_json(found))
        raise typer.Exit(1 if bad else 0)
    out.emit(folders.jurisdictions_text(found))
    for j in found:
        for p in j.problems:
            warn(p.format())
    raise typer.Exit(1 if bad else 0)


@app.command()
def graph(
    rules: Annotated[
        Path,
        typer.Argument(
            help="A rule file or overlay, a jurisdiction's folder, or a jurisdiction's id "
            "(e.g. bo, found as a scenario's jurisdiction is); --at picks the version."
        ),
    ],
    fmt: Annotated[
        str, typer.Option("--format", help="dot, mermaid or svg (svg needs Graphviz's dot).")
    ] = "dot",
    office: Annotated[
        Optional[str],  # noqa: UP045 - typer needs Optional here on 3.11
        typer.Option("--office", help="Only this office's lines and the offices they draw on."),
    ] = None,
    at: AtOpt = None,
    as_json: JsonOpt = False,
    output: OutOpt = None,
) -> None:
    """The lines of succession as a graph: offices as nodes, steps in order as
    edges (becomes solid, acts dashed, ex officio bold, temporary dotted),
    each with its article. --json gives the nodes and edges as data."""
    out = Output(output, rules, as_json=as_json)
    import shutil
    import subprocess

    from ..errors import QueryError, SuccessionError, did_you_mean
    from ..load import rules_in_force
    from ..paths import find_folder
    from ..render import graph as draw

    if fmt not in ("dot", "mermaid", "svg"):
        fail(
            QueryError(f"unknown format {fmt!r}", hint="write --format dot, mermaid or svg"), False
        )
    if not rules.exists() and (found := find_folder(Path.cwd(), os.fspath(rules))) is not None:
        rules = found
    try:
        loaded = rules_in_force(rules, instant(at, False).date() if at is not None else None)
    except SuccessionError as exc:
        fail(exc, as_json)
    model = loaded.rules
    if office is not None and office not in model.offices:
        fail(
            QueryError(
                f"unknown office {office!r}",
                hint=did_you_mean(office, model.offices, what="offices"),
            ),
            as_json,
        )
    if as_json:
        out.emit_json(draw.graph_json(model, office))
        return
    if fmt == "mermaid":
        out.emit(draw.mermaid(model, office))
        return
    source = draw.dot(model, office)
    if fmt == "dot":
        out.emit(source)
        return
    binary = shutil.which("dot")
    if binary is None:
        sys.stderr.write(
            "Graphviz's `dot` is not installed, so there is no SVG: install Graphviz (Debian: "
            "apt-get install graphviz), or use --format dot and render it elsewhere\n"
        )
        raise typer.Exit(1)
    done = subprocess.run(
        [binary, "-Tsvg"], input=source, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        sys.stderr.write(f"dot failed: {done.stderr.strip()}\n")
        raise typer.Exit(3)
    out.emit(done.stdout)


@app.command()
def schema(
    kind: Annotated[str, typer.Argument(help="rules, overlay or scenario")],
    output: OutOpt = None,
) -> None:
    """Print the JSON Schema of rule files, overlays or scenario files (JSON either way)."""
    out = Output(output)
    from ..schemas import SCHEMA_KINDS, schema_text

    if kind not in SCHEMA_KINDS:
        usage(f"unknown schema {kind!r}; choose one of: {', '.join(SCHEMA_KINDS)}")
    out.emit(schema_text(kind))
