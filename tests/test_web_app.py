"""The web app through FastAPI's TestClient (no browser): escaping, bad parameters, pagination.

The store is built with the real pipeline from a few articles written for these tests (fictional
people and outlets), one of them carrying markup in its title, its text and (set afterwards, as a
pipeline never finds such a name) a person's name.
"""
from __future__ import annotations

import html as htmllib
import json
import os
import sqlite3
import warnings

import pytest
from click.testing import CliRunner

for _module in ("fastapi", "httpx", "jinja2", "uvicorn"):
    try:
        __import__(_module)
    except ModuleNotFoundError:  # the web extra is optional for users, never in CI
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            raise
        pytest.skip(f"needs {_module} (pip install 'dateline[web]')", allow_module_level=True)
with warnings.catch_warnings():  # starlette nudges towards httpx2; httpx is what we depend on
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from dateline.cli import cli
from dateline.store import ingest, open_store
from dateline.web import create_app
from dateline.web.queries import MARK_CLOSE, MARK_OPEN
from dateline.web.render import marked

SCRIPT = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"

ARTICLES = [
    {"id": "kb-1", "date": "2024-03-06", "url": "https://ledger.example.org/kb-1",
     "title": f"Harbour vote {SCRIPT} delayed",
     "text": ('Mayor Lena Okafor said on Tuesday that the harbour plan "will go ahead ' + SCRIPT + ' next spring." '
              'Okafor, 52, added: "We have waited long enough for this harbour."\n\n'
              'Councillor Tomas Brandt told the Harbor Ledger that the harbour vote "is a mistake we will regret."')},
    {"id": "feed/kb 2", "date": "2024-04-10", "url": "javascript:alert(2)", "title": "Bakery reopens",
     "text": ('"The ovens are finally warm again," said Lena Okafor, the mayor, on Friday. '
              'Baker Ines Moreau said: "Our customers waited two years for this harbour bakery."')},
    {"id": "kb-3", "date": "2023-11-02", "url": "https://courier.example.net/kb-3", "title": "Ferry fares rise",
     "text": ('Tomas Brandt said on Monday that ferry fares "will rise by ten percent." '
              '"Nobody likes it, but the harbour must pay its way," Brandt said. '
              'Lena Okafor said the harbour council "will review the fares in January."')},
]


@pytest.fixture(scope="module")
def db(tmp_path_factory, nlp):
    folder = tmp_path_factory.mktemp("web")
    src = folder / "corpus.jsonl"
    src.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    path = str(folder / "kb.db")
    assert ingest([str(src)], path).added == len(ARTICLES)
    conn = open_store(path)
    # a name with markup in it, in the corpus table and in the article's own row
    conn.execute("UPDATE people SET name = ? WHERE key = 'tomas brandt'", (f"Tomas {SCRIPT} Brandt",))
    conn.execute("UPDATE article_people SET name = ? WHERE name = 'Tomas Brandt'", (f"Tomas {SCRIPT} Brandt",))
    assert conn.execute("SELECT changes()").fetchone()[0] >= 1
    conn.close()
    return path


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(db))


def person_id(db, key: str) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT id FROM people WHERE key = ?", (key,)).fetchone()[0]


# -- escaping -----------------------------------------------------------------------------------
def test_markup_in_text_title_and_names_is_shown_as_text_on_every_page(client, db):
    brandt, okafor = person_id(db, "tomas brandt"), person_id(db, "lena okafor")
    pages = ["/", "/search", "/search?q=alert", "/search?q=script+alert&kind=articles", "/search?q=harbour",
             f"/search?speaker={brandt}", "/search?kind=articles", "/articles/kb-1", "/articles/kb-3",
             "/people", "/people?name=Brandt", f"/people/{brandt}", f"/people/{brandt}/timeline",
             f"/people/{okafor}", f"/people/{okafor}/timeline", "/docs", f"/articles/{SCRIPT}",
             f"/search?q={SCRIPT}", "/timeline?name=Brandt"]
    seen_escaped = set()
    for url in pages:
        r = client.get(url)
        assert r.status_code in (200, 404), (url, r.status_code)
        assert r.headers["content-type"].startswith("text/html")
        assert "<script>alert" not in r.text, url
        assert "<script" not in r.text.replace('<script src="/static/app.js" defer></script>', ""), url
        if ESCAPED in r.text:
            seen_escaped.add(url)
    # the markup is there, as text, where the title, the text and the name are shown
    for url in ("/articles/kb-1", "/search?q=alert", f"/people/{brandt}", "/", "/people?name=Brandt"):
        assert url in seen_escaped, url


def test_search_highlights_are_marks_around_escaped_text(client):
    r = client.get("/search", params={"q": "alert"})
    assert "<mark>alert</mark>" in r.text
    assert "&lt;script&gt;<mark>alert</mark>(1)&lt;/script&gt;" in r.text
    api = client.get("/api/search", params={"q": "alert"}).json()
    assert api["total"] >= 1 and all(MARK_OPEN + "alert" + MARK_CLOSE in h["marked"] for h in api["hits"])


def test_marked_never_lets_tags_through():
    assert marked(f"a {MARK_OPEN}<b>{MARK_CLOSE} c") == "a <mark>&lt;b&gt;</mark> c"
    # stray and unbalanced markers give balanced marks, never raw text as HTML
    assert marked(f"{MARK_CLOSE}x{MARK_OPEN}y{MARK_OPEN}z") == "x<mark>yz</mark>"
    assert marked(None) == ""


def test_article_page_lays_quotes_names_and_times_over_escaped_text(client, db):
    r = client.get("/articles/kb-1")
    assert r.status_code == 200
    text = r.text
    okafor = person_id(db, "lena okafor")
    assert f'href="/people/{okafor}"' in text                    # speaker names link to the person
    assert 'class="q spk-0' in text                              # quotes carry their speaker's colour
    assert "<time" in text and 'title="DATE 2024-03-05"' in text  # "Tuesday" before 2024-03-06 (a Wednesday)
    assert ESCAPED in text
    api = client.get("/api/articles/kb-1").json()
    for q in api["quotes"]:
        assert api["text"][q["start"]:q["end"]] == q["text"]
        assert f'id="{q["quote_id"]}"' in text                      # timeline and search links land on it
    for e in api["events"]:
        assert f'id="{e["local_id"]}"' in text


def test_only_http_links_to_sources(client):
    r = client.get("/articles/feed%2Fkb%202")
    assert r.status_code == 200 and "Bakery reopens" in r.text
    assert "javascript:" not in r.text
    assert 'href="https://ledger.example.org/kb-1"' in client.get("/articles/kb-1").text


# -- bad parameters -----------------------------------------------------------------------------
BAD = [
    ("/api/search?page=0", 422, "page: Input should be greater than or equal to 1"),
    ("/api/search?per_page=101", 422, "per_page: Input should be less than or equal to 100"),
    ("/api/search?per_page=abc", 422, "per_page: Input should be a valid integer"),
    ("/api/search?kind=poems", 422, "kind: Input should be 'quotes' or 'articles'"),
    ("/api/search?sort=published;DROP", 422, "sort: Input should be"),
    ("/api/search?year=20245", 422, "year:"),
    ("/api/search?speaker=-1", 422, "speaker:"),
    ("/api/search?q=" + "x" * 201, 422, "q: String should have at most 200 characters"),
    ("/api/people/0", 422, "person_id: Input should be greater than or equal to 1"),
    ("/api/people/abc", 422, "person_id: Input should be a valid integer"),
    ("/api/people/99999999999999999999999", 422, "person_id:"),
    ("/api/people/987654", 404, "no person with id 987654"),
    ("/api/people/987654/timeline", 404, "no person with id 987654"),
    ("/api/people/1/timeline?kind=tweets", 422, "kind:"),
    ("/api/articles/no-such-article", 404, "no article with id 'no-such-article'"),
    ("/api/nothing-here", 404, "no page at /api/nothing-here"),
    ("/timeline", 422, "name: Field required"),
]


@pytest.mark.parametrize("url,status,message", BAD)
def test_bad_parameters_get_a_clear_message(client, url, status, message):
    r = client.get(url)
    assert r.status_code == status
    if url.startswith("/api/"):
        assert message in r.json()["detail"]
    else:
        assert message in htmllib.unescape(r.text)
    page = client.get(url.replace("/api/", "/", 1))  # the page twin answers the same, as HTML
    if page.status_code != 404 or status == 404:
        assert page.status_code == status and message.replace("/api/", "/").split(":")[0] in htmllib.unescape(page.text)
        assert page.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize("q", ['"', "*", "NEAR(harbour", "harbour OR", "^a", "-x", "col:harbour", "a AND NOT b",
                               "'); DROP TABLE quotes; --", "\u0000", "ünïcödé", "   ", "%", "\\"])
def test_any_search_text_is_searched_as_words(client, q):
    for kind in ("quotes", "articles"):
        r = client.get("/api/search", params={"q": q, "kind": kind})
        assert r.status_code == 200, r.text
        assert client.get("/search", params={"q": q, "kind": kind}).status_code == 200


def test_the_app_cannot_write(client):
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        client.app.state.store.conn().execute("DELETE FROM articles")


def test_serve_refuses_a_missing_database(tmp_path):
    res = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.db")])
    assert res.exit_code == 1 and "no database at" in res.output


# -- pagination and facets ----------------------------------------------------------------------
def test_pages_cover_every_hit_once(client):
    first = client.get("/api/search", params={"q": "harbour", "per_page": 2}).json()
    assert first["total"] >= 3 and first["pages"] == -(-first["total"] // 2)
    seen = []
    for page in range(1, first["pages"] + 1):
        hits = client.get("/api/search", params={"q": "harbour", "per_page": 2, "page": page}).json()["hits"]
        assert 1 <= len(hits) <= 2
        seen += [(h["article_id"], h["quote_id"]) for h in hits]
    assert len(seen) == len(set(seen)) == first["total"]
    past = client.get("/api/search", params={"q": "harbour", "per_page": 2, "page": first["pages"] + 1})
    assert past.status_code == 404 and "past the last page" in past.json()["detail"]
    html = client.get("/search", params={"q": "harbour", "per_page": 2, "page": 2}).text
    assert 'rel="prev"' in html and "page 2 of" in html


def test_facets_count_what_the_filters_keep(client, db):
    okafor = person_id(db, "lena okafor")
    all_quotes = client.get("/api/search", params={"per_page": 100}).json()
    speakers = {f["value"]: f["count"] for f in all_quotes["facets"]["speaker"]}
    assert speakers[okafor] >= 3
    by_okafor = client.get("/api/search", params={"speaker": okafor, "per_page": 100}).json()
    assert by_okafor["total"] == speakers[okafor]
    assert all(any(s["person_id"] == okafor for s in h["speakers"]) for h in by_okafor["hits"])
    years = {f["value"]: f["count"] for f in by_okafor["facets"]["year"]}
    assert set(years) == {2023, 2024}
    in_2023 = client.get("/api/search", params={"speaker": okafor, "year": 2023}).json()
    assert in_2023["total"] == years[2023] and all(h["published"].startswith("2023") for h in in_2023["hits"])
    outlets = {f["value"] for f in all_quotes["facets"]["outlet"]}
    assert {"ledger.example.org", "courier.example.net"} <= outlets
    newest = client.get("/api/search", params={"sort": "newest", "per_page": 100}).json()["hits"]
    assert [h["published"] for h in newest] == sorted((h["published"] for h in newest), reverse=True)


def test_person_page_quotes_chart_and_timeline(client, db):
    okafor = person_id(db, "lena okafor")
    data = client.get(f"/api/people/{okafor}", params={"per_page": 1}).json()
    assert data["person"]["name"] == "Lena Okafor" and data["quotes"]["pages"] == data["quotes"]["total"]
    months = data["quotes_per_month"]
    assert months[0]["month"] == "2023-11" and months[-1]["month"] == "2024-04" and len(months) == 6
    assert sum(m["quotes"] for m in months) == data["person"]["quotes"]
    html = client.get(f"/people/{okafor}").text
    assert html.count('class="bar"') == sum(1 for m in months if m["quotes"]) and "<svg" in html
    timeline = client.get(f"/api/people/{okafor}/timeline", params={"kind": "quote"}).json()
    dates = [e["date"] for e in timeline["entries"]]
    assert dates == sorted(dates) and timeline["total"] == data["person"]["quotes"]


def test_docs_work_offline_and_list_every_api_route(client):
    html = client.get("/docs").text
    assert "cdn" not in html.lower() and "/openapi.json" in html
    spec = client.get("/openapi.json").json()
    for path in spec["paths"]:
        assert path in html
    assert {"/api/search", "/api/stats", "/api/people/{person_id}"} <= set(spec["paths"])


@pytest.mark.parametrize("url,source", [
    ("https://www.Example.org/a/b", "x.jsonl"), ("http://news.example.com", None), ("HTTPS://Ledger.example.org?p=1/2", None),
    ("https://x.example.net:8080/p", "a/b.csv"), (None, "feeds/2024/day.jsonl"), (None, None),
    ("javascript:alert(1)", "dir/file.jsonl"), ("ftp://files.example.org/a", "plain.txt")])
def test_outlet_in_python_and_sql_agree(url, source):
    from dateline.web.queries import OUTLET, outlet

    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE articles (url TEXT, source TEXT)")
    conn.execute("INSERT INTO articles VALUES (?, ?)", (url, source))
    assert conn.execute(f"SELECT {OUTLET} FROM articles a").fetchone()[0] == outlet(url, source)


def test_search_sees_articles_added_while_serving(tmp_path, nlp):
    """Totals and facets are remembered, but only until an ingest changes the database."""
    def add(n: int):
        src = tmp_path / f"more{n}.jsonl"
        src.write_text(json.dumps({"id": f"lh-{n}", "date": f"2022-0{n}-01", "title": f"Lighthouse {n}",
                                   "text": f'Keeper Arno Vale said the lighthouse "will shine again {n} times."'}) + "\n")
        assert ingest([str(src)], str(tmp_path / "live.db")).added == 1

    add(1)
    client = TestClient(create_app(str(tmp_path / "live.db")))
    assert client.get("/api/search", params={"q": "lighthouse", "kind": "articles"}).json()["total"] == 1
    add(2)
    after = client.get("/api/search", params={"q": "lighthouse", "kind": "articles"}).json()
    assert after["total"] == 2 and {f["value"] for f in after["facets"]["year"]} == {2022}
    assert client.get("/api/stats").json()["corpus"]["articles"] == 2


def test_a_database_that_cannot_answer_is_503_not_500(client, monkeypatch):
    from dateline.web import queries

    def locked(*args, **kwargs):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(queries, "article", locked)
    r = client.get("/api/articles/kb-1")
    assert r.status_code == 503 and "try again" in r.json()["detail"]
    assert client.get("/articles/kb-1").status_code == 503


@pytest.mark.parametrize("kind", ["quotes", "articles"])
@pytest.mark.parametrize("sort", ["relevance", "newest", "oldest"])
@pytest.mark.parametrize("q", ["", "harbour"])
def test_every_filter_combination_answers_and_keeps_only_matching_hits(client, db, kind, sort, q):
    okafor = person_id(db, "lena okafor")
    combos = [{}, {"speaker": okafor}, {"year": 2024}, {"outlet": "ledger.example.org"},
              {"speaker": okafor, "year": 2023, "outlet": "courier.example.net"}]
    for filters in combos:
        params = {"q": q, "kind": kind, "sort": sort, **filters}
        r = client.get("/api/search", params=params)
        assert r.status_code == 200, (params, r.text)
        data = r.json()
        assert data["total"] == len(data["hits"]) or data["pages"] > 1
        for h in data["hits"]:
            if "year" in filters:
                assert h["published"].startswith(str(filters["year"]))
            if "outlet" in filters:
                assert h["outlet"] == filters["outlet"]
            if "speaker" in filters and kind == "quotes":
                assert any(sp["person_id"] == okafor for sp in h["speakers"])
            if q and kind == "quotes":
                assert "harbour" in h["text"].lower()
        assert client.get("/search", params=params).status_code == 200


def test_dateline_serve_answers_on_loopback(db):
    """The command itself: start `dateline serve` on a free port, read a page and the API, stop it."""
    import socket
    import subprocess
    import sys
    import time

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "dateline", "serve", "--db", db, "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=5)
                break
            except httpx.TransportError:
                assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read().decode()
                time.sleep(0.2)
        assert r.status_code == 200 and r.json()["corpus"]["articles"] == len(ARTICLES)
        home = httpx.get(f"http://127.0.0.1:{port}/")
        assert home.status_code == 200 and "Most-quoted people" in home.text
    finally:
        proc.terminate()
        proc.wait(10)
