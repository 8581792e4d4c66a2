"""The read cache: a rebuild does not read again a file whose bytes (and all else its reading depends
on) it has read before, and reads again every file where anything of that changed."""

from __future__ import annotations

import json
import os
from pathlib import Path

from whoosh import index as whoosh_index

from indexer import NewsIndex, reindex


def _stored(index_dir: Path) -> dict[str, dict]:
    ix = whoosh_index.open_dir(str(index_dir))
    with ix.searcher() as s:
        return {fields["id"]: fields for fields in s.all_stored_fields()}


def _files(folder: Path) -> int:
    """Article candidates under ``folder``: every file but the folder settings."""
    return len([p for p in folder.rglob("*") if p.is_file() and p.name != "newsindex-source.json"])


def test_a_cached_rebuild_reads_no_file_and_indexes_the_same_documents(demo_copy: Path, tmp_path: Path):
    (demo_copy / "valley-wire" / "2025-08-01-empty.txt").write_text("\n\n   \n", encoding="utf-8")
    index_dir = tmp_path / "ix"
    first = reindex([demo_copy], index_dir, workers=1)
    assert first.read == _files(demo_copy)  # every file, the README too
    before = _stored(index_dir)

    for workers in (1, 2):
        again = reindex([demo_copy], index_dir, full=True, workers=workers)
        assert (again.read, again.extracted, again.added) == (0, 0, 35)
        assert again.skipped == first.skipped  # the empty file is reported the same, without being read
        assert again.per_format == first.per_format
        assert _stored(index_dir) == before


def test_a_file_whose_bytes_change_is_read_again_even_at_the_same_size_and_mtime(demo_copy: Path, tmp_path: Path):
    index_dir = tmp_path / "ix"
    reindex([demo_copy], index_dir, workers=1)
    target = next((demo_copy / "harbour-herald").glob("2022-03-03-*.txt"))
    text = target.read_text(encoding="utf-8")
    stat = target.stat()
    target.write_text(text.replace("Port Osran", "Port Ostra", 1), encoding="utf-8")  # same length
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))

    rebuilt = reindex([demo_copy], index_dir, full=True, workers=1)
    assert (rebuilt.read, rebuilt.extracted) == (1, 1)
    ix = NewsIndex.open(index_dir)
    assert ix.search('"Port Ostra"').total == 1


def _sidecar_folder(root: Path) -> Path:
    folder = root / "wire"
    folder.mkdir(parents=True)
    (folder / "a1.txt").write_text("Dam gates open early\n\nThe Velm dam opened its gates on Monday, said "
                                   "engineer Tova Brisk.\n", encoding="utf-8")
    (folder / "metadata.tsv").write_text("filename\ttitle\tpublication_date\n"
                                         "a1.txt\tGates open at Velm\t2024-05-06\n", encoding="utf-8")
    return folder


def test_a_changed_sidecar_table_or_source_setting_makes_its_files_read_again(tmp_path: Path):
    folder = _sidecar_folder(tmp_path / "data")
    index_dir = tmp_path / "ix"
    reindex([folder], index_dir, workers=1)
    assert [h.title for h in NewsIndex.open(index_dir).search("Velm").hits] == ["Gates open at Velm"]
    assert reindex([folder], index_dir, full=True, workers=1).read == 0

    (folder / "metadata.tsv").write_text("filename\ttitle\tpublication_date\n"
                                         "a1.txt\tVelm dam gates opened\t2024-05-06\n", encoding="utf-8")
    assert reindex([folder], index_dir, full=True, workers=1).read == 2  # the table itself, and a1.txt
    assert [h.title for h in NewsIndex.open(index_dir).search("Velm").hits] == ["Velm dam gates opened"]

    (folder / "newsindex-source.json").write_text(json.dumps({"source": "Velm Courier"}), encoding="utf-8")
    assert reindex([folder], index_dir, full=True, workers=1).read == 2
    assert [h.source for h in NewsIndex.open(index_dir).search("Velm").hits] == ["Velm Courier"]
    assert reindex([folder], index_dir, full=True, workers=1).read == 0


def test_a_damaged_read_cache_row_costs_a_read_not_the_reindex(demo_copy: Path, tmp_path: Path):
    import sqlite3

    from indexer.search.profiles import FILENAME

    index_dir = tmp_path / "ix"
    reindex([demo_copy], index_dir, workers=1)
    before = _stored(index_dir)
    with sqlite3.connect(index_dir / FILENAME) as db:
        db.execute("UPDATE read_file SET value = x'00ff'")
    rebuilt = reindex([demo_copy], index_dir, full=True, workers=2)
    assert (rebuilt.read, rebuilt.extracted, rebuilt.added) == (_files(demo_copy), 0, 35)
    assert _stored(index_dir) == before


def test_records_sharing_an_id_keep_their_numbered_ids_when_their_file_comes_from_the_cache(tmp_path: Path):
    """A cached batch goes to the spool as it was kept, unless an article's id had to be numbered (two
    records of one file with one record id): then the numbered ids are spooled, as when read."""
    data, index_dir = tmp_path / "data", tmp_path / "ix"
    data.mkdir()
    record = {"id": "wire-7", "title": "Ferry timetable changes", "date": "2023-04-02",
              "body": "The Lorvant ferry will sail twice a day from May, said harbour master Ilse Varn."}
    (data / "a.jsonl").write_text(json.dumps(record) + "\n" + json.dumps({**record, "title": "Ferry fares"}) + "\n",
                                  encoding="utf-8")
    (data / "b.jsonl").write_text(json.dumps({**record, "title": "Ferry crews"}) + "\n", encoding="utf-8")
    reindex([data], index_dir, workers=1)
    before = _stored(index_dir)
    first = next(i for i, fields in before.items() if fields["title"] == "Ferry timetable changes")
    assert {fields["title"]: i for i, fields in before.items()}["Ferry fares"] == f"{first}-2"

    for workers in (1, 2):
        again = reindex([data], index_dir, full=True, workers=workers)
        assert (again.read, again.added) == (0, 3)
        assert _stored(index_dir) == before
