"""The postings of a generation's common terms, written with its search data and mapped at open.

A posting list read through Whoosh is unpickled and delta-decoded a block at a time in Python: for
the common words of a query (``said``, ``bank``, ``rates``) that is tens to hundreds of milliseconds
at 25k documents, paid by every fresh process on its first searches (the postings cache then keeps
them). So the reindex, while it writes the generation's other arrays (``generation``), also writes
the document numbers and frequencies of every term of the scored text fields found in at least
``HOT_POSTINGS_MIN_SHARE`` of the documents; a searching process maps them and the postings cache
answers from them before it reads anything from Whoosh. Rare terms are cheap to decode and are left
to Whoosh. The arrays are exactly what ``postings.postings`` would read (deleted documents left out, as
there): a test holds them equal. An incremental commit takes the kept segments' part of each list from
the previous generation's arrays and reads only its new segments (``build``'s ``reuse``).

The terms in at least ``HOT_POSITIONS_MIN_SHARE`` of the documents also get their positions
(``document << 32 | position``, what ``phrases`` reads), so a phrase of common words is a few
``searchsorted`` calls from the first search on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

import numpy as np
from whoosh.searching import Searcher

from ..config import HOT_POSITIONS_MIN_SHARE, HOT_POSTINGS_MIN_SHARE
from ..schema import TEXT_FIELDS
from ..whoosh_io import document_frequencies, segments, term_postings
from .phrases import POSITIONS, read_keys
from .values import segment_terms

Postings = dict[tuple[str, bytes], tuple[np.ndarray, np.ndarray]]
#: Up to this many terms a segment's postings are looked up term by term rather than found by
#: walking its lexicon (a lookup costs a few lexicon steps; a large segment's lexicon has 10^5 terms).
LOOKUP_MAX_TERMS = 256


#: What to read of one segment: per field, (terms whose postings, terms whose positions); a facet
#: field (``values``) is asked for with ``None``: every term, with the live documents holding it.
Plan = dict[str, tuple[list[bytes] | None, list[bytes]]]
#: Per segment (by its place in the index), per facet field: (term, live documents, global numbers).
FacetParts = dict[int, dict[str, list[tuple[bytes, np.ndarray]]]]
#: What was read of one segment, in its own document numbers: per field, (term -> (ids, tfs),
#: term -> ``read_keys``'s (keys, complete) or None).
Part = dict[str, tuple[dict[bytes, tuple[np.ndarray, np.ndarray]], dict[bytes, tuple[np.ndarray, bool] | None]]]


class SegmentParts(Protocol):
    """Processes that read a segment's part elsewhere (the reindex's writer processes, which wrote the
    segment): ``submit`` hands out one segment's plan, ``collect`` waits for every part submitted."""

    segment_ids: frozenset[str]

    def submit(self, segment_id: str, plan: Plan) -> None: ...

    def collect(self) -> dict[str, Part]: ...


def segment_part(sub: Searcher, plan: Plan) -> Part:
    """One segment's postings and positions of the planned terms, numbered from the segment's first
    document: the same reads :func:`build` makes of the whole index, one segment at a time, so that
    any process can make them (the part of a segment is independent of every other segment)."""
    out: Part = {}
    for field, (terms, position_terms) in plan.items():
        if terms is None:  # a facet field: every term (``values.build_arrays`` joins the segments' parts)
            no_tfs = np.zeros(0, dtype=np.float32)
            out[field] = ({term: (docs, no_tfs) for term, docs in segment_terms([(sub, 0)], field)}, {})
            continue
        postings = _postings([(sub, 0)], field, set(terms))
        out[field] = (postings, {term: read_keys(sub, field, term) for term in position_terms})
    return out


def build(s: Searcher, reuse: tuple[Postings, int] | None = None, live: np.ndarray | None = None,
          elsewhere: SegmentParts | None = None) -> dict[str, np.ndarray]:
    """Flat arrays (``hot.<field>.*``, ``hotpos.<field>.*``) of the common terms' postings and the
    very common terms' positions, for the generation's file (:func:`start` then ``finish``)."""
    return start(s, reuse, live, elsewhere)()


def start(s: Searcher, reuse: tuple[Postings, int] | None = None, live: np.ndarray | None = None,
          elsewhere: SegmentParts | None = None, facets: tuple[str, ...] = (),
          facet_parts: FacetParts | None = None) -> Callable[[], dict[str, np.ndarray]]:
    """Begin :func:`build`; the returned function finishes it.

    ``reuse`` is the previous generation's postings and how many leading segments of ``s`` it
    described unchanged (the same segments, in the same place: their document numbers are the same;
    only deletions may be new). Those segments' part of a term's list is then taken from it, less
    the documents ``live`` (``s``'s live mask) no longer holds, and only the other segments (an
    incremental reindex's new ones) are read: the same arrays, without re-reading every common
    word's postings of the whole index at every commit.

    Every other segment's part (:func:`segment_part`) is read by ``elsewhere`` when it names the
    segment (a reindex's writer processes read the segments they wrote, in parallel, while this
    process builds the generation's other arrays), else here; the parts are then joined in segment
    order with their document offsets. Same arrays as reading the whole index.

    ``elsewhere`` also reads the ``facets`` fields' terms of the segments it reads (every term, with
    its live documents); ``finish`` puts them into ``facet_parts`` (global document numbers) for
    ``values.build_arrays``, so the parent does not read every facet posting of the new segments."""
    threshold = max(1, int(HOT_POSTINGS_MIN_SHARE * s.doc_count_all()))
    position_threshold = max(1, int(HOT_POSITIONS_MIN_SHARE * s.doc_count_all()))
    reader = s.reader()
    parts = segments(s)
    old, kept = reuse if reuse is not None and live is not None else ({}, 0)
    prefix = parts[kept][1] if kept < len(parts) else s.doc_count_all()
    terms: dict[str, list[bytes]] = {}
    position_terms: dict[str, list[bytes]] = {}
    for field in TEXT_FIELDS:
        frequencies = document_frequencies(reader, field)
        terms[field] = sorted(term for term, n in frequencies.items() if n >= threshold)
        position_terms[field] = sorted(term for term, n in frequencies.items() if n >= position_threshold) \
            if s.schema[field].format.supports("positions") else []
    head_plan = {field: ([t for t in terms[field] if (field, t) not in old],
                         [t for t in position_terms[field] if (POSITIONS + field, t) not in old])
                 for field in TEXT_FIELDS}  # what the kept segments' part from ``reuse`` lacks
    tail_plan = {field: (terms[field], position_terms[field]) for field in TEXT_FIELDS}
    remote = elsewhere.segment_ids if elsewhere is not None else frozenset()
    ids = [_segment_id(sub) for sub, _ in parts]
    remote_plan = {**tail_plan, **{field: (None, []) for field in facets}}
    for segment_id in ids[kept:]:
        if segment_id in remote:
            elsewhere.submit(segment_id, remote_plan)

    def finish() -> dict[str, np.ndarray]:
        read: dict[int, Part] = {}
        for i, (sub, _) in enumerate(parts):
            if i < kept:
                read[i] = segment_part(sub, head_plan)
            elif ids[i] not in remote:
                read[i] = segment_part(sub, tail_plan)
        offsets = [offset for _, offset in parts]
        if remote:
            got = elsewhere.collect()
            read.update({i: got[ids[i]] for i in range(kept, len(parts)) if ids[i] in remote})
            for i in range(kept, len(parts)):
                if ids[i] in remote and facet_parts is not None:
                    facet_parts[i] = {field: _shifted(read[i][field][0], offsets[i])
                                      for field in facets}
        out: dict[str, np.ndarray] = {}
        for field in TEXT_FIELDS:
            out.update(_join_postings(field, terms[field], read, offsets, old, kept, prefix, live))
            if s.schema[field].format.supports("positions"):
                out.update(_join_positions(field, position_terms[field], read, offsets, old, kept, prefix, live))
        return out
    return finish


def _shifted(terms: dict[bytes, tuple[np.ndarray, np.ndarray]], offset: int) -> list[tuple[bytes, np.ndarray]]:
    """A facet field's part of one segment (``segment_part``), in the index's document numbers."""
    return [(term, docs + offset) for term, (docs, _) in terms.items()]


def _segment_id(sub: Searcher) -> str | None:
    segment = getattr(sub.reader(), "segment", lambda: None)()  # an empty index's reader has none
    return segment.segment_id() if segment is not None else None


def _join_postings(field: str, terms: list[bytes], read: dict[int, Part], offsets: list[int], old: Postings,
                   kept: int, prefix: int, live: np.ndarray | None) -> dict[str, np.ndarray]:
    ids, tfs, starts = [], [], [0]
    for term in terms:
        term_ids, term_tfs = [], []
        reused = (field, term) in old
        if reused:
            head_ids, head_tfs = old[(field, term)]
            keep = _kept(head_ids, prefix, live)
            term_ids.append(head_ids[keep])
            term_tfs.append(head_tfs[keep])
        for i in sorted(read):
            if i < kept and reused:
                continue
            part_ids, part_tfs = read[i][field][0][term]
            term_ids.append(part_ids + offsets[i])
            term_tfs.append(part_tfs)
        joined = np.concatenate(term_ids) if term_ids else np.zeros(0, dtype=np.int64)
        ids.append(joined)
        tfs.append(np.concatenate(term_tfs) if term_tfs else np.zeros(0, dtype=np.float32))
        starts.append(starts[-1] + len(joined))
    return _pack(f"hot.{field}", terms, starts, ids=(ids, np.int64), tfs=(tfs, np.float32))


def _join_positions(field: str, terms: list[bytes], read: dict[int, Part], offsets: list[int], old: Postings,
                    kept: int, prefix: int, live: np.ndarray | None) -> dict[str, np.ndarray]:
    """The very common terms' positions (``hotpos.<field>.*``); a term whose positions could not all
    be read as Whoosh's on-disk blocks is left out (phrases read it as before)."""
    kept_terms, keys, starts = [], [], [0]
    for term in terms:
        runs = []
        before = old.get((POSITIONS + field, term))
        if before is not None:
            runs.append(before[0][_kept(before[0] >> 32, prefix, live)])
        complete = True
        for i in sorted(read):
            if i < kept and before is not None:
                continue
            got = read[i][field][1][term]
            if got is None or not got[1]:
                complete = False
                break
            runs.append(got[0] + (offsets[i] << 32))
        if not complete:
            continue
        joined = np.concatenate(runs) if runs else np.zeros(0, dtype=np.int64)
        kept_terms.append(term)
        keys.append(joined)
        starts.append(starts[-1] + len(joined))
    return _pack(f"hotpos.{field}", kept_terms, starts, keys=(keys, np.int64))


def _pack(prefix: str, terms: list[bytes], starts: list[int], **columns: tuple[list[np.ndarray], type]
          ) -> dict[str, np.ndarray]:
    """One family of flat arrays: the terms as one byte blob with their ends, where each term's run
    starts, and each column's runs concatenated (read back by :func:`_terms`)."""
    out = {f"{prefix}.terms": np.frombuffer(b"".join(terms), dtype=np.uint8).copy(),
           f"{prefix}.term_ends": np.cumsum([len(t) for t in terms], dtype=np.int64),
           f"{prefix}.starts": np.asarray(starts, dtype=np.int64)}
    for name, (runs, dtype) in columns.items():
        out[f"{prefix}.{name}"] = np.concatenate(runs) if runs else np.zeros(0, dtype=dtype)
    return out


def _kept(docs: np.ndarray, prefix: int, live: np.ndarray) -> np.ndarray:
    """Which of the previous generation's documents ``docs`` are still there: in the kept segments
    (below ``prefix``) and not deleted since."""
    keep = docs < prefix
    keep[keep] = live[docs[keep]]
    return keep


def _postings(parts: list[tuple[Searcher, int]], field: str, terms: set[bytes]
              ) -> dict[bytes, tuple[np.ndarray, np.ndarray]]:
    """What ``postings.read_postings`` reads for each of ``terms`` in the segments ``parts``: each
    segment's postings are read for the terms it holds (walking its lexicon), not looked up in every
    segment for every term; a few terms (what a kept segment lacks after an incremental commit: the
    words that just became common) are looked up, not found by walking a large segment's lexicon."""
    found: dict[bytes, tuple[list, list]] = {term: ([], []) for term in terms}
    for sub, offset in parts if terms else ():
        reader = sub.reader()
        for term in sorted(terms) if len(terms) <= LOOKUP_MAX_TERMS else reader.lexicon(field):
            if term in found:
                ids, tfs = found[term]
                for block_ids, weights in term_postings(reader, field, term) or ():
                    ids.append(np.asarray(block_ids, dtype=np.int64) + offset)
                    tfs.append(np.asarray(weights, dtype=np.float32))
    empty_ids, empty_tfs = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    return {term: (np.concatenate(ids) if ids else empty_ids, np.concatenate(tfs) if tfs else empty_tfs)
            for term, (ids, tfs) in found.items()}


def _terms(flat: dict[str, np.ndarray], prefix: str) -> list[tuple[bytes, int, int]]:
    """(term, start, stop) of each term in one field's flat arrays."""
    blob = flat[f"{prefix}.terms"].tobytes()
    ends = flat[f"{prefix}.term_ends"].tolist()
    starts = flat[f"{prefix}.starts"].tolist()
    return [(blob[(ends[i - 1] if i else 0):end], starts[i], starts[i + 1]) for i, end in enumerate(ends)]


def assemble(flat: dict[str, np.ndarray]) -> Postings:
    """``(field, term) -> (document numbers, frequencies)`` and ``(POSITIONS + field, term) -> (keys,
    nothing)``, views into the (mapped) flat arrays."""
    out: Postings = {}
    for field in TEXT_FIELDS:
        ids, tfs = flat[f"hot.{field}.ids"], flat[f"hot.{field}.tfs"]
        for term, start, stop in _terms(flat, f"hot.{field}"):
            out[(field, term)] = (ids[start:stop], tfs[start:stop])
        if f"hotpos.{field}.keys" in flat:
            keys = flat[f"hotpos.{field}.keys"]
            for term, start, stop in _terms(flat, f"hotpos.{field}"):
                out[(POSITIONS + field, term)] = (keys[start:stop], keys[start:start])
    return out
