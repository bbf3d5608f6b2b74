"""Limits: over-long articles are refused with a reason (never silently truncated); odd shapes work."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from dateline.article import Article, BadRecord, parse_date
from dateline.pipeline import MAX_CHARS, process_article, read_many
from dateline.validate import problems

ROOT = Path(__file__).resolve().parents[1]


def test_over_long_article_is_kept_aside_with_reason(nlp):
    big = Article(text="Jane Roe said yes. " * (MAX_CHARS // 19 + 10), published=parse_date("2020-01-01"), id="big")
    small = Article(text="Jane Roe said yes.", published=parse_date("2020-01-01"), id="small")
    out = list(read_many([big, small], nlp=nlp))
    assert isinstance(out[0][0], BadRecord) and out[0][1] is None
    assert "above the limit" in out[0][0].reason and "--max-chars" in out[0][0].reason
    assert out[1][0].id == "small" and out[1][1].quotes is not None


def test_max_chars_option_on_the_command_line(tmp_path):
    f = tmp_path / "long.txt"
    f.write_text(" date 2020-01-01 " + "Jane Roe said the vote was fair. " * 100)
    proc = subprocess.run([sys.executable, "-m", "dateline", "read", str(f), "--max-chars", "1000", "--json"],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "above the limit of 1,000" in proc.stderr and proc.stdout == ""


def test_thousands_of_tiny_paragraphs(nlp):
    text = "\n\n".join(f"\u201cNo,\u201d Roe said. Item {i}." for i in range(3000))
    result = process_article(Article(text=text, published=parse_date("2021-06-01")), nlp)
    assert problems(result) == []
    assert len(result.quotes) >= 2500


def test_one_long_paragraph_is_parsed_in_pieces(nlp):
    text = " ".join(f"Jane Roe said on Monday that plan {i} was sound, and her aide agreed." for i in range(800))
    assert "\n" not in text and len(text) > 50_000
    result = process_article(Article(text=text, published=parse_date("2021-06-01")), nlp)
    assert problems(result) == []
    assert json.loads(result.to_json())["text"] == text


def test_a_stage_failure_keeps_the_article_aside_and_goes_on(nlp, monkeypatch):
    from dateline import pipeline

    def broken(ctx):
        if "boom" in ctx.text:
            raise RuntimeError("stage exploded")

    monkeypatch.setattr(pipeline, "STAGES", pipeline.STAGES + [("broken", broken)])
    arts = [Article(text=t, published=parse_date("2020-01-01"), id=i)
            for i, t in [("a", "Jane Roe said yes."), ("b", "boom, said Jane Roe."), ("c", "Roe said no.")]]
    out = list(read_many(arts, nlp=nlp))
    assert [type(r).__name__ for r, _ in out] == ["Article", "BadRecord", "Article"]
    assert "internal error" in out[1][0].reason and "stage exploded" in out[1][0].reason
    assert out[2][1] is not None
