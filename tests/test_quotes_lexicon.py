"""The quote stage's data files load, and a malformed line is reported with its file and line."""
from __future__ import annotations

import pytest

from dateline.quotes.lexicon import LexiconError, load_media, load_speech_verbs, media, speech_verbs


def test_lexicons_hold_inflected_forms():
    verbs = speech_verbs()
    for form in ("says", "said", "saying", "wrote", "written", "tweeted", "shares", "announced", "told",
                 "continues", "explains", "added"):
        assert verbs[form].cls == "speech", form
    assert verbs["honored"].cls == "quoteonly"
    assert verbs["called"].cls == "act"
    assert verbs["like"].cls == "like"
    assert all(f == f.lower() for f in verbs)
    assert media()["instagram"].kind == "post"
    assert media()["statement"].name == "statement"


def test_malformed_line_names_file_and_line(tmp_path):
    bad = tmp_path / "verbs.tsv"
    bad.write_text("# comment\nsay\tspeech\tsay says\nshout\tyelling\tshouts\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"verbs.tsv, line 3: class 'yelling'"):
        load_speech_verbs(bad)
    bad.write_text("say speech says\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"line 1: expected 3"):
        load_speech_verbs(bad)
    m = tmp_path / "media.tsv"
    m.write_text("radio\tradio\tbroadcast\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"media.tsv, line 1: kind 'broadcast'"):
        load_media(m)
