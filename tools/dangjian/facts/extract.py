"""The facts of one article page, read from its paragraphs, bylines and front-matter corrections.

Every fact cites its paragraph (``article#p-…``) and is placed at the finest gazetteer place
its clause, else its paragraph, names inside the article's stated region, else at its
piece's location (:func:`dangjian.regions.locate.locate_pieces`).  A kind the page's
``facts:`` front matter gives replaces what is extracted: contributors own their pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import REGION_KEYS
from ..pages.figures import find_figures
from ..pages.frontmatter import front_matter_data
from ..pages.paragraphs import Paragraph, page_paragraphs
from ..regions.divisions import Divisions
from ..regions.gazetteer import LEVELS, Gazetteer
from ..regions.infer import stated_place
from ..regions.locate import locate_pieces
from ..regions.match import named_places
from .corrections import corrected_kinds
from .dates import DATE, date_mentions
from .model import Event, Facts, Organisation, Person, Statistic
from .people import byline_people, organisations_in, people_in

#: Periods a figure is reported for, besides dates (截至目前, 三年来 …).
_PERIOD = re.compile(
    rf"{DATE.pattern}|截至目前|目前|近年来|多年来|年初以来|[一二三四五六七八九十两\d]+年来|\d+年内"
)
_SENTENCE = re.compile(r"[。；;！!？?]")
#: The role a front matter's ``article.editor`` states.
EDITOR_ROLE = "责任编辑"


@dataclass(frozen=True)
class _Context:
    """What placing a fact needs of its article.

    ``named`` holds every place the page names inside its stated region, with the forms
    that name it: namesakes are told apart by the whole page (as :func:`named_places` does
    for any part of it), so the page is read once and each clause only asks which forms it holds.
    """

    pieces: dict[int, str]  # piece → its location's first place
    forms: frozenset[str] = frozenset()  # every place form of the gazetteer (organisations lead with one)
    named: dict[str, tuple[str, ...]] = field(default_factory=dict)  # key → its forms
    levels: dict[str, int] = field(default_factory=dict)  # key → depth (province 0 … village 4)

    def places_in(self, text: str) -> list[str]:
        """The page's places that ``text`` names, in the page's order."""
        return [key for key, forms in self.named.items() if any(form in text for form in forms)]


def _finest(ctx: _Context, text: str) -> str:
    """The most specific place ``text`` names (the first named among equals), "" if none."""
    ranked = [(ctx.levels[k], -i, k) for i, k in enumerate(ctx.places_in(text))]
    return max(ranked)[2] if ranked else ""


def _place(ctx: _Context, paragraph: Paragraph, *texts: str) -> str:
    """The finest place named in ``texts`` (tried in order), then the paragraph, then the piece."""
    for text in (*texts, paragraph.text):
        found = _finest(ctx, text)
        if found:
            return found
    return ctx.pieces.get(paragraph.piece, "")


def _sentence(text: str, at: int) -> tuple[int, int]:
    left = max((m.end() for m in _SENTENCE.finditer(text, 0, at)), default=0)
    right = _SENTENCE.search(text, at)
    return left, right.start() if right else len(text)


def _period(text: str, at: int) -> str:
    """The last period stated in the figure's sentence before it ("" if none)."""
    left, _right = _sentence(text, at)
    found = [m.group() for m in _PERIOD.finditer(text, left, at)]
    return found[-1] if found else ""


def statistics_of(ctx: _Context, paragraph: Paragraph) -> list[Statistic]:
    return [
        Statistic(
            what=f.clause,
            value=f.value,
            unit=f.unit,
            amount=f.amount,
            qualifier=f.approx,
            place=_place(ctx, paragraph, f.clause),
            period=_period(paragraph.text, f.start),
            paragraph=paragraph.target,
        )
        for f in find_figures(paragraph.text)
    ]


def events_of(ctx: _Context, paragraph: Paragraph, base: str) -> list[Event]:
    return [
        Event(m.stated, m.clause, m.resolved, _place(ctx, paragraph, m.clause), paragraph.target)
        for m in date_mentions(paragraph.text, base)
    ]


def people_of(ctx: _Context, paragraph: Paragraph) -> list[Person]:
    out = []
    for found in people_in(paragraph.text):
        left, right = _sentence(paragraph.text, found.start)
        place = _place(ctx, paragraph, found.role, paragraph.text[left:right])
        out.append(Person(found.name, found.role, place, paragraph.target))
    return out


def organisations_of(ctx: _Context, paragraph: Paragraph) -> list[Organisation]:
    return [
        Organisation(name, kind, _finest(ctx, name), paragraph.target)
        for name, kind, _start in organisations_in(paragraph.text, ctx.forms)
    ]


def bylines_of(front: dict) -> list[Person]:
    """Reporters, correspondents and photographers from bylines and credits, with the role printed."""
    article = front.get("article") if isinstance(front.get("article"), dict) else {}
    pieces = [p for p in front.get("pieces") or [] if isinstance(p, dict)]
    known = {str(a) for a in article.get("authors") or []}
    known |= {str(a) for p in pieces for a in p.get("authors") or []}
    out: list[Person] = []
    for number, piece in enumerate(pieces or [{}], start=1):
        lines = [str(b) for b in piece.get("bylines") or []] + [str(piece.get("dateline") or "")]
        if number == 1:
            lines += [str(article.get("credits") or ""), str(article.get("photo_credit") or "")]
        out += [Person(name, role, piece=number) for name, role in byline_people(lines, known)]
    if article.get("editor"):
        out.append(Person(str(article["editor"]), EDITOR_ROLE, piece=1))
    return out


def _unique(items: list, key: str) -> tuple:
    """The first of each ``key`` value: a person named in three paragraphs is one entry."""
    seen: set[str] = set()
    out = []
    for item in items:
        if getattr(item, key) not in seen:
            seen.add(getattr(item, key))
            out.append(item)
    return tuple(out)


def _context(
    article: str, page: str, paragraphs: list[Paragraph], gazetteer: Gazetteer, divisions: Divisions | None
) -> _Context:
    meta = front_matter_data(page).get("article")
    region = {key: str(meta.get(key) or "") for key in REGION_KEYS} if isinstance(meta, dict) else {}
    whole = "\n".join(p.text for p in paragraphs)
    stated = stated_place(gazetteer, region, whole, divisions)
    named: dict[str, tuple[str, ...]] = {}
    levels: dict[str, int] = {}
    for key in named_places(gazetteer, whole, stated, around=whole):
        place = gazetteer.get(key)
        if place is not None:
            named[key], levels[key] = (place.name, *place.aliases), LEVELS.index(place.level)
    pieces = {loc.index: loc.places[0] for loc in locate_pieces(article, page, gazetteer, divisions)}
    return _Context(pieces, frozenset(gazetteer.all_forms()), named, levels)


def extracted_facts(
    article: str, page: str, gazetteer: Gazetteer, divisions: Divisions | None = None
) -> Facts:
    """What the extractor finds on the page, before any front-matter correction."""
    front = front_matter_data(page)
    paragraphs = page_paragraphs(article, page)
    ctx = _context(article, page, paragraphs, gazetteer, divisions)
    meta = front.get("article") if isinstance(front.get("article"), dict) else {}
    base = str(meta.get("date") or "")
    stats, people, orgs, events = [], [], [], []
    for paragraph in paragraphs:
        if not paragraph.anchor:
            continue  # nothing to cite
        stats += statistics_of(ctx, paragraph)
        people += people_of(ctx, paragraph)
        orgs += organisations_of(ctx, paragraph)
        events += events_of(ctx, paragraph, base)
    return Facts(
        article,
        statistics=tuple(stats),
        people=_unique(people + bylines_of(front), "name"),
        organisations=_unique(orgs, "name"),
        events=tuple(events),
    )


def facts_of_page(article: str, page: str, gazetteer: Gazetteer, divisions: Divisions | None = None) -> Facts:
    """The facts of one article page: extracted, each kind its front matter corrects replaced."""
    facts = extracted_facts(article, page, gazetteer, divisions)
    corrections = corrected_kinds(article, front_matter_data(page).get("facts"))
    if not corrections:
        return facts
    return Facts(
        article,
        **{kind: corrections.get(kind, getattr(facts, kind)) for kind in facts.counts()},
        corrected=tuple(corrections),
    )
