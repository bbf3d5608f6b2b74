"""Read queries the web pages need beyond :mod:`dateline.store.queries`: one article with
everything anchored in it, a person's quotes by page and by month, their dated events, the corpus's
numbers. Full-text search lives in :mod:`.search`.

Every value reaches SQLite as a parameter; the only SQL assembled here is from fixed fragments.
"""
from __future__ import annotations

import sqlite3

# markers FTS5 puts around matched words; escaped text never holds them (see render.marked)
MARK_OPEN, MARK_CLOSE = "\x02", "\x03"


def _outlet_sql(url: str, source: str) -> str:
    """SQL for where an article comes from: the host of its URL (lower case, ``www.`` dropped), else
    the file name of its input. Plain SQL, no Python function: facets count it over every match."""
    rest = f"substr(lower({url}), instr({url}, '://') + 3)"
    host = f"(CASE WHEN instr({rest}, '/') > 0 THEN substr({rest}, 1, instr({rest}, '/') - 1) ELSE {rest} END)"
    base = f"replace({source}, rtrim({source}, replace({source}, '/', '')), '')"
    return (f"(CASE WHEN {url} LIKE 'http%://%' THEN (CASE WHEN {host} LIKE 'www.%' THEN substr({host}, 5) "
            f"ELSE {host} END) ELSE coalesce({base}, 'unknown') END)")


OUTLET = _outlet_sql("a.url", "a.source")
# what the outlet facet groups on: scheme and host of the URL (or the input file); cheap to compute
# over thousands of matches, turned into outlets by :func:`outlet` on the few groups
_OUTLET_GROUP = ("CASE WHEN a.url IS NULL THEN a.source "
                 "ELSE substr(a.url, 1, 8 + instr(substr(a.url, 9) || '/', '/')) END")


def outlet(url: str | None, source: str | None) -> str:
    """The same as the SQL of :data:`OUTLET`, in Python."""
    if url and url.lower().startswith("http") and "://" in url[4:]:
        host = url.split("://", 1)[1].lower().split("/", 1)[0]
        return host[4:] if host.startswith("www.") else host
    return source.rsplit("/", 1)[-1] if source else "unknown"


def quote_speakers(conn: sqlite3.Connection, keys: list[tuple[str, str]]) -> dict[tuple[str, str], list[dict]]:
    """Speakers of the quotes given as (article_id, quote_id): corpus person/organisation ids and names."""
    out: dict[tuple[str, str], list[dict]] = {}
    if not keys:
        return out
    values = ",".join("(?, ?)" for _ in keys)
    rows = conn.execute(
        f"""WITH wanted(article_id, quote_id) AS (VALUES {values})
            SELECT s.article_id, s.quote_id, s.speaker, s.person_id, s.organization_id,
                   coalesce(p.name, o.name, ap.name, s.speaker) AS name
            FROM wanted w CROSS JOIN quote_speakers s ON s.article_id = w.article_id AND s.quote_id = w.quote_id
            LEFT JOIN people p ON p.id = s.person_id
            LEFT JOIN organizations o ON o.id = s.organization_id
            LEFT JOIN article_people ap ON ap.article_id = s.article_id AND ap.local_id = s.speaker
            ORDER BY s.speaker""",
        [v for k in keys for v in k]).fetchall()
    for r in rows:
        out.setdefault((r["article_id"], r["quote_id"]), []).append(
            {"local_id": r["speaker"], "person_id": r["person_id"], "organization_id": r["organization_id"],
             "name": r["name"]})
    return out


# -- the corpus ---------------------------------------------------------------------------------
def corpus_numbers(conn: sqlite3.Connection) -> dict:
    one = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731 - fixed SQL only
    first, last = conn.execute("SELECT min(published), max(published) FROM articles").fetchone()
    return {"articles": one("SELECT count(*) FROM articles"), "quotes": one("SELECT count(*) FROM quotes"),
            "people": one("SELECT count(*) FROM people"),
            "organizations": one("SELECT count(*) FROM organizations"),
            "quoted_people": one("SELECT count(DISTINCT person_id) FROM quote_speakers WHERE person_id IS NOT NULL"),
            "time_expressions": one("SELECT count(*) FROM timexes"), "events": one("SELECT count(*) FROM events"),
            "first_published": first, "last_published": last}


def recent_articles(conn: sqlite3.Connection, limit: int = 8) -> list[dict]:
    return [dict(r) for r in conn.execute(
        f"""SELECT a.id AS article_id, a.published, a.title, {OUTLET} AS outlet
           FROM articles a ORDER BY a.published DESC, a.id LIMIT ?""", (limit,))]


# -- one article --------------------------------------------------------------------------------
def article(conn: sqlite3.Connection, article_id: str) -> dict | None:
    """The article with its quotes (and speakers), mentions, time expressions, people and events."""
    row = conn.execute(f"""SELECT a.id AS article_id, a.published, a.title, a.url, a.text, a.source, a.line,
                                  {OUTLET} AS outlet FROM articles a WHERE a.id = ?""",
                       (article_id,)).fetchone()
    if row is None:
        return None
    out = dict(row)
    aid = (article_id,)
    out["people"] = [dict(r) for r in conn.execute(
        """SELECT ap.local_id, ap.person_id, ap.name, ap.gender, ap.age, ap.descriptors,
                  (SELECT count(*) FROM quote_speakers s WHERE s.article_id = ap.article_id
                     AND s.speaker = ap.local_id) AS quotes
           FROM article_people ap WHERE ap.article_id = ? ORDER BY ap.local_id""", aid)]
    out["organizations"] = [dict(r) for r in conn.execute(
        """SELECT local_id, organization_id, name FROM article_organizations WHERE article_id = ?
           ORDER BY local_id""", aid)]
    out["quotes"] = [dict(r) for r in conn.execute(
        """SELECT local_id AS quote_id, text, start, "end", kind, speaker_start, speaker_end, speaker_text,
                  cue_start, cue_end, cue_text, nested_in, medium, said_on
           FROM quotes WHERE article_id = ? ORDER BY start, "end" DESC""", aid)]
    speakers = quote_speakers(conn, [(article_id, q["quote_id"]) for q in out["quotes"]])
    for q in out["quotes"]:
        q["speakers"] = speakers.get((article_id, q["quote_id"]), [])
    out["mentions"] = [dict(r) for r in conn.execute(
        """SELECT m.local_id, m.start, m."end", m.text, ap.person_id, ao.organization_id
           FROM mentions m LEFT JOIN article_people ap ON ap.article_id = m.article_id AND ap.local_id = m.local_id
           LEFT JOIN article_organizations ao ON ao.article_id = m.article_id AND ao.local_id = m.local_id
           WHERE m.article_id = ? ORDER BY m.start""", aid)]
    out["timexes"] = [dict(r) for r in conn.execute(
        """SELECT local_id, start, "end", text, type, value, mod, anchor FROM timexes WHERE article_id = ?
           ORDER BY start""", aid)]
    out["events"] = [dict(r) for r in conn.execute(
        """SELECT local_id, text, start, "end", date, participants, timex FROM events WHERE article_id = ?
           ORDER BY start""", aid)]
    return out


# -- one person ---------------------------------------------------------------------------------
def person_relations(conn: sqlite3.Connection, person_id: int) -> list[dict]:
    """Relations stated about the person, each with the other side's corpus id when it is a person."""
    return [dict(r) for r in conn.execute(
        """SELECT r.relation, 'subject' AS role, coalesce(po.name, oo.name, r.object) AS other,
                  po.person_id AS other_id, r.article_id, a.published, r.evidence_start, r.evidence_end,
                  substr(a.text, r.evidence_start + 1, r.evidence_end - r.evidence_start) AS evidence
           FROM relations r JOIN article_people me ON me.article_id = r.article_id AND me.local_id = r.subject
           JOIN articles a ON a.id = r.article_id
           LEFT JOIN article_people po ON po.article_id = r.article_id AND po.local_id = r.object
           LEFT JOIN article_organizations oo ON oo.article_id = r.article_id AND oo.local_id = r.object
           WHERE me.person_id = ?
           UNION ALL
           SELECT r.relation, 'object', coalesce(ps.name, os.name, r.subject), ps.person_id, r.article_id,
                  a.published, r.evidence_start, r.evidence_end,
                  substr(a.text, r.evidence_start + 1, r.evidence_end - r.evidence_start)
           FROM relations r JOIN article_people me ON me.article_id = r.article_id AND me.local_id = r.object
           JOIN articles a ON a.id = r.article_id
           LEFT JOIN article_people ps ON ps.article_id = r.article_id AND ps.local_id = r.subject
           LEFT JOIN article_organizations os ON os.article_id = r.article_id AND os.local_id = r.subject
           WHERE me.person_id = ? ORDER BY 6, 5, 1 LIMIT 200""", (person_id, person_id))]


def person_quotes(conn: sqlite3.Connection, person_id: int, page: int = 1, per_page: int = 20) -> dict:
    """The person's quotes, newest article first, one page of them."""
    total = conn.execute("SELECT count(*) FROM quote_speakers WHERE person_id = ?", (person_id,)).fetchone()[0]
    rows = conn.execute(
        f"""SELECT q.article_id, q.local_id AS quote_id, q.text, q.kind, q.start, q."end", q.said_on,
                  q.cue_text AS cue, q.nested_in, a.published, a.title, {OUTLET} AS outlet
           FROM quote_speakers s JOIN quotes q ON q.article_id = s.article_id AND q.local_id = s.quote_id
           JOIN articles a ON a.id = q.article_id WHERE s.person_id = ?
           ORDER BY a.published DESC, q.article_id, q.start LIMIT ? OFFSET ?""",
        (person_id, per_page, (page - 1) * per_page)).fetchall()
    return {"total": total, "page": page, "per_page": per_page, "pages": max(1, -(-total // per_page)),
            "hits": [dict(r) for r in rows]}


def quotes_per_month(conn: sqlite3.Connection, person_id: int) -> list[dict]:
    """Quotes per month of the article's publication date, every month between the first and the
    last included (zeros too), so a chart's x axis is time."""
    rows = conn.execute(
        """SELECT substr(a.published, 1, 7) AS month, count(*) AS quotes
           FROM quote_speakers s JOIN articles a ON a.id = s.article_id
           WHERE s.person_id = ? GROUP BY month ORDER BY month""", (person_id,)).fetchall()
    counts = {r["month"]: r["quotes"] for r in rows if len(r["month"]) == 7}
    if not counts:
        return []
    y, m = map(int, min(counts).split("-"))
    last = max(counts)
    out = []
    while True:
        key = f"{y:04d}-{m:02d}"
        out.append({"month": key, "quotes": counts.get(key, 0)})
        if key >= last or len(out) > 1200:
            return out
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


def person_events(conn: sqlite3.Connection, person_id: int, limit: int = 100) -> tuple[list[dict], int]:
    """The dated events the person took part in (date order, first ``limit``) and how many there are."""
    base = """FROM events e JOIN json_each(e.participants) j
              JOIN article_people ap ON ap.article_id = e.article_id AND ap.local_id = j.value
              JOIN articles a ON a.id = e.article_id
              WHERE ap.person_id = ? AND e.date IS NOT NULL"""
    total = conn.execute(f"SELECT count(DISTINCT e.article_id || ' ' || e.local_id) {base}",
                         (person_id,)).fetchone()[0]
    rows = conn.execute(
        f"""SELECT DISTINCT e.article_id, e.local_id AS item, e.text, e.start, e."end", e.date, a.published, a.title
            {base} ORDER BY e.date, e.article_id, e.start LIMIT ?""", (person_id, limit)).fetchall()
    return [dict(r) for r in rows], total
