"""Publication dates: parse what the article says, in the source's own zone, and store UTC.

python-dateutil reads the many shapes news sites print (``26 Mar, 2012 20:47``, ``26-FEB-1987
15:01:01.79``, ISO 8601). A date without a zone is read in the source's IANA zone through zoneinfo,
which knows historical offsets (Moscow was UTC+4 in 2012, +3 today), and converted to UTC.
Nothing is guessed: a string missing its day, month or year, or outside a plausible range, is
reported as no date.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil import parser as du_parser

from ..config import DEFAULT_TIMEZONE

EARLIEST_YEAR = 1900
_FUTURE_SLACK = timedelta(days=366)

# Zone abbreviations are ambiguous world-wide; these are the ones news in English uses for one place.
_TZINFOS = {
    "UTC": ZoneInfo("UTC"), "GMT": ZoneInfo("UTC"), "Z": ZoneInfo("UTC"),
    "EST": ZoneInfo("America/New_York"), "EDT": ZoneInfo("America/New_York"),
    "CST": ZoneInfo("America/Chicago"), "CDT": ZoneInfo("America/Chicago"),
    "MST": ZoneInfo("America/Denver"), "MDT": ZoneInfo("America/Denver"),
    "PST": ZoneInfo("America/Los_Angeles"), "PDT": ZoneInfo("America/Los_Angeles"),
    "BST": ZoneInfo("Europe/London"), "CET": ZoneInfo("Europe/Paris"), "CEST": ZoneInfo("Europe/Paris"),
    "MSK": ZoneInfo("Europe/Moscow"),
}
# Two defaults that differ in every field: a component missing from the text shows up as a difference.
_DEFAULT_A = datetime(2001, 1, 1, 0, 0)
_DEFAULT_B = datetime(2002, 2, 2, 1, 1)


def zone(name: str | None) -> ZoneInfo:
    """The IANA zone for ``name``, or the default zone when it is empty or unknown."""
    try:
        return ZoneInfo(name or DEFAULT_TIMEZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_TIMEZONE)


def parse_date(text: str | None, zone_name: str | None = None) -> datetime | None:
    """Parse a date string into an aware UTC datetime, or None when it is not a complete date.

    A date without a time of day is kept on its calendar day (midnight UTC), so a date-only
    article is never shifted to the previous day by a zone conversion.
    """
    if not text or len(text) > 80:
        return None
    try:
        a = du_parser.parse(text, default=_DEFAULT_A, tzinfos=_TZINFOS)
        b = du_parser.parse(text, default=_DEFAULT_B, tzinfos=_TZINFOS)
    except (ValueError, OverflowError, TypeError, du_parser.ParserError):
        return None
    if (a.year, a.month, a.day) != (b.year, b.month, b.day):
        return None  # day, month or year missing: never guess
    if (a.hour, a.minute) != (b.hour, b.minute):
        result = datetime(a.year, a.month, a.day, tzinfo=UTC)
    elif a.tzinfo is not None:
        result = a.astimezone(UTC)
    else:
        result = a.replace(tzinfo=zone(zone_name)).astimezone(UTC)
    return result if plausible(result) else None


def to_utc(value: datetime, zone_name: str | None = None) -> datetime | None:
    """Normalise a datetime a reader got from structured data: naive means the source's zone."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone(zone_name))
    result = value.astimezone(UTC)
    return result if plausible(result) else None


def plausible(value: datetime) -> bool:
    """A publication date between 1900 and a year from now; anything else is taken for a parsing accident."""
    now = datetime.now(UTC)
    return value.year >= EARLIEST_YEAR and value <= now + _FUTURE_SLACK


def looks_like_date_line(line: str) -> bool:
    """A short line that is nothing but a complete date (the dateline of a scraped page)."""
    return len(line.split()) <= 8 and parse_date(line) is not None


def local_iso(value: datetime, zone_name: str | None) -> str:
    """The UTC ``value`` shown in the source's zone, for article pages (``2012-03-26 20:47 MSK``)."""
    local = value.astimezone(zone(zone_name))
    return local.strftime("%Y-%m-%d %H:%M %Z")
