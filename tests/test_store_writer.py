"""The store's writer and schema on hand-built contract results (no parsing): corpus-level merging,
quote links, replacing with --force, errors kept once, migrations, and the file as plain SQLite."""
from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from dateline.article import Article, BadRecord
from dateline.model import ArticleResult
from dateline.store import MIGRATIONS, StoreError, open_store, queries
from dateline.store.writer import ADDED, CONFLICT, SAME, Writer


def result(aid: str, published: str, text: str, people=(), quotes=(), orgs=(), relations=()) -> ArticleResult:
    """people: (local id, name, [surface forms]); quotes: (local id, words, [speaker ids])."""
    def spans(form):
        start = text.index(form)
        return {"start": start, "end": start + len(form), "text": form}

    return ArticleResult.model_validate({
        "id": aid, "published": published, "text": text,
        "people": [{"id": pid, "name": name, "aliases": forms, "mentions": [spans(f) for f in forms]}
                   for pid, name, forms in people],
        "organizations": [{"id": oid, "name": name, "aliases": [name], "mentions": [spans(name)]}
                          for oid, name in orgs],
        "relations": [{"subject": s, "relation": r, "object": o} for s, r, o in relations],
        "quotes": [{"id": qid, "text": words, "start": text.index(words), "end": text.index(words) + len(words),
                    "kind": "direct", "speakers": spk} for qid, words, spk in quotes],
    })


def article(r: ArticleResult) -> Article:
    return Article(text=r.text, published=dt.date.fromisoformat(r.published), id=r.id, source="test.jsonl", line=1)


def store(tmp_path, results, **kw):
    conn = open_store(str(tmp_path / "kb.db"), create=True)
    with Writer(conn, **kw) as w:
        outcomes = [w.add(article(r), r) for r in results]
    return conn, outcomes


T1 = 'Dr. Jane Roe opened the clinic. "Health is a right," Roe said. Her husband Sam Roe agreed.'
T2 = 'Jane Roe spoke again. "Health is a right!" she said at the Harbor Gazette office.'
T3 = 'Roe, a nurse, waved. "Health is a right," said Roe.'


def corpus():
    return [
        result("a1", "2023-05-14", T1, people=[("p1", "Dr. Jane Roe", ["Dr. Jane Roe", "Roe"]),
                                               ("p2", "Sam Roe", ["Sam Roe"])],
               quotes=[("q1", "Health is a right,", ["p1"])], relations=[("p2", "spouse", "p1")]),
        result("a2", "2023-05-10", T2, people=[("p1", "Jane Roe", ["Jane Roe"])],
               orgs=[("o1", "the Harbor Gazette")], quotes=[("q1", "Health is a right!", ["p1"])]),
        result("a3", "2023-05-20", T3, people=[("p1", "Roe", ["Roe"])], quotes=[("q1", "Health is a right,", ["p1"])]),
    ]


def test_people_merge_by_full_name_only(tmp_path):
    conn, outcomes = store(tmp_path, corpus())
    assert outcomes == [ADDED, ADDED, ADDED]
    rows = {r["key"]: r["name"] for r in conn.execute("SELECT key, name FROM people")}
    # "Dr. Jane Roe" and "Jane Roe" are one person; "Sam Roe" another; a bare "Roe" is not merged
    assert set(rows) == {"jane roe", "sam roe", "bare:roe"}
    jane = conn.execute("SELECT id FROM people WHERE key = 'jane roe'").fetchone()[0]
    assert conn.execute("SELECT count(*) FROM article_people WHERE person_id = ?", (jane,)).fetchone()[0] == 2
    prof = queries.profile(conn, jane)
    assert {a["value"] for a in prof["aliases"]} == {"Dr. Jane Roe", "Roe", "Jane Roe"}
    assert prof["relations"] == [{"relation": "spouse", "role": "object", "other": "Sam Roe", "article_id": "a1",
                                  "evidence_start": None, "evidence_end": None}]
    # a search by surname finds all three Roes, the full name only Jane
    assert {p["key"] for p in queries.find_people(conn, "Roe")} == {"jane roe", "sam roe", "bare:roe"}
    assert [p["key"] for p in queries.find_people(conn, "jane ROE")] == ["jane roe"]


def test_same_words_same_speaker_linked_to_first_article(tmp_path):
    conn, _ = store(tmp_path, corpus())
    links = conn.execute("SELECT speaker_key, first_article_id, first_published FROM quote_links").fetchall()
    jane = conn.execute("SELECT id FROM people WHERE key = 'jane roe'").fetchone()[0]
    by_key = {k: (a, d) for k, a, d in links}
    # a2 is older than a1 although stored after it; punctuation does not split the quote
    assert by_key[f"person:{jane}"] == ("a2", "2023-05-10")
    rep = queries.repeated_quotes(conn)
    assert len(rep) == 1 and rep[0]["articles"] == 2 and rep[0]["first_article_id"] == "a2"
    rows = queries.quotes(conn, speaker="Jane Roe")
    assert {r["article_id"] for r in rows} == {"a1", "a2"}
    assert all(r["first_article_id"] == "a2" and r["articles_with_quote"] == 2 for r in rows)


def test_same_id_twice_and_force_replacement(tmp_path):
    results = corpus()
    conn, _ = store(tmp_path, results)
    w = Writer(conn)
    assert w.add(article(results[0]), results[0]) == SAME
    changed = result("a1", "2023-05-14", T1.replace("clinic", "school"),
                     people=[("p1", "Dr. Jane Roe", ["Dr. Jane Roe"])])
    assert w.add(article(changed), changed) == CONFLICT
    w.close()
    assert conn.execute("SELECT count(*) FROM errors WHERE reason LIKE '%already stored with a different text%'"
                        ).fetchone()[0] == 1
    assert "clinic" in conn.execute("SELECT text FROM articles WHERE id = 'a1'").fetchone()[0]
    with Writer(conn, force=True) as w:
        assert w.add(article(changed), changed) == ADDED
        assert w.add(article(changed), changed) == SAME  # once per run
        w.prune()
    assert "school" in conn.execute("SELECT text FROM articles WHERE id = 'a1'").fetchone()[0]
    # Sam Roe was only in the old a1: gone with it; a1's quote is gone, so the link still points at a2
    assert conn.execute("SELECT count(*) FROM people WHERE key = 'sam roe'").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM quotes WHERE article_id = 'a1'").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM relations").fetchone()[0] == 0


def test_force_moves_first_appearance(tmp_path):
    results = corpus()
    conn, _ = store(tmp_path, results)
    later = result("a2", "2023-06-30", T2, people=[("p1", "Jane Roe", ["Jane Roe"])],
                   quotes=[("q1", "Health is a right!", ["p1"])])
    with Writer(conn, force=True) as w:
        w.add(article(later), later)
    jane = conn.execute("SELECT id FROM people WHERE key = 'jane roe'").fetchone()[0]
    row = conn.execute("SELECT first_article_id, first_published FROM quote_links WHERE speaker_key = ?",
                       (f"person:{jane}",)).fetchone()
    assert tuple(row) == ("a1", "2023-05-14")


def test_errors_are_kept_once(tmp_path):
    conn = open_store(str(tmp_path / "kb.db"), create=True)
    bad = BadRecord(source="feed.jsonl", line=3, reason="not JSON: Expecting value", excerpt="{oops")
    nameless = BadRecord(source="missing.txt", reason="no such file or folder")
    with Writer(conn) as w:
        assert w.add_error(bad) and w.add_error(nameless)
        assert not w.add_error(bad) and not w.add_error(nameless)
    rows = conn.execute("SELECT source, line, reason, excerpt FROM errors ORDER BY id").fetchall()
    assert [tuple(r) for r in rows] == [("feed.jsonl", 3, "not JSON: Expecting value", "{oops"),
                                        ("missing.txt", None, "no such file or folder", "")]


def test_plain_sqlite_opens_it_with_fts5(tmp_path):
    conn, _ = store(tmp_path, corpus())
    conn.close()
    plain = sqlite3.connect(tmp_path / "kb.db")  # nothing of ours loaded
    hits = plain.execute("""SELECT a.id FROM articles_fts JOIN articles a ON a.pk = articles_fts.rowid
                            WHERE articles_fts MATCH 'clinic' ORDER BY a.id""").fetchall()
    assert hits == [("a1",)]
    quoted = plain.execute("""SELECT q.article_id FROM quotes_fts JOIN quotes q ON q.pk = quotes_fts.rowid
                              WHERE quotes_fts MATCH '"health" AND "right"' ORDER BY 1""").fetchall()
    assert quoted == [("a1",), ("a2",), ("a3",)]
    assert plain.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_migrations_recorded_and_rerunnable(tmp_path):
    path = str(tmp_path / "kb.db")
    open_store(path, create=True).close()
    conn = open_store(path)  # opening again applies nothing new
    names = [r[0] for r in conn.execute("SELECT name FROM migrations ORDER BY name")]
    assert names == [name for name, _ in MIGRATIONS]


def test_missing_or_foreign_database_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="no database at .*dateline ingest"):
        open_store(str(tmp_path / "nope.db"))
    junk = tmp_path / "notes.db"
    junk.write_text("just some notes, not a database\n" * 200)
    with pytest.raises(StoreError, match="not a dateline database"):
        open_store(str(junk))
    other = tmp_path / "other.db"
    c = sqlite3.connect(other)
    c.execute("CREATE TABLE t(x)")
    c.commit()
    c.close()
    with pytest.raises(StoreError, match="SQLite file but not a dateline database"):
        open_store(str(other), create=True)


def test_titles_alone_are_not_merged(tmp_path):
    t1 = 'The President said: "We will win."'
    t2 = 'The President said: "We will lose."'
    conn, _ = store(tmp_path, [
        result("b1", "2023-01-01", t1, people=[("p1", "President", ["President"])],
               quotes=[("q1", "We will win.", ["p1"])]),
        result("b2", "2023-01-02", t2, people=[("p1", "President", ["President"])],
               quotes=[("q1", "We will lose.", ["p1"])]),
    ])
    # two articles, two different presidents as far as the store can tell
    assert conn.execute("SELECT count(*) FROM people").fetchone()[0] == 2
    assert len(queries.find_people(conn, "President")) == 2


def test_docs_describe_every_table_and_column(tmp_path):
    """docs/store.md stays honest: every table and column of a fresh store is named there."""
    from pathlib import Path

    from dateline.store import TABLES

    doc = (Path(__file__).resolve().parents[1] / "docs" / "store.md").read_text(encoding="utf-8")
    rows = {line.split("|")[1].strip(): line for line in doc.splitlines() if line.startswith("| `")}
    conn = open_store(str(tmp_path / "kb.db"), create=True)
    for table in TABLES:
        assert f"`{table}`" in rows, f"table {table} missing from docs/store.md"
        for col in conn.execute(f'PRAGMA table_info("{table}")'):
            name = col["name"]
            documented = f"`{name}`" in rows[f"`{table}`"] or (
                "_" in name and f"`{name.rsplit('_', 1)[0]}_start/_end" in rows[f"`{table}`"])
            assert documented, f"column {table}.{name} missing from docs/store.md"
