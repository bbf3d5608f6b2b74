"""TempEval-3 style scoring of a time-expression tagger against TimeML gold in JSON Lines.

Gold format, one document a line: ``{"id", "dct", "text", "timexes": [{"start", "end", "text",
"type", "value", "mod"}]}`` with character offsets into ``text`` (end exclusive); ``dct`` is the
document creation time, passed to the tagger as its reference date.

Matching rules (as TempEval-3, UzZaman et al. 2013, defines its timex scores):

* **strict span**: a system expression matches a gold one when both offsets are identical.
* **relaxed span**: a system expression matches a gold one when their character ranges overlap.
  Pairs are formed one-to-one per document: candidate pairs are ranked by overlap length (larger
  first) and a pair is kept when neither side is paired yet, so one long system span covering two
  gold spans counts once.
* span precision = matched system expressions / all system expressions; recall = matched gold
  expressions / all gold expressions; F1 their harmonic mean (strict and relaxed separately).
* **type accuracy**: among relaxed pairs, the share whose TIMEX3 type is equal. ``type_f1`` is
  TempEval-3's attribute F1 (relaxed F1 x type accuracy).
* **value**: a relaxed pair counts as correct when its TIMEX3 value string is equal (exactly, after
  trimming). value P = correct / system expressions, R = correct / gold expressions, F1 their
  harmonic mean (equal to relaxed F1 x value accuracy, TempEval-3's value score).
* ``mod`` is reported as accuracy over relaxed pairs, for information only.

The tagger is any callable ``tagger(text, dct_date) -> iterable`` of objects or dicts with
``start``, ``end``, ``type`` and ``value``; the default is :class:`dateline.timex.TimexEngine`.

Command line: ``python -m dateline.evaluate.timex GOLD.jsonl [--json]``.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import json
import sys
import time
from pathlib import Path
from typing import Callable, Iterable


def _get(obj, key):
    return obj.get(key) if isinstance(obj, dict) else getattr(obj, key, None)


def load_gold(path: str | Path) -> list[dict]:
    docs = []
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                docs.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{lineno}: not valid JSON ({exc.msg})") from None
    return docs


def _prf(correct_sys: int, n_sys: int, correct_gold: int, n_gold: int) -> dict:
    p = correct_sys / n_sys if n_sys else 0.0
    r = correct_gold / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def _pairs(gold: list, system: list) -> list[tuple[int, int]]:
    cands = []
    for i, g in enumerate(gold):
        for j, s in enumerate(system):
            ov = min(g["end"], s["end"]) - max(g["start"], s["start"])
            if ov > 0:
                cands.append((-ov, i, j))
    cands.sort()
    used_g, used_s, out = set(), set(), []
    for _, i, j in cands:
        if i in used_g or j in used_s:
            continue
        used_g.add(i)
        used_s.add(j)
        out.append((i, j))
    return out


def _default_tagger() -> Callable:
    from ..timex import TimexEngine

    return TimexEngine().tag


def evaluate_timex(gold_path: str | Path, tagger: Callable | None = None) -> dict:
    """Score ``tagger`` on a gold JSONL file; return counts, P/R/F1, accuracies and speed."""
    docs = load_gold(gold_path)
    tag = tagger or _default_tagger()
    n_gold = n_sys = strict = relaxed = type_ok = value_ok = mod_ok = 0
    errors: list[dict] = []
    elapsed = 0.0
    for doc in docs:
        dct = _dt.date.fromisoformat(str(doc["dct"])[:10])
        t0 = time.perf_counter()
        found = list(tag(doc["text"], dct))
        elapsed += time.perf_counter() - t0
        system = [{"start": int(_get(t, "start")), "end": int(_get(t, "end")),
                   "type": _get(t, "type"), "value": str(_get(t, "value") or "").strip(),
                   "mod": _get(t, "mod")} for t in found]
        gold = doc.get("timexes", [])
        n_gold += len(gold)
        n_sys += len(system)
        gspans = {(g["start"], g["end"]) for g in gold}
        strict += sum(1 for s in system if (s["start"], s["end"]) in gspans)
        for i, j in _pairs(gold, system):
            g, s = gold[i], system[j]
            relaxed += 1
            type_ok += g["type"] == s["type"]
            v_ok = str(g.get("value", "")).strip() == s["value"]
            value_ok += v_ok
            mod_ok += (g.get("mod") or None) == (s["mod"] or None)
            if not v_ok and len(errors) < 5000:
                errors.append({"doc": doc.get("id"), "gold": g.get("text"),
                               "system": doc["text"][s["start"]:s["end"]],
                               "gold_value": g.get("value"), "value": s["value"]})
    rel = _prf(relaxed, n_sys, relaxed, n_gold)
    type_acc = type_ok / relaxed if relaxed else 0.0
    value = _prf(value_ok, n_sys, value_ok, n_gold)
    return {
        "gold_file": str(gold_path),
        "documents": len(docs),
        "gold": n_gold,
        "system": n_sys,
        "strict": _prf(strict, n_sys, strict, n_gold),
        "relaxed": rel,
        "type_accuracy": round(type_acc, 4),
        "type_f1": round(rel["f1"] * type_acc, 4),
        "value": value,
        "mod_accuracy": round(mod_ok / relaxed, 4) if relaxed else 0.0,
        "counts": {"strict": strict, "relaxed": relaxed, "type_ok": type_ok, "value_ok": value_ok},
        "seconds": round(elapsed, 4),
        "docs_per_second": round(len(docs) / elapsed, 1) if elapsed else None,
        "value_errors": errors,
    }


def format_timex_table(result: dict) -> str:
    """A small plain-text table of one :func:`evaluate_timex` result."""
    rows = [("strict span", result["strict"]), ("relaxed span", result["relaxed"]),
            ("value", result["value"])]
    lines = [f"{Path(result['gold_file']).name}: {result['documents']} documents, "
             f"{result['gold']} gold, {result['system']} found",
             f"{'':14}{'P':>8}{'R':>8}{'F1':>8}"]
    for name, m in rows:
        lines.append(f"{name:14}{m['precision']:8.3f}{m['recall']:8.3f}{m['f1']:8.3f}")
    lines.append(f"{'type accuracy':14}{result['type_accuracy']:24.3f}")
    lines.append(f"{'type F1':14}{result['type_f1']:24.3f}")
    if result.get("docs_per_second"):
        lines.append(f"speed: {result['docs_per_second']:.0f} documents/second "
                     f"({result['seconds']:.2f} s)")
    return "\n".join(lines)


def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m dateline.evaluate.timex",
                                 description="Score the time engine on TimeML gold (JSON Lines).")
    ap.add_argument("gold", help="gold file, one document a line")
    ap.add_argument("--json", action="store_true", help="print the full result as JSON")
    ap.add_argument("--errors", type=int, default=0, help="also print N value errors")
    args = ap.parse_args(list(argv) if argv is not None else None)
    if not Path(args.gold).is_file():
        print(f"error: no such file: {args.gold}", file=sys.stderr)
        return 2
    try:
        result = evaluate_timex(args.gold)
    except (ValueError, KeyError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        out = dict(result)
        if not args.errors:
            out.pop("value_errors")
        print(json.dumps(out, indent=2))
    else:
        print(format_timex_table(result))
        for e in result["value_errors"][: args.errors]:
            print(f"  {e['doc']}: {e['system']!r} -> {e['value']} (gold {e['gold']!r} "
                  f"{e['gold_value']})")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
