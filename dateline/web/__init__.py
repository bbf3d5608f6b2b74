"""A read-only web UI and JSON API over a dateline store: ``dateline serve --db news.db``.

>>> from dateline.web import create_app
>>> app = create_app("news.db")     # doctest: +SKIP  (FastAPI app; serve it with uvicorn)
"""
from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
