"""From a reader's :class:`RawArticle` and the extractors' :class:`Extraction` to an indexable :class:`Article`."""

from __future__ import annotations

import hashlib
from dataclasses import replace

from ..models import Article, Extraction, RawArticle
from ..text.clean import clean_text, visible_text
from ..text.dates import parse_date, to_utc
from ..text.localdate import local_parts
from .sources import SourceSettings

_UNTITLED_CHARS = 90
#: A title is a line: a longer one is a body in the wrong field, cut here so pages and results stay bounded.
MAX_TITLE_CHARS = 1_000


def article_id(file_key: str, record_id: str | None) -> str:
    """A stable id from where the article came from: same file and record, same id, across reindexes."""
    digest = hashlib.sha1(f"{file_key}\0{record_id or ''}".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:16]


def content_hash(title: str, body: str) -> str:
    """What extraction depends on; equal hashes mean the cached extraction can be reused."""
    return hashlib.sha256(f"{title}\0{body}".encode("utf-8", "surrogatepass")).hexdigest()[:32]


def clean_title(raw: RawArticle, body: str) -> str:
    """The reader's title, or, when the source had none, the start of the first line of the body."""
    title = visible_text(clean_text((raw.title or "")[:MAX_TITLE_CHARS * 4]).replace("\n", " "))[:MAX_TITLE_CHARS]
    if title:
        return title
    first = visible_text(body.split("\n", 1)[0])
    return first if len(first) <= _UNTITLED_CHARS else first[:_UNTITLED_CHARS].rsplit(" ", 1)[0] + "…"


def resolve_date(raw: RawArticle, settings: SourceSettings):
    """The UTC publication date, from structured data first, then the date text; None when unknown."""
    if raw.date is not None:
        return to_utc(raw.date, settings.timezone)
    return parse_date(raw.date_text, settings.timezone)


def _names(values: tuple[str, ...]) -> tuple[str, ...]:
    """Names without bidi controls and zero-width characters, empty ones dropped, order kept."""
    return tuple(dict.fromkeys(n for n in (visible_text(v).strip() for v in values) if n))


def make_article(raw: RawArticle, extraction: Extraction, *, file_key: str, settings: SourceSettings,
                 title: str, body: str) -> Article:
    source = raw.source or settings.source
    quotes = tuple(replace(q, speaker=visible_text(q.speaker)) for q in extraction.quotes)
    date = resolve_date(raw, settings)
    date_local = local_parts(date, raw.date_text, settings.timezone).iso if date else None
    return Article(
        id=article_id(file_key, raw.record_id), title=title, body=body, source_file=raw.source_file,
        record_id=raw.record_id, date=date, date_local=date_local, source=visible_text(source) if source else None,
        url=raw.url if raw.url and raw.url.lower().startswith(("http://", "https://")) else None,
        authors=_names(raw.authors), speakers=_names(extraction.speakers), orgs=_names(extraction.orgs),
        quotes=quotes, topics=_names(extraction.topics), tags=raw.tags, format=raw.format, timezone=settings.timezone,
        decode_fallback=raw.decode_fallback,
    )
