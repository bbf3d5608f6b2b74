"""The store's schema as named migrations, applied in order and recorded in ``migrations``.

Each migration is a name and a list of SQL statements. :func:`migrate` runs the ones not yet
recorded, each in its own transaction together with its record, so running it again (or after a
crash half-way) is safe. Add a new migration at the end; never edit one that has shipped.
"""
from __future__ import annotations

import datetime as _dt
import sqlite3

# PRAGMA application_id: marks a file as a dateline store ("DTLN")
APPLICATION_ID = 0x44544C4E

_INITIAL = [
    """CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        version TEXT NOT NULL,
        model TEXT,
        settings TEXT NOT NULL,          -- JSON: paths, workers, force, date, fields
        started_at TEXT NOT NULL,
        finished_at TEXT,                -- NULL: the run was interrupted
        status TEXT NOT NULL DEFAULT 'running',
        articles_added INTEGER NOT NULL DEFAULT 0,
        articles_skipped INTEGER NOT NULL DEFAULT 0,
        errors INTEGER NOT NULL DEFAULT 0
    )""",
    """CREATE TABLE articles (
        pk INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        published TEXT NOT NULL,
        title TEXT,
        url TEXT,
        text TEXT NOT NULL,
        text_hash TEXT NOT NULL,
        source TEXT,
        line INTEGER,
        schema TEXT NOT NULL
    )""",
    "CREATE INDEX articles_published ON articles(published)",
    # corpus level: one row per person / organisation across articles
    """CREATE TABLE people (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,        -- normalised full name (or bare:<name> for one-word names)
        name TEXT NOT NULL
    )""",
    """CREATE TABLE organizations (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL
    )""",
    # article level: the contract's people / organisations, linked to the corpus rows
    """CREATE TABLE article_people (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        local_id TEXT NOT NULL,
        person_id INTEGER NOT NULL REFERENCES people(id),
        name TEXT NOT NULL,
        aliases TEXT NOT NULL,           -- JSON array
        gender TEXT,
        age INTEGER,
        born_earliest TEXT,
        born_latest TEXT,
        descriptors TEXT NOT NULL,       -- JSON array
        PRIMARY KEY (article_id, local_id)
    )""",
    "CREATE INDEX article_people_person ON article_people(person_id)",
    """CREATE TABLE article_organizations (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        local_id TEXT NOT NULL,
        organization_id INTEGER NOT NULL REFERENCES organizations(id),
        name TEXT NOT NULL,
        aliases TEXT NOT NULL,
        PRIMARY KEY (article_id, local_id)
    )""",
    "CREATE INDEX article_organizations_org ON article_organizations(organization_id)",
    """CREATE TABLE mentions (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        local_id TEXT NOT NULL,          -- p… or o…
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (article_id, local_id, start, "end")
    )""",
    """CREATE TABLE relations (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        subject TEXT NOT NULL,
        relation TEXT NOT NULL,
        object TEXT NOT NULL,
        evidence_start INTEGER,
        evidence_end INTEGER
    )""",
    "CREATE INDEX relations_article ON relations(article_id)",
    """CREATE TABLE quotes (
        pk INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        local_id TEXT NOT NULL,
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        kind TEXT NOT NULL,
        speaker_start INTEGER,
        speaker_end INTEGER,
        speaker_text TEXT,
        cue_start INTEGER,
        cue_end INTEGER,
        cue_text TEXT,
        nested_in TEXT,
        medium TEXT,
        said_on TEXT,
        text_hash TEXT NOT NULL,         -- of the normalised quote text (links repeats)
        UNIQUE (article_id, local_id)
    )""",
    "CREATE INDEX quotes_hash ON quotes(text_hash)",
    """CREATE TABLE quote_speakers (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        quote_id TEXT NOT NULL,
        speaker TEXT NOT NULL,           -- local id p… / o…
        person_id INTEGER REFERENCES people(id),
        organization_id INTEGER REFERENCES organizations(id),
        PRIMARY KEY (article_id, quote_id, speaker)
    )""",
    "CREATE INDEX quote_speakers_person ON quote_speakers(person_id)",
    "CREATE INDEX quote_speakers_org ON quote_speakers(organization_id)",
    # the same words by the same corpus speaker in several articles
    """CREATE TABLE quote_links (
        text_hash TEXT NOT NULL,
        speaker_key TEXT NOT NULL,       -- 'person:<id>' or 'organization:<id>'
        first_article_id TEXT NOT NULL,
        first_published TEXT NOT NULL,
        PRIMARY KEY (text_hash, speaker_key)
    )""",
    """CREATE TABLE timexes (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        local_id TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        type TEXT NOT NULL,
        value TEXT NOT NULL,
        mod TEXT,
        anchor TEXT NOT NULL,
        PRIMARY KEY (article_id, local_id)
    )""",
    """CREATE TABLE events (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        local_id TEXT NOT NULL,
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        date TEXT,
        participants TEXT NOT NULL,      -- JSON array of local ids
        timex TEXT,
        PRIMARY KEY (article_id, local_id)
    )""",
    """CREATE TABLE errors (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        line INTEGER,
        reason TEXT NOT NULL,
        excerpt TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE UNIQUE INDEX errors_unique ON errors(source, coalesce(line, -1), reason)",
    # full-text search (external content: the text lives once, in articles / quotes)
    "CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='pk')",
    "CREATE VIRTUAL TABLE quotes_fts USING fts5(text, content='quotes', content_rowid='pk')",
    """CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.pk, new.title, new.text);
    END""",
    """CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.pk, old.title, old.text);
    END""",
    """CREATE TRIGGER quotes_ai AFTER INSERT ON quotes BEGIN
        INSERT INTO quotes_fts(rowid, text) VALUES (new.pk, new.text);
    END""",
    """CREATE TRIGGER quotes_ad AFTER DELETE ON quotes BEGIN
        INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.pk, old.text);
    END""",
]

MIGRATIONS: list[tuple[str, list[str]]] = [
    ("0001_initial", _INITIAL),
]

# tables a user sees (the export writes one file each); FTS shadow tables are left out
TABLES = ["articles", "people", "organizations", "article_people", "article_organizations", "mentions",
          "relations", "quotes", "quote_speakers", "quote_links", "timexes", "events", "errors", "runs",
          "migrations"]


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def applied(conn: sqlite3.Connection) -> list[str]:
    has = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='migrations'").fetchone()
    if not has:
        return []
    return [r[0] for r in conn.execute("SELECT name FROM migrations ORDER BY name")]


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply the migrations not yet recorded; return their names. Safe to call on every open."""
    conn.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    done = set(applied(conn))
    ran = []
    for name, statements in MIGRATIONS:
        if name in done:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            for sql in statements:
                conn.execute(sql)
            conn.execute("INSERT INTO migrations(name, applied_at) VALUES (?, ?)", (name, _now()))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        ran.append(name)
    return ran
