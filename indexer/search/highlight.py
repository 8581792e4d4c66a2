"""Snippets: the best two fragments of the body and the whole title, matched words in ``<mark>``.

Highlighting runs on the stored text with the field's own tokenizer and stemmer, so stems match
(``missiles`` is marked for ``missile``) and both words of a matched phrase are marked. Every piece
of article text is passed through ``html.escape``; the only markup in the output is the ``<mark>``
tags added here, so callers may treat it as safe HTML. (Whoosh's own highlighter escapes too, but
re-runs the analyzer chain and fragmenter per hit at 3-6 ms a hit, too slow for a 25 ms budget.)
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from whoosh import query as Q
from whoosh.analysis import RegexTokenizer, StemFilter, StopFilter
from whoosh.support.charset import accent_map

from ..config import SEARCH_TIME_LIMIT_S
from ..schema import BODY, SCHEMA
from ..whoosh_io import analyzer_stage
from .context import searching
from .query import parse

LEAD_CHARS = 240
MAX_SCAN_CHARS = 30_000  # a snippet comes from the first 30k characters: bounded cost on huge bodies


_TOKEN = analyzer_stage(SCHEMA[BODY].analyzer, RegexTokenizer).expression  # the analyzer's own tokenizer pattern
_STEMMER = analyzer_stage(SCHEMA[BODY].analyzer, StemFilter)
#: The tokenizer's pattern without capturing groups, so ``findall`` returns whole tokens.
_WORDS = re.compile(re.sub(r"(?<!\\)\((?!\?)", "(?:", _TOKEN.pattern), _TOKEN.flags)
_STOPS = analyzer_stage(SCHEMA[BODY].analyzer, StopFilter)  # the analyzer's stop words and size bounds
_STEMS: dict[str, str] = {}  # surface word -> indexed form; bounded below


def analyzer_signature() -> str:
    """What :func:`index_terms` depends on (tokenizer pattern, stop words, size bounds, stemmer): a
    change in any of them changes the terms of a text, so whatever was stored from them is stale."""
    return "\x00".join((_TOKEN.pattern, str(_TOKEN.flags), ",".join(sorted(_STOPS.stops)), str(_STOPS.min),
                        str(_STOPS.max), getattr(_STEMMER.stemfn, "__module__", ""),
                        getattr(_STEMMER.stemfn, "__qualname__", ""), str(_STEMMER.lang)))


def _indexed_form(word: str) -> str:
    """The body analyzer's output for one token (lower case, stem, accent fold), memoised: Whoosh's
    own highlighter re-runs the whole analyzer chain and its fragmenter per hit (3-6 ms a hit)."""
    form = _STEMS.get(word)
    if form is None:
        if len(_STEMS) > 200_000:
            _STEMS.clear()
        form = _STEMMER.stemfn(word.lower())
        if not form.isascii():
            form = form.translate(accent_map)
        _STEMS[word] = form
    return form


def index_terms(text: str) -> list[str]:
    """The terms the body analyzer indexes for ``text``, in order: the same tokens, stop words and
    size bounds, stems and accent folding as Whoosh's chain (a test holds them equal), with the
    stems memoised. Whoosh builds a token object per word and passes it through five generators:
    analysing the thirty articles feedback reads cost a fresh process half a second. Here the
    lower-cased text is split in C (``findall``) and each word costs a set and a dict look-up."""
    stops, low, high = _STOPS.stops, _STOPS.min, _STOPS.max
    high = high if high is not None else len(text)
    lowered = text.lower()
    if len(lowered) != len(text):  # lower-casing moved characters (``İ``): token by token, as Whoosh
        words = [m.group().lower() for m in _TOKEN.finditer(text)]
    else:
        words = _WORDS.findall(lowered)
    forms = _STEMS
    return [forms.get(w) or _indexed_form(w) for w in words if low <= len(w) <= high and w not in stops]


def query_terms(q: Q.Query | None, field: str) -> frozenset[str]:
    """The indexed forms (stems) a query looks for in ``field``, phrases included."""
    if q is None:
        return frozenset()
    out = set()
    try:
        for leaf in _positive_leaves(q):
            for fieldname, text in leaf.iter_all_terms(phrases=True):
                if fieldname == field:
                    out.add(text.decode("utf-8") if isinstance(text, bytes) else str(text))
    except Exception:  # noqa: BLE001 - exotic query nodes without terms: nothing to mark
        return frozenset()
    return frozenset(out)


def _positive_leaves(q: Q.Query):
    """The query's leaves, leaving out excluded parts (``-word``, ``NOT word``): those are never marked."""
    if isinstance(q, Q.Not):
        return
    if isinstance(q, Q.AndNot):
        yield from _positive_leaves(q.a)
        return
    if q.is_leaf() or isinstance(q, Q.Phrase):
        yield q
        return
    for child in q.children():
        yield from _positive_leaves(child)


@lru_cache(maxsize=1024)
def _prefixes(terms: frozenset[str]) -> tuple[str, ...]:
    """The stem prefixes a matching token starts with, longest first (at one place the longest wins)."""
    return tuple(sorted({t[:max(2, len(t) - 2)] for t in terms if t}, key=len, reverse=True))


@lru_cache(maxsize=1024)
def _candidates(terms: frozenset[str]) -> re.Pattern:
    """Where a matching token may start: a stem is a prefix of its words but for the last letter
    or two (treati/treaty), so the text is scanned in C and only candidates are stemmed. Memoised:
    one query scans a page of snippets and the re-ranked head with the same few term sets."""
    return re.compile(r"(?<![\w*.])(?:" + "|".join(map(re.escape, _prefixes(terms))) + ")", re.IGNORECASE)


_SCANNED: dict[tuple[int, frozenset[str]], tuple[str, list[tuple[int, int, str]]]] = {}  # bounded below


def token_matches(text: str, terms: frozenset[str]) -> list[tuple[int, int, str]]:
    """(start, end, indexed form) of every token of ``text`` whose indexed form is in ``terms``.

    The last few scans are remembered (keyed on the text object itself, checked by identity): the
    proximity re-rank (``ranking``) and the page's snippets scan the same stored texts with the
    same terms within one search. Callers must not modify the list returned."""
    if not terms:
        return []
    key = (id(text), terms)
    hit = _SCANNED.get(key)
    if hit is not None and hit[0] is text:
        return hit[1]
    out = _scan(text, terms)
    if len(_SCANNED) >= 256:
        _SCANNED.clear()
    _SCANNED[key] = (text, out)
    return out


def _scan(text: str, terms: frozenset[str]) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    pos_done = -1
    for start, end in _candidate_spans(text, terms):
        if start < pos_done:
            continue
        m = _TOKEN.match(text, start)
        if m and (form := _indexed_form(m.group())) in terms:
            out.append((m.start(), m.end(), form))
        pos_done = m.end() if m else end
    return out




def _candidate_spans(text: str, terms: frozenset[str]) -> list[tuple[int, int]]:
    """(start, end of the prefix) of every place a matching token may start, in text order: each
    prefix found with ``str.find`` in the lower-cased text (a literal search in C, 3x faster over
    long bodies than one case-insensitive alternation), kept where no word character, ``*`` or
    ``.`` precedes it. The alternation is the fallback for the rare text whose lower-casing changes
    its length (``İ``), so positions always refer to ``text``."""
    low = text.lower()
    if len(low) != len(text):
        return [(c.start(), c.end()) for c in _candidates(terms).finditer(text)]
    found: dict[int, int] = {}
    for prefix in _prefixes(terms):  # longest first: at one place the longest prefix is the candidate
        i = low.find(prefix)
        while i != -1:
            if i not in found and (i == 0 or not (low[i - 1].isalnum() or low[i - 1] in "_*.")):
                found[i] = i + len(prefix)
            i = low.find(prefix, i + 1)
    return sorted(found.items())


def _render(text: str, start: int, end: int, spans: list[tuple[int, int, str]]) -> str:
    out, pos = [], start
    for a, b, _ in spans:
        if a < start or b > end:
            continue
        out.append(html.escape(text[pos:a], quote=False))
        out.append(f"<mark>{html.escape(text[a:b], quote=False)}</mark>")
        pos = b
    out.append(html.escape(text[pos:end], quote=False))
    return "".join(out)


def _windows(text: str, spans: list[tuple[int, int, str]], width: int, top: int) -> list[tuple[int, int]]:
    """The ``top`` non-overlapping windows of about ``width`` characters holding the most distinct
    matched words (then the most matches), in text order, cut at word boundaries."""
    scored = []
    for i, (a, _, _) in enumerate(spans):
        start = max(0, a - width // 4)
        end = min(len(text), start + width)
        inside = [s for s in spans[i:] if s[1] <= end]
        scored.append((len({s[2] for s in inside}), len(inside), -start, start, end))
    scored.sort(reverse=True)
    chosen: list[tuple[int, int]] = []
    for *_, start, end in scored:
        if all(end <= a or start >= b for a, b in chosen):
            chosen.append((start, end))
        if len(chosen) == top:
            break
    out = []
    for start, end in sorted(chosen):
        if start > 0:
            first = min((a for a, b, _ in spans if a >= start), default=end)
            space = text.find(" ", start, first)
            start = space + 1 if space >= 0 else start
        if end < len(text):
            space = text.rfind(" ", start, end)
            end = space if space > start else end
        out.append((start, end))
    return out


def body_snippet(body: str, terms: frozenset[str], width: int = 220) -> str:
    """The best two fragments of the body with matched words marked (escaped), or the escaped lead."""
    text = body[:MAX_SCAN_CHARS]
    spans = token_matches(text, terms) if terms else []
    if not spans:
        return lead(body)
    parts = []
    for start, end in _windows(text, spans, width, 2):
        frag = " ".join(_render(text, start, end, spans).split())
        parts.append(frag)
    return " … ".join(parts)


def title_html(title: str, terms: frozenset[str]) -> str:
    return text_html(title, terms)


def text_html(text: str, terms: frozenset[str]) -> str:
    """A whole short text (a title, a quote) with the matched words marked, escaped."""
    spans = token_matches(text, terms) if terms else []
    return _render(text, 0, len(text), spans) if spans else html.escape(text, quote=False)


def lead(body: str) -> str:
    text = " ".join(body[:LEAD_CHARS * 4].split())
    if len(text) > LEAD_CHARS:
        text = text[:LEAD_CHARS].rsplit(" ", 1)[0] + " …"
    return html.escape(text, quote=False)


def mark_query(text: str, query: str, field: str = BODY) -> str:
    """``text`` as escaped HTML with the words ``query`` looks for in ``field`` marked.

    For pages that show a whole stored text (an article body, a quote) after a search: the same
    parser and stems as the search itself, so what is marked is exactly what matched.
    """
    return text_html(text, query_marks(query, field))


def query_marks(query: str | None, field: str = BODY) -> frozenset[str]:
    """The terms of ``query`` to mark in ``field``: parse once, then mark every paragraph and quote of a
    page with :func:`text_html` (parsing per paragraph made an article page cost 8.8 s for a hostile query).
    Parsing runs under the search time limit, like a search."""
    if not query:
        return frozenset()
    with searching(None, SEARCH_TIME_LIMIT_S):
        return query_terms(parse(query).query, field)
