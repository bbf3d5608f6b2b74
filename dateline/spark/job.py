"""The Spark job: every article read by the same pipeline, on every partition, into Parquet tables.

    records (validated on executors) -> duplicates by id set aside -> repartition
      -> mapPartitions: read_many with the model loaded once per Python worker
      -> per-article rows (keys instead of corpus ids) -> corpus ids, people, links
      -> OUTPUT/<table>.parquet/ for every table of the store

Bad records (not JSON, no text, bad date, too long, an id seen with another text, an article a
stage failed on) become rows of the ``errors`` table; the job goes on.
"""
from __future__ import annotations

import datetime as _dt
import json
import logging
import time
from typing import Iterable, Iterator

from .. import __version__
from ..article import Article, BadRecord
from ..readers import ReadOptions
from ..store.schema import MIGRATIONS, TABLES
from ..store.writer import conflict_reason
from .inputs import RECORD_FIELDS, read_records
from .rows import ARTICLE_TABLES, article_rows, error_rows, staged_columns, store_columns

BATCH = 32
log = logging.getLogger("dateline.spark")


def _type(name: str):
    from pyspark.sql import types as T

    return {"long": T.LongType(), "string": T.StringType()}[name]


def _struct(cols: list[tuple[str, str]]):
    from pyspark.sql import types as T

    return T.StructType([T.StructField(n, _type(t), True) for n, t in cols])


def result_schema():
    """One row per record: an array of rows for every per-article table."""
    from pyspark.sql import types as T

    staged = staged_columns()
    return T.StructType([T.StructField(t, T.ArrayType(_struct(staged[t])), False) for t in ARTICLE_TABLES])


def _row(tables: dict[str, list[tuple]]) -> tuple:
    return tuple(tables.get(t, []) for t in ARTICLE_TABLES)


def _articles(part: Iterable) -> Iterator[Article]:
    for r in part:
        yield Article(text=r["text"], published=_dt.date.fromisoformat(r["published"]), id=r["id"],
                      title=r["title"], url=r["url"], source=r["source"], line=r["line"])


def _outcome(record, result) -> tuple:
    return _row(error_rows(record) if result is None else article_rows(record, result))


def process_partition(part: Iterable, *, model: str | None = None, max_chars: int | None = None) -> Iterator[tuple]:
    """Read a partition's articles; the model is loaded once per Python worker (``dateline.nlp.load``
    caches it per process, and Spark reuses its Python workers)."""
    from ..nlp import load
    from ..pipeline import read_many

    nlp = load(model)
    batch: list[Article] = []

    def flush():
        try:
            outcomes = [_outcome(rec, res) for rec, res in read_many(batch, nlp=nlp, batch_size=BATCH,
                                                                    max_chars=max_chars)]
        except Exception:  # noqa: BLE001 - find the article a stage fails on; keep the others
            outcomes = []
            for art in batch:
                try:
                    outcomes.extend(_outcome(rec, res) for rec, res in read_many([art], nlp=nlp,
                                                                                 max_chars=max_chars))
                except Exception as exc:  # noqa: BLE001
                    bad = BadRecord(source=art.source or "<input>", line=art.line, excerpt=art.text[:200],
                                    reason=f"internal error while reading article {art.id!r}: "
                                           f"{type(exc).__name__}: {exc}"[:500])
                    outcomes.append(_row(error_rows(bad)))
        batch.clear()
        return outcomes

    for art in _articles(part):
        batch.append(art)
        if len(batch) >= BATCH:
            yield from flush()
    if batch:
        yield from flush()


def _hash_id(*cols):
    """A corpus id from key columns: 63-bit xxhash64, the same in every run and every corpus (so two
    jobs' outputs agree on ids); a collision would stop the SQLite load on a UNIQUE constraint."""
    from pyspark.sql import functions as F

    return F.xxhash64(*cols).bitwiseAND(F.lit(0x7FFFFFFFFFFFFFFF))


def _first_names(staged, key: str):
    """Corpus rows (id, key, name): the name from the earliest article (date, id), first in it."""
    from pyspark.sql import functions as F

    first = staged.groupBy(key).agg(F.min(F.struct("published", "article_id", "ord", "name")).alias("f"))
    return first.select(_hash_id(key).alias("id"), F.col(key).alias("key"), F.col("f.name").alias("name"))


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def run(spark, inputs: list[str], output: str, *, partitions: int | None = None, fmt: str | None = None,
        options: ReadOptions | None = None, model: str | None = None, max_chars: int | None = None) -> dict:
    """Read ``inputs`` and write ``output/<table>.parquet/`` for every store table.

    Returns ``{"tables": {table: rows}, "articles": n, "skipped": n, "errors": n, "seconds": s,
    "task_seconds": s}`` (``task_seconds``: the time tasks spent in the pipeline, summed over tasks, without
    loading the model).
    """
    from pyspark import StorageLevel
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    started, t0 = _now(), time.monotonic()
    options = options or ReadOptions()
    records = spark.createDataFrame(read_records(spark, inputs, fmt=fmt, options=options),
                                    _struct(RECORD_FIELDS)).persist(StorageLevel.MEMORY_AND_DISK)
    arts = records.where("kind = 'a'")
    # one article per id: the first by (source, line); later copies with the same text are skipped,
    # with another text kept aside (as ingest does when an id is already stored)
    w = Window.partitionBy("id").orderBy("source", "line")
    ranked = arts.withColumn("_rn", F.row_number().over(w)).withColumn("_first", F.first("text_hash").over(w))
    kept = ranked.where("_rn = 1").drop("_rn", "_first")
    conflicts = ranked.where("_rn > 1 AND text_hash <> _first")
    reason = F.udf(conflict_reason)
    skipped = ranked.where("_rn > 1 AND text_hash = _first").count()
    log.info("records read and checked for duplicates: %.1f s", time.monotonic() - t0)

    n = partitions or max(spark.sparkContext.defaultParallelism * 4, 1)
    model_name = model
    busy = spark.sparkContext.accumulator(0.0)  # seconds the tasks spent reading articles

    def work(part):
        from ..nlp import load

        load(model_name)  # once per Python worker; not counted in task_seconds
        t = time.perf_counter()
        yield from process_partition(part, model=model_name, max_chars=max_chars)
        busy.add(time.perf_counter() - t)

    results = spark.createDataFrame(kept.repartition(n).rdd.mapPartitions(work), result_schema())
    results = results.persist(StorageLevel.MEMORY_AND_DISK)

    def table(t):
        return results.select(F.explode(t).alias("r")).select("r.*")

    cols = store_columns()
    out: dict = {}
    staged = {t: table(t) for t in ARTICLE_TABLES}
    people = _first_names(staged["article_people"], "person_key")
    orgs = _first_names(staged["article_organizations"], "organization_key")
    pid = F.when(F.col("person_key").isNotNull(), _hash_id("person_key"))
    oid = F.when(F.col("organization_key").isNotNull(), _hash_id("organization_key"))
    qs = staged["quote_speakers"].withColumn("person_id", pid).withColumn("organization_id", oid)
    links = (qs.where("person_id IS NOT NULL OR organization_id IS NOT NULL")
             .withColumn("speaker_key", F.when(F.col("person_id").isNotNull(),
                                               F.concat(F.lit("person:"), F.col("person_id").cast("string")))
                         .otherwise(F.concat(F.lit("organization:"), F.col("organization_id").cast("string"))))
             .groupBy("text_hash", "speaker_key")
             .agg(F.min(F.struct("published", "article_id")).alias("f"))
             .select("text_hash", "speaker_key", F.col("f.article_id").alias("first_article_id"),
                     F.col("f.published").alias("first_published")))
    errors = (staged["errors"]
              .unionByName(records.where("kind = 'e'").select("source", "line", "reason", "excerpt"))
              .unionByName(conflicts.select("source", "line", reason("id").alias("reason"),
                                            F.substring("text", 1, 200).alias("excerpt")))
              .dropDuplicates(["source", "line", "reason"]))
    frames = {
        "articles": staged["articles"].withColumn("pk", _hash_id("id")),
        "people": people,
        "organizations": orgs,
        "article_people": staged["article_people"].withColumn("person_id", pid),
        "article_organizations": staged["article_organizations"].withColumn("organization_id", oid),
        "quotes": staged["quotes"].withColumn("pk", _hash_id("article_id", "local_id")),
        "quote_speakers": qs,
        "quote_links": links,
        "errors": errors.withColumn("id", _hash_id(F.coalesce("source", F.lit("")),
                                                   F.coalesce(F.col("line"), F.lit(-1)), "reason")),
    }
    for t in ("mentions", "relations", "timexes", "events"):
        frames[t] = staged[t]
    for t, frame in frames.items():
        frame.select(*[F.col(c).cast(_type(k)) for c, k in cols[t]]).write.mode("overwrite").parquet(
            f"{output.rstrip('/')}/{t}.parquet")
        out[t] = spark.read.parquet(f"{output.rstrip('/')}/{t}.parquet").count()
        log.info("%s: %d rows written at %.1f s", t, out[t], time.monotonic() - t0)
    summary = {"articles": out["articles"], "skipped": skipped, "errors": out["errors"]}
    settings = {"paths": list(inputs), "spark": spark.sparkContext.master, "partitions": n,
                "date": options.date.isoformat() if options.date else None, "fields": options.fields}
    from ..nlp import DEFAULT_MODELS, model_name as _model_name
    from ..store.ingest import model_label

    finished = _now()
    meta = {
        "runs": [(1, __version__, model_label(_model_name(model), DEFAULT_MODELS), json.dumps(settings), started,
                  finished, "done", summary["articles"], skipped, summary["errors"])],
        "migrations": [(name, finished) for name, _ in MIGRATIONS],
    }
    for t, rows in meta.items():
        spark.createDataFrame(rows, _struct(cols[t])).coalesce(1).write.mode("overwrite").parquet(
            f"{output.rstrip('/')}/{t}.parquet")
        out[t] = len(rows)
    records.unpersist()
    results.unpersist()
    summary["tables"] = {t: out[t] for t in TABLES}
    summary["seconds"] = time.monotonic() - t0
    summary["task_seconds"] = busy.value
    return summary
