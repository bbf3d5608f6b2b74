"""Who speaks: the subject of a cue, its mention span, and the ids it refers to.

Ids come from the people stage through ``ctx.resolve(start, end[, quoted_by=...])``; when that
gives nothing for a proper name, the names in ``ctx.people``/``ctx.organizations`` are matched on
their last word.
"""
from __future__ import annotations

_SUBJ = ("nsubj", "nsubjpass", "csubj")
_CUT = {"appos", "relcl", "acl", "advcl", "parataxis", "punct", "ccomp", "prep"}
_CLIMB = {"xcomp", "acomp", "prep", "advcl", "conj", "pcomp", "acl", "ccomp", "dep", "aux", "auxpass"}
_PRONOUNS = {"i", "we", "he", "she", "they", "it", "you"}


def subject_of(cue):
    """The head token of who speaks through ``cue`` (a token), or None."""
    tok, seen = cue, 0
    while tok is not None and seen < 4:
        if seen and tok.dep_ == "ccomp" and cue.dep_ == "advcl" and _is_cue(tok.head):
            tok = tok.head  # "X warned the nation remains vulnerable, stating ...": X states
            continue
        for child in tok.children:
            if child.dep_ in _SUBJ and child.i != cue.i:
                return _named_before(child, cue) if seen else child
            if child.dep_ == "agent":  # "was said by X"
                for g in child.children:
                    if g.dep_ == "pobj":
                        return g
        if tok.dep_ == "relcl" and tok.head.pos_ in ("PROPN", "NOUN", "PRON"):
            return tok.head  # "Smith, who said ..."
        if tok.dep_ in _CLIMB and tok.head is not tok:
            if tok.dep_ == "ccomp" and seen > 0:
                return None
            tok = tok.head
            seen += 1
            continue
        if tok.dep_ == "pcomp" or (tok.dep_ == "pobj" and tok.head.dep_ == "prep"):
            tok = tok.head.head
            seen += 1
            continue
        return None
    return None


def _named_before(subj, cue):
    """``Halden Works, the company hired to build the bridge, said ...`` parsed with the apposition
    as the main clause and the cue joined to it: the name the apposition describes speaks, not the
    description. Only for a common-noun subject right after ``NAME ,`` opening the sentence, with a
    comma right before the cue; else ``subj`` unchanged."""
    doc = subj.doc
    comma = subj.left_edge.i - 1
    if subj.pos_ != "NOUN" or comma < 1 or doc[comma].text != "," or cue.i < 1 or \
            doc[cue.i - 1].text != "," or not (subj.i < cue.i):
        return subj
    name = doc[subj.sent.start:comma]
    if not 1 <= len(name) <= 6 or not all(t.pos_ in ("PROPN", "DET") for t in name) or \
            name[-1].pos_ != "PROPN" or any(t.ent_type_ in ("DATE", "TIME", "GPE", "LOC") for t in name):
        return subj
    return name[-1]


def _is_cue(tok) -> bool:
    from .cues import cue_of

    return cue_of(tok) is not None


def _phrase(head):
    """The tokens of the noun phrase headed by ``head`` (appositions and clauses cut off)."""
    keep = [head]
    stack = [c for c in head.children]
    while stack:
        c = stack.pop()
        if c.dep_ in _CUT and not (c.dep_ == "prep" and c.head is head and c.lower_ == "of"):
            continue
        keep.append(c)
        stack.extend(c.children)
    idx = sorted(t.i for t in keep)
    # contiguous around the head
    lo = hi = head.i
    s = set(idx)
    while lo - 1 in s:
        lo -= 1
    while hi + 1 in s:
        hi += 1
    doc = head.doc
    for i in range(head.i - 1, lo - 1, -1):  # never across a line break ("12:15 p.m.\n\nObama")
        if "\n" in doc[i].text:
            lo = i + 1
            break
    for i in range(head.i + 1, hi + 1):
        if "\n" in doc[i].text:
            hi = i - 1
            break
    while hi > lo and (doc[hi].is_punct or doc[hi].dep_ == "cc" or doc[hi].tag_ == "POS"):
        hi -= 1
    while lo < hi and (doc[lo].is_punct or doc[lo].dep_ == "cc"):
        lo += 1
    return doc[lo:hi + 1]


def np_left(head):
    """A noun phrase read leftwards from its last word, for parses gone wrong ("the 35-year-old")."""
    doc, lo = head.doc, head.i
    while lo > 0:
        t = doc[lo - 1]
        if t.pos_ in ("DET", "ADJ", "NUM", "NOUN", "PROPN") or t.tag_ in ("HYPH", "POS", "PRP$"):
            lo -= 1
            continue
        break
    while lo < head.i and doc[lo].tag_ in ("HYPH", "POS"):
        lo += 1
    return doc[lo:head.i + 1]


def mention_span(head):
    """The speaker mention: the phrase of ``head`` and its conjuncts ("Teigen and Legend")."""
    if head.pos_ == "ADJ" or (head.i + 1 < len(head.doc) and head.dep_ not in _SUBJ and head.pos_ != "PRON"
                              and head.head.i == head.i + 1 and head.head.pos_ != "VERB"):
        left = np_left(head)
        if len(left) > 1:
            return left
    span = _phrase(head)
    lo, hi = span.start, span.end
    for conj in head.conjuncts:
        if conj.i > head.i and not any("\n" in t.text for t in head.doc[head.i:conj.i]):
            sub = _phrase(conj)
            hi = max(hi, sub.end)
    return head.doc[lo:hi]


def heads(head):
    """The head tokens of a (possibly coordinated) speaker: "Teigen and Legend" -> both."""
    out = [head]
    for c in head.conjuncts:
        if c.pos_ in ("PROPN", "NOUN", "PRON") and c not in out:
            out.append(c)
    return sorted(out, key=lambda t: t.i)


def _name(head):
    """The proper name a head ends ("Council member David Chen" -> "David Chen"), else None."""
    if head.pos_ != "PROPN":
        return None
    if head.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        ent = next((e for e in head.doc.ents if e.start <= head.i < e.end), None)
        if ent is not None and ent[-1].i == head.i:
            return ent
    lo = head.i
    doc = head.doc
    while lo > 0 and doc[lo - 1].pos_ == "PROPN" and doc[lo - 1].head.i in range(lo - 1, head.i + 1):
        lo -= 1
    return doc[lo:head.i + 1]


def _call_resolve(ctx, start, end, quoted_by):
    if quoted_by is not None:
        try:
            return list(ctx.resolve(start, end, quoted_by=quoted_by))
        except TypeError:  # a people stage without the quoted_by extension
            pass
    return list(ctx.resolve(start, end))


def _by_name(ctx, span) -> list[str]:
    last = span[-1].text.lower()
    found = []
    for ent in list(ctx.people) + list(ctx.organizations):
        for alias in [ent.name, *ent.aliases]:
            if alias.split() and alias.split()[-1].lower() == last:
                found.append(ent.id)
                break
    return found if len(found) == 1 else []


def resolve_speaker(ctx, head, quoted_by=None) -> list[str]:
    """Ids of the people/organisations the speaker headed by ``head`` refers to."""
    if head.tag_ in ("WP", "WDT") and head.head.dep_ == "relcl":
        head = head.head.head  # "the senator, who said ..." speaks as the senator
    ids: list[str] = []
    for h in heads(head):
        sp = _name(h) or (_phrase(h) if h.pos_ != "ADJ" else np_left(h))
        got = _call_resolve(ctx, sp.start_char, sp.end_char, quoted_by)
        if not got and h.pos_ == "PROPN":
            got = _by_name(ctx, sp)
        for i in got:
            if i not in ids:
                ids.append(i)
    if not ids:
        whole = mention_span(head)
        ids = _call_resolve(ctx, whole.start_char, whole.end_char, quoted_by)
    return ids
