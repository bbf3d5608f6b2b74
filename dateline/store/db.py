"""Opening a store: a SQLite file in WAL mode, migrated on open, recognised by its application id."""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from ..errors import DatelineError
from .schema import APPLICATION_ID, migrate

ENV_VAR = "DATELINE_DB"
DEFAULT_DB = "dateline.db"


class StoreError(DatelineError):
    """The database file is missing, unreadable or not a dateline store."""


def default_path(path: str | None = None) -> str:
    """``path`` if given, else ``$DATELINE_DB``, else ``dateline.db``."""
    return path or os.environ.get(ENV_VAR) or DEFAULT_DB


def _connect(path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA busy_timeout = 10000")
    return conn


def _is_dateline(conn: sqlite3.Connection) -> bool:
    return conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def open_store(path: str | None = None, *, create: bool = False, readonly: bool = False) -> sqlite3.Connection:
    """A connection to the store at ``path`` (see :func:`default_path`).

    ``create=True`` makes the file when it is missing (and applies pending migrations);
    otherwise a missing file, a file that is not SQLite, or a SQLite file made by something else
    raise :class:`StoreError` with a one-line message.
    """
    path = default_path(path)
    exists = Path(path).exists()
    if not exists and not create:
        raise StoreError(f"no database at {path}: create one with `dateline ingest PATH... --db {path}`")
    if exists and Path(path).is_dir():
        raise StoreError(f"{path} is a folder, not a database file")
    try:
        if readonly:
            conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True,
                                   isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA busy_timeout = 10000")
        else:
            conn = _connect(path)
        empty = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path} is not a dateline database ({exc})") from None
    if not _is_dateline(conn):
        if not (create and empty):
            conn.close()
            raise StoreError(f"{path} is a SQLite file but not a dateline database; "
                             "give another --db (a new file is created by `dateline ingest`)")
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    if not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")  # WAL + NORMAL: safe against a killed process
        conn.execute("PRAGMA foreign_keys = ON")
        migrate(conn)
    return conn
