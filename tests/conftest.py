"""Shared test set-up.

Tests that read evaluation data from ``../shared`` carry ``@pytest.mark.shared`` and use the
``shared`` fixture; they run whenever that folder is present (CI always has it) and are skipped,
with the reason shown, on a user's clone without it.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DATELINE_SHARED", ROOT.parent / "shared"))
SEED = SHARED / "seed" / "000_2bcd1fa24314d7c1.txt"
SEED_GOLD = SHARED / "seed" / "000_2bcd1fa24314d7c1.gold.json"


def pytest_collection_modifyitems(config, items):
    if SHARED.is_dir():
        return
    if os.environ.get("CI"):
        raise pytest.UsageError(f"CI=true but the shared data folder {SHARED} is missing")
    skip = pytest.mark.skip(reason=f"needs the shared data folder {SHARED}")
    for item in items:
        if "shared" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def shared() -> Path:
    return SHARED


@pytest.fixture(scope="session")
def nlp():
    from dateline.nlp import load

    return load()


@pytest.fixture(scope="session")
def read_text(nlp):
    """Read a text we wrote, as an article published on the given date."""
    from dateline.article import Article
    from dateline.pipeline import process_article

    def _read(text: str, published: str = "2024-03-06"):
        from dateline.article import parse_date

        return process_article(Article(text=text, published=parse_date(published)), nlp)

    return _read


@pytest.fixture(scope="session")
def seed_result(nlp):
    """The seed article read once for the whole session (shared data)."""
    from dateline.pipeline import process_article
    from dateline.readers import read

    (article,) = list(read([str(SEED)]))
    return process_article(article, nlp)
