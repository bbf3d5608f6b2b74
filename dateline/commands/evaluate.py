"""`dateline eval`: score dateline against gold data (PolNeAR quotes, TempEval-3 time expressions)."""
from __future__ import annotations

import json
from pathlib import Path

import click

from ..errors import InputError
from .common import model_option


def _gold(path: str) -> Path:
    p = Path(path)
    if not p.is_file():
        raise InputError("no such gold file", source=path)
    return p


@click.group("eval")
def eval_group():
    """Score dateline against gold annotations and print a table (or --json).

    \b
      dateline eval quotes ../shared/data/polnear/dev.jsonl
      dateline eval timex ../shared/data/timeml/timebank.jsonl --json
    """


@eval_group.command("quotes")
@click.argument("gold", metavar="GOLD.jsonl")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--limit", type=click.IntRange(1), default=None, help="Only the first N articles.")
@model_option
def eval_quotes(gold, as_json, limit, model):
    """Quotes and speakers against PolNeAR-format gold.

    Reports any-overlap, half and exact P/R/F1 of top-level quotes, speaker accuracy and
    who-said-what P/R/F1 (half match with the right speaker).
    """
    from ..evaluate.quotes import evaluate_quotes, format_quotes_table

    result = evaluate_quotes(_gold(gold), model=model, limit=limit)
    click.echo(json.dumps(result, indent=2) if as_json else format_quotes_table(result))


@eval_group.command("timex")
@click.argument("gold", metavar="GOLD.jsonl")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_timex(gold, as_json):
    """Time expressions against TempEval-3 gold (TimeML JSONL with a 'dct' per document).

    Reports strict and relaxed span P/R/F1, type accuracy and value F1 as TempEval-3 defines them.
    """
    from ..evaluate.timex import evaluate_timex, format_timex_table

    result = evaluate_timex(_gold(gold))
    click.echo(json.dumps(result, indent=2) if as_json else format_timex_table(result))


COMMANDS = [eval_group]
