"""Relevance ranking: every match is returned; how many query words it holds bends its score.

A plain query's words are ranked recall, not a filter: an article matches when it holds every
required part (phrase, ``field:`` term, group, ``+word``, words joined by ``AND``) and at least one of
the bare words, so a long description pasted as a query still finds the articles that discuss it in
other words (they hold a few of its words, not all). The order is BM25F over the words (title
boosted) times a coordination factor, the share of the words an article holds cubed: a reader
remembering an article types its distinctive words, so the article holding all of them should come
first (known items), while a document missing one word of a long description still ranks by its
BM25. Pseudo-relevance feedback (``feedback``) then re-orders the matching set by the vocabulary of
its best documents. Optional boosts: consecutive query words found close together at the head (a
sloppy phrase in body or title), and date words ("october 1987", "2004") matching the publication
date, which news readers remember but the text seldom repeats. ``match="all"`` gives the strict
reading: every bare word required.

Membership is computed with numpy masks (see ``masks``) and is independent of scoring, so ``total``
counts every match. Scores are computed with numpy over the whole matching set (``scoring``) and the
page is cut with a bounded top-k whose ties go to the lower document number: paging is stable. Queries
holding what numpy does not score (sloppy phrases, ranges) are scored by Whoosh in soft tiers, most
words first.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from whoosh import query as Q
from whoosh.collectors import TimeLimitCollector
from whoosh.searching import Searcher, TimeLimit

from ..config import DEFAULT_MATCH
from ..schema import BODY, DATE, SCHEMA, TITLE, stored_body, stored_title
from .context import current, expired, stored_fields
from .feedback import DOCS as FEEDBACK_DOCS
from .feedback import feedback_scores
from .filters import period_mask
from .highlight import MAX_SCAN_CHARS, query_terms, token_matches
from .masks import DocList, query_mask
from .query import Clause, ParsedQuery, is_exact
from .scoring import LiveStats, bm25_scores, scored_terms, top_of
from .values import ValueArray

FEEDBACK = True  # pseudo-relevance feedback re-ranks the matching set (``feedback``)
COORD = 3.0  # exponent of the coordination factor (see ``coordination``; the sweep is in docs/search.md)
NEAR_CHARS = 24  # "about three words" between two query words
PROXIMITY_BOOST = 8.0  # per pair found close together (twice that in the title)
DATE_BOOST = 6.0
RERANK_DEPTH = 10  # documents per tier that get the proximity boost
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name and name != "May"})


@dataclass(frozen=True, slots=True)
class Plan:
    tiers: tuple[np.ndarray, ...]  # disjoint masks, best first
    scored: Q.Query  # what is scored within a tier
    highlight: Q.Query  # what snippets mark
    proximity: tuple[tuple[str, str], ...] = ()  # stem pairs that re-rank the head of each tier
    terms: Q.Query | None = None  # the words alone, for numpy BM25F scoring
    bonus: tuple[tuple[np.ndarray, float], ...] = ()  # (documents, added score): date words
    labels: tuple[str, ...] = ()  # what each tier means to a reader, shown instead of a raw score
    held: np.ndarray | None = None  # per document, how many of the query's bare words it holds
    n_soft: int = 0  # how many bare words the query has (coordination applies when held is set)

    def tier_label(self, docnum: int) -> str | None:
        """The label of the tier holding ``docnum``; None when all matches are of one kind (nothing to tell)."""
        if len(self.labels) < 2:
            return None
        return next((label for tier, label in zip(self.tiers, self.labels, strict=True) if tier[docnum]), None)

    @property
    def union(self) -> np.ndarray:
        out = self.tiers[0].copy()
        for t in self.tiers[1:]:
            out |= t
        return out


def _date_hints(clauses: tuple[Clause, ...]) -> dict[int, tuple[datetime, datetime]]:
    """Clause index -> publication period for year words (1900-2099) and month words next to a year."""
    words = [c.word if c.soft else None for c in clauses]
    years = [int(w) for w in words if w and w.isdigit() and len(w) == 4 and 1900 <= int(w) <= 2099]
    hints = {}
    for i, w in enumerate(words):
        if not w:
            continue
        if w.isdigit() and len(w) == 4 and 1900 <= int(w) <= 2099:
            hints[i] = (datetime(int(w), 1, 1), datetime(int(w), 12, 31, 23, 59, 59))
        elif w in _MONTHS and len(years) == 1:
            y, m = years[0], _MONTHS[w]
            hints[i] = (datetime(y, m, 1), datetime(y, m, calendar.monthrange(y, m)[1], 23, 59, 59))
    return hints


def _stem(word: str) -> str | None:
    tokens = [t.text for t in SCHEMA[BODY].analyzer(word)]
    return tokens[0] if len(tokens) == 1 else None


def _proximity(clauses: tuple[Clause, ...]) -> tuple[tuple[str, str], ...]:
    """The stems of each pair of consecutive bare words: found close together, they earn a boost."""
    stems = [_stem(c.word) if c.soft and c.word else None for c in clauses]
    return tuple((a, b) for a, b in zip(stems, stems[1:], strict=False) if a and b and a != b)


def _near_pairs(text: str, pairs: tuple[tuple[str, str], ...], scan: frozenset[str] = frozenset()) -> int:
    """How many of the pairs occur within about three words of each other (either order).

    ``scan``: a superset of the pairs' stems to scan with (the terms the page's snippets mark), so
    the snippet of a re-ranked document reuses this scan; the tokens of other terms are dropped,
    which leaves exactly the tokens a scan for the pairs' stems alone finds."""
    words = frozenset(w for pair in pairs for w in pair)
    if words <= scan:
        spans = [span for span in token_matches(text, scan) if span[2] in words]
    else:
        spans = token_matches(text, words)
    found = set()
    for (_, a1, af), (b0, _, bf) in zip(spans, spans[1:], strict=False):
        if b0 - a1 <= NEAR_CHARS:
            found.add((af, bf))
            found.add((bf, af))
    return sum(1 for pair in pairs if pair in found)


def plan(s: Searcher, parsed: ParsedQuery, base: np.ndarray, live: np.ndarray,
         arrays: dict[str, ValueArray], match: str = DEFAULT_MATCH) -> Plan:
    """The matching set of a (non-empty) query within ``base`` (the filters' mask), and what ranks it.

    Required parts (phrases, ``field:`` terms, groups, ``+word``, words joined by ``AND``) must all
    match. Bare words are all required only with ``match="all"``; by default an article needs one
    of them, and the share of them it holds becomes the coordination factor of its score (``ranked``).
    """
    clauses = parsed.clauses
    if not clauses:  # a top-level OR, or something the decomposition does not cover
        return Plan((query_mask(s, parsed.query, live) & base,), parsed.query, parsed.query)
    if parsed.negative is not None:
        base = base & ~query_mask(s, parsed.negative, live)
    size = len(live)
    hints = _date_hints(clauses)
    hard = base.copy()
    bonus = []
    held = np.zeros(size, dtype=np.int16)
    in_text = np.zeros(size, dtype=bool)
    n_soft = 0
    for i, clause in enumerate(clauses):
        m = query_mask(s, clause.query, live)
        if not clause.soft:
            hard &= m
            continue
        in_text |= m
        if i in hints:  # a year or month word also matches the publication date
            period = period_mask(arrays, *hints[i], size)
            bonus.append((period, DATE_BOOST))
            m |= period
        held += m
        n_soft += 1
    if not n_soft:
        matching = hard
    elif match == "all":
        matching = hard & (held == n_soft)
    else:  # any word in the text; a date word alone matches by date only with every other word
        matching = hard & (in_text | (held == n_soft))
    tiers, labels = _soft_tiers(matching, held, n_soft) if n_soft >= 2 and match != "all" else ((matching,), ())
    # Exact-value clauses (topic:x, tag:y) select, they do not rank: the words do.
    words = [c.query for c in clauses if not is_exact(c.query)] or [c.query for c in clauses]
    scored_parts = words + [Q.DateRange(DATE, *hints[i], boost=DATE_BOOST) for i in sorted(hints)]
    scored = Q.Or(scored_parts) if len(scored_parts) > 1 else scored_parts[0]
    highlight = Q.Or(words) if len(words) > 1 else words[0]
    boosts = _proximity(clauses)
    coordinated = n_soft >= 2 and match != "all"
    return Plan(tiers, scored, highlight, boosts, highlight, tuple(bonus), labels,
                held if coordinated else None, n_soft if coordinated else 0)


def _soft_tiers(matching: np.ndarray, held: np.ndarray, n_soft: int) -> tuple[tuple[np.ndarray, ...], tuple[str, ...]]:
    """The matching set in soft tiers: every word, all but one (of three or more), the rest. Nothing
    is left out; the tiers only order, so the label a hit shows ("all words") holds for every hit
    above it, and a known item (all its remembered words) is not passed by a longer article that
    repeats one of them."""
    tiers = [matching & (held >= n_soft)]
    labels = ["all words"]
    if n_soft >= 3:
        tiers.append(matching & (held == n_soft - 1))
        labels.append("all but one word")
    tiers.append(matching & (held < n_soft - (1 if n_soft >= 3 else 0)))
    labels.append("some of the words")
    return tuple(tiers), tuple(labels)


def coordination(held: np.ndarray, n_soft: int) -> np.ndarray:
    """The factor of each document's score: the share of the query's words it holds, to the power
    COORD. Multiplicative (as Lucene's classic ``coord``), so within a tier it bends BM25's order
    rather than replacing it."""
    table = (np.arange(n_soft + 1, dtype=np.float64) / n_soft) ** COORD
    return table[held]  # held counts bare words matched: never above n_soft


def _rerank(s: Searcher, p: Plan, top: list[tuple[int, float]]) -> list[tuple[int, float]]:
    """Add the proximity boost to the best documents of a tier and sort them again. Done on the
    stored text of a few documents: Whoosh's phrase matchers cost more to set up than this."""
    if not p.proximity or len(top) < 2:
        return top
    out = []
    body_terms, title_terms = query_terms(p.highlight, BODY), query_terms(p.highlight, TITLE)
    for docnum, score in top:
        fields = stored_fields(s, docnum)
        bonus = PROXIMITY_BOOST * (_near_pairs(stored_body(fields)[:MAX_SCAN_CHARS], p.proximity, body_terms)
                                   + 2 * _near_pairs(stored_title(fields), p.proximity, title_terms))
        out.append((docnum, score + bonus))
    return sorted(out, key=lambda x: (-x[1], x[0]))


def _whoosh_top(s: Searcher, q: Q.Query, limit: int) -> list[tuple[int, float]]:
    """Whoosh's own scoring (queries with phrases or ranges), stopped at the search's time limit
    with the best documents scored so far (no alarm signal: it runs on any thread)."""
    ctx = current()
    if ctx.expired():  # out of time: the tier's first documents, unscored, rather than nothing
        return [(int(d), 0.0) for d in q.a.ids[:limit]] if isinstance(q, Q.AndMaybe) else []
    collector = s.collector(limit=limit)
    if ctx.deadline != float("inf"):
        collector = TimeLimitCollector(collector, timelimit=ctx.remaining(), use_alarm=False)
    try:
        s.search_with_collector(q, collector)
    except TimeLimit:
        ctx.partial = True
    results = collector.results()
    return [(results.docnum(i), float(results.score(i))) for i in range(len(results.top_n))]


def _head(scores: np.ndarray, tiers: tuple[np.ndarray, ...], k: int) -> list[tuple[int, float]]:
    """The first ``k`` documents in ranking order (tier by tier), before the proximity re-rank."""
    out: list[tuple[int, float]] = []
    for tier in tiers:
        if len(out) >= k:
            break
        out += top_of(scores, tier, k - len(out))
    return out


def ranked(s: Searcher, p: Plan, start: int, stop: int, lengths: dict[str, np.ndarray] | None = None,
           stats: LiveStats | None = None) -> list[tuple[int, float]]:
    """(docnum, score) for ranks [start, stop) across the tiers. The same query gives the same order
    on every call (ties go to the lower document number), so paging visits every match once."""
    out: list[tuple[int, float]] = []
    seen = 0
    scores = bm25_scores(s, p.terms, lengths, stats) if p.terms is not None and lengths else None
    if scores is not None:
        for mask, boost in p.bonus:
            scores[mask] += boost
        if p.held is not None:
            scores *= coordination(p.held, p.n_soft)
        if FEEDBACK and stats is not None:
            stems = frozenset(str(t.text) for t in scored_terms(p.terms) or () if t.fieldname == BODY)
            extra = feedback_scores(s, _head(scores, p.tiers, FEEDBACK_DOCS), stems, lengths, len(scores), stats)
            if extra is not None:
                scores += extra
    for tier in p.tiers:
        n = int(tier.sum())
        if n == 0:
            continue
        if seen + n > start and seen < stop:
            limit = min(max(stop - seen, RERANK_DEPTH), n)
            if scores is not None:
                top = top_of(scores, tier, limit)
            else:
                top = _whoosh_top(s, Q.AndMaybe(DocList(tier, s), p.scored), limit)
            if not expired():
                top = _rerank(s, p, top[:RERANK_DEPTH]) + top[RERANK_DEPTH:]  # same head on every page
            for i, (docnum, score) in enumerate(top):
                if start <= seen + i < stop:
                    out.append((docnum, score))
        seen += n
        if seen >= stop:
            break
    return out
