"""How files are found: the folder of a jurisdiction's rule files, and the
rule files in a folder. The loader finds files only through here, and the
timeline cache asks the same questions again to know whether an entry would
still be made from the same files."""

from __future__ import annotations

import os
from pathlib import Path


def rule_files(folder: str | os.PathLike[str]) -> list[Path]:
    """The ``*.yaml`` files directly in ``folder``, sorted by name."""
    return sorted(Path(folder).glob("*.yaml"))


def find_folder(start: str | os.PathLike[str], jid: str) -> Path | None:
    """The folder of jurisdiction ``jid`` for a file in ``start``: the nearest
    ancestor named ``jid``, or holding ``jid/`` or ``rules/jid/``."""
    here = Path(start).resolve()
    for folder in (here, *here.parents):
        if folder.name == jid and rule_files(folder):
            return folder
        for candidate in (folder / jid, folder / "rules" / jid):
            if candidate.is_dir() and rule_files(candidate):
                return candidate
    return None
