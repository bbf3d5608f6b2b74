"""Cue words: speech and writing verbs from the lexicon, quotative "like", "according to".

spaCy runs without a lemmatizer here, so verbs are matched on their inflected forms
(``dateline/data/quotes/speech_verbs.tsv``).
"""
from __future__ import annotations

from .lexicon import Cue, speech_verbs

_BE = {"is", "'s", "\u2019s", "are", "'re", "\u2019re", "was", "were", "am", "'m", "\u2019m", "be", "been"}
_QUOTE_CHARS = set("\"'\u201c\u201d\u2018\u2019:,")


def cue_of(tok) -> Cue | None:
    """The lexicon entry when ``tok`` is used as a cue verb here, else None."""
    cue = speech_verbs().get(tok.lower_)
    if cue is None:
        return None
    if cue.cls == "like":
        # quotative like: "they're like, '...'" / "he was like '...'"
        prev = tok.nbor(-1) if tok.i > tok.doc[0].i else None
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        if prev is None or prev.lower_ not in _BE:
            return None
        if nxt is None or not (nxt.text[0] in _QUOTE_CHARS):
            return None
        return cue
    if tok.pos_ not in ("VERB", "AUX") and not tok.tag_.startswith("VB"):
        # nouns ("a post", "the report") are not cues; "says"/"tells" mis-tagged as nouns are
        if not (tok.tag_ in ("NNS", "NN") and tok.lower_ in ("says", "tells", "adds", "writes")):
            return None
    if tok.lower_ in ("read", "reads") and tok.dep_ not in ("ROOT", "ccomp", "conj", "parataxis"):
        return None
    return cue


def according_to(tok):
    """For the token "according" of "according to X": the pobj X, else None."""
    if tok.lower_ != "according":
        return None
    for child in tok.children:
        if child.lower_ == "to":
            for g in child.children:
                if g.dep_ == "pobj":
                    return g
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ == "to":
        for g in nxt.children:
            if g.dep_ == "pobj":
                return g
    return None


def is_speech(cue: Cue | None) -> bool:
    return cue is not None and cue.cls == "speech"
