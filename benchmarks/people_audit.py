"""Audit of the people stage over the Wikinews corpus: the most frequent person names, the
suspicious ones flagged, and the time of the people and events stages against the spaCy parse.

    .venv/bin/python benchmarks/people_audit.py [--limit N] [--out benchmarks/results/people_audit.md]

Reads ../shared/data/wikinews/articles.jsonl (never copied into the repo). Parses once with
nlp.pipe; the time stage runs too (people and events need its dates) but is not counted.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "wikinews" / "articles.jsonl"

NOTES = """## What earlier runs showed, and the rules that came of it

- Titles taken for names ("Minister", "President", "Foreign Minister", "Majority Leader Tom DeLay",
  "Sergeant First Class ..."): titles are stripped from the front of a name and a name that ends in
  a title is dropped (`honorifics.tsv`, `roles.tsv`); a one-word name before a title ("Interior
  Minister") is part of the title.
- Places and peoples as persons ("Nepal", "Sri Lanka", "Palestinian", "Australian", "Circular
  Quay", "Sadr City"): a name NER never calls PERSON but calls a place is no person; "a/an" + one
  word is a demonym; place endings are data (`place_suffixes.tsv`, with a surname flag).
- Organisations as persons ("Bush Administration", "Howard Government", "Microsoft Exchange
  Server", "Ontario Greens", "CDU", "US"): organisation words (`org_words.txt`), acronyms, and the
  labels of the fullest form of a name decide; "Bush" never joins "Bush Administration".
- Surnames NER calls places ("Sheehan", "Chávez") were split from their full names once place-labelled
  mentions were kept out of organisations; they may join people again.
- Dateline prefixes ("NEW YORK - Carly Fiorina") are cut at the dash.
- Speed: Doc.text rebuilt on every access and loops over all tokens were replaced by the article
  text and numpy token arrays (people + events went from 14% of the parse to under 3%).

Still wrong (NER spans that start with a place: "Venezuela Hugo Chávez", "Jakarta Sutiyoso";
places NER calls PERSON with no other clue: "Brampton", "Kingaroy"; a few companies: "Ryanair").
"""

_MONTHS_DAYS = set("january february march april may june july august september october november "
                   "december monday tuesday wednesday thursday friday saturday sunday".split())


def flags(name: str, labels: Counter, lex) -> list[str]:
    out = []
    words = name.split()
    low = name.lower()
    if any(w.lower().strip(".") in _MONTHS_DAYS for w in words):
        out.append("month/weekday")
    if low in lex.not_people:
        out.append("not-people list")
    if name[:1].islower():
        out.append("lower case")
    if any(w.strip(".") in lex.org_words or w in lex.org_words for w in words):
        out.append("organisation word")
    if low in lex.outlets:
        out.append("outlet")
    places = labels.get("GPE", 0) + labels.get("LOC", 0) + labels.get("NORP", 0) + labels.get("FAC", 0)
    if places and places * 2 >= labels.get("PERSON", 0):
        out.append(f"NER says place/nationality {places}× (PERSON {labels.get('PERSON', 0)}×)")
    if len(words) == 1 and (name in lex.honorifics or low in lex.roles):
        out.append("title word")
    if name.isupper() and len(name) > 1:
        out.append("all caps")
    if re.search(r"\d", name):
        out.append("digits")
    if len(words) >= 2 and words[-1] in lex.event_suffixes:
        out.append("event/holiday ending")
    if len(words) >= 2 and words[-1] in lex.place_suffixes:
        out.append("place ending")
    return out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--top", type=int, default=60)
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "people_audit.md"))
    args = ap.parse_args(argv)

    from dateline import events, people, timestage
    from dateline.article import Article, parse_date
    from dateline.context import Context
    from dateline.nlp import describe, load
    from dateline.people import lexicon

    lex = lexicon.load()
    nlp = load()
    arts = []
    with open(CORPUS, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            arts.append(Article(text=rec["text"], published=parse_date(rec["date"]), id=rec["id"]))
            if args.limit and len(arts) >= args.limit:
                break
    t0 = time.perf_counter()
    docs = list(nlp.pipe((a.text for a in arts), batch_size=64))
    t_parse = time.perf_counter() - t0

    t_people = t_events = 0.0
    names: Counter = Counter()
    articles_with: Counter = Counter()
    labels: dict[str, Counter] = defaultdict(Counter)
    n_people = n_orgs = n_rel = n_events = n_gender = n_age = 0
    rel_kinds: Counter = Counter()
    for art, doc in zip(arts, docs):
        ctx = Context(article=art, doc=doc)
        timestage.run(ctx)
        t1 = time.perf_counter()
        people.run(ctx)
        t2 = time.perf_counter()
        events.run(ctx)
        t3 = time.perf_counter()
        t_people += t2 - t1
        t_events += t3 - t2
        n_people += len(ctx.people)
        n_orgs += len(ctx.organizations)
        n_rel += len(ctx.relations)
        n_events += len(ctx.events)
        rel_kinds.update(r.relation for r in ctx.relations)
        st = ctx.extra["people"]
        for e in st.entities:
            if e.kind != "person":
                continue
            for m in e.names:
                labels[e.name][m.label or "-"] += 1
        for p in ctx.people:
            names[p.name] += len([m for m in p.mentions if m.text in p.aliases])
            articles_with[p.name] += 1
            n_gender += p.gender is not None
            n_age += p.age is not None

    top = names.most_common(args.top)
    flagged = [(n, c, flags(n, labels[n], lex)) for n, c in names.most_common()]
    flagged = [x for x in flagged if x[2]]
    single = sum(1 for n in names if len(n.split()) == 1)
    lines = [
        "# People audit over Wikinews",
        "",
        f"Run {dt.date.today().isoformat()} with `{describe(nlp)}` over {len(arts)} articles "
        f"(`python benchmarks/people_audit.py{' --limit %d' % args.limit if args.limit else ''}`).",
        "",
        "## Time (one core, same process)",
        "",
        "| stage | seconds | per article (ms) | share of the parse |",
        "|---|---:|---:|---:|",
        f"| spaCy parse (nlp.pipe) | {t_parse:.1f} | {1000 * t_parse / len(arts):.2f} | 100% |",
        f"| people | {t_people:.1f} | {1000 * t_people / len(arts):.2f} | {100 * t_people / t_parse:.1f}% |",
        f"| events | {t_events:.1f} | {1000 * t_events / len(arts):.2f} | {100 * t_events / t_parse:.1f}% |",
        f"| people + events | {t_people + t_events:.1f} | {1000 * (t_people + t_events) / len(arts):.2f} | "
        f"**{100 * (t_people + t_events) / t_parse:.1f}%** (target ≤ 10%) |",
        "",
        "## Counts",
        "",
        f"- people: {n_people} ({n_people / len(arts):.1f} an article); distinct names {len(names)}, "
        f"of which one-word names {single}",
        f"- with gender from the text: {n_gender} ({100 * n_gender / max(n_people, 1):.0f}%); with an age: {n_age}",
        f"- organisations: {n_orgs}; relations: {n_rel} ({', '.join(f'{k} {v}' for k, v in rel_kinds.most_common())}); "
        f"dated events: {n_events}",
        "",
        f"## Most frequent person names (top {args.top}; mentions by name, articles)",
        "",
        "| name | name mentions | articles | NER labels of its mentions | flags |",
        "|---|---:|---:|---|---|",
    ]
    for n, c in top:
        lab = ", ".join(f"{k} {v}" for k, v in labels[n].most_common())
        lines.append(f"| {n} | {c} | {articles_with[n]} | {lab} | {'; '.join(flags(n, labels[n], lex))} |")
    lines += ["", f"## Flagged names ({len(flagged)} of {len(names)}; the 80 most frequent)", "",
              "| name | name mentions | flags |", "|---|---:|---|"]
    for n, c, f in flagged[:80]:
        lines.append(f"| {n} | {c} | {'; '.join(f)} |")
    lines += ["", NOTES]
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines[:22]))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
