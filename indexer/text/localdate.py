"""An article's own calendar date: the day (and time, and zone) its source printed, beside the UTC instant.

A reader looking for "the RT article of 27 March" means Moscow's 27 March: an article published at
01:30 Moscow time is 26 March in UTC. So the index keeps both: ``date`` (the UTC instant, for sorting
and ranges of time) and ``date_local`` (ISO 8601 in the source's zone, for the day, month and year
filters, the timeline and every display). The source's zone is the one its settings name; without
one, the offset the date itself carried; without either, UTC. A date printed without a time of day
stays on its printed day and has no time: shifting it into a zone would invent an hour.

Only the standard library here: the search side imports this, never the date parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timezone
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_HAS_TIME = re.compile(r"\d:\d\d|\d{4}-\d\d-\d\dT\d|\b\d{1,2}\s*[ap]\.?m\b", re.IGNORECASE)
_RFC822_OFFSET = re.compile(r"\d\d:\d\d(?::\d\d)?\s+[+-]\d{4}$")
_ISO_OFFSET = re.compile(r"^\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)$")


@dataclass(frozen=True, slots=True)
class LocalDate:
    iso: str  # "2012-03-27T01:30:00+04:00", or "2012-03-27" when only the day is known
    label: str  # "27 Mar 2012 01:30 MSK", or "27 Mar 2012"


def _zone(name: str | None) -> ZoneInfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def date_only(utc: datetime, date_text: str | None) -> bool:
    """True when the source printed a day without a time (the parser then keeps it at midnight UTC)."""
    if not date_text or utc.astimezone(UTC).time() != time(0, 0):
        return False
    text = date_text.strip()
    return not (text.isdigit() or _HAS_TIME.search(text))


def _given_offset(date_text: str | None) -> timezone | None:
    """The UTC offset a date string states: ISO 8601 (``+04:00``) or a feed's RFC 822 (``+0400``)."""
    text = (date_text or "").strip()
    try:
        if _ISO_OFFSET.match(text):
            tz = datetime.fromisoformat(text.replace("Z", "+00:00")).tzinfo
        elif _RFC822_OFFSET.search(text):
            tz = parsedate_to_datetime(text).tzinfo
        else:
            return None
    except (ValueError, TypeError, IndexError):
        return None
    return tz if isinstance(tz, timezone) else None


def local_parts(utc: datetime, date_text: str | None, zone_name: str | None) -> LocalDate:
    """The article's own date for the aware instant ``utc`` (see the module docstring for the zone)."""
    if date_only(utc, date_text):
        day = utc.astimezone(UTC).date()
        return LocalDate(day.isoformat(), label(day.isoformat(), zone_name))
    tz = _zone(zone_name) or _given_offset(date_text) or UTC
    local = utc.astimezone(tz)
    iso = local.isoformat(timespec="seconds")
    return LocalDate(iso, label(iso, zone_name))


def label(iso: str | None, zone_name: str | None = None) -> str:
    """``27 Mar 2012 01:30 MSK`` for a timed local ISO date (zone abbreviation when the zone is
    named, else ``UTC+04:00``); ``27 Mar 2012`` for a day; empty for None or an unreadable value."""
    if not iso:
        return ""
    try:
        if len(iso) == 10:
            d = date.fromisoformat(iso)
            return f"{d.day} {d:%b %Y}"
        value = datetime.fromisoformat(iso)
    except ValueError:
        return ""
    zone = _zone(zone_name)
    if zone is not None and value.tzinfo is not None and value.utcoffset() == value.astimezone(zone).utcoffset():
        name = value.astimezone(zone).tzname() or ""
    else:
        offset = value.utcoffset()
        name = "UTC" if not offset else "UTC" + value.strftime("%z")[:3] + ":" + value.strftime("%z")[3:]
    return f"{value.day} {value:%b %Y %H:%M} {name}".strip()


def local_day(iso: str | None) -> str | None:
    """``YYYY-MM-DD`` of a local ISO date."""
    return iso[:10] if iso else None
