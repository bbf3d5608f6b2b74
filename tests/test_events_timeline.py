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
