"""The contract: the committed JSON Schema matches the models, and outputs validate against it."""
from __future__ import annotations

import json
from importlib import resources

from dateline.model import ArticleResult, json_schema
from dateline.validate import problems


def test_committed_schema_matches_models():
    committed = json.loads(resources.files("dateline").joinpath("data/schema/article.schema.json").read_text())
    assert committed == json_schema(), "schema drifted from dateline/model.py: run `make schema` and commit"


def test_problems_catches_dishonest_spans():
    bad = ArticleResult(id="x", published="2020-01-01", text="Jane Roe said hello.").to_dict()
    bad["timexes"] = [{"id": "t1", "start": 0, "end": 4, "text": "Jake", "type": "DATE", "value": "2020",
                       "mod": None, "anchor": "published"}]
    found = problems(bad)
    assert any("text[0:4]" in p for p in found)
    bad["timexes"][0]["type"] = "SOMETIME"
    assert any(p.startswith("schema:") for p in problems(bad))


def test_output_of_each_example_is_valid(nlp):
    from pathlib import Path

    from dateline.pipeline import process_article
    from dateline.readers import read

    arts = list(read([str(Path(__file__).parents[1] / "examples")]))
    assert len(arts) >= 3
    for art in arts:
        result = process_article(art, nlp)
        assert result.to_dict()["schema"] == "dateline.article/1"
        assert problems(result) == [], art.source
