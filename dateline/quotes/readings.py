"""Readings of reported speech in the parse: which words a cue reports, and who speaks.

* ``X said/announced/shares (that) CLAUSE`` and ``CLAUSE, X said``: the verb's clausal complement
  (``ccomp``) — or, when the parse left it off the verb, the clause read from the surface;
* ``CLAUSE, X said, CLAUSE`` parsed as a parenthetical (``parataxis``): the clause around it, in
  two pieces when the attribution stands in the middle;
* ``according to X, CLAUSE`` / ``CLAUSE, according to X``: the clause the phrase modifies;
* objects of speech and act verbs: "criticized X for Y", "called for X", "vowed to Y";
* ``Name: words`` lines (headlines, list items);
* ``X said NP, APPOSITION, VERB ...`` with NP parsed as a second subject of the cue: the clause
  starts at NP;
* ``X said in a statement that CLAUSE`` with the clause hung on the medium noun;
* ``X, the company hired to ..., said that CLAUSE`` with the subject and its apposition parsed as a
  clause the cue reports: the subject speaks, the clause after the cue is the content;
* a cue inside a relative clause, ``an injury that doctors said might end her career``: the content
  is what follows the cue (the relativised noun is the gap), never the relative clause with its
  own speaker and cue; any other parse that puts the cue inside its own content gives nothing.

Each reading is ``(cue token, speaker head token or None, first token, last token, how)``.
"""
from __future__ import annotations

from .cues import according_to, cue_of
from .lexicon import media, speech_verbs
from .speakers import subject_of

MARKS = set("\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e`")


def _around(doc, head, cut_lo: int, cut_hi: int) -> list[tuple[int, int]]:
    """The clause of ``head`` without the tokens [cut_lo, cut_hi] (an attribution phrase): one
    range, or two when the phrase stands in the middle ("In the long run, she said, it helps")."""
    lo, hi = head.left_edge.i, head.right_edge.i
    if cut_lo <= lo + 1:
        return [(cut_hi + 1, hi)]
    if cut_hi >= hi - 1:
        return [(lo, cut_lo - 1)]
    return [(lo, cut_lo - 1), (cut_hi + 1, hi)]


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
              "share", "post", "publish", "write", "blog", "tweet", "answer", "continue", "add"}
_NO_OBJECT = {"continue", "add", "go"}  # "continued to struggle", "added a line": never what was said
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


def _object(tok, cue):
    """What a speech or act verb without a clause reports: its object, a "for/about/of ..." object,
    or an infinitive ("vowed to ..."). Token range [lo, hi] or None."""
    if cue.lemma in _NO_OBJECT:
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
        if c.dep_ == "advcl" and c.left_edge.i == tok.i + 1 and c.left_edge.lower_ == "for":
            return c.left_edge.i + 1, c.right_edge.i  # "calling for the state to step up ..."
    return None


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
        if rest[0].text[0] in MARKS or inside_quote(rest[0]) or not any(t.pos_ in ("VERB", "AUX") for t in rest):
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
    if subj is None or subj.i > tok.i or (cue.lemma in _ADDRESSEE and cue.lemma != "tell"):
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
            not any(doc[k].text in MARKS or doc[k].text[0] in MARKS for k in range(j, min(j + 1, end))):
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


_RELATIVIZERS = {"that", "which", "who", "whom", "what"}


def _clause_as_subject(doc, cue, comps):
    """``Ferrovia Works, the company expected to build the line, said that ...`` parsed with the
    subject and its apposition as a clause reported by the cue: (speaker head, that clause) or None.

    Read so only when the cue has no subject of its own, reports another clause after it, and the
    clause before it opens with a noun phrase and a comma and ends with a comma right before the
    cue (adverbs aside)."""
    if subject_of(cue) is not None or not any(c.left_edge.i > cue.i for c in comps):
        return None
    for left in comps:
        hi = left.right_edge.i
        if hi >= cue.i or doc[hi + 1].text != ",":
            continue
        if any(not (doc[k].is_punct or doc[k].dep_ == "advmod") for k in range(hi + 1, cue.i)):
            continue
        lo = left.left_edge.i
        if lo != cue.sent.start and doc[lo - 1].text not in (",", "\n"):
            continue
        subj = next((c for c in left.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < left.i), None)
        if subj is None or subj.left_edge.i != lo or subj.right_edge.i + 1 >= hi or \
                doc[subj.right_edge.i + 1].text != "," or subj.pos_ not in ("PROPN", "NOUN"):
            continue
        return subj, left
    return None


def _is_medium(noun) -> bool:
    lex, word = media(), noun.lower_
    if noun.i and f"{noun.nbor(-1).lower_} {word}" in lex:
        return True
    return word in lex or (word.endswith("s") and word[:-1] in lex)


def _stray_subject(doc, cue, comp) -> int:
    """Where the reported clause starts: ``Reyes said the couple's daughter Ada, 9, had chosen ...``
    is often parsed with "daughter" as a second subject of "said"; a subject of the cue standing
    between the cue and the clause (punctuation aside) is the clause's own."""
    lo = comp.left_edge.i
    subjects = [c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not any(c.i < cue.i for c in subjects):
        return lo  # the only subject after the cue is who speaks ("..., said the mayor")
    for c in subjects:
        if cue.i < c.i < lo and \
                all(doc[k].is_punct for k in range(c.right_edge.i + 1, lo)):
            return c.left_edge.i
    return lo


def _statement_clause(doc, cue, lemma: str) -> tuple[int, int] | None:
    """``said in a statement that CLAUSE`` / ``yelled to the officers that CLAUSE`` with the clause
    hung on the noun: the clause's token range. The noun must be a medium (``media.tsv``) or the
    addressee after "to" (not after "point to", "refer to" ...: "pointed to reports that ..." and
    "asked about the claim that ..." report someone else's words); the clause must open with "that"
    as a complementizer right after the noun and have a subject of its own (a relative clause, "a
    statement that was posted", has none)."""
    for prep in cue.children:
        if prep.dep_ != "prep" or prep.i < cue.i:
            continue
        for noun in prep.children:
            if noun.dep_ != "pobj":
                continue
            if prep.lower_ == "to":
                if lemma in _TO_VERBS:  # "pointed to reports that ...": a thing, not the addressee
                    continue
            elif not _is_medium(noun):
                continue
            for cl in noun.children:
                that = cl.left_edge
                if cl.dep_ not in ("acl", "relcl", "ccomp") or that.i != noun.i + 1 or \
                        that.lower_ != "that" or that.dep_ != "mark":
                    continue
                if any(c.dep_ in ("nsubj", "nsubjpass", "expl") and c.i != that.i for c in cl.children):
                    return that.i + 1, cl.right_edge.i
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
        appos = _clause_as_subject(doc, tok, comps)
        if appos is not None:  # "Ferrovia Works, the company hired to ..., said that ..."
            comps = [c for c in comps if c is not appos[1]]
        if not comps:
            noun_clause = _statement_clause(doc, tok, cue.lemma)
            if noun_clause is not None:  # "said in a statement that CLAUSE"
                out.append((tok, subject_of(tok), noun_clause[0], noun_clause[1], "statement"))
                continue
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
            subj = appos[0] if appos is not None else subject_of(tok)
            lo = comp.left_edge.i
            if lo < tok.i < comp.i:  # the cue stands inside its own clause's span
                if doc[lo].lower_ not in _RELATIVIZERS or lo == tok.sent.start:
                    continue  # a parse we cannot read, or "What X said was Y": nothing rather than a wrong span
                lo = tok.i + 1  # "an injury that doctors said [might end her career]"
                if comp.right_edge.i - lo < 1:
                    continue
                out.append((tok, subj, lo, comp.right_edge.i, "relative"))
                continue
            lo = _stray_subject(doc, tok, comp)
            pre = _opening_phrase(doc, tok, subj, comp)
            if pre is not None:  # "In his state, Christie said, offenders are sent to treatment"
                out.append((tok, subj, pre[0], pre[1], "ccomp#0"))
                out.append((tok, subj, lo, comp.right_edge.i, "ccomp#1"))
            else:
                out.append((tok, subj, lo, comp.right_edge.i, "ccomp"))
        if not comps and tok.dep_ == "parataxis" and tok.head.pos_ in ("VERB", "AUX"):
            subj = subject_of(tok)
            if subj is not None:
                for k, rng in enumerate(_around(doc, tok.head, tok.left_edge.i, tok.right_edge.i)):
                    out.append((tok, subj, rng[0], rng[1], f"parataxis#{k}"))
    return out
