"""Keys that decide what merges at corpus level: people, organisations, repeated quotes.

People merge only on the same normalised full name (two words or more, titles dropped, accents and
case folded): "Dr. Jane Roe" and "Jane Roe" are one person, "Roe" alone is not merged with either.
A person the article names with one word only ("Roe", "Madonna") gets a ``bare:`` key and merges
only with other one-word mentions of that word: conservative, and independent of ingest order.
A "name" that is only a title ("the President") is never merged: its key names its article.
"""
from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from importlib import resources

from ..errors import DatelineError

_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_POSSESSIVE = re.compile(r"['’]s$")


@functools.lru_cache(maxsize=1)
def honorifics() -> frozenset[str]:
    name = "honorifics.txt"
    text = resources.files("dateline").joinpath("data", "store", name).read_text("utf-8")
    out = set()
    for lineno, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not re.fullmatch(r"[a-z]+", line):
            raise DatelineError(f"malformed title {line!r}: expected one lower-case word",
                                source=f"dateline/data/store/{name}", line=lineno)
        out.add(line)
    return frozenset(out)


def fold(text: str) -> str:
    """Case- and accent-folded text with typographic apostrophes made plain."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.casefold().replace("’", "'")


def name_words(name: str) -> list[str]:
    words = [_POSSESSIVE.sub("", w) for w in _WORD.findall(fold(name))]
    titles = honorifics()
    while words and words[0] in titles:
        words.pop(0)
    return words


def person_key(name: str) -> str | None:
    """The merge key of a person's name; None when the name is no proper name (only titles, as in
    "President", or no capital letter, as in "the spokesman"): such a person is never merged."""
    words = name_words(name)
    if not words or not any(c.isupper() for c in name):
        return None
    if len(words) >= 2:
        return " ".join(words)
    return "bare:" + words[0]


def organization_key(name: str) -> str:
    words = _WORD.findall(fold(name))
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words) or fold(name).strip()


def quote_hash(text: str) -> str:
    """Hash of a quote's words (case, accents, punctuation and spacing ignored)."""
    words = _WORD.findall(fold(text))
    return hashlib.sha1(" ".join(words).encode("utf-8")).hexdigest()[:16]


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()
