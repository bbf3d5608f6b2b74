"""The command line: a thin shell over the library.

Subcommands live in :mod:`dateline.commands` (one module per family); each module exposes
``COMMANDS``, a list of click commands added to the ``dateline`` group here.
"""
from __future__ import annotations

import importlib
import sys

import click

from . import __version__
from .errors import DatelineError

COMMAND_MODULES = ("read", "evaluate", "store", "web", "spark")


class _Group(click.Group):
    """Turns a DatelineError anywhere into one line on stderr and exit status 1: never a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except DatelineError as err:
            click.echo(f"dateline: error: {err}", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("dateline: interrupted", err=True)
            sys.exit(130)
        except BrokenPipeError:  # `dateline read ... | head`
            sys.exit(0)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="dateline")
def cli():
    """Who said what, about whom, and when — in dated news articles.

    \b
    Read articles and print people, quotes with their speakers, and a timeline:
      dateline read examples/
      dateline read article.txt --date 2021-10-25 --json
      dateline read corpus.jsonl --json > results.jsonl
    Score against gold data:
      dateline eval quotes polnear/dev.jsonl
      dateline eval timex timeml/timebank.jsonl

    Inputs: seed-format .txt (" date YYYY-MM-DD " then the text), plain .txt with --date, JSON
    Lines (.jsonl, .jsonl.gz) with text and date/published/dct fields, folders of these, - for stdin.
    """


for _name in COMMAND_MODULES:
    try:
        _mod = importlib.import_module(f"{__package__}.commands.{_name}")
    except ModuleNotFoundError as _exc:
        if _exc.name != f"{__package__}.commands.{_name}":
            raise
        continue
    for _cmd in getattr(_mod, "COMMANDS", []):
        cli.add_command(_cmd)


def main(argv: list[str] | None = None) -> None:
    cli.main(args=argv, prog_name="dateline")


if __name__ == "__main__":  # pragma: no cover
    main()
