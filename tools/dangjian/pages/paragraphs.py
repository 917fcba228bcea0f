"""The paragraphs of an article page, each with its anchor, piece and section.

Everything the knowledge base states about an article cites a paragraph
(``002-jinzhou#p-jinzhoushi``), so this is the one reader of them: the checks, the
facts, the glossary's citations and the site all ask it.  A paragraph is a line of
prose outside any directive (captions, notes and the traditional originals are not
paragraphs); its anchor is the ``{#p-…}`` line right above it, "" when it has none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..convert.anchors import ANCHOR
from .frontmatter import split_front_matter
from .pieces import split_pieces
from .prose import ATTRIBUTES, plain_text

_FENCE = re.compile(r"^(:{3,}|`{3,})(\{[^}]*\})?")
_HEADING = re.compile(r"^#{1,6}\s")


@dataclass(frozen=True)
class Paragraph:
    """One paragraph: where it is (article, anchor, line), what it says, whose it is."""

    article: str
    anchor: str
    lineno: int
    text: str
    piece: int  # 1-based, as the front matter's pieces are numbered
    section: str  # the heading it stands under ("" for a piece's opening text)

    @property
    def target(self) -> str:
        """How a citation names it: ``article#anchor``."""
        return f"{self.article}#{self.anchor}"


def _outside_fences(lines: list[str], start: int) -> list[int]:
    """Indexes of the lines (from ``start``) that stand outside every directive or code fence."""
    out: list[int] = []
    closing: list[str] = []
    for i in range(start, len(lines)):
        line = lines[i].strip()
        fence = _FENCE.match(line)
        if fence and closing and line == closing[-1]:
            closing.pop()
        elif fence and (fence.group(2) or not closing):
            closing.append(fence.group(1))
        elif not closing:
            out.append(i)
    return out


def _anchor(lines: list[str], index: int) -> str:
    above = lines[index - 1].strip() if index > 0 else ""
    if not ATTRIBUTES.match(above):
        return ""
    found = re.search(r"#([^\s}]+)", above)
    return found.group(1) if found and ANCHOR.fullmatch(found.group(1)) else ""


def page_paragraphs(article: str, page: str) -> list[Paragraph]:
    """Every paragraph of one article page, in page order."""
    lines = page.splitlines()
    _front, start = split_front_matter(lines)
    owner: dict[int, tuple[int, str]] = {}
    for number, part in enumerate(split_pieces(article, page), start=1):
        section = ""
        for line in part.lines:
            if line.level >= 2 and line.text != part.title:
                section = line.text
            owner[line.lineno] = (number, section)
    out = []
    for i in _outside_fences(lines, start):
        line = lines[i].strip()
        if not line or _HEADING.match(line) or ATTRIBUTES.match(line) or line.startswith("%"):
            continue
        piece, section = owner.get(i + 1, (1, ""))
        out.append(Paragraph(article, _anchor(lines, i), i + 1, plain_text(line), piece, section))
    return out


def read_paragraphs(folder: Path) -> dict[str, dict[str, str]]:
    """Every article page's anchored paragraphs in ``folder``: article id → anchor → text."""
    out: dict[str, dict[str, str]] = {}
    for page in sorted(folder.glob("*.md")):
        if page.stem != "index":
            paragraphs = page_paragraphs(page.stem, page.read_text(encoding="utf-8"))
            out[page.stem] = {p.anchor: p.text for p in paragraphs if p.anchor}
    return out
