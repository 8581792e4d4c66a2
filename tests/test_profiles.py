"""Stored document profiles (``indexer.search.profiles``).

Specification: the reindex stores every article's term profile beside the index; a profile equals
what relevance feedback computes from the article's stored title and body; a search gives the same
page whether the profiles of its feedback head come from the store or are computed (an index without
the store, a damaged store); an unchanged article's profile is not computed again by a later reindex.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from indexer import NewsIndex, reindex
from indexer.ingest import pipeline
from indexer.schema import CONTENT_HASH, stored_body, stored_title
from indexer.search import feedback, profiles
from indexer.search.highlight import index_terms

from .conftest import corpus_path

QUERIES = ["oil prices", "election campaign labour", "mobile phone market", "film award", "\"prime minister\"",
           "football", "bank interest rates rise", "music"]


def _same(a: profiles.Profile, b: profiles.Profile) -> bool:
    return a.words == b.words and a.length == b.length and a.counts.tolist() == b.counts.tolist()


def _page(ix: NewsIndex, q: str) -> list[tuple[str, float]]:
    page = ix.search(q, per_page=20, facets=False)
    return [(hit.id, round(hit.score, 9)) for hit in page.hits]


@pytest.fixture(scope="module")
def bbc_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """300 BBC articles of three sections, indexed: long texts, so feedback has vocabulary to share."""
    root = corpus_path("bbc-fulltext", "bbc")
    src = tmp_path_factory.mktemp("bbc")
    for section in ("business", "politics", "entertainment"):
        (src / section).mkdir()
        for f in sorted((root / section).glob("*.txt"))[:100]:
            shutil.copy(f, src / section / f.name)
    index_dir = tmp_path_factory.mktemp("bbc-index")
    reindex([src], index_dir, workers=1)
    return index_dir


def test_every_article_has_a_stored_profile_equal_to_the_analysis_of_its_stored_text(bbc_index: Path) -> None:
    ix = NewsIndex.open(bbc_index, time_limit_s=None)
    docs = list(ix._searcher().all_stored_fields())
    assert len(docs) == 300
    stored = profiles.ProfileStore(bbc_index).get_many(d[CONTENT_HASH] for d in docs)
    assert len(stored) == len({d[CONTENT_HASH] for d in docs})  # BBC repeats a few stories word for word
    for d in docs:
        text = profiles.profile_text(stored_title(d), stored_body(d))
        assert _same(stored[d[CONTENT_HASH]], profiles.compute(stored_title(d), stored_body(d)))
        assert stored[d[CONTENT_HASH]].length == len(index_terms(text))
        assert all(profiles.eligible(w) for w in stored[d[CONTENT_HASH]].words)


def test_a_search_gives_the_same_page_with_stored_computed_or_damaged_profiles(bbc_index: Path,
                                                                               tmp_path: Path) -> None:
    without = tmp_path / "without"
    shutil.copytree(bbc_index, without)
    (without / profiles.FILENAME).unlink()
    damaged = tmp_path / "damaged"
    shutil.copytree(bbc_index, damaged)
    (damaged / profiles.FILENAME).write_bytes(b"not a database at all" * 100)
    with_store = NewsIndex.open(bbc_index, time_limit_s=None)
    for other_dir in (without, damaged):
        other = NewsIndex.open(other_dir, time_limit_s=None)
        for q in QUERIES:
            assert _page(with_store, q) == _page(other, q), (other_dir.name, q)


def test_feedback_reads_the_head_from_the_store(bbc_index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ix = NewsIndex.open(bbc_index, time_limit_s=None)
    computed: list[str] = []
    real = profiles.compute
    monkeypatch.setattr(profiles, "compute", lambda title, body: computed.append(title) or real(title, body))
    feedback._PROFILES._docs.clear()
    assert ix.search("oil prices", facets=False).total > 30
    assert computed == []  # all thirty profiles came from the store


def _prepared(src: Path, index_dir: Path) -> list[pipeline.Prepared]:
    return [p for file in pipeline.discover([src], []) for batch in pipeline.file_batches(file, index_dir)
            for p in batch.prepared]


def test_a_later_reindex_profiles_only_texts_it_has_not_seen(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    article = src / "a.txt"
    article.write_text("Harbour levy\n\n" + "The Varnholt harbour board said the levy would rise. " * 20,
                       encoding="utf-8")
    index_dir = tmp_path / "index"
    reindex([src], index_dir, workers=1)
    assert [p.profile for p in _prepared(src, index_dir)] == [None]  # stored by the reindex: not computed again
    article.write_text("Harbour levy\n\n" + "The Varnholt harbour board said the levy would fall. " * 20,
                       encoding="utf-8")
    (changed,) = _prepared(src, index_dir)
    assert changed.profile is not None
    stored = profiles.decode(changed.profile)
    assert _same(stored, profiles.compute(changed.article.title, changed.article.body))
    assert dict(zip(stored.words, stored.counts.tolist(), strict=True))["fall"] == 20
