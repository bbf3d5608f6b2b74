"""Indirect (reported) speech: a speech verb and its reported clause, and "according to X".

* ``X said/announced/shares (that) CLAUSE`` and ``CLAUSE, X said``: the verb's clausal complement
  (``ccomp`` in the parse) is the content, a leading "that" left out; the verb's subject speaks.
* ``CLAUSE, X said, CLAUSE`` parsed as a parenthetical (``parataxis``): the clause around it.
* ``according to X, CLAUSE`` / ``CLAUSE, according to X``: the clause the phrase modifies.

Quoted words inside the content make it ``mixed`` when the same cue governs them; a direct quote
with a cue of its own ends the content before its opening mark.
"""
from __future__ import annotations

from .cues import according_to, cue_of
from .lexicon import speech_verbs
from .found import Found
from .speakers import subject_of

_EDGE_PUNCT = set(".,;:!?-\u2014\u2013()[]")
_MARKS = set("\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e`")


def _trim_tokens(doc, lo: int, hi: int) -> tuple[int, int]:
    """Token range [lo, hi] without edge punctuation, a leading "that" or conjunction."""
    while lo <= hi and (doc[lo].text in _EDGE_PUNCT or doc[lo].is_space or doc[lo].text[0] in _MARKS):
        lo += 1
    if lo <= hi and doc[lo].lower_ == "that" and doc[lo].dep_ in ("mark", "nsubj", "dep", "det") and \
            doc[lo].dep_ == "mark":
        lo += 1
    while lo <= hi and doc[lo].text in _EDGE_PUNCT:
        lo += 1
    while hi >= lo and (doc[hi].text in _EDGE_PUNCT or doc[hi].is_space or doc[hi].text[0] in _MARKS
                        or doc[hi].dep_ == "cc"):
        hi -= 1
    return lo, hi



def _has_verb(doc, lo, hi) -> bool:
    return any(doc[i].pos_ in ("VERB", "AUX") for i in range(lo, hi + 1))


def _around(doc, head, cut_lo: int, cut_hi: int) -> list[tuple[int, int]]:
    """The clause of ``head`` without the tokens [cut_lo, cut_hi] (an attribution phrase): one
    range, or two when the phrase stands in the middle ("In the long run, she said, it helps")."""
    lo, hi = head.left_edge.i, head.right_edge.i
    if cut_lo <= lo + 1:
        return [(cut_hi + 1, hi)]
    if cut_hi >= hi - 1:
        return [(lo, cut_lo - 1)]
    return [(lo, cut_lo - 1), (cut_hi + 1, hi)]


_NP = {"DET", "ADJ", "NUM", "NOUN", "PROPN", "PRON"}


def _mistagged(doc, tok):
    """``the 35-year-old shares that ...`` with the verb tagged as a noun: a surface reading.

    The cue form must be in the lexicon, "that" must follow it and a noun phrase precede it; the
    content runs from after "that" to the end of the sentence.
    """
    cue = speech_verbs().get(tok.lower_)
    if cue is None or cue.cls != "speech" or tok.pos_ in ("VERB", "AUX") or tok.i < 1:
        return None
    if tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "that":
        return None
    head = doc[tok.i - 1]
    if head.pos_ not in ("NOUN", "PROPN", "PRON", "ADJ"):
        return None
    sent = tok.sent
    hi = sent.end - 1
    if hi <= tok.i + 2:
        return None
    return (tok, head, tok.i + 2, hi, "surface")


# verbs whose direct object is the addressee, not what was said
# (or a thing, not words: "shared a photo", "wrote a book")
_ADDRESSEE = {"tell", "inform", "assure", "advise", "warn", "urge", "ask", "instruct", "email", "message",
              "text", "quote", "cite", "read", "speak", "talk", "go", "laugh", "sigh", "cry", "thank",
              "share", "post", "publish", "write", "blog", "tweet", "answer", "start", "finish"}
_OBJ_PREPS = {"for", "about", "of", "to", "on"}
_ON_VERBS = {"call", "urge"}
_TO_VERBS = {"point", "respond", "reply", "refer", "object", "testify", "allude"}  # else "to" names the addressee
_COMPLETING = {"for", "as", "to", "of", "about", "over"}


def _extend_right(verb, first) -> int:
    """The object's right edge, taken on over what completes it ("criticized X for Y", "called X a
    liar", "described X as Y", "called on X to resign")."""
    hi = first.right_edge.i
    for c in verb.children:
        if c.i <= first.i or c.left_edge.i > hi + 2:
            continue
        if c.dep_ == "prep" and (c.lower_ not in _COMPLETING or
                                 any(g.ent_type_ in ("DATE", "TIME") for g in c.children)):
            continue
        if c.dep_ in ("prep", "xcomp", "oprd", "ccomp", "dative"):
            hi = max(hi, c.right_edge.i)
    return hi
_WEAK = {"it", "this", "that", "so", "something", "anything", "nothing", "much", "more", "what", "which",
         "them", "him", "her", "me", "us", "you", "everything", "things", "lot"}


import os
_NO_OBJ = os.environ.get("QNOOBJ")


def _object(tok, cue):
    """What a speech or act verb without a clause reports: its object, a "for/about/of ..." object,
    or an infinitive ("vowed to ..."). Token range [lo, hi] or None."""
    if _NO_OBJ:
        return None
    kids = list(tok.children)
    for c in kids:
        if c.dep_ == "dobj" and cue.lemma not in _ADDRESSEE and c.ent_type_ not in ("DATE", "TIME"):
            if c.right_edge.i - c.left_edge.i < 1 and c.lower_ in _WEAK:
                return None
            if c.lower_ in _WEAK and c.right_edge.i == c.i:
                return None
            return c.left_edge.i, _extend_right(tok, c)
    for c in kids:
        if c.dep_ == "prep" and c.lower_ in _OBJ_PREPS and c.i <= tok.i + 2 and \
                (c.lower_ != "on" or cue.lemma in _ON_VERBS) and (c.lower_ != "to" or cue.lemma in _TO_VERBS):
            pobj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None and pobj.right_edge.i > pobj.left_edge.i:
                return pobj.left_edge.i, _extend_right(tok, c)
            if pobj is not None and c.lower_ == "on":  # "called on X to resign"
                return pobj.left_edge.i, _extend_right(tok, c)
    for c in kids:
        if c.dep_ == "xcomp" and c.i > tok.i:
            return c.left_edge.i, c.right_edge.i
        if c.dep_ == "advcl" and c.left_edge.i == tok.i + 1 and doc_lower(c.left_edge) == "for":
            return c.left_edge.i + 1, c.right_edge.i  # "calling for the state to step up ..."
    return None


def doc_lower(tok) -> str:
    return tok.lower_


def colon_lines(doc, text: str, inside_quote) -> list[tuple[object, object, int, int, str]]:
    """``Clinton camp: Trump's rhetoric threatens security`` — a line (a headline, a list item)
    that opens with a short name phrase and a colon: the name speaks the rest of the line."""
    out = []
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        colon = line.find(":")
        if colon < 2 or colon > 60 or not line[colon + 1:].strip():
            continue
        head = doc.char_span(start, start + colon, alignment_mode="contract")
        rest = doc.char_span(start + colon + 1, start + len(line), alignment_mode="contract")
        if head is None or rest is None or len(head) > 6 or len(rest) < 3:
            continue
        if any(t.pos_ in ("VERB", "AUX") or t.like_num for t in head) or \
                not any(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "NORP") for t in head):
            continue
        if rest[0].text[0] in _MARKS or inside_quote(rest[0]) or not any(t.pos_ in ("VERB", "AUX") for t in rest):
            continue
        ctok = doc.char_span(start + colon, start + colon + 1, alignment_mode="expand")
        who = head.root
        out.append((ctok[0], who, rest.start, rest.end - 1, "colon"))
    return out


def _unparsed_clause(doc, tok, cue):
    """A reported clause the parse did not hang on the verb, read from the surface:
    ``X says [that] CLAUSE.`` (a subject before the verb, a clause with a verb up to the sentence
    end) or ``CLAUSE, X says.`` (the verb and its subject close the sentence)."""
    subj = subject_of(tok)
    if subj is None or subj.i > tok.i or cue.lemma in ("ask", "thank", "speak", "talk", "go", "laugh", "sigh", "cry"):
        return None
    sent = tok.sent
    end = sent.end - 1
    while end > tok.i and (doc[end].is_punct or doc[end].is_space):
        end -= 1
    j = tok.i + 1
    if cue.lemma == "tell":  # "told reporters (that) ..."
        while j <= end and (doc[j].dep_ in ("dobj", "dative", "compound", "det", "amod", "poss") or
                            doc[j].tag_ == "POS"):
            j += 1
    if j <= end and doc[j].lower_ == "that":
        j += 1
    if end - j >= 2 and doc[j].pos_ in ("PRON", "PROPN", "NOUN", "DET", "NUM", "ADJ") and \
            any(doc[k].pos_ in ("VERB", "AUX") for k in range(j, end + 1)) and \
            not any(doc[k].text in _MARKS or doc[k].text[0] in _MARKS for k in range(j, min(j + 1, end))):
        return tok, subj, j, end, "surface"
    # "CLAUSE, X says."
    left = subj.left_edge.i
    if left - 1 > sent.start and doc[left - 1].text == "," and end == tok.i:
        lo, hi = sent.start, left - 2
        if hi - lo >= 2 and any(doc[k].pos_ in ("VERB", "AUX") for k in range(lo, hi + 1)):
            return tok, subj, lo, hi, "surface"
    return None


def _opening_phrase(doc, cue, subj, comp) -> tuple[int, int] | None:
    """A sentence-opening phrase of the reported words cut off by the attribution:
    "[In his state], Christie said, [offenders are ...]" -> the token range of the phrase."""
    if subj is None or not (subj.i < cue.i < comp.left_edge.i) or cue.i + 1 >= len(doc) or \
            doc[cue.i + 1].text != ",":
        return None  # ("On Tuesday, Christie said offenders ..." is the narrator's time)
    start = cue.sent.start
    for c in cue.children:
        if c.dep_ in ("prep", "advmod", "advcl", "npadvmod") and c.left_edge.i == start and \
                c.right_edge.i + 1 < subj.left_edge.i and doc[c.right_edge.i + 1].text == ",":
            return c.left_edge.i, c.right_edge.i
    return None


def candidates(doc, inside_quote) -> list[tuple[object, object, int, int, str]]:
    """(cue token or phrase start, speaker head, content lo, content hi, how) for each report.

    ``inside_quote(tok)`` tells whether a token lies inside a top-level direct quote: cues there
    belong to the quoted speaker and are not reports by the article.
    """
    out = []
    for tok in doc:
        if inside_quote(tok):
            continue
        pobj = according_to(tok)
        if pobj is not None and tok.head is not tok:
            head = tok.head
            while head.dep_ in ("prep", "pobj", "pcomp") and head.head is not head:
                head = head.head
            for k, rng in enumerate(_around(doc, head, tok.i, tok.right_edge.i)):
                out.append((tok, pobj, rng[0], rng[1], f"according#{k}"))
            continue
        cue = cue_of(tok)
        if cue is None:
            surface = _mistagged(doc, tok)
            if surface is not None:
                out.append(surface)
            continue
        if cue.cls in ("like", "quoteonly"):
            continue
        if cue.cls == "act":
            obj = _object(tok, cue)
            if obj is not None:
                out.append((tok, subject_of(tok), obj[0], obj[1], "object"))
            continue
        comps = [c for c in tok.children if c.dep_ == "ccomp"]
        if not comps:
            obj = _object(tok, cue)
            if obj is not None:
                out.append((tok, subject_of(tok), obj[0], obj[1], "object"))
                continue
            surface = _unparsed_clause(doc, tok, cue)
            if surface is not None:
                out.append(surface)
                continue
        for comp in comps:
            if comp.pos_ not in ("VERB", "AUX") and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in comp.children):
                continue
            subj = subject_of(tok)
            pre = _opening_phrase(doc, tok, subj, comp)
            if pre is not None:  # "In his state, Christie said, offenders are sent to treatment"
                out.append((tok, subj, pre[0], pre[1], "ccomp#0"))
                out.append((tok, subj, comp.left_edge.i, comp.right_edge.i, "ccomp#1"))
            else:
                out.append((tok, subj, comp.left_edge.i, comp.right_edge.i, "ccomp"))
        if not comps and tok.dep_ == "parataxis" and tok.head.pos_ in ("VERB", "AUX"):
            subj = subject_of(tok)
            if subj is not None:
                for k, rng in enumerate(_around(doc, tok.head, tok.left_edge.i, tok.right_edge.i)):
                    out.append((tok, subj, rng[0], rng[1], f"parataxis#{k}"))
    return out


def _over_quotes(text: str, end: int, directs: list[Found]) -> int:
    """Take the content on over quoted words that the parse left outside it ("insists Sanders is
    mounting a "phony attack"")."""
    changed = True
    while changed:
        changed = False
        for d in directs:
            sp = d.span
            if sp is not None and end <= sp.open and not text[end:sp.open].strip(" ,\u2019'") and \
                    sp.close > end:
                end, changed = sp.close, True
    return end


def find(doc, text: str, directs: list[Found], inside_quote) -> tuple[list[Found], set[int]]:
    """Indirect and mixed quotes; also the ids (``id()``) of direct quotes merged into a mixed one."""
    out: list[Found] = []
    merged: set[int] = set()
    quoting = {d.cue_tok.i for d in directs if d.cue_tok is not None}
    for cue_tok, subj, lo, hi, how in candidates(doc, inside_quote) + colon_lines(doc, text, inside_quote):
        inner_cues = [i for i in quoting if lo <= i <= hi and i != cue_tok.i]
        if inner_cues:  # "... spoke to supporters, telling them: '...'": the content stops there
            hi = min(inner_cues) - 1
        lo, hi = _trim_tokens(doc, lo, hi)
        if hi - lo < 1 or (how != "object" and not _has_verb(doc, lo, hi)):
            continue
        start, end = doc[lo].idx, doc[hi].idx + len(doc[hi].text)
        end = _over_quotes(text, end, directs)
        inner = [d for d in directs if d.span is not None and d.span.open < end and start < d.span.close]
        if any(d.span.open <= start and end <= d.span.close for d in inner):
            continue  # the clause is a direct quote's words
        own = [d for d in inner if d.cue_tok is not None and d.cue_tok.i == cue_tok.i]
        other = [d for d in inner if d not in own and d.cue is not None]
        if other:
            first = min(other, key=lambda d: d.span.open)
            if first.span.open <= start:
                continue
            cut = doc.char_span(start, first.span.open, alignment_mode="contract")
            if cut is None or len(cut) < 2:
                continue
            lo2, hi2 = _trim_tokens(doc, cut.start, cut.end - 1)
            if hi2 < lo2:
                continue
            end = doc[hi2].idx + len(doc[hi2].text)
            inner = [d for d in inner if d.span.open < end]
            own = [d for d in own if d.span.open < end]
        for d in inner:  # keep the marks of quoted words whole
            start, end = min(start, d.span.open), max(end, d.span.close)
        kind = "indirect"
        if inner:
            words_outside = [t for t in doc.char_span(start, end, alignment_mode="expand")
                             if not t.is_punct and not any(d.span.open <= t.idx < d.span.close for d in inner)
                             and t.lower_ != "that"]
            if len(words_outside) < (1 if how == "object" else 2):
                continue  # in effect a direct quote ("X honored 'the son we almost had'")
            kind = "mixed"
            merged.update(id(d) for d in own)
        if how.startswith("according"):
            phrase_end = cue_tok.i + 1
            cue_span = (cue_tok.idx, doc[phrase_end].idx + len(doc[phrase_end].text))
        else:
            cue_span = (cue_tok.idx, cue_tok.idx + len(cue_tok.text))
        out.append(Found(start, end, kind, cue=cue_span, cue_tok=cue_tok, subject=subj, how=how))
    # one report per cue; none for a cue that already introduces a direct quote ("X declared the
    # need for change: '...'")
    quoting = {d.cue_tok.i for d in directs if d.cue_tok is not None and id(d) not in merged}
    best: dict[tuple, Found] = {}
    for f in out:
        k = (f.cue_tok.i, f.how) if "#" in f.how else (f.cue_tok.i,)
        if f.kind == "indirect" and k[0] in quoting:
            continue
        if k not in best or f.end - f.start > best[k].end - best[k].start:
            best[k] = f
    return sorted(best.values(), key=lambda f: f.start), merged
