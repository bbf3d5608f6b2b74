"""Whole-document token arrays, so the stage finds its candidate tokens with numpy instead of a
Python loop over every token (the stage must stay a small fraction of the parse time)."""
from __future__ import annotations

import functools

import numpy as np
from spacy.attrs import IDX, IS_TITLE, LOWER, POS, SENT_START, TAG

from spacy.strings import get_string_id

_last: tuple = (None, None)


@functools.lru_cache(maxsize=32)
def _hashes(words: frozenset[str]) -> frozenset[int]:
    return frozenset(get_string_id(w) for w in words)


class DocIndex:
    def __init__(self, doc, text: str | None = None):
        self.doc = doc
        # Doc.text joins every token anew on each access: take the article's text when given
        self.text = text if text is not None else doc.text
        n = len(doc)
        if n:
            arr = doc.to_array([LOWER, TAG, POS, SENT_START, IS_TITLE, IDX]).astype(np.int64, copy=False)
            self.lower = doc.to_array([LOWER]).reshape(-1)
            self.tag = doc.to_array([TAG]).reshape(-1)
            self.pos = doc.to_array([POS]).reshape(-1)
            ss = arr[:, 3]
            self.title = arr[:, 4] == 1
            self.idx = arr[:, 5].tolist()
        else:
            self.lower = self.tag = self.pos = np.zeros(0, dtype=np.uint64)
            ss = np.zeros(0, dtype=np.int64)
            self.title = np.zeros(0, dtype=bool)
            self.idx = []
        self.lower_list = self.lower.tolist()
        self.tag_list = self.tag.tolist()
        starts = np.where(ss == 1, np.arange(n), 0)
        if n:
            starts[0] = 0
        self.sent_of = np.maximum.accumulate(starts).tolist() if n else []

    def where_lower(self, words) -> list[int]:
        want = _hashes(frozenset(words))
        return [k for k, h in enumerate(self.lower_list) if h in want]

    def where_tag(self, tags) -> list[int]:
        want = _hashes(frozenset(tags))
        return [k for k, h in enumerate(self.tag_list) if h in want]

    def where_pos(self, pos: str) -> np.ndarray:
        return self.pos == self.doc.vocab.strings[pos]

    def token_at(self, char: int) -> int:
        """Index of the token that contains (or last starts before) a character offset."""
        from bisect import bisect_right

        return bisect_right(self.idx, char) - 1


def index(doc, text: str | None = None) -> DocIndex:
    global _last
    if _last[0] is not doc:
        _last = (doc, DocIndex(doc, text))
    return _last[1]
