"""Helpers shared by the quote tests (plain functions; imported by the test modules)."""
from __future__ import annotations


def names(result, q):
    """The names of a quote's speakers (people and organisations)."""
    by_id = {p.id: p.name for p in result.people} | {o.id: o.name for o in result.organizations}
    return [by_id.get(i, i) for i in q.speakers]


def one(result, text):
    """The quote whose text is exactly ``text``."""
    found = [q for q in result.quotes if q.text == text]
    assert found, f"no quote {text!r} in {[q.text for q in result.quotes]}"
    return found[0]


def honest(result):
    """Quote, cue and speaker spans index the text; ids q1.. follow the text order."""
    for q in result.quotes:
        assert result.text[q.start:q.end] == q.text
        for span in (q.cue, q.speaker_mention):
            if span is not None:
                assert result.text[span.start:span.end] == span.text
    ids = [q.id for q in result.quotes]
    assert ids == [f"q{i}" for i in range(1, len(ids) + 1)]
    assert [q.start for q in result.quotes] == sorted(q.start for q in result.quotes)
