"""The query language: from what a user typed to a Whoosh query, never raising.

Words are ANDed across title, body, speakers and topics (with boosts; the ranking makes bare words
optional unless ``+word``, ``AND`` or ``match="all"`` requires them); ``"phrases"`` (curly quotes
too), ``-exclude``, ``AND``/``OR``/``NOT`` and parentheses work as in Whoosh; ``title:``, ``speaker:``,
``source:`` target one field; ``topic:x`` and ``tag:x`` select the articles with exactly that topic or
source-given tag, in any case (``topic:"missile defense"`` for a topic of several words), the same
articles as the ``topic``/``tag`` filters; ``date:2012``, ``date:2012-03``, ``date:2012-03-26`` and
``date:[2012-01-01 to 2012-06-30]`` (either end may be left open) filter by the article's own
publication day, ``date:undated`` selects the articles without a date.
Malformed syntax (an unclosed quote or bracket) is repaired, searched best-effort, and reported in
a message, so no input can raise.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from whoosh import query as Q
from whoosh.qparser import FieldAliasPlugin, MultifieldParser, PlusMinusPlugin
from whoosh.qparser.plugins import WildcardPlugin

from ..config import (
    MAX_QUERY_CHARS,
    MAX_QUERY_DEPTH,
    MAX_QUERY_OPERATORS,
    MAX_QUERY_WORDS,
    MAX_WORD_CHARS,
)
from ..schema import BODY, EXACT_FIELDS, FIELD_BOOSTS, QUERY_FIELDS, QUERY_PREFIXES, SCHEMA, SPEAKERS_TEXT, TEXT_FIELDS
from .context import expired
from .dates import parse_date_clause

__all__ = ["ParsedQuery", "normalize_query", "parse", "parse_date_clause"]

FIELD_ALIASES = {field: list(prefixes) for field, prefixes in QUERY_PREFIXES.items()}
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'"})
_DATE_CLAUSE = re.compile(r"\bdate:(\[[^\]]*\]?|\S+)", re.IGNORECASE)
_INTRA_HYPHEN = re.compile(r"(?<=[^\W_])[-/](?=[^\W_])")
_BARE = re.compile(r"[^\W_]+")
_ALLOWED_FIELDS = {*QUERY_FIELDS, *(a for names in FIELD_ALIASES.values() for a in names)}
UNDATED_CLAUSE = "undated"


@dataclass(frozen=True, slots=True)
class Clause:
    """One required part of the query: a bare word (``soft``: may be missing in lower tiers), or
    anything the user spelled out (a phrase, a ``field:`` term, a parenthesised group)."""

    query: Q.Query
    word: str | None = None  # the bare word as typed (lower case), for soft clauses
    soft: bool = False


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    text: str  # the query after repair, as searched
    query: Q.Query  # AND across fields
    dates: tuple[tuple[datetime | None, datetime | None], ...] = ()
    message: str | None = None
    words: tuple[str, ...] = ()
    clauses: tuple[Clause, ...] = ()  # the top-level AND's positive parts; empty if the query is not an AND
    negative: Q.Query | None = None  # what -word / NOT excluded
    undated: bool = False  # date:undated: only articles without a publication date

    @property
    def filters_only(self) -> bool:
        """Every clause selects exact values (``topic:x tag:y``): nothing to rank by relevance."""
        return bool(self.clauses) and all(is_exact(c.query) for c in self.clauses)


def is_exact(q: Q.Query) -> bool:
    if isinstance(q, Q.Term):
        return q.fieldname in EXACT_FIELDS
    if isinstance(q, (Q.And, Q.Or)):
        return all(is_exact(sub) for sub in q.subqueries)
    return False


def _is_soft(q: Q.Query) -> bool:
    """A bare word: the parser's OR of one term per default field (no field repeated)."""
    if isinstance(q, Q.Term):
        return q.fieldname in TEXT_FIELDS and q.boost == FIELD_BOOSTS.get(q.fieldname, 1.0) != 1.0
    if not isinstance(q, Q.Or) or not q.subqueries:
        return False
    names = [t.fieldname for t in q.subqueries if isinstance(t, Q.Term)]
    return len(names) == len(q.subqueries) and len(set(names)) == len(names) and set(names) <= set(TEXT_FIELDS)


def _word_of(q: Q.Query) -> str | None:
    terms = [q] if isinstance(q, Q.Term) else list(q.subqueries)
    for t in terms:
        if t.fieldname == SPEAKERS_TEXT:  # unstemmed (names analyzer): the word as typed
            return str(t.text)
    return str(terms[0].text) if terms else None


def decompose(q: Q.Query, required: frozenset[str] = frozenset()) -> tuple[tuple[Clause, ...], Q.Query | None]:
    """Split a parsed query into its ANDed positive clauses and the excluded part; a bare word the
    user marked as required (``required``) is a hard clause."""
    negatives: list[Q.Query] = []
    if isinstance(q, Q.AndNot):
        negatives.append(q.b)
        q = q.a
    children = list(q.subqueries) if isinstance(q, Q.And) else [q]
    clauses = []
    for child in children:
        if isinstance(child, Q.Not):
            negatives.append(child.query)
        elif child is not Q.NullQuery:
            soft = _is_soft(child) and _word_of(child) not in required
            clauses.append(Clause(child, _word_of(child) if soft else None, soft))
    negative = None if not negatives else negatives[0] if len(negatives) == 1 else Q.Or(negatives)
    return tuple(clauses), negative


_PLUS = re.compile(r"(?<![^\s(])\+(?=[^\s+])")
_PLUS_WORD = re.compile(r"(?<![^\s(])\+([^\W_]+)(?![^\s)])")


def _required(text: str) -> tuple[str, frozenset[str]]:
    """The bare words the user made required: ``+word``, and a word on either side of ``AND``
    (``missile AND defense``). A plain query's words are ranked by how many an article holds, none
    of them required; these must match. The ``+`` is removed: Whoosh's own reading of it (the
    rest of the query made optional, as one AND group) is not what it means here."""
    words = {m[1].lower() for m in _PLUS_WORD.finditer(text)}
    text = _PLUS.sub("", text)
    tokens = text.split()
    for i, token in enumerate(tokens):
        if token == "AND":
            for near in tokens[max(0, i - 1):i] + tokens[i + 1:i + 2]:
                if _BARE.fullmatch(word := near.strip("()")):
                    words.add(word.lower())
    return text, frozenset(words)


def _drop_stopwords(text: str) -> str:
    """Bare words the body analyzer drops (stop words, single letters) are dropped outside quotes:
    left in, they would only match speaker names and turn ``byrd government by veto`` into zero
    hits. A hyphen or slash inside a word (``pre-paid``, ``7-eleven``, ``mergers/acquisitions``)
    separates words, as the index's tokenizer reads it: a hyphen does not exclude the second half,
    and neither makes the halves one required clause that must hold both words in the same field."""
    parts = re.split(r'("[^"]*")', text)
    kept_any = False
    out = []
    for part in parts:
        if part.startswith('"'):
            out.append(part)
            continue
        tokens = _INTRA_HYPHEN.sub(" ", part).split(" ")
        keep = [t for t in tokens if t in ("AND", "OR", "NOT") or not _BARE.fullmatch(t) or _analyzed(t)]
        kept_any |= any(re.search(r"\w", t) and t not in ("AND", "OR", "NOT") for t in keep)
        out.append(" ".join(keep))
    result = "".join(out)
    has_quote = any(p.startswith('"') for p in parts)
    return result if kept_any or has_quote else text


def _analyzed(word: str) -> bool:
    return any(True for _ in SCHEMA[BODY].analyzer(word))


def _parser(group=None) -> MultifieldParser:
    kwargs = {"group": group} if group else {}
    p = MultifieldParser(list(TEXT_FIELDS), SCHEMA, fieldboosts=FIELD_BOOSTS, **kwargs)
    p.add_plugin(FieldAliasPlugin(FIELD_ALIASES))
    p.add_plugin(PlusMinusPlugin())
    p.remove_plugin_class(WildcardPlugin)  # "*" and "?" are punctuation in news queries, not a scan of the lexicon
    return p


_AND = _parser()
_PLAIN_TOKEN = re.compile(r'[^\W_]+|"[^\W_]+(?: [^\W_]+)*"')
_OPERATORS = ("AND", "OR", "NOT")


@lru_cache(maxsize=20_000)
def _word_query(word: str) -> Q.Query:
    return _AND.parse(word)


def _fast_parse(text: str) -> Q.Query | None:
    """Plain words and simple ``"quoted phrases"`` (no operators, fields or brackets), the usual
    query, built from each token's own parse (memoised): the same query the parser gives for the
    whole text, at a fraction of the cost (its plugin passes take 1-3 ms a query)."""
    tokens = re.findall(r'"[^"]*"|[^\s"]+', text)
    if not tokens or any(t in _OPERATORS or not _PLAIN_TOKEN.fullmatch(t) for t in tokens):
        return None
    if " ".join(tokens) != " ".join(text.split()):  # a quote glued to a word: the parser decides
        return None
    parts: list[Q.Query] = []
    for q in (_word_query(t) for t in tokens):
        if q is not Q.NullQuery and q not in parts:  # the parser drops repeated words too
            parts.append(q)
    if not parts:
        return Q.NullQuery
    return parts[0] if len(parts) == 1 else Q.And(parts)


def _operator_words(q: Q.Query) -> int:
    """How many AND/OR/NOT the parser had to read as words (an operator with nothing to combine):
    bare lower-case ``and``/``or``/``not`` never reach the parser (stop words)."""
    try:
        return sum(1 for _, text in q.iter_all_terms() if text in ("and", "or", "not", b"and", b"or", b"not"))
    except Exception:  # noqa: BLE001 - exotic nodes: assume none
        return 0


def _drop_dangling(text: str, q: Q.Query) -> tuple[str, Q.Query, list[str]]:
    """Remove AND/OR/NOT that the parser could only read as words (``NOT AND missile``), one at a
    time, keeping each removal that helps; return the new text, query and what was dropped."""
    dropped: list[str] = []
    count = _operator_words(q)
    for _ in range(10):
        if not count or expired():  # each round re-parses the query: the search's budget bounds them
            break
        tokens = text.split(" ")
        for i, tok in enumerate(tokens):
            if tok.strip("()") in _OPERATORS:
                trial = " ".join(tokens[:i] + [tok.replace(tok.strip("()"), "")] + tokens[i + 1:])
                tq = _safe_parse(_AND, trial)
                if _operator_words(tq) < count:
                    text, q, count = trial, tq, _operator_words(tq)
                    dropped.append(tok.strip("()"))
                    break
        else:
            break
    if dropped:  # an operator left in may be one the parser now skips silently ("AND missile")
        tokens = text.split(" ")
        for i, tok in enumerate(tokens):
            if tok.strip("()") in _OPERATORS and not expired():
                trial = " ".join(tokens[:i] + [tok.replace(tok.strip("()"), "")] + tokens[i + 1:])
                if _safe_parse(_AND, trial) == q:
                    dropped.append(tok.strip("()"))
    return text, q, dropped


def _repair(text: str) -> tuple[str, list[str]]:
    """Balance quotes and parentheses; return the repaired text and what was changed."""
    notes = []
    if text.count('"') % 2:
        text = text[::-1].replace('"', "", 1)[::-1]
        notes.append("an unclosed quote")
    depth, out = 0, []
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                notes.append("an unmatched ')'")
                continue
            depth -= 1
        out.append(ch)
    if depth:
        notes.append("an unclosed '('")
        out.append(")" * depth)
    return "".join(out), notes


def _strip_unknown_fields(text: str) -> str:
    """``foo:bar`` for a field users cannot address is read as the words ``foo bar``."""
    def fix(m: re.Match) -> str:
        return m[0] if m[1].lower() in _ALLOWED_FIELDS else f"{m[1]} "
    return re.sub(r"\b(\w+):", fix, text)


def normalize_query(text: str) -> str:
    # Cut before normalising too: NFKC may lengthen a text (ﬃ is three letters) but never by more than 18x.
    text = (text or "")[:MAX_QUERY_CHARS * 4]
    return unicodedata.normalize("NFKC", text).translate(_QUOTES)[:MAX_QUERY_CHARS].strip()


def limit_size(text: str) -> tuple[str, list[str]]:
    """The query cut to its first :data:`MAX_QUERY_WORDS` words and :data:`MAX_QUERY_OPERATORS`
    operators, and where brackets nest deeper than :data:`MAX_QUERY_DEPTH` (Whoosh copies the nested
    tree at every level: 16 levels cost 50 ms a parse), with a note saying so; words longer than
    :data:`MAX_WORD_CHARS` dropped, with a note.

    Parsing, expansion and did-you-mean cost grows with the words and operators of a query (the
    parser and the repair of dangling operators are superlinear in them), not with its characters:
    ``NOT`` 500 times is a thousand characters and took 21 s before this limit.
    """
    notes: list[str] = []
    tokens = text.split()
    kept: list[str] = []
    words = operators = depth = 0
    long_words = 0
    for token in tokens:
        if any(len(w) > MAX_WORD_CHARS for w in re.findall(r"\w+", token)):
            long_words += 1
            continue
        # Every bracket is a group to parse, wherever it is ("budget(株)(株)…" is one token, 600 groups).
        operators += token.count("(") + (token.strip('()"') in _OPERATORS or token[:1] in "+-")
        if re.search(r"\w", token) and token.strip('()"') not in _OPERATORS:
            words += 1
        depth += token.count("(") - token.count(")")
        if words > MAX_QUERY_WORDS or operators > MAX_QUERY_OPERATORS or depth > MAX_QUERY_DEPTH:
            notes.append(f"the query was cut to its first {MAX_QUERY_WORDS} words" if words > MAX_QUERY_WORDS
                         else f"the query was cut after {MAX_QUERY_OPERATORS} operators"
                         if operators > MAX_QUERY_OPERATORS
                         else f"the query was cut where its brackets nest deeper than {MAX_QUERY_DEPTH}")
            break
        kept.append(token)
    repeated = 0
    for i in range(len(kept) - 1, 0, -1):  # "NOT NOT NOT x": one operator means the same and parses once
        if kept[i] in _OPERATORS and kept[i] == kept[i - 1]:
            del kept[i]
            repeated += 1
    if repeated:
        notes.append(f"ignored {repeated} repeated operator{'s' if repeated > 1 else ''}")
    if long_words:
        notes.append(f"ignored {'a word' if long_words == 1 else f'{long_words} words'} longer than "
                     f"{MAX_WORD_CHARS} characters")
    if not notes:
        return text, notes
    return " ".join(kept), notes


def _safe_parse(parser: MultifieldParser, text: str) -> Q.Query:
    try:
        return parser.parse(text)
    except Exception:  # noqa: BLE001 - Whoosh raises assorted errors on odd input; read the words instead
        words = [w.lower() for w in re.findall(r"\w+", text)]  # lower case: no operators left
        try:
            return parser.parse(" ".join(words)) if words else Q.NullQuery
        except Exception:  # noqa: BLE001 - nothing searchable in it
            return Q.NullQuery


def parse(text: str) -> ParsedQuery:
    """Parse user input; never raises. Date clauses become filters; the rest goes to Whoosh."""
    raw = normalize_query(text)
    notes: list[str] = []
    if len(text or "") > MAX_QUERY_CHARS:
        notes.append(f"the query was cut to {MAX_QUERY_CHARS} characters")
    dates = []
    undated = []

    def take_date(m: re.Match) -> str:
        if m[1].lower() == UNDATED_CLAUSE:
            undated.append(True)
            return " "
        try:
            dates.append(parse_date_clause(m[1]))
        except ValueError:
            notes.append(f"'date:{m[1]}' is not a date "
                         "(use date:2012, date:2012-03, date:[2012-01-01 to 2012-06-30] or date:undated)")
        return " "

    raw, cut = limit_size(raw)
    notes.extend(cut)
    rest = _DATE_CLAUSE.sub(take_date, raw)
    rest, repaired = _repair(_strip_unknown_fields(rest))
    notes.extend(f"ignored {r}" for r in repaired)
    rest, required = _required(rest)
    rest = _drop_stopwords(rest)
    strict = _fast_parse(rest)
    if strict is None:
        strict = _safe_parse(_AND, rest)
        rest, strict, dropped = _drop_dangling(rest, strict)
        if dropped:
            notes.append("ignored the operator" + ("s " if len(dropped) > 1 else " ")
                         + ", ".join(dropped) + " (nothing to combine)")
    if strict is Q.NullQuery and rest.strip() and re.search(r"\w", rest):
        notes.append("the query had no searchable words")
    words = tuple(w.lower() for w in re.findall(r"[^\W_]+", re.sub(r"\b\w+:", " ", rest))
                  if w not in ("AND", "OR", "NOT"))
    message = ("Read the query best-effort: " + "; ".join(notes) + ".") if notes else None
    clauses, negative = decompose(strict, required)
    return ParsedQuery(" ".join(rest.split()), strict, tuple(dates), message, words, clauses, negative,
                       bool(undated))
