"""The "did you mean" vocabulary is counted by the processes that write the documents, not indexed.

Specification: the spelling table built from the word counts the writer processes hand back is, array
for array, the table the Whoosh field it replaced gave (a ``KEYWORD(lowercase=True)`` field of each
article's words, its terms' document frequencies) on real articles written by two processes; after an
incremental reindex that changes, removes and adds files, and after ``optimize``, the vocabulary is the
one a full build of the same files counts (a deleted article's words leave it); an index whose
generation data is gone counts its stored documents to the same table; "is this word in the index"
answers for every word, however rare.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from whoosh import fields
from whoosh import index as whoosh_index

from indexer import reindex
from indexer.ingest import build
from indexer.ingest.maintenance import optimize, stats
from indexer.schema import spell_words
from indexer.search import generation, spelling
from indexer.whoosh_io import document_frequencies

from .conftest import DEMO, corpus_path


def _vocab(index_dir: Path) -> spelling.Vocabulary:
    ix = whoosh_index.open_dir(str(index_dir))
    with ix.searcher() as s:
        data = generation.load(index_dir, s, ix.latest_generation())
    assert data is not None, "the reindex wrote no search data for its generation"
    return data.vocab


def _table(vocab: spelling.Vocabulary) -> list[np.ndarray]:
    return [vocab._words, vocab._offsets, vocab._freq, vocab._keys, vocab._ids]


def _same_table(a: spelling.Vocabulary, b: spelling.Vocabulary | dict) -> None:
    other = b if isinstance(b, dict) else dict(zip(spelling.ARRAYS, _table(b), strict=True))
    for name, mine in zip(spelling.ARRAYS, _table(a), strict=True):
        assert mine.dtype == other[name].dtype and np.array_equal(mine, other[name]), name


def _field_table(index_dir: Path, tmp: Path) -> dict[str, np.ndarray]:
    """The table as the replaced ``spell`` field gave it: each stored article's words indexed in a
    lower-casing KEYWORD field, the table built from its terms' document frequencies."""
    schema = fields.Schema(spell=fields.KEYWORD(lowercase=True, scorable=True))
    tmp.mkdir()
    reference = whoosh_index.create_in(str(tmp), schema)
    writer = reference.writer()
    with whoosh_index.open_dir(str(index_dir)).searcher() as s:
        for stored in s.reader().all_stored_fields():
            writer.add_document(spell=" ".join(sorted(spell_words(stored))))
    writer.commit()
    with reference.searcher() as s:
        return spelling.build_table(spelling.vocabulary_words(document_frequencies(s.reader(), "spell").items()))


def test_counted_table_equals_the_whoosh_field_it_replaced_on_real_articles(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = corpus_path("bbc-fulltext", "bbc")
    sample = tmp_path / "bbc"
    for category in sorted(p for p in source.iterdir() if p.is_dir()):
        for path in sorted(category.glob("*.txt"))[:40]:
            (sample / category.name).mkdir(parents=True, exist_ok=True)
            shutil.copy(path, sample / category.name / path.name)
    monkeypatch.setattr(build, "PARALLEL_WRITE_MIN_DOCS", 20)  # two writer processes on a small sample
    index_dir = tmp_path / "ix"
    summary = reindex([sample], index_dir, workers=2)
    assert summary.added > 150 and stats(index_dir).segments == 2

    vocab = _vocab(index_dir)
    assert len(vocab) > 5000
    _same_table(vocab, _field_table(index_dir, tmp_path / "reference"))


def _edit(data: Path) -> None:
    """Change one file (a new word in, its old words out), remove another, add a third."""
    files = sorted(p for p in data.rglob("*.txt") if p.name != "README.txt")
    changed, removed = files[0], files[1]
    changed.write_text(changed.read_text(encoding="utf-8").split("\n\n")[0]
                       + "\n\nThe Quorvane council met on Tuesday, said Elsa Marrow.\n", encoding="utf-8")
    removed.unlink()
    (data / "added.txt").write_text("Glimmerfen ferry resumes\n\nThe Glimmerfen ferry resumed its crossings on "
                                    "Monday, said Tobin Reyes of the harbour board.\n", encoding="utf-8")


def test_an_incremental_reindex_and_optimize_keep_the_vocabulary_of_a_full_build(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DEMO, data)
    reindex([data], tmp_path / "ix", workers=1)
    gone = sorted(p for p in data.rglob("*.txt") if p.name != "README.txt")[1]
    only_there = {w for w in spell_words({"body": gone.read_text(encoding="utf-8")})
                  if not any(w in spell_words({"body": p.read_text(encoding="utf-8")})
                             for p in data.rglob("*.txt") if p != gone)}
    _edit(data)
    summary = reindex([data], tmp_path / "ix", workers=1)
    assert summary.added == 1 and summary.updated == 1 and summary.removed == 1
    reindex([data], tmp_path / "full", workers=1, full=True)

    incremental, full = _vocab(tmp_path / "ix"), _vocab(tmp_path / "full")
    assert incremental.counts() == full.counts()
    _same_table(incremental, full)
    assert incremental.known("quorvane") and incremental.known("glimmerfen")
    assert only_there and not any(incremental.known(w) for w in only_there)

    optimize(tmp_path / "ix")
    assert _vocab(tmp_path / "ix").counts() == full.counts()


def test_an_index_without_its_generation_data_counts_its_stored_documents(tmp_path: Path) -> None:
    reindex([DEMO], tmp_path / "ix", workers=1)
    written = _vocab(tmp_path / "ix")
    for directory in (tmp_path / "ix").glob(f"{generation.PREFIX}*"):
        shutil.rmtree(directory)
    ix = whoosh_index.open_dir(str(tmp_path / "ix"))
    with ix.searcher() as s:
        counted = generation.open_generation(tmp_path / "ix", s, ix.latest_generation()).vocab
    assert counted.counts() == written.counts()
    _same_table(counted, written)


def test_every_word_is_known_however_rare_and_only_those() -> None:
    counts = {"harbour": 12, "quorvane": 1, "ferry": 3}
    vocab = spelling.Vocabulary.from_counts(counts)
    assert all(vocab.known(w) for w in counts)
    assert not vocab.known("harbor") and not vocab.known("quorvan")
    assert vocab.counts() == counts
    empty = spelling.Vocabulary.from_counts({})
    assert not empty.known("harbour") and empty.counts() == {} and empty.candidates("harbour") == []
