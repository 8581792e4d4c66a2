"""Tokenising masked sentences and reading capitalised runs as people, organisations or places.

A run such as ``National Security Advisor for Strategic Communications Ben Rhodes`` holds titles and
a name; the title words are stripped from the front and, when more than a first name, middle initial
and surname remain, only the last two or three words are kept.  A run whose remainder names an
institution (``The New York Times``, ``White House``) is an organisation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from .given import given_sex
from .lexicon import (
    HONORIFICS,
    LONG_NOUN_ENDINGS,
    NOUN_ENDINGS,
    ORG_WORDS,
    PLACE_HEADS,
    PLACE_TAILS,
    PLACES,
    STOP,
    TITLE_HEADS,
    TITLES,
    WEEKDAY_NAMES,
)

_TOKEN = re.compile(
    r"«Q\d+\.?»"
    r"|(?:Mr|Mrs|Ms|Dr|Sen|Sens|Rep|Reps|Gov|Gen|Lt|Col|Sgt|Capt|Adm|Rev|St|Jr|Sr|Prof|Sec|Atty|Pres|Maj)\.(?=\s)"
    r"|(?:[A-Z]\.){1,3}(?=[\s,;:)”’\"]|$)"
    r"|[A-Za-z][\w]*(?:[’'](?![sS]\b)[\w]+)*(?:[-.][A-Za-z][\w]*)*"
    r"|[’']s\b|\d[\d,.:%]*\w*|—|–|--|\S"
)
#: Surname particles that join a name run ("Omar bin Fadl", "Ursula von der Leyen"): a closed set.
PARTICLES = frozenset(
    "de da di del della van von der den bin ibn al la le du st. "
    "".split()
)
#: "Clinton-run", "Trump-backed", "Obama-era": a name turned modifier (unlike "Ban Ki-moon").
_MODIFIER_TAILS = frozenset(
    "run led backed style era like esque linked allied aligned affiliated friendly supporting owned "
    "based funded sponsored appointed controlled leaning inspired related endorsed approved".split())
#: Generational suffixes left out of a name ("Jr.", "III"): a closed set.
_SUFFIX = frozenset(["jr", "jr.", "sr", "sr.", "ii", "iii", "iv"])


_ARABIC_ARTICLE = re.compile(r"(?:al|el)-[A-Z][a-z]")


def tokenize(sentence: str) -> list[str]:
    return _TOKEN.findall(sentence)


def is_quote(tok: str) -> bool:
    return tok.startswith("«Q")


def _key(tok: str) -> str:
    return tok.lower().rstrip(".")


@lru_cache(maxsize=65536)
def is_cap(tok: str) -> bool:
    """A token that may belong to a proper-name run."""
    if _ARABIC_ARTICLE.match(tok):
        return True  # "Fadhil al-Chalabi", "Abdel Fattah el-Sisi": the article is part of the surname
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
        if is_cap(t) or (t.lower() in PARTICLES and i > 0 and is_cap(tokens[i - 1])
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
        joiner = t.lower() in PARTICLES or (connectors and t in ("of", "for", "on"))
        if is_cap(t) or t.lower() in _SUFFIX or joiner and \
                i + 1 < len(tokens) and is_cap(tokens[i + 1]):
            i += 1
        else:
            break
    return i


#: Day names that open a run before a name ("On Tuesday Stoltenberg said"): never a given name here.
def past_titles(tokens: list[str], k: int, limit: int | None = None) -> int:
    """The index after the lower-case titles from ``k`` on (``presidential nominee``, ``former governor``):
    where a name run resumes after them (``GOP presidential nominee Jo Vask``)."""
    limit = len(tokens) if limit is None else limit
    while k < limit and tokens[k].islower() and tokens[k] in TITLES:
        k += 1
    return k


def capitalised_runs(tokens: list[str]) -> Iterator[tuple[int, int, Run]]:
    """Each capitalised run of a sentence, left to right: its start, its end and how it reads."""
    i = 0
    while i < len(tokens):
        if not is_cap(tokens[i]):
            i += 1
            continue
        end = run_forward(tokens, i)
        yield i, end, classify(tokens, i, end)
        i = max(end, i + 1)


def _institutional(w: str) -> bool:
    k = _key(w)
    bare = w.replace(".", "")
    acronym = bare.isupper() and len(bare) >= 2 and bare.isalpha() and bare not in ("II", "III", "IV")
    if acronym and "." in w and len(bare) == 2 and bare not in ("US", "UN", "UK", "EU", "DC"):
        return False  # dotted initials: "J.J. MacNab"
    return k in ORG_WORDS or acronym


def classify(tokens: list[str], start: int, end: int) -> Run:
    """Read a run: the words after its last title or institution word are the person's name."""
    words = list(tokens[start:end])
    while words and words[0].lower() in WEEKDAY_NAMES:  # "On Tuesday Stoltenberg said": a day, then the name
        words.pop(0)
        start += 1
    if not words:
        return Run("other", "", (), start, end)
    cut = 0
    for n, w in enumerate(words):
        if _key(w) in TITLES or _institutional(w) or w.lower() in STOP:
            cut = n + 1
    name = [w for w in words[cut:] if w.lower() not in _SUFFIX]
    titles = tuple(_title_head(w) for w in words[:cut] if _key(w) in TITLES)
    institution = any(_institutional(w) for w in words[:cut]) or (
        "house" in [_key(w) for w in words] and "white" in [_key(w) for w in words])
    if not name and _titled_surname(tokens, start, words):
        return Run("person", " ".join(words), (), start, end)
    if not name or (institution and len(name) == 1 and cut and not has_honorific(words, 0, len(words))):
        if institution:
            return Run("org", " ".join(w for w in words if w.lower() != "the"), (), start, end)
        return Run("other", " ".join(words), titles, start, end)
    if len(name) == 1 and cut and not any(_key(w) in HONORIFICS for w in words[:cut]):
        return Run("other", " ".join(words), titles, start, end)  # "Labor Day", "Climate Change"
    if all(_key(w) in PLACES for w in name) and not month_surname(name):
        return Run("place", " ".join(name), titles, start, end)
    if len(name) > 3 or (len(name) == 3 and not _initial(name[1]) and name[1] not in PARTICLES
                         and not given_sex(name[0])):  # a given name, a middle name: Hillary Rodham Clinton
        name = name[-3:] if _initial(name[-2]) or name[-2] in PARTICLES else name[-2:]  # Osama bin Laden
    last = name[-1].lower()
    if last.endswith(NOUN_ENDINGS) or (len(last) > 7 and last.endswith(LONG_NOUN_ENDINGS)) or \
            ("-" in last and last.rsplit("-", 1)[1] in _MODIFIER_TAILS):
        return Run("other", " ".join(words), titles, start, end)  # "Rising Tensions", "Clinton-run"
    if len(name) > 1 and (_key(name[-1]) in PLACES and not month_surname(name) or _key(name[-1]) in PLACE_TAILS
                          or name[0].lower() in PLACE_HEADS):
        return Run("place", " ".join(name), titles, start, end)
    return Run("person", " ".join(name), titles, start, end)


#: Months that are also surnames (Theresa May, Brian March): after a given name they are the surname.
_MONTH_SURNAMES = frozenset("march april may june august".split())


def month_surname(name: list[str]) -> bool:
    """``Theresa May``: a known given name, then a month word, is a person, not a date."""
    return len(name) == 2 and _key(name[1]) in _MONTH_SURNAMES and given_sex(name[0]) in ("m", "f") \
        and _key(name[0]) not in PLACES


def _titled_surname(tokens: list[str], start: int, words: list[str]) -> bool:
    """``co-chairman Liam Fox``, ``mayor Michael Bloomberg``: a given name, then an organisation word,
    after a lower-case title.  The title says a person follows, so the organisation word is a surname
    (a company or a newspaper is not written after a job title and a given name)."""
    if len(words) != 2 or start == 0 or _key(words[1]) not in ORG_WORDS or given_sex(words[0]) not in ("m", "f"):
        return False
    prev = tokens[start - 1]
    return prev.islower() and prev.rsplit("-", 1)[-1] in TITLES


def _initial(w: str) -> bool:
    return bool(re.fullmatch(r"[A-Z]\.?", w))


def _title_head(w: str) -> str:
    k = _key(w)
    return TITLE_HEADS.get(k, k)


def has_honorific(tokens: list[str], start: int, end: int) -> bool:
    return any(_key(t) in HONORIFICS for t in tokens[start:end - 1])
