"""A cache of simulated timelines, so that asking the same scenario again
(`succession at`, `line`, `explain` ... one after another) does not read,
validate and simulate it again.

An entry is keyed by the scenario's path and the rules asked for, and holds
the SHA-256 of every file the run read (the scenario, its rules and their
bases, its dated versions, its documents) with the version of `succession`;
it is used only when every one of those files still has the same content,
and the package's own source is the one that made it.
Entries live in ``$SUCCESSION_CACHE`` (default: ``$XDG_CACHE_HOME/succession``
or ``~/.cache/succession``); ``SUCCESSION_CACHE=off`` turns the cache off.
The cache is only ever a shortcut: any problem with it (unreadable,
unwritable, stale, from another version) means the scenario is simply run.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .collector import collector_paused

if TYPE_CHECKING:
    from .engine.timeline import Timeline

FORMAT = 1


def folder() -> Path | None:
    """Where entries are kept, or None when the cache is off."""
    chosen = os.environ.get("SUCCESSION_CACHE", "")
    if chosen.lower() in ("off", "0", "no", "false"):
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "succession"


@functools.cache
def code_digest() -> str:
    """A digest of this package's own source: an entry made by other code is never used."""
    h = hashlib.sha256(__version__.encode())
    root = Path(__file__).resolve().parent
    for source in sorted(root.rglob("*.py")):
        try:
            h.update(source.read_bytes())
        except OSError:
            h.update(source.name.encode())
    return h.hexdigest()


def _digest(path: str) -> str | None:
    try:
        with open(path, "rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()
    except OSError:
        return None


def _key(scenario: str | os.PathLike[str], rules: str | os.PathLike[str] | None) -> str:
    text = f"{FORMAT}|{__version__}|{os.path.realpath(scenario)}|{'' if rules is None else os.fspath(rules)}"
    if rules is not None and Path(rules).exists():
        text += "|" + os.path.realpath(rules)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def load(
    scenario: str | os.PathLike[str], rules: str | os.PathLike[str] | None
) -> tuple[Timeline, list[str]] | None:
    """(timeline, files read) from the cache, if every file is unchanged."""
    from .engine.timeline import Timeline

    where = folder()
    if where is None:
        return None
    entry = where / f"{_key(scenario, rules)}.pickle"
    try:
        with open(entry, "rb") as handle:
            manifest = pickle.load(handle)
            if manifest.get("format") != FORMAT or manifest.get("code") != code_digest():
                return None
            for path, digest in manifest["files"]:
                if _digest(path) != digest:
                    return None
            with collector_paused():  # a timeline is acyclic arrays and records
                timeline = pickle.load(handle)
            if not isinstance(timeline, Timeline):
                return None
    except Exception:  # a cache that cannot be read is a miss, whatever the reason
        return None
    return timeline, [p for p, _ in manifest["files"]]


def store(
    scenario: str | os.PathLike[str],
    rules: str | os.PathLike[str] | None,
    timeline: Timeline,
    files: set[str],
) -> None:
    """Keep a timeline with the digests of the files it was made from."""
    where = folder()
    if where is None:
        return
    digests = []
    for path in sorted(files):
        digest = _digest(path)
        if digest is None:
            return
        digests.append((os.path.realpath(path), digest))
    entry = where / f"{_key(scenario, rules)}.pickle"
    tmp = entry.with_name(f".{entry.name}.{os.getpid()}.tmp")
    try:
        where.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as handle:
            pickle.dump({"format": FORMAT, "code": code_digest(), "files": digests}, handle)
            pickle.dump(timeline, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, entry)
    except Exception:  # not being able to cache never stops a command
        with contextlib.suppress(OSError):
            os.unlink(tmp)
