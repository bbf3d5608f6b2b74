"""Tables: CSV / TSV files and Parquet files, one article a row.

Columns default to ``id``, ``date`` (or ``published``/``dct``), ``text``, ``title``, ``url``; other
names are given with ``ReadOptions.fields`` (``--fields text=body,date=pubdate``). A row without
text or date is kept aside with its line (CSV: the line the row starts on, the header being line 1;
Parquet: the row number, from 1). A table without the text column is one bad record for the file.
"""
from __future__ import annotations

import csv
import io
import sys
from typing import Iterator

from ..article import BadRecord
from ..errors import InputError
from . import ReadOptions, Record, register
from .jsonl import DATE_FIELDS, record_to_article

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # article texts are long fields


def _missing_text(source: str, columns: list[str], options: ReadOptions) -> BadRecord | None:
    name = options.field("text")
    if name in columns:
        return None
    return BadRecord(source=source, line=1 if columns else None,
                     reason=f"no '{name}' column with the article text (columns: {', '.join(map(str, columns)) or 'none'}); "
                            f"name it with --fields text=COLUMN")


def _row_excerpt(row: dict, options: ReadOptions) -> str:
    text = row.get(options.field("text"))
    return (text if isinstance(text, str) and text.strip() else repr(row))[:200]


@register(".csv", ".tsv")
def read_csv(source: str, stream, options: ReadOptions) -> Iterator[Record]:
    delimiter = "\t" if source.lower().endswith(".tsv") else ","
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    reader = csv.DictReader(text, delimiter=delimiter)
    try:
        columns = reader.fieldnames or []
        bad = _missing_text(source, columns, options)
        if bad:
            yield bad
            return
        start = reader.line_num + 1
        for row in reader:
            line = start
            start = reader.line_num + 1
            try:  # a blank optional cell is a missing value, not an empty title or URL
                row = {k: v for k, v in row.items() if v != "" or k == options.field("text")}
                yield record_to_article(row, source, line, options)
            except InputError as err:
                yield BadRecord.from_error(err, excerpt=_row_excerpt(row, options))
    except UnicodeDecodeError as exc:
        yield BadRecord(source=source, line=reader.line_num + 1,
                        reason=f"not UTF-8 ({exc.reason}); the rest of the file was not read: convert it to "
                               "UTF-8 (e.g. iconv -f latin1 -t utf-8)")
    except csv.Error as exc:
        yield BadRecord(source=source, line=reader.line_num,
                        reason=f"not valid CSV: {exc}; the rest of the file was not read")
    finally:
        text.detach()


@register(".parquet", ".pq")
def read_parquet(source: str, stream, options: ReadOptions) -> Iterator[Record]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(stream)
    except (pa.ArrowException, OSError) as exc:
        yield BadRecord(source=source, reason=f"not a readable Parquet file: {exc}")
        return
    columns = list(pf.schema_arrow.names)
    bad = _missing_text(source, columns, options)
    if bad:
        yield bad
        return
    wanted = {options.field(n) for n in ("id", "text", "title", "url")}
    wanted |= {options.field("date")} if "date" in options.fields else set(DATE_FIELDS)
    row_no = 0
    for batch in pf.iter_batches(batch_size=256, columns=[c for c in columns if c in wanted]):
        for row in batch.to_pylist():
            row_no += 1
            try:
                yield record_to_article(row, source, row_no, options)
            except InputError as err:
                yield BadRecord.from_error(err, excerpt=_row_excerpt(row, options))


