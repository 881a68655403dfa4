"""A cache of simulated timelines, so that asking the same scenario again
(`succession at`, `line`, `explain` ... one after another) does not read,
validate and simulate it again.

An entry is keyed by the scenario's path and the rules asked for. It records
how every file of the run was found and what it held: each file by the path
it was opened under, the real path that resolved to (a retargeted link is a
change), its size and SHA-256; and for a scenario naming a jurisdiction, the
folder the search found and the rule files listed in it (a nearer folder, or
a file added to or taken from the folder, is a change). It is used only when
every one of those answers is still the same and the package's own source is
the one that made it.

Checking reads no file over the size cap (``SUCCESSION_MAX_FILE_BYTES``) and
nothing but regular files: a link to a device, a FIFO or a file grown past
the cap is a miss, found from its metadata without reading it.

Entries are pickles, and a pickle can run code when read, so the cache is
used only in a folder that is the user's own: owned by them and not writable
by their group or others (it is created that way); an entry is opened
without following links and used only if it is a regular file owned by the
user, writable by nobody else. Entries are written to a new temporary file
(created exclusively, with a name nobody can guess) and renamed into place.
The cache keeps at most ``SUCCESSION_CACHE_MAX_BYTES`` bytes (default
500 MB): the entries used least recently go first, and an entry larger than
a quarter of that is not kept.

Entries live in ``$SUCCESSION_CACHE`` (default: ``$XDG_CACHE_HOME/succession``
or ``~/.cache/succession``); ``SUCCESSION_CACHE=off`` turns the cache off.
The cache is only ever a shortcut: any problem with it (unsafe, unreadable,
unwritable, stale, from another version) means the scenario is simply run.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .limits import limit, signature
from .paths import find_folder, outside_allowed, rule_files, system_file

if TYPE_CHECKING:
    from .engine.timeline import Timeline
    from .load import LoadedScenario

FORMAT = 2


#: One file's record: (path as opened, made absolute; real path; size; SHA-256).
FileRecord = tuple[str, str, int, str]
#: One search for a jurisdiction's folder: (where it started, the id, the
#: folder found or None, the rule files listed in it).
FolderRecord = tuple[str, str, str | None, tuple[str, ...]]
#: An entry's record of its files: format, code digest, file and folder records.
Manifest = dict[str, Any]


def folder() -> Path | None:
    """Where entries are kept, or None when the cache is off (or the folder
    is not safe to read pickles from)."""
    chosen = os.environ.get("SUCCESSION_CACHE", "")
    if chosen.lower() in ("off", "0", "no", "false"):
        return None
    if chosen:
        where = Path(chosen)
    else:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        where = Path(base) / "succession"
    return where if safe_folder(where) else None


def safe_folder(where: Path) -> bool:
    """Whether ``where`` is (or can be made) a folder of the user's own:
    owned by them, a real folder (not a link), writable by nobody else."""
    try:
        st = os.lstat(where)
    except FileNotFoundError:
        try:
            where.mkdir(parents=True, mode=0o700)
            st = os.lstat(where)
        except OSError:
            return False
    except OSError:
        return False
    return _owned_and_private(st) and stat.S_ISDIR(st.st_mode)


def _owned_and_private(st: os.stat_result) -> bool:
    return st.st_uid == os.getuid() and not st.st_mode & 0o022


@functools.cache
def code_digest() -> str:
    """A digest of this package's own source: an entry made by other code is never used."""
    h = hashlib.sha256(str(FORMAT).encode())  # the version is in __init__.py, hashed below
    root = Path(__file__).resolve().parent
    for source in sorted(root.rglob("*.py")):
        try:
            h.update(source.read_bytes())
        except OSError:
            h.update(source.name.encode())
    return h.hexdigest()


def file_record(path: str | os.PathLike[str]) -> FileRecord | None:
    """What a file is now: None if it is missing, not a regular file, or
    over the size cap (found from its metadata, before reading a byte)."""
    given = os.path.abspath(path)
    cap = limit("file_bytes")
    try:
        fd = os.open(given, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO must not block
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > cap or system_file(given):
            return None
        h = hashlib.sha256()
        read = 0
        while chunk := os.read(fd, 1 << 20):
            read += len(chunk)
            if read > cap:  # it grew while being read
                return None
            h.update(chunk)
    except OSError:
        return None
    finally:
        os.close(fd)
    return (given, os.path.realpath(given), read, h.hexdigest())


def folder_record(start: str | os.PathLike[str], jid: str) -> FolderRecord:
    """The search for jurisdiction ``jid`` from ``start``, as it goes now."""
    found = find_folder(start, jid)
    listing = tuple(p.name for p in rule_files(found)) if found is not None else ()
    return (os.path.abspath(start), jid, os.fspath(found) if found is not None else None, listing)


def entry_key(scenario: str | os.PathLike[str], rules: str | os.PathLike[str] | None) -> str:
    """The name of the entry for a scenario and the rules asked for (and
    whether files outside the usual folders may be read: a run allowed to
    read them must not answer for one that is not)."""
    text = f"{FORMAT}|{outside_allowed()}|{signature()}|"
    text += f"{os.path.abspath(scenario)}|{os.path.realpath(scenario)}|"
    text += "" if rules is None else os.fspath(rules)
    if rules is not None and Path(rules).exists():
        text += "|" + os.path.abspath(rules) + "|" + os.path.realpath(rules)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _open_entry(entry: Path) -> Any:
    """The entry opened for reading if it is safe to unpickle: a regular file,
    not a link, owned by the user and writable by nobody else."""
    fd = os.open(entry, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    st = os.fstat(fd)
    if not (stat.S_ISREG(st.st_mode) and _owned_and_private(st)):
        os.close(fd)
        return None
    return os.fdopen(fd, "rb")


def still_valid(manifest: dict[str, Any]) -> bool:
    """Whether every file and every search recorded would come out the same now."""
    if manifest.get("format") != FORMAT or manifest.get("code") != code_digest():
        return False
    for record in manifest["files"]:
        if file_record(record[0]) != tuple(record):
            return False
    return all(
        folder_record(start, jid) == (start, jid, found, tuple(listing))
        for start, jid, found, listing in manifest["folders"]
    )


def load(
    scenario: str | os.PathLike[str], rules: str | os.PathLike[str] | None
) -> tuple[Timeline, Manifest] | None:
    """(timeline, its record of the files it was made from) from the cache,
    if nothing it was made from has changed."""
    import pickle

    from .collector import collector_paused
    from .engine.timeline import Timeline

    where = folder()
    if where is None:
        return None
    entry = where / f"{entry_key(scenario, rules)}.pickle"
    try:
        handle = _open_entry(entry)
        if handle is None:
            return None
        with handle:
            manifest = pickle.load(handle)
            if not still_valid(manifest):
                return None
            with collector_paused():  # a timeline is acyclic arrays and records
                timeline = pickle.load(handle)
        if not isinstance(timeline, Timeline):
            return None
        with contextlib.suppress(OSError):
            os.utime(entry)  # used now: evicted last
    except Exception:  # a cache that cannot be read is a miss, whatever the reason
        return None
    return timeline, manifest


def files_read(manifest: Manifest) -> list[str]:
    """The files an entry (or a kept answer) was made from, as they were opened."""
    return [record[0] for record in manifest["files"]]


def records(
    loaded: LoadedScenario, path: str | os.PathLike[str]
) -> tuple[list[FileRecord], list[FolderRecord]] | None:
    """How the run's files were found and what they held (None if one of
    them cannot be recorded, so the run is not cached)."""
    from .outputs import input_files

    files: list[FileRecord] = []
    for name in sorted(input_files(loaded) | {os.fspath(path)}):
        record = file_record(name)
        if record is None:
            return None
        files.append(record)
    searches: list[FolderRecord] = []
    jid = loaded.scenario.jurisdiction
    if jid:
        searches.append(folder_record(loaded.base_dir, jid))
    return files, searches


def store(
    scenario: str | os.PathLike[str],
    rules: str | os.PathLike[str] | None,
    timeline: Timeline,
    loaded: LoadedScenario,
) -> Manifest | None:
    """Keep a timeline with how the files it was made from were found; the
    record of them, if it was kept."""
    import pickle
    import tempfile

    where = folder()
    if where is None:
        return None
    found = records(loaded, scenario)
    if found is None:
        return None
    files, searches = found
    entry = where / f"{entry_key(scenario, rules)}.pickle"
    manifest = {"format": FORMAT, "code": code_digest(), "files": files, "folders": searches}
    bound = limit("cache_bytes")
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=where, prefix=".entry-", suffix=".tmp")  # O_EXCL, 0600
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(manifest, handle)
            pickle.dump(timeline, handle, protocol=pickle.HIGHEST_PROTOCOL)
            size = handle.tell()
        if size > bound // 4:
            return None
        os.replace(tmp, entry)
        tmp = None
        evict(where, bound)
    except Exception:  # not being able to cache never stops a command
        return None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    return manifest


def evict(where: Path, limit: int) -> None:
    """Remove the entries used least recently until the cache holds at most ``limit`` bytes."""
    entries = []
    for entry in (*where.glob("*.pickle"), *where.glob("*.answer")):
        with contextlib.suppress(OSError):
            st = os.lstat(entry)
            entries.append((st.st_mtime_ns, st.st_size, entry))
    total = sum(size for _, size, _ in entries)
    for _, size, entry in sorted(entries):
        if total <= limit:
            break
        with contextlib.suppress(OSError):
            entry.unlink()
            total -= size


# --- answers ------------------------------------------------------------------------------------
#
# A query command (``at``, ``line``, ``explain``, ``run``) asked again, word
# for word, from the same folder and with the same settings, prints what it
# printed the first time if no file it was made from has changed: the answer
# is kept beside the timeline's entry, as JSON (nothing in it runs when it is
# read), with a copy of that entry's record of the files. Reading one needs
# neither the command line's parser nor the models, so it is answered in a
# fraction of the time a first run takes.


def answer_key(argv: list[str]) -> str:
    """The name of the answer to the command line ``argv``: the words, the
    working folder and every SUCCESSION_ setting (limits, search path...)."""
    import json

    settings = sorted((k, v) for k, v in os.environ.items() if k.startswith("SUCCESSION_"))
    text = json.dumps([FORMAT, argv, os.getcwd(), settings])
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def answer(argv: list[str]) -> str | None:
    """What the command line ``argv`` printed when it was last answered, if
    nothing it was made from has changed since (else None)."""
    import json

    where = folder()
    if where is None:
        return None
    try:
        entry = where / f"{answer_key(argv)}.answer"
        handle = _open_entry(entry)
        if handle is None:
            return None
        with handle:
            kept = json.load(handle)
        if kept.get("argv") != argv or not still_valid(kept):
            return None
        out = kept["out"]
        with contextlib.suppress(OSError):
            os.utime(entry)
    except Exception:  # an answer that cannot be read is a miss, whatever the reason
        return None
    return out if isinstance(out, str) else None


def store_answer(argv: list[str], manifest: Manifest, out: str) -> None:
    """Keep what the command line ``argv`` printed (its whole standard
    output, the command having succeeded), with the record of the files its
    timeline was made from (as :func:`load` or :func:`store` gave it)."""
    import json
    import tempfile

    where = folder()
    if where is None:
        return
    tmp = None
    try:
        if len(out) > limit("cache_bytes") // 4:
            return
        kept = {**manifest, "argv": argv, "out": out}
        fd, tmp = tempfile.mkstemp(dir=where, prefix=".answer-", suffix=".tmp")  # O_EXCL, 0600
        with os.fdopen(fd, "w", encoding="utf-8") as stream:
            json.dump(kept, stream, ensure_ascii=False)
        os.replace(tmp, where / f"{answer_key(argv)}.answer")
        tmp = None
    except Exception:  # not being able to keep an answer never stops a command
        return
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
