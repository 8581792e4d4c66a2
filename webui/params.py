"""The search parameters of a request, read once and shared by the page, the API, the feed and the export.

The library validates values (a bad date or page is a QueryError, shown as a 400); this module only
collects them and builds the links that change one of them (a facet click, a chip's remove link, a
page number), so every link keeps the rest of the search as it was.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from indexer.config import DEFAULT_SORT, SORTS
from indexer.errors import QueryError

#: Filters the library's NewsIndex.search takes as keyword arguments, in the order chips are shown.
FILTERS = ("speaker", "topic", "tag", "source", "since", "until", "date", "last")
FILTER_LABELS = {"speaker": "Speaker", "topic": "Topic", "tag": "Tag", "source": "Source", "since": "From",
                 "until": "Until", "date": "Date", "last": "Last"}
#: The sort menu: (value, label) per order the library accepts.
SORT_MENU = tuple((name, name.capitalize()) for name in SORTS)


#: Longest accepted value per parameter: a longer one is refused with a 400, never silently cut.
LIMITS = {"q": 10_000, "sort": 20, "page": 20, "per_page": 20, **{k: 200 for k in FILTERS}}


def _clean(args: Mapping[str, str], key: str) -> str:
    """The parameter without NUL and other control characters that no search can mean.

    Raises QueryError (a 400) when the value is longer than its limit.
    """
    value = args.get(key) or ""
    if len(value) > LIMITS[key]:
        raise QueryError(f"{key} is too long ({len(value):,} characters; at most {LIMITS[key]:,})")
    return "".join(ch for ch in value if ch >= " " or ch in "\t").strip()


@dataclass(frozen=True, slots=True)
class SearchArgs:
    q: str = ""
    filters: Mapping[str, str] = field(default_factory=dict)
    sort: str = DEFAULT_SORT
    page: str = "1"
    per_page: str | None = None

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> SearchArgs:
        filters = {k: v for k in FILTERS if (v := _clean(args, k))}
        return cls(q=_clean(args, "q"), filters=filters, sort=_clean(args, "sort") or DEFAULT_SORT,
                   page=_clean(args, "page") or "1", per_page=_clean(args, "per_page") or None)

    @property
    def active(self) -> bool:
        """Did the user ask for anything? If not, the page teaches the query syntax instead."""
        return bool(self.q or self.filters)

    def search_kwargs(self, **overrides: Any) -> dict[str, Any]:
        """Keyword arguments for NewsIndex.search (the library validates them)."""
        kwargs: dict[str, Any] = {"sort": self.sort, "page": self.page, "per_page": self.per_page}
        kwargs.update({k: self.filters.get(k) for k in FILTERS})
        kwargs.update(overrides)
        return kwargs

    def link(self, **changes: str | None) -> dict[str, str]:
        """URL arguments for this search with ``changes`` applied (None removes); the page resets to 1."""
        out: dict[str, str] = {"q": self.q, **self.filters}
        if self.sort != DEFAULT_SORT:
            out["sort"] = self.sort
        if self.per_page:
            out["per_page"] = self.per_page
        out.update({k: v for k, v in changes.items() if v is not None})
        for k, v in changes.items():
            if v is None:
                out.pop(k, None)
        return {k: v for k, v in out.items()
                if v not in ("", None) and not (k == "page" and v == "1") and not (k == "sort" and v == DEFAULT_SORT)}

    def chips(self) -> list[tuple[str, str, dict[str, str]]]:
        """Active filters as (label, value, link without it), for the removable chips."""
        return [(FILTER_LABELS[k], v, self.link(**{k: None})) for k, v in self.filters.items()]

    def period_link(self, period: str) -> dict[str, str]:
        """Link arguments that filter to one timeline period (2012, 2012-03 or 2012-03-26)."""
        return self.link(since=period, until=period, last=None, date=None)
