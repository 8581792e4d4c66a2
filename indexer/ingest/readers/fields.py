"""Mapping a structured record (a JSON object, a CSV row) to a :class:`RawArticle`.

News dumps name the same field a dozen ways (``headline``, ``maintext``, ``publishedAt``), so each
article field has a list of common names tried in order, case-insensitively. A source whose names are
unusual maps them in its ``newsindex-source.json`` (``{"fields": {"body": "statement"}}``) or on the
command line; a mapped field uses exactly that path and no guessing. Paths may be dotted for nested
objects (``meta.title``, ``authors.0.name``); for headerless tables they are 1-based column numbers.

Reserved keys in ``settings.fields`` configure tables instead of naming a field: ``columns`` (comma-
separated header names for a file without a header row), ``header`` (``none`` when there is no header
row), ``delimiter`` (``tab``, ``comma`` or one character) and ``quoting`` (``none`` or ``csv``).

A record that cannot become an article raises :class:`RecordError` with the reason; the reader turns
it into a :class:`Skipped` and goes on with the next record.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ...errors import RecordError
from ...models import RawArticle
from ..sources import SourceSettings
from .common import date_fields, http_url

#: Candidate names per article field, best first (matched case-insensitively).
DEFAULT_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline", "heading"),
    "body": ("body", "text", "content", "maintext", "article", "article_text", "full_text", "fulltext",
             "story", "description", "summary"),
    "date": ("date", "published", "pub_date", "pubdate", "date_publish", "publishedat", "published_at",
             "publication_date", "datetime", "date_published", "created_at", "timestamp"),
    "url": ("url", "link", "permalink", "href"),
    "authors": ("authors", "author", "byline", "creator", "writer"),
    "source": ("source", "publisher", "site", "site_name", "sitename", "outlet", "news_outlet",
               "source_domain"),
    "record_id": ("id", "uuid", "guid", "_id", "article_id", "doc_id", "docid"),
    "tags": ("tags", "keywords", "categories", "category", "topics", "subjects", "section"),
}

#: Other spellings accepted as keys of ``settings.fields``.
FIELD_ALIASES = {"author": "authors", "id": "record_id", "tag": "tags", "headline": "title", "text": "body"}
#: Keys of ``settings.fields`` that configure table parsing rather than name a field.
TABLE_OPTIONS = frozenset({"columns", "header", "delimiter", "quoting"})

_LIST_SPLIT = re.compile(r"\s*[;|]\s*")
_TAG_SPLIT = re.compile(r"\s*[,;|]\s*")
_MISSING = object()


def field_map(settings: SourceSettings) -> dict[str, str]:
    """The user's field mapping, keys normalised to article field names, table options left out."""
    out: dict[str, str] = {}
    for key, path in settings.fields.items():
        name = key.strip().lower()
        if name in TABLE_OPTIONS:
            continue
        out[FIELD_ALIASES.get(name, name)] = path
    return out


def lookup(record: Mapping[str, Any], path: str) -> Any:
    """The value at a dotted ``path`` (``meta.title``, ``authors.0``), or ``_MISSING``.

    A key containing a dot itself (``"meta.title"`` as one key) is found too, since it is tried first.
    """
    if path in record:
        return record[path]
    value: Any = record
    for part in path.split("."):
        if isinstance(value, Mapping) and part in value:
            value = value[part]
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return _MISSING
    return value


def _find(record: Mapping[str, Any], lowered: Mapping[str, str], field: str, mapping: Mapping[str, str]) -> Any:
    if field in mapping:
        return lookup(record, mapping[field])
    for name in DEFAULT_FIELDS[field]:
        key = lowered.get(name)
        if key is not None:
            value = record[key]
            if value not in (None, "", [], {}):
                return value
    return _MISSING


def _text(value: Any, field: str, *, join: str = "\n\n") -> str | None:
    if value is _MISSING or value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return join.join(v.strip() for v in value if v.strip()) or None  # paragraphs given as a list
    if field in {"record_id"} and isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raise RecordError(f"field {field!r} has type {type(value).__name__}, expected text")


def _names(value: Any, field: str, splitter: re.Pattern[str]) -> tuple[str, ...]:
    """Authors or tags: a string (split on separators), a list of strings or of ``{"name": ...}`` objects."""
    if value is _MISSING or value is None:
        return ()
    if isinstance(value, str):
        items: list[Any] = splitter.split(value)
    else:
        items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        if isinstance(item, Mapping):
            item = item.get("name") or item.get("term") or item.get("label")
        if isinstance(item, (int, float)) and not isinstance(item, bool):
            item = str(item)
        if not isinstance(item, str):
            raise RecordError(f"field {field!r} holds {type(item).__name__}, expected names")
        item = item.strip()
        if item and item not in out:
            out.append(item)
    return tuple(out)


def to_article(record: Mapping[str, Any], display: str, settings: SourceSettings, *, fmt: str,
               fallback_id: str, mapping: Mapping[str, str] | None = None,
               decode_fallback: bool = False) -> RawArticle:
    """The article in ``record``; RecordError (with the reason) when it has no usable body or a bad type."""
    if not isinstance(record, Mapping):
        raise RecordError(f"record is a {type(record).__name__}, not an object")
    mapping = field_map(settings) if mapping is None else mapping
    lowered = {str(k).lower(): k for k in record}
    body = _text(_find(record, lowered, "body", mapping), "body")  # cleaned later, by the pipeline
    title = _text(_find(record, lowered, "title", mapping), "title", join=" ")
    if not body and not (title or "").strip():
        raise RecordError("missing body text and title"
                          + (f" (field {mapping['body']!r})" if "body" in mapping else ""))
    # A headline-only record (a wire flash, a brief) is an article whose text is its headline, as the
    # newswire SGML reader keeps its TYPE="BRIEF" items: dropping it would lose a dated, searchable item.
    body = body or title or ""
    url = _text(_find(record, lowered, "url", mapping), "url")
    record_id = _text(_find(record, lowered, "record_id", mapping), "record_id") or fallback_id
    source_value = _find(record, lowered, "source", mapping)
    if isinstance(source_value, Mapping):  # NewsAPI style: {"id": ..., "name": ...}
        source_value = source_value.get("name") or _MISSING
    source = settings.source or _text(source_value, "source")
    try:
        date_text, date = date_fields(_none(_find(record, lowered, "date", mapping)), settings.timezone)
    except TypeError as exc:
        raise RecordError(f"field 'date': {exc}") from None
    return RawArticle(
        source_file=display, body=body, record_id=record_id, title=title, date_text=date_text, date=date,
        url=http_url(url), source=source,
        authors=_names(_find(record, lowered, "authors", mapping), "authors", _LIST_SPLIT),
        tags=_names(_find(record, lowered, "tags", mapping), "tags", _TAG_SPLIT),
        format=fmt, decode_fallback=decode_fallback,
    )


def _none(value: Any) -> Any:
    return None if value is _MISSING else value
