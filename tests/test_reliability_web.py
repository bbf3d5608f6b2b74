"""Hostile requests and hostile articles against the web app, on top of test_web_app.py.

Articles written to attack (script and image tags, event-handler attributes, quotes in names and
URLs, ``javascript:``/``data:`` links, SQL-looking text, path-like ids) go in through
`dateline ingest`, and come out as plain text on every page, in the API and in
`dateline quotes --format csv/json`. Every page is parsed as HTML and checked structurally: the
only script is ours, no ``on*`` attribute, no link to a non-http scheme. Then request limits
(413/414), static files without path traversal (raw bytes over a socket, so nothing normalises the
path first), a connection that cannot write anything, odd parameters that never give 500, and a
bounded concurrent load on loopback.
"""
from __future__ import annotations

import csv
import html as htmllib
import io
import json
import socket
import sqlite3
import threading
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

httpx = pytest.importorskip("httpx")
pytest.importorskip("fastapi")
uvicorn = pytest.importorskip("uvicorn")
import warnings  # noqa: E402

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from dateline.cli import cli  # noqa: E402
from dateline.web import create_app  # noqa: E402
from dateline.web.limits import MAX_BODY, MAX_PATH, MAX_QUERY, LimitsMiddleware  # noqa: E402

DROP = "'); DROP TABLE quotes;--"
IMG = "<img src=x onerror=alert(1)>"
ARTICLES = [
    {"id": "evil-1", "date": "2024-05-02", "url": "javascript:alert(document.cookie)",
     "title": f"{IMG} \"Quoted\" & 'single' </title><script>alert(2)</script>",
     "text": ('Ciaran "The Hammer" O\'Dwyer said on Monday that the Harlow dock plan '
              f'"will pass <script>alert("x")</script> by June {DROP}." '
              "O'Dwyer, 47, added: \"We will not <b onclick=\\\"steal()\\\">back down</b> now.\"\n\n"
              "Councillor Ysolde Marrick told the Harlow Post that the dock \"is <iframe src=//evil.example>"
              " a waste of money.\"")},
    {"id": 'x"><svg onload=alert(3)>', "date": "2024-05-03",
     "url": 'https://post.example.org/a"onmouseover="alert(4)', "title": "Dock vote <u>moved</u>",
     "text": ('"The vote moves to Friday," said Ysolde Marrick on Tuesday. '
              'Marrick said the "' + DROP + '" joke was "not funny at all."')},
    {"id": "../../etc/passwd", "date": "2024-05-04", "url": " JAVASCRIPT:alert(5)", "title": "Ferry times",
     "text": 'Pilot Anselm Greaves said the ferry "will leave at dawn on Sunday," the Harlow Post reported.'},
    {"id": "data-link", "date": "2024-05-05", "url": "data:text/html;base64,PHNjcmlwdD5hbGVydCg2KTwvc2NyaXB0Pg==",
     "title": "Harbour lights",
     "text": 'Keeper Odile Fenn said on Friday that the harbour lights "are fixed for good."'},
]
OUR_SCRIPT = "/static/app.js"


@pytest.fixture(scope="module")
def db(tmp_path_factory, nlp) -> str:
    folder = tmp_path_factory.mktemp("rel-web")
    src = folder / "evil.jsonl"
    src.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    path = str(folder / "evil.db")
    res = CliRunner().invoke(cli, ["ingest", str(src), "--db", path, "--workers", "1"])
    assert res.exit_code == 0, res.output
    assert f"{len(ARTICLES)} article(s) added" in res.output
    return path


@pytest.fixture(scope="module")
def client(db):
    return TestClient(create_app(db))


# -- stored as given, shown as text ---------------------------------------------------------------
def test_malicious_articles_are_stored_verbatim_and_drop_nothing(db):
    conn = sqlite3.connect(db)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"articles", "quotes", "people", "quote_speakers"} <= tables
    stored = dict(conn.execute("SELECT id, text FROM articles").fetchall())
    assert stored == {a["id"]: a["text"] for a in ARTICLES}
    titles = dict(conn.execute("SELECT id, title FROM articles").fetchall())
    assert titles["evil-1"] == ARTICLES[0]["title"]
    quotes = [r[0] for r in conn.execute("SELECT text FROM quotes")]
    assert any(DROP in q for q in quotes) and any("<script>" in q for q in quotes)
    names = {r[0] for r in conn.execute("SELECT name FROM people")}
    assert any("O'Dwyer" in n for n in names), names


class Structure(HTMLParser):
    """Every tag and attribute of a page, for the checks below."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.scripts: list[str | None] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("iframe", "object", "embed", "img", "base", "meta") and not (tag == "meta" and all(
                k in ("charset", "name", "content") for k, _ in attrs)):
            self.problems.append(f"<{tag}> {attrs}")
        if tag == "script":
            self.scripts.append(dict(attrs).get("src"))
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "src", "action", "formaction", "xlink:href") and value:
                v = "".join(value.split()).lower()
                if ":" in v.split("/")[0] and not v.startswith(("http:", "https:")):
                    self.problems.append(f"<{tag} {name}={value!r}>")


def check_page(html: str, where: str) -> None:
    p = Structure()
    p.feed(html)
    p.close()
    assert p.problems == [], (where, p.problems)
    assert p.scripts in ([], [OUR_SCRIPT]), (where, p.scripts)


def pages(client, db) -> list[str]:
    from urllib.parse import quote

    conn = sqlite3.connect(db)
    ids = [r[0] for r in conn.execute("SELECT id FROM articles")]
    people = [r[0] for r in conn.execute("SELECT id FROM people")]
    urls = ["/", "/people", "/docs", "/search?q=dock", "/search?q=script", "/search?q=DROP+TABLE",
            "/search?kind=articles&q=harlow", "/search?kind=articles", f"/search?q={quote(IMG)}",
            "/people?name=O%27Dwyer", "/timeline?name=Marrick", "/articles/%3Cscript%3E", "/nowhere/%3Cb%3E"]
    urls += [f"/articles/{quote(i, safe='')}" for i in ids]
    urls += [u for p in people for u in (f"/people/{p}", f"/people/{p}/timeline", f"/search?speaker={p}")]
    return urls


def test_every_page_shows_the_markup_as_text(client, db):
    seen = 0
    for url in pages(client, db):
        r = client.get(url)
        assert r.status_code in (200, 404), (url, r.status_code)
        check_page(r.text, url)
        seen += 1
    art = client.get("/articles/evil-1").text
    assert htmllib.escape(IMG, quote=False) in art or htmllib.escape(IMG) in art
    assert "javascript:" not in art.lower()
    assert htmllib.unescape(art).count(DROP) >= 1
    two = client.get("/articles/" + "x%22%3E%3Csvg%20onload%3Dalert%283%29%3E")
    assert two.status_code == 200 and "onmouseover" not in two.text.replace("onmouseover=&#34;", "")
    assert seen >= 20


def test_the_api_returns_the_text_unchanged(client):
    from urllib.parse import quote

    for a in ARTICLES:
        r = client.get("/api/articles/" + quote(a["id"], safe=""))
        assert r.status_code == 200, a["id"]
        body = r.json()
        assert body["text"] == a["text"] and body["title"] == a["title"] and body["url"] == a["url"]
        for q in body["quotes"]:
            assert body["text"][q["start"]:q["end"]] == q["text"]
    hits = client.get("/api/search", params={"q": "DROP TABLE quotes"}).json()
    assert hits["total"] >= 1 and all(DROP.split(";")[0][3:] in h["text"] for h in hits["hits"])


def test_quotes_command_exports_the_text_unchanged(db):
    runner = CliRunner()
    js = runner.invoke(cli, ["quotes", "--db", db, "--format", "json", "--limit", "100"])
    assert js.exit_code == 0, js.output
    rows = [json.loads(line) for line in js.output.splitlines()]
    texts = {r["text"] for r in rows}
    assert any(DROP in t for t in texts) and any('<script>alert("x")</script>' in t for t in texts)
    cs = runner.invoke(cli, ["quotes", "--db", db, "--format", "csv", "--limit", "100"])
    assert cs.exit_code == 0
    back = list(csv.DictReader(io.StringIO(cs.output)))
    assert len(back) == len(rows) and {r["text"] for r in back} == texts  # quotes and commas round-trip
    searched = runner.invoke(cli, ["quotes", "--db", db, "--search", DROP, "--format", "json"])
    assert searched.exit_code == 0 and "Traceback" not in searched.output


# -- request limits and headers -------------------------------------------------------------------
def test_oversized_requests_are_refused(client):
    assert client.get("/api/search", params={"q": "x" * (MAX_QUERY + 10)}).status_code == 414
    assert client.get("/articles/" + "a" * (MAX_PATH + 10)).status_code == 414
    r = client.post("/api/stats", content=b"x" * (MAX_BODY + 1))
    assert r.status_code == 413 and "larger than" in r.json()["detail"]
    assert client.post("/", content=b"x" * 100).status_code == 405  # small bodies reach the app
    assert client.get("/api/search", params={"q": "x" * 150}).status_code == 200  # within every limit


def test_a_streamed_body_is_cut_off_once_over_the_limit():
    async def echo(scope, receive, send):  # an app that reads its body, to feel the limit
        size = 0
        while True:
            m = await receive()
            size += len(m.get("body", b""))
            if not m.get("more_body"):
                break
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": str(size).encode()})

    c = TestClient(LimitsMiddleware(echo, max_body=1000))
    chunks = lambda n: (b"y" * 100 for _ in range(n))  # noqa: E731 - no Content-Length: chunked
    assert c.post("/", content=chunks(5)).text == "500"
    assert c.post("/", content=chunks(50)).status_code == 413


def test_security_headers_on_every_kind_of_answer(client):
    for url in ("/", "/api/stats", "/static/app.css", "/nowhere", "/api/search?page=0", "/articles/" + "a" * 3000):
        r = client.get(url)
        assert r.headers["x-content-type-options"] == "nosniff", url
        assert "frame-ancestors 'none'" in r.headers["content-security-policy"], url
        assert r.headers["x-frame-options"] == "DENY"


# -- a real server on loopback --------------------------------------------------------------------
class Server:
    def __init__(self, db: str):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=self.port,
                                                    log_level="warning", access_log=False))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self):
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            assert self.thread.is_alive() and time.monotonic() < deadline
            time.sleep(0.05)
        return self

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(15)

    def raw(self, target: str) -> tuple[int, bytes]:
        """GET ``target`` exactly as written (no client-side normalisation of dots or escapes)."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=10) as s:
            s.sendall(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode("latin-1"))
            data = b""
            while chunk := s.recv(65536):
                data += chunk
        status = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/") else -1
        return status, data


@pytest.fixture(scope="module")
def server(db):
    with Server(db) as srv:
        yield srv


TRAVERSALS = ["/static/../../etc/passwd", "/static/../app.py", "/static/..%2fapp.py", "/static/..%2F..%2Fetc%2Fpasswd",
              "/static/%2e%2e/%2e%2e/etc/passwd", "/static/%2e%2e%2fapp.py", "/static/..%5capp.py",
              "/static/..\\app.py", "/static//etc/passwd", "/static/%2fetc%2fpasswd", "/static/....//app.py",
              "/static/..%252fapp.py", "/static/%c0%ae%c0%ae/app.py", "/static/app.css/../../app.py",
              "/static/./../__init__.py", "/static/%00../app.py", "/static/app.css%00.py", "/static/../../../../../../etc/shadow",
              "/articles/..%2f..%2f..%2fetc%2fpasswd", "/static/" + "../" * 30 + "etc/passwd"]


def test_static_files_never_leave_their_folder(server, client):
    secrets = [b"root:", b"def create_app", b"from __future__", b"import"]
    for target in TRAVERSALS:
        status, data = server.raw(target)
        assert status in (400, 404, 414), (target, status)
        body = data.split(b"\r\n\r\n", 1)[-1]
        assert not any(s in body for s in secrets), target
        r = client.get(target)
        assert r.status_code in (400, 404), (target, r.status_code)
    assert server.raw("/static/app.css")[0] == 200


def test_the_apps_connections_cannot_write_anything(client, tmp_path):
    conn = client.app.state.store.conn()
    for sql in ["DELETE FROM articles", "INSERT INTO people(key, name) VALUES ('k', 'n')",
                "UPDATE articles SET title = 'x'", "CREATE TABLE pwned(x)", "DROP TABLE quotes",
                "PRAGMA user_version = 7", "INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild')"]:
        with pytest.raises(sqlite3.OperationalError, match="readonly|read-only|query_only|attempt to write"):
            conn.execute(sql)
    other = tmp_path / "other.db"
    with pytest.raises(sqlite3.OperationalError):
        conn.execute("ATTACH DATABASE ? AS other", (str(other),))
        conn.execute("CREATE TABLE other.t(x)")
    assert not other.exists() or other.stat().st_size == 0
    result = {}  # connections are per thread: another thread's is just as read-only

    def other_thread():
        try:
            client.app.state.store.conn().execute("DELETE FROM quotes")
        except sqlite3.OperationalError as exc:
            result["error"] = str(exc)

    t = threading.Thread(target=other_thread)
    t.start()
    t.join()
    assert "readonly" in result.get("error", "") or "query_only" in result.get("error", "")


ODD = [("/api/search?page=1&page=2", 404), ("/api/search?per_page=1e3", 422), ("/api/search?page=-0", 422),
       ("/api/search?year=0", 422), ("/api/search?year=%00", 422), ("/api/search?outlet=", 422),
       ("/api/search?q=%00%01%02", 200), ("/api/search?q=%ff%fe", 200), ("/api/people/1.5", 422),
       ("/api/people/%F0%9F%98%80", 422), ("/api/articles/" + "a" * 501, 422), ("/api/articles/%00", 404),
       ("/api/people?limit=0", 422), ("/api/people?name=" + "%25" * 10, 200), ("/api/search?speaker=1e400", 422),
       ("/api/people/1/timeline?page=99999999999999999999", 422), ("/api/search?sort=", 422),
       ("/api/search?kind=QUOTES", 422), ("/search?q=%E2%80%AE%E2%80%8F", 200)]


@pytest.mark.parametrize("url,status", ODD)
def test_odd_parameters_never_give_500(client, url, status):
    r = client.get(url)
    assert r.status_code == status, (url, r.status_code, r.text[:300])


def test_bounded_concurrent_load_on_loopback(server, db):
    """8 threads x 25 requests over mixed pages: zero errors, every answer the expected status."""
    conn = sqlite3.connect(db)
    pid = conn.execute("SELECT id FROM people ORDER BY id LIMIT 1").fetchone()[0]
    mix = [("/", 200), ("/api/stats", 200), ("/search?q=dock", 200), ("/api/search?q=harbour&kind=articles", 200),
           ("/articles/evil-1", 200), ("/api/articles/data-link", 200), (f"/people/{pid}", 200),
           (f"/api/people/{pid}/timeline", 200), ("/people?name=Marrick", 200), ("/static/app.css", 200),
           ("/articles/no-such-thing", 404), ("/api/people/987654321", 404), ("/api/search?page=0", 422)]
    failures: list = []
    done = []

    def worker(n: int):
        with httpx.Client(base_url=f"http://127.0.0.1:{server.port}", timeout=60) as c:
            for i in range(25):
                url, want = mix[(n * 7 + i) % len(mix)]
                try:
                    r = c.get(url)
                    if r.status_code != want:
                        failures.append((url, r.status_code))
                except httpx.HTTPError as exc:
                    failures.append((url, repr(exc)))
                done.append(url)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert failures == [] and len(done) == 200, failures[:10]


# -- any parameter text at all ----------------------------------------------------------------------
import os  # noqa: E402

from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

EXAMPLES = int(os.environ.get("DATELINE_HYPOTHESIS_EXAMPLES", "40"))
any_text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60) | st.sampled_from(
    ["'", '"', "\\", "%", "_", "*", "NEAR(", "a OR", DROP, IMG, "..", "../..", "\u202e", "\x00", " ", "1e999", "-1"])


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=any_text, outlet=any_text, name=any_text, article=any_text, n=any_text,
       kind=st.sampled_from(["quotes", "articles"]))
def test_any_parameter_text_is_answered_never_500(client, q, outlet, name, article, n, kind):
    from urllib.parse import quote

    answers = [
        client.get("/api/search", params={"q": q, "kind": kind}),
        client.get("/api/search", params={"q": q, "kind": kind, "outlet": outlet, "year": n}),
        client.get("/search", params={"q": q, "kind": kind, "speaker": n, "page": n}),
        client.get("/api/people", params={"name": name}),
        client.get("/timeline", params={"name": name}),
        client.get("/api/articles/" + quote(article, safe="")),
        client.get("/articles/" + quote(article, safe="")),
        client.get("/api/people/" + quote(n, safe="") + "/timeline"),
    ]
    for r in answers:
        assert r.status_code in (200, 303, 404, 414, 422), (r.request.url, r.status_code, r.text[:200])
        if r.headers.get("content-type", "").startswith("text/html"):
            check_page(r.text, str(r.request.url))


def test_the_longest_valid_parameters_fit_the_limits(client):
    from urllib.parse import quote

    q = "\U0001F600" * 200  # 200 characters of 4 bytes: the longest q the app accepts
    assert client.get("/api/search", params={"q": q, "outlet": "\u00e9" * 200, "kind": "quotes"}).status_code == 200
    long_id = "\u4e2d" * 500
    assert client.get("/api/articles/" + quote(long_id, safe="")).status_code == 404  # looked up, not refused
