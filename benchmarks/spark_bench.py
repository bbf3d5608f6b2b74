"""Spark throughput: articles/s per core in local[1] and local[2] on the first N Wikinews articles.

    .venv/bin/python benchmarks/spark_bench.py --n 200 --out benchmarks/spark_results.json

For each master: one warm-up run (JVM start, Python workers, model load), then a timed run in the
same session. Reports the job's wall time (reading, pipeline, corpus ids, 15 Parquet tables) and
the pipeline's own rate per core (articles / seconds the tasks spent reading, model load excluded).
The machine's load average is recorded: the cores are shared, so the numbers are lower bounds.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WIKINEWS = Path(os.environ.get("DATELINE_SHARED", ROOT.parent / "shared")) / "data" / "wikinews" / "articles.jsonl"


def sample(n: int, folder: Path) -> Path:
    path = folder / f"wikinews{n}.jsonl"
    with open(WIKINEWS, encoding="utf-8") as fh, open(path, "w", encoding="utf-8") as out:
        for _, line in zip(range(n), fh):
            out.write(line)
    return path


def bench(master: str, path: Path, folder: Path, partitions: int) -> dict:
    from dateline.spark import run, session

    spark = session(master, app=f"dateline-bench-{master}")
    cores = spark.sparkContext.defaultParallelism
    run(spark, [str(path)], str(folder / "warmup"), partitions=partitions)
    load = os.getloadavg()[0]
    t0 = time.monotonic()
    summary = run(spark, [str(path)], str(folder / f"out-{cores}"), partitions=partitions)
    wall = time.monotonic() - t0
    spark.stop()
    n = summary["articles"]
    return {"master": master, "cores": cores, "partitions": partitions, "articles": n,
            "wall_seconds": round(wall, 1), "articles_per_second": round(n / wall, 2),
            "task_seconds": round(summary["task_seconds"], 1),
            "pipeline_articles_per_second_per_core": round(n / summary["task_seconds"], 2),
            "load_average_1min_before": round(load, 2), "load_average_1min_after": round(os.getloadavg()[0], 2)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--masters", default="local[1],local[2]")
    ap.add_argument("--out", default=None)
    args = ap.parse_args()
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = sample(args.n, folder)
        for master in args.masters.split(","):
            cores = int(master[master.index("[") + 1:-1]) if "[" in master else 1
            rows.append(bench(master, path, folder, partitions=cores * 4))
            print(json.dumps(rows[-1]), flush=True)
    import pyspark

    result = {"n": args.n, "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                                       "pyspark": pyspark.__version__},
              "runs": rows}
    if args.out:
        Path(args.out).write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
