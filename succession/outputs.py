"""Writing output files: atomically, and never over a file the command read."""

from __future__ import annotations

import contextlib
import os
import stat
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
    renamed over ``path`` only once complete.

    ``path`` must be a new path or a regular file (a link to one writes that
    file): a FIFO, a device, a folder or a link to nothing is refused, as is
    any of ``inputs`` or a folder that does not exist. A new file gets the
    permissions the user's umask gives; a replaced file keeps its own."""
    shown = os.fspath(path)
    real = os.path.realpath(path)
    for given in inputs:
        if os.path.realpath(given) == real:
            raise QueryError(
                f"refusing to write over {shown}: the command reads it",
                Location(shown),
                "give -o a new file name",
            )
    mode = _existing_mode(shown)
    target = Path(real)
    folder = target.parent
    if not folder.is_dir():
        raise QueryError(
            f"the folder {os.fspath(Path(shown).parent) or '.'} does not exist",
            Location(shown),
            "create it first, or write elsewhere",
        )
    if mode is None:
        mode = 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _existing_mode(shown: str) -> int | None:
    """The permission bits of the regular file at ``shown`` (None: a new
    path); anything else there is refused."""
    try:
        st = os.stat(shown)
    except FileNotFoundError:
        if os.path.islink(shown):
            raise QueryError(
                f"{shown} is a link to nothing", Location(shown), "give -o a file name"
            ) from None
        return None
    if stat.S_ISDIR(st.st_mode):
        raise QueryError(f"{shown} is a folder", Location(shown), "give -o a file name")
    if not stat.S_ISREG(st.st_mode):
        raise QueryError(
            f"{shown} is not a regular file (a FIFO, a device or a socket): -o writes only files",
            Location(shown),
            "give -o a file name",
        )
    return stat.S_IMODE(st.st_mode)


def _umask() -> int:
    """The process's umask (read by setting it, then restoring it)."""
    current = os.umask(0o022)
    os.umask(current)
    return current
