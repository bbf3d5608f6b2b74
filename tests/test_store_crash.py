"""Crash safety: an ingest killed with SIGKILL at any moment, then run again, leaves exactly the
database an uninterrupted run leaves (the runs log and migration timestamps aside)."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from db_helpers import stored

from dateline.store import ingest

ROOT = Path(__file__).resolve().parents[1]

# fictional people, places and words, combined into many short distinct articles
FIRST = ["Lena", "Tomas", "Priya", "Arjun", "Marta", "Kofi", "Ines", "Pavel"]
LAST = ["Okafor", "Reyes", "Nair", "Mehta", "Lindqvist", "Asante", "Moreau", "Dvorak"]
TOWNS = ["Harbor Town", "Millbrook", "Eastwick Bay", "Stonefield"]
SAYINGS = ["This is a good day for the town", "We waited long enough", "The bridge will open in June",
           "Nobody told us about the fire", "We will rebuild the library"]


def article(i: int) -> dict:
    who = f"{FIRST[i % 8]} {LAST[(i // 8) % 8]}"
    town = TOWNS[i % 4]
    month = 1 + i % 12
    text = (f'The council of {town} met on Tuesday for the {i + 1}th time this year. "{SAYINGS[i % 5]}," '
            f'said {who}, {30 + i % 40}, after the meeting. {who.split()[1]} said the vote would come in '
            f'{["March", "May", "October"][i % 3]}.')
    return {"id": f"town-{i:03d}", "date": f"2022-{month:02d}-{1 + i % 28:02d}", "title": f"{town} council",
            "text": text}


N = 160


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("crash") / "towns.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(N):
            fh.write(json.dumps(article(i)) + "\n")
            if i % 40 == 7:
                fh.write('{"id": "broken", "text": \n')  # bad records are kept once, also across reruns
            if i == 90:
                fh.write(json.dumps(dict(article(3), text=article(3)["text"] + " Extra.")) + "\n")  # id clash
    return path


COMPARED = ["articles", "people", "organizations", "article_people", "article_organizations", "mentions",
            "relations", "quotes", "quote_speakers", "quote_links", "timexes", "events", "errors",
            "articles_fts", "quotes_fts"]


def dump(path) -> dict[str, list]:
    conn = sqlite3.connect(path)
    out = {}
    for table in COMPARED:
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        if table.endswith("_fts"):
            cols = ["rowid"] + cols
        out[table] = conn.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY rowid").fetchall()
    conn.close()
    return out


def kill_after(corpus: Path, db: Path, at_least: int, workers: int) -> int:
    """Start an ingest in its own process group, SIGKILL the whole group once it has committed
    ``at_least`` articles; returns how many were stored when it was killed."""
    code = ("import sys; from dateline.store import ingest; "
            f"ingest([sys.argv[1]], sys.argv[2], batch_size=5, workers={workers})")
    proc = subprocess.Popen([sys.executable, "-c", code, str(corpus), str(db)], cwd=ROOT,
                            start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    try:
        while stored(db) < at_least:
            assert proc.poll() is None, f"ingest ended before it could be killed: {proc.stderr.read()[-2000:]}"
            assert time.monotonic() < deadline, "ingest made no progress"
            time.sleep(0.02)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    return stored(db)


@pytest.mark.slow
def test_killed_ingest_reruns_to_the_same_database(tmp_path, corpus, nlp):
    whole = tmp_path / "whole.db"
    s = ingest([str(corpus)], str(whole))
    assert s.added == N and s.errors == 5  # 4 broken lines, 1 id clash
    crashed = tmp_path / "crashed.db"
    first = kill_after(corpus, crashed, 20, workers=1)
    second = kill_after(corpus, crashed, first + 30, workers=2)
    assert 20 <= first < second < N
    rerun = ingest([str(corpus)], str(crashed))
    assert rerun.skipped >= second and rerun.added == N - rerun.skipped
    assert dump(crashed) == dump(whole)
    runs = sqlite3.connect(crashed).execute("SELECT status, finished_at FROM runs ORDER BY id").fetchall()
    assert runs == [("running", None), ("running", None), ("done", runs[2][1])]  # the log tells what happened
