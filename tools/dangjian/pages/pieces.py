"""Which piece (story) each line of an article page belongs to, read from the page's structure.

On a newspaper page a piece's sections can be printed after another piece.  The front
matter says which piece owns each section (``pieces[i].sections``), and the page marks
such a section as a continuation; every consumer asks this module, never page order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .frontmatter import front_matter_data
from .prose import TextLine, prose_lines

#: How the page titles a piece that continues after another piece (``## 标题（续）``).
CONTINUED_SUFFIX = "（续）"


@dataclass
class PiecePart:
    """One piece of a page: its title, its section titles, and every prose line it owns."""

    title: str
    sections: list[str]
    lines: list[TextLine] = field(default_factory=list)


def _parts(front: dict, fallback_title: str) -> list[PiecePart]:
    pieces = [p for p in front.get("pieces") or [] if isinstance(p, dict)]
    parts = [
        PiecePart(str(p.get("title", "")), [str(s) for s in p.get("sections") or [] if isinstance(s, str)])
        for p in pieces
    ]
    return parts or [PiecePart(fallback_title, [])]


def _owner(parts: list[PiecePart], line: TextLine, current: int, opened: int) -> int:
    """The piece a heading line returns to: a ``（续）`` title, or a section one of the pieces
    printed so far lists (the current piece first); else the current piece."""
    text = line.text
    if text.endswith(CONTINUED_SUFFIX):
        title = text[: -len(CONTINUED_SUFFIX)]
        return next((i for i in range(opened + 1) if parts[i].title == title), current)
    if text in parts[current].sections:
        return current
    return next((i for i in range(opened, -1, -1) if text in parts[i].sections), current)


def split_pieces(article: str, page: str) -> list[PiecePart]:
    """The pieces of one article page with their prose lines (headings included)."""
    front = front_matter_data(page)
    meta = front.get("article") if isinstance(front.get("article"), dict) else {}
    parts = _parts(front, str(meta.get("title", article)))
    current = opened = 0  # the piece a line goes to; the last piece whose opening was printed
    for line in prose_lines(article, page):
        if line.level == 2 and opened + 1 < len(parts) and line.text == parts[opened + 1].title:
            current = opened = opened + 1
        elif line.level in (2, 3):
            current = _owner(parts, line, current, opened)
        parts[current].lines.append(line)
    return parts
