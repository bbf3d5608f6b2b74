"""``read_many`` that survives a stage failing on one article: batch work must go on.

:func:`dateline.pipeline.read_many` stops at the first exception a stage raises. Here the records
still in flight when that happens are read again one at a time in this process; the article that
fails again becomes a :class:`BadRecord` ("internal error ..."), the others are kept, and a fresh
``read_many`` takes the rest of the input. Results come out in input order, as from ``read_many``.
"""
from __future__ import annotations

import logging
from collections import OrderedDict
from typing import Iterable, Iterator

from ..article import Article, BadRecord

log = logging.getLogger(__name__)


def internal_error(article: Article, exc: BaseException) -> BadRecord:
    return BadRecord(source=article.source or "<input>", line=article.line, excerpt=article.text[:200],
                     reason=f"internal error while reading article {article.id!r} "
                            f"({type(exc).__name__}: {str(exc)[:200]}); please report it")


def read_many_resilient(records: Iterable[Article | BadRecord], *, model: str | None = None,
                        workers: int = 1) -> Iterator[tuple]:
    from ..nlp import load
    from ..pipeline import process_article, read_many

    source = iter(records)
    in_flight: OrderedDict[int, Article | BadRecord] = OrderedDict()

    def feed() -> Iterator[Article | BadRecord]:
        for rec in source:
            in_flight[id(rec)] = rec
            yield rec

    while True:
        try:
            for rec, result in read_many(feed(), model=model, workers=workers):
                in_flight.pop(id(rec), None)
                yield rec, result
            return
        except Exception as exc:  # noqa: BLE001 - a stage's bug must not end the whole ingest
            log.warning("pipeline failed (%s: %s); retrying %d article(s) one by one",
                        type(exc).__name__, exc, len(in_flight))
            pending = list(in_flight.values())
            in_flight.clear()
            nlp = load(model)
            for rec in pending:
                if isinstance(rec, BadRecord):
                    yield rec, None
                    continue
                try:
                    result = process_article(rec, nlp)
                except Exception as again:  # noqa: BLE001
                    yield internal_error(rec, again), None
                else:
                    yield rec, result
