"""Property-based tests: whatever bytes or text come in, no traceback, and every output is valid.

The number of examples is bounded for CI (``DATELINE_HYPOTHESIS_EXAMPLES``, default 40); the longer
run recorded in docs/reliability.md sets it higher.
"""
from __future__ import annotations

import io
import json
import os

from hypothesis import HealthCheck, given, settings, strategies as st

from dateline.article import Article, BadRecord
from dateline.readers import ReadOptions, READERS

EXAMPLES = int(os.environ.get("DATELINE_HYPOTHESIS_EXAMPLES", "40"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

QUOTES = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\u2039\u203a"
awkward_text = st.lists(
    st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(list(QUOTES) + ["\x00", "\u200f", "\u202e", "\n\n", "\r\n", "\t", "\ufeff"]),
        st.sampled_from(["Jane Roe", " said ", " she said. ", "Monday", " 2021 ", "last week", "'s", "the 35-year-old"]),
    ),
    max_size=120,
).map("".join)


def _records(ext: str, raw: bytes, options: ReadOptions | None = None):
    return list(READERS[ext]("input" + ext, io.BufferedReader(io.BytesIO(raw)), options or ReadOptions()))


@SETTINGS
@given(raw=st.binary(max_size=600), ext=st.sampled_from([".txt", ".jsonl", ".jsonl.gz"]))
def test_readers_never_raise_on_arbitrary_bytes(raw, ext):
    for rec in _records(ext, raw):
        assert isinstance(rec, (Article, BadRecord))
        if isinstance(rec, BadRecord):
            assert rec.reason and "\n" not in rec.reason


@SETTINGS
@given(text=awkward_text, date=st.dates())
def test_seed_format_round_trip(text, date):
    raw = f" date {date.isoformat()} {text}".encode("utf-8", "surrogatepass")
    (rec,) = _records(".txt", raw)
    if text.strip():
        assert isinstance(rec, Article) and rec.text == text
        assert rec.published == date
    else:
        assert isinstance(rec, BadRecord) and "empty" in rec.reason


@SETTINGS
@given(obj=st.dictionaries(st.sampled_from(["id", "date", "published", "dct", "text", "title", "url", "x"]),
                           st.one_of(st.none(), st.integers(), awkward_text, st.lists(st.integers(), max_size=2))))
def test_jsonl_objects_become_articles_or_reasons(obj):
    raw = json.dumps(obj).encode() + b"\n"
    (rec,) = _records(".jsonl", raw)
    if isinstance(rec, Article):
        assert rec.text == obj["text"] and rec.text.strip()
    else:
        assert rec.line == 1


# --- the whole pipeline --------------------------------------------------------------------------

NEWSY = st.sampled_from([
    "Jane Roe", "Roe", " said ", " she said, ", " told reporters ", " according to ", "the 35-year-old",
    "her husband John Doe", "their son Max, 4,", " on Tuesday", " last month", " Sept. 30, 2020", " next week",
    "\u201cWe will win,\u201d", "'It's over,'", "\"\"", "\u00abNon\u00bb", " \u2018nested\u2019 ", " ''", "\"",
    "\n\n", "\n\n\"Still talking.", " the White House said ", " Acme Corp. ", " February 30 ", " 1990s ",
    " Mr. ", " Dr. ", " . ", " , ", " — ", "\u200f", "\x00", "\t", "\r\n",
])
article_text = st.lists(st.one_of(NEWSY, st.characters(codec="utf-8")), min_size=1, max_size=80).map("".join)


@settings(max_examples=max(10, EXAMPLES // 2), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=article_text, date=st.dates())
def test_pipeline_output_is_always_valid(nlp, text, date):
    from dateline.article import Article
    from dateline.pipeline import process_article
    from dateline.validate import problems

    if not text.strip():
        return
    result = process_article(Article(text=text, published=date), nlp)
    assert problems(result) == []
