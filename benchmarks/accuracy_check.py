"""No accuracy lost for the speed: `dateline eval` with the speed-ups switched off and on.

    python benchmarks/accuracy_check.py [--out benchmarks/results/accuracy_check]

"Before" is the unoptimised reading: the stock spaCy pipeline with every component (lemmatizer
and attribute_ruler included) and every article parsed in one piece. "After" is what dateline
runs: no lemmatizer, the attribute_ruler replaced by dateline.tagmap, long texts parsed in pieces.
Both score quotes on PolNeAR dev and time expressions on TimeBank and AQUAINT in one process.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


def scores(label: str) -> dict:
    from dateline.evaluate.quotes import evaluate_quotes
    from dateline.evaluate.timex import evaluate_timex

    q = evaluate_quotes(DATA / "polnear" / "dev.jsonl")
    out = {"config": label, "quotes": {k: q[k] for k in q if k in ("half", "exact", "any", "who_said_what",
                                                                     "speaker_accuracy", "speaker")}}
    for name in ("timebank", "aquaint"):
        t = evaluate_timex(DATA / "timeml" / f"{name}.jsonl")
        out[name] = {k: t[k] for k in t if k in ("strict", "relaxed", "value", "type_accuracy")}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "accuracy_check"))
    args = ap.parse_args()
    import dateline.nlp as nlp_mod
    import dateline.tagmap as tagmap

    after = scores("optimised (what dateline runs)")
    # switch the speed-ups off: every component, no tag->POS stand-in, one piece per article
    saved = (nlp_mod.EXCLUDE, tagmap.install, nlp_mod.PIECE_CHARS)
    nlp_mod.EXCLUDE, tagmap.install, nlp_mod.PIECE_CHARS = (), (lambda nlp: None), 10 ** 9
    nlp_mod.load.cache_clear()
    before = scores("unoptimised (stock pipeline, whole articles)")
    nlp_mod.EXCLUDE, tagmap.install, nlp_mod.PIECE_CHARS = saved
    result = {"before": before, "after": after}
    Path(args.out + ".json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
