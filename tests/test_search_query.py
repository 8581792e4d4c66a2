"""The query language and hostile input, on the real demo index (no mocks)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer import NewsIndex, QueryError

from .pages import assert_consistent

SEED_TITLE = "Obama caught on mic"


def titles(page) -> list[str]:
    return [h.title for h in page.hits]


def test_seed_ranks_first(news_index: NewsIndex) -> None:
    page = news_index.search("flexibility missile defense")
    assert page.hits[0].title.startswith(SEED_TITLE)


def test_words_are_stemmed(news_index: NewsIndex) -> None:
    assert news_index.search("missiles").total == news_index.search("missile").total > 0


@pytest.mark.parametrize("query", ['"missile defense"', "“missile defense”"])
def test_exact_phrase_straight_and_curly_quotes(news_index: NewsIndex, query: str) -> None:
    page = news_index.search(query)
    assert page.total >= 1 and page.hits[0].title.startswith(SEED_TITLE)
    assert page.message is None


def test_phrase_is_stricter_than_words(news_index: NewsIndex) -> None:
    assert news_index.search('"defense missile"').total < news_index.search("defense missile").total


def test_exclude(news_index: NewsIndex) -> None:
    with_obama = news_index.search("missile obama").total
    assert with_obama >= 1
    assert all(not t.startswith(SEED_TITLE) for t in titles(news_index.search("missile -obama", per_page=50)))


def test_boolean_operators_and_parentheses(news_index: NewsIndex) -> None:
    def ids(q: str) -> set[str]:
        return {h.id for h in news_index.search(q, per_page=100).hits}

    assert ids("vaccination OR strike") == ids("vaccination") | ids("strike")
    grouped = news_index.search("(vaccination OR strike) rail")
    assert 0 < grouped.total <= news_index.search("rail").total
    assert news_index.search("missile NOT obama").total == news_index.search("missile -obama").total


def test_field_prefixes(news_index: NewsIndex) -> None:
    assert news_index.search("title:flexibility").hits[0].title.startswith(SEED_TITLE)
    assert news_index.search("speaker:medvedev").total == 1
    assert news_index.search("source:rt").total == 1
    topic = news_index.values("topics")[0]
    assert news_index.search(f'topic:"{topic}"').total >= 1


@pytest.mark.parametrize("clause, year", [("date:2012", 2012), ("date:2012-03", 2012),
                                          ("date:[2012-01-01 to 2012-06-30]", 2012), ("date:2024", 2024)])
def test_date_clauses(news_index: NewsIndex, clause: str, year: int) -> None:
    page = news_index.search(clause, per_page=100)
    assert page.total >= 1
    assert all(h.date is not None and h.date.year == year for h in page.hits)


def test_date_clause_combines_with_words(news_index: NewsIndex) -> None:
    assert news_index.search("missile date:2012").total == 1
    assert news_index.search("missile date:[2023-01-01 to 2025-12-31]").total >= 3


def test_bad_date_clause_gives_message_and_best_effort(news_index: NewsIndex) -> None:
    page = news_index.search("missile date:2012-13")
    assert page.message and "date" in page.message
    assert page.total >= 1


#: Hostile inputs that still hold searchable words, and the plain query they are read as.
READ_AS = {"missile " * 2000: "missile", "((missile": "missile", 'missile "defense': "missile defense",
           "date:": "date"}  # an empty date: clause is the word "date"


@pytest.mark.parametrize("text", ["AND", "OR", "NOT", "(((", ")))", '"', "*", "?", "date:[2012 to", "date:",
                                  "title:", "speaker:", ":", "-", "--x", "\x00", "[", "]", "{}", "^2", "~",
                                  "a" * 5000, "missile " * 2000, "x" * 10_240, "<script>alert(1)</script>",
                                  "date:[2012-01-01 to 2011-01-01]", "title:(", "((missile", 'missile "defense'])
def test_hostile_input_never_raises(news_index: NewsIndex, text: str) -> None:
    page = news_index.search(text)
    # What is left of the text once the junk is dropped finds what that plain query finds; junk alone finds nothing.
    expected = news_index.search(READ_AS[text]) if text in READ_AS else None
    assert [h.id for h in page.hits] == ([h.id for h in expected.hits] if expected else [])
    assert page.total == (expected.total if expected else 0)
    news_index.quotes(text)
    news_index.suggest(text)


def test_malformed_syntax_is_reported(news_index: NewsIndex) -> None:
    page = news_index.search('((missile "defense')
    assert page.message and page.total >= 1


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=80))
def test_generated_input_never_raises(news_index: NewsIndex, text: str) -> None:
    assert_consistent(news_index, news_index.search(text))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["missile", "AND", "OR", "NOT", "(", ")", '"', "-", "title:", "date:",
                                 "[2012", "to", "]", "speaker:", "*", "obama", "2024"]), max_size=10))
def test_generated_syntax_never_raises(news_index: NewsIndex, tokens: list[str]) -> None:
    assert_consistent(news_index, news_index.search(" ".join(tokens)))



@pytest.mark.parametrize("kwargs", [{"sort": "best"}, {"page": 0}, {"per_page": 0}, {"per_page": 10_000},
                                    {"since": "yesterday"}, {"until": "2012-02-30"}, {"last": "soon"},
                                    {"since": "2013", "until": "2012"}])
def test_invalid_parameters_raise_query_error(news_index: NewsIndex, kwargs: dict) -> None:
    with pytest.raises(QueryError):
        news_index.search("missile", **kwargs)
