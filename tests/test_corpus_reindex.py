"""The foundation's corpus check: BBC and PolNeAR train, 3,065 article files, all indexed; a second run is
all unchanged. Reads ../shared/corpus (skipped, saying so, when it is absent)."""

from __future__ import annotations

from pathlib import Path

from indexer import NewsIndex, reindex

from .conftest import corpus_path


def test_bbc_and_polnear_train_are_all_indexed_and_then_all_unchanged(tmp_path: Path):
    bbc = corpus_path("bbc-fulltext")
    polnear = corpus_path("polnear", "data", "train", "text")
    index_dir = tmp_path / "ix"
    first = reindex([bbc, polnear], index_dir)
    assert first.articles == first.added == 3065
    reasons = {Path(s.source_file).name: s.reason for s in first.skipped}
    assert reasons == {"SOURCE.txt": "documentation file, not an article",
                       "README.TXT": "documentation file, not an article"}
    ix = NewsIndex.open(index_dir)
    assert ix.doc_count() == 3065
    # the one BBC file that is not UTF-8 is indexed, and the decoding fallback is recorded
    title = (bbc / "bbc" / "sport" / "199.txt").read_bytes().decode("cp1252").splitlines()[0].strip()
    hits = [h for h in ix.search(f'title:"{title}"').hits if h.source_file.endswith("sport/199.txt")]
    assert len(hits) == 1 and ix.get(hits[0].id).decode_fallback is True
    second = reindex([bbc, polnear], index_dir)
    assert (second.added, second.updated, second.removed, second.unchanged) == (0, 0, 0, 3065)


def test_a_reuters_record_answers_the_cocoa_query_with_its_provenance(tmp_path: Path):
    reuters = corpus_path("reuters21578")
    files = [reuters / f"reut2-{n:03d}.sgm" for n in (6, 7, 10)]
    reindex([*files, corpus_path("bbc-fulltext", "bbc", "business")], tmp_path / "ix")
    top = NewsIndex.open(tmp_path / "ix").search("cocoa buffer stock rules").hits[0]
    assert top.source_file.endswith(".sgm") and top.record_id and top.record_id.isdigit()
    assert "COCOA" in top.title and "BUFFER STOCK" in top.title
