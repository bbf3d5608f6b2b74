"""dateline: who said what, about whom, and when — quotes, people and time in dated news articles.

>>> import dateline
>>> result = dateline.read("Jane Roe said on Monday: \\"We will win.\\"", published="2024-03-06")
>>> result.quotes[0].text
'We will win.'
"""
from __future__ import annotations

__version__ = "0.1.0"

import datetime as _dt
from typing import Iterable, Iterator

from .article import Article, BadRecord, parse_date
from .errors import DatelineError, InputError, ModelError
from .model import ArticleResult, SCHEMA_ID


def read(text: str, published: str | _dt.date, *, id: str = "", title: str | None = None,
         url: str | None = None, model: str | None = None) -> ArticleResult:
    """Read one article given as text and its publication date."""
    from .pipeline import process_article

    art = Article(text=text, published=parse_date(published), id=id, title=title, url=url)
    if not text.strip():
        raise InputError("empty article: the text is blank")
    return process_article(art, model=model)


def read_many(articles: Iterable[Article | BadRecord], *, model: str | None = None, workers: int = 1,
              batch_size: int = 32) -> Iterator[tuple[Article | BadRecord, ArticleResult | None]]:
    """Read many articles, streaming ``(article, result)`` pairs; bad records pass through with None."""
    from .pipeline import read_many as _read_many

    return _read_many(articles, model=model, workers=workers, batch_size=batch_size)


def open_store(path: str | None = None, *, create: bool = False, readonly: bool = False):
    """A sqlite3 connection to a dateline knowledge base (see docs/store.md and dateline.store.queries)."""
    from .store import open_store as _open_store

    return _open_store(path, create=create, readonly=readonly)


__all__ = ["Article", "ArticleResult", "BadRecord", "DatelineError", "InputError", "ModelError",
           "SCHEMA_ID", "open_store", "read", "read_many", "__version__"]
