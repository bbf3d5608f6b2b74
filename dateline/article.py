"""The input side: an :class:`Article` to read, or a :class:`BadRecord` kept aside with its reason."""
from __future__ import annotations

import datetime as _dt
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from .errors import InputError

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def parse_date(value: Any, *, source: str | None = None, line: int | None = None) -> _dt.date:
    """Parse a publication date: ``YYYY-MM-DD`` (a time part after it is ignored)."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    text = str(value).strip() if value is not None else ""
    m = _ISO_DATE.match(text)
    if not m:
        raise InputError(f"invalid date {text!r}: expected YYYY-MM-DD", source=source, line=line)
    try:
        return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError as exc:
        raise InputError(f"invalid date {m.group(0)!r}: {exc}", source=source, line=line) from None


def text_id(text: str) -> str:
    """A stable id for an article that came without one: a hash of its text."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


@dataclass
class Article:
    text: str
    published: _dt.date
    id: str = ""
    title: str | None = None
    url: str | None = None
    source: str | None = None  # file it came from
    line: int | None = None  # line (JSONL/CSV) or record number (WARC) in that file
    meta: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.id:
            self.id = text_id(self.text)


@dataclass
class BadRecord:
    """An input that could not become an article; batch work keeps it aside and goes on."""

    source: str
    reason: str
    line: int | None = None
    excerpt: str = ""

    def message(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.reason}"

    @classmethod
    def from_error(cls, err: InputError, excerpt: str = "") -> "BadRecord":
        return cls(source=err.source or "<input>", reason=err.message, line=err.line, excerpt=excerpt[:200])
