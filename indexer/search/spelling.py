"""Spelling candidates from the index's own vocabulary, fast enough for every zero-hit search.

Whoosh's ``Searcher.suggest`` walks a Levenshtein automaton over the lexicon: 40-60 ms a word
even on a small index, and it orders candidates badly (``minster`` → ``monster`` before
``minister``). This is the symmetric-delete method instead: every vocabulary word (see below; seen
in at least two documents when the vocabulary is large) is filed under itself and under
each form with one letter deleted; a query word's forms with up to two letters deleted are looked up,
and the hits are checked with a real edit distance.

The table is flat numpy arrays, so it can be written into the index directory by the reindex and
memory-mapped by every process that searches (``generation``): the sorted words (one UTF-8 blob and
its offsets), their document frequencies, and the delete forms as sorted 64-bit hashes beside the id
of the word each came from. A lookup is one ``searchsorted`` over the probes' hashes; a hash collision
only adds a candidate that the edit distance then rejects.

Its size is linear in the vocabulary: a word longer than ``MAX_WORD_CHARS`` (64) is no word a reader
misspells (it is a URL, a base64 run, a hostile 1 MB token) and is neither filed nor expanded, so each
word contributes at most 65 entries (a 1 MB word used to add a million deletes of a million letters each).

The vocabulary is ``word → live documents holding it`` over the distinct unstemmed words of every
document's title, body and speaker names (``schema.spell_words``). It is not a Whoosh field: an
indexed field of a few hundred words per article was about 40% of Whoosh's cost per document, for
a table that needs only the counts. The processes writing the documents count their words and hand
the counts to the reindex, which adds them to the previous generation's counts (kept beside the
table, :data:`KNOWN`) less the words of the documents it deleted; an index without them is counted
from its stored fields (:func:`counts_from_index`). The whole vocabulary, every word whatever its
count, also answers "is this word in the index?" (:meth:`Vocabulary.known`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

import numpy as np

from ..config import MAX_WORD_CHARS
from ..schema import spell_words

SMALL_VOCABULARY = 150_000  # below this many words every word is kept; above, words seen in 2+ documents
MIN_LEN = 3
MAX_PER_PROBE = 64  # candidates taken from one probe (a flood of colliding hashes cannot cost more)

_P = 0x9E3779B97F4A7C15  # odd 64-bit multiplier of the polynomial hash
_MASK = (1 << 64) - 1
ARRAYS = ("words", "offsets", "freq", "keys", "ids")  # the table's arrays, as written to disk
#: The whole vocabulary (every word, its live documents), sorted, with its words' hashes sorted beside
#: their ids: what the next reindex starts its counts from, and what :meth:`Vocabulary.known` asks.
KNOWN = ("all_words", "all_offsets", "all_freq", "all_keys", "all_ids")


def word_hash(word: str) -> int:
    """The 64-bit polynomial hash of ``word`` (code points + 1, multiplier ``_P``, modulo 2**64):
    the same value ``_delete_hashes`` computes with numpy for whole groups of words."""
    h = 0
    for ch in word:
        h = (h * _P + ord(ch) + 1) & _MASK
    return h


def _powers(n: int) -> np.ndarray:
    out, p = [], 1
    for _ in range(n):
        out.append(p)
        p = (p * _P) & _MASK
    return np.array(out, dtype=np.uint64)


def _prefix_hashes(words: list[str], length: int) -> np.ndarray:
    """Hashes of every prefix of every word (all ``length`` letters long): words × (length + 1)."""
    codes = np.frombuffer("".join(words).encode("utf-32-le"), dtype=np.uint32).reshape(len(words), length)
    codes = codes.astype(np.uint64) + np.uint64(1)
    p = np.uint64(_P)
    prefix = np.zeros((len(words), length + 1), dtype=np.uint64)
    for k in range(length):
        prefix[:, k + 1] = prefix[:, k] * p + codes[:, k]
    return prefix


def _delete_hashes(words: list[str], length: int) -> np.ndarray:
    """Hashes of every word (all ``length`` letters long) and of its ``length`` one-letter deletes,
    as an array (words × (length + 1)); column 0 is the word itself.

    With prefix hashes ``H[k]`` (the first ``k`` letters), deleting letter ``i`` gives
    ``H[i]·P^(L-1-i) + (H[L] - H[i+1]·P^(L-1-i))``, so every delete of every word is a few
    vectorised multiply-adds instead of a new Python string each."""
    prefix = _prefix_hashes(words, length)
    powers = _powers(length)
    out = np.empty((len(words), length + 1), dtype=np.uint64)
    out[:, 0] = prefix[:, length]
    for i in range(length):
        out[:, i + 1] = (prefix[:, i] - prefix[:, i + 1]) * powers[length - 1 - i] + prefix[:, length]
    return out


def vocabulary_words(terms: Iterable[tuple[bytes | str, int]]) -> dict[str, int]:
    """``word → document frequency`` of the vocabulary's words that can be spelling candidates."""
    freq: dict[str, int] = {}
    for term, df in terms:
        word = term.decode("utf-8") if isinstance(term, bytes) else term
        if MIN_LEN <= len(word) <= MAX_WORD_CHARS and word.isalpha():
            freq[word] = df
    if len(freq) > SMALL_VOCABULARY:  # words seen once are as likely typos as the query word
        freq = {w: f for w, f in freq.items() if f > 1}
    return freq


def _word_blob(words: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Sorted words as one UTF-8 blob (one NUL byte after each but the last) and each word's offset."""
    blob = "\x00".join(words).encode("utf-8")
    lengths = np.fromiter((len(w.encode("utf-8")) + 1 for w in words), dtype=np.int64, count=len(words))
    offsets = np.zeros(len(words) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    return np.frombuffer(blob, dtype=np.uint8).copy(), offsets


def _by_length(words: list[str]) -> dict[int, list[int]]:
    by_length: dict[int, list[int]] = {}
    for i, w in enumerate(words):
        by_length.setdefault(len(w), []).append(i)
    return by_length


def build_table(freq: Mapping[str, int]) -> dict[str, np.ndarray]:
    """The table's arrays for a vocabulary (see the module docstring)."""
    words = sorted(freq)
    blob, offsets = _word_blob(words)
    by_length = _by_length(words)
    key_parts, id_parts = [], []
    for length, ids in by_length.items():
        hashes = _delete_hashes([words[i] for i in ids], length)
        key_parts.append(hashes.ravel())
        id_parts.append(np.repeat(np.asarray(ids, dtype=np.int32), length + 1))
    keys = np.concatenate(key_parts) if key_parts else np.zeros(0, dtype=np.uint64)
    ids = np.concatenate(id_parts) if id_parts else np.zeros(0, dtype=np.int32)
    order = np.lexsort((ids, keys))
    keys, ids = keys[order], ids[order]
    if len(keys):  # a word with a doubled letter ("letter" → "leter" twice) is filed once
        keep = np.ones(len(keys), dtype=bool)
        keep[1:] = (keys[1:] != keys[:-1]) | (ids[1:] != ids[:-1])
        keys, ids = keys[keep], ids[keep]
    return {"words": blob, "offsets": offsets,
            "freq": np.array([freq[w] for w in words], dtype=np.int64), "keys": keys, "ids": ids}


def build_known(counts: Mapping[str, int]) -> dict[str, np.ndarray]:
    """The whole vocabulary's arrays (:data:`KNOWN`): sorted words, their counts, their hashes sorted."""
    words = sorted(w for w, n in counts.items() if n > 0)
    blob, offsets = _word_blob(words)
    key_parts, id_parts = [], []
    for length, ids in _by_length(words).items():
        key_parts.append(_prefix_hashes([words[i] for i in ids], length)[:, length])
        id_parts.append(np.asarray(ids, dtype=np.int32))
    keys = np.concatenate(key_parts) if key_parts else np.zeros(0, dtype=np.uint64)
    ids = np.concatenate(id_parts) if id_parts else np.zeros(0, dtype=np.int32)
    order = np.lexsort((ids, keys))
    return {"all_words": blob, "all_offsets": offsets,
            "all_freq": np.array([counts[w] for w in words], dtype=np.int64),
            "all_keys": keys[order], "all_ids": ids[order]}


def build(counts: Mapping[str, int]) -> dict[str, np.ndarray]:
    """Every array of a generation's spelling data, from ``word → live documents holding it``."""
    return {**build_table(vocabulary_words(counts.items())), **build_known(counts)}


def count_documents(documents: Iterable[Mapping]) -> Counter:
    """``word → documents holding it`` over documents (index documents or their stored fields)."""
    counts: Counter = Counter()
    for fields_ in documents:
        counts.update(spell_words(fields_))
    return counts


def counts_from_index(reader) -> Counter:
    """The vocabulary of an index's live documents, read from their stored fields: for an index
    whose generation has no counts (written by an older version, or its data lost)."""
    return count_documents(reader.all_stored_fields())


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
    """The spelling table of one index generation: arrays built in memory or mapped from disk."""

    def __init__(self, arrays: Mapping[str, np.ndarray]) -> None:
        self._words = arrays["words"]
        self._offsets = arrays["offsets"]
        self._freq = arrays["freq"]
        self._keys = arrays["keys"]
        self._ids = arrays["ids"]
        self._all = {name: arrays[name] for name in KNOWN if name in arrays}

    @classmethod
    def from_counts(cls, counts: Mapping[str, int]) -> Vocabulary:
        return cls(build(counts))

    @property
    def ready(self) -> bool:
        return True

    def __len__(self) -> int:
        return len(self._freq)

    @property
    def entries(self) -> int:
        """Rows of the delete table (linear in the vocabulary: at most 65 a word)."""
        return len(self._keys)

    def word(self, i: int) -> str:
        return bytes(self._words[self._offsets[i]:self._offsets[i + 1] - 1]).decode("utf-8")

    def _lookup(self, probes: set[str]) -> set[int]:
        hashes = np.array(sorted(word_hash(p) for p in probes), dtype=np.uint64)
        lo = np.searchsorted(self._keys, hashes, side="left")
        hi = np.minimum(np.searchsorted(self._keys, hashes, side="right"), lo + MAX_PER_PROBE)
        found: set[int] = set()
        for a, b in zip(lo.tolist(), hi.tolist(), strict=True):
            if b > a:
                found.update(self._ids[a:b].tolist())
        return found

    def known(self, word: str) -> bool:
        """Whether any document holds ``word`` (any count; without the whole vocabulary, the table's words)."""
        if not self._all:
            return self.frequency(word) > 0
        keys, ids = self._all["all_keys"], self._all["all_ids"]
        h = np.uint64(word_hash(word))
        lo, hi = np.searchsorted(keys, h, side="left"), np.searchsorted(keys, h, side="right")
        blob, offsets = self._all["all_words"], self._all["all_offsets"]
        target = word.encode("utf-8")
        return any(bytes(blob[offsets[i]:offsets[i + 1] - 1]) == target for i in ids[lo:hi].tolist())

    def counts(self) -> dict[str, int]:
        """``word → live documents holding it`` for the whole vocabulary (empty without it)."""
        if not self._all or not len(self._all["all_freq"]):
            return {}
        words = bytes(self._all["all_words"]).decode("utf-8").split("\x00")
        return dict(zip(words, self._all["all_freq"].tolist(), strict=True))

    def frequency(self, word: str) -> int:
        for i in self._lookup({word}):
            if self.word(i) == word:
                return int(self._freq[i])
        return 0

    def candidates(self, word: str, limit: int = 4, maxdist: int = 2) -> list[str]:
        """Vocabulary words within ``maxdist`` edits, nearest first, then most frequent; none for a
        word longer than ``MAX_WORD_CHARS`` (nothing in the table is that long)."""
        if len(word) > MAX_WORD_CHARS or not len(self._keys):
            return []
        probes = {word} | _deletes(word)
        if maxdist >= 2:
            probes |= {d2 for d in _deletes(word) for d2 in _deletes(d)}
        scored = []
        for i in self._lookup(probes):
            c = self.word(i)
            if c != word:
                scored.append((distance(word, c, maxdist), -int(self._freq[i]), c))
        return [c for d, _, c in sorted(scored) if d <= maxdist][:limit]
