"""People and organisations from names: merging, and the things that are never people."""
from __future__ import annotations

import pytest


def _people(result):
    return {p.name: p for p in result.people}


def _all_names(result):
    return {a for p in result.people for a in p.aliases + [p.name]}


def test_full_name_surname_and_possessive_are_one_person(read_text):
    r = read_text("Daniel Okafor opened the bakery in 2019. Okafor's bread sells out by noon, "
                  "and Mr. Okafor says he bakes every loaf himself.")
    assert [p.name for p in r.people] == ["Daniel Okafor"]
    p = r.people[0]
    assert {"Daniel Okafor", "Okafor"} <= set(p.aliases)
    assert p.gender == "male"  # from "Mr." and "he"
    for m in p.mentions:
        assert r.text[m.start:m.end] == m.text
    assert {"he", "himself"} <= {m.text for m in p.mentions}


def test_two_people_with_one_surname_stay_apart(read_text):
    r = read_text("Lena Brandt and her brother Tomas Brandt run the shop. Lena Brandt said the "
                  "rent doubled. Tomas Brandt said he would move it.")
    assert {"Lena Brandt", "Tomas Brandt"} <= set(_people(r))
    assert _people(r)["Tomas Brandt"].gender == "male"


def test_gender_never_from_a_first_name(read_text):
    r = read_text("Jordan Vell said the vote was close. Vell added that a recount was likely.")
    assert _people(r)["Jordan Vell"].gender is None


@pytest.mark.parametrize("text, thing", [
    ("In May, Ravi Patel said the harbour would reopen.", "May"),
    ("On Tuesday, Ravi Patel said the harbour would reopen.", "Tuesday"),
    ("Ravi Patel celebrated National Pickle Day with his staff.", "National Pickle Day"),
    ("Ravi Patel posted the news on Instagram and later on Twitter.", "Instagram"),
    ("Ravi Patel told the parenting site Tiny Humans that he was tired.", "Tiny Humans"),
    ("The Midnight Kitchen cookbook author Ravi Patel signed copies.", "Midnight Kitchen"),
])
def test_things_are_never_people(read_text, text, thing):
    r = read_text(text)
    assert "Ravi Patel" in _people(r)
    assert thing not in _all_names(r)


def test_outlets_and_companies_are_organisations(read_text):
    r = read_text("Ravi Patel told the parenting site Tiny Humans that Brightwell Foods Inc. "
                  "had cut his pay. He later wrote about it on Instagram.")
    orgs = {o.name for o in r.organizations}
    assert {"Tiny Humans", "Instagram"} <= orgs
    assert any(o.startswith("Brightwell Foods") for o in orgs)
    assert "Tiny Humans" not in _all_names(r)


def test_first_name_alone_is_a_person_when_the_text_says_so(read_text):
    r = read_text("Nadia Koss brought her son Pim, 6, and daughter Juno, 9, to the march.")
    people = _people(r)
    assert people["Pim"].gender == "male" and people["Pim"].age == 6
    assert people["Juno"].gender == "female" and people["Juno"].age == 9


def test_ids_follow_first_mention(read_text):
    r = read_text("Ines Galt met Oren Fisk at the port. Fisk said Galt had left early.")
    assert [(p.id, p.name) for p in r.people] == [("p1", "Ines Galt"), ("p2", "Oren Fisk")]


def test_titles_nationalities_and_administrations_are_not_people(read_text):
    r = read_text("The Kessel Administration said President Kessel would veto the bill. "
                  "A Freelandian, 23, was hurt. Foreign Minister Alma Tross said the Minister "
                  "had not been told.")
    names = _all_names(r)
    assert "Kessel" in names and "Alma Tross" in names
    assert not {"Kessel Administration", "Freelandian", "Minister", "Foreign Minister"} & names
    kessel = next(p for p in r.people if p.name == "Kessel")
    assert "president" in kessel.descriptors
    assert "Alma Tross" in _people(r) and "minister" in _people(r)["Alma Tross"].descriptors


def test_dateline_prefix_is_not_part_of_the_name(read_text):
    r = read_text("PORTVILLE - Carla Imbert, the harbour master, said the storm had passed.")
    assert "Carla Imbert" in _people(r)


def test_places_and_titles_around_names(read_text):
    r = read_text("Crowds gathered at Harlow Quay on Sunday. Yuri Dalenko was the country's "
                  "Interior Minister in 2000, and he said the march was legal.")
    names = _all_names(r)
    assert "Harlow Quay" not in names and "Interior" not in names
    assert "Interior" not in {o.name for o in r.organizations}
    assert "minister" in _people(r)["Yuri Dalenko"].descriptors


def test_acronyms_and_parties_are_not_people(read_text):
    r = read_text("The KDU and the Westland Greens said Mara Quist would run. Quist said she was ready.")
    names = _all_names(r)
    assert "Mara Quist" in names
    assert not {"KDU", "Westland Greens"} & names


def test_a_child_named_like_a_country(read_text):
    r = read_text("Jordan, 5, and Maya, 7, played in the yard. In Jordan, 5 people died.")
    people = _people(r)
    assert people["Jordan"].age == 5 and people["Jordan"].gender is None
    assert len([p for p in r.people if p.name == "Jordan"]) == 1
