"""Matching references to people."""

from succession.names import NameIndex, NameProblem, fold

INDEX = NameIndex(
    [
        ("anez", "Jeanine Áñez", ["Añez", "Anez"]),
        ("garcia_linera", "Álvaro García Linera", ["García Linera"]),
        ("l1", "Luis López", ["López"]),
        ("l2", "Lucía Lopez", ["Lopez"]),
    ]
)


def test_fold_drops_accents_case_and_spacing() -> None:
    assert fold("  ÁÑEZ ") == fold("anez") == "anez"
    assert fold("garcia_linera") == fold("García-Linera") == "garcia linera"


def test_every_spelling_resolves_to_one_id() -> None:
    for ref in ("anez", "Áñez", "Añez", "Anez", "jeanine anez", "JEANINE ÁÑEZ"):
        assert INDEX.resolve(ref) == "anez", ref
    assert INDEX.resolve("Alvaro Garcia Linera") == "garcia_linera"


def test_ambiguous_reference_lists_candidates() -> None:
    found = INDEX.resolve("lopez")
    assert isinstance(found, NameProblem)
    assert "l1 (Luis López)" in found.message and "l2 (Lucía Lopez)" in found.message


def test_near_miss_suggests() -> None:
    found = INDEX.resolve("Jeanine Anes")
    assert isinstance(found, NameProblem)
    assert found.hint is not None and "anez" in found.hint
