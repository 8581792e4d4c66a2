"""The attribution pattern table: every way a news sentence names the source of a statement, one row each.

The matcher (:func:`attribute`) walks :data:`CUES` at every token of every sentence: the first row whose
``when`` holds there fires its ``match`` and the walk stops (a *tentative* row lets it go on when its match
found no source).  A speech verb's row then walks :data:`SUBJECTS`, keyed on the word just before the
verb group, to find where its speaker stands.  A sentence in which no row found a speaker walks
:data:`SENTENCE`.  Each row carries its shape, one to three fictional example sentences with the speakers
the extractor gives them, and the test that specifies it; ``tests/test_speaker_patterns.py`` runs every
example through the extractor and checks that its row fired, so the table documents itself.

The readers a row calls live in ``subjects.py`` (source before the cue), ``forward.py`` (after it) and
``clauses.py`` (away from it); they record through ``Finder.take``.  To add a pattern, add a row where
its ``when`` must be tried (order matters: the first row that holds wins) with examples and a spec.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from .article import Article
from .clauses import colon, lone_quoted, main_clause, pronoun, transcript
from .finder import Finder
from .forward import according, forward, inverted, noun_cue
from .lexicon import (
    AUX,
    BE_FORMS,
    CLAUSE_FINAL_CUES,
    INVERTIBLE,
    NEGATIONS,
    NOUN_CUES,
    PARTICLE_CUES,
    SPEECH_VERBS,
    WHEN_WORDS,
)
from .names import is_cap, is_quote, run_bounds
from .subjects import DASHES, DETERMINERS, appositive, bracketed, dashed, description, named, unstated, who

_SPEC = "tests/test_extract_speakers.py::test_fictional_patterns"
_ROWS = "tests/test_speaker_patterns.py::test_row_examples"

#: "X was asked by NAME": the gold counts an interviewer's question as speech.
_ASKED = frozenset("asked questioned pressed challenged interviewed".split())
#: Cue words that take a quotation as their object: "called it a «Q»", "dubbed him «Q»".
_NAMING = ("called", "calls", "dubbed")
#: Prepositions that make a gerund cue an adjunct of the main clause: "X closed by saying …".
_GERUND_LEADS = ("by", "after", "before", "while", "without")


class Site(NamedTuple):
    """Where the matcher stands: sentence ``idx``, token ``i`` (the cue word) and, for :data:`SUBJECTS`,
    ``j``, the word before the cue's verb group (None for a passive)."""

    fd: Finder
    idx: int
    i: int
    toks: list[str]
    low: str
    j: int | None = None


@dataclass(frozen=True)
class Pattern:
    """One attribution pattern: its name, its shape, fictional examples ``(sentence, speakers)``, the
    test that specifies it, where it applies (``when``) and what it records (``match``)."""

    name: str
    shape: str
    examples: tuple[tuple[str, tuple[str, ...]], ...]
    spec: str
    when: Callable[[Site], bool]
    match: Callable[[Site], object]
    tentative: bool = False  # the walk goes on when ``match`` returns False (no source found)
    #: :data:`CUES` only: the lower-case tokens at which ``when`` can hold (None: a sentence's first token,
    #: whatever it is); the matcher tries a row only there, so most tokens cost one dictionary look-up.
    opens: frozenset[str] | None = frozenset()


def walk(table: tuple[Pattern, ...], site: Site) -> None:
    """Fire the first row of ``table`` that holds at ``site`` (past tentative rows that found nothing)."""
    for row in table:
        if row.when(site):
            if site.fd.trace is not None:
                site.fd.trace.append(row.name)
            if row.match(site) is not False or not row.tentative:
                return


def attribute(fd: Finder) -> None:
    """Walk the table over every token of every sentence of the finder's article."""
    for idx, sent in enumerate(fd.art.sentences):
        toks = sent.tokens
        for i, tok in enumerate(toks):
            low = tok.lower()
            rows = _INSIDE.get(low, ()) if i else _FIRST.get(low, _FIRST_ANY)
            if rows:
                walk(rows, Site(fd, idx, i, toks, low))
        walk(SENTENCE, Site(fd, idx, 0, toks, ""))


# -- what opens an attribution at a token ---------------------------------------------------------------
def _next(s: Site) -> str | None:
    return s.toks[s.i + 1] if s.i + 1 < len(s.toks) else None


def _verb(toks: list[str], i: int) -> bool:
    """"the states", "his comments" are nouns; a capitalised cue word ("United States") is a name."""
    if toks[i] in CLAUSE_FINAL_CUES and i + 1 < len(toks) and toks[i + 1] not in (",", ".", ":", ";") \
            and not is_quote(toks[i + 1]):
        return False
    return toks[i].islower() and (i == 0 or toks[i - 1].lower() not in DETERMINERS)


def _quote_next(art: Article, idx: int) -> bool:
    """``…, including Rep. Lacy Clay (D-Mo.):`` ends a paragraph and the next one is the quote."""
    return idx + 1 < len(art.sentences) and is_quote(art.sentences[idx + 1].tokens[0])


def _ends_quoted(toks: list[str]) -> bool:
    """``«Q» \n — Cleo Barnet`` attributes the quote above; a dash line after prose is a byline or credit."""
    return any(is_quote(t) for t in toks[-3:])


def _after_quote_dash(s: Site) -> bool:
    if s.toks[s.i] not in DASHES or _next(s) is None:
        return False
    if s.i == 0:
        return s.idx > 0 and _ends_quoted(s.fd.art.sentences[s.idx - 1].tokens)
    return is_quote(s.toks[s.i - 1]) or s.toks[s.i - 1] in "”\"’"


def _transcript_name(s: Site) -> bool:
    tok = s.toks[s.i]
    return s.i == 0 and len(s.toks) > 2 and s.toks[1] == ":" and tok.isupper() and len(tok) > 2


def _colon_quote(s: Site) -> bool:
    if s.toks[s.i] != ":":
        return False
    nxt = _next(s)
    return is_quote(nxt) if nxt is not None else _quote_next(s.fd.art, s.idx)


def _floating(toks: list[str], j: int) -> bool:
    """``A and B both said``, ``A (D-Ore.), B and C all suggested``: a quantifier floated after the
    subject belongs to it, not to the verb group's subject slot."""
    return toks[j] in ("all", "both") and j > 0 and (toks[j - 1] == ")" or is_cap(toks[j - 1]))


def _aux(toks: list[str], j: int) -> bool:
    """An auxiliary or adverb of the verb group; capitalised inside a sentence it is a name (``Theresa May said``)."""
    return toks[j].lower() in AUX and (j == 0 or not toks[j][:1].isupper())


def _before_verb_group(toks: list[str], i: int) -> int | None:
    """Index of the word before the cue's verb group (auxiliaries, -ly adverbs, a bracket, a time word:
    ``Gov. X on Friday announced``, ``X has repeatedly said``); None for a passive (``X was told``)."""
    j = i - 1
    while j >= 0 and (_aux(toks, j) or (toks[j].endswith("ly") and toks[j].islower())
                      or toks[j] == ")" or toks[j] in WHEN_WORDS or _floating(toks, j)
                      or toks[j] in ("'s", "’s") and j > 0 and toks[j - 1] in ("who", "he", "she")):
        if toks[j] in WHEN_WORDS and j > 0 and toks[j - 1] in ("on", "last", "this", "late", "early"):
            j -= 1  # "Gov. Terry McAuliffe on Friday announced"
        elif toks[j] == ")":
            while j >= 0 and toks[j] != "(":
                j -= 1
        if toks[j].lower() in BE_FORMS and not toks[i].endswith("ing"):
            return None
        j -= 1
    return j


def _particle(s: Site) -> bool:
    """``called for``, ``went on``; ``went on to win`` is an action, ``went on to say`` speech."""
    if s.low not in PARTICLE_CUES or _next(s) not in PARTICLE_CUES[s.low]:
        return False
    after = s.toks[s.i + 2 : s.i + 4]
    return s.low != "went" or after[:1] != ["to"] or (len(after) > 1 and after[1] in SPEECH_VERBS)


def _speech(s: Site) -> None:
    """A speech cue: find its speaker from the word before its verb group (the :data:`SUBJECTS` rows)."""
    walk(SUBJECTS, s._replace(j=_before_verb_group(s.toks, s.i)))


def _nothing(s: Site) -> None:
    """The row claims the site and records nothing: the shape names no source."""


CUES: tuple[Pattern, ...] = (
    Pattern("byline", "NAME reported from PLACE / contributed reporting",
            (("Ada Vole reported from Fictive Bay on the flood.", ()),), f"{_ROWS}[byline]",
            lambda s: s.low in ("reported", "contributed") and s.toks[s.i + 1 : s.i + 2] in (["from"], ["reporting"]),
            _nothing,
            opens=frozenset(("reported", "contributed"))),
    Pattern("asked-by", "asked by NAME (the interviewer)",
            (("Asked by Lars Starnes if he agreed, Rolf Carsen said no.", ("Lars Starnes", "Rolf Carsen")),),
            f"{_SPEC}[interviewer]",
            lambda s: s.low in _ASKED and s.toks[s.i + 1 : s.i + 2] == ["by"],
            lambda s: forward(s.fd, s.idx, s.i, s.i + 2, "asked"),
            opens=_ASKED),
    Pattern("speech-verb", "… said / told / argued / denied … (a speech verb, not a noun)",
            (("Marla Quint said the budget was balanced.", ("Marla Quint",)),
             ("Gus Pellam tweeted that the meeting was a disaster.", ("Gus Pellam",)),
             ("Wendell Orcutt denied the report on Tuesday.", ("Wendell Orcutt",))),
            f"{_SPEC}[plain said]",
            lambda s: s.low in SPEECH_VERBS and _verb(s.toks, s.i),
            _speech,
            opens=SPEECH_VERBS),
    Pattern("verb-particle", "… called for / pointed out / talked about …",
            (("Hana Brisk called for an inquiry.", ("Hana Brisk",)),
             ("Ottilie Brand talked about the harbour tax.", ("Ottilie Brand",)),
             ("Hugo Marr went on to say the levy was dead.", ("Hugo Marr",))),
            f"{_SPEC}[called for]",
            _particle,
            _speech,
            opens=frozenset(PARTICLE_CUES)),
    Pattern("called-quote", "NAME called X a «Q»",
            (("Mayor Pell Ostby called the fictive levy on boats a “disgrace to the town.”", ("Pell Ostby",)),),
            f"{_SPEC}[called X a quote]",
            lambda s: s.low in _NAMING and any(is_quote(t) for t in s.toks[s.i + 1 : s.i + 10]),
            _speech,
            opens=frozenset(_NAMING)),
    Pattern("according-to", "…, according to NAME / according to a DOCUMENT by|from NAME",
            (("The plan is dead, according to Nadia Orlov.", ("Nadia Orlov",)),
             ("Rents fell, according to an account from Senator Nadia Orlov.", ("Nadia Orlov",)),
             ("The levy failed, according to documents obtained by Ada Vole.", ())),
            f"{_SPEC}[according to]",
            lambda s: s.low == "according" and _next(s) == "to",
            lambda s: according(s.fd, s.idx, s.i),
            opens=frozenset(["according"])),
    Pattern("quoted-as-saying", "… quoted NAME as saying …",
            (("The paper quoted Boris Tamm as saying the port would close.", ("Boris Tamm",)),),
            f"{_SPEC}[quoted as saying]",
            lambda s: s.low == "quoted" and _next(s) is not None and is_cap(_next(s)),
            lambda s: forward(s.fd, s.idx, s.i, s.i + 1, "quoted"),
            opens=frozenset(["quoted"])),
    Pattern("quote-dash", "«Q» — NAME",
            (("“Never again.” — Cleo Barnet", ("Cleo Barnet",)),),
            f"{_SPEC}[dash attribution]",
            _after_quote_dash,
            lambda s: forward(s.fd, s.idx, s.i, s.i + 1, "—"),
            opens=frozenset(DASHES)),
    Pattern("transcript", "SURNAME: … (an interview transcript)",
            (("Host Ada Vole joined us.\nVOLE: Welcome back to the fictive show.", ("Ada Vole",)),),
            f"{_ROWS}[transcript]",
            _transcript_name,
            lambda s: transcript(s.fd, s.idx, s.toks[s.i]),
            opens=None),
    Pattern("noun-cue", "NAME's statement / a ruling, study or commentary by NAME / NAMEs' commentary",
            (("Tamsin Roe's statement blamed the weather.", ("Tamsin Roe",)),
             ("The court upheld the ban in a ruling by Justice Arvo Kell.", ("Arvo Kell",)),
             ("Ouisa Vass' commentary on the fictive levy is thoughtful.", ("Ouisa Vass",))),
            f"{_SPEC}[noun cue possessive]",
            lambda s: s.low in NOUN_CUES,
            lambda s: noun_cue(s.fd, s.idx, s.i),
            opens=NOUN_CUES),
    Pattern("name-colon", "NAME: «Q» (transcripts, live blogs, galleries)",
            (("Rep. Ansel Dorn (R-S.C.): “Nobody has cited that figure.”", ("Ansel Dorn",)),
             ("Jo Vask, 45, Columbus, Ohio: “I will vote for the fictive party again this year.”", ("Jo Vask",))),
            f"{_SPEC}[NAME: «Q»]",
            _colon_quote,
            lambda s: colon(s.fd, s.idx, s.i),
            opens=frozenset(":")),
)


#: The :data:`CUES` rows to try at a token inside a sentence, and at a sentence's first token, by lower-case token.
_OPENERS: frozenset[str] = frozenset().union(*(r.opens for r in CUES if r.opens))
_INSIDE: dict[str, tuple[Pattern, ...]] = {w: tuple(r for r in CUES if r.opens and w in r.opens) for w in _OPENERS}
_FIRST_ANY: tuple[Pattern, ...] = tuple(r for r in CUES if r.opens is None)
_FIRST: dict[str, tuple[Pattern, ...]] = {
    w: tuple(r for r in CUES if r.opens is None or w in r.opens) for w in _INSIDE}


# -- where a speech verb's speaker stands: keyed on the word before its verb group ----------------------
def _quote_before(s: Site) -> bool:
    j, toks = s.j, s.toks
    assert j is not None
    return j < 0 or is_quote(toks[j]) or toks[j] in "”\"" or (toks[j] == "," and j > 0 and is_quote(toks[j - 1]))


def _j(s: Site) -> int:
    """The word before the verb group; never None past the first row, which claims the passive."""
    assert s.j is not None
    return s.j


def _before(s: Site) -> str:
    return s.toks[_j(s)]


def _gerund(s: Site) -> bool:
    return s.toks[s.i].endswith("ing")


SUBJECTS: tuple[Pattern, ...] = (
    Pattern("passive-or-negated", "NAME was told / NAME did not say (no speaker)",
            (("Rolf Ekberg did not say why.", ()), ("Rolf Ekberg was told to leave.", ())),
            f"{_SPEC}[negated]",
            lambda s: s.j is None or (s.j >= 0 and s.toks[s.j].lower() in NEGATIONS),
            _nothing),
    Pattern("bracket-comma", "NAME (PARTY-STATE), said",
            (("Rep. Ulla Penz (D-Ore.), said after lunch that she would vote no.", ("Ulla Penz",)),),
            f"{_SPEC}[party tag then comma]",
            lambda s: s.j is not None and s.j > 0 and _before(s) == "," and s.toks[s.j - 1] == ")",
            lambda s: bracketed(s.fd, s.idx, s.i, _j(s)),
            tentative=True),
    Pattern("quote-said-name", "«Q», said NAME (an invertible cue)",
            (("“We will win,” said Orrin Vale.", ("Orrin Vale",)),
             ("“It is odd,” said election lawyer Tove Brandt.", ("Tove Brandt",))),
            f"{_SPEC}[quote then said NAME]",
            lambda s: _quote_before(s) and s.low in INVERTIBLE,
            lambda s: forward(s.fd, s.idx, s.i, s.i + 1, s.toks[s.i])),
    Pattern("quote-cue-listener", "«Q», urged NAME (the name after other cues is a listener: no speaker)",
            (("“Vote,” urged Tova Marsh.", ()),),
            f"{_ROWS}[quote-cue-listener]",
            _quote_before,
            _nothing),
    Pattern("nested-or-supposed", "X says NAME promised … / if NAME asks (a report or a supposition: no speaker)",
            (("Ada Vole says Bo Tamm promised to stay.", ("Ada Vole",)),
             ("Voters will laugh if Lena Holt asks him about taxes.", ())),
            f"{_SPEC}[nested attribution]",
            lambda s: is_cap(_before(s)) and unstated(s.toks, run_bounds(s.toks, _j(s) + 1)),
            _nothing),
    Pattern("name-said", "NAME [aux] said / «Q», NAME said / NAME, the ROLE at ORG said",
            (("“We will win,” Orrin Vale said.", ("Orrin Vale",)),
             ("Senate Majority Leader Tobias Wren told reporters the vote would wait.", ("Tobias Wren",)),
             ("Lena Hoth and Amos Rudd said they would appeal.", ("Amos Rudd", "Lena Hoth"))),
            f"{_SPEC}[quote then NAME said]",
            lambda s: is_cap(_before(s)),
            lambda s: named(s.fd, s.idx, s.i, _j(s))),
    Pattern("pronoun-said", "he said / she said (the nearest fitting person)",
            (("Mira Cole spoke at noon. “It is over,” she said.", ("Mira Cole",)),),
            f"{_SPEC}[pronoun resolved]",
            lambda s: _before(s).lower() in ("he", "she"),
            lambda s: pronoun(s.fd, s.idx, s.i, _j(s))),
    Pattern("who-said", "NAME, who said / NAME, a ROLE who said",
            (("The crowd cheered for Dario Feld, who said he would run again.", ("Dario Feld",)),
             ("Ana Sosa, a fictive media consultant who said she would vote, left early.", ("Ana Sosa",))),
            f"{_SPEC}[who said]",
            lambda s: _before(s) == "who",
            lambda s: who(s.fd, s.idx, s.i, _j(s))),
    Pattern("dashed-name", "— …, NAME — insisted",
            (("Several leaders — and, in particular, Senate Leader Ivo Strand — insisted the vote wait.",
              ("Ivo Strand",)),),
            f"{_ROWS}[dashed-name]",
            lambda s: _before(s) in DASHES,
            lambda s: dashed(s.fd, s.idx, s.i, _j(s))),
    Pattern("gerund-adjunct", "NAME closed … by saying",
            (("Sen. Abel Fenwick closed his speech by saying the bill was dead.", ("Abel Fenwick",)),),
            f"{_SPEC}[by saying]",
            lambda s: _before(s) in _GERUND_LEADS and _gerund(s),
            lambda s: main_clause(s.fd, s.idx, s.i, _j(s))),
    Pattern("comma-gerund", "NAME vetoed the bill, arguing …",
            (("Senator Abel Fenwick vetoed the bill, arguing that it cost too much.", ("Abel Fenwick",)),
             ("Corwin Hale attacked Dina Marsh, the mayor, saying she lied.", ("Corwin Hale",))),
            f"{_SPEC}[participle: main-clause subject]",
            lambda s: _before(s) == "," and _gerund(s),
            lambda s: main_clause(s.fd, s.idx, s.i, _j(s)),
            tentative=True),
    Pattern("appositive", "NAME, the ROLE, said / a ROLE, NAME, said",
            (("Ilse Morrow, a spokeswoman for the fictional Grange League, said talks had stalled.", ("Ilse Morrow",)),
             ("Tam Olsen, the head of Fictive Widget Agency, the fictive regulator, said prices fell.",
              ("Tam Olsen",))),
            f"{_SPEC}[appositive]",
            lambda s: _before(s) == ",",
            lambda s: appositive(s.fd, s.idx, s.i, _j(s)),
            tentative=True),
    Pattern("says-name-role", "…, says NAME, the ROLE",
            (("Turnout will fall, says Edda Morn, a pollster at Fictive College.", ("Edda Morn",)),
             ("Rents will rise, says economist Mette Vang of Fictive College.", ("Mette Vang",))),
            f"{_SPEC}[says NAME, appositive]",
            lambda s: _before(s) == "," and s.low in INVERTIBLE,
            lambda s: inverted(s.fd, s.idx, s.i)),
    Pattern("and-said", "NAME became a delegate and said …",
            (("Ivar Bosk, a former party chairman, became a delegate and said he backs the plan.", ("Ivar Bosk",)),
             ("Rep. Tova Marsh backed the levy, but now said it failed.", ("Tova Marsh",))),
            f"{_SPEC}[coordinated verb]",
            lambda s: _before(s) in ("and", "but") and not _gerund(s),
            lambda s: main_clause(s.fd, s.idx, s.i, _j(s))),
    Pattern("description-said", "the senator said / NAME and his aides said",
            (("Sen. Fenn Abbot voted no. “A bad law,” the senator said.", ("Fenn Abbot",)),
             ("Abel Fenwick and his aides said the bill was dead.", ("Abel Fenwick",))),
            f"{_SPEC}[description resolved]",
            lambda s: _before(s).islower() and _before(s).isalpha(),
            lambda s: description(s.fd, s.idx, s.i, _j(s))),
)


# -- a sentence in which no row found a speaker ---------------------------------------------------------
SENTENCE: tuple[Pattern, ...] = (
    Pattern("lone-quote", "NAME on Tuesday: «a whole statement» (one person, no cue)",
            (("Abel Fenwick was blunt on Tuesday: “The bill is dead and it will stay dead.”", ("Abel Fenwick",)),),
            f"{_SPEC}[whole quote, one person, no cue]",
            lambda s: not s.fd.art.sentences[s.idx].speakers,
            lambda s: lone_quoted(s.fd, s.idx)),
)

#: Every row, in the order the matcher meets them.
TABLE: tuple[Pattern, ...] = CUES + SUBJECTS + SENTENCE
