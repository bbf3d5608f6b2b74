"""The human-readable summary `dateline read` prints: people, quotes with speakers, a timeline."""
from __future__ import annotations

import textwrap

from .model import ArticleResult


def _short(text: str, width: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _names(result: ArticleResult, ids: list[str]) -> str:
    by_id = {p.id: p.name for p in result.people}
    by_id.update({o.id: o.name for o in result.organizations})
    return " & ".join(by_id.get(i, i) for i in ids) or "(unknown)"


def render(result: ArticleResult) -> str:
    lines = []
    head = f"== {result.id}  ({result.published})"
    if result.title:
        head += f"  {result.title}"
    lines.append(head)
    words = len(result.text.split())
    lines.append(f"   {words} words, {len(result.people)} people, {len(result.organizations)} organisations, "
                 f"{len(result.quotes)} quotes, {len(result.timexes)} time expressions")

    if result.people:
        lines.append("People")
        rels: dict[str, list[str]] = {}
        for r in result.relations:
            rels.setdefault(r.subject, []).append(f"{r.relation} of {_names(result, [r.object])}")
        for p in result.people:
            bits = []
            if p.gender:
                bits.append(p.gender)
            if p.age is not None:
                bits.append(f"age {p.age}")
            if p.born:
                bits.append(f"born {p.born.earliest}..{p.born.latest}")
            if p.descriptors:
                bits.append("; ".join(p.descriptors[:3]))
            bits.extend(rels.get(p.id, []))
            other = [a for a in p.aliases if a != p.name]
            alias = f" (also: {', '.join(other[:4])})" if other else ""
            lines.append(f"  {p.id:>4}  {p.name}{alias}" + (f" — {', '.join(bits)}" if bits else "")
                         + f"  [{len(p.mentions)} mentions]")
    if result.organizations:
        lines.append("Organisations")
        lines.append(textwrap.fill(", ".join(o.name for o in result.organizations), width=110,
                                   initial_indent="  ", subsequent_indent="  "))

    if result.quotes:
        lines.append("Quotes")
        for q in result.quotes:
            who = _names(result, q.speakers)
            via = f" via “{q.speaker_mention.text}”" if q.speaker_mention and q.speaker_mention.text != who else ""
            cue = f", {q.cue.text}" if q.cue else ""
            when = f", said {q.said_on}" if q.said_on else ""
            nest = f", inside {q.nested_in}" if q.nested_in else ""
            indent = "      " if q.nested_in else "  "
            lines.append(f"{indent}{q.id:>4}  {who}{via}{cue}{when}{nest} [{q.kind}]")
            lines.append(f"{indent}      “{_short(q.text, 100)}”")

    timeline = []
    for e in result.events:
        if e.date:
            timeline.append((e.date, f"{e.text}" + (f" — {_names(result, e.participants)}" if e.participants else "")))
    for t in result.timexes:
        if t.type in ("DATE", "TIME") and t.value[:1].isdigit():
            timeline.append((t.value, f"“{t.text}”" + (f" (anchored on {t.anchor})" if t.anchor != "published" else "")))
    if timeline:
        lines.append("Timeline")
        for value, what in sorted(timeline, key=lambda x: x[0]):
            lines.append(f"  {value:<12} {what}")
    return "\n".join(lines)
