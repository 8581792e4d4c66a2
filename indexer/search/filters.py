"""Filter parameters (speaker, topic, source, dates, relative periods) as Whoosh queries.

Filters match exact stored values, case-insensitively, and speaker names go through the alias table,
so ``speaker="obama"`` finds the articles where Barack Obama speaks. Bad parameters raise QueryError
with a message a user can act on; the edges turn it into a 400 or a CLI error.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from whoosh import query as Q

from ..errors import QueryError
from .query import parse_date_clause
from .values import ValueArray

_RELATIVE = re.compile(r"^\s*(\d{1,5})\s*(d|day|days|w|week|weeks|m|month|months|y|year|years)\s*$", re.IGNORECASE)
_UNIT_DAYS = {"d": 1, "w": 7, "m": 30.44, "y": 365.25}


@dataclass(frozen=True, slots=True)
class Filters:
    speaker: str | None = None
    topic: str | None = None
    source: str | None = None
    since: str | date | None = None
    until: str | date | None = None
    last: str | None = None  # "30d", "6 months", "1y": relative to now


def _bound(value: str | date | None, *, end: bool, name: str) -> datetime | None:
    if value in (None, ""):
        return None
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
    return now - timedelta(days=days)


def resolve(value: str, array: ValueArray, aliases: Mapping[str, str] | None = None) -> list[str]:
    """The stored values a user's filter value means: exact (any case), then alias, then every
    value whose last word is it (a bare surname)."""
    key = " ".join(value.split()).lower()
    if key in array.lower:
        found = [array.lower[key]]
    elif aliases and key in aliases and aliases[key].lower() in array.lower:
        found = [array.lower[aliases[key].lower()]]
    else:
        found = [v for k, v in array.lower.items() if k.split()[-1:] == [key]]
    if aliases:  # variants that the alias table maps to the same person (Dmitri / Dmitry)
        targets = {aliases.get(f.lower(), f) for f in found}
        found += [array.lower[k] for k, v in aliases.items() if v in targets and k in array.lower]
    return sorted(set(found))


def filter_query(filters: Filters, arrays: Mapping[str, ValueArray], aliases: Mapping[str, str]) -> Q.Query | None:
    """All filters ANDed, or None when there are none."""
    parts: list[Q.Query] = []
    for field, value, alias in (("speakers", filters.speaker, aliases), ("topics", filters.topic, None),
                                ("source", filters.source, None)):
        if value:
            values = resolve(value, arrays[field], alias)
            parts.append(Q.Or([Q.Term(field, v) for v in values]) if values else Q.NullQuery)
    start = _bound(filters.since, end=False, name="since")
    stop = _bound(filters.until, end=True, name="until")
    if filters.last:
        rel = relative_start(filters.last)
        start = max(start, rel) if start else rel
    if start and stop and start > stop:
        raise QueryError("since is after until: no date can be in that range")
    if start or stop:
        parts.append(Q.DateRange("date", start, stop))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else Q.And(parts)
