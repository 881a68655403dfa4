"""Matching what people write (Áñez, Añez, Anez, jeanine anez) to person ids."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass


def fold(text: str) -> str:
    """Text reduced for matching: accents dropped, case folded, spaces collapsed."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().replace("_", " ").replace("-", " ").split())


@dataclass(frozen=True, slots=True)
class NameProblem:
    """Why a reference did not resolve to exactly one person."""

    message: str
    hint: str | None


class NameIndex:
    """Every id, name and alias of a list of people, folded for matching."""

    def __init__(self, entries: Iterable[tuple[str, str, Iterable[str]]]) -> None:
        self._by_key: dict[str, set[str]] = {}
        self._labels: dict[str, str] = {}
        for pid, name, aliases in entries:
            self._labels[pid] = name
            for text in (pid, name, *aliases):
                self._by_key.setdefault(fold(text), set()).add(pid)

    def resolve(self, reference: str) -> str | NameProblem:
        """The id ``reference`` names, or why it names none or several."""
        if reference in self._labels:
            return reference
        found = self._by_key.get(fold(reference), set())
        if len(found) == 1:
            return next(iter(found))
        if found:
            options = ", ".join(f"{pid} ({self._labels[pid]})" for pid in sorted(found))
            return NameProblem(
                f"{reference!r} could be any of: {options}", "use the person's id to say which"
            )
        close = difflib.get_close_matches(fold(reference), list(self._by_key), n=3, cutoff=0.6)
        ids = sorted({pid for key in close for pid in self._by_key[key]})
        hint = (
            "did you mean " + " or ".join(f"{pid!r} ({self._labels[pid]})" for pid in ids) + "?"
            if ids
            else "add the person under `people:` or check the spelling"
        )
        return NameProblem(f"no person called {reference!r}", hint)
