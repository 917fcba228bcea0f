"""The article text the glossary is checked and mined against: the MyST pages' prose.

Pages belong to contributors once generated, so the pages, not the raw sources,
are the corpus.  Front matter, directive fences and options, and the traditional
originals (a second copy of the same text) are left out; escapes are undone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_FENCE = re.compile(r"^(:{3,}|`{3,})")
_OPTION = re.compile(r"^:[\w-]+:")
_ESCAPE = re.compile(r"\\(.)")
_HEADING = re.compile(r"^#{1,6}\s+")


@dataclass(frozen=True)
class TextLine:
    """One line of article prose: the page it is on, its line number, its text."""

    article: str
    lineno: int
    text: str
    level: int = 0  # heading level (1 for #, 2 for ## …); 0 for prose


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


def prose_lines(article: str, page: str) -> list[TextLine]:
    """The prose lines of one MyST page (headings included, markup left out)."""
    lines = page.splitlines()
    _front, start = split_front_matter(lines)
    out: list[TextLine] = []
    skip_until: str | None = None
    for i in range(start, len(lines)):
        line = lines[i].strip()
        fence = _FENCE.match(line)
        if skip_until is not None:
            if fence and line == skip_until:
                skip_until = None
            continue
        if fence:
            if "{dropdown}" in line and "繁体原文" in line:
                skip_until = fence.group(1)
            continue
        if not line or _OPTION.match(line) or line.startswith("%"):
            continue
        heading = _HEADING.match(line)
        text = _ESCAPE.sub(r"\1", line[heading.end() :] if heading else line)
        out.append(TextLine(article, i + 1, text, heading.group().count("#") if heading else 0))
    return out


def read_articles(folder: Path) -> dict[str, list[TextLine]]:
    """Every article page in ``folder`` (``index.md`` excepted), by article id."""
    corpus: dict[str, list[TextLine]] = {}
    for page in sorted(folder.glob("*.md")):
        if page.stem == "index":
            continue
        corpus[page.stem] = prose_lines(page.stem, page.read_text(encoding="utf-8"))
    return corpus
