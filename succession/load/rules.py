"""Rule files and overlays to validated rules."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import DataPath, InputError, Location, Problem
from ..model.kinds import kind_of
from ..model.overlay import Overlay
from ..model.rules import Rules, semantic_problems
from ..overlay import apply_overlay
from ..paths import outside_rules
from ..yamlio import Positions, display_path, parse, read_text, referenced_file
from .validation import to_model


@dataclass(frozen=True)
class LoadedRules:
    """A validated rule file and where each of its values came from."""

    rules: Rules
    file: str
    positions: Positions
    #: for an overlay: the rule file it changes, and the overlay itself
    base: LoadedRules | None = None
    overlay: Overlay | None = None

    @property
    def label(self) -> str:
        """A short name for the rules: the reading, or the version."""
        return self.rules.reading or f"{self.rules.jurisdiction} {self.rules.version}"

    def locate(self, path: DataPath) -> Location:
        """The ``file:line:col`` of a value of the file."""
        return self.positions.at(path)


def parse_rules(
    text: str,
    file: str,
    *,
    base_dir: str | os.PathLike[str] | None = None,
    read: Callable[[Path, str], str] | None = None,
    _chain: tuple[str, ...] = (),
) -> LoadedRules:
    """Validate the text of a rule file or of an overlay.

    An overlay's base rule file is read relative to ``base_dir`` (by default
    the folder of ``file``) and the overlay's changes are applied to it.
    """
    data, positions = parse(text, file)
    return rules_from(data, positions, file, base_dir, read, _chain)


def rules_from(
    data: Any,
    positions: Positions,
    file: str,
    base_dir: str | os.PathLike[str] | None,
    read: Callable[[Path, str], str] | None,
    chain: tuple[str, ...],
) -> LoadedRules:
    """Parsed rule data (or an overlay's, applied to its base) validated."""
    if kind_of(data) == "scenario":
        raise InputError(
            "this is a scenario, not a rule file",
            positions.at(()),
            "give a rule file (one with `offices:`) or an overlay where rules are asked for",
        )
    if kind_of(data) == "overlay":
        return _parse_overlay(data, positions, file, base_dir, read, chain)
    rules: Rules = to_model(Rules, data, positions, "rules")
    problems = [
        Problem(message, positions.at(path), hint)
        for path, message, hint in semantic_problems(rules)
    ]
    if problems:
        raise InputError(problems)
    return LoadedRules(rules, file, positions)


def confine(folder: str | os.PathLike[str], path: Path, what: str, where: Location) -> None:
    """Refuse a rule file named from a file in ``folder`` (``what``, at
    ``where``) that lies outside the folders rules may be read from
    (:func:`succession.paths.outside_rules`)."""
    if outside_rules(folder, path):
        raise InputError(
            f"{what} is outside this file's folder and the folders of rule files "
            f"(it resolves to {os.path.realpath(path)})",
            where,
            "keep rule files in this file's folder or below it, or in a rules/ folder above it "
            "or on SUCCESSION_PATH; or allow other files with SUCCESSION_ALLOW_OUTSIDE=1",
        )


MAX_OVERLAY_CHAIN = 8


def _parse_overlay(
    data: Any,
    positions: Positions,
    file: str,
    base_dir: str | os.PathLike[str] | None,
    read: Callable[[Path, str], str] | None,
    chain: tuple[str, ...],
) -> LoadedRules:
    overlay: Overlay = to_model(Overlay, data, positions, "overlay")
    folder = Path(base_dir) if base_dir is not None else Path(file).parent
    base_path = folder / overlay.overlay
    base_name = display_path(base_path)
    here = os.path.realpath(file)
    referenced_file(
        base_path,
        f"the base rule file {overlay.overlay!r}",
        positions.at(("overlay",)),
        "give the path of the base rule file relative to this overlay",
    )
    confine(
        folder, base_path, f"the base rule file {overlay.overlay!r}", positions.at(("overlay",))
    )
    if os.path.realpath(base_path) in (*chain, here) or len(chain) >= MAX_OVERLAY_CHAIN:
        raise InputError(
            "the overlay's bases lead back to itself"
            if len(chain) < MAX_OVERLAY_CHAIN
            else f"more than {MAX_OVERLAY_CHAIN} overlays on top of each other",
            positions.at(("overlay",)),
            "name a rule file as the base",
        )
    reader = read or (lambda p, name: read_text(p, name))
    base_data, base_positions = parse(reader(base_path, base_name), base_name)
    if kind_of(base_data) not in ("rules", "overlay"):
        raise InputError(
            f"the base {base_name} is not a rule file (it has no `offices:`)",
            positions.at(("overlay",)),
            "an overlay's base is a rule file (or another overlay)",
        )
    base = rules_from(base_data, base_positions, base_name, base_path.parent, read, (*chain, here))
    rules = apply_overlay(base.rules, overlay, positions, base_name)
    return LoadedRules(rules, file, positions, base=base, overlay=overlay)


def overlay_rules(rules: LoadedRules, path: str | os.PathLike[str]) -> LoadedRules:
    """``rules`` with the changes of the overlay at ``path`` made on them
    (instead of on the base file the overlay names)."""
    name = display_path(path)
    data, positions = parse(read_text(path, name), name)
    if kind_of(data) != "overlay":
        raise InputError(
            "not an overlay (no `overlay:` key)",
            positions.at(()),
            "an overlay starts with `overlay: BASE.yaml`; to replace the rules instead, run under it as the rules",
        )
    overlay: Overlay = to_model(Overlay, data, positions, "overlay")
    changed = apply_overlay(rules.rules, overlay, positions, rules.file)
    return LoadedRules(changed, name, positions, base=rules, overlay=overlay)


def load_rules(path: str | os.PathLike[str]) -> LoadedRules:
    """Read and validate a rule file, or an overlay with its base."""
    name = display_path(path)
    return parse_rules(read_text(path, name), name, base_dir=Path(path).parent)


# --- scenario files -----------------------------------------------------------------------
