"""`newsindex serve` behaviour: no index yet is a clear 503, and a finished reindex is served without restart."""

from __future__ import annotations

import shutil
from pathlib import Path

from indexer import reindex
from webui import create_app

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "demo" / "articles"
NEW_ARTICLE = "3 Apr 2024 09:00\n\nWombats elect a new harbour master\n\nThe wombat council met in Port Osran.\n"


def test_missing_index_is_a_503_that_says_how_to_build_one(tmp_path):
    client = create_app({"TESTING": True, "INDEX_DIR": str(tmp_path / "none")}).test_client()
    for url in ("/", "/?q=treaty", "/articles/x", "/feed.atom", "/export.csv"):
        resp = client.get(url)
        assert resp.status_code == 503, url
        assert "newsindex reindex PATH" in resp.get_data(as_text=True)
    api = client.get("/api/search?q=x")
    assert api.status_code == 503 and "newsindex reindex PATH" in api.get_json()["error"]["message"]


def test_index_that_appears_later_is_served_without_restart(tmp_path):
    index_dir = tmp_path / "index"
    app = create_app({"TESTING": True, "INDEX_DIR": str(index_dir)})
    client = app.test_client()
    assert client.get("/?q=treaty").status_code == 503
    reindex([DEMO], index_dir, workers=1)
    assert client.get("/?q=treaty").status_code == 200
    assert client.get("/api/search?q=treaty").get_json()["total"] > 0


def test_reindex_under_a_running_app_is_picked_up(tmp_path):
    articles = tmp_path / "articles"
    shutil.copytree(DEMO, articles)
    index_dir = tmp_path / "index"
    reindex([articles], index_dir, workers=1)
    client = create_app({"TESTING": True, "INDEX_DIR": str(index_dir)}).test_client()
    assert client.get("/api/search?q=wombat").get_json()["total"] == 0
    (articles / "capital-courier" / "2024-04-03-wombats.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    reindex([articles], index_dir, workers=1)
    data = client.get("/api/search?q=wombat").get_json()
    assert data["total"] == 1 and data["hits"][0]["title"] == "Wombats elect a new harbour master"
    assert client.get(f"/articles/{data['hits'][0]['id']}").status_code == 200
    (articles / "capital-courier" / "2024-04-03-wombats.txt").unlink()
    reindex([articles], index_dir, workers=1)
    assert client.get("/api/search?q=wombat").get_json()["total"] == 0


def serve_in_thread(app):
    """A real waitress server (what `newsindex serve` runs) on 127.0.0.1 and a random port; returns (url, stop)."""
    import threading

    from waitress.server import create_server

    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    stopping = threading.Event()

    def run() -> None:
        try:
            server.run()
        except OSError:  # the listening socket was closed under select() by stop(): the expected way out
            if not stopping.is_set():
                raise

    thread = threading.Thread(target=run, daemon=True)
    thread.start()

    def stop() -> None:
        stopping.set()
        server.close()
        thread.join(timeout=5)

    return f"http://127.0.0.1:{server.effective_port}", stop


def test_real_server_picks_up_a_reindex(tmp_path):
    import json
    import urllib.error
    import urllib.request

    articles = tmp_path / "articles"
    index_dir = tmp_path / "index"
    url, stop = serve_in_thread(create_app({"INDEX_DIR": str(index_dir)}))
    try:
        try:
            urllib.request.urlopen(f"{url}/")
            raise AssertionError("expected a 503 before the first reindex")
        except urllib.error.HTTPError as exc:
            assert exc.code == 503 and b"newsindex reindex PATH" in exc.read()
        shutil.copytree(DEMO, articles)
        reindex([articles], index_dir, workers=1)

        def total() -> int:
            with urllib.request.urlopen(f"{url}/api/search?q=wombat") as resp:
                return json.load(resp)["total"]

        assert total() == 0
        (articles / "capital-courier" / "2024-04-03-wombats.txt").write_text(NEW_ARTICLE, encoding="utf-8")
        reindex([articles], index_dir, workers=1)
        assert total() == 1
    finally:
        stop()


def test_search_works_from_a_server_worker_thread(app):
    """Waitress answers on worker threads. Whoosh's TimeLimitCollector defaults to use_alarm=True and calls
    signal.signal(), which raises ValueError outside the main thread: the library must pass use_alarm=False."""
    import threading

    statuses: list[int] = []
    worker = threading.Thread(target=lambda: statuses.append(app.test_client().get("/api/search?q=treaty").status_code))
    worker.start()
    worker.join(timeout=30)
    assert statuses == [200], "search fails off the main thread (indexer/search/execute.py: TimeLimitCollector use_alarm)"
