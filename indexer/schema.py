"""The Whoosh schema and the mapping between :class:`Article` and index documents.

This is the only module that knows field names. Two traps shape it (see the project's Whoosh brief):
a comma KEYWORD field cannot be found by free text (``obama`` never matches the term
``barack obama``), so speakers and topics each get a KEYWORD field for exact filters and facets plus
a TEXT copy for search; and DATETIME wants naive UTC, so dates are converted here and nowhere else.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from whoosh import fields
from whoosh.analysis import (
    Analyzer,
    CompositeAnalyzer,
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StemmingAnalyzer,
    StopFilter,
    Token,
)
from whoosh.support.charset import accent_map

from .config import MAX_WORD_CHARS
from .models import Article, Quote, QuoteHit, SearchHit
from .text.localdate import local_parts

#: Bumped whenever the schema or what is indexed changes: an index of another version is rebuilt
#: from scratch by the next reindex (see ingest.build._open_or_create).
SCHEMA_VERSION = "journal-1+bounds-spell"  # issue 17: no spell field (the vocabulary is counted, search/spelling.py)


class FoldAccents(Filter):
    """Accent folding ("Zürich" → "zurich") that leaves ASCII tokens alone.

    Whoosh's CharsetFilter translates every token; news text is overwhelmingly ASCII, and skipping
    those tokens roughly halves analysis time on a reindex.
    """

    def __call__(self, tokens):
        for t in tokens:
            if not t.text.isascii():
                t.text = t.text.translate(accent_map)
            yield t


#: Between two values of a multi-valued text field (speakers, topics, quotes): never inside a value.
VALUE_SEPARATOR = "\x1e"
#: Positions left empty between two values, so neither a phrase nor a sloppy phrase (``"a b"~10``,
#: the proximity the query language allows) can span the boundary: "mic" ending one topic and
#: "flexibility" starting the next are 101 positions apart, not 1.
VALUE_GAP = 100


class ValuesAnalyzer(Analyzer):
    """Analyse each value of a multi-valued field on its own, positions continuing after a gap.

    Whoosh numbers the tokens of a field straight through, so the values ``mic`` and ``flexibility
    missile defense`` joined as one text would match the phrase ``"mic flexibility"``. The gap is
    added *after* the inner analyzer ran (its stop filter renumbers positions, erasing any gap a
    tokenizer leaves). Query text holds no separator and is analysed exactly as before.
    """

    def __init__(self, inner: Analyzer, gap: int = VALUE_GAP) -> None:
        self.inner = inner
        self.gap = gap

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ValuesAnalyzer) and (self.inner, self.gap) == (other.inner, other.gap)

    def __call__(self, value: str, positions: bool = False, chars: bool = False, start_pos: int = 0,
                 start_char: int = 0, **kwargs):
        if VALUE_SEPARATOR not in value:
            yield from self.inner(value, positions=positions, chars=chars, start_pos=start_pos,
                                  start_char=start_char, **kwargs)
            return
        pos, char = start_pos, start_char
        for part in value.split(VALUE_SEPARATOR):
            last = None
            for token in self.inner(part, positions=positions, chars=chars, start_pos=pos, start_char=char,
                                    **kwargs):
                if positions:
                    last = token.pos
                yield token
            pos = (last + 1 if last is not None else pos) + self.gap
            char += len(part) + 1


def join_values(values) -> str:
    """Values of a multi-valued text field as one text, for :class:`ValuesAnalyzer`."""
    return VALUE_SEPARATOR.join(v.replace(VALUE_SEPARATOR, " ") for v in values if v)


class StemChain(CompositeAnalyzer):
    """Whoosh's stemming chain (tokenizer, lower-case, stop words, stemmer, accent folding) with one
    fused loop for indexing.

    Indexing runs the chain over every word of every article, and each stage is a generator a token
    passes through: five Python frames per word, a third of the analysis time. For the one call
    indexing makes (positions, no character offsets, stop words removed) the stages run inline here,
    with the stemmed and folded form of each lower-cased word memoised; the tokens are the chain's
    own (a test compares both over real articles). Every other call (queries, highlighting) goes
    through the chain unchanged.
    """

    def __init__(self, *items) -> None:
        super().__init__(*items)
        self._memo: dict[str, str] = {}

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k != "_memo"}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._memo = {}

    def clean(self) -> None:
        super().clean()
        self._memo = {}

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True, start_pos=0,
                 start_char=0, tokenize=True, mode="", no_morph=False, **kwargs):
        if mode != "index" or chars or keeporiginal or not removestops or not tokenize or no_morph \
                or not self._fusable():
            return super().__call__(value, positions=positions, chars=chars, keeporiginal=keeporiginal,
                                    removestops=removestops, start_pos=start_pos, start_char=start_char,
                                    tokenize=tokenize, mode=mode, no_morph=no_morph, **kwargs)
        return self._index(value, positions, start_pos, Token(positions, chars, removestops=removestops,
                                                               mode=mode, **kwargs))

    def _fusable(self) -> bool:
        """Whether the chain is the one the fused loop inlines, stage for stage."""
        kinds = (RegexTokenizer, LowercaseFilter, StopFilter, StemFilter, FoldAccents)
        return (len(self.items) == len(kinds) and all(type(i) is k for i, k in zip(self.items, kinds, strict=True))
                and not self.items[0].gaps and self.items[2].renumber)

    def _index(self, value: str, positions: bool, start_pos: int, token: Token):
        tokenizer, _, stops, stemmer, _ = self.items
        stoplist, shortest, longest = stops.stops, stops.min, stops.max
        memo = self._memo
        pos = None
        for i, match in enumerate(tokenizer.expression.finditer(value)):
            text = match.group(0).lower()
            if len(text) < shortest or (longest is not None and len(text) > longest) or text in stoplist:
                continue
            final = memo.get(text)
            if final is None:
                final = stemmer._stem(text) if text not in stemmer.ignore else text
                if not final.isascii():
                    final = final.translate(accent_map)
                memo[text] = final
            token.text = final
            token.boost = 1.0
            token.stopped = False
            if positions:  # the stop filter renumbers: the first kept word keeps its place, the rest follow
                pos = start_pos + i if pos is None else pos + 1
                token.pos = pos
            yield token


# Stemmed, accent-folded text: "missiles" finds "missile", "Zurich" finds "Zürich".
# Tokens longer than MAX_WORD_CHARS are dropped (no word is that long, and the stemmer and the
# lexicon would pay for each one); the query parser uses the same analyzers, so queries drop them too.
STEM = StemChain(StemmingAnalyzer(cachesize=-1, maxsize=MAX_WORD_CHARS) | FoldAccents())
# Names are not stemmed ("Rhodes" must not become "rhode") but are folded.
NAMES = (RegexTokenizer() | LowercaseFilter() | StopFilter(stoplist=(), minsize=1, maxsize=MAX_WORD_CHARS)
         | FoldAccents())

# -- field names: spelled here and nowhere else ------------------------------------------------------
ID = "id"
TITLE = "title"
BODY = "body"
DATE = "date"  # DATETIME, naive UTC: the instant (sorting)
DATE_LOCAL = "date_local"  # ISO: the article's own date (and time, offset) in its source's zone
YEAR, MONTH, DAY = "year", "month", "day"  # "2012", "2012-03", "2012-03-26" of DATE_LOCAL: facets, timeline, filters
SOURCE, SOURCE_TEXT = "source", "source_text"
SPEAKERS, SPEAKERS_TEXT = "speakers", "speakers_text"
TOPICS, TOPICS_TEXT = "topics", "topics_text"
ORGS, TAGS = "orgs", "tags"
#: Case-folded copies of topics and tags: what ``topic:`` and ``tag:`` in a query match (the exact
#: value, any case), the same articles as the ``topic=`` and ``tag=`` filters.
TOPIC_KEY, TAG_KEY = "topic_key", "tag_key"
QUOTES, QUOTES_TEXT = "quotes", "quotes_text"  # JSON [[speaker, text, cue], ...] and its searchable text
URL, AUTHORS, FORMAT, TIMEZONE, DECODE_FALLBACK = "url", "authors", "format", "timezone", "decode_fallback"
SOURCE_FILE, RECORD_ID = "source_file", "record_id"
FILE_KEY = "file_key"  # resolved path: what incremental reindexing matches on
FILE_SIG = "file_sig"  # "size:mtime_ns:sha256" of the file when it was read
CONTENT_HASH = "content_hash"  # hash of title+body: the extraction cache key

#: Free-text fields a plain query searches, with their query-time boosts: a title match counts three
#: times a body match, speaker names and topics twice.
FIELD_BOOSTS = {TITLE: 3.0, BODY: 1.0, SPEAKERS_TEXT: 2.0, TOPICS_TEXT: 2.0}
TEXT_FIELDS = tuple(FIELD_BOOSTS)
#: What a user may write before a colon in a query (``speaker:medvedev``), per searchable field.
QUERY_PREFIXES = {
    SPEAKERS_TEXT: ("speaker", "speakers", "by"),
    TOPIC_KEY: ("topic", "topics"),
    TAG_KEY: ("tag", "tags"),
    SOURCE_TEXT: ("source",),
    TITLE: ("headline",),
}
#: Fields a query may name directly, besides the prefixes above.
QUERY_FIELDS = (TITLE, BODY, SPEAKERS_TEXT, TOPICS_TEXT, SOURCE_TEXT, TOPIC_KEY, TAG_KEY)
#: Fields matched as exact values (filters, not words): a query of nothing else browses, newest first.
EXACT_FIELDS = frozenset({TOPIC_KEY, TAG_KEY})
#: Fields held in memory as value arrays per index generation: facets, filters, timeline, date sorts.
VALUE_ARRAY_FIELDS = (SPEAKERS, TOPICS, TAGS, SOURCE, YEAR, MONTH, DAY)
#: Value fields whose values differing only in case are one value (``ICCO``/``icco``), shown in the form
#: most documents use: topics come from free text and tags from many feeds, each capitalising its own way.
CASE_FOLDED = (TOPICS, TAGS)
#: Exact-value filters of a search (``NewsIndex.search(speaker=…)``): the parameter, and the field it filters.
FILTER_FIELDS = {"speaker": SPEAKERS, "topic": TOPICS, "tag": TAGS, "source": SOURCE}
#: Facets of a search page: the page's name for each, and the field counted.
FACETS = {"speakers": SPEAKERS, "topics": TOPICS, "tags": TAGS, "sources": SOURCE, "years": YEAR, "months": MONTH}
#: Timeline granularities, coarse to fine (the page's ``timeline_granularity`` is one of these).
PERIODS = (YEAR, MONTH, DAY)

SCHEMA = fields.Schema(**{
    ID: fields.ID(stored=True, unique=True),
    TITLE: fields.TEXT(stored=True, analyzer=STEM),
    BODY: fields.TEXT(stored=True, analyzer=STEM),
    DATE: fields.DATETIME(stored=True, sortable=True),
    YEAR: fields.ID(sortable=True),
    MONTH: fields.ID(sortable=True),
    DAY: fields.ID(sortable=True),
    DATE_LOCAL: fields.STORED(),
    SOURCE: fields.KEYWORD(stored=True, commas=True, sortable=True),
    SOURCE_TEXT: fields.TEXT(analyzer=NAMES),
    SPEAKERS: fields.KEYWORD(stored=True, commas=True, scorable=True),
    SPEAKERS_TEXT: fields.TEXT(analyzer=ValuesAnalyzer(NAMES)),
    TOPICS: fields.KEYWORD(stored=True, commas=True, scorable=True),
    TOPICS_TEXT: fields.TEXT(analyzer=ValuesAnalyzer(STEM)),
    TOPIC_KEY: fields.KEYWORD(commas=True, lowercase=True),
    ORGS: fields.KEYWORD(stored=True, commas=True),
    TAGS: fields.KEYWORD(stored=True, commas=True),
    TAG_KEY: fields.KEYWORD(commas=True, lowercase=True),
    QUOTES: fields.STORED(),
    QUOTES_TEXT: fields.TEXT(analyzer=ValuesAnalyzer(STEM)),
    URL: fields.STORED(),
    AUTHORS: fields.STORED(),
    FORMAT: fields.ID(stored=True),
    TIMEZONE: fields.STORED(),
    DECODE_FALLBACK: fields.STORED(),
    SOURCE_FILE: fields.ID(stored=True),
    RECORD_ID: fields.STORED(),
    FILE_KEY: fields.ID(stored=True),
    FILE_SIG: fields.STORED(),
    CONTENT_HASH: fields.STORED(),
})


def clean_value(value: str) -> str:
    """A facet value safe for a comma KEYWORD field: no commas, single spaces."""
    return " ".join(value.replace(",", " ").split())


def _join(values: tuple[str, ...]) -> str:
    return ",".join(v for v in (clean_value(x) for x in values) if v)


def naive_utc(value: datetime) -> datetime:
    return value.astimezone(UTC).replace(tzinfo=None)


def article_to_doc(article: Article, *, file_key: str, file_sig: str, content_hash: str) -> dict[str, Any]:
    """The Whoosh document for an article. Empty fields are left out (Whoosh rejects None)."""
    doc: dict[str, Any] = {
        ID: article.id, TITLE: article.title, BODY: article.body,
        SOURCE_FILE: article.source_file, FILE_KEY: file_key, FILE_SIG: file_sig,
        CONTENT_HASH: content_hash, FORMAT: article.format,
        SPEAKERS: _join(article.speakers), SPEAKERS_TEXT: join_values(article.speakers),
        TOPICS: _join(article.topics), TOPICS_TEXT: join_values(article.topics), TOPIC_KEY: _join(article.topics),
        ORGS: _join(article.orgs), TAGS: _join(article.tags), TAG_KEY: _join(article.tags),
        QUOTES: json.dumps([q.row() for q in article.quotes], ensure_ascii=False),
        QUOTES_TEXT: join_values(q.text for q in article.quotes),
        RECORD_ID: article.record_id, URL: article.url, AUTHORS: list(article.authors),
        TIMEZONE: article.timezone, DECODE_FALLBACK: article.decode_fallback,
    }
    if article.source:
        doc[SOURCE] = clean_value(article.source)
        doc[SOURCE_TEXT] = article.source
    if article.date is not None:
        # The calendar fields (filters, facets, timeline) hold the article's own day in its source's
        # zone; DATE keeps the instant, which sorting uses.
        local = article.date_local or local_parts(article.date, None, article.timezone).iso
        doc.update({DATE: naive_utc(article.date), DATE_LOCAL: local, YEAR: local[:4], MONTH: local[:7],
                    DAY: local[:10]})
    return {k: v for k, v in doc.items() if v not in (None, "")}


_WORDS = re.compile(r"[^\W\d_]{3,}")


def spell_words(fields_: Mapping[str, Any]) -> set[str]:
    """Distinct lower-case words (3 to ``MAX_WORD_CHARS`` letters) of the title, body and speaker names
    of an index document or its stored fields, accents kept: the "did you mean" vocabulary (counted,
    not indexed: ``search/spelling.py``). It has no use for a 1 MB "word", and its table grows with length."""
    text = " ".join((fields_.get(TITLE, ""), fields_.get(BODY, ""), fields_.get(SPEAKERS, "")))
    return {w.lower() for w in _WORDS.findall(text) if len(w) <= MAX_WORD_CHARS}


def split_values(stored: str | None) -> tuple[str, ...]:
    return tuple(v for v in (stored or "").split(",") if v)


def stored_date(fields_: Mapping[str, Any]) -> datetime | None:
    value = fields_.get(DATE)
    return value.replace(tzinfo=UTC) if isinstance(value, datetime) else None


def stored_date_local(fields_: Mapping[str, Any]) -> str | None:
    """The stored local date (ISO); for an index written before it was stored, from the instant."""
    date = stored_date(fields_)
    return fields_.get(DATE_LOCAL) or (local_parts(date, None, fields_.get(TIMEZONE)).iso if date else None)


def stored_quotes(fields_: Mapping[str, Any]) -> tuple[Quote, ...]:
    try:
        return tuple(Quote(*q) for q in json.loads(fields_.get(QUOTES) or "[]"))
    except (ValueError, TypeError):
        return ()


def stored_title(fields_: Mapping[str, Any]) -> str:
    return fields_.get(TITLE, "")


def stored_body(fields_: Mapping[str, Any]) -> str:
    return fields_.get(BODY, "")


def stored_speakers(fields_: Mapping[str, Any]) -> tuple[str, ...]:
    return split_values(fields_.get(SPEAKERS))


def doc_to_article(fields_: Mapping[str, Any]) -> Article:
    """The stored document back as an :class:`Article` (for article pages and the API)."""
    return Article(
        id=fields_[ID], title=stored_title(fields_), body=stored_body(fields_),
        source_file=fields_.get(SOURCE_FILE, ""), record_id=fields_.get(RECORD_ID),
        date=stored_date(fields_), date_local=stored_date_local(fields_), source=fields_.get(SOURCE),
        url=fields_.get(URL), authors=tuple(fields_.get(AUTHORS) or ()), speakers=stored_speakers(fields_),
        orgs=split_values(fields_.get(ORGS)), quotes=stored_quotes(fields_),
        topics=split_values(fields_.get(TOPICS)), tags=split_values(fields_.get(TAGS)),
        format=fields_.get(FORMAT, "text"), timezone=fields_.get(TIMEZONE),
        decode_fallback=bool(fields_.get(DECODE_FALLBACK)),
    )


def doc_to_hit(fields_: Mapping[str, Any], *, score: float, snippet: str, title_html: str,
               relevance: str | None = None) -> SearchHit:
    """The stored document as a search hit; the snippet, marked title and relevance tier come from the caller."""
    return SearchHit(
        id=fields_[ID], title=stored_title(fields_), date=stored_date(fields_), source=fields_.get(SOURCE),
        speakers=stored_speakers(fields_), topics=split_values(fields_.get(TOPICS)),
        score=score, snippet=snippet, source_file=fields_.get(SOURCE_FILE, ""), record_id=fields_.get(RECORD_ID),
        title_html=title_html, url=fields_.get(URL), authors=tuple(fields_.get(AUTHORS) or ()), relevance=relevance,
        date_local=stored_date_local(fields_), timezone=fields_.get(TIMEZONE),
    )


def doc_to_quote(fields_: Mapping[str, Any], quote: Quote, *, text_html: str, score: float) -> QuoteHit:
    """One of the stored document's quotes as a quote-search hit."""
    return QuoteHit(article_id=fields_[ID], title=stored_title(fields_), date=stored_date(fields_),
                    speaker=quote.speaker, text_html=text_html, cue=quote.cue, score=score,
                    date_local=stored_date_local(fields_), timezone=fields_.get(TIMEZONE))
