"""Filter parameters (speaker, topic, tag, source, dates, relative periods) as numpy masks.

Topic, tag and source filters match one exact stored value, case-insensitively: the same articles
as ``topic:``/``tag:`` in a query. Speaker names also go through the alias table and a bare surname,
so ``speaker="obama"`` finds the articles where Barack Obama speaks. Dates are the article's own
calendar day (in its source's zone); ``date="undated"`` selects the articles without one, and
``source="unknown source"`` those without a source. Bad parameters raise QueryError with a message
a user can act on; the edges turn it into a 400 or a CLI error.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import numpy as np

from ..errors import QueryError
from ..schema import DATE, DAY, FILTER_FIELDS, SOURCE, SPEAKERS
from .query import parse_date_clause
from .values import ValueArray, mask_of

_RELATIVE = re.compile(r"^\s*(\d{1,5})\s*(d|day|days|w|week|weeks|m|month|months|y|year|years)\s*$", re.IGNORECASE)
_UNIT_DAYS = {"d": 1, "w": 7, "m": 30.44, "y": 365.25}
#: The ``date`` filter value (and facet value) of articles without a publication date.
UNDATED = "undated"
#: The ``source`` filter value (and facet value) of articles whose source is not known.
UNKNOWN_SOURCE = "unknown source"
#: Longest filter value accepted: no stored value is longer, and a longer one is a mistake or an attack.
MAX_VALUE_CHARS = 200


@dataclass(frozen=True, slots=True)
class Filters:
    speaker: str | None = None
    topic: str | None = None
    source: str | None = None
    since: str | date | None = None
    until: str | date | None = None
    last: str | None = None  # "30d", "6 months", "1y": relative to now
    tag: str | None = None  # a tag the source gave (Reuters TOPICS/PLACES/..., feed categories, JSON tags)
    date: str | None = None  # "undated", or one period / range as in ``date:`` (2012-03, [2012 to 2013])


def _bound(value: str | date | None, *, end: bool, name: str) -> datetime | None:
    if value in (None, ""):
        return None
    if isinstance(value, str) and len(value) > MAX_VALUE_CHARS:
        raise QueryError(f"{name} is too long ({len(value):,} characters; at most {MAX_VALUE_CHARS})")
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value
    if isinstance(value, date):
        value = value.isoformat()
    try:
        start, stop = parse_date_clause(str(value).strip())
    except ValueError:
        raise QueryError(f"{name} must be a date like 2012, 2012-03 or 2012-03-26, not {str(value)[:40]!r}") from None
    return stop if end else start


def relative_start(last: str, now: datetime | None = None) -> datetime:
    m = _RELATIVE.match(last or "")
    if not m:
        raise QueryError(f"last must be a period like 30d, 6m or 1y, not {str(last)[:40]!r}")
    days = int(m[1]) * _UNIT_DAYS[m[2][0].lower()]
    now = now or datetime.now(UTC).replace(tzinfo=None)
    try:
        return now - timedelta(days=days)
    except OverflowError:  # "last 99999 years": everything since the start of the calendar
        return datetime.min


def resolve(value: str, array: ValueArray, aliases: Mapping[str, str] | None = None,
            *, exact: bool = False) -> list[str]:
    """The stored values a user's filter value means: exact (any case), then (unless ``exact``)
    alias, then every value whose last word is it (a bare surname)."""
    key = " ".join(value.split()).lower()
    if key in array.lower:
        found = [array.lower[key]]
    elif exact:
        return []
    elif aliases and key in aliases and aliases[key].lower() in array.lower:
        found = [array.lower[aliases[key].lower()]]
    else:
        found = [v for k, v in array.lower.items() if k.split()[-1:] == [key]]
    if aliases:  # variants that the alias table maps to the same person (Dmitri / Dmitry)
        targets = {aliases.get(f.lower(), f) for f in found}
        found += [array.lower[k] for k, v in aliases.items() if v in targets and k in array.lower]
    return sorted(set(found))


def filter_bounds(filters: Filters) -> tuple[datetime | None, datetime | None]:
    """The publication period the date parameters allow (either end open); QueryError when invalid."""
    start = _bound(filters.since, end=False, name="since")
    stop = _bound(filters.until, end=True, name="until")
    if filters.last:
        rel = relative_start(filters.last)
        start = max(start, rel) if start else rel
    if start and stop and start > stop:
        raise QueryError("since is after until: no date can be in that range")
    return start, stop


def period_mask(arrays: Mapping[str, ValueArray], start: datetime | None, stop: datetime | None,
                size: int) -> np.ndarray:
    """Documents published in [start, stop] at day precision, from the per-day values: a Whoosh
    DateRange walks every date term (about 35 ms at 20k documents), this is one numpy pass."""
    array = arrays[DAY]
    lo = f"{start:%Y-%m-%d}" if start else ""
    hi = f"{stop:%Y-%m-%d}" if stop else "9999"
    wanted = np.fromiter((lo <= v <= hi for v in array.values), dtype=bool, count=len(array.values))
    mask = np.zeros(size, dtype=bool)
    if wanted.any():
        mask[array.rows[wanted[array.ids]]] = True
    return mask


def dated_mask(arrays: Mapping[str, ValueArray], size: int) -> np.ndarray:
    """Documents with a publication date (every dated document has a day value). Read-only."""
    return arrays[DAY].present(size)


def _text(name: str, value: object) -> str | None:
    """A filter value as text; QueryError for anything else or anything too long to be a value."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise QueryError(f"{name} must be text")
    if len(value) > MAX_VALUE_CHARS:
        raise QueryError(f"{name} is too long ({len(value):,} characters; at most {MAX_VALUE_CHARS})")
    return value.strip() or None


def date_filter(value: str | None) -> tuple[bool, datetime | None, datetime | None] | None:
    """The ``date`` parameter as (undated, start, stop); None when absent; QueryError when invalid."""
    text = _text(DATE, value)  # the parameter is named after the field
    if text is None:
        return None
    if text.lower() == UNDATED:
        return True, None, None
    try:
        start, stop = parse_date_clause(text)
    except ValueError:
        raise QueryError(f"date must be {UNDATED!r}, a date like 2012, 2012-03 or 2012-03-26, or a range "
                         f"like [2012-01 to 2012-06], not {text[:40]!r}") from None
    return False, start, stop


def filter_mask(filters: Filters, arrays: Mapping[str, ValueArray], aliases: Mapping[str, str],
                live: np.ndarray) -> np.ndarray:
    """The documents every filter allows (all live documents when there are none)."""
    mask = live.copy()
    size = len(live)
    for name, field in FILTER_FIELDS.items():
        text = _text(name, getattr(filters, name))
        if text is None:
            continue
        alias = aliases if field == SPEAKERS else None  # speakers resolve aliases; other values match exactly
        found = mask_of(arrays[field], resolve(text, arrays[field], alias, exact=field != SPEAKERS), size)
        if field == SOURCE and text.lower() == UNKNOWN_SOURCE:
            found |= ~arrays[field].present(size)
        mask &= found
    start, stop = filter_bounds(filters)
    if start or stop:
        mask &= period_mask(arrays, start, stop, size)
    on_date = date_filter(filters.date)
    if on_date is not None:
        undated, start, stop = on_date
        mask &= ~dated_mask(arrays, size) if undated else period_mask(arrays, start, stop, size)
    return mask
