"""Corpus-level topic choice: document frequencies of candidate phrases and the final 5–8 topics.

Per-article candidates are cached with the extraction; only this step sees the whole collection.
A phrase found in a large share of articles ("president" in an election corpus) describes the
corpus, not the article, so it is dropped; a phrase found in only this article groups nothing in a
facet, so it is mildly discounted; overlapping phrases are merged so that "missile" and "defense"
never stand beside "missile defense".
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from .events import dated, is_contest
from .topics import singular

#: Phrases in more than this share of articles are corpus vocabulary, not topics.
MAX_DF_SHARE = 0.12
#: A single broad label ("election", "tax") may pass up to this share when it leads the article.
BROAD_DF_SHARE = 0.5
#: Candidate ranks (0-based) that count as "leads the article" for a broad label.
BROAD_TOP_RANK = 3
#: Bonus for phrases that recur in several articles: they make consistent facets.
RECUR_MIN, RECUR_BONUS = 3, 1.2
MIN_DOCS_FOR_STATS = 20
#: A contest ("presidential election") is the story an article belongs to: desks always tag it.
CONTEST_BONUS = 2.0
#: How strongly rarity counts against the article's own ranking (0 = filter only).
IDF_POWER = 0.5
#: Weight by phrase length: one- and two-word phrases are what a topic facet groups on.
LENGTH_WEIGHT = {1: 1.3, 2: 1.25, 3: 1.2, 4: 1.0}
#: At most this many one-word labels: broad labels ("election") group many articles, but the
#: rest of the slots go to 2-3-word phrases that say what the story is ("missile defense").
MAX_SINGLE = 4
#: A longer phrase replaces a chosen shorter one it contains when it scores at least this share of it.
ABSORB_SHARE = 0.5


class CorpusStats:
    """Document frequencies of candidate phrases; JSON-serialisable and updatable in place."""

    def __init__(self, n_docs: int = 0, df: dict[str, int] | None = None):
        self.n_docs = n_docs
        self.df: Counter[str] = Counter(df or {})

    def add(self, topics: Sequence[str]) -> None:
        self.n_docs += 1
        self.df.update(set(topics))

    def remove(self, topics: Sequence[str]) -> None:
        self.n_docs = max(0, self.n_docs - 1)
        for t in set(topics):
            if self.df[t] <= 1:
                self.df.pop(t, None)
            else:
                self.df[t] -= 1

    def to_dict(self) -> dict:
        return {"n_docs": self.n_docs, "df": dict(self.df)}

    @classmethod
    def from_dict(cls, data: dict) -> CorpusStats:
        return cls(int(data.get("n_docs", 0)), dict(data.get("df", {})))

    def share(self, phrase: str) -> float:
        return self.df.get(phrase, 0) / self.n_docs if self.n_docs else 0.0


def _absorbs(phrase: str, words: frozenset[str], held: tuple[str, frozenset[str], float], weight: float,
             all_words: list[frozenset[str]], recurring: set[str] | None) -> bool:
    """Whether ``phrase`` takes the place of a chosen phrase it contains.

    A contest always does ("election" → "2016 presidential election"); otherwise only a phrase that
    recurs in the corpus (``recurring``; None without corpus statistics), so the facet still groups
    articles, and not when the chosen word heads several of the article's phrases ("debate" in
    "debate moderator", "presidential debate"): then it is the article's subject and stays.
    """
    _, held_words, held_weight = held
    if not held_words < words:
        return False
    if is_contest(phrase):
        return True
    if recurring is not None and phrase not in recurring:
        return False
    hub = sum(held_words < other for other in all_words) > 1
    return not hub and weight >= ABSORB_SHARE * held_weight


def _words(phrase: str) -> frozenset[str]:
    return frozenset(singular(w) for w in phrase.lower().replace("-", " ").split())


def _overlaps(a: frozenset[str], b: frozenset[str]) -> bool:
    return a <= b or b <= a


def finalize_topics(candidates: Sequence[str], stats: CorpusStats | None, k: int = 8,
                    year: int | None = None) -> tuple[str, ...]:
    """Pick up to ``k`` topics from an article's ranked candidates using corpus frequencies.

    ``year`` (of the article's date) names a contest: "presidential election" → "2016 presidential election".
    """
    usable = stats is not None and stats.n_docs >= MIN_DOCS_FOR_STATS
    scored: list[tuple[float, int, str]] = []
    for rank, phrase in enumerate(candidates):
        local = 1.0 / math.sqrt(rank + 1)
        n_words = len(phrase.split())
        weight = local * LENGTH_WEIGHT.get(n_words, LENGTH_WEIGHT[4])
        contest = is_contest(phrase)
        if usable:
            assert stats is not None
            df = stats.df.get(phrase, 0)
            share = df / stats.n_docs
            broad = (n_words == 1 and rank < BROAD_TOP_RANK) or contest
            if share > MAX_DF_SHARE and not (broad and share <= BROAD_DF_SHARE):
                continue
            idf = math.log((stats.n_docs + 1) / (df + 1))
            shared = RECUR_BONUS if df >= RECUR_MIN else 1.0 if df >= 2 else 0.6
            weight *= max(idf, 1.0)**IDF_POWER * shared
        if contest:
            weight *= CONTEST_BONUS
            phrase = dated(phrase, year)
        scored.append((weight, rank, phrase))
    scored.sort(key=lambda x: (-x[0], x[1]))
    recurring = {p for _, _, p in scored if stats.df.get(p, 0) >= RECUR_MIN} if usable and stats else None
    return _choose(scored, k, recurring)


def _choose(scored: list[tuple[float, int, str]], k: int, recurring: set[str] | None = None) -> tuple[str, ...]:
    """The best ``k`` phrases with no two overlapping; a longer phrase absorbs a shorter one it contains.

    "police" and "police shooting" must not stand side by side; when both are strong the longer,
    more specific one is what an editor writes ("missile defense" rather than "missile"), so it takes
    the shorter one's place if it scores at least ``ABSORB_SHARE`` of it.
    """
    all_words = [_words(p) for _, _, p in scored]
    chosen: list[tuple[str, frozenset[str], float]] = []
    for weight, _, phrase in scored:
        words = _words(phrase)
        clash = [n for n, (_, w, _) in enumerate(chosen) if _overlaps(words, w)]
        if clash:
            if all(_absorbs(phrase, words, chosen[n], weight, all_words, recurring) for n in clash):
                best = max(chosen[n][2] for n in clash)
                chosen[clash[0]] = (phrase, words, best)
                chosen = [c for n, c in enumerate(chosen) if n not in clash[1:]]
            continue
        if len(chosen) >= k:
            continue
        if len(words) == 1 and sum(len(w) == 1 for _, w, _ in chosen) >= MAX_SINGLE:
            continue
        chosen.append((phrase, words, weight))
    return tuple(p for p, _, _ in chosen)
