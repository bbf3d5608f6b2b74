"""Keep the docs honest: every command they show exists, every file they link exists."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from dateline.cli import cli

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_commands_shown_exist(doc):
    text = doc.read_text()
    code = "\n".join(re.findall(r"^```[^\n]*\n(.*?)^```", text, re.M | re.S))
    verbs = set(re.findall(r"^\s*(?:\$ )?(?:\S*/)?dateline ([a-z][a-z-]+)", code, re.M))
    verbs |= set(re.findall(r"`dateline ([a-z][a-z-]+)", text))
    assert verbs, f"{doc.name} shows no dateline command"
    unknown = {v for v in verbs if v not in cli.commands}
    assert not unknown, f"{doc.name} shows commands that do not exist: {sorted(unknown)}"


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_links_point_at_files(doc):
    missing = []
    for target in re.findall(r"\]\(([^)#]+)\)", doc.read_text()):
        if "://" in target:
            continue
        if not (doc.parent / target).exists():
            missing.append(target)
    assert not missing, f"{doc.name} links to missing files: {missing}"


def test_makefile_has_the_two_commands():
    make = (ROOT / "Makefile").read_text()
    assert re.search(r"^demo:", make, re.M) and re.search(r"^test:", make, re.M)
    readme = (ROOT / "README.md").read_text()
    assert "make demo" in readme and "make test" in readme
