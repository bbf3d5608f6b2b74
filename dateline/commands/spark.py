"""`dateline spark` and `dateline load-parquet`: thin shells over :mod:`dateline.spark`."""
from __future__ import annotations

import sys

import click

from ..errors import DatelineError
from ..readers import ReadOptions
from .common import date_option, max_chars_option, model_option
from .store import parse_fields


def _fail(err: DatelineError):
    click.echo(f"dateline: error: {err}", err=True)
    sys.exit(1)


@click.command("spark")
@click.argument("paths", nargs=-1, required=True, metavar="INPUT... OUTPUT")
@click.option("--partitions", type=click.IntRange(1), default=None, metavar="N",
              help="Partitions to read the articles in [default: 4 x the cluster's cores].")
@click.option("--master", default=None, metavar="URL",
              help="Spark master, e.g. local[2] (default: what spark-submit or the environment sets, "
                   "else local[*]).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "parquet"]), default=None,
              help="Input format [default: parquet when every INPUT ends in .parquet, else jsonl].")
@click.option("--fields", metavar="FIELD=COLUMN,...", default=None,
              help="Field/column names (defaults id,date,text,title,url), e.g. --fields text=body.")
@date_option
@max_chars_option
@model_option
def spark_cmd(paths, partitions, master, fmt, fields, date, max_chars, model):
    """Read articles on Spark and write OUTPUT/<table>.parquet for every table of the store.

    INPUT is any path Spark reads (local, hdfs://, s3a://, gs://, a folder or a glob) of JSON Lines
    (.jsonl, .jsonl.gz) or Parquet. The tables have the columns `dateline export --parquet` writes;
    records that cannot be read go to the errors table and the job goes on. Load the result into
    SQLite with `dateline load-parquet OUTPUT --db FILE`.

    \b
    Examples:
      dateline spark corpus.jsonl out/ --master local[2]
      spark-submit --archives env.tar.gz#env dateline/spark/__main__.py s3a://news/2024/ s3a://news/out/
    (see docs/spark.md for shipping the environment and the model to a cluster)
    """
    if len(paths) < 2:
        raise click.UsageError("give at least one INPUT and the OUTPUT folder")
    from ..spark import check_setup, run, session

    try:
        check_setup()
        from pyspark.errors import AnalysisException

        options = ReadOptions(date=date, fields=parse_fields(fields))
        spark = session(master or _default_master())
        try:
            summary = run(spark, list(paths[:-1]), paths[-1], partitions=partitions, fmt=fmt, options=options,
                          model=model, max_chars=max_chars)
        except AnalysisException as exc:  # a missing input path, an unreadable Parquet schema
            raise DatelineError(str(exc).splitlines()[0]) from None
    except DatelineError as err:
        _fail(err)
    tables = ", ".join(f"{t} {n}" for t, n in summary["tables"].items() if n)
    click.echo(f"dateline: {summary['articles']} article(s) read, {summary['skipped']} duplicate(s) skipped, "
               f"{summary['errors']} record(s) in the errors table; {summary['seconds']:.1f} s "
               f"({tables}) -> {paths[-1]}", err=True)


def _default_master() -> str | None:
    """None under spark-submit (it sets spark.master), else local[*]."""
    import os

    return None if os.environ.get("SPARK_ENV_LOADED") or os.environ.get("PYSPARK_GATEWAY_PORT") else "local[*]"


@click.command("load-parquet")
@click.argument("folder", metavar="DIR", type=click.Path(exists=True, file_okay=False))
@click.option("--db", "db", metavar="FILE", default=None,
              help="The database file to create (default: $DATELINE_DB, else dateline.db); it must hold no article.")
def load_parquet_cmd(folder, db):
    """Load Parquet tables (from `dateline spark` or `dateline export --parquet`) into a new store.

    The ids are kept, so the query commands then answer over the Spark job's corpus.
    """
    from ..spark.load import load_parquet_tables
    from ..store import default_path

    try:
        counts = load_parquet_tables(folder, default_path(db))
    except DatelineError as err:
        _fail(err)
    click.echo(f"dateline: loaded {counts.get('articles', 0)} article(s), {counts.get('quotes', 0)} quote(s), "
               f"{counts.get('people', 0)} people, {counts.get('errors', 0)} error(s) into {default_path(db)}",
               err=True)


COMMANDS = [spark_cmd, load_parquet_cmd]
