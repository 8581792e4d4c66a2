"""BM25F scores for a whole tier at once, with numpy, for queries made of terms.

Whoosh scores documents one at a time through a tree of matchers: for a tier of thousands of
documents and twenty term matchers (five words × four fields) that is tens to hundreds of
milliseconds of Python per search. The same formula (Whoosh's ``BM25F``: per-term
``boost · idf · tf·(K1+1) / (tf + K1·(1 − B + B·len/avglen))``, ``idf = ln(N/(df+1)) + 1``) is
computed here over posting lists read block by block, with the per-document field lengths loaded
once per index generation. Queries holding anything but terms (phrases, ranges) return None and
are scored by Whoosh instead.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from whoosh import query as Q
from whoosh.searching import Searcher

from ..config import BM25_B, BM25_K1
from ..schema import TEXT_FIELDS
from ..whoosh_io import segments
from .postings import postings

# K1 and B (and why B is 0.3) are in config; a field may override B here.
B: dict[str, float] = {}


@dataclass(frozen=True, slots=True)
class LiveStats:
    """BM25's collection statistics over the live documents of one generation.

    Whoosh counts a deleted document in N, in document frequencies and in average field lengths until
    its segment is merged away, so an article edited and then restored (one reindex deletes a copy,
    the next another) would rank differently from before although the index holds the same articles.
    Counted over live documents, the same content gets the same scores; on an index without deletions
    these are exactly Whoosh's figures.
    """

    live: np.ndarray
    n: int
    avg: dict[str, float]
    scope: tuple = ()  # (index directory, generation): what per-document caches of this generation key on
    whole: bool = False  # no deleted documents: Whoosh's own document frequencies are exact
    _norms: dict = dataclasses.field(default_factory=dict, compare=False, repr=False)  # field -> (lengths, norm)

    @classmethod
    def of(cls, s: Searcher, lengths: dict[str, np.ndarray], live: np.ndarray, scope: tuple = ()) -> LiveStats:
        n = int(np.count_nonzero(live))
        dead = ~live
        avg = {}
        for field, column in lengths.items():
            total = s.field_length(field) - float(column[dead].sum())  # Whoosh's exact total less the deleted
            avg[field] = (total / n if n else 0.0) or 1.0
        return cls(live, max(n, 1), avg, scope, n == len(live))

    def df(self, ids: np.ndarray) -> int:
        return int(np.count_nonzero(self.live[ids]))

    def term_df(self, s: Searcher, fieldname: str, text: bytes) -> int:
        """A term's live document frequency without reading its postings when nothing is deleted
        (Whoosh keeps it in the term's info): a fresh process's first searches look up the
        frequencies of dozens of feedback words, and decoding their posting lists cost the most."""
        if self.whole:
            return int(s.doc_frequency(fieldname, text))
        return self.df(postings(s, fieldname, text)[0])

    def length_norm(self, fieldname: str, column: np.ndarray) -> np.ndarray:
        """``K1 · ((1 − B) + B · len / avglen)`` of every document, once per generation rather than
        per term and search (a term's part then reads it at its posting ids). The same arithmetic in
        the same order as on a posting list's lengths, so scores are unchanged to the last bit."""
        cached = self._norms.get(fieldname)
        if cached is not None and cached[0] is column:
            return cached[1]
        b = B.get(fieldname, BM25_B)
        norm = BM25_K1 * ((1 - b) + b * column / self.avg[fieldname])
        self._norms[fieldname] = (column, norm)  # one tuple per field, replaced whole: safe across threads
        return norm


def field_lengths(s: Searcher, lent: Mapping[str, np.ndarray] | None = None, kept: int = 0
                  ) -> dict[str, np.ndarray]:
    """Per text field, each document's (Whoosh-quantised) length, indexed by document number. The
    first ``kept`` segments' lengths are taken from ``lent`` (a previous generation's, where those
    segments are the same, in the same place: a deletion does not change a stored length)."""
    out = {}
    size = s.doc_count_all()
    for field in TEXT_FIELDS:
        lengths = np.zeros(size, dtype=np.float32)
        for i, (sub, offset) in enumerate(segments(s)):
            reader = sub.reader()
            n = reader.doc_count_all()
            if lent is not None and i < kept:
                lengths[offset:offset + n] = lent[field][offset:offset + n]
                continue
            lengths[offset:offset + n] = np.fromiter(
                (reader.doc_field_length(d, field, 0) for d in range(n)), dtype=np.float32, count=n)
        out[field] = lengths
    return out


def scored_terms(q: Q.Query) -> list[Q.Term] | None:
    """The scored terms of an OR/AND tree of terms, or None if it holds anything else. An exact
    phrase is scored as its words (every document scored already holds the phrase: the tiers are
    computed first), which ranks like Whoosh's phrase score without its per-document span walk."""
    if isinstance(q, Q.Term):
        return [q]
    if isinstance(q, Q.Phrase) and q.slop == 1:
        return [Q.Term(q.fieldname, w, boost=q.boost) for w in q.words]
    if isinstance(q, (Q.Or, Q.And)):
        out: list[Q.Term] = []
        for sub in q.subqueries:
            terms = scored_terms(sub)
            if terms is None:
                return None
            out += terms
        return out
    return None


def bm25_scores(s: Searcher, q: Q.Query, lengths: dict[str, np.ndarray],
                stats: LiveStats | None = None) -> np.ndarray | None:
    """Score of every document for ``q`` (0 where nothing matches), or None when ``q`` is not terms.

    With ``stats``, N, document frequencies and average lengths count live documents only."""
    terms = scored_terms(q)
    if terms is None or any(t.fieldname not in lengths for t in terms):
        return None
    size = s.doc_count_all()
    scores = np.zeros(size, dtype=np.float64)
    n_docs = stats.n if stats else s.doc_count_all()
    for t in terms:
        text = s.schema[t.fieldname].to_bytes(t.text)
        ids, tf = postings(s, t.fieldname, text)
        if not len(ids):
            continue
        df = stats.df(ids) if stats else len(ids)
        idf = math.log(n_docs / (df + 1)) + 1
        if stats:
            norm = stats.length_norm(t.fieldname, lengths[t.fieldname])[ids]
        else:
            b = B.get(t.fieldname, BM25_B)
            avg = s.avg_field_length(t.fieldname) or 1.0
            norm = BM25_K1 * ((1 - b) + b * lengths[t.fieldname][ids] / avg)
        part = idf * (tf * (BM25_K1 + 1)) / (tf + norm)
        scores[ids] += t.boost * part  # a term's postings hold each document once
    return scores


def top_of(scores: np.ndarray, tier: np.ndarray, k: int) -> list[tuple[int, float]]:
    """The ``k`` best documents of a tier: highest score first, then lowest document number.

    Linear in the tier (a partition, not a sort of everything). ``argpartition`` alone picks among
    documents tied at the k-th score arbitrarily, so a page boundary falling inside a run of equal
    scores would show one twin twice and the other never; here every document scoring above the
    k-th score is taken, and the tied ones by document number (``flatnonzero`` is in that order).
    """
    docs = np.flatnonzero(tier)
    if not len(docs):
        return []
    sc = scores[docs]
    if len(docs) > k:
        kth = np.partition(sc, len(sc) - k)[len(sc) - k]  # the k-th highest score
        above = sc > kth
        tied = np.flatnonzero(sc == kth)[:k - int(above.sum())]
        keep = np.concatenate((np.flatnonzero(above), tied))
        docs, sc = docs[keep], sc[keep]
    order = np.lexsort((docs, -sc))
    return [(int(docs[i]), float(sc[i])) for i in order]
