"""The one error type contributors see: a message that names the file (and line)."""

from __future__ import annotations

import os
import re

# C0 and C1 controls, and line or paragraph separators: they would break the one-line message.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def escape_controls(text: str) -> str:
    """``text`` with its controls and line separators as escapes (``\\n``, ``\\x1b``): one line."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def quoted(text: str) -> str:
    """``text`` in single quotes as ``repr`` writes it, even when it holds a ``'`` (``repr``
    then switches to double quotes, and a message would no longer read as documented)."""
    shown = repr(text)
    return shown if shown[0] == "'" else "'" + shown[1:-1].replace("'", "\\'") + "'"


def printable_path(path: str) -> str:
    """``path`` as one printable line: undecodable bytes as ``\\xNN``, controls as escapes."""
    text = os.fsencode(path).decode("utf-8", "backslashreplace") if _has_surrogates(path) else path
    return escape_controls(text)


def _has_surrogates(text: str) -> bool:
    return any("\udc80" <= ch <= "\udcff" for ch in text)


class SourceError(Exception):
    """A problem with one input file, reported as ``path:line: message``."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.line = line
        self.message = message

    def __str__(self) -> str:
        shown = printable_path(self.path)
        where = f"{shown}:{self.line}" if self.line else shown
        return f"{where}: {self.message}"
