"""Crawler exports in Markdown: YAML front matter, ``#`` headings, ``>`` bylines.

Only that structure is read; everything else in the body stays text (it is
escaped on output like any other source text).
"""

from __future__ import annotations

import datetime as dt
import re

import yaml

from ..errors import SourceError
from ..model import Metadata

_FRONT = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)
_HEADING = re.compile(r"^(?P<marks>#{1,6})\s+(?P<text>.*?)\s*#*\s*$")
_QUOTE = re.compile(r"^>\s?(?P<text>.*)$")
_IMAGE = re.compile(r"^!\[[^\]]*\]\([^)]*\)$")

#: Front-matter keys of common crawlers → our metadata fields.
FIELD_ALIASES = {
    "title": "title",
    "date": "date",
    "published": "date",
    "author": "authors",
    "authors": "authors",
    "byline": "authors",
    "source_url": "url",
    "url": "url",
    "link": "url",
    "source": "publication",
    "publication": "publication",
    "newspaper": "publication",
    "original_title": "original_title",
    "editor": "editor",
}


def _as_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def read_front_matter(text: str, path: str) -> tuple[Metadata, str, int]:
    """Split ``text`` into metadata from its front matter, the body, and the body's first line."""
    match = _FRONT.match(text)
    if not match:
        return Metadata(), text, 1
    try:
        data = yaml.safe_load(match["yaml"] or "") or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or "malformed YAML"
        raise SourceError(path, f"front matter: {problem}", line) from None
    except ValueError as exc:  # e.g. a date YAML reads as one but the calendar refuses
        raise SourceError(path, f"front matter: {exc}", 1) from None
    if not isinstance(data, dict):
        raise SourceError(path, "front matter is not a mapping of keys to values", 1)
    meta = Metadata()
    for key, value in data.items():
        field = FIELD_ALIASES.get(str(key).lower())
        if field is None:
            continue
        if field == "authors":
            names = value if isinstance(value, list) else re.split(r"[,，、;；]\s*", _as_text(value))
            meta.authors = [_as_text(n) for n in names if _as_text(n)]
        else:
            setattr(meta, field, _as_text(value))
    return meta, text[match.end() :], text[: match.end()].count("\n") + 1


def markdown_structure(lines: list[str]) -> tuple[list[str], list[str]]:
    """Strip Markdown heading, quote and image markers from normalised lines.

    Returns the lines' text and a hint per line (``title``, ``heading``, ``quote``,
    ``image`` or empty), so the segment stage can trust what Markdown states.
    """
    out: list[str] = []
    hints: list[str] = []
    for line in lines:
        if m := _HEADING.match(line):
            out.append(m["text"])
            hints.append("title" if len(m["marks"]) == 1 else "heading")
        elif m := _QUOTE.match(line):
            out.append(m["text"].strip())
            hints.append("quote")
        elif _IMAGE.match(line):
            out.append("")
            hints.append("image")
        else:
            out.append(line)
            hints.append("")
    return out, hints
