"""Instants as users write them."""

import datetime as dt

import pytest

from succession.instants import format_instant, not_a_date, parse_instant


def test_date_means_end_of_day() -> None:
    assert parse_instant("2019-11-12") == dt.datetime(2019, 11, 12, 23, 59, 59, 999999)


def test_date_and_time() -> None:
    assert parse_instant("2019-11-12T18:45") == dt.datetime(2019, 11, 12, 18, 45)
    assert parse_instant("2019-11-12 18:45:30") == dt.datetime(2019, 11, 12, 18, 45, 30)


@pytest.mark.parametrize("bad", ["12/11/2019", "2019-1-01", "tomorrow", ""])
def test_bad_instants(bad: str) -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_instant(bad)


@pytest.mark.parametrize(
    ("bad", "why"),
    [
        ("2019-02-30", "February has 28 days in 2019"),
        ("2020-02-30", "February has 29 days in 2020"),
        ("1900-02-29", "February has 28 days in 1900"),
        ("2019-04-31", "April has 30 days"),
        ("2019-11-00", "November has 30 days"),
        ("2019-13-01", "there is no month 13"),
        ("0000-01-01", "there is no year 0000"),
        ("2019-11-12T25:00", "25:00 is not a time of day"),
        ("2019-11-12T10:60", "10:60 is not a time of day"),
    ],
)
def test_impossible_dates_say_what_is_wrong(bad: str, why: str) -> None:
    """A date written in the right shape that names no day says why, not
    that it is not written YYYY-MM-DD (it is)."""
    with pytest.raises(ValueError, match=why):
        parse_instant(bad)
    assert not_a_date(bad) is not None and why in not_a_date(bad)  # type: ignore[operator]
    assert not_a_date("2019-11-12") is None
    assert not_a_date("2020-02-29T23:59") is None


def test_format() -> None:
    assert format_instant(parse_instant("2019-11-12")) == "2019-11-12"
    assert format_instant(dt.datetime(2019, 11, 12)) == "2019-11-12"
    assert format_instant(dt.datetime(2019, 11, 12, 18, 41)) == "2019-11-12T18:41"
