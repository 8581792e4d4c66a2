"""Did you mean, and autocomplete: both from the index's own words and names.

Whoosh's ``correct_query`` works on stemmed terms and ranks candidates by frequency alone
(``recesion`` → ``prices``). Here each unknown word gets its nearest candidates (edit distance 1,
then 2; see ``spelling``) from the index's unstemmed words of titles, bodies and speaker names; when
results are few, known words next to them also get their distance-1 variants (``defence``/``defense``).
A query whose every word is in the index gets no suggestion and costs no lookups. Among the combinations,
the one that finds the most documents together wins, so the correction prefers the spelling the
index actually uses next to the other words; ties go to the fewest changes.
"""

from __future__ import annotations

import itertools
import re

import numpy as np
from whoosh import query as Q
from whoosh.searching import Searcher

from ..config import MAX_WORD_CHARS
from ..schema import BODY, DATE, SCHEMA, SPEAKERS_TEXT, TITLE, stored_title
from .context import expired
from .postings import postings
from .query import ParsedQuery, parse
from .scoring import bm25_scores
from .spelling import Vocabulary

FEW_RESULTS = 3
MAX_WORDS = 6


def _candidates(vocab: Vocabulary, word: str, known: bool) -> list[str]:
    """Distance-1 variants of a known word; distance 1, else 2, corrections of an unknown one."""
    found = vocab.candidates(word, limit=4, maxdist=1)
    if not found and not known:
        found = vocab.candidates(word, limit=4, maxdist=2)
    return found


def _word_docs(s: Searcher, word: str, cache: dict[str, np.ndarray]) -> np.ndarray:
    """Sorted document numbers holding ``word`` in a speaker name, the title or the body."""
    if word not in cache:
        parts = [postings(s, SPEAKERS_TEXT, word)[0]]
        for field in (TITLE, BODY):
            stems = [t.text for t in SCHEMA[field].analyzer(word)]
            if stems:
                parts.append(postings(s, field, stems[0])[0])
        cache[word] = np.unique(np.concatenate(parts))
    return cache[word]


def _together(s: Searcher, words: tuple[str, ...], cache: dict[str, np.ndarray]) -> np.ndarray:
    """Documents holding every word (intersecting the shortest lists first)."""
    lists = sorted((_word_docs(s, w, cache) for w in words), key=len)
    out = lists[0]
    for other in lists[1:]:
        if not len(out):
            break
        out = np.intersect1d(out, other, assume_unique=True)
    return out


def did_you_mean(s: Searcher, vocab: Vocabulary, parsed: ParsedQuery, total: int,
                 lengths: dict[str, np.ndarray] | None = None) -> str | None:
    """A corrected query when a word is unknown to the index (then, with few results, known words
    may change too: ``defence`` → ``defense``); else None, without a lookup, when every word is
    known. Also None while the spelling table of a fresh index generation is still being built."""
    if not vocab.ready:
        return None
    text = parsed.text
    tokens = re.findall(r"[^\W\d_]+|[^\w]+|[\d_]+", text)
    slots = [i for i, t in enumerate(tokens) if 3 <= len(t) <= MAX_WORD_CHARS and re.fullmatch(r"[^\W\d_]+", t)
             and t not in ("AND", "OR", "NOT") and not (i + 1 < len(tokens) and tokens[i + 1].startswith(":"))]
    slots = slots[:MAX_WORDS]
    options: list[list[str]] = []
    changed = False
    words = [tokens[i].lower() for i in slots]
    known = [vocab.known(w) for w in words]
    if all(known):  # every word is in the index: nothing to correct (and no lookups to pay for)
        return None
    for word, is_known in zip(words, known, strict=True):
        cands = [] if expired() else _candidates(vocab, word, is_known)
        options.append(([word] if is_known else []) + cands)
        changed |= bool(cands) and not is_known
    if total < FEW_RESULTS:
        changed = any(o != [w] for o, w in zip(options, words, strict=True))
    if not changed:
        return None
    options = [o or [tokens[i].lower()] for o, i in zip(options, slots, strict=True)]
    cache: dict[str, np.ndarray] = {}
    typed = tuple(words)
    scored = []
    for combo in itertools.chain([typed], itertools.islice(itertools.product(*options), 256)):
        if expired():
            break
        scored.append((len(_together(s, combo, cache)), combo))
    if not scored:
        return None
    typed_count = scored[0][0]
    top = max((c for c, combo in scored[1:] if combo != typed), default=0)
    if top <= typed_count:
        return None
    tied = [combo for c, combo in scored[1:] if c == top and combo != typed]
    # Equal counts (defence/defense each co-occur once): the combination whose best document holds
    # the words most strongly wins, then the one with the fewest changes.
    best = max(tied, key=lambda combo: (_top_score(s, combo, lengths, cache) if len(tied) > 1 else 0.0,
                                        -sum(a != b for a, b in zip(combo, typed, strict=True))))
    out = list(tokens)
    for w, i in zip(best, slots, strict=True):
        out[i] = w
    suggestion = "".join(out).strip()
    return suggestion if suggestion.lower() != text.lower() else None


def _top_score(s: Searcher, words: tuple[str, ...], lengths: dict[str, np.ndarray] | None,
               cache: dict[str, np.ndarray]) -> float:
    """The best BM25F score among the documents holding all ``words`` (the score a search would give)."""
    q = parse(" ".join(words)).query
    scores = bm25_scores(s, q, lengths) if lengths else None
    if scores is None:
        results = s.search(q, limit=1)
        return float(results.score(0)) if len(results.top_n) else 0.0
    docs = _together(s, words, cache)
    return float(scores[docs].max()) if len(docs) else 0.0


def complete(s: Searcher, speakers: tuple[str, ...], topics: tuple[str, ...], prefix: str,
             limit: int, counts: dict[str, np.ndarray] | None = None) -> list[tuple[str, str]]:
    """Autocomplete: (kind, text) for speakers and topics whose name (or a word of it) starts with
    the prefix, then the newest titles containing it.  With ``counts`` (articles per value, by kind),
    the value most articles hold comes first: ``trump`` → Donald Trump, quoted in thousands of
    articles, before a stray ``Trump World``; then a name that starts with the prefix, then the shorter."""
    key = " ".join(prefix.lower().split())
    if not key:
        return []
    out: list[tuple[str, str]] = []
    for kind, values in (("speaker", speakers), ("topic", topics)):
        n = counts.get(kind) if counts else None
        hits = [i for i, v in enumerate(values)
                if v.lower().startswith(key) or any(w.startswith(key) for w in v.lower().split())]
        hits.sort(key=lambda i: (-int(n[i]) if n is not None and i < len(n) else 0,
                                 not values[i].lower().startswith(key), len(values[i]), values[i]))
        hits = [values[i] for i in hits]
        out.extend((kind, v) for v in hits[: limit])
    if len(out) < limit:
        last = key.split()[-1]
        try:
            results = s.search(Q.Prefix(TITLE, last), limit=limit * 3, sortedby=DATE, reverse=True)
            titles = [stored_title(r) for r in results]
        except Exception:  # noqa: BLE001 - a prefix Whoosh cannot expand: no titles
            titles = []
        seen = {t for _, t in out}
        for title in titles:
            if title and key in title.lower() and title not in seen:
                out.append((TITLE, title))  # the kind names the field it completes
                seen.add(title)
    return out[:limit]


def _stem(word: str) -> str | None:
    tokens = [t.text for t in SCHEMA[BODY].analyzer(word)]
    return tokens[0] if tokens else None
