"""A cheap stand-in for spaCy's ``attribute_ruler``: coarse POS from the tagger's fine tags.

The English pipelines' attribute_ruler costs about as much as the parser, mostly to set MORPH and
LEMMA, which dateline does not read. This component sets only ``token.pos`` by the same rules (the
model's own patterns, read from its attribute_ruler when the model is loaded). A token's POS
depends only on its tag, lower-case form and dependency label (plus one two-token rule for
"there is"), so each distinct combination is worked out once and cached.
"""
from __future__ import annotations

import numpy
from spacy.attrs import DEP, LOWER, POS, TAG
from spacy.language import Language

NAME = "dateline_tag_to_pos"
_FIELDS = ("TAG", "LOWER", "DEP")


def _test(cond, value: str) -> bool:
    if isinstance(cond, str):
        return value == cond
    if isinstance(cond, bool):
        return False
    if "IN" in cond:
        return value in cond["IN"]
    if "NOT_IN" in cond:
        return value not in cond["NOT_IN"]
    return False


class TagToPos:
    def __init__(self, nlp: Language, patterns: list[dict]):
        self.strings = nlp.vocab.strings
        self.single: list[tuple[dict, str]] = []  # (conditions on TAG/LOWER/DEP, POS), in rule order
        self.after: list[tuple[dict, dict, str]] = []  # (first token cond, second token cond, POS on second)
        for pat in patterns:
            pos = pat["attrs"].get("POS")
            toks = pat["patterns"][0]
            if pos is None:
                continue
            if len(toks) == 1 and set(toks[0]) <= set(_FIELDS):
                self.single.append((toks[0], pos))
            elif len(toks) == 2 and pat.get("index", 0) == 1 and all(set(t) <= set(_FIELDS) for t in toks):
                self.after.append((toks[0], toks[1], pos))
        self.space = self.strings.add("SPACE")
        self.cache: dict[tuple[int, int, int], int] = {}

    def _pos(self, key: tuple[int, int, int]) -> int:
        tag, lower, dep = (self.strings[k] if k else "" for k in key)
        values = {"TAG": tag, "LOWER": lower, "DEP": dep}
        pos = ""
        for cond, p in self.single:
            if all(_test(c, values[f]) for f, c in cond.items()):
                pos = p
        out = self.strings.add(pos) if pos else 0
        self.cache[key] = out
        return out

    def __call__(self, doc):
        arr = doc.to_array([TAG, LOWER, DEP]).tolist()
        out = numpy.zeros((len(doc), 1), dtype="uint64")
        cache = self.cache
        for i, key in enumerate(arr):
            key = tuple(key)
            pos = cache.get(key)
            out[i, 0] = self._pos(key) if pos is None else pos
        if self.after:
            s = self.strings
            for i in range(1, len(arr)):
                for first, second, p in self.after:
                    prev = {"TAG": s[arr[i - 1][0]], "LOWER": s[arr[i - 1][1]], "DEP": s[arr[i - 1][2]]}
                    if all(_test(c, prev[f]) for f, c in first.items()):
                        cur = {"TAG": s[arr[i][0]], "LOWER": s[arr[i][1]], "DEP": s[arr[i][2]]}
                        if all(_test(c, cur[f]) for f, c in second.items()):
                            out[i, 0] = s.add(p)
        for i, tok in enumerate(doc):
            if tok.is_space:
                out[i, 0] = self.space
        doc.from_array([POS], out)
        return doc

    def pipe(self, docs, batch_size: int = 128):
        for doc in docs:
            yield self(doc)


@Language.factory(NAME, default_config={})
def make_tag_to_pos(nlp: Language, name: str):
    """Built from the attribute_ruler still in the pipeline (see :func:`install`)."""
    return TagToPos(nlp, nlp.get_pipe("attribute_ruler").patterns)


def install(nlp: Language) -> None:
    """Replace the attribute_ruler (if any) by the cheap tag → POS mapping."""
    if "attribute_ruler" not in nlp.pipe_names or NAME in nlp.pipe_names:
        return
    nlp.add_pipe(NAME, before="attribute_ruler")
    nlp.remove_pipe("attribute_ruler")
