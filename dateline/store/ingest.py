"""``ingest``: read inputs, run the pipeline in worker processes, store the results.

Streaming from end to end: records are read lazily, at most a few batches are in flight in the
workers, and the single writer commits every few dozen articles. Articles already stored (same id,
same text) are dropped before parsing, so a rerun is fast and adds nothing.
"""
from __future__ import annotations

import datetime as _dt
import gzip
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from .. import __version__
from ..article import Article, BadRecord
from ..readers import ReadOptions, expand, read
from .db import open_store
from .progress import Progress
from .writer import ADDED, CONFLICT, SAME, Writer, conflict_reason


@dataclass
class IngestSummary:
    run_id: int
    added: int = 0
    skipped: int = 0  # already stored (same id and text)
    errors: int = 0  # records kept aside in this run (bad input, id conflicts)
    seconds: float = 0.0
    error_samples: list[str] = field(default_factory=list)

    @property
    def seen(self) -> int:
        return self.added + self.skipped + self.errors

    def line(self) -> str:
        rate = self.added / self.seconds if self.seconds else 0.0
        return (f"{self.added} article(s) added, {self.skipped} already stored, {self.errors} record(s) kept "
                f"aside in the errors table; {self.seconds:.1f} s ({rate:.1f} articles/s)")


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def _count_lines(path: Path) -> int:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    n = 0
    with opener(path, "rb") as fh:
        for line in fh:
            n += bool(line.strip())
    return n


def estimate_total(paths: Iterable[str]) -> int | None:
    """How many records the inputs hold (for the ETA), or None when it cannot be told cheaply."""
    total = 0
    for item in expand(paths):
        if isinstance(item, BadRecord):
            total += 1
            continue
        if item == "-":
            return None
        p = Path(item)
        name = p.name.lower()
        try:
            if name.endswith((".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")):
                total += _count_lines(p)
            elif name.endswith((".csv", ".tsv")):
                total += max(_count_lines(p) - 1, 0)  # a quoted field over several lines counts more
            elif name.endswith(".parquet"):
                import pyarrow.parquet as pq

                total += pq.ParquetFile(p).metadata.num_rows
            elif name.endswith((".warc", ".warc.gz")):
                return None
            else:
                total += 1
        except Exception:  # noqa: BLE001 - a file the reader will report on; the estimate just stops
            return None
    return total


def model_label(name: str | None, defaults: tuple[str, ...]) -> str:
    """The model a run uses, with its version when it is an installed package (no model is loaded)."""
    from importlib import metadata, util

    for cand in ([name] if name else list(defaults)):
        if Path(cand).exists():
            return str(Path(cand).resolve())
        try:
            if util.find_spec(cand) is None:
                continue
        except (ImportError, ValueError):
            continue
        try:
            return f"{cand} {metadata.version(cand.replace('_', '-'))}"
        except metadata.PackageNotFoundError:
            return cand
    return name or "?"


class _Filter:
    """Drops stored articles before parsing; counts them on the progress bar."""

    def __init__(self, writer: Writer, summary: IngestSummary, progress: Progress):
        self.writer, self.summary, self.progress = writer, summary, progress

    def __call__(self, records: Iterable[Article | BadRecord]) -> Iterator[Article | BadRecord]:
        for rec in records:
            if isinstance(rec, Article):
                state = self.writer.wanted(rec)
                if state == SAME:
                    self.summary.skipped += 1
                    self.progress.update()
                    continue
                if state == CONFLICT:
                    rec = BadRecord(source=rec.source or "<input>", line=rec.line,
                                    reason=conflict_reason(rec.id), excerpt=rec.text[:200])
            yield rec


def ingest(paths: list[str], db: str | None = None, *, workers: int = 1, force: bool = False,
           options: ReadOptions | None = None, model: str | None = None, batch_size: int = 50,
           progress: Progress | None = None, limit: int | None = None) -> IngestSummary:
    """Read ``paths`` into the store at ``db``; see :class:`IngestSummary` for what comes back.

    ``limit`` stops after that many input records (for trials on a corpus's first articles).
    ``progress`` reports as records are done (the CLI passes a bar or periodic log lines; silent
    otherwise).
    """
    from .resilient import read_many_resilient
    from ..nlp import DEFAULT_MODELS, model_name

    options = options or ReadOptions()
    conn = open_store(db, create=True)
    settings = {"paths": list(paths), "workers": workers, "force": force,
                "date": options.date.isoformat() if options.date else None, "fields": options.fields,
                "limit": limit}
    run_id = conn.execute(
        "INSERT INTO runs(version, model, settings, started_at) VALUES (?, ?, ?, ?)",
        (__version__, model_label(model_name(model), DEFAULT_MODELS), json.dumps(settings), _now())).lastrowid
    summary = IngestSummary(run_id=run_id)
    progress = progress or Progress(None, bar=False, every=float("inf"))  # the library is quiet
    start = progress.start
    writer = Writer(conn, batch_size=batch_size, force=force)
    records: Iterable = read(paths, options)
    if limit is not None:
        import itertools

        records = itertools.islice(records, limit)
    status = "failed"
    try:
        for record, result in read_many_resilient(_Filter(writer, summary, progress)(records), model=model,
                                                  workers=workers):
            if result is None:
                summary.errors += 1
                if len(summary.error_samples) < 10:
                    summary.error_samples.append(record.message())
                writer.add_error(record)
            else:
                outcome = writer.add(record, result)
                if outcome == ADDED:
                    summary.added += 1
                elif outcome == SAME:
                    summary.skipped += 1
                else:
                    summary.errors += 1
                    if len(summary.error_samples) < 10:
                        summary.error_samples.append(f"{record.source}:{record.line}: {conflict_reason(record.id)}")
            progress.update()
        writer.commit()
        if force:
            writer.prune()
        status = "done"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        if conn.in_transaction:
            writer.commit() if status == "interrupted" else conn.execute("ROLLBACK")
        progress.close()
        summary.seconds = time.monotonic() - start
        conn.execute(
            """UPDATE runs SET finished_at = ?, status = ?, articles_added = ?, articles_skipped = ?, errors = ?
               WHERE id = ?""",
            (_now(), status, summary.added, summary.skipped, summary.errors, run_id))
        conn.close()
    return summary
