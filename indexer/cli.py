"""The ``newsindex`` command: a thin click wrapper over the library.

Each command parses options, calls one library function and prints; library errors become
ClickExceptions (a one-line message and exit status 1), never a traceback. The search and ingest
sides (Whoosh, numpy, readers, extractors: most of a second to import) are imported inside the
command that uses them, so ``newsindex --help`` and a mistyped option answer at once.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

import click

from . import serialize
from .config import DEFAULT_INDEX_DIR, DEFAULT_MATCH, DEFAULT_PER_PAGE, DEFAULT_SORT, MAX_PER_PAGE, SORTS, WORKERS
from .errors import NewsIndexError
from .models import Article, ReindexSummary, Skipped

INDEX_DIR = click.option("--index-dir", type=click.Path(path_type=Path), default=DEFAULT_INDEX_DIR,
                         show_default=True, help="Where the index lives (default: $NEWSINDEX_INDEX_DIR or index_data).")


def _fail(exc: NewsIndexError) -> click.ClickException:
    return click.ClickException(str(exc))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """newsindex: index news articles and find who said what, about what, and when."""


class _Progress:
    """A tqdm bar on a terminal; plain progress lines (at most every few seconds) otherwise."""

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        self.bars: dict[str, object] = {}
        self.last = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self.tty:
            from tqdm import tqdm

            bar = self.bars.get(stage) or self.bars.setdefault(
                stage, tqdm(total=total, unit=" files" if stage == "read" else " articles", desc=stage, leave=False))
            bar.update(done - bar.n)
            if done >= total:
                bar.close()
        elif done >= total or time.monotonic() - self.last > 5:
            self.last = time.monotonic()
            click.echo(f"{stage}: {done}/{total}", err=True)


def _print_summary(s: ReindexSummary, index_dir: Path) -> None:
    click.echo(f"Indexed into {index_dir} in {s.seconds:.1f}s: {s.articles} articles in the index.")
    click.echo(f"  added {s.added}, updated {s.updated}, unchanged {s.unchanged}, removed {s.removed}, "
               f"skipped {len(s.skipped)}")
    if s.per_format:
        click.echo("  read by format: " + ", ".join(f"{k} {v}" for k, v in sorted(s.per_format.items())))
    reasons = Counter(item.reason.split(":")[0] for item in s.skipped)
    for reason, count in reasons.most_common():
        click.echo(f"  skipped {count:,}: {reason}")
    for item in sorted(s.skipped, key=lambda i: (i.source_file, i.record_id or "")):
        where = f"{item.source_file}" + (f" [record {item.record_id}]" if item.record_id else "")
        click.echo(f"  skipped {where}: {item.reason}")
    for item in sorted(s.trimmed, key=lambda i: (i.source_file, i.record_id or "")):
        where = f"{item.source_file}" + (f" [record {item.record_id}]" if item.record_id else "")
        click.echo(f"  indexed with a cut {where}: {item.reason}")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@INDEX_DIR
@click.option("--full", is_flag=True, help="Rebuild from scratch instead of updating what changed.")
@click.option("--format", "fmt", default=None, help="Read every file as this format (default: detect).")
@click.option("--field", "fields", multiple=True, metavar="NAME=KEY",
              help="Map an article field to a JSON/CSV key, e.g. --field body=statement (repeatable).")
@click.option("--workers", type=click.IntRange(1, 64), default=None, help="Worker processes (default: cores, max 2).")
@click.option("--follow-links", is_flag=True,
              help="Follow symbolic links that stay inside PATHS (never outside them, never in a loop).")
def reindex(paths: tuple[Path, ...], index_dir: Path, full: bool, fmt: str | None, fields: tuple[str, ...],
            workers: int | None, follow_links: bool) -> None:
    """Index the articles in PATHS (files or folders, recursively); only changed files are re-read."""
    mapping = {}
    for item in fields:
        name, sep, key = item.partition("=")
        if not sep or not name or not key:
            raise click.BadParameter(f"{item!r} is not NAME=KEY", param_hint="--field")
        mapping[name.strip()] = key.strip()
    kwargs = {"workers": workers} if workers else {}
    from .ingest.build import reindex as build_index

    try:
        summary = build_index(list(paths), index_dir, full=full, fmt=fmt, fields=mapping or None,
                              progress=_Progress(), follow_links=follow_links, **kwargs)
    except NewsIndexError as exc:
        raise _fail(exc) from exc
    _print_summary(summary, index_dir)


@main.command()
@click.argument("query", nargs=-1)
@INDEX_DIR
@click.option("--limit", type=click.IntRange(1, MAX_PER_PAGE), default=DEFAULT_PER_PAGE, show_default=True,
              help="Hits per page.")
@click.option("--page", type=click.IntRange(1, None), default=1, show_default=True)
@click.option("--speaker", help="Only articles where this person speaks (aliases resolved: obama).")
@click.option("--topic", help="Only articles with exactly this topic (any case).")
@click.option("--tag", help="Only articles the source tagged so (Reuters TOPICS/PLACES/..., feed categories).")
@click.option("--source", help="Only articles from this source ('unknown source': those without one).")
@click.option("--since", help="Published on or after (2012, 2012-03, 2012-03-26; the article's own day).")
@click.option("--until", help="Published on or before (same forms).")
@click.option("--date", "date_", help="Published in this period (2012-03, [2012-01 to 2012-06]), or 'undated'.")
@click.option("--last", help="Published in the last period: 30d, 6m, 1y.")
@click.option("--sort", type=click.Choice(SORTS), default=DEFAULT_SORT, show_default=True)
@click.option("--match", default=DEFAULT_MATCH, show_default=True,
              help="any: articles holding any of the words, those holding more ranked first; all: every word.")
@click.option("--facets", is_flag=True, help="Also print facet counts and the timeline.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def search(query: tuple[str, ...], index_dir: Path, limit: int, page: int, speaker: str | None, topic: str | None,
           tag: str | None, source: str | None, since: str | None, until: str | None, date_: str | None,
           last: str | None, sort: str, match: str, facets: bool, as_json: bool) -> None:
    """Search the index: words, "phrases", -exclude, AND/OR/NOT, title: speaker: topic: tag: source: date:."""
    from .search import NewsIndex

    try:
        result = NewsIndex.open(index_dir).search(
            " ".join(query), speaker=speaker, topic=topic, tag=tag, source=source, since=since, until=until,
            date=date_, last=last, sort=sort, page=page, per_page=limit, facets=facets or as_json, match=match)
    except NewsIndexError as exc:
        raise _fail(exc) from exc
    if as_json:
        data = serialize.page_to_dict(result, full=facets)
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    from .text.terminal import print_page

    print_page(result, facets=facets)


@main.command()
@click.argument("query", nargs=-1)
@INDEX_DIR
@click.option("--speaker", help="Whose quotes (aliases resolved); or write speaker:NAME in the query.")
@click.option("--since", help="Published on or after (2012, 2012-03, 2012-03-26).")
@click.option("--until", help="Published on or before.")
@click.option("--last", help="Published in the last period: 30d, 6m, 1y.")
@click.option("--page", type=click.IntRange(1, None), default=1, show_default=True)
@click.option("--limit", type=click.IntRange(1, MAX_PER_PAGE), default=DEFAULT_PER_PAGE, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def quotes(query: tuple[str, ...], index_dir: Path, speaker: str | None, since: str | None, until: str | None,
           last: str | None, page: int, limit: int, as_json: bool) -> None:
    """What did SPEAKER say about WORDS: quote-level hits ("speaker:medvedev vladimir")."""
    from .search import NewsIndex

    try:
        result = NewsIndex.open(index_dir).quotes(" ".join(query), speaker, since=since, until=until, last=last,
                                                  page=page, per_page=limit)
    except NewsIndexError as exc:
        raise _fail(exc) from exc
    if as_json:
        click.echo(json.dumps(serialize.quote_page_to_dict(result), ensure_ascii=False, indent=2))
        return
    from .text.terminal import print_quotes

    print_quotes(result)


@main.command()
@click.argument("article_id")
@INDEX_DIR
@click.option("--limit", type=click.IntRange(1, MAX_PER_PAGE), default=5, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def related(article_id: str, index_dir: Path, limit: int, as_json: bool) -> None:
    """Articles like ARTICLE_ID (more like this)."""
    from .search import NewsIndex

    try:
        hits = NewsIndex.open(index_dir).related(article_id, limit=limit)
    except NewsIndexError as exc:
        raise _fail(exc) from exc
    if as_json:
        click.echo(json.dumps({"id": article_id, "related": [serialize.hit_to_dict(h) for h in hits]},
                              ensure_ascii=False, indent=2))
        return
    for n, hit in enumerate(hits, 1):
        date = f"  [{hit.date:%Y-%m-%d}]" if hit.date else ""
        click.echo(f"{n}. {hit.title}{date}  id={hit.id}")


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON lines, one object per article.")
@click.option("--format", "fmt", default=None, help="Read every file as this format (default: detect).")
def extract(files: tuple[Path, ...], as_json: bool, fmt: str | None) -> None:
    """Print the fields extracted from FILES without indexing them."""
    from .ingest.pipeline import extract_files

    for item in extract_files(list(files), {"format": fmt} if fmt else None):
        if isinstance(item, Skipped):
            where = item.source_file + (f" [record {item.record_id}]" if item.record_id else "")
            click.echo(f"skipped {where}: {item.reason}", err=True)
        elif isinstance(item, Article):
            data = serialize.extraction_to_dict(item)
            if as_json:
                click.echo(json.dumps(data, ensure_ascii=False))
            else:
                click.echo(f"{data['source_file']} {data['record_id'] or ''}\n  title: {data['title']}\n"
                           f"  date: {data['date']}\n  speakers: {', '.join(data['speakers'])}\n"
                           f"  topics: {', '.join(data['topics'])}")


@main.command()
@INDEX_DIR
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def stats(index_dir: Path, as_json: bool) -> None:
    """Show what the index holds: documents, segments, size on disk, generation, last reindex."""
    from .ingest.maintenance import stats as index_stats

    try:
        st = index_stats(index_dir)
    except NewsIndexError as exc:
        raise _fail(exc) from exc
    data = serialize.stats_to_dict(st)
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False))
        return
    click.echo(f"index {index_dir}\n  documents: {st.documents:,} ({st.deleted:,} deleted, not yet merged away)\n"
               f"  segments: {st.segments}\n  size on disk: {st.size_bytes / 1e6:,.1f} MB\n"
               f"  generation: {st.generation}\n  last reindex: {data['last_reindex'] or 'unknown'}")


@main.command()
@INDEX_DIR
def optimize(index_dir: Path) -> None:
    """Merge the index's segments into one (a parallel reindex writes one per process)."""
    from .ingest.maintenance import optimize as merge_segments
    from .ingest.maintenance import stats as index_stats

    try:
        before = index_stats(index_dir)
        after, seconds = merge_segments(index_dir)
    except NewsIndexError as exc:
        raise _fail(exc) from exc
    click.echo(f"newsindex: {before.segments} segment(s) merged into {after.segments} in {seconds:.1f}s; "
               f"{after.documents:,} documents, {after.size_bytes / 1e6:,.1f} MB")


@main.command()
@INDEX_DIR
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--threads", type=click.IntRange(1, 64), default=8, show_default=True, help="Threads per process.")
@click.option("--processes", type=click.IntRange(1, 64), default=WORKERS, show_default=True,
              help="Server processes (searching is CPU-bound: one per core).")
@click.option("--base-url", envvar="NEWSINDEX_BASE_URL", default=None,
              help="Public root URL for absolute links in feeds and OpenSearch, e.g. https://news.example.org "
                   "(default: http://HOST:PORT; the Host header is never used).")
def serve(index_dir: Path, host: str, port: int, threads: int, processes: int, base_url: str | None) -> None:
    """Serve the web UI and HTTP API with waitress (a production WSGI server)."""
    from webui import check_base_url, create_app
    from webui.server import serve as run_server

    shown = f"[{host}]" if ":" in host else host
    try:
        base = check_base_url(base_url or f"http://{shown}:{port}")
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--base-url") from exc
    click.echo(f"newsindex: serving {index_dir} on http://{shown}:{port}/ with {processes} process(es) "
               "(Ctrl-C to stop)")
    try:
        run_server(lambda: create_app({"INDEX_DIR": str(index_dir), "BASE_URL": base}), host=host, port=port,
                   threads=threads, processes=processes)
    except OSError as exc:
        raise click.ClickException(f"cannot serve on {host}:{port}: {exc.strerror or exc}") from exc


if __name__ == "__main__":
    main()
