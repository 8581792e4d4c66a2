"""Subjects that a cue does not stand next to: the main clause, and a ``NAME:`` before a quote.

``X vetoed the bill, arguing that …`` and ``X became a delegate and said …`` attribute the speech to
the subject of the main clause, several words (and possibly other names) away from the cue.  Reading
the nearest capitalised run instead credits the object (``the bill``) or a person merely mentioned,
so the subject is taken only where news prose puts it: at the start of the sentence, after at most a
conjunction (``But``) and an introductory phrase closed by a comma (``On Tuesday, X …``).
``Rep. Jo Fisk (R-S.C.): «Q»`` is how transcripts and live blogs attribute a quote.  Pronouns
(``he said``), descriptions (``the senator said``) and transcript names (``WALLACE:``) also resolve to a
person named elsewhere, so they live here too (``ClauseMixin``), keeping ``finder.py`` to the patterns;
so do the last resort for a sentence that quotes a statement and names one person but has no cue, and
subjects set off by dashes, series (``A, B and C said``) and unclosed appositives.
"""

from __future__ import annotations

from .article import Article, canonical
from .forward import DASHES
from .given import given_sex
from .lexicon import AUX, ORG_WORDS, SPEECH_VERBS, STOP
from .names import Run, classify, is_cap, is_quote, run_bounds, run_forward

#: Words that open an introductory phrase ended by a comma: "On Tuesday, …", "Later, …".
_INTRO = frozenset(
    "on in at after before during since while when last earlier later yesterday today tonight "
    "meanwhile still instead similarly however speaking asked interviewed separately then "
    "also again nevertheless likewise for by with".split())
_GROUP_OPENERS = frozenset("his her their other several some many top fellow".split())
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
    if end <= 0:
        return None
    first = run_forward(toks, 0)
    if first == end:
        return (0, end)
    if 0 < first < end and toks[first] == "," and all(  # "Jo Vask, 45, Columbus, Ohio: «Q»" (galleries)
            t in ",()" or is_cap(t) or t[:1].isdigit() for t in toks[first:end]):
        return (0, first)
    start = run_bounds(toks, end)  # "HEADLINE IN CAPITALS - Michael P. McDonald: «Q»" (a round-up)
    if 1 < start < end and toks[start - 1] in ("-", "—", "–", "--", "including"):
        return (start, end)  # "…, including Rep. Lacy Clay (D-Mo.): «Q»"
    return None


class ClauseMixin:
    """Finder patterns whose subject is found away from the cue: clauses, pronouns, descriptions."""

    art: Article

    def _take_name(self, idx: int, cue: int, name: str, cue_word: str | None = None,
                   sex: str | None = None) -> None:
        raise NotImplementedError  # Finder records the speaker

    def _subject(self, idx: int, cue: int, start: int, end: int, lists: bool = True,
                 who: bool = False) -> bool:
        raise NotImplementedError  # Finder reads the run

    def _take(self, idx: int, cue: int, run: Run, cue_word: str | None = None) -> None:
        raise NotImplementedError  # Finder records the speaker or organisation

    def _clause_subject(self, idx: int, cue: int, j: int) -> bool:
        """``X vetoed it, arguing …`` / ``X left and said …``: the subject of the main clause."""
        sent = self.art.sentences[idx]
        if sent.speakers:  # "X attacked Y, saying …": the subject of the speech clause before
            self._take_name(idx, cue, sent.speakers[-1])
            return True
        found = clause_subject(sent.tokens, j)
        if found is None:
            return False
        kind, start, end = found
        if kind == "pronoun":
            self._pronoun(idx, cue, start)
            return True
        return self._subject(idx, cue, start, end, lists=False)

    def _colon(self, idx: int, colon: int) -> None:
        found = colon_subject(self.art.sentences[idx].tokens, colon)
        if found is not None:
            self._subject(idx, colon, found[0], found[1], lists=False, who=True)  # "including X:" is no object

    def _transcript(self, idx: int, tok: str) -> None:
        """``WALLACE: Let's start…``: an interview transcript names its speaker in capitals."""
        name = tok.title()
        if name.lower() in self.art.full_names or name in self.art.titled:
            self._take_name(idx, 0, name, ":")

    def _pronoun(self, idx: int, cue: int, j: int) -> None:
        """``he said`` / ``she said``: the nearest speaker or person before it whose given name does not
        contradict the pronoun (``she`` after Bill and Hillary Clinton is Hillary)."""
        sent = self.art.sentences[idx]
        sex = "f" if sent.tokens[j].lower() == "she" else "m"

        def fits(name: str, at: int) -> bool:
            canon = canonical(self.art, name, at, sex)
            return canon is not None and given_sex(canon.split()[0]) in (sex, None, "?")

        if sent.speakers:  # "X said A, and he added B": the subject of the nearest speech clause
            spoke = [p for p in sent.speakers if fits(p, idx)] or sent.speakers
            return self._take_name(idx, cue, spoke[-1], sex=sex)
        head = " ".join(sent.tokens[:j])
        before = [p for p in sent.persons if p in head and canonical(self.art, p)]
        if before:
            return self._take_name(idx, cue, ([p for p in before if fits(p, idx)] or before)[0], sex=sex)
        for back in range(idx - 1, max(-1, idx - 4), -1):
            prev = self.art.sentences[back]
            if prev.speakers:
                spoke = [p for p in prev.speakers if fits(p, back)] or prev.speakers
                return self._take_name(idx, cue, spoke[-1], sex=sex)
            known = [p for p in prev.persons if canonical(self.art, p)]
            if known:
                return self._take_name(idx, cue, ([p for p in known if fits(p, back)] or known)[0], sex=sex)

    def _description(self, idx: int, cue: int, j: int) -> None:
        """``the senator said``: the latest person with that title or appositive; ``X and his aides
        said`` / ``Mr. Xi and other leaders have said``: X, first of a pair with a group."""
        toks = self.art.sentences[idx].tokens
        head = toks[j].lower()
        a = next((k for k in range(j - 1, max(0, j - 4), -1) if toks[k] == "and"), 0)
        if a > 0 and is_cap(toks[a - 1]) and toks[a + 1] in _GROUP_OPENERS and \
                all(t.isalpha() and t.islower() for t in toks[a + 1 : j + 1]):
            self._subject(idx, cue, run_bounds(toks, a), a, lists=False)
            return
        if head in ORG_WORDS:
            return  # "the Trump campaign said" is the organisation, not its manager
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

    def _lone_quoted(self, idx: int) -> None:
        """A sentence that quotes a whole statement and names one person outside it (by a full name the
        article spells out), with no cue we read: ``Trump on Tuesday: «Q»``, ``Sanders went further:
        «Q»``.  Short quotes (under six words) are scare quotes and make no speaker.  Requiring the
        subject position instead was tried: as precise on PolNeAR train, but it found a third as many."""
        sent = self.art.sentences[idx]
        if len(sent.persons) != 1 or not any(len(q.split()) >= 6 for q in sent.quotes.values()):
            return
        cue = next(i for i, t in enumerate(sent.tokens) if is_quote(t))
        canon = canonical(self.art, sent.persons[0])
        if canon and " " in canon and canon in self.art.full_names.get(canon.split()[-1].lower(), ()):
            self._take_name(idx, cue, sent.persons[0], "quoted")

    def _series(self, idx: int, cue: int, b: int, found: list[Run]) -> None:
        """``A, B and C said``: every element a person the article names in full, the series opening the
        sentence."""
        toks = self.art.sentences[idx].tokens
        while b > 1 and toks[b - 1] == "," and is_cap(toks[b - 2]):
            start = run_bounds(toks, b - 1)
            run = classify(toks, start, b - 1)
            if run.kind != "person" or not self._known(run.name):
                return
            found.append(run)
            b = start
        if b == 0 and len(found) >= 2 and all(self._known(r.name) for r in found):
            for run in found:
                self._take(idx, cue, run)

    def _dashed(self, idx: int, cue: int, j: int) -> bool:
        """``— and, in particular, Senate Minority Leader Harry Reid — insisted``: the first person
        inside the dashes."""
        toks = self.art.sentences[idx].tokens
        o = next((k for k in range(j - 1, max(-1, j - 30), -1) if toks[k] in DASHES), -1)
        k = o + 1
        while 0 < k < j:
            if is_cap(toks[k]):
                end = run_forward(toks, k)
                run = classify(toks, k, min(end, j))
                if run.kind == "person":
                    return self._subject(idx, cue, k, min(end, j), lists=False)
                k = end
            k += 1
        return False

    def _known(self, name: str) -> bool:
        """A full name, or a surname the article spells out in full elsewhere."""
        return " " in name or " " in (canonical(self.art, name) or "")

    def _open_appositive(self, idx: int, cue: int, start: int) -> bool:
        """``Sam Lau, the communications director for the Iowa Democratic Party said``, also after a quote
        (``«Q», Katie Packer, who is chairman of Our Principles PAC said``)."""
        toks = self.art.sentences[idx].tokens
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
        return self._subject(idx, cue, base, comma, lists=False)

    def _who_subject(self, idx: int, cue: int, comma: int) -> bool:
        """``by Sen. X of California, the ranking Democrat on the Y Committee, who said``: the nearest
        person before the appositive, past places, titles and organisations (even after ``by``)."""
        toks = self.art.sentences[idx].tokens
        for k in range(comma - 1, max(-1, comma - 25), -1):
            if is_quote(toks[k]) or toks[k].lower() in SPEECH_VERBS:
                return False
            if is_cap(toks[k]) and not is_cap(toks[k + 1]):
                run = classify(toks, run_bounds(toks, k + 1), k + 1)
                if run.kind == "person" and self._known(run.name):
                    self._take(idx, cue, run)
                    return True
        return False

    def _described_who(self, idx: int, cue: int, j: int) -> None:
        """``X, a little-known county commissioner who accused him``: X, when the description between
        the comma and ``who`` opens with an article."""
        toks = self.art.sentences[idx].tokens
        k = next((m for m in range(j - 1, max(0, j - 12), -1) if toks[m] == ","), 0)
        if k > 0 and toks[k + 1].lower() in ("a", "an", "the") and is_cap(toks[k - 1]) and \
                not any(is_quote(t) or t == "," for t in toks[k + 1 : j]):
            run = classify(toks, run_bounds(toks, k), k)
            if run.kind == "person" and self._known(run.name):
                self._take(idx, cue, run)
