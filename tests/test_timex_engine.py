"""Behaviour of the time engine on sentences written for these tests."""
from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from dateline.timex import Timex, TimexEngine
from dateline.timex.calendar import Point, easter, nth_weekday

ENG = TimexEngine()
REF = dt.date(2021, 10, 25)  # a Monday


def values(text, ref=REF):
    return [(t.text, t.type, t.value) for t in ENG.tag(text, ref)]


def test_offsets_always_match_text():
    text = "On Sept. 30, 2020, and again last month, the 35-year-old said it twice a year."
    for t in ENG.tag(text, REF):
        assert text[t.start:t.end] == t.text


@pytest.mark.parametrize("text,expected", [
    ("It opened Sept. 30, 2020.", ("Sept. 30, 2020", "DATE", "2020-09-30")),
    ("It opened 30 September 2020.", ("30 September 2020", "DATE", "2020-09-30")),
    ("It opened 9/30/2020.", ("9/30/2020", "DATE", "2020-09-30")),
    ("It opened 2020-09-30.", ("2020-09-30", "DATE", "2020-09-30")),
    ("It opened in mid-September.", ("mid-September", "DATE", "2021-09")),
    ("Sales fell in early 2020.", ("early 2020", "DATE", "2020")),
    ("Homes were cheap in the 1990s.", ("the 1990s", "DATE", "199")),
    ("The vote is in the third quarter.", ("the third quarter", "DATE", "2021-Q3")),
    ("Revenue in Q3 grew.", ("Q3", "DATE", "2021-Q3")),
    ("The lease runs three years.", ("three years", "DURATION", "P3Y")),
    ("The talks lasted hours.", ("hours", "DURATION", "PTXH")),
    ("The bus leaves every Monday.", ("every Monday", "SET", "XXXX-WXX-1")),
    ("The index is revised daily.", ("daily", "SET", "P1D")),
    ("We met a year ago.", ("a year ago", "DATE", "2020-10")),
    ("We met two years ago.", ("two years ago", "DATE", "2019")),
    ("The team is in Oslo now.", ("now", "DATE", "PRESENT_REF")),
    ("Rain is expected tonight.", ("tonight", "TIME", "2021-10-25TNI")),
    ("The call came at 3 p.m.", ("3 p.m.", "TIME", "2021-10-25T15:00")),
    ("Prices will rise next week.", ("next week", "DATE", "2021-W44")),
    ("The fair closed last summer.", ("last summer", "DATE", "2021-SU")),
])
def test_common_news_forms(text, expected):
    assert expected in values(text)


def test_mod_values():
    found = {t.text: t for t in ENG.tag("Sales fell in early 2020 and late November.", REF)}
    assert found["early 2020"].mod == "START"
    assert found["late November"].mod == "END"


def test_weekday_past_bias_and_future_cue():
    thu = dt.date(2021, 10, 28)
    assert ("Tuesday", "DATE", "2021-10-26") in values("The board met on Tuesday.", thu)
    assert ("Tuesday", "DATE", "2021-11-02") in values("The board will meet on Tuesday.", thu)
    assert ("Thursday", "DATE", "2021-10-28") in values("The board met Thursday.", thu)


def test_second_phase_anchoring():
    text = "The dam failed on March 3, 2019. The next day, crews arrived. A week later, it rained."
    found = ENG.tag(text, REF)
    by = {t.text: t for t in found}
    assert by["The next day"].value == "2019-03-04"
    assert by["The next day"].anchor == "timex:0"
    assert by["A week later"].value == "2019-03-11"  # a week after "the next day"
    assert by["A week later"].anchor.startswith("timex:")
    k = int(by["A week later"].anchor.split(":")[1])
    assert found[k].type == "DATE"
    assert by["March 3, 2019"].anchor == "published"


def test_relative_flag_and_reanchor():
    t = [x for x in ENG.tag("A year ago the shop opened.", REF)][0]
    assert t.relative and t.value == "2020-10"
    t2 = ENG.reanchor(t, "2021-09-28", "q3")
    assert t2.value == "2020-09" and t2.anchor == "q3" and t2.text == t.text
    t3 = ENG.reanchor(t, "2021-09", "q3")
    assert t3.value == "2020-09"
    absolute = ENG.tag("It opened on Sept. 30, 2020.", REF)[0]
    assert not absolute.relative
    assert ENG.reanchor(absolute, "2019-01-01", "q1") == absolute


@pytest.mark.parametrize("text", [
    "It happened on February 30, 2021.", "It happened on 2/30/2021.", "On 2021-02-30 it rained.",
    "It happened on the 31st of June.", "Rent is 13/45/2020.", "Sept. 31 was a Tuesday.",
    "In 0000 or 99999 years.", "The year 10000 and Q9.", "", "   ", "ago ago ago",
    "He said İstanbul changed on Monday.", "\u00a0Monday\u2009the 1st\n\n", "a" * 5000,
])
def test_invalid_or_odd_input_never_crashes(text):
    for ref in (REF, dt.date(1, 1, 1), dt.date(9999, 12, 31), "2021-09", "1990"):
        found = ENG.tag(text, ref)
        for t in found:
            assert text[t.start:t.end] == t.text


def test_invalid_dates_are_not_reported():
    assert not [v for v in values("It happened on February 30, 2021.") if "2021-02-30" in v[2]]


def test_reference_must_be_given():
    with pytest.raises(TypeError):
        ENG.tag("today")  # type: ignore[call-arg]
    with pytest.raises(ValueError):
        ENG.tag("today", "not a date")


def test_package_never_reads_the_clock():
    root = Path(__file__).resolve().parents[1] / "dateline" / "timex"
    pattern = re.compile(r"\b(?:today|now|utcnow)\s*\(|time\.time\s*\(|localtime|gmtime")
    for path in root.glob("*.py"):
        assert not pattern.search(path.read_text(encoding="utf-8")), path


def test_same_output_under_other_clock_and_timezone(tmp_path):
    code = ("import datetime, json; from dateline.timex import TimexEngine; "
            "print(json.dumps([t.to_dict() for t in TimexEngine().tag("
            "'Yesterday, last month and on Tuesday, and a year ago.', datetime.date(2021, 10, 25))]))")
    outs = []
    for tz in ("UTC", "Pacific/Kiritimati", "America/Adak"):
        env = dict(os.environ, TZ=tz)
        env["FAKETIME"] = "2001-01-01 00:00:00"  # honoured only if libfaketime is preloaded
        outs.append(subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                                   text=True, check=True, cwd=Path(__file__).resolve().parents[1]
                                   ).stdout)
    assert outs[0] == outs[1] == outs[2]


def test_same_output_with_a_faked_clock(monkeypatch):
    before = values("Yesterday, last month, on Tuesday and a year ago.")

    class FakeDate(dt.date):
        @classmethod
        def today(cls):
            return cls(1999, 1, 1)

    class FakeDateTime(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return cls(1999, 1, 1)

    monkeypatch.setattr(dt, "date", FakeDate)
    monkeypatch.setattr(dt, "datetime", FakeDateTime)
    after = values("Yesterday, last month, on Tuesday and a year ago.", FakeDate(2021, 10, 25))
    assert before == after


def test_holidays_table():
    assert easter(2021) == dt.date(2021, 4, 4) and easter(2000) == dt.date(2000, 4, 23)
    assert nth_weekday(2021, 11, 4, 4) == dt.date(2021, 11, 25)
    assert nth_weekday(2021, 5, 1, -1) == dt.date(2021, 5, 31)
    hol = ENG.resources.holidays
    for key in ("thanksgiving", "mothers_day", "fathers_day", "christmas", "new_years_day",
                "independence_day", "labor_day", "memorial_day", "easter", "good_friday",
                "halloween", "valentines_day", "national_sons_day"):
        assert key in hol
    assert hol["national_sons_day"].on(2021) == dt.date(2021, 9, 28)


def test_holiday_future_cue():
    assert ("Halloween", "DATE", "2021-10-31") in values("The parade will be held on Halloween.")
    assert ("Halloween", "DATE", "2020-10-31") in values("The parade was held on Halloween.")


def test_point_roundtrip():
    for v in ("2021-09-28", "2021-09", "2021-W39", "2021-Q3", "2021-H1", "2021-SU", "2021", "202",
              "20"):
        assert Point.parse(v).format() == v
    assert Point.parse("PRESENT_REF") is None and Point.parse("2021-02-30") is None


def test_timex_dataclass_fields():
    t = Timex(0, 5, "today", "DATE", "2021-10-25")
    assert t.mod is None and t.anchor == "published" and t.relative is False


THURSDAY = dt.date(2021, 10, 28)


@pytest.mark.parametrize("text,expected", [
    # a future cue anywhere earlier in the sentence still counts
    ("Captain Ilse Varga will be named to lead the research ship Northern Tern on a long voyage "
     "that leaves on Monday.", ("Monday", "DATE", "2021-11-01")),
    # ... unless a past perfect puts the plan behind us
    ("The offer had been scheduled to expire on Friday.", ("Friday", "DATE", "2021-10-22")),
    # ... or a past verb right after the expression closes it
    ("A concert planned for Saturday was called off.", ("Saturday", "DATE", "2021-10-23")),
    # a modal after a relative pronoun belongs to another clause
    ("The shares were issued Monday, which will please the board.",
     ("Monday", "DATE", "2021-10-25")),
    # no cue: news bias to the past
    ("The mayor resigned Tuesday.", ("Tuesday", "DATE", "2021-10-26")),
])
def test_tense_of_weekdays(text, expected):
    assert expected in values(text, THURSDAY)


def test_mod_word_before_a_possessive_stays_out():
    found = ENG.tag("Lawyers looked for ways to get around Wednesday's ruling.", THURSDAY)
    assert [(t.text, t.mod) for t in found] == [("Wednesday", None)]
    found = ENG.tag("The vote was held around Wednesday, officials said.", THURSDAY)
    assert [(t.text, t.mod) for t in found] == [("around Wednesday", "APPROX")]


def test_previous_weekday_counts_from_the_last_date():
    text = "The index closed at 2,100 on Friday, Oct. 15, 2021, up from the previous Friday."
    found = ENG.tag(text, REF)
    prev = [t for t in found if t.text == "the previous Friday"][0]
    assert prev.value == "2021-10-08" and prev.anchor == "timex:0"
    # with no date before it, the reference is the anchor
    found = values("Sales peaked the previous Friday.")
    assert ("the previous Friday", "DATE", "2021-10-22") in found


def test_rates_and_age_modifiers_are_not_time():
    assert values("The ferry carries 700 cars a week and costs $40 a day.") == []
    assert values("Mara Lind, a 44-year-old pilot, flew the route.") == []
    assert ("44-year-old", "DURATION", "P44Y") in values("The 44-year-old flew the route.")


def test_part_of_day_conventions():
    assert ("Friday night", "DATE", "2021-10-22") in values("Crews worked Friday night.")
    assert ("Friday evening", "TIME", "2021-10-22TEV") in values("Crews worked Friday evening.")
    assert ("4 in the morning", "TIME", "2021-10-25T04:00") in values(
        "The boat leaves at 4 in the morning.")
