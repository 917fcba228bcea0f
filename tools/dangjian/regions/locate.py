"""Where each piece of an article page is located.

A piece is located where its article's metadata says (the lead piece) and at every
gazetteer place its text names inside that stated region; nothing else is inferred.  A
piece's text is what :func:`dangjian.pages.pieces.split_pieces` says it owns (its sections
printed after another piece included), never what page order suggests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import REGION_KEYS
from ..pages.frontmatter import front_matter_data
from ..pages.pieces import split_pieces
from .divisions import Divisions
from .gazetteer import Gazetteer
from .infer import stated_place
from .match import named_places


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


def locate_pieces(
    article: str, page: str, gazetteer: Gazetteer, divisions: Divisions | None = None
) -> list[PieceLocation]:
    """Where each piece of one article page is located (pieces without a place are left out).

    The article's stated region is its metadata's; with ``divisions`` (the national divisions),
    an article whose metadata names no place gets the one its district names give, when only
    one place fits.  Only places inside that region count: a piece that mentions 江苏 in
    passing is not located in 江苏.
    """
    meta = front_matter_data(page).get("article")
    if not isinstance(meta, dict):
        return []  # front matter it cannot read: the build reports it, and the page has no pieces
    parts = split_pieces(article, page)
    whole = "\n".join(line.text for part in parts for line in part.lines)
    region = {key: str(meta.get(key) or "") for key in REGION_KEYS}
    stated = stated_place(gazetteer, region, whole, divisions)
    out = []
    for index, part in enumerate(parts, start=1):
        places = named_places(gazetteer, "\n".join(line.text for line in part.lines), stated, around=whole)
        if index == 1 and stated and stated not in places:
            places.insert(0, stated)
        if places:
            out.append(PieceLocation(article, index, part.title, tuple(places), str(meta.get("date") or "")))
    return out
