"""The quote evaluator's rules, on a gold file and predictions we write ourselves."""
from __future__ import annotations

import json

from dateline import model
from dateline.evaluate.quotes import content_chars, evaluate_quotes, format_quotes_table, main

TEXT = ('Mayor Ana Ruiz said that the bridge will open in May. "We are ready," Ruiz said, "and the money '
        'is there." Critics believe the plan is late.')


def _at(s: str, occurrence: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(occurrence + 1):
        i = TEXT.index(s, i + 1)
    return i, i + len(s)


def _gold(tmp_path):
    that_s, that_e = _at("that the bridge will open in May")
    a_s, a_e = _at('"We are ready,"')
    b_s, b_e = _at('"and the money is there."')
    bel_s, bel_e = _at("the plan is late")
    sp1 = _at("Mayor Ana Ruiz")
    sp2 = _at("Ruiz", 1)
    quotes = [
        {"start": that_s, "end": that_e, "fragments": [[that_s, that_e]], "speaker": "Mayor Ana Ruiz",
         "speaker_start": sp1[0], "speaker_end": sp1[1], "speech_cue": True},
        {"start": a_s, "end": b_e, "fragments": [[a_s, a_e], [b_s, b_e]], "speaker": "Ruiz",
         "speaker_start": sp2[0], "speaker_end": sp2[1], "speech_cue": True},
        {"start": bel_s, "end": bel_e, "fragments": [[bel_s, bel_e]], "speaker": None,
         "speaker_start": None, "speaker_end": None, "speech_cue": False},
    ]
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"id": "a1", "date": "2024-03-06", "text": TEXT, "quotes": quotes}) + "\n")
    return path


def _q(i, text, cue, speaker=None, nested_in=None, kind="direct"):
    s, e = _at(text)
    c = _at(cue[0], cue[1])
    sm = None
    if speaker:
        ss, se = _at(speaker[0], speaker[1])
        sm = model.Span(start=ss, end=se, text=TEXT[ss:se])
    return model.Quote(id=f"q{i}", text=TEXT[s:e], start=s, end=e, kind=kind, nested_in=nested_in,
                       cue=model.Span(start=c[0], end=c[1], text=TEXT[c[0]:c[1]]), speaker_mention=sm)


def test_trimming_rules():
    t = ' "Yes, we can." '
    assert "".join(t[i] for i in sorted(content_chars(t, 0, len(t)))) == "Yes,wecan"
    t = 'said that "Yes."'
    assert "".join(t[i] for i in sorted(content_chars(t, 0, len(t)))) == 'saidthat"Yes'  # inner marks stay
    t = 'that "Yes, we can."'
    assert "".join(t[i] for i in sorted(content_chars(t, 0, len(t)))) == "Yes,wecan"


def test_split_quote_is_one_attribution_and_that_is_ignored(tmp_path):
    preds = [
        _q(1, "the bridge will open in May", ("said", 0), ("Mayor Ana Ruiz", 0), kind="indirect"),
        _q(2, "We are ready,", ("said", 1), ("Ruiz", 1)),
        _q(3, "and the money is there.", ("said", 1), ("Ruiz", 1)),
        _q(4, "money", ("said", 1), None, nested_in="q3"),  # nested: never counted
    ]
    res = evaluate_quotes(_gold(tmp_path), predictor=lambda art: preds)
    assert res["predicted"] == 2 and res["gold_speech"] == 2
    assert res["exact"]["f1"] == 1.0
    assert res["speaker"]["accuracy"] == 1.0
    assert res["who_said_what"]["f1"] == 1.0
    assert "who said what" in format_quotes_table(res)


def test_half_match_wrong_speaker_and_belief_gold_counts_for_precision(tmp_path):
    preds = [
        _q(1, "the bridge will open", ("said", 0), ("Critics", 0), kind="indirect"),  # half, wrong speaker
        _q(2, "the plan is late", ("believe", 0), ("Critics", 0), kind="indirect"),  # matches a belief
    ]
    res = evaluate_quotes(_gold(tmp_path), predictor=lambda art: preds)
    assert res["half"]["precision"] == 1.0
    assert res["half"]["recall"] == 0.5
    assert res["exact"]["tp_gold"] == 0
    assert res["speaker"] == {"accuracy": 0.0, "right": 0, "judged": 1}
    assert res["who_said_what"]["tp_pred"] == 1  # the belief gold has no speaker span to check


def test_resolved_name_counts_as_right_speaker(tmp_path):
    class Result:
        quotes = [_q(1, "the bridge will open in May", ("said", 0), ("Critics", 0), kind="indirect")]
        quotes[0].speakers = ["p1"]
        people = [model.Person(id="p1", name="Ana Ruiz")]
        organizations = []

    res = evaluate_quotes(_gold(tmp_path), predictor=lambda art: Result)
    assert res["speaker"]["right"] == 1


def test_main_prints_json(tmp_path, capsys, monkeypatch):
    import dateline.evaluate.quotes as ev

    monkeypatch.setattr(ev, "_default_predictor", lambda model, texts: ([] for _ in texts))
    assert main([str(_gold(tmp_path)), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["gold_speech"] == 2 and out["predicted"] == 0
    assert main([str(tmp_path / "missing.jsonl")]) == 2
