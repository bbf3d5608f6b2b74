"""Helpers shared by the tests that watch a knowledge base from outside (kill and rerun tests)."""
from __future__ import annotations

import sqlite3
from pathlib import Path


def stored(db: Path) -> int:
    """Articles committed so far (read-only; 0 while the file is not created yet)."""
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return 0
