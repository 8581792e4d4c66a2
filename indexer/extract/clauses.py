"""Sources that a cue does not stand next to: the main clause, ``NAME:`` before a quote, pronouns,
transcript names, and the last resort for a quoting sentence without a cue.

``X vetoed the bill, arguing that …`` and ``X became a delegate and said …`` attribute the speech to
the subject of the main clause, several words (and possibly other names) away from the cue.  Reading
the nearest capitalised run instead credits the object (``the bill``) or a person merely mentioned,
so the subject is taken only where news prose puts it: at the start of the sentence, after at most a
conjunction (``But``) and an introductory phrase closed by a comma (``On Tuesday, X …``).
``Rep. Jo Fisk (R-S.C.): «Q»`` is how transcripts and live blogs attribute a quote.  Pronouns
(``he said``) and transcript names (``WALLACE:``) resolve to a person named elsewhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .article import canonical
from .given import given_sex
from .lexicon import AUX, STOP, TITLES
from .names import is_cap, is_quote, past_titles, run_bounds, run_forward
from .subjects import PREPOSITIONS, subject

if TYPE_CHECKING:
    from .finder import Finder

#: Words that open an introductory phrase ended by a comma: "On Tuesday, …", "Later, …" (closed class).
_INTRO = frozenset(
    "on in at after before during since while when last earlier later yesterday today tonight "
    "meanwhile still instead similarly however speaking asked interviewed separately then "
    "also again nevertheless likewise for by with".split())
#: Conjunctions that may open a sentence before its subject ("But X said"): closed class.
_LEADS = frozenset("but and so yet still also".split())


def clause_subject(toks: list[str], limit: int) -> tuple[str, int, int] | None:
    """``("run", start, end)`` or ``("pronoun", i, i + 1)`` for the main clause before ``limit``."""
    k = 0
    if k < limit and toks[k].lower() in _LEADS:
        k += 1
    if k < limit and toks[k].lower() in _INTRO and "," in toks[k:limit]:
        k = toks.index(",", k) + 1
    if k >= limit:
        return None
    if toks[k].lower() in ("he", "she"):
        return ("pronoun", k, k + 1)
    k = past_titles(toks, k, limit)  # "former governor Jo Vask left and said"
    if k >= limit or not is_cap(toks[k]):
        return None
    end = run_forward(toks, k)
    while (nxt := past_titles(toks, end, limit)) > end and nxt < limit and is_cap(toks[nxt]):
        end = run_forward(toks, nxt)  # "Democratic candidate Jo Vask, like X, has …"
    if end >= limit:
        return None
    nxt = toks[end]
    # the run must be the subject: followed by a verb, an adverb/aux, an appositive or a party tag
    if nxt in (",", "(") or nxt.lower() in AUX or (nxt.islower() and nxt.isalpha() and nxt not in STOP):
        return ("run", k, end)
    return None


def colon_subject(toks: list[str], colon: int) -> tuple[int, int] | None:
    """``Philip Bump: «Q»`` / ``Rep. Jo Fisk (R-S.C.): «Q»`` at the start of a sentence."""
    end = colon
    if end > 0 and toks[end - 1] == ")":
        while end > 0 and toks[end - 1] != "(":
            end -= 1
        end -= 1
    if end <= 0:
        return None
    first = run_forward(toks, 0)
    if first == end:
        return (0, end)
    if 0 < first < end and toks[first] == "," and all(  # "Jo Vask, 45, Columbus, Ohio: «Q»" (galleries)
            t in ",()" or is_cap(t) or t[:1].isdigit() for t in toks[first:end]):
        return (0, first)
    start = run_bounds(toks, end)  # "HEADLINE IN CAPITALS - Michael P. McDonald: «Q»" (a round-up)
    if 1 < start < end and toks[start - 1] in ("-", "—", "–", "--", "including"):
        return (start, end)  # "…, including Rep. Lacy Clay (D-Mo.): «Q»"
    return None


def main_clause(fd: Finder, idx: int, cue: int, j: int) -> bool:
    """``X vetoed it, arguing …`` / ``X left and said …``: the subject of the main clause."""
    sent = fd.art.sentences[idx]
    if sent.speakers:  # "X attacked Y, saying …": the subject of the speech clause before
        fd.take_name(idx, cue, sent.speakers[-1])
        return True
    found = clause_subject(sent.tokens, j)
    if found is None:
        return False
    kind, start, end = found
    if kind == "pronoun":
        pronoun(fd, idx, cue, start)
        return True
    return subject(fd, idx, cue, start, end, lists=False)


def colon(fd: Finder, idx: int, at: int) -> None:
    found = colon_subject(fd.art.sentences[idx].tokens, at)
    if found is not None:
        subject(fd, idx, at, found[0], found[1], lists=False, who=True)  # "including X:" is no object


def transcript(fd: Finder, idx: int, tok: str) -> None:
    """``WALLACE: Let's start…``: an interview transcript names its speaker in capitals."""
    name = tok.title()
    if name.lower() in fd.art.full_names or name in fd.art.titled:
        fd.take_name(idx, 0, name, ":")


def pronoun(fd: Finder, idx: int, cue: int, j: int) -> None:
    """``he said`` / ``she said``: the nearest speaker or person before it whose given name does not
    contradict the pronoun (``she`` after Bill and Hillary Clinton is Hillary)."""
    sent = fd.art.sentences[idx]
    sex = "f" if sent.tokens[j].lower() == "she" else "m"

    def fits(name: str, at: int) -> bool:
        canon = canonical(fd.art, name, at, sex)
        return canon is not None and given_sex(canon.split()[0]) in (sex, None, "?")

    if sent.speakers:  # "X said A, and he added B": the subject of the nearest speech clause
        spoke = [p for p in sent.speakers if fits(p, idx)] or sent.speakers
        return fd.take_name(idx, cue, spoke[-1], sex=sex)
    head = " ".join(sent.tokens[:j])
    before = [p for p in sent.persons if p in head and canonical(fd.art, p)]
    # "Holt's colleague Lauer … after he asked": a possessor is no subject the pronoun can take up
    before = [p for p in before if f"{p} 's" not in head and f"{p} ’s" not in head] or before
    before = _subjects_first(sent.tokens, before)
    if before:
        return fd.take_name(idx, cue, ([p for p in before if fits(p, idx)] or before)[0], sex=sex)
    for back in range(idx - 1, max(-1, idx - 4), -1):
        prev = fd.art.sentences[back]
        if prev.speakers:
            spoke = [p for p in prev.speakers if fits(p, back)] or prev.speakers
            return fd.take_name(idx, cue, spoke[-1], sex=sex)
        if prev.tokens[:1] and prev.tokens[0].lower() == sent.tokens[j].lower():
            continue  # "She has faced … Bill Clinton …. She said": the same pronoun as subject goes on the chain
        known = _subjects_first(prev.tokens, [p for p in prev.persons if canonical(fd.art, p)])
        if known:
            return fd.take_name(idx, cue, ([p for p in known if fits(p, back)] or known)[0], sex=sex)


def _subjects_first(toks: list[str], names: list[str]) -> list[str]:
    """``In an interview with Rusty Vane, Ham said …. He told …``: the object of a preposition is a
    listener or a place, seldom the one a later he/she takes up; such names go after the others."""
    def governed(name: str) -> bool:
        first = name.split()[0]
        at = toks.index(first) if first in toks else -1
        start = run_bounds(toks, at + 1) if at >= 0 else -1
        while start > 1 and toks[start - 1].islower() and (toks[start - 1] in TITLES or toks[start - 1] == "the"):
            start -= 1  # "with host Rusty Vane", "with the former governor X"
        return start > 0 and toks[start - 1].lower() in PREPOSITIONS
    return sorted(names, key=governed)


def lone_quoted(fd: Finder, idx: int) -> None:
    """A sentence that quotes a whole statement and names one person outside it (by a full name the
    article spells out), with no cue we read: ``Trump on Tuesday: «Q»``, ``Sanders went further:
    «Q»``.  Short quotes (under six words) are scare quotes and make no speaker.  Requiring the
    subject position instead was tried: as precise on PolNeAR train, but it found a third as many."""
    sent = fd.art.sentences[idx]
    if len(sent.persons) != 1 or not any(len(q.split()) >= 6 for q in sent.quotes.values()):
        return
    cue = next(i for i, t in enumerate(sent.tokens) if is_quote(t))
    canon = canonical(fd.art, sent.persons[0])
    if canon and " " in canon and canon in fd.art.full_names.get(canon.split()[-1].lower(), ()):
        fd.take_name(idx, cue, sent.persons[0], "quoted")
