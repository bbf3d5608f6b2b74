"""Every example in every rule file runs as a test; malformed resources are reported by name."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from dateline.timex import RuleFileError, TimexEngine, load_resources
from dateline.timex.rules import DATA_DIR

ENGINE = TimexEngine()
EXAMPLES = [(r.name, ex) for r in ENGINE.rules for ex in r.examples]


def test_every_rule_has_an_example():
    missing = [r.name for r in ENGINE.rules if not r.examples]
    assert not missing, f"rules without examples: {missing}"


@pytest.mark.parametrize("rule,ex", EXAMPLES, ids=[f"{n}:{e.source}" for n, e in EXAMPLES])
def test_rule_example(rule, ex):
    found = ENGINE.tag(ex.text, dt.date.fromisoformat(ex.reference))
    for t in found:
        assert ex.text[t.start:t.end] == t.text
    if ex.span is None:
        assert not found, f"{ex.source}: expected nothing, got {[(t.text, t.value) for t in found]}"
        return
    got = [(t.text, t.type, t.value, t.mod) for t in found]
    assert any(t.text == ex.span and t.type == ex.type and t.value == ex.value
               and (ex.mod is None or t.mod == ex.mod) for t in found), \
        f"{ex.source}: want {(ex.span, ex.type, ex.value, ex.mod)}, got {got}"


def _copy_data(tmp_path: Path) -> Path:
    dst = tmp_path / "timex"
    shutil.copytree(DATA_DIR, dst)
    return dst


def test_packaged_resources_load():
    res = load_resources()
    assert res.rules and res.holidays and "month" in res.patterns


@pytest.mark.parametrize("bad,key,needle", [
    ("[broken_rule]\npattern: (?P<x>abc\ntype: DATE\nvalue: {x}\n", "broken_rule",
     "does not compile"),
    ("[no_value]\npattern: abc\ntype: DATE\n", "no_value", "missing key 'value'"),
    ("[bad_type]\npattern: abc\ntype: WHEN\nvalue: 2020\n", "bad_type", "type must be"),
    ("[bad_group]\npattern: abc\ntype: DATE\nvalue: {year}\n", "bad_group", "no group"),
    ("[bad_macro]\npattern: %nosuchlist\ntype: DATE\nvalue: 2020\n", "bad_macro",
     "unknown pattern list"),
    ("[bad_fn]\npattern: (?P<x>abc)\ntype: DATE\nvalue: {x|nosuchtable}\n", "bad_fn",
     "unknown function"),
    ("[bad_example]\npattern: abc\ntype: DATE\nvalue: 2020\nexample: abc without arrow\n",
     "bad_example", "example must read"),
    ("[odd_key]\npattern: abc\ntype: DATE\nvalue: 2020\ncolour: blue\n", "odd_key",
     "unknown key"),
])
def test_validator_names_file_line_and_key(tmp_path, bad, key, needle):
    data = _copy_data(tmp_path)
    (data / "rules" / "99_broken.rules").write_text(bad, encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        load_resources(data)
    msg = str(info.value)
    assert "99_broken.rules" in msg and f"[{key}]" in msg and needle in msg
    assert info.value.key == key and info.value.lineno >= 1


def test_validator_names_broken_holiday_row(tmp_path):
    data = _copy_data(tmp_path)
    with open(data / "holidays.tsv", "a", encoding="utf-8") as fh:
        fh.write("founders_day\tfixed 02-30\tfounders day\n")
    with pytest.raises(RuleFileError) as info:
        load_resources(data)
    assert "holidays.tsv" in str(info.value) and "[founders_day]" in str(info.value)


def test_validator_names_broken_pattern_list(tmp_path):
    data = _copy_data(tmp_path)
    (data / "patterns" / "oops.txt").write_text("good\n(unclosed\n", encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        load_resources(data)
    assert "oops.txt:2" in str(info.value)
