"""The Spark job's rows adapter (no Spark needed): an article's rows are the rows the store's writer
inserts for it, corpus ids aside, and the columns are the store's."""
from __future__ import annotations

import sqlite3

from dateline.article import Article, parse_date
from dateline.pipeline import process_article
from dateline.spark.inputs import input_format, jsonl_record, row_record, source_name
from dateline.spark.rows import ARTICLE_TABLES, article_rows, staged_columns, store_columns
from dateline.readers import ReadOptions
from dateline.store import open_store
from dateline.store.writer import Writer

TEXT = ('Councillor Ada Brennan, 58, said on Tuesday that the Millbrook library would stay open. '
        '"We found the money," Brennan told the Valley Herald. Her husband, Colm Brennan, runs the '
        'bookshop next door.')


def test_columns_are_the_stores(tmp_path):
    conn = open_store(str(tmp_path / "s.db"), create=True)
    for table, cols in store_columns().items():
        assert [c for c, _ in cols] == [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
    assert dict(store_columns()["quotes"])["start"] == "long"
    assert dict(store_columns()["quotes"])["text"] == "string"


def test_rows_match_what_the_writer_stores(nlp, tmp_path):
    art = Article(text=TEXT, published=parse_date("2024-04-09"), id="lib-1", source="in.jsonl", line=4)
    result = process_article(art, nlp)
    assert result.quotes and result.people  # the adapter is exercised on real output

    conn = open_store(str(tmp_path / "s.db"), create=True)
    with Writer(conn) as w:
        w.add(art, result)
    rows = article_rows(art, result)
    staged = staged_columns()
    for table in ARTICLE_TABLES:
        if table == "errors":
            continue
        names = [c for c, _ in staged[table]]
        cols = [c for c, _ in store_columns()[table] if c in names]  # all but the corpus ids
        mine = sorted((tuple(r[names.index(c)] for c in cols) for r in rows[table]), key=repr)
        quoted = ", ".join(f'"{c}"' for c in cols)
        stored = sorted((tuple(r) for r in conn.execute(f'SELECT {quoted} FROM "{table}"')), key=repr)
        assert mine == stored, table
    # the merge keys are the store's: the corpus people rows are keyed the same
    names = [c for c, _ in staged["article_people"]]
    keys = {r[names.index("person_key")] for r in rows["article_people"]}
    assert keys == {r[0] for r in conn.execute("SELECT key FROM people")}


def test_record_validation_matches_the_readers():
    opts = ReadOptions()
    ok = jsonl_record('{"id": "a", "date": "2024-01-02T10:00:00Z", "text": "Some words here."}', "f.jsonl", 3, opts)
    assert ok[:3] == ("a", "a", "2024-01-02") and ok[7:9] == ("f.jsonl", 3)
    assert jsonl_record("   ", "f.jsonl", 4, opts) is None
    assert jsonl_record("[1, 2]", "f.jsonl", 5, opts)[9] == "expected a JSON object, got list"
    assert jsonl_record('{"date": "2024-01-02"}', "f.jsonl", 6, opts)[9].startswith("no 'text' field")
    assert row_record({"text": "Words.", "pubdate": "2024-01-02"}, "t.parquet", 1,
                      ReadOptions(fields={"date": "pubdate"}))[2] == "2024-01-02"
    assert "no publication date" in row_record({"text": "Words."}, "t.parquet", 2, opts)[9]
    assert source_name("file:///data/news%20a.jsonl") == "/data/news a.jsonl"
    assert source_name("s3a://bucket/news.jsonl") == "s3a://bucket/news.jsonl"
    assert input_format(["a.parquet", "b.pq/"]) == "parquet" and input_format(["a.jsonl.gz"]) == "jsonl"
    assert input_format(["s3a://bucket/news/"]) == "jsonl" and input_format(["x/"], "parquet") == "parquet"


def test_a_local_folder_of_parquet_files_is_parquet(tmp_path):
    (tmp_path / "part-0000.parquet").write_bytes(b"")
    assert input_format([str(tmp_path)]) == "parquet"
    assert input_format([tmp_path.as_uri()]) == "parquet"
    (tmp_path / "more").mkdir()
    assert input_format([str(tmp_path / "more")]) == "jsonl"
