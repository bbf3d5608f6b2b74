"""Phase 2: turn an underspecified value into a TIMEX3 value against a reference point.

Underspecified forms the rules emit (anything else is already final):

``REF:<unit><+-n>[@gran]``  the reference moved by n units (``REF:day-1`` yesterday,
                            ``REF:year-1@month`` a year ago at month granularity)
``ANC:<unit><+-n>[@gran]``  the same against the previous dated expression (``the next day``);
                            ``@keep`` keeps that expression's own granularity
``WD:<1-7>[:<dir>]``        a weekday; dir -1 last, +1 next, 0 this; no dir: news bias
``AWD:<1-7>:<dir>``         a weekday before (-1) or after (+1) the previous dated expression
                            ("the previous Friday"), or the reference when there is none
``MON:<mm>[:<dir>]``        a month without a year
``MD:<mm>-<dd>[:<dir>]``    a month and day without a year
``SEA:<SP|SU|FA|WI>[:<dir>]`` a season without a year
``Q:<1-4>[:<dir>]`` / ``H:<1-2>[:<dir>]`` a quarter / half without a year
``HOL:<key>[:<dir>]``       a holiday from holidays.tsv without a year
``DEC:<d>``                 a decade digit without the century ("the '90s" -> closest)

A time suffix (``T15:00``, ``TMO``) may follow any of them and is appended after resolution; a
``~week`` suffix turns the resolved day into its ISO week ("the week of March 6").
News bias: with no explicit direction an expression points to the past or the reference day itself,
unless the tense is ``future`` (a cue such as "will" or "next" near the expression).
"""
from __future__ import annotations

import datetime as _dt
import re

from .calendar import _MONTH_SEASON, Point, valid_date, weekday_near
from .holidays import Holiday

_FORM = re.compile(r"^(?P<fn>REF|ANC|AWD|WD|MON|MD|SEA|Q|H|HOL|DEC|YX|WE|DOM):(?P<args>[^T]*)(?P<time>T.*)?$")
_SHIFT = re.compile(r"^(?P<unit>[a-z]+)(?P<n>[+-](?:\d+|X))(?:@(?P<gran>[a-z]+))?$")
_UNIT_GRAN = {"day": "day", "week": "week", "weekend": "week", "month": "month",
              "quarter": "quarter", "half": "half", "season": "season", "year": "year",
              "decade": "decade", "century": "century"}
_AHEAD_COST = 1.5  # no cue: a date this much nearer ahead than behind wins
_AHEAD_COST_MONTH = 3.0
_ORDER = ["day", "week", "month", "season", "quarter", "half", "year", "decade", "century"]


def is_underspecified(value: str) -> bool:
    return bool(_FORM.match(value))


def needs_anchor(value: str) -> bool:
    return value.startswith(("ANC:", "AWD:"))


def _dirarg(args: list[str]) -> int | None:
    return int(args[1]) if len(args) > 1 and args[1] != "" else None


def _coarsest(a: str, b: str) -> str:
    return a if _ORDER.index(a) >= _ORDER.index(b) else b


def resolve(value: str, ref: Point, tense: str | None, holidays: dict[str, Holiday],
            anchor: Point | None = None) -> str | None:
    """Resolve ``value`` against ``ref`` (and ``anchor`` for ``ANC:``). None if impossible
    (for instance a date before year 1 or after 9999)."""
    try:
        if value.endswith("~week"):
            out = _resolve(value[:-5], ref, tense, holidays, anchor)
            if out is None or not re.match(r"^\d{4}-\d\d-\d\d$", out):
                return out
            y, w, _ = _dt.date.fromisoformat(out).isocalendar()
            return f"{y:04d}-W{w:02d}"
        return _resolve(value, ref, tense, holidays, anchor)
    except (ValueError, OverflowError, IndexError):
        return None


def _resolve(value: str, ref: Point, tense: str | None, holidays: dict[str, Holiday],
             anchor: Point | None = None) -> str | None:
    m = _FORM.match(value)
    if not m:
        return value
    fn, args, suffix = m["fn"], m["args"].split(":"), m["time"] or ""
    future = tense == "future"
    is_past = tense == "past"
    out: str | None = None
    if fn in ("REF", "ANC"):
        base = anchor if fn == "ANC" and anchor is not None else ref
        s = _SHIFT.match(args[0])
        if not s:
            return None
        if s["n"][1:] == "X":  # "several years ago": direction only
            return ("PAST_REF" if s["n"][0] == "-" else "FUTURE_REF") + suffix
        unit, n, gran = s["unit"], int(s["n"]), s["gran"]
        if unit not in _UNIT_GRAN:
            return None
        if gran == "keep":
            gran = _coarsest(base.gran, _UNIT_GRAN[unit])
        gran = gran or _UNIT_GRAN[unit]
        if _ORDER.index(base.gran) > _ORDER.index(gran):
            gran = base.gran  # cannot be finer than what we know
        p = base.shift(unit, n)
        out = p.format(gran)
        if unit == "weekend" and gran == "week":
            out += "-WE"
    elif fn == "WD":
        if ref.gran != "day":
            out = f"XXXX-WXX-{args[0]}"
        else:
            d = _dirarg(args)
            r = ref.date()
            wd = int(args[0])
            if d is None:
                if wd == r.isoweekday():
                    day = r
                else:
                    day = weekday_near(r, wd, 1 if future else -1)
            elif d == 0:  # "this Friday": within the reference's week
                day = r + _dt.timedelta(days=wd - r.isoweekday())
            else:
                day = weekday_near(r, wd, d)
            out = day.isoformat()
    elif fn == "AWD":
        base = anchor if anchor is not None and anchor.gran == "day" else ref
        if base.gran != "day":
            return None
        out = weekday_near(base.date(), int(args[0]), _dirarg(args) or -1).isoformat()
    elif fn == "MON":
        mo = int(args[0])
        d = _dirarg(args)
        y = ref.year
        if d == -1:
            y = ref.year if mo < ref.month else ref.year - 1
        elif d == 1:
            y = ref.year if mo > ref.month else ref.year + 1
        elif d is None and ref.gran in ("day", "week", "month"):
            if future:
                y = ref.year if mo >= ref.month else ref.year + 1
            elif is_past:
                y = ref.year if mo <= ref.month else ref.year - 1
            else:
                back = (ref.month - mo) % 12
                ahead = (mo - ref.month) % 12
                if back and ahead * _AHEAD_COST_MONTH < back:
                    y = ref.year if mo > ref.month else ref.year + 1
                else:
                    y = ref.year if mo <= ref.month else ref.year - 1
        out = f"{y:04d}-{mo:02d}"
    elif fn == "MD":
        mo, dd = (int(x) for x in args[0].split("-"))
        d = _dirarg(args)
        out = None
        if ref.gran == "day":
            r = ref.date()
            cands = [_dt.date(y, mo, dd) for y in (r.year - 1, r.year, r.year + 1)
                     if valid_date(y, mo, dd)]
            past = [c for c in cands if c <= r]
            fut = [c for c in cands if c >= r]
            if d == -1 or (d is None and not future):
                best = max(past) if past else None
                if d is None and fut and not is_past:
                    f = min(fut)
                    if best is None or (f - r).days * _AHEAD_COST < (r - best).days:
                        best = f
            else:
                best = min(fut) if fut else None
            out = best.isoformat() if best else None
        else:
            y = ref.year
            out = f"{y:04d}-{mo:02d}-{dd:02d}" if valid_date(y, mo, dd) else None
    elif fn == "SEA":
        s_ = args[0]
        d = _dirarg(args)
        y = ref.year
        cur = _MONTH_SEASON[ref.month]
        if d in (-1, 1):
            # walk month by month away from the current season to the first month of s_
            total = ref.year * 12 + ref.month - 1
            for k in range(1, 16):
                yy, mm = divmod(total + d * k, 12)
                mm += 1
                if _MONTH_SEASON[mm] == s_ and not (k < 3 and _MONTH_SEASON[mm] == cur):
                    y = yy + (1 if (s_ == "WI" and mm == 12) else 0)
                    break
        out = f"{y:04d}-{s_}"
    elif fn in ("Q", "H"):
        k = int(args[0])
        d = _dirarg(args)
        size = 3 if fn == "Q" else 6
        cur = (ref.month - 1) // size + 1
        y = ref.year
        if d == -1 and k >= cur:
            y -= 1
        elif d is None and not future and k > cur:
            y -= 1
        elif d == 1 and k <= cur:
            y += 1
        out = f"{y:04d}-{fn}{k}"
    elif fn == "HOL":
        h = holidays.get(args[0])
        if h is None:
            return None
        if len(args) > 1 and args[1].startswith("@"):
            day = h.on(int(args[1][1:]))
        else:
            d = _dirarg(args)
            if d is None:
                d = 1 if future else 0
            if ref.gran == "day":
                day = h.near(ref.date(), d)
            else:
                day = h.on(ref.year)
        out = day.isoformat() if day else None
    elif fn == "YX":  # YX:<year shift>:<rest>  ("June last year" = YX:-1:06)
        rest = args[1] if len(args) > 1 else ""
        out = f"{ref.year + int(args[0]):04d}" + (f"-{rest}" if rest else "")
    elif fn == "WE":  # the weekend: this week's when on it or ahead, else the one just past
        d = _dirarg([""] + args) if args and args[0] else None
        r = ref.date() if ref.gran == "day" else None
        if r is None:
            return None
        if d is None:
            d = 0 if (r.isoweekday() >= 6 or future) else -1
        elif d == 0 and r.isoweekday() < 6 and not future:
            d = 0
        out = ref.shift("week", d).format("week") + "-WE"
    elif fn == "DOM":  # "the 30th": a day of the reference month, else of the month before
        dd = int(args[0])
        if ref.gran != "day":
            return None
        r = ref.date()
        y, mo = r.year, r.month
        if (dd > r.day and not future) or (future and dd < r.day):
            shift = -1 if not future else 1
            p = ref.shift("month", shift)
            y, mo = p.year, p.month
        out = f"{y:04d}-{mo:02d}-{dd:02d}" if valid_date(y, mo, dd) else None
    elif fn == "DEC":
        digit = int(args[0])
        c = ref.year // 100
        cand = c * 10 + digit
        if cand * 10 > ref.year:
            cand -= 10
        out = f"{cand:03d}"
    if out is None:
        return None
    return out + suffix
