"""The quote stage: quotation marks, spans, cues and speakers.

(Foundation version: paired double quotation marks with a speech verb next to them; the full
stage replaces it.)
"""
from __future__ import annotations

import re

from .. import model
from ..context import Context

_OPEN = {'"': '"', "\u201c": "\u201d"}
_SAY = {"say", "says", "said", "saying", "tell", "tells", "told", "write", "writes", "wrote",
        "continue", "continues", "continued", "explain", "explains", "explained", "add", "adds", "added"}
_MARK = re.compile(r'["\u201c\u201d]')


def _pairs(text: str):
    stack = None
    for m in _MARK.finditer(text):
        ch = m.group()
        if stack is None:
            if ch in _OPEN:
                stack = m.start()
        else:
            if ch in ('"', "\u201d"):
                yield stack, m.start()
                stack = None
            elif text[stack] == '"' and ch == "\u201c":
                stack = m.start()


def run(ctx: Context) -> None:
    doc, text = ctx.doc, ctx.text
    quotes = []
    for open_at, close_at in _pairs(text):
        start, end = open_at + 1, close_at
        if end - start < 2 or not text[start:end].strip():
            continue
        cue = speaker = None
        after = doc.char_span(close_at + 1, min(len(text), close_at + 60), alignment_mode="contract")
        if after is not None:
            for tok in after[:6]:
                if tok.lower_ in _SAY:
                    cue = tok
                    speaker = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                    break
        if cue is None:
            continue
        q = model.Quote(id=f"q{len(quotes) + 1}", text=text[start:end], start=start, end=end, kind="direct",
                        cue=model.Span(start=cue.idx, end=cue.idx + len(cue.text), text=cue.text))
        if speaker is not None:
            sp = speaker.doc[speaker.left_edge.i: speaker.i + 1]
            q.speaker_mention = model.Span(start=sp.start_char, end=sp.end_char, text=sp.text)
            q.speakers = ctx.resolve(sp.start_char, sp.end_char)
        quotes.append(q)
    ctx.quotes = quotes
