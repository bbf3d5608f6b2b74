"""An :class:`ArticleResult` as rows per store table, without a database (what Spark writes).

The columns are the store's own (read from its schema, see :func:`store_columns`), so the Parquet
tables the Spark job writes have the columns ``dateline export --parquet`` writes. Corpus ids
(``people.id``, ``article_people.person_id``, ``quotes.pk``, ...) need the whole corpus; here each
row carries the merge *key* instead (``person_key``, ``organization_key``), and the job turns keys
into ids after every article is read. This mirrors ``dateline.store.writer.Writer._insert``.
"""
from __future__ import annotations

import functools
import json
import sqlite3

from ..article import Article, BadRecord
from ..model import ArticleResult
from ..store.names import organization_key, person_key, quote_hash, text_hash
from ..store.schema import TABLES, migrate


@functools.lru_cache(maxsize=1)
def store_columns() -> dict[str, list[tuple[str, str]]]:
    """``{table: [(column, "long"|"string"), ...]}`` as the store declares them (export's typing)."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrate(conn)
        out = {}
        for table in TABLES:
            cols = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
            out[table] = [(c[1], "long" if "INT" in (c[2] or "").upper() else "string") for c in cols]
        return out
    finally:
        conn.close()


# columns a per-article row has beyond (or instead of) the store's: merge keys, the order within
# the article (for "first name seen"), the publication date (for first-seen links)
_CORPUS_IDS = {"articles": ["pk"], "article_people": ["person_id"],
               "article_organizations": ["organization_id"], "quotes": ["pk"],
               "quote_speakers": ["person_id", "organization_id"], "errors": ["id"]}
_EXTRAS = {
    "article_people": [("person_key", "string"), ("ord", "long"), ("published", "string")],
    "article_organizations": [("organization_key", "string"), ("ord", "long"), ("published", "string")],
    "quotes": [("ord", "long")],
    "quote_speakers": [("person_key", "string"), ("organization_key", "string"), ("published", "string"),
                       ("text_hash", "string")],
}
# tables filled per article, in the order of :func:`article_rows`'s tuple
ARTICLE_TABLES = ["articles", "article_people", "article_organizations", "mentions", "relations", "quotes",
                  "quote_speakers", "timexes", "events", "errors"]


@functools.lru_cache(maxsize=1)
def staged_columns() -> dict[str, list[tuple[str, str]]]:
    """The columns of each per-article table as :func:`article_rows` fills them."""
    cols = store_columns()
    return {t: [c for c in cols[t] if c[0] not in _CORPUS_IDS.get(t, [])] + _EXTRAS.get(t, [])
            for t in ARTICLE_TABLES}


def _j(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def error_rows(bad: BadRecord) -> dict[str, list[tuple]]:
    return {"errors": [(bad.source, bad.line, bad.reason, bad.excerpt or "")]}


def article_rows(article: Article, r: ArticleResult) -> dict[str, list[tuple]]:
    """Rows per table (tuples in :func:`staged_columns` order) for one article's result."""
    aid, pub = r.id, r.published
    out: dict[str, list[tuple]] = {t: [] for t in ARTICLE_TABLES}
    out["articles"].append((aid, pub, r.title, r.url, r.text, text_hash(article.text), article.source,
                            article.line, r.schema_))
    keys: dict[str, tuple[str | None, str | None]] = {}  # local id -> (person key, organisation key)
    mentions: dict[tuple, tuple] = {}
    for i, p in enumerate(r.people):
        key = person_key(p.name)
        keys[p.id] = (key, None)
        out["article_people"].append(
            (aid, p.id, p.name, _j(p.aliases), p.gender, p.age, p.born.earliest if p.born else None,
             p.born.latest if p.born else None, _j(p.descriptors), key, i, pub))
        for m in p.mentions:
            mentions.setdefault((p.id, m.start, m.end), (aid, p.id, m.start, m.end, m.text))
    for i, o in enumerate(r.organizations):
        key = organization_key(o.name)
        keys.setdefault(o.id, (None, key))
        out["article_organizations"].append((aid, o.id, o.name, _j(o.aliases), key, i, pub))
        for m in o.mentions:
            mentions.setdefault((o.id, m.start, m.end), (aid, o.id, m.start, m.end, m.text))
    out["mentions"] = list(mentions.values())
    out["relations"] = [(aid, x.subject, x.relation, x.object, x.evidence.start if x.evidence else None,
                         x.evidence.end if x.evidence else None) for x in r.relations]
    for i, q in enumerate(r.quotes):
        h = quote_hash(q.text)
        sm, cue = q.speaker_mention, q.cue
        out["quotes"].append(
            (aid, q.id, q.text, q.start, q.end, q.kind, sm.start if sm else None, sm.end if sm else None,
             sm.text if sm else None, cue.start if cue else None, cue.end if cue else None,
             cue.text if cue else None, q.nested_in, q.medium, q.said_on, h, i))
        for s in dict.fromkeys(q.speakers):
            pkey, okey = keys.get(s, (None, None))
            out["quote_speakers"].append((aid, q.id, s, pkey, okey, pub, h))
    out["timexes"] = [(aid, t.id, t.start, t.end, t.text, t.type, t.value, t.mod, t.anchor) for t in r.timexes]
    out["events"] = [(aid, e.id, e.text, e.start, e.end, e.date, _j(e.participants), e.timex) for e in r.events]
    return out
