"""Parquet tables (the Spark job's output, or ``dateline export --parquet``) into a new SQLite store.

Each ``DIR/<table>.parquet`` may be one file (export) or a folder of part files (Spark). The rows
keep their ids, so the store is the one the job describes; that is why the target store must hold
no article yet (merging two corpora is a job over both inputs, or an ``ingest``).
"""
from __future__ import annotations

from pathlib import Path

from ..errors import DatelineError
from ..store.db import open_store
from .rows import store_columns

# parents before children (foreign keys); migrations are the store's own
LOAD_ORDER = ["people", "organizations", "articles", "article_people", "article_organizations", "mentions",
              "relations", "quotes", "quote_speakers", "quote_links", "timexes", "events", "errors", "runs"]
CHUNK = 5000


class LoadError(DatelineError):
    """The Parquet folder is incomplete or the target store is not empty."""


def _columns(conn, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]


def load_parquet_tables(folder: str | Path, db_path: str | None) -> dict[str, int]:
    """Load every table's Parquet rows into the store at ``db_path`` (created when missing).

    Returns rows loaded per table. All tables go in one transaction: on any error nothing is loaded.
    """
    import pyarrow.dataset as ds

    folder = Path(folder)
    missing = [t for t in LOAD_ORDER if not (folder / f"{t}.parquet").exists()]
    if missing:
        raise LoadError(f"{folder} has no {', '.join(m + '.parquet' for m in missing)}: expected the output "
                        "of `dateline spark` or `dateline export --parquet`")
    conn = open_store(db_path, create=True)
    try:
        if conn.execute("SELECT count(*) FROM articles").fetchone()[0]:
            raise LoadError(f"{db_path} already holds articles: load Parquet tables into a new database "
                            "(to combine corpora, run the Spark job over all the inputs)")
        counts: dict[str, int] = {}
        conn.execute("BEGIN IMMEDIATE")
        try:
            for table in LOAD_ORDER:
                cols = _columns(conn, table)
                data = ds.dataset(str(folder / f"{table}.parquet"), format="parquet")
                absent = [c for c in cols if c not in data.schema.names]
                if absent:
                    raise LoadError(f"{table}.parquet has no column {', '.join(absent)} (expected the store's "
                                    f"columns: {', '.join(c for c, _ in store_columns()[table])})")
                sql = (f'INSERT INTO "{table}"({", ".join(chr(34) + c + chr(34) for c in cols)}) '
                       f'VALUES ({", ".join("?" for _ in cols)})')
                n = 0
                for batch in data.to_batches(columns=cols, batch_size=CHUNK):
                    rows = list(zip(*(batch.column(c).to_pylist() for c in cols)))
                    conn.executemany(sql, rows)
                    n += len(rows)
                counts[table] = n
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return counts
    finally:
        conn.close()
