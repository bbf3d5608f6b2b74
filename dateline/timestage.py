"""The time stage: every time expression, normalised against the publication date, then the ones
inside a quote whose ``said_on`` is known re-anchored on that moment.

The engine itself (:mod:`dateline.timex`) is pure Python and never sees spaCy.
"""
from __future__ import annotations

import functools

from . import model
from .context import Context


@functools.lru_cache(maxsize=1)
def engine():
    from .timex import TimexEngine

    return TimexEngine()


def _to_model(items) -> list[model.Timex]:
    out = []
    for i, t in enumerate(items, start=1):
        anchor = t.anchor
        if anchor.startswith("timex:"):
            anchor = f"t{int(anchor.split(':', 1)[1]) + 1}"
        out.append(model.Timex(id=f"t{i}", start=t.start, end=t.end, text=t.text, type=t.type,
                               value=t.value, mod=t.mod, anchor=anchor))
    return out


def run(ctx: Context) -> None:
    found = engine().tag(ctx.text, ctx.article.published)
    ctx.extra["timex_raw"] = found
    ctx.timexes = _to_model(found)


def reanchor_in_quotes(ctx: Context) -> None:
    """A relative expression inside a quote whose time is known is read from that time."""
    raw = ctx.extra.get("timex_raw")
    if not raw:
        return
    dated = [q for q in ctx.quotes if q.said_on]
    if not dated:
        return
    eng = engine()
    for i, t in enumerate(raw):
        if not t.relative:
            continue
        inner = [q for q in dated if q.start <= t.start and t.end <= q.end]
        if not inner:
            continue
        q = min(inner, key=lambda q: q.end - q.start)
        raw[i] = eng.reanchor(t, q.said_on, q.id)
    ctx.timexes = _to_model(raw)
