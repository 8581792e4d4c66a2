"""Readers for a source written before its cue: ``NAME said``, ``NAME, <appositive>, said``,
``<desc>, NAME, said``, ``NAME, who said``, ``NAME of ORG said``, lists (``A and B said``), series
(``A, B and C said``), names set off by dashes or brackets and descriptions (``the senator said``)
resolved to a person named earlier.

Each reader takes the article's :class:`~.finder.Finder`, the sentence index, the cue's token index and
where the subject ends; it records what it finds through ``Finder.take`` and says whether it found a
subject, so a pattern row can let the walk go on when it did not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .lexicon import ORG_WORDS, SPEECH_VERBS, TITLES, WHEN_WORDS
from .names import Run, classify, is_cap, is_quote, run_bounds, run_forward

if TYPE_CHECKING:
    from .finder import Finder

#: Dash tokens (em, en, double hyphen, horizontal bar): ``«Q» — NAME``, ``— NAME, who … — said``.
DASHES = ("—", "–", "--", "―")
#: Prepositions before a run that make it an object, not a subject (``in Toledo, Ohio, said``): closed class.
PREPOSITIONS = frozenset(
    "in of from at on to with by for into about against among over under near like including than via "
    "".split()
)
#: A cue word after one of these is a noun (``the state``, ``his comments``, ``the attacks``), not a verb.
DETERMINERS = frozenset("the a an his her its their our this these those my your every each no".split())
#: ``X and his aides said``: the words that open a group paired with a person (closed class of determiners).
_GROUP_OPENERS = frozenset("his her their other several some many top fellow".split())


def subject(fd: Finder, idx: int, cue: int, start: int, end: int, lists: bool = True,
            who: bool = False) -> bool:
    """Take the run ``toks[start:end]`` as the cue's subject; False when it cannot be one."""
    toks = fd.art.sentences[idx].tokens
    if start >= 2 and toks[start - 1] in ("of", "for", "on") and is_cap(toks[start - 2]) and \
            _owned_subject(fd, idx, cue, start, end):
        return True
    if start > 0 and toks[start - 1] == "with" and toks[cue].endswith("ing"):
        who = True  # "with Donald Trump tweeting that …": an absolute clause names the speaker
    if not who and start > 0 and toks[start - 1].lower() in PREPOSITIONS:
        return _owner(fd, idx, cue, start)  # "in Toledo, Ohio, said" is no subject; "X of Y said" is
    run = classify(toks, start, end)
    if run.kind == "place" and start >= 2 and toks[start - 1] in ("of", "from"):
        return subject(fd, idx, cue, run_bounds(toks, start - 1), start - 1)
    if run.kind not in ("person", "org"):
        return False
    fd.take(idx, cue, run)
    k = start - 1  # "A and B said", "A (D-Ohio) and B said"
    if lists and k > 0 and toks[k] == "and":
        k -= 1
        if toks[k] == ")":
            while k > 0 and toks[k] != "(":
                k -= 1
            k -= 1
        if k > 0 and toks[k] == ",":
            k -= 1  # "A, B, and C said"
        if k >= 0 and is_cap(toks[k]):
            b = run_bounds(toks, k + 1)
            other = classify(toks, b, k + 1)
            if other.kind == "person" and toks[b - 1:][:1] != [","]:
                fd.take(idx, cue, other)
            elif other.kind == "person":
                _series(fd, idx, cue, b, [other])
    return True


#: Conjunctions that make the clause a supposition (``if Holt asks him``): nobody has said anything.
_HYPOTHETICAL = frozenset(("if", "unless", "whether"))


def unstated(toks: list[str], start: int) -> bool:
    """The subject at ``start`` opens the reported clause of another speech verb (``Ada says Bo promised
    …``, ``He said that Bo hopes …``): a source quoted only inside another source's report is nested
    attribution, which the labelling rules leave out; or it opens a supposition (``if Bo asks``)."""
    k = start - 1
    if k >= 0 and toks[k].lower() in _HYPOTHETICAL:
        return True
    if k > 0 and toks[k] == "that":
        k -= 1
        while k > 0 and (toks[k] in WHEN_WORDS or toks[k] in ("on", "last", "this", "late", "early")):
            k -= 1  # "said Monday that", "said on Tuesday that"
    return k > 0 and toks[k] in SPEECH_VERBS and toks[k].islower() and toks[k - 1] not in DETERMINERS


def _owned_subject(fd: Finder, idx: int, cue: int, start: int, end: int) -> bool:
    """``Director of Government Affairs Phil Smith``, ``Federal Bureau of Widgets``: a run joined by
    of/for/on to the capitalised run before it."""
    toks = fd.art.sentences[idx].tokens
    left = run_bounds(toks, start - 1)
    wider = classify(toks, left, end)  # "Federal Bureau of Widgets"
    owner = classify(toks, left, start - 1)
    run = classify(toks, start, end)
    if wider.kind == "person" and len(wider.name.split()) >= 2 and toks[start - 1] != "on" \
            and run.titles and any(w.lower().rstrip(".") in TITLES for w in toks[left:start - 1]):
        fd.take(idx, cue, wider)  # "UMWA Director of Government Affairs Phil Smith"
        return True
    if run.kind == "person" and len(run.name.split()) >= 2 and run.titles and owner.kind == "org":
        fd.take(idx, cue, run)  # "The Council on X National Executive Director Nihad Awad says"
        return True
    if wider.kind == "org" and not (owner.kind == "person" and len(owner.name.split()) >= 2):
        fd.take(idx, cue, wider)
        return True
    return False


def named(fd: Finder, idx: int, cue: int, j: int) -> bool:
    """``NAME [aux] CUE``: the capitalised run that ends at ``j``, unless it opens an unclosed appositive."""
    start = run_bounds(fd.art.sentences[idx].tokens, j + 1)
    return open_appositive(fd, idx, cue, start) or subject(fd, idx, cue, start, j + 1)


def appositive(fd: Finder, idx: int, cue: int, comma: int) -> bool:
    """``A lawyer for the outlets, David Schulz, said`` / ``X, the head of the Y Agency, said``."""
    toks = fd.art.sentences[idx].tokens
    start = run_bounds(toks, comma)  # "A lawyer for the outlets, David Schulz, said"
    if start < comma and (start == 0 or toks[start - 1] in (",", "'s", "’s")) and \
            classify(toks, start, comma).kind == "person" and \
            subject(fd, idx, cue, start, comma, lists=False):
        return True
    org: tuple[int, int] | None = None
    for k in range(comma - 1, max(-1, comma - 40), -1):
        t = toks[k]
        if is_quote(t) or (t.lower() in SPEECH_VERBS and toks[k - 1].lower() not in DETERMINERS):
            return _who_before(fd, idx, cue, k)
        if t == "," and k > 0 and is_cap(toks[k - 1]):
            b = run_bounds(toks, k)
            run = classify(toks, b, k)
            if run.kind == "org" and (b == 0 or toks[b - 1] != ","):
                org = org or (b, k)  # "X, the head of the Y Agency, said": keep looking for X
                continue
            if run.kind == "person" and b > 0 and toks[b - 1] == "," and not fd.known(run.name):
                continue  # "Marco Rubio, whose hometown, Miami, is …, argues"
            if b > 0 and toks[b - 1].islower() and toks[b - 1].endswith(("ing", "ed")):
                continue  # "Clinton, answering Lester Holt, said": an object, not the subject
            if subject(fd, idx, cue, b, k, lists=False):
                return True
        if t == "," and k > 3 and toks[k - 1] == ")":  # "Rep. Jo Fisk (D-Va.), ranking member of …, said"
            p = k - 1
            while p > 0 and toks[p] != "(" and k - p < 8:
                p -= 1
            if toks[p] == "(" and p > 0 and is_cap(toks[p - 1]):
                return subject(fd, idx, cue, run_bounds(toks, p), p, lists=False)
    return org is not None and subject(fd, idx, cue, org[0], org[1], lists=False)


def _who_before(fd: Finder, idx: int, cue: int, k: int) -> bool:
    """``X, who has not endorsed Y, told``: the appositive holds a quote or a cue at ``k``; the subject is
    the name before a ``who`` just before it, if any."""
    toks = fd.art.sentences[idx].tokens
    w = next((m for m in range(k - 1, max(1, k - 6), -1) if toks[m] == "who"), 0)
    if w and toks[w - 1] == "," and is_cap(toks[w - 2]):
        return subject(fd, idx, cue, run_bounds(toks, w - 1), w - 1, lists=False)
    return False


def _owner(fd: Finder, idx: int, cue: int, start: int) -> bool:
    """``David Albright of the Institute for Science wrote``: the person before of/at/from."""
    toks = fd.art.sentences[idx].tokens
    for p in range(start - 1, max(0, start - 14), -1):
        t = toks[p]
        if t in (",", ";", ":") or is_quote(t) or t.lower() in SPEECH_VERBS:
            return False
        if t in ("of", "at", "from", "with") and p > 0 and is_cap(toks[p - 1]):
            b = run_bounds(toks, p)
            run = classify(toks, b, p)
            if run.kind == "person" and (b == 0 or toks[b - 1].lower() not in PREPOSITIONS):
                fd.take(idx, cue, run)
                return True
    return False


def bracketed(fd: Finder, idx: int, cue: int, j: int) -> bool:
    """``Sen. Jack Reed (D-R.I.), said``: the name before the bracket."""
    toks = fd.art.sentences[idx].tokens
    k = j - 1
    while k > 0 and toks[k] != "(":
        k -= 1
    return k > 0 and is_cap(toks[k - 1]) and subject(fd, idx, cue, run_bounds(toks, k), k)


def who(fd: Finder, idx: int, cue: int, j: int) -> None:
    """``X, who said`` / ``X of California, the ranking Democrat on the Y Committee, who said``."""
    toks = fd.art.sentences[idx].tokens
    if j >= 2 and toks[j - 1] == "," and is_cap(toks[j - 2]):
        b = run_bounds(toks, j - 1)  # "Sen. X of California, the ranking Democrat on the Y Committee, who said"
        if classify(toks, b, j - 1).kind == "person" or not _who_subject(fd, idx, cue, j - 1):
            subject(fd, idx, cue, b, j - 1, lists=False, who=True)
    elif j >= 4:
        _described_who(fd, idx, cue, j)  # "Sosa, a Texas media consultant who said"
    else:
        description(fd, idx, cue, j)


def _who_subject(fd: Finder, idx: int, cue: int, comma: int) -> bool:
    """``by Sen. X of California, the ranking Democrat on the Y Committee, who said``: the nearest
    person before the appositive, past places, titles and organisations (even after ``by``)."""
    toks = fd.art.sentences[idx].tokens
    for k in range(comma - 1, max(-1, comma - 25), -1):
        if is_quote(toks[k]) or toks[k].lower() in SPEECH_VERBS:
            return False
        if is_cap(toks[k]) and not is_cap(toks[k + 1]):
            run = classify(toks, run_bounds(toks, k + 1), k + 1)
            if run.kind == "person" and fd.known(run.name):
                fd.take(idx, cue, run)
                return True
    return False


def _described_who(fd: Finder, idx: int, cue: int, j: int) -> None:
    """``X, a little-known county commissioner who accused him``: X, when the description between
    the comma and ``who`` opens with an article."""
    toks = fd.art.sentences[idx].tokens
    k = next((m for m in range(j - 1, max(0, j - 12), -1) if toks[m] == ","), 0)
    if k > 0 and toks[k + 1].lower() in ("a", "an", "the") and is_cap(toks[k - 1]) and \
            not any(is_quote(t) or t == "," for t in toks[k + 1 : j]):
        run = classify(toks, run_bounds(toks, k), k)
        if run.kind == "person" and fd.known(run.name):
            fd.take(idx, cue, run)


def description(fd: Finder, idx: int, cue: int, j: int) -> None:
    """``the senator said``: the latest person with that title or appositive; ``X and his aides
    said`` / ``Mr. Xi and other leaders have said``: X, first of a pair with a group."""
    toks = fd.art.sentences[idx].tokens
    head = toks[j].lower()
    a = next((k for k in range(j - 1, max(0, j - 4), -1) if toks[k] == "and"), 0)
    if a > 0 and is_cap(toks[a - 1]) and toks[a + 1] in _GROUP_OPENERS and \
            all(t.isalpha() and t.islower() for t in toks[a + 1 : j + 1]):
        subject(fd, idx, cue, run_bounds(toks, a), a, lists=False)
        return
    if head in ORG_WORDS:
        return  # "the Trump campaign said" is the organisation, not its manager
    if not _described_by_the(toks, j):
        return
    for back in range(idx, max(-1, idx - 8), -1):
        for name in reversed(fd.art.sentences[back].persons):
            if head in fd.art.roles.get(name.split()[-1].lower(), ()):
                return fd.take_name(idx, cue, name)


def _described_by_the(toks: list[str], j: int) -> bool:
    """``[, ] the senior senator said``: ``the`` within six plain words before ``j``, opening a clause."""
    for k in range(j - 1, max(-1, j - 7), -1):
        if toks[k].lower() == "the":
            break
        if not (toks[k].isalpha() or toks[k] == "-"):
            return False
    else:
        return False
    return not (k > 0 and toks[k - 1] not in (",", "«") and not is_quote(toks[k - 1]) and
                toks[k - 1].lower() not in ("but", "and", "as", "then"))


def _series(fd: Finder, idx: int, cue: int, b: int, found: list[Run]) -> None:
    """``A, B and C said``: every element a person the article names in full, the series opening the
    sentence."""
    toks = fd.art.sentences[idx].tokens
    while b > 1 and toks[b - 1] == ",":
        end = _before_bracket(toks, b - 1)  # "A (D-Ore.), B (D-Ohio) and C said"
        if end is None or not is_cap(toks[end - 1]):
            break
        start = run_bounds(toks, end)
        run = classify(toks, start, end)
        if run.kind != "person" or not fd.known(run.name):
            return
        found.append(run)
        b = start
    if b == 0 and len(found) >= 2 and all(fd.known(r.name) for r in found):
        for run in found:
            fd.take(idx, cue, run)


def _before_bracket(toks: list[str], end: int) -> int | None:
    """Where a series element ends before ``end``: before its bracketed party tag if it has one."""
    if end < 2 or toks[end - 1] != ")":
        return end if end > 0 else None
    p = end - 1
    while p > 0 and toks[p] != "(" and end - p < 8:
        p -= 1
    return p if toks[p] == "(" and p > 0 else None


def dashed(fd: Finder, idx: int, cue: int, j: int) -> bool:
    """``— and, in particular, Senate Minority Leader Harry Reid — insisted``: the first person
    inside the dashes."""
    toks = fd.art.sentences[idx].tokens
    o = next((k for k in range(j - 1, max(-1, j - 30), -1) if toks[k] in DASHES), -1)
    k = o + 1
    while 0 < k < j:
        if is_cap(toks[k]):
            end = run_forward(toks, k)
            run = classify(toks, k, min(end, j))
            if run.kind == "person":
                return subject(fd, idx, cue, k, min(end, j), lists=False)
            k = end
        k += 1
    return False


def open_appositive(fd: Finder, idx: int, cue: int, start: int) -> bool:
    """``Sam Lau, the communications director for the Iowa Democratic Party said``, also after a quote
    (``«Q», Katie Packer, who is chairman of Our Principles PAC said``)."""
    toks = fd.art.sentences[idx].tokens
    base = 0
    if is_quote(toks[0]):  # "«Q» Katie Packer, who is …"
        base = 2 if toks[1:2] == [","] else 1
    if start < base + 3 or toks[base:start].count(",") != 1:
        return False
    if toks[start - 1].lower() not in ("the", "of", "for", "at", "our", "his", "her", "their", "its"):
        return False
    comma = toks.index(",", base)
    if comma <= base or toks[comma + 1].lower() not in ("the", "a", "an", "who") or \
            any(t.lower() in SPEECH_VERBS or is_quote(t) for t in toks[comma:start]):
        return False
    first = run_forward(toks, base)
    if first != comma or classify(toks, base, first).kind != "person":
        return False
    return subject(fd, idx, cue, base, comma, lists=False)
