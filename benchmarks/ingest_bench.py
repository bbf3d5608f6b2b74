"""Ingest throughput and memory: `dateline ingest` on the Wikinews corpus with 1 and 2 workers.

Each configuration runs as its own `python -m dateline ingest` process into a fresh database; the
whole process tree (the ingest and its worker processes) is sampled every 0.25 s for resident
memory (sum of RSS, which counts pages shared after fork once per process, and sum of PSS, which
splits them fairly). A rerun of the same ingest into the full database measures the skip path.

    python benchmarks/ingest_bench.py                       # all 4,491 articles, 1 then 2 workers
    python benchmarks/ingest_bench.py --limit 300           # a quick trial
Writes benchmarks/results/ingest.md and ingest.json (unless --no-save).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "wikinews" / "articles.jsonl"
RESULTS = ROOT / "benchmarks" / "results"


def _children(pid: int) -> list[int]:
    out = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as fh:
                out += [int(c) for c in fh.read().split()]
    except OSError:
        pass
    return out


def _tree(pid: int) -> list[int]:
    todo, seen = [pid], []
    while todo:
        p = todo.pop()
        seen.append(p)
        todo += _children(p)
    return seen


def _memory(pid: int) -> tuple[int, int]:
    """(sum of RSS, sum of PSS) in bytes over the process tree."""
    rss = pss = 0
    for p in _tree(pid):
        try:
            with open(f"/proc/{p}/smaps_rollup") as fh:
                for line in fh:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1]) * 1024
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1]) * 1024
        except OSError:
            continue
    return rss, pss


def run_ingest(corpus: Path, db: Path, workers: int, limit: int | None) -> dict:
    cmd = [sys.executable, "-m", "dateline", "ingest", str(corpus), "--db", str(db), "--workers", str(workers)]
    if limit:
        cmd += ["--limit", str(limit)]
    load_before = os.getloadavg()[0]
    ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak_rss = peak_pss = 0
    loads = []
    while proc.poll() is None:
        rss, pss = _memory(proc.pid)
        peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
        loads.append(os.getloadavg()[0])
        time.sleep(0.25)
    wall = time.perf_counter() - t0
    ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)  # the ingest and its workers (all waited for)
    cpu = (ru1.ru_utime - ru0.ru_utime) + (ru1.ru_stime - ru0.ru_stime)
    err = proc.stderr.read()
    if proc.returncode != 0:
        raise SystemExit(f"ingest failed ({proc.returncode}): {err[-2000:]}")
    conn = sqlite3.connect(db)
    added, skipped, errors = conn.execute(
        "SELECT articles_added, articles_skipped, errors FROM runs ORDER BY id DESC LIMIT 1").fetchone()
    counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("articles", "quotes", "people", "timexes", "errors")}
    conn.close()
    return {"workers": workers, "wall_s": round(wall, 1), "added": added, "skipped": skipped, "errors": errors,
            "articles_per_s": round((added + skipped) / wall, 2), "peak_rss_mb": round(peak_rss / 2**20),
            "peak_pss_mb": round(peak_pss / 2**20),
            "cpu_s": round(cpu, 1), "cpu_used_of_available": round(cpu / wall / min(workers, os.cpu_count() or 1), 2), "load_before": round(load_before, 2),
            "load_mean_during": round(sum(loads) / len(loads), 2) if loads else None, "rows": counts,
            "summary": err.strip().splitlines()[-1] if err.strip() else ""}


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--limit", type=int, default=None, help="only the first N records")
    ap.add_argument("--workers", default="1,2", help="worker counts to run, in order (default 1,2)")
    ap.add_argument("--no-save", action="store_true")
    ap.add_argument("--note", default="", help="a remark for the report (e.g. what else ran on the machine)")
    ap.add_argument("--render-only", action="store_true", help="rewrite ingest.md from ingest.json")
    args = ap.parse_args(argv)
    if args.render_only:
        report = json.loads((RESULTS / "ingest.json").read_text())
        if args.note:
            report["note"] = args.note
        (RESULTS / "ingest.json").write_text(json.dumps(report, indent=2) + "\n")
        (RESULTS / "ingest.md").write_text(render(report))
        return
    workers = [int(w) for w in args.workers.split(",")]
    results = []
    with tempfile.TemporaryDirectory(prefix="dateline-bench-") as tmp:
        for w in workers:
            db = Path(tmp) / f"w{w}.db"
            r = run_ingest(args.corpus, db, w, args.limit)
            print(json.dumps(r), flush=True)
            results.append(r)
        rerun = run_ingest(args.corpus, Path(tmp) / f"w{workers[-1]}.db", workers[-1], args.limit)
        rerun["kind"] = "rerun (everything already stored)"
        print(json.dumps(rerun), flush=True)
    by_w = {r["workers"]: r for r in results}
    speedup = round(by_w[1]["wall_s"] / by_w[2]["wall_s"], 2) if 1 in by_w and 2 in by_w else None
    report = {"corpus": str(args.corpus.relative_to(ROOT.parent)) if args.corpus.is_relative_to(ROOT.parent)
              else str(args.corpus), "limit": args.limit, "cpus": os.cpu_count(), "python": platform.python_version(),
              "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "runs": results, "rerun": rerun,
              "speedup_1_to_2_workers": speedup, "note": args.note}
    print(json.dumps({"speedup_1_to_2_workers": speedup}))
    if not args.no_save:
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / "ingest.json").write_text(json.dumps(report, indent=2) + "\n")
        (RESULTS / "ingest.md").write_text(render(report))


def render(rep: dict) -> str:
    lines = ["# Ingest benchmark", "",
             f"`python benchmarks/ingest_bench.py{' --limit ' + str(rep['limit']) if rep['limit'] else ''}` — "
             f"{rep['date']}, {rep['cpus']} CPUs, Python {rep['python']}, corpus `{rep['corpus']}`"
             f"{' (first ' + str(rep['limit']) + ' records)' if rep['limit'] else ''}.", "",
             "| workers | wall s | articles added | articles/s | peak RSS (tree, MB) | peak PSS (tree, MB) | CPU s | CPU got / asked | load before / during |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in rep["runs"] + [rep["rerun"]]:
        name = f"{r['workers']}" + (" (rerun)" if r.get("kind") else "")
        lines.append(f"| {name} | {r['wall_s']} | {r['added']} | {r['articles_per_s']} | {r['peak_rss_mb']} | "
                     f"{r['peak_pss_mb']} | {r['cpu_s']} | {r['cpu_used_of_available']} | {r['load_before']} / {r['load_mean_during']} |")
    lines += ["", f"Speed-up from 1 to 2 workers (wall time ratio): **{rep['speedup_1_to_2_workers']}**", ""]
    by_w = {r["workers"]: r for r in rep["runs"]}
    if 1 in by_w and 2 in by_w:
        one, two = by_w[1], by_w[2]
        per1, per2 = one["cpu_s"] / max(one["added"], 1), two["cpu_s"] / max(two["added"], 1)
        lines += [f"CPU time per article: {per1 * 1000:.0f} ms with 1 worker, {per2 * 1000:.0f} ms with 2 (all "
                  "processes of the tree). If both cores were free, 1 worker would take about its CPU time "
                  f"({one['cpu_s']:.0f} s) and 2 workers about half of theirs ({two['cpu_s'] / 2:.0f} s): an "
                  f"estimated speed-up of **{one['cpu_s'] / (two['cpu_s'] / 2):.2f}** (an estimate, not a measurement: "
                  "it assumes the work splits evenly over the two workers and nothing waits).", ""]
    if rep.get("note"):
        lines += [rep["note"], ""]
    lines += ["Columns: peak RSS sums the resident memory of the ingest process and its workers (pages "
              "shared after fork counted once per process); PSS splits shared pages fairly. \"CPU got / "
              "asked\" is CPU seconds / wall seconds / processes parsing: 1.0 means the parsing processes had "
              "their cores to themselves; load is the 1-minute load average of the machine (2 cores).", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
