"""Tokenising masked sentences and reading capitalised runs as people, organisations or places.

A run such as ``National Security Advisor for Strategic Communications Ben Rhodes`` holds titles and
a name; the title words are stripped from the front and, when more than a first name, middle initial
and surname remain, only the last two or three words are kept.  A run whose remainder names an
institution (``The New York Times``, ``White House``) is an organisation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import HONORIFICS, ORG_WORDS, PLACES, STOP, TITLE_HEADS, TITLES

_TOKEN = re.compile(
    r"«Q\d+\.?»"
    r"|(?:Mr|Mrs|Ms|Dr|Sen|Sens|Rep|Reps|Gov|Gen|Lt|Col|Sgt|Capt|Adm|Rev|St|Jr|Sr|Prof|Sec|Atty|Pres|Maj)\.(?=\s)"
    r"|(?:[A-Z]\.){1,3}(?=[\s,;:)”’\"]|$)"
    r"|[A-Za-z][\w]*(?:[’'](?![sS]\b)[\w]+)*(?:[-.][A-Za-z][\w]*)*"
    r"|[’']s\b|\d[\d,.:%]*\w*|—|–|--|\S"
)
_PARTICLES = frozenset(["de", "da", "di", "del", "della", "van", "von", "der", "den", "bin", "ibn", "al", "la", "le", "du", "st."])
_SUFFIX = frozenset(["jr", "jr.", "sr", "sr.", "ii", "iii", "iv"])


def tokenize(sentence: str) -> list[str]:
    return _TOKEN.findall(sentence)


def is_quote(tok: str) -> bool:
    return tok.startswith("«Q")


def _key(tok: str) -> str:
    return tok.lower().rstrip(".")


def is_cap(tok: str) -> bool:
    """A token that may belong to a proper-name run."""
    if not tok[:1].isupper() or is_quote(tok):
        return False
    return tok.lower() not in STOP or tok in ("Mr.", "Mrs.", "Ms.")


@dataclass(frozen=True)
class Run:
    """A classified capitalised run: ``kind`` is person, org, place or other."""

    kind: str
    name: str
    titles: tuple[str, ...]
    start: int
    end: int  # exclusive token index


def run_bounds(tokens: list[str], end: int) -> int:
    """Start index of the capitalised run that ends just before ``end`` (joined by particles)."""
    i = end - 1
    while i >= 0:
        t = tokens[i]
        if is_cap(t) or (t.lower() in _PARTICLES and i > 0 and is_cap(tokens[i - 1])
                         and i + 1 < end):
            i -= 1
            continue
        break
    return i + 1


def run_forward(tokens: list[str], start: int, connectors: bool = False) -> int:
    """End index (exclusive) of the run starting at ``start``; ``connectors`` lets of/for join."""
    i = start
    while i < len(tokens):
        t = tokens[i]
        if is_cap(t) or t.lower() in _SUFFIX or (t.lower() in _PARTICLES or (connectors and t in ("of", "for", "on"))) and \
                i + 1 < len(tokens) and is_cap(tokens[i + 1]):
            i += 1
        else:
            break
    return i


def classify(tokens: list[str], start: int, end: int) -> Run:
    words = [t for t in tokens[start:end]]
    lowered = [_key(w) for w in words]
    if any(w in ORG_WORDS for w in lowered if w not in ("house",)) or (
            "house" in lowered and "white" in lowered) or any(
            w.isupper() and len(w.replace(".", "")) >= 2 and w.replace(".", "").isalpha()
            and w not in ("II", "III", "IV", "JR", "SR") for w in words[-1:]):
        # Still a person when a plain name follows the institution: "White House Press Secretary Josh Earnest".
        tail = _strip_titles(words)
        if not (len(tail) >= 2 and not any(_key(w) in ORG_WORDS | PLACES or w.isupper()
                                           for w in tail)):
            return Run("org", " ".join(w for w in words if w.lower() != "the"), (), start, end)
        words = tail
    titles = tuple(_title_head(w) for w in tokens[start:end] if _key(w) in TITLES)
    name = _strip_titles(words)
    name = [w for w in name if w.lower() not in _SUFFIX]
    if not name:
        return Run("other", " ".join(words), titles, start, end)
    if all(_key(w) in PLACES for w in name):
        return Run("place", " ".join(name), titles, start, end)
    if len(name) > 3 or (len(name) == 3 and not _initial(name[1])):
        name = name[-3:] if _initial(name[-2]) else name[-2:]
    if any(_key(w) in PLACES for w in name) and len(name) > 1 and _key(name[-1]) in PLACES:
        return Run("place", " ".join(name), titles, start, end)
    return Run("person", " ".join(name), titles, start, end)


def _initial(w: str) -> bool:
    return bool(re.fullmatch(r"[A-Z]\.?", w))


def _title_head(w: str) -> str:
    k = _key(w)
    return TITLE_HEADS.get(k, k)


def _strip_titles(words: list[str]) -> list[str]:
    i = 0
    while i < len(words) and (_key(words[i]) in TITLES or words[i].lower() in STOP):
        i += 1
    return list(words[i:])


def has_honorific(tokens: list[str], start: int, end: int) -> bool:
    return any(_key(t) in HONORIFICS for t in tokens[start:end - 1])
