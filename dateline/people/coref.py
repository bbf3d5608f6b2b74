"""Coreference: pronouns and descriptions resolved to people, left to right through the article.

A third-person pronoun goes to the most salient compatible person seen before it: salience adds up
each earlier mention (more for subjects and names), halved for every sentence back; gender and
number must agree; an object pronoun never takes its own clause's subject ("Legend held her"), a
reflexive always does ("a photo of herself"). "they" goes to the latest group (coordination) before
it. A description goes to the person it was said of (apposition, predicate, earlier role), an age
description to the person of that age, and otherwise, when definite, to the most salient person.
First- and second-person pronouns are left for :func:`dateline.people.resolver` (they depend on the
quote they stand in).
"""
from __future__ import annotations

import re
from bisect import bisect_right

from .clusters import Entity
from .mentions import Mention
from .tokens import index

DECAY = 0.5
CLEAR = 2.0  # the best reading of a pronoun must outscore the next by this factor to tell a gender
MAX_GROUP_DISTANCE = 3
MAIN_BONUS = 0.1  # per earlier mention (up to ten) of the candidate anywhere before
MIN_SALIENCE = 0.5  # below this nobody named is a likely antecedent ("the housekeeper and her daughter")
_PARA = re.compile(r"\n\s*\n")  # "they" looks back this many sentences for a group


class Coref:
    def __init__(self, doc, entities: list[Entity], lex):
        self.doc = doc
        self.lex = lex
        self.by_id = {e.id: e for e in entities if e.id}
        self.sent_no = {}
        for k, s in enumerate(dict.fromkeys(index(doc).sent_of)):
            self.sent_no[s] = k
        self.history: list[Mention] = []
        self.groups: list[Mention] = []
        self.roles: dict[str, str] = {}  # role head word -> person id
        self.name_at: dict[int, Mention] = {}
        self.counts: dict[str, int] = {}  # mentions so far per entity
        text = index(doc).text
        self.para_starts = [m.end() for m in _PARA.finditer(text)]

    # ---- helpers -------------------------------------------------------------------------
    def _sno(self, m: Mention) -> int:
        return self.sent_no.get(m.sent, 0)

    def _para(self, pos: int) -> int:
        """Paragraph number of a character offset (paragraphs are split by blank lines)."""
        return bisect_right(self.para_starts, pos)

    def _person(self, pid: str) -> Entity | None:
        e = self.by_id.get(pid)
        return e if e is not None and e.kind == "person" else None

    def salience(self, before: Mention) -> dict[str, float]:
        here = self._sno(before)
        score: dict[str, float] = {}
        for h in reversed(self.history):
            dist = here - self._sno(h)
            if dist > 6:
                break
            if len(h.ids) != 1 or h.kind == "group" or h.person != 3:
                continue
            pid = h.ids[0]
            if self._person(pid) is None:
                continue
            w = 1.0 + (1.0 if h.subject else 0.0) + (0.5 if h.kind == "name" else 0.0)
            if h.in_quote and not before.in_quote:
                w *= 0.5
            paras = self._para(before.start) - self._para(h.start)
            score[pid] = score.get(pid, 0.0) + w * DECAY ** (dist + paras)
        # the article's main people stay in focus across paragraphs
        for pid in score:
            score[pid] += MAIN_BONUS * min(self.counts.get(pid, 0), 10)
        return score

    def _org_called(self, m: Mention) -> list[str]:
        """The latest organisation named with the noun of "the council"; its modifiers must be in
        the name ("the rights council" is the Human Rights Council, "the banking committee" is not
        the House Financial Services Committee)."""
        mods = {t.lower_ for t in self.doc[m.i + 1:m.j - 1]}
        for h in reversed(self.history):
            if h.start < m.start and h.kind == "name" and h.org_noun == m.org_noun and len(h.ids) == 1 \
                    and h.ids[0] in self.by_id and self.by_id[h.ids[0]].kind == "org" \
                    and mods <= {w.lower() for w in self.by_id[h.ids[0]].name.split()}:
                return list(h.ids)
        return []

    def _clause_subject_ids(self, tok) -> list[str]:
        verb = tok.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        for c in verb.children:
            if c.dep_ in ("nsubj", "nsubjpass") and c.i != tok.i:
                m = self._at(c.i)
                if m is not None:
                    return m.ids
        return []

    def _at(self, i: int) -> Mention | None:
        return self.name_at.get(i)

    def _recent_topic(self, m: Mention, ok: dict[str, float]) -> str | None:
        """The person a pronoun most likely picks up when the sentence before it, in the same
        paragraph, brought someone in: its first compatible person (not a possessor: "Arundel's
        mother, Ruth Arundel, watched ... 'I waited,' she said"), when its gender is known to
        agree and the usual reading is an older person that sentence did not name. None when a
        compatible person is already named earlier in the pronoun's own sentence, or the paragraph
        starts here."""
        here, para = self._sno(m), self._para(m.start)
        prev, first, seen = None, None, set()
        for h in reversed(self.history):
            if h.start >= m.start or h is m:
                continue
            if self._para(h.start) != para:
                break
            if h.kind == "group" or h.person != 3 or len(h.ids) != 1 or self._person(h.ids[0]) is None:
                continue
            if h.in_quote and not m.in_quote:
                continue
            s = self._sno(h)
            if s == here:
                if h.ids[0] in ok:
                    return None
                continue
            if prev is None:
                prev = s
            if s != prev:
                break
            if self.doc[h.head].dep_ == "poss":
                continue
            if h.in_quote or not m.in_quote:  # in a quote, its speaker outside does not count
                seen.add(h.ids[0])
            # only a newcomer whose gender is known to match (names alone tell none)
            if h.ids[0] in ok and (not m.gender or self._person(h.ids[0]).gender == m.gender):
                first = h.ids[0]  # walking backwards: ends on the sentence's first one
        # the usual reading stands when that sentence mentioned its person too ("Mr. Deese expected
        # the president would call. Instead, he ...")
        if first is not None and ok and max(ok, key=ok.get) in seen:
            return None
        return first

    def _best(self, m: Mention, gender: str | None, exclude=(), prefer=None, topic=False) -> list[str]:
        sal = self.salience(m)
        ok = {}
        for pid, s in sal.items():
            e = self._person(pid)
            g = e.gender
            if gender and g and g != gender:
                continue
            if pid in exclude:
                continue
            ok[pid] = s
        if prefer:
            for pid in prefer:
                if pid in ok:
                    return [pid]
        if topic:
            t = self._recent_topic(m, ok)
            if t is not None and t != max(ok, key=ok.get):
                self.margin = 0.0  # a reading against salience tells no gender
                return [t]
        ok = {pid: v for pid, v in ok.items() if v >= MIN_SALIENCE}
        if not ok:
            self.margin = 0.0
            return []
        ranked = sorted(ok.values(), reverse=True)
        self.margin = ranked[0] / ranked[1] if len(ranked) > 1 and ranked[1] else float("inf")
        return [max(ok, key=ok.get)]

    # ---- the walk ------------------------------------------------------------------------
    def run(self, mentions: list[Mention], groups: list[Mention]) -> None:
        self.groups = sorted(groups, key=lambda g: g.start)
        for m in mentions:
            for k in range(m.i, m.j):
                self.name_at.setdefault(k, m)
            self.name_at[m.head] = m
        for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
            if m.kind == "name" and m.role and m.ids and self._person(m.ids[0]):
                self.roles[m.role.split()[-1]] = m.ids[0]  # "Actor Sam Reed" ... "the actor"
            if m.kind == "pronoun":
                self._pronoun(m)
            elif m.kind == "description":
                self._description(m)
            self._credit(m)
            self.history.append(m)

    def recheck_quoted(self, mentions: list[Mention], regions: list[tuple[int, int]]) -> None:
        """A third-person pronoun inside a quote is not the person speaking it: "she and Legend
        told them, 'we lost him'" — him is not Legend. Speakers are approximated by the subjects
        next to the quote (its sentence before the opening mark, or after the closing one)."""
        cands = [m for m in mentions if m.kind == "pronoun" and m.person == 3 and not m.plural and m.ids
                 and m.in_quote]
        for s, e in regions:
            inside = [m for m in cands if s < m.start < e]
            if not inside:
                continue
            near = self._speakers_near(mentions, s, e, regions)
            for m in inside:
                if not set(m.ids) & near:
                    continue
                self._uncredit(m)
                saved = self.history
                self.history = [h for h in saved if h.start < m.start]
                try:
                    m.ids = self._best(m, m.gender, exclude=near, topic=True)
                    m.confident = self.margin >= CLEAR
                finally:
                    self.history = saved
                self._credit(m)

    def _speakers_near(self, mentions, s: int, e: int, regions) -> set[str]:
        doc = self.doc
        ix = index(doc)
        sents = set()
        for pos in (s - 1, e):
            k = ix.token_at(pos)
            if 0 <= k < len(doc) and 0 <= pos < len(index(doc).text):
                sents.add(ix.sent_of[k])
        if not hasattr(self, "_by_sent"):
            self._by_sent: dict[int, list[Mention]] = {}
            for m in mentions:
                self._by_sent.setdefault(m.sent, []).append(m)
        ids: set[str] = set()
        for m in (x for k in sents for x in self._by_sent.get(k, ())):
            if (m.subject or _addressee(self.doc[m.head])) and not any(rs <= m.start < re_ for rs, re_ in regions) \
                    and m.kind != "group":
                ids.update(m.ids)
        return ids

    def _uncredit(self, m: Mention) -> None:
        for pid in m.ids:
            e = self.by_id.get(pid)
            if e is None:
                continue
            if m in e.mentions:
                e.mentions.remove(m)
            if len(m.ids) == 1 and m.gender and e.gender_votes.get(m.gender) and m.confident:
                e.gender_votes[m.gender] -= 1
                if not e.gender_votes[m.gender]:
                    del e.gender_votes[m.gender]

    def _credit(self, m: Mention) -> None:
        for pid in m.ids:
            self.counts[pid] = self.counts.get(pid, 0) + 1
            e = self.by_id.get(pid)
            if e is None:
                continue
            if m not in e.mentions:
                e.mentions.append(m)
            if len(m.ids) == 1 and m.gender and e.kind == "person" and m.kind != "group" \
                    and (m.kind != "pronoun" or m.confident):
                e.gender_votes[m.gender] += 1

    def _pronoun(self, m: Mention) -> None:
        if m.person != 3:
            return
        self.margin = 0.0
        tok = self.doc[m.head]
        if m.plural:
            m.ids = self.latest_group(m.start)
            return
        text = m.text.lower()
        subj = self._clause_subject_ids(tok)
        if text.endswith("self"):
            m.ids = self._best(m, m.gender, prefer=subj)
        elif tok.dep_ in ("dobj", "pobj", "dative", "iobj") and tok.head.pos_ in ("VERB", "ADP"):
            m.ids = self._best(m, m.gender, exclude=subj, topic=True)
        else:
            m.ids = self._best(m, m.gender, topic=True)
        # a pronoun tells the person's gender only when its reading is clear
        m.confident = self.margin >= CLEAR

    def latest_group(self, before: int, avoid: list[str] = ()) -> list[str]:
        here = self.sent_no.get(index(self.doc).sent_of[index(self.doc).token_at(before)], 0)
        for g in reversed(self.groups):
            if g.end > before:
                continue
            if here - self.sent_no.get(g.sent, 0) > MAX_GROUP_DISTANCE:
                break
            ids = group_ids(g)
            ids = [i for i in ids if self._person(i) is not None]
            if len(ids) >= 2 and not set(ids) & set(avoid):
                return ids
        return []

    def _description(self, m: Mention) -> None:
        doc = self.doc
        tok = doc[m.head]
        if m.kin:  # "her two kids": resolved once relations are known
            return
        if m.org_noun:  # "the council": the latest organisation called so before
            m.ids = self._org_called(m)
            return
        if m.plural:  # "the couple"
            m.ids = self.latest_group(m.start)
            return
        # said of a name in apposition: "Jane Roe, the senator" / "the senator, Jane Roe"
        target = None
        if tok.dep_ == "appos":
            target = self._at(tok.head.i)
        if target is None:
            for c in tok.children:
                if c.dep_ == "appos" and self._at(c.i) is not None:
                    target = self._at(c.i)
        if target is None and tok.dep_ == "attr":
            for c in tok.head.children:
                if c.dep_ in ("nsubj", "nsubjpass") and self._at(c.i) is not None:
                    target = self._at(c.i)
        if target is not None and target.kind in ("name", "pronoun") and target.ids:
            m.ids = list(target.ids)
        elif m.label in ("a", "an"):
            # "a White House spokesman": the organisation when no person is named
            for c in tok.lefts:
                n = self._at(c.i)
                if n is not None and n.kind == "name" and n.ids and n.ids[0].startswith("o"):
                    m.ids = list(n.ids)
            return
        elif m.age is not None:
            same = [e.id for e in self.by_id.values() if e.kind == "person" and e.age == m.age]
            m.ids = same[:1] if len(same) == 1 else self._best(m, None)
        elif m.role:
            head = m.role.split()[-1]
            if head in self.roles:
                m.ids = [self.roles[head]]
            else:
                m.ids = self._best(m, m.gender)
        for pid in m.ids:
            e = self._person(pid)
            if e is None:
                continue
            if m.role:
                if m.role not in e.descriptors:
                    e.descriptors.append(m.role)
                self.roles[m.role.split()[-1]] = pid
            if m.age is not None and e.age is None:
                e.age = m.age


def _addressee(tok) -> bool:
    """The told one in "told Luna and Miles": a direct or indirect object (or its conjunct)."""
    while tok.dep_ == "conj":
        tok = tok.head
    return tok.dep_ in ("dobj", "dative", "iobj")


def group_ids(g: Mention) -> list[str]:
    out: list[str] = []
    for x in g.members:
        for i in x.ids:
            if i not in out:
                out.append(i)
    if g.kind != "group":
        for i in g.ids:
            if i not in out:
                out.append(i)
    return out
