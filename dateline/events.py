"""The events stage: what people did and when — the article's timeline.

Every calendar date the time stage found (``ctx.timexes``) is attached to the verb of its clause;
the event is that verb, its date the most specific date of the clause ("last month ... for National
Sons Day" gives the day, not the month), its participants the people ``ctx.resolve`` finds in the
verb's subject (shared with a coordinated verb: "Teigen met Legend and announced on ...") and the
people among its objects. Events without a person are left out; the rest is sorted by date.

This stage runs after the quote stage, so it also adds the first-person pronouns of each quote to
its speakers' mentions (:mod:`dateline.people.quoted`).
"""
from __future__ import annotations

import re

from . import model
from .context import Context
from .people.mentions import quote_regions
from .people.quoted import add_quoted_mentions

_CALENDAR = re.compile(r"^\d{4}(-(\d{2}|W\d{2}|Q\d|H\d|SU|SP|FA|WI))?(-\d{2})?(T.*)?$")
_SUBJ = ("nsubj", "nsubjpass")
_OBJ = ("dobj", "dative", "iobj")


def _specificity(value: str) -> int:
    return len(re.sub(r"[^0-9]", "", value))


def _region(regions, pos: int):
    return next((r for r in regions if r[0] <= pos < r[1]), None)


def _verb_of(tok, regions):
    """The verb of the clause the date stands in, never across a quotation mark: the parser
    hangs "on Instagram last month" off the last verb of a title in quotes."""
    where = _region(regions, tok.idx)
    while tok.head.i != tok.i and (tok.pos_ != "VERB" or _region(regions, tok.idx) != where):
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX") or _region(regions, tok.idx) != where:
        return None
    return tok


def _subject(verb):
    while True:
        subs = [c for c in verb.children if c.dep_ in _SUBJ]
        if subs:
            return subs[0]
        if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
            verb = verb.head
            continue
        return None


def _who(ctx: Context, tok) -> list[str]:
    if tok is None:
        return []
    s, e = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)
    # a relative clause or apposition hanging off the subject is not the subject
    for c in tok.rights:
        if c.dep_ in ("relcl", "acl", "appos", "prep"):
            e = min(e, c.left_edge.idx)
            break
    return [i for i in ctx.resolve(s, max(e, tok.idx + len(tok.text))) if i.startswith("p")]


def run(ctx: Context) -> None:
    add_quoted_mentions(ctx)
    doc = ctx.doc
    regions = quote_regions(ctx.text)
    best: dict[int, tuple[model.Timex, object]] = {}
    for t in ctx.timexes:
        if t.type not in ("DATE", "TIME") or not _CALENDAR.match(t.value):
            continue
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None:
            continue
        verb = _verb_of(span.root, regions)
        if verb is None:
            continue
        prev = best.get(verb.i)
        if prev is None or _specificity(t.value) > _specificity(prev[0].value):
            best[verb.i] = (t, verb)
    events = []
    for t, verb in best.values():
        people = _who(ctx, _subject(verb))
        for c in verb.children:
            if c.dep_ in _OBJ:
                people += [i for i in _who(ctx, c) if i not in people]
        if not people:
            continue
        events.append(model.Event(id="", text=verb.text, start=verb.idx, end=verb.idx + len(verb.text),
                                  date=t.value, participants=people, timex=t.id))
    events.sort(key=lambda e: (e.date or "9999", e.start))
    for k, e in enumerate(events, start=1):
        e.id = f"e{k}"
    ctx.events = events
