"""The output contract (``dateline.article/1``) as pydantic models.

One article in, one :class:`ArticleResult` out. All offsets are Python ``str`` indices into
``ArticleResult.text`` (end exclusive). ``python -m dateline.model`` prints the JSON Schema that is
committed as ``dateline/data/schema/article.schema.json`` (a test fails when the two drift).
"""
from __future__ import annotations

import json
from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_ID = "dateline.article/1"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Model):
    """A stretch of the article: ``text == article.text[start:end]``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Evidence(_Model):
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class BirthWindow(_Model):
    """The birth dates an age implies on the publication date (ISO dates, inclusive)."""

    earliest: str
    latest: str


class Person(_Model):
    id: str = Field(description="p1, p2, ... unique within the article")
    name: str = Field(description="the longest proper name the article uses")
    aliases: list[str] = Field(default_factory=list)
    gender: Optional[Literal["female", "male", "nonbinary"]] = Field(
        default=None, description="only as the text states it (pronouns, kinship words, honorifics)")
    age: Optional[int] = None
    born: Optional[BirthWindow] = None
    descriptors: list[str] = Field(default_factory=list)
    mentions: list[Span] = Field(default_factory=list)


class Organization(_Model):
    id: str = Field(description="o1, o2, ...")
    name: str
    aliases: list[str] = Field(default_factory=list)
    mentions: list[Span] = Field(default_factory=list)


RelationKind = Literal["spouse", "partner", "child", "parent", "sibling", "relative", "employee", "member"]


class Relation(_Model):
    subject: str = Field(description="id of a person or organisation: the subject is the <relation> of the object")
    relation: RelationKind
    object: str
    evidence: Optional[Evidence] = None


class Quote(_Model):
    id: str = Field(description="q1, q2, ...")
    text: str = Field(description="direct: the words between the marks; indirect: the reported content")
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    kind: Literal["direct", "indirect", "mixed"]
    speakers: list[str] = Field(default_factory=list, description="ids of people (p…) or organisations (o…)")
    speaker_mention: Optional[Span] = None
    cue: Optional[Span] = None
    nested_in: Optional[str] = None
    medium: Optional[str] = None
    said_on: Optional[str] = Field(default=None, description="TIMEX3 value: when the words were said or written")


class Timex(_Model):
    id: str = Field(description="t1, t2, ...")
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: str
    mod: Optional[str] = None
    anchor: str = Field(default="published", description="'published', or the id of the quote or timex resolved against")


class Event(_Model):
    id: str = Field(description="e1, e2, ...")
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    date: Optional[str] = None
    participants: list[str] = Field(default_factory=list)
    timex: Optional[str] = None


class ArticleResult(_Model):
    schema_: Literal["dateline.article/1"] = Field(default=SCHEMA_ID, alias="schema")
    id: str
    published: str = Field(description="publication date, YYYY-MM-DD")
    title: Optional[str] = None
    url: Optional[str] = None
    text: str
    people: list[Person] = Field(default_factory=list)
    organizations: list[Organization] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    timexes: list[Timex] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def to_dict(self) -> dict:
        return self.model_dump(by_alias=True, mode="json")

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)


def json_schema() -> dict:
    schema = ArticleResult.model_json_schema(by_alias=True, mode="serialization")
    schema["$id"] = SCHEMA_ID
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


if __name__ == "__main__":  # pragma: no cover - used by `make schema`
    print(json.dumps(json_schema(), indent=2, sort_keys=True))
