"""The article model for attribution: masked sentences, the people they name, and name spellings.

Every sentence keeps its tokens (quotations masked as ``«Qn»``), the person names mentioned outside
quotes, and the speakers found in it.  The article learns full names per surname, single names seen
after an honorific, and the title or appositive words used for each person (``the senator``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .given import given_sex
from .lexicon import GIVEN_WORDS
from .names import PARTICLES, capitalised_runs, has_honorific, is_quote, tokenize
from .text import mask_quotes, normalise, paragraphs, sentences


@dataclass
class Sentence:
    tokens: list[str]
    quotes: dict[str, str]
    persons: list[str] = field(default_factory=list)  # raw person names mentioned outside quotes
    text: str = ""  # the sentence as written (quotations restored): a quote's evidence
    speakers: list[str] = field(default_factory=list)


@dataclass
class Article:
    sentences: list[Sentence]
    full_names: dict[str, list[str]] = field(default_factory=dict)  # surname -> full names, in order
    titled: set[str] = field(default_factory=set)  # single names seen after an honorific
    roles: dict[str, set[str]] = field(default_factory=dict)  # name -> title/description words
    mid_caps: set[str] = field(default_factory=set)  # capitalised words seen mid-sentence
    lower: set[str] = field(default_factory=set)  # words the article writes in lower case
    paragraphs: list[str] = field(default_factory=list)  # normalised, unmasked (signature lines)
    openers: set[str] = field(default_factory=set)  # "Notice Trump": a lower-case word + surname
    mentions: dict[str, list[tuple[int, str]]] = field(default_factory=dict)  # surname -> (sentence, full name)


    def common(self, name: str) -> bool:
        """A "name" made of words the article also writes in lower case: "Human Rights", "Gap Goes",
        or a lone word ("Prosecutors") that no full name in the article ends with."""
        parts = name.lower().split()
        if len(parts) == 1:  # "Prosecutors said …" twice: a bare word the article also writes in lower case
            return parts[0] in self.lower and parts[0] not in self.full_names
        return all(p in self.lower for p in parts)


_QUOTE_MARK = re.compile(r"(«Q\d+)\.?»")


def _unmask(sentence: str, qmap: dict[str, str]) -> str:
    """The sentence as written: each ``«Qn»`` back to its quotation, in curly quotes."""
    return _QUOTE_MARK.sub(lambda m: f"“{qmap.get(m.group(1) + '»', '')}”", sentence)


def prepare(body: str) -> Article:
    sents: list[Sentence] = []
    qi = 0
    paras = paragraphs(normalise(body))
    for para in paras:
        masked = mask_quotes(para, qi)
        qmap = {f"«Q{qi + n}»": q for n, q in enumerate(masked.quotes)}
        qi += len(masked.quotes)
        for s in sentences(masked.text):
            toks = [t.replace(".»", "»") if is_quote(t) else t for t in tokenize(s)]
            sents.append(Sentence(toks, {t: qmap.get(t, "") for t in toks if is_quote(t)}, text=_unmask(s, qmap)))
    art = Article(sents, paragraphs=paras)
    for sent in sents:
        art.lower.update(t for t in sent.tokens if t.islower())
    inner: set[str] = set()
    for n, sent in enumerate(sents):
        _learn_names(art, sent.tokens, sent, inner)
        for name in sent.persons:
            if " " in name:
                art.mentions.setdefault(_key(name), []).append((n, name))
        for q in sent.quotes.values():  # full names spelled only inside quotes still teach spelling
            _learn_names(art, tokenize(q), None, inner)
    art.openers -= inner
    for fulls in art.full_names.values():
        fulls[:] = [f for f in fulls if f not in art.openers]
    return art


def _learn_names(art: Article, toks: list[str], sent: Sentence | None, inner: set[str]) -> None:
    """Learn full names, titled single names and roles from one sentence's capitalised runs.

    A two-word run that opens the sentence with a word the article also writes in lower case
    (``Notice Trump``, ``Will Cruz win?``), or with a gerund (``Playing Trump``), is the surname after an
    ordinary word, unless the article also writes the pair elsewhere (``Bill Clinton`` mid-sentence).
    """
    for i, end, run in capitalised_runs(toks):
        if i > 0 and end - i == 1:
            art.mid_caps.add(toks[i])
        if run.kind == "person":
            parts = run.name.split()
            first = toks[0].lower()
            question = first in ("will", "can", "did", "does", "may") and toks[-1] == "?"  # "Will Cruz win?"
            if len(parts) == 2 and i == 0 and toks[0] == parts[0] and (first not in GIVEN_WORDS or question) \
                    and first not in PARTICLES and (first in art.lower or first.endswith("ing") and len(first) > 5):
                art.openers.add(run.name)
            elif len(parts) >= 2:
                inner.add(run.name)
            if len(parts) >= 2:
                known = art.full_names.setdefault(parts[-1].lower().replace("’", "'"), [])
                if run.name not in known and not any(_variant(parts[0], k.split()[0]) for k in known):
                    known.append(run.name)
            elif has_honorific(toks, i, end):
                art.titled.add(run.name)
            art.roles.setdefault(parts[-1].lower(), set()).update(run.titles)
            if sent is not None:
                sent.persons.append(run.name)
                _learn_appositive(art, toks, end, parts[-1].lower())


def _learn_appositive(art: Article, toks: list[str], end: int, key: str) -> None:
    """``X, the Republican nominee,`` teaches that "the nominee" may later mean X."""
    if end + 2 < len(toks) and toks[end] == "," and toks[end + 1].lower() in ("the", "a", "an"):
        for t in toks[end + 2 : end + 10]:
            if t in (",", ".", ";") or is_quote(t):
                break
            art.roles.setdefault(key, set()).add(t.lower().rstrip("."))


def _key(name: str) -> str:
    return name.split()[-1].lower().replace("’", "'")


def canonical(art: Article, name: str, at: int | None = None, sex: str | None = None) -> str | None:
    """The article's full spelling of ``name``; None for a bare surname the article never completes.

    A surname two people share (Bill and Hillary Clinton) resolves inside the article: to the one whose
    sex matches the honorific or pronoun (``sex``: ``Mrs. Clinton``, ``she``), then to a full mention in
    sentence ``at`` or the one before, else to the one the article names most in full."""
    if name in art.openers:
        name = name.split()[-1]
    parts = name.split()
    fulls = art.full_names.get(_key(name), [])
    if len(parts) == 1:
        if len(fulls) > 1:
            return _shared_surname(art, fulls, at, sex)
        if fulls:
            return fulls[0]
        if name in art.titled:
            return name
        return None
    if len(parts) == 2 and parts[0].lower() in PARTICLES:  # "bin Laden" beside "Osama bin Laden"
        return next((f for f in fulls if f.lower().endswith(" " + name.lower())), name)
    for full in fulls:  # "Hillary Clinton" after "Hillary Rodham Clinton": keep the first spelling
        fp = full.split()
        if (fp[0] == parts[0] or _variant(fp[0], parts[0])) and len(fp) >= len(parts):
            return full
    return name


def _shared_surname(art: Article, fulls: list[str], at: int | None, sex: str | None) -> str:
    if sex in ("m", "f"):
        fitting = [f for f in fulls if given_sex(f.split()[0]) in (sex, None, "?")]
        fulls = fitting or fulls
    mentions = [(n, f) for n, f in art.mentions.get(_key(fulls[0]), ()) if f in fulls]
    if at is not None:
        near = [f for n, f in mentions if at - 1 <= n <= at]
        if near:
            return near[-1]  # "Bill Clinton spoke first. Clinton said …": the person just named
    if not mentions:
        return fulls[-1]
    counts = {f: sum(1 for _, g in mentions if g == f) for f in fulls}
    return max(fulls, key=lambda f: counts[f])  # else the one the article names most (ties: the first)


def _variant(a: str, b: str) -> bool:
    """Two spellings of one given name in one article: a typo (``Donand``/``Donald``) or a
    transliteration (``Dmitri``/``Dmitry``).  Only one letter swapped, never added, so that
    ``Ivana``/``Ivanka`` stay two people; the first spelling is kept."""
    if len(a) != len(b) or len(a) < 5 or a[0] != b[0] or a == b:
        return False
    return sum(x != y for x, y in zip(a, b, strict=True)) == 1
