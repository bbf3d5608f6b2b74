"""Errors raised while loading the time engine's rule resources."""
from __future__ import annotations

from pathlib import Path

try:  # the package-wide base class, when the rest of dateline is present
    from ..errors import DatelineError as _Base
except ImportError:  # pragma: no cover - timex used on its own
    _Base = Exception  # type: ignore[misc,assignment]


class RuleFileError(_Base):
    """A rule resource is malformed; the message names the file, the line and the key."""

    def __init__(self, path: Path | str, line: int, key: str | None, message: str):
        self.path = str(path)
        self.lineno = line
        self.key = key
        self.detail = message
        Exception.__init__(self, message)
        self.message = message
        self.source = self.path
        self.line = line

    def __str__(self) -> str:
        key = f"[{self.key}] " if self.key else ""
        return f"{self.path}:{self.lineno}: {key}{self.detail} (fix that entry of the resource file)"
