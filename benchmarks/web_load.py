"""A bounded load test of `dateline serve` on loopback: N concurrent clients, a fixed list of requests.

Starts `python -m dateline serve --db DB` on a free 127.0.0.1 port (nothing else is contacted),
sends a fixed, seeded mix of search, person and article requests from ``--clients`` threads (each
its own keep-alive httpx client), and reports p50/p95/max latency per page kind and every non-200.

    python benchmarks/web_load.py --db /tmp/web-full.db --clients 20 --requests 1000
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import queue
import random
import resource
import re
import socket
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote, urlencode

import httpx

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request_mix(db: str, n: int, seed: int = 7) -> list[tuple[str, str]]:
    """(kind, path) pairs: 45% search, 35% person, 20% article, all drawn from the database."""
    rnd = random.Random(seed)
    conn = sqlite3.connect(f"file:{Path(db).resolve()}?mode=ro", uri=True)
    quotes = [r[0] for r in conn.execute("SELECT text FROM quotes WHERE pk % 7 = 0 ORDER BY pk LIMIT 3000")]
    words = sorted({w.lower() for t in quotes for w in re.findall(r"[A-Za-z]{5,}", t)})
    years = [r[0] for r in conn.execute("SELECT DISTINCT substr(published, 1, 4) FROM articles ORDER BY 1")]
    people = [r[0] for r in conn.execute(
        """SELECT person_id FROM quote_speakers WHERE person_id IS NOT NULL GROUP BY person_id
           ORDER BY count(*) DESC, person_id LIMIT 500""")]
    articles = [r[0] for r in conn.execute("SELECT id FROM articles WHERE pk % 5 = 0 ORDER BY pk LIMIT 2000")]
    conn.close()
    out = []
    for _ in range(n):
        roll = rnd.random()
        if roll < 0.45:
            params = {"q": " ".join(rnd.sample(words, rnd.choice((1, 1, 1, 2))))}
            if rnd.random() < 0.3:
                params["kind"] = "articles"
            if rnd.random() < 0.2 and years:
                params["year"] = rnd.choice(years)
            if rnd.random() < 0.2:
                params["sort"] = "newest"
            out.append(("search", "/search?" + urlencode(params)))
        elif roll < 0.80:
            # the most-quoted people get most requests (and are the heaviest pages)
            out.append(("person", f"/people/{people[min(int(rnd.expovariate(1 / 40)), len(people) - 1)]}"))
        else:
            out.append(("article", "/articles/" + quote(rnd.choice(articles), safe="")))
    return out


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process and its live children (Linux /proc), else None."""
    try:
        pids = [pid] + [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
        total = 0
        for p in pids:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        return total / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError):
        return None


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * len(values) + 0.5) - 1))
    return values[k]


def run(db: str, clients: int, n: int, python: str, workers: int = 1) -> dict:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([python, "-m", "dateline", "serve", "--db", db, "--host", "127.0.0.1",
                               "--port", str(port), "--workers", str(workers)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/api/stats", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"server did not start: {server.stderr.read().decode()[-2000:]}")
            time.sleep(0.2)
        mix = request_mix(db, n)
        with httpx.Client(base_url=base) as warm:  # warm caches: a few of each kind, not counted
            for _, path in mix[:30]:
                warm.get(path)
        todo: queue.Queue = queue.Queue()
        for item in mix:
            todo.put(item)
        results: list[tuple[str, float, int, str]] = []
        lock = threading.Lock()

        def client():
            with httpx.Client(base_url=base, timeout=60) as c:
                while True:
                    try:
                        kind, path = todo.get_nowait()
                    except queue.Empty:
                        return
                    t0 = time.perf_counter()
                    try:
                        status = c.get(path).status_code
                    except httpx.HTTPError as exc:
                        status = -1
                        path = f"{path} ({exc.__class__.__name__})"
                    ms = (time.perf_counter() - t0) * 1000
                    with lock:
                        results.append((kind, ms, status, path))

        cpu0 = cpu_seconds(server.pid)
        own0 = resource.getrusage(resource.RUSAGE_SELF)
        start = time.perf_counter()
        threads = [threading.Thread(target=client) for _ in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - start
        cpu1 = cpu_seconds(server.pid)
        own1 = resource.getrusage(resource.RUSAGE_SELF)
        client_cpu = (own1.ru_utime + own1.ru_stime) - (own0.ru_utime + own0.ru_stime)
    finally:
        server.terminate()
        server.wait(10)
    report = {"clients": clients, "workers": workers, "requests": len(results), "seconds": round(wall, 2),
              "requests_per_second": round(len(results) / wall, 1), "kinds": {},
              "server_cpu_ms_per_request": (round((cpu1 - cpu0) * 1000 / len(results), 2)
                                            if cpu0 is not None and cpu1 is not None else None),
              "errors": [f"{s} {p}" for _, _, s, p in results if s != 200][:20],
              "error_count": sum(1 for r in results if r[2] != 200),
              "client_cpu_ms_per_request": round(client_cpu * 1000 / len(results), 2),
              "slowest": [f"{ms:.0f} ms {path}" for _, ms, _, path in sorted(results, key=lambda r: -r[1])[:10]]}
    for kind in ("search", "person", "article"):
        ms = [r[1] for r in results if r[0] == kind]
        if ms:
            report["kinds"][kind] = {"n": len(ms), "p50_ms": round(statistics.median(ms), 1),
                                     "p95_ms": round(percentile(ms, 95), 1), "max_ms": round(max(ms), 1)}
    return report


def describe(db: str) -> dict:
    conn = sqlite3.connect(f"file:{Path(db).resolve()}?mode=ro", uri=True)
    counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("articles", "quotes", "people")}
    conn.close()
    return {"db": db, "db_mb": round(Path(db).stat().st_size / 1e6, 1), **counts}


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--requests", type=int, default=1000)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="server worker processes; one run each")
    ap.add_argument("--repeat", type=int, default=2, help="runs per worker setting (the machine is shared)")
    ap.add_argument("--target-p95-ms", type=float, default=150.0)
    ap.add_argument("--out", default=str(RESULTS / "web_load"), help="writes OUT.md and OUT.json")
    args = ap.parse_args(argv)
    runs = []
    for w in [w for w in args.workers for _ in range(args.repeat)]:
        report = run(args.db, args.clients, args.requests, sys.executable, w)
        report["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
        report["meets_target"] = (report["error_count"] == 0 and all(
            report["kinds"][k]["p95_ms"] <= args.target_p95_ms for k in ("search", "person") if k in report["kinds"]))
        runs.append(report)
    out = {"database": describe(args.db), "clients": args.clients, "requests": args.requests,
           "target_p95_ms": args.target_p95_ms, "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
           "runs": runs}
    Path(args.out + ".json").write_text(json.dumps(out, indent=2) + "\n")
    d = out["database"]
    lines = [
        "# Web load benchmark (`benchmarks/web_load.py`)", "",
        f"`dateline serve` on 127.0.0.1, {args.clients} concurrent clients (threads, keep-alive), "
        f"{args.requests} requests per run in a fixed seeded mix: 45% search (a random word or two from the "
        "quotes; quotes or articles, some with a year filter or sorted by date), 35% person pages (the "
        "most-quoted people weighted), 20% article pages. Latency is measured by the client, from request to "
        "the full body.", "",
        f"Database: {d['articles']:,} articles, {d['quotes']:,} quotes, {d['people']:,} people, {d['db_mb']} MB "
        "(`dateline ingest ../shared/seed/000_2bcd1fa24314d7c1.txt --db DB`, then "
        "`dateline ingest ../shared/data/wikinews/articles.jsonl --db DB --workers 2`).", "",
        "The load generator runs on the same machine: its 20 threads compete with the server for the CPUs.", "",
        "Each worker setting runs `--repeat` times, alternating is not attempted: read the spread between "
        "repeats as the noise from other work on the machine.", "",
        "| workers | page | requests | p50 ms | p95 ms | max ms | requests/s | errors |",
        "|---:|---|---:|---:|---:|---:|---:|---:|"]
    for r in runs:
        for kind, k in r["kinds"].items():
            lines.append(f"| {r['workers']} | {kind} | {k['n']} | {k['p50_ms']} | {k['p95_ms']} | {k['max_ms']} | "
                         f"{r['requests_per_second']} | {r['error_count']} |")
    lines += [""]
    for r in runs:
        lines.append(f"* {r['workers']} worker(s): server CPU {r['server_cpu_ms_per_request']} ms per request "
                     f"(all worker processes); target p95 ≤ {args.target_p95_ms:.0f} ms for search and person "
                     f"pages with no errors **{'met' if r['meets_target'] else 'NOT met'}**; load average after "
                     f"the run {r['load_average_after']}.")
    lines += ["", f"Machine: {out['machine']['cpus']} CPUs shared with other work, Python "
              f"{out['machine']['python']}.", "", "Reproduce:", "", "```sh",
              f"python benchmarks/web_load.py --db {d['db']} --clients {args.clients} --requests {args.requests} "
              f"--workers {' '.join(map(str, args.workers))} --repeat {args.repeat}", "```", ""]
    Path(args.out + ".md").write_text("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
