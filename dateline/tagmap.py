"""A cheap stand-in for spaCy's ``attribute_ruler``: coarse POS from the tagger's fine tags.

The English pipelines' attribute_ruler costs about as much as the parser, mostly to set MORPH and
LEMMA, which dateline does not read. This component sets only ``token.pos`` by the same rules (the
model's own patterns, read from its attribute_ruler when the model is loaded). A token's POS
depends only on its tag, dependency label and — for the few words the rules name — its lower-case
form (plus one two-token rule for "there is"), so each distinct combination is worked out once
and cached.
"""
from __future__ import annotations

import numpy
from spacy.attrs import DEP, IS_SPACE, LOWER, POS, TAG
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
        # only the words some rule names matter; any other word is looked up as "" (one cache entry
        # per tag and label instead of one per word)
        words: set[str] = set()
        for cond, _ in self.single:
            c = cond.get("LOWER")
            if isinstance(c, str):
                words.add(c)
            elif isinstance(c, dict):
                words.update(c.get("IN", ()), c.get("NOT_IN", ()))
        self.words = {self.strings.add(w) for w in words}
        # two-token rules are only tried after a token whose label the rule names (e.g. "expl")
        first_deps = [f.get("DEP") for f, _, _ in self.after]
        self.after_deps = ({self.strings.add(d) for d in first_deps}
                           if first_deps and all(isinstance(d, str) for d in first_deps) else None)

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

    def _after(self, prev: list[int], cur: list[int]) -> int:
        s = self.strings
        for first, second, p in self.after:
            a = {"TAG": s[prev[0]], "LOWER": s[prev[1]], "DEP": s[prev[2]]}
            b = {"TAG": s[cur[0]], "LOWER": s[cur[1]], "DEP": s[cur[2]]}
            if all(_test(c, a[f]) for f, c in first.items()) and all(_test(c, b[f]) for f, c in second.items()):
                return s.add(p)
        return 0

    def __call__(self, doc):
        arr = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()
        out = numpy.zeros((len(doc), 1), dtype="uint64")
        cache, words, space, after_deps = self.cache, self.words, self.space, self.after_deps
        prev = None
        for i, row in enumerate(arr):
            tag, lower, dep, is_space = row
            if is_space:
                pos = space
            else:
                key = (tag, lower if lower in words else 0, dep)
                pos = cache.get(key)
                if pos is None:
                    pos = self._pos(key)
                if prev is not None and (after_deps is None or prev[2] in after_deps):
                    pos = self._after(prev, row) or pos
            out[i, 0] = pos
            prev = row
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
