"""Readers: turn paths (files, folders, ``-`` for stdin) into :class:`Article` or :class:`BadRecord`.

A reader is chosen by the file's extension, or by its content for stdin and unknown extensions:

==================  =========================================================================
``.txt``            seed format (`` date YYYY-MM-DD `` then the text); plain text with ``--date``
``.jsonl`` (.gz)    one JSON object a line: ``text``, one of ``date``/``published``/``dct``,
                    optional ``id``, ``title``, ``url`` (other fields ignored)
==================  =========================================================================

More formats register themselves in :data:`READERS` (see ``tabular.py``, ``html.py``, ``warc.py``).
Readers never raise for a bad record: they yield a :class:`BadRecord` and go on. A path that cannot
be opened at all yields one BadRecord for the whole file.
"""
from __future__ import annotations

import datetime as _dt
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator, Union
import io

from ..article import Article, BadRecord

Record = Union[Article, BadRecord]


@dataclass
class ReadOptions:
    """Settings shared by every reader."""

    date: _dt.date | None = None  # publication date for inputs that carry none (plain text, HTML)
    fields: dict[str, str] = field(default_factory=dict)  # column/field renames: {"text": "body", ...}

    def field(self, name: str) -> str:
        return self.fields.get(name, name)


ReaderFn = Callable[[str, BinaryIO, ReadOptions], Iterator[Record]]

# extension (lower case, with dot, may be compound like ".jsonl.gz") -> reader taking
# (source name, binary stream, options); readers stream, so memory does not grow with the file
READERS: dict[str, ReaderFn] = {}


def register(*extensions: str) -> Callable[[ReaderFn], ReaderFn]:
    def deco(fn: ReaderFn) -> ReaderFn:
        for ext in extensions:
            READERS[ext.lower()] = fn
        return fn

    return deco


def _extension(name: str) -> str | None:
    lower = name.lower()
    best = None
    for ext in READERS:
        if lower.endswith(ext) and (best is None or len(ext) > len(best)):
            best = ext
    return best


def sniff(raw: bytes) -> str:
    """Guess a reader for content without a known extension."""
    head = raw.lstrip()[:64]
    if head[:2] == b"\x1f\x8b":
        return ".jsonl.gz"
    if head.startswith(b"{"):
        return ".jsonl"
    if head.startswith(b"WARC/"):
        return ".warc"
    if head[:1] == b"<":
        return ".html" if ".html" in READERS else ".txt"
    return ".txt"


def _files_in(folder: Path) -> list[Path]:
    out = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or _extension(name) is None:
                continue  # README.md, images, ... are not articles
            out.append(Path(root) / name)
    return out


def expand(paths: Iterable[str]) -> Iterator[str | BadRecord]:
    """Paths as given, folders replaced by the article files inside them (sorted)."""
    for p in paths:
        if p == "-":
            yield p
            continue
        path = Path(p)
        if path.is_dir():
            found = _files_in(path)
            if not found:
                yield BadRecord(source=p, reason="folder holds no article files (.txt, .jsonl, ...)")
            for f in found:
                yield str(f)
        elif path.exists():
            yield p
        else:
            yield BadRecord(source=p, reason="no such file or folder")


def read_path(path: str, options: ReadOptions | None = None) -> Iterator[Record]:
    """Every record in one file (or stdin for ``-``)."""
    options = options or ReadOptions()
    if path == "-":
        stream = io.BufferedReader(sys.stdin.buffer, buffer_size=1 << 16)  # type: ignore[arg-type]
        yield from READERS[sniff(stream.peek(64))]("<stdin>", stream, options)
        return
    try:
        fh = open(path, "rb")
    except OSError as exc:
        yield BadRecord(source=path, reason=f"cannot read: {exc.strerror or exc}")
        return
    with fh:
        ext = _extension(path) or sniff(fh.peek(64))
        try:
            yield from READERS[ext](path, fh, options)
        except OSError as exc:  # e.g. a read error half-way; what was read is kept
            yield BadRecord(source=path, reason=f"read failed: {exc.strerror or exc}")


def read(paths: Iterable[str] | str, options: ReadOptions | None = None) -> Iterator[Record]:
    """Every record in every path, in order; folders are expanded."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [str(paths)]
    for item in expand(paths):
        if isinstance(item, BadRecord):
            yield item
        else:
            yield from read_path(item, options)


from . import text as _text  # noqa: E402,F401  (registers .txt)
from . import jsonl as _jsonl  # noqa: E402,F401  (registers .jsonl, .jsonl.gz, .ndjson)

for _optional in ("tabular", "html", "warc"):
    try:  # formats whose modules may not be present in every build
        __import__(f"{__name__}.{_optional}")
    except ModuleNotFoundError as _exc:
        if _exc.name != f"{__name__}.{_optional}":
            raise

__all__ = ["READERS", "ReadOptions", "Record", "read", "read_path", "expand", "register", "sniff"]
