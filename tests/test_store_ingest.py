"""`dateline ingest` and the query commands end to end, on fictional articles written here:
reruns add nothing, bad records of every kind land in `errors`, queries answer from the store."""
from __future__ import annotations

import io
import json
import sqlite3

import pytest
from click.testing import CliRunner

from dateline.cli import cli
from dateline.store import ingest, open_store
from dateline.store.progress import Progress

ARTICLES = [
    {"id": "harbor-1", "date": "2023-05-14", "title": "Council backs new pier", "url": "https://gazette.example/pier",
     "text": 'The Harbor Town council voted on Tuesday to build a new pier. "This is a good day for the town," '
             'said Mayor Lena Okafor after the vote.\n\nFisherman Tomas Reyes, 52, said he was glad. '
             '"We waited long enough," Reyes said.'},
    {"id": "harbor-2", "date": "2023-06-02", "title": "Mayor visits pier site",
     "text": 'Mayor Lena Okafor visited the pier site on Friday. "This is a good day for the town," Okafor told '
             'reporters.\n\n"I thank Arjun Mehta for his patience," Mayor Lena Okafor said.'},
    {"id": "bakery-1", "date": "2023-07-10", "title": "Bakery reopens",
     "text": 'The Gull Street bakery reopened on Monday after a fire in April. "We never thought of closing for '
             'good," said owner Priya Nair, 41.'},
]

# what a rerun must leave as it was: everything but the runs log and migration timestamps
COMPARED = ["articles", "people", "organizations", "article_people", "article_organizations", "mentions",
            "relations", "quotes", "quote_speakers", "quote_links", "timexes", "events", "errors",
            "articles_fts", "quotes_fts"]


def dump(path, keys: bool = True) -> dict[str, list]:
    """Every row of every compared table; ``keys=False`` leaves out the surrogate row numbers."""
    conn = sqlite3.connect(path)
    out = {}
    for table in COMPARED:
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if keys or r[1] != "pk"]
        if table.endswith("_fts") and keys:
            cols = ["rowid"] + cols
        out[table] = sorted(conn.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall(), key=repr)
    conn.close()
    return out


def write_jsonl(path, rows, extra_lines=()):
    with open(path, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r) + "\n")
        for line in extra_lines:
            fh.write(line + "\n")
    return path


@pytest.fixture
def corpus(tmp_path):
    return write_jsonl(tmp_path / "news.jsonl", ARTICLES)


def test_second_run_adds_nothing(tmp_path, corpus, nlp):
    db = str(tmp_path / "kb.db")
    first = ingest([str(corpus)], db)
    assert (first.added, first.skipped, first.errors) == (3, 0, 0)
    before = dump(db)
    assert len(before["articles"]) == 3 and before["quotes"]
    second = ingest([str(corpus)], db)
    assert (second.added, second.skipped, second.errors) == (0, 3, 0)
    assert dump(db) == before
    conn = open_store(db)
    runs = conn.execute("SELECT status, articles_added, articles_skipped FROM runs ORDER BY id").fetchall()
    assert [tuple(r) for r in runs] == [("done", 3, 0), ("done", 0, 3)]
    # --force reprocesses: the same rows again (under new row numbers), nothing doubled
    rows = dump(db, keys=False)
    third = ingest([str(corpus)], db, force=True)
    assert third.added == 3
    assert dump(db, keys=False) == rows


def test_bad_records_of_each_kind_land_in_errors(tmp_path, nlp):
    src = tmp_path / "in"
    src.mkdir()
    write_jsonl(src / "feed.jsonl", ARTICLES[:1], extra_lines=['{"id": "broken", "date": "2023-05-15", "text": "unfinished'])
    (src / "table.csv").write_text("id,date,text\nrow-1,2023-05-16,\nrow-2,2023-05-16,Nair baked bread.\n",
                                   encoding="utf-8")
    (src / "page.html").write_text(
        "<html><head><title>Pier news</title></head><body><article><p>The Harbor Town council met again on "
        "Tuesday evening and talked about the pier for three long hours.</p></article></body></html>",
        encoding="utf-8")
    (src / "latin.txt").write_bytes(" date 2023-05-17 Caf\xe9 owner Priya Nair spoke.".encode("latin-1"))
    db = str(tmp_path / "kb.db")
    summary = ingest([str(src), str(tmp_path / "missing.jsonl")], db)
    assert summary.added == 2 and summary.errors == 5
    conn = open_store(db)
    rows = {(r["source"].rsplit("/", 1)[-1], r["line"]): (r["reason"], r["excerpt"])
            for r in conn.execute("SELECT * FROM errors")}
    assert set(rows) == {("feed.jsonl", 2), ("table.csv", 2), ("page.html", None), ("latin.txt", None),
                         ("missing.jsonl", None)}
    assert rows[("feed.jsonl", 2)][0].startswith("not JSON") and "unfinished" in rows[("feed.jsonl", 2)][1]
    assert "empty" in rows[("table.csv", 2)][0]
    assert "no publication date" in rows[("page.html", None)][0] and "council" in rows[("page.html", None)][1]
    assert "not UTF-8" in rows[("latin.txt", None)][0]
    assert "no such file" in rows[("missing.jsonl", None)][0]
    # a rerun stores no error twice
    again = ingest([str(src), str(tmp_path / "missing.jsonl")], db)
    assert again.added == 0 and again.skipped == 2
    assert conn.execute("SELECT count(*) FROM errors").fetchone()[0] == 5


def test_same_id_with_other_text_is_kept_aside(tmp_path, nlp):
    clash = dict(ARTICLES[2], text=ARTICLES[2]["text"].replace("Monday", "Sunday"))
    f = write_jsonl(tmp_path / "dupes.jsonl", [ARTICLES[2], ARTICLES[2], clash])
    db = str(tmp_path / "kb.db")
    s = ingest([str(f)], db)
    assert (s.added, s.skipped, s.errors) == (1, 1, 1)
    conn = open_store(db)
    (reason, line), = conn.execute("SELECT reason, line FROM errors").fetchall()
    assert "already stored with a different text" in reason and line == 3
    assert "Monday" in conn.execute("SELECT text FROM articles").fetchone()[0]


def test_progress_lines_without_a_terminal():
    out = io.StringIO()
    p = Progress(10, stream=out, every=0)
    for _ in range(4):
        p.update()
    p.close()
    lines = out.getvalue().splitlines()
    assert len(lines) == 4 and lines[-1].startswith("dateline ingest: 4/10 (40%) articles")
    assert "articles/s" in lines[-1] and "ETA" in lines[-1]


# -- the CLI ------------------------------------------------------------------------------------
@pytest.fixture
def kb(tmp_path, corpus, nlp):
    db = str(tmp_path / "kb.db")
    res = CliRunner().invoke(cli, ["ingest", str(corpus), "--db", db])
    assert res.exit_code == 0, res.output
    assert "3 article(s) added" in res.stderr
    return db


def run(*args, env=None):
    return CliRunner().invoke(cli, list(args), env=env)


def jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_quotes_filters(kb):
    everything = jsonl(run("quotes", "--db", kb, "--format", "json", "--limit", "100").stdout)
    assert len(everything) >= 4
    assert [q["published"] for q in everything] == sorted((q["published"] for q in everything), reverse=True)
    for q in everything:  # offsets hold in the stored text
        text = open_store(kb).execute("SELECT text FROM articles WHERE id = ?", (q["article_id"],)).fetchone()[0]
        assert text[q["start"]:q["end"]] == q["text"]
    okafor = jsonl(run("quotes", "--speaker", "Lena Okafor", "--db", kb, "--format", "json").stdout)
    assert okafor and all("Okafor" in q["speakers"] for q in okafor)
    good_day = [q for q in okafor if "good day" in q["text"]]
    assert {q["article_id"] for q in good_day} == {"harbor-1", "harbor-2"}
    # the same words by the same speaker: linked to the first article they appeared in
    assert all(q["first_article_id"] == "harbor-1" and q["articles_with_quote"] == 2 for q in good_day)
    found = jsonl(run("quotes", "--search", "waited", "--db", kb, "--format", "json").stdout)
    assert [q["text"] for q in found] == ["We waited long enough,"]
    june = jsonl(run("quotes", "--since", "2023-06-01", "--until", "2023-06-30", "--db", kb, "--format", "json").stdout)
    assert june and {q["article_id"] for q in june} == {"harbor-2"}
    about = jsonl(run("quotes", "--about", "Arjun Mehta", "--db", kb, "--format", "json").stdout)
    assert about and all("Arjun Mehta" in q["text"] for q in about)
    csv_out = run("quotes", "--search", "waited", "--db", kb, "--format", "csv").stdout.splitlines()
    assert csv_out[0].startswith("article_id,quote_id,text") and len(csv_out) == 2
    table = run("quotes", "--speaker", "Okafor", "--db", kb).stdout
    assert table.splitlines()[0].split() == ["PUBLISHED", "SPEAKERS", "TEXT", "ARTICLE_ID"]


def test_people_timeline_stats_export(kb, tmp_path):
    top = run("people", "--db", kb, "--format", "json").stdout
    assert jsonl(top)[0]["name"].endswith("Lena Okafor")
    prof = json.loads(run("people", "Lena Okafor", "--db", kb, "--format", "json").stdout)
    assert prof["articles"] == 2 and prof["quotes"] >= 3 and prof["first_seen"] == "2023-05-14"
    assert any("Okafor" == a["value"] for a in prof["aliases"])
    assert prof["recent_quotes"][0]["published"] == "2023-06-02"
    text = run("people", "Okafor", "--db", kb).stdout
    assert "latest quotes:" in text and "aliases:" in text
    tl = jsonl(run("timeline", "Lena Okafor", "--db", kb, "--format", "json").stdout)
    assert tl and [e["date"] for e in tl] == sorted(e["date"] for e in tl)
    assert {e["article_id"] for e in tl} == {"harbor-1", "harbor-2"}
    stats = json.loads(run("stats", "--db", kb, "--format", "json").stdout)
    assert stats["tables"]["articles"] == 3 and stats["repeated_quotes"] >= 1
    assert stats["first_published"] == "2023-05-14" and stats["runs"][0]["status"] == "done"
    out = tmp_path / "parquet"
    res = run("export", "--parquet", str(out), "--db", kb)
    assert res.exit_code == 0, res.output
    import pyarrow.parquet as pq

    articles = pq.read_table(out / "articles.parquet")
    assert articles.num_rows == 3 and set(articles.column("id").to_pylist()) == {a["id"] for a in ARTICLES}
    assert pq.read_table(out / "quotes.parquet").num_rows == stats["tables"]["quotes"]
    assert pq.read_table(out / "errors.parquet").num_rows == 0  # empty tables still get a file


def test_default_db_and_clear_errors(kb, tmp_path, monkeypatch):
    res = run("stats", env={"DATELINE_DB": kb})
    assert res.exit_code == 0 and "articles" in res.stdout
    monkeypatch.chdir(tmp_path)
    res = run("stats", env={"DATELINE_DB": ""})
    assert res.exit_code == 1
    assert res.stderr.strip().splitlines() == [
        "dateline: error: no database at dateline.db: create one with `dateline ingest PATH... --db dateline.db`"]
    (tmp_path / "notes.txt").write_text("hello\n" * 100)
    res = run("quotes", "--db", str(tmp_path / "notes.txt"))
    assert res.exit_code == 1 and len(res.stderr.strip().splitlines()) == 1 and "not a dateline database" in res.stderr
    res = run("people", "Nobody Atall", "--db", kb)
    assert res.exit_code == 1 and "no person called 'Nobody Atall'" in res.stderr


def test_exit_status(tmp_path, nlp):
    db = str(tmp_path / "kb.db")
    bad = write_jsonl(tmp_path / "mixed.jsonl", ARTICLES[2:], extra_lines=["not json"])
    res = run("ingest", str(bad), "--db", db)
    assert res.exit_code == 0 and "1 record(s) kept aside" in res.stderr and "mixed.jsonl:2" in res.stderr
    res = run("ingest", str(tmp_path / "typo.jsonl"), "--db", db)
    assert res.exit_code == 1 and "no such file" in res.stderr
    res = run("ingest", str(bad), "--db", db, "--fields", "txt=body")
    assert res.exit_code == 1 and "--fields" in res.stderr


def test_progress_bar_on_a_terminal():
    out = io.StringIO()
    p = Progress(10, stream=out, bar=True)
    for _ in range(10):
        p.update()
    p.close()
    last = out.getvalue().split("\r")[-1]
    assert "10/10" in last and "articles/s" in last and "100%" in last


def test_warc_pages_stored_with_offsets_into_extracted_text(tmp_path, nlp):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    body = ('<html><head><title>Pier vote</title><meta property="article:published_time" content="2023-05-14">'
            '</head><body><nav>Home | Sports | Weather</nav><article><h1>Pier vote</h1><p>'
            + ARTICLES[0]["text"].replace("\n\n", "</p><p>") + "</p></article><footer>Harbor Gazette</footer></body></html>")
    path = tmp_path / "crawl.warc.gz"
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record("https://gazette.example/pier-vote", "response",
                                            payload=io.BytesIO(body.encode()), http_headers=headers))
    db = str(tmp_path / "kb.db")
    assert ingest([str(path)], db).added == 1
    conn = open_store(db)
    art = conn.execute("SELECT * FROM articles").fetchone()
    assert art["url"] == "https://gazette.example/pier-vote" and art["published"] == "2023-05-14"
    assert "Sports" not in art["text"] and "Mayor Lena Okafor" in art["text"]
    quotes = conn.execute('SELECT text, start, "end" FROM quotes').fetchall()
    assert quotes and all(art["text"][q["start"]:q["end"]] == q["text"] for q in quotes)


def test_a_stage_failing_on_one_article_does_not_stop_the_ingest(tmp_path, nlp, monkeypatch):
    import dateline.pipeline as pipeline

    def fragile(ctx):
        if "Gull Street" in ctx.text:
            raise ValueError("cannot cope with this article")

    monkeypatch.setattr(pipeline, "STAGES", pipeline.STAGES + [("fragile", fragile)])
    f = write_jsonl(tmp_path / "news.jsonl", ARTICLES[2:] + ARTICLES[:2])  # the fragile one first
    db = str(tmp_path / "kb.db")
    s = ingest([str(f)], db)
    assert (s.added, s.errors) == (2, 1)
    conn = open_store(db)
    assert {r[0] for r in conn.execute("SELECT id FROM articles")} == {"harbor-1", "harbor-2"}
    (reason, line), = conn.execute("SELECT reason, line FROM errors").fetchall()
    assert "internal error" in reason and "bakery-1" in reason and "cannot cope" in reason and line == 1
