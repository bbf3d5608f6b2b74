"""Where and when the words were said: ``medium`` and ``said_on``.

* ``said_on`` — the most specific dated time expression (from ``ctx.timexes``, already anchored on
  the publication date) in the cue's own clause, words of quotes left out: "announced on Sept. 30,
  2020, that ..." gives 2020-09-30; "honored ... on Instagram last month for National Sons Day"
  gives the day over the month;
* ``medium`` — a medium word from ``dateline/data/quotes/media.tsv`` in the cue's clause ("on
  Instagram", "in a statement", "in the caption"), or the cue itself ("tweeted");
* a quote from a post's caption ("she wrote in the caption") with no date of its own takes the date
  of the post a sentence just before it dates ("X honored ... on Instagram last month"); a continuation quote takes its source's medium and date.
"""
from __future__ import annotations

import re

from .found import Found
from .lexicon import media

_DATED = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?$")
_CUE_MEDIA = {"tweet": ("Twitter", "post"), "tweets": ("Twitter", "post"), "tweeted": ("Twitter", "post"),
              "tweeting": ("Twitter", "post"), "posted": ("post", "post"), "emailed": ("email", "other"),
              "blogged": ("blog", "other"), "texted": ("text message", "other"),
              "captioned": ("caption", "post"), "captions": ("caption", "post"), "captioning": ("caption", "post")}
_SAME_POST = {"caption", "post", "story"}


def _clause(f: Found, quotes: list[Found]) -> list[tuple[int, int]]:
    """Char ranges of the cue's clause (within its sentence) outside every quote's words."""
    tok = f.cue_tok
    sent = tok.sent
    lo = max(tok.left_edge.idx, sent.start_char)
    hi = min(tok.right_edge.idx + len(tok.right_edge.text), sent.end_char)
    ranges = [(lo, hi)]
    for q in quotes:
        s, e = (q.span.open, q.span.close) if q.span is not None else (q.start, q.end)
        nxt = []
        for a, b in ranges:
            if e <= a or b <= s:
                nxt.append((a, b))
                continue
            if a < s:
                nxt.append((a, s))
            if e < b:
                nxt.append((e, b))
        ranges = nxt
    return ranges


def _granularity(value: str) -> int:
    return len(value)


def date_of(f: Found, quotes: list[Found], timexes) -> str | None:
    if f.cue_tok is None:
        return None
    ranges = _clause(f, quotes)
    best = None
    for t in timexes:
        if t.type != "DATE" or not _DATED.match(t.value or ""):
            continue
        if not any(a <= t.start and t.end <= b for a, b in ranges):
            continue
        key = (_granularity(t.value), -abs(t.start - f.cue[0]))
        if best is None or key > best[0]:
            best = (key, t.value)
    return best[1] if best else None


def medium_of(f: Found, quotes: list[Found], doc) -> tuple[str, str] | None:
    if f.cue_tok is None:
        return None
    hit = _CUE_MEDIA.get(f.cue_tok.lower_)
    lex = media()
    best = None
    for a, b in _clause(f, quotes):
        span = doc.char_span(a, b, alignment_mode="contract")
        if span is None:
            continue
        for i, tok in enumerate(span):
            if tok.dep_ not in ("pobj", "compound", "nsubj", "dobj", "npadvmod", "conj") and tok.pos_ != "PROPN":
                continue
            two = f"{tok.lower_} {span[i + 1].lower_}" if i + 1 < len(span) else None
            m = lex.get(two) if two else None
            m = m or lex.get(tok.lower_)
            if m is None:
                continue
            dist = abs(tok.idx - f.cue[0])
            if best is None or dist < best[0]:
                best = (dist, (m.name, m.kind))
    if best is not None:
        return best[1]
    if hit is None and f.cue_tok.lower_ in ("told", "tells", "tell", "telling"):
        # "she told People magazine": the outlet told is the medium
        for c in f.cue_tok.children:
            if c.dep_ in ("dobj", "dative") and c.ent_type_ in ("ORG", "WORK_OF_ART"):
                ent = next((e for e in doc.ents if e.start <= c.i < e.end), None)
                if ent is not None:
                    return ent.text, "other"
    return hit


def post_dates(doc, timexes, quotes: list[Found]) -> list[tuple[int, str]]:
    """(end of sentence, date) for each sentence that dates a post ("Diaz posted a video on
    Instagram on June 2"): a post medium word and a dated time expression outside quotes."""
    lex = media()
    dated = [t for t in timexes if t.type == "DATE" and _DATED.match(t.value or "")]
    if not dated:
        return []
    spans = [(q.span.open, q.span.close) for q in quotes if q.span is not None]

    def outside(i: int) -> bool:
        return not any(a <= i < b for a, b in spans)

    out = []
    for sent in doc.sents:
        if not any((m := lex.get(t.lower_)) is not None and m.kind == "post" and outside(t.idx) for t in sent):
            continue
        inside = [t for t in dated if sent.start_char <= t.start and t.end <= sent.end_char and outside(t.start)]
        if inside:
            best = max(inside, key=lambda t: _granularity(t.value))
            out.append((sent.end_char, best.value))
    return out


def assign(found: list[Found], doc, timexes) -> None:
    """Set ``medium`` and ``said_on`` on every quote (in text order)."""
    top = [f for f in found if f.parent is None]
    for f in found:
        if f.inherited_from is not None:
            continue
        m = medium_of(f, top, doc)
        if m:
            f.medium, f.medium_kind = m
        f.said_on = date_of(f, top, timexes)
    posts = None
    for f in sorted(found, key=lambda x: x.start):
        if f.parent is not None:
            continue
        src = f.inherited_from
        if src is not None:
            f.medium, f.medium_kind, f.said_on = src.medium, src.medium_kind, src.said_on
        elif f.said_on is None and f.medium in _SAME_POST:
            if posts is None:
                posts = post_dates(doc, timexes, top)
            before = [(end, v) for end, v in posts if end <= f.start and f.start - end < 1500]
            if before:
                f.said_on = before[-1][1]
