"""Corpus-level topic choice: document frequencies of candidate phrases and the final 5–8 topics.

Per-article candidates are cached with the extraction; only this step sees the whole collection.
A topic value is a phrase the archive uses as a subject, decided here from the corpus statistics
(kept beside the index and updated by every reindex) and the shipped background table:

* it recurs: in a collection of ``VOCAB_MIN_DOCS`` articles or more, a phrase that is a candidate
  of fewer than ``MIN_RECUR`` articles groups nothing in a facet and is not a value, except that an
  article's strongest such phrases may fill the slots the shared values leave empty (``ONE_OFF_MAX``);
* it is the subject where it appears: it leads some of the articles it is a candidate of
  (``CorpusStats.topical``), which boilerplate (``payment date``) and generic nouns never do;
* it is not made only of generic or reporting words (``company``, ``country``, ``spokesman``:
  see ``burst.generic``), and a one-word value is a word news knows or the corpus repeats, a noun
  rather than a verb (``burst.verb``), and a word whose stories share a subject (``burst.coherence``);
* a phrase found in a large share of articles ("president" in an election corpus) describes the
  corpus, not the article, so it is dropped unless it leads the article.

An article's reserve candidates (after the first ``topics.CANDIDATES``) are no evidence for the
statistics; they only fill slots the other values leave empty, and only with shared values.

Spelling variants are one value (``fold``: case, ``U.S.``/``US``, British/American spelling) shown
in the corpus's most common surface form.  Editor labels from the classifier (``labels.py``) come
first; overlapping phrases are merged so that "missile" and "defense" never stand beside "missile
defense".
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import cache, lru_cache

from .burst import adaptation, burstiness, coherence, generic, known_word, verb
from .events import dated, is_contest
from .labels import label_names
from .topic_words import MEASURE_WORDS, REPORTING_WORDS
from .topics import CANDIDATES, singular

#: Phrases in more than this share of articles are corpus vocabulary, not topics.
MAX_DF_SHARE = 0.12
#: A single broad label ("election", "tax") may pass up to this share when it leads the article.
BROAD_DF_SHARE = 0.5
#: Candidate ranks (0-based) that count as "leads the article" for a broad label.
BROAD_TOP_RANK = 3
#: Bonus for phrases that recur in several articles: they make consistent facets.
RECUR_MIN, RECUR_BONUS = 3, 1.2
MIN_DOCS_FOR_STATS = 20
#: From this many articles on, a value must recur: it is a candidate of at least ``MIN_RECUR`` articles.
VOCAB_MIN_DOCS, MIN_RECUR = 500, 2
#: An article's strongest subjects that no other article writes may fill the slots recurring values
#: leave empty: at most ``ONE_OFF_MAX`` of its first ``ONE_OFF_RANK`` candidates, after every other value.
ONE_OFF_MAX, ONE_OFF_RANK = 2, 5
#: A one-word value's background articles must be this much more alike than random ones
#: (``burst.coherence``): ``contract`` 1.02, ``plant`` 1.14, ``facility`` 1.28 are written by every kind
#: of story; subjects group stories (``loan`` 1.56, ``court`` 1.51, ``coffee`` 2.36, ``election`` 3.04).
MIN_COHERENCE = 1.3
#: A reserve candidate is weak evidence (ranked after the first ``topics.CANDIDATES``): a one-word one fills a slot
#: only if articles that use it tend to use it again (``burst.adaptation``), not when four in five say it once
#: in passing (``contrast`` 0.09, ``introduction`` 0.08, ``timetable`` 0.16 against ``hog`` 0.24, ``tariff`` 0.31).
RESERVE_ADAPTATION = 0.2
#: A one-word value the background table does not know must be a candidate of this many articles.
UNKNOWN_WORD_DOCS = 3
#: A phrase is a label's stock vocabulary when this share of its articles carry the label and it is in
#: this share of the label's articles (``CorpusStats.label_vocabulary``).
LABEL_SHARE, LABEL_COVER = 0.8, 0.02
#: A one-word value must be this bursty in background news (``burst.burstiness``).
ONE_WORD_BURST = 8.0
#: A one-word value must lead (be among the first ``LEAD_RANK`` candidates of) this share of its
#: articles, once it is a candidate of ``LEAD_MIN_DOCS`` (``CorpusStats.topical``).
LEAD_RANK, MIN_LEAD_SHARE, LEAD_MIN_DOCS = 3, 0.2, 20
#: A phrase of several words must lead this share of its articles: the set lines of one kind of notice
#: (``payment date`` 0.6%, ``selling concession`` 0%, ``convertible subordinated`` 0.8%, ``full name`` 1.4%)
#: are written in hundreds of articles and lead almost none, while subjects lead far more often
#: (``joint venture`` 31%, ``crude oil`` 15%); institutions lead rarely but do (``federal reserve`` 2.8%).
MIN_PHRASE_LEAD_SHARE = 0.02
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


#: British spellings folded to one key with the American ones (the shown form is the corpus's commonest).
_SPELLING = [(re.compile(p), r) for p, r in (
    (r"(?<=\w)([cf])ence\b", r"\1ense"), (r"(?<=\w\w)our\b", "or"), (r"(?<=\w)isation\b", "ization"),
    (r"(?<=\w)ise\b", "ize"), (r"(?<=\w\w)tre\b", "ter"), (r"\bprogramme\b", "program"),
    (r"\baluminium\b", "aluminum"), (r"\bsulphur\b", "sulfur"), (r"(?<=\w)yse\b", "yze"),
)]
#: Whether any of them applies: one search instead of a substitution per pattern (most phrases have
#: no British spelling; folding the corpus's 127k phrases for the key table cost 0.9 s).
_ANY_SPELLING = re.compile("|".join(f"(?:{pattern.pattern})" for pattern, _ in _SPELLING))
_ACRONYM_DOTS = re.compile(r"\b((?:[a-z]\.){2,})")


@lru_cache(maxsize=65536)  # pure, and called ~100 times per article when topics are finalised
def fold(phrase: str) -> str:
    """The key under which spelling variants of one topic meet: ``U.S. defence``, ``US defense`` → ``us defense``.

    Case is folded (``ICCO``/``icco``), dots of an acronym dropped, hyphens read as spaces, and British
    spellings mapped to American ones (``defence``, ``labour``, ``privatisation``, ``centre``); plural
    heads are already singular in the candidates.
    """
    key = _ACRONYM_DOTS.sub(lambda m: m.group(1).replace(".", ""), phrase.casefold()).replace("-", " ")
    if _ANY_SPELLING.search(key):
        for pattern, repl in _SPELLING:
            key = pattern.sub(repl, key)
    words = key.split()
    if words:
        words[-1] = singular(words[-1])  # labels are written plural ("interest rates"), candidates singular
    return " ".join(words)


@cache
def _label_forms() -> dict[str, str]:
    """Editor label names by their fold: a phrase spelt like a label is shown as the label."""
    return {fold(name): name for name in label_names()}


class CorpusStats:
    """Document frequencies of candidate phrases; JSON-serialisable and updatable in place.

    ``df`` counts surface forms; ``key_df`` and ``surface`` see them grouped by ``fold`` (built on
    demand after the counts change, which a build does all at once before it finalises).
    """

    def __init__(self, n_docs: int = 0, df: dict[str, int] | None = None,
                 by_label: dict[str, dict[str, int]] | None = None, lead: dict[str, int] | None = None):
        self.n_docs = n_docs
        self.df: Counter[str] = Counter(df or {})
        #: Articles in which the phrase is among the first ``LEAD_RANK`` candidates: where it is the subject.
        self.lead: Counter[str] = Counter(lead or {})
        #: Per editor label, the candidates of the articles that carry it ("" counts those articles).
        self.by_label: dict[str, Counter[str]] = {k: Counter(v) for k, v in (by_label or {}).items()}
        self._keys: dict[str, tuple[int, str]] | None = None

    def add(self, topics: Sequence[str], labels: Sequence[str] = ()) -> None:
        topics = topics[:CANDIDATES]  # the reserve (``topics.RESERVE``) only fills slots: it is no evidence
        self.n_docs += 1
        self.df.update(set(topics))
        self.lead.update(set(topics[:LEAD_RANK]))
        for label in set(labels):
            self.by_label.setdefault(label, Counter()).update(set(topics) | {""})
        self._keys = None

    def remove(self, topics: Sequence[str], labels: Sequence[str] = ()) -> None:
        topics = topics[:CANDIDATES]
        self.n_docs = max(0, self.n_docs - 1)
        self._keys = None
        _decrement(self.df, set(topics))
        _decrement(self.lead, set(topics[:LEAD_RANK]))
        for label in set(labels):
            _decrement(self.by_label.get(label, Counter()), set(topics) | {""})

    def label_vocabulary(self, phrase: str, label: str) -> bool:
        """Whether the phrase is the label's stock vocabulary: mostly found under it, and common there.

        ``net loss`` and ``dividend`` are what results tables under ``earnings`` are made of; shown
        beside the label they repeat it.  ``LABEL_SHARE`` of the phrase's articles carry the label, and
        the phrase is in ``LABEL_COVER`` of the label's articles.
        """
        under = self.by_label.get(label)
        if not under or under[""] < MIN_DOCS_FOR_STATS:
            return False
        n = under.get(phrase, 0)
        return n >= LABEL_SHARE * self.df.get(phrase, 0) and n >= LABEL_COVER * under[""]

    def _key_table(self) -> dict[str, tuple[int, str]]:
        if self._keys is None:
            total: Counter[str] = Counter()
            best: dict[str, tuple[int, str]] = {}
            for phrase, n in self.df.items():
                key = fold(phrase)
                total[key] += n
                if (n, phrase) > best.get(key, (0, "")):
                    best[key] = (n, phrase)
            self._keys = {k: (total[k], best[k][1]) for k in total}
        return self._keys

    def key_df(self, phrase: str) -> int:
        """Articles with the phrase in any spelling variant."""
        return self._key_table().get(fold(phrase), (0, phrase))[0]

    def surface(self, phrase: str) -> str:
        """The corpus's most common spelling of the phrase (the phrase itself when unseen)."""
        return self._key_table().get(fold(phrase), (0, phrase))[1]

    def to_dict(self) -> dict:
        return {"n_docs": self.n_docs, "df": dict(self.df), "lead": dict(self.lead),
                "by_label": {k: dict(v) for k, v in self.by_label.items()}}

    @classmethod
    def from_dict(cls, data: dict) -> CorpusStats:
        return cls(int(data.get("n_docs", 0)), dict(data.get("df", {})), dict(data.get("by_label", {})),
                   dict(data.get("lead", {})))

    def topical(self, phrase: str, min_share: float = MIN_LEAD_SHARE) -> bool:
        """Whether the phrase is the subject where it appears: it leads at least ``min_share`` of its articles.

        Generic nouns are candidates everywhere and lead almost nowhere (``provision`` 2%, ``operation``
        4%, ``project`` 6%), subjects lead often (``tax`` 27%, ``police`` 31%, ``veto`` 55%).  Too few
        articles say nothing either way.  Longer phrases are held to ``MIN_PHRASE_LEAD_SHARE``.
        """
        df = self.df.get(phrase, 0)
        return df < LEAD_MIN_DOCS or self.lead.get(phrase, 0) >= min_share * df

    def share(self, phrase: str) -> float:
        return self.df.get(phrase, 0) / self.n_docs if self.n_docs else 0.0


def _decrement(counts: Counter[str], keys: set[str]) -> None:
    for key in keys:
        if counts[key] <= 1:
            counts.pop(key, None)
        else:
            counts[key] -= 1


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


@lru_cache(maxsize=65536)
def _words(phrase: str) -> frozenset[str]:
    return frozenset(singular(w) for w in phrase.lower().replace("-", " ").split())


def _overlaps(a: frozenset[str], b: frozenset[str]) -> bool:
    return a <= b or b <= a


@lru_cache(maxsize=65536)
def never_topic(phrase: str) -> bool:
    """Phrases that are no subject in any archive: made only of generic, reporting or measure words."""
    words = [w for w in fold(phrase).split() if not w.isdigit()]
    return not words or all(w in REPORTING_WORDS or w in MEASURE_WORDS or generic(w) for w in words)


def _is_value(phrase: str, stats: CorpusStats | None, one_off: bool = False) -> bool:
    """Whether the phrase may be a topic value of this corpus (see the module docstring).

    ``one_off`` waives the recurrence rule (for an article's own strongest subject, ``ONE_OFF_*``).
    """
    if is_contest(phrase):
        return True
    if never_topic(phrase):
        return False
    df = stats.key_df(phrase) if stats is not None else 0
    if not one_off and stats is not None and stats.n_docs >= VOCAB_MIN_DOCS and df < MIN_RECUR:
        return False
    if " " in phrase:
        return stats is None or stats.topical(phrase, MIN_PHRASE_LEAD_SHARE)
    if stats is not None and not stats.topical(phrase):
        return False
    if verb(phrase) or (coherence(phrase) or MIN_COHERENCE) < MIN_COHERENCE:
        return False
    if known_word(phrase):
        return burstiness(phrase) >= ONE_WORD_BURST
    return df >= UNKNOWN_WORD_DOCS


def _reserve_fills(phrase: str, stats: CorpusStats | None) -> bool:
    """Whether a reserve candidate may fill an empty slot: a shared value (a candidate of ``RECUR_MIN``
    articles), and for one word, a word articles that use it tend to use again (``RESERVE_ADAPTATION``)."""
    if stats is not None and stats.key_df(phrase) < RECUR_MIN:
        return False
    return " " in phrase or adaptation(phrase) >= RESERVE_ADAPTATION


def finalize_topics(candidates: Sequence[str], stats: CorpusStats | None, k: int = 8,
                    year: int | None = None, labels: Sequence[str] = ()) -> tuple[str, ...]:
    """Pick up to ``k`` topics from an article's ranked candidates using corpus frequencies.

    ``year`` (of the article's date) names a contest: "presidential election" → "2016 presidential election".
    ``labels`` are the classifier's editor labels for the article (``labels.assign``): they come first.
    Values the corpus shares are ranked first; a phrase only this article writes (``ONE_OFF_MAX``) comes
    after all of them, so it fills a slot the shared values leave empty and never displaces one.
    """
    shown, ranked, recurring = _contenders(candidates, stats, k, year, labels)
    return shown + _choose(ranked, k - len(shown), recurring)


def competing_values(candidates: Sequence[str], stats: CorpusStats | None, k: int = 8,
                     year: int | None = None, labels: Sequence[str] = ()) -> tuple[str, ...]:
    """Every value that competes for the article's ``k`` topic slots, in the order ``finalize_topics`` weighs them.

    The shown topics are chosen from these (the overlap rule and ``MAX_SINGLE`` decide among them), so the best
    ``k`` of them bound what any ranking of the values the vocabulary rules allow can show
    (``bench/topic_oracle.py --rules``).
    """
    shown, ranked, _ = _contenders(candidates, stats, k, year, labels)
    return shown + tuple(p for _, _, p in ranked)


def _contenders(candidates: Sequence[str], stats: CorpusStats | None, k: int, year: int | None,
                labels: Sequence[str]) -> tuple[tuple[str, ...], list[tuple[float, int, str]], set[str] | None]:
    """The article's dated labels, then its values by weight (shared, own, reserve), and the recurring ones."""
    usable = stats is not None and stats.n_docs >= MIN_DOCS_FOR_STATS
    shown = tuple(dict.fromkeys(dated(label, year) for label in labels))[:k]
    scored: list[tuple[float, int, str]] = []
    spare: list[tuple[float, int, str]] = []
    reserve: list[tuple[float, int, str]] = []
    seen = {fold(p) for p in shown} | {fold(p) for p in labels}
    for rank, phrase in enumerate(candidates):
        one_off = False
        if rank >= CANDIDATES and not _reserve_fills(phrase, stats if usable else None):
            continue
        if not _is_value(phrase, stats if usable else None):
            if not usable or rank >= ONE_OFF_RANK or len(spare) >= ONE_OFF_MAX \
                    or not _is_value(phrase, stats, one_off=True):
                continue
            one_off = True
        if usable:
            assert stats is not None
            phrase = stats.surface(phrase)
        phrase = _label_forms().get(fold(phrase), phrase)
        if fold(phrase) in seen or (usable and any(stats.label_vocabulary(phrase, lb) for lb in labels)):
            continue
        if any(is_contest(lb) and _words(lb) < _words(phrase) for lb in labels):
            continue  # "ongoing presidential election" beside the label "2016 presidential election"
        seen.add(fold(phrase))
        local = 1.0 / math.sqrt(rank + 1)
        n_words = len(phrase.split())
        weight = local * LENGTH_WEIGHT.get(n_words, LENGTH_WEIGHT[4])
        contest = is_contest(phrase)
        if usable:
            assert stats is not None
            df = stats.key_df(phrase)
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
        (spare if one_off else reserve if rank >= CANDIDATES else scored).append((weight, rank, phrase))
    recurring = {p for _, _, p in scored if stats.key_df(p) >= RECUR_MIN} if usable and stats else None
    scored.sort(key=lambda x: (-x[0], x[1]))
    spare.sort(key=lambda x: (-x[0], x[1]))
    reserve.sort(key=lambda x: (-x[0], x[1]))
    return shown, scored + spare + reserve, recurring


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
