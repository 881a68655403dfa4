"""Writing output files: atomically, and never over a file the command read."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .errors import Location, QueryError


def input_files(loaded: Any) -> set[str]:
    """Every file a loaded scenario or rule file was read from: the scenario,
    its rules (and an overlay's bases), its versions and readings, its documents."""
    found: set[str] = set()

    def rules(r: Any) -> None:
        while r is not None:
            found.add(r.file)
            r = getattr(r, "base", None)

    if hasattr(loaded, "scenario"):
        found.add(loaded.file)
        rules(loaded.rules)
        for v in getattr(loaded, "versions", ()):
            rules(v)
        readings = getattr(loaded, "readings", {})
        paths = getattr(readings, "paths", None)
        if paths is not None:
            found.update(os.fspath(p) for p in paths.values())  # without reading them
        else:
            for r in readings.values():
                rules(r)
        base = Path(getattr(loaded, "base_dir", "."))
        for doc in loaded.scenario.documents:
            found.add(os.fspath(base / doc.file))
    else:
        rules(loaded)
    return found


def write_atomic(
    path: str | os.PathLike[str], text: str, inputs: Iterable[str | os.PathLike[str]] = ()
) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder,
    renamed over ``path`` only once complete. Refuses to write over any of
    ``inputs`` or into a folder that does not exist."""
    target = Path(path)
    real = os.path.realpath(target)
    for given in inputs:
        if os.path.realpath(given) == real:
            raise QueryError(
                f"refusing to write over {os.fspath(path)}: the command reads it",
                Location(os.fspath(path)),
                "give -o a new file name",
            )
    if target.is_dir():
        raise QueryError(
            f"{os.fspath(path)} is a folder", Location(os.fspath(path)), "give -o a file name"
        )
    folder = target.parent if os.fspath(target.parent) else Path(".")
    if not folder.is_dir():
        raise QueryError(
            f"the folder {os.fspath(folder)} does not exist",
            Location(os.fspath(path)),
            "create it first, or write elsewhere",
        )
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
