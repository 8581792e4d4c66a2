"""The article's own date (indexer.text.localdate): the day its source printed, in the source's zone."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from indexer.text.localdate import label, local_parts

INSTANT = datetime(2012, 3, 26, 21, 30, tzinfo=UTC)


@pytest.mark.parametrize(("date_text", "zone", "iso", "shown"), [
    ("27 Mar 2012 01:30", "Europe/Moscow", "2012-03-27T01:30:00+04:00", "27 Mar 2012 01:30 MSK"),
    ("2012-03-27T01:30:00+04:00", None, "2012-03-27T01:30:00+04:00", "27 Mar 2012 01:30 UTC+04:00"),
    ("Tue, 27 Mar 2012 01:30:00 +0400", None, "2012-03-27T01:30:00+04:00", "27 Mar 2012 01:30 UTC+04:00"),
    ("26 Mar 2012 17:30", "America/New_York", "2012-03-26T17:30:00-04:00", "26 Mar 2012 17:30 EDT"),
    (None, None, "2012-03-26T21:30:00+00:00", "26 Mar 2012 21:30 UTC"),
    ("27 Mar 2012 01:30", "Not/AZone", "2012-03-26T21:30:00+00:00", "26 Mar 2012 21:30 UTC"),
])
def test_the_local_date_is_in_the_sources_zone_else_the_stated_offset_else_utc(date_text, zone, iso, shown):
    local = local_parts(INSTANT, date_text, zone)
    assert (local.iso, local.label) == (iso, shown)


@pytest.mark.parametrize("zone", ["America/Los_Angeles", "Asia/Tokyo", None])
def test_a_date_without_a_time_keeps_its_printed_day_in_every_zone(zone):
    local = local_parts(datetime(2012, 3, 27, tzinfo=UTC), "27 March 2012", zone)
    assert (local.iso, local.label) == ("2012-03-27", "27 Mar 2012")


def test_midnight_that_was_printed_is_a_time():
    local = local_parts(datetime(2012, 3, 27, tzinfo=UTC), "2012-03-27T00:00:00Z", "Europe/London")
    assert local.iso == "2012-03-27T01:00:00+01:00"


@pytest.mark.parametrize("bad", ["", None, "yesterday", "2012-99-99", "2012-03-27T25:00"])
def test_an_unreadable_stored_value_shows_nothing_rather_than_failing(bad):
    assert label(bad, "Europe/Moscow") == ""
