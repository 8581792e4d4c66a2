"""Presentation helpers: turn library values into what templates draw, with escaping done here once.

Nothing in this module searches. It asks the search module to mark query words in text it returned, checks
that a link is safe to put in ``href``, formats dates in a source's zone and lays out the timeline
chart, so templates stay small and never build HTML from strings themselves.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

from flask import current_app, url_for
from markupsafe import Markup

from indexer.models import Quote, TimelineBucket
from indexer.search import query_marks, text_html
from indexer.text.dates import local_iso
from indexer.text.localdate import label


def highlight(text: str, terms: frozenset[str] | str | None) -> Markup:
    """``text`` as HTML with the words the search matched in ``<mark>``.

    ``terms`` come from :func:`marks` (the query parsed once per page, not once per paragraph); a
    query string is parsed here. The search module escapes every piece of the text before adding
    ``<mark>`` (indexer.search.text_html), so a payload in the text can never become markup.
    """
    if not isinstance(terms, frozenset):
        terms = marks(terms)
    return Markup(text_html(text or "", terms))


def marks(query: str | None) -> frozenset[str]:
    """The terms of ``query`` to mark on a page: parse the query once per page, pass the result to highlight."""
    return query_marks(query or "")


def absolute_url(endpoint: str, **values: object) -> str:
    """An absolute URL from the configured base URL (``--base-url``), never from the request's Host
    header: a forged Host would otherwise be written into feeds and the OpenSearch description."""
    return current_app.config["BASE_URL"].rstrip("/") + url_for(endpoint, **values)


def paragraphs(body: str) -> list[str]:
    """The body split at blank lines (or single lines, for bodies that use only those)."""
    parts = [p.strip() for p in re.split(r"\n\s*\n", body or "") if p.strip()]
    if len(parts) <= 1:
        parts = [p.strip() for p in (body or "").splitlines() if p.strip()]
    return parts


def safe_url(url: str | None) -> str | None:
    """The URL if it is http(s) with a host, else None: autoescaping does not stop ``javascript:``."""
    if not url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc and not any(c in url for c in "\x00\r\n\t "):
        return url
    return None


def date_label(date_local: str | None, zone_name: str | None) -> str:
    """The article's own date, time and zone (``27 Mar 2012 01:30 MSK``), or its day when no time is known."""
    return label(date_local, zone_name)


def utc_text(value: datetime | None) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC") if value else ""


def local_text(value: datetime | None, zone_name: str | None) -> str:
    """The date in the source's own zone; empty when that zone is unknown or UTC (the UTC line says it)."""
    if value is None or not zone_name or zone_name.upper() == "UTC":
        return ""
    try:
        return local_iso(value, zone_name)
    except Exception:  # an unknown zone name in an old index must not break the page
        return ""


def quotes_by_speaker(speakers: Iterable[str], quotes: Iterable[Quote]) -> list[tuple[str, list[Quote]]]:
    """Speakers in the article's order, each with their quotes; quoted people not listed come last."""
    grouped: dict[str, list[Quote]] = {name: [] for name in speakers}
    for quote in quotes:
        grouped.setdefault(quote.speaker, []).append(quote)
    return list(grouped.items())


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    period: str
    count: int
    href: str


@dataclass(frozen=True, slots=True)
class Chart:
    """A bar chart in a fixed viewBox; the SVG scales to its container with CSS."""

    width: int
    height: int
    bars: tuple[Bar, ...]
    labels: tuple[tuple[float, str], ...]
    max_count: int
    granularity: str | None


def timeline_chart(buckets: Iterable[TimelineBucket], granularity: str | None,
                   href: Callable[[str], str], *, width: int = 600, height: int = 120) -> Chart | None:
    """Bars for the timeline (one per period that has matches), each a link that filters to its period."""
    buckets = tuple(buckets)
    if not buckets:
        return None
    top = max(b.count for b in buckets) or 1
    plot = height - 20  # room for the axis labels under the bars
    step = width / len(buckets)
    gap = min(4.0, step * 0.2)
    bar_width = max(1.0, min(step - gap, 56.0))  # a few periods still look like bars, not blocks
    bars = tuple(
        Bar(x=round(i * step + (step - bar_width) / 2, 2), y=round(plot - max(2.0, plot * b.count / top), 2),
            width=round(bar_width, 2), height=round(max(2.0, plot * b.count / top), 2),
            period=b.period, count=b.count, href=href(b.period))
        for i, b in enumerate(buckets))
    every = max(1, -(-len(buckets) // 8))  # at most about 8 labels so they never overlap
    labels = tuple((round(bar.x + bar.width / 2, 2), bar.period) for bar in bars[::every])
    return Chart(width, height, bars, labels, top, granularity)
