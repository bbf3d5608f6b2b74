"""Ages, birth windows, descriptors and gender as the text states them."""
from __future__ import annotations

import datetime as dt

from dateline.people.attributes import birth_window


def _people(result):
    return {p.name: p for p in result.people}


def test_birth_window_from_age():
    assert birth_window(35, dt.date(2021, 10, 25)) == (dt.date(1985, 10, 26), dt.date(1986, 10, 25))


def test_birth_window_on_the_29th_of_february():
    # 35 on 2024-02-29: born 1988-03-01 at the earliest (turned 36 that day otherwise) ...
    lo, hi = birth_window(35, dt.date(2024, 2, 29))
    assert lo == dt.date(1988, 3, 1)
    # ... and 1989-02-28 at the latest (1989 has no 29 February)
    assert hi == dt.date(1989, 2, 28)
    assert birth_window(36, dt.date(2024, 2, 29)) == (dt.date(1987, 3, 1), dt.date(1988, 2, 29))


def test_age_in_commas_and_the_born_window(read_text):
    r = read_text("Mara Lind, 42, said the ferry was late again.", published="2023-06-01")
    p = _people(r)["Mara Lind"]
    assert p.age == 42
    assert (p.born.earliest, p.born.latest) == ("1980-06-02", "1981-06-01")


def test_age_description_resolves_to_the_subject(read_text):
    r = read_text("Mara Lind is leaving the council. The 42-year-old said she wanted a quieter life.")
    p = _people(r)["Mara Lind"]
    assert p.age == 42
    assert p.gender == "female"
    assert "The 42-year-old" in {m.text for m in p.mentions}


def test_aged(read_text):
    r = read_text("A fisherman, Tobias Wren, aged 67, was rescued on Sunday.")
    assert _people(r)["Tobias Wren"].age == 67


def test_descriptors_from_apposition_and_role_nouns(read_text):
    r = read_text("Ada Quill, the senator from Fenwick, voted no. Acme spokeswoman Rosa Vint "
                  "declined to comment. The senator later said she regretted it.")
    ada, rosa = _people(r)["Ada Quill"], _people(r)["Rosa Vint"]
    assert "senator" in ada.descriptors
    assert "spokeswoman" in rosa.descriptors
    assert ada.gender == "female"
    assert "The senator" in {m.text for m in ada.mentions}


def test_honorific_gives_gender_and_descriptor(read_text):
    r = read_text("Mrs. Ottoline Baird opened the fair. Sen. Hal Crane spoke after her.")
    assert _people(r)["Ottoline Baird"].gender == "female"
    crane = _people(r)["Hal Crane"]
    assert crane.gender is None
    assert "senator" in crane.descriptors


def test_ages_in_words_and_without_hyphens(read_text):
    r = read_text("The 55 year old Samuel Orr has served as a judge. The thirty-five-year-old "
                  "Ana Diaz won the race.")
    assert _people(r)["Samuel Orr"].age == 55
    assert _people(r)["Ana Diaz"].age == 35


def test_a_pronoun_far_from_any_name_tells_no_gender(read_text):
    # "her" is the housekeeper's, who has no name: the one named man must not become female
    r = read_text("The dictator Omar Velk backed the rebels.\n\nYears later, soldiers killed six "
                  "priests, their housekeeper, and her teenage daughter at the college.")
    assert _people(r)["Omar Velk"].gender is None
