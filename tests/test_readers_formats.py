"""Readers for CSV/TSV, Parquet, HTML and WARC, on small fictional inputs written here."""
from __future__ import annotations

import datetime as dt
import io

import pytest

from dateline.article import Article, BadRecord
from dateline.readers import ReadOptions, read

PIER = ('The Harbor Town council voted on Tuesday to build a new pier. "This is a good day for the '
        'town," said Mayor Lena Okafor after the vote.')
MARKET = 'Baker Tomas Reyes, 52, opened a stall at the market. "We waited long enough," he said.'


def _split(records):
    records = list(records)
    return [r for r in records if isinstance(r, Article)], [r for r in records if isinstance(r, BadRecord)]


# -- CSV ----------------------------------------------------------------------------------------
def test_csv_default_columns_and_multiline_text(tmp_path):
    f = tmp_path / "news.csv"
    f.write_text('id,date,title,text,url\n'
                 f'a1,2023-05-14,Pier,"{PIER.replace(chr(34), chr(34) * 2)}",https://gazette.example/pier\n'
                 f'a2,2023-05-15,Market,"First line.\nSecond line.",\n', encoding="utf-8")
    arts, bad = _split(read([str(f)]))
    assert not bad
    assert [a.id for a in arts] == ["a1", "a2"]
    assert arts[0].text == PIER  # the field exactly, doubled quotes undone
    assert arts[0].published == dt.date(2023, 5, 14) and arts[0].title == "Pier"
    assert arts[0].url == "https://gazette.example/pier" and arts[1].url is None
    assert arts[1].text == "First line.\nSecond line."
    assert (arts[0].line, arts[1].line) == (2, 3)


def test_csv_configurable_columns_and_rows_kept_aside(tmp_path):
    f = tmp_path / "export.csv"
    f.write_text("doc,pubdate,body\n"
                 f"x1,2023-05-14,{MARKET.replace(',', ' ').replace(chr(34), '')}\n"
                 "x2,2023-05-15,\n"          # no text
                 "x3,,Some words here.\n"    # no date
                 "x4,2023-05-16,Reyes sold bread.\n", encoding="utf-8")
    opts = ReadOptions(fields={"id": "doc", "date": "pubdate", "text": "body"})
    arts, bad = _split(read([str(f)], opts))
    assert [a.id for a in arts] == ["x1", "x4"]
    assert arts[1].published == dt.date(2023, 5, 16)
    assert [(b.line, b.source) for b in bad] == [(3, str(f)), (4, str(f))]
    assert "empty" in bad[0].reason or "text" in bad[0].reason
    assert "date" in bad[1].reason
    # with the default columns the file has no text column: one bad record for the whole file
    arts, bad = _split(read([str(f)]))
    assert not arts and len(bad) == 1 and "'text'" in bad[0].reason and "--fields" in bad[0].reason


def test_tsv_and_date_fallback(tmp_path):
    f = tmp_path / "news.tsv"
    f.write_text("text\tid\nReyes sold bread.\tt1\n", encoding="utf-8")
    arts, bad = _split(read([str(f)]))
    assert not arts and "no publication date" in bad[0].reason
    arts, bad = _split(read([str(f)], ReadOptions(date=dt.date(2022, 2, 2))))
    assert arts[0].published == dt.date(2022, 2, 2) and arts[0].id == "t1"


def test_csv_not_utf8_is_kept_aside(tmp_path):
    f = tmp_path / "latin.csv"
    f.write_bytes("id,date,text\nc1,2023-01-01,Caf\xe9 owner spoke.\n".encode("latin-1"))
    arts, bad = _split(read([str(f)]))
    assert not arts and "not UTF-8" in bad[0].reason


# -- Parquet ------------------------------------------------------------------------------------
def test_parquet_typed_columns_and_renames(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({
        "article_no": pa.array([7, 8, 9], pa.int64()),
        "day": pa.array([dt.date(2023, 5, 14), dt.date(2023, 5, 15), None], pa.date32()),
        "content": [PIER, MARKET, "Undated words."],
        "headline": ["Pier", None, "x"],
    })
    f = tmp_path / "news.parquet"
    pq.write_table(table, f)
    opts = ReadOptions(fields={"id": "article_no", "date": "day", "text": "content", "title": "headline"})
    arts, bad = _split(read([str(f)], opts))
    assert [a.id for a in arts] == ["7", "8"]
    assert arts[0].text == PIER and arts[0].published == dt.date(2023, 5, 14) and arts[0].title == "Pier"
    assert arts[1].title is None and arts[1].line == 2
    assert len(bad) == 1 and bad[0].line == 3 and "date" in bad[0].reason


def test_parquet_default_columns_and_broken_file(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    f = tmp_path / "plain.parquet"
    pq.write_table(pa.table({"id": ["p1"], "date": ["2024-03-06"], "text": [PIER]}), f)
    arts, bad = _split(read([str(f)]))
    assert not bad and arts[0].id == "p1" and arts[0].published == dt.date(2024, 3, 6)
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"PAR1 this is not really parquet")
    arts, bad = _split(read([str(broken)]))
    assert not arts and "Parquet" in bad[0].reason


# -- HTML ---------------------------------------------------------------------------------------
def page(body: str, *, date: str | None = None, title: str = "Harbor council votes on a pier") -> str:
    meta = f'<meta property="article:published_time" content="{date}T09:00:00Z">' if date else ""
    return (f"<html><head><title>{title}</title>{meta}</head><body>"
            "<nav><a href='/'>Home</a> | <a href='/news'>News</a></nav>"
            f"<article><h1>{title}</h1><p>{body}</p><p>{MARKET}</p></article>"
            "<footer>Copyright Harbor Gazette. All rights reserved.</footer></body></html>")


def test_html_main_text_and_date_from_metadata(tmp_path):
    f = tmp_path / "pier.html"
    f.write_text(page(PIER, date="2023-05-14"), encoding="utf-8")
    arts, bad = _split(read([str(f)], ReadOptions(date=dt.date(2000, 1, 1))))
    assert not bad
    art = arts[0]
    assert art.published == dt.date(2023, 5, 14)  # the page's own date wins over --date
    assert PIER in art.text and MARKET in art.text
    assert "Copyright" not in art.text and "Home" not in art.text  # boilerplate left out
    assert art.title == "Harbor council votes on a pier"
    start = art.text.index("Mayor Lena Okafor")
    assert art.text[start:start + 17] == "Mayor Lena Okafor"  # offsets index the extracted text


def test_html_without_date_needs_date_option(tmp_path):
    f = tmp_path / "undated.htm"
    f.write_text(page(PIER), encoding="utf-8")
    arts, bad = _split(read([str(f)]))
    assert not arts and "no publication date" in bad[0].reason and "--date" in bad[0].reason
    assert bad[0].source == str(f)
    arts, bad = _split(read([str(f)], ReadOptions(date=dt.date(2023, 6, 1))))
    assert arts[0].published == dt.date(2023, 6, 1) and PIER in arts[0].text


def test_html_without_main_text(tmp_path):
    f = tmp_path / "empty.html"
    f.write_text("<html><head><title>Nothing</title></head><body><nav>Home</nav></body></html>", encoding="utf-8")
    arts, bad = _split(read([str(f)], ReadOptions(date=dt.date(2023, 6, 1))))
    assert not arts and "no main text" in bad[0].reason


# -- WARC ---------------------------------------------------------------------------------------
def write_warc(path, pages, gz: bool = False):
    """pages: (url, content_type, status, body) tuples; a request record precedes each response."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        for url, ctype, status, body in pages:
            req = writer.create_warc_record(url, "request", payload=io.BytesIO(b""),
                                            http_headers=StatusAndHeaders(f"GET {url} HTTP/1.1", [], is_http_request=True))
            writer.write_record(req)
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body.encode("utf-8")),
                                                          http_headers=headers))


@pytest.mark.parametrize("gz", [False, True])
def test_warc_html_responses_become_articles(tmp_path, gz):
    f = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    write_warc(f, [
        ("https://gazette.example/pier", "text/html; charset=utf-8", "200 OK", page(PIER, date="2023-05-14")),
        ("https://gazette.example/logo.png", "image/png", "200 OK", "not a page"),
        ("https://gazette.example/old", "text/html", "301 Moved Permanently", "<html></html>"),
        ("https://gazette.example/undated", "text/html", "200 OK", page("The market reopened on Monday.")),
    ], gz=gz)
    arts, bad = _split(read([str(f)]))
    assert len(arts) == 1
    assert arts[0].url == "https://gazette.example/pier" and arts[0].published == dt.date(2023, 5, 14)
    assert PIER in arts[0].text and arts[0].line == 2  # record 1 is the request
    assert len(bad) == 1 and bad[0].line == 8 and "no publication date" in bad[0].reason
    arts, bad = _split(read([str(f)], ReadOptions(date=dt.date(2023, 6, 1))))
    assert len(arts) == 2 and not bad


def test_not_a_warc(tmp_path):
    f = tmp_path / "fake.warc"
    f.write_bytes(b"this is not an archive\n")
    arts, bad = _split(read([str(f)]))
    assert not arts and "WARC" in bad[0].reason
