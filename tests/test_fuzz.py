"""Query fuzzing: generated queries and parameter sets never raise past the edges, never give a 5xx.

Examples per test come from ``NEWSINDEX_FUZZ_EXAMPLES`` (default 250, so CI stays quick); the full
run is ``NEWSINDEX_FUZZ_EXAMPLES=5000 python -m pytest tests/test_fuzz.py -s`` (two tests: 10,000
queries and parameter sets), which prints how long the slowest calls took.
"""

from __future__ import annotations

import os
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer import QueryError

from .pages import assert_consistent

EXAMPLES = int(os.environ.get("NEWSINDEX_FUZZ_EXAMPLES", "250"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
TIMINGS: dict[str, list[float]] = {"python": [], "http": []}

SYNTAX = st.sampled_from(['"', "“", "”", "(", ")", "AND", "OR", "NOT", "-", "+", "*", "?", ":", "[", "]", "~", "^",
                          "date:", "speaker:", "topic:", "title:", "source:", "date:[2012 to", "date:2012-13-45",
                          "tag:", "date:undated", 'topic:"', "tag:usa", '"~',
                          "to", "{", "}", "\\", "/", "'", "\x00", "\u202e", "ﬁ", "İ", "<script>", "%00", "…"])
WORDS = st.sampled_from(["treaty", "missile", "defense", "water", "rationing", "Medvedev", "obama", "harbour",
                         "strike", "2012", "2024-02", "x" * 300])
QUERIES = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(SYNTAX, WORDS, st.text(max_size=12)), max_size=25).map(" ".join),
    st.lists(st.one_of(SYNTAX, WORDS), max_size=40).map("".join),
)
DATES = st.one_of(st.none(), st.sampled_from(["2012", "2012-03", "2024-02-14", "2012-13-45", "", "x", "0000",
                                              "9999-12-31", "2024-02-30"]), st.text(max_size=12))
PARAMS = st.fixed_dictionaries({
    "speaker": st.one_of(st.none(), WORDS, st.text(max_size=20)),
    "topic": st.one_of(st.none(), WORDS, st.text(max_size=20)),
    "source": st.one_of(st.none(), st.sampled_from(["RT", "rt", "Valley Wire", "<b>"]), st.text(max_size=10)),
    "since": DATES, "until": DATES,
    "tag": st.one_of(st.none(), WORDS, st.text(max_size=20)),
    "date": st.one_of(DATES, st.sampled_from(["undated", "UNDATED", "[2012 to 2013]", "[2012 to", "[to]",
                                              "yesterday-ish"])),
    "last": st.one_of(st.none(), st.sampled_from(["30d", "6m", "1y", "0d", "99999y", "-1d", "x"])),
    "sort": st.sampled_from(["relevance", "newest", "oldest", "bogus", ""]),
    "page": st.one_of(st.integers(-5, 20_000), st.sampled_from(["1", "x", "", "1e9"])),
    "per_page": st.one_of(st.none(), st.integers(-1, 500)),
})


@FUZZ
@given(query=QUERIES, params=PARAMS)
def test_python_api_returns_a_page_or_raises_query_error(news_index, query, params):
    started = time.perf_counter()
    try:
        page = news_index.search(query, **params)
    except QueryError as exc:
        assert str(exc)
    else:
        assert_consistent(news_index, page)
    TIMINGS["python"].append(time.perf_counter() - started)


ROUTES = ["/", "/api/search", "/export.csv", "/feed.atom", "/api/suggest"]


@FUZZ
@given(query=QUERIES, params=PARAMS, route=st.sampled_from(ROUTES))
def test_http_api_never_answers_5xx(client, query, params, route):
    args = {"q": query.replace("\x00", "")} | {k: str(v) for k, v in params.items() if v is not None}
    started = time.perf_counter()
    response = client.get(route, query_string=args)
    TIMINGS["http"].append(time.perf_counter() - started)
    assert response.status_code in (200, 400, 404), (route, args, response.status_code)


@pytest.fixture(scope="module", autouse=True)
def report_timings():
    yield
    for name, values in TIMINGS.items():
        if values:
            values.sort()
            p99 = values[int(len(values) * 0.99) - 1] if len(values) >= 100 else values[-1]
            print(f"\nfuzz {name}: {len(values)} calls, p99 {p99 * 1000:.0f} ms, max {values[-1] * 1000:.0f} ms, "
                  f"over 1 s: {sum(v > 1 for v in values)}")
