"""Instants as users write them."""

import datetime as dt

import pytest

from succession.instants import format_instant, parse_instant


def test_date_means_end_of_day() -> None:
    assert parse_instant("2019-11-12") == dt.datetime(2019, 11, 12, 23, 59, 59, 999999)


def test_date_and_time() -> None:
    assert parse_instant("2019-11-12T18:45") == dt.datetime(2019, 11, 12, 18, 45)
    assert parse_instant("2019-11-12 18:45:30") == dt.datetime(2019, 11, 12, 18, 45, 30)


@pytest.mark.parametrize("bad", ["12/11/2019", "2019-13-01", "2019-11-12T25:00", "tomorrow", ""])
def test_bad_instants(bad: str) -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_instant(bad)


def test_format() -> None:
    assert format_instant(parse_instant("2019-11-12")) == "2019-11-12"
    assert format_instant(dt.datetime(2019, 11, 12)) == "2019-11-12"
    assert format_instant(dt.datetime(2019, 11, 12, 18, 41)) == "2019-11-12T18:41"
