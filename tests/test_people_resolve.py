"""ctx.resolve, the interface the quote stage uses: names, pronouns, descriptions, groups, and
first/third person inside a quote."""
from __future__ import annotations

import pytest

from dateline.article import Article, parse_date
from dateline.context import Context
from dateline import people, timestage

TEXT = ('Vera Lund and her husband Arne Lund run a ferry. Their son Olaf, 8, and daughter Siri, 6, '
        'help on weekends.\n\n'
        '"When we leave the dock, they always shout, \'Faster!\' And I have to slow down," Vera Lund '
        'says of the children. "We love it."\n\n'
        'The ferry captain explains that she and Arne bought the boat in 2015. She smiles. '
        'Lund and her husband plan to retire. The 41-year-old laughs.')


@pytest.fixture(scope="module")
def ctx(nlp):
    c = Context(article=Article(text=TEXT, published=parse_date("2024-05-01")), doc=nlp(TEXT))
    timestage.run(c)
    people.run(c)
    return c


def _ids(ctx):
    return {p.name: p.id for p in ctx.people}


def _at(ctx, phrase, nth=0, quoted_by=None, length=None):
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(phrase, start + 1)
    return ctx.resolve(start, start + (length or len(phrase)), quoted_by)


def test_names_and_possessives(ctx):
    ids = _ids(ctx)
    assert _at(ctx, "Vera Lund") == [ids["Vera Lund"]]
    assert _at(ctx, "Arne Lund") == [ids["Arne Lund"]]
    assert _at(ctx, "Lund and her husband", length=4) == [ids["Vera Lund"]]


def test_pronouns_outside_quotes(ctx):
    ids = _ids(ctx)
    assert _at(ctx, "She smiles", length=3) == [ids["Vera Lund"]]


def test_descriptions(ctx):
    ids = _ids(ctx)
    assert _at(ctx, "The ferry captain") == [ids["Vera Lund"]]
    assert _at(ctx, "The 41-year-old") == [ids["Vera Lund"]]


def test_groups(ctx):
    ids = _ids(ctx)
    assert set(_at(ctx, "she and Arne")) == {ids["Vera Lund"], ids["Arne Lund"]}


def test_first_and_third_person_inside_a_quote(ctx):
    ids = _ids(ctx)
    vera = [ids["Vera Lund"]]
    assert _at(ctx, "I have", length=1, quoted_by=vera) == vera
    assert set(_at(ctx, "we leave", length=2, quoted_by=vera)) == {ids["Vera Lund"], ids["Arne Lund"]}
    assert set(_at(ctx, "they always", length=4, quoted_by=vera)) == {ids["Olaf"], ids["Siri"]}
    # without a quoter, "I" is nobody
    assert _at(ctx, "I have", length=1) == []


def test_children_relations_from_their(ctx):
    ids = _ids(ctx)
    have = {(r.subject, r.relation, r.object) for r in ctx.relations}
    assert (ids["Olaf"], "child", ids["Vera Lund"]) in have
    assert (ids["Siri"], "child", ids["Arne Lund"]) in have


def test_a_pronoun_in_a_quote_is_not_its_speaker_or_listener(nlp):
    text = ('Emil Marr died in March. His son Jonas Marr told the grandchildren, "We will miss him '
            'every day." Jonas Marr said the funeral would be small.')
    c = Context(article=Article(text=text, published=parse_date("2024-05-01")), doc=nlp(text))
    timestage.run(c)
    people.run(c)
    ids = {p.name: p.id for p in c.people}
    start = text.index("him")
    assert c.resolve(start, start + 3) == [ids["Emil Marr"]]
    assert ("Jonas Marr", "child", "Emil Marr") in {
        (next(p.name for p in c.people if p.id == r.subject), r.relation,
         next(p.name for p in c.people if p.id == r.object)) for r in c.relations}


def _ctx_for(nlp, text):
    c = Context(article=Article(text=text, published=parse_date("2024-05-01")), doc=nlp(text))
    timestage.run(c)
    people.run(c)
    return c


def test_role_descriptions_go_to_the_person_they_were_said_of(nlp):
    text = "Actor Sam Reed met Sen. Hal Crane. Ed Moss arrived. The actor said the senator was late."
    c = _ctx_for(nlp, text)
    ids = {p.name: p.id for p in c.people}
    for phrase, who in (("The actor", "Sam Reed"), ("the senator", "Hal Crane")):
        s = text.index(phrase)
        assert c.resolve(s, s + len(phrase)) == [ids[who]], phrase


def test_a_spokesman_of_an_organisation_is_the_organisation(nlp):
    text = "A Harbourview Council spokesman said the pier would stay shut."
    c = _ctx_for(nlp, text)
    assert [o.name for o in c.organizations] == ["Harbourview Council"]
    assert c.people == []
    s = text.index("A Harbourview")
    assert c.resolve(s, s + len("A Harbourview Council spokesman")) == [c.organizations[0].id]


def test_the_couple_is_the_latest_pair(nlp):
    text = "Nell Ames and Rob Tate bought the mill in 2019. The couple said the roof leaked."
    c = _ctx_for(nlp, text)
    ids = {p.name: p.id for p in c.people}
    s = text.index("The couple")
    assert set(c.resolve(s, s + len("The couple"))) == {ids["Nell Ames"], ids["Rob Tate"]}
