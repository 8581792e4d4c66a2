"""Ranking of briefs against full stories, the search time limit, dropped operators, exact phrases.

Real Whoosh indexes throughout; no timing assertions (the time limit is set to zero or restored).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from indexer import NewsIndex, reindex
from indexer.search.context import searching
from indexer.search.masks import query_mask
from indexer.search.query import parse
from tests.synthetic import write_articles

HEADLINE = "Wexmoor council approves reservoir budget"
STORY = (f"{HEADLINE}.\n\nThe council of Wexmoor voted on Tuesday to approve the reservoir budget after a "
         "summer of drought, water rationing and complaints from residents about dry taps. "
         + "Officials said the plan covers pipes, pumps and a second intake on the river. " * 6
         + "The reservoir budget will be reviewed next spring, council officials in Wexmoor said.")


@pytest.fixture(scope="module")
def brief_and_story(tmp_path_factory: pytest.TempPathFactory) -> NewsIndex:
    """A one-line brief (the headline repeated as its body), the full story under the same headline,
    and forty unrelated articles so the collection statistics are those of a news index."""
    root = tmp_path_factory.mktemp("brief-and-story")
    articles = root / "articles"
    write_articles(articles / "other", 40, seed=11)
    (articles / "wire").mkdir()
    (articles / "wire" / "brief.txt").write_text(f"Mon 3 Mar 2014 09:00\n\n{HEADLINE}\n\n{HEADLINE}.\n",
                                                 encoding="utf-8")
    (articles / "wire" / "story.txt").write_text(f"Mon 3 Mar 2014 11:30\n\n{HEADLINE}\n\n{STORY}\n",
                                                 encoding="utf-8")
    reindex([articles], root / "ix", workers=1)
    return NewsIndex.open(root / "ix")


def test_full_story_outranks_a_brief_repeating_its_headline(brief_and_story: NewsIndex) -> None:
    page = brief_and_story.search("wexmoor reservoir budget")
    assert [Path(h.source_file).name for h in page.hits[:2]] == ["story.txt", "brief.txt"]


_SLOW = " OR ".join(f'"council {w}"' for w in ("officials", "voted", "budget", "approves")) + " reservoir"


def test_time_limit_returns_a_partial_page(brief_and_story: NewsIndex) -> None:
    """Out of time, a search stops where it is and answers with what it has, flagged partial."""
    out_of_time = NewsIndex.open(brief_and_story.index_dir, time_limit_s=0.0)
    page = out_of_time.search(_SLOW)
    assert page.partial is True and "ran out of time" in page.message
    assert page.total == len(page.hits) <= 2  # whatever was confirmed, never an unconfirmed document
    assert all(f.count <= page.total for f in page.facets["sources"])
    assert out_of_time.quotes("council").message is None  # quote search is cut short too, never raises


def test_without_a_time_limit_the_page_is_whole(brief_and_story: NewsIndex) -> None:
    """An evaluation or a batch job opens the index without a limit: the page never depends on load."""
    page = NewsIndex.open(brief_and_story.index_dir, time_limit_s=None).search(_SLOW)
    assert page.partial is False and page.total == brief_and_story.search(_SLOW).total > 0


def test_within_the_time_limit_the_page_is_complete(brief_and_story: NewsIndex) -> None:
    page = brief_and_story.search('"second intake" OR "dry taps"')
    assert page.partial is False and page.total == 1


def test_confirmed_subset_under_time_limit(brief_and_story: NewsIndex) -> None:
    """Out of time, a mask holds only documents that really match: an unfinished AND or NOT
    confirms nothing rather than everything."""
    s = brief_and_story._searcher()
    state = brief_and_story._state(s)
    for text in ("wexmoor reservoir budget", "reservoir -drought", '"reservoir budget"', "NOT budget"):
        q = parse(text).query
        with searching(state.postings, None):
            full = query_mask(s, q, state.live)
        with searching(state.postings, 0.0):
            cut = query_mask(s, q, state.live)
        assert not (cut & ~full).any(), text


@pytest.mark.parametrize("query, dropped", [("NOT AND missile", "NOT, AND"), ("missile AND", "AND"),
                                            ("OR missile", "OR")])
def test_operators_with_nothing_to_combine_are_dropped_and_reported(news_index: NewsIndex, query: str,
                                                                    dropped: str) -> None:
    page = news_index.search(query)
    assert page.total == news_index.search("missile").total > 0
    assert page.message and dropped in page.message and "ignored" in page.message


def test_working_operators_are_not_reported(news_index: NewsIndex) -> None:
    assert news_index.search("missile AND NOT treaty").message is None
    assert news_index.search("missile OR treaty").message is None


@pytest.mark.parametrize("text", ['"missile defence"', '"border incident"', '"the treaty"', '"kestrel radar unit"',
                                  '"said the minister"', 'title:"missile defence"', '"missile treaty"~3',
                                  '"treaty missile"~5', '"border radar halsk"~4', '"said minister"~2'])
def test_exact_phrases_match_whoosh(news_index: NewsIndex, text: str) -> None:
    """The numpy phrase check finds exactly the documents Whoosh's phrase matcher finds."""
    s = news_index._searcher()
    state = news_index._state(s)
    q = parse(text).query
    with searching(state.postings, None):
        ours = query_mask(s, q, state.live)
    theirs = np.zeros(len(state.live), dtype=bool)
    theirs[list(s.docs_for_query(q))] = True
    assert (ours == (theirs & state.live)).all()


def test_plain_word_parse_equals_the_parser() -> None:
    """The fast path for plain words builds the very query the Whoosh parser builds."""
    from indexer.search import query as qm

    for text in ("missile defence", "german german banks", "the by of", "october 1987 baker", "café crème",
                 "Missile DEFENSE treaty", "x y z", '"missile defence"', '"missile defence" treaty',
                 'radar "border incident" halsk', '"the"', '"said the minister" "the"'):
        rest = qm._drop_stopwords(text)
        assert qm._fast_parse(rest) == qm._safe_parse(qm._AND, rest), text
