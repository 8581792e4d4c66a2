"""Text preparation shared by the speaker and topic extractors.

Scraped bodies arrive with glued sentences (``implored.Obama``, ``responded,referring``) and with
quotes that open in one paragraph and close several paragraphs later.  Every rule downstream works on
sentences whose quoted material is *masked* (replaced by a ``«Qn»`` placeholder), because a name or a
speech verb inside somebody else's quote must never make a speaker.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_GLUE_SENT = re.compile(r"(?<=[a-z\)]{2})([.!?])(?=[A-Z\"“‘][a-z])")
_GLUE_QUOTE = re.compile(r"([.!?,])([\"“])(?=[A-Z])")
_WRONG_CLOSE = re.compile(r"(?<=[,.!?])“(?= [a-z])")
_GLUE_COMMA = re.compile(r"(?<=[a-z]{2}),(?=[a-z]{2})")
# Only runs that are not already one plain space: rewriting every single space costs 2x as much.
_SPACES = re.compile(r" [ \t\u00a0]+|[\t\u00a0][ \t\u00a0]*")

# Abbreviations after which a full stop does not end a sentence.
_ABBREV = (
    "Mr Mrs Ms Dr Sen Rep Gov Gen Lt Col Sgt Capt Adm Rev St Jr Sr Prof Sec Atty Supt Cmdr Maj Pres Inc "
    "Corp Co Ltd No vs Jan Feb Mar Apr Aug Sept Sep Oct Nov Dec U.S U.N U.K D.C a.m p.m "
).split()
_ABBREV_SET = frozenset(_ABBREV)
_SENT_SPLIT = re.compile(r"([.!?][\"”’']?|\.»)\s+(?=[\"“‘(«]?[A-Z0-9])")
_LAST_WORD = re.compile(r"([\w.]+)$")
_INITIALS = re.compile(r"(?:[A-Z]\.)+[A-Z]")  # "J.R. Quillon", like "U.S.": no sentence ends there


def _suspect(text: str) -> bool:
    """What betrays mis-decoded text: UTF-8 read as Latin-1/cp1252 (``FranÃ§ois``, ``Â£``, ``â€™``) or accents
    written as combining marks (not NFC), which split a name into pieces.  Substring tests and the C-level
    normalisation check cost a few microseconds; only such texts pay for the repair."""
    return "\u00c3" in text or "\u00c2" in text or "\u00e2\u20ac" in text or not unicodedata.is_normalized("NFC", text)


def repair(text: str) -> str:
    """Undo mojibake and decomposed accents with ``ftfy`` (``FranÃ\x83Â§ois`` → ``François``), leaving
    quotes, widths, ligatures and line breaks as they are: the quote masking reads curly quotes."""
    if not _suspect(text):
        return text
    import ftfy  # only the rare mis-decoded text pays the import

    return ftfy.fix_text(text, uncurl_quotes=False, fix_character_width=False, fix_latin_ligatures=False,
                         unescape_html=False, fix_line_breaks=False, remove_terminal_escapes=False)


def normalise(text: str) -> str:
    """Repair mis-decoded characters, glued punctuation and odd spacing without moving any word."""
    text = repair(text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _GLUE_QUOTE.sub(r"\1 \2", text)
    text = _GLUE_SENT.sub(r"\1 ", text)
    text = _GLUE_COMMA.sub(", ", text)
    text = text.replace("''", '"').replace("``", '"')
    if ",“ " in text or ".“ " in text:  # "“It's unusual,“ said X": a closing quote typed the wrong way round
        text = _WRONG_CLOSE.sub("”", text)
    return _SPACES.sub(" ", text)


#: A wire credit opening a paragraph, after its dateline if any: ``(Bloomberg) --``, ``LONDON (Reuters) -``,
#: ``WASHINGTON (AP) —``. The parenthesised name is who supplied the story, not what it is about.
_CREDIT = re.compile(r"^((?:(?:[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}|[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})"
                     r"(?:, [A-Z][a-z]{2,8}\.? \d{1,2})? )?)\([A-Z][\w&.'’ -]{0,30}\) ?(?:--|[-–—])[ \t]*", re.M)


#: A copyright notice, to the end of its line: ``©2020 Bloomberg L.P.``, ``Copyright 2019 Fictive Media``.
_COPYRIGHT = re.compile(r"(?:©|\bCopyright\b ?©?) ?(?:\d{4}\b)[^\n]{0,100}$", re.M)


def without_credits(text: str) -> str:
    """``text`` without the wire credits that open its paragraphs (the dateline before one is kept) and
    without copyright notices.

    A credit or a notice names the agency in every story it supplies, so it reads as the subject of
    thousands of stories (``bloomberg`` was the most frequent topic of the Yahoo Finance set) and says
    nothing about any."""
    if "(" in text:
        text = _CREDIT.sub(lambda m: f"{m.group(1)}- " if m.group(1) else "", text)  # the dateline stays apart
    if "©" in text or "Copyright" in text:
        text = _COPYRIGHT.sub("", text)
    return text


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n|\n", text) if p.strip()]


def sentences(paragraph: str) -> list[str]:
    """Split one paragraph into sentences (a regex splitter: cheap, good enough for news prose)."""
    out, start = [], 0
    for m in _SENT_SPLIT.finditer(paragraph):
        if m.group(1) == "." or m.group(1).startswith((".\"", ".”", ".’", ".'")):
            w = _LAST_WORD.search(paragraph, max(0, m.start() - 60), m.start())  # bounded: linear time
            word = w.group(1) if w else ""
            if word in _ABBREV_SET or (len(word) == 1 and word.isupper()) or _INITIALS.fullmatch(word):
                continue
        out.append(paragraph[start : m.end(1)].strip())
        start = m.end()
    tail = paragraph[start:].strip()
    if tail:
        out.append(tail)
    return out


@dataclass
class Masked:
    """A paragraph with its quotations replaced by ``«Qn»`` and the quote texts kept aside."""

    text: str
    quotes: list[str]


#: Curly opening quote marks and the closing mark each pairs with.
_OPEN_CLOSE = {"“": "”", "‘": "’"}
_NEXT_QUOTE = re.compile(r"[“\"]")


def mask_quotes(paragraph: str, start_index: int = 0) -> Masked:
    """Replace double-quoted spans by placeholders.

    Curly quotes pair by direction, straight quotes alternate; a straight quote may close a curly one and
    the reverse (``"It works,” said X``: mixed styles in one scraped page).  An opening quote never closed
    in the paragraph runs to its end: wire copy leaves multi-paragraph quotes open.
    """
    if "“" not in paragraph and '"' not in paragraph:
        return Masked(paragraph, [])  # fast path: most paragraphs hold no quotation
    out: list[str] = []
    quotes: list[str] = []
    i, n = 0, len(paragraph)
    while i < n:
        nxt = _NEXT_QUOTE.search(paragraph, i)
        if nxt is None:
            out.append(paragraph[i:])
            break
        if nxt.start() > i:
            out.append(paragraph[i : nxt.start()])
            i = nxt.start()
        ch = paragraph[i]
        if ch in "“\"" and not (ch == '"' and i > 0 and paragraph[i - 1].isalnum() and i + 1 < n
                                 and paragraph[i + 1].isalnum()):
            close = "”" if ch == "“" else '"'
            j = paragraph.find(close, i + 1)
            k = paragraph.find('"' if ch == "“" else "”", i + 1)  # mixed styles: “…" and "…”
            if ch == "“":
                if j < 0 or (0 <= k < j and paragraph.find("“", i + 1, k) < 0):
                    j = k if k >= 0 else j
            elif 0 <= k and (j < 0 or k < j) and paragraph.find("“", i + 1, k) < 0:
                j = k
            if j < 0:
                j = n
            inner = paragraph[i + 1 : j].strip()
            if inner:
                # «Qn.» marks a quote that ends its sentence, so the splitter can cut after it.
                stop = "." if inner[-1] in ".!?" else ""
                out.append(f" «Q{start_index + len(quotes)}{stop}» ")
                quotes.append(inner)
            i = j + 1
            continue
        out.append(ch)
        i += 1
    return Masked(_SPACES.sub(" ", "".join(out)).strip(), quotes)


#: A reported statement is a clause; words after a cue that open with one of these are narration
#: (``described himself as …``, ``called for the impeachment …``, ``, although he …``), not a statement.
_NOT_A_CLAUSE = frozenset("from for in on at as by with of about although though while which whose whom , ; : ) — – --"
                          .split())


def paraphrase(toks: list[str], cue: int, quotes: dict[str, str] | None = None) -> str:
    """The statement of a cue as readable text: ``told reporters Thursday that X`` gives X; when fewer
    than three words follow, the clause before the subject (``Prices are firm, X said.``); empty when
    neither is a clause (narration: ``X said in a statement.``)."""
    rest = toks[cue + 1 :]
    that = next((n for n, t in enumerate(rest[:7]) if t == "that"), -1)
    if that >= 0 and all(t.isalnum() for t in rest[:that]):
        rest = rest[that + 1 :]  # a short object before "that": "told reporters Thursday that …"
    if len([t for t in rest if t.isalpha()]) < 3:
        comma = max((n for n, t in enumerate(toks[:cue]) if t == ","), default=-1)
        rest = toks[:comma] if comma > 0 else []
        if len([t for t in rest if t.isalpha()]) < 3:
            return ""
    if rest[0].lower() in _NOT_A_CLAUSE:
        return ""
    out = " ".join(f"“{quotes.get(t, '')}”" if quotes and t in quotes else t for t in rest)
    for p in (" ,", " .", " ;", " :", " ’s", " 's", "( ", " )", " ?", " !"):
        out = out.replace(p, p.strip() if p[0] == " " else p[0])
    return out.strip()
