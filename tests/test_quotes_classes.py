"""Classes of attribution errors found on our example articles, each tested on sentences we wrote:
quotes running on over paragraphs, "X, an apposition, said in a statement that ...", and cues
inside relative clauses ("an injury that doctors said might end her career")."""
from __future__ import annotations

import pytest
from quote_helpers import honest as _honest, names as _names, one as _one


def _cue_outside_content(result):
    """No reported content contains its own cue or its speaker mention."""
    for q in result.quotes:
        for span in (q.cue, q.speaker_mention):
            if span is not None and q.kind == "indirect":
                assert not (q.start <= span.start and span.end <= q.end), (q.text, span.text)


# --- 1. a quote running on over a paragraph break takes the cue that closes it -------------------

def test_run_on_paragraph_opened_mid_paragraph_takes_the_later_cue(read_text):
    r = read_text('The hall was full.\n\nOne resident stood up. "The river floods every spring and '
                  'nobody fixes the banks.\n\n"We are tired of waiting," said Noor Haddad, a shopkeeper.')
    _honest(r)
    a = _one(r, "The river floods every spring and nobody fixes the banks.")
    b = _one(r, "We are tired of waiting,")
    assert a.kind == b.kind == "direct"
    assert a.cue == b.cue and a.cue.text == "said"
    assert a.speaker_mention == b.speaker_mention
    assert _names(r, a) == _names(r, b) == ["Noor Haddad"]


def test_run_on_over_three_paragraphs(read_text):
    r = read_text('Ilse Varga, a nurse, spoke first.\n\n"The roads were empty that night.\n\n'
                  '"Nobody came to help.\n\n"We waited until morning," Varga said.')
    qs = [_one(r, t) for t in ("The roads were empty that night.", "Nobody came to help.",
                               "We waited until morning,")]
    assert {q.cue.start for q in qs} == {qs[2].cue.start}
    assert all(_names(r, q) == ["Ilse Varga"] for q in qs)


def test_run_on_chain_own_cue_wins_over_an_earlier_speaker(read_text):
    # the chain that opens after Olsen's quote closes with Lind's cue: it is Lind's
    r = read_text('"We lost the harvest," Gert Olsen said.\n\n"The hail came in June.\n\n'
                  '"Then the frost came," added Mara Lind, his neighbour.')
    assert _names(r, _one(r, "We lost the harvest,")) == ["Gert Olsen"]
    assert _names(r, _one(r, "The hail came in June.")) == ["Mara Lind"]
    assert _names(r, _one(r, "Then the frost came,")) == ["Mara Lind"]


@pytest.mark.parametrize("text", [
    # the next paragraph does not re-open the quote: no run-on, the narrator's cue is not the quote's
    'The meeting ran late. "This is the last word on it.\n\nThe vote was 4-3, Jonah Pell said.',
    # a run-on chain with no cue anywhere stays unattributed (and is not output)
    '"The bridge is closed.\n\n"Use the ferry instead."',
])
def test_no_run_on_attribution_without_a_chain_and_a_cue(read_text, text):
    r = read_text(text)
    _honest(r)
    assert [q for q in r.quotes if q.kind == "direct"] == []


# --- 2. a subject with an apposition or relative clause, "said in a statement that ..." ----------

@pytest.mark.parametrize("text, content, speaker", [
    # (the small English model reads this apposition as a clause reported by "said", no subject)
    ("Not everyone agreed.\n\nOstrava Builders, the company hired to build the bridge, said in a "
     "statement that it welcomed the decision.", "it welcomed the decision", "Ostrava Builders"),
    # (... or as the main clause, with "said" joined to it and the description as its subject)
    ("Halden Works, the company hired to build the bridge, said in a statement that it welcomed the "
     "decision.", "it welcomed the decision", "Halden Works"),
    ("Kestrel Foods, the firm hired to run the canteen, said in a statement that it would keep "
     "prices low.", "it would keep prices low", "Kestrel Foods"),
    ("Brannock Mills, which employs 300 people, said in a letter that the plant would stay open.",
     "the plant would stay open", "Brannock Mills"),
    ("Hal Dorn, the district attorney, told reporters in an interview that he would run again.",
     "he would run again", "Hal Dorn"),
    ("The dam will hold, Ada Quist, the chief engineer, said on Monday.", "The dam will hold", "Ada Quist"),
])
def test_subject_with_apposition_before_the_cue(read_text, text, content, speaker):
    r = read_text(text)
    _honest(r)
    _cue_outside_content(r)
    q = _one(r, content)
    assert q.kind == "indirect"
    assert speaker in q.speaker_mention.text
    assert _names(r, q) == [speaker]
    assert len(r.quotes) == 1  # the apposition is never reported content


@pytest.mark.parametrize("text, not_content", [
    # a relative clause on the noun is not what anyone said
    ("The mayor praised the statement that the council released.", "the council released"),
    # "point to" names what was pointed at: the clause is the reports' words, not Berg's own
    ("Ola Berg pointed to reports that the dam was leaking.", "the dam was leaking"),
])
def test_clause_on_a_noun_is_not_a_statement_clause(read_text, text, not_content):
    r = read_text(text)
    _honest(r)
    assert not_content not in [q.text for q in r.quotes]


# --- 3. a cue inside a relative clause reports what follows it -----------------------------------

@pytest.mark.parametrize("text, content, mention", [
    ("Tarn Wexley defended the new bridge, which engineers say will last a century.",
     "will last a century", "engineers"),
    ("Voters rejected a tax that critics said would hurt farmers.", "would hurt farmers", "critics"),
])
def test_cue_inside_a_relative_clause(read_text, text, content, mention):
    r = read_text(text)
    _honest(r)
    _cue_outside_content(r)
    q = _one(r, content)
    assert q.speaker_mention.text == mention and q.cue.text in ("say", "said")


@pytest.mark.parametrize("text", [
    "Tarn Wexley defended the new bridge, which engineers say will last a century.",
    "Voters rejected a tax that critics said would hurt farmers.",
    "What the inspector said was that the wiring was old.",
    "Pia Lund said the plan that the council approved was rushed.",
])
def test_content_never_holds_its_own_cue(read_text, text):
    r = read_text(text)
    _honest(r)
    _cue_outside_content(r)
    assert not any(q.text.lower().startswith(("that ", "which ")) for q in r.quotes)


def test_relative_clause_inside_the_content_is_kept_whole(read_text):
    # the cue governs the whole clause; the relative clause in it belongs to the content
    r = read_text("Pia Lund said the plan that the council approved was rushed.")
    q = _one(r, "the plan that the council approved was rushed")
    assert _names(r, q) == ["Pia Lund"]


# --- 4. a quote is never its own speaker; "...," added his neighbour NAME ----------------------

@pytest.mark.parametrize("text, speaker", [
    ('"Then the frost," added his neighbour Mara Lind.', "Mara Lind"),
    ('"Then the frost came," added his neighbour Mara Lind.', "Mara Lind"),
    ('"Then the storm," recalled her brother Tomas Lind.', "Tomas Lind"),
])
def test_inverted_trailing_cue_names_the_speaker_after_it(read_text, text, speaker):
    r = read_text(text)
    _honest(r)
    (q,) = r.quotes
    assert q.speaker_mention is not None and q.speaker_mention.start > q.end
    assert _names(r, q) == [speaker]


@pytest.mark.parametrize("text, mention", [
    ('"We stay," Lena Brook told her sister Ada Brook.', "Lena Brook"),  # the addressee does not speak
    ('"We stay," said the teacher.', "the teacher"),
])
def test_subject_of_a_trailing_cue_is_kept(read_text, text, mention):
    r = read_text(text)
    (q,) = r.quotes
    assert q.speaker_mention.text == mention


# --- 5. the reported clause's subject with an apposition, parsed as the cue's ------------------

@pytest.mark.parametrize("text, content, speaker", [
    ("Reyes, 40, said the couple's daughter Ada, 9, had already chosen the name.",
     "the couple's daughter Ada, 9, had already chosen the name", "Reyes"),
    ("Tomas Vidal, 52, said his son Leo, 17, had already left for college.",
     "his son Leo, 17, had already left for college", "Tomas Vidal"),
    ("Nadia Cole said the plan had failed.", "the plan had failed", "Nadia Cole"),
])
def test_reported_clause_keeps_its_subject(read_text, text, content, speaker):
    r = read_text(text)
    _honest(r)
    _cue_outside_content(r)
    q = _one(r, content)
    assert q.speaker_mention.text.endswith(speaker.split()[-1])
