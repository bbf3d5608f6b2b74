"""dateline on Spark: the same reading of every article, on a cluster (see docs/spark.md).

>>> from dateline.spark import session, run, load_parquet_tables
>>> spark = session("local[2]")                                    # doctest: +SKIP
>>> run(spark, ["corpus.jsonl"], "out/")                           # doctest: +SKIP
>>> load_parquet_tables("out/", "news.db")                         # doctest: +SKIP

PySpark is imported only when a job runs: ``pip install 'dateline[spark]'``.
"""
from __future__ import annotations

from .job import process_partition, run
from .load import LoadError, load_parquet_tables
from .rows import article_rows, store_columns
from .session import SparkSetupError, check_setup, java_version, session

__all__ = ["LoadError", "SparkSetupError", "article_rows", "check_setup", "java_version", "load_parquet_tables",
           "process_partition", "run", "session", "store_columns"]
