"""Hostile inputs the property tests in test_properties.py do not generate.

Invalid UTF-8 in the middle of JSON Lines and seed files, right-to-left and other invisible marks,
unusual quotation marks, dates at and beyond the calendar's ends, a 2 MB paragraph (through the
reader, then refused by the pipeline with a reason) and many tiny unbalanced paragraphs. Every
record comes out either as an Article or as a BadRecord with a one-line reason; every output passes
:func:`dateline.validate.problems`. Example counts follow ``DATELINE_HYPOTHESIS_EXAMPLES``
(benchmarks/reliability.py runs them long).
"""
from __future__ import annotations

import datetime as dt
import io
import json
import os

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from dateline.article import Article, BadRecord, parse_date
from dateline.pipeline import MAX_CHARS, process_article, read_many
from dateline.readers import READERS, ReadOptions, read
from dateline.validate import problems

EXAMPLES = int(os.environ.get("DATELINE_HYPOTHESIS_EXAMPLES", "40"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
PIPELINE = settings(SETTINGS, max_examples=max(10, EXAMPLES // 2))

MARKS = ["\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
         "\u2069", "\u061c", "\u200b", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u0301"]
ODD_QUOTES = ["\u300c", "\u300d", "\u300e", "\u300f", "\u201a", "\u201b", "\u201f", "\u301d", "\u301e", "\uff02",
              "\u2e42", "\u275d", "\u275e", "\u00ab", "\u00bb", "\u2039", "\u203a", "\"", "'", "`", "``", "''"]
WORDS = ["Nadia Quell", "Quell", " said ", " told the Fenwick Gazette ", ", she said.", " on Thursday",
         " last year", " next year", " yesterday", " tomorrow", " in 2021", " the 41-year-old", " her brother Ilo",
         " the mayor of Tarnby ", "\n\n", ". ", ", ", "\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u0627"]
hostile_text = st.lists(st.one_of(st.sampled_from(MARKS), st.sampled_from(ODD_QUOTES), st.sampled_from(WORDS),
                                  st.characters(codec="utf-8")), min_size=1, max_size=90).map("".join)
BAD_BYTES = [b"\xff", b"\xfe", b"\xc3", b"\xc3\x28", b"\xa0\xa1", b"\xe2\x82", b"\xf0\x28\x8c\x28", b"\xed\xa0\x80",
             b"\xc0\xaf", b"\x80"]


def records(ext: str, raw: bytes, options: ReadOptions | None = None) -> list:
    return list(READERS[ext]("input" + ext, io.BufferedReader(io.BytesIO(raw)), options or ReadOptions()))


# -- invalid UTF-8 --------------------------------------------------------------------------------
@SETTINGS
@given(texts=st.lists(hostile_text.filter(lambda t: t.strip()), min_size=1, max_size=8),
       bad=st.dictionaries(st.integers(0, 7), st.sampled_from(BAD_BYTES), max_size=4))
def test_invalid_utf8_inside_jsonl_lines_costs_only_those_lines(texts, bad):
    lines = []
    for i, text in enumerate(texts):
        line = json.dumps({"id": f"n{i}", "date": "2022-05-04", "text": text}, ensure_ascii=False).encode()
        if i in bad:  # inside the text value, after its opening quote
            cut = line.index(b'"text": "') + 9
            line = line[:cut] + bad[i] + line[cut:]
        lines.append(line)
    out = records(".jsonl", b"\n".join(lines) + b"\n")
    assert len(out) == len(texts)  # one record per line, nothing lost, nothing merged
    for i, (rec, text) in enumerate(zip(out, texts)):
        assert rec.line == i + 1
        if i in bad:
            assert isinstance(rec, BadRecord) and rec.reason.startswith("not UTF-8: byte 0x")
            assert "\n" not in rec.reason and rec.excerpt is not None
        else:
            assert isinstance(rec, Article) and rec.text == text and rec.id == f"n{i}"


@SETTINGS
@given(text=hostile_text, where=st.floats(0, 1), bad=st.sampled_from(BAD_BYTES))
def test_invalid_utf8_in_a_seed_file_is_a_reason_not_a_crash(text, where, bad):
    body = f" date 2021-03-04 {text} end.".encode()
    cut = max(len(b" date 2021-03-04 "), int(len(body) * where))
    (rec,) = records(".txt", body[:cut] + bad + body[cut:])
    assert isinstance(rec, BadRecord)
    assert rec.reason.startswith("not UTF-8") and "iconv" in rec.reason


def test_invalid_utf8_line_in_a_jsonl_file_on_disk_keeps_its_neighbours(tmp_path):
    f = tmp_path / "mixed.jsonl"
    good = [json.dumps({"id": f"g{i}", "date": "2020-01-0" + str(i + 1), "text": f"Orla Penn said item {i}."})
            for i in range(3)]
    f.write_bytes((good[0] + "\n").encode() + b'{"id": "x", "date": "2020-01-01", "text": "caf\xe9"}\n'
                  + (good[1] + "\n" + good[2]).encode())  # no newline at the end either
    out = list(read([str(f)]))
    assert [type(r).__name__ for r in out] == ["Article", "BadRecord", "Article", "Article"]
    assert out[1].line == 2 and "byte 0xe9" in out[1].reason and out[1].source == str(f)


# -- dates at and beyond the calendar's ends -----------------------------------------------------
@pytest.mark.parametrize("value,fragment", [
    ("0000-01-01", "year 0 is out of range"), ("10000-01-01", "expected YYYY-MM-DD"),
    ("2021-02-29", "day is out of range"), ("2020-13-01", "month must be in 1..12"),
    ("2020-00-10", "month must be in 1..12"), ("-0001-01-01", "expected YYYY-MM-DD"),
    ("2020-1-5", "expected YYYY-MM-DD"), ("", "no publication date"), ("29/02/2020", "expected YYYY-MM-DD"),
    (20210101, "expected YYYY-MM-DD"), ([2021, 1, 1], "expected YYYY-MM-DD"), ({"y": 2021}, "expected YYYY-MM-DD"),
    (True, "expected YYYY-MM-DD"), (1e308, "expected YYYY-MM-DD"),
])
def test_impossible_dates_are_reasons_in_jsonl_and_seed_files(value, fragment):
    (rec,) = records(".jsonl", json.dumps({"text": "Ada Brook said so.", "date": value}).encode())
    assert isinstance(rec, BadRecord) and fragment in rec.reason and rec.line == 1, rec
    if isinstance(value, str) and value:
        (seed,) = records(".txt", f" date {value} Ada Brook said so.".encode())
        assert isinstance(seed, BadRecord) and fragment in seed.reason


def test_leap_day_and_calendar_ends_are_accepted():
    assert parse_date("2020-02-29") == dt.date(2020, 2, 29)
    assert parse_date("0001-01-01") == dt.date.min and parse_date("9999-12-31") == dt.date.max


RELATIVE = ("Nadia Quell said yesterday that the vote held last year would be repeated next year, "
            "and again tomorrow, in the coming decade, next century and the year after. "
            "\u201cWe met on Monday, two weeks ago, in the 1990s and on Dec. 31,\u201d she said on Friday. "
            "Quell, 41, said the hall opened 3 years ago and will close in 9999 or in the year 10000.")


@pytest.mark.parametrize("published", [
    dt.date.min, dt.date(1, 1, 7), dt.date(30, 6, 1), dt.date(100, 3, 1), dt.date(9999, 12, 25), dt.date.max, dt.date(2020, 2, 29), dt.date(1900, 2, 28)])
def test_relative_times_near_the_ends_of_the_calendar_do_not_crash(read_text, published):
    result = read_text(RELATIVE, published.isoformat())
    assert problems(result) == []
    assert result.timexes  # they are found; what a value beyond year 9999 gets is the stage's choice
    quell = [p for p in result.people if p.name.endswith("Quell")]
    assert quell and quell[0].age == 41
    # a birth window only where the calendar has one (an article dated in year 30 has none for a 41-year-old)
    assert (quell[0].born is None) == (published.year <= 41)


@PIPELINE
@given(text=hostile_text.filter(lambda t: t.strip()),
       published=st.one_of(st.dates(),
                           st.sampled_from([dt.date.min, dt.date(200, 1, 1), dt.date.max, dt.date(2000, 2, 29)])))
def test_pipeline_on_marks_odd_quotes_and_extreme_dates(nlp, text, published):
    result = process_article(Article(text=text, published=published), nlp)
    assert problems(result) == []
    assert result.text == text


# -- sizes ---------------------------------------------------------------------------------------
TWO_MB = 2 * 1024 * 1024


def test_a_2mb_paragraph_is_read_whole_then_refused_with_a_reason(tmp_path, nlp):
    sentence = "Talia Voss said the Brenmoor dam \u201cwill hold\u201d\u200f on Monday, and nobody disagreed. "
    para = (sentence * (TWO_MB // len(sentence) + 1))[:TWO_MB]
    assert len(para) > MAX_CHARS and "\n" not in para
    jsonl = tmp_path / "big.jsonl"
    jsonl.write_text(json.dumps({"id": "big", "date": "2023-01-02", "text": para}) + "\n"
                     + json.dumps({"id": "small", "date": "2023-01-02", "text": sentence}) + "\n", encoding="utf-8")
    seed = tmp_path / "big.txt"
    seed.write_text(" date 2023-01-02 " + para, encoding="utf-8")
    recs = list(read([str(jsonl), str(seed)]))
    assert [r.id for r in recs] == ["big", "small", "big"]
    assert all(isinstance(r, Article) for r in recs) and recs[0].text == para and recs[2].text == para
    out = list(read_many(recs, nlp=nlp))
    assert len(out) == 3  # nothing dropped: two refusals with reasons and one result
    refused = [r for r, res in out if res is None]
    assert len(refused) == 2 and all(isinstance(r, BadRecord) for r in refused)
    for r in refused:
        assert f"{len(para):,} characters, above the limit of {MAX_CHARS:,}" in r.reason and "--max-chars" in r.reason
        assert r.source in (str(jsonl), str(seed)) and r.excerpt and len(r.excerpt) <= 200
    assert refused[0].line == 1
    (small,) = [res for r, res in out if res is not None]
    assert problems(small) == [] and small.id == "small"
    with pytest.raises(Exception, match="above the limit"):  # the one-article call refuses too, never truncates
        process_article(recs[0], nlp)


def test_many_tiny_unbalanced_paragraphs(nlp):
    marks = ["\u201c", "\u201d", "\"", "'", "\u00ab", "\u300c", "\u2018"]
    text = "\n\n".join(f"{marks[i % len(marks)]}Ok{marks[(i * 3) % len(marks)] if i % 2 else ''} Bo Lind said."
                       for i in range(2000))
    result = process_article(Article(text=text, published=parse_date("2019-09-09")), nlp)
    assert problems(result) == []
    assert len(result.text) == len(text)


def test_a_2mb_article_in_an_ingest_is_kept_aside_with_its_reason(tmp_path, nlp):
    import sqlite3

    from dateline.store import ingest

    big = "Omar Thale said the Kestrel bridge would open. " * (TWO_MB // 47 + 1)
    src = tmp_path / "news.jsonl"
    src.write_text(json.dumps({"id": "huge", "date": "2022-02-02", "text": big}) + "\n"
                   + json.dumps({"id": "tiny", "date": "2022-02-02", "text": "Omar Thale said no."}) + "\n")
    db = tmp_path / "kb.db"
    s = ingest([str(src)], str(db))
    assert (s.added, s.errors) == (1, 1)
    conn = sqlite3.connect(db)
    assert [r[0] for r in conn.execute("SELECT id FROM articles")] == ["tiny"]
    (reason, line), = conn.execute("SELECT reason, line FROM errors").fetchall()
    assert "above the limit of 1,000,000" in reason and line == 1


# a stage raising on one article (a bug) must cost only that article, in `dateline read` as in ingest
def test_a_stage_failing_on_one_article_costs_dateline_read_only_that_article(tmp_path, nlp, monkeypatch):
    from click.testing import CliRunner

    import dateline.pipeline as pipeline
    from dateline.cli import cli

    def fragile(ctx):
        if "Gorse Lane" in ctx.text:
            raise ValueError("cannot cope with this article")

    monkeypatch.setattr(pipeline, "STAGES", pipeline.STAGES + [("fragile", fragile)])
    src = tmp_path / "news.jsonl"
    src.write_text("".join(json.dumps({"id": i, "date": "2022-03-03", "text": t}) + "\n" for i, t in [
        ("a", "Pia Stromm said the Gorse Lane school would close."), ("b", "Pia Stromm said the pool would open.")]))
    res = CliRunner().invoke(cli, ["read", str(src), "--json"])
    assert res.exception is None or isinstance(res.exception, SystemExit), res.exception
    lines = [json.loads(x) for x in res.stdout.splitlines() if x.startswith("{")]
    assert [x["id"] for x in lines] == ["b"] and res.exit_code == 1


@SETTINGS
@given(n=st.integers(1, 30), cut=st.floats(0.05, 0.95))
def test_a_truncated_gzip_file_keeps_every_record_before_the_cut(n, cut):
    import gzip
    import zlib

    lines = [json.dumps({"id": f"z{i}", "date": "2021-01-01", "text": f"Edda Rune said thing {i}. " * 20}) + "\n"
             for i in range(n)]
    comp = zlib.compressobj(6, zlib.DEFLATED, 31)  # a gzip stream, flushed after every line
    raw, ends = b"", []
    for line in lines:
        raw += comp.compress(line.encode()) + comp.flush(zlib.Z_SYNC_FLUSH)
        ends.append(len(raw))
    raw += comp.flush()
    assert gzip.decompress(raw).decode() == "".join(lines)
    at = int(len(raw) * cut)
    out = records(".jsonl.gz", raw[:at])
    complete = sum(1 for e in ends if e <= at)  # lines wholly inside the bytes kept
    arts = [r for r in out if isinstance(r, Article)]
    assert [a.id for a in arts][:complete] == [f"z{i}" for i in range(complete)]
    assert isinstance(out[-1], BadRecord) and out[-1].reason  # the cut is reported, not silent
    assert len(out) <= complete + 2


def test_invalid_utf8_on_stdin_is_one_line_and_the_rest_is_read(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    good = json.dumps({"id": "ok", "date": "2021-04-04", "text": "Hale Moor said the ferry was late."}).encode()
    bad = b'{"id": "bad", "date": "2021-04-04", "text": "Hale \xff Moor said so."}'
    proc = subprocess.run([sys.executable, "-m", "dateline", "read", "-", "--json"], input=bad + b"\n" + good + b"\n",
                          capture_output=True, cwd=Path(__file__).resolve().parents[1], timeout=300)
    assert proc.returncode == 1 and b"Traceback" not in proc.stderr
    assert [json.loads(x)["id"] for x in proc.stdout.splitlines()] == ["ok"]
    assert b"<stdin>:1" in proc.stderr and b"not UTF-8: byte 0xff" in proc.stderr
