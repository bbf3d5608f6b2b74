"""Who said what on sentences we wrote: every construction the quote stage reads, and the negatives."""
from __future__ import annotations

import pytest
from quote_helpers import honest as _honest, names as _names, one as _one


def _quotes(result):
    return [q for q in result.quotes]


def test_trailing_cue_and_same_paragraph_continuation(read_text):
    r = read_text('"We will rebuild the bridge before winter," Mayor Sarah Mitchell said on Tuesday. '
                  '"The money is already there."')
    _honest(r)
    a = _one(r, "We will rebuild the bridge before winter,")
    b = _one(r, "The money is already there.")
    for q in (a, b):
        assert q.kind == "direct" and q.cue.text == "said"
        assert q.speaker_mention.text == "Mayor Sarah Mitchell"
        assert _names(r, q) == ["Sarah Mitchell"]
        assert q.said_on == "2024-03-05"  # "on Tuesday" in the cue's clause, published 2024-03-06


def test_split_quote_shares_speaker_and_cue(read_text):
    r = read_text('"The plan," Sarah Mitchell said, "is to open the bridge by March."')
    a, b = _one(r, "The plan,"), _one(r, "is to open the bridge by March.")
    assert a.cue == b.cue and a.cue.text == "said"
    assert a.speakers == b.speakers and _names(r, a) == ["Sarah Mitchell"]


def test_colon_attributions(read_text):
    r = read_text('Council member David Chen said: "Nobody asked the fishermen."\n\n'
                  'Chen: "We are not done yet."\n\n'
                  '"We start again tomorrow." \u2014 Sarah Mitchell')
    _honest(r)
    q = _one(r, "Nobody asked the fishermen.")
    assert q.cue.text == "said" and _names(r, q) == ["David Chen"]
    q = _one(r, "We are not done yet.")
    assert q.cue.text == ":" and q.speaker_mention.text == "Chen"
    q = _one(r, "We start again tomorrow.")
    assert q.cue.text == "\u2014" and q.speaker_mention.text == "Sarah Mitchell"


def test_colon_line_before_a_quote_paragraph(read_text):
    r = read_text('The senator David Chen went on:\n\n"Nobody asked the fishermen, and nobody asked the '
                  'farmers either."')
    q = _one(r, "Nobody asked the fishermen, and nobody asked the farmers either.")
    assert q.cue.text == "went" or q.speaker_mention.text.endswith("David Chen")


def test_indirect_that_clause_group_speaker_and_said_on(read_text):
    r = read_text("Sarah Mitchell and David Chen announced on March 3, 2023, that they would share the cost.")
    _honest(r)
    q = _one(r, "they would share the cost")
    assert q.kind == "indirect" and q.cue.text == "announced"
    assert q.speaker_mention.text == "Sarah Mitchell and David Chen"
    assert sorted(_names(r, q)) == ["David Chen", "Sarah Mitchell"]
    assert q.said_on == "2023-03-03"


def test_reported_clause_before_the_cue_and_according_to(read_text):
    r = read_text("The council will vote again in May, Sarah Mitchell said.\n\n"
                  "According to the Harbor Gazette, the council voted to delay the project.")
    q = _one(r, "The council will vote again in May")
    assert q.kind == "indirect" and q.cue.text == "said" and q.speaker_mention.text == "Sarah Mitchell"
    q = _one(r, "the council voted to delay the project")
    assert q.cue.text == "According to" and q.speaker_mention.text == "the Harbor Gazette"


def test_organisation_speaks(read_text):
    r = read_text("The Harbor City Council said it would appeal the ruling.")
    q = _one(r, "it would appeal the ruling")
    assert q.speakers and all(i.startswith("o") for i in q.speakers)
    assert q.speaker_mention.text == "The Harbor City Council"


def test_passive_quoted_as_saying_and_mixed(read_text):
    r = read_text('David Chen was quoted as saying that the budget was "tight but honest."')
    (q,) = r.quotes
    assert q.kind == "mixed" and q.text == 'the budget was "tight but honest."'
    assert q.speaker_mention.text == "David Chen" and _names(r, q) == ["David Chen"]


def test_partial_quote_as_object_is_direct_with_medium_and_date(read_text):
    r = read_text('Sarah Mitchell thanked "the volunteers who never gave up" in a statement on Monday.')
    (q,) = r.quotes
    assert q.kind == "direct" and q.text == "the volunteers who never gave up"
    assert q.cue.text == "thanked" and q.medium == "statement" and q.said_on == "2024-03-04"


def test_nested_quote_has_its_own_speaker(read_text):
    r = read_text('"I am done with politics," David Chen told reporters. "My kids always ask, '
                  "'When are you coming home?' and I never have an answer.\"")
    _honest(r)
    outer = _one(r, "My kids always ask, 'When are you coming home?' and I never have an answer.")
    inner = _one(r, "When are you coming home?")
    assert outer.nested_in is None and _names(r, outer) == ["David Chen"]
    assert inner.nested_in == outer.id
    assert inner.cue.text == "ask" and inner.speaker_mention.text == "My kids"
    assert "David Chen" not in _names(r, inner)


def test_quotative_like(read_text):
    r = read_text('Her son was like, "Mom, we won!" and she laughed.')
    (q,) = r.quotes
    assert q.cue.text == "was like" and q.speaker_mention.text == "Her son"


def test_caption_inherits_the_date_of_the_post(read_text):
    r = read_text('Sarah Mitchell posted a video on Instagram on June 2, 2023. "This is for every family '
                  'that waited," she wrote in the caption. "We never stopped looking."')
    a = _one(r, "This is for every family that waited,")
    b = _one(r, "We never stopped looking.")
    assert a.medium == "caption" and a.said_on == "2023-06-02"
    assert b.said_on == "2023-06-02" and b.speakers == a.speakers


def test_quote_running_on_over_paragraphs_keeps_its_speaker(read_text):
    r = read_text('"We walked for two days without water," Sarah Mitchell said.\n\n'
                  '"Then the rain came, and we walked for two more.\n\n'
                  '"Nobody complained once."')
    b = _one(r, "Then the rain came, and we walked for two more.")
    c = _one(r, "Nobody complained once.")
    assert _names(r, b) == _names(r, c) == ["Sarah Mitchell"]


@pytest.mark.parametrize("text", [
    'David Chen, whose nickname is "The Anchor," watched the film "Gone With the Wind" at the "new" cinema.',
    "The Ortizes' house is in the '90s style, and rock 'n' roll plays all night at Pete's.",
    'A "so-called" reform passed. The "experts" were not asked.',
    'He said "yes and then "no and "maybe',
    '"""\'\'\'"\u201c\u201d\u2018\'',
])
def test_not_quotes_and_odd_marks(read_text, text):
    r = read_text(text)
    _honest(r)
    assert [q for q in r.quotes if q.kind == "direct"] == []


def test_headline_line_is_not_a_quote_without_a_cue(read_text):
    r = read_text("Harbor Bridge Reopens After Storm\n\nThe bridge reopened on Monday after repairs.")
    assert r.quotes == []


def test_random_texts_never_crash(nlp):
    import random

    from dateline.article import Article, parse_date
    from dateline.context import Context
    from dateline.quotes import find_quotes

    rng = random.Random(11)
    words = ["said", "says", "according", "to", "she", "Maria", "Lopez", "told", "that", "like", "was", ":",
             ",", ".", "\u2014", "\n\n", '"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "''", "wrote", "caption",
             "on", "Monday", "the", "plan", "is", "good", "asked", "called", "for"]
    for _ in range(150):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 40)))
        ctx = Context(article=Article(text=text, published=parse_date("2024-03-06")), doc=nlp(text))
        for q in find_quotes(ctx):
            assert text[q.start:q.end] == q.text
            assert q.cue is None or text[q.cue.start:q.cue.end] == q.cue.text
            assert q.speaker_mention is None or text[q.speaker_mention.start:q.speaker_mention.end] == q.speaker_mention.text


def test_outlet_told_is_the_medium_and_captioned_is_a_post(read_text):
    r = read_text('"It was the best day of my life," Sarah Mitchell told People magazine.\n\n'
                  '"Forever grateful," she captioned the post on Sunday.')
    a = _one(r, "It was the best day of my life,")
    assert a.medium == "People magazine" and _names(r, a) == ["Sarah Mitchell"]
    b = _one(r, "Forever grateful,")
    assert b.cue.text == "captioned" and b.medium == "post" and b.said_on == "2024-03-03"


def test_reported_clause_stays_in_its_paragraph(read_text):
    r = read_text('"Nobody was hurt," David Chen said.\n\n'
                  "Sarah Mitchell, a spokesperson for the harbor, says the repairs will take a month.")
    q = _one(r, "the repairs will take a month")
    assert q.kind == "indirect" and "Nobody" not in q.text
