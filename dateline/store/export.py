"""Parquet export: one file per table, written in chunks so memory stays flat on big stores.

Column types follow the SQLite declarations: INTEGER columns become int64, everything else
string (JSON columns stay JSON text). Read them with pandas, DuckDB, Spark or pyarrow.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

from .schema import TABLES

CHUNK = 5000


def _schema(conn: sqlite3.Connection, table: str):
    import pyarrow as pa

    fields = []
    for col in conn.execute(f'PRAGMA table_info("{table}")'):  # sql-ok: one of TABLES
        decl = (col["type"] or "").upper()
        fields.append(pa.field(col["name"], pa.int64() if "INT" in decl else pa.string()))
    return pa.schema(fields)


def export_parquet(conn: sqlite3.Connection, folder: str | Path, tables: list[str] | None = None) -> dict[str, int]:
    """Write ``<folder>/<table>.parquet`` for every table; returns rows written per table."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    unknown = [t for t in (tables or []) if t not in TABLES]
    if unknown:
        raise ValueError(f"not a table of the store: {', '.join(map(repr, unknown))}; "
                         f"choose from {', '.join(TABLES)}")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for table in tables or TABLES:
        schema = _schema(conn, table)
        names = ", ".join(f'"{n}"' for n in schema.names)
        target = folder / f"{table}.parquet"
        partial = target.with_suffix(".parquet.partial")
        n = 0
        with pq.ParquetWriter(partial, schema) as out:
            # sql-ok: table is one of TABLES, names are its columns from PRAGMA table_info
            cur = conn.execute(f'SELECT {names} FROM "{table}" ORDER BY rowid' if table != "migrations"
                               else f'SELECT {names} FROM "{table}" ORDER BY name')
            while rows := cur.fetchmany(CHUNK):
                cols = list(zip(*rows))
                out.write_table(pa.table([pa.array(c, type=f.type) for c, f in zip(cols, schema)], schema=schema))
                n += len(rows)
            if n == 0:
                out.write_table(schema.empty_table())
        partial.replace(target)
        counts[table] = n
    return counts
