"""Crash safety and reading while writing, through the `dateline ingest` command itself.

test_store_crash.py kills the ``ingest()`` function at two points; here the command line is killed
with SIGKILL at three seeded-random points (one by elapsed time, two by committed articles), and
each killed database, after an integrity check, is ingested again and compared with the
uninterrupted one, table by table (every table except the runs log; timestamps aside). The timed
kill lands at a seeded fraction of the uninterrupted command's own duration. A killed ``--force``
re-ingest, run again, gives the same rows too. The
uninterrupted reference ingest runs while a web server on loopback is polled in a loop: every
answer must be 200, and the article count it reports must never go down.
"""
from __future__ import annotations

import json
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from db_helpers import stored

from dateline.store import ingest, open_store

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]

FIRST = ["Maren", "Oskar", "Yusra", "Teodor", "Alba", "Kenji", "Rosalind", "Emeka", "Signe"]
LAST = ["Halloran", "Vasko", "Idowu", "Pell", "Sarto", "Brannock", "Quist", "Ferreira", "Okonjo"]
PLACES = ["Lowmarsh", "Castelno", "Brightwater", "Old Fennick", "Varrow"]
WORDS = ["The library stays open", "We need the new pier", "Taxes will not rise", "The school roof leaks",
         "Trains will run at night", "Nobody asked the farmers"]
N = 90


def article(i: int) -> dict:
    who = f"{FIRST[i % 9]} {LAST[(i * 4) % 9]}"
    place = PLACES[i % 5]
    return {"id": f"lm-{i:03d}", "date": f"2021-{1 + i % 12:02d}-{1 + i % 27:02d}", "title": f"{place} notes {i}",
            "url": f"https://gazette.example.org/{i}",
            "text": (f'"{WORDS[i % 6]}," {who} said on Monday in {place}. '
                     f'{who.split()[1]}, {25 + i % 50}, said the council would meet again in {1990 + i}.')}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("rel-ingest") / "towns.jsonl"
    lines = [json.dumps(article(i)) for i in range(N)]
    lines.insert(17, '{"id": "bad-json", "text": ')                    # kept aside in errors, once
    lines.insert(44, json.dumps({"id": "no-date", "text": "Signe Quist said so."}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def dump(path: Path) -> dict[str, list]:
    """Every table's rows (FTS tables through their own columns), without the runs log and times."""
    conn = sqlite3.connect(path)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    fts = {t for t in tables if conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (t,)).fetchone()[0]
           .upper().startswith("CREATE VIRTUAL TABLE")}
    out = {}
    for table in tables:
        if table == "runs" or any(table.startswith(f + "_") for f in fts):  # the log; FTS shadow tables
            continue
        cols = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')  # names from sqlite_master
                if not r[1].endswith("_at") and r[1] != "run_id"]
        key = "rowid, " if table in fts else ""
        out[table] = conn.execute(f'SELECT {key}{", ".join(chr(34) + c + chr(34) for c in cols)} '
                                  f'FROM "{table}" ORDER BY rowid').fetchall()
    conn.close()
    return out


def integrity(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%fts5%'"):
            conn.execute(f'INSERT INTO "{name}"("{name}") VALUES (\'integrity-check\')')  # raises if corrupt
    finally:
        conn.close()


def start_cli_ingest(corpus: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "dateline", "ingest", str(corpus), "--db", str(db),
                             "--workers", "1"], cwd=ROOT, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


# -- a web server on loopback, in a thread ---------------------------------------------------------
class Server:
    def __init__(self, db: Path):
        import uvicorn

        from dateline.web import create_app

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.server = uvicorn.Server(uvicorn.Config(create_app(str(db)), host="127.0.0.1", port=self.port,
                                                    log_level="warning", access_log=False))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            assert self.thread.is_alive() and time.monotonic() < deadline, "server did not start"
            time.sleep(0.05)
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(15)


@pytest.fixture(scope="module")
def reference(tmp_path_factory, corpus):
    """The uninterrupted ingest (the command line), with the web server polled while it writes."""
    import httpx

    db = tmp_path_factory.mktemp("rel-ref") / "whole.db"
    open_store(str(db), create=True).close()  # the server needs the file; the ingest fills it
    answers: list[tuple[str, int]] = []
    counts: list[int] = []
    with Server(db) as base:
        started = time.monotonic()
        proc = start_cli_ingest(corpus, db)
        stop = threading.Event()

        def poll(urls: list[str]):
            with httpx.Client(base_url=base, timeout=30) as client:
                i = 0
                while not stop.is_set():
                    url = urls[i % len(urls)]
                    i += 1
                    try:
                        r = client.get(url)
                    except httpx.HTTPError as exc:
                        answers.append((url, -1))
                        print("transport error", url, exc)
                        continue
                    answers.append((url, r.status_code))
                    if url == "/api/stats" and r.status_code == 200:
                        counts.append(r.json()["corpus"]["articles"])
                    time.sleep(0.01)

        pollers = [threading.Thread(target=poll, args=(urls,)) for urls in (
            ["/api/stats", "/api/search?q=council", "/api/people?name=Quist", "/search?q=pier&kind=articles"],
            ["/", "/api/search?q=library&sort=newest", "/people", "/api/search?kind=articles&year=2021"])]
        for t in pollers:
            t.start()
        try:
            proc.wait(300)
            seconds = time.monotonic() - started
        finally:
            stop.set()
            for t in pollers:
                t.join(60)
        # once more, after the last commit
        with httpx.Client(base_url=base) as client:
            final = client.get("/api/stats").json()["corpus"]["articles"]
            article_page = client.get("/articles/lm-005").status_code
    assert proc.returncode == 0, proc.stderr.read().decode()[-2000:]
    return {"db": db, "dump": dump(db), "seconds": seconds, "answers": answers, "counts": counts, "final": final,
            "article_page": article_page}


def test_reading_while_an_ingest_writes_gets_no_errors(reference):
    answers = reference["answers"]
    assert len(answers) >= 20, "the ingest ended before the server was polled much"
    bad = [a for a in answers if a[1] != 200]
    assert bad == [], bad[:10]
    counts = reference["counts"]
    assert counts == sorted(counts), "a reader saw the article count go down"
    assert counts[0] < N and len(set(counts)) >= 2, "the server was not read while the ingest wrote"
    assert reference["final"] == N and reference["article_page"] == 200


def test_reference_holds_every_record(reference):
    d = reference["dump"]
    assert len(d["articles"]) == N and len(d["errors"]) == 2
    assert len(d["quotes"]) >= N * 0.9


def test_dateline_ingest_killed_at_random_points_reruns_to_the_same_database(tmp_path, corpus, reference, nlp):
    rng = random.Random(20261126)
    # by time: a seeded fraction of how long the uninterrupted command took (most of it loads the model)
    points = [("seconds", round(rng.uniform(0.6, 0.95) * reference["seconds"], 2)),
              ("articles", rng.randint(1, N // 2)), ("articles", rng.randint(N // 2, N - 5))]
    seen = []
    for n, (kind, at) in enumerate(points):
        db = tmp_path / f"killed{n}.db"
        proc = start_cli_ingest(corpus, db)
        deadline = time.monotonic() + 240
        try:
            if kind == "seconds":
                time.sleep(at)
            else:
                while stored(db) < at:
                    assert proc.poll() is None, f"ingest ended before the kill: {proc.stderr.read()[-2000:]}"
                    assert time.monotonic() < deadline, "ingest made no progress"
                    time.sleep(0.02)
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        killed_at = stored(db)
        seen.append((kind, at, proc.returncode, killed_at))
        if kind == "articles":
            assert proc.returncode == -signal.SIGKILL and at <= killed_at <= N, seen  # N: killed before "done"
        if db.exists():
            integrity(db)
        summary = ingest([str(corpus)], str(db))
        assert summary.skipped == killed_at and summary.added == N - killed_at, (seen, summary)
        assert dump(db) == reference["dump"], f"kill point {seen[-1]}: rerun differs from the uninterrupted ingest"
        runs = sqlite3.connect(db).execute("SELECT status FROM runs ORDER BY id").fetchall()
        assert runs[-1] == ("done",)
    print("kill points (kind, at, returncode, articles stored):", seen)


def content(path: Path) -> dict[str, list]:
    """:func:`dump` without row ids (a --force run gives replaced rows new ones), rows sorted."""
    conn = sqlite3.connect(path)
    pk_cols = {t: [r[1] for r in conn.execute(f'PRAGMA table_info("{t}")') if r[5] and r[1] == "pk"]
               for t in dump(path)}  # table names from sqlite_master, through dump()
    conn.close()
    out = {}
    for table, rows in dump(path).items():
        skip = 1 if table.endswith("_fts") or pk_cols[table] else 0  # rowid / pk come first
        out[table] = sorted((tuple(r[skip:]) for r in rows), key=repr)
    return out


def max_pk(db: Path) -> int:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        return conn.execute("SELECT coalesce(max(pk), 0) FROM articles").fetchone()[0]
    finally:
        conn.close()


def test_a_killed_force_reingest_reruns_to_the_same_content(tmp_path, corpus, reference, nlp):
    """`--force` replaces every article: killed half-way through, a second --force gives the same rows."""
    db = tmp_path / "force.db"
    src, dst = sqlite3.connect(reference["db"]), sqlite3.connect(db)
    src.backup(dst)  # a file copy could miss what is still in the -wal file
    src.close()
    dst.close()
    assert stored(db) == N
    # the function the command calls, committing every 5 articles (the command: every 50) so that a
    # kill lands between commits even on a fast machine
    code = "import sys; from dateline.store import ingest; ingest([sys.argv[1]], sys.argv[2], force=True, batch_size=5)"
    proc = subprocess.Popen([sys.executable, "-c", code, str(corpus), str(db)], cwd=ROOT, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 240
    try:
        while max_pk(db) < N + 10:  # some articles replaced (new rows), most not yet
            assert proc.poll() is None, f"ingest ended before the kill: {proc.stderr.read()[-2000:]}"
            assert time.monotonic() < deadline
            time.sleep(0.02)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    integrity(db)
    assert stored(db) == N  # a replaced article is deleted and written again in one transaction
    ingest([str(corpus)], str(db), force=True)
    integrity(db)
    assert content(db) == content(reference["db"])
    assert max_pk(db) > 2 * N  # the second --force replaced every article again
    conn = sqlite3.connect(db)  # the full-text rows still point at their quotes
    assert conn.execute("""SELECT count(*) FROM quotes q JOIN quotes_fts f ON f.rowid = q.pk
                           WHERE quotes_fts MATCH 'library'""").fetchone()[0] == \
        sqlite3.connect(reference["db"]).execute("SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH 'library'").fetchone()[0]
