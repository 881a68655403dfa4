"""Pytest fixtures, and the test run's own timeline cache.

The helpers the test modules share are in :mod:`tests.helpers`."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

# The command line caches timelines; the tests keep theirs in a folder of
# their own, removed at the end, and never read or fill the user's cache.
# (Set before the package is imported, so that it holds whenever it is read.)
_CACHE = tempfile.mkdtemp(prefix="succession-test-cache-")
os.environ["SUCCESSION_CACHE"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, True)

import pytest  # noqa: E402

from tests.helpers import ROOT  # noqa: E402


@pytest.fixture
def root() -> Path:
    """The repository's top folder."""
    return ROOT
