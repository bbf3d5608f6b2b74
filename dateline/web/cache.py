"""A small thread-safe LRU memo for answers that only change when the database does.

Keys carry the database's :func:`stamp`, so rows added by an ingest running next to the server
(or a ``--force`` rerun, which replaces rows with new ones) make older entries unreachable.
"""
from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from typing import Any, Callable, Hashable


def stamp(conn: sqlite3.Connection) -> tuple:
    """Changes whenever an ingest adds or replaces articles or quotes (each lookup is one index probe)."""
    return conn.execute("""SELECT (SELECT max(pk) FROM articles), (SELECT max(pk) FROM quotes),
                                  (SELECT max(id) FROM runs)""").fetchone()[:]


class Memo:
    def __init__(self, size: int = 512):
        self.size = size
        self._data: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                self.hits += 1
                return self._data[key]
        value = compute()  # outside the lock: two threads may both compute a new key, harmlessly
        with self._lock:
            self.misses += 1
            self._data[key] = value
            self._data.move_to_end(key)
            while len(self._data) > self.size:
                self._data.popitem(last=False)
        return value
