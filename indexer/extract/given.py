"""Given names and their usual sex, from ``gender-guesser``'s table (about 40,000 names, many countries).

Read once per process on first use (~0.5 s).  Used to tell a person's name from a company's or a
product's (``entity.py``) and to pick the right person for ``Mrs. X`` or ``she`` when two people in an
article share a surname (``article.canonical``).
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _detector():
    import gender_guesser.detector as gg  # ~0.5 s to read the table: once per process, on first use

    return gg.Detector(case_sensitive=False)


@lru_cache(maxsize=65536)
def given_sex(word: str) -> str | None:
    """``"m"``, ``"f"`` or ``"?"`` (androgynous) for a known given name; None for an unknown word."""
    if not word[:1].isupper() or len(word) < 2 or word.isupper():
        return None
    g = _detector().get_gender(word)
    if g == "unknown":
        return None
    return {"male": "m", "mostly_male": "m", "female": "f", "mostly_female": "f"}.get(g, "?")
