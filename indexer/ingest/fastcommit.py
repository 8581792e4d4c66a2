"""Commit-time hooks into Whoosh's segment writer, kept in one place (they touch its internals).

``publish_hook``: a callback that sees the exact segments of the generation a commit is about to
publish, before the table of contents naming them is written (so data derived from a generation
exists before any reader can open it).

``speed_up_commit``:

When Whoosh writes a segment it asks the length column for every posting
(``FieldWriter.add_postings`` → ``doc_field_length``), and each ask is a Python-level file read:
millions of reads for a corpus-sized commit (minutes at 30k articles). Reading each field's length
column once into memory gives the same values at a fraction of the cost. The wrapper is installed on
one writer instance only and changes nothing that is written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.index import FileIndex
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length


class _InMemoryLengths:
    def __init__(self, reader: Any) -> None:
        self._reader = reader
        self._columns: dict[str, list[int] | None] = {}

    def _column(self, fieldname: str) -> list[int] | None:
        if fieldname not in self._columns:
            col = self._reader._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            self._columns[fieldname] = None if col is None else [col[i] for i in range(self._reader.doc_count_all())]
        return self._columns[fieldname]

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> int | None:
        column = self._column(fieldname)
        if column is None:
            return default
        lbyte = column[docnum]
        return byte_to_length(lbyte) if lbyte else None  # same results as Whoosh's own reader

    def __getattr__(self, name: str) -> Any:
        return getattr(self._reader, name)


def speed_up_commit(writer: Any) -> Any:
    """Make ``writer``'s segment flush read document lengths from memory; returns the writer."""
    original = writer.per_document_reader
    writer.per_document_reader = lambda: _InMemoryLengths(original())
    return writer


def publish_hook(writer: Any, callback: Callable[[Searcher, int], None]) -> Any:
    """Call ``callback(searcher, generation)`` during ``writer.commit()``, after the segments are
    final and before the TOC is written; an exception in it cancels the commit like any write error.
    Returns the writer."""
    original = writer._commit_toc

    def commit_toc(segments: list) -> None:
        reader = FileIndex._reader(writer.storage, writer.schema, list(segments), writer.generation)
        searcher = Searcher(reader)
        try:
            callback(searcher, writer.generation)
        finally:
            searcher.close()
        original(segments)

    writer._commit_toc = commit_toc
    return writer
