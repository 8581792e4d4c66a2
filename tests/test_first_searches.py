"""The shortcuts searching takes instead of Whoosh's general machinery, each held equal to it.

Specification: relevance feedback analyses the head of a ranking with ``highlight.index_terms``,
which gives exactly the body analyzer's terms (tokens, stop words, size bounds, stems, accent
folding); document frequencies come from Whoosh's term info when nothing is deleted, and are still
counted over live documents when something is; snippets and the proximity re-rank find where query
terms may start with a literal search that gives the places the case-insensitive pattern gives.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer import NewsIndex, reindex
from indexer.config import MAX_WORD_CHARS
from indexer.schema import BODY, SCHEMA
from indexer.search.highlight import _candidate_spans, _candidates, index_terms
from indexer.search.postings import read_postings
from indexer.search.scoring import LiveStats

HOSTILE = [
    "The Bank's rates, the banks' RATES and U.S. rates fell 3.5 pct in 1987.",
    "Zürich, São Paulo and Kraków: naïve café owners' résumés",
    "a an of to I x " + "y" * (MAX_WORD_CHARS + 1) + " " + "z" * MAX_WORD_CHARS,
    "e-mail e.mail email_address 4x4 ﬃ ＡＢＣ ١٢٣ مرحبا",
    "",
]


def _analyzer(text: str) -> list[str]:
    return [t.text for t in SCHEMA[BODY].analyzer(text)]


@pytest.mark.parametrize("text", HOSTILE)
def test_index_terms_are_the_analyzers_terms(text: str) -> None:
    assert index_terms(text) == _analyzer(text)


def test_index_terms_are_the_analyzers_terms_on_every_demo_article(news_index: NewsIndex) -> None:
    s = news_index._searcher()
    texts = [f"{f.get('title', '')}\n{f.get('body', '')}" for f in s.all_stored_fields()]
    assert len(texts) > 20
    for text in texts:
        assert index_terms(text) == _analyzer(text)


def _stats(ix: NewsIndex) -> tuple[LiveStats, object]:
    ix.warm()
    return ix._generation.stats, ix._searcher()


def test_document_frequency_without_deletions_is_whooshs(news_index: NewsIndex) -> None:
    stats, s = _stats(news_index)
    assert stats.whole
    terms = [t for t, _ in s.reader().iter_field(BODY)][:300]
    for term in terms:
        assert stats.term_df(s, BODY, term) == len(read_postings(s, BODY, term)[0])


def test_document_frequency_with_deletions_counts_live_documents(demo_copy: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "ix"
    reindex([demo_copy], index_dir, workers=1)
    victim = sorted(demo_copy.rglob("*.txt"))[0]
    victim.unlink()
    reindex([demo_copy], index_dir, workers=1)  # incremental: the article's document is deleted, not merged away
    ix = NewsIndex.open(index_dir)
    stats, s = _stats(ix)
    if stats.whole:
        pytest.skip("the reindex merged the deletion away; nothing to count")
    checked = 0
    for term, info in s.reader().iter_field(BODY):
        live = int(stats.live[read_postings(s, BODY, term)[0]].sum())
        assert stats.term_df(s, BODY, term) == live
        checked += info.doc_frequency() > live  # Whoosh's own figure still counts the deleted article
    assert checked


SCANNED = [
    "Said the bank: rates, RATES and Rates-cut; u.s. banks' *rates* .rates",
    "Zürich's central bank said rate cuts (rates) would follow.  İstanbul banks said so too",
    "",
]


@pytest.mark.parametrize("text", SCANNED)
def test_candidate_scan_finds_what_the_case_insensitive_pattern_finds(text: str) -> None:
    """Where a query term's token may start: the literal search over the lower-cased text gives the
    places the case-insensitive alternation gives (the alternation stays the fallback)."""
    terms = frozenset({"rate", "bank", "said", "us", "zurich"})
    expected = [(m.start(), m.end()) for m in _candidates(terms).finditer(text)]
    assert _candidate_spans(text, terms) == expected


def test_candidate_scan_matches_on_every_demo_article(news_index: NewsIndex) -> None:
    s = news_index._searcher()
    terms = frozenset({"treati", "missil", "defens", "harbour", "said", "vote"})
    for fields in s.all_stored_fields():
        body = fields.get("body", "")
        assert _candidate_spans(body, terms) == [(m.start(), m.end()) for m in _candidates(terms).finditer(body)]
