"""Errors a user can act on. Each carries where it happened (file, line) and says what to do."""
from __future__ import annotations


class DatelineError(Exception):
    """Base class: ``str(err)`` is a one-line message fit for a terminal."""

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.source = source
        self.line = line

    def where(self) -> str:
        if self.source and self.line:
            return f"{self.source}:{self.line}"
        return self.source or ""

    def __str__(self) -> str:
        where = self.where()
        return f"{where}: {self.message}" if where else self.message


class InputError(DatelineError):
    """The input cannot be read as an article (missing file, bad encoding, bad date, no text...)."""


class ModelError(DatelineError):
    """The spaCy model cannot be loaded."""


class UsageError(DatelineError):
    """The command was called with arguments that do not fit together."""
