"""Rule-based attribution: who is quoted or paraphrased, with the cue and the words.

The article model lives in ``article.py`` and the pattern table in ``patterns.py``; this module adds letter
signatures and returns speakers made canonical inside the article (a bare surname takes the full name
the article gives it).
"""

from __future__ import annotations

import re

from ..models import Quote
from .article import Article, canonical, prepare
from .entity import article_kind, is_org, is_person
from .finder import Finder, evidence
from .lexicon import STOP
from .names import classify, is_cap, tokenize
from .patterns import attribute

_SIGNATURE = re.compile(r"^[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]*){1,3}(?:,[^.]{0,40})?\.?$")


def _signatures(paras: list[str]) -> list[str]:
    """Letters pages sign each letter on a line of its own; two or more such lines make writers."""
    names = []
    for para in paras:
        if len(para) < 60 and _SIGNATURE.match(para):
            toks = tokenize(para.split(",")[0].rstrip("."))
            run = classify(toks, 0, len(toks))
            if run.kind == "person" and len(run.name.split()) >= 2 and run.start == 0 and \
                    not any(t.lower() in STOP for t in toks):
                names.append(run.name)
    return names if len(names) >= 2 else []


#: Quotations an article must hold before its most-named person is taken for their speaker: one or
#: two are a scare-quoted term, a title or a slogan (``"Moon shot"``); a story built on somebody's
#: words quotes them again and again.
_MIN_QUOTATIONS = 3


def _most_named(art: Article) -> str | None:
    """The person an article names most often outside quotes, when no pattern found any speaker.

    Nearly every news story reports somebody's words (79 of 84 hand-labelled articles), often through
    cues the patterns do not read (``Blige sings``, ``a union endorsement``); its main person is then
    the likeliest speaker.  Two mentions are needed, one of them a full name, and the article must
    quote somebody repeatedly: a story with no or one or two quotations is a report of events (a
    company result, a review, an obituary), where the most-named person is its subject, not a source.
    """
    if sum(len(s.quotes) for s in art.sentences) < _MIN_QUOTATIONS:
        return None
    counts: dict[str, int] = {}
    for sent in art.sentences:
        for p in sent.persons:
            canon = canonical(art, p)
            if canon and not art.common(canon):
                counts[canon] = counts.get(canon, 0) + 1
    best = max(counts, key=lambda n: (counts[n], " " in n), default=None)
    if best is None or counts[best] < 2 or " " not in best:
        return None
    return best.replace("’", "'")


#: Speech verbs as headlines write them (present tense, title-cased): headline style, no library lists it.
_HEADLINE_CUES = frozenset(
    "says said tells warns urges vows slams blasts rips endorses defends denies claims insists "
    "admits predicts calls argues explains explained discusses discussed opens opened talks talked "
    "reveals revealed shares shared stresses stressed".split())


def _heading(para: str) -> bool:
    """A title-cased line inside the body (list items, round-ups): read like a headline."""
    words = para.split()
    if not 4 <= len(words) <= 24 or not (words[1][:1].isupper() and words[2][:1].isupper()):
        return False  # cheap first: Reuters bodies arrive as one "paragraph" per line
    words = [w for w in words if w[:1].isalpha()]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _headline(art: Article, title: str) -> str | None:
    """``Mark Cuban: I'd consider a bid`` / ``Flynn Says Trump Was Right``: a headline that opens with a
    person and a colon or a speech verb names a speaker.  Headlines are title-cased, so the name is
    the words before the cue, and it counts only as a full name the body also writes."""
    toks = tokenize(title)
    while toks and toks[0][:1].isdigit():  # a numbered list heading: "8 Ada Vole Opened Up About …"
        toks = toks[1:]
    k = next((n for n, t in enumerate(toks[:6]) if t == ":" or t.lower() in _HEADLINE_CUES), 0)
    if k == 0 or not all(is_cap(t) for t in toks[:k]):
        return None
    run = classify(toks, 0, k)
    canon = canonical(art, run.name) if run.kind == "person" and run.start == 0 else None
    if canon is None or canon not in art.full_names.get(canon.split()[-1].lower().replace("’", "'"), ()):
        return None  # the body must spell the person out: never "Delegate Update" or "Paid Notice"
    return canon.replace("’", "'")


def _people_only(art: Article, finder: Finder) -> None:
    """Keep the speakers that are people (``entity.py``); organisations among them move to ``orgs``."""
    text = "\n".join(art.paragraphs)
    people = [n for n in finder.speakers if is_person(art, text, n)]
    for name in finder.speakers:
        if name not in people and name not in finder.orgs and is_org(text, name):
            finder.orgs.append(name)
    finder.speakers[:] = people
    finder.quotes[:] = [q for q in finder.quotes if q.speaker in people]


def _name_kinds(art: Article, finder: Finder) -> tuple[tuple[str, str], ...]:
    """This article's verdict (``entity.article_kind``) on every full name it writes as a person's, and
    on its speakers and organisations: the corpus decides each name once from all articles' verdicts.
    Bare surnames the article does not take for speakers are left out: they are half the names, a
    single word reaches a speaker only on strong evidence (an honorific, two cues), and the build's
    budget is 50 articles/s."""
    text = "\n".join(art.paragraphs)
    names = dict.fromkeys([*(p for s in art.sentences for p in s.persons if " " in p), *finder.speakers,
                           *finder.orgs])
    out = []
    for name in names:
        kind = article_kind(art, text, name)
        if kind:
            out.append((name.replace("’", "'"), kind))
    return tuple(out)


def find_speakers(body: str, title: str = "") -> tuple[tuple[str, ...], tuple[str, ...], tuple[Quote, ...]]:
    """Speakers (canonical within the article), source organisations and quotes, in text order."""
    return analyse(body, title)[:3]  # type: ignore[return-value]


def analyse(body: str, title: str = "") -> tuple[tuple[str, ...], tuple[str, ...], tuple[Quote, ...],
                                                  frozenset[str], tuple[tuple[str, str], ...]]:
    """``find_speakers`` plus the words of every person the article names (topics leave them out) and
    the article's verdict on each name it writes (``_name_kinds``)."""
    art = prepare(body)
    finder = Finder(art)
    attribute(finder)
    for line in [title, *(p for p in art.paragraphs if _heading(p))]:
        lead = _headline(art, line) if line else None
        if lead and lead not in finder.speakers:
            finder.speakers.append(lead)
            finder.quotes.append(Quote(lead, line, "headline", evidence(line)))
    for name in _signatures(art.paragraphs):
        if name not in finder.speakers:
            finder.speakers.append(name)
            finder.quotes.append(Quote(name, "", "letter", evidence(name)))
    _people_only(art, finder)
    if not finder.speakers:
        lead = _most_named(art)
        if lead and is_person(art, "\n".join(art.paragraphs), lead):
            finder.speakers.append(lead)
            finder.quotes.append(Quote(lead, "", "mentioned"))
    people = {w for s in art.sentences for p in s.persons if " " in p or canonical(art, p) for w in p.split()}
    people.update(w for fulls in art.full_names.values() for f in fulls for w in f.split())
    people.update(w for n in finder.speakers for w in n.split())
    return tuple(finder.speakers), tuple(finder.orgs), tuple(finder.quotes), frozenset(people), \
        _name_kinds(art, finder)
