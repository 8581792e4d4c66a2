"""Domain types shared by the library, the CLI and the web UI.

Every value that crosses a module boundary is one of these small frozen dataclasses, so the
three ways in (Python, CLI, web) receive the same plain objects and nothing from Whoosh leaks out.
Sequences are tuples so the objects stay immutable and hashable where their fields allow it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import datetime

from .text.clean import valid_text


def _make_valid(obj: object) -> None:
    """Replace invalid code points in every text field of a reader's result (see text.clean.valid_text).

    Done here, where every reader's output is built, so no reader can hand on text that a page, a
    feed or a terminal cannot encode (one lone surrogate in a JSON title made every page holding it a 500).
    """
    for f in fields(obj):  # type: ignore[arg-type]
        value = getattr(obj, f.name)
        if isinstance(value, str):
            fixed = valid_text(value)
        elif isinstance(value, tuple) and value and all(isinstance(v, str) for v in value):
            fixed = tuple(valid_text(v) for v in value)
        else:
            continue
        if fixed is not value and fixed != value:
            object.__setattr__(obj, f.name, fixed)


@dataclass(frozen=True, slots=True)
class Quote:
    """One attribution: who said it, what was said (quoted or paraphrased), and the cue word.

    ``evidence`` is the sentence that attributes it (cue and speaker in their words), so a reader can
    check the attribution at a glance; empty for a most-named guess.
    """

    speaker: str
    text: str
    cue: str
    evidence: str = ""

    def row(self) -> list[str]:
        """The stored form (index and extraction cache): ``[speaker, text, cue, evidence]``; rows written
        before rules-8 have three elements and read back with empty evidence."""
        return [self.speaker, self.text, self.cue, self.evidence]


@dataclass(frozen=True, slots=True)
class RawArticle:
    """What a reader found in a file, before extraction.

    Readers fill what their format states outright (a JSON ``date`` field, a Reuters ``<TITLE>``);
    extraction fills the rest from the text. ``date`` is set when the format gave a parsed,
    zone-aware datetime; otherwise ``date_text`` holds the raw string for the date parser.
    """

    source_file: str
    body: str
    record_id: str | None = None
    title: str | None = None
    date_text: str | None = None
    date: datetime | None = None
    url: str | None = None
    source: str | None = None
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    format: str = "text"
    decode_fallback: bool = False

    def __post_init__(self) -> None:
        _make_valid(self)


@dataclass(frozen=True, slots=True)
class Extraction:
    """What the extractors found in one article's text (cacheable by content hash)."""

    speakers: tuple[str, ...] = ()
    orgs: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = ()
    topics: tuple[str, ...] = ()
    #: Editor labels the classifier gives with confidence (``earnings``), best first; see extract/labels.py.
    labels: tuple[str, ...] = ()
    #: The article's verdict on each name it writes: ``(name, "person" | "org" | "place")``, from its own
    #: evidence; the corpus pools them to decide each name once (``extract/names_corpus.py``).
    kinds: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned, extracted article, ready to be indexed. ``date`` is aware UTC or None (missing)."""

    id: str
    title: str
    body: str
    source_file: str
    record_id: str | None = None
    date: datetime | None = None
    source: str | None = None
    url: str | None = None
    authors: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()
    orgs: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = ()
    topics: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    format: str = "text"
    timezone: str | None = None
    decode_fallback: bool = False
    date_local: str | None = None  # ISO, in the source's zone (see indexer.text.localdate); None when undated


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file or record that could not be indexed, with where it was and why."""

    source_file: str
    reason: str
    record_id: str | None = None

    def __post_init__(self) -> None:
        _make_valid(self)


@dataclass(frozen=True, slots=True)
class FacetCount:
    value: str
    count: int


@dataclass(frozen=True, slots=True)
class TimelineBucket:
    """Matching articles in one period; ``period`` is ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""

    period: str
    count: int


@dataclass(frozen=True, slots=True)
class SearchHit:
    id: str
    title: str
    date: datetime | None
    source: str | None
    speakers: tuple[str, ...]
    topics: tuple[str, ...]
    score: float
    snippet: str  # HTML: article text escaped by Whoosh's HtmlFormatter, only <mark> tags are markup
    source_file: str
    record_id: str | None
    title_html: str = ""
    url: str | None = None
    date_local: str | None = None  # ISO in the source's zone: the article's own day (see indexer.text.localdate)
    timezone: str | None = None  # the source's IANA zone, for the zone's abbreviation in displays
    authors: tuple[str, ...] = ()  # as the source stored them (a byline), for provenance in exports
    #: Which relevance tier the hit is in ("all words", "all but one word", "some of the words"); None when
    #: every match is of one kind. Readers get this, not ``score``: scores only order hits within a tier.
    relevance: str | None = None


@dataclass(frozen=True, slots=True)
class QuoteHit:
    """A quote-level hit of quote search: the quote, its speaker and the article it is in."""

    article_id: str
    title: str
    date: datetime | None
    speaker: str
    text_html: str
    cue: str
    score: float
    date_local: str | None = None  # the article's own date in its source's zone (see indexer.text.localdate)
    timezone: str | None = None


@dataclass(frozen=True, slots=True)
class SearchPage:
    query: str
    total: int
    page: int
    per_page: int
    hits: tuple[SearchHit, ...] = ()
    facets: Mapping[str, tuple[FacetCount, ...]] = field(default_factory=dict)
    timeline: tuple[TimelineBucket, ...] = ()
    timeline_granularity: str | None = None
    undated: int = 0  # matching articles without a publication date (in no timeline bar)
    facet_other: Mapping[str, int] = field(default_factory=dict)  # single-valued facets: matches under no listed value
    suggestion: str | None = None
    message: str | None = None  # a clear note when the query was malformed and read best-effort
    partial: bool = False  # the time limit cut the search short
    took_ms: float = 0.0
    quotes: tuple[QuoteHit, ...] = ()  # with a speaker: clause or filter, that speaker's matching quotes

    @property
    def page_count(self) -> int:
        return max(1, -(-self.total // self.per_page))


@dataclass(frozen=True, slots=True)
class QuotePage:
    """One page of quote search: quotes said by ``speaker`` (as resolved) that match the words."""

    query: str
    speaker: str | None
    total: int
    page: int
    per_page: int
    hits: tuple[QuoteHit, ...] = ()
    message: str | None = None
    took_ms: float = 0.0

    @property
    def page_count(self) -> int:
        return max(1, -(-self.total // self.per_page))


@dataclass(frozen=True, slots=True)
class ReindexSummary:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    skipped: tuple[Skipped, ...] = ()
    articles: int = 0  # documents in the index after the run
    per_format: Mapping[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    stage_seconds: Mapping[str, float] = field(default_factory=dict)  # scan, prepare (read+extract), write
    extracted: int = 0  # articles whose extraction ran (the rest came from the cache)
    trimmed: tuple[Skipped, ...] = ()  # articles indexed with a part cut to stay within bounds, with the reason
    read: int = 0  # files read (the other new and changed files' articles came from the read cache)


@dataclass(frozen=True, slots=True)
class IndexStats:
    """What ``newsindex stats`` reports about an index directory."""

    documents: int
    deleted: int  # marked deleted, still on disk until their segment is merged
    segments: int
    size_bytes: int
    generation: int
    last_reindex: datetime | None


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One autocomplete entry: ``kind`` is ``speaker``, ``topic`` or ``title``; ``text`` is what to insert."""

    kind: str
    text: str
