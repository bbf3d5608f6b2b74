"""Input side of the Spark job: JSON Lines or Parquet from any path Spark reads, as records.

Every record is validated exactly as ``dateline read``/``ingest`` validate it
(:func:`dateline.readers.jsonl.record_to_article`), on the executors. A record is a tuple in
:data:`RECORD_FIELDS` order: ``kind`` is ``"a"`` (an article) or ``"e"`` (kept aside, with
``reason`` and ``excerpt``). ``line`` is the line (JSON Lines, from 1, blank lines counted) or row
number (Parquet) within the file, as the library's readers number them.

Line numbers are computed without collecting the input: one cheap pass counts the rows of each
file in each partition, a second pass adds each partition's offset. Spark keeps the splits of a
file in partition order (it sorts splits by size, stably, and only a file's last split is smaller),
which is what makes the offsets right.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Iterator
from urllib.parse import unquote, urlparse

from ..article import BadRecord
from ..errors import InputError
from ..readers import ReadOptions
from ..readers.jsonl import DATE_FIELDS, json_error, record_to_article
from ..store.names import text_hash

RECORD_FIELDS = [("kind", "string"), ("id", "string"), ("published", "string"), ("title", "string"),
                 ("url", "string"), ("text", "string"), ("text_hash", "string"), ("source", "string"),
                 ("line", "long"), ("reason", "string"), ("excerpt", "string")]


def source_name(uri: str) -> str:
    """``file:///tmp/a.jsonl`` -> ``/tmp/a.jsonl`` (as the library's readers name local files)."""
    parsed = urlparse(uri)
    return unquote(parsed.path) if parsed.scheme == "file" else uri


def _looks_parquet(path: str) -> bool:
    if path.rstrip("/").lower().endswith((".parquet", ".pq")):
        return True
    local = Path(source_name(path))  # a local folder of part files (Spark's or pandas' output)
    return "://" not in path.replace("file://", "", 1) and local.is_dir() and any(local.glob("*.parquet"))


def input_format(paths: list[str], fmt: str | None = None) -> str:
    """``fmt`` if given, else parquet when every path is Parquet (by name, or a local folder of
    ``.parquet`` files), else jsonl."""
    if fmt:
        return fmt
    return "parquet" if paths and all(_looks_parquet(p) for p in paths) else "jsonl"


def _article(obj: dict, source: str, line: int, options: ReadOptions) -> tuple:
    a = record_to_article(obj, source, line, options)
    return ("a", a.id, a.published.isoformat(), a.title, a.url, a.text, text_hash(a.text), a.source, a.line,
            None, None)


def _bad(bad: BadRecord) -> tuple:
    return ("e", None, None, None, None, None, None, bad.source, bad.line, bad.reason, bad.excerpt or "")


def jsonl_record(value: str, source: str, line: int, options: ReadOptions) -> tuple | None:
    """One JSON Lines line as a record (None for a blank line), with the JSONL reader's reasons."""
    if not value.strip():
        return None
    if value.startswith("\ufeff"):
        value = value[1:]
    value += "\n"  # Spark drops the line end; the reader parses (and quotes) the line with it
    try:
        obj = json.loads(value)
        if not isinstance(obj, dict):
            raise InputError(f"expected a JSON object, got {type(obj).__name__}", source=source, line=line)
        return _article(obj, source, line, options)
    except json.JSONDecodeError as exc:
        return _bad(BadRecord(source=source, line=line, reason=json_error(exc),
                              excerpt=value[:200]))
    except InputError as err:
        return _bad(BadRecord.from_error(err, excerpt=value[:200]))


def row_record(row: dict, source: str, line: int, options: ReadOptions) -> tuple:
    """One Parquet row as a record, with the Parquet reader's reasons."""
    try:
        return _article(row, source, line, options)
    except InputError as err:
        text = row.get(options.field("text"))
        excerpt = text[:200] if isinstance(text, str) else json.dumps(row, default=str, ensure_ascii=False)[:200]
        return _bad(BadRecord.from_error(err, excerpt=excerpt))


def _segments(index: int, rows: Iterable) -> Iterator[tuple[int, int, str, int]]:
    """(partition, segment, source, rows) for each run of rows from one file in a partition."""
    seg, source, n = 0, None, 0
    for row in rows:
        if row[0] != source:
            if source is not None:
                yield index, seg, source, n
                seg += 1
            source, n = row[0], 0
        n += 1
    if source is not None:
        yield index, seg, source, n


def _offsets(counts: list[tuple[int, int, str, int]]) -> dict[tuple[int, int], int]:
    seen: dict[str, int] = {}
    out = {}
    for index, seg, source, n in sorted(counts):
        out[(index, seg)] = seen.get(source, 0)
        seen[source] = out[(index, seg)] + n
    return out


def read_records(spark, paths: list[str], *, fmt: str | None = None, options: ReadOptions | None = None):
    """An RDD of records (tuples in :data:`RECORD_FIELDS` order) for the inputs at ``paths``."""
    from pyspark.sql import functions as F

    options = options or ReadOptions()
    fmt = input_format(paths, fmt)
    if fmt == "parquet":
        df = spark.read.parquet(*paths)
        wanted = {options.field(n) for n in ("id", "text", "title", "url")}
        wanted |= {options.field("date")} if "date" in options.fields else set(DATE_FIELDS)
        cols = [c for c in df.columns if c in wanted]
        df = df.select(F.input_file_name().alias("_source"), *cols)
    elif fmt == "jsonl":
        df = spark.read.text(list(paths)).select(F.input_file_name().alias("_source"), "value")
    else:
        raise ValueError(f"unknown input format {fmt!r}: expected jsonl or parquet")
    rows = df.rdd
    offsets = spark.sparkContext.broadcast(_offsets(rows.mapPartitionsWithIndex(_segments).collect()))

    def convert(index: int, part: Iterable) -> Iterator[tuple]:
        seg, source, k = -1, None, 0
        for row in part:
            if row[0] != source:
                seg, source = seg + 1, row[0]
                base, k, name = offsets.value[(index, seg)], 0, source_name(source)
            k += 1
            line = base + k
            if fmt == "jsonl":
                rec = jsonl_record(row[1], name, line, options)
            else:
                rec = row_record(row.asDict(), name, line, options)
            if rec is not None:
                yield rec

    return rows.mapPartitionsWithIndex(convert)
