"""The lines of succession as a graph: offices as nodes, steps as edges from
an office to the office (person, or body) each step draws on, in order.

Edges are told apart by their line style, not by colour: ``becomes`` is a
solid line, ``acts`` a dashed one, ex officio steps a bold line with an open
dot at the end, temporary lines dotted; each edge names its place in the
line, its mode and the article it cites.
"""

from __future__ import annotations

from typing import Any

from ..model.rules import Rules, Step


def _closure(rules: Rules, office: str | None) -> list[str]:
    if office is None:
        return list(rules.offices)
    seen = [office]
    for oid in seen:
        for kind in ("permanent", "temporary"):
            line = rules.offices[oid].line(kind)
            for step in line.steps if line else []:
                if step.office is not None and step.office not in seen:
                    seen.append(step.office)
    return seen


def _edges(rules: Rules, offices: list[str]) -> list[tuple[str, str, str, Step, int]]:
    """(from office, to node, line kind, step, position) for every step."""
    out = []
    for oid in offices:
        for kind in ("permanent", "temporary"):
            line = rules.offices[oid].line(kind)
            for i, step in enumerate(line.steps if line else []):
                target = step.office or (
                    f"person:{step.person}" if step.person else f"body:{step.body}"
                )
                out.append((oid, target, kind, step, i + 1))
    return out


def _label(kind: str, step: Step, i: int) -> str:
    parts = [f"{'T' if kind == 'temporary' else ''}{i}. {step.mode}"]
    if step.tenure == "ex_officio":
        parts.append("ex officio")
    if step.takes_effect == "on_taking_office":
        parts.append("on taking office")
    if step.body is not None:
        parts = [f"{'T' if kind == 'temporary' else ''}{i}. designated"]
    return (
        ", ".join(parts)
        + f"\n{step.citation.article}"
        + ("" if step.citation.verified else " [unverified]")
    )


def _dot_id(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _dot_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def dot(rules: Rules, office: str | None = None) -> str:
    """Graphviz DOT source."""
    offices = _closure(rules, office)
    lines = [
        f"digraph {_dot_id(rules.jurisdiction + ' ' + rules.version)} {{",
        "  rankdir=LR;",
        '  node [shape=box, fontname="Helvetica", fontsize=11];',
        '  edge [fontname="Helvetica", fontsize=9];',
        f"  label={_dot_text(rules.title + (' — reading: ' + rules.reading if rules.reading else ''))};",
        "  labelloc=t;",
    ]
    extra: dict[str, str] = {}
    for oid in offices:
        lines.append(f"  {_dot_id(oid)} [label={_dot_text(rules.offices[oid].name)}];")
    for source, target, kind, step, i in _edges(rules, offices):
        if target.startswith(("person:", "body:")):
            what, _, name = target.partition(":")
            extra[target] = (
                rules.bodies[name].name if what == "body" and name in rules.bodies else name
            )
        style = "dotted" if kind == "temporary" else "solid" if step.mode == "becomes" else "dashed"
        attrs = [f"label={_dot_text(_label(kind, step, i))}", f"style={style}"]
        if step.tenure == "ex_officio":
            attrs += ["penwidth=2.2", "arrowhead=odot"]
        lines.append(f"  {_dot_id(source)} -> {_dot_id(target)} [{', '.join(attrs)}];")
    for node, name in extra.items():
        shape = "ellipse" if node.startswith("body:") else "plain"
        lines.append(f"  {_dot_id(node)} [label={_dot_text(name)}, shape={shape}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _mm_id(name: str) -> str:
    return "n_" + "".join(c if c.isalnum() else "_" for c in name)


def _mm_text(text: str) -> str:
    return text.replace('"', "#quot;").replace("\n", "<br>")


def mermaid(rules: Rules, office: str | None = None) -> str:
    """Mermaid flowchart source."""
    offices = _closure(rules, office)
    lines = ["flowchart LR"]
    for oid in offices:
        lines.append(f'  {_mm_id(oid)}["{_mm_text(rules.offices[oid].name)}"]')
    for source, target, kind, step, i in _edges(rules, offices):
        if target.startswith(("person:", "body:")):
            lines.append(f'  {_mm_id(target)}(["{_mm_text(target.partition(":")[2])}"])')
        arrow = (
            "-.->"
            if kind == "temporary" or step.mode == "acts"
            else "==>"
            if step.tenure == "ex_officio"
            else "-->"
        )
        if kind == "temporary" and step.tenure == "ex_officio":
            arrow = "-.->"
        lines.append(
            f'  {_mm_id(source)} {arrow}|"{_mm_text(_label(kind, step, i))}"| {_mm_id(target)}'
        )
    return "\n".join(lines) + "\n"


def graph_json(rules: Rules, office: str | None = None) -> dict[str, Any]:
    """``graph --json``: the offices and, per step, an edge from the office
    whose line it is to the office, person or body it draws on."""
    offices = _closure(rules, office)
    return {
        "jurisdiction": rules.jurisdiction,
        "version": rules.version,
        "title": rules.title,
        "reading": rules.reading,
        "offices": [{"id": oid, "name": rules.offices[oid].name} for oid in offices],
        "edges": [
            {
                "from": source,
                "to": target,
                "line": kind,
                "position": i,
                "mode": "designated" if step.body is not None else step.mode,
                "tenure": step.tenure,
                "takes_effect": step.takes_effect,
                "article": step.citation.article,
                "verified": step.citation.verified,
            }
            for source, target, kind, step, i in _edges(rules, offices)
        ],
    }
