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
# Code points no valid text holds: lone surrogates (a JSON "\\ud800" or a file name that is not UTF-8
# decodes to one, and no page, feed or terminal can encode it) and the Unicode noncharacters.
# (Ranges only: a class listing the 32 astral noncharacters one by one scanned a megabyte in 0.17 s, so
# astral characters are found by range and tested one by one, which costs nothing on ordinary text.)
_INVALID = re.compile("[\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
# Characters that change how neighbouring text is shown without being shown: bidi embeddings,
# overrides and isolates, direction marks, and zero-width characters. In a title or a name they
# only spoof ("\u202emoc.elgoog" shows as "google.com") or split one name into two.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u061c\ufeff\u180e]")
REPLACEMENT = "\ufffd"


_LONG_RUN_PATTERN = r"(?<!\S)\S{%d,}"  # the look-behind starts a match only at a run's start: linear


def bound_text(text: str, max_chars: int, max_run: int, keep: int) -> tuple[str, list[str]]:
    """``text`` cut to ``max_chars``, each run of non-space characters longer than ``max_run`` cut to
    ``keep`` characters and "..." (what NFKC makes of an ellipsis); with a note for each kind of cut
    (for the reindex summary).

    A one-megabyte "word" (a CSV cell of one letter repeated, a base64 blob) costs the index, the
    spelling table and every page that shows it, and is no word anyone searches for.
    """
    notes: list[str] = []
    if len(text) > max_chars:
        notes.append(f"text of {len(text):,} characters cut to {max_chars:,}")
        text = text[:max_chars]
    runs = [m.end() - m.start() for m in _long_run(max_run).finditer(text)]
    if runs:
        text = _long_run(max_run).sub(lambda m: m[0][:keep] + "...", text)
        size = (f"a {runs[0]:,}-character word" if len(runs) == 1
                else f"{len(runs)} words of up to {max(runs):,} characters")
        notes.append(f"{size} cut to {keep} characters")
    return text, notes


def _long_run(max_run: int) -> re.Pattern[str]:
    return re.compile(_LONG_RUN_PATTERN % (max_run + 1))


def valid_text(text: str) -> str:
    """``text`` with every lone surrogate and noncharacter replaced by U+FFFD: always encodable."""
    if text.isascii():
        return text
    if _INVALID.search(text):
        text = _INVALID.sub(REPLACEMENT, text)
    if _ASTRAL.search(text):
        text = _ASTRAL.sub(lambda m: REPLACEMENT if ord(m[0]) & 0xFFFE == 0xFFFE else m[0], text)
    return text


def visible_text(text: str) -> str:
    """A title or name without bidi controls and zero-width characters (they spoof or split it)."""
    return _INVISIBLE.sub("", text) if _INVISIBLE.search(text) else text


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
