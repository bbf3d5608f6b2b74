"""JSON Lines: one article per line (``.jsonl``, ``.ndjson``, gzip-compressed ``.jsonl.gz``)."""
from __future__ import annotations

import gzip
import json
import zlib
from typing import Iterator

from ..article import Article, BadRecord, parse_date
from ..errors import InputError
from . import ReadOptions, Record, register
from .text import decode

DATE_FIELDS = ("date", "published", "dct")


def record_to_article(obj: dict, source: str, line: int, options: ReadOptions) -> Article:
    """A mapping (JSON object, CSV row, Parquet row) to an Article, or an InputError saying why not."""
    text_field = options.field("text")
    text = obj.get(text_field)
    if not isinstance(text, str):
        raise InputError(f"no '{text_field}' field with the article text", source=source, line=line)
    if not text.strip():
        raise InputError("empty article: the text is blank", source=source, line=line)
    date_value = None
    for name in ([options.field("date")] if "date" in options.fields else DATE_FIELDS):
        if obj.get(name) not in (None, ""):
            date_value = obj[name]
            break
    if date_value is None:
        if options.date is None:
            raise InputError("no publication date: give 'date', 'published' or 'dct', or --date",
                             source=source, line=line)
        published = options.date
    else:
        published = parse_date(date_value, source=source, line=line)
    rid = obj.get(options.field("id"))
    title = obj.get(options.field("title"))
    url = obj.get(options.field("url"))
    return Article(text=text, published=published, id=str(rid) if rid not in (None, "") else "",
                   title=title if isinstance(title, str) else None,
                   url=url if isinstance(url, str) else None, source=source, line=line)


def json_error(exc: json.JSONDecodeError) -> str:
    """The one-line reason for a line that is not JSON (shared with the Spark job's reader)."""
    return f"not JSON: {exc.msg.removesuffix(' at')} at column {exc.colno}"


@register(".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
def read_jsonl(source: str, stream, options: ReadOptions) -> Iterator[Record]:
    if hasattr(stream, "peek") and stream.peek(2)[:2] == b"\x1f\x8b":
        stream = gzip.GzipFile(fileobj=stream)
    lineno = 0
    while True:
        try:
            line = stream.readline()
        except (OSError, EOFError, zlib.error) as exc:
            yield BadRecord(source=source, line=lineno + 1 if lineno else None,
                            reason=f"not a readable gzip file: {exc}")
            return
        if not line:
            break
        lineno += 1
        if not line.strip():
            continue
        try:
            obj = json.loads(decode(source, line, lineno))
            if not isinstance(obj, dict):
                raise InputError(f"expected a JSON object, got {type(obj).__name__}", source=source, line=lineno)
            yield record_to_article(obj, source, lineno, options)
        except json.JSONDecodeError as exc:
            yield BadRecord(source=source, line=lineno, reason=json_error(exc),
                            excerpt=line[:200].decode("utf-8", "replace"))
        except InputError as err:
            yield BadRecord.from_error(err, excerpt=line[:200].decode("utf-8", "replace"))
