"""HTML reader: trafilatura fields, tag-stripping fallback, refusals (no body, too large)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from indexer.errors import ReaderError
from indexer.ingest.readers import common as readers_common
from indexer.ingest.readers import detect_format
from indexer.ingest.sources import SourceSettings

from .readers import read

PARAGRAPH = ("Councillor Marta Quillfeather told the harbour committee on Tuesday that the new ferry timetable "
             "would cut waiting times by half, and that the town would pay for the extra crossings from its "
             "reserve fund rather than from higher fares. ")

PAGE = f"""<!DOCTYPE html>
<html><head>
<title>Ferry timetable to change | Lowmere Gazette</title>
<meta property="og:title" content="Ferry timetable to change">
<meta property="og:site_name" content="Lowmere Gazette">
<meta property="og:url" content="https://gazette.example.org/ferry-timetable">
<meta name="author" content="Osric Vandermolen">
<meta property="article:published_time" content="2021-05-04T09:30:00+00:00">
<script>var tracking = "should never be indexed";</script>
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Ferry timetable to change</h1>
<p>{PARAGRAPH * 2}</p><p>{PARAGRAPH}</p><p>"We listened to the people who wait on the quay every morning," she said.</p>
</article>
<footer>Copyright Lowmere Gazette</footer>
</body></html>"""




def test_page_fields(tmp_path: Path) -> None:
    page = tmp_path / "ferry.html"
    page.write_text(PAGE, encoding="utf-8")
    [article], skipped = read(page)
    assert not skipped
    assert article.format == "html"
    assert article.title == "Ferry timetable to change"
    assert "Marta Quillfeather" in article.body and "tracking" not in article.body
    assert "Home News" not in article.body
    assert article.date == datetime(2021, 5, 4, tzinfo=UTC)
    assert article.date_text == "2021-05-04"
    assert article.authors == ("Osric Vandermolen",)
    assert article.url == "https://gazette.example.org/ferry-timetable"
    assert article.source == "Lowmere Gazette"


def test_settings_source_wins_over_sitename(tmp_path: Path) -> None:
    page = tmp_path / "ferry.htm"
    page.write_text(PAGE, encoding="utf-8")
    [article], _ = read(page, SourceSettings(source="LG"))
    assert article.source == "LG"


def test_non_http_url_dropped(tmp_path: Path) -> None:
    page = tmp_path / "ferry.html"
    page.write_text(PAGE.replace("https://gazette.example.org/ferry-timetable", "javascript:alert(1)"))
    [article], _ = read(page)
    assert article.url is None


def test_sniffed_without_extension(tmp_path: Path) -> None:
    page = tmp_path / "ferry"
    page.write_text("\n\n  " + PAGE, encoding="utf-8")
    assert detect_format(page, SourceSettings()) == "html"
    [article], _ = read(page)
    assert article.format == "html"


def test_no_body_text(tmp_path: Path) -> None:
    page = tmp_path / "empty.html"
    page.write_text("<html><head><title></title><script>var a = 1;</script></head><body>  </body></html>")
    with pytest.raises(ReaderError, match="no body text"):
        read(page)


def test_page_full_of_scripts_keeps_only_text(tmp_path: Path) -> None:
    scripts = "".join(f"<script>window.x{i} = 'ad-code-{i}';</script><style>.c{i}{{color:red}}</style>" for i in range(300))
    page = tmp_path / "scripts.html"
    page.write_text(f"<html><body>{scripts}<p>Mayor Ilse Brackwater opened the new library on Friday "
                    f"after two years of building work.</p>{scripts}</body></html>")
    [article], _ = read(page)
    assert "Ilse Brackwater" in article.body
    assert "ad-code" not in article.body and "color" not in article.body


def test_deeply_nested_page(tmp_path: Path) -> None:
    depth = 5000
    page = tmp_path / "nested.html"
    page.write_text("<html><body>" + "<div>" * depth + "Inspector Tobiah Fenwright said the harbour "
                    "wall would be repaired before winter." + "</div>" * depth + "</body></html>")
    [article], _ = read(page)
    assert "Tobiah Fenwright" in article.body


def test_oversized_page_refused_without_reading(tmp_path: Path) -> None:
    page = tmp_path / "huge.html"
    with page.open("wb") as out:  # sparse: 50 MB on paper, nothing written
        out.write(b"<html><body><p>Councillor Quillfeather")
        out.truncate(50 * 1024 * 1024)
    with pytest.raises(ReaderError, match="too large"):
        read(page)


def test_read_limited_stops_at_the_limit() -> None:
    import io

    with pytest.raises(ReaderError, match="too large"):
        readers_common.read_limited(io.BytesIO(b"x" * 1001), 1000)
    assert readers_common.read_limited(io.BytesIO(b"x" * 1000), 1000) == b"x" * 1000


def test_declared_charset(tmp_path: Path) -> None:
    page = tmp_path / "latin.html"
    body = "Le maire Édouard Pimpernel a inauguré la passerelle du port devant trois cents habitants réunis."
    page.write_bytes(f'<html><head><meta charset="iso-8859-1"></head><body><p>{body}</p></body></html>'.encode("latin-1"))
    [article], _ = read(page)
    assert "Édouard Pimpernel" in article.body
