"""What the stages share while one article is read: the parse, and each stage's findings.

Stages run in a fixed order (see :mod:`dateline.pipeline`); each reads what earlier stages left
here and adds its own. Ids (p1, o1, q1, t1, e1) are given by the stage that creates the items.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from .article import Article
from . import model


@dataclass
class Context:
    article: Article
    doc: Any  # spacy.tokens.Doc over article.text (offsets line up one to one)
    timexes: list[model.Timex] = field(default_factory=list)
    people: list[model.Person] = field(default_factory=list)
    organizations: list[model.Organization] = field(default_factory=list)
    relations: list[model.Relation] = field(default_factory=list)
    quotes: list[model.Quote] = field(default_factory=list)
    events: list[model.Event] = field(default_factory=list)
    # speaker resolution provided by the people stage: resolve(start, end, quoted_by=None) -> ids of
    # the people/organisations the mention [start, end) refers to ([] when unknown); pronouns and
    # descriptions included. quoted_by: speakers of the quote the mention stands in ("I", "we").
    resolve: Callable[..., list[str]] = lambda start, end, quoted_by=None: []
    # free room for a stage's internal state that a later stage reads (documented by that stage)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.article.text

    def result(self) -> model.ArticleResult:
        a = self.article
        return model.ArticleResult(
            id=a.id, published=a.published.isoformat(), title=a.title, url=a.url, text=a.text,
            people=self.people, organizations=self.organizations, relations=self.relations,
            quotes=self.quotes, timexes=self.timexes, events=self.events)
