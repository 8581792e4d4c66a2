"""Topic candidates from one article: normalised noun-like phrases with a local score.

Without a tagger, a candidate is a run of content words between stop words and punctuation (the
RAKE idea); person names the article contains are removed because speakers have their own field.
Phrases are normalised (lower case except acronyms, plural head singularised, hyphens kept as
written in one canonical form) so that the same topic is spelt the same way in every article,
which is what lets a topic facet group them.  The corpus-level choice happens in ``corpus.py``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from .burst import adaptation, known_word, mean_adaptation, noun_capable, person_noun
from .events import contest_labels, is_contest
from .lexicon import HONORIFICS, MONTH_NAMES, PLACES, TITLE_HEADS, WEEKDAY_NAMES
from .pos_lexicon import LEARNT_ADJECTIVES, LEARNT_VERBS
from .topic_words import (
    COMPANY_FORMS,
    IRREGULAR,
    NO_SINGULAR,
    NOT_PLACES,
    NOUN_LIKE,
    SHELL_NOUNS,
    TOPIC_STOP,
    VERB_FORMS,
    inflect,
)

#: Verb forms: the hand list plus bases learnt from news text (``make_pos_lexicon.py``).
_VERBS = VERB_FORMS | frozenset(f for b in LEARNT_VERBS for f in inflect(b))

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*|\d{4}s?\b|[^\sA-Za-z]")
#: Wire stock tickers ("Pre-Paid Legal <PPD>") are codes, not words.
_TICKER = re.compile(r"<[A-Z0-9.]{1,6}>")
#: Headline annotations in brackets: "(VIDEO)", "[UPDATED]", "(PHOTOS)".
_ANNOTATION = re.compile(r"[(\[][A-Z0-9 ,/&-]{2,20}[)\]]")
_LOWER_WORD = re.compile(r"\b[a-z][a-z]+\b")
MAX_WORDS = 4
#: Candidates an article keeps for the corpus step (the ones its statistics count), and how many more
#: it keeps in reserve: they only fill topic slots the first ones leave empty (``corpus.finalize_topics``).
CANDIDATES, RESERVE = 20, 20


def singular(word: str) -> str:
    """Cheap English singular for a phrase head: enough to merge "missiles" with "missile"."""
    w = word
    if len(w) <= 3 or w in NO_SINGULAR or not w.endswith("s") or w.endswith(("ss", "us", "is")):
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "shes", "ches", "xes", "zes")):
        return w[:-2]
    return w[:-1]


def normalise_phrase(words: Iterable[str]) -> str:
    return _normalise(tuple(words))


@lru_cache(maxsize=65536)
def _normalise(words: tuple[str, ...]) -> str:
    """Lower-case (acronyms kept), singular head, straight apostrophes, one space.

    A capitalised head whose singular news never writes is part of a name and stays as written: "Los
    Angeles" is no plural of "Los Angele" ("Defense Systems" in a headline is still "defense system").
    """
    name = words[-1][:1].isupper() and not known_word(singular(words[-1].lower()))
    out: list[str] = []
    for w in words:
        w = w.replace("’", "'").replace("‘", "'")
        w = w.removesuffix("'s").strip("'\"“”")  # quotes around a word are punctuation, not part of it
        bare = w.replace("-", "")
        out.append(w if (bare.isupper() and len(bare) >= 2) or w == "U.S." else w.lower())
    if out and not out[-1].isupper() and not name:
        out[-1] = "-".join(singular(p) for p in out[-1].split("-")[:-1]) + \
            ("-" if "-" in out[-1] else "") + singular(out[-1].split("-")[-1]) \
            if "-" in out[-1] else singular(out[-1])
    return " ".join(out)


def _is_content(tok: str, names: set[str] | frozenset[str]) -> bool:
    return _content_word(tok) and tok not in names and _possessor(tok) not in names


@lru_cache(maxsize=65536)
def _possessor(tok: str) -> str:
    return tok.removesuffix("'s").removesuffix("’s")


@lru_cache(maxsize=65536)
def _content_word(tok: str) -> bool:
    if not tok[:1].isalnum():
        return False
    low = tok.lower().replace("’", "'")
    if low in TOPIC_STOP or low.rstrip("'s") in TOPIC_STOP:
        return False
    if tok[:1].isdigit():
        return len(tok) == 4 and tok.startswith(("19", "20"))
    if len(tok) > 5 and tok.isupper():  # datelines and transcript labels (HEMPSTEAD, WALLACE:)
        return False
    return len(tok) > 1


@lru_cache(maxsize=65536)
def _verbal(tok: str) -> bool:
    low = tok.lower()
    return (low in _VERBS and low not in NOUN_LIKE) or (low.endswith("ly") and len(low) > 4)


@lru_cache(maxsize=65536)
def _not_head(tok: str) -> bool:
    """Words that cannot end a topic phrase: adjectives, participles, places ("useful", "Tulsa")."""
    low = tok.lower()
    return low in LEARNT_ADJECTIVES or (low.endswith(("ed", "ing")) and low not in NOUN_LIKE
                                                         and low in _VERBS)


@lru_cache(maxsize=65536)
def _noun_head(tok: str, before: str) -> bool:
    """A verb-or-noun word that ends a run after a noun is the noun: "climate change", "job cuts", "tax returns".

    English compounds put the head last, and a verb there would need an object or complement, which
    the run's end (a stop word or punctuation follows) rules out.  Past forms stay verbs ("prices rose").
    """
    low = tok.lower()
    return (_verbal(tok) and not low.endswith(("ed", "ly")) and low not in IRREGULAR
            and noun_capable(low) and not _verbal(before) and not _not_head(before))


def _split_verbs(run: list[str]) -> Iterable[list[str]]:
    """Cut a run at verbs and adverbs; an -ed/-ing form may stay as a modifier of the next word."""
    part: list[str] = []
    for n, tok in enumerate(run):
        if n == len(run) - 1 and part and _noun_head(tok, part[-1]):
            part.append(tok)
            continue
        if _verbal(tok) and not (tok.endswith(("ed", "ing")) and n + 1 < len(run) and not _verbal(run[n + 1])):
            if part:
                yield part
            part = []
            continue
        part.append(tok)
    if part:
        yield part


def _trim(chunk: list[str]) -> list[str]:
    while chunk and (chunk[-1].lower() in SHELL_NOUNS
                     or _not_head(chunk[-1]) and not (len(chunk) > 1 and _noun_head(chunk[-1], chunk[-2]))):
        chunk = chunk[:-1]
    if all(_place(w) for w in chunk) or (len(chunk) == 1 and chunk[0][:1].isdigit()):  # a place, a bare year
        return []
    if any(w.lower().rstrip(".") in COMPANY_FORMS for w in chunk):  # "British Petroleum Co Plc" is an org
        return []
    return chunk


@lru_cache(maxsize=65536)
def _place(word: str) -> bool:
    """A word of a place name ("South Korea", "United States"); "Brexit" and "Muslims" are subjects."""
    low = word.lower()
    return low in _GEO or all(p in _GEO for p in low.split("-"))


#: Calendar words the speaker lexicon keeps among PLACES (capitalised non-names): no demonym comes from them.
_CALENDAR = MONTH_NAMES | WEEKDAY_NAMES | {"christmas", "easter", "ramadan"}


def _demonyms(places: frozenset[str]) -> frozenset[str]:
    """Adjectives of place names by English's productive suffixes (``Australia`` → ``Australian``, ``Italy`` →
    ``Italian``, ``Cuba`` → ``Cuban``, ``Pakistan`` → ``Pakistani``), kept where news writes them (the background
    table knows the word): "50 mln Australian dlrs" says where, as "West German" does, never what."""
    out = set()
    for p in places - _CALENDAR:
        if not p.isalpha() or len(p) < 4:
            continue
        forms = {p + "n", p + "ian", p + "ese", p + "i"}
        if p.endswith(("a", "o", "e", "y")):
            forms |= {p[:-1] + "an", p[:-1] + "ian", p[:-1] + "ese"}
        out |= {f for f in forms if known_word(f)}
    return frozenset(out)


#: Words of place names for ``_place``: the speaker lexicon's PLACES, less the subjects in NOT_PLACES, and
#: their demonyms.
_GEO = (PLACES - NOT_PLACES) | {"united", "states", "kingdom"}
_GEO = _GEO | _demonyms(_GEO)


def _designator(tok: str, run: list[str]) -> bool:
    """A capital letter after a lower-case noun names one member of a series: "class A shares", "vitamin C",
    "plan B".  The noun alone then names the kind of series (``class``, ``type``), not what the story is about."""
    return len(tok) == 1 and tok.isupper() and tok != "I" and bool(run) and run[-1].islower()


def _chunks(tokens: list[str], names: set[str] | frozenset[str]) -> Iterable[list[str]]:
    run: list[str] = []
    for tok in tokens:
        if run and tok[:1].isupper() and _title(run[-1]):
            run = []  # "West German Finance Minister Gerhard …": a title and a name are who, not what
            continue
        if _designator(tok, run):
            run = run[:-1]
        if _is_content(tok, names):
            run.append(tok)
            continue
        if run:
            yield from _split_verbs(run)
        run = []
    if run:
        yield from _split_verbs(run)


#: How strongly a phrase's background adaptation scales its local score (0 = not at all).
TOPICALITY_POWER = 0.5


@lru_cache(maxsize=65536)
def _topicality(phrase: str) -> float:
    """Relative adaptation of the phrase's most topical word: "coffee market" ≫ "afternoon"."""
    best = max(adaptation(w) for w in phrase.replace("-", " ").split())
    return (best / mean_adaptation()) ** TOPICALITY_POWER


@lru_cache(maxsize=65536)
def _names_a_person(head: str) -> bool:
    """Whether a phrase head names one person ("Republican presidential nominee"): who, not what.

    Plural groups stay topics ("Latino voters").
    """
    low = _possessor(head.lower())
    return not low.endswith("s") and (_title(_possessor(head)) or person_noun(low))


#: Abbreviated titles ("Sec.", "Gov", "Pres"): spelt like acronyms and other words once case is gone.
_ABBREVIATED = frozenset(k for k in TITLE_HEADS if len(k) <= 4)


def _title(word: str) -> bool:
    """A title before a name ("Sec. Clinton", "Gov Ross"); an acronym spelt like one is an institution, a
    subject (``SEC``, the Securities and Exchange Commission, is no secretary).  An abbreviated title is
    written capitalised: in lower case it comes from a headline in capitals lower-cased ("KORVANE FILES WITH
    SEC"), where title and acronym cannot be told apart and a name after a title is taken out anyway."""
    low = word.lower()
    return low in HONORIFICS and not (len(word) > 1 and word.isupper()) and not (word.islower()
                                                                                and low in _ABBREVIATED)


def _name_words(names: Iterable[str], body: str) -> set[str]:
    """Words of people's names, except those the article also writes in lower case.

    A capitalised run the name reader took for a person ("Clean Power Plan") must not take the
    programme's words out of the topics: "power" and "plan" in lower case show they are common words.
    """
    words = {p for n in names for p in n.split()}
    lower = set(_LOWER_WORD.findall(body))
    return {w for w in words if len(w) <= 2 or w.lower() not in lower}


def candidates(title: str, body: str, names: Iterable[str] = (), limit: int = CANDIDATES,
               reserve: int = 0) -> tuple[str, ...]:
    """Up to ``limit`` normalised candidate phrases, best first by a local score, then up to ``reserve`` more.

    A chunk counts as itself (when at most four words) and through its bigrams and head word, so
    "global nuclear security summit" also votes for "security summit", "nuclear security" and "summit"
    (a headline run such as "Clinton-Supporting Super PACs Target Latino Voters" holds "super PACs" inside);
    the corpus step later decides which granularity is a shared, discriminating topic.
    """
    name_words = _name_words(names, body)
    title_names = name_words
    title = _ANNOTATION.sub(" . ", _TICKER.sub(" . ", title))
    body = _TICKER.sub(" . ", body)
    if title.isupper():  # wire headlines in capitals: not acronyms, and names lose their capitals too
        title = title.lower()
        title_names = name_words | {w.lower() for w in name_words}
    score: Counter[str] = Counter()
    first: dict[str, int] = {}
    for weight, text, known in ((2.5, title, title_names), (1.0, body, name_words)):
        tokens = _WORD.findall(text)
        for pos, raw in enumerate(_chunks(tokens, known)):
            for label in contest_labels(raw):
                score[label] += weight
                first.setdefault(label, pos)
            chunk = _trim(raw)
            if not chunk:
                continue
            forms = []
            if len(chunk) <= MAX_WORDS:
                forms.append((chunk, 1.0 + 0.4 * (len(chunk) - 1)))
            if len(chunk) >= 3:
                forms.append((chunk[-2:], 0.8))
                forms.append((chunk[:2], 0.6))
                forms += [(chunk[i:i + 2], 0.6) for i in range(1, len(chunk) - 2)]
            if len(chunk) >= 2:
                forms.append((chunk[-1:], 0.5))
            for words, w in forms:
                phrase = normalise_phrase(words)
                if len(phrase) < 3 or _names_a_person(words[-1]) or all(_place(x) for x in words):
                    continue
                score[phrase] += weight * w
                first.setdefault(phrase, pos)
    for phrase in score:
        score[phrase] *= _topicality(phrase)
    ranked = sorted(score, key=lambda p: (-score[p] - 2.0 / (1 + first[p] / 10), p))
    contests = [p for p in ranked[limit:] if is_contest(p)]  # the article's contest is kept whatever its rank
    more = [p for p in ranked[limit - len(contests):] if not is_contest(p)][:reserve]
    return tuple(ranked[:limit - len(contests)] + contests + more)
