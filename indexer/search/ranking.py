"""Relevance ranking: tiers by how many query words a document holds, BM25F within a tier.

Why tiers rather than one OR query: a reader remembering an article types its distinctive words, so a
document holding all of them should come first whatever its length; but a reader also misremembers
one word ("layoffs" for "cut its workforce"), so a document missing one word of three or more must
still be found, below the complete matches. Within a tier, documents are scored by BM25F over the
words (title boosted), plus optional boosts: consecutive query words found close together (a sloppy
phrase in body or title), and date words ("october 1987", "2004") matching the publication date,
which news readers remember but the text seldom repeats.

Tier membership is computed with numpy masks (see ``masks``); scoring runs Whoosh only over the
documents of the tier, through a document-list query that Whoosh intersects with the scored words.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from whoosh import query as Q
from whoosh.collectors import TimeLimitCollector
from whoosh.searching import Searcher, TimeLimit

from ..schema import BODY, DATE, SCHEMA, stored_body, stored_title
from .context import current, expired, stored_fields
from .filters import period_mask
from .highlight import MAX_SCAN_CHARS, token_matches
from .masks import DocList, query_mask
from .query import Clause, ParsedQuery, is_exact
from .scoring import bm25_scores, top_of
from .values import ValueArray

RELAX_BELOW = 10  # fewer complete-or-nearly matches than this: documents with any word follow
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


def _near_pairs(text: str, pairs: tuple[tuple[str, str], ...]) -> int:
    """How many of the pairs occur within about three words of each other (either order)."""
    spans = token_matches(text, frozenset(w for pair in pairs for w in pair))
    found = set()
    for (_, a1, af), (b0, _, bf) in zip(spans, spans[1:], strict=False):
        if b0 - a1 <= NEAR_CHARS:
            found.add((af, bf))
            found.add((bf, af))
    return sum(1 for pair in pairs if pair in found)


def plan(s: Searcher, parsed: ParsedQuery, base: np.ndarray, live: np.ndarray,
         arrays: dict[str, ValueArray]) -> Plan:
    """The ranking tiers of a (non-empty) query within ``base`` (the filters' mask)."""
    clauses = parsed.clauses
    if not clauses:  # a top-level OR, or something the decomposition does not cover
        return Plan((query_mask(s, parsed.query, live) & base,), parsed.query, parsed.query)
    if parsed.negative is not None:
        base = base & ~query_mask(s, parsed.negative, live)
    size = len(live)
    hints = _date_hints(clauses)
    hard = base.copy()
    bonus = []
    soft_count = np.zeros(size, dtype=np.int8)
    n_soft = 0
    for i, clause in enumerate(clauses):
        if not clause.soft:
            hard &= query_mask(s, clause.query, live)
            continue
        m = query_mask(s, clause.query, live)
        if i in hints:
            period = period_mask(arrays, *hints[i], size)
            bonus.append((period, DATE_BOOST))
            m |= period
        soft_count += m
        n_soft += 1
    tiers = [hard & (soft_count == n_soft)]
    labels = ["all words"]
    taken = tiers[0].copy()
    if len(clauses) >= 3 and n_soft >= 1:
        tiers.append(hard & (soft_count == n_soft - 1))
        labels.append("all but one word")
        taken |= tiers[-1]
    if int(taken.sum()) < RELAX_BELOW and len(clauses) >= 2 and n_soft >= 1:
        # the fallback: most of the words (at least one of up to three, two of four, three of five...)
        tiers.append(hard & (soft_count >= max(1, n_soft - 2)) & ~taken)
        labels.append("some of the words")
    # Exact-value clauses (topic:x, tag:y) select, they do not rank: the words do.
    words = [c.query for c in clauses if not is_exact(c.query)] or [c.query for c in clauses]
    scored_parts = words + [Q.DateRange(DATE, *hints[i], boost=DATE_BOOST) for i in sorted(hints)]
    scored = Q.Or(scored_parts) if len(scored_parts) > 1 else scored_parts[0]
    highlight = Q.Or(words) if len(words) > 1 else words[0]
    boosts = _proximity(clauses)
    return Plan(tuple(tiers), scored, highlight, boosts, highlight, tuple(bonus), tuple(labels))


def _rerank(s: Searcher, p: Plan, top: list[tuple[int, float]]) -> list[tuple[int, float]]:
    """Add the proximity boost to the best documents of a tier and sort them again. Done on the
    stored text of a few documents: Whoosh's phrase matchers cost more to set up than this."""
    if not p.proximity or len(top) < 2:
        return top
    out = []
    for docnum, score in top:
        fields = stored_fields(s, docnum)
        bonus = PROXIMITY_BOOST * (_near_pairs(stored_body(fields)[:MAX_SCAN_CHARS], p.proximity)
                                   + 2 * _near_pairs(stored_title(fields), p.proximity))
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


def ranked(s: Searcher, p: Plan, start: int, stop: int,
           lengths: dict[str, np.ndarray] | None = None) -> list[tuple[int, float]]:
    """(docnum, score) for ranks [start, stop) across the tiers."""
    out: list[tuple[int, float]] = []
    seen = 0
    scores = bm25_scores(s, p.terms, lengths) if p.terms is not None and lengths else None
    if scores is not None:
        for mask, boost in p.bonus:
            scores[mask] += boost
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
