"""The events stage: what people did, when (filled by the people/events work)."""
from __future__ import annotations

from .context import Context


def run(ctx: Context) -> None:
    ctx.events = []
