"""Crawler exports in Markdown: YAML front matter, ``#`` headings, ``>`` bylines.

Only that structure is read; everything else in the body stays text (it is
escaped on output like any other source text).
"""

from __future__ import annotations

import re

import yaml

from ..errors import SourceError
from ..fields import date_problem
from ..model import Metadata
from ..yaml_nodes import compose, line_of, to_python
from .normalise import normalise_line

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


#: ``2023-01-05 10:00``, ``2023-01-05T10:00:00+08:00``: a crawler's timestamp, of which the date is kept.
_TIMESTAMP = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]\d{1,2}:\d{2}")
#: ``2023年1月5日`` (or just year and month), as Chinese sites print dates.
_CHINESE_DATE = re.compile(r"^(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?$")
_LINE_BREAKS = re.compile("[\r\n\u2028\u2029\x85]+")


def _as_text(value: object) -> str:
    """A scalar front-matter value as one normalised line (it may become a heading)."""
    if value is None:
        return ""
    return normalise_line(_LINE_BREAKS.sub(" ", str(value)))


def _iso_date(value: str) -> str:
    """``value`` in the site's date form when it is a timestamp or a Chinese date; else as given."""
    if match := _TIMESTAMP.match(value):
        return match[1]
    if match := _CHINESE_DATE.match(value):
        year, month, day = match.groups()
        return "-".join([year, *(f"{int(part):02d}" for part in (month, day) if part)])
    return value


def read_front_matter(text: str, path: str) -> tuple[Metadata, str, int]:
    """Split ``text`` into metadata from its front matter, the body, and the body's first line.

    Keys the site does not know are ignored (crawlers add many); a known key whose value
    is not text (a list, a mapping), or a date that is not a date, is refused at its line.
    """
    match = _FRONT.match(text)
    if not match:
        return Metadata(), text, 1
    root = compose(match["yaml"] or "", path, offset=1)
    if root is None:
        return Metadata(), text[match.end() :], text[: match.end()].count("\n") + 1
    if not isinstance(root, yaml.MappingNode):
        raise SourceError(path, "front matter is not a mapping of keys to values", line_of(root) + 1)
    meta = Metadata()
    for key_node, value_node in root.value:
        field = (
            FIELD_ALIASES.get(str(key_node.value).lower()) if isinstance(key_node, yaml.ScalarNode) else None
        )
        if field is None:
            continue
        key, line = key_node.value, line_of(value_node) + 1
        try:
            value = to_python(value_node)
        except (yaml.YAMLError, ValueError) as exc:
            raise SourceError(path, f"front matter: {key}: cannot read this value ({exc})", line) from None
        if field == "authors":
            names = value if isinstance(value, list) else re.split(r"[,，、;；]\s*", _as_text(value))
            if isinstance(value, dict) or any(isinstance(n, (list, dict)) for n in names):
                raise SourceError(path, f"front matter: {key}: expected a name or a list of names", line)
            meta.authors = [_as_text(n) for n in names if _as_text(n)]
            continue
        if isinstance(value, (list, dict)):
            raise SourceError(path, f"front matter: {key}: expected text, got a {type(value).__name__}", line)
        value = _as_text(value)
        if field == "date" and value:
            value = _iso_date(value)
            problem = date_problem(value)
            if problem:
                raise SourceError(path, f"front matter: {problem}", line)
        setattr(meta, field, value)
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
