"""After the quote stage: first-person pronouns inside a quote ("I", "me", "we") become mentions of
the quote's speakers, so a person's ``mentions`` lists every way the article refers to them.
Called by the events stage (which runs after quotes)."""
from __future__ import annotations

from .. import model
from ..context import Context


def add_quoted_mentions(ctx: Context) -> None:
    state = ctx.extra.get("people")
    if state is None or not ctx.quotes:
        return
    people = {p.id: p for p in ctx.people}
    quotes = sorted(ctx.quotes, key=lambda q: q.end - q.start)  # innermost first
    added: dict[str, list[model.Span]] = {}
    for m in state.mentions:
        if m.kind != "pronoun" or m.person != 1:
            continue
        q = next((q for q in quotes if q.start <= m.start and m.end <= q.end and q.speakers), None)
        if q is None:
            continue
        if m.text.lower() in ("i", "me", "my", "mine", "myself") and len(q.speakers) != 1:
            continue  # "I" in a quote given to a group: which of them is not said
        for pid in ctx.resolve(m.start, m.end, quoted_by=list(q.speakers)):
            if pid in people:
                added.setdefault(pid, []).append(model.Span(start=m.start, end=m.end, text=m.text))
    for pid, spans in added.items():
        p = people[pid]
        seen = {(s.start, s.end) for s in p.mentions}
        p.mentions.extend(s for s in spans if (s.start, s.end) not in seen)
        p.mentions.sort(key=lambda s: s.start)
