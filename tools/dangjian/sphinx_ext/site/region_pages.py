"""Region pages, generated into the source folder before Sphinx looks for documents.

The pages depend on two inputs only, the gazetteer and the article pages, so
they are rewritten at ``builder-inited`` whenever those change (and left alone
otherwise, so incremental builds stay incremental).  They are not for editing:
the folder is generated, ignored by git, and stale pages are removed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging

from ...errors import SourceError
from ...pages.frontmatter import front_matter_data
from ...regions.divisions import Divisions, open_divisions
from ...regions.gazetteer import Gazetteer, parse_gazetteer
from ...regions.locate import PieceLocation, locate_pieces
from ...regions.pages import GENERATED, build_tree, pdf_book, region_pages
from ..config import get_config

logger = logging.getLogger(__name__)

#: The LaTeX start document, generated beside the region pages.
PDF_BOOK = "pdf-book.md"


def _topic_order(srcdir: Path, topics: list[str]) -> list[str]:
    """Topics in the order their index lists them (others after, by name)."""
    index = srcdir / "topics" / "index.md"
    listed = (
        [line.strip() for line in index.read_text(encoding="utf-8").splitlines()] if index.is_file() else []
    )
    ordered = [f"topics/{name}" for name in listed if f"topics/{name}" in topics]
    return ordered + [t for t in topics if t not in ordered]


#: Where each article page's located pieces are kept between builds (in the doctree folder).
CACHE = "dangjian-regions.json"


class _RegionCache:
    """Located pieces per article page, reused while the page and the gazetteer are unchanged.

    Every build regenerates the region pages before reading; at 1,000 articles, re-reading
    and re-locating every page each time cost seconds on a one-page rebuild.
    """

    def __init__(self, path: Path, gazetteer: bytes) -> None:
        self.path = path
        self.key = hashlib.sha256(gazetteer).hexdigest()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        self.pages: dict[str, dict] = data.get("pages", {}) if data.get("gazetteer") == self.key else {}
        self.seen: dict[str, dict] = {}

    def get(self, page: Path, gazetteer: Gazetteer, divisions: Divisions) -> tuple[list[PieceLocation], str]:
        stat = page.stat()
        stamp = [stat.st_mtime_ns, stat.st_size]
        entry = self.pages.get(page.stem)
        if entry is None or entry["stamp"] != stamp:
            text = page.read_text(encoding="utf-8")
            meta = front_matter_data(text).get("article")
            entry = {
                "stamp": stamp,
                "locations": [asdict(loc) for loc in locate_pieces(page.stem, text, gazetteer, divisions)],
                "province": str(meta.get("province") or "") if isinstance(meta, dict) else "",
            }
        self.seen[page.stem] = entry
        found = [PieceLocation(**{**loc, "places": tuple(loc["places"])}) for loc in entry["locations"]]
        return found, entry["province"]

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps({"gazetteer": self.key, "pages": self.seen}), encoding="utf-8")


def generate_region_pages(app: Sphinx) -> None:
    config = app.config
    source = Path(app.srcdir, get_config(config).gazetteer_file)
    if not source.is_file():
        return
    try:
        gazetteer = parse_gazetteer(source.read_text(encoding="utf-8"), str(source))
    except SourceError as error:
        raise ExtensionError(f"dangjian: {error}") from None
    try:
        divisions = open_divisions()
    except SourceError as error:
        raise ExtensionError(f"dangjian: {error}") from None
    # A new gazetteer or a new release of the divisions can move any piece.
    cache = _RegionCache(Path(app.doctreedir, CACHE), source.read_bytes() + divisions.version.encode())
    locations = []
    provinces: list[tuple[str, str]] = []
    for page in sorted(Path(app.srcdir, get_config(config).articles_dir).glob("*.md")):
        if page.stem != "index":
            found, province = cache.get(page, gazetteer, divisions)
            locations += found
            provinces.append((page.stem, province))
    cache.save()
    pages = region_pages(build_tree(gazetteer, locations))
    topics = sorted(f"topics/{p.stem}" for p in Path(app.srcdir, "topics").glob("*.md") if p.stem != "index")
    pages[PDF_BOOK] = pdf_book(provinces, _topic_order(Path(app.srcdir), topics), "glossary/index")
    folder = Path(app.srcdir, get_config(config).regions_dir)
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in pages.items():
        target = folder / name
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
    for stale in folder.glob("*.md"):
        if stale.name not in pages and stale.read_text(encoding="utf-8").startswith(GENERATED):
            stale.unlink()


def setup_region_pages(app: Sphinx) -> None:
    app.connect("builder-inited", generate_region_pages)
