"""The one error type contributors see: a message that names the file (and line)."""

from __future__ import annotations


class SourceError(Exception):
    """A problem with one input file, reported as ``path:line: message``."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.line = line
        self.message = message

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"
