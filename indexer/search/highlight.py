"""Snippets: the best two fragments of the body and the title, with matched words in ``<mark>``.

Whoosh's HtmlFormatter escapes the article text it copies (``html.escape``), so its output may be
treated as markup: only the ``<mark>`` tags it adds are HTML. A formatter is created per call because
one instance is neither thread-safe nor bounded (its ``seen`` dict grows forever).
"""

from __future__ import annotations

import html

from whoosh import highlight
from whoosh.searching import Hit

LEAD_CHARS = 240


def _formatter() -> highlight.HtmlFormatter:
    return highlight.HtmlFormatter(tagname="mark", between=" … ")


def body_snippet(hit: Hit) -> str:
    """Up to two highlighted fragments of the body, or the escaped lead when no body word matched."""
    hit.results.fragmenter = highlight.ContextFragmenter(maxchars=220, surround=60)
    hit.results.formatter = _formatter()
    try:
        text = hit.highlights("body", top=2)
    except Exception:  # noqa: BLE001 - a highlighting failure must not cost the hit
        text = ""
    return text or lead(hit.get("body", ""))


def title_html(hit: Hit) -> str:
    hit.results.fragmenter = highlight.WholeFragmenter()
    hit.results.formatter = _formatter()
    try:
        text = hit.highlights("title", top=1)
    except Exception:  # noqa: BLE001
        text = ""
    return text or html.escape(hit.get("title", ""), quote=False)


def lead(body: str) -> str:
    text = " ".join(body.split())
    if len(text) > LEAD_CHARS:
        text = text[:LEAD_CHARS].rsplit(" ", 1)[0] + " …"
    return html.escape(text, quote=False)
