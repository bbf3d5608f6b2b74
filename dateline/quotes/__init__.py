"""The quote stage: who said what.

``run(ctx)`` reads the parse (``ctx.doc``), the people stage's ``ctx.resolve`` and the time
stage's ``ctx.timexes``, and sets ``ctx.quotes``. The steps, one module each:

* :mod:`.marks` — quotation marks paired into spans (pure string work, apostrophes told apart);
* :mod:`.direct` — the cue and speaker of each quoted span (trailing, leading, colon, governing,
  continuation), quotes nested in quotes with their own speakers;
* :mod:`.indirect` — reported speech (speech verb + clause, "according to"), mixed quotes;
* :mod:`.speakers` — the speaker's mention and ids (through ``ctx.resolve``);
* :mod:`.when` — ``medium`` and ``said_on``.
"""
from __future__ import annotations

from ..context import Context
from .stage import find_quotes

__all__ = ["run", "find_quotes"]


def run(ctx: Context) -> None:
    ctx.quotes = find_quotes(ctx)
