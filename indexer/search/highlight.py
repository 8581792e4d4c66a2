"""Snippets: the best two fragments of the body and the whole title, matched words in ``<mark>``.

Highlighting runs on the stored text with the field's own analyzer, so stems match (``missiles``
is marked for ``missile``) and both words of a matched phrase are marked. Whoosh's HtmlFormatter
escapes the article text it copies (``html.escape``), so the output may be treated as markup: only
the ``<mark>`` tags it adds are HTML. A formatter is created per call because one instance is
neither thread-safe nor bounded (its ``seen`` dict grows forever).
"""

from __future__ import annotations

import html

from whoosh import highlight
from whoosh import query as Q

from ..schema import SCHEMA

LEAD_CHARS = 240
MAX_SCAN_CHARS = 30_000  # a snippet comes from the first 30k characters: bounded cost on huge bodies


def _formatter() -> highlight.HtmlFormatter:
    return highlight.HtmlFormatter(tagname="mark", between=" … ")


def query_terms(q: Q.Query | None, field: str) -> frozenset[str]:
    """The indexed forms (stems) a query looks for in ``field``, phrases included."""
    if q is None:
        return frozenset()
    out = set()
    try:
        for fieldname, text in q.iter_all_terms(phrases=True):
            if fieldname == field:
                out.add(text.decode("utf-8") if isinstance(text, bytes) else str(text))
    except Exception:  # noqa: BLE001 - exotic query nodes without terms: nothing to mark
        return frozenset()
    return frozenset(out)


def _mark(text: str, terms: frozenset[str], field: str, fragmenter, top: int) -> str:
    if not text or not terms:
        return ""
    try:
        return highlight.highlight(text[:MAX_SCAN_CHARS], terms, SCHEMA[field].analyzer, fragmenter,
                                   _formatter(), top=top)
    except Exception:  # noqa: BLE001 - a highlighting failure must not cost the hit
        return ""


def body_snippet(body: str, terms: frozenset[str]) -> str:
    """Up to two highlighted fragments of the body, or the escaped lead when no body word matched."""
    fragmenter = highlight.ContextFragmenter(maxchars=220, surround=60)
    return _mark(body, terms, "body", fragmenter, 2) or lead(body)


def title_html(title: str, terms: frozenset[str]) -> str:
    return _mark(title, terms, "title", highlight.WholeFragmenter(), 1) or html.escape(title, quote=False)


def text_html(text: str, terms: frozenset[str]) -> str:
    """A whole short text (a quote) with the matched words marked, escaped."""
    return _mark(text, terms, "body", highlight.WholeFragmenter(), 1) or html.escape(text, quote=False)


def lead(body: str) -> str:
    text = " ".join(body[:LEAD_CHARS * 4].split())
    if len(text) > LEAD_CHARS:
        text = text[:LEAD_CHARS].rsplit(" ", 1)[0] + " …"
    return html.escape(text, quote=False)
