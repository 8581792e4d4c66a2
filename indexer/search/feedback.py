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
from collections import Counter
from functools import lru_cache

import numpy as np
from whoosh.searching import Searcher

from ..config import BM25_B, BM25_K1
from ..schema import BODY, SCHEMA, stored_body, stored_title
from .context import expired, stored_fields
from .masks import postings

DOCS = 30  # feedback documents: the head of the first ranking
TERMS = 20  # expansion words kept
WEIGHT = 15.0  # scale of the expansion's BM25 against the query's own score
MIN_DF = 5  # a word in fewer documents is a name or a typo of one article, not the subject's vocabulary
CANDIDATES = 60  # most frequent feedback words whose document frequency is looked up


@lru_cache(maxsize=4096)
def _stems(text: str) -> tuple[tuple[tuple[str, int], ...], int]:
    """The body analyzer's stems of one article and how many tokens it has; remembered, since the
    same articles head the rankings of related queries (and of every page of one query)."""
    counts = Counter(t.text for t in SCHEMA[BODY].analyzer(text))
    return tuple(counts.items()), sum(counts.values())


def expansion(s: Searcher, head: list[tuple[int, float]], query_stems: frozenset[str]) -> list[tuple[str, float]]:
    """The expansion words and their weights (summing to 1), from the head of the first ranking."""
    head = [(d, sc) for d, sc in head if sc > 0]
    total = sum(sc for _, sc in head)
    if not head or total <= 0:
        return []
    model: Counter[str] = Counter()
    for docnum, score in head:
        fields = stored_fields(s, docnum)
        counts, length = _stems(f"{stored_title(fields)}\n{stored_body(fields)}")
        for stem, n in counts:
            model[stem] += (score / total) * n / max(length, 1)
    n_docs = s.doc_count_all()
    ranked = []
    for stem, p in model.most_common(CANDIDATES):
        if stem in query_stems or len(stem) < 3 or not stem.isalpha():
            continue
        df = s.doc_frequency(BODY, stem)
        if df >= MIN_DF:
            ranked.append((p * math.log(n_docs / df), stem))
    ranked.sort(key=lambda x: (-x[0], x[1]))
    kept = ranked[:TERMS]
    weight = sum(w for w, _ in kept)
    return [(stem, w / weight) for w, stem in kept] if weight > 0 else []


def feedback_scores(s: Searcher, head: list[tuple[int, float]], query_stems: frozenset[str],
                    lengths: dict[str, np.ndarray], size: int) -> np.ndarray | None:
    """``WEIGHT`` × the weighted body BM25 of the expansion words, for every document (None: none)."""
    words = expansion(s, head, query_stems)
    if not words or expired():
        return None
    out = np.zeros(size, dtype=np.float64)
    n_docs = s.doc_count_all()
    avg = s.avg_field_length(BODY) or 1.0
    for stem, weight in words:
        ids, tf = postings(s, BODY, stem.encode("utf-8"))
        if not len(ids):
            continue
        idf = math.log(n_docs / (len(ids) + 1)) + 1
        norm = (1 - BM25_B) + BM25_B * lengths[BODY][ids] / avg
        out[ids] += weight * idf * tf * (BM25_K1 + 1) / (tf + BM25_K1 * norm)
    return WEIGHT * out
