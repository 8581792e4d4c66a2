"""Pseudo-relevance feedback: the words the best matches share re-rank the rest of the matching set.

A category-like query (``trade``, ``earnings and earnings forecasts``) or a researcher's description
names a subject in a few words; the articles about it share a vocabulary the query does not spell out
(``surplus``, ``tariffs``, ``deficit``; ``net``, ``shr``, ``qtr``). The classic remedy (Rocchio; RM3
in Lavrenko and Croft's relevance models) takes the best-ranked documents as if relevant, weighs
their words by how much of each document they make up (times the document's share of the feedback
score), keeps the most distinctive (× idf) and adds their BM25 over the body to every score.

It only re-orders: the documents scored are the query's matching set (``ranking.ranked`` selects
within it), so ``total`` and membership never depend on feedback. Measured on the Reuters-21578
topics task (``bench/ranking_eval.py``): MAP 0.44 → 0.48 (see docs/search.md for the sweep).
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict

import numpy as np
from whoosh.searching import Searcher

from ..config import BM25_K1
from ..schema import BODY, CONTENT_HASH, stored_body, stored_title
from . import profiles
from .context import current, expired, stored_fields
from .postings import postings
from .scoring import LiveStats

DOCS = 30  # feedback documents: the head of the first ranking
TERMS = 15  # expansion words kept
WEIGHT = 15.0  # scale of the expansion's BM25 against the query's own score
MIN_DF = 5  # a word in fewer documents is a name or a typo of one article, not the subject's vocabulary
CANDIDATES = 60  # most frequent feedback words whose document frequency is looked up


PROFILES = 20_000  # documents whose stem profile is remembered (a few KB each)


class _Profiles:
    """Per document, its possible expansion words as ids into one shared vocabulary and each word's
    share of the document (frequency / length), remembered across searches: the same articles head
    the rankings of related queries and of every page of one query."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.words: list[str] = []
        # Keyed by (index generation's scope, document number): the scope names the index directory too,
        # since two indexes open in one process have their own generation numbers and document numbers.
        self._docs: OrderedDict[tuple[tuple, int], tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._df: dict[tuple[tuple, int], int] = {}
        self.lock = threading.Lock()

    def head(self, s: Searcher, scope: tuple, docnums: list[int]) -> list[tuple[np.ndarray, np.ndarray]]:
        """The profiles of ``docnums``: remembered, else stored by the reindex (one query for all of
        them, ``profiles``), else read and analysed here."""
        found: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        with self.lock:
            for d in docnums:
                item = self._docs.get((scope, d))
                if item is not None:
                    self._docs.move_to_end((scope, d))
                    found[d] = item
        missing = [d for d in dict.fromkeys(docnums) if d not in found]
        if missing:
            fields = {d: stored_fields(s, d) for d in missing}
            stored = profiles.store_for(scope[0]).get_many({f[CONTENT_HASH] for f in fields.values()
                                                            if f.get(CONTENT_HASH)})
            for d in missing:
                p = stored.get(fields[d].get(CONTENT_HASH, ""))
                if p is None:
                    p = profiles.compute(stored_title(fields[d]), stored_body(fields[d]))
                found[d] = self._remember((scope, d), p)
        return [found[d] for d in docnums]

    def _remember(self, key: tuple[tuple, int], p: profiles.Profile) -> tuple[np.ndarray, np.ndarray]:
        with self.lock:
            ids = self._ids(p.words)
            item = (ids, p.counts.astype(np.float64) / max(p.length, 1))
            self._docs[key] = item
            if len(self._docs) > PROFILES:
                self._docs.popitem(last=False)
        return item

    def _ids(self, words: tuple[str, ...]) -> np.ndarray:
        """Ids of ``words`` (distinct), new words numbered in order (under the lock)."""
        get = self.ids.get
        out = [get(w) for w in words]
        if None in out:
            new = [w for w, i in zip(words, out, strict=True) if i is None]
            start = len(self.words)
            self.words.extend(new)
            self.ids.update(zip(new, range(start, start + len(new)), strict=True))
            out = [get(w) for w in words]
        return np.array(out, dtype=np.int64)

    def df(self, s: Searcher, i: int, stats: LiveStats) -> int:
        key = (stats.scope, i)
        n = self._df.get(key)
        if n is None:
            if len(self._df) > 4 * PROFILES:
                self._df.clear()
            n = self._df[key] = stats.term_df(s, BODY, self.words[i].encode("utf-8"))  # live documents only
        return n


_PROFILES = _Profiles()


def expansion(s: Searcher, head: list[tuple[int, float]], query_stems: frozenset[str],
              stats: LiveStats) -> list[tuple[str, float]]:
    """The expansion words and their weights (summing to 1), from the head of the first ranking."""
    head = [(d, sc) for d, sc in head if sc > 0]
    total = sum(sc for _, sc in head)
    if not head or total <= 0:
        return []
    parts = list(zip(_PROFILES.head(s, stats.scope, [d for d, _ in head]), (sc / total for _, sc in head), strict=True))
    ids = np.concatenate([p[0] for p, _ in parts])
    weights = np.concatenate([p[1] * w for p, w in parts])
    model = np.bincount(ids, weights=weights)
    found = np.flatnonzero(model)  # profiles hold only words that may expand a query (``profiles.eligible``)
    if len(found) > 2 * CANDIDATES:  # the best ones, every word tied with the last kept
        kth = np.partition(model[found], len(found) - 2 * CANDIDATES)[len(found) - 2 * CANDIDATES]
        found = found[model[found] >= kth]
    words = _PROFILES.words
    candidates = sorted((i for i in found.tolist() if words[i] not in query_stems), key=lambda i: (-model[i], words[i]))
    n_docs = stats.n
    ranked = []
    for i in candidates[:CANDIDATES]:
        df = _PROFILES.df(s, int(i), stats)
        if df >= MIN_DF:
            ranked.append((model[i] * math.log(n_docs / df), _PROFILES.words[i]))
    ranked.sort(key=lambda x: (-x[0], x[1]))
    kept = ranked[:TERMS]
    weight = sum(w for w, _ in kept)
    return [(stem, w / weight) for w, stem in kept] if weight > 0 else []


def feedback_scores(s: Searcher, head: list[tuple[int, float]], query_stems: frozenset[str],
                    lengths: dict[str, np.ndarray], size: int, stats: LiveStats) -> np.ndarray | None:
    """``WEIGHT`` × the weighted body BM25 of the expansion words, for every document (None: none)."""
    words = expansion(s, head, query_stems, stats)
    if not words or expired():
        return None
    norm = stats.length_norm(BODY, lengths[BODY])
    docs, parts = [], []
    for stem, weight in words:
        ids, part = _word_bm25(s, stem, stats, norm)
        if len(ids):
            docs.append(ids)
            parts.append(weight * part)
    if not docs:
        return np.zeros(size, dtype=np.float64)
    # One pass adds every word's part, in word order per document (as a loop of ``out[ids] +=``).
    return WEIGHT * np.bincount(np.concatenate(docs), weights=np.concatenate(parts), minlength=size)


def _word_bm25(s: Searcher, stem: str, stats: LiveStats, norm: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(documents, body BM25) of one expansion word, kept in the generation's postings cache: the
    same few hundred words expand most queries of a subject, and over 100k articles a common one's
    arithmetic costs more than the rest of the feedback. Not kept when the search ran out of time
    (its posting list may be cut short)."""
    cache = current().postings
    key = ("\x00bm25:" + BODY, stem.encode("utf-8"))
    item = cache.get(key) if cache is not None else None
    if item is None:
        ids, tf = postings(s, BODY, key[1])
        idf = math.log(stats.n / (stats.df(ids) + 1)) + 1
        part = idf * tf * (BM25_K1 + 1) / (tf + norm[ids])
        part.flags.writeable = False
        item = (ids, part)
        if cache is not None and not expired():
            cache.put(key, item)
    return item
