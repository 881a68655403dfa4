"""The error type every user-facing failure uses."""

from succession.errors import InputError, Location, Problem, SuccessionError, did_you_mean


def test_format_with_location_and_hint() -> None:
    err = InputError(
        "unknown office 'presidnet'", Location("r.yaml", 3, 7), "did you mean 'president'?"
    )
    assert (
        err.format() == "r.yaml:3:7: unknown office 'presidnet'\n  hint: did you mean 'president'?"
    )
    assert isinstance(err, SuccessionError)
    assert err.to_json()["problems"][0] == {
        "message": "unknown office 'presidnet'",
        "file": "r.yaml",
        "line": 3,
        "column": 7,
        "hint": "did you mean 'president'?",
    }


def test_several_problems() -> None:
    err = InputError([Problem("a", Location("f", 1, 1)), Problem("b", Location("f", 2, 1))])
    assert err.format().splitlines() == ["f:1:1: a", "f:2:1: b"]
    assert str(err.location) == "f:1:1"


def test_did_you_mean() -> None:
    assert did_you_mean("presidnet", ["president", "senate"]) == "did you mean 'president'?"
    assert did_you_mean("zzz", ["a", "b"], what="offices") == "known offices: a, b"
