"""Spelling candidates from the index's own vocabulary, fast enough for every zero-hit search.

Whoosh's ``Searcher.suggest`` walks a Levenshtein automaton over the lexicon: 40-60 ms a word
even on a small index, and it orders candidates badly (``minster`` → ``monster`` before
``minister``). This is the symmetric-delete method instead: once per index generation, every
vocabulary word (of the ``spell`` field, seen in at least two documents) is stored under each form
with one letter deleted; a query word's forms with up to two letters deleted are looked up in that
table, and the hits are checked with a real edit distance. Lookup is a few dozen dict probes.
"""

from __future__ import annotations

import threading
from collections import defaultdict

from ..config import MAX_WORD_CHARS
from ..schema import SPELL_FIELD

SMALL_VOCABULARY = 150_000  # below this many words every word is kept; above, words seen in 2+ documents
MIN_LEN = 3


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def distance(a: str, b: str, limit: int = 2) -> int:
    """Damerau-Levenshtein (optimal string alignment) distance, or ``limit + 1`` when above it."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


class Vocabulary:
    """The delete table of one index generation, built on first use."""

    def __init__(self, reader) -> None:
        self._reader = reader
        self._table: dict[str, list[str]] | None = None
        self._freq: dict[str, int] = {}
        self._lock = threading.Lock()

    def _build(self) -> dict[str, list[str]]:
        table: dict[str, list[str]] = defaultdict(list)
        freq = {}
        for term, info in self._reader.iter_field(SPELL_FIELD):
            word = term.decode("utf-8") if isinstance(term, bytes) else term
            if len(word) >= MIN_LEN and word.isalpha():
                freq[word] = info.doc_frequency()
        if len(freq) > SMALL_VOCABULARY:  # words seen once are as likely typos as the query word
            freq = {w: f for w, f in freq.items() if f > 1}
        for word in freq:
            table[word].append(word)
            for d in _deletes(word):
                table[d].append(word)
        self._freq = freq
        return dict(table)

    def table(self) -> dict[str, list[str]]:
        if self._table is None:
            with self._lock:
                if self._table is None:
                    self._table = self._build()
        return self._table

    @property
    def ready(self) -> bool:
        return self._table is not None

    def frequency(self, word: str) -> int:
        self.table()
        return self._freq.get(word, 0)

    def candidates(self, word: str, limit: int = 4, maxdist: int = 2) -> list[str]:
        """Vocabulary words within ``maxdist`` edits, nearest first, then most frequent."""
        table = self.table()
        if len(word) > MAX_WORD_CHARS:  # no vocabulary word is this long: skip the quadratic probe set
            return []
        probes = {word} | _deletes(word)
        if maxdist >= 2:
            probes |= {d2 for d in _deletes(word) for d2 in _deletes(d)}
        found = {c for p in probes for c in table.get(p, ())}
        found.discard(word)
        scored = [(distance(word, c, maxdist), -self._freq.get(c, 0), c) for c in found]
        return [c for d, _, c in sorted(scored) if d <= maxdist][:limit]
