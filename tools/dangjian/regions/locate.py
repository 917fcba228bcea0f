"""Where each piece of an article page is located.

A piece is located where its article's metadata says (the lead piece) and at every
gazetteer place its text names inside that stated region; nothing else is inferred.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..pages.frontmatter import front_matter_data
from ..pages.prose import TextLine, prose_lines
from .gazetteer import Gazetteer


def find_places(gazetteer: Gazetteer, text: str) -> list[str]:
    """The places ``text`` names, longest form first at each position, in order of first mention."""
    forms = gazetteer.forms()
    if not forms:
        return []
    pattern = re.compile("|".join(map(re.escape, sorted(forms, key=len, reverse=True))))
    found: list[str] = []
    for match in pattern.finditer(text):
        name = forms[match.group()]
        if name not in found:
            found.append(name)
    return found


@dataclass(frozen=True)
class PieceLocation:
    """Piece ``index`` (1-based) of ``article`` and the places it is located at."""

    article: str
    index: int
    title: str
    places: tuple[str, ...]
    date: str = ""


def _split_pieces(lines: list[TextLine], titles: list[str]) -> list[list[TextLine]]:
    """Prose lines per piece: a piece after the first starts at its ``##`` heading."""
    parts: list[list[TextLine]] = [[] for _ in titles] or [[]]
    current = 0
    for line in lines:
        if line.level == 2 and current + 1 < len(titles) and line.text == titles[current + 1]:
            current += 1
        parts[current].append(line)
    return parts


def locate_pieces(article: str, page: str, gazetteer: Gazetteer) -> list[PieceLocation]:
    """Where each piece of one article page is located (pieces without a place are left out)."""
    front = front_matter_data(page)
    meta = front.get("article") if isinstance(front.get("article"), dict) else {}
    pieces = [p for p in front.get("pieces") or [] if isinstance(p, dict)]
    titles = [str(p.get("title", "")) for p in pieces] or [str(meta.get("title", article))]
    parts = _split_pieces(prose_lines(article, page), titles)
    region = [str(meta.get(k) or "") for k in ("county", "city", "province")]
    stated = next((name for name in region if name and gazetteer.get(name)), "")
    out = []
    for index, (title, part) in enumerate(zip(titles, parts, strict=True), start=1):
        named = find_places(gazetteer, "\n".join(line.text for line in part))
        # Only places inside the article's stated region: a piece that mentions
        # 江苏 in passing is not located in 江苏.
        places = [p for p in named if stated and stated in gazetteer.ancestors(p)]
        if index == 1 and stated and stated not in places:
            places.insert(0, stated)
        if places:
            out.append(PieceLocation(article, index, title, tuple(places), str(meta.get("date") or "")))
    return out
