"""The SQLite knowledge base: ``dateline ingest`` writes it, the query commands and any SQLite tool
read it. See docs/store.md for the schema.

>>> from dateline.store import ingest, open_store, queries
>>> summary = ingest(["corpus.jsonl"], "news.db", workers=2)        # doctest: +SKIP
>>> queries.quotes(open_store("news.db"), speaker="Jane Roe")       # doctest: +SKIP
"""
from __future__ import annotations

from . import queries
from .db import DEFAULT_DB, ENV_VAR, StoreError, default_path, open_store
from .export import export_parquet
from .ingest import IngestSummary, estimate_total, ingest
from .schema import MIGRATIONS, TABLES, migrate

__all__ = ["DEFAULT_DB", "ENV_VAR", "IngestSummary", "MIGRATIONS", "StoreError", "TABLES", "default_path",
           "estimate_total", "export_parquet", "ingest", "migrate", "open_store", "queries"]
