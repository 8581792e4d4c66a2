"""RSS/Atom feeds, Reuters-style newswire SGML and SMART collections (TIME.ALL shape)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from indexer.errors import ReaderError
from indexer.ingest.readers import detect_format
from indexer.ingest.sources import SourceSettings

from .readers import read

# ------------------------------------------------------------------ feeds

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Lowmere Gazette</title><link>https://gazette.example.org/</link>
<item><title>Ferry timetable</title><link>https://gazette.example.org/ferry</link><guid>ferry-1</guid>
<pubDate>Tue, 04 May 2021 09:30:00 +0100</pubDate><author>desk@example.org (Osric Vandermolen)</author>
<category>Transport</category>
<description>Short teaser.</description>
<content:encoded><![CDATA[<p>Councillor <b>Marta Quillfeather</b> announced the timetable.</p><script>x()</script><p>Second para.</p>]]></content:encoded>
</item>
<item><title>Library opens</title><link>https://gazette.example.org/library</link>
<description>&lt;p&gt;Mayor Ilse Brackwater opened the library.&lt;/p&gt;</description></item>
</channel></rss>"""

ATOM_NO_DATES = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Quay Notes</title>
<entry><title>Tide tables</title><id>urn:quay:1</id><summary>Harbourmaster Ione Skelby posted tide tables.</summary></entry>
<entry><title>Headline only</title><id>urn:quay:2</id></entry>
</feed>"""


def test_rss_entries(tmp_path: Path) -> None:
    path = tmp_path / "gazette.rss"
    path.write_text(RSS)
    (first, second), skipped = read(path)
    assert not skipped
    assert first.record_id == "ferry-1" and first.title == "Ferry timetable"
    assert first.body == "Councillor Marta Quillfeather announced the timetable.\n\nSecond para."  # content, not summary
    assert first.date == datetime(2021, 5, 4, 8, 30, tzinfo=UTC)
    assert first.url == "https://gazette.example.org/ferry" and first.source == "Lowmere Gazette"
    assert first.tags == ("Transport",) and first.format == "feed"
    assert second.body == "Mayor Ilse Brackwater opened the library."
    assert second.record_id == "https://gazette.example.org/library" and second.date is None


def test_atom_without_dates_sniffed_from_xml(tmp_path: Path) -> None:
    path = tmp_path / "quay.xml"
    path.write_text(ATOM_NO_DATES)
    assert detect_format(path, SourceSettings()) == "feed"
    articles, _ = read(path)
    assert [a.record_id for a in articles] == ["urn:quay:1", "urn:quay:2"]
    assert all(a.date is None and a.date_text is None for a in articles)
    assert articles[1].body == "Headline only"  # a title-only entry keeps its headline as text


def test_xml_that_is_not_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "config.xml"
    path.write_text('<?xml version="1.0"?><settings><colour>blue</colour></settings>')
    with pytest.raises(ReaderError, match="not an RSS/Atom"):
        detect_format(path, SourceSettings())


def test_broken_feed(tmp_path: Path) -> None:
    path = tmp_path / "broken.rss"
    path.write_text("<rss><channel><title>Oops</title>")
    with pytest.raises(ReaderError):
        read(path)


# ------------------------------------------------------------------ Reuters-style SGML

SGML = b"""<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="1" NEWID="101">
<DATE>26-FEB-1987 15:01:01.79</DATE>
<TOPICS><D>cocoa</D></TOPICS>
<PLACES><D>ruritania</D><D>usa</D></PLACES>
<PEOPLE><D>quillfeather</D></PEOPLE>
<ORGS></ORGS>
<EXCHANGES></EXCHANGES>
<COMPANIES></COMPANIES>
<UNKNOWN>&#5;&#5;&#5;C T</UNKNOWN>
<TEXT>&#2;
<TITLE>RURITANIA COCOA &lt;CRP&gt; REVIEW</TITLE>
<AUTHOR>    By Marta Quillfeather, Reuters</AUTHOR>
<DATELINE>    STRELSAU, Feb 26 - </DATELINE><BODY>Showers continued throughout the week in
the cocoa zone, said Comissaria Fenwright in its weekly review
of the caf\xe9 trade.
    Arrivals for the week were 155,221 bags.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
<REUTERS TOPICS="NO" NEWID="102">
<DATE> 2-MAR-1987 09:00:00.00</DATE>
<TOPICS></TOPICS><PLACES><D>usa</D></PLACES><PEOPLE></PEOPLE><ORGS></ORGS><EXCHANGES></EXCHANGES><COMPANIES></COMPANIES>
<TEXT TYPE="BRIEF">&#2;
******<TITLE>ACME HARBOUR SETS DIVIDEND
</TITLE>&#3;

</TEXT>
</REUTERS>
<REUTERS TOPICS="NO" NEWID="103">
<DATE> 3-MAR-1987 10:00:00.00</DATE>
<TOPICS></TOPICS><PLACES></PLACES><PEOPLE></PEOPLE><ORGS></ORGS><EXCHANGES></EXCHANGES><COMPANIES></COMPANIES>
<TEXT TYPE="UNPROC">&#2;
ACME HARBOUR CO 4TH QTR NET
     Shr 10 cts vs 8 cts
 Reuter
&#3;</TEXT>
</REUTERS>
<REUTERS TOPICS="NO" NEWID="104">
<DATE> 3-APR-1987 07:09:06.48</DATE>
<TOPICS></TOPICS><PLACES></PLACES><PEOPLE></PEOPLE><ORGS></ORGS><EXCHANGES></EXCHANGES><COMPANIES></COMPANIES>
<TEXT TYPE="UNPROC">&#2;
&#3;

</TEXT>
</REUTERS>
"""


def test_reuters_records(tmp_path: Path) -> None:
    path = tmp_path / "reut2-900.sgm"
    path.write_bytes(SGML)
    articles, skipped = read(path)
    assert [a.record_id for a in articles] == ["101", "102", "103"]
    assert [(s.record_id, s.reason) for s in skipped] == [("104", "record without text")]
    full, brief, unproc = articles
    assert full.title == "RURITANIA COCOA <CRP> REVIEW"
    assert full.body == ("Showers continued throughout the week in the cocoa zone, said Comissaria Fenwright in its "
                         "weekly review of the café trade.\n\nArrivals for the week were 155,221 bags.")
    assert full.decode_fallback  # the stray Latin-1 byte
    assert full.date == datetime(1987, 2, 26, 15, 1, 1, tzinfo=UTC)
    assert full.date_text == "26-FEB-1987 15:01:01.79"
    assert full.tags == ("cocoa", "ruritania", "usa", "quillfeather")
    assert full.authors == ("Marta Quillfeather",) and full.source == "Reuters" and full.format == "sgml"
    assert brief.body == brief.title == "ACME HARBOUR SETS DIVIDEND"
    assert unproc.title is None and unproc.body.startswith("ACME HARBOUR CO 4TH QTR NET")
    assert "Reuter" not in unproc.body and "\x03" not in unproc.body


def test_reuters_source_override_and_cut_record(tmp_path: Path) -> None:
    path = tmp_path / "wire.sgm"
    path.write_bytes(SGML.split(b"<REUTERS TOPICS=\"NO\" NEWID=\"102\">")[0] + b'<REUTERS NEWID="555">\n<DATE>x')
    articles, skipped = read(path, SourceSettings(source="Wire"))
    assert [a.source for a in articles] == ["Wire"]
    assert [(s.record_id, s.reason) for s in skipped] == [("555", "record cut off at end of file (no </REUTERS>)")]


def test_sgml_sniffed_and_empty(tmp_path: Path) -> None:
    path = tmp_path / "wire"
    path.write_bytes(SGML)
    assert detect_format(path, SourceSettings()) == "sgml"
    empty = tmp_path / "empty.sgm"
    empty.write_bytes(b"\n")
    with pytest.raises(ReaderError, match="no <REUTERS> records"):
        read(empty)


# ------------------------------------------------------------------ SMART (TIME.ALL)

SMART = """*TEXT 017 01/04/63 PAGE 020

THE HARBOUR COMMITTEE LED BY MARTA QUILLFEATHER

VOTED ON THE FERRY TIMETABLE .

*TEXT 431 08/30 63 PAGE 026

MAYOR ILSE BRACKWATER OPENED THE LIBRARY .

*TEXT 432 13/45/63 PAGE 027

A HEADER WITH AN IMPOSSIBLE DATE .

*STOP
"""


def test_smart_records(tmp_path: Path) -> None:
    path = tmp_path / "TIME.ALL"
    path.write_text(SMART)
    assert detect_format(path, SourceSettings()) == "smart"
    articles, skipped = read(path)
    assert not skipped
    assert [a.record_id for a in articles] == ["017", "431", "432"]
    assert articles[0].body == "THE HARBOUR COMMITTEE LED BY MARTA QUILLFEATHER VOTED ON THE FERRY TIMETABLE ."
    assert articles[0].date == datetime(1963, 1, 4, tzinfo=UTC)
    assert articles[1].date == datetime(1963, 8, 30, tzinfo=UTC)  # malformed header still read
    assert articles[2].date is None
    assert all(a.format == "smart" and a.title is None for a in articles)


def test_stopword_list_is_not_articles(tmp_path: Path) -> None:
    path = tmp_path / "TIME.STP"
    path.write_text("A\n\nABOUT\n")
    with pytest.raises(ReaderError, match="not an article format"):
        detect_format(path, SourceSettings())
