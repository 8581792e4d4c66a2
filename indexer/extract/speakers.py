"""Rule-based attribution: who is quoted or paraphrased, with the cue and the words.

Patterns, all read on sentences whose quotations are masked (so names inside quotes never count):
``NAME [aux] CUE``, ``NAME, <appositive>, CUE``, ``NAME, who CUE``, ``«Q», CUE NAME``, ``according to
NAME``, ``quoted NAME as saying``, ``«Q» — NAME``, lists (``A and B said``), pronouns (``he said``)
and descriptions (``the senator said``) resolved to a person named earlier.  Names are then made
canonical inside the article: a bare surname takes the full name the article gives it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import Quote
from .lexicon import (
    AUX,
    BE_FORMS,
    INVERTIBLE,
    NEGATIONS,
    PARTICLE_CUES,
    PLACES,
    SPEECH_VERBS,
    TITLES,
)
from .names import (
    Run,
    classify,
    has_honorific,
    is_cap,
    is_quote,
    run_bounds,
    run_forward,
    tokenize,
)
from .text import mask_quotes, normalise, paragraphs, sentences

_DASHES = ("—", "–", "--", "―")
_PREPOSITIONS = frozenset(["in", "of", "from", "at", "on", "to", "with", "by", "for", "into", "about", "against", "among", "over", "under", "near", "like", "including", "than", "via"])
_PRONOUNS = ("he", "she")


@dataclass
class _Sentence:
    tokens: list[str]
    quotes: dict[str, str]
    persons: list[str] = field(default_factory=list)  # raw person names mentioned outside quotes
    speakers: list[str] = field(default_factory=list)


@dataclass
class _Article:
    sentences: list[_Sentence]
    full_names: dict[str, list[str]] = field(default_factory=dict)  # surname -> full names, in order
    titled: set[str] = field(default_factory=set)  # single names seen after an honorific
    roles: dict[str, set[str]] = field(default_factory=dict)  # name -> title/description words
    mid_caps: set[str] = field(default_factory=set)  # capitalised words seen mid-sentence


def _prepare(body: str) -> _Article:
    sents: list[_Sentence] = []
    qi = 0
    for para in paragraphs(normalise(body)):
        masked = mask_quotes(para, qi)
        qmap = {f"«Q{qi + n}»": q for n, q in enumerate(masked.quotes)}
        qi += len(masked.quotes)
        for s in sentences(masked.text):
            toks = [t.replace(".»", "»") if is_quote(t) else t for t in tokenize(s)]
            sents.append(_Sentence(toks, {t: qmap.get(t, "") for t in toks if is_quote(t)}))
    art = _Article(sents)
    for sent in sents:
        _learn_names(art, sent.tokens, sent)
        for q in sent.quotes.values():  # full names spelled only inside quotes still teach spelling
            _learn_names(art, tokenize(q), None)
    return art


def _learn_names(art: _Article, toks: list[str], sent: _Sentence | None) -> None:
    i = 0
    while i < len(toks):
        if not is_cap(toks[i]):
            i += 1
            continue
        end = run_forward(toks, i)
        run = classify(toks, i, end)
        if i > 0 and end - i == 1:
            art.mid_caps.add(toks[i])
        if run.kind == "person":
            parts = run.name.split()
            if len(parts) >= 2:
                art.full_names.setdefault(parts[-1].lower(), [])
                if run.name not in art.full_names[parts[-1].lower()]:
                    art.full_names[parts[-1].lower()].append(run.name)
            elif has_honorific(toks, i, end):
                art.titled.add(run.name)
            art.roles.setdefault(parts[-1].lower(), set()).update(run.titles)
            if sent is not None:
                sent.persons.append(run.name)
                _learn_appositive(art, toks, end, parts[-1].lower())
        i = max(end, i + 1)


def _learn_appositive(art: _Article, toks: list[str], end: int, key: str) -> None:
    """``X, the Republican nominee,`` teaches that "the nominee" may later mean X."""
    if end + 2 < len(toks) and toks[end] == "," and toks[end + 1].lower() in ("the", "a", "an"):
        for t in toks[end + 2 : end + 10]:
            if t in (",", ".", ";") or is_quote(t):
                break
            art.roles.setdefault(key, set()).add(t.lower().rstrip("."))


def _canonical(art: _Article, name: str) -> str | None:
    parts = name.split()
    fulls = art.full_names.get(parts[-1].lower(), [])
    if len(parts) == 1:
        if fulls:
            return fulls[-1] if len(fulls) > 1 else fulls[0]
        if name in art.titled:
            return name
        return None
    for full in fulls:  # "Hillary Clinton" after "Hillary Rodham Clinton": keep the first spelling
        fp = full.split()
        if fp[0] == parts[0] and len(fp) >= len(parts):
            return full
    return name


class _Finder:
    def __init__(self, art: _Article):
        self.art = art
        self.quotes: list[Quote] = []
        self.speakers: list[str] = []
        self.orgs: list[str] = []

    def run(self) -> None:
        for idx, sent in enumerate(self.art.sentences):
            toks = sent.tokens
            for i, tok in enumerate(toks):
                low = tok.lower()
                if low in ("reported", "contributed") and toks[i + 1 : i + 2] in (["from"], ["reporting"]):
                    continue  # a byline: "X reported from Midway Atoll"
                if low in SPEECH_VERBS or (low in PARTICLE_CUES and i + 1 < len(toks)
                                           and toks[i + 1] in PARTICLE_CUES[low]) or (
                        low in ("called", "calls", "dubbed") and any(is_quote(t) for t in toks[i + 1 : i + 4])):
                    self._cue(idx, i)
                elif low == "according" and i + 1 < len(toks) and toks[i + 1] == "to":
                    self._forward(idx, i, i + 2, "according to", allow_org=True)
                elif low == "quoted" and i + 1 < len(toks) and is_cap(toks[i + 1]):
                    self._forward(idx, i, i + 1, "quoted")
                elif tok in _DASHES and (i == 0 or is_quote(toks[i - 1]) or toks[i - 1] in "”\"’")\
                        and i + 1 < len(toks):
                    self._forward(idx, i, i + 1, "—")
                elif i == 0 and len(toks) > 2 and toks[1] == ":" and tok.isupper() and len(tok) > 2:
                    self._transcript(idx, tok)

    # -- patterns ---------------------------------------------------------------------------
    def _cue(self, idx: int, i: int) -> None:
        toks = self.art.sentences[idx].tokens
        j = i - 1
        while j >= 0 and (toks[j].lower() in AUX or (toks[j].endswith("ly") and toks[j].islower())
                          or toks[j] == ")"):
            if toks[j] == ")":
                while j >= 0 and toks[j] != "(":
                    j -= 1
            if toks[j].lower() in BE_FORMS and not toks[i].endswith("ing"):
                return  # passive: "X was told" makes X the listener
            j -= 1
        if j >= 0 and toks[j].lower() in NEGATIONS:
            return
        if j < 0 or is_quote(toks[j]) or (toks[j] == "," and j > 0 and is_quote(toks[j - 1])):
            if toks[i].lower() in INVERTIBLE:
                self._forward(idx, i, i + 1, toks[i])
            return
        t = toks[j]
        if is_cap(t):
            self._subject(idx, i, run_bounds(toks, j + 1), j + 1)
        elif t.lower() in _PRONOUNS:
            self._pronoun(idx, i, j)
        elif t == "who" and j >= 2 and toks[j - 1] == "," and is_cap(toks[j - 2]):
            self._subject(idx, i, run_bounds(toks, j - 1), j - 1, lists=False, who=True)
        elif t == ",":
            self._appositive(idx, i, j)
        elif t.islower() and t.isalpha():
            self._description(idx, i, j)

    def _subject(self, idx: int, cue: int, start: int, end: int, lists: bool = True,
                 who: bool = False) -> bool:
        """Take the run ``toks[start:end]`` as the cue's subject; False when it cannot be one."""
        toks = self.art.sentences[idx].tokens
        if start >= 2 and toks[start - 1] in ("of", "for", "on") and is_cap(toks[start - 2]):
            wider = classify(toks, run_bounds(toks, start - 1), end)  # "Federal Bureau of Widgets"
            if wider.kind == "org":
                self._take(idx, cue, wider)
                return True
        if not who and start > 0 and toks[start - 1].lower() in _PREPOSITIONS:
            return False  # "in Toledo, Ohio, said": the object of a preposition is no subject
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
            if k >= 0 and is_cap(toks[k]):
                other = classify(toks, run_bounds(toks, k + 1), k + 1)
                if other.kind == "person" and toks[run_bounds(toks, k + 1) - 1:][:1] != [","]:
                    self._take(idx, cue, other)
        return True

    def _appositive(self, idx: int, cue: int, comma: int) -> None:
        toks = self.art.sentences[idx].tokens
        for k in range(comma - 1, max(-1, comma - 40), -1):
            t = toks[k]
            if is_quote(t) or t.lower() in SPEECH_VERBS:
                return
            if t == "," and k > 0 and is_cap(toks[k - 1]) and \
                    self._subject(idx, cue, run_bounds(toks, k), k, lists=False):
                return

    def _forward(self, idx: int, cue: int, k: int, cue_word: str, allow_org: bool = False) -> None:
        toks = self.art.sentences[idx].tokens
        while k < len(toks) and (toks[k].lower() in ("the", "a", "an", "former", "then")
                                 or (toks[k].islower() and toks[k] in TITLES)):
            k += 1
        if k >= len(toks):
            return
        if toks[k].lower() in _PRONOUNS:
            self._pronoun(idx, cue, k)
            return
        if not is_cap(toks[k]):
            return
        end = run_forward(toks, k, connectors=True)
        self._take(idx, cue, classify(toks, k, end), cue_word)

    def _transcript(self, idx: int, tok: str) -> None:
        """``WALLACE: Let's start…``: an interview transcript names its speaker in capitals."""
        name = tok.title()
        if name.lower() in self.art.full_names or name in self.art.titled:
            self._take_name(idx, 0, name, ":")

    def _pronoun(self, idx: int, cue: int, j: int) -> None:
        sent = self.art.sentences[idx]
        before = [p for p in sent.persons if p in " ".join(sent.tokens[:j])]
        if before:
            return self._take_name(idx, cue, before[0])
        for back in range(idx - 1, max(-1, idx - 4), -1):
            prev = self.art.sentences[back]
            if prev.speakers:
                return self._take_name(idx, cue, prev.speakers[0])
            if prev.persons:
                return self._take_name(idx, cue, prev.persons[0])

    def _description(self, idx: int, cue: int, j: int) -> None:
        toks = self.art.sentences[idx].tokens
        head = toks[j].lower()
        for k in range(j - 1, max(-1, j - 7), -1):
            if toks[k].lower() == "the":
                break
            if not (toks[k].isalpha() or toks[k] == "-"):
                return
        else:
            return
        if k > 0 and toks[k - 1] not in (",", "«") and not is_quote(toks[k - 1]) and \
                toks[k - 1].lower() not in ("but", "and", "as", "then"):
            return
        for back in range(idx, max(-1, idx - 8), -1):
            for name in reversed(self.art.sentences[back].persons):
                if head in self.art.roles.get(name.split()[-1].lower(), ()):
                    return self._take_name(idx, cue, name)

    # -- recording --------------------------------------------------------------------------
    def _take(self, idx: int, cue: int, run: Run, cue_word: str | None = None) -> None:
        if run.kind == "org":
            if run.name not in self.orgs:
                self.orgs.append(run.name)
        elif run.kind == "person" and run.name.split()[-1].lower() not in PLACES:
            self._take_name(idx, cue, run.name, cue_word)

    def _take_name(self, idx: int, cue: int, name: str, cue_word: str | None = None) -> None:
        canon = _canonical(self.art, name)
        if canon is None:
            return
        sent = self.art.sentences[idx]
        sent.speakers.append(name)
        if canon not in self.speakers:
            self.speakers.append(canon)
        said = [sent.quotes[t] for t in sent.tokens if is_quote(t) and sent.quotes.get(t)]
        text = " ".join(said) if said else _paraphrase(sent.tokens, cue)
        self.quotes.append(Quote(canon, text, cue_word or sent.tokens[cue]))


def _paraphrase(toks: list[str], cue: int) -> str:
    rest = toks[cue + 1 :]
    if rest and rest[0] == "that":
        rest = rest[1:]
    if len([t for t in rest if t.isalpha()]) < 3:
        rest = toks
    out = " ".join(rest)
    for p in (" ,", " .", " ;", " :", " ’s", " 's", "( ", " )", " ?", " !"):
        out = out.replace(p, p.strip() if p[0] == " " else p[0])
    return out.strip()


def find_speakers(body: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[Quote, ...]]:
    """Speakers (canonical within the article), source organisations and quotes, in text order."""
    finder = _Finder(_prepare(body))
    finder.run()
    return tuple(finder.speakers), tuple(finder.orgs), tuple(finder.quotes)
