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
from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer, StemmingAnalyzer
from whoosh.support.charset import accent_map

from .config import MAX_WORD_CHARS
from .models import Article, Quote


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


# Stemmed, accent-folded text: "missiles" finds "missile", "Zurich" finds "Zürich".
STEM = StemmingAnalyzer(cachesize=-1) | FoldAccents()
# Names are not stemmed ("Rhodes" must not become "rhode") but are folded.
NAMES = RegexTokenizer() | LowercaseFilter() | FoldAccents()

#: The "did you mean" vocabulary field (distinct unstemmed words).
SPELL_FIELD = "spell"
#: Free-text fields a plain query searches, with their query-time boosts in config.FIELD_BOOSTS.
TEXT_FIELDS = ("title", "body", "speakers_text", "topics_text")
#: Fields holding exact values (filters, facets): comma-separated, case kept.
VALUE_FIELDS = ("speakers", "topics", "orgs", "tags", "source")

SCHEMA = fields.Schema(
    id=fields.ID(stored=True, unique=True),
    title=fields.TEXT(stored=True, analyzer=STEM),
    body=fields.TEXT(stored=True, analyzer=STEM),
    date=fields.DATETIME(stored=True, sortable=True),
    year=fields.ID(sortable=True),
    month=fields.ID(sortable=True),
    day=fields.ID(sortable=True),
    source=fields.KEYWORD(stored=True, commas=True, sortable=True),
    source_text=fields.TEXT(analyzer=NAMES),
    speakers=fields.KEYWORD(stored=True, commas=True, scorable=True),
    speakers_text=fields.TEXT(analyzer=NAMES),
    # The distinct unstemmed words of title, body and speaker names: the "did you mean" vocabulary.
    # (Whoosh's spelling=True re-analyses the body and, lacking a length column, stats a file per posting:
    # it tripled reindex time. scorable=True gives this field the length column that avoids that.)
    spell=fields.KEYWORD(lowercase=True, scorable=True),
    topics=fields.KEYWORD(stored=True, commas=True, scorable=True),
    topics_text=fields.TEXT(analyzer=STEM),
    orgs=fields.KEYWORD(stored=True, commas=True),
    tags=fields.KEYWORD(stored=True, commas=True),
    quotes=fields.STORED(),
    quotes_text=fields.TEXT(analyzer=STEM),
    url=fields.STORED(),
    authors=fields.STORED(),
    format=fields.ID(stored=True),
    timezone=fields.STORED(),
    decode_fallback=fields.STORED(),
    source_file=fields.ID(stored=True),
    record_id=fields.STORED(),
    file_key=fields.ID(stored=True),  # resolved path: what incremental reindexing matches on
    file_sig=fields.STORED(),  # "size:mtime_ns:sha256" of the file when it was read
    content_hash=fields.STORED(),  # hash of title+body: the extraction cache key
)


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
        "id": article.id, "title": article.title, "body": article.body,
        "source_file": article.source_file, "file_key": file_key, "file_sig": file_sig,
        "content_hash": content_hash, "format": article.format,
        "speakers": _join(article.speakers), "speakers_text": " ".join(article.speakers),
        "topics": _join(article.topics), "topics_text": " ".join(article.topics),
        "orgs": _join(article.orgs), "tags": _join(article.tags),
        SPELL_FIELD: " ".join(spell_words(article)),
        "quotes": json.dumps([[q.speaker, q.text, q.cue] for q in article.quotes], ensure_ascii=False),
        "quotes_text": "\n".join(q.text for q in article.quotes),
        "record_id": article.record_id, "url": article.url, "authors": list(article.authors),
        "timezone": article.timezone, "decode_fallback": article.decode_fallback,
    }
    if article.source:
        doc["source"] = clean_value(article.source)
        doc["source_text"] = article.source
    if article.date is not None:
        utc = naive_utc(article.date)
        doc.update(date=utc, year=f"{utc:%Y}", month=f"{utc:%Y-%m}", day=f"{utc:%Y-%m-%d}")
    return {k: v for k, v in doc.items() if v not in (None, "")}


_WORDS = re.compile(r"[^\W\d_]{3,}")


def spell_words(article: Article) -> set[str]:
    """Distinct lower-case words (3 to ``MAX_WORD_CHARS`` letters) of the title, body and speaker names,
    accents kept: the spelling vocabulary has no use for a 1 MB "word", and its table grows with length."""
    text = " ".join((article.title, article.body, *article.speakers))
    return {w.lower() for w in _WORDS.findall(text) if len(w) <= MAX_WORD_CHARS}


def split_values(stored: str | None) -> tuple[str, ...]:
    return tuple(v for v in (stored or "").split(",") if v)


def stored_date(fields_: Mapping[str, Any]) -> datetime | None:
    value = fields_.get("date")
    return value.replace(tzinfo=UTC) if isinstance(value, datetime) else None


def stored_quotes(fields_: Mapping[str, Any]) -> tuple[Quote, ...]:
    try:
        return tuple(Quote(*q) for q in json.loads(fields_.get("quotes") or "[]"))
    except (ValueError, TypeError):
        return ()


def doc_to_article(fields_: Mapping[str, Any]) -> Article:
    """The stored document back as an :class:`Article` (for article pages and the API)."""
    return Article(
        id=fields_["id"], title=fields_.get("title", ""), body=fields_.get("body", ""),
        source_file=fields_.get("source_file", ""), record_id=fields_.get("record_id"),
        date=stored_date(fields_), source=fields_.get("source"), url=fields_.get("url"),
        authors=tuple(fields_.get("authors") or ()), speakers=split_values(fields_.get("speakers")),
        orgs=split_values(fields_.get("orgs")), quotes=stored_quotes(fields_),
        topics=split_values(fields_.get("topics")), tags=split_values(fields_.get("tags")),
        format=fields_.get("format", "text"), timezone=fields_.get("timezone"),
        decode_fallback=bool(fields_.get("decode_fallback")),
    )
