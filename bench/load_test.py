"""Load test: wrk against ``newsindex serve`` on loopback while reindexes switch the index underneath.

    python bench/load_test.py                  # 30 s, 50 connections, over the demo set
    python bench/load_test.py --index-from ../shared/corpus/bbc-fulltext --seconds 30
    python bench/load_test.py --smoke          # 8 s, 20 connections (CI)
    python bench/load_test.py --slowloris-only # just the slowloris drill (500 half-open connections, 30 s)

Prints requests/s, p50/p95/p99 latency, errors (non-2xx responses and socket errors), how many index
switches happened during the run, and whether a fixed set of queries gave the same results before and
after the switches (the content is restored at the end, so they must). Needs Debian's ``wrk``.

Then a slowloris drill: one client opens ``--slowloris`` connections (500) that send a partial request
and trickle one more header line every 5 s, never finishing; while they are held, a normal client
searches once every 0.2 s, and every answer must come within 1 s. Bounded in time (``--slow-seconds``).
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


def slowloris(port: int, base: str, connections: int, seconds: float) -> tuple[int, list[float], int]:
    """Hold ``connections`` half-open requests for ``seconds`` while timing normal searches.

    Returns (connections actually opened, latencies of the normal client in seconds, its failures)."""
    held: list[socket.socket] = []
    for _ in range(connections):
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=2)
            s.sendall(b"GET /api/search?q=treaty HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            held.append(s)
        except OSError:
            break
    stop = threading.Event()

    def trickle() -> None:
        n = 0
        while not stop.wait(5.0):
            n += 1
            for s in held:
                try:
                    s.sendall(f"X-Slow-{n}: a\r\n".encode())
                except OSError:
                    pass

    t = threading.Thread(target=trickle, daemon=True)
    t.start()
    latencies, failures = [], 0
    end = time.monotonic() + seconds
    try:
        while time.monotonic() < end:
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(f"{base}/api/search?q=treaty", timeout=10) as r:
                    r.read()
                latencies.append(time.perf_counter() - started)
            except OSError:
                failures += 1
            time.sleep(0.2)
    finally:
        stop.set()
        t.join()
        for s in held:
            s.close()
    return len(held), latencies, failures


def run_slowloris(args: argparse.Namespace, index_dir: Path, tmp: str) -> bool:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(Path(tmp) / "slow-server.log", "w+")
    server = subprocess.Popen([sys.executable, "-m", "indexer.cli", "serve", "--port", str(port),
                               "--index-dir", str(index_dir)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log)
    try:
        wait_ready(base, server)
        opened, latencies, failures = slowloris(port, base, args.slowloris, args.slow_seconds)
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()
    worst = max(latencies, default=float("inf"))
    latencies.sort()
    p50 = latencies[len(latencies) // 2] if latencies else float("nan")
    print(f"slowloris: {opened} half-open connections held {args.slow_seconds:g} s (a header line every 5 s); "
          f"normal client: {len(latencies)} answers, p50 {p50 * 1000:.0f} ms, slowest {worst * 1000:.0f} ms, "
          f"{failures} failures")
    return opened == args.slowloris and not failures and worst < 1.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--index-from", type=Path, default=ROOT / "demo" / "articles")
    parser.add_argument("--slowloris", type=int, default=500, help="half-open connections of the slowloris drill")
    parser.add_argument("--slow-seconds", type=float, default=30.0, help="how long they are held")
    parser.add_argument("--slowloris-only", action="store_true")
    args = parser.parse_args()
    if args.smoke:
        args.slow_seconds = min(args.slow_seconds, 12.0)
    if args.slowloris_only:
        with tempfile.TemporaryDirectory() as tmp:
            reindex([args.index_from], Path(tmp) / "index")
            if not run_slowloris(args, Path(tmp) / "index", tmp):
                raise SystemExit("FAIL")
        return
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
        slow_ok = run_slowloris(args, index_dir, tmp)
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
    if errors or sock or not same or not switches or not slow_ok:
        raise SystemExit("FAIL")


if __name__ == "__main__":
    main()
