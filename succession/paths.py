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


def installed_corpus() -> Path | None:
    """The folder of jurisdictions that comes with the package: inside it
    when installed from a wheel, beside it in a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "corpus" / "rules", here.parent / "rules"):
        if candidate.is_dir():
            return candidate
    return None


def search_path() -> list[Path]:
    """Where jurisdictions are looked for after the folders above a
    scenario: each folder of ``SUCCESSION_PATH`` (separated by
    ``os.pathsep``; ``--rules-path`` adds to it), then the installed corpus."""
    raw = os.environ.get("SUCCESSION_PATH", "")
    folders = [Path(p) for p in raw.split(os.pathsep) if p]
    corpus = installed_corpus()
    if corpus is not None:
        folders.append(corpus)
    return folders


def _holds(folder: Path, jid: str) -> Path | None:
    """``folder/jid`` or ``folder/rules/jid``, if it has rule files."""
    for candidate in (folder / jid, folder / "rules" / jid):
        if candidate.is_dir() and rule_files(candidate):
            return candidate
    return None


def find_folder(start: str | os.PathLike[str], jid: str) -> Path | None:
    """The folder of jurisdiction ``jid`` for a file in ``start``, looked for
    in this order: the nearest ancestor of ``start`` named ``jid`` or holding
    ``jid/`` or ``rules/jid/``; then each folder of :func:`search_path`."""
    here = Path(start).resolve()
    for folder in (here, *here.parents):
        if folder.name == jid and rule_files(folder):
            return folder
        found = _holds(folder, jid)
        if found is not None:
            return found
    for folder in search_path():
        found = _holds(folder, jid)
        if found is not None:
            return found
    return None


def outside_allowed() -> bool:
    """Whether files may be read from outside the folders :func:`outside`
    and :func:`outside_rules` allow (``--allow-outside`` or
    ``SUCCESSION_ALLOW_OUTSIDE=1``)."""
    return os.environ.get("SUCCESSION_ALLOW_OUTSIDE", "") not in ("", "0")


def _beyond(root: str | os.PathLike[str], target: str | os.PathLike[str]) -> bool:
    real_root = os.path.realpath(root)
    return os.path.commonpath([real_root, os.path.realpath(target)]) != real_root


def outside(folder: str | os.PathLike[str], target: str | os.PathLike[str]) -> bool:
    """Whether ``target`` resolves outside ``folder``'s tree (links followed),
    when that is not allowed: a scenario's documents are read only from the
    scenario's folder or below it."""
    return not outside_allowed() and _beyond(folder, target)


def rule_roots(start: str | os.PathLike[str]) -> list[Path]:
    """The folders of rule files that a file in ``start`` may name a rule
    file in, besides its own folder's tree: the ``rules/`` folder beside
    ``start`` or beside any folder above it, and each folder of
    :func:`search_path` -- the places jurisdictions are looked for."""
    here = Path(start).resolve()
    roots = [f / "rules" for f in (here, *here.parents) if (f / "rules").is_dir()]
    return roots + search_path()


def outside_rules(folder: str | os.PathLike[str], target: str | os.PathLike[str]) -> bool:
    """Whether the rule file ``target``, named by a file in ``folder`` (a
    scenario's ``rules:`` or reading, an overlay's base), resolves outside
    both ``folder``'s tree and every folder of :func:`rule_roots`, when that
    is not allowed."""
    if outside_allowed() or not _beyond(folder, target):
        return False
    return all(_beyond(root, target) for root in rule_roots(folder))


#: Folders whose files belong to the running system, never to a user's input.
SYSTEM_FOLDERS = ("/proc", "/sys", "/dev")


def system_file(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` resolves into one of :data:`SYSTEM_FOLDERS`."""
    real = os.path.realpath(path)
    return any(real == f or real.startswith(f + "/") for f in SYSTEM_FOLDERS)
