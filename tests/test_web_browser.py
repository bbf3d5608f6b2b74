"""The web UI in a real browser: Debian's Chromium driven by Playwright over a store built from the
seed article and the first Wikinews articles (shared data, read at run time).

Chromium comes from the system (``apt-get install -y chromium``; another binary with
``$DATELINE_CHROMIUM``), not from ``playwright install``.
Without it (or without the ``playwright`` package) these tests are skipped on a developer's machine
and FAIL in CI (``CI=true``). Screenshots go to a temporary folder, or to ``$DATELINE_SCREENSHOTS``.
"""
from __future__ import annotations

import os
import re
import socket
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest

pytestmark = pytest.mark.shared

CHROMIUM = os.environ.get("DATELINE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
WIKINEWS_ARTICLES = 40


def _unavailable(reason: str):
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"CI: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ModuleNotFoundError:
        _unavailable("the playwright package is missing (pip install playwright)")
    if not Path(CHROMIUM).exists():
        _unavailable(f"no Chromium at {CHROMIUM} (apt-get update && apt-get install -y chromium)")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def web_db(tmp_path_factory, shared, nlp):
    from dateline.store import ingest

    path = str(tmp_path_factory.mktemp("webui") / "web.db")
    assert ingest([str(shared / "seed" / "000_2bcd1fa24314d7c1.txt")], path).added == 1
    assert ingest([str(shared / "data" / "wikinews" / "articles.jsonl")], path,
                  limit=WIKINEWS_ARTICLES).added == WIKINEWS_ARTICLES
    return path


@pytest.fixture(scope="session")
def server(web_db):
    """The app served by uvicorn in a thread, on a free loopback port picked by the OS."""
    import uvicorn

    from dateline.web import create_app

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(web_db), log_level="warning", access_log=False))
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)
    sock.close()


@pytest.fixture(scope="session")
def shots(tmp_path_factory) -> Path:
    folder = os.environ.get("DATELINE_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def page(browser, server):
    """A page that records console errors and every request leaving the server (there must be none)."""
    context = browser.new_context(viewport={"width": 1200, "height": 900}, base_url=server)
    pg = context.new_page()
    pg.problems = []
    pg.on("console", lambda m: m.type == "error" and pg.problems.append(f"console: {m.text}"))
    pg.on("pageerror", lambda e: pg.problems.append(f"page error: {e}"))
    pg.on("request", lambda r: r.url.startswith(server) or pg.problems.append(f"external request: {r.url}"))
    yield pg
    problems = list(pg.problems)
    context.close()
    assert not problems, problems


def _bar_heights(pg) -> list[float]:
    return [float(h) for h in pg.eval_on_selector_all("svg.chart rect.bar", "els => els.map(e => e.getAttribute('height'))")]


def test_home_search_speaker_person_chart(page, shots, web_db):
    import sqlite3

    page.goto("/")
    numbers = page.locator("#corpus .number b").all_inner_texts()
    assert numbers[0].replace(",", "") == str(WIKINEWS_ARTICLES + 1)
    top = page.locator("ol.top-people li a")
    assert top.count() >= 5
    page.screenshot(path=str(shots / "home.png"))

    # a word the most-quoted person said, searched from the home page's box
    with sqlite3.connect(web_db) as conn:
        pid, quote = conn.execute(
            """SELECT s.person_id, q.text FROM quote_speakers s JOIN quotes q ON q.article_id = s.article_id
               AND q.local_id = s.quote_id WHERE s.person_id = (SELECT person_id FROM quote_speakers
               WHERE person_id IS NOT NULL GROUP BY person_id ORDER BY count(*) DESC, person_id LIMIT 1)
               ORDER BY length(q.text) DESC LIMIT 1""").fetchone()
    word = max(re.findall(r"[^\W\d_]{4,}", quote), key=len)
    page.fill(".hero input[name=q]", word)
    page.click(".hero button[type=submit]")
    page.wait_for_url(re.compile(r"/search\?"))
    assert int(page.inner_text("#total").replace(",", "")) >= 1
    marks = page.locator(".hits mark").all_inner_texts()
    assert marks and all(m.lower() == word.lower() for m in marks)
    page.screenshot(path=str(shots / "search.png"))

    # the speaker facet narrows the hits to that person's quotes
    facet = page.locator(f'.facet[data-facet=speaker] a[href*="speaker={pid}"]')
    if facet.count():
        facet.first.click()
        page.wait_for_url(re.compile(rf"speaker={pid}"))
    else:  # a common word: the person is not among the top speakers of its hits
        page.goto(f"/search?{urlencode({'q': word, 'speaker': pid})}")
    assert page.locator(".facet[data-facet=speaker] .active").count() == 1
    # the speaker's name in a hit leads to their page
    page.locator(f'.hits a.speaker[href="/people/{pid}"]').first.click()
    page.wait_for_url(re.compile(rf"/people/{pid}$"))
    name = page.inner_text("h1.person-name")
    assert name and page.locator("section.quotes li.hit").count() >= 1
    heights = _bar_heights(page)
    assert heights and max(heights) > 10
    box = page.locator("svg.chart").bounding_box()
    assert box["width"] > 300 and box["height"] > 50
    page.screenshot(path=str(shots / "person.png"), full_page=True)

    page.click("p.meta a:text-is('timeline')")
    page.wait_for_url(re.compile(rf"/people/{pid}/timeline"))
    dates = page.locator("ol.timeline li.entry > time").all_inner_texts()
    assert dates and dates == sorted(dates)
    page.screenshot(path=str(shots / "timeline.png"))


def test_article_highlights_quotes_names_and_times(page, shots, web_db):
    import sqlite3

    with sqlite3.connect(web_db) as conn:
        article_id = conn.execute(
            """SELECT article_id FROM quotes WHERE nested_in IS NOT NULL GROUP BY article_id
               ORDER BY count(*) DESC LIMIT 1""").fetchone()[0]
        n_quotes = conn.execute("SELECT count(*) FROM quotes WHERE article_id = ?", (article_id,)).fetchone()[0]
        n_times = conn.execute("SELECT count(*) FROM timexes WHERE article_id = ?", (article_id,)).fetchone()[0]
    page.goto(f"/articles/{article_id}")
    text = page.locator("#article-text")
    assert text.locator("span.q").count() == n_quotes
    # each attributed quote is painted in its speaker's colour; the legend uses the same colours
    colours = text.locator("span.q:not(.spk-none)").evaluate_all(
        "els => els.map(e => getComputedStyle(e).backgroundColor)")
    assert colours and all(c not in ("rgba(0, 0, 0, 0)", "transparent") for c in colours)
    legend = page.locator(".legend li[data-colour]")
    assert legend.count() >= 1 and len(set(colours)) <= max(legend.count(), 1)
    # a quote inside a quote is drawn inside it, outlined
    nested = text.locator("span.q span.q.nested")
    assert nested.count() >= 1
    assert nested.first.evaluate("e => getComputedStyle(e).outlineStyle") == "dashed"
    # time expressions show their normalised value on hover
    times = text.locator("time[title]")
    assert 1 <= times.count() <= n_times  # one crossing a quote's edge would be left out of the text
    assert re.match(r"^(DATE|TIME|DURATION|SET) \S+", times.first.get_attribute("title"))
    # hovering a speaker in the legend brings their quotes forward (the vendored script runs)
    legend.first.hover()
    assert "focus" in (text.get_attribute("class") or "")
    assert text.locator("span.q.on").count() >= 1
    page.screenshot(path=str(shots / "article.png"))
    # a name links to the person's page
    link = text.locator("a.person").first
    href = link.get_attribute("href")
    link.click()
    page.wait_for_url(re.compile(re.escape(href) + "$"))
    assert page.inner_text("h1.person-name")


def test_articles_tab_people_docs_and_errors(page, server):
    page.goto("/search?kind=articles")
    total = int(page.inner_text("#total"))
    assert total == WIKINEWS_ARTICLES + 1 and page.locator("li.article-hit").count() == 20
    seen = page.locator("li.article-hit h3 a").all_inner_texts()
    while page.locator("a[rel=next]").count():
        page.click("a[rel=next]")
        page.wait_for_url(re.compile(rf"page={len(seen) // 20 + 1}"))
        seen += page.locator("li.article-hit h3 a").all_inner_texts()
    assert len(seen) == total
    page.goto("/people")
    assert page.locator("table.people tbody tr").count() >= 10
    page.goto("/docs")
    assert page.locator("section.endpoint").count() >= 6
    assert page.locator('a[href="/openapi.json"]').count() == 1
    response = page.goto("/search?per_page=5000")
    assert response.status == 422 and "per_page" in page.inner_text(".error .message")
    response = page.goto("/people/987654321")
    assert response.status == 404 and "no person with id 987654321" in page.inner_text(".error .message")
    # the browser logs the 422 and the 404 it was just shown; nothing else may be logged
    page.problems[:] = [p for p in page.problems if "responded with a status of 4" not in p]
