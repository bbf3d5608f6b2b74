"""`dateline ingest|quotes|people|timeline|stats|export`: the knowledge base from the command line.

Thin shells over :mod:`dateline.store`; every command takes ``--db`` (default ``$DATELINE_DB``,
else ``dateline.db``).
"""
from __future__ import annotations

import csv
import json
import sys

import click

from ..errors import UsageError
from ..readers import ReadOptions
from ..store import default_path, estimate_total, export_parquet, ingest, open_store, queries
from ..store.progress import Progress
from .common import DATE, date_option, model_option, workers_option

db_option = click.option("--db", "db", metavar="FILE", default=None,
                         help="The database file (default: $DATELINE_DB, else dateline.db).")
FIELDS = ("id", "date", "text", "title", "url")


def parse_fields(value: str | None) -> dict[str, str]:
    """``id=doc_id,text=body`` to ``{"id": "doc_id", "text": "body"}``."""
    out: dict[str, str] = {}
    for part in (value or "").split(","):
        if not part.strip():
            continue
        key, sep, column = part.partition("=")
        key, column = key.strip(), column.strip()
        if not sep or key not in FIELDS or not column:
            raise UsageError(f"--fields: {part.strip()!r} is not FIELD=COLUMN with FIELD one of {', '.join(FIELDS)}")
        out[key] = column
    return out


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@db_option
@workers_option
@click.option("--force", is_flag=True, help="Reprocess articles that are already stored (replacing their rows).")
@date_option
@click.option("--fields", metavar="FIELD=COLUMN,...", default=None,
              help="Column/field names for CSV, Parquet and JSON Lines (defaults id,date,text,title,url), "
                   "e.g. --fields text=body,date=pubdate.")
@click.option("--limit", type=click.IntRange(1), default=None, help="Stop after this many input records.")
@model_option
def ingest_cmd(paths, db, workers, force, date, fields, limit, model):
    """Read articles into a SQLite knowledge base (created when missing).

    PATH is a file or folder: seed-format .txt, JSON Lines (.jsonl, .jsonl.gz), CSV/TSV, Parquet,
    HTML pages (.html; main text by trafilatura) or WARC archives (.warc, .warc.gz). Articles
    already stored (same id and text) are skipped before parsing, so running the same ingest again
    is fast and adds nothing; an interrupted ingest resumes where it stopped.

    Records that cannot be read (bad JSON, no text, no date, undecodable) go to the `errors` table
    and are counted in the summary; the exit status is still 0 then. It is 1 when nothing could be
    read at all (every input bad, e.g. a mistyped path) or on a database/model error.

    \b
    Examples:
      dateline ingest corpus.jsonl --db news.db --workers 2
      dateline ingest pages/ --date 2024-03-06 --db news.db
      dateline ingest table.csv --fields id=doc_id,text=body,date=pubdate --db news.db
    """
    options = ReadOptions(date=date, fields=parse_fields(fields))
    total = estimate_total(paths)
    if total is not None and limit is not None:
        total = min(total, limit)
    progress = Progress(total)
    summary = ingest(list(paths), db, workers=workers, force=force, options=options, model=model,
                     progress=progress, limit=limit)
    for sample in summary.error_samples:
        click.echo(f"dateline: kept aside {sample}", err=True)
    if summary.errors > len(summary.error_samples):
        click.echo(f"dateline: ... and {summary.errors - len(summary.error_samples)} more "
                   f"(SELECT * FROM errors in {default_path(db)})", err=True)
    click.echo(f"dateline: {summary.line()}", err=True)
    if summary.errors and not summary.added and not summary.skipped:
        sys.exit(1)


# -- output -------------------------------------------------------------------------------------
def _cell(value, width: int) -> str:
    text = "" if value is None else " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def emit(rows: list[dict], columns: list[tuple[str, int]], fmt: str) -> None:
    """Rows as an aligned table, JSON Lines (every field) or CSV (every field)."""
    out = sys.stdout
    if fmt == "json":
        for r in rows:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        if rows:
            writer = csv.DictWriter(out, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    else:
        out.write("  ".join(name.upper().ljust(w) for name, w in columns).rstrip() + "\n")
        for r in rows:
            out.write("  ".join(_cell(r.get(name), w).ljust(w) for name, w in columns).rstrip() + "\n")


format_option = click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
                             show_default=True, help="table, json (one object a line) or csv.")


@click.command("quotes")
@click.option("--speaker", metavar="NAME", help="Said by this person or organisation.")
@click.option("--about", metavar="NAME", help="The quote's words mention this person.")
@click.option("--since", type=DATE, default=None, help="Articles published on or after this date.")
@click.option("--until", type=DATE, default=None, help="Articles published on or before this date.")
@click.option("--search", metavar="TEXT", help="Every word of TEXT is in the quote (full-text search).")
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True)
@format_option
@db_option
def quotes_cmd(speaker, about, since, until, search, limit, fmt, db):
    """Quotes in the knowledge base, newest first, with speaker and source article.

    \b
    Examples:
      dateline quotes --speaker "Lena Okafor" --since 2023-01-01
      dateline quotes --about Okafor --search "pier" --format json
    """
    conn = open_store(db, readonly=True)
    rows = queries.quotes(conn, speaker=speaker, about=about, since=since, until=until, search=search,
                          limit=limit)
    for r in rows:
        r.pop("pk", None)
        r.pop("text_hash", None)
    emit(rows, [("published", 10), ("speakers", 22), ("text", 70), ("article_id", 16)], fmt)


@click.command("people")
@click.argument("name", required=False)
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True)
@format_option
@db_option
def people_cmd(name, limit, fmt, db):
    """A person's profile (aliases, attributes, relations, counts, latest quotes); without NAME,
    the most-quoted people."""
    conn = open_store(db, readonly=True)
    if not name:
        emit(queries.top_people(conn, limit), [("id", 6), ("name", 30), ("quotes", 6), ("quoted_in", 9),
                                               ("articles", 8)], fmt)
        return
    found = queries.find_people(conn, name)
    if not found:
        raise UsageError(f"no person called {name!r} in {default_path(db)}; `dateline people` lists the most quoted")
    if len(found) > 1 and fmt == "table":
        click.echo(f"{len(found)} people match {name!r}; showing the most quoted "
                   f"(others: {'; '.join(p['name'] for p in found[1:6])})", err=True)
    prof = queries.profile(conn, found[0]["id"])
    if fmt != "table":
        sys.stdout.write(json.dumps(prof, ensure_ascii=False) + "\n")
        return
    _print_profile(prof)


def _print_profile(p: dict) -> None:
    def vals(items):
        return ", ".join(f"{i['value']} ({i['articles']})" for i in items) or "-"

    click.echo(f"{p['name']}  [person {p['id']}]")
    click.echo(f"  articles: {p['articles']}  mentions: {p['mentions']}  quotes: {p['quotes']}  "
               f"seen: {p['first_seen']} .. {p['last_seen']}")
    click.echo(f"  aliases: {vals(p['aliases'])}")
    click.echo(f"  gender: {vals(p['gender'])}")
    click.echo(f"  descriptors: {vals(p['descriptors'])}")
    for a in p["ages"]:
        click.echo(f"  age {a['age']} on {a['published']} (born {a['born_earliest']} .. {a['born_latest']}; "
                   f"{a['article_id']})")
    for r in p["relations"]:
        rel = f"{r['relation']} of {r['other']}" if r["role"] == "subject" else f"has {r['relation']} {r['other']}"
        click.echo(f"  relation: {rel} ({r['article_id']})")
    if p["recent_quotes"]:
        click.echo("  latest quotes:")
    for q in p["recent_quotes"]:
        click.echo(f"    {q['published']}  \"{_cell(q['text'], 90)}\" ({q['article_id']})")


@click.command("timeline")
@click.argument("name")
@format_option
@db_option
def timeline_cmd(name, fmt, db):
    """Dated events and quotes of a person, in date order, with the source of each."""
    conn = open_store(db, readonly=True)
    found = queries.find_people(conn, name)
    if not found:
        raise UsageError(f"no person called {name!r} in {default_path(db)}; `dateline people` lists the most quoted")
    exact = [p for p in found if p["key"] == found[0]["key"]]
    rows = queries.timeline(conn, [p["id"] for p in exact])
    emit(rows, [("date", 10), ("kind", 5), ("text", 70), ("article_id", 16), ("dated_by", 9)], fmt)


@click.command("stats")
@format_option
@db_option
def stats_cmd(fmt, db):
    """Row counts, date range, repeated quotes, errors and the latest runs."""
    s = queries.stats(open_store(db, readonly=True))
    if fmt != "table":
        sys.stdout.write(json.dumps(s, ensure_ascii=False) + "\n")
        return
    click.echo(f"articles published {s['first_published']} .. {s['last_published']}")
    for table, n in s["tables"].items():
        click.echo(f"  {table:<22} {n:>9}")
    click.echo(f"quoted people: {s['quoted_people']}; quotes without a speaker: {s['quotes_without_speaker']}; "
               f"quotes repeated across articles: {s['repeated_quotes']}")
    for e in s["errors_by_source"]:
        click.echo(f"errors: {e['errors']} in {e['source']}")
    for r in s["runs"]:
        click.echo(f"run {r['id']}: {r['status']} {r['started_at']} .. {r['finished_at'] or '?'}, "
                   f"{r['articles_added']} added, {r['articles_skipped']} skipped, {r['errors']} errors "
                   f"(dateline {r['version']}, model {r['model']}, workers {r['settings'].get('workers')})")


@click.command("export")
@click.option("--parquet", "folder", metavar="DIR", required=True, help="Folder for the Parquet files.")
@db_option
def export_cmd(folder, db):
    """Write every table to DIR/<table>.parquet (for pandas, DuckDB, Spark)."""
    counts = export_parquet(open_store(db, readonly=True), folder)
    for table, n in counts.items():
        click.echo(f"{folder}/{table}.parquet  {n} rows", err=True)


COMMANDS = [ingest_cmd, quotes_cmd, people_cmd, timeline_cmd, stats_cmd, export_cmd]
