"""Text repair shared by every reader: decoding with a fallback, Unicode normalisation, scraper glue.

Scraped news arrives with a BOM, CRLF line ends, stray Windows-1252 bytes and sentences glued together
where the scraper dropped the markup between paragraphs (``implored.Obama``, ``responded,referring``).
Fixing these once, here, means every reader and extractor sees the same clean text.
"""

from __future__ import annotations

import re
import unicodedata

_FALLBACK_ENCODING = "cp1252"

# "implored.Obama" / "said.“I" -> a space after sentence punctuation glued to a capital or an opening quote.
# Lowercase letter (or closing quote/bracket) before the mark, so "U.S.Army" style abbreviations stay as they are.
_GLUED_SENTENCE = re.compile(r"(?<=[a-z0-9”’\"')\]])([.!?])(?=[A-Z“‘\"])")
# "responded,referring" -> a space after a comma glued between two lowercase words (numbers like 1,000 are kept).
# "flexibility.”Obama" -> a space after a closing quote that ends a sentence and is glued to the next one.
_GLUED_AFTER_QUOTE = re.compile(r"(?<=[.!?,][”\"])(?=[A-Z“])")
_GLUED_COMMA = re.compile(r"(?<=[a-z])([,;])(?=[a-z])")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def decode(data: bytes) -> tuple[str, bool]:
    """Decode bytes as UTF-8 (BOM removed); on failure fall back to cp1252, then latin-1.

    Returns the text and whether a fallback was needed, so the caller can record it: nothing is
    dropped silently, and a mis-decoded file can be found later.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), False
    except UnicodeDecodeError:
        pass
    try:
        return data.decode(_FALLBACK_ENCODING), True
    except UnicodeDecodeError:
        return data.decode("latin-1"), True


def normalize(text: str) -> str:
    """NFKC-normalise, unify line ends, drop control characters and a leading BOM.

    NFKC matters for search: without it the ligature ``ﬁnance`` never matches ``finance``.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    text = unicodedata.normalize("NFKC", text)
    return _CONTROL.sub("", text)


def unglue(text: str) -> str:
    """Put back the space a scraper removed between sentences or after a comma."""
    text = _GLUED_SENTENCE.sub(r"\1 ", text)
    text = _GLUED_AFTER_QUOTE.sub(" ", text)
    return _GLUED_COMMA.sub(r"\1 ", text)


def squeeze(line: str) -> str:
    """Collapse runs of horizontal white space (including no-break and zero-width spaces) to one space."""
    return _SPACES.sub(" ", line).strip()


def clean_text(text: str) -> str:
    """The full repair for a body or title: normalise, unglue, and squeeze every line."""
    lines = [squeeze(line) for line in unglue(normalize(text)).split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()
