"""The web app: server-rendered pages over a store, each with a JSON twin under ``/api``.

``create_app(path)`` opens the database read-only (``mode=ro``): the app cannot change it. Every
page is a Jinja2 template with autoescaping; HTML built in Python lives in :mod:`.render` and
escapes every text piece. Parameters are validated by FastAPI (bounds on every number and length);
a bad one gives 422 with a one-line message, an unknown id 404, a busy database 503. Oversized
requests are refused before any route runs (414 for a long path or query string, 413 for a body;
see :mod:`.limits`).
"""
from __future__ import annotations

import json
import os
import sqlite3
import threading
from pathlib import Path
from typing import Literal
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, Path as PathParam, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader
from starlette.exceptions import HTTPException

from .. import __version__
from ..store import open_store
from ..store import queries as store_queries
from . import queries, render, search
from .cache import Memo, stamp
from .limits import LimitsMiddleware

HERE = Path(__file__).parent
MAX_ID = 2**63 - 1


class Store:
    """One read-only connection per thread (FastAPI runs plain endpoints in a thread pool)."""

    def __init__(self, path: str):
        self.path = str(path)
        self._local = threading.local()
        self.memo = Memo(512)
        self.conn().execute("SELECT count(*) FROM articles").fetchone()  # fail now, with StoreError

    def conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = open_store(self.path, readonly=True)
            # mode=ro alone still lets a connection ATTACH (and create) another file and write there:
            # no attached databases, and no writes anywhere
            conn.setlimit(sqlite3.SQLITE_LIMIT_ATTACHED, 0)
            conn.execute("PRAGMA query_only = ON")
            self._local.conn = conn
        return conn


def _templates() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True)
    env.globals.update(person_url=render.person_url, article_url=render.article_url, marked=render.marked,
                       version=__version__)
    env.tests["http_url"] = lambda url: isinstance(url, str) and url.lower().startswith(("http://", "https://"))
    env.filters["qs"] = lambda params: urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return env


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ())[1:]) or "request"
        parts.append(f"{where}: {err.get('msg', 'invalid value')}")
    return "; ".join(parts) or "invalid request"


def create_app(db_path: str) -> FastAPI:
    """The app over the store at ``db_path`` (raises StoreError when it is not a dateline store)."""
    store = Store(db_path)
    env = _templates()
    app = FastAPI(title="dateline", version=__version__, docs_url=None, redoc_url=None,
                  description="Who said what, about whom, and when: a read-only view of a dateline "
                              "knowledge base. Every page has a JSON twin under /api.")
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.add_middleware(LimitsMiddleware)  # 413/414 for oversized requests, security headers on every answer

    def page(request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
        html = env.get_template(template).render(request=request, path=request.url.path, **context)
        return HTMLResponse(html, status_code=status)

    def error(request: Request, status: int, message: str):
        if _is_api(request):
            return JSONResponse({"detail": message, "status": status}, status_code=status)
        return page(request, "error.html", status=status, status_code=status, message=message)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        return error(request, 422, _message(exc))

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException):
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"no page at {request.url.path}"
        return error(request, exc.status_code, message)

    @app.exception_handler(sqlite3.Error)
    async def _db(request: Request, exc: sqlite3.Error):
        return error(request, 503, f"the database could not answer ({exc.__class__.__name__}); try again")

    # -- parameters -----------------------------------------------------------------------------
    def search_params(
            q: str = Query("", max_length=200, description="Words to find (all of them; operators are words)"),
            kind: Literal["quotes", "articles"] = Query("quotes", description="What to search"),
            speaker: int | None = Query(None, ge=1, le=MAX_ID, description="Corpus person id (quoted)"),
            year: int | None = Query(None, ge=1, le=9998, description="Publication year"),
            outlet: str | None = Query(None, min_length=1, max_length=200, description="Host of the article's URL"),
            sort: Literal["relevance", "newest", "oldest"] = Query("relevance"),
            page: int = Query(1, ge=1, le=10_000),
            per_page: int = Query(20, ge=1, le=100)) -> search.Search:
        return search.Search(q=q.strip(), kind=kind, speaker=speaker, year=year, outlet=outlet, sort=sort,
                              page=page, per_page=per_page)

    def get_person(person_id: int) -> dict:
        prof = store_queries.profile(store.conn(), person_id, quotes_limit=0)
        if not prof:
            raise HTTPException(404, f"no person with id {person_id}")
        prof.pop("recent_quotes", None)
        prof.pop("relations", None)
        prof["relations"] = queries.person_relations(store.conn(), person_id)
        return prof

    def get_article(article_id: str) -> dict:
        art = queries.article(store.conn(), article_id)
        if art is None:
            raise HTTPException(404, f"no article with id {article_id!r}")
        for p in art["people"]:
            p["descriptors"] = json.loads(p["descriptors"] or "[]")
        for e in art["events"]:
            e["participants"] = json.loads(e["participants"] or "[]")
        return art


    # -- home -----------------------------------------------------------------------------------
    def home_data() -> dict:
        conn = store.conn()
        return store.memo.get(("home", stamp(conn)), lambda: {
            "corpus": queries.corpus_numbers(conn), "top_people": store_queries.top_people(conn, 15),
                "recent_articles": queries.recent_articles(conn, 8)})

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request):
        return page(request, "home.html", **home_data())

    @app.get("/api/stats", tags=["corpus"], summary="Corpus numbers, most-quoted people, latest articles")
    def api_stats():
        return home_data()

    # -- search ---------------------------------------------------------------------------------
    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, s: search.Search = Depends(search_params)):
        result = search.search(store.conn(), s, store.memo)
        if s.page > result["pages"] and result["total"]:
            return error(request, 404, f"page {s.page} is past the last page ({result['pages']})")
        params = {"q": s.q, "kind": s.kind, "speaker": s.speaker, "year": s.year, "outlet": s.outlet,
                  "sort": s.sort if s.sort != "relevance" else None,
                  "per_page": s.per_page if s.per_page != 20 else None}
        speaker_name = next((f["label"] for f in result["facets"]["speaker"] if f["value"] == s.speaker), None)
        if s.speaker is not None and speaker_name is None:
            row = store.conn().execute("SELECT name FROM people WHERE id = ?", (s.speaker,)).fetchone()
            speaker_name = row[0] if row else f"#{s.speaker}"
        return page(request, "search.html", s=s, result=result, params=params, speaker_name=speaker_name)

    @app.get("/api/search", tags=["search"], summary="Full-text search over quotes or articles, with facets")
    def api_search(s: search.Search = Depends(search_params)):
        result = search.search(store.conn(), s, store.memo)
        if s.page > result["pages"] and result["total"]:
            raise HTTPException(404, f"page {s.page} is past the last page ({result['pages']})")
        result["query"] = {"q": s.q, "kind": s.kind, "speaker": s.speaker, "year": s.year, "outlet": s.outlet}
        result["markers"] = {"open": queries.MARK_OPEN, "close": queries.MARK_CLOSE}
        return result

    # -- articles -------------------------------------------------------------------------------
    @app.get("/articles/{article_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: str = PathParam(..., min_length=1, max_length=500)):
        art = get_article(article_id)
        html, colours = render.article_html(art)
        legend, seen = [], set()
        for q in art["quotes"]:
            for sp in q["speakers"]:
                key = render._speaker_key(sp)
                if key not in seen:
                    seen.add(key)
                    legend.append({**sp, "colour": colours[key],
                                   "quotes": sum(1 for q2 in art["quotes"]
                                                 if any(render._speaker_key(x) == key for x in q2["speakers"]))})
        return page(request, "article.html", art=art, html=html, legend=legend,
                    unattributed=sum(1 for q in art["quotes"] if not q["speakers"]))

    @app.get("/api/articles/{article_id:path}", tags=["articles"],
             summary="An article with its quotes, speakers, mentions, time expressions and events")
    def api_article(article_id: str = PathParam(..., min_length=1, max_length=500)):
        return get_article(article_id)

    # -- people ---------------------------------------------------------------------------------
    def people_data(name: str | None, limit: int) -> dict:
        conn = store.conn()
        if name:
            found = store_queries.find_people(conn, name)[:limit]
            return {"name": name, "people": found}
        return {"name": None, "people": store_queries.top_people(conn, limit)}

    @app.get("/people", response_class=HTMLResponse, include_in_schema=False)
    def people_page(request: Request, name: str | None = Query(None, max_length=200),
                    limit: int = Query(50, ge=1, le=500)):
        return page(request, "people.html", **people_data((name or "").strip() or None, limit))

    @app.get("/api/people", tags=["people"],
             summary="People whose name holds the words given (or the most quoted, without a name)")
    def api_people(name: str | None = Query(None, max_length=200), limit: int = Query(50, ge=1, le=500)):
        return people_data((name or "").strip() or None, limit)

    def person_data(person_id: int, page_no: int, per_page: int) -> dict:
        conn = store.conn()
        prof = get_person(person_id)
        quotes = queries.person_quotes(conn, person_id, page_no, per_page)
        if page_no > quotes["pages"]:
            raise HTTPException(404, f"page {page_no} is past the last page ({quotes['pages']})")
        speakers = queries.quote_speakers(conn, [(h["article_id"], h["quote_id"]) for h in quotes["hits"]])
        for h in quotes["hits"]:
            h["speakers"] = speakers.get((h["article_id"], h["quote_id"]), [])
        events, events_total = queries.person_events(conn, person_id, 100)
        return {"person": prof, "quotes": quotes, "quotes_per_month": queries.quotes_per_month(conn, person_id),
                "events": events, "events_total": events_total}

    @app.get("/people/{person_id}", response_class=HTMLResponse, include_in_schema=False)
    def person_page(request: Request, person_id: int = PathParam(..., ge=1, le=MAX_ID), page_no: int = Query(1, ge=1, le=10_000, alias="page"),
                    per_page: int = Query(20, ge=1, le=100)):
        data = person_data(person_id, page_no, per_page)
        return page(request, "person.html", chart=render.month_chart(data["quotes_per_month"]), **data)

    @app.get("/api/people/{person_id}", tags=["people"],
             summary="A person's profile, one page of quotes, quotes per month and dated events")
    def api_person(person_id: int = PathParam(..., ge=1, le=MAX_ID), page_no: int = Query(1, ge=1, le=10_000, alias="page"),
                   per_page: int = Query(20, ge=1, le=100)):
        return person_data(person_id, page_no, per_page)

    def timeline_data(person_id: int, kind: str, page_no: int, per_page: int) -> dict:
        prof = store_queries.profile(store.conn(), person_id, quotes_limit=0)
        if not prof:
            raise HTTPException(404, f"no person with id {person_id}")
        entries = store_queries.timeline(store.conn(), [person_id])
        if kind != "all":
            entries = [e for e in entries if e["kind"] == kind]
        pages = max(1, -(-len(entries) // per_page))
        if page_no > pages:
            raise HTTPException(404, f"page {page_no} is past the last page ({pages})")
        return {"person": {"id": prof["id"], "name": prof["name"]}, "kind": kind, "total": len(entries),
                "page": page_no, "per_page": per_page, "pages": pages,
                "entries": entries[(page_no - 1) * per_page: page_no * per_page]}

    @app.get("/people/{person_id}/timeline", response_class=HTMLResponse, include_in_schema=False)
    def timeline_page(request: Request, person_id: int = PathParam(..., ge=1, le=MAX_ID),
                      kind: Literal["all", "event", "quote"] = Query("all"),
                      page_no: int = Query(1, ge=1, le=10_000, alias="page"), per_page: int = Query(50, ge=1, le=200)):
        return page(request, "timeline.html", **timeline_data(person_id, kind, page_no, per_page))

    @app.get("/api/people/{person_id}/timeline", tags=["people"],
             summary="A person's dated events and quotes in date order, each with its article and offsets")
    def api_timeline(person_id: int = PathParam(..., ge=1, le=MAX_ID), kind: Literal["all", "event", "quote"] = Query("all"),
                     page_no: int = Query(1, ge=1, le=10_000, alias="page"), per_page: int = Query(50, ge=1, le=200)):
        return timeline_data(person_id, kind, page_no, per_page)

    @app.get("/timeline", include_in_schema=False)
    def timeline_by_name(request: Request, name: str = Query(..., min_length=1, max_length=200)):
        found = store_queries.find_people(store.conn(), name)
        if len(found) == 1:
            return RedirectResponse(f"/people/{found[0]['id']}/timeline", status_code=303)
        return page(request, "people.html", name=name, people=found[:50], timeline=True)

    # -- docs -----------------------------------------------------------------------------------
    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs(request: Request):
        spec = app.openapi()
        endpoints = []
        for route, methods in spec["paths"].items():
            for method, op in methods.items():
                endpoints.append({"method": method.upper(), "path": route, "summary": op.get("summary", ""),
                                  "params": [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                                              "schema": _schema_text(p.get("schema", {})),
                                              "description": p.get("description", "")}
                                             for p in op.get("parameters", [])]})
        return page(request, "docs.html", endpoints=endpoints)

    app.state.store = store
    return app


ENV_DB = "DATELINE_WEB_DB"


def app_from_env() -> FastAPI:
    """The app over ``$DATELINE_WEB_DB``: the factory uvicorn's worker processes call."""
    return create_app(os.environ[ENV_DB])


def _schema_text(schema: dict) -> str:
    """A one-line description of a parameter's type and bounds, from its JSON schema."""
    if "anyOf" in schema:
        return " or ".join(_schema_text(s) for s in schema["anyOf"] if s.get("type") != "null")
    if "enum" in schema:
        return " | ".join(str(v) for v in schema["enum"])
    text = schema.get("type", "")
    bounds = [f"{k} {schema[k]}" for k in ("minimum", "maximum", "minLength", "maxLength") if k in schema]
    if "default" in schema:
        bounds.append(f"default {schema['default']}")
    return text + (f" ({', '.join(bounds)})" if bounds else "")
