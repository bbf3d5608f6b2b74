"""The seed article (../shared/seed) must come out right."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from dateline.evaluate.timex import evaluate_timex, format_timex_table, main
from dateline.timex import TimexEngine

SHARED = Path(__file__).parents[1].parent / "shared"
SEED = SHARED / "seed" / "000_2bcd1fa24314d7c1.txt"
pytestmark = pytest.mark.shared

needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is not present")


def _seed():
    raw = SEED.read_text(encoding="utf-8")
    head, _, text = raw.lstrip(" ").partition(" ")  # " date YYYY-MM-DD text..."
    date, _, text = text.partition(" ")
    assert head == "date"
    return dt.date.fromisoformat(date), text


@needs_shared
def test_seed_items():
    published, text = _seed()
    eng = TimexEngine()
    found = eng.tag(text, published)
    by = {}
    for t in found:
        assert text[t.start:t.end] == t.text
        by.setdefault(t.text, t)
    assert (by["Sept. 30, 2020"].type, by["Sept. 30, 2020"].value) == ("DATE", "2020-09-30")
    assert by["last month"].value == "2021-09"
    assert by["National Sons Day"].value == "2021-09-28"
    assert (by["35-year-old"].type, by["35-year-old"].value) == ("DURATION", "P35Y")
    assert by["one day"].value == "FUTURE_REF"
    ago = by["A year ago"]
    assert ago.value == "2020-10" and ago.relative
    caption = eng.reanchor(ago, "2021-09-28", "timex:2")
    assert caption.value == "2020-09" and caption.anchor == "timex:2"


@needs_shared
def test_seed_gold_timexes_found():
    published, text = _seed()
    gold = json.loads(SEED.with_name("000_2bcd1fa24314d7c1.gold.json").read_text())["timexes"]
    found = {(t.text, t.type, t.value) for t in TimexEngine().tag(text, published)}
    for g in gold:
        if g["text"] == "A year ago":
            continue  # needs the caption's date (reanchor), checked above
        assert (g["text"], g["type"], g["value"]) in found, g


TIMEBANK = SHARED / "data" / "timeml" / "timebank.jsonl"


@needs_shared
@pytest.mark.skipif(not TIMEBANK.is_file(), reason="TimeBank gold not present")
def test_scorer_on_timebank_meets_targets(tmp_path, capsys):
    res = evaluate_timex(TIMEBANK)
    assert res["relaxed"]["f1"] >= 0.90
    assert res["value"]["f1"] >= 0.80
    assert "relaxed span" in format_timex_table(res)
    assert main([str(TIMEBANK), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["documents"] == res["documents"]


def test_scorer_matching_rules(tmp_path):
    gold = tmp_path / "g.jsonl"
    doc = {"id": "d1", "dct": "2021-10-25", "text": "We met last month and on Sept. 30, 2020.",
           "timexes": [{"start": 7, "end": 17, "text": "last month", "type": "DATE",
                        "value": "2021-09"},
                       {"start": 25, "end": 39, "text": "Sept. 30, 2020", "type": "DATE",
                        "value": "2020-09-30"}]}
    gold.write_text(json.dumps(doc) + "\n")

    def tagger(text, ref):
        return [{"start": 7, "end": 17, "type": "DATE", "value": "2021-09"},
                {"start": 28, "end": 39, "type": "TIME", "value": "2020-10-01"},
                {"start": 0, "end": 2, "type": "DATE", "value": "PRESENT_REF"}]
    res = evaluate_timex(gold, tagger)
    assert res["strict"] == {"precision": round(1 / 3, 4), "recall": 0.5, "f1": 0.4}
    assert res["relaxed"]["recall"] == 1.0 and res["relaxed"]["precision"] == round(2 / 3, 4)
    assert res["type_accuracy"] == 0.5
    assert res["value"]["recall"] == 0.5 and res["value"]["precision"] == round(1 / 3, 4)
