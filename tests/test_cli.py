"""`dateline read` as a user runs it: real processes, stdout/stderr and exit codes."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from dateline.validate import problems

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def run(*args, stdin: str | None = None):
    return subprocess.run([sys.executable, "-m", "dateline", *args], capture_output=True, text=True,
                          input=stdin, cwd=ROOT, timeout=600)


def test_help_teaches():
    out = run("--help").stdout
    assert "dateline read" in out and "Inputs:" in out
    read_help = run("read", "--help").stdout
    for opt in ("--json", "--date", "--model", "--workers"):
        assert opt in read_help


def test_read_examples_summary():
    proc = run("read", str(EXAMPLES))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    for name in ("harbor_bakery", "council_vote", "marathon_comeback"):
        assert f"== {name}" in out
    assert "Quotes" in out and "People" in out
    assert "Okonkwo" in out


def test_read_json_one_valid_object_per_line():
    proc = run("read", str(EXAMPLES), "--json")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == 3
    for line in lines:
        obj = json.loads(line)
        assert obj["schema"] == "dateline.article/1"
        assert problems(obj) == []


@pytest.mark.parametrize("content, expect", [
    (" date 2021-13-45 Jane Roe said hello.", "invalid date '2021-13-45'"),
    (" date 2021-10-25    ", "empty article"),
])
def test_bad_seed_files_one_line_no_traceback(tmp_path, content, expect):
    bad = tmp_path / "bad.txt"
    bad.write_text(content)
    good = EXAMPLES / "harbor_bakery.txt"
    proc = run("read", str(bad), str(good), "--json")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert f"{bad}:1: " in proc.stderr and expect in proc.stderr
    # the good input is still read and printed
    assert len(proc.stdout.splitlines()) == 1 and json.loads(proc.stdout)["id"] == "harbor_bakery"


def test_bad_inputs_each_named(tmp_path):
    latin = tmp_path / "latin.txt"
    latin.write_bytes(b" date 2021-10-25 Caf\xe9 owner said so.")
    jl = tmp_path / "batch.jsonl"
    jl.write_text('{"id": "ok", "date": "2020-01-01", "text": "Jane Roe said hello."}\n{oops\n{"id": "x"}\n')
    proc = run("read", str(latin), str(jl), str(tmp_path / "missing.txt"), "--json")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    err = proc.stderr
    assert f"{latin}: not UTF-8" in err
    assert f"{jl}:2: not JSON" in err
    assert f"{jl}:3: no 'text' field" in err
    assert f"{tmp_path / 'missing.txt'}: no such file" in err
    assert [json.loads(x)["id"] for x in proc.stdout.splitlines()] == ["ok"]


def test_plain_text_from_stdin_with_date():
    proc = run("read", "-", "--date", "2024-01-05", "--json", stdin="Jane Roe said the vote was fair.")
    assert proc.returncode == 0, proc.stderr
    obj = json.loads(proc.stdout)
    assert obj["published"] == "2024-01-05" and obj["text"] == "Jane Roe said the vote was fair."


def test_bad_date_option_is_a_usage_error():
    proc = run("read", "-", "--date", "yesterday", stdin="x")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and "YYYY-MM-DD" in proc.stderr


def test_unknown_model_is_one_line():
    proc = run("read", str(EXAMPLES / "harbor_bakery.txt"), "--model", "no_such_model_xyz")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "cannot load a spaCy model" in proc.stderr and "--model" in proc.stderr


@pytest.mark.shared
def test_seed_article_json(shared):
    seed = shared / "seed" / "000_2bcd1fa24314d7c1.txt"
    proc = run("read", str(seed), "--json")
    assert proc.returncode == 0, proc.stderr
    (line,) = proc.stdout.splitlines()
    obj = json.loads(line)
    assert obj["published"] == "2021-10-25"
    assert obj["text"].startswith("Chrissy Teigen")
    assert obj["id"] == "000_2bcd1fa24314d7c1"
    assert problems(obj) == []


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.parametrize("name, count", [("polnear/dev.jsonl", 84), ("timeml/timebank.jsonl", 183)])
def test_shared_jsonl_corpora_keep_ids(shared, name, count):
    path = shared / "data" / name
    proc = run("read", str(path), "--json")
    assert proc.returncode == 0, proc.stderr[-2000:]
    objs = [json.loads(x) for x in proc.stdout.splitlines()]
    gold_ids = [json.loads(x)["id"] for x in path.read_text().splitlines() if x.strip()]
    assert len(objs) == count
    assert [o["id"] for o in objs] == gold_ids
    bad = [(o["id"], p) for o in objs for p in problems(o)]
    assert bad == []
