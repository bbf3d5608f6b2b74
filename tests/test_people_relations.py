"""Family and work relations: subject is the <relation> of object, each once, with evidence."""
from __future__ import annotations


def _rels(result):
    name = {p.id: p.name for p in result.people} | {o.id: o.name for o in result.organizations}
    return {(name[r.subject], r.relation, name[r.object]) for r in result.relations}


def _check_evidence(result):
    for r in result.relations:
        assert r.evidence is not None and 0 <= r.evidence.start < r.evidence.end <= len(result.text)


def test_possessive_wife_and_apposed_daughter(read_text):
    r = read_text("Tomas Riel's wife Hanne Riel runs the farm. Ilse Riel, Tomas Riel's daughter, "
                  "milks the goats.")
    rels = _rels(r)
    assert ("Hanne Riel", "spouse", "Tomas Riel") in rels
    assert ("Ilse Riel", "child", "Tomas Riel") in rels
    people = {p.name: p for p in r.people}
    assert people["Hanne Riel"].gender == "female"
    assert people["Ilse Riel"].gender == "female"
    _check_evidence(r)


def test_a_couple_and_their_children(read_text):
    r = read_text("Mira Sol and husband Dev Anand's son Kiri, 4, and daughter Noor, 2, came along. "
                  "Their late son Ravi was remembered.")
    rels = _rels(r)
    assert ("Dev Anand", "spouse", "Mira Sol") in rels
    for child in ("Kiri", "Noor", "Ravi"):
        assert (child, "child", "Mira Sol") in rels, child
        assert (child, "child", "Dev Anand") in rels, child
    assert len(r.relations) == len({(x.subject, x.relation, x.object) for x in r.relations})


def test_pronoun_possessor(read_text):
    r = read_text("Greta Holm arrived late. Her brother Sven Holm had the keys.")
    assert ("Sven Holm", "sibling", "Greta Holm") in _rels(r)


def test_work_relations(read_text):
    r = read_text("Zephyr Logistics spokeswoman Amal Reyes said the depot would close. "
                  "Piet Vos, the chief executive of Zephyr Logistics, declined to comment. "
                  "Lara Dune is a member of the Harbour Council.")
    rels = _rels(r)
    assert ("Amal Reyes", "employee", "Zephyr Logistics") in rels
    assert ("Piet Vos", "employee", "Zephyr Logistics") in rels
    assert ("Lara Dune", "member", "Harbour Council") in rels
    _check_evidence(r)


def test_no_relation_without_a_kinship_or_role_word(read_text):
    r = read_text("Ola Brun met Kai Sten at the station. Sten said Brun was late.")
    assert r.relations == []


def test_marriage_verbs(read_text):
    r = read_text("Omar Idris married Lea Sand in 2009. Rita Holm is married to Jon Vik. "
                  "Ada Lum and Ben Coe married last spring.")
    pairs = {frozenset((s, o)) for s, rel, o in _rels(r) if rel == "spouse"}
    assert {frozenset(("Omar Idris", "Lea Sand")), frozenset(("Rita Holm", "Jon Vik")),
            frozenset(("Ada Lum", "Ben Coe"))} <= pairs
    _check_evidence(r)
