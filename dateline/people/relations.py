"""Relations: family ties from kinship words and work ties from role nouns.

Patterns are read off the token sequence around a name (robust to the parser's many ways of
attaching a possessive): "<possessor>'s <kin> N", "her <kin> N", "X and <kin> N", "N, X's <kin>",
"X and husband Y's daughter N" (N is the child of both), "<Org> <role> N", "N, <role> of <Org>",
"N is a member of <Org>". ``subject`` is the ``relation`` of ``object``.
"""
from __future__ import annotations

from dataclasses import dataclass

from .mentions import Mention
from .tokens import index

_SKIP_BETWEEN = {"ADJ", "NUM"}  # "their late son", "her two kids", "eldest daughter"


@dataclass
class Rel:
    subject: str
    relation: str
    object: str
    start: int
    end: int


class Relations:
    def __init__(self, doc, lex, mentions: list[Mention], persons: set[str], orgs: set[str]):
        self.doc, self.lex = doc, lex
        self.persons, self.orgs = persons, orgs
        self.by_end: dict[int, Mention] = {}
        self.by_start: dict[int, Mention] = {}
        self.by_tok: dict[int, Mention] = {}
        for m in mentions:
            if m.kind in ("name", "pronoun") and m.ids:
                self.by_end[m.j - 1] = m
                self.by_start[m.i] = m
                for k in range(m.i, m.j):
                    self.by_tok[k] = m
            elif m.kind == "description" and m.plural and not m.kin:  # "the couple's daughter"
                self.by_end.setdefault(m.j - 1, m)
        self.found: list[Rel] = []
        self.kin_anchor: dict[int, list[str]] = {}  # name mention start token -> anchor ids
        self.descriptors: dict[str, list[str]] = {}
        self.genders: list[tuple[str, str]] = []
        # "their" that coreference left open (no group before it): the salient person and partner
        self.couple = None

    def add(self, subj: str, rel: str, obj: str, start: int, end: int) -> None:
        if subj == obj or not subj or not obj:
            return
        if any(r.subject == subj and r.relation == rel and r.object == obj for r in self.found):
            return
        if rel in ("spouse", "partner", "sibling") and any(
                r.subject == obj and r.relation == rel and r.object == subj for r in self.found):
            return
        self.found.append(Rel(subj, rel, obj, start, end))

    # ---- possessors -----------------------------------------------------------------------
    def _possessor_before(self, k: int) -> tuple[list[str], int] | None:
        """Who owns the kin word at token k: ids and the first token of the possessor phrase."""
        doc = self.doc
        p = k - 1
        while p >= 0 and doc[p].pos_ in _SKIP_BETWEEN:
            p -= 1
        if p < 0:
            return None
        if doc[p].tag_ == "PRP$" and p in self.by_tok:
            ids = list(self.by_tok[p].ids)
            if doc[p].text.lower() == "their":
                ids = self._parents_for(ids) or ids
            return ids, p
        if doc[p].tag_ == "PRP$" and doc[p].text.lower() == "their" and self.couple is not None:
            ids = self.couple(p)
            return (ids, p) if ids else None
        if doc[p].tag_ == "POS" or doc[p].text in ("'s", "'", "\u2019s"):
            owner = self.by_end.get(p - 1)
            if owner is None:
                return None
            ids, first = list(owner.ids), owner.i
            if not ids and owner.kind == "description":
                # "the couple's daughter" with no pair named together: the salient person and partner
                ids = self.couple(owner.head) if self.couple is not None else []
                if not ids:
                    return None
            # "Teigen and husband John Legend's daughter": both own the daughter
            q = first - 1
            if q >= 0 and doc[q].text.lower() in self.lex.kinship:
                q -= 1
            if q >= 1 and doc[q].text.lower() in ("and", "&") and (q - 1) in self.by_end:
                other = self.by_end[q - 1]
                ids = [i for i in other.ids if i not in ids] + ids
                first = other.i
            return ids, first
        return None

    # ---- kinship --------------------------------------------------------------------------
    def kinship(self, names: list[Mention]) -> None:
        self._kinship(names)
        if self.couple is None:
            return
        # second pass: "their late son Jack" before the couple's own relation was read
        self._partners = {}
        for r in self.found:
            if r.relation in ("spouse", "partner"):
                self._partners.setdefault(r.subject, []).append(r.object)
                self._partners.setdefault(r.object, []).append(r.subject)
        self._kinship(names)

    def _kinship(self, names: list[Mention]) -> None:
        doc, lex = self.doc, self.lex
        for n in sorted(names, key=lambda m: m.start):
            if not n.ids or n.ids[0] not in self.persons:
                continue
            me = n.ids[0]
            k = n.i - 1
            if k >= 0 and doc[k].text == ",":
                k -= 1
            kin = lex.kinship.get(doc[k].text.lower()) if k >= 0 else None
            if kin is not None and not kin.plural and doc[k].pos_ == "NOUN":
                if kin.gender:
                    self.genders.append((me, kin.gender))
                owner = self._possessor_before(k)
                if owner is None:
                    owner = self._coordinated_anchor(k)
                if owner is None:
                    owner = self._dep_possessor(doc[k], doc[n.head])
                if owner:
                    ids, first = owner
                    self.kin_anchor[n.i] = ids
                    for o in ids:
                        if o in self.persons:
                            self.add(me, kin.relation, o, doc[first].idx, n.end)
                continue
            # "N, X's daughter," / "N, her husband,"
            e = n.j
            if e < len(doc) and doc[e].text == ",":
                for kk in range(e + 1, min(e + 6, len(doc))):
                    kin = lex.kinship.get(doc[kk].text.lower())
                    if kin is not None and doc[kk].pos_ == "NOUN":
                        if kin.plural:
                            break
                        owner = self._possessor_before(kk)
                        if owner and owner[1] == e + 1:
                            if kin.gender:
                                self.genders.append((me, kin.gender))
                            for o in owner[0]:
                                if o in self.persons:
                                    self.add(me, kin.relation, o, n.start, doc[kk].idx + len(doc[kk].text))
                        break
                    if doc[kk].text in (",", ".", ";"):
                        break

    def _parents_for(self, ids: list[str]) -> list[str]:
        """'their son' after a list of children is the parents' son, not the children's."""
        parents = [{r.object for r in self.found if r.subject == i and r.relation == "child"} for i in ids]
        if ids and all(parents) and all(p == parents[0] for p in parents):
            return sorted(parents[0], key=lambda x: int(x[1:]))
        return []

    def _coordinated_anchor(self, k: int):
        """ "Teigen and husband John Legend" -> Teigen; "Luna, 5, and son Miles" -> Luna's anchor."""
        doc = self.doc
        q = k - 1
        if q < 1 or doc[q].text.lower() not in ("and", "&"):
            return None
        q -= 1
        # skip an age in apposition: "Luna, 5, and son Miles"
        if doc[q].text == "," and q >= 2 and doc[q - 1].like_num and doc[q - 2].text == ",":
            q -= 3
        prev = self.by_end.get(q)
        if prev is None:
            return None
        if prev.i in self.kin_anchor:
            return self.kin_anchor[prev.i], prev.i
        return list(prev.ids), prev.i

    def _dep_possessor(self, kin_tok, name_tok):
        for t in (kin_tok, name_tok):
            for c in t.children:
                if c.dep_ == "poss" and c.i in self.by_tok:
                    m = self.by_tok[c.i]
                    return list(m.ids), m.i
        return None

    # ---- marriage -------------------------------------------------------------------------
    def married(self) -> None:
        """ "X married Y", "X is married to Y", "X and Y married": spouses."""
        doc = self.doc
        for k in index(doc).where_lower({"married", "marries", "marry", "wed", "weds"}):
            t = doc[k]
            if t.pos_ not in ("VERB", "ADJ", "AUX"):
                continue
            subj, obj = [], []
            for c in t.children:
                if c.dep_ in ("nsubj", "nsubjpass") and c.i in self.by_tok:
                    subj = self._with_conjuncts(c)
                elif c.dep_ == "dobj" and c.i in self.by_tok:
                    obj = self._with_conjuncts(c)
                elif c.dep_ == "prep" and c.lower_ == "to":
                    obj = [i for g in c.children if g.dep_ == "pobj" and g.i in self.by_tok
                           for i in self.by_tok[g.i].ids]
            if t.dep_ == "acomp" and not subj:  # "X is married to Y": the subject is the verb's
                subj = [i for c in t.head.children if c.dep_ == "nsubj" and c.i in self.by_tok
                        for i in self._with_conjuncts(c)]
            people = [i for i in subj + obj if i in self.persons]
            if not obj and len(people) == 2:  # "X and Y married in 2010"
                subj, obj = people[:1], people[1:]
            ends = [t.idx, t.idx + len(t.text)] + [x for c in t.subtree if c.i in self.by_tok
                                                   for x in (self.by_tok[c.i].start, self.by_tok[c.i].end)]
            if t.dep_ == "acomp":
                ends += [x for c in t.head.children if c.dep_ == "nsubj" and c.i in self.by_tok
                         for x in (self.by_tok[c.i].start, self.by_tok[c.i].end)]
            for a in subj:
                for b in obj:
                    if a in self.persons and b in self.persons:
                        self.add(b, "spouse", a, min(ends), max(ends))

    def _with_conjuncts(self, tok) -> list[str]:
        ids = list(self.by_tok[tok.i].ids)
        for c in tok.conjuncts:
            if c.i in self.by_tok:
                ids += [i for i in self.by_tok[c.i].ids if i not in ids]
        return ids

    # ---- work -----------------------------------------------------------------------------
    def work(self, descriptions: list[Mention]) -> None:
        doc, lex = self.doc, self.lex
        for k in index(doc).where_lower(set(lex.roles) | {"member", "members"}):
            t = doc[k]
            low = t.text.lower()
            is_member = low in ("member", "members")
            if not (is_member or (low in lex.roles and t.pos_ in ("NOUN", "PROPN"))):
                continue
            who = self._role_holder(t)
            if not who:
                continue
            org, org_m = self._role_org(t)
            rel = "member" if is_member else "employee"
            role_text = None if is_member else (low if not t.text.isupper() else t.text)
            for pid in who:
                if pid not in self.persons:
                    continue
                if org:
                    s = min(t.idx, org_m.start)
                    e = max(t.idx + len(t.text), org_m.end)
                    self.add(pid, rel, org, s, e)
                    if role_text and t.i + 1 < len(doc) and doc[t.i + 1].text.lower() in ("of", "at", "for"):
                        self._descr(pid, f"{role_text} {doc[t.i + 1].text.lower()} {org_m.text}")
                    elif role_text:
                        self._descr(pid, role_text)
                elif role_text:
                    self._descr(pid, _role_phrase(t, self.by_tok))

    def _descr(self, pid: str, text: str) -> None:
        lst = self.descriptors.setdefault(pid, [])
        if text not in lst:
            lst.append(text)

    def _role_holder(self, t) -> list[str]:
        doc = self.doc
        nxt = t.i + 1
        if nxt < len(doc) and doc[nxt].text == ",":
            nxt += 1
        if nxt in self.by_start and self.by_start[nxt].kind == "name":
            return self.by_start[nxt].ids  # "spokeswoman Jane Roe"
        if t.dep_ == "appos" and t.head.i in self.by_tok:
            return self.by_tok[t.head.i].ids  # "Jane Roe, CEO of Acme"
        if t.dep_ == "attr":
            for c in t.head.children:
                if c.dep_ in ("nsubj", "nsubjpass") and c.i in self.by_tok:
                    return self.by_tok[c.i].ids  # "Roe is a member of ..."
        for c in t.children:
            if c.dep_ == "appos" and c.i in self.by_tok:
                return self.by_tok[c.i].ids  # "the CEO, Jane Roe"
        return []

    def _role_org(self, t):
        doc = self.doc
        # "Acme spokeswoman", "Acme's spokeswoman"
        p = t.i - 1
        while p >= 0 and doc[p].pos_ in ("ADJ",) :
            p -= 1
        if p >= 0 and doc[p].tag_ == "POS":
            p -= 1
        m = self.by_end.get(p)
        if m is not None and m.ids and m.ids[0] in self.orgs:
            return m.ids[0], m
        # "CEO of Acme", "a member of the Senate", "spokesman for Acme"
        for c in t.children:
            if c.dep_ == "prep" and c.text.lower() in ("of", "at", "for", "with"):
                for g in c.children:
                    if g.dep_ == "pobj" and g.i in self.by_tok:
                        m = self.by_tok[g.i]
                        if m.ids and m.ids[0] in self.orgs:
                            return m.ids[0], m
        nxt = t.i + 1
        if nxt < len(doc) and doc[nxt].text.lower() in ("of", "at", "for"):
            k = nxt + 1
            if k < len(doc) and doc[k].pos_ == "DET":
                k += 1
            m = self.by_start.get(k)
            if m is not None and m.ids and m.ids[0] in self.orgs:
                return m.ids[0], m
        return None, None


def _role_phrase(t, names_at) -> str:
    words = [c.text.lower() for c in t.lefts
             if c.dep_ in ("compound", "amod") and c.pos_ in ("NOUN", "ADJ") and c.i not in names_at]
    return " ".join(words + [t.text.lower()])
