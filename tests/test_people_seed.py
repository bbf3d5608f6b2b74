"""The seed article against its gold file, item by item: people, not-people, relations, events."""
from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def gold(shared):
    return json.loads((shared / "seed" / "000_2bcd1fa24314d7c1.gold.json").read_text(encoding="utf-8"))


def _by_name(result):
    return {p.name: p for p in result.people}


def _ids_by_name(result):
    return {p.name: p.id for p in result.people}


def test_every_required_person(seed_result, gold):
    people = _by_name(seed_result)
    for g in gold["people"]:
        if not g.get("required", True):
            continue
        assert g["name"] in people, f"{g['name']} missing; found {sorted(people)}"
        p = people[g["name"]]
        assert set(g.get("aliases", [])) <= set(p.aliases), (g["name"], p.aliases)
        for key in ("gender", "age"):
            if key in g:
                assert getattr(p, key) == g[key], (g["name"], key, getattr(p, key))
        if "born" in g:
            assert p.born is not None and p.born.model_dump() == g["born"], (g["name"], p.born)
        assert set(g.get("descriptors", [])) <= set(p.descriptors), (g["name"], p.descriptors)


def test_no_person_is_a_thing(seed_result, gold):
    names = {a.lower() for p in seed_result.people for a in p.aliases + [p.name]}
    for thing in gold["not_people"]:
        assert thing.lower() not in names, thing


def test_mentions_are_honest_and_complete(seed_result):
    text = seed_result.text
    for p in seed_result.people + seed_result.organizations:
        for m in p.mentions:
            assert text[m.start:m.end] == m.text
    teigen = _by_name(seed_result)["Chrissy Teigen"]
    said = {m.text for m in teigen.mentions}
    # pronouns and descriptions are mentions too
    assert {"she", "her", "the 35-year-old"} <= said


@pytest.mark.parametrize("required", [True, False])
def test_relations(seed_result, gold, required):
    ids = _ids_by_name(seed_result)
    have = {(r.subject, r.relation, r.object) for r in seed_result.relations}
    for g in gold["relations"]:
        if g.get("required", True) != required:
            continue
        want = (ids.get(g["subject"]), g["relation"], ids.get(g["object"]))
        assert want in have, (g, sorted(have))
    assert len(have) == len(seed_result.relations), "duplicate relations"


def test_events(seed_result, gold):
    ids = _ids_by_name(seed_result)
    events = [(e.date, set(e.participants)) for e in seed_result.events]
    for g in gold["events"]:
        if not g.get("required", True):
            continue
        dates = [g["date"]] + g.get("accept_dates", [])
        want = {ids.get(n) for n in g["participants"]}
        assert any(d in dates and want <= ps for d, ps in events), (g, events)
    dates = [e.date for e in seed_result.events]
    assert dates == sorted(dates)
