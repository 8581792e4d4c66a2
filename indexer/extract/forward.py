"""Readers for a source written after its cue: ``«Q», said NAME``, ``according to NAME``, ``…, says
NAME, <appositive>``, ``said election lawyer NAME``, ``a ruling by NAME`` and ``NAME's statement``.

After the cue, the name may come behind determiners, lower-case titles (``said former Utah governor
Mike Leavitt``), a title run joined by of/for (``the Advisor for Communications Ben Rhodes``) or a whole
lower-case description (``said Montclair State University political scientist Brigid Harrison``);
it must close the clause so that ``said Trump supporters were angry`` never yields a name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .clauses import pronoun
from .entity import role_noun
from .lexicon import SPEECH_VERBS, STOP, TITLES
from .names import Run, classify, is_cap, is_quote, past_titles, run_bounds, run_forward
from .subjects import DASHES

if TYPE_CHECKING:
    from .finder import Finder

#: Pronouns that may stand for the source after a cue ("said he"): resolved like ``he said``.
_PRONOUNS = ("he", "she")
#: What may follow an inverted name: "…, says Ada Vole of Fictive College", "…, said Ada Vole on Tuesday".
_AFTER_NAME = frozenset(
    [",", ".", ";", "(", ":", "in", "of", "at", "who", "on", "during", "after", "when", "last", "this",
     "yesterday", "today", "earlier", "recently", "told"])


def inverted(fd: Finder, idx: int, cue: int) -> None:
    """``…, says Dante Scala, a political scientist``: a name that ends the clause after the cue."""
    toks = fd.art.sentences[idx].tokens
    k = cue + 1
    while k < len(toks) and toks[k].islower() and toks[k] in TITLES:
        k += 1
    if k < len(toks) and is_cap(toks[k]):
        end = run_forward(toks, k)
        if end >= len(toks) or toks[end] in _AFTER_NAME \
                or is_quote(toks[end]):  # "…, says Ada Vole of Fictive College"
            fd.take(idx, cue, classify(toks, k, end), toks[cue])
        else:
            _employee(fd, idx, cue, k, end)
        return
    k = cue + 1
    while k < len(toks) and toks[k].lower() in ("the", "a", "an", "former"):
        k += 1
    described = described_name(toks, k)  # "…, said a former spokesman for the ministry, Oleg Voloshyn"
    if described is not None:
        fd.take(idx, cue, described, toks[cue])


def _employee(fd: Finder, idx: int, cue: int, k: int, end: int) -> bool:
    """``said Pellham Lynch senior analyst Jo Vask``: an organisation, a role noun, then the person."""
    toks = fd.art.sentences[idx].tokens
    r = end
    while r < min(len(toks), end + 2) and toks[r].islower() and not role_noun(toks[r]):
        r += 1  # "senior", "chief"
    if r + 1 < len(toks) and role_noun(toks[r]) and is_cap(toks[r + 1]):
        e2 = run_forward(toks, r + 1)
        person = classify(toks, r + 1, e2)
        if person.kind == "person" and " " in person.name and (
                e2 >= len(toks) or toks[e2] in _AFTER_NAME or is_quote(toks[e2])):
            fd.take(idx, cue, person, toks[cue])
            return True
    return False


def noun_cue(fd: Finder, idx: int, i: int) -> None:
    """``Smith's statement``, ``in a ruling by Justice Smith``, ``a tweet from Smith``."""
    toks = fd.art.sentences[idx].tokens
    if i + 1 < len(toks) and toks[i + 1] in ("by", "from") and i + 2 < len(toks):
        forward(fd, idx, i, i + 2, toks[i])
        return
    k = i - 1
    if k >= 0 and toks[k].islower() and toks[k].isalpha() and toks[k] not in ("the", "a"):
        k -= 1  # "Smith's recent statement"
    if k >= 1 and (toks[k] in ("'s", "’s") or toks[k] in ("'", "’") and toks[k - 1].endswith("s")) \
            and is_cap(toks[k - 1]):  # "Smith's statement", "Davis' commentary"
        run = classify(toks, run_bounds(toks, k), k)
        if run.kind == "person":
            fd.take(idx, i, run, toks[i])


#: Participles that make the agent after ``by`` a reader of the document, not its source:
#: ``according to documents obtained by The Times`` (closed usage, no library lists it).
_READERS = frozenset("obtained reviewed seen viewed examined acquired".split())


def according(fd: Finder, idx: int, cue: int) -> None:
    """``according to NAME``, or ``according to a study by NAME`` / ``documents from NAME``: the author
    of the document the clause cites is its source (a book, a filing, a study by X), unless the agent
    only obtained or read it."""
    toks = fd.art.sentences[idx].tokens
    taken = len(fd.art.sentences[idx].speakers), len(fd.orgs)
    forward(fd, idx, cue, cue + 2, "according to")
    if (len(fd.art.sentences[idx].speakers), len(fd.orgs)) != taken or cue + 2 >= len(toks) or is_cap(toks[cue + 2]):
        return
    for k in range(cue + 2, min(len(toks) - 1, cue + 12)):
        if toks[k] in (",", ";", ".", ":") or is_quote(toks[k]):
            return
        if toks[k] in ("by", "from") and is_cap(toks[k + 1]) or toks[k] in ("by", "from") and toks[k + 1].islower() \
                and toks[k + 1] in TITLES:
            if toks[k - 1] not in _READERS:
                forward(fd, idx, cue, k + 1, "according to")
            return


def forward(fd: Finder, idx: int, cue: int, k: int, cue_word: str) -> None:
    """The source named from token ``k`` on, after the cue at ``cue`` (see the module docstring)."""
    toks = fd.art.sentences[idx].tokens
    while k < len(toks) and toks[k].lower() in ("the", "a", "an", "former", "then"):
        k += 1
    first = k  # where a lower-case description would start: "a former spokesman for X, Y"
    while k < len(toks) and toks[k].islower() and toks[k] in TITLES:
        k += 1
    if k >= len(toks):
        return
    if toks[k].lower() in _PRONOUNS:
        pronoun(fd, idx, cue, k)
        return
    if not is_cap(toks[k]):
        described = described_name(toks, first)  # "said election lawyer Joe Birkenstock"
        if described is not None:
            fd.take(idx, cue, described, cue_word)
        return
    if _employee(fd, idx, cue, k, run_forward(toks, k)):
        return  # "said Pellham Lynch analyst Jo Vask"
    plain = classify(toks, k, run_forward(toks, k))
    if plain.kind == "person" and len(plain.name.split()) >= 2:
        fd.take(idx, cue, plain, cue_word)  # "wrote Cameron Easley for Morning Consult"
        return
    end = run_forward(toks, k)
    while (nxt := past_titles(toks, end)) > end and nxt < len(toks) and is_cap(toks[nxt]):
        end = run_forward(toks, nxt)  # "said former Utah governor Mike Leavitt", "by GOP presidential nominee X"
    titled = classify(toks, k, end)
    if titled.kind == "person" and len(titled.name.split()) >= 2:
        fd.take(idx, cue, titled, cue_word)
        return
    described = described_name(toks, first)
    if described is not None:
        fd.take(idx, cue, described, cue_word)
        return
    end = run_forward(toks, k, connectors=True)  # "said the Advisor for Communications Ben Rhodes"
    fd.take(idx, cue, classify(toks, k, end), cue_word)
def described_name(toks: list[str], k: int) -> Run | None:
    """``said Montclair State University political scientist Brigid Harrison.``: an inverted name after a
    description in lower case (``election lawyer``, ``1st Lt.``, ``Rubio's deputy campaign manager,``).

    The name must close the clause, so ``said Trump supporters were angry`` never makes a name.
    """
    m, lower, last = k, False, -1
    stop = min(len(toks), k + 16)
    while m < stop:
        t = toks[m]
        if is_cap(t):
            if last < 0 or not is_cap(toks[m - 1]):
                last = m
        elif t in ("'s", "’s") or (t in ("of", "for", "at") and m + 1 < stop and is_cap(toks[m + 1])):
            pass
        elif (t == "and" or t[:1].isdigit() and t[-2:] in ("st", "nd", "rd", "th")) and m + 1 < stop \
                and is_cap(toks[m + 1]):
            lower = True  # "former Gov. and Committee Chairman Ed Rendell", "Air Force 1st Lt. Jo Cole"
        elif t.isalpha() and t.islower() or "-" in t and t.replace("-", "").isalpha():
            if t in SPEECH_VERBS:
                return None
            if t in STOP:
                break  # the clause goes on: the end check decides
            lower, last = True, -1
        elif t == "," and lower and m + 1 < stop and is_cap(toks[m + 1]):
            last = -1  # "said Rubio's deputy campaign manager, Rich Beeson", "a spokesman for X, Oleg Voloshyn"
        else:
            break
        m += 1
    if not lower or last < 0 or not (m == len(toks) or toks[m] in (",", ".", ";", "(", ":", "who", "whether", "if")
                                     or toks[m] in DASHES or is_quote(toks[m])):
        return None
    run = classify(toks, last, m)
    return run if run.kind == "person" and len(run.name.split()) >= 2 else None
