"""Score quote attribution against PolNeAR-style gold (JSON Lines), the same way for every tool.

``python -m dateline.evaluate.quotes GOLD.jsonl [--json] [--limit N] [--model NAME]``

Gold: one article a line, ``{"id","date","text","quotes":[...]}``; each gold attribution has
``fragments`` (its content pieces), ``speaker_start``/``speaker_end``/``speaker`` and ``speech_cue``.

Rules (so numbers compare across tools):

* **Predictions** — only top-level predicted quotes count (``nested_in`` is null). Top-level quotes
  that share one cue span are one predicted attribution (a split quote ``"A," she said, "B."``, or
  a quote and its continuation), as PolNeAR keeps one attribution with several fragments.
* **Content** — compared as sets of character offsets of non-space characters. Each gold fragment
  and each predicted quote is first trimmed of quotation marks, edge punctuation and edge spaces,
  and of a leading complementizer "that " (PolNeAR's content includes it; ours, like the output
  contract, does not).
* **Precision** counts a predicted attribution as right when it matches *any* gold attribution
  (speech cue or not); **recall** counts gold attributions with ``speech_cue`` true.
* **Matches** — *any*: at least one character shared; *half*: for precision, at least 50% of the
  prediction lies inside one gold attribution, for recall at least 50% of a gold attribution is
  covered by one predicted attribution; *exact*: the same character sets.
* **Speaker accuracy** — over half-matched speech-cue gold attributions that have a speaker span;
  the prediction that covers the gold best (largest overlap) is judged: right when its speaker
  mention overlaps the gold speaker span, or when the name of one of its speaker ids shares the
  gold speaker's last word.
* **Who said what** — P/R/F1 where a match is a half match with the right speaker (a gold
  attribution without a speaker span needs no speaker).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path
from typing import Callable, Iterable

_EDGE = set(" \t\n\r\u00a0\"'`\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e.,;:!?-\u2014\u2013()[]{}\u2026")
_THAT = re.compile(r"that\s", re.I)


def content_chars(text: str, start: int, end: int) -> set[int]:
    """Offsets of the non-space characters of ``text[start:end]`` after the trimming rules."""
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    if _THAT.match(text, start, end):
        start += 5
        while start < end and text[start] in _EDGE:
            start += 1
    return {i for i in range(start, end) if not text[i].isspace()}


def _last_word(s: str | None) -> str:
    words = re.findall(r"[A-Za-z][A-Za-z'\u2019.-]*", s or "")
    if not words:
        return ""
    w = words[-1].lower()
    return re.sub(r"('s|\u2019s|')$", "", w).strip(".")


def _prf(tp_p: int, n_p: int, tp_r: int, n_r: int) -> dict:
    p = tp_p / n_p if n_p else 0.0
    r = tp_r / n_r if n_r else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "tp_pred": tp_p, "predicted": n_p, "tp_gold": tp_r, "gold": n_r}


def _pred_attributions(result, text: str) -> list[dict]:
    quotes = getattr(result, "quotes", result)
    names = {}
    for ent in list(getattr(result, "people", []) or []) + list(getattr(result, "organizations", []) or []):
        names[ent.id] = ent.name
    groups: dict = {}
    for q in quotes:
        if q.nested_in is not None:
            continue
        key = (q.cue.start, q.cue.end) if q.cue is not None else ("q", q.start, q.end)
        g = groups.setdefault(key, {"chars": set(), "speaker": None, "names": []})
        g["chars"] |= content_chars(text, q.start, q.end)
        if g["speaker"] is None and q.speaker_mention is not None:
            g["speaker"] = (q.speaker_mention.start, q.speaker_mention.end)
        for sid in q.speakers:
            if sid in names and names[sid] not in g["names"]:
                g["names"].append(names[sid])
    return [g for g in groups.values() if g["chars"]]


def _gold_attributions(art: dict) -> list[dict]:
    text = art["text"]
    out = []
    for q in art.get("quotes", []):
        frags = q.get("fragments") or [[q["start"], q["end"]]]
        chars: set[int] = set()
        for s, e in frags:
            chars |= content_chars(text, s, e)
        if not chars:
            continue
        sp = None
        if q.get("speaker_start") is not None:
            sp = (q["speaker_start"], q["speaker_end"])
        out.append({"chars": chars, "speech": bool(q.get("speech_cue")), "speaker": sp,
                    "speaker_text": q.get("speaker")})
    return out


def _speaker_right(pred: dict, gold: dict) -> bool:
    gs = gold["speaker"]
    if gs is None:
        return True
    ps = pred["speaker"]
    if ps is not None and ps[0] < gs[1] and gs[0] < ps[1]:
        return True
    lw = _last_word(gold["speaker_text"])
    return bool(lw) and any(_last_word(n) == lw for n in pred["names"])


def score_article(text: str, golds: list[dict], preds: list[dict], acc: dict) -> None:
    """Add one article's counts to ``acc``."""
    for p in preds:
        pc = p["chars"]
        acc["predicted"] += 1
        hits = [(len(pc & g["chars"]), g) for g in golds]
        if any(n for n, _ in hits):
            acc["p_any"] += 1
        half = [g for n, g in hits if n * 2 >= len(pc) and n]
        if half:
            acc["p_half"] += 1
            if any(_speaker_right(p, g) for g in half):
                acc["p_who"] += 1
        if any(pc == g["chars"] for g in golds):
            acc["p_exact"] += 1
    for g in golds:
        if not g["speech"]:
            continue
        gc = g["chars"]
        acc["gold"] += 1
        hits = [(len(gc & p["chars"]), p) for p in preds]
        if any(n for n, _ in hits):
            acc["r_any"] += 1
        half = [(n, p) for n, p in hits if n and n * 2 >= len(gc)]
        if half:
            acc["r_half"] += 1
            best = max(half, key=lambda x: x[0] / len(gc | x[1]["chars"]))[1]
            right = _speaker_right(best, g)
            if g["speaker"] is not None:
                acc["spk_n"] += 1
                acc["spk_right"] += right
            acc["r_who"] += right
        if any(gc == p["chars"] for p in preds):
            acc["r_exact"] += 1


def _default_predictor(model: str | None, texts: list[tuple]) -> Iterable:
    """Parse all articles in one nlp.pipe and run the stages up to the quote stage."""
    from ..article import Article, parse_date
    from ..context import Context
    from ..nlp import load
    from ..pipeline import STAGES

    nlp = load(model)
    arts = [Article(text=t, published=parse_date(d), id=i) for i, d, t in texts]
    upto = [s for s in STAGES[: [n for n, _ in STAGES].index("quotes") + 1]]
    for art, doc in zip(arts, nlp.pipe((a.text for a in arts), batch_size=16)):
        ctx = Context(article=art, doc=doc)
        for name, stage in upto:
            if name == "quotes":
                stage(ctx)
            else:
                try:
                    stage(ctx)
                except Exception as exc:  # another stage failing must not hide the quote scores
                    print(f"warning: stage {name} failed on {art.id}: {exc}", file=sys.stderr)
        yield ctx.result()


def read_gold(path, limit: int | None = None) -> list[dict]:
    """The gold articles of a JSONL file (the first ``limit`` when given)."""
    out: list[dict] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                out.append(json.loads(line))
            if limit and len(out) >= limit:
                break
    return out


def evaluate_quotes(gold_path, *, model: str | None = None, predictor: Callable | None = None,
                    limit: int | None = None) -> dict:
    """Score a predictor (``predictor(article_dict) -> ArticleResult or list of Quote``; default:
    the dateline pipeline) on a gold JSONL file. Returns the counts and P/R/F1 (see module doc)."""
    arts = read_gold(gold_path, limit)
    t0 = time.perf_counter()
    if predictor is None:
        results = _default_predictor(model, [(a.get("id"), (a.get("date") or "2000-01-01")[:10], a["text"])
                                             for a in arts])
    else:
        results = (predictor(a) for a in arts)
    acc = dict.fromkeys(["predicted", "gold", "p_any", "p_half", "p_exact", "p_who", "r_any", "r_half",
                         "r_exact", "r_who", "spk_n", "spk_right"], 0)
    n_gold_all = 0
    for art, res in zip(arts, results):
        golds = _gold_attributions(art)
        n_gold_all += len(golds)
        score_article(art["text"], golds, _pred_attributions(res, art["text"]), acc)
    secs = time.perf_counter() - t0
    return {
        "gold_file": str(gold_path), "articles": len(arts), "gold_attributions": n_gold_all,
        "gold_speech": acc["gold"], "predicted": acc["predicted"],
        "any": _prf(acc["p_any"], acc["predicted"], acc["r_any"], acc["gold"]),
        "half": _prf(acc["p_half"], acc["predicted"], acc["r_half"], acc["gold"]),
        "exact": _prf(acc["p_exact"], acc["predicted"], acc["r_exact"], acc["gold"]),
        "speaker": {"accuracy": round(acc["spk_right"] / acc["spk_n"], 4) if acc["spk_n"] else 0.0,
                    "right": acc["spk_right"], "judged": acc["spk_n"]},
        "who_said_what": _prf(acc["p_who"], acc["predicted"], acc["r_who"], acc["gold"]),
        "seconds": round(secs, 2),
    }


def format_quotes_table(result: dict) -> str:
    rows = [f"quotes vs {result['gold_file']}: {result['articles']} articles, "
            f"{result['gold_speech']} speech-cue gold attributions, {result['predicted']} predicted",
            "", "| match | precision | recall | F1 |", "|---|---|---|---|"]
    for key, label in (("any", "any overlap"), ("half", "half (>= 50%)"), ("exact", "exact"),
                       ("who_said_what", "who said what (half + speaker)")):
        m = result[key]
        rows.append(f"| {label} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} |")
    sp = result["speaker"]
    rows += ["", f"speaker accuracy (half-matched gold with a speaker): {sp['accuracy']:.3f} "
                 f"({sp['right']}/{sp['judged']})"]
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m dateline.evaluate.quotes", description=__doc__.split("\n")[0])
    ap.add_argument("gold", type=Path, help="gold JSONL (PolNeAR format)")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    ap.add_argument("--limit", type=int, default=None, help="first N articles only")
    ap.add_argument("--model", default=None, help="spaCy model name or path")
    args = ap.parse_args(argv)
    if not args.gold.is_file():
        print(f"error: no gold file at {args.gold}", file=sys.stderr)
        return 2
    res = evaluate_quotes(args.gold, model=args.model, limit=args.limit)
    print(json.dumps(res, indent=2) if args.json else format_quotes_table(res))
    return 0


if __name__ == "__main__":
    sys.exit(main())
