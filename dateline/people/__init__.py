"""The people stage: people and organisations the article names, merged into one entry each.

(Foundation version: named entities grouped by surname; the full stage replaces it.)
"""
from __future__ import annotations

from .. import model
from ..context import Context


def run(ctx: Context) -> None:
    doc = ctx.doc
    people: dict[str, model.Person] = {}
    orgs: dict[str, model.Organization] = {}
    index: list[tuple[int, int, str]] = []
    for ent in doc.ents:
        span = ent
        if span[-1].tag_ == "POS":
            span = span[:-1]
        if not len(span):
            continue
        text = span.text
        mention = model.Span(start=span.start_char, end=span.end_char, text=text)
        if ent.label_ == "PERSON":
            key = span[-1].text
            p = people.get(key)
            if p is None:
                p = people[key] = model.Person(id=f"p{len(people) + 1}", name=text)
            if len(text) > len(p.name):
                p.name = text
            if text not in p.aliases:
                p.aliases.append(text)
            p.mentions.append(mention)
            index.append((mention.start, mention.end, p.id))
        elif ent.label_ in ("ORG", "NORP", "GPE") and ent.label_ == "ORG":
            o = orgs.get(text)
            if o is None:
                o = orgs[text] = model.Organization(id=f"o{len(orgs) + 1}", name=text, aliases=[text])
            o.mentions.append(mention)
            index.append((mention.start, mention.end, o.id))
    ctx.people = list(people.values())
    ctx.organizations = list(orgs.values())

    def resolve(start: int, end: int, quoted_by=None) -> list[str]:
        return [i for s, e, i in index if s < end and start < e][:1]

    ctx.resolve = resolve
