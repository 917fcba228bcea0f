"""The article text the glossary is checked and mined against: the MyST pages' prose.

Pages belong to contributors once generated, so the pages, not the raw sources,
are the corpus.  Front matter, directive fences and options, and the traditional
originals (a second copy of the same text) are left out; escapes are undone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..convert.render import ORIGINAL_LABEL
from .frontmatter import split_front_matter

_FENCE = re.compile(r"^(:{3,}|`{3,})")
_OPTION = re.compile(r"^:[\w-]+:")
_ESCAPE = re.compile(r"\\(.)")
#: An editor's mark (``{editor-mark}`cut-off```) is the knowledge base's, not the article's text.
_EDITOR_MARK = re.compile(r"(?<!\\)\{editor-mark\}`[^`]*`")
_HEADING = re.compile(r"^#{1,6}\s+")
#: A block-attribute line (``{#p-ningju}`` above a paragraph): the page's markup, not its text.
ATTRIBUTES = re.compile(r"^\{[#.][^}]*\}$")


@dataclass(frozen=True)
class TextLine:
    """One line of article prose: the page it is on, its line number, its text."""

    article: str
    lineno: int
    text: str
    level: int = 0  # heading level (1 for #, 2 for ## …); 0 for prose


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
            if "{dropdown}" in line and ORIGINAL_LABEL in line:
                skip_until = fence.group(1)
            continue
        if not line or _OPTION.match(line) or line.startswith("%") or ATTRIBUTES.match(line):
            continue
        heading = _HEADING.match(line)
        text = plain_text(line[heading.end() :] if heading else line)
        out.append(TextLine(article, i + 1, text, heading.group().count("#") if heading else 0))
    return out


def plain_text(line: str) -> str:
    """A page line's text as readers see it: escapes undone, editor's marks left out."""
    return _ESCAPE.sub(r"\1", _EDITOR_MARK.sub("", line))


def read_articles(folder: Path) -> dict[str, list[TextLine]]:
    """Every article page in ``folder`` (``index.md`` excepted), by article id."""
    corpus: dict[str, list[TextLine]] = {}
    for page in sorted(folder.glob("*.md")):
        if page.stem == "index":
            continue
        corpus[page.stem] = prose_lines(page.stem, page.read_text(encoding="utf-8"))
    return corpus
