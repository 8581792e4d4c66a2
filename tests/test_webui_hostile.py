"""Hostile content through every page: payloads in titles, bodies, speakers, topics, URLs and quotes.

The raw-text reader carries the title/body payloads (a real reindex of a .txt file); speakers, topics,
quotes and the URL are written straight into the index with ``article_to_doc``, because the text
format cannot state them. The browser tests import ``build_hostile_index`` from here.
"""

from __future__ import annotations

import csv
import io
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from indexer import reindex
from indexer.models import Article, Quote
from indexer.schema import article_to_doc

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "demo" / "articles"

SCRIPT = "<script>window.__xss=1;alert('xss')</script>"
IMG = '"><img src=x onerror=alert(1)>'
JS_URL = "javascript:alert(document.domain)"
HOSTILE_TITLE = f"Zanzibar {SCRIPT} harbour {IMG}"
HOSTILE_DOC_ID = "hostile-fields"


def write_hostile_text(folder: Path) -> Path:
    """A raw-text article whose title and body hold script and attribute-breaking payloads."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "newsindex-source.json").write_text('{"source": "Hostile <b>Wire</b>", "timezone": "UTC"}')
    path = folder / "2013-05-02-zanzibar.txt"
    path.write_text(f"2 May 2013 10:00\n\n{HOSTILE_TITLE}\n\n"
                    f"The zanzibar harbour story {SCRIPT} continues {IMG} and ends here.\n\n"
                    f"A second zanzibar paragraph with &amp; entities and {JS_URL} in it.\n", encoding="utf-8")
    return path


def add_hostile_doc(index_dir: Path) -> None:
    """Speakers, topics, quotes and URL payloads, written as one document (the text reader cannot state them)."""
    article = Article(
        id=HOSTILE_DOC_ID, title=f"Quokka {IMG}", body=f"The quokka report {SCRIPT} body.",
        source_file=f"hostile/{IMG}.json", record_id=f"=HYPERLINK(1) {SCRIPT}", authors=(f"Trudy {IMG}", "=cmd|' /C calc'!A0"),
        date=datetime(2013, 5, 3, 12, 0, tzinfo=UTC), source=f"Quokka {IMG}", url=JS_URL,
        speakers=(f"Eve {IMG}", f"Mallory {SCRIPT}"), topics=(f"quokkas {SCRIPT}",), tags=(f"wildlife {IMG}",),
        quotes=(Quote(f"Eve {IMG}", f"I said {SCRIPT} quokka", "said"),), timezone="Not/AZone",
    )
    ix = whoosh_index.open_dir(str(index_dir))
    with ix.writer() as writer:
        writer.update_document(**article_to_doc(article, file_key="hostile", file_sig="0", content_hash="0"))


def build_hostile_index(tmp: Path) -> Path:
    """The demo set plus the hostile text article, indexed, plus the hostile-fields document."""
    articles = tmp / "articles"
    shutil.copytree(DEMO, articles)
    write_hostile_text(articles / "hostile")
    index_dir = tmp / "index"
    reindex([articles], index_dir, workers=1)
    add_hostile_doc(index_dir)
    return index_dir


@pytest.fixture(scope="module")
def hostile_client(tmp_path_factory: pytest.TempPathFactory):
    from webui import create_app

    index_dir = build_hostile_index(tmp_path_factory.mktemp("hostile"))
    return create_app({"TESTING": True, "INDEX_DIR": str(index_dir)}).test_client()


def _no_live_payload(html: str) -> None:
    assert "<script>window" not in html and "<script>alert" not in html
    assert "<img src=x" not in html
    assert 'href="javascript:' not in html.lower()


@pytest.mark.parametrize("url", [
    "/?q=zanzibar", "/?q=quokka", "/?q=" + "%3Cscript%3Ealert(1)%3C/script%3E",
    "/?q=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", "/?q=javascript:alert(1)",
    "/?q=quokka&speaker=%3Cscript%3Ealert(1)%3C/script%3E", "/?topic=%22%3E%3Cimg%20src%3Dx%3E",
    "/feed.atom?q=quokka", "/feed.atom?q=zanzibar",
])
def test_payloads_in_search_pages_are_text(hostile_client, url):
    resp = hostile_client.get(url)
    assert resp.status_code == 200
    _no_live_payload(resp.get_data(as_text=True))


def test_hostile_title_and_body_are_escaped_on_results_and_article(hostile_client):
    page = hostile_client.get("/?q=zanzibar").get_data(as_text=True)
    assert "&lt;script&gt;window.__xss=1" in page
    art = hostile_client.get("/api/search?q=zanzibar").get_json()["hits"][0]
    html = hostile_client.get(f"/articles/{art['id']}?q=zanzibar").get_data(as_text=True)
    _no_live_payload(html)
    assert "&lt;script&gt;window.__xss=1" in html
    assert "<mark>zanzibar</mark>" in html.lower()
    assert "&amp;amp;" in html  # the literal "&amp;" in the body is shown as typed, not as "&"


def test_hostile_speakers_topics_url_and_quotes_are_text(hostile_client):
    html = hostile_client.get(f"/articles/{HOSTILE_DOC_ID}").get_data(as_text=True)
    _no_live_payload(html)
    assert "Original article" not in html  # a javascript: URL is never linked
    assert "Eve &#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in html
    assert "I said &lt;script&gt;" in html
    results = hostile_client.get("/?q=quokka").get_data(as_text=True)
    _no_live_payload(results)
    assert "Mallory &lt;script&gt;" in results
    assert '<span class="name">wildlife &#34;&gt;&lt;img src=x onerror=alert(1)&gt;</span>' in results  # tags facet
    speaker = hostile_client.get("/speakers/Eve%20%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")
    assert speaker.status_code == 200
    _no_live_payload(speaker.get_data(as_text=True))


def test_hostile_quotes_above_the_results_are_text(hostile_client):
    """The results page's quotes (_quotes.html renders QuoteHit.text_html unescaped): payloads in the quote,
    its speaker and its article's title stay text; only the library's <mark> is markup."""
    html = hostile_client.get("/", query_string={"q": "quokka", "speaker": f"Eve {IMG}"}).get_data(as_text=True)
    said = html[html.index('<section class="said"'):html.index("</section>", html.index('<section class="said"'))]
    _no_live_payload(said)
    assert "I said &lt;script&gt;window.__xss=1;alert('xss')&lt;/script&gt; <mark>quokka</mark>" in said
    assert "What Eve &#34;&gt;&lt;img src=x onerror=alert(1)&gt; said" in said
    assert 'href="/articles/hostile-fields?q=quokka"' in said


def test_hostile_provenance_is_text_on_the_article_page_and_inert_in_the_csv(hostile_client):
    html = hostile_client.get(f"/articles/{HOSTILE_DOC_ID}").get_data(as_text=True)
    _no_live_payload(html)
    assert '<code class="path">hostile/&#34;&gt;&lt;img src=x onerror=alert(1)&gt;.json</code>' in html
    assert "<code>=HYPERLINK(1) &lt;script&gt;window.__xss=1;alert(&#39;xss&#39;)&lt;/script&gt;</code>" in html
    assert "By Trudy &#34;&gt;&lt;img src=x onerror=alert(1)&gt;, =cmd|&#39; /C calc&#39;!A0" in html
    rows = list(csv.DictReader(io.StringIO(hostile_client.get("/export.csv?q=quokka").get_data(as_text=True))))
    row = next(r for r in rows if r["id"] == HOSTILE_DOC_ID)
    # The second author starts a cell in a spreadsheet that splits on ";": guarded there too (issue 14).
    assert row["record_id"].startswith("'=HYPERLINK") and row["authors"] == f"Trudy {IMG}; '=cmd|' /C calc'!A0"


def test_csv_export_guards_formula_cells(hostile_client, tmp_path):
    from webui.feeds import csv_cell

    assert [csv_cell(v) for v in ("=1+1", "+x", "-2", "@SUM(A1)", "\tx", "plain", None)] == [
        "'=1+1", "'+x", "'-2", "'@SUM(A1)", "'\tx", "plain", ""]


def test_only_audited_safe_filters_in_templates():
    """The only raw HTML is the library's escaped snippet/title_html and QuoteHit.text_html, each commented."""
    templates = ROOT / "webui" / "templates"
    uses = sorted((p.name, line.strip()) for p in templates.glob("*") for line in p.read_text().splitlines()
                  if "|safe" in line)
    assert [name for name, _ in uses] == ["_hit.html", "_hit.html", "_quotes.html", "speaker.html"]
    assert all(any(w in line for w in ("title_html", "snippet", "text_html")) for _, line in uses)
