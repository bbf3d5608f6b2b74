"""The people stage: people and organisations the article talks about, merged into one entry each,
with their pronouns and descriptions, attributes and relations; and ``ctx.resolve`` for the quote
stage.

Steps: :mod:`.mentions` (names, pronouns, descriptions, groups) → :mod:`.clusters` (names into
entities, judged person / organisation) → :mod:`.coref` (pronouns and descriptions) →
:mod:`.relations` → :mod:`.attributes` → :mod:`.resolver`; word lists in :mod:`.lexicon`
(``dateline/data/people/``), token arrays in :mod:`.tokens`. What later stages may read is kept in
``ctx.extra["people"]`` (a :class:`PeopleState`); after the quote stage, :mod:`.quoted` adds the
first-person pronouns of each quote to its speakers' mentions (called by the events stage).
"""
from __future__ import annotations

from dataclasses import dataclass

from .. import model
from ..context import Context
from . import attributes, clusters, coref, lexicon, mentions, relations, resolver, tokens


@dataclass
class PeopleState:
    entities: list
    mentions: list
    groups: list
    coref: object
    resolver: object


def run(ctx: Context) -> None:
    doc, text = ctx.doc, ctx.text
    lex = lexicon.load()
    tokens.index(doc, text)
    blocked = [(t.start, t.end) for t in ctx.timexes if t.type in ("DATE", "TIME", "SET")]
    blocked += [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("DATE", "TIME")]
    quotes = mentions.quote_regions(text)

    names = mentions.find_names(doc, lex, blocked, quotes, text)
    ents = clusters.cluster(names)
    clusters.promote(ents, doc)
    persons = [e for e in ents if e.kind == "person"]
    orgs = [e for e in ents if e.kind == "org"]
    for k, e in enumerate(persons, start=1):
        e.id = f"p{k}"
    for k, e in enumerate(orgs, start=1):
        e.id = f"o{k}"
    keep = {id(e) for e in persons + orgs}
    for e in ents:
        for m in e.names:
            m.ids = [e.id] if id(e) in keep else []
    for e in persons:
        attributes.names_attributes(e, lex)

    names = [m for m in names if m.ids]
    prons = mentions.find_pronouns(doc, lex, quotes)
    descs = mentions.find_descriptions(doc, lex, quotes, names)
    groups = mentions.find_groups(doc, names + prons + descs)
    kin_groups = [d for d in descs if d.plural]  # "her two kids", "the couple"

    cr = coref.Coref(doc, persons + orgs, lex)
    cr.run(names + prons + descs, groups + kin_groups)
    cr.recheck_quoted(names + prons + descs, quotes)

    rel = relations.Relations(doc, lex, names + prons + descs, {e.id for e in persons}, {e.id for e in orgs})
    rel.couple = _couple_finder(cr, prons + [d for d in kin_groups if not d.kin], rel)
    rel.kinship(names)
    rel.work(descs)
    rel.married()
    by_id = {e.id: e for e in persons + orgs}
    for pid, g in rel.genders:
        by_id[pid].gender_votes[g] += 2
    for pid, ds in rel.descriptors.items():
        for d in ds:
            if d not in by_id[pid].descriptors:
                by_id[pid].descriptors.append(d)
    partners: dict[str, list[str]] = {}
    for r in rel.found:
        if r.relation in ("spouse", "partner"):
            partners.setdefault(r.subject, []).append(r.object)
            partners.setdefault(r.object, []).append(r.subject)
    _fill_kin_groups(kin_groups, rel, groups, cr)

    aliases = {}
    for e in persons + orgs:
        for m in e.names:
            aliases.setdefault(m.text, e.id)
    res = resolver.Resolver(names + prons + descs + groups + kin_groups, cr, partners, aliases)
    ctx.resolve = res
    ctx.extra["people"] = PeopleState(persons + orgs, names + prons + descs, groups + kin_groups, cr, res)

    published = ctx.article.published
    ctx.people = [_person(e, published) for e in persons]
    ctx.organizations = [_org(e) for e in orgs]
    ctx.relations = [model.Relation(subject=r.subject, relation=r.relation, object=r.object,
                                    evidence=model.Evidence(start=r.start, end=r.end)) for r in rel.found]


def _couple_finder(cr, prons, rel):
    """For a "their" or "the couple" left open: the most salient person there, with their spouse
    or partner. Keyed by the token of the pronoun or of the head noun ("couple")."""
    at = {m.head: m for m in prons}

    def couple(tok_i: int) -> list[str]:
        m = at.get(tok_i)
        if m is None:
            return []
        saved = cr.history
        cr.history = [h for h in saved if h.start < m.start]
        try:
            best = cr._best(m, None)
        finally:
            cr.history = saved
        partners = getattr(rel, "_partners", {})
        if not best or not partners.get(best[0]):
            return []
        ids = best + [p for p in partners[best[0]] if p not in best]
        m.ids = ids
        cr._credit(m)
        return ids

    return couple


def _fill_kin_groups(kin_groups, rel, groups, cr) -> None:
    """ "her two kids": the latest coordination made of her children, else all of them."""
    for d in kin_groups:
        if not d.kin:
            continue
        owner = [m for m in cr.history if m.i <= d.i < m.j and m is not d and m.kind == "pronoun"] \
            or [m for m in cr.history if m.j <= d.head and m.i >= d.i and m is not d]
        owners = {i for m in owner for i in m.ids}
        kin = {r.subject for r in rel.found if r.relation == d.kin and r.object in owners}
        if not kin:
            continue
        chosen = None
        for g in sorted(groups, key=lambda g: g.start, reverse=True):
            ids = coref.group_ids(g)
            if g.end <= d.start and len(ids) >= 2 and set(ids) <= kin:
                chosen = ids
                break
        d.ids = chosen or sorted(kin, key=lambda i: int(i[1:]))


def _spans(ms) -> list[model.Span]:
    seen, out = set(), []
    for m in sorted(ms, key=lambda m: m.start):
        if (m.start, m.end) in seen or m.kind == "group":
            continue
        seen.add((m.start, m.end))
        out.append(model.Span(start=m.start, end=m.end, text=m.text))
    return out


def _aliases(e) -> list[str]:
    return list(dict.fromkeys(m.text for m in e.names))


def _person(e, published) -> model.Person:
    born = None
    window = attributes.birth_window(e.age, published) if e.age is not None else None
    if window:
        born = model.BirthWindow(earliest=window[0].isoformat(), latest=window[1].isoformat())
    return model.Person(id=e.id, name=e.name, aliases=_aliases(e), gender=e.gender, age=e.age, born=born,
                        descriptors=list(e.descriptors), mentions=_spans(e.names + e.mentions))


def _org(e) -> model.Organization:
    return model.Organization(id=e.id, name=e.name, aliases=_aliases(e), mentions=_spans(e.names + e.mentions))
