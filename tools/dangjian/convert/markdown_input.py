"""Crawler exports in Markdown: YAML front matter, ``#`` headings, ``>`` bylines.

Only that structure is read; everything else in the body stays text (it is
escaped on output like any other source text).
"""

from __future__ import annotations

import re
from typing import TypeVar

import yaml

from ..errors import SourceError
from ..model import Metadata
from ..text.dates import date_problem
from ..text.normalise import LINE_BREAK, one_line
from ..text.yaml_nodes import UnreadableValue, compose, line_of, scalar_text, shown_text, to_python

#: Front matter between ``---`` lines, ended by LF, CRLF or CR (crawlers on Windows and old Macs
#: write them); a byte-order mark decoding left in front of it is allowed.
_FRONT = re.compile(
    r"\A\ufeff?---[ \t]*(?:\r\n|\r|\n)(?P<yaml>.*?(?:\r\n|\r|\n))?---[ \t]*(?:\r\n|\r|\n|\Z)", re.DOTALL
)
#: ``## 标题 ##``: the marks, then the text; its closing ``#`` run is cut by :func:`_heading_text`
#: (a lazy ``(.*?)\s*#*\s*$`` in the pattern took time quadratic in a long run of ``#``).
_HEADING = re.compile(r"^(?P<marks>#{1,6})\s+(?P<text>.*)$")
_QUOTE = re.compile(r"^>\s?(?P<text>.*)$")
_IMAGE = re.compile(r"^!\[[^\]]*\]\([^)]*\)$")

T = TypeVar("T", str, list[str])

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


def _as_text(value: str | None) -> str:
    """A scalar front-matter value as one normalised line (it may become a heading)."""
    return "" if value is None else one_line(value)


def _names(node: yaml.Node) -> list[str] | None:
    """The author names of a value: a scalar split at commas, or a list of scalars; else ``None``.

    Decided on the nodes, never by ``str()`` of the value: a mapping nested a thousand deep
    would raise RecursionError there, and an alias bomb would take forever.
    """
    if isinstance(node, yaml.ScalarNode):
        return re.split(r"[,，、;；]\s*", _as_text(scalar_text(node)))
    if isinstance(node, yaml.SequenceNode) and all(isinstance(item, yaml.ScalarNode) for item in node.value):
        to_python(node)  # its tag: ``!!python/tuple [a]`` is no list of names
        return [_as_text(scalar_text(item)) for item in node.value]
    return None


def _iso_date(value: str) -> str:
    """``value`` in the site's date form when it is a timestamp or a Chinese date; else as given."""
    if match := _TIMESTAMP.match(value):
        return match[1]
    if match := _CHINESE_DATE.match(value):
        year, month, day = match.groups()
        return "-".join([year, *(f"{int(part):02d}" for part in (month, day) if part)])
    return value


def read_source_front_matter(text: str, path: str) -> tuple[Metadata, str, int]:
    """Split ``text`` into metadata from its front matter, the body, and the body's first line.

    Keys the site does not know are ignored (crawlers add many); a known key whose value
    is not text (a list, a mapping), or a date that is not a date, is refused at its line.
    """
    match = _FRONT.match(text)
    if not match:
        return Metadata(), text, 1
    body_line = len(LINE_BREAK.findall(text, 0, match.end())) + 1
    root = compose(match["yaml"] or "", path, offset=1)
    if root is None:
        return Metadata(), text[match.end() :], body_line
    if not isinstance(root, yaml.MappingNode):
        raise SourceError(path, "front matter is not a mapping of keys to values", line_of(root) + 1)
    meta = Metadata()
    given: dict[str, tuple[str, int, object]] = {}  # field → the key, line and value that gave it
    for key_node, value_node in root.value:
        # A key that is a list or a mapping (``[a]: 1``) is no key the site knows: ignored.
        field = FIELD_ALIASES.get(key_node.value.lower()) if isinstance(key_node, yaml.ScalarNode) else None
        if field is None:
            continue
        key, line = key_node.value, line_of(value_node) + 1
        try:
            if field == "authors":
                names = _names(value_node)
                if names is None:
                    raise SourceError(path, f"front matter: {key}: expected a name or a list of names", line)
                meta.authors = _agreed(given, field, key, line, [name for name in names if name], path)
                continue
            if not isinstance(value_node, yaml.ScalarNode):
                value = to_python(value_node)  # a list or a mapping, unless its tag cannot be read
                raise SourceError(
                    path, f"front matter: {key}: expected text, got a {type(value).__name__}", line
                )
            value = _as_text(scalar_text(value_node))
        except UnreadableValue as exc:
            raise SourceError(path, f"front matter: {key}: cannot read this value ({exc})", line) from None
        if field == "date" and value:
            value = _iso_date(value)
            problem = date_problem(value)
            if problem:
                raise SourceError(path, f"front matter: {problem}", line)
        setattr(meta, field, _agreed(given, field, key, line, value, path))
    return meta, text[match.end() :], body_line


def _agreed(
    given: dict[str, tuple[str, int, object]], field: str, key: str, line: int, value: T, path: str
) -> T:
    """``value`` for ``field``, refused when an earlier key gave that field another value.

    Crawlers write one fact under two names (``date`` and ``published``) or twice under one;
    picking either would state as fact what the source contradicts.  An empty value states
    nothing, so it neither conflicts nor replaces one given.
    """
    if not value:
        return given[field][2] if field in given else value  # type: ignore[return-value]
    if field in given and given[field][2] != value:
        first_key, first_line, first = given[field]
        raise SourceError(
            path,
            f"front matter: {key}: {_quoted(value)} contradicts {first_key}: {_quoted(first)} "
            f"(line {first_line}); keep one",
            line,
        )
    given[field] = (key, line, value)
    return value


def _quoted(value: object) -> str:
    """A value for a message: text quoted and cut to one short line, a list of names joined."""
    return shown_text("、".join(value) if isinstance(value, list) else str(value))


def _heading_text(text: str) -> str:
    """A heading's text without its closing run of ``#`` and the spaces around it."""
    return text.rstrip().rstrip("#").rstrip()


def markdown_structure(lines: list[str]) -> tuple[list[str], list[str]]:
    """Strip Markdown heading, quote and image markers from normalised lines.

    Returns the lines' text and a hint per line (``title``, ``heading``, ``quote``,
    ``image`` or empty), so the segment stage can trust what Markdown states.
    """
    out: list[str] = []
    hints: list[str] = []
    for line in lines:
        if m := _HEADING.match(line):
            out.append(_heading_text(m["text"]))
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
