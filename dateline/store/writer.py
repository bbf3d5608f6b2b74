"""The single writer: one connection, articles committed in batches, each article all-or-nothing.

Every article's rows (the article, its people, quotes, timexes, ...) are written inside one
SAVEPOINT within the batch transaction, so a process killed at any moment leaves whole articles
or none. Corpus-level rows (people, organisations, quote links) are merged by keys that depend on
the article alone (see :mod:`.names`), so the result does not depend on batch boundaries.
"""
from __future__ import annotations

import json
import sqlite3
import time

from ..article import Article, BadRecord
from ..model import ArticleResult
from .names import organization_key, person_key, quote_hash, text_hash

ADDED, SAME, CONFLICT = "added", "same", "conflict"


def conflict_reason(article_id: str) -> str:
    return (f"id {article_id!r} is already stored with a different text; the stored article was kept "
            "(use --force to replace it, or give the records distinct ids)")


class Writer:
    """Writes results and bad records; call :meth:`close` (or use as a context manager) to commit."""

    def __init__(self, conn: sqlite3.Connection, *, batch_size: int = 50, batch_seconds: float = 2.0,
                 force: bool = False):
        self.conn = conn
        self.batch_size = batch_size
        self.batch_seconds = batch_seconds
        self.force = force
        self._pending = 0
        self._opened = 0.0
        self._replaced: set[str] = set()  # with --force: ids (re)written in this run

    # -- transactions -------------------------------------------------------------------------
    def _begin(self) -> None:
        if not self.conn.in_transaction:
            self.conn.execute("BEGIN IMMEDIATE")
            self._opened = time.monotonic()

    def _tick(self) -> None:
        self._pending += 1
        if self._pending >= self.batch_size or time.monotonic() - self._opened >= self.batch_seconds:
            self.commit()

    def commit(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")
        self._pending = 0

    def close(self) -> None:
        self.commit()

    def __enter__(self) -> "Writer":
        return self

    def __exit__(self, exc_type, *_):
        if exc_type is None:
            self.commit()
        elif self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    # -- lookups ------------------------------------------------------------------------------
    def status(self, article: Article) -> str | None:
        """None when the id is not stored; SAME or CONFLICT (same id, other text) otherwise."""
        row = self.conn.execute("SELECT text_hash FROM articles WHERE id = ?", (article.id,)).fetchone()
        if row is None:
            return None
        return SAME if row[0] == text_hash(article.text) else CONFLICT

    def wanted(self, article: Article) -> str | None:
        """What to do before parsing: None to parse it, SAME to skip it, CONFLICT to report it."""
        if self.force:
            return SAME if article.id in self._replaced else None
        return self.status(article)

    # -- writing ------------------------------------------------------------------------------
    def add_error(self, bad: BadRecord) -> bool:
        """Keep a bad record aside (once: the same source, line and reason are not stored twice)."""
        self._begin()
        cur = self.conn.execute(
            "INSERT OR IGNORE INTO errors(source, line, reason, excerpt) VALUES (?, ?, ?, ?)",
            (bad.source, bad.line, bad.reason, bad.excerpt or ""))
        self._tick()
        return cur.rowcount > 0

    def add(self, article: Article, result: ArticleResult) -> str:
        """Store one result; returns ADDED, SAME (already stored) or CONFLICT (kept aside)."""
        self._begin()
        known = self.status(article)
        if known is not None and not (self.force and article.id not in self._replaced):
            if known == CONFLICT:
                self.add_error(BadRecord(source=article.source or "<input>", line=article.line,
                                         reason=conflict_reason(article.id), excerpt=article.text[:200]))
            return known
        self.conn.execute("SAVEPOINT article")
        try:
            if known is not None:
                self._delete(article.id)
            self._insert(article, result)
        except BaseException:
            self.conn.execute("ROLLBACK TO article")
            self.conn.execute("RELEASE article")
            raise
        self.conn.execute("RELEASE article")
        if self.force:
            self._replaced.add(article.id)
        self._tick()
        return ADDED

    def _delete(self, article_id: str) -> None:
        firsts = self.conn.execute(
            "SELECT text_hash, speaker_key FROM quote_links WHERE first_article_id = ?", (article_id,)).fetchall()
        self.conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))  # cascades to its rows
        for h, key in firsts:
            self.conn.execute("DELETE FROM quote_links WHERE text_hash = ? AND speaker_key = ?", (h, key))
            kind, _, ident = key.partition(":")
            column = "person_id" if kind == "person" else "organization_id"
            row = self.conn.execute(
                f"""SELECT a.id, a.published FROM quotes q
                    JOIN quote_speakers s ON s.article_id = q.article_id AND s.quote_id = q.local_id
                    JOIN articles a ON a.id = q.article_id
                    WHERE q.text_hash = ? AND s.{column} = ? ORDER BY a.published, a.id LIMIT 1""",
                (h, int(ident))).fetchone()
            if row:
                self._link(h, key, row[0], row[1])

    def _entity(self, table: str, key: str, name: str) -> int:
        # sql-ok: table is "people" or "organizations", chosen by _insert
        row = self.conn.execute(f"SELECT id FROM {table} WHERE key = ?", (key,)).fetchone()
        if row:
            return row[0]
        return self.conn.execute(f"INSERT INTO {table}(key, name) VALUES (?, ?)",  # sql-ok: as above
                                 (key, name)).lastrowid

    def _link(self, h: str, speaker_key: str, article_id: str, published: str) -> None:
        self.conn.execute(
            """INSERT INTO quote_links(text_hash, speaker_key, first_article_id, first_published)
               VALUES (?, ?, ?, ?)
               ON CONFLICT(text_hash, speaker_key) DO UPDATE SET
                 first_article_id = excluded.first_article_id, first_published = excluded.first_published
               WHERE (excluded.first_published, excluded.first_article_id) < (first_published, first_article_id)""",
            (h, speaker_key, article_id, published))

    def _insert(self, article: Article, r: ArticleResult) -> None:
        c = self.conn
        aid = r.id
        c.execute("""INSERT INTO articles(id, published, title, url, text, text_hash, source, line, schema)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                  (aid, r.published, r.title, r.url, r.text, text_hash(article.text), article.source,
                   article.line, r.schema_))
        people: dict[str, int] = {}
        orgs: dict[str, int] = {}
        for p in r.people:
            key = person_key(p.name) or f"article:{aid}:{p.id}"  # no proper name: not merged
            pid = people[p.id] = self._entity("people", key, p.name)
            c.execute("""INSERT INTO article_people(article_id, local_id, person_id, name, aliases, gender, age,
                           born_earliest, born_latest, descriptors) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                      (aid, p.id, pid, p.name, json.dumps(p.aliases, ensure_ascii=False), p.gender, p.age,
                       p.born.earliest if p.born else None, p.born.latest if p.born else None,
                       json.dumps(p.descriptors, ensure_ascii=False)))
            self._mentions(aid, p.id, p.mentions)
        for o in r.organizations:
            oid = orgs[o.id] = self._entity("organizations", organization_key(o.name), o.name)
            c.execute("""INSERT INTO article_organizations(article_id, local_id, organization_id, name, aliases)
                         VALUES (?, ?, ?, ?, ?)""",
                      (aid, o.id, oid, o.name, json.dumps(o.aliases, ensure_ascii=False)))
            self._mentions(aid, o.id, o.mentions)
        c.executemany("""INSERT INTO relations(article_id, subject, relation, object, evidence_start, evidence_end)
                         VALUES (?, ?, ?, ?, ?, ?)""",
                      [(aid, x.subject, x.relation, x.object, x.evidence.start if x.evidence else None,
                        x.evidence.end if x.evidence else None) for x in r.relations])
        for q in r.quotes:
            h = quote_hash(q.text)
            sm, cue = q.speaker_mention, q.cue
            c.execute("""INSERT INTO quotes(article_id, local_id, text, start, "end", kind, speaker_start,
                           speaker_end, speaker_text, cue_start, cue_end, cue_text, nested_in, medium, said_on,
                           text_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                      (aid, q.id, q.text, q.start, q.end, q.kind, sm.start if sm else None, sm.end if sm else None,
                       sm.text if sm else None, cue.start if cue else None, cue.end if cue else None,
                       cue.text if cue else None, q.nested_in, q.medium, q.said_on, h))
            for s in dict.fromkeys(q.speakers):
                pid, oid = people.get(s), orgs.get(s)
                c.execute("""INSERT INTO quote_speakers(article_id, quote_id, speaker, person_id, organization_id)
                             VALUES (?, ?, ?, ?, ?)""", (aid, q.id, s, pid, oid))
                if pid is not None:
                    self._link(h, f"person:{pid}", aid, r.published)
                elif oid is not None:
                    self._link(h, f"organization:{oid}", aid, r.published)
        c.executemany("""INSERT INTO timexes(article_id, local_id, start, "end", text, type, value, mod, anchor)
                         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                      [(aid, t.id, t.start, t.end, t.text, t.type, t.value, t.mod, t.anchor) for t in r.timexes])
        c.executemany("""INSERT INTO events(article_id, local_id, text, start, "end", date, participants, timex)
                         VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                      [(aid, e.id, e.text, e.start, e.end, e.date, json.dumps(e.participants), e.timex)
                       for e in r.events])

    def _mentions(self, aid: str, local_id: str, spans) -> None:
        self.conn.executemany(
            'INSERT OR IGNORE INTO mentions(article_id, local_id, start, "end", text) VALUES (?, ?, ?, ?, ?)',
            [(aid, local_id, m.start, m.end, m.text) for m in spans])

    def prune(self) -> None:
        """Drop corpus people/organisations no article refers to any more (after --force)."""
        self._begin()
        self.conn.execute("DELETE FROM people WHERE id NOT IN (SELECT person_id FROM article_people)")
        self.conn.execute("DELETE FROM organizations WHERE id NOT IN "
                          "(SELECT organization_id FROM article_organizations)")
        self.commit()
