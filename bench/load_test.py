"""Load test: wrk against ``newsindex serve`` on loopback while reindexes switch the index underneath.

    python bench/load_test.py                  # 30 s, 50 connections, over the demo set
    python bench/load_test.py --index-from ../shared/corpus/bbc-fulltext --seconds 30
    python bench/load_test.py --smoke          # 8 s, 20 connections (CI)

Prints requests/s, p50/p95/p99 latency, errors (non-2xx responses and socket errors), how many index
switches happened during the run, and whether a fixed set of queries gave the same results before and
after the switches (the content is restored at the end, so they must). Needs Debian's ``wrk``.
Traffic goes to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from indexer import reindex  # noqa: E402

QUERIES = ["flexibility missile defense", "water rationing", "rail strike", "treaty", "harbour expansion vote",
           '"data breach"', "speaker:medvedev vladimir", "election -harbour", "vaccination drive", "budget"]
LUA = """
local paths = {%s}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("LATENCY_US p50=%%d p95=%%d p99=%%d\\n",
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch_ids(base: str) -> dict[str, list[str]]:
    out = {}
    for q in QUERIES:
        with urllib.request.urlopen(f"{base}/api/search?{urllib.parse.urlencode({'q': q})}", timeout=10) as r:
            out[q] = [h["id"] for h in json.load(r)["hits"]]
    return out


def wait_ready(base: str, proc: subprocess.Popen) -> None:
    for _ in range(300):
        if proc.poll() is not None:
            raise SystemExit("the server exited")
        try:
            urllib.request.urlopen(f"{base}/api/search?q=x", timeout=30).read()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("the server did not start")


def churn(data: Path, index_dir: Path, stop: threading.Event, switches: list[float], pause: float) -> None:
    """Reindex every few seconds, alternating an edited and the original version of one file."""
    target = sorted(data.rglob("*.txt"))[0]
    original = target.read_bytes()
    edited = original + b"\n\nA late paragraph about the Quillan aqueduct, said Mara Quell.\n"
    flip = False
    while not stop.is_set():
        flip = not flip
        target.write_bytes(edited if flip else original)
        reindex([data], index_dir, workers=1)
        switches.append(time.monotonic())
        stop.wait(pause)
    if flip:
        target.write_bytes(original)
        reindex([data], index_dir, workers=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--index-from", type=Path, default=ROOT / "demo" / "articles")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk not found (apt-get install wrk); nothing measured")
        return
    seconds, connections = (8, 20) if args.smoke else (args.seconds, args.connections)
    with tempfile.TemporaryDirectory() as tmp:
        data, index_dir = Path(tmp) / "data", Path(tmp) / "index"
        shutil.copytree(args.index_from, data)
        reindex([data], index_dir)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server_log = open(Path(tmp) / "server.log", "w+")  # a file, not a pipe: a full pipe would block the server
        server = subprocess.Popen([sys.executable, "-m", "indexer.cli", "serve", "--port", str(port),
                                   "--index-dir", str(index_dir), "--threads", "8"], cwd=ROOT,
                                  stdout=subprocess.DEVNULL, stderr=server_log, text=True)
        try:
            wait_ready(base, server)
            before = fetch_ids(base)
            paths = [f"/api/search?{urllib.parse.urlencode({'q': q})}" for q in QUERIES]
            paths += [f"/?{urllib.parse.urlencode({'q': q})}" for q in QUERIES[:4]]
            script = Path(tmp) / "paths.lua"
            script.write_text(LUA % ", ".join(json.dumps(p) for p in paths))
            stop, switches = threading.Event(), []
            worker = threading.Thread(target=churn, args=(data, index_dir, stop, switches, max(2.0, seconds / 6)))
            worker.start()
            wrk = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
                                  "-s", str(script), base],
                                 capture_output=True, text=True, timeout=seconds + 60)
            stop.set()
            worker.join()
            wait_ready(base, server)  # let the server finish requests still queued when wrk stopped
            after = fetch_ids(base)
        finally:
            server.terminate()
            server.wait(timeout=10)
            server_log.seek(0)
            log = server_log.read()
            server_log.close()
            if "Traceback" in log or "ERROR" in log:
                print("server errors:\n" + log[-3000:])
    out = wrk.stdout
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    total = re.search(r"(\d+) requests in", out)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sock = re.search(r"Socket errors: (.*)", out)
    lat = re.search(r"LATENCY_US p50=(\d+) p95=(\d+) p99=(\d+)", out)
    errors = int(non2xx[1]) if non2xx else 0
    print(f"load: {seconds}s, {connections} connections, {total[1] if total else '?'} requests, "
          f"{rps[1] if rps else '?'} requests/s; latency p50 {int(lat[1]) / 1000:.1f} ms, "
          f"p95 {int(lat[2]) / 1000:.1f} ms, p99 {int(lat[3]) / 1000:.1f} ms" if lat else out)
    print(f"errors: {errors} non-2xx, socket errors: {sock[1] if sock else 'none'}; "
          f"index switches during the run: {len(switches)}")
    same = before == after
    print(f"results before and after the switches identical: {same}")
    if errors or sock or not same or not switches:
        raise SystemExit("FAIL")


if __name__ == "__main__":
    main()
