"""Checks every output must pass: the JSON Schema, honest spans, and ids that point somewhere.

``problems(result)`` returns a list of human-readable problems (empty when all is well); tests call
it on every output they produce.
"""
from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

from .model import ArticleResult


@functools.lru_cache(maxsize=1)
def schema() -> dict:
    return json.loads(resources.files("dateline").joinpath("data/schema/article.schema.json").read_text("utf-8"))


def _spans(obj: dict) -> list[tuple[str, dict]]:
    out = []
    for kind in ("people", "organizations"):
        for p in obj.get(kind, []):
            out += [(f"{p['id']}.mentions", m) for m in p.get("mentions", [])]
    for q in obj.get("quotes", []):
        out.append((f"{q['id']}", q))
        for key in ("speaker_mention", "cue"):
            if q.get(key):
                out.append((f"{q['id']}.{key}", q[key]))
    out += [(t["id"], t) for t in obj.get("timexes", [])]
    out += [(e["id"], e) for e in obj.get("events", [])]
    return out


def problems(result: ArticleResult | dict[str, Any]) -> list[str]:
    obj = result.to_dict() if isinstance(result, ArticleResult) else result
    found: list[str] = []
    try:
        import jsonschema
    except ImportError:  # pragma: no cover - a dev dependency
        jsonschema = None
    if jsonschema is not None:
        for err in jsonschema.Draft202012Validator(schema()).iter_errors(obj):
            found.append(f"schema: {'/'.join(map(str, err.absolute_path))}: {err.message}")
    text = obj.get("text", "")
    for where, span in _spans(obj):
        s, e = span.get("start"), span.get("end")
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s <= e <= len(text)):
            found.append(f"{where}: offsets {s}..{e} outside the text (length {len(text)})")
        elif "text" in span and text[s:e] != span["text"]:
            found.append(f"{where}: text[{s}:{e}] is {text[s:e]!r}, span says {span['text']!r}")
    ids = {x["id"] for k in ("people", "organizations", "quotes", "timexes") for x in obj.get(k, [])}
    for q in obj.get("quotes", []):
        for ref in q.get("speakers", []) + ([q["nested_in"]] if q.get("nested_in") else []):
            if ref not in ids:
                found.append(f"{q['id']}: refers to unknown id {ref}")
    for r in obj.get("relations", []):
        for ref in (r["subject"], r["object"]):
            if ref not in ids:
                found.append(f"relation {r}: unknown id {ref}")
    for e in obj.get("events", []):
        for ref in e.get("participants", []) + ([e["timex"]] if e.get("timex") else []):
            if ref not in ids:
                found.append(f"{e['id']}: refers to unknown id {ref}")
    for t in obj.get("timexes", []):
        if t.get("anchor") not in (None, "published") and t["anchor"] not in ids:
            found.append(f"{t['id']}: anchor {t['anchor']} is not a quote or timex id")
    return found
