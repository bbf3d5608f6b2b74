"""`dateline read`: articles in, a summary or contract JSON out."""
from __future__ import annotations

import sys

import click

from ..article import BadRecord
from ..pipeline import read_many
from ..readers import ReadOptions, read
from ..summary import render
from .common import date_option, max_chars_option, model_option, workers_option


@click.command("read")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@date_option
@click.option("--json", "as_json", is_flag=True, help="One contract object (dateline.article/1) per line on stdout.")
@model_option
@workers_option
@max_chars_option
def read_cmd(paths, date, as_json, model, workers, max_chars):
    """Read articles and print who said what, about whom, and when.

    PATH is a file, a folder (every article file inside it) or - for stdin. Bad inputs are reported
    on stderr, one line each with file and line; the others are still read, and the exit status is 1.

    \b
    Examples:
      dateline read examples/
      dateline read story.txt --date 2021-10-25
      dateline read corpus.jsonl --json > results.jsonl
    """
    bad = 0
    done = 0
    out = sys.stdout
    records = read(paths, ReadOptions(date=date))
    first = True
    for record, result in read_many(records, model=model, workers=workers, max_chars=max_chars):
        if isinstance(record, BadRecord):
            bad += 1
            click.echo(f"dateline: skipped {record.message()}", err=True)
            continue
        done += 1
        if as_json:
            out.write(result.to_json() + "\n")
        else:
            if not first:
                out.write("\n")
            out.write(render(result) + "\n")
        first = False
    out.flush()
    if bad:
        click.echo(f"dateline: {done} article(s) read, {bad} input(s) skipped", err=True)
        sys.exit(1)


COMMANDS = [read_cmd]
