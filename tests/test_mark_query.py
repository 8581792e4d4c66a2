"""mark_query: whole stored texts with the query's words marked, escaped first (the article page uses it)."""

from __future__ import annotations

import pytest

from indexer.search import mark_query


def test_marks_the_words_and_stems_the_search_matched():
    html = mark_query("Missiles and missile defense were discussed.", "missile defence OR defense")
    assert html.count("<mark>") == 3
    assert "<mark>Missiles</mark>" in html and "<mark>defense</mark>" in html


@pytest.mark.parametrize("payload", ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>',
                                     "&lt;b&gt; entity", "javascript:alert(1)"])
def test_hostile_text_stays_text(payload):
    html = mark_query(f"Treaty {payload} treaty", "treaty script img alert")
    assert "<script>" not in html and "<img" not in html
    assert html.replace("<mark>", "").replace("</mark>", "").count("<") == 0


def test_no_query_no_marks_but_still_escaped():
    assert mark_query("a <b> c", "") == "a &lt;b&gt; c"


def test_query_syntax_is_not_marked_as_words():
    html = mark_query("The date and speaker of the treaty", "speaker:medvedev date:2012 treaty -date")
    assert html.count("<mark>") == 1 and "<mark>treaty</mark>" in html
