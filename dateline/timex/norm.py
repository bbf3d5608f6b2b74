"""Normalisation functions a value template may call as ``{group|name}``.

A name is either a table from ``normalization/NAME.tsv`` (looked up after :func:`norm_key`) or one
of the functions in :data:`FUNCTIONS` below. Every function takes the group's text, all groups of
the match and the tables, and returns a string or None (None drops the candidate).
"""
from __future__ import annotations

import re
from typing import Callable

_WS = re.compile(r"[\s\-]+")


def norm_key(text: str) -> str:
    """Lowercase, collapse spaces and hyphens to one space, drop a trailing period."""
    return _WS.sub(" ", text.strip().lower()).rstrip(".").strip()


_UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
          "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
          "nineteen": 19, "a": 1, "an": 1, "single": 1, "couple": 2, "a couple of": 2,
          "a couple": 2, "couple of": 2, "dozen": 12, "a dozen": 12, "half a": 0.5, "half an": 0.5, "a half": 0.5}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_VAGUE = {"few", "a few", "several", "some", "many", "a number of", "numerous", "the",
          "a handful of", "dozens of", "hundreds of", "thousands of", "a few more"}
_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
        "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
        "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
        "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "last": -1}


def words_to_number(text: str) -> float | None:
    """'twenty four' -> 24, 'a hundred' -> 100, '2 1/2' -> 2.5, '1,000' -> 1000; None if unknown."""
    t = norm_key(text).replace(",", "")
    if t in ("a couple of", "a couple", "couple of", "couple"):
        return 2
    if t in ("half a", "half an", "a half"):
        return 0.5
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return float(t) if "." in t else int(t)
    m = re.fullmatch(r"(\d+)\s+(\d)/(\d)", t)
    if m:
        return int(m[1]) + int(m[2]) / int(m[3])
    m = re.fullmatch(r"(.+?)\s+and\s+a\s+half", t)
    if m:
        base = words_to_number(m[1])
        return None if base is None else base + 0.5
    total, current = 0, 0
    seen = False
    for w in t.replace(" and ", " ").split():
        if w in _UNITS:
            current += _UNITS[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w in _SCALES:
            current = max(current, 1) * _SCALES[w]
            if _SCALES[w] >= 1000:
                total, current = total + current, 0
        elif w.isdigit():
            current += int(w)
        else:
            return None
        seen = True
    return total + current if seen else None


def _fmt_num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def f_num(text, groups, tables):
    t = norm_key(text)
    if t in _VAGUE or t.endswith(" of") and t[:-3] in _VAGUE:
        return "X"
    n = words_to_number(t)
    return None if n is None else _fmt_num(n)


def f_numhalf(text, groups, tables):
    """The number plus one half: 'a minute and a half' -> 1.5."""
    n = f_num(text, groups, tables)
    return None if n is None or n == "X" else _fmt_num(float(n) + 0.5)


def f_ord(text, groups, tables):
    t = norm_key(text)
    if t in _ORD:
        return str(_ORD[t])
    m = re.fullmatch(r"(\d+)(?:st|nd|rd|th)?", t)
    if m:
        return m[1]
    for tens, v in _TENS.items():  # twenty-first, thirty first
        if t.startswith(tens):
            rest = t[len(tens):].strip()
            if rest in _ORD:
                return str(v + _ORD[rest])
    return None


def f_day(text, groups, tables):
    d = f_ord(text, groups, tables)
    if d is None or not d.isdigit() or not 1 <= int(d) <= 31:
        return None
    return f"{int(d):02d}"


def f_month(text, groups, tables):
    t = norm_key(text)
    if t.isdigit():
        return f"{int(t):02d}" if 1 <= int(t) <= 12 else None
    return tables["month"].get(t) or tables["month"].get(t[:3])


def f_year(text, groups, tables):
    """'2020' -> 2020, "'90" / '90 -> 1990 (two digits >= 30 read as 19xx, else 20xx),
    'nineteen ninety-one' -> 1991, 'two thousand' -> 2000."""
    t = norm_key(text).lstrip("'’")
    if re.fullmatch(r"\d{4}", t):
        return t
    if re.fullmatch(r"\d\d", t):
        return ("19" if int(t) >= 30 else "20") + t
    parts = t.split()
    if len(parts) >= 2 and parts[0] in ("nineteen", "eighteen", "twenty", "seventeen"):
        hi = words_to_number(parts[0])
        rest = " ".join(parts[1:])
        if rest.startswith("hundred"):
            lo = words_to_number(rest[len("hundred"):].strip() or "zero")
        else:
            lo = words_to_number(rest)
        if hi is not None and lo is not None and lo < 100:
            return f"{int(hi) * 100 + int(lo):04d}"
    n = words_to_number(t.replace("the year ", ""))
    if n is not None and 1000 <= n <= 2999 and float(n).is_integer():
        return f"{int(n):04d}"
    return None


def f_decade(text, groups, tables):
    """'1990s' -> 199, "'90s" -> 199, 'nineties' -> 199, '2010s' -> 201."""
    t = norm_key(text).lstrip("'’")
    m = re.fullmatch(r"(\d{3})0'?s", t)
    if m:
        return m[1]
    m = re.fullmatch(r"(\d)0'?s", t)
    if m:
        return ("19" if int(m[1]) >= 3 else "20") + m[1]
    v = tables["decade"].get(t)
    return v


def f_century(text, groups, tables):
    n = f_ord(text, groups, tables)
    if n is None or not n.isdigit():
        return None
    return f"{int(n) - 1:02d}"


def f_hour(text, groups, tables):
    """12-hour clock to 24-hour, reading group ``ampm`` (a/p) when present."""
    t = norm_key(text)
    h = int(t) if t.isdigit() else words_to_number(t)
    if h is None:
        return None
    h = int(h)
    ampm = (groups.get("ampm") or "").lower()[:1]
    if ampm == "p" and h < 12:
        h += 12
    elif ampm == "a" and h == 12:
        h = 0
    return f"{h:02d}" if 0 <= h <= 24 else None


def f_hourpod(text, groups, tables):
    """'4' with group ``pod`` 'afternoon' -> '16': a clock hour read with the part of day
    after it ("4 in the morning", "8 in the evening", "11 at night")."""
    t = norm_key(text)
    h = int(t) if t.isdigit() else words_to_number(t)
    if h is None or not 1 <= h <= 12:
        return None
    h = int(h)
    pod = norm_key(groups.get("pod") or groups.get("pod2") or "")
    if pod in ("afternoon", "evening") and h < 12:
        h += 12
    elif pod == "night" and 6 <= h < 12:
        h += 12
    elif pod in ("morning", "night") and h == 12:
        h = 0
    return f"{h:02d}"


def f_min(text, groups, tables):
    t = norm_key(text)
    return f"{int(t):02d}" if t.isdigit() and int(t) < 60 else None


def f_holiday(text, groups, tables):
    t = norm_key(text).replace("’", "'")
    for rx, key in tables["_holiday_regexes"].items():
        if re.fullmatch(rx, t):
            return key
    return None


def f_quarter(text, groups, tables):
    n = f_ord(text, groups, tables)
    if n is None:
        t = norm_key(text)
        n = t[1:] if t[:1] == "q" else None
    return n if n in ("1", "2", "3", "4") else None


def f_upper(text, groups, tables):
    return text.upper()


FUNCTIONS: dict[str, Callable] = {
    "num": f_num, "numhalf": f_numhalf, "ord": f_ord, "day": f_day, "month": f_month, "year": f_year,
    "decade": f_decade, "century": f_century, "hour": f_hour, "hourpod": f_hourpod, "min": f_min,
    "holiday": f_holiday, "quarter": f_quarter, "upper": f_upper,
}


def apply(fn: str | None, text: str, groups: dict, tables: dict) -> str | None:
    if fn is None:
        return text
    if fn in FUNCTIONS:
        return FUNCTIONS[fn](text, groups, tables)
    return tables[fn].get(norm_key(text))


_DUR = re.compile(r"^P(?P<n>\d+(?:\.\d+)?|X)(?P<u>TH|TM|TS|DE|CE|ML|Y|Q|M|W|D|H)$")
_FRACTION = {"Y": (12, "M"), "M": (30, "D"), "W": (7, "D"), "D": (24, "H"), "TH": (60, "M"),
             "TM": (60, "S")}


def canonical_duration(value: str) -> str:
    """Turn template output like 'P3TH', 'P2DE', 'P2.5Y' into TIMEX3 ('PT3H', 'P20Y', 'P2Y6M')."""
    m = _DUR.match(value)
    if not m:
        return value
    n, u = m["n"], m["u"]
    if u in ("DE", "CE", "ML"):
        if n == "X":
            return "P" + "X" + u
        mult = {"DE": 10, "CE": 100, "ML": 1000}[u]
        return f"P{_fmt_num(float(n) * mult)}Y"
    if u == "H":
        u = "TH"
    if u == "Q":
        return "PXM" if n == "X" else f"P{_fmt_num(float(n) * 3)}M"
    if n != "X" and "." in n:
        whole, frac = divmod(float(n), 1)
        if u in _FRACTION and frac:
            k, sub = _FRACTION[u]
            parts = (f"{int(whole)}{u[-1]}" if whole else "") + f"{_fmt_num(frac * k)}{sub}"
            if u.startswith("T"):
                return "PT" + parts
            if sub == "H":
                return "P" + (f"{int(whole)}D" if whole else "") + f"T{_fmt_num(frac * k)}H"
            return "P" + parts
    if u.startswith("T"):
        return f"PT{n}{u[1]}"
    return f"P{n}{u}"
