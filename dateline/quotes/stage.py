"""The quote stage's steps put together: spans -> attribution -> reports -> speakers -> time."""
from __future__ import annotations

from bisect import bisect_right

from .. import model
from . import direct, indirect, when
from .cues import cue_of
from .found import Found, Tokens
from .marks import find_spans
from .speakers import mention_span, resolve_speaker, subject_of


def _para_bounds(text: str, i: int) -> tuple[int, int]:
    s = text.rfind("\n", 0, i) + 1
    e = text.find("\n", i)
    return s, (len(text) if e < 0 else e)


def _continuation(doc, text: str, f: Found, prev: Found | None) -> bool:
    """Does the unattributed quote ``f`` go on with the attributed top-level quote ``prev``?"""
    if prev is None or prev.span is None:
        return False
    sp = f.span
    if sp.resumes:
        return True
    ps, pe = _para_bounds(text, sp.open)
    if ps <= prev.span.open < pe:
        # same paragraph, unless the narrator brings in another cue in between
        between = doc.char_span(prev.span.close, sp.open, alignment_mode="contract")
        own = prev.cue_tok.i if prev.cue_tok is not None else -1
        return between is None or not any(cue_of(t) is not None and t.i != own for t in between)
    if text[ps:sp.open].strip():
        return False  # the quote does not open its paragraph
    qs, qe = _para_bounds(text, prev.span.open)
    between = text[qe:ps]
    if between.strip():
        return False  # not the paragraph just before
    return qe - prev.span.close <= 80


def _attribute_top(doc, text, toks, spans) -> list[Found]:
    tops = [sp for sp in spans if sp.parent is None]
    blocked = [(sp.open, sp.close) for sp in tops]
    out: list[Found] = []
    last: Found | None = None
    for k, sp in enumerate(tops):
        ps, pe = _para_bounds(text, sp.open)
        region = direct.Region(ps, pe, blocked, text)
        next_open = tops[k + 1].open if k + 1 < len(tops) else len(text)
        prev_close = tops[k - 1].close if k else 0
        f = direct.attribute(doc, text, toks, sp, region, next_open, prev_close)
        if f is None:
            f = Found(sp.start, sp.end, "direct", span=sp)
            if _continuation(doc, text, f, last) and not direct.is_title_like(text, sp, doc, toks):
                f.inherited_from = last
                f.how = "continuation"
        if f.cue is not None or f.inherited_from is not None:
            last = f.inherited_from or f
        out.append(f)
    _run_on_chains(out)
    return out


def _run_on_chains(found: list[Found]) -> None:
    """A quote running on over paragraphs (a paragraph that opens a quote and leaves it open, the
    next re-opening it) is one speaker's: a run-on paragraph takes the speaker and cue of the first
    later part of the same chain that has a cue of its own (``"We were promised a park.`` /
    ``"They owe us an answer," said Vidal.``). The parts stay separate quotes, each the words between
    its marks as the contract asks, sharing one cue (the evaluator counts them as one attribution)."""
    for k, f in enumerate(found):
        if f.span is None or not f.span.runs_on or (f.cue is not None and f.inherited_from is None):
            continue
        j = k
        while j + 1 < len(found) and found[j].span.runs_on and found[j + 1].span.resumes:
            j += 1
            later = found[j]
            if later.cue is not None and later.inherited_from is None:
                f.inherited_from, f.how = later, "run-on"
                break


def _nested(doc, text, toks, spans, parents: dict[int, Found]) -> list[Found]:
    out = []
    for idx, sp in enumerate(spans):
        if sp.parent is None or sp.parent not in parents:
            continue
        outer = parents[sp.parent]
        psp = spans[sp.parent]
        siblings = [(s.open, s.close) for s in spans if s.parent == sp.parent]
        region = direct.Region(psp.start, psp.end, siblings, text)
        f = direct.attribute(doc, text, toks, sp, region, psp.end, psp.start)
        if f is None:
            continue
        f.parent = outer
        parents[idx] = f
        out.append(f)
    return out


def _speakers(ctx, f: Found) -> None:
    if f.inherited_from is not None:
        src = f.inherited_from
        f.cue, f.cue_tok, f.subject, f.mention, f.speakers = src.cue, src.cue_tok, src.subject, src.mention, src.speakers
        return
    if f.subject is None and f.cue_tok is not None:
        f.subject = subject_of(f.cue_tok)
        if f.subject is not None and f.span is not None and f.span.open <= f.subject.idx < f.span.close:
            f.subject = None  # a quote is never its own speaker: '"Then the frost," added ...'
        if f.subject is None and f.how == "trailing":
            f.subject = _inverted_subject(f.cue_tok)
    if f.subject is None:
        return
    span = mention_span(f.subject)
    f.mention = (span.start_char, span.end_char)
    quoted_by = f.parent.speakers if f.parent is not None else None
    f.speakers = resolve_speaker(ctx, f.subject, quoted_by=quoted_by)


_AFTER_CUE = ("dobj", "nsubj", "npadvmod", "attr", "dep", "appos", "oprd")


def _inverted_subject(cue):
    """``"...," added his neighbour Mara Lind``: the noun phrase right after a trailing cue that
    the parse did not make its subject (a name in apposition to it preferred)."""
    doc = cue.doc
    j = cue.i + 1
    if j >= len(doc) or doc[j].is_punct:
        return None
    for c in cue.children:
        if c.i > cue.i and c.dep_ in _AFTER_CUE and c.left_edge.i == j and \
                c.pos_ in ("PROPN", "NOUN", "PRON"):
            name = next((a for a in c.children if a.dep_ == "appos" and a.pos_ == "PROPN"
                         and a.left_edge.i == c.i + 1), None)  # "his neighbour Mara Lind"
            return name or c
    return None


def _span(text: str, rng: tuple[int, int] | None) -> model.Span | None:
    if rng is None:
        return None
    s, e = rng
    return model.Span(start=s, end=e, text=text[s:e])


def find_quotes(ctx) -> list[model.Quote]:
    """Every quote of the article in ``ctx`` (parse, people, timexes already there), ids q1, q2, ...
    in text order."""
    doc, text = ctx.doc, ctx.text
    toks = Tokens(doc)
    spans = find_spans(text)
    tops = _attribute_top(doc, text, toks, spans)
    top_spans = [sp for sp in spans if sp.parent is None]
    opens = [sp.open for sp in top_spans]

    def inside_quote(tok) -> bool:
        k = bisect_right(opens, tok.idx) - 1
        return k >= 0 and tok.idx < top_spans[k].close

    reports, merged = indirect.find(doc, text, tops, inside_quote)
    kept = [f for f in tops if (f.cue is not None or f.inherited_from is not None) and id(f) not in merged]
    index_of = {id(sp): i for i, sp in enumerate(spans)}
    parents = {index_of[id(f.span)]: f for f in kept}
    for f in tops:  # (a quote merged into a mixed one may still be the source of a continuation)
        if f.cue is not None and f.inherited_from is None:
            _speakers(ctx, f)
    for f in kept:
        if f.inherited_from is not None:
            _speakers(ctx, f)
    nested = _nested(doc, text, toks, spans, parents)
    for f in nested:
        _speakers(ctx, f)
    for r in reports:
        _speakers(ctx, r)
    found = sorted(kept + nested + reports, key=lambda f: (f.start, -f.end))
    when.assign(found, doc, ctx.timexes)
    ids = {id(f): f"q{i}" for i, f in enumerate(found, start=1)}
    out = []
    for f in found:
        out.append(model.Quote(
            id=ids[id(f)], text=text[f.start:f.end], start=f.start, end=f.end, kind=f.kind,
            speakers=list(f.speakers), speaker_mention=_span(text, f.mention), cue=_span(text, f.cue),
            nested_in=ids.get(id(f.parent)) if f.parent is not None else None,
            medium=f.medium, said_on=f.said_on))
    return out
