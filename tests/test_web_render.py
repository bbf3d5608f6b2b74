"""The article's HTML from offsets: whatever the text and however spans overlap, the page shows
exactly the text (escaped), every tag is one we wrote, and tags are balanced."""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.web.render import article_html, month_chart

ALLOWED = {"span", "a", "time"}


class _Check(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text, self.stack, self.tags = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"unbalanced </{tag}>"
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def _article(text, quotes=(), mentions=(), timexes=()):
    return {"text": text, "events": [],
            "quotes": [{"quote_id": f"q{i}", "start": s, "end": e, "kind": "direct", "said_on": None,
                        "nested_in": None, "cue_start": None, "cue_end": None,
                        "speakers": [{"local_id": "p1", "person_id": 1, "organization_id": None, "name": "<b>Roe</b>"}]}
                       for i, (s, e) in enumerate(quotes)],
            "mentions": [{"local_id": "p1", "start": s, "end": e, "person_id": 1 if i % 2 else None,
                          "organization_id": None} for i, (s, e) in enumerate(mentions)],
            "timexes": [{"local_id": f"t{i}", "start": s, "end": e, "type": "DATE", "value": '"><script>', "mod": None}
                        for i, (s, e) in enumerate(timexes)]}


def _check(art):
    out, _ = article_html(art)
    parser = _Check()
    parser.feed(str(out))
    parser.close()
    assert not parser.stack, f"unclosed {parser.stack}"
    assert set(parser.tags) <= ALLOWED
    assert "".join(parser.text) == art["text"]
    return str(out)


def test_markup_in_text_names_and_values_stays_text():
    text = 'Jo said "<script>alert(1)</script> & more" on <b>Monday</b>.'
    q0, q1 = text.index('"'), text.rindex('"') + 1
    t0 = text.index("<b>")
    out = _check(_article(text, quotes=[(q0, q1)], mentions=[(0, 2)], timexes=[(t0, t0 + len("<b>Monday</b>"))]))
    assert "<script" not in out and "&lt;script&gt;" in out
    assert 'title="DATE &#34;&gt;&lt;script&gt;"' in out or 'title="DATE &quot;&gt;&lt;script&gt;"' in out


def test_a_quote_inside_a_quote_is_nested_and_a_crossing_mention_is_dropped():
    text = 'She said "he told me \'wait here\' twice" today.'
    outer = (text.index('"'), text.rindex('"') + 1)
    inner = (text.index("'"), text.rindex("'") + 1)
    out = _check(_article(text, quotes=[outer, inner], mentions=[(4, outer[0] + 3)]))
    assert re.search(r'<span class="q [^"]*" id="q0"[^>]*>.*<span class="q [^"]*" id="q1"', out)
    quote = re.search(r'id="q0"[^>]*>(.*?)</span> today', out).group(1)       # the whole quote, uncut
    assert html.unescape(re.sub(r"<[^>]+>", "", quote)) == text[outer[0]:outer[1]]
    assert 'class="org"' not in out                                           # the crossing name is left out


spans = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)).map(sorted).filter(lambda p: p[0] < p[1]),
                 max_size=8)


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("ab <>&\"'\n\u00e9\u0002")), min_size=1, max_size=60),
       quotes=spans, mentions=spans, timexes=spans)
def test_any_spans_over_any_text_give_the_text_back(text, quotes, mentions, timexes):
    n = len(text)
    keep = lambda ps: [(s, e) for s, e in ps if e <= n]  # noqa: E731
    _check(_article(text, keep(quotes), keep(mentions), keep(timexes)))


def test_chart_has_one_bar_per_month_with_quotes():
    months = [{"month": "2023-11", "quotes": 2}, {"month": "2023-12", "quotes": 0}, {"month": "2024-01", "quotes": 5}]
    svg = str(month_chart(months))
    assert svg.count('class="bar"') == 2 and "2024-01: 5 quote(s)" in svg
    assert html.unescape(svg).count("<svg") == 1 and month_chart([]) == ""
