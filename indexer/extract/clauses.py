"""Subjects that a cue does not stand next to: the main clause, and a ``NAME:`` before a quote.

``X vetoed the bill, arguing that …`` and ``X became a delegate and said …`` attribute the speech to
the subject of the main clause, several words (and possibly other names) away from the cue.  Reading
the nearest capitalised run instead credits the object (``the bill``) or a person merely mentioned,
so the subject is taken only where news prose puts it: at the start of the sentence, after at most a
conjunction (``But``) and an introductory phrase closed by a comma (``On Tuesday, X …``).
``Rep. Jo Fisk (R-S.C.): «Q»`` is how transcripts and live blogs attribute a quote.
"""

from __future__ import annotations

from .lexicon import AUX, STOP
from .names import is_cap, run_forward

#: Words that open an introductory phrase ended by a comma: "On Tuesday, …", "Later, …".
_INTRO = frozenset(
    "on in at after before during since while when last earlier later yesterday today tonight "
    "meanwhile still instead similarly however speaking asked interviewed separately then "
    "also again nevertheless likewise for by with".split())
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
    if not is_cap(toks[k]):
        return None
    end = run_forward(toks, k)
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
    if end <= 0 or run_forward(toks, 0) != end:
        return None
    return (0, end)
