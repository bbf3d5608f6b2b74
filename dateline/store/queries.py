"""Read queries over a store, shared by the CLI and any other shell. Every value is a parameter.

Each function takes a connection from :func:`dateline.store.open_store` and returns plain dicts.
Names are matched on their normalised form (case, accents, titles ignored): a full name finds that
person, a single word finds every person whose name contains it.
"""
from __future__ import annotations

import datetime as _dt
import json
import re
import sqlite3
from typing import Any

from .names import fold, name_words, organization_key, person_key
from .schema import TABLES


# -- names --------------------------------------------------------------------------------------
def find_people(conn: sqlite3.Connection, name: str) -> list[dict]:
    """People matching ``name``, best first: for a full name that is stored, that person only; else
    every person whose normalised name holds all the words given ("Roe" finds Jane and Sam Roe)."""
    key = person_key(name)
    if key and not key.startswith("bare:"):
        rows = conn.execute("SELECT id, name, key FROM people WHERE key = ?", (key,)).fetchall()
        if rows:
            return _with_counts(conn, [dict(r) for r in rows])
    words = name_words(name) or [fold(name).strip()]
    if not words[0]:
        return []
    pattern = "%" + words[0].replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    cands = conn.execute("SELECT id, name, key FROM people WHERE key LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\'",
                         (pattern, pattern)).fetchall()
    rows = [dict(r) for r in cands
            if set(words) <= set(r["key"].removeprefix("bare:").split()) | set(fold(r["name"]).split())]
    return _with_counts(conn, rows)


def _with_counts(conn, people: list[dict]) -> list[dict]:
    for p in people:
        p["articles"] = conn.execute("SELECT count(*) FROM article_people WHERE person_id = ?", (p["id"],)).fetchone()[0]
        p["quotes"] = conn.execute("SELECT count(*) FROM quote_speakers WHERE person_id = ?", (p["id"],)).fetchone()[0]
    people.sort(key=lambda p: (-p["quotes"], -p["articles"], p["name"]))
    return people


def find_organizations(conn: sqlite3.Connection, name: str) -> list[int]:
    return [r[0] for r in conn.execute("SELECT id FROM organizations WHERE key = ?", (organization_key(name),))]


def _placeholders(values) -> str:
    return ",".join("?" * len(values))


# -- quotes -------------------------------------------------------------------------------------
_QUOTE_COLUMNS = """q.pk, q.article_id, q.local_id AS quote_id, q.text, q.kind, q.start, q."end", q.said_on,
    q.medium, q.cue_text AS cue, q.speaker_text AS speaker_mention, q.nested_in, q.text_hash,
    a.published, a.title, a.url,
    (SELECT group_concat(coalesce(p.name, o.name, s.speaker), '; ') FROM quote_speakers s
       LEFT JOIN people p ON p.id = s.person_id LEFT JOIN organizations o ON o.id = s.organization_id
      WHERE s.article_id = q.article_id AND s.quote_id = q.local_id) AS speakers"""


def fts_query(text: str) -> str:
    """Plain words to an FTS5 query that finds all of them (quotes and operators are neutralised)."""
    words = re.findall(r"[^\W_]+", text)
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def quotes(conn: sqlite3.Connection, *, speaker: str | None = None, about: str | None = None,
           since: _dt.date | str | None = None, until: _dt.date | str | None = None,
           search: str | None = None, limit: int = 50) -> list[dict]:
    """Quotes, newest article first; filters combine (all must hold).

    ``speaker``: said by that person (or organisation); ``about``: the quote's words mention that
    person; ``since``/``until``: the article's publication date, inclusive; ``search``: every word
    of it appears in the quote (full-text search).
    """
    where, args = [], []
    if speaker:
        pids = [p["id"] for p in find_people(conn, speaker)]
        oids = find_organizations(conn, speaker)
        where.append(f"""EXISTS (SELECT 1 FROM quote_speakers s WHERE s.article_id = q.article_id
                         AND s.quote_id = q.local_id AND (s.person_id IN ({_placeholders(pids)})
                         OR s.organization_id IN ({_placeholders(oids)})))""")
        args += pids + oids
    if about:
        pids = [p["id"] for p in find_people(conn, about)]
        where.append(f"""EXISTS (SELECT 1 FROM mentions m JOIN article_people ap
                           ON ap.article_id = m.article_id AND ap.local_id = m.local_id
                         WHERE m.article_id = q.article_id AND ap.person_id IN ({_placeholders(pids)})
                           AND m.start >= q.start AND m."end" <= q."end")""")
        args += pids
    if since:
        where.append("a.published >= ?")
        args.append(str(since))
    if until:
        where.append("a.published <= ?")
        args.append(str(until))
    if search:
        query = fts_query(search)
        if not query:
            return []
        where.append("q.pk IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
        args.append(query)
    sql = f"""SELECT {_QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id
              {'WHERE ' + ' AND '.join(where) if where else ''}
              ORDER BY a.published DESC, q.article_id, q.start LIMIT ?"""
    rows = [dict(r) for r in conn.execute(sql, args + [limit])]
    for r in rows:
        _add_first_seen(conn, r)
    return rows


def _add_first_seen(conn, row: dict) -> None:
    """The first article the same words by the same speaker appeared in, and how many carry them."""
    link = conn.execute(
        """SELECT l.first_article_id, l.first_published, l.speaker_key FROM quote_links l
           JOIN quote_speakers s ON l.speaker_key = CASE WHEN s.person_id IS NOT NULL
                THEN 'person:' || s.person_id ELSE 'organization:' || s.organization_id END
           WHERE l.text_hash = ? AND s.article_id = ? AND s.quote_id = ?
           ORDER BY l.first_published LIMIT 1""",
        (row["text_hash"], row["article_id"], row["quote_id"])).fetchone()
    row["first_article_id"] = link["first_article_id"] if link else row["article_id"]
    row["first_published"] = link["first_published"] if link else row["published"]
    row["articles_with_quote"] = 1
    if link:
        kind, _, ident = link["speaker_key"].partition(":")
        column = "person_id" if kind == "person" else "organization_id"
        row["articles_with_quote"] = conn.execute(
            f"""SELECT count(DISTINCT q.article_id) FROM quotes q JOIN quote_speakers s
                ON s.article_id = q.article_id AND s.quote_id = q.local_id
                WHERE q.text_hash = ? AND s.{column} = ?""", (row["text_hash"], int(ident))).fetchone()[0]


def repeated_quotes(conn: sqlite3.Connection, limit: int = 20) -> list[dict]:
    """Words said by the same speaker that appear in more than one article, most repeated first."""
    rows = conn.execute(
        """SELECT l.text_hash, l.speaker_key, l.first_article_id, l.first_published,
                  count(DISTINCT q.article_id) AS articles, min(q.text) AS text
           FROM quote_links l JOIN quotes q ON q.text_hash = l.text_hash
           JOIN quote_speakers s ON s.article_id = q.article_id AND s.quote_id = q.local_id
            AND l.speaker_key = CASE WHEN s.person_id IS NOT NULL THEN 'person:' || s.person_id
                                     ELSE 'organization:' || s.organization_id END
           GROUP BY l.text_hash, l.speaker_key HAVING articles > 1
           ORDER BY articles DESC, l.first_published LIMIT ?""", (limit,)).fetchall()
    return [dict(r) for r in rows]


# -- people -------------------------------------------------------------------------------------
def top_people(conn: sqlite3.Connection, limit: int = 20) -> list[dict]:
    """The most-quoted people, with how many quotes and articles."""
    rows = conn.execute(
        """SELECT p.id, p.name, count(*) AS quotes, count(DISTINCT s.article_id) AS quoted_in,
                  (SELECT count(*) FROM article_people ap WHERE ap.person_id = p.id) AS articles
           FROM quote_speakers s JOIN people p ON p.id = s.person_id
           GROUP BY p.id ORDER BY quotes DESC, articles DESC, p.name LIMIT ?""", (limit,)).fetchall()
    return [dict(r) for r in rows]


def _counted(rows) -> list[dict]:
    return [{"value": r[0], "articles": r[1]} for r in rows]


def profile(conn: sqlite3.Connection, person_id: int, *, quotes_limit: int = 5) -> dict[str, Any]:
    """Everything the store knows about one corpus person."""
    person = conn.execute("SELECT id, name, key FROM people WHERE id = ?", (person_id,)).fetchone()
    if person is None:
        return {}
    out: dict[str, Any] = dict(person)
    pid = (person_id,)
    out["aliases"] = _counted(conn.execute(
        """SELECT j.value, count(DISTINCT ap.article_id) FROM article_people ap, json_each(ap.aliases) j
           WHERE ap.person_id = ? GROUP BY j.value ORDER BY 2 DESC, 1""", pid))
    out["gender"] = _counted(conn.execute(
        """SELECT gender, count(*) FROM article_people WHERE person_id = ? AND gender IS NOT NULL
           GROUP BY gender ORDER BY 2 DESC""", pid))
    out["descriptors"] = _counted(conn.execute(
        """SELECT j.value, count(DISTINCT ap.article_id) FROM article_people ap, json_each(ap.descriptors) j
           WHERE ap.person_id = ? GROUP BY j.value ORDER BY 2 DESC, 1""", pid))
    out["ages"] = [dict(r) for r in conn.execute(
        """SELECT ap.age, ap.born_earliest, ap.born_latest, a.published, a.id AS article_id
           FROM article_people ap JOIN articles a ON a.id = ap.article_id
           WHERE ap.person_id = ? AND ap.age IS NOT NULL ORDER BY a.published""", pid)]
    out["relations"] = [dict(r) for r in conn.execute(
        """SELECT r.relation, 'subject' AS role,
                  coalesce(po.name, oo.name, r.object) AS other, r.article_id, r.evidence_start, r.evidence_end
           FROM relations r JOIN article_people me ON me.article_id = r.article_id AND me.local_id = r.subject
           LEFT JOIN article_people po ON po.article_id = r.article_id AND po.local_id = r.object
           LEFT JOIN article_organizations oo ON oo.article_id = r.article_id AND oo.local_id = r.object
           WHERE me.person_id = ?
           UNION ALL
           SELECT r.relation, 'object', coalesce(ps.name, os.name, r.subject), r.article_id,
                  r.evidence_start, r.evidence_end
           FROM relations r JOIN article_people me ON me.article_id = r.article_id AND me.local_id = r.object
           LEFT JOIN article_people ps ON ps.article_id = r.article_id AND ps.local_id = r.subject
           LEFT JOIN article_organizations os ON os.article_id = r.article_id AND os.local_id = r.subject
           WHERE me.person_id = ? ORDER BY 4, 1""", (person_id, person_id))]
    out["articles"] = conn.execute("SELECT count(*) FROM article_people WHERE person_id = ?", pid).fetchone()[0]
    out["mentions"] = conn.execute(
        """SELECT count(*) FROM mentions m JOIN article_people ap
           ON ap.article_id = m.article_id AND ap.local_id = m.local_id WHERE ap.person_id = ?""", pid).fetchone()[0]
    out["quotes"] = conn.execute("SELECT count(*) FROM quote_speakers WHERE person_id = ?", pid).fetchone()[0]
    out["first_seen"], out["last_seen"] = conn.execute(
        """SELECT min(a.published), max(a.published) FROM article_people ap JOIN articles a ON a.id = ap.article_id
           WHERE ap.person_id = ?""", pid).fetchone()
    out["recent_quotes"] = [dict(r) for r in conn.execute(
        f"""SELECT {_QUOTE_COLUMNS} FROM quote_speakers s2 JOIN quotes q
              ON q.article_id = s2.article_id AND q.local_id = s2.quote_id
            JOIN articles a ON a.id = q.article_id WHERE s2.person_id = ?
            ORDER BY a.published DESC, q.article_id, q.start LIMIT ?""", (person_id, quotes_limit))]
    return out


# -- timeline -----------------------------------------------------------------------------------
def _day(value: str | None) -> str | None:
    return value[:10] if value and re.match(r"^\d{4}-\d{2}-\d{2}", value) else None


def timeline(conn: sqlite3.Connection, person_ids: list[int]) -> list[dict]:
    """Dated events the people took part in and quotes they gave, in date order, with sources.

    An entry's ``date`` is the event's date or the day the words were said when the article
    states it (``said_on``), else the article's publication date (``dated_by`` says which).
    """
    if not person_ids:
        return []
    ph = _placeholders(person_ids)
    entries: list[dict] = []
    for r in conn.execute(
            f"""SELECT DISTINCT e.article_id, e.local_id, e.text, e.start, e."end", e.date, a.published, a.title, a.url,
                       ap.name AS person
                FROM events e JOIN json_each(e.participants) j
                JOIN article_people ap ON ap.article_id = e.article_id AND ap.local_id = j.value
                JOIN articles a ON a.id = e.article_id
                WHERE ap.person_id IN ({ph})""", person_ids):
        day = _day(r["date"])
        entries.append({"date": day or r["published"], "dated_by": "event" if day else "published",
                        "kind": "event", "text": r["text"], "when": r["date"], "person": r["person"],
                        "article_id": r["article_id"], "item": r["local_id"], "start": r["start"],
                        "end": r["end"], "title": r["title"], "url": r["url"]})
    for r in conn.execute(
            f"""SELECT DISTINCT q.article_id, q.local_id, q.text, q.start, q."end", q.said_on, a.published,
                       a.title, a.url, ap.name AS person
                FROM quote_speakers s JOIN quotes q ON q.article_id = s.article_id AND q.local_id = s.quote_id
                JOIN article_people ap ON ap.article_id = s.article_id AND ap.local_id = s.speaker
                JOIN articles a ON a.id = q.article_id
                WHERE s.person_id IN ({ph})""", person_ids):
        day = _day(r["said_on"])
        entries.append({"date": day or r["published"], "dated_by": "said_on" if day else "published",
                        "kind": "quote", "text": r["text"], "when": r["said_on"], "person": r["person"],
                        "article_id": r["article_id"], "item": r["local_id"], "start": r["start"],
                        "end": r["end"], "title": r["title"], "url": r["url"]})
    entries.sort(key=lambda e: (e["date"], e["article_id"], e["start"]))
    return entries


# -- the whole store ----------------------------------------------------------------------------
def stats(conn: sqlite3.Connection) -> dict[str, Any]:
    """Row counts per table, the date range, repeated quotes, errors and the last runs."""
    out: dict[str, Any] = {"tables": {}}
    for table in TABLES:
        out["tables"][table] = conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]  # names are ours
    out["first_published"], out["last_published"] = conn.execute(
        "SELECT min(published), max(published) FROM articles").fetchone()
    out["quoted_people"] = conn.execute(
        "SELECT count(DISTINCT person_id) FROM quote_speakers WHERE person_id IS NOT NULL").fetchone()[0]
    out["quotes_without_speaker"] = conn.execute(
        """SELECT count(*) FROM quotes q WHERE NOT EXISTS (SELECT 1 FROM quote_speakers s
           WHERE s.article_id = q.article_id AND s.quote_id = q.local_id)""").fetchone()[0]
    out["repeated_quotes"] = len(repeated_quotes(conn, limit=1_000_000))
    out["errors_by_source"] = [dict(r) for r in conn.execute(
        "SELECT source, count(*) AS errors FROM errors GROUP BY source ORDER BY 2 DESC, 1 LIMIT 10")]
    out["runs"] = [dict(r) for r in conn.execute(
        """SELECT id, version, model, started_at, finished_at, status, articles_added, articles_skipped, errors
           FROM runs ORDER BY id DESC LIMIT 5""")]
    for run in out["runs"]:
        run["settings"] = json.loads(conn.execute("SELECT settings FROM runs WHERE id = ?", (run["id"],)).fetchone()[0])
    return out
