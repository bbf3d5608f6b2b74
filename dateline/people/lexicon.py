"""The people stage's word lists, read once from ``dateline/data/people/``.

Each file is human-edited: ``#`` starts a comment line, blank lines are skipped, TSV files have a
fixed number of tab-separated columns. A malformed line raises :class:`LexiconError` naming the file
and line.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

from ..errors import DatelineError

_PKG = "dateline.data.people"


class LexiconError(DatelineError):
    pass


def _lines(name: str, text: str | None = None):
    if text is None:
        text = resources.files(_PKG).joinpath(name).read_text(encoding="utf-8")
    for no, line in enumerate(text.splitlines(), start=1):
        line = line.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        yield no, line


def _rows(name: str, ncols: int, allowed: dict[int, set[str]] | None = None, text: str | None = None):
    seen: dict[str, int] = {}
    for no, line in _lines(name, text):
        cols = line.split("\t")
        if len(cols) != ncols or not all(c.strip() for c in cols):
            raise LexiconError(f"dateline/data/people/{name}:{no}: expected {ncols} tab-separated "
                               f"columns, got {line!r}")
        cols = [c.strip() for c in cols]
        for i, ok in (allowed or {}).items():
            if cols[i] not in ok:
                raise LexiconError(f"dateline/data/people/{name}:{no}: column {i + 1} is {cols[i]!r}; "
                                   f"expected one of {sorted(ok)}")
        if cols[0] in seen:
            raise LexiconError(f"dateline/data/people/{name}:{no}: {cols[0]!r} is already on line "
                               f"{seen[cols[0]]}")
        seen[cols[0]] = no
        yield cols


def _words(name: str) -> frozenset[str]:
    return frozenset(line.strip() for _, line in _lines(name))


_GENDER = {"female", "male", "-"}
_REL = {"spouse", "partner", "child", "parent", "sibling", "relative"}


@dataclass(frozen=True)
class Kin:
    relation: str
    gender: str | None
    plural: bool


@dataclass(frozen=True)
class Pronoun:
    person: int
    plural: bool
    gender: str | None
    case: str


@dataclass(frozen=True)
class Lexicon:
    kinship: dict[str, Kin]
    honorifics: dict[str, tuple[str | None, str | None]]  # word -> (gender, descriptor)
    roles: dict[str, str | None]  # role noun -> gender
    pronouns: dict[str, Pronoun]
    not_people: frozenset[str]  # lower case
    outlets: frozenset[str]  # lower case
    org_words: frozenset[str]
    outlet_nouns: frozenset[str]
    work_nouns: frozenset[str]
    event_suffixes: frozenset[str]
    speech_verbs: frozenset[str]
    place_suffixes: dict[str, bool]  # word -> also a surname
    given_name_roles: frozenset[str]  # role nouns that are also first names ("Baker")
    org_nouns: frozenset[str]  # lower case: "the company" in apposition makes a name an organisation


def _opt(v: str) -> str | None:
    return None if v == "-" else v


@functools.lru_cache(maxsize=1)
def load() -> Lexicon:
    kin = {w.lower(): Kin(r, _opt(g), n == "pl")
           for w, r, g, n in _rows("kinship.tsv", 4, {1: _REL, 2: _GENDER, 3: {"sg", "pl"}})}
    hon = {w: (_opt(g), _opt(d)) for w, g, d in _rows("honorifics.tsv", 3, {1: _GENDER})}
    roles = {w.lower(): _opt(g) for w, g in _rows("roles.tsv", 2, {1: _GENDER})}
    prons = {w.lower(): Pronoun(int(p), n == "pl", None if g in ("-", "neuter") else g, c)
             for w, p, n, g, c in _rows("pronouns.tsv", 5, {1: {"1", "2", "3"}, 2: {"sg", "pl"},
                                                             3: _GENDER | {"neuter"},
                                                             4: {"subj", "obj", "poss", "refl"}})}
    return Lexicon(
        kinship=kin, honorifics=hon, roles=roles, pronouns=prons,
        not_people=frozenset(w.lower() for w in _words("not_people.txt")),
        outlets=frozenset(w.lower() for w in _words("outlets.txt")),
        org_words=_words("org_words.txt"),
        outlet_nouns=frozenset(w.lower() for w in _words("outlet_nouns.txt")),
        work_nouns=frozenset(w.lower() for w in _words("work_nouns.txt")),
        event_suffixes=_words("event_suffixes.txt"),
        speech_verbs=frozenset(w.lower() for w in _words("speech_verbs.txt")),
        place_suffixes={w: sur == "yes" for w, sur in _rows("place_suffixes.tsv", 2, {1: {"yes", "no"}})},
        given_name_roles=_words("given_name_roles.txt"),
        org_nouns=frozenset(w.lower() for w in _words("org_nouns.txt")),
    )
