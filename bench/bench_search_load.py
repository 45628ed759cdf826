"""Search under load: the real server (``storyline serve``, uvicorn) answering /search.json to
20 concurrent keep-alive clients on loopback.

The queries are what a newsroom types, drawn from the dossier itself: the names of its most
mentioned entities and its commonest longer words (``--queries`` of them, half and half), asked
again and again in a random order (seeded). Before the load, each query is asked once, one at a
time: that is the cold path (no answer cached yet), timed separately.

Prints the cold latencies, then for the load: requests, req/s, p50/p90/p99 latency, errors (a
status other than 200, or a failed connection), and the CPU seconds the server and this client
process used (on a shared 2-core machine the client's share is part of the answer).

Run (the dossier folder from ``storyline build``):
  .venv/bin/python bench/bench_search_load.py /tmp/t17web --seconds 20 --clients 20
  .venv/bin/python bench/bench_search_load.py /tmp/t17web --no-cache   # every answer computed
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

STOP = frozenset("""about after again against all also among and another any are around because been before
being between both but came come could did does down during each even every first from had has have her here
him his how into its just last like made make many more most much must never new now only other our out over
said same says should since some still such than that the their them then there these they this those through
too under until very was way well were what when where which while who will with would year years your""".split())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def queries_from(folder: Path, n: int, seed: int) -> list[str]:
    """``n`` queries: the most mentioned entity names and the commonest words of 5+ letters."""
    raw = json.loads((folder / "dossier.json").read_text(encoding="utf-8"))
    names = [e["name"] for e in sorted(raw.get("entities", []), key=lambda e: -e.get("mentions", 0))
             if 2 < len(e["name"]) < 40]
    words = Counter(w for d in raw.get("documents", []) for w in re.findall(r"[a-z]{5,}", (d.get("text") or "").lower())
                    if w not in STOP)
    picked = list(dict.fromkeys(names))[: n // 2]
    picked += [w for w, _ in words.most_common(n * 4) if w not in {p.lower() for p in picked}][: n - len(picked)]
    random.Random(seed).shuffle(picked)
    return picked


def cpu_seconds(pid: int) -> float:
    """user + system CPU seconds of a process (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# --no-cache: the same server with every search answered by the uncached path (to compare)
NO_CACHE = ("import sys; from storyline.web import data; from storyline import cli; "
            "data.DossierData.search = data.DossierData.search_uncached; sys.exit(cli.main())")


def start_server(folder: Path, port: int, cache: bool = True) -> subprocess.Popen:
    run = ["-m", "storyline.cli"] if cache else ["-c", NO_CACHE]
    proc = subprocess.Popen([sys.executable, *run, "serve", str(folder), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 120
    while True:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/dossiers.json")
            if conn.getresponse().status == 200:
                conn.close()
                return proc
        except OSError:
            pass
        if proc.poll() is not None:
            raise SystemExit("the server stopped:\n" + proc.stdout.read().decode(errors="replace"))
        if time.monotonic() > deadline:
            proc.terminate()
            raise SystemExit("the server did not start in 120 s")
        time.sleep(0.2)


def target(q: str, limit: int) -> str:
    return "/search.json?" + urlencode({"q": q, "limit": limit})


def percentile(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))] if xs else float("nan")


def run_load(port: int, paths: list[str], clients: int, seconds: float, seed: int):
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors = [0] * clients
    start = threading.Barrier(clients + 1)
    stop_at = [0.0]

    def client(i: int) -> None:
        rng = random.Random(seed + i)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        start.wait()
        while time.perf_counter() < stop_at[0]:
            path = rng.choice(paths)
            t0 = time.perf_counter()
            try:
                conn.request("GET", path)
                r = conn.getresponse()
                r.read()
                ok = r.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            latencies[i].append(time.perf_counter() - t0)
            errors[i] += not ok
        conn.close()

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    for t in threads:
        t.start()
    stop_at[0] = time.perf_counter() + seconds
    t0 = time.perf_counter()
    start.wait()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    return [x for xs in latencies for x in xs], sum(errors), wall


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path, help="a dossier folder (storyline build --out)")
    ap.add_argument("--seconds", type=float, default=20.0, help="length of the load")
    ap.add_argument("--clients", type=int, default=20, help="concurrent keep-alive clients")
    ap.add_argument("--queries", type=int, default=50, help="distinct queries in the mix")
    ap.add_argument("--limit", type=int, default=50, help="results per query (the app's default: 50)")
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--no-cache", action="store_true", help="answer every search uncached (to compare)")
    args = ap.parse_args()

    queries = queries_from(args.folder, args.queries, args.seed)
    paths = [target(q, args.limit) for q in queries]
    port = free_port()
    t0 = time.perf_counter()
    proc = start_server(args.folder, port, cache=not args.no_cache)
    ready = time.perf_counter() - t0
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        cold, sizes = [], []
        for path in paths:
            t = time.perf_counter()
            conn.request("GET", path)
            r = conn.getresponse()
            body = r.read()
            cold.append(time.perf_counter() - t)
            sizes.append(len(body))
            assert r.status == 200, (path, r.status, body[:200])
        conn.close()
        server_cpu0, client_cpu0 = cpu_seconds(proc.pid), time.process_time()
        lat, errors, wall = run_load(port, paths, args.clients, args.seconds, args.seed)
        server_cpu, client_cpu = cpu_seconds(proc.pid) - server_cpu0, time.process_time() - client_cpu0
    finally:
        proc.terminate()
        proc.wait(timeout=10)

    ms = lambda s: f"{s * 1000:.1f} ms"  # noqa: E731
    n = len(lat)
    print(f"dossier {args.folder} · server ready in {ready:.1f} s · {len(queries)} queries, e.g. "
          + ", ".join(repr(q) for q in queries[:6]))
    print(f"cold (first time each query is asked, one at a time): p50 {ms(percentile(cold, 50))}, "
          f"max {ms(max(cold))}; answers {sum(sizes) // len(sizes) // 1024} KB on average")
    print(f"load: {args.clients} keep-alive clients for {wall:.1f} s, limit={args.limit}"
          + (", every answer uncached (--no-cache)" if args.no_cache else ""))
    print(f"  requests {n} · {n / wall:.0f} req/s · p50 {ms(percentile(lat, 50))} · p90 {ms(percentile(lat, 90))} "
          f"· p99 {ms(percentile(lat, 99))} · errors {errors}")
    print(f"  CPU: server {server_cpu:.1f} s ({server_cpu / max(n, 1) * 1000:.2f} ms a request), "
          f"this client {client_cpu:.1f} s, of {wall * (os.cpu_count() or 1):.0f} core-seconds "
          f"({os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f})")


if __name__ == "__main__":
    main()
