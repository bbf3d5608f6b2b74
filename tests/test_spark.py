"""The Spark job on a local[2] cluster: the same reading as the library, bad records in `errors`,
and its Parquet output loaded into SQLite and queried with the store's own query functions.

Spark needs PySpark and Java 17+. Without them these tests are skipped with the reason on a
developer's machine and fail in CI (CI=true), where they must run.
"""
from __future__ import annotations

import json
import os
import sqlite3
import sys
from pathlib import Path

import pytest

from dateline.spark.session import SparkSetupError, check_setup

pytestmark = pytest.mark.slow

FICTION = [
    {"id": "quay-1", "date": "2024-02-12", "title": "Ferry timetable changes",
     "text": 'The Saltmarsh Ferry Company will run fewer boats from March. "We cannot staff the night '
             'crossings any longer," said Marta Kowalczyk, the company\'s director, on Monday.\n\n'
             'Passenger Ivo Brandt, 63, said the change would hurt commuters.'},
    {"id": "quay-2", "date": "2024-03-01", "title": "Ferry boss defends cuts",
     "text": 'Marta Kowalczyk defended the cuts on Thursday. "We cannot staff the night crossings any '
             'longer," Kowalczyk told the Saltmarsh Courier.'},
]


def _jsonl(path: Path, rows, extra=()) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r) + "\n")
        for line in extra:
            fh.write(line + "\n")
    return path


@pytest.fixture(scope="session")
def spark():
    try:
        check_setup()
    except SparkSetupError as err:
        if os.environ.get("CI"):
            pytest.fail(f"CI=true and Spark cannot run: {err}", pytrace=False)
        pytest.skip(str(err))
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    from dateline.spark import session

    s = session("local[2]", app="dateline-tests", conf={"spark.sql.shuffle.partitions": "2",
                                                         "spark.default.parallelism": "2"})
    yield s
    s.stop()


def tables(folder: Path, *names: str) -> dict[str, list[dict]]:
    import pyarrow.dataset as ds

    return {n: ds.dataset(str(folder / f"{n}.parquet"), format="parquet").to_table().to_pylist() for n in names}


def _names(quote_speakers, people_by_article):
    out = {}
    for s in quote_speakers:
        out.setdefault((s["article_id"], s["quote_id"]), set()).add(people_by_article.get((s["article_id"], s["speaker"])))
    return out


# -- the acceptance test: 200 Wikinews articles, Spark vs read_many ---------------------------------
@pytest.mark.shared
def test_spark_reads_like_the_library(spark, shared, tmp_path):
    from dateline.pipeline import read_many
    from dateline.readers import read
    from dateline.spark import run

    src = shared / "data" / "wikinews" / "articles.jsonl"
    sample = tmp_path / "wikinews200.jsonl"
    with open(src, encoding="utf-8") as fh, open(sample, "w", encoding="utf-8") as out:
        for _, line in zip(range(200), fh):
            out.write(line)

    summary = run(spark, [str(sample)], str(tmp_path / "out"), partitions=4)
    got = tables(tmp_path / "out", "articles", "quotes", "quote_speakers", "article_people",
                 "article_organizations", "timexes", "errors")
    assert summary["articles"] == 200 and len(got["articles"]) == 200
    assert got["errors"] == []
    assert all(a["source"] == str(sample) for a in got["articles"])
    assert sorted(a["line"] for a in got["articles"]) == list(range(1, 201))

    want_quotes, want_people, want_timexes = set(), set(), set()
    for article, result in read_many(read([str(sample)])):
        assert result is not None, article
        names = {p.id: p.name for p in result.people} | {o.id: o.name for o in result.organizations}
        want_quotes |= {(result.id, q.start, q.end, q.kind, frozenset(names[s] for s in q.speakers))
                        for q in result.quotes}
        want_people |= {(result.id, p.name) for p in result.people}
        want_timexes |= {(result.id, t.start, t.end, t.value) for t in result.timexes}

    local = {(r["article_id"], r["local_id"]): r["name"]
             for r in got["article_people"] + got["article_organizations"]}
    speakers = _names(got["quote_speakers"], local)
    got_quotes = {(q["article_id"], q["start"], q["end"], q["kind"],
                   frozenset(speakers.get((q["article_id"], q["local_id"]), set()))) for q in got["quotes"]}
    got_people = {(p["article_id"], p["name"]) for p in got["article_people"]}
    got_timexes = {(t["article_id"], t["start"], t["end"], t["value"]) for t in got["timexes"]}

    assert len(want_quotes) > 100 and len(want_people) > 300 and len(want_timexes) > 300  # a real sample
    assert got_quotes == want_quotes
    assert got_people == want_people
    assert got_timexes == want_timexes
    text = {a["id"]: a["text"] for a in got["articles"]}
    assert all(text[q["article_id"]][q["start"]:q["end"]] == q["text"] for q in got["quotes"])


# -- bad records -----------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def fiction_output(spark, tmp_path_factory):
    """The fictional articles plus bad records in two files (one gzipped), through the job once."""
    import gzip

    from dateline.spark import run

    folder = tmp_path_factory.mktemp("spark-fiction")
    news = _jsonl(folder / "news.jsonl", FICTION[:1], extra=[
        '{"id": "broken", "date": "2024-03-02", "text": "unterminated',                # not JSON (line 2)
        "",                                                                           # blank: skipped
        json.dumps({"id": "notext", "date": "2024-03-03", "title": "No body"}),       # no text (line 4)
        json.dumps({"id": "baddate", "date": "2024-13-45", "text": "A short note."}),  # bad date (line 5)
        json.dumps(FICTION[0]),                                                       # exact repeat: skipped
    ])
    more = folder / "more.jsonl.gz"
    with gzip.open(more, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps(FICTION[1]) + "\n[1, 2]\n")                             # not an object (line 2)
        fh.write(json.dumps({"id": "quay-2", "date": "2024-03-01", "text": "Another text under a used id."}) + "\n")
    paths = [str(news), str(more)]
    summary = run(spark, paths, str(folder / "out"))
    return paths, folder / "out", summary


def test_bad_records_go_to_the_errors_table(fiction_output):
    (news, more), out, summary = fiction_output
    got = tables(out, "articles", "errors", "runs")
    assert sorted((a["id"], a["source"], a["line"]) for a in got["articles"]) == [("quay-1", news, 1),
                                                                                 ("quay-2", more, 1)]
    errors = {(e["source"], e["line"]): e for e in got["errors"]}
    assert set(errors) == {(news, 2), (news, 4), (news, 5), (more, 2), (more, 3)}
    assert errors[(news, 2)]["reason"].startswith("not JSON")
    assert "'text'" in errors[(news, 4)]["reason"]
    assert "invalid date" in errors[(news, 5)]["reason"]
    assert errors[(more, 2)]["reason"] == "expected a JSON object, got list"
    assert "already stored with a different text" in errors[(more, 3)]["reason"]
    assert errors[(more, 3)]["excerpt"] == "Another text under a used id."
    assert len({e["id"] for e in got["errors"]}) == 5
    assert summary["skipped"] == 1 and summary["errors"] == 5
    (run_row,) = got["runs"]
    assert run_row["status"] == "done" and run_row["articles_added"] == 2 and run_row["errors"] == 5


def test_cli_on_parquet_input_then_load_and_query(spark, tmp_path):
    """`dateline spark` on a Parquet file (one row with a blank text), `load-parquet`, `quotes`."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    from click.testing import CliRunner

    from dateline.cli import cli

    rows = FICTION + [{"id": "empty", "date": "2024-03-04", "title": "Nothing", "text": "  "}]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "news.parquet")
    runner = CliRunner()
    res = runner.invoke(cli, ["spark", str(tmp_path / "news.parquet"), str(tmp_path / "out"),
                              "--master", "local[2]", "--partitions", "2"])
    assert res.exit_code == 0, res.output
    assert "2 article(s) read, 0 duplicate(s) skipped, 1 record(s) in the errors table" in res.output
    got = tables(tmp_path / "out", "articles", "errors")
    assert sorted(a["id"] for a in got["articles"]) == ["quay-1", "quay-2"]
    (err,) = got["errors"]
    assert err["line"] == 3 and "blank" in err["reason"] and err["source"] == str(tmp_path / "news.parquet")

    db = str(tmp_path / "news.db")
    res = runner.invoke(cli, ["load-parquet", str(tmp_path / "out"), "--db", db])
    assert res.exit_code == 0, res.output
    assert "loaded 2 article(s)" in res.output
    res = runner.invoke(cli, ["quotes", "--speaker", "Kowalczyk", "--db", db, "--format", "json"])
    assert res.exit_code == 0, res.output
    said = [json.loads(line) for line in res.output.splitlines() if line.startswith("{")]
    assert {q["article_id"] for q in said} == {"quay-1", "quay-2"}

    res = runner.invoke(cli, ["spark", str(tmp_path / "missing.jsonl"), str(tmp_path / "out2"), "--master", "local[2]"])
    assert res.exit_code == 1
    assert "dateline: error:" in res.output and "missing.jsonl" in res.output and "Traceback" not in res.output


# -- Parquet -> SQLite ------------------------------------------------------------------------------
def test_loaded_store_answers_queries_like_an_ingested_one(fiction_output, tmp_path):
    from dateline.spark import LoadError, load_parquet_tables
    from dateline.store import ingest, open_store, queries

    paths, out, _ = fiction_output
    counts = load_parquet_tables(out, str(tmp_path / "spark.db"))
    assert counts["articles"] == 2 and counts["errors"] == 5

    conn = open_store(str(tmp_path / "spark.db"), readonly=True)
    said = queries.quotes(conn, speaker="Marta Kowalczyk")
    assert {q["article_id"] for q in said} == {"quay-1", "quay-2"}
    night = queries.quotes(conn, search="night crossings")
    assert night and all("night crossings" in q["text"] for q in night)
    (person,) = queries.find_people(conn, "Marta Kowalczyk")
    assert queries.profile(conn, person["id"])["name"] == "Marta Kowalczyk"
    assert queries.stats(conn)  # every table readable
    # the repeated words link to their first article, as ingest links them
    links = conn.execute("SELECT first_article_id, first_published FROM quote_links l JOIN quotes q "
                         "ON q.text_hash = l.text_hash WHERE q.article_id = 'quay-2'").fetchall()
    assert ("quay-1", "2024-02-12") in [tuple(r) for r in links]

    # the same rows (ids aside) as `dateline ingest` of the same file stores
    ingest(paths, str(tmp_path / "ingest.db"))
    theirs = sqlite3.connect(tmp_path / "ingest.db")
    for table, cols in [("quotes", "article_id, local_id, text, start, \"end\", kind, speaker_text, said_on, text_hash"),
                        ("people", "key, name"), ("timexes", "*"), ("mentions", "*"),
                        ("article_people", "article_id, local_id, name, aliases, gender, age, descriptors"),
                        ("errors", "source, line, reason, excerpt")]:
        mine = sorted(map(tuple, conn.execute(f"SELECT {cols} FROM {table}")), key=repr)
        assert mine == sorted(theirs.execute(f"SELECT {cols} FROM {table}").fetchall(), key=repr), table
    conn.close()

    with pytest.raises(LoadError, match="already holds articles"):
        load_parquet_tables(out, str(tmp_path / "spark.db"))


def test_output_has_the_columns_and_types_of_the_export(fiction_output, tmp_path):
    import pyarrow.dataset as ds

    from dateline.store import export_parquet, ingest, open_store

    paths, out, _ = fiction_output
    ingest(paths, str(tmp_path / "ingest.db"))
    export_parquet(open_store(str(tmp_path / "ingest.db")), tmp_path / "export")
    for path in sorted((tmp_path / "export").glob("*.parquet")):
        theirs = ds.dataset(str(path), format="parquet").schema
        mine = ds.dataset(str(out / path.name), format="parquet").schema
        assert [(f.name, str(f.type)) for f in mine] == [(f.name, str(f.type)) for f in theirs], path.name
