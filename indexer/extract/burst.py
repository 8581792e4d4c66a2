"""How topical a word is, from the shipped background table ``word_stats.tsv`` (see ``make_word_stats.py``).

Adaptation, P(a second use | a first use), separates what an article is about ("coffee" 0.65,
"tax" 0.41) from words it merely uses ("example" 0.08, "yes" 0.16, "afternoon" 0.12).  It is read
once per process; a word missing from the table is rare in news and gets the table's mean.
"""

from __future__ import annotations

from functools import cache, lru_cache
from importlib import resources

#: Prior weight (in documents) pulling a rarely seen word's adaptation toward the mean.
PRIOR_DOCS = 10
#: A word is used as a noun when it follows a determiner this often, and at least this share as
#: often as it follows a modal or "to" ("the change" vs "to change": noun; "to reject": verb).
NOUN_MIN_DET, NOUN_DET_SHARE = 5, 0.25
#: A word in at least this share of news articles that is not this many times more likely to recur
#: once used than its document share (Church & Gale's adaptation over p) is spread evenly: a generic
#: noun ("company", "country", "system", "period", "total"), not a subject a reader filters by.
GENERIC_MIN_SHARE, GENERIC_BURST = 0.004, 5.0
#: A countable noun followed by "who" this often (count, and share of its documents) names a person.
PERSON_MIN_WHO, PERSON_WHO_SHARE = 3, 0.008
#: A word used in at least this many background articles has a reliable coherence (``coherence``).
COHERENCE_MIN_DOCS = 20
#: A word is a verb when it follows a modal or "to" at least this often and follows a determiner less
#: than this share as often ("to win" 754, "the win" 50): a verb says what happened, not what about.
VERB_MIN_MODAL, VERB_DET_SHARE = 10, 0.1
_NONE = (0, 0, 0, 0, 0, 0)


@cache
def _table() -> tuple[dict[str, tuple[int, ...]], float]:
    rows: dict[str, tuple[int, ...]] = {}
    text = resources.files(__package__).joinpath("word_stats.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        word, *counts = line.split("\t")
        rows[word] = tuple(int(c) for c in counts)
    words = [r for w, r in rows.items() if not w.startswith("#")]
    mean = sum(r[1] for r in words) / max(1, sum(r[0] for r in words))
    return rows, mean


@lru_cache(maxsize=65536)
def adaptation(word: str) -> float:
    """Smoothed P(k ≥ 2 | k ≥ 1) of a word in a news article."""
    rows, mean = _table()
    df, df2, *_ = rows.get(word.lower(), _NONE)
    return (df2 + PRIOR_DOCS * mean) / (df + PRIOR_DOCS)


@lru_cache(maxsize=65536)
def noun_capable(word: str) -> bool:
    """Whether news text uses the word as a noun often enough ("cuts", "change"; not "reject")."""
    _, _, det, modal, *_ = _table()[0].get(word.lower(), _NONE)
    return det >= NOUN_MIN_DET and det >= NOUN_DET_SHARE * modal


@lru_cache(maxsize=65536)
def verb(word: str) -> bool:
    """A word news uses as a verb far more than as a noun ("win", "cut", "help"; not "vote", "bid")."""
    _, _, det, modal, *_ = _table()[0].get(word.lower(), _NONE)
    return modal >= VERB_MIN_MODAL and det < VERB_DET_SHARE * modal


@lru_cache(maxsize=65536)
def coherence(word: str) -> float | None:
    """How much more alike two background articles that use the word are than two random ones.

    1.0 is chance: ``the`` 0.92, ``company`` 1.06, ``contract`` 1.02, ``plant`` 1.14 are used by every
    kind of story; ``coffee`` 2.36 and ``election`` 3.04 by stories that share a subject
    (``make_word_stats.coherence``).  None when the word is in fewer than ``COHERENCE_MIN_DOCS`` articles.
    """
    row = _table()[0].get(word.lower(), _NONE)
    return row[5] / 100 if row[0] >= COHERENCE_MIN_DOCS else None


def mean_adaptation() -> float:
    return _table()[1]



@lru_cache(maxsize=65536)
def person_noun(word: str) -> bool:
    """A noun for a person ("nominee", "critic", "analyst"), told by "who" following it in news text.

    Only countable nouns qualify (the plural is in use too), so collective "police" stays a topic.
    """
    rows = _table()[0]
    low = word.lower()
    df, _, _, _, who, *_ = rows.get(low, _NONE)
    return who >= PERSON_MIN_WHO and who >= PERSON_WHO_SHARE * df and rows.get(low + "s", _NONE)[0] >= NOUN_MIN_DET


@lru_cache(maxsize=65536)
def known_word(word: str) -> bool:
    """Whether background news uses the word at all (the table keeps words in at least 5 articles)."""
    return word.lower() in _table()[0]


@lru_cache(maxsize=65536)
def burstiness(word: str) -> float:
    """Adaptation over document share: how much more likely a second use is than a first (∞ if unseen)."""
    rows, _ = _table()
    n_docs = rows.get("#docs", (1,))[0] or 1
    df = rows.get(word.lower(), _NONE)[0]
    return adaptation(word) * n_docs / df if df else float("inf")


@lru_cache(maxsize=65536)
def generic(word: str) -> bool:
    """A word news uses everywhere and evenly: common, and hardly more likely to recur once used.

    Burstiness is adaptation over document share: ``coffee`` 130, ``election`` 16, ``tax`` 7 against
    ``country`` 4.7, ``period`` 3.2, ``total`` 2.3, ``company`` 1.5, ``note`` 0.4.
    """
    rows, _ = _table()
    n_docs = rows.get("#docs", (1,))[0] or 1
    df = rows.get(word.lower(), _NONE)[0]
    share = df / n_docs
    return share >= GENERIC_MIN_SHARE and adaptation(word) < GENERIC_BURST * share
