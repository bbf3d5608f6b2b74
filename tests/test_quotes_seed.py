"""The seed article's gold quotes, item by item (shared data: read from ../shared at run time).

Every item marked ``required`` must be found: its text (edge spaces stripped), kind, speakers (by
person name, through ``result.people``; ``accept_speakers`` lists other right readings), the outer
quote of a nested one (by the outer quote's text) and ``said_on`` where the gold gives it.
"""
from __future__ import annotations

import json

import pytest

from conftest import SEED_GOLD


def _gold():
    if not SEED_GOLD.is_file():
        return []
    return [q for q in json.loads(SEED_GOLD.read_text(encoding="utf-8"))["quotes"] if q.get("required")]


GOLD = _gold()


def _find(result, text):
    hits = [q for q in result.quotes if q.text.strip() == text.strip()]
    assert hits, f"no predicted quote with the text {text[:60]!r}"
    return hits[0]


@pytest.mark.shared
@pytest.mark.parametrize("item", GOLD, ids=[q["id"] for q in GOLD])
def test_seed_quote(seed_result, item):
    q = _find(seed_result, item["text"])
    assert q.kind == item["kind"]
    names = {p.id: p.name for p in seed_result.people} | {o.id: o.name for o in seed_result.organizations}
    got = sorted(names.get(i, i) for i in q.speakers)
    accepted = [sorted(item["speakers"])] + [sorted(s) for s in item.get("accept_speakers", [])]
    assert got in accepted, f"speakers {got} (mention {q.speaker_mention and q.speaker_mention.text!r})"
    if item.get("nested_in"):
        outer_text = next(g["text"] for g in GOLD if g["id"] == item["nested_in"])
        outer = _find(seed_result, outer_text)
        assert q.nested_in == outer.id
    else:
        assert q.nested_in is None
    if item.get("said_on"):
        assert q.said_on == item["said_on"]


@pytest.mark.shared
def test_seed_has_every_required_item():
    assert len(GOLD) >= 16
