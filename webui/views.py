"""HTML pages: each reads its parameters, asks NewsIndex once or twice, and renders a template.

Search logic stays in the library. A view's only decisions are which page to show (the empty state
that teaches the syntax, results, or a 400 with the form kept) and how library features that may not
exist yet degrade (``related``, ``quotes``): the page then simply leaves that part out.
"""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request, url_for

from indexer.errors import QueryError
from indexer.models import Article, QuoteHit

from .feeds import export_cap
from .index_access import get_index
from .params import SearchArgs
from .present import marks, quotes_by_speaker, timeline_chart

bp = Blueprint("search", __name__)

#: Clickable examples on the empty page, each teaching one piece of the query syntax.
EXAMPLES = (
    ("missile defense", "all of these words"),
    ('"missile defense"', "an exact phrase"),
    ("treaty -border", "leave a word out"),
    ("strike OR protest", "either word"),
    ("speaker:obama flexibility", "words said by or about a person"),
    ("topic:economy", "one topic"),
    ("title:treaty", "words in the headline"),
    ("harbour date:2022", "one year (or date:2022-07, date:[2022-01-01 to 2022-06-30])"),
)


def _article_or_404(article_id: str) -> Article:
    found = get_index().get(article_id)
    if found is None:
        abort(404, "No article with that id.")
    return found


@bp.get("/")
def index():
    """The search page; with nothing asked it shows the empty state instead of browsing everything."""
    args = SearchArgs.from_args(request.args)
    ix = get_index()  # first, so a missing index is a 503 even on the bare home page
    if not args.active:
        return render_template("search.html", args=args, q="", autofocus=True, page=None, examples=EXAMPLES,
                               doc_count=ix.doc_count())
    try:
        page = ix.search(args.q, **args.search_kwargs())
    except QueryError as exc:
        return render_template("search.html", args=args, q=args.q, autofocus=True, page=None, error=str(exc),
                               examples=EXAMPLES), 400
    chart = timeline_chart(page.timeline, page.timeline_granularity,
                           lambda period: url_for("search.index", **args.period_link(period)))
    said_by = list(dict.fromkeys(quote.speaker for quote in page.quotes))
    return render_template("search.html", args=args, q=args.q, autofocus=True, page=page, chart=chart,
                           examples=EXAMPLES, said_by=said_by, export_cap=export_cap())


@bp.get("/articles/<article_id>")
def article(article_id: str):
    """One article, its query words marked (q= comes from the result link), speakers with quotes, related."""
    found = _article_or_404(article_id)
    q = request.args.get("q", "")[:2000]
    return render_template("article.html", article=found, q=q, terms=marks(q),
                           groups=quotes_by_speaker(found.speakers, found.quotes),
                           related=get_index().related(found.id, limit=5))


@bp.get("/speakers/<path:name>")
def speaker(name: str):
    """What did X say (about Y): the speaker's quotes, filtered by words and topic, with a timeline."""
    args = SearchArgs.from_args(request.args)
    topic = args.filters.get("topic")
    ix = get_index()
    try:
        overview = ix.search(args.q, speaker=name, topic=topic, per_page=1)
        quotes, total, per_page = _speaker_quotes(name, args)
    except QueryError as exc:
        abort(400, str(exc))
    if not overview.total and not args.active:
        abort(404, "No articles quote anyone by that name.")
    chart = timeline_chart(overview.timeline, overview.timeline_granularity,
                           lambda p: url_for("search.index", speaker=name, q=args.q or None, topic=topic,
                                             since=p, until=p))
    return render_template("speaker.html", name=name, args=args, overview=overview, quotes=quotes,
                           total=total, per_page=per_page, chart=chart, terms=marks(args.q))


def _speaker_quotes(name: str, args: SearchArgs) -> tuple[list[QuoteHit], int, int]:
    """Quote hits of this speaker matching the words and topic (NewsIndex.quotes)."""
    page = get_index().quotes(args.q, speaker=name, topic=args.filters.get("topic"),
                              page=int(args.page) if args.page.isdigit() else 1, per_page=20)
    return list(page.hits), page.total, 20
