"""The long reliability run: property tests with many examples, then every corpus through the pipeline.

One command reproduces docs/reliability.md's figures:

    python benchmarks/reliability.py --examples 2000            # whole Wikinews corpus (slow on 2 cores)
    python benchmarks/reliability.py --examples 500 --limit 1000 # first 1,000 Wikinews articles

Part 1 runs ``tests/test_properties.py``, ``tests/test_reliability_inputs.py`` and the web parameter
property of ``tests/test_reliability_web.py`` under pytest with
``DATELINE_HYPOTHESIS_EXAMPLES`` set to ``--examples`` and counts the examples Hypothesis ran
(``--hypothesis-show-statistics``). Part 2 reads every record of the shared corpora (Wikinews
articles.jsonl and seed-format files, PolNeAR dev, TimeBank and AQUAINT) with the readers, runs the
pipeline in batches (``read_many``) and checks every output with :func:`dateline.validate.problems`.
A batch that raises is redone article by article, so each crash is counted and named. "Lost" counts
input records that came out neither as a result nor as a BadRecord with a reason.

Part 3 does the same for a generated, seeded JSONL file of mostly broken records (invalid UTF-8
inside the text, impossible dates, no text, blank text, cut-off JSON, arrays, right-to-left marks
and odd quotation marks, 1.09 M-character paragraphs over the limit): each must come out once.

Writes ``benchmarks/results/reliability.md`` and ``.json`` (``--no-save`` to skip).
"""
from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import platform
import re
import subprocess
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "benchmarks" / "results"
SHARED = Path(os.environ.get("DATELINE_SHARED", ROOT.parent / "shared"))
PROPERTY_FILES = ["tests/test_properties.py", "tests/test_reliability_inputs.py",
                  "tests/test_reliability_web.py::test_any_parameter_text_is_answered_never_500"]


def corpora(limit: int | None) -> list[tuple[str, list[str], int | None]]:
    d = SHARED / "data"
    seedfmt = sorted(str(p) for p in (d / "wikinews" / "seedfmt").glob("*.txt"))
    return [
        ("wikinews/articles.jsonl", [str(d / "wikinews" / "articles.jsonl")], limit),
        ("wikinews/seedfmt/*.txt", seedfmt, None),
        ("polnear/dev.jsonl", [str(d / "polnear" / "dev.jsonl")], None),
        ("timeml/timebank.jsonl", [str(d / "timeml" / "timebank.jsonl")], None),
        ("timeml/aquaint.jsonl", [str(d / "timeml" / "aquaint.jsonl")], None),
    ]


# -- part 1: property tests -----------------------------------------------------------------------
def run_properties(examples: int) -> dict:
    env = dict(os.environ, DATELINE_HYPOTHESIS_EXAMPLES=str(examples))
    cmd = [sys.executable, "-m", "pytest", *PROPERTY_FILES, "-q", "-p", "no:cacheprovider",
           "--hypothesis-show-statistics", "--hypothesis-seed=20261126"]
    t0 = time.monotonic()
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.monotonic() - t0
    out = proc.stdout + proc.stderr
    per_test: dict[str, int] = {}
    current = None
    for line in out.splitlines():
        m = re.match(r"^(tests/\S+::\S+):\s*$", line.strip())
        if m:
            current = m.group(1)
            continue
        m = re.search(r"(\d+) passing(?: examples?)?, (\d+) failing(?: examples?)?,(?: and)? (\d+) invalid", line)
        if m and current:
            per_test[current] = per_test.get(current, 0) + int(m.group(1)) + int(m.group(2))
    summary = re.findall(r"(\d+) (passed|failed|error|errors|skipped)", out)
    counts = {k: int(v) for v, k in summary}
    return {"command": " ".join(["DATELINE_HYPOTHESIS_EXAMPLES=" + str(examples)] + cmd[1:]),
            "returncode": proc.returncode, "seconds": round(seconds, 1), "tests": counts,
            "examples_per_test": per_test, "examples_total": sum(per_test.values()),
            "failures": [] if proc.returncode == 0 else out.splitlines()[-60:]}


# -- part 2: corpus sweep -------------------------------------------------------------------------
def _count_input_records(paths: list[str], limit: int | None) -> int:
    n = 0
    for p in paths:
        if p.endswith(".jsonl"):
            with open(p, "rb") as fh:
                n += sum(1 for line in fh if line.strip())
        else:
            n += 1
    return n if limit is None else min(n, limit)


def sweep(name: str, paths: list[str], limit: int | None, nlp, batch_size: int) -> dict:
    import itertools

    from dateline.article import Article, BadRecord
    from dateline.pipeline import process_article, read_many
    from dateline.readers import read
    from dateline.validate import problems

    records = list(itertools.islice(read(paths), limit) if limit else read(paths))
    expected = _count_input_records(paths, limit)
    stats = {"corpus": name, "records": len(records), "expected_records": expected, "articles": 0,
             "bad_records": 0, "bad_reasons": {}, "results": 0, "crashes": 0, "crash_samples": [],
             "invalid_outputs": 0, "invalid_samples": [], "chars": 0}
    t0 = time.monotonic()
    out_count = 0
    for start in range(0, len(records), batch_size * 4):
        chunk = records[start:start + batch_size * 4]
        try:
            outcomes = list(read_many(chunk, nlp=nlp, batch_size=batch_size))
        except Exception:  # noqa: BLE001 - redo one by one to name the article that crashes
            outcomes = []
            for rec in chunk:
                if isinstance(rec, BadRecord):
                    outcomes.append((rec, None))
                    continue
                try:
                    outcomes.append((rec, process_article(rec, nlp)))
                except Exception as exc:  # noqa: BLE001
                    stats["crashes"] += 1
                    stats["articles"] += 1
                    out_count += 1  # accounted for as a crash, not lost
                    if len(stats["crash_samples"]) < 10:
                        stats["crash_samples"].append(
                            f"{rec.source}:{rec.line} id={rec.id}: {exc.__class__.__name__}: {exc} "
                            + traceback.format_exc(limit=-3).splitlines()[-3].strip())
        for rec, result in outcomes:
            out_count += 1
            if result is None and rec.reason and rec.reason.startswith("internal error"):
                stats["crashes"] += 1  # a stage raised; read_many kept the article aside with the reason
                stats["articles"] += 1
                if len(stats["crash_samples"]) < 10:
                    stats["crash_samples"].append(f"{rec.source}:{rec.line}: {rec.reason}")
                continue
            if result is None:
                stats["bad_records"] += 1
                reason = re.sub(r"(?<![\w-])\d[\d,]*(?!\w)", "N", rec.reason)[:90] if rec.reason else "(no reason!)"
                stats["bad_reasons"][reason] = stats["bad_reasons"].get(reason, 0) + 1
                continue
            stats["articles"] += 1
            stats["results"] += 1
            stats["chars"] += len(rec.text)
            found = problems(result)
            if found:
                stats["invalid_outputs"] += 1
                if len(stats["invalid_samples"]) < 10:
                    stats["invalid_samples"].append(f"{rec.id}: {found[:3]}")
        print(f"  {name}: {min(start + batch_size * 4, len(records))}/{len(records)} "
              f"({time.monotonic() - t0:.0f} s)", file=sys.stderr, flush=True)
    stats["lost"] = expected - out_count
    stats["seconds"] = round(time.monotonic() - t0, 1)
    return stats


# -- part 3: a file of hostile records ------------------------------------------------------------
def hostile_file(folder: Path, n: int, seed: int = 20261126) -> tuple[Path, int]:
    """A JSONL file of ``n`` records, most of them broken in one of several ways (seeded)."""
    import random

    rng = random.Random(seed)
    marks = "\u200e\u200f\u202e\u2066\u2069\ufeff\u00ad\u300c\u300d\u201a\u201f\uff02\"'`\u00ab\u00bb"
    lines: list[bytes] = []
    for i in range(n):
        kind = rng.choice(["good", "good", "bad_utf8", "bad_date", "no_text", "not_json", "not_object",
                           "huge", "marks", "blank_text"])
        words = " ".join(rng.choice(["Vera Lusk", "said", "on Monday", "\u201cNo,\u201d", "the dam", "2021"])
                         for _ in range(rng.randint(3, 30)))
        rec = {"id": f"h{i}", "date": "2022-06-01", "text": words}
        if kind == "bad_date":
            rec["date"] = rng.choice(["0000-01-01", "10000-01-01", "2021-02-29", "2021-13-01", "yesterday"])
        elif kind == "no_text":
            del rec["text"]
        elif kind == "blank_text":
            rec["text"] = rng.choice(["", "   ", "\n\n", "\u200b"])
        elif kind == "marks":
            rec["text"] = "".join(rng.choice([marks[rng.randrange(len(marks))], " Vera Lusk said ", "\n\n"])
                                  for _ in range(40))
        elif kind == "huge":
            rec["text"] = "Vera Lusk said the dam will hold. " * 32_000  # 1.09 M characters, one paragraph
        line = json.dumps(rec, ensure_ascii=False).encode()
        if kind == "bad_utf8":
            cut = line.index(b'"text": "') + 9
            line = line[:cut] + rng.choice([b"\xff", b"\xc3", b"\xed\xa0\x80"]) + line[cut:]
        elif kind == "not_json":
            line = line[: rng.randrange(1, len(line))]
        elif kind == "not_object":
            line = json.dumps([rec]).encode()
        lines.append(line)
    path = folder / "hostile.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path, n


def _commit() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout
        dirty = subprocess.run(["git", "status", "--porcelain", "dateline"], cwd=ROOT, capture_output=True,
                               text=True).stdout
        return head.strip() + (" (dateline/ has uncommitted changes)" if dirty.strip() else "")
    except OSError:
        return "?"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--examples", type=int, default=2000, help="Hypothesis examples per property test")
    ap.add_argument("--limit", type=int, default=None, help="Only the first N Wikinews articles")
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--hostile", type=int, default=500, help="Records in the generated hostile JSONL file")
    ap.add_argument("--skip-properties", action="store_true")
    ap.add_argument("--skip-corpora", action="store_true")
    ap.add_argument("--no-save", action="store_true")
    args = ap.parse_args(argv)

    report: dict = {"date": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                    "python": platform.python_version(), "cpus": os.cpu_count(),
                    "command": "python benchmarks/reliability.py " + " ".join(argv if argv is not None else sys.argv[1:]),
                    "examples": args.examples, "limit": args.limit, "commit": _commit()}
    if not args.skip_properties:
        print(f"property tests with {args.examples} examples ...", file=sys.stderr, flush=True)
        report["properties"] = run_properties(args.examples)
    if not args.skip_corpora:
        from dateline.nlp import load

        nlp = load()
        report["corpora"] = []
        for name, paths, limit in corpora(args.limit):
            if not paths or not all(Path(p).exists() for p in paths):
                print(f"  {name}: missing, skipped", file=sys.stderr)
                continue
            report["corpora"].append(sweep(name, paths, limit, nlp, args.batch_size))
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            path, n = hostile_file(Path(tmp), args.hostile)
            stats = sweep(f"generated hostile.jsonl ({n} records, seeded)", [str(path)], None, nlp, args.batch_size)
            report["corpora"].append(stats)
    report["ok"] = (report.get("properties", {}).get("returncode", 0) == 0
                    and all(c["crashes"] == 0 and c["invalid_outputs"] == 0 and c["lost"] == 0
                            for c in report.get("corpora", [])))
    md = markdown(report)
    print(md)
    if not args.no_save:
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / "reliability.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
        (RESULTS / "reliability.md").write_text(md)
    return 0 if report["ok"] else 1


def markdown(r: dict) -> str:
    lines = ["# Reliability run", "", f"`{r['command']}` — {r['date']}, commit {r.get('commit', '?')}, {r['cpus']} CPUs, Python {r['python']}.", ""]
    p = r.get("properties")
    if p:
        lines += ["## Property tests (Hypothesis)", "",
                  f"`{p['command']}` — {p['seconds']} s, exit status {p['returncode']}, "
                  f"tests: {', '.join(f'{v} {k}' for k, v in p['tests'].items())}.", "",
                  "| test | examples run |", "|---|---|"]
        lines += [f"| `{t.split('::')[-1]}` ({t.split('::')[0].split('/')[-1]}) | {n} |"
                  for t, n in p["examples_per_test"].items()]
        lines += [f"| **total** | **{p['examples_total']}** |", ""]
        if p["failures"]:
            lines += ["Failures:", "", "```", *p["failures"], "```", ""]
    if r.get("corpora"):
        lines += ["## Corpus sweep (readers → pipeline → `validate.problems`)", "",
                  "| corpus | input records | articles | bad records (with reason) | crashes | invalid outputs "
                  "| lost | chars | seconds |", "|---|---|---|---|---|---|---|---|---|"]
        tot = {k: 0 for k in ("expected_records", "articles", "bad_records", "crashes", "invalid_outputs", "lost",
                              "chars")}
        for c in r["corpora"]:
            lines.append(f"| {c['corpus']} | {c['expected_records']} | {c['articles']} | {c['bad_records']} | "
                         f"{c['crashes']} | {c['invalid_outputs']} | {c['lost']} | {c['chars']:,} | {c['seconds']} |")
            for k in tot:
                tot[k] += c[k]
        lines.append(f"| **total** | **{tot['expected_records']}** | **{tot['articles']}** | **{tot['bad_records']}** "
                     f"| **{tot['crashes']}** | **{tot['invalid_outputs']}** | **{tot['lost']}** | "
                     f"**{tot['chars']:,}** | |")
        lines.append("")
        for c in r["corpora"]:
            for key in ("bad_reasons", "crash_samples", "invalid_samples"):
                if c[key]:
                    lines.append(f"- {c['corpus']} {key.replace('_', ' ')}: {c[key]}")
        lines.append("")
    lines.append(f"**Result: {'zero crashes, zero invalid outputs, nothing lost' if r['ok'] else 'PROBLEMS FOUND (see above)'}.**")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
