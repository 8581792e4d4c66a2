"""TEMP: to be merged into the structure helper's Whoosh adapter."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from whoosh.reading import SegmentReader
from whoosh.writing import SegmentWriter

from .fastcommit import speed_up_commit


def segment_writer(ix: Any, limitmb: int) -> Any:
    """A writer of one new segment that does not take the index lock (the parent process holds it)."""
    return speed_up_commit(SegmentWriter(ix, _lk=False, limitmb=limitmb))


def finish_segment(writer: Any) -> Any:
    """Write out a segment writer's segment without committing it; None when it holds no document.

    Not ``commit``/``cancel``: those end with ``_finish``, which deletes the temporary folder that every
    writer of the index shares (``MAIN.tmp``) while the other processes still write their runs there.
    """
    if writer.doc_count() == 0:
        abandon_segment(writer)
        return None
    return writer._finalize_segment()


def abandon_segment(writer: Any) -> None:
    """Close a segment writer's files without writing a segment or touching the shared temporary folder."""
    writer._close_segment()


def segment_ids(ix: Any, segment: Any, field: str) -> set[str]:
    """The values of the unique-id field in one segment, read back from disk."""
    reader = SegmentReader(ix.storage, ix.schema, segment)
    try:
        return {term.decode("utf-8") for term in reader.lexicon(field)}
    finally:
        reader.close()


def commit_segments(main: Any, segments: list[Any], mergetype: Callable | None) -> None:
    """Commit ``main`` (its deletions and merges) together with finished segments, in one TOC write."""
    final = main._merge_segments(mergetype, None, None)
    final.extend(segments)
    if main._added:
        final.append(main._finalize_segment())
    else:
        main._close_segment()
    main._commit_toc(final)
    main._finish()


def segments_of(ix: Any) -> list[Any]:
    """The segments of the index's current generation."""
    return ix._segments()
