"""Indirect (reported) and mixed quotes: the readings of :mod:`.readings` turned into quotes.

Content is trimmed of edge punctuation and a leading "that"; it runs on over quoted words the parse
left outside it; quoted words inside make it ``mixed`` when the same cue governs them, and a direct
quote with a cue of its own ends it before its opening mark. One report per cue, and none for a cue
that already introduces a direct quote.
"""
from __future__ import annotations

from .found import Found
from .readings import MARKS as _MARKS, candidates, colon_lines

_EDGE_PUNCT = set(".,;:!?-\u2014\u2013()[]")


def _trim_tokens(doc, lo: int, hi: int) -> tuple[int, int]:
    """Token range [lo, hi] without edge punctuation, a leading "that" or conjunction."""
    while lo <= hi and (doc[lo].text in _EDGE_PUNCT or doc[lo].is_space or doc[lo].text[0] in _MARKS):
        lo += 1
    if lo <= hi and doc[lo].lower_ == "that" and doc[lo].dep_ == "mark":
        lo += 1
    while lo <= hi and doc[lo].text in _EDGE_PUNCT:
        lo += 1
    while hi >= lo and (doc[hi].text in _EDGE_PUNCT or doc[hi].is_space or doc[hi].text[0] in _MARKS
                        or doc[hi].dep_ == "cc"):
        hi -= 1
    return lo, hi


def _has_verb(doc, lo, hi) -> bool:
    return any(doc[i].pos_ in ("VERB", "AUX") for i in range(lo, hi + 1))


def _over_quotes(text: str, end: int, directs: list[Found]) -> int:
    """Take the content on over quoted words that the parse left outside it ("insists Sanders is
    mounting a "phony attack"")."""
    changed = True
    while changed:
        changed = False
        for d in directs:
            sp = d.span
            if sp is not None and end <= sp.open and not text[end:sp.open].strip(" ,\u2019'") and \
                    sp.close > end:
                end, changed = sp.close, True
    return end


def find(doc, text: str, directs: list[Found], inside_quote) -> tuple[list[Found], set[int]]:
    """Indirect and mixed quotes; also the ids (``id()``) of direct quotes merged into a mixed one."""
    out: list[Found] = []
    merged: set[int] = set()
    quoting = {d.cue_tok.i for d in directs if d.cue_tok is not None}
    for cue_tok, subj, lo, hi, how in candidates(doc, inside_quote) + colon_lines(doc, text, inside_quote):
        inner_cues = [i for i in quoting if lo <= i <= hi and i != cue_tok.i]
        if inner_cues:  # "... spoke to supporters, telling them: '...'": the content stops there
            hi = min(inner_cues) - 1
        lo, hi = _trim_tokens(doc, lo, hi)
        if hi - lo < 1 or (how != "object" and not _has_verb(doc, lo, hi)):
            continue
        start, end = doc[lo].idx, doc[hi].idx + len(doc[hi].text)
        # never across a paragraph: the parser's sentences sometimes run over a line break
        pstart = text.rfind("\n", 0, cue_tok.idx) + 1
        pend = text.find("\n", cue_tok.idx)
        pend = len(text) if pend < 0 else pend
        if start < pstart or end > pend:
            start, end = max(start, pstart), min(end, pend)
            clipped = doc.char_span(start, end, alignment_mode="contract")
            if clipped is None or len(clipped) < 2:
                continue
            lo2, hi2 = _trim_tokens(doc, clipped.start, clipped.end - 1)
            if hi2 <= lo2:
                continue
            start, end = doc[lo2].idx, doc[hi2].idx + len(doc[hi2].text)
        end = _over_quotes(text, end, directs)
        inner = [d for d in directs if d.span is not None and d.span.open < end and start < d.span.close]
        if any(d.span.open <= start and end <= d.span.close for d in inner):
            continue  # the clause is a direct quote's words
        own = [d for d in inner if d.cue_tok is not None and d.cue_tok.i == cue_tok.i]
        other = [d for d in inner if d not in own and d.cue is not None]
        if other:
            first = min(other, key=lambda d: d.span.open)
            if first.span.open <= start:
                continue
            cut = doc.char_span(start, first.span.open, alignment_mode="contract")
            if cut is None or len(cut) < 2:
                continue
            lo2, hi2 = _trim_tokens(doc, cut.start, cut.end - 1)
            if hi2 < lo2:
                continue
            end = doc[hi2].idx + len(doc[hi2].text)
            inner = [d for d in inner if d.span.open < end]
            own = [d for d in own if d.span.open < end]
        for d in inner:  # keep the marks of quoted words whole
            start, end = min(start, d.span.open), max(end, d.span.close)
        kind = "indirect"
        if inner:
            words_outside = [t for t in doc.char_span(start, end, alignment_mode="expand")
                             if not t.is_punct and not any(d.span.open <= t.idx < d.span.close for d in inner)
                             and t.lower_ != "that"]
            if len(words_outside) < (1 if how == "object" else 2):
                continue  # in effect a direct quote ("X honored 'the son we almost had'")
            kind = "mixed"
            merged.update(id(d) for d in own)
        if how.startswith("according"):
            phrase_end = cue_tok.i + 1
            cue_span = (cue_tok.idx, doc[phrase_end].idx + len(doc[phrase_end].text))
        else:
            cue_span = (cue_tok.idx, cue_tok.idx + len(cue_tok.text))
        out.append(Found(start, end, kind, cue=cue_span, cue_tok=cue_tok, subject=subj, how=how))
    # one report per cue; none for a cue that already introduces a direct quote ("X declared the
    # need for change: '...'")
    quoting = {d.cue_tok.i for d in directs if d.cue_tok is not None and id(d) not in merged}
    best: dict[tuple, Found] = {}
    for f in out:
        k = (f.cue_tok.i, f.how) if "#" in f.how else (f.cue_tok.i,)
        if f.kind == "indirect" and k[0] in quoting:
            continue
        if k not in best or f.end - f.start > best[k].end - best[k].start:
            best[k] = f
    return sorted(best.values(), key=lambda f: f.start), merged
