"""HTML built in Python, safe by construction: every piece of text goes through ``escape`` and only
tags written here are added around it.

* :func:`marked` turns FTS5 output (matched words between control-character markers) into
  escaped text with ``<mark>`` elements.
* :func:`article_html` lays quotes (nested ones inside their outer quote), person and organisation
  mentions and time expressions over an article's text from their character offsets.
* :func:`month_chart` draws quotes per month as a small SVG bar chart.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from urllib.parse import quote as urlquote

from markupsafe import Markup, escape

from .queries import MARK_CLOSE, MARK_OPEN

PALETTE = 8  # speaker colours: CSS classes spk-0 … spk-7, then they repeat


def marked(text: str | None) -> Markup:
    """Escape ``text`` and turn FTS5's markers into ``<mark>``; unbalanced markers cannot leak tags."""
    if not text:
        return Markup("")
    out, open_ = [], False
    i = 0
    while i < len(text):
        j = min((k for k in (text.find(MARK_OPEN, i), text.find(MARK_CLOSE, i)) if k >= 0), default=len(text))
        out.append(str(escape(text[i:j])))
        if j < len(text):
            want_open = text[j] == MARK_OPEN
            if want_open and not open_:
                out.append("<mark>")
            elif not want_open and open_:
                out.append("</mark>")
            open_ = want_open
        i = j + 1
    if open_:
        out.append("</mark>")
    return Markup("".join(out))


def person_url(person_id: int) -> str:
    return f"/people/{int(person_id)}"


def article_url(article_id: str, anchor: str | None = None) -> str:
    return f"/articles/{urlquote(article_id, safe='')}" + (f"#{urlquote(anchor, safe='')}" if anchor else "")


# -- the article text ---------------------------------------------------------------------------
@dataclass
class _Span:
    start: int
    end: int
    rank: int  # at equal offsets: quotes outside mentions outside time expressions
    open: str  # the opening tag (attributes already escaped)
    close: str
    kind: str
    children: list["_Span"] = field(default_factory=list)


def speaker_colours(quotes: list[dict]) -> dict[str, int]:
    """A colour index per speaker, in order of first appearance (key: ``person:ID`` or local id)."""
    out: dict[str, int] = {}
    for q in quotes:
        for s in q["speakers"]:
            key = _speaker_key(s)
            if key not in out:
                out[key] = len(out) % PALETTE
    return out


def _speaker_key(s: dict) -> str:
    if s.get("person_id") is not None:
        return f"person:{s['person_id']}"
    if s.get("organization_id") is not None:
        return f"organization:{s['organization_id']}"
    return f"local:{s['local_id']}"


def _attrs(**values) -> str:
    return "".join(f' {k.rstrip("_").replace("_", "-")}="{escape(v)}"' for k, v in values.items() if v is not None)


def _spans(art: dict, colours: dict[str, int]) -> list[_Span]:
    spans = []
    n = len(art["text"])
    for q in art["quotes"]:
        names = ", ".join(s["name"] for s in q["speakers"]) or "no speaker found"
        colour = colours.get(_speaker_key(q["speakers"][0])) if q["speakers"] else None
        cls = f"q spk-{colour}" if colour is not None else "q spk-none"
        if q["nested_in"]:
            cls += " nested"
        title = f"{q['quote_id']} ({q['kind']}) — {names}" + (f", said {q['said_on']}" if q["said_on"] else "")
        spans.append(_Span(q["start"], q["end"], 0, f"<span{_attrs(class_=cls, id=q['quote_id'], title=title)}>",
                           "</span>", "quote"))
        if q["cue_start"] is not None and q["cue_end"] is not None:
            spans.append(_Span(q["cue_start"], q["cue_end"], 2, '<span class="cue">', "</span>", "cue"))
    for m in art["mentions"]:
        if m["person_id"] is not None:
            tag = f"<a{_attrs(class_='person', href=person_url(m['person_id']), title=m['local_id'])}>"
            spans.append(_Span(m["start"], m["end"], 1, tag, "</a>", "link"))
        else:
            spans.append(_Span(m["start"], m["end"], 1, f"<span{_attrs(class_='org', title=m['local_id'])}>",
                               "</span>", "org"))
    for e in art.get("events", []):
        title = f"event {e['local_id']}: {e['date'] or 'undated'}"
        spans.append(_Span(e["start"], e["end"], 2, f"<span{_attrs(class_='event', id=e['local_id'], title=title)}>",
                           "</span>", "event"))
    for t in art["timexes"]:
        title = f"{t['type']} {t['value']}" + (f" ({t['mod']})" if t["mod"] else "")
        spans.append(_Span(t["start"], t["end"], 3, f"<time{_attrs(title=title, data_value=t['value'])}>",
                           "</time>", "time"))
    return [s for s in spans if 0 <= s.start < s.end <= n]


def _crosses_a_quote(o: _Span, starts: list[tuple[int, int]], ends: list[tuple[int, int]]) -> bool:
    """Whether ``o`` overlaps a quote without containing it or lying inside it."""
    lo, hi = bisect_right(starts, (o.start, 1 << 62)), bisect_left(starts, (o.end, -1))
    if any(qe > o.end for _, qe in starts[lo:hi]):  # a quote starts inside o and ends after it
        return True
    lo, hi = bisect_right(ends, (o.start, 1 << 62)), bisect_left(ends, (o.end, -1))
    return any(qs < o.start for _, qs in ends[lo:hi])  # a quote ends inside o and starts before it


def _tree(spans: list[_Span]) -> list[_Span]:
    """Nest spans by containment. Quotes win: a name, date or cue that crosses a quote's edge is
    left out; a quote crossing its outer quote's end is cut there; of two crossing names or
    dates the later is left out; a link inside a link is left out (HTML forbids it)."""
    quotes = [s for s in spans if s.kind == "quote"]
    starts = sorted((q.start, q.end) for q in quotes)
    ends = sorted((q.end, q.start) for q in quotes)
    spans = quotes + [s for s in spans if s.kind != "quote" and not _crosses_a_quote(s, starts, ends)]
    spans.sort(key=lambda s: (s.start, -s.end, s.rank))
    root = _Span(-1, 1 << 62, -1, "", "", "root")
    stack = [root]
    for s in spans:
        while stack[-1] is not root and stack[-1].end <= s.start:
            stack.pop()
        parent = stack[-1]
        if s.end > parent.end:
            if s.kind != "quote":
                continue
            s.end = parent.end  # the parent is a quote: nothing else crosses a quote
            if s.end <= s.start:
                continue
        if s.kind == "link" and any(p.kind == "link" for p in stack):
            continue
        parent.children.append(s)
        stack.append(s)
    return root.children


def _emit(text: str, start: int, end: int, children: list[_Span], out: list[str]) -> None:
    pos = start
    for c in children:
        out.append(str(escape(text[pos:c.start])))
        out.append(c.open)
        _emit(text, c.start, c.end, c.children, out)
        out.append(c.close)
        pos = c.end
    out.append(str(escape(text[pos:end])))


def article_html(art: dict) -> tuple[Markup, dict[str, int]]:
    """The article's text as HTML paragraphs with every span laid over it, and the speaker colours."""
    colours = speaker_colours(art["quotes"])
    out: list[str] = []
    _emit(art["text"], 0, len(art["text"]), _tree(_spans(art, colours)), out)
    html = "".join(out)
    # blank lines separate paragraphs; escaped text holds no tags, and a paragraph break inside a
    # span would unbalance it, so paragraphs are shown by CSS (white-space: pre-wrap) instead
    return Markup(html), colours


# -- the chart ----------------------------------------------------------------------------------
def month_chart(months: list[dict], width: int = 720, height: int = 160) -> Markup:
    """Quotes per month as an SVG bar chart with year ticks; every label and value is escaped."""
    if not months:
        return Markup("")
    top = max(m["quotes"] for m in months) or 1
    pad_l, pad_b, pad_t = 32, 22, 8
    inner_w, inner_h = width - pad_l - 4, height - pad_b - pad_t
    bw = inner_w / max(len(months), 12)  # a few months do not make giant bars
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="quotes per month" xmlns="http://www.w3.org/2000/svg">',
             f'<line x1="{pad_l}" y1="{pad_t + inner_h}" x2="{width - 4}" y2="{pad_t + inner_h}" class="axis"/>',
             f'<text x="{pad_l - 4}" y="{pad_t + 8}" text-anchor="end" class="tick">{top}</text>',
             f'<text x="{pad_l - 4}" y="{pad_t + inner_h}" text-anchor="end" class="tick">0</text>']
    last_label = -1e9
    for i, m in enumerate(months):
        x = pad_l + i * bw
        h = inner_h * m["quotes"] / top
        if m["quotes"]:
            parts.append(f'<rect class="bar" x="{x + bw * 0.1:.1f}" y="{pad_t + inner_h - h:.1f}" '
                         f'width="{max(bw * 0.8, 1):.1f}" height="{h:.1f}">'
                         f'<title>{escape(m["month"])}: {m["quotes"]} quote(s)</title></rect>')
        short = len(months) > 14
        if i == 0 or not short or m["month"].endswith("-01"):
            label = m["month"][:4] if short else m["month"][2:]
            if x - last_label >= 8 * len(label) + 6:
                parts.append(f'<text x="{x + 1:.1f}" y="{height - 6}" class="tick">{escape(label)}</text>')
                last_label = x
    parts.append("</svg>")
    return Markup("".join(parts))
