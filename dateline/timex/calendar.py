"""Calendar arithmetic on TIMEX3 values, with no clock.

A :class:`Point` is a parsed TIMEX3 date value (``2021-09-28``, ``2021-09``, ``2021-W39``,
``2021-Q3``, ``2021-H1``, ``2021-SU``, ``2021``, ``202`` (decade), ``20`` (century)) that can be
shifted by calendar units and written back at any granularity. Everything here is a pure function of
its arguments; nothing reads the machine clock.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, replace

# granularities from fine to coarse
GRANS = ("day", "week", "month", "season", "quarter", "half", "year", "decade", "century")
_RANK = {g: i for i, g in enumerate(GRANS)}

SEASON_MONTH = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}
_MONTH_SEASON = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU",
                 9: "FA", 10: "FA", 11: "FA"}
_SEASON_ORDER = ("WI", "SP", "SU", "FA")

_VALUE = re.compile(
    r"^(?P<y>\d{4})(?:-(?:(?P<m>\d\d)(?:-(?P<d>\d\d))?|W(?P<w>\d\d?)(?:-(?P<wd>\d))?"
    r"|Q(?P<q>[1-4])|H(?P<h>[12])|(?P<s>SP|SU|FA|WI)))?(?:T.*)?$"
    r"|^(?P<dec>\d{3})$|^(?P<cen>\d{2})$"
)


def days_in_month(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (_dt.date(year, month + 1, 1) - _dt.date(year, month, 1)).days


def valid_date(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= days_in_month(year, month) and 1 <= year <= 9999


@dataclass(frozen=True)
class Point:
    """A calendar point at some granularity; ``month``/``day`` are filled as far as known."""

    year: int
    month: int = 1
    day: int = 1
    gran: str = "day"
    quarter: int = 0
    half: int = 0
    week: int = 0
    season: str = ""

    # -- construction -------------------------------------------------------------------------
    @classmethod
    def from_date(cls, d: _dt.date) -> "Point":
        return cls(d.year, d.month, d.day, "day")

    @classmethod
    def parse(cls, value: str) -> "Point | None":
        """Parse a TIMEX3 date value; None when it is not a calendar point (``PRESENT_REF``...)."""
        m = _VALUE.match(value or "")
        if not m:
            return None
        if m["dec"]:
            return cls(int(m["dec"]) * 10, gran="decade")
        if m["cen"]:
            return cls(int(m["cen"]) * 100, gran="century")
        y = int(m["y"])
        if m["d"]:
            mo, d = int(m["m"]), int(m["d"])
            if not valid_date(y, mo, d):
                return None
            return cls(y, mo, d, "day")
        if m["m"]:
            mo = int(m["m"])
            return cls(y, mo, 1, "month") if 1 <= mo <= 12 else None
        if m["w"]:
            w = int(m["w"])
            try:
                d = _dt.date.fromisocalendar(y, w, int(m["wd"] or 1))
            except ValueError:
                return None
            if m["wd"]:
                return cls.from_date(d)
            return cls(d.year, d.month, d.day, "week", week=w)
        if m["q"]:
            q = int(m["q"])
            return cls(y, 3 * q - 2, 1, "quarter", quarter=q)
        if m["h"]:
            h = int(m["h"])
            return cls(y, 6 * h - 5, 1, "half", half=h)
        if m["s"]:
            return cls(y, SEASON_MONTH[m["s"]], 1, "season", season=m["s"])
        return cls(y, 1, 1, "year")

    # -- views ----------------------------------------------------------------------------------
    def date(self) -> _dt.date:
        return _dt.date(self.year, self.month, min(self.day, days_in_month(self.year, self.month)))

    def finer_or_equal(self, gran: str) -> bool:
        return _RANK[self.gran] <= _RANK[gran]

    def format(self, gran: str | None = None) -> str:
        """Write the point as a TIMEX3 value at ``gran`` (default: its own granularity)."""
        gran = gran or self.gran
        y = self.year
        if gran == "day":
            return f"{y:04d}-{self.month:02d}-{self.day:02d}"
        if gran == "month":
            return f"{y:04d}-{self.month:02d}"
        if gran == "week":
            iy, iw, _ = self.date().isocalendar()
            return f"{iy:04d}-W{iw:02d}"
        if gran == "quarter":
            return f"{y:04d}-Q{(self.month - 1) // 3 + 1}"
        if gran == "half":
            return f"{y:04d}-H{1 if self.month <= 6 else 2}"
        if gran == "season":
            s = self.season or _MONTH_SEASON[self.month]
            if not self.season and self.month == 12:
                y += 1  # December belongs to next year's winter
            return f"{y:04d}-{s}"
        if gran == "year":
            return f"{y:04d}"
        if gran == "decade":
            return f"{y // 10:03d}"
        if gran == "century":
            return f"{y // 100:02d}"
        raise ValueError(f"unknown granularity {gran!r}")

    # -- arithmetic -----------------------------------------------------------------------------
    def shift(self, unit: str, n: int) -> "Point":
        """Move by ``n`` units (day, week, weekend, month, quarter, half, season, year, decade,
        century); the result keeps this point's granularity unless the unit is finer."""
        if n == 0:
            return self
        if unit in ("day", "week", "weekend"):
            d = self.date() + _dt.timedelta(days=n * (1 if unit == "day" else 7))
            gran = self.gran if _RANK[self.gran] <= _RANK["week"] else "day"
            if unit == "week" and gran == "day" and self.gran != "day":
                gran = "week"
            return replace(self, year=d.year, month=d.month, day=d.day, gran=gran, week=0)
        months = {"month": 1, "quarter": 3, "half": 6, "season": 3, "year": 12,
                  "decade": 120, "century": 1200}.get(unit)
        if months is None:
            raise ValueError(f"unknown unit {unit!r}")
        total = self.year * 12 + (self.month - 1) + n * months
        y, mo = divmod(total, 12)
        mo += 1
        if y < 1 or y > 9999:
            return self
        day = min(self.day, days_in_month(y, mo))
        season = self.season
        if unit == "season" and season:
            i = _SEASON_ORDER.index(season) + n
            season = _SEASON_ORDER[i % 4]
            y = self.year + i // 4
            mo = SEASON_MONTH[season]
        return replace(self, year=y, month=mo, day=day, season=season)

    def with_gran(self, gran: str) -> "Point":
        return replace(self, gran=gran)


# -- weekdays, nth weekdays, Easter -------------------------------------------------------------

def weekday_near(ref: _dt.date, weekday: int, direction: int) -> _dt.date:
    """The date with ISO ``weekday`` (1=Monday) nearest ``ref``: ``direction`` -1 strictly before,
    +1 strictly after, 0 the same day when it matches else the one before."""
    delta = weekday - ref.isoweekday()
    if direction > 0:
        return ref + _dt.timedelta(days=delta % 7 or 7)
    if direction < 0:
        return ref - _dt.timedelta(days=(-delta) % 7 or 7)
    return ref - _dt.timedelta(days=(-delta) % 7)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> _dt.date | None:
    """The ``n``-th ISO ``weekday`` of a month; ``n=-1`` is the last one."""
    if n > 0:
        first = _dt.date(year, month, 1)
        d = first + _dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
        return d if d.month == month else None
    last = _dt.date(year, month, days_in_month(year, month))
    return last - _dt.timedelta(days=(last.isoweekday() - weekday) % 7 + 7 * (-n - 1))


def easter(year: int) -> _dt.date:
    """Western (Gregorian) Easter Sunday (anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return _dt.date(year, month, day + 1)
