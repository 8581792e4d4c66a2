"""Plain-text rendering of a search page for the terminal (the CLI's readable list)."""

from __future__ import annotations

import html
import re

import click

from ..models import QuotePage, SearchPage
from .localdate import label

_TAGS = re.compile(r"</?mark[^>]*>")


def plain(snippet_html: str) -> str:
    """Snippet HTML as terminal text: matched words in bold, entities decoded."""
    parts = re.split(r"(<mark[^>]*>.*?</mark>)", snippet_html)
    return "".join(click.style(html.unescape(_TAGS.sub("", p)), bold=True) if p.startswith("<mark")
                   else html.unescape(p) for p in parts)


def print_page(page: SearchPage, *, facets: bool = False) -> None:
    if page.message:
        click.echo(f"note: {page.message}")
    if page.suggestion:
        click.echo(f"did you mean: {page.suggestion}")
    first = (page.page - 1) * page.per_page
    shown = f"{first + 1}-{first + len(page.hits)} of " if page.hits else ""
    click.echo(f"{shown}{page.total} results ({page.took_ms:.0f} ms){' (partial)' if page.partial else ''}")
    for n, hit in enumerate(page.hits, first + 1):
        date = label(hit.date_local, hit.timezone) if hit.date else "undated"
        click.echo(f"\n{n}. {click.style(hit.title, bold=True)}  [{date}{', ' + hit.source if hit.source else ''}]")
        if hit.speakers:
            click.echo(f"   speakers: {', '.join(hit.speakers)}")
        click.echo(f"   {plain(hit.snippet)}")
        click.echo(f"   {hit.source_file}" + (f" #{hit.record_id}" if hit.record_id else "") + f"  id={hit.id}")
    if facets:
        for name, values in page.facets.items():
            if values:
                other = page.facet_other.get(name, 0)
                click.echo(f"\n{name}: " + ", ".join(f"{v.value} ({v.count})" for v in values)
                           + (f", other ({other})" if other else ""))
        if page.timeline or page.undated:
            click.echo(f"\ntimeline by {page.timeline_granularity or 'period'}: "
                       + ", ".join(f"{b.period}: {b.count}" for b in page.timeline)
                       + (f"; {page.undated} undated" if page.undated else ""))


def print_quotes(page: QuotePage) -> None:
    if page.message:
        click.echo(f"note: {page.message}")
    who = f" by {page.speaker}" if page.speaker else ""
    click.echo(f"{page.total} quotes{who} ({page.took_ms:.0f} ms)")
    for n, hit in enumerate(page.hits, (page.page - 1) * page.per_page + 1):
        date = label(hit.date_local, hit.timezone) if hit.date else "undated"
        click.echo(f"\n{n}. {hit.speaker} ({hit.cue}), {date}: “{plain(hit.text_html)}”")
        click.echo(f"   in: {hit.title}  id={hit.article_id}")
