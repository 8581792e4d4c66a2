"""Quote search: "what did SPEAKER say about TOPIC", answered quote by quote.

Articles store their attributed quotes as ``[speaker, text, cue]`` lists (plus a stemmed
``quotes_text`` field for matching). A quote hit must be *said by* the speaker, not merely appear
in an article that mentions them, so candidate articles are found with Whoosh (speaker filter,
quote words), and then each stored quote is checked: its speaker must resolve (through the alias
table) to one of the requested people, and its text is scored by how many query words it holds.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np
from whoosh import query as Q
from whoosh.searching import Searcher

from ..models import QuoteHit
from ..schema import QUOTES_TEXT, SCHEMA, SPEAKERS, doc_to_quote, stored_date, stored_quotes
from . import highlight
from .filters import resolve
from .masks import DocList, query_mask
from .values import ValueArray, mask_of

MAX_ARTICLES = 300  # candidate articles read per quote search
_NATURAL = re.compile(r"^\s*what\s+(?:did|does|has|have)\s+(?P<who>.+?)\s+(?:say|said|says|tell|told)"
                      r"(?:\s+(?:about|on|of|regarding)\s+(?P<what>.*?))?\s*\??\s*$", re.IGNORECASE)
_SPEAKER_CLAUSE = re.compile(r"\b(?:speakers?|by):(\"[^\"]*\"|'[^']*'|\S+)", re.IGNORECASE)


def split_request(text: str, speaker: str | None) -> tuple[str | None, str]:
    """The speaker and the topic words of a quote query: from ``what did X say about Y``, from a
    ``speaker:`` clause, or from the ``speaker`` parameter (which wins)."""
    text = text or ""
    m = _NATURAL.match(text)
    if m:
        return speaker or m["who"], m["what"] or ""
    found = _SPEAKER_CLAUSE.findall(text)
    rest = _SPEAKER_CLAUSE.sub(" ", text)
    if found and not speaker:
        speaker = found[0].strip("\"'")
    return speaker, " ".join(rest.split())


def stems(text: str) -> tuple[str, ...]:
    words = re.findall(r"[^\W_]+", text)
    out: list[str] = []
    for w in words:
        if w in ("AND", "OR", "NOT"):
            continue
        out.extend(t.text for t in SCHEMA[QUOTES_TEXT].analyzer(w))
    return tuple(dict.fromkeys(out))


def _canonical(name: str, aliases: Mapping[str, str]) -> str:
    key = " ".join(name.split()).lower()
    return aliases.get(key, name).lower()


def speaker_names(speaker: str, array: ValueArray, aliases: Mapping[str, str]) -> tuple[set[str], list[str]]:
    """(canonical lower-case names a quote's speaker may resolve to, stored values for the filter)."""
    values = resolve(speaker, array, aliases)
    names = {_canonical(v, aliases) for v in values} | {v.lower() for v in values}
    key = " ".join(speaker.split()).lower()
    names.add(_canonical(key, aliases))
    return names, values


def _said_by(quote_speaker: str, names: set[str], aliases: Mapping[str, str], typed: str) -> bool:
    who = quote_speaker.lower()
    if who in names or _canonical(quote_speaker, aliases) in names:
        return True
    # a quote attributed by surname only ("Medvedev") when the user typed that surname or full name
    last = who.split()[-1:] or [""]
    return bool(last[0]) and (last[0] == typed.split()[-1:][0] if typed.split() else False)


def find_quotes(s: Searcher, arrays: dict[str, ValueArray], aliases: Mapping[str, str], live: np.ndarray,
                base: np.ndarray, speaker: str | None, text: str) -> list[QuoteHit]:
    """Every matching quote, best first (most query words, then article relevance, then newest)."""
    words = stems(text)
    mask = base & live
    names: set[str] = set()
    typed = " ".join((speaker or "").split()).lower()
    if speaker:
        names, values = speaker_names(speaker, arrays[SPEAKERS], aliases)
        mask &= mask_of(arrays[SPEAKERS], values, len(live))
    if words:
        any_word = Q.Or([Q.Term(QUOTES_TEXT, w) for w in words])
        mask &= query_mask(s, any_word, live)
    if not mask.any():
        return []
    if words:
        # scored on the candidate documents only
        results = s.search(Q.And([DocList(mask, s), any_word]), limit=MAX_ARTICLES)
        docs = [(results.docnum(i), float(results.score(i))) for i in range(len(results.top_n))]
    else:
        docs = [(int(d), 0.0) for d in np.flatnonzero(mask)[-MAX_ARTICLES:][::-1]]
    terms = frozenset(words)
    hits: list[tuple[tuple, QuoteHit]] = []
    analyzer = SCHEMA[QUOTES_TEXT].analyzer
    for docnum, article_score in docs:
        fields = s.stored_fields(docnum)
        date = stored_date(fields)
        for quote in stored_quotes(fields):
            if speaker and not _said_by(quote.speaker, names, aliases, typed):
                continue
            held = {t.text for t in analyzer(quote.text)} & terms if terms else set()
            if terms and not held:
                continue
            score = len(held) * 10.0 + article_score
            hit = doc_to_quote(fields, quote, text_html=highlight.text_html(quote.text, terms), score=round(score, 4))
            hits.append(((-len(held), -article_score, -(date.timestamp() if date else 0)), hit))
    hits.sort(key=lambda pair: pair[0])
    return [h for _, h in hits]
