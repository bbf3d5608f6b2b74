"""Events: a person's dated action, placed on the article's timeline."""
from __future__ import annotations


def test_dated_announcement_by_a_couple(read_text):
    r = read_text("Ana Ruiz and Ben Ortiz announced on March 3, 2023, that they had sold the "
                  "vineyard. Ruiz said she was relieved.", published="2023-09-10")
    ids = {p.name: p.id for p in r.people}
    (e,) = [e for e in r.events if e.date == "2023-03-03"]
    assert e.text == "announced" and r.text[e.start:e.end] == "announced"
    assert set(e.participants) == {ids["Ana Ruiz"], ids["Ben Ortiz"]}
    assert e.timex in {t.id for t in r.timexes}


def test_timeline_is_sorted_and_keeps_the_most_specific_date(read_text):
    r = read_text("Kofi Mensah opened a second shop last month. "
                  "Mensah had sold his first bakery on June 2, 2019.", published="2021-11-15")
    dates = [e.date for e in r.events]
    assert dates == sorted(dates)
    assert "2019-06-02" in dates and "2021-10" in dates
    for e in r.events:
        assert e.participants and r.text[e.start:e.end] == e.text


def test_no_event_without_a_person(read_text):
    r = read_text("The storm reached the coast on Friday. Roofs were torn off.", published="2022-02-14")
    assert r.events == []


def test_quoted_first_person_becomes_the_speakers_mention(nlp):
    # the quote stage's finding is given by hand: this tests what the events stage adds to it
    from dateline import events, model, people, timestage
    from dateline.article import Article, parse_date
    from dateline.context import Context

    text = '"I never wanted the job," Ilona Varga said on Monday. Varga starts in May.'
    ctx = Context(article=Article(text=text, published=parse_date("2024-04-10")), doc=nlp(text))
    timestage.run(ctx)
    people.run(ctx)
    (varga,) = [p for p in ctx.people if p.name == "Ilona Varga"]
    end = text.index(',"')
    ctx.quotes = [model.Quote(id="q1", text=text[1:end], start=1, end=end, kind="direct",
                              speakers=[varga.id])]
    events.run(ctx)
    assert {(m.start, m.text) for m in varga.mentions} >= {(1, "I"), (text.index("Ilona"), "Ilona Varga")}
