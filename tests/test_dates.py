"""Dates: parsed in the source's zone with historical offsets, stored as UTC, never guessed."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from indexer.text.dates import parse_date


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize("text, zone, expected", [
    ("26 Mar, 2012 20:47", "Europe/Moscow", utc(2012, 3, 26, 16, 47)),  # Moscow was UTC+4 in 2012
    ("26 Mar, 2020 20:47", "Europe/Moscow", utc(2020, 3, 26, 17, 47)),  # and UTC+3 since 2014
    ("2012-03-26T20:47:00Z", "Europe/Moscow", utc(2012, 3, 26, 20, 47)),  # an explicit zone wins
    ("Monday, March 26, 2012 8:47 PM EDT", None, utc(2012, 3, 27, 0, 47)),
    ("26-FEB-1987 15:01:01.79", "UTC", utc(1987, 2, 26, 15, 1, 1, 790000)),
    ("March 26, 2012", "Europe/Moscow", utc(2012, 3, 26)),  # a date alone stays on its day
])
def test_dates_are_read_in_the_source_zone_and_stored_as_utc(text, zone, expected):
    assert parse_date(text, zone) == expected


@pytest.mark.parametrize("text", ["2012", "March 2012", "Published 2 hours ago", "2012-02-30", "3012-01-01",
                                  "", "not a date at all", "1066-10-14", "1899-12-31"])
def test_incomplete_impossible_or_implausible_dates_are_missing_not_guessed(text):
    assert parse_date(text, "UTC") is None
