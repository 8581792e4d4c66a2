"""``date:`` values: ``2012``, ``2012-03``, ``2012-03-26`` and ``[2012-01-01 to 2012-06-30]`` ranges
(either end open), as inclusive pairs of naive UTC datetimes."""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import datetime

_DATE_VALUE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")
_RANGE = re.compile(r"^\[\s*(\S*)\s+to\s*(\S*)\s*\]$", re.IGNORECASE)


def _date_bound(text: str, end: bool) -> datetime | None:
    """``2012`` / ``2012-03`` / ``2012-03-26`` as the first (or, with ``end``, last) instant it covers."""
    m = _DATE_VALUE.match(text.strip())
    if not m:
        raise ValueError(text)
    year, month, day = int(m[1]), int(m[2] or (12 if end else 1)), m[3]
    if not 1 <= month <= 12:
        raise ValueError(text)
    last = monthrange(year, month)[1]
    d = int(day) if day else (last if end else 1)
    if not 1 <= d <= last:
        raise ValueError(text)
    return datetime(year, month, d, 23, 59, 59, 999999) if end else datetime(year, month, d)


def parse_date_clause(value: str) -> tuple[datetime | None, datetime | None]:
    """A ``date:`` value as an inclusive (start, end) pair of naive UTC datetimes; ValueError if malformed."""
    m = _RANGE.match(value)
    if m:
        start = _date_bound(m[1], end=False) if m[1] and m[1] != "*" else None
        stop = _date_bound(m[2], end=True) if m[2] and m[2] != "*" else None
        if start is None and stop is None:
            raise ValueError(value)
        return start, stop
    return _date_bound(value, end=False), _date_bound(value, end=True)

