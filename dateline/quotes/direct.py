"""Direct quotes: find the cue and speaker of each quoted stretch.

Tried in order, for each quote (and, inside a quote, for each quote nested in it):

1. *trailing* — a cue right after the closing mark, before the sentence ends
   (``"...," Teigen says of her kids.``, ``"...," said the mayor``, ``"...," she wrote in the caption``);
2. *leading* — a cue before the opening mark when a colon or comma introduces the quote
   (``She said: "..."``, ``They always say, '...'``), or a colon after a name alone
   (``Mayor Diaz: "..."``); a dash and a name after the quote (``"..." — Ana Diaz``);
3. *governing* — a cue verb the quote hangs from in the parse (``She honored "the son we almost had"``);
4. *continuation* — a quote with no cue of its own that follows an attributed quote in the same
   paragraph, or opens a paragraph right after one (news convention), is the same speaker's;
5. *run-on* — a paragraph that opens a quote and leaves it open, when the next paragraph re-opens
   it, belongs to the chain's first later part with a cue of its own (``"We were promised a park.``
   / ``"They owe us an answer," said Vidal.``); the parts stay separate quotes (each the words
   between its marks) sharing the cue (see ``stage._run_on_chains``).

A top-level quote that none of these attributes is dropped: titles, nicknames, scare quotes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .cues import according_to, cue_of
from .found import Found, Tokens
from .marks import QSpan

_END = {".", "!", "?"}
_MARK_CHARS = set("\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e`")
_DASHES = ("\u2014", "\u2013", "--", "-")
_TITLE_WORDS = {"film", "movie", "book", "song", "album", "single", "show", "series", "novel", "play",
                "titled", "entitled", "dubbed", "nicknamed", "named", "headline", "headlined", "column",
                "article", "episode", "poem", "painting", "track", "program", "programme", "documentary",
                "slogan", "hashtag", "phrase", "term", "word", "words", "known"}


@dataclass
class Region:
    lo: int  # chars [lo, hi) the cue must lie in
    hi: int
    blocked: list[tuple[int, int]]  # quotes at the same level: a cue is never inside them
    text: str = ""  # the article text (Doc.text is rebuilt on every access)


def _blocked(tok, region: Region) -> bool:
    end = tok.idx + len(tok.text)
    if tok.idx < region.lo or end > region.hi:
        return True
    return any(o <= tok.idx < c for o, c in region.blocked)


def _usable(tok, region, classes=("speech", "like")):
    if _blocked(tok, region):
        return None
    cue = cue_of(tok)
    return cue if cue is not None and cue.cls in classes else None


def trailing(doc, toks: Tokens, sp: QSpan, region: Region, stop: int):
    text = region.text
    last = text[sp.end - 1] if sp.end > sp.start else ""
    j = toks.first_at_or_after(sp.close)
    if last == "." or (last in "!?" and j < len(doc) and doc[j].text[:1].isupper() and cue_of(doc[j]) is None
                       and doc[j].pos_ != "PRON"):
        return None  # the quoted sentence ended: what follows is a new sentence
    if last not in ",!?\u2014-" and not text[sp.close:sp.close + 2].lstrip().startswith((",", "\u2014", "--")):
        return None  # quoted words inside a sentence ("... offer "a prayer" for ..."), not a quote + cue
    k = j
    while k < len(doc) and doc[k].is_punct and k < j + 2:
        k += 1
    if k < len(doc) and doc[k].dep_ == "cc":
        return None  # '"...!" and she laughed': a new clause, not an attribution
    n = 0
    while j < len(doc) and doc[j].idx < stop and n < 8:
        t = doc[j]
        if t.text in _END or t.text[0] in _MARK_CHARS:
            break
        if _usable(t, region):
            return t
        j += 1
        n += 1
    return None


def _before(doc, toks: Tokens, char: int) -> int:
    k = toks.last_before(char)
    while k >= 0 and doc[k].is_space:
        k -= 1
    return k


def leading(doc, toks: Tokens, sp: QSpan, region: Region, start: int):
    k = _before(doc, toks, sp.open)
    if k < 0 or doc[k].idx < start or doc[k].text not in (":", ",", "\u2014", "--"):
        return None
    j, n = k - 1, 0
    while j >= 0 and doc[j].idx >= start and n < 15:
        t = doc[j]
        if t.text in _END or t.text[0] in _MARK_CHARS or t.is_space:
            break
        if t.lower_ == "according" and according_to(t) is not None:
            return t
        if _usable(t, region):
            return t
        j -= 1
        n += 1
    return None


def colon_name(doc, toks: Tokens, sp: QSpan, start: int):
    """``Mayor Diaz: "..."``: (colon token, head of the name) or None."""
    k = _before(doc, toks, sp.open)
    if k < 1 or doc[k].text != ":" or doc[k].idx < start:
        return None
    j, n, best = k - 1, 0, None
    while j >= 0 and doc[j].idx >= start and n < 8:
        t = doc[j]
        if t.text in _END or t.is_space or t.text in _DASHES or t.text == "(":
            break
        if t.pos_ in ("VERB", "AUX"):
            return None
        if best is None and (t.ent_type_ in ("PERSON", "ORG") or t.pos_ in ("PROPN", "PRON")):
            best = t
        j -= 1
        n += 1
    if best is None:
        return None
    while best.head is not best and best.dep_ in ("compound", "flat") and best.head.i < k:
        best = best.head
    return doc[k], best


def dash_name(doc, toks: Tokens, sp: QSpan, stop: int):
    """``"..." — Ana Diaz`` at the end of a paragraph: (dash token, head of the name) or None."""
    j = toks.first_at_or_after(sp.close)
    if j >= len(doc) or doc[j].idx >= stop or doc[j].text not in _DASHES:
        return None
    name = [t for t in doc[j + 1:] if t.idx < stop]
    if not name or len(name) > 6 or not all(t.pos_ == "PROPN" or t.is_punct for t in name):
        return None
    head = next((t for t in name if t.pos_ == "PROPN" and (t.head.i < j + 1 or t.head not in name)), name[-1])
    return doc[j], head


def governing(doc, toks: Tokens, sp: QSpan, region: Region):
    """The nearest cue verb (any class) the quote hangs from in the parse, or None."""
    lo, hi = toks.first_at_or_after(sp.start), toks.last_before(sp.end)
    best = None
    for i in range(lo, hi + 1):
        t = doc[i]
        if t.is_punct or t.is_space:
            continue  # sentence punctuation hangs from the root, wherever the words hang
        cands = []
        if not (sp.open <= t.head.idx < sp.close) and t.dep_ not in ("nsubj", "nsubjpass", "csubj"):
            cands.append(t.head)  # (a quote that is the cue's subject is not what was said)
        # a cue hanging from the quoted words: '"...," he said' parsed with "said" as a parenthetical
        cands.extend(c for c in t.children if not (sp.open <= c.idx < sp.close)
                     and c.dep_ in ("parataxis", "ccomp", "dep", "advcl"))
        for cand in cands:
            anc, depth = cand, 0
            while depth < 5:
                if anc.idx < sp.open or anc.idx >= sp.close:
                    cue = _usable(anc, region, ("speech", "like", "act", "quoteonly"))
                    if cue is not None:
                        dist = min(abs(anc.idx - sp.open), abs(anc.idx - sp.close))
                        key = (depth, dist)
                        if best is None or key < best[0]:
                            best = (key, anc)
                        break
                if anc.head is anc:
                    break
                anc = anc.head
                depth += 1
    return best[1] if best else None


def _looks_like_title(text: str, sp: QSpan, doc, toks) -> bool:
    words = text[sp.start:sp.end].split()
    k = toks.last_before(sp.open)
    if k >= 0 and doc[k].lower_ in _TITLE_WORDS:
        return True
    caps = [w for w in words if w[:1].isalpha()]
    if len(words) <= 2 and not re.search(r"[.!?,]$", text[sp.start:sp.end]):
        return True  # scare quotes and nicknames
    if caps and len(words) <= 8 and all(w[0].isupper() or len(w) <= 3 for w in caps) and \
            not re.search(r"[.!?,]$", text[sp.start:sp.end]):
        return True  # Title Case words, no sentence punctuation: a title
    return False


def attribute(doc, text: str, toks: Tokens, sp: QSpan, region: Region, next_open: int,
              prev_close: int) -> Found | None:
    """Attribute one quote (top-level or nested) by the first rule that fits; None when none does."""
    stop = min(next_open, region.hi)
    start = max(prev_close, region.lo)
    lead_region, lead_start = region, start
    if not text[region.lo:sp.open].strip() and region.lo > 0:
        # "Cruz continued:" / "He said:" closing the paragraph before: the quote opens the next one
        before = text[:region.lo].rstrip()
        if before.endswith((":", ",")):
            plo = before.rfind("\n") + 1
            lead_region = Region(plo, sp.open, region.blocked, text)
            lead_start = max(prev_close, plo)
    f = Found(sp.start, sp.end, "direct", span=sp)
    cue = trailing(doc, toks, sp, region, stop)
    how = "trailing"
    if cue is None:
        cue, how = leading(doc, toks, sp, lead_region, lead_start), "leading"
        if cue is not None and cue.lower_ == "according":
            pobj = according_to(cue)
            f.cue, f.cue_tok, f.subject, f.how = (cue.idx, cue.nbor(1).idx + len(cue.nbor(1).text)), None, pobj, "according"
            return f
    if cue is None:
        hit = colon_name(doc, toks, sp, lead_start) or dash_name(doc, toks, sp, stop)
        if hit is not None:
            mark, who = hit
            f.cue, f.subject, f.how = (mark.idx, mark.idx + len(mark.text)), who, "colon/dash"
            return f
    if cue is None:
        cue, how = governing(doc, toks, sp, region), "governing"
        if cue is not None and len(text[sp.start:sp.end].split()) <= 2 and _looks_like_title(text, sp, doc, toks) \
                and not (cue.i < toks.first_at_or_after(sp.open) <= cue.i + 3):
            cue = None  # one or two words far from the cue: scare quotes, a nickname
    if cue is None:
        return None
    f.cue_tok, f.cue, f.how = cue, (cue.idx, cue.idx + len(cue.text)), how
    if cue_of(cue).cls == "like":
        be = cue.nbor(-1)
        f.cue = (be.idx, cue.idx + len(cue.text))
        f.subject = next((c for c in be.children if c.dep_ in ("nsubj", "nsubjpass")), None) or \
            next((c for c in cue.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if f.subject is None and be.i > 0 and be.nbor(-1).pos_ == "PRON":
            f.subject = be.nbor(-1)
    return f


def is_title_like(text, sp, doc, toks) -> bool:
    return _looks_like_title(text, sp, doc, toks)
