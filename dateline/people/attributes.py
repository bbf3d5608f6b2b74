"""Attributes: gender (only as the text states it), age and the birth window it implies."""
from __future__ import annotations

import datetime as dt

from .clusters import Entity


def _same_day(year: int, month: int, day: int) -> dt.date:
    """The calendar day in ``year``; 29 February becomes 28 February in a common year."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return dt.date(year, month, day - 1)


def birth_window(age: int, on: dt.date) -> tuple[dt.date, dt.date] | None:
    """Someone ``age`` years old on ``on`` was born in this window (both ends included); None when
    the window would fall outside the calendar (an age stated in an article dated in year 30)."""
    if not (1 <= on.year - age - 1 and on.year - age <= dt.MAXYEAR):
        return None
    latest = _same_day(on.year - age, on.month, on.day)
    prev_birthday = _same_day(on.year - age - 1, on.month, on.day)
    # the day after the birthday that would make them age + 1 (29 Feb -> 28 Feb + 1 = 1 Mar)
    return prev_birthday + dt.timedelta(days=1), latest


def names_attributes(e: Entity, lex) -> None:
    """Age and gender that the name mentions themselves carry (honorific, kinship word, "X, 35,")."""
    for m in e.names:
        if m.age is not None and e.age is None:
            e.age = m.age
        if m.gender:
            e.gender_votes[m.gender] += 2
        if m.honorific:
            d = lex.honorifics[m.honorific][1]
            if d and d not in e.descriptors:
                e.descriptors.append(d)
