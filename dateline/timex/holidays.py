"""Holidays and observances as data: ``holidays.tsv`` rows call a small allow-list of date
functions (a fixed day, the n-th weekday of a month, an offset from Western Easter)."""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path

from .calendar import easter, nth_weekday, valid_date
from .errors import RuleFileError


@dataclass(frozen=True)
class Holiday:
    key: str
    kind: str            # fixed | nth | easter
    args: tuple[int, ...]
    names: tuple[str, ...]

    def on(self, year: int) -> _dt.date | None:
        """The holiday's date in ``year`` (None when the year is out of range)."""
        if not 1 <= year <= 9998:
            return None
        a = self.args
        if self.kind == "fixed":
            return _dt.date(year, a[0], a[1]) if valid_date(year, a[0], a[1]) else None
        if self.kind == "nth":
            d = nth_weekday(year, a[0], a[1], a[2])
            if d is not None and len(a) > 3:
                d += _dt.timedelta(days=a[3])
            return d
        return easter(year) + _dt.timedelta(days=a[0])

    def near(self, ref: _dt.date, direction: int) -> _dt.date | None:
        """Occurrence relative to ``ref``: -1/0 the most recent on or before ``ref``, +1 the next
        on or after it."""
        for y in ((ref.year, ref.year - 1) if direction <= 0 else (ref.year, ref.year + 1)):
            d = self.on(y)
            if d is None:
                continue
            if (direction <= 0 and d <= ref) or (direction > 0 and d >= ref):
                return d
        return None


def _parse_rule(path: Path, lineno: int, key: str, rule: str) -> tuple[str, tuple[int, ...]]:
    parts = rule.split()
    try:
        if parts[0] == "fixed" and len(parts) == 2:
            m, d = (int(x) for x in parts[1].split("-"))
            if not valid_date(2000, m, d):
                raise ValueError("no such day")
            return "fixed", (m, d)
        if parts[0] == "nth" and len(parts) in (4, 5):
            args = tuple(int(x) for x in parts[1:])
            if not (1 <= args[0] <= 12 and 1 <= args[1] <= 7 and args[2] in (-1, 1, 2, 3, 4, 5)):
                raise ValueError("month 1-12, weekday 1-7, n in 1..5 or -1")
            return "nth", args
        if parts[0] == "easter" and len(parts) == 2:
            return "easter", (int(parts[1]),)
    except (ValueError, IndexError) as exc:
        raise RuleFileError(path, lineno, key, f"bad rule {rule!r}: {exc}") from None
    raise RuleFileError(path, lineno, key,
                        f"bad rule {rule!r}: use 'fixed MM-DD', 'nth MONTH WEEKDAY N [OFFSET]' "
                        "or 'easter OFFSET'")


def load_holidays(path: Path) -> dict[str, Holiday]:
    out: dict[str, Holiday] = {}
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 3:
            raise RuleFileError(path, lineno, cols[0],
                                "expected 3 tab-separated columns: key, rule, names")
        key, rule, names = (c.strip() for c in cols)
        if key in out:
            raise RuleFileError(path, lineno, key, "duplicate holiday key")
        kind, args = _parse_rule(path, lineno, key, rule)
        out[key] = Holiday(key, kind, args, tuple(n.strip() for n in names.split("|") if n.strip()))
    return out
