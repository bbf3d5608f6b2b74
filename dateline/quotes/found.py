"""The stage's working record of one quote before it becomes a :class:`dateline.model.Quote`."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field


@dataclass
class Found:
    start: int
    end: int
    kind: str  # direct / indirect / mixed
    cue: tuple[int, int] | None = None  # char span of the cue words
    cue_tok: object = None  # spaCy token of a verb cue
    subject: object = None  # spaCy token heading the speaker mention
    mention: tuple[int, int] | None = None
    speakers: list[str] = field(default_factory=list)
    parent: "Found | None" = None
    span: object = None  # the marks.QSpan of a direct quote
    how: str = ""  # which rule attributed it (for debugging and tests)
    inherited_from: "Found | None" = None
    medium: str | None = None
    medium_kind: str | None = None
    said_on: str | None = None


class Tokens:
    """Char offset -> token index look-ups over a doc."""

    def __init__(self, doc):
        self.doc = doc
        self.starts = doc.to_array("IDX").tolist() if len(doc) else []

    def first_at_or_after(self, char: int) -> int:
        return bisect_left(self.starts, char)

    def last_before(self, char: int) -> int:
        """Index of the last token starting before ``char`` (-1 when none)."""
        return bisect_left(self.starts, char) - 1

    def containing(self, char: int) -> int:
        return max(0, bisect_right(self.starts, char) - 1)
