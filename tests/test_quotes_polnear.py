"""PolNeAR dev through the quote evaluator: the acceptance thresholds (shared data, ~1 minute).

Human agreement on PolNeAR: 0.862 overlapping spans, 0.687 exact spans, 0.913 speakers.
"""
from __future__ import annotations

import pytest


@pytest.mark.shared
@pytest.mark.slow
def test_polnear_dev_scores(shared):
    from dateline.evaluate.quotes import evaluate_quotes

    res = evaluate_quotes(shared / "data" / "polnear" / "dev.jsonl")
    assert res["gold_speech"] > 1000
    assert res["half"]["f1"] >= 0.80, res["half"]
    assert res["exact"]["f1"] >= 0.60, res["exact"]
    assert res["speaker"]["accuracy"] >= 0.88, res["speaker"]
    assert res["who_said_what"]["f1"] >= 0.75, res["who_said_what"]
