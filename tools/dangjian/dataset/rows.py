"""One table row from one typed value: an article's front matter, a paragraph, a term, a place.

Rows hold what the sources state: an empty value is ``None`` (not stated), never a guess.
"""

from __future__ import annotations

from collections import Counter

from ..facts.model import Facts
from ..glossary.matcher import TermMatcher
from ..glossary.model import CATEGORIES, Entry, sense_label
from ..layout import ARTICLES, REGIONS, in_docs
from ..pages.paragraphs import Paragraph
from ..regions.gazetteer import LEVEL_NAMES, Place, slug
from ..regions.locate import PieceLocation
from ..regions.pages import RegionTree
from .schema import LIST_SEPARATOR

Row = dict[str, object]
#: The site's documents the rows link to (pages are ``<docname>.html``).
GLOSSARY_PAGE = "glossary/index.html"
ARTICLE_FIELDS = ("title", "original_title", "publication", "date", "url")
AFTER_REGION = ("script", "rights", "editor")


def _blank(value: object) -> object:
    """``None`` for a value the source leaves empty; lists joined into one cell."""
    if isinstance(value, list | tuple):
        value = LIST_SEPARATOR.join(str(v) for v in value if str(v))
    return None if value in ("", None) else value


def _row(**values: object) -> Row:
    return {key: _blank(value) for key, value in values.items()}


def _text(mapping: object, key: str) -> object:
    value = mapping.get(key) if isinstance(mapping, dict) else None
    return value if isinstance(value, list) else str(value or "")


def article_row(article: str, meta: dict) -> Row:
    """One ``articles`` row from the page's ``article:`` front matter."""
    region = {key: _text(meta, key) for key in ("province", "city", "county")}
    return _row(
        id=article,
        **{key: _text(meta, key) for key in ARTICLE_FIELDS},
        authors=_text(meta, "authors"),
        **region,
        **{key: _text(meta, key) for key in AFTER_REGION},
        page=f"{in_docs(ARTICLES)}/{article}.html",
    )


def piece_rows(article: str, pieces: object, located: list[PieceLocation]) -> list[Row]:
    """The ``pieces`` rows of one article: its front matter's pieces, with their first place."""
    places = {loc.index: loc.places[0] for loc in located if loc.places}
    rows = []
    for index, piece in enumerate(pieces if isinstance(pieces, list) else [], start=1):
        rows.append(
            _row(
                article=article,
                number=index,
                **{key: _text(piece, key) for key in ("title", "subtitle", "kicker", "dateline", "authors")},
                place=places.get(index, ""),
            )
        )
    return rows


def paragraph_row(paragraph: Paragraph) -> Row:
    return _row(
        id=paragraph.target,
        article=paragraph.article,
        piece=paragraph.piece,
        section=paragraph.section,
        anchor=paragraph.anchor,
        line=paragraph.lineno,
        text=paragraph.text,
        page=f"{in_docs(ARTICLES)}/{paragraph.article}.html#{paragraph.anchor}",
    )


def mention_rows(paragraph: Paragraph, matcher: TermMatcher) -> list[Row]:
    """How often each glossary term is mentioned in one paragraph (as the site links them)."""
    counts = Counter(match.term for match in matcher.find(paragraph.text))
    return [
        _row(term=term, paragraph=paragraph.target, article=paragraph.article, count=n)
        for term, n in counts.items()
    ]


def _year(resolved: str) -> int | None:
    head = resolved[:4]
    return int(head) if len(head) == 4 and head.isdigit() else None


def fact_rows(facts: Facts) -> dict[str, list[Row]]:
    """The four fact tables' rows of one article (ids are numbered later, over all articles)."""
    a = facts.article
    return {
        "statistics": [
            _row(article=a, paragraph=s.paragraph, what=s.what, value=s.value, unit=s.unit, amount=s.amount)
            | _row(qualifier=s.qualifier, place=s.place, period=s.period)
            for s in facts.statistics
        ],
        "people": [
            _row(
                article=a, name=p.name, role=p.role, place=p.place, paragraph=p.paragraph, piece=p.piece or ""
            )
            for p in facts.people
        ],
        "organisations": [
            _row(article=a, name=o.name, kind=o.kind, place=o.place, paragraph=o.paragraph)
            for o in facts.organisations
        ],
        "events": [
            _row(article=a, paragraph=e.paragraph, date=e.date, resolved=e.resolved, year=_year(e.resolved))
            | _row(what=e.what, place=e.place)
            for e in facts.events
        ],
    }


def term_rows(entry: Entry) -> tuple[Row, list[Row]]:
    """The ``terms`` row of one glossary entry and its ``senses`` rows."""
    background = entry.background
    term = _row(
        term=entry.term,
        traditional=entry.traditional,
        pinyin=entry.pinyin,
        english=entry.english,
        category=entry.category,
        category_name=CATEGORIES.get(entry.category, ""),
        definition=entry.definition,
        sources=entry.sources,
        aliases=entry.aliases,
        related=entry.related,
        senses=len(entry.senses),
        background=background.text if background else "",
        background_source=background.source if background else "",
        background_url=background.url if background else "",
        page=f"{GLOSSARY_PAGE}#{entry.anchor}",
    )
    term["senses"] = len(entry.senses)  # 0 is a count, not an empty value
    senses = [
        _row(term=entry.term, number=i, label=sense_label(i - 1), definition=s.definition, sources=s.sources)
        for i, s in enumerate(entry.senses, start=1)
    ]
    return term, senses


def place_rows(tree: RegionTree) -> list[Row]:
    """The places the site has a page for (a piece is located there or below), in gazetteer order."""
    return [place_row(place, tree) for place in tree.places()]


def place_row(place: Place, tree: RegionTree) -> Row:
    parent = tree.gazetteer.get(place.parent) if place.parent else None
    return _row(
        key=place.key,
        name=place.name,
        level=place.level,
        level_name=LEVEL_NAMES[place.level],
        parent=parent.key if parent is not None and parent.key in tree.pieces else "",
        pieces=len(tree.pieces[place.key]),
        page=f"{in_docs(REGIONS)}/{slug(place)}.html",
    )
