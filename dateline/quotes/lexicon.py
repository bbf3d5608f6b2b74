"""The quote stage's word lists, read from ``dateline/data/quotes/*.tsv``.

Each file is tab-separated with ``#`` comments; a malformed line raises :class:`LexiconError`
naming the file and the line. Lists are loaded once per process.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..errors import DatelineError

CLASSES = ("speech", "act", "quoteonly", "like")
MEDIUM_KINDS = ("post", "other")


class LexiconError(DatelineError):
    """A quote lexicon file has a malformed line."""


@dataclass(frozen=True)
class Cue:
    lemma: str
    cls: str  # one of CLASSES


@dataclass(frozen=True)
class Medium:
    name: str
    kind: str  # one of MEDIUM_KINDS


def _rows(name: str, ncols: int, path: Path | None = None):
    if path is None:
        res = resources.files("dateline") / "data" / "quotes" / name
        text, where = res.read_text(encoding="utf-8"), f"dateline/data/quotes/{name}"
    else:
        text, where = path.read_text(encoding="utf-8"), str(path)
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = line.rstrip("\n").split("\t")
        if len(cols) != ncols or not all(c.strip() for c in cols):
            raise LexiconError(f"{where}, line {lineno}: expected {ncols} non-empty tab-separated "
                               f"columns, found {len(cols)}: {line!r}")
        yield where, lineno, [c.strip() for c in cols]


def load_speech_verbs(path: Path | None = None) -> dict[str, Cue]:
    """Inflected form (lower case) -> :class:`Cue`. A form listed twice keeps its first entry."""
    out: dict[str, Cue] = {}
    for where, lineno, (lemma, cls, forms) in _rows("speech_verbs.tsv", 3, path):
        if cls not in CLASSES:
            raise LexiconError(f"{where}, line {lineno}: class {cls!r} is not one of {', '.join(CLASSES)}")
        for form in forms.split():
            out.setdefault(form.lower(), Cue(lemma, cls))
    return out


def load_media(path: Path | None = None) -> dict[str, Medium]:
    """Word or phrase (lower case) -> :class:`Medium`."""
    out: dict[str, Medium] = {}
    for where, lineno, (word, name, kind) in _rows("media.tsv", 3, path):
        if kind not in MEDIUM_KINDS:
            raise LexiconError(f"{where}, line {lineno}: kind {kind!r} is not one of {', '.join(MEDIUM_KINDS)}")
        out[word.lower()] = Medium(name, kind)
    return out


@functools.lru_cache(maxsize=1)
def speech_verbs() -> dict[str, Cue]:
    return load_speech_verbs()


@functools.lru_cache(maxsize=1)
def media() -> dict[str, Medium]:
    return load_media()
