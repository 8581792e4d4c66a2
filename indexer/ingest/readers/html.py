"""Saved web pages: main text and metadata through trafilatura, with a tag-stripping fallback.

trafilatura (see shared/docs/extraction.md, section D) found body, date and author on every test page
and drops navigation, share bars and comments. When it finds no body (a page that is mostly markup, a
tree too deep for it), the page's tags are stripped and the result goes through the plain-text path,
so a short page is still indexed. A page with no text at all is a :class:`ReaderError`.

A page is parsed as a whole, so its size is capped at :data:`MAX_DOCUMENT_BYTES` (20 MB; a real article
page is well under 1 MB). Larger files are refused from their size on disk, never loaded.
"""

from __future__ import annotations

import codecs
import html as html_lib
import logging
import re
from collections.abc import Iterator
from typing import Any, BinaryIO

from ...errors import ReaderError
from ...models import RawArticle
from ...text.clean import clean_text, decode
from ..sources import SourceSettings
from .common import date_fields, http_url, read_limited
from .text import check_text_bytes, split_article

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_TITLE_OPEN = re.compile(r"<title\b[^<>]*>", re.IGNORECASE)
# Opening tags of elements whose content is not shown, and comments. Every pattern here stops at the
# next "<" or ">" rather than scanning ahead for a closing tag: a page of unclosed "<script " tags
# made the old lazy ".*?</script>" pattern quadratic (23 s at 234 KB). The closing tag is found with
# one str.find from where the element opens, and an unclosed one hides the rest of the page, as a
# browser does; so the whole pass is linear.
_INVISIBLE_OPEN = re.compile(r"<(script|style|noscript|template|svg|head)\b|<!--", re.IGNORECASE)
_BLOCK = re.compile(r"</?(?:p|div|br|h[1-6]|li|ul|ol|tr|table|section|article|header|footer|blockquote|pre)\b[^<>]*>",
                    re.IGNORECASE)
_TAG = re.compile(r"<[^<>]*>")

# trafilatura logs every page it finds nothing in; those cases are reported by this reader instead.
logging.getLogger("trafilatura").setLevel(logging.ERROR)


def decode_html(data: bytes) -> tuple[str, bool]:
    """Decode a page: UTF-8 if it is valid, else the charset its <meta> declares, else cp1252/latin-1."""
    try:
        return data.removeprefix(b"\xef\xbb\xbf").decode("utf-8"), False
    except UnicodeDecodeError:
        pass
    match = _CHARSET.search(data[:4096])
    if match:
        try:
            codec = codecs.lookup(match.group(1).decode("ascii"))
            if codec.name != "utf-8":
                return data.decode(codec.name, errors="replace"), False
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data)


def _visible(page: str) -> str:
    """The page without script, style and similar elements and comments, in one linear pass."""
    lower = page.lower()
    out: list[str] = []
    pos = 0
    while (m := _INVISIBLE_OPEN.search(page, pos)) is not None:
        out.append(page[pos:m.start()])
        end_tag = "-->" if m.group(1) is None else f"</{m.group(1).lower()}"
        close = lower.find(end_tag, m.end())
        if close < 0:
            return "".join(out)  # unclosed: the rest of the page is inside it
        gt = page.find(">", close) if end_tag != "-->" else close + 2
        pos = len(page) if gt < 0 else gt + 1
        out.append(" ")
    out.append(page[pos:])
    return "".join(out)


def strip_tags(page: str) -> str:
    """Visible text of a page without a parser (robust to any nesting depth, linear in the page): blocks
    become lines."""
    text = _BLOCK.sub("\n", _visible(page))
    return html_lib.unescape(_TAG.sub("", text))


def _title(page: str) -> str | None:
    """The text of the first <title>, found with one search and one find (linear)."""
    m = _TITLE_OPEN.search(page)
    if m is None:
        return None
    close = page.lower().find("</title", m.end())
    return page[m.end():close] if close >= 0 else None


def _trafilatura(page: str) -> dict[str, Any] | None:
    import trafilatura  # deferred: 0.5 s import, needed only when a page is read

    try:
        doc = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False)
    except Exception:  # noqa: BLE001 -- untrusted markup in a third-party parser (RecursionError, lxml errors...)
        return None  # the caller falls back to stripping tags
    if doc is None:
        return None
    return doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)


def read_html_stream(stream: BinaryIO, display: str, settings: SourceSettings) -> Iterator[RawArticle]:
    """One article per HTML page."""
    data = read_limited(stream)
    check_text_bytes(data)
    page, fallback = decode_html(data)
    meta = _trafilatura(page) or {}
    body = clean_text(meta.get("text") or "")
    title = clean_text(meta.get("title") or "") or None
    date_text: str | None = meta.get("date") or None
    if not body:
        parts = split_article(strip_tags(page))
        body = parts.body
        raw_title = _title(page)
        title = title or (clean_text(html_lib.unescape(_TAG.sub("", raw_title))) if raw_title else None) or parts.title
        date_text = date_text or parts.date_text
    if not body.strip():
        raise ReaderError("no body text")
    date_text, date = date_fields(date_text, settings.timezone)
    authors = tuple(a.strip() for a in re.split(r"\s*;\s*", meta.get("author") or "") if a.strip())
    tags = tuple(dict.fromkeys(t.strip() for t in [*(meta.get("categories") or []), *(meta.get("tags") or [])]
                               if isinstance(t, str) and t.strip()))
    yield RawArticle(
        source_file=display, body=body, title=title or None, date_text=date_text, date=date,
        url=http_url(meta.get("url")), source=settings.source or meta.get("sitename") or None,
        authors=authors, tags=tags, format="html", decode_fallback=fallback,
    )
