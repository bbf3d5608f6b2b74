"""The parse dateline runs: fewer components than the stock pipeline, the same POS and offsets."""
from __future__ import annotations

import spacy

from dateline.nlp import PIECE_CHARS, parse

TEXT = ("Jane Roe, who has run the bakery since 2009, said it is not for sale. "
        "\"There is no buyer,\" she said. Her brother Tom doesn't agree, and he wasn't asked.")


def test_pipeline_skips_lemmatizer_and_attribute_ruler(nlp):
    assert "lemmatizer" not in nlp.pipe_names and "attribute_ruler" not in nlp.pipe_names
    assert {"parser", "ner", "tagger"} <= set(nlp.pipe_names)


def test_pos_matches_the_stock_attribute_ruler(nlp):
    stock = None
    from dateline.nlp import DEFAULT_MODELS

    for name in DEFAULT_MODELS:
        try:
            stock = spacy.load(name)
            break
        except OSError:
            continue
    ours, ref = nlp(TEXT), stock(TEXT)
    assert [t.pos_ for t in ours] == [t.pos_ for t in ref]
    assert {t.pos_ for t in ours} >= {"PROPN", "VERB", "AUX", "PART", "PRON"}


def test_long_text_parsed_in_pieces_keeps_offsets(nlp):
    para = "Jane Roe said the mill would close on Friday. " * 40
    text = "\n\n".join([para] * (PIECE_CHARS // len(para) + 2))
    assert len(text) > PIECE_CHARS
    doc = parse(nlp, text)
    assert doc.text == text
    roe = [e for e in doc.ents if e.text == "Jane Roe"]
    assert len(roe) > 40 and all(text[e.start_char:e.end_char] == "Jane Roe" for e in roe)
