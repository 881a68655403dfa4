"""Pausing Python's cyclic garbage collector while large acyclic structures
are built (parsed YAML, the engine's records, an unpickled timeline):
reference counting frees them, and the collector would only re-scan
everything built so far, again and again."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic collector inside the block (if it was running)."""
    running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if running:
            gc.enable()
