"""Seed-format and plain text files."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from ..article import Article, BadRecord, parse_date
from ..errors import InputError
from . import ReadOptions, Record, register

# optional leading whitespace, "date", a date-like token, exactly one space, then the text
_SEED = re.compile(r"^\s*date\s+(\S+) ", re.ASCII)


def decode(source: str, raw: bytes, line: int | None = None) -> str:
    """UTF-8 (a BOM is dropped) or an InputError naming the first bad byte."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not UTF-8: byte 0x{raw[exc.start]:02x} at offset {exc.start} cannot be decoded; "
            "convert the file to UTF-8 (e.g. iconv -f latin1 -t utf-8)",
            source=source, line=line) from None
    return text[1:] if text.startswith("\ufeff") else text


def _stem(source: str) -> str:
    return Path(source).name.rsplit(".", 1)[0] if source != "<stdin>" else ""


@register(".txt", ".text")
def read_text(source: str, stream, options: ReadOptions) -> Iterator[Record]:
    raw = stream.read()
    try:
        content = decode(source, raw)
        m = _SEED.match(content)
        if m:
            published = parse_date(m.group(1), source=source, line=1)
            text = content[m.end():]
        elif options.date is not None:
            published, text = options.date, content
        else:
            raise InputError("no publication date: the file does not start with 'date YYYY-MM-DD ' "
                             "and no --date was given", source=source, line=1)
        if not text.strip():
            raise InputError("empty article: no text after the date", source=source, line=1)
    except InputError as err:
        yield BadRecord.from_error(err, excerpt=raw[:200].decode("utf-8", "replace"))
        return
    yield Article(text=text, published=published, id=_stem(source), source=source, line=None)
