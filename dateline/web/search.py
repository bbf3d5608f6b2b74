"""Full-text search over quotes or articles: one page of hits in a chosen order, the total, and
facets by speaker, year and outlet.

Every value reaches SQLite as a parameter. The only SQL assembled here is from fixed fragments of
this module (filter clauses, placeholders counted from a list's length, an ORDER BY chosen from the
whitelist below), never from a request's text. FTS5 marks matched words with
:data:`~dateline.web.queries.MARK_OPEN`/``MARK_CLOSE``; :func:`dateline.web.render.marked` escapes.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from ..store.queries import fts_query
from .cache import Memo, stamp
from .queries import _OUTLET_GROUP, MARK_CLOSE, MARK_OPEN, OUTLET, outlet, quote_speakers

SORTS = ("relevance", "newest", "oldest")
SPEAKER_SCOPE = 500  # article search: the speaker facet counts at most this many best matches
_ORDER = {  # the whitelist: request values pick one of these, nothing else reaches ORDER BY
    ("quotes", "relevance"): "rank, a.published DESC, q.article_id, q.start",
    ("quotes", "newest"): "a.published DESC, q.article_id, q.start",
    ("quotes", "oldest"): "a.published ASC, q.article_id, q.start",
    ("articles", "relevance"): "rank, a.published DESC, a.id",
    ("articles", "newest"): "a.published DESC, a.id",
    ("articles", "oldest"): "a.published ASC, a.id",
}


@dataclass(frozen=True)
class Search:
    """A search request, already validated by the web layer."""
    q: str = ""
    kind: str = "quotes"  # quotes | articles
    speaker: int | None = None
    year: int | None = None
    outlet: str | None = None
    sort: str = "relevance"
    page: int = 1
    per_page: int = 20

    @property
    def match(self) -> str:
        return fts_query(self.q)


def _filters(s: Search, exclude: tuple[str, ...] = (), lean: bool = False) -> tuple[str, list[str], list]:
    """FROM clause, WHERE parts and arguments for a search; ``exclude`` leaves facets' filters out.
    ``lean``: leave the articles table out of a quote search when no filter needs it."""
    where, args = [], []
    if s.kind == "quotes":
        needs_article = not lean or (s.year is not None and "year" not in exclude) or (
            s.outlet is not None and "outlet" not in exclude)
        join = " JOIN articles a ON a.id = q.article_id" if needs_article else ""
        if s.match:
            frm = "quotes_fts JOIN quotes q ON q.pk = quotes_fts.rowid" + join
            where.append("quotes_fts MATCH ?")
            args.append(s.match)
        else:
            frm = "quotes q" + join
        speaker_sql = """EXISTS (SELECT 1 FROM quote_speakers s WHERE s.article_id = q.article_id
                         AND s.quote_id = q.local_id AND s.person_id = ?)"""
    else:
        if s.match:
            frm = "articles_fts JOIN articles a ON a.pk = articles_fts.rowid"
            where.append("articles_fts MATCH ? AND articles_fts.rank MATCH 'bm25(5.0, 1.0)'")  # titles weigh 5x
            args.append(s.match)
        else:
            frm = "articles a"
        speaker_sql = "EXISTS (SELECT 1 FROM quote_speakers s WHERE s.article_id = a.id AND s.person_id = ?)"
    if s.speaker is not None and "speaker" not in exclude:
        where.append(speaker_sql)
        args.append(s.speaker)
    if s.year is not None and "year" not in exclude:
        where.append("a.published >= ? AND a.published < ?")
        args += [f"{s.year:04d}", f"{s.year + 1:04d}"]
    if s.outlet is not None and "outlet" not in exclude:
        where.append(f"{OUTLET} = ?")
        args.append(s.outlet)
    return frm, where, args


def _where(parts: list[str]) -> str:
    # sql-ok: parts are fragments with ? placeholders built from constants (see _filters); callers are checked
    return ("WHERE " + " AND ".join(parts)) if parts else ""


def _sort(s: Search) -> str:
    return s.sort if s.match or s.sort != "relevance" else "newest"  # no relevance without words


def search(conn: sqlite3.Connection, s: Search, memo: Memo | None = None) -> dict:
    """One page of hits, the total, and facets (each counted with the other filters applied).

    With ``memo`` the total and the facets, which do not depend on the page or the order, are
    remembered until the database changes: paging through hits costs only the page's rows.
    """
    frm, where, args = _filters(s)
    sort = _sort(s)
    order = _ORDER[(s.kind, sort)]

    def totals() -> tuple[int, dict]:
        counted = facets(conn, s)
        return counted.pop("total"), counted

    if memo is None:
        total, facet_counts = totals()
    else:
        memo_key = ("search", stamp(conn), s.kind, s.match, s.speaker, s.year, s.outlet)
        total, facet_counts = memo.get(memo_key, totals)
    offset = (s.page - 1) * s.per_page
    # two steps: the page's rows in order (cheap columns only), then highlights and counts for
    # those rows alone — SQLite would otherwise compute them for every match before sorting
    key = "q.pk" if s.kind == "quotes" else "a.pk"
    fts = "quotes_fts" if s.kind == "quotes" else "articles_fts"
    rank = f"{fts}.rank" if s.match else "0"
    if s.match and sort == "relevance" and s.speaker is None and s.year is None and s.outlet is None:
        pks = [r[0] for r in conn.execute(  # the full-text index alone orders the hits
            f"""SELECT rowid, rank FROM {fts} WHERE {fts} MATCH ?
                {"AND rank MATCH 'bm25(5.0, 1.0)'" if s.kind == "articles" else ""}
                ORDER BY rank, rowid LIMIT ? OFFSET ?""", [s.match, s.per_page, offset])]
    else:
        pks = [r[0] for r in conn.execute(
            f"SELECT {key}, {rank} AS rank FROM {frm} {_where(where)} ORDER BY {order} LIMIT ? OFFSET ?",
            args + [s.per_page, offset])]
    where = where + [f"{key} IN ({','.join('?' * len(pks))})"]
    args = args + pks
    if not pks:
        hits = []
    elif s.kind == "quotes":
        marked = f"highlight(quotes_fts, 0, '{MARK_OPEN}', '{MARK_CLOSE}')" if s.match else "q.text"
        rows = conn.execute(
            f"""SELECT q.pk, q.article_id, q.local_id AS quote_id, q.text, {marked} AS marked, q.kind,
                       q.start, q."end", q.said_on, q.cue_text AS cue, q.nested_in, a.published, a.title,
                       {OUTLET} AS outlet
                FROM {frm} {_where(where)}""", args).fetchall()
        by_pk = {r["pk"]: dict(r) for r in rows}
        hits = [by_pk[pk] for pk in pks]
        speakers = quote_speakers(conn, [(h["article_id"], h["quote_id"]) for h in hits])
        for h in hits:
            h["speakers"] = speakers.get((h["article_id"], h["quote_id"]), [])
    else:
        if s.match:
            marked = f"snippet(articles_fts, 1, '{MARK_OPEN}', '{MARK_CLOSE}', '…', 40)"
            title = f"highlight(articles_fts, 0, '{MARK_OPEN}', '{MARK_CLOSE}')"
        else:
            marked, title = "substr(a.text, 1, 300)", "a.title"
        rows = conn.execute(
            f"""SELECT a.pk, a.id AS article_id, a.published, a.title, {title} AS marked_title, {marked} AS marked,
                       a.url, {OUTLET} AS outlet,
                       (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS quotes
                FROM {frm} {_where(where)}""", args).fetchall()
        by_pk = {r["pk"]: dict(r) for r in rows}
        hits = [by_pk[pk] for pk in pks]
    for h in hits:
        h.pop("pk", None)
    return {"total": total, "page": s.page, "per_page": s.per_page,
            "pages": max(1, -(-total // s.per_page)), "sort": sort, "hits": hits, "facets": facet_counts}


def _grid(conn: sqlite3.Connection, s: Search) -> dict[tuple[int | None, str], int]:
    """Hits per (year, outlet) with the year and outlet filters left out: one pass over the matches
    gives the total and both facets."""
    frm, where, args = _filters(s, exclude=("year", "outlet"))
    grid: dict[tuple[int | None, str], int] = {}
    for y, url, source, n in conn.execute(
            f"""SELECT substr(a.published, 1, 4), a.url, CASE WHEN a.url IS NULL THEN a.source END, count(*)
                FROM {frm} {_where(where)} GROUP BY 1, {_OUTLET_GROUP}""", args):
        key = (int(y) if y and y.isdigit() else None, outlet(url, source))
        grid[key] = grid.get(key, 0) + n
    return grid


def _top(counts: dict, size: int, by_value: bool = False) -> list[dict]:
    items = sorted(counts.items(), key=(lambda kv: (-(kv[0] or 0),)) if by_value else (lambda kv: (-kv[1], kv[0])))
    return [{"value": k, "label": str(k), "count": n} for k, n in items[:size] if k is not None]


def facets(conn: sqlite3.Connection, s: Search, size: int = 12) -> dict:
    """The total, and speakers, years and outlets of the hits with their counts; each facet is
    counted with the other filters applied but not its own, so a chosen value can be swapped."""
    grid = _grid(conn, s)
    years: dict = {}
    outlets: dict = {}
    total = 0
    for (y, o), n in grid.items():
        year_ok, outlet_ok = s.year is None or y == s.year, s.outlet is None or o == s.outlet
        if outlet_ok:
            years[y] = years.get(y, 0) + n
        if year_ok:
            outlets[o] = outlets.get(o, 0) + n
        if year_ok and outlet_ok:
            total += n
    out: dict = {"total": total, "speaker_scope": None}
    frm, where, args = _filters(s, exclude=("speaker",), lean=True)
    if s.kind == "quotes":
        sql = f"""SELECT s.person_id, count(*) AS n FROM {frm}
                  JOIN quote_speakers s ON s.article_id = q.article_id AND s.quote_id = q.local_id
                  {_where(where + ["s.person_id IS NOT NULL"])} GROUP BY s.person_id ORDER BY n DESC LIMIT ?"""
    else:
        # people quoted in the matching articles: exact up to SPEAKER_SCOPE matches, else counted
        # in the SPEAKER_SCOPE first matches in the page's order (the page says so)
        matches = total if s.speaker is None else conn.execute(
            f"SELECT count(*) FROM {frm} {_where(where)}", args).fetchone()[0]
        if matches > SPEAKER_SCOPE:
            rank = "articles_fts.rank" if s.match else "0"
            pks = [r[0] for r in conn.execute(
                f"""SELECT a.pk, {rank} AS rank FROM {frm} {_where(where)}
                    ORDER BY {_ORDER[('articles', _sort(s))]} LIMIT ?""", args + [SPEAKER_SCOPE])]
            where = where + [f"a.pk IN ({','.join('?' * len(pks))})"]
            args = args + pks
            out["speaker_scope"] = SPEAKER_SCOPE
        sql = f"""SELECT s.person_id, count(DISTINCT a.id) AS n FROM {frm} JOIN quote_speakers s ON s.article_id = a.id
                  {_where(where + ["s.person_id IS NOT NULL"])} GROUP BY s.person_id ORDER BY n DESC LIMIT ?"""
    counts = conn.execute(sql, args + [size * 3]).fetchall()  # ties at the cut are then broken by name
    names = dict(conn.execute(f"SELECT id, name FROM people WHERE id IN ({','.join('?' * len(counts))})",
                              [r[0] for r in counts]).fetchall()) if counts else {}
    out["speaker"] = sorted(({"value": pid, "label": names.get(pid, f"#{pid}"), "count": n} for pid, n in counts),
                            key=lambda f: (-f["count"], f["label"]))[:size]
    out["year"] = _top(years, size, by_value=True)
    out["outlet"] = _top(outlets, size)
    return out
