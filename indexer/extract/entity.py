"""Is a speaker name a person?  Evidence from the article and a given-name table, not more word lists.

The attribution patterns find *who* is the subject of a speech cue; on wire and finance copy that
subject is as often a company (``Merrill Lynch said``, ``Comissaria Smith said in its weekly review``)
or a product (``Game Pass``) as a person.  A capitalised run reads the same either way, so the decision
is taken once per name and article, on evidence that holds on any source:

* **company evidence** (the name is an organisation, it goes to ``orgs``): a legal or corporate suffix
  after it (``Inc``, ``Corp``, ``Cos``, ``& Co``, ``Plc``, ``Bank``), ``shares of X`` / ``X shares`` /
  ``X's board``, a job noun after it (``Merrill Lynch analyst``, ``Goldman Sachs economists``: a person
  is not a modifier of another person's job), or the neuter possessive ``X said in its …``;
* **person evidence**: an honorific before the surname (``Mr Takenaka``), an age (``X, 45,``), a
  relative ``who`` after it, a role noun before it or a title inside the run (``economy minister X``),
  a role appositive, a he/she that refers to it;
* failing both, the first word: a known given name (``gender-guesser``'s 40,000-name table, which
  covers names from many countries: Yoshifumi, Kostas, Fadhil) is a person; an ordinary English word
  (``Launch Byte``, ``Game Pass``, ``Labour MPs``) is not; an unknown word (Heizo, Meseret) is kept.

Company evidence wins over a given name (``Merrill``, ``Morgan`` are given names too).  The
given-name table also gives the sex used for ``Mrs./Mr.`` and ``she/he`` resolution.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import burst
from .article import Article
from .given import given_sex
from .lexicon import HONORIFICS, STOP, TITLES

#: Corporate designators: the legal suffixes (no library lists them for plain text) and bank/brokerage heads.
_CORPORATE = r"(?:Inc|Corp|Corporation|Co|Cos|Company|Companies|Ltd|Plc|PLC|LLC|LP|AG|SA|NV|SpA|Group|Holdings|" \
             r"Bank|Brothers|Bros|Partners|Securities|Capital|Research|Management|Associates|Investments|& Co|and Co)\b"
#: Job nouns that a company name modifies ("Merrill Lynch analyst"); never written after a person's name.
_JOBS = r"(?:analysts?|economists?|strategists?|spokes(?:man|woman|person)|officials|executives|" \
        r"traders|dealers|shareholders|unit|subsidiary)\b"
_HONORIFIC = "(?:" + "|".join(sorted((h.capitalize() for h in HONORIFICS | {"pres"}), key=len, reverse=True)) + r")\.?"


@lru_cache(maxsize=512)
def _mentions(text: str, name: str) -> tuple[tuple[str, str], ...]:
    """The text just before and after each mention of ``name``: evidence is read in these windows,
    so the cost is a few anchored matches per mention, not a scan of the article per pattern.  Each
    kind of evidence asks for the same name's mentions, so they are found once per article and name."""
    return tuple((text[max(0, start - 40) : start], text[end : end + 160]) for start, end in _spans(text, name))


_ODD_SPACE = re.compile(r"[^\S \n]| [ \n]|\n ")


@lru_cache(maxsize=4)
def _flat(text: str) -> str | None:
    """The text with line breaks read as spaces (same offsets), or None when it spaces words otherwise."""
    return None if _ODD_SPACE.search(text) else text.replace("\n", " ")


def _word(c: str) -> bool:
    return c.isalnum() or c == "_"


def _spans(text: str, name: str) -> list[tuple[int, int]]:
    """Where ``name`` stands as whole words (``\\bNAME\\b``, words parted by any one space or line break).

    ``str.find`` over the flattened text: every article's every name is looked up (``article_kind``),
    and a regular expression per name cost a compile and a slower scan each."""
    flat = _flat(text)
    if flat is None or not name or not _word(name[0]):
        pat = r"\b" + re.escape(name).replace(r"\ ", r"\s+") + r"\b"
        return [(m.start(), m.end()) for m in re.finditer(pat, text)]
    out, start, tail_word = [], flat.find(name), _word(name[-1])
    while start >= 0:
        end = start + len(name)
        if (start == 0 or not _word(flat[start - 1])) and \
                (end < len(flat) and _word(flat[end]) != tail_word or end == len(flat) and tail_word):
            out.append((start, end))
            start = flat.find(name, end)
        else:
            start = flat.find(name, start + 1)
    return out


_COMPANY_AFTER = re.compile(
    rf",?\s+{_CORPORATE}|\s+{_JOBS}|\s+(?:[a-z]+\s+){{1,2}}(?:analysts?|economists?|strategists?)\b|(?:['’]s)?\s+(?:shares|stock|board)\b"
    r"|\s+(?:said|says|reported|wrote|added|noted)\s+(?:in\s+)?its\b")
_COMPANY_BEFORE = re.compile(r"\bshares\s+(?:of|in)\s+$")
#: What only a company has: ``X's chief executive``, ``X's market cap``, ``X's revenue``.
_COMPANY_OWNS = re.compile(r"['’]s\s+(?:ceo|chief\s+executive|chief\s+financial|cfo|market\s+(?:cap|value)|revenues?|"
                           r"earnings|quarterly|profits?|shareholders|subsidiar(?:y|ies)|headquarters)\b")
#: The head noun of an appositive types the name it describes: ``X, the agency that oversees …``,
#: ``X, a Tokyo-based carrier,``.  Kinds of organisation only (a person's appositive has a role noun;
#: "owner", "producer", "broadcaster" are people's too: "Tom Vask, a nursing home owner,"; "owners" is not).
_ORG_HEADS = r"(?:agency|company|firm|group|bank|lender|insurer|carrier|airline|retailer|manufacturer|" \
             r"owners|network|startup|subsidiary|team|club|party|union|association|chain|trust|" \
             r"organi[sz]ation|charity|institute|department|ministry|commission|committee|authority|regulator)"
#: The same kinds written before the name, as a description: ``chip maker Tsinghua Unigroup said``.
_ORG_KIND_BEFORE = re.compile(r"(?<![-\w])(?:agency|company|firm|group|bank|lender|insurer|carrier|airline|retailer|"
                              r"manufacturer|maker|chipmaker|automaker|brokerage|startup|conglomerate|giant|chain)\s+$")
_ORG_APPOSITIVE = re.compile(
    rf",\s+(?:the|a|an|its)\s+(?:[\w-]+\s+){{0,3}}?{_ORG_HEADS}(?=\s*(?:that|which|whose|,|\.|;|\)|based|of|for|in)\b|\s*[,.;)])")


_LONGER = re.compile(r"(?:[ \t]+[A-Z][\w&'’.-]*){1,3}")


def short_for_company(text: str, name: str) -> bool:
    """A one-word name the article also writes as the head of a longer company name with company
    evidence: ``Omega reported …`` beside ``Omega Healthcare, a real estate investment trust``."""
    longer = {name + m.group(0) for _, after in _mentions(text, name) if (m := _LONGER.match(after))}
    for form in longer:
        words = form.split()
        if any(company_evidence(text, " ".join(words[:k])) for k in range(len(words), 1, -1)):
            return True
    return False


def company_evidence(text: str, name: str) -> bool:
    """The article writes ``name`` as a company somewhere (see the module docstring)."""
    return any(_COMPANY_AFTER.match(after) or _COMPANY_BEFORE.search(before) or _ORG_APPOSITIVE.match(after)
               or _COMPANY_OWNS.match(after) or _ORG_KIND_BEFORE.search(before)
               for before, after in _mentions(text, name))


#: Present-tense verb forms that agree only with a plural subject, differ from the past tense ("say",
#: not "put") and are seldom nouns ("plan", "claim", "hope" are left out: "the McKinley plan").  One
#: person "says" and "has"; a team, a firm written as plural (British usage: "Townsend Thoresen say")
#: or a group ("Supporters say") takes these.  No shipped tagger tells them.
_PLURAL_VERB = re.compile(
    r"\s+(?:say|have|are|tell|argue|believe|think|want|insist|warn|expect|predict|operate|agree|know|accuse|"
    r"urge)\b")
#: What licenses a bare verb after a singular name: coordination ("X and Y say"), a modal or "do", "to",
#: a perception or causative verb ("let X say", "heard X say"), "if" (subjunctive), a question inversion
#: ("Will Quint say more?"), or a preposition: the name is its object and the verb agrees with the noun
#: before it ("attacks on X are", "supporters of X have", "critics like X say", "under X have").
_BARE_VERB_LICENSE = re.compile(
    r"(?:(?i:\b(?:and|or|nor|both|to|do|does|did|will|would|can|could|should|may|might|must|shall|let|lets|make|"
    r"makes|made|have|has|had|hear|heard|see|saw|watch|watched|help|helped|if|as|than|not|"
    r"of|on|with|by|under|behind|like|for|against|about|from|at|in|over|including|toward|towards))\s+|[,&/]\s*)"
    r"(?:[A-Z][\w.'’-]*\s+){0,3}$")  # the words before the surname: "Larry King and Ed Schultz are"
#: "the Penguins said", "the Penguins' coach": a name with a determiner of its own is a team, firm or
#: place, never a person ("the Obama administration" is followed by a noun, so it does not count).
_THE_BEFORE = re.compile(r"\b[Tt]he\s+$")
_AFTER_BARE_NAME = re.compile(
    r"(?:['’]s?(?=\s)|\s+(?:said|say|says|are|is|were|was|have|has|will|would)\b|\s*[,.;:!?)])")


def group_evidence(text: str, name: str) -> bool:
    """The article writes ``name`` (or its last word) as a plural or a determined noun phrase: a
    group, a team or a company, not one person (``Townsend Thoresen say``, ``the Penguins said``)."""
    last = name.split()[-1]
    for form in dict.fromkeys((name, last)):
        for before, after in _mentions(text, form):
            if _PLURAL_VERB.match(after) and not _BARE_VERB_LICENSE.search(before) \
                    and not _HONORIFIC_BEFORE.search(before):
                return True
            if _THE_BEFORE.search(before) and _AFTER_BARE_NAME.match(after):
                return True
    return False


#: A place is where things happen: "in Chelsea", "near Bremerhaven", "the Chelsea neighborhood".
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|near|outside|inside|across|throughout|around)\s+"
                              r"(?:[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?,?\s+(?:and|or)\s+)?$")  # "in Japan and Hong Kong"
_PLACE_AFTER = re.compile(r"\s+(?:neighbou?rhood|district|area|region|province|county|borough|suburb|city|town|"
                          r"village|port|harbou?r|state|coast|border|valley)\b")


def place_evidence(text: str, name: str) -> bool:
    """Every mention of ``name`` is a location (``in Chelsea``, ``the Chelsea neighborhood``): a person is
    the object of a locative preposition now and then, never at every mention (``at Vask's home`` is
    possessive and does not count)."""
    mentions = _mentions(text, name)
    return bool(mentions) and all(
        (_LOCATIVE_BEFORE.search(before) and not after.startswith(("'s", "’s"))) or _PLACE_AFTER.match(after)
        for before, after in mentions)


_SENTENCE_START = re.compile(r"(?:^|[.!?:][\"”’)]*\s+|\n\s*|[\"“‘(]\s*)$")


def only_sentence_initial(text: str, word: str) -> bool:
    """Every use of ``word`` opens a sentence, where any word is capitalised: the capital is no
    evidence of a name (``Supporters say …``, ``Demonstrators said …``)."""
    spans = [m.start() for m in re.finditer(rf"\b{re.escape(word)}\b", text)]
    return bool(spans) and all(_SENTENCE_START.search(text[max(0, s - 4) : s]) for s in spans)


#: An agent noun (economist, analyst, trader, director, historian, spokesman) or a title word right
#: before the name: ``economy minister Heizo Takenaka``, ``analyst Jo Vask``.
#: Kinship and role nouns are said only of people: ``host Megyn Kelly``, ``his wife, Jo``.
_AGENT = r"(?:[a-z]{3,}(?:ist|er|or|ian|man|woman|ent|ant|ee|ate)|minister|secretary|chief|head|boss|host|coach|" \
         r"wife|husband|son|daughter|father|mother|brother|sister|aide|adviser|nominee|opponent|rival)"
_AGENT_WORD = re.compile(_AGENT + "$")


#: Words that end like agent nouns but are adverbs, comparatives or adjectives (no library tags them here).
_NOT_ROLES = frozenset("former together rather senior junior whether either neither never however over under "
                       "after other later major minor prior further another".split())


#: Agent nouns said of firms as often as of people (``industry consultant Wood Mackenzie``, ``data provider
#: X``, ``its adviser X``): a role, but no evidence that the name is a person's.
_FIRM_ROLES = frozenset("consultant consultants consultancy adviser advisers advisor advisors provider providers "
                        "supplier suppliers developer developers producer producers operator operators distributor "
                        "distributors broker brokers publisher publishers owner owners investor investors partner "
                        "partners tracker researcher researchers".split())


def _person_role(word: str) -> bool:
    return role_noun(word) and word not in _FIRM_ROLES


def role_noun(word: str) -> bool:
    """A lower-case title or agent noun (``analyst``, ``economist``, ``spokesman``, ``minister``)."""
    return word.islower() and word not in STOP and word not in _NOT_ROLES and (
        word in TITLES or bool(_AGENT_WORD.match(word)))


_CUE = r"(?:said|says|added|told\s+\w+|wrote|explained|argued|noted|insisted)"
_HONORIFIC_NAME_BEFORE = re.compile(rf"\b{_HONORIFIC}\s+(?:[A-Z][\w'’-]+\s+)?$")
_WORD_BEFORE = re.compile(r"(?<![-\w])([a-z]+),?\s+$")
_NAME_AFTER = re.compile(
    r",\s+(?:\d{1,3},|who\b|whose\b|aged\b|(?:a|an|the|one)\s+|(?:[a-z-]+\s+){0,2}(?:of|at|for)\s)")
_SURNAME_AFTER = re.compile(
    rf"\s+{_CUE},?\s+(?:that\s+)?(?:he|she)\b|[.!?]\s+(?:He|She)\s|\s+{_CUE}[^.!?\n]*[.!?][\s\"”’]*(?:He|She)\s"
    r"|\s+[a-z]+(?:ed|s)\b[^A-Z.!?\n]{0,40}\b(?:he|she|his|her|him|himself|herself)\b")
_HONORIFIC_BEFORE = re.compile(rf"\b{_HONORIFIC}\s+(?:[A-Z][\w'’-]+\s+)?$")
#: The object of a preposition (``a director at Wood Mackenzie. He sees …``): a following he/she refers
#: to the sentence's subject, not to it.
_OBJECT_BEFORE = re.compile(r"\b(?:at|of|from|with|for|by|in|to|on)\s+(?:[A-Z][\w'’-]+\s+)?$")


def person_evidence(art: Article, text: str, name: str) -> bool:
    """The article treats ``name`` as a person: an honorific, an age, ``who``, a role before or after
    it, or a he/she that refers to it (``said Kujda. He realised``, ``Gramley said he is worried``,
    ``Kelly charged in her …``).  A neuter ``it``/``its`` is company evidence instead."""
    surname = name.split()[-1]
    if any(_person_role(r) for r in art.roles.get(surname.lower(), ())):
        return True
    for before, after in _mentions(text, name):
        word = _WORD_BEFORE.search(before)
        if _NAME_AFTER.match(after) or _HONORIFIC_NAME_BEFORE.search(before) or (word and _person_role(word.group(1))):
            return True
    return any((_SURNAME_AFTER.match(after) and not _OBJECT_BEFORE.search(before)) or _HONORIFIC_BEFORE.search(before)
               for before, after in _mentions(text, surname))


#: A name ending in the head noun of an institution is the institution (``Stanford University``); the
#: name runs type such runs as organisations, but a full name can reach a speaker by other paths.
_INSTITUTION_TAIL = re.compile(r"\s(?:University|College|School|Institute|Committee|Commission|Council|Association|"
                               r"Foundation|Ministry|Department|Agency|Bureau|Company|Corporation|Bank)$")
_GLUED = re.compile(r"[A-Z][a-z]{3,}[A-Z][a-z]")


def _glued(name: str) -> bool:
    """``HouseBharat Ramamurti``, ``DealMeanwhile Citi``: two words run together where a feed lost a
    line break.  A person's name capitalises inside a word only after a short prefix (McDonald,
    MacArthur, DeSantis, LaGuardia, DuVernay); an inner capital after four letters is a seam."""
    first = name.split()[0]
    if not _GLUED.match(first):
        return False
    seam = next(k for k in range(4, len(first)) if first[k].isupper())
    # a compound given name (RoseAnn, KellyAnne) is two given names; a seam glues a word to a name
    return given_sex(first) is None and (given_sex(first[:seam]) is None or given_sex(first[seam:]) is None)


def is_person(art: Article, text: str, name: str) -> bool:
    """Decide a speaker name: True for a person, False for an organisation or anything else.

    Company evidence wins; then person evidence; then a first word that is a known given name.  A
    single word reached a speaker only after an honorific or as the subject of two cues: it stays a
    person unless the article writes it as a company (``Texaco Inc``, ``Hindenburg Research``)."""
    if company_evidence(text, name) or re.search(rf"\s{_CORPORATE}$", name) or \
            (" " not in name and short_for_company(text, name)):
        return False  # "WeWork Cos", "Salomon Brothers"
    if group_evidence(text, name) or place_evidence(text, name) or _glued(name) or _INSTITUTION_TAIL.search(name):
        return False
    if person_evidence(art, text, name):
        return True
    if " " not in name:
        return not (given_sex(name) is None and burst.known_word(name) and only_sentence_initial(text, name))
    first = name.split()[0]
    if given_sex(first) is not None or given_sex(first.split("-")[0]) is not None:  # Eva-Maria
        return True
    return not _common_word(art, first)


#: Documents (of the 22k behind ``word_stats.tsv``) a word must appear in to count as ordinary English
#: when it is no given name: "Exporting" (103), not "Pittsburgh" (25) or "Townsend" (9).
_COMMON_DF = 100


def _document_frequency(word: str) -> int:
    """Documents using the word in the learnt background table (burst.py owns the table)."""
    return burst._table()[0].get(word, (0,))[0]


def _common_word(art: Article, word: str) -> bool:
    """An ordinary English word, not a name the given-name table lacks (Heizo, Meseret): the article
    writes it in lower case, or news text uses it after a determiner (``Launch Byte``, ``Game Pass``,
    ``Growth Brands``, ``Safety Check``; the learnt table of ``burst.py``)."""
    low = word.lower()
    if "-" in word and word.rsplit("-", 1)[1].islower():
        return True  # a modifier: "Ontario-based Aphria", "Texas-born"
    return low in art.lower or burst.noun_capable(low) or _document_frequency(low) >= _COMMON_DF


def is_org(text: str, name: str) -> bool:
    """A rejected speaker that goes to ``orgs``: only with company evidence, a name of two or more
    words written as a plural or with a determiner (``Townsend Thoresen say``), or a one-word short name
    of a company (``Omega`` for ``Omega Healthcare``); never on absence of a given name, and never a
    one-word group (``Supporters``)."""
    if company_evidence(text, name):
        return True
    return group_evidence(text, name) if " " in name else short_for_company(text, name)


#: One article's verdict on a name, in the order ``is_person`` weighs the evidence.
ORG, PLACE, PERSON = "org", "place", "person"


def article_kind(art: Article, text: str, name: str) -> str | None:
    """What this article's text says ``name`` is, or None when it gives no evidence either way.

    The corpus decides a name once from these verdicts (``names_corpus.NameKinds``): the evidence
    that types ``Morgan Stanley`` (``Morgan Stanley analyst``, ``shares of Morgan Stanley``) is in other
    articles than the one that writes ``Morgan Stanley sees the company as …``.
    """
    if company_evidence(text, name) or re.search(rf"\s{_CORPORATE}$", name) or _INSTITUTION_TAIL.search(name) \
            or (group_evidence(text, name) if " " in name else short_for_company(text, name)):
        return ORG
    if place_evidence(text, name):
        return PLACE
    if person_evidence(art, text, name):
        return PERSON
    return None
