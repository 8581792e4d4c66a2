"""The attribution state of one article: the speakers, organisations and quotes found so far.

The patterns themselves are rows of a table (``patterns.py``); the readers they call find the source
before the cue (``subjects.py``), after it (``forward.py``) or away from it (``clauses.py``).  All of
them record through :meth:`Finder.take`, which makes a name canonical inside the article and keeps the
statement (the quotation, or the reported clause) with the sentence that attributes it.
"""

from __future__ import annotations

from ..models import Quote
from .article import Article, canonical
from .lexicon import PLACES
from .names import Run, is_quote, month_surname
from .text import paraphrase


class Finder:
    """What the attribution patterns found in one article, in text order."""

    def __init__(self, art: Article):
        self.art = art
        self.quotes: list[Quote] = []
        self.speakers: list[str] = []
        self.orgs: list[str] = []
        self.bare: dict[str, int] = {}  # single names with no full name, counted as cue subjects
        self.trace: list[str] | None = None  # names of the pattern rows that fired, when a test asks

    def take(self, idx: int, cue: int, run: Run, cue_word: str | None = None) -> None:
        """Record a run found as a source: an organisation goes to ``orgs``, a person is a speaker."""
        if run.kind == "org":
            if run.name not in self.orgs:
                self.orgs.append(run.name)
        elif run.kind == "person" and (run.name.split()[-1].lower() not in PLACES or month_surname(run.name.split())):
            self.take_name(idx, cue, run.name, cue_word)

    def take_name(self, idx: int, cue: int, name: str, cue_word: str | None = None,
                  sex: str | None = None) -> None:
        """Record a person: canonical in the article, with the statement of the cue at ``cue``."""
        canon = canonical(self.art, name, idx, sex or _honorific_sex(self.art.sentences[idx].tokens, name))
        if canon is None and " " not in name and name.lower() not in PLACES and name[1:].islower():
            self.bare[name] = self.bare.get(name, 0) + 1  # "Trump" twice as a source counts
            if self.bare[name] == 2:
                canon = name
        if canon is None or self.art.common(canon):
            return
        canon = canon.replace("’", "'")
        sent = self.art.sentences[idx]
        sent.speakers.append(name)
        if canon not in self.speakers:
            self.speakers.append(canon)
        said = [sent.quotes[t] for t in sent.tokens if is_quote(t) and sent.quotes.get(t)]
        if said and len(" ".join(said).split()) < 3 and not is_quote(sent.tokens[0]):
            said = []  # a quoted term inside narration ("called it “very close”"): the clause says more
        text = " ".join(said) if said else paraphrase(sent.tokens, cue, sent.quotes)
        if not text:
            text = self._quote_after(idx)
        if not text:
            return  # the speaker stands; a narration fragment is no quote
        self.quotes.append(Quote(canon, text, cue_word or sent.tokens[cue], evidence(sent.text)))

    def known(self, name: str) -> bool:
        """A full name, or a surname the article spells out in full elsewhere."""
        return " " in name or " " in (canonical(self.art, name) or "")

    def _quote_after(self, idx: int) -> str:
        """``X said in a statement. «Q»``: the quotation that opens the next sentence is the statement."""
        if idx + 1 < len(self.art.sentences):
            nxt = self.art.sentences[idx + 1]
            if nxt.tokens and is_quote(nxt.tokens[0]):
                return nxt.quotes.get(nxt.tokens[0], "")
        return ""


#: A quote's evidence is its attributing sentence, cut to this length (a run-on wire paragraph).
EVIDENCE_CHARS = 400


def evidence(sentence: str) -> str:
    return sentence if len(sentence) <= EVIDENCE_CHARS else sentence[: EVIDENCE_CHARS - 1].rstrip() + "…"


#: Honorifics that give a bare surname's sex (``Mrs. Clinton``): closed English usage, no library lists it.
_HONORIFIC_SEX = {"mr.": "m", "mr": "m", "mrs.": "f", "mrs": "f", "ms.": "f", "ms": "f", "miss": "f"}


def _honorific_sex(toks: list[str], name: str) -> str | None:
    """``Mrs. Clinton`` → f: the honorific right before a bare surname in the sentence."""
    if " " in name:
        return None
    for k in range(1, len(toks)):
        if toks[k] == name and toks[k - 1].lower() in _HONORIFIC_SEX:
            return _HONORIFIC_SEX[toks[k - 1].lower()]
    return None
