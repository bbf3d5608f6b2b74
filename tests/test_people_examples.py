"""Classes of errors seen on our example articles: role nouns glued to names, organisations named
in apposition, and pronouns after a newly introduced person."""
from __future__ import annotations

import pytest

from dateline.article import Article, parse_date
from dateline.context import Context
from dateline import people, timestage


def _ctx(nlp, text):
    c = Context(article=Article(text=text, published=parse_date("2024-05-01")), doc=nlp(text))
    timestage.run(c)
    people.run(c)
    return c


def _names(c):
    return {p.name: p for p in c.people}


# ---- 1. a capitalised role noun before a full name is a descriptor -----------------------------
@pytest.mark.parametrize("text, name, role", [
    ("Swimmer Odile Farrant broke the county record on Saturday.", "Odile Farrant", "swimmer"),
    ("Fisherman Bram Oyelaran said the nets came back empty.", "Bram Oyelaran", "fisherman"),
    ("Architect Lucia Brennholt designed the new library.", "Lucia Brennholt", "architect"),
])
def test_a_role_noun_before_a_full_name_is_no_part_of_it(nlp, text, name, role):
    c = _ctx(nlp, text)
    assert name in _names(c), [p.name for p in c.people]
    p = _names(c)[name]
    assert role in p.descriptors
    assert all(not a.lower().startswith(role) for a in p.aliases)


@pytest.mark.parametrize("text, name", [
    # a role noun that is also a first name stays, and so does a word that is no role noun
    ("Baker Mayfield threw three touchdowns on Sunday, and Mayfield said the line held.", "Baker Mayfield"),
    ("Rosalind Achterberg said the ferry would run again in June.", "Rosalind Achterberg"),
])
def test_a_first_name_is_kept(nlp, text, name):
    c = _ctx(nlp, text)
    assert name in _names(c), [p.name for p in c.people]


# ---- 2. an organisation in apposition -----------------------------------------------------------
@pytest.mark.parametrize("text, org", [
    ("Halvard Brenning, the shipping company based in Tromsø, said it would add two routes.",
     "Halvard Brenning"),
    ("Castora Tinwell, a small firm that makes ferry engines, said orders had doubled.", "Castora Tinwell"),
    ("Molvik Works, the company that built the bridge, said repairs would start soon.", "Molvik Works"),
])
def test_a_name_said_to_be_a_company_is_an_organisation(nlp, text, org):
    c = _ctx(nlp, text)
    orgs = {o.name: o.id for o in c.organizations}
    assert org in orgs, (orgs, [p.name for p in c.people])
    assert org not in _names(c)
    s = text.index(org)
    assert c.resolve(s, s + len(org)) == [orgs[org]]


@pytest.mark.parametrize("text, name", [
    ("Ilse Varnhagen, the company's founder, said it would add two routes.", "Ilse Varnhagen"),
    ("Ilse Varnhagen, the group leader, said the trail was closed.", "Ilse Varnhagen"),
])
def test_a_founder_of_a_company_is_still_a_person(nlp, text, name):
    c = _ctx(nlp, text)
    assert name in _names(c), ([p.name for p in c.people], [o.name for o in c.organizations])
