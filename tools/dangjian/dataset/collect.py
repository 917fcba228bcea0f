"""Every table's rows, from the article pages, the glossary and the gazetteer.

:func:`read_inputs` reads the files (the only I/O here); :func:`build_dataset` is pure over
what was read.  Paragraphs without an anchor cannot be cited, so they are left out (and
counted); every other paragraph, term and place the site shows is a row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import SourceError
from ..facts.extract import facts_of_page
from ..glossary.load import parse_glossary
from ..glossary.matcher import TermMatcher
from ..glossary.model import Glossary
from ..layout import ARTICLES, GAZETTEER, GLOSSARY
from ..pages.frontmatter import read_front_matter
from ..pages.paragraphs import page_paragraphs
from ..regions.divisions import Divisions, open_divisions
from ..regions.gazetteer import Gazetteer, parse_gazetteer
from ..regions.locate import PieceLocation, locate_pieces
from ..regions.pages import build_tree
from .rows import Row, article_row, fact_rows, mention_rows, paragraph_row, piece_rows, place_rows, term_rows
from .schema import TABLES

FACT_TABLES = ("statistics", "people", "organisations", "events")


@dataclass(frozen=True)
class Inputs:
    """What the package is made from: article pages (id → text), glossary, gazetteer, divisions."""

    pages: dict[str, str]
    glossary: Glossary
    gazetteer: Gazetteer
    divisions: Divisions | None = None


@dataclass
class Dataset:
    """Every table's rows (``None`` for an empty value) and what was left out."""

    tables: dict[str, list[Row]] = field(default_factory=lambda: {t.name: [] for t in TABLES})
    #: Article id → the rights its source states ("" when it states none).
    rights: dict[str, str] = field(default_factory=dict)
    unanchored_paragraphs: int = 0

    def counts(self) -> dict[str, int]:
        return {name: len(rows) for name, rows in self.tables.items()}


def _article_meta(article: str, page: str) -> tuple[dict, object]:
    """The page's ``article:`` and ``pieces:`` front matter; a page without a title is refused."""
    shown = f"{ARTICLES}/{article}.md"
    front = read_front_matter(page, shown)
    meta = front.data.get("article")
    if not isinstance(meta, dict) or not str(meta.get("title") or "").strip():
        raise SourceError(shown, "front matter states no article.title", front.line("article", "title"))
    return meta, front.data.get("pieces")


@dataclass(frozen=True)
class ArticleRows:
    """One article's rows of every per-article table, and its located pieces (for the places).

    Separate so that a caller can keep them between runs: they depend only on the page, the
    glossary, the gazetteer and the divisions, and computing them is most of the package's cost.
    """

    tables: dict[str, list[Row]]
    rights: str
    located: tuple[PieceLocation, ...]
    unanchored: int


#: What computes an article's rows from its id and page text (:func:`article_rows`, or a cache of it).
RowsOf = Callable[[str, str], ArticleRows]


def article_rows(article: str, page: str, inputs: Inputs, matcher: TermMatcher) -> ArticleRows:
    """Every row one article contributes."""
    meta, pieces = _article_meta(article, page)
    located = locate_pieces(article, page, inputs.gazetteer, inputs.divisions)
    tables: dict[str, list[Row]] = {
        "articles": [article_row(article, meta)],
        "pieces": piece_rows(article, pieces, located),
        "paragraphs": [],
        "mentions": [],
    }
    unanchored = 0
    for paragraph in page_paragraphs(article, page):
        if not paragraph.anchor:
            unanchored += 1
            continue
        tables["paragraphs"].append(paragraph_row(paragraph))
        tables["mentions"] += mention_rows(paragraph, matcher)
    tables |= fact_rows(facts_of_page(article, page, inputs.gazetteer, inputs.divisions))
    return ArticleRows(tables, str(meta.get("rights") or ""), tuple(located), unanchored)


def build_dataset(inputs: Inputs, rows_of: RowsOf | None = None) -> Dataset:
    """All tables, articles in id order, terms in the glossary's (pinyin) order."""
    data = Dataset()
    matcher = TermMatcher.from_glossary(inputs.glossary)
    compute: RowsOf = rows_of or (lambda article, page: article_rows(article, page, inputs, matcher))
    for entry in inputs.glossary.entries:
        term, senses = term_rows(entry)
        data.tables["terms"].append(term)
        data.tables["senses"] += senses
    located: list[PieceLocation] = []
    for article in sorted(inputs.pages):
        part = compute(article, inputs.pages[article])
        for name, rows in part.tables.items():
            data.tables[name] += rows
        data.rights[article] = part.rights
        data.unanchored_paragraphs += part.unanchored
        located += part.located
    data.tables["places"] = place_rows(build_tree(inputs.gazetteer, located))
    for kind in FACT_TABLES:
        data.tables[kind] = [{"id": i, **row} for i, row in enumerate(data.tables[kind], start=1)]
    return data


def _read(root: Path, path: str) -> str:
    try:
        return (root / path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(path, f"not UTF-8 text (byte {exc.start})", 1) from None
    except OSError as exc:
        raise SourceError(path, f"cannot read it ({exc.strerror or exc})") from None


def read_inputs(root: Path, divisions: bool = True) -> Inputs:
    """The repository's article pages, glossary and gazetteer (and the national divisions, which
    the site also uses to place pieces); the first problem is a :class:`SourceError`."""
    glossary, problems = parse_glossary(_read(root, GLOSSARY), GLOSSARY)
    if problems:
        raise problems[0]
    gazetteer = parse_gazetteer(_read(root, GAZETTEER), GAZETTEER)
    pages = {
        page.stem: _read(root, f"{ARTICLES}/{page.name}")
        for page in sorted((root / ARTICLES).glob("*.md"))
        if page.stem != "index"
    }
    return Inputs(pages, glossary, gazetteer, open_divisions() if divisions else None)


def collect(root: Path) -> Dataset:
    """The data package's tables for the repository at ``root``."""
    return build_dataset(read_inputs(root))
