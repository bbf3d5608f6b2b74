"""Quotation marks paired into spans: pure string work, no model needed."""
from __future__ import annotations

import random

import pytest

from dateline.quotes.marks import find_spans


def texts(text):
    return [(text[s.start:s.end], s.parent, s.style) for s in find_spans(text)]


def test_straight_double_quote_and_nested_single_sharing_the_apostrophe():
    t = "\"We don't stop,\" Ines said. \"Our kids always say, 'Don't forget the dog.' And we don't.\""
    got = texts(t)
    assert got[0] == ("We don't stop,", None, "double")
    assert got[1] == ("Our kids always say, 'Don't forget the dog.' And we don't.", None, "double")
    assert got[2] == ("Don't forget the dog.", 1, "single")
    assert len(got) == 3


def test_curly_marks_and_guillemets():
    assert texts("\u201cIt works,\u201d she said.") == [("It works,", None, "double")]
    assert texts("Il a dit \u00ab c'est fini \u00bb hier.") == [("c'est fini", None, "double")]


@pytest.mark.parametrize("text", [
    "The Ortizes' house is in the '90s style, rock 'n' roll all night.",
    "Pete's parents' car isn't theirs.",
    "They sang 'til dawn and danced with 'em all.",
])
def test_apostrophes_are_not_quotes(text):
    assert find_spans(text) == []


def test_possessive_plural_closes_only_an_open_single_quote():
    t = "\"He told me, 'Check the workers' badges,' and left.\""
    got = texts(t)
    assert ("He told me, 'Check the workers' badges,' and left.", None, "double") in got
    assert ("Check the workers' badges,", 0, "single") in got


def test_closing_single_then_double_with_a_space_between():
    t = "\"We could say, 'Okay, this is home,' \" she added."
    got = texts(t)
    assert got[0][0] == "We could say, 'Okay, this is home,'"
    assert got[1] == ("Okay, this is home,", 0, "single")


def test_doubled_apostrophes_as_double_marks_and_triple_run():
    t = "''You know, when I said, 'No new taxes,''' Mr. Vance said."
    got = texts(t)
    assert got[0] == ("You know, when I said, 'No new taxes,'", None, "double")
    assert got[1] == ("No new taxes,", 0, "single")


def test_quote_running_on_into_the_next_paragraph():
    t = "\"The first part goes here.\n\n\"And the second part ends here,\" she said."
    spans = find_spans(t)
    assert [t[s.start:s.end] for s in spans] == ["The first part goes here.", "And the second part ends here,"]
    assert spans[0].runs_on and not spans[0].closed
    assert spans[1].resumes


def test_unmatched_marks_degrade_gracefully():
    assert texts('He said "yes and then left.') == []
    assert texts('Stray close" here and "a real one" there.') == [("a real one", None, "double")]
    # an opener alone at the start of a paragraph runs to its end
    assert texts('"No closing mark at all') == [("No closing mark at all", None, "double")]


def test_random_marks_never_crash_and_spans_are_honest():
    rng = random.Random(7)
    alphabet = ["a", "b", " ", "\n", "\n\n", '"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "''", "'''",
                "\u00ab", "\u00bb", "s", ",", "."]
    for _ in range(2000):
        t = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        for sp in find_spans(t):
            assert 0 <= sp.open < sp.start <= sp.end <= sp.close <= len(t)
            assert t[sp.start:sp.end] == t[sp.start:sp.end].strip()
            if sp.parent is not None:
                outer = find_spans(t)[sp.parent]
                assert outer.open <= sp.open and sp.close <= outer.close
