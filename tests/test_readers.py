"""Readers: every input format the foundation reads, and every bad input kept aside with a reason."""
from __future__ import annotations

import datetime as dt
import gzip
import io
import json

from dateline.article import Article, BadRecord
from dateline.readers import ReadOptions, read

STORY = "Jane Roe said the bridge would reopen on Friday."


def _one(records):
    records = list(records)
    assert len(records) == 1, records
    return records[0]


def test_seed_format_text_starts_after_the_single_space(tmp_path):
    f = tmp_path / "story_01.txt"
    f.write_text(f"  date 2021-10-25 {STORY}\n\nSecond paragraph.", encoding="utf-8")
    art = _one(read([str(f)]))
    assert isinstance(art, Article)
    assert art.published == dt.date(2021, 10, 25)
    assert art.text.startswith("Jane Roe said")
    assert art.text.endswith("Second paragraph.")
    assert art.id == "story_01"


def test_plain_text_needs_a_date(tmp_path):
    f = tmp_path / "plain.txt"
    f.write_text(STORY, encoding="utf-8")
    bad = _one(read([str(f)]))
    assert isinstance(bad, BadRecord)
    assert "no publication date" in bad.reason and "--date" in bad.reason
    art = _one(read([str(f)], ReadOptions(date=dt.date(2020, 1, 2))))
    assert art.text == STORY and art.published == dt.date(2020, 1, 2)


def test_invalid_seed_date_names_file_and_date(tmp_path):
    f = tmp_path / "bad_date.txt"
    f.write_text(f" date 2021-13-45 {STORY}", encoding="utf-8")
    bad = _one(read([str(f)]))
    assert isinstance(bad, BadRecord)
    assert "2021-13-45" in bad.reason and bad.source == str(f)


def test_undecodable_bytes(tmp_path):
    f = tmp_path / "latin1.txt"
    f.write_bytes(" date 2021-10-25 Caf\xe9 owner said it was over.".encode("latin-1"))
    bad = _one(read([str(f)]))
    assert isinstance(bad, BadRecord)
    assert "not UTF-8" in bad.reason and "0xe9" in bad.reason


def test_empty_article(tmp_path):
    f = tmp_path / "empty.txt"
    f.write_text(" date 2021-10-25 \n\n  ", encoding="utf-8")
    bad = _one(read([str(f)]))
    assert isinstance(bad, BadRecord) and "empty article" in bad.reason


def test_missing_file():
    bad = _one(read(["/nonexistent/story.txt"]))
    assert isinstance(bad, BadRecord) and "no such file" in bad.reason


def test_jsonl_keeps_ids_and_reports_bad_lines(tmp_path):
    f = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "a1", "date": "2020-05-01", "text": STORY, "title": "Bridge", "extra": 1}),
        "{not json",
        json.dumps({"id": "a3", "date": "2020-05-01"}),
        json.dumps({"id": "a4", "dct": "1998-01-08", "text": "Officials said so."}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "a6", "published": "2020-02-30", "text": STORY}),
        "",
        json.dumps({"text": STORY, "published": "2020-05-02T10:00:00Z"}),
    ]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    recs = list(read([str(f)]))
    assert [type(r).__name__ for r in recs] == ["Article", "BadRecord", "BadRecord", "Article",
                                                "BadRecord", "BadRecord", "Article"]
    assert recs[0].id == "a1" and recs[0].title == "Bridge"
    assert recs[1].line == 2 and "not JSON" in recs[1].reason
    assert recs[2].line == 3 and "'text'" in recs[2].reason
    assert recs[3].published == dt.date(1998, 1, 8)
    assert recs[4].line == 5 and "JSON object" in recs[4].reason
    assert recs[5].line == 6 and "2020-02-30" in recs[5].reason
    # no id given: a stable hash of the text
    assert recs[6].id and recs[6].id == Article(text=STORY, published=dt.date(2020, 1, 1)).id


def test_gzipped_jsonl(tmp_path):
    f = tmp_path / "batch.jsonl.gz"
    f.write_bytes(gzip.compress(json.dumps({"id": "z", "date": "2020-05-01", "text": STORY}).encode()))
    assert _one(read([str(f)])).id == "z"


def test_folder_reads_article_files_and_skips_others(tmp_path):
    (tmp_path / "README.md").write_text("# not an article")
    (tmp_path / "b.txt").write_text(f" date 2021-01-02 {STORY}")
    (tmp_path / "a.txt").write_text(f" date 2021-01-01 {STORY}")
    (tmp_path / ".hidden.txt").write_text("junk")
    ids = [r.id for r in read([str(tmp_path)])]
    assert ids == ["a", "b"]


def test_stdin_is_sniffed(monkeypatch):
    for payload, expect in [
        (f" date 2021-10-25 {STORY}".encode(), "2021-10-25"),
        (json.dumps({"date": "2019-03-04", "text": STORY}).encode() + b"\n", "2019-03-04"),
    ]:
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(payload)))
        assert _one(read(["-"])).published.isoformat() == expect
