"""Attribution patterns read on masked sentences: who is the source of each speech cue.

``NAME [aux] CUE``, ``NAME, <appositive>, CUE``, ``<desc>, NAME, CUE``, ``NAME, who CUE``, ``«Q», CUE
NAME``, ``…, says NAME, <appositive>``, ``according to NAME``, ``quoted NAME as saying``, ``«Q» — NAME``,
``NAME's statement``, ``NAME of ORG CUE``, lists (``A and B said``), pronouns (``he said``) and
descriptions (``the senator said``) resolved to a person named earlier.  Patterns that read the name
after the cue live in ``forward.py``; those whose subject is far from the cue in ``clauses.py``.
"""

from __future__ import annotations

from ..models import Quote
from .article import Article, canonical
from .clauses import ClauseMixin
from .forward import DASHES, ForwardMixin
from .lexicon import (
    AUX,
    BE_FORMS,
    CLAUSE_FINAL_CUES,
    INVERTIBLE,
    NEGATIONS,
    NOUN_CUES,
    PARTICLE_CUES,
    PLACES,
    SPEECH_VERBS,
    TITLES,
)
from .names import Run, classify, is_cap, is_quote, run_bounds
from .text import paraphrase

_PREPOSITIONS = frozenset(
    "in of from at on to with by for into about against among over under near like including than via "
    "".split()
)
_PRONOUNS = ("he", "she")
#: "X was asked by NAME": the gold counts an interviewer's question as speech.
_ASKED = frozenset("asked questioned pressed challenged interviewed".split())
#: Time words that may stand between a subject and its cue: "X on Friday said", "X Tuesday said".
_WHEN = frozenset("Monday Tuesday Wednesday Thursday Friday Saturday Sunday yesterday today tonight "
                  "night morning afternoon evening weekend week".split())
#: A cue word after one of these is a noun (``the state``, ``his comments``, ``the attacks``), not a verb.
_DETERMINERS = frozenset("the a an his her its their our this these those my your every each no".split())


class Finder(ClauseMixin, ForwardMixin):
    def __init__(self, art: Article):
        self.art = art
        self.quotes: list[Quote] = []
        self.speakers: list[str] = []
        self.orgs: list[str] = []
        self.bare: dict[str, int] = {}  # single names with no full name, counted as cue subjects

    def run(self) -> None:
        for idx, sent in enumerate(self.art.sentences):
            toks = sent.tokens
            for i, tok in enumerate(toks):
                low = tok.lower()
                if low in ("reported", "contributed") and toks[i + 1 : i + 2] in (["from"], ["reporting"]):
                    continue  # a byline: "X reported from Midway Atoll"
                if low in _ASKED and toks[i + 1 : i + 2] == ["by"]:
                    self._forward(idx, i, i + 2, "asked")  # "Asked by Starnes if …": the interviewer
                elif (low in SPEECH_VERBS and _verb(toks, i)) or (low in PARTICLE_CUES and i + 1 < len(toks)
                                           and toks[i + 1] in PARTICLE_CUES[low]) or (
                        low in ("called", "calls", "dubbed") and any(is_quote(t) for t in toks[i + 1 : i + 10])):
                    self._cue(idx, i)
                elif low == "according" and i + 1 < len(toks) and toks[i + 1] == "to":
                    self._forward(idx, i, i + 2, "according to")
                elif low == "quoted" and i + 1 < len(toks) and is_cap(toks[i + 1]):
                    self._forward(idx, i, i + 1, "quoted")
                elif tok in DASHES and i + 1 < len(toks) and (
                        (i == 0 and idx > 0 and _ends_quoted(self.art.sentences[idx - 1].tokens))
                        or i > 0 and (is_quote(toks[i - 1]) or toks[i - 1] in "”\"’")):
                    self._forward(idx, i, i + 1, "—")
                elif i == 0 and len(toks) > 2 and toks[1] == ":" and tok.isupper() and len(tok) > 2:
                    self._transcript(idx, tok)
                elif low in NOUN_CUES:
                    self._noun_cue(idx, i)
                elif tok == ":" and (is_quote(toks[i + 1]) if i + 1 < len(toks) else _quote_next(self.art, idx)):
                    self._colon(idx, i)
            if not sent.speakers:
                self._lone_quoted(idx)

    # -- patterns ---------------------------------------------------------------------------
    def _cue(self, idx: int, i: int) -> None:
        """A speech verb at ``i``: find its subject from the word just before the verb group."""
        toks = self.art.sentences[idx].tokens
        j = _before_verb_group(toks, i)
        if j is None or (j >= 0 and toks[j].lower() in NEGATIONS):
            return  # passive ("X was told") or negated ("did not say")
        if j > 0 and toks[j] == "," and toks[j - 1] == ")" and self._bracketed_subject(idx, i, j):
            return
        if j < 0 or is_quote(toks[j]) or toks[j] in "”\"" or (toks[j] == "," and j > 0 and is_quote(toks[j - 1])):
            if toks[i].lower() in INVERTIBLE:
                self._forward(idx, i, i + 1, toks[i])
            return
        self._subject_before(idx, i, j)

    def _bracketed_subject(self, idx: int, i: int, j: int) -> bool:
        """``Sen. Jack Reed (D-R.I.), said``: the name before the bracket."""
        toks = self.art.sentences[idx].tokens
        k = j - 1
        while k > 0 and toks[k] != "(":
            k -= 1
        return k > 0 and is_cap(toks[k - 1]) and self._subject(idx, i, run_bounds(toks, k), k)

    def _subject_before(self, idx: int, i: int, j: int) -> None:
        """Dispatch on the word ``toks[j]`` before the verb group: a name, a pronoun, ``who``, a comma…"""
        toks = self.art.sentences[idx].tokens
        t = toks[j]
        gerund = toks[i].endswith("ing")
        if is_cap(t):
            start = run_bounds(toks, j + 1)
            if not self._open_appositive(idx, i, start):
                self._subject(idx, i, start, j + 1)
        elif t.lower() in _PRONOUNS:
            self._pronoun(idx, i, j)
        elif t == "who":
            self._who(idx, i, j)
        elif t in DASHES:
            self._dashed(idx, i, j)  # "A former candidate -- John McCain, who lost to Obama -- said"
        elif t in ("by", "after", "before", "while", "without") and gerund:
            self._clause_subject(idx, i, j)  # "Obama closed his list by saying …": the main-clause subject
        elif t == "," and gerund and self._clause_subject(idx, i, j):
            return  # "X vetoed the bill, arguing that …": the subject of the main clause
        elif t == ",":
            if not self._appositive(idx, i, j) and toks[i].lower() in INVERTIBLE:
                self._inverted(idx, i)
        elif t in ("and", "but") and not gerund:
            self._clause_subject(idx, i, j)  # "X became a delegate and said …"
        elif t.islower() and t.isalpha():
            self._description(idx, i, j)

    def _who(self, idx: int, i: int, j: int) -> None:
        toks = self.art.sentences[idx].tokens
        if j >= 2 and toks[j - 1] == "," and is_cap(toks[j - 2]):
            b = run_bounds(toks, j - 1)  # "Sen. X of California, the ranking Democrat on the Y Committee, who said"
            if classify(toks, b, j - 1).kind == "person" or not self._who_subject(idx, i, j - 1):
                self._subject(idx, i, b, j - 1, lists=False, who=True)
        elif j >= 4:
            self._described_who(idx, i, j)  # "Sosa, a Texas media consultant who said"
        else:
            self._description(idx, i, j)

    def _subject(self, idx: int, cue: int, start: int, end: int, lists: bool = True,
                 who: bool = False) -> bool:
        """Take the run ``toks[start:end]`` as the cue's subject; False when it cannot be one."""
        toks = self.art.sentences[idx].tokens
        if start >= 2 and toks[start - 1] in ("of", "for", "on") and is_cap(toks[start - 2]) and \
                self._owned_subject(idx, cue, start, end):
            return True
        if start > 0 and toks[start - 1] == "with" and toks[cue].endswith("ing"):
            who = True  # "with Donald Trump tweeting that …": an absolute clause names the speaker
        if not who and start > 0 and toks[start - 1].lower() in _PREPOSITIONS:
            return self._owner(idx, cue, start)  # "in Toledo, Ohio, said" is no subject; "X of Y said" is
        run = classify(toks, start, end)
        if run.kind == "place" and start >= 2 and toks[start - 1] in ("of", "from"):
            return self._subject(idx, cue, run_bounds(toks, start - 1), start - 1)
        if run.kind not in ("person", "org"):
            return False
        self._take(idx, cue, run)
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
                    self._take(idx, cue, other)
                elif other.kind == "person":
                    self._series(idx, cue, b, [other])
        return True

    def _owned_subject(self, idx: int, cue: int, start: int, end: int) -> bool:
        """``Director of Government Affairs Phil Smith``, ``Federal Bureau of Widgets``: a run joined by
        of/for/on to the capitalised run before it."""
        toks = self.art.sentences[idx].tokens
        left = run_bounds(toks, start - 1)
        wider = classify(toks, left, end)  # "Federal Bureau of Widgets"
        owner = classify(toks, left, start - 1)
        run = classify(toks, start, end)
        if wider.kind == "person" and len(wider.name.split()) >= 2 and toks[start - 1] != "on" \
                and run.titles and any(w.lower().rstrip(".") in TITLES for w in toks[left:start - 1]):
            self._take(idx, cue, wider)  # "UMWA Director of Government Affairs Phil Smith"
            return True
        if run.kind == "person" and len(run.name.split()) >= 2 and run.titles and owner.kind == "org":
            self._take(idx, cue, run)  # "The Council on X National Executive Director Nihad Awad says"
            return True
        if wider.kind == "org" and not (owner.kind == "person" and len(owner.name.split()) >= 2):
            self._take(idx, cue, wider)
            return True
        return False

    def _appositive(self, idx: int, cue: int, comma: int) -> bool:
        toks = self.art.sentences[idx].tokens
        start = run_bounds(toks, comma)  # "A lawyer for the outlets, David Schulz, said"
        if start < comma and (start == 0 or toks[start - 1] in (",", "'s", "’s")) and \
                classify(toks, start, comma).kind == "person" and \
                self._subject(idx, cue, start, comma, lists=False):
            return True
        org: tuple[int, int] | None = None
        for k in range(comma - 1, max(-1, comma - 40), -1):
            t = toks[k]
            if is_quote(t) or (t.lower() in SPEECH_VERBS and toks[k - 1].lower() not in _DETERMINERS):
                w = next((m for m in range(k - 1, max(1, k - 6), -1) if toks[m] == "who"), 0)
                if w and toks[w - 1] == "," and is_cap(toks[w - 2]):  # "X, who has not endorsed Y, told"
                    return self._subject(idx, cue, run_bounds(toks, w - 1), w - 1, lists=False)
                return False
            if t == "," and k > 0 and is_cap(toks[k - 1]):
                b = run_bounds(toks, k)
                run = classify(toks, b, k)
                if run.kind == "org" and (b == 0 or toks[b - 1] != ","):
                    org = org or (b, k)  # "X, the head of the Y Agency, said": keep looking for X
                    continue
                if run.kind == "person" and b > 0 and toks[b - 1] == "," and not self._known(run.name):
                    continue  # "Marco Rubio, whose hometown, Miami, is …, argues"
                if b > 0 and toks[b - 1].islower() and toks[b - 1].endswith(("ing", "ed")):
                    continue  # "Clinton, answering Lester Holt, said": an object, not the subject
                if self._subject(idx, cue, b, k, lists=False):
                    return True
            if t == "," and k > 3 and toks[k - 1] == ")":  # "Rep. Jo Fisk (D-Va.), ranking member of …, said"
                p = k - 1
                while p > 0 and toks[p] != "(" and k - p < 8:
                    p -= 1
                if toks[p] == "(" and p > 0 and is_cap(toks[p - 1]):
                    return self._subject(idx, cue, run_bounds(toks, p), p, lists=False)
        return org is not None and self._subject(idx, cue, org[0], org[1], lists=False)

    def _owner(self, idx: int, cue: int, start: int) -> bool:
        """``David Albright of the Institute for Science wrote``: the person before of/at/from."""
        toks = self.art.sentences[idx].tokens
        for p in range(start - 1, max(0, start - 14), -1):
            t = toks[p]
            if t in (",", ";", ":") or is_quote(t) or t.lower() in SPEECH_VERBS:
                return False
            if t in ("of", "at", "from", "with") and p > 0 and is_cap(toks[p - 1]):
                b = run_bounds(toks, p)
                run = classify(toks, b, p)
                if run.kind == "person" and (b == 0 or toks[b - 1].lower() not in _PREPOSITIONS):
                    self._take(idx, cue, run)
                    return True
        return False

    # -- recording --------------------------------------------------------------------------
    def _take(self, idx: int, cue: int, run: Run, cue_word: str | None = None) -> None:
        if run.kind == "org":
            if run.name not in self.orgs:
                self.orgs.append(run.name)
        elif run.kind == "person" and run.name.split()[-1].lower() not in PLACES:
            self._take_name(idx, cue, run.name, cue_word)

    def _quote_after(self, idx: int) -> str:
        """``X said in a statement. «Q»``: the quotation that opens the next sentence is the statement."""
        if idx + 1 < len(self.art.sentences):
            nxt = self.art.sentences[idx + 1]
            if nxt.tokens and is_quote(nxt.tokens[0]):
                return nxt.quotes.get(nxt.tokens[0], "")
        return ""

    def _take_name(self, idx: int, cue: int, name: str, cue_word: str | None = None,
                   sex: str | None = None) -> None:
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


def _before_verb_group(toks: list[str], i: int) -> int | None:
    """Index of the word before the cue's verb group (auxiliaries, -ly adverbs, a bracket, a time word:
    ``Gov. X on Friday announced``, ``X has repeatedly said``); None for a passive (``X was told``)."""
    j = i - 1
    while j >= 0 and (toks[j].lower() in AUX or (toks[j].endswith("ly") and toks[j].islower())
                      or toks[j] == ")" or toks[j] in _WHEN
                      or toks[j] in ("'s", "’s") and j > 0 and toks[j - 1] in ("who", "he", "she")):
        if toks[j] in _WHEN and j > 0 and toks[j - 1] in ("on", "last", "this", "late", "early"):
            j -= 1  # "Gov. Terry McAuliffe on Friday announced"
        elif toks[j] == ")":
            while j >= 0 and toks[j] != "(":
                j -= 1
        if toks[j].lower() in BE_FORMS and not toks[i].endswith("ing"):
            return None
        j -= 1
    return j


#: A quote's evidence is its attributing sentence, cut to this length (a run-on wire paragraph).
EVIDENCE_CHARS = 400


def evidence(sentence: str) -> str:
    return sentence if len(sentence) <= EVIDENCE_CHARS else sentence[: EVIDENCE_CHARS - 1].rstrip() + "…"


_HONORIFIC_SEX = {"mr.": "m", "mr": "m", "mrs.": "f", "mrs": "f", "ms.": "f", "ms": "f", "miss": "f"}


def _honorific_sex(toks: list[str], name: str) -> str | None:
    """``Mrs. Clinton`` → f: the honorific right before a bare surname in the sentence."""
    if " " in name:
        return None
    for k in range(1, len(toks)):
        if toks[k] == name and toks[k - 1].lower() in _HONORIFIC_SEX:
            return _HONORIFIC_SEX[toks[k - 1].lower()]
    return None


def _verb(toks: list[str], i: int) -> bool:
    """"the states", "his comments" are nouns; a capitalised cue word ("United States") is a name."""
    if toks[i] in CLAUSE_FINAL_CUES and i + 1 < len(toks) and toks[i + 1] not in (",", ".", ":", ";") \
            and not is_quote(toks[i + 1]):
        return False
    return toks[i].islower() and (i == 0 or toks[i - 1].lower() not in _DETERMINERS)


def _quote_next(art: Article, idx: int) -> bool:
    """``…, including Rep. Lacy Clay (D-Mo.):`` ends a paragraph and the next one is the quote."""
    return idx + 1 < len(art.sentences) and is_quote(art.sentences[idx + 1].tokens[0])


def _ends_quoted(toks: list[str]) -> bool:
    """``«Q» \n — Cleo Barnet`` attributes the quote above; a dash line after prose is a byline or credit."""
    return any(is_quote(t) for t in toks[-3:])
