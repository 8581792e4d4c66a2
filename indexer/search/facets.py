"""Facets and the timeline of a search: value counts over the whole matching set, not just the page.

Each facet is a field held as a value array per index generation (``values``); counting the values of
the matching documents is one ``bincount`` per field, and facets and timeline share the counts. The
page's facet names and the fields they count are in the schema (``FACETS``, ``PERIODS``).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import numpy as np

from ..config import FACET_SIZE
from ..models import FacetCount, TimelineBucket
from ..schema import DAY, FACETS, MONTH, YEAR
from .filters import UNDATED, UNKNOWN_SOURCE
from .values import ValueArray

#: Single-valued facets: each matching article counts under exactly one value, the articles without
#: one under ``MISSING`` (so the counts add up to the total), those under no listed value in facet_other.
MISSING = {"sources": UNKNOWN_SOURCE, "years": UNDATED}
#: Facets listed whole (a few dozen years at most), not cut to FACET_SIZE.
WHOLE = ("years",)


class Counts:
    """Value counts of one matching set, each field counted once (facets and timeline share them)."""

    def __init__(self, arrays: Mapping[str, ValueArray], mask: np.ndarray) -> None:
        self.arrays, self.mask = arrays, mask
        self.docs = np.flatnonzero(mask)
        self._done: dict[str, np.ndarray] = {}

    def __call__(self, field: str) -> np.ndarray:
        if field not in self._done:
            self._done[field] = self.arrays[field].count(self.mask, self.docs)
        return self._done[field]


def _top(counts: np.ndarray, k: int) -> np.ndarray:
    """Indexes of the ``k`` largest counts, largest first, ties by index (as a stable argsort)."""
    nonzero = np.flatnonzero(counts)
    if len(nonzero) > k:
        kth = np.partition(counts[nonzero], len(nonzero) - k)[len(nonzero) - k]
        nonzero = nonzero[counts[nonzero] >= kth]
    return nonzero[np.lexsort((nonzero, -counts[nonzero]))][:k]


def facet_counts(arrays: Mapping[str, ValueArray], counted: Counts) -> tuple[dict, dict[str, int]]:
    """Top values per facet, and for single-valued facets how many matches no listed value covers."""
    out, other = {}, {}
    total = len(counted.docs)
    for name, field in FACETS.items():
        array = arrays[field]
        counts = counted(field)
        size = len(array.values) if name in WHOLE else FACET_SIZE * (4 if name == "months" else 1)
        top = _top(counts, size)
        items = [FacetCount(array.values[i], int(counts[i])) for i in top if counts[i] > 0]
        if name in ("years", "months"):
            items.sort(key=lambda f: f.value)
        if name in MISSING:
            missing = total - int(counts.sum())  # one value per article: the rest have none
            if missing:
                items.append(FacetCount(MISSING[name], missing))
            other[name] = total - sum(f.count for f in items)
        out[name] = tuple(items)
    return out, other


def timeline_of(arrays: Mapping[str, ValueArray], counted: Counts) -> tuple[tuple[TimelineBucket, ...], str | None]:
    """Counts per year, month or day, the granularity chosen so the chart has a readable number of
    bars: days when the matches span at most 62 days, months up to 48 months, else years. Coarse
    counts come first, so the many-valued day field is counted only when the span is short."""
    chosen = None
    for field, limit, finer in ((YEAR, 5, MONTH), (MONTH, 3, DAY), (DAY, 62, None)):
        counts = counted(field)
        present = np.flatnonzero(counts)
        if not len(present):
            break
        values = arrays[field].values
        periods = sorted(values[i] for i in present)
        span = _span(field, periods[0], periods[-1])
        if field == YEAR or span <= (48 if field == MONTH else 62):
            chosen = (field, periods, dict(zip((values[i] for i in present), counts[present].tolist(), strict=True)))
        if finer is None or span > limit:
            break
    if chosen is None:
        return (), None
    field, periods, by = chosen
    return tuple(TimelineBucket(p, by[p]) for p in periods), field


def _span(field: str, first: str, last: str) -> int:
    if field == YEAR:
        return int(last) - int(first) + 1
    if field == MONTH:
        return (int(last[:4]) - int(first[:4])) * 12 + int(last[5:7]) - int(first[5:7]) + 1
    return (date.fromisoformat(last) - date.fromisoformat(first)).days + 1
