"""The one reader of a MyST page's front matter: found as the build finds it, read with line numbers.

:func:`split_front_matter` finds the block as MyST does; :func:`read_front_matter` reads it
into data with the line of every value, so checks, region pages and the build's own
warnings all read exactly the front matter the build reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import SourceError
from ..text.yaml_nodes import UnreadableValue, compose, duplicate_keys, to_python, value_lines

Key = tuple[str | int, ...]


def _indent(line: str) -> int:
    """The column of a line's first character, tabs to the next multiple of four (CommonMark)."""
    column = 0
    for character in line:
        if character == " ":
            column += 1
        elif character == "\t":
            column += 4 - column % 4
        else:
            break
    return column


def split_front_matter(lines: list[str]) -> tuple[list[str], int]:
    """A page's front-matter lines (without the fences) and the index of its first body line.

    The fences are found as MyST's parser (markdown-it's front-matter rule) finds them, so the
    checks read exactly the front matter the build reads: the first line opens with three or
    more ``-``; the block ends at a line of as many ``-`` or more indented less than four
    columns, or at ``...`` in column 0, each followed by spaces only; unclosed, there is none.
    """
    if not lines or not lines[0].startswith("---"):
        return [], 0
    markers = len(lines[0]) - len(lines[0].lstrip("-"))
    for i in range(1, len(lines)):
        line = lines[i]
        indent = _indent(line)
        rest = line.lstrip(" \t")
        if indent == 0 and line.startswith("...") and not line[3:].strip(" \t"):
            return lines[1:i], i + 1
        if indent < 4 and rest.startswith("-" * markers) and not rest.lstrip("-").strip(" \t"):
            return lines[1:i], i + 1
    return [], 0


@dataclass
class FrontMatter:
    """A page's front matter as data, with the line of every value (empty when the page has none)."""

    data: dict = field(default_factory=dict)
    lines: dict[Key, int] = field(default_factory=dict)
    start: int = 0  # the first body line (0-based index into the page's lines)
    #: Keys written twice in one mapping: (key path, line of the first, line of a later one).
    duplicates: list[tuple[Key, int, int]] = field(default_factory=list)

    def line(self, *key: str | int) -> int:
        """The line of ``key``, else of its nearest parent, else 1."""
        while key and key not in self.lines:
            key = key[:-1]
        return self.lines.get(key, 1)


def read_front_matter(text: str, path: str) -> FrontMatter:
    """Parse a page's front matter; malformed YAML is a :class:`SourceError` on the page's own line."""
    lines = text.split("\n")  # as the build reads it: LF only (U+2028 or FF end no line)
    front, start = split_front_matter(lines)
    if not front:
        return FrontMatter(start=start)
    try:
        node = compose("\n".join(front), path, offset=1)
    except SourceError as exc:
        raise SourceError(path, f"front matter: {exc.message}", exc.line) from None
    try:
        data = to_python(node) if node is not None else None
    except UnreadableValue as exc:
        raise SourceError(path, f"front matter: cannot read this value ({exc})", exc.line + 1) from None
    if data is None:
        return FrontMatter(start=start)
    if not isinstance(data, dict):
        raise SourceError(path, "front matter: expected keys and values (a YAML mapping)", 2)
    return FrontMatter(data, value_lines(node, offset=1), start, duplicate_keys(node, offset=1))


def front_matter_data(page: str) -> dict:
    """A page's front matter as data, or ``{}`` when it cannot be read (the page's own build
    reports that at its line): for readers that only list what pages state."""
    try:
        return read_front_matter(page, "").data
    except SourceError:
        return {}
