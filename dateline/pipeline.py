"""One article in, one result out: a single spaCy parse, then the stages in a fixed order.

Every shell (CLI, store, web, Spark) calls :func:`process_article` or :func:`read_many`.
"""
from __future__ import annotations

import logging
import multiprocessing as mp
import time
from collections import defaultdict
from typing import Callable, Iterable, Iterator

from . import events, people, quotes, timestage
from .article import Article, BadRecord
from .context import Context
from .model import ArticleResult
from .errors import InputError
from .nlp import load, parse, parse_many

# articles longer than this are refused with a reason (never silently truncated); change it with
# --max-chars. Within the limit, long texts are parsed piecewise so memory stays bounded.
MAX_CHARS = 1_000_000

log = logging.getLogger(__name__)

# the order matters: quotes resolve speakers through people; said_on comes from the timexes and
# re-anchors the timexes inside dated quotes; events take participants and dates from all of them
STAGES: list[tuple[str, Callable[[Context], None]]] = [
    ("time", timestage.run),
    ("people", people.run),
    ("quotes", quotes.run),
    ("time-in-quotes", timestage.reanchor_in_quotes),
    ("events", events.run),
]

# seconds spent per stage in this process (the benchmark reads it)
STAGE_SECONDS: dict[str, float] = defaultdict(float)


def analyse(article: Article, doc) -> ArticleResult:
    """Run the stages over an article whose parse is ``doc``."""
    ctx = Context(article=article, doc=doc)
    for name, stage in STAGES:
        t0 = time.perf_counter()
        stage(ctx)
        STAGE_SECONDS[name] += time.perf_counter() - t0
    return ctx.result()


def process_article(article: Article, nlp=None, *, model: str | None = None) -> ArticleResult:
    """Read one article: parse it once and run every stage."""
    check_length(article)
    nlp = nlp or load(model)
    t0 = time.perf_counter()
    doc = parse(nlp, article.text)
    STAGE_SECONDS["parse"] += time.perf_counter() - t0
    return analyse(article, doc)


def check_length(article: Article, max_chars: int | None = None) -> None:
    limit = MAX_CHARS if max_chars is None else max_chars
    if len(article.text) > limit:
        raise InputError(f"article is {len(article.text):,} characters, above the limit of {limit:,}; "
                         "split it, or raise the limit with --max-chars", source=article.source or article.id,
                         line=article.line)


Outcome = tuple[Article | BadRecord, ArticleResult | None]


def _internal_error(article: Article, exc: BaseException) -> BadRecord:
    """A stage failed on this article: keep it aside with the reason and go on with the rest."""
    log.warning("internal error on article %s: %s: %s", article.id, type(exc).__name__, exc, exc_info=exc)
    return BadRecord(source=article.source or article.id, line=article.line, excerpt=article.text[:200],
                     reason=f"internal error on article {article.id}, please report it: "
                            f"{type(exc).__name__}: {str(exc)[:200]}")


def _process_batch(articles: list[Article], nlp, batch_size: int) -> list[Outcome]:
    out: list[Outcome] = []
    t0 = time.perf_counter()
    try:
        docs = list(parse_many(nlp, (a.text for a in articles), batch_size=batch_size))
    except Exception:  # find the article the parser fails on: parse them one by one
        docs = []
        for a in articles:
            try:
                docs.append(parse(nlp, a.text))
            except Exception as exc:
                docs.append(exc)
    STAGE_SECONDS["parse"] += time.perf_counter() - t0
    for art, doc in zip(articles, docs):
        if isinstance(doc, Exception):
            out.append((_internal_error(art, doc), None))
            continue
        try:
            out.append((art, analyse(art, doc)))
        except Exception as exc:
            out.append((_internal_error(art, exc), None))
    return out


_WORKER_NLP = None


def _worker_init(model: str | None) -> None:
    global _WORKER_NLP
    _WORKER_NLP = load(model)


def _worker_run(args: tuple[list[Article], int]) -> list[Outcome]:
    articles, batch_size = args
    return _process_batch(articles, _WORKER_NLP, batch_size)


def _chunks(records: Iterable[Article | BadRecord], size: int,
            max_chars: int | None = None) -> Iterator[tuple[list[Article], list[BadRecord]]]:
    arts: list[Article] = []
    bad: list[BadRecord] = []
    for rec in records:
        if isinstance(rec, Article):
            try:
                check_length(rec, max_chars)
            except InputError as err:
                rec = BadRecord.from_error(err, excerpt=rec.text[:200])
        (bad if isinstance(rec, BadRecord) else arts).append(rec)
        if len(arts) >= size or len(bad) >= size:
            yield arts, bad
            arts, bad = [], []
    if arts or bad:
        yield arts, bad


def read_many(records: Iterable[Article | BadRecord], *, model: str | None = None, nlp=None,
              batch_size: int = 32, workers: int = 1, max_chars: int | None = None) -> Iterator[Outcome]:
    """Stream ``(record, result)`` pairs; a BadRecord passes through with ``None``.

    Articles come out in input order; a bad record comes out with the batch it arrived in.
    Articles longer than ``max_chars`` (default :data:`MAX_CHARS`) become BadRecords.

    With ``workers > 1`` the parsing runs in that many processes (each loads the model once);
    memory stays bounded because only a few batches are in flight.
    """
    if workers <= 1:
        nlp = nlp or load(model)
        for arts, bad in _chunks(records, batch_size, max_chars):
            for b in bad:
                yield b, None
            if arts:
                yield from _process_batch(arts, nlp, batch_size)
        return

    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    with ctx.Pool(workers, initializer=_worker_init, initargs=(model,)) as pool:
        pending: list = []
        for arts, bad in _chunks(records, batch_size, max_chars):
            pending.append((bad, pool.apply_async(_worker_run, ((arts, batch_size),)) if arts else None))
            while len(pending) > workers * 2:
                yield from _drain(pending.pop(0))
        for item in pending:
            yield from _drain(item)


def _drain(item) -> Iterator[Outcome]:
    bad, res = item
    for b in bad:
        yield b, None
    if res is not None:
        yield from res.get()
