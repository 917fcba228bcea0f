"""Region pages, generated into the source folder before Sphinx looks for documents.

The pages depend on three inputs only, the gazetteer, the glossary (each place page lists
the terms its pieces' paragraphs mention) and the article pages, so they are rewritten at
``builder-inited`` whenever those change (and left alone
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
from ...facts.extract import facts_of_page
from ...glossary.matcher import TermMatcher
from ...pages.frontmatter import front_matter_data
from ...regions.divisions import Divisions, open_divisions
from ...regions.gazetteer import Gazetteer, parse_gazetteer
from ...regions.locate import PieceLocation, locate_pieces
from ...regions.pages import (
    GENERATED,
    ParagraphFacts,
    PlacePerson,
    build_tree,
    paragraph_facts,
    pdf_book,
    region_pages,
)
from ..config import get_config
from ..terms.domain import terms_domain

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
#: Part of the cache key: bump it when what an entry holds (or how it is computed) changes.
CACHE_VERSION = b"4: locations, province, paragraph terms and figures, people"


def _stamp(page: Path) -> list[int]:
    stat = page.stat()
    return [stat.st_mtime_ns, stat.st_size]


def _people(article: str, page: str, gazetteer: Gazetteer, divisions: Divisions) -> list[list[str]]:
    """The people the facts model finds in the page's paragraphs, with their place (bylines left out)."""
    out = []
    for person in facts_of_page(article, page, gazetteer, divisions).people:
        _, _, anchor = person.paragraph.partition("#")
        if anchor and person.place:
            out.append([article, anchor, person.name, person.role, person.place])
    return out


def _decode(entry: dict) -> tuple[list[PieceLocation], list[ParagraphFacts]]:
    found = [PieceLocation(**{**loc, "places": tuple(loc["places"])}) for loc in entry["locations"]]
    paragraphs = [
        ParagraphFacts(**{**p, "terms": tuple(p["terms"]), "figures": tuple(tuple(f) for f in p["figures"])})
        for p in entry["paragraphs"]
    ]
    return found, paragraphs


class RegionFacts:
    """What this build's ``builder-inited`` located and matched, for readers of article pages.

    The graph needs each article's located pieces and paragraph terms when the article is read;
    computing them again cost ~20 ms an article (seconds at 1,000).  The cache file was written
    before reading began; an entry is used only while its page is unchanged since.
    """

    def __init__(self, doctreedir: str | Path) -> None:
        try:
            self.pages: dict[str, dict] = json.loads(Path(doctreedir, CACHE).read_text(encoding="utf-8"))[
                "pages"
            ]
        except (OSError, ValueError, KeyError):
            self.pages = {}

    def get(self, page: Path) -> tuple[list[PieceLocation], list[ParagraphFacts]] | None:
        entry = self.pages.get(page.stem)
        if entry is None or not page.is_file() or entry["stamp"] != _stamp(page):
            return None
        return _decode(entry)


class _RegionCache:
    """Located pieces and paragraph facts per article page, reused while the page and the key are unchanged.

    Every build regenerates the region pages before reading; at 1,000 articles, re-reading
    and re-locating every page each time cost seconds on a one-page rebuild.  The key is
    everything an entry is computed from besides the page: the gazetteer, the divisions'
    release, the glossary (which terms a paragraph mentions) and :data:`CACHE_VERSION`.
    """

    def __init__(self, path: Path, key: bytes) -> None:
        self.path = path
        self.key = hashlib.sha256(CACHE_VERSION + key).hexdigest()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        self.pages: dict[str, dict] = data.get("pages", {}) if data.get("gazetteer") == self.key else {}
        self.seen: dict[str, dict] = {}

    def get(
        self, page: Path, gazetteer: Gazetteer, divisions: Divisions, matcher: TermMatcher
    ) -> tuple[list[PieceLocation], str, list[ParagraphFacts]]:
        stamp = _stamp(page)
        entry = self.pages.get(page.stem)
        if entry is None or entry["stamp"] != stamp:
            text = page.read_text(encoding="utf-8")
            meta = front_matter_data(text).get("article")
            entry = {
                "stamp": stamp,
                "locations": [asdict(loc) for loc in locate_pieces(page.stem, text, gazetteer, divisions)],
                "province": str(meta.get("province") or "") if isinstance(meta, dict) else "",
                "paragraphs": [asdict(p) for p in paragraph_facts(page.stem, text, matcher)],
                "people": _people(page.stem, text, gazetteer, divisions),
            }
        self.seen[page.stem] = entry
        found, paragraphs = _decode(entry)
        return found, entry["province"], paragraphs

    def people(self, article: str) -> list[PlacePerson]:
        """The people of an article this cache has seen (after :meth:`get`)."""
        return [PlacePerson(*row) for row in self.seen[article]["people"]]

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
    # A new gazetteer or a new release of the divisions can move any piece; a new glossary
    # changes which terms a paragraph mentions.
    terms = terms_domain(app.env)
    glossary = terms.glossary_path.read_bytes() if terms.glossary_path.is_file() else b""
    key = b"\0".join((source.read_bytes(), divisions.version.encode(), glossary))
    cache = _RegionCache(Path(app.doctreedir, CACHE), key)
    locations = []
    provinces: list[tuple[str, str]] = []
    paragraphs: dict[str, list[ParagraphFacts]] = {}
    people: list[PlacePerson] = []
    for page in sorted(Path(app.srcdir, get_config(config).articles_dir).glob("*.md")):
        if page.stem != "index":
            found, province, paragraphs[page.stem] = cache.get(page, gazetteer, divisions, terms.matcher)
            locations += found
            provinces.append((page.stem, province))
            people += cache.people(page.stem)
    cache.save()
    pages = region_pages(build_tree(gazetteer, locations, paragraphs, people))
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
