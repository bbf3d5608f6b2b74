"""The people stage's word lists load, and a malformed line is reported with file and line."""
from __future__ import annotations

import pytest

from dateline.people import lexicon


def test_all_lists_load():
    lex = lexicon.load()
    assert lex.kinship["husband"].relation == "spouse" and lex.kinship["husband"].gender == "male"
    assert lex.kinship["kids"].plural
    assert lex.honorifics["Mrs."][0] == "female"
    assert lex.pronouns["she"].gender == "female" and lex.pronouns["they"].plural
    assert "september" in lex.not_people and "instagram" in lex.outlets


def test_bad_line_names_file_and_line():
    bad = "# word\trelation\tgender\tnumber\nhusband\tspouse\tmale\tsg\nwife\tspose\tfemale\tsg\n"
    with pytest.raises(lexicon.LexiconError, match=r"kinship.tsv:3: column 2 is 'spose'"):
        list(lexicon._rows("kinship.tsv", 4, {1: {"spouse"}}, text=bad))


def test_missing_column_and_duplicate():
    with pytest.raises(lexicon.LexiconError, match=r"roles.tsv:1: expected 2"):
        list(lexicon._rows("roles.tsv", 2, text="actor\n"))
    with pytest.raises(lexicon.LexiconError, match=r"roles.tsv:2: 'actor' is already on line 1"):
        list(lexicon._rows("roles.tsv", 2, text="actor\t-\nactor\t-\n"))
