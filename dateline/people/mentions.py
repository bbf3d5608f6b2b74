"""Mentions: the stretches of text that can refer to a person or an organisation.

Four kinds: ``name`` (proper names, from NER plus runs of proper nouns, cleaned of honorifics,
possessive endings and determiners), ``pronoun``, ``description`` ("the 35-year-old", "the cookbook
author") and ``group`` (coordinations such as "Teigen and Legend", or "her two kids"). Names that
are dates, holidays, months or titles of works are dropped here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicon import Lexicon
from .tokens import index

NAME_LABELS = {"PERSON", "ORG", "PRODUCT", "GPE", "NORP", "FAC", "WORK_OF_ART", "LOC"}
_PARTICLES = {"de", "da", "van", "von", "der", "den", "bin", "ibn", "al", "el", "la", "le", "du", "di", "y", "of", "and", "&", "the", "for"}
_AGE_AFTER = re.compile(r"\s*(?:,\s*|\(\s*)(\d{1,3})\s*(?:[,.;)]|$)|\s*,?\s*aged\s+(\d{1,3})\b")
_YEAR_OLD = re.compile(r"^(\d{1,3}|[a-z]+(?:-[a-z]+)?)[- ]years?[- ]old$", re.I)
_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in enumerate("- - twenty thirty forty fifty sixty seventy eighty ninety".split()) if i > 1}
_AGE_WORD = r"(\d{1,3}|[A-Za-z]+(?:-[a-z]+)?)[- ]years?[- ]old"
_AGE_BEFORE = re.compile(_AGE_WORD + r"\s+$")
_AGE_DESC = re.compile(r"\b(?:[Tt]he|[Aa]n?)\s+" + _AGE_WORD + r"\b(?!-)")
_PERSON_NOUNS = {"man", "woman", "boy", "girl", "person", "teenager", "teen", "youth", "baby", "toddler",
                 "men", "women", "boys", "girls", "people", "resident", "student", "driver", "patient"}
_QUOTE_MARKS = re.compile(r'["\u201c\u201d]')


def age_word(text: str) -> int | None:
    """35 from "35-year-old", "35 year old" or "thirty-five-year-old"."""
    m = _YEAR_OLD.match(text)
    if not m:
        return None
    g = m.group(1).lower()
    if g.isdigit():
        return int(g)
    tens, _, unit = g.partition("-")
    if tens in _TENS and (not unit or unit in _NUMBER_WORDS and 0 < _NUMBER_WORDS[unit] < 10):
        return _TENS[tens] + (_NUMBER_WORDS[unit] if unit else 0)
    return _NUMBER_WORDS.get(g)


@dataclass(eq=False)
class Mention:
    kind: str  # name | pronoun | description | group
    start: int
    end: int
    text: str
    i: int  # token span [i, j)
    j: int
    head: int  # head token index
    sent: int  # sentence number
    label: str = ""  # NER label (names)
    subject: bool = False
    in_quote: bool = False
    plural: bool = False
    gender: str | None = None  # what the words themselves say
    person: int = 3  # pronouns: grammatical person
    honorific: str | None = None
    age: int | None = None
    role: str | None = None  # descriptions: normalised descriptor text
    kin: str | None = None  # plural kin descriptions: the relation ("child")
    org_noun: str | None = None  # the organisation noun it was called by ("council", "company")
    person_evidence: list[str] = field(default_factory=list)
    org_evidence: list[str] = field(default_factory=list)
    members: list["Mention"] = field(default_factory=list)
    confident: bool = True  # pronouns: the reading is clear enough to tell a gender
    ids: list[str] = field(default_factory=list)  # what it refers to, once resolved

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


def quote_regions(text: str) -> list[tuple[int, int]]:
    """Pairs of double quotation marks (straight or curly), paired left to right."""
    out, open_at = [], None
    for m in _QUOTE_MARKS.finditer(text):
        ch = m.group()
        if open_at is None:
            if ch != "\u201d":
                open_at = m.start()
        elif ch != "\u201c":
            out.append((open_at, m.end()))
            open_at = None
    return out


def _in(regions, pos: int) -> bool:
    return any(s <= pos < e for s, e in regions)


def _is_subject(tok) -> bool:
    dep = tok.dep_
    if dep in ("nsubj", "nsubjpass"):
        return True
    # "Teigen and Legend announced": the second conjunct shares the subject role
    while dep == "conj":
        tok = tok.head
        dep = tok.dep_
    return dep in ("nsubj", "nsubjpass")


def _clean_name(doc, i: int, j: int, lex: Lexicon, label: str = ""):
    """Trim a candidate name span to the name proper; returns (i, j, honorific)."""
    honorific = None
    for k in range(j - 1, i, -1):
        if doc[k].text in ("-", "\u2013", "\u2014", "--", ":"):
            i = k + 1
            break
    # "Ambassador to Iraq Ryan Crocker": NER's span starts with the object of "to"
    while i < j - 1 and doc[i].dep_ in ("pobj", "dobj", "nsubj", "npadvmod", "poss") \
            and not (i <= doc[i].head.i < j):
        i += 1
    personish = label in ("PERSON", "")
    while i < j - 1 and (doc[i].pos_ in ("DET", "PUNCT")
                         or doc[i].text in lex.honorifics and (personish or lex.honorifics[doc[i].text][0])
                         or personish and (doc[i].text.lower() in lex.kinship or doc[i].text.lower() in lex.roles)):
        if doc[i].text in lex.honorifics:
            honorific = doc[i].text
        i += 1
    while j > i and (doc[j - 1].tag_ == "POS" or doc[j - 1].pos_ == "PUNCT" and doc[j - 1].text != "."
                     or doc[j - 1].text in ("'s", "'", "\u2019s")):
        j -= 1
    # "Chrissy" + "Teigen": NER often keeps only the surname
    while i > 0 and doc[i - 1].pos_ == "PROPN" and doc[i - 1].is_title and doc[i - 1].ent_type_ in ("", "PERSON") \
            and doc[i - 1].text not in lex.honorifics and doc[i - 1].text.lower() not in lex.not_people \
            and doc[i - 1].dep_ in ("compound", "flat") and doc[i - 1].head.i >= i \
            and not (label == "PERSON" and _role_before_full_name(doc, i, j, lex)):
        i -= 1
    if i > 0 and doc[i - 1].text in lex.honorifics and honorific is None:
        honorific = doc[i - 1].text
    return i, j, honorific


def _role_before_full_name(doc, i: int, j: int, lex: Lexicon) -> bool:
    """ "Runner Keiko Arundel", "Fisherman Tomas Reyes" (NER's PERSON): a capitalised role noun
    before a name of two
    or more words describes the person; before one word ("Baker Mayfield") it may be a first name,
    and so may a role noun that is also a given name."""
    w = doc[i - 1].text
    return j - i >= 2 and w.lower() in lex.roles and w not in lex.given_name_roles


def _drop(doc, i, j, lex: Lexicon, blocked, label: str = "") -> bool:
    span = doc[i:j]
    text = span.text
    low = text.lower().rstrip(".")
    if not text or len(text) < 2 or low in lex.not_people:
        return True
    s, e = span.start_char, span.end_char
    if any(bs < e and s < be for bs, be in blocked):
        return True
    words = [t.text for t in span]
    if not words[0][:1].isupper() or any(ch.isdigit() for ch in text):
        return True
    if any(not w[:1].isupper() and not w[:1].isdigit() and w.lower() not in _PARTICLES and w not in ("-", ".", "'")
           for w in words):
        return True
    if len(words) >= 2 and words[-1] in lex.event_suffixes and (len(words) >= 3 or label != "PERSON"):
        return True
    if len(words) >= 2 and words[-1] in lex.place_suffixes and (
            label != "PERSON" or not lex.place_suffixes[words[-1]]):
        return True
    # "Interior Minister", "Foreign Secretary": a one-word name before a title is part of the title
    if j - i == 1 and j < len(doc) and doc[j].text in lex.honorifics and doc[j].is_title and label != "PERSON":
        return True
    # "State" of "Secretary of State", "Government": a generic word alone is no name
    if j - i == 1 and words[0] in lex.org_words:
        return True
    # "a Palestinian", "an American": a single word after an indefinite article is no name
    if j - i == 1 and i > 0 and doc[i - 1].lower_ in ("a", "an"):
        return True
    # a title is not a name: "Minister", "Foreign Minister", "New South Wales Premier"
    last = words[-1]
    if (last in lex.honorifics or last.lower() in lex.roles) and (len(words) == 1 or label != "PERSON"):
        return True
    if all(t.text.lower() in lex.not_people or t.is_punct for t in span):
        return True
    # a title of a work: "the Cravings cookbook", "his Hollywood Nights album"
    if j < len(doc) and doc[j].text.lower() in lex.work_nouns and doc[j].pos_ == "NOUN":
        return True
    return False


def _evidence(doc, m: Mention, lex: Lexicon, text: str) -> None:
    i, j = m.i, m.j
    prev = doc[i - 1] if i > 0 else None
    if m.honorific and any(lex.honorifics[m.honorific]):
        m.person_evidence.append("honorific")
        g = lex.honorifics[m.honorific][0]
        if g:
            m.gender = g
    if prev is not None and prev.text.lower() in lex.kinship and not lex.kinship[prev.text.lower()].plural:
        m.person_evidence.append("kinship")
        m.gender = m.gender or lex.kinship[prev.text.lower()].gender
    # "Arundel's mother, Ruth Arundel," / "Ruth Arundel, her mother,": a kin word in apposition
    head = doc[m.head]
    for t in [head.head] * (head.dep_ == "appos") + [c for c in head.children if c.dep_ == "appos"]:
        k = lex.kinship.get(t.text.lower())
        if k is not None and not k.plural and t.pos_ == "NOUN" and k.gender and not m.gender:
            m.gender = k.gender
    if prev is not None and prev.text.lower() in lex.roles and prev.pos_ in ("NOUN", "PROPN"):
        m.person_evidence.append("role")
        m.role = prev.text.lower()
    elif m.honorific and lex.honorifics[m.honorific][1]:
        m.role = lex.honorifics[m.honorific][1]
    if prev is not None and prev.text.lower() in lex.outlet_nouns and prev.pos_ == "NOUN":
        m.org_evidence.append("outlet noun")
    mt = _AGE_AFTER.match(text, m.end)
    if mt:
        age = int(mt.group(1) or mt.group(2))
        if 0 <= age <= 120:
            m.age = age
            m.person_evidence.append("age")
    ma = _AGE_BEFORE.search(text, max(0, m.start - 30), m.start)
    if ma:
        m.age = age_word(ma.group(0).strip())
        if m.age is not None:
            m.person_evidence.append("age")
    # "Vera Lund's husband", "Vera Lund and her husband"
    k = j
    if k < len(doc) and doc[k].tag_ == "POS":
        k += 1
    elif k < len(doc) and doc[k].text.lower() in ("and", "&"):
        k += 1
        if k < len(doc) and doc[k].tag_ == "PRP$":
            k += 1
    if k != j and k < len(doc) and doc[k].text.lower() in lex.kinship:
        m.person_evidence.append("kin owner")
    head = doc[m.head]
    if head.dep_ == "nsubj" and head.head.text.lower() in lex.speech_verbs:
        m.person_evidence.append("speaker")
    name = m.text
    if name.lower() in lex.outlets or (name.lower().startswith("the ") and name[4:].lower() in lex.outlets):
        m.org_evidence.append("outlet")
    if any(t.text in lex.org_words for t in doc[i:j]) and len(name.split()) > 1 or name in lex.org_words:
        m.org_evidence.append("org word")
    noun = _org_apposition(doc, j, lex)
    if noun:
        m.org_evidence.append("org apposition")
        m.org_noun = noun
    elif doc[j - 1].lower_ in lex.org_nouns:  # "Harbourview Council" ... "the council"
        m.org_noun = doc[j - 1].lower_


def _org_apposition(doc, j: int, lex: Lexicon) -> str | None:
    """ "Ferrovia Works, the company expected to build the line" / ", a Lisbon-based firm": the noun
    phrase after the comma is headed by an organisation noun (not "the group's founder")."""
    if j + 2 >= len(doc) or doc[j].text != "," or doc[j + 1].lower_ not in ("the", "a", "an"):
        return False
    k, head = j + 2, None
    while k < len(doc) and k < j + 7 and (doc[k].pos_ in ("ADJ", "NOUN", "PROPN", "NUM", "ADV")
                                          or doc[k].text == "-" or doc[k].dep_ in ("amod", "compound")):
        if doc[k].pos_ == "NOUN":
            head = doc[k]
        elif head is not None and doc[k].pos_ != "NOUN":
            break
        k += 1
    if head is None or (k < len(doc) and doc[k].tag_ == "POS"):
        return None
    return head.lower_ if head.lower_ in lex.org_nouns and head.i == k - 1 else None


def _org_phrases(doc, lex: Lexicon, names: list[Mention], quotes) -> list[Mention]:
    """ "the Brindle Valley city council", "the Pellham transit agency": an organisation noun led by
    a proper name is an organisation named by the whole phrase (the place name inside is dropped)."""
    out = []
    for k in index(doc).where_lower(lex.org_nouns):
        t = doc[k]
        if t.pos_ != "NOUN" or t.tag_ != "NN":
            continue
        i = k
        while i > 0 and doc[i - 1].dep_ in ("compound", "amod") and doc[i - 1].head.i in range(i, k + 1) \
                and doc[i - 1].pos_ in ("PROPN", "NOUN", "ADJ") and doc[i - 1].ent_type_ != "PERSON":
            i -= 1
        while i < k and doc[i].pos_ != "PROPN":  # the phrase starts at its proper name
            i += 1
        if i == k or not doc[i].is_title or i == 0 or doc[i - 1].lower_ != "the":
            continue
        span = doc[i:k + 1]
        m = Mention("name", span.start_char, span.end_char, span.text, i, k + 1, k, _sent(doc, t),
                    label="ORG", subject=_is_subject(t), in_quote=_in(quotes, span.start_char))
        m.org_evidence.append("org noun")
        m.org_noun = t.lower_
        out.append(m)
    return out


def find_names(doc, lex: Lexicon, blocked, quotes, text: str) -> list[Mention]:
    cands: dict[tuple[int, int], str] = {}
    covered = set()
    for ent in doc.ents:
        if ent.label_ in NAME_LABELS:
            cands[(ent.start, ent.end)] = ent.label_
        covered.update(range(ent.start, ent.end))
    # runs of proper nouns the NER left out ("son Miles" sometimes)
    ix = index(doc)
    run, last = None, None
    for k in (ix.where_pos("PROPN") & ix.title).nonzero()[0].tolist():
        if k in covered:
            continue
        if run is not None and k != last + 1:
            cands[(run, last + 1)] = ""
            run = None
        if run is None:
            run = k
        last = k
    if run is not None:
        cands[(run, last + 1)] = ""
    out, taken = [], set()
    cleaned = []
    for (i, j), label in cands.items():
        i2, j2, hon = _clean_name(doc, i, j, lex, label)
        cleaned.append((i2, j2, hon, label))
    # longer names first: "Chrissy Teigen" wins over the stray proper noun "Chrissy"
    for i, j, hon, label in sorted(cleaned, key=lambda c: (c[3] == "", c[0] - c[1], c[0])):
        if i >= j or any(k in taken for k in range(i, j)) or _drop(doc, i, j, lex, blocked, label):
            continue
        taken.update(range(i, j))
        span = doc[i:j]
        head = span.root
        m = Mention("name", span.start_char, span.end_char, span.text, i, j, head.i, _sent(doc, head),
                    label=label, subject=_is_subject(head), in_quote=_in(quotes, span.start_char),
                    honorific=hon)
        _evidence(doc, m, lex, text)
        if label == "PERSON":
            m.person_evidence.append("ner")
        if not label and not m.person_evidence and not m.org_evidence:
            m.label = "?"
        out.append(m)
    for p in _org_phrases(doc, lex, out, quotes):
        if any(m.i < p.i < m.j or m.i < p.j < m.j or (m.i < p.i and p.j <= m.j) for m in out):
            continue  # part of a longer name
        inner = [m for m in out if p.i <= m.i and m.j <= p.j]
        named = [m for m in inner if m.label not in ("GPE", "LOC", "NORP", "FAC", "")]
        if named:  # "the Ansa news agency": the name is the organisation's own
            for m in named:
                m.org_noun = m.org_noun or p.org_noun
            continue
        out = [m for m in out if m not in inner] + [p]
    out.sort(key=lambda m: m.start)
    _trim_place_prefixes(doc, out)
    return out


def _trim_place_prefixes(doc, names: list[Mention]) -> None:
    """ "President of Venezuela Hugo Chávez": when the name after "of"/"to" ends in a name the
    article also uses alone ("Hugo Chávez"), the words before it are the place, not the name."""
    texts = {m.text for m in names}
    for m in names:
        if m.j - m.i < 3 or m.i == 0 or doc[m.i - 1].lower_ not in ("of", "to", "for", "in"):
            continue
        for k in range(m.i + 1, m.j - 1):
            tail = doc[k:m.j]
            if tail.text in texts:
                m.i, m.start, m.text = k, tail.start_char, tail.text
                m.label = ""  # NER's label was for the place and the name together
                m.org_evidence = [x for x in m.org_evidence if x != "org word"]
                break


def _sent(doc, tok) -> int:
    return index(doc).sent_of[tok.i]  # sentence id = index of its first token


def find_pronouns(doc, lex: Lexicon, quotes) -> list[Mention]:
    out = []
    for k in index(doc).where_tag(("PRP", "PRP$")):
        t = doc[k]
        p = lex.pronouns.get(t.text.lower())
        if p is None:
            continue
        # "her" before a noun is possessive, after a verb an object: both refer alike
        out.append(Mention("pronoun", t.idx, t.idx + len(t.text), t.text, t.i, t.i + 1, t.i, _sent(doc, t),
                           subject=_is_subject(t), in_quote=_in(quotes, t.idx), plural=p.plural,
                           gender=p.gender, person=p.person))
    return out


def _descriptor(doc, head, lex: Lexicon, names_at: set[int]) -> str:
    """ "the Cravings cookbook author" -> "cookbook author": lower-case modifiers and the head."""
    words = []
    for c in head.lefts:
        if c.dep_ in ("compound", "amod") and c.i not in names_at and c.pos_ in ("NOUN", "ADJ") \
                and age_word(c.text) is None and c.text.lower() not in ("late", "former", "then"):
            words.append(c.text.lower())
        elif c.dep_ in ("compound", "amod") and c.pos_ in ("NOUN", "ADJ") and c.text.lower() in ("former",):
            words.append(c.text.lower())
    words.append(head.text.lower() if not head.text.isupper() else head.text)
    return " ".join(words)


def _age_descriptions(doc, lex: Lexicon, quotes) -> list[Mention]:
    """ "the 35-year-old" standing alone for a person (not "a 35-year-old man")."""
    out = []
    text = index(doc).text
    for mt in _AGE_DESC.finditer(text):
        age = age_word(mt.group(0).split(None, 1)[1])
        if age is None:
            continue
        span = doc.char_span(mt.start(), mt.end(), alignment_mode="expand")
        if span is None:
            continue
        nxt = doc[span.end] if span.end < len(doc) else None
        if nxt is not None and nxt.pos_ in ("NOUN", "PROPN") and (
                nxt.text.lower() in lex.roles or nxt.text.lower() in lex.kinship
                or nxt.text.lower() in _PERSON_NOUNS or nxt.pos_ == "PROPN" or nxt.tag_ == "NN"):
            continue  # "a 7-year-old boy", "the 35-year-old actress": the noun carries it
        head = span[-1]
        m = Mention("description", span.start_char, span.end_char, span.text, span.start, span.end, head.i,
                    _sent(doc, head), subject=nxt is not None and nxt.pos_ in ("VERB", "AUX", "NOUN")
                    or _is_subject(span.root), in_quote=_in(quotes, span.start_char))
        m.label = span[0].text.lower()
        m.age = age
        out.append(m)
    return out


def find_descriptions(doc, lex: Lexicon, quotes, names: list[Mention]) -> list[Mention]:
    """Definite role and age descriptions ("the senator", "the 35-year-old") and plural kin
    descriptions with a possessor ("her two kids")."""
    names_at = {k for m in names for k in range(m.i, m.j)}
    out = _age_descriptions(doc, lex, quotes) + _org_descriptions(doc, lex, quotes, names_at)
    words = set(lex.roles) | {w for w, k in lex.kinship.items() if k.plural} | _COUPLE
    for k in index(doc).where_lower(words):
        t = doc[k]
        if t.pos_ not in ("NOUN", "ADJ", "PROPN") or t.i in names_at:
            continue
        low = t.text.lower()
        if low in _COUPLE:
            if k > 0 and doc[k - 1].lower_ == "the":
                span = doc[k - 1:k + 1]
                m = Mention("description", span.start_char, span.end_char, span.text, k - 1, k + 1, k,
                            _sent(doc, t), subject=_is_subject(t), in_quote=_in(quotes, span.start_char),
                            plural=True)
                m.label = "the"
                out.append(m)
            continue
        is_role = low in lex.roles and t.pos_ == "NOUN"
        kin = lex.kinship.get(low)
        if not (is_role or (kin and kin.plural)):
            continue
        dets = [c for c in t.lefts if c.dep_ in ("det", "poss")]
        if not dets:
            continue
        det = dets[0]
        if kin and kin.plural:
            if det.dep_ != "poss":
                continue
        elif det.text.lower() not in ("the", "a", "an"):
            continue
        i = min(c.i for c in t.lefts if c.dep_ in ("det", "poss", "compound", "amod", "nummod", "nmod"))
        i = min(i, det.i)
        span = doc[i:t.i + 1]
        m = Mention("description", span.start_char, span.end_char, span.text, i, t.i + 1, t.i, _sent(doc, t),
                    subject=_is_subject(t), in_quote=_in(quotes, span.start_char), plural=bool(kin and kin.plural))
        m.label = det.text.lower()  # the / a / possessor
        ma = _AGE_BEFORE.search(index(doc).text, max(0, span.start_char - 30), t.idx) if is_role else None
        if ma:
            m.age = age_word(ma.group(0).strip())
        if is_role:
            m.role = _descriptor(doc, t, lex, names_at)
            m.gender = lex.roles[low]
        else:
            m.kin = kin.relation
            m.gender = kin.gender
        out.append(m)
    return out


def _org_descriptions(doc, lex: Lexicon, quotes, names_at: set[int]) -> list[Mention]:
    """ "the council", "the company's own estimate": a definite organisation noun, for the
    organisation named with that noun before."""
    out = []
    for k in index(doc).where_lower(lex.org_nouns):
        t = doc[k]
        if t.pos_ != "NOUN" or t.tag_ != "NN" or k in names_at or k == 0:
            continue
        if k + 1 < len(doc) and doc[k + 1].pos_ in ("NOUN", "PROPN"):
            continue  # "the company spokeswoman": the noun only modifies
        i = k - 1
        while i > 0 and doc[i].pos_ in ("ADJ", "NOUN") and doc[i].head.i == k and i not in names_at:
            i -= 1
        if doc[i].lower_ != "the":
            continue
        span = doc[i:k + 1]
        m = Mention("description", span.start_char, span.end_char, span.text, i, k + 1, k, _sent(doc, t),
                    subject=_is_subject(t), in_quote=_in(quotes, span.start_char))
        m.label = "the"
        m.org_noun = t.lower_
        out.append(m)
    return out


_JOINERS = {",", "and", "&", "or", "as", "well"}
_COUPLE = {"couple", "pair", "duo"}  # "the couple": the latest pair named


def _contiguous(doc, members: list[Mention], first: Mention) -> list[Mention]:
    """Keep the run of members joined only by commas, "and", kinship words, possessive pronouns
    and ages ("Luna, 5, and son Miles"); a name in between breaks the coordination."""
    if first not in members:
        return []
    k = members.index(first)
    run = [first]
    for nxt in members[k + 1:]:
        gap = doc[run[-1].j:nxt.i]
        if not all(t.text.lower() in _JOINERS or t.like_num or t.tag_ == "PRP$"
                   or (t.pos_ == "NOUN" and t.dep_ in ("compound", "appos", "conj")) for t in gap):
            break
        if not any(t.text.lower() in ("and", "&", "or", ",") for t in gap):
            break
        run.append(nxt)
    return run


def find_groups(doc, mentions: list[Mention]) -> list[Mention]:
    """Coordinations of mentions: "Teigen and Legend", "she and Legend", "Luna, 5, and son Miles"."""
    by_head = {m.head: m for m in mentions if m.kind != "group"}
    # a kin noun heading a name ("husband John Legend") stands for that name in a coordination
    for m in list(by_head.values()):
        h = doc[m.head].head
        if h.i not in by_head and doc[m.head].dep_ in ("appos", "compound") and h.pos_ == "NOUN":
            by_head[h.i] = m
    groups = []
    for head, m in sorted(by_head.items()):
        tok = doc[head]
        if tok.dep_ == "conj" and tok.head.i in by_head:
            continue  # not the first conjunct
        members, stack = [m], [tok]
        while stack:
            cur = stack.pop()
            for c in cur.children:
                if c.dep_ == "conj":
                    if c.i in by_head:
                        members.append(by_head[c.i])
                    stack.append(c)
        members = _contiguous(doc, sorted(dict.fromkeys(members), key=lambda x: x.start), m)
        if len(members) < 2:
            continue
        s, e = members[0].start, max(x.end for x in members)
        g = Mention("group", s, e, index(doc).text[s:e], members[0].i, max(x.j for x in members), head,
                    members[0].sent, subject=_is_subject(tok), in_quote=members[0].in_quote, plural=True,
                    members=members)
        groups.append(g)
    return groups
