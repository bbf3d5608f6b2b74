"""Clusters: name mentions merged into people and organisations.

Full names first; a shorter name ("Teigen", "Mr. Legend", "Chrissy") joins the entity whose full
name contains it, the nearest one before it when several do. Each cluster is then judged a person,
an organisation or neither from all its mentions together: explicit person evidence (honorific,
kinship word, stated age, role noun) and NER's PERSON label make a person unless the name is a
known outlet or carries an organisation word; NER's ORG alone makes an organisation.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .mentions import Mention


@dataclass(eq=False)
class Entity:
    kind: str = "?"  # person | org | ?
    names: list[Mention] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)  # every mention resolved to it
    id: str = ""
    gender_votes: Counter = field(default_factory=Counter)
    age: int | None = None
    descriptors: list[str] = field(default_factory=list)

    name: str = ""  # the longest proper name used
    tokens: tuple[str, ...] = ()
    first: int = 1 << 62  # offset of the first name mention

    def add(self, m: Mention) -> None:
        self.names.append(m)
        self.first = min(self.first, m.start)
        if (len(m.text.split()), len(m.text)) > (len(self.name.split()), len(self.name)):
            self.name = m.text
            self.tokens = _toks(m.text)

    @property
    def gender(self) -> str | None:
        if not self.gender_votes:
            return None
        (g, n), *rest = self.gender_votes.most_common()
        if rest and rest[0][1] == n:
            return None
        return g


def _toks(text: str) -> tuple[str, ...]:
    return tuple(w.strip(".,") for w in text.split() if w.strip(".,"))


_PLACE_LABELS = ("GPE", "LOC", "NORP", "FAC")


def _part_of(big: tuple[str, ...], small: tuple[str, ...]) -> bool:
    """ "Teigen" / "Chrissy" of "Chrissy Teigen", "Acme" of "Acme Corp": a leading or trailing part
    (not "New Zealand" inside "Green Party of Aotearoa New Zealand")."""
    n = len(small)
    if n >= len(big):
        return False
    if big[-n:] == small and not any(w in ("of", "for", "and", "the") for w in big):
        return True
    return big[:n] == small


def cluster(names: list[Mention]) -> list[Entity]:
    entities: list[Entity] = []
    by_tokens: dict[tuple[str, ...], Entity] = {}
    by_word: dict[str, list[Entity]] = {}  # each word of a full name -> entities with it
    order = sorted(names, key=lambda m: (-len(_toks(m.text)), m.start))
    for m in order:
        toks = _toks(m.text)
        if toks in by_tokens:
            target = by_tokens[toks]
        else:
            cands = [e for e in by_word.get(toks[-1], ()) if _part_of(e.tokens, toks) and _compatible(e, m)
                     # NER often calls a surname a place: it may join a person, never an organisation
                     and (m.label not in _PLACE_LABELS or any(x.label == "PERSON" for x in e.names))]
            if cands:
                before = [e for e in cands if e.first < m.start]
                pool = before or cands
                target = max(pool, key=lambda e: _weight(e, m.start))
            else:
                target = Entity()
                entities.append(target)
        target.add(m)
        if by_tokens.setdefault(target.tokens, target) is target:
            for w in set(target.tokens):
                lst = by_word.setdefault(w, [])
                if target not in lst:
                    lst.append(target)
    for e in entities:
        e.names.sort(key=lambda m: m.start)
        e.kind = _judge(e)
    entities.sort(key=lambda e: e.first)
    return entities


def _weight(e: Entity, at: int):
    """Which of several "Lund"s a bare "Lund" means: not the one introduced as somebody's
    relative ("her husband Arne Lund"), then the one named most often so far, then the first."""
    relative = any("kinship" in x.person_evidence for x in e.names)
    seen = sum(1 for x in e.names if x.start < at)
    return (not relative, seen, -e.first)


def _compatible(e: Entity, m: Mention) -> bool:
    """ "Acme" may join "Acme Corp"; but "Bush" (a person by NER or by the words around it)
    does not join "Bush Administration", nor an organisation-looking name a person's."""
    if any(x.org_evidence for x in e.names) and (m.person_evidence or m.label == "PERSON"):
        return False
    explicit = any(ev not in ("ner", "speaker") for x in e.names for ev in x.person_evidence)
    return not (explicit and m.org_evidence)


def _judge(e: Entity) -> str:
    ev_person = [x for m in e.names for x in m.person_evidence]
    ev_org = [x for m in e.names for x in m.org_evidence]
    labels = Counter(m.label for m in e.names)
    weak = ("ner", "speaker")
    explicit = [x for x in ev_person if x not in weak]
    if ev_org and not (explicit and len(explicit) > len(ev_org)):
        return "org"
    places = labels["GPE"] + labels["LOC"] + labels["NORP"] + labels["FAC"]
    if places and not labels["PERSON"] and not {"honorific", "kinship", "age"} & set(ev_person):
        return "?"  # "Palestinian, 23," or "Queensland Australia": a place or people, not a person
    if e.name.isupper() and "honorific" not in ev_person:
        return "org" if labels["ORG"] or ev_org else "?"  # "CDU", "ESPN": acronyms are no people
    if explicit:
        return "person"
    if places > labels["PERSON"]:
        return "?"  # "Nepal", "Palestinian": NER's PERSON now and then is not enough
    # NER often calls a bare surname ORG ("Teigen"): trust the labels on the fullest names
    longest = max(len(m.text.split()) for m in e.names)
    full = Counter(m.label for m in e.names if len(m.text.split()) == longest)
    if labels["PERSON"] and (full["PERSON"] >= full["ORG"] or "speaker" in ev_person):
        return "person"
    if "speaker" in ev_person and not full["ORG"] and longest >= 2:
        return "person"  # "Ilona Varga said", whatever NER made of the full name
    if labels["ORG"]:
        return "org"
    if "speaker" in ev_person and not labels["GPE"] and not labels["NORP"]:
        return "person"
    return "?"


def promote(entities: list[Entity], doc) -> None:
    """A name nobody labelled, coordinated with a person ("Ana Ruiz and Ben Ortiz"), is a person."""
    owner = {}
    for e in entities:
        for m in e.names:
            owner[m.head] = e
    changed = True
    while changed:
        changed = False
        for e in entities:
            if e.kind != "?" or any(m.label in ("GPE", "NORP", "LOC", "FAC") for m in e.names):
                continue
            for m in e.names:
                tok = doc[m.head]
                near = [tok.head] if tok.dep_ == "conj" else []
                near += [c for c in tok.children if c.dep_ == "conj"]
                if any(owner.get(t.i) is not None and owner[t.i].kind == "person" for t in near):
                    e.kind = "person"
                    changed = True
                    break
