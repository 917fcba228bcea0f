"""The term ↔ article ↔ place graph: which articles and which places each glossary term links.

Why a pre-rendered SVG and not a graph library (cytoscape, sigma): those draw on a canvas
or WebGL, so their nodes are no elements a keyboard can reach or a screen reader can name,
and they ship 400 kB or more of script; a static SVG whose nodes are ``<a>`` links is
reachable with Tab, named by its ``aria-label``, works without JavaScript and offline, and
costs no dependency.  The layout is deterministic: three columns (places, terms, articles),
each ordered by barycentre sweeps so that edges cross less, every tie broken by the
input's order.

Edges come from the article pages only: a term links an article when one of its paragraphs
mentions the term (:func:`dangjian.regions.pages.paragraph_facts`), and a place when such a
paragraph stands in a piece located there (:func:`dangjian.regions.locate.locate_pieces`),
counted at the prefecture level (the province only when a piece names no prefecture) so the
graph stays readable.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html import escape

from ..glossary.matcher import TermMatcher
from ..regions.divisions import Divisions
from ..regions.gazetteer import Gazetteer
from ..regions.locate import PieceLocation, locate_pieces
from ..regions.pages import ParagraphFacts, paragraph_facts

KINDS = ("place", "term", "article")
KIND_NAMES = {"place": "地区", "term": "术语", "article": "文章"}


@dataclass(frozen=True)
class ArticleLinks:
    """What one article gives the graph: per term, the paragraphs that mention it and their places."""

    article: str
    terms: dict[str, tuple[str, ...]]  # term → anchors of the paragraphs that mention it
    places: dict[str, tuple[str, ...]]  # term → gazetteer keys (prefecture level) of those paragraphs


def graph_places(gazetteer: Gazetteer, places: Iterable[str]) -> list[str]:
    """The prefecture-level places of ``places`` (their own or their ancestors'), in order.

    A piece located only at a province keeps the province; a piece that names a prefecture
    too does not add its province, which would link every term of the article to it.
    """
    found: list[str] = []
    provinces: list[str] = []
    for key in places:
        for name in gazetteer.ancestors(key):
            place = gazetteer.get(name)
            level = place.level if place else ""
            target = found if level == "prefecture" else provinces if level == "province" else None
            if target is not None and name not in target:
                target.append(name)
    return found or provinces


def article_links(
    article: str, page: str, matcher: TermMatcher, gazetteer: Gazetteer, divisions: Divisions | None
) -> ArticleLinks:
    """The graph's edges that one article page gives, read from its paragraphs and pieces."""
    pieces = locate_pieces(article, page, gazetteer, divisions)
    return links_from(article, pieces, paragraph_facts(article, page, matcher), gazetteer)


def links_from(
    article: str, pieces: list[PieceLocation], paragraphs: list[ParagraphFacts], gazetteer: Gazetteer
) -> ArticleLinks:
    """The edges of one article from its located pieces and paragraph facts (as the region pages have them)."""
    located = {loc.index: graph_places(gazetteer, loc.places) for loc in pieces}
    terms: dict[str, list[str]] = {}
    places: dict[str, list[str]] = {}
    for para in paragraphs:
        for term in para.terms:
            terms.setdefault(term, []).append(para.anchor)
            seen = places.setdefault(term, [])
            seen += [key for key in located.get(para.piece, []) if key not in seen]
    return ArticleLinks(
        article,
        {term: tuple(anchors) for term, anchors in terms.items()},
        {term: tuple(keys) for term, keys in places.items() if keys},
    )


@dataclass(frozen=True)
class Graph:
    """Nodes per kind (in their initial order) and the edges, each ``(kind:key, kind:key)``."""

    nodes: dict[str, tuple[str, ...]]
    edges: tuple[tuple[str, str], ...]

    def neighbours(self, node: str) -> list[str]:
        return [b if a == node else a for a, b in self.edges if node in (a, b)]


def node_id(kind: str, key: str) -> str:
    return f"{kind}:{key}"


def build_graph(
    links: Iterable[ArticleLinks],
    term_order: list[str],
    place_order: list[str],
    min_shared: int = 1,
    max_articles: int = 0,
) -> Graph:
    """The graph of ``links``: terms that link at least ``min_shared`` articles or places.

    ``term_order`` and ``place_order`` give the initial order (glossary and gazetteer order);
    articles come in corpus order.  Terms or places missing from them go last, by name.
    ``max_articles`` (0: all) keeps the articles that link the most terms, so the graph of a
    large corpus stays drawable; the terms and places are counted over every article.
    """
    by_term_articles: dict[str, list[str]] = {}
    by_term_places: dict[str, list[str]] = {}
    for link in sorted(links, key=lambda found: found.article):
        for term in link.terms:
            by_term_articles.setdefault(term, []).append(link.article)
        for term, keys in link.places.items():
            seen = by_term_places.setdefault(term, [])
            seen += [key for key in keys if key not in seen]
    kept = [
        t
        for t in by_term_articles
        if max(len(by_term_articles[t]), len(by_term_places.get(t, []))) >= min_shared
    ]
    articles = _top_articles(by_term_articles, kept, max_articles)
    edges = [(node_id("place", p), node_id("term", t)) for t in kept for p in by_term_places.get(t, [])]
    edges += [
        (node_id("term", t), node_id("article", a))
        for t in kept
        for a in by_term_articles[t]
        if a in articles
    ]
    places = {p for t in kept for p in by_term_places.get(t, [])}
    nodes = {
        "place": tuple(_ordered(places, place_order)),
        "term": tuple(_ordered(set(kept), term_order)),
        "article": tuple(sorted(articles)),
    }
    return Graph(nodes, tuple(edges))


def _top_articles(by_term: dict[str, list[str]], kept: list[str], limit: int) -> set[str]:
    """The articles linked to a kept term; with ``limit``, those linking the most terms (corpus order on ties)."""
    degree: dict[str, int] = {}
    for term in kept:
        for article in by_term[term]:
            degree[article] = degree.get(article, 0) + 1
    ranked = sorted(degree, key=lambda a: (-degree[a], a))
    return set(ranked[:limit] if limit else ranked)


def _ordered(names: set[str], order: list[str]) -> list[str]:
    rank = {name: i for i, name in enumerate(order)}
    return sorted(names, key=lambda n: (rank.get(n, len(rank)), n))


def _sweep(graph: Graph, columns: dict[str, list[str]], kind: str) -> None:
    """Reorder one column by the mean position of each node's neighbours (ties keep their order)."""
    position: dict[str, float] = {}
    for other, names in columns.items():
        if other != kind:
            for i, name in enumerate(names):
                position[node_id(other, name)] = (i + 0.5) / len(names)
    own = columns[kind]

    def centre(item: tuple[int, str]) -> tuple[float, int]:
        index, name = item
        near = [position[n] for n in graph.neighbours(node_id(kind, name)) if n in position]
        return (sum(near) / len(near) if near else (index + 0.5) / len(own), index)

    columns[kind] = [name for _, name in sorted(enumerate(own), key=centre)]


def order_columns(graph: Graph, sweeps: int = 4) -> dict[str, list[str]]:
    """Each column's order after ``sweeps`` barycentre passes (terms, then places and articles)."""
    columns = {kind: list(graph.nodes[kind]) for kind in KINDS}
    if all(columns.values()):
        for _ in range(sweeps):
            for kind in ("term", "place", "article"):
                _sweep(graph, columns, kind)
    return columns


ROW = 26  # px between two node centres in the longest column
BOX = 20  # a node's height
GAP = 140  # px between columns (room for the edges)
FONT = 13
MAX_LABEL = 14  # characters shown of a long label (the accessible name has all of it)
#: Fill and border per kind: dark text (#1a1a1a) on each fill is above 12:1, each border
#: above 3:1 against white (WCAG 2.1 AA for text and for graphics); the stylesheet adds focus.
COLOURS = {"place": ("#e3eefb", "#1f5a96"), "term": ("#fdeede", "#8a4500"), "article": ("#e5f3e6", "#2b6a2f")}
INK = "#1a1a1a"
EDGE = "#767676"  # 4.5:1 on white, 4:1 on the dark theme's background


def text_width(text: str) -> float:
    """Rendered width estimate at :data:`FONT` px: CJK and full-width characters are square."""
    return sum(FONT if ord(c) > 0x2E7F else FONT * 0.6 for c in text)


def short_label(text: str) -> str:
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"


@dataclass(frozen=True)
class Box:
    """One laid-out node: where it is drawn and what it says."""

    kind: str
    key: str
    label: str  # shown
    x: float
    y: float  # centre
    width: float


@dataclass(frozen=True)
class Layout:
    width: float
    height: float
    boxes: tuple[Box, ...]  # column by column, top to bottom: the Tab order
    edges: tuple[tuple[Box, Box], ...]  # left box, right box


def layout(graph: Graph, labels: dict[str, str]) -> Layout:
    """Three columns, evenly spread over the longest one's height; ``labels`` maps node ids to text."""
    columns = order_columns(graph)
    tallest = max((len(names) for names in columns.values()), default=0)
    height = max(tallest, 1) * ROW
    boxes: list[Box] = []
    x = 2.0
    for kind in KINDS:
        names = columns[kind]
        shown = [short_label(labels.get(node_id(kind, n), n)) for n in names]
        width = max((text_width(s) for s in shown), default=0) + 16
        for i, (name, text) in enumerate(zip(names, shown, strict=True)):
            boxes.append(Box(kind, name, text, x, (i + 0.5) * height / len(names), width))
        x += width + GAP
    where = {node_id(b.kind, b.key): b for b in boxes}
    edges = tuple((where[a], where[b]) for a, b in graph.edges if a in where and b in where)
    return Layout(x - GAP + 2, height, tuple(boxes), edges)


def _edge(left: Box, right: Box) -> str:
    x1, x2 = left.x + left.width, right.x
    mid = (x1 + x2) / 2
    return f"M{x1:.1f} {left.y:.1f}C{mid:.1f} {left.y:.1f} {mid:.1f} {right.y:.1f} {x2:.1f} {right.y:.1f}"


def render_svg(
    plan: Layout,
    href: Callable[[Box], str],
    name: Callable[[Box], str],
    title: str = "术语、文章与地区关系图",
) -> str:
    """The SVG: edges below, then one ``<a>`` per node with ``aria-label`` and ``<title>``.

    Node ``nI`` and its edges (classes ``eI``) are tied by one CSS rule each, so hovering or
    focusing a node shows its own edges without any script (``:has``).
    """
    index = {id(box): i for i, box in enumerate(plan.boxes)}
    rules = "".join(
        f".kb-graph-svg:has(.n{i}:is(:hover,:focus-visible)) .e{i}"
        "{stroke:var(--kb-graph-on,#b00020);stroke-width:2.5;stroke-opacity:1}"
        for i in range(len(plan.boxes))
    )
    lines = [
        f'<svg class="kb-graph-svg" xmlns="http://www.w3.org/2000/svg" role="group" '
        f'aria-label="{escape(title)}" viewBox="0 0 {plan.width:.0f} {plan.height:.0f}" '
        f'width="{plan.width:.0f}" height="{plan.height:.0f}">',
        f"<style>{rules}</style>",
        f'<g class="kb-graph-edges" aria-hidden="true" fill="none" stroke="{EDGE}">',
        *(f'<path class="e{index[id(a)]} e{index[id(b)]}" d="{_edge(a, b)}"/>' for a, b in plan.edges),
        "</g>",
    ]
    for i, box in enumerate(plan.boxes):
        label = escape(name(box))
        fill, border = COLOURS[box.kind]
        lines.append(
            f'<a class="kb-graph-node kb-graph-{box.kind} n{i}" href="{escape(href(box))}" aria-label="{label}">'
            f"<title>{label}</title>"
            f'<rect x="{box.x:.1f}" y="{box.y - BOX / 2:.1f}" width="{box.width:.1f}" height="{BOX}" rx="4" '
            f'fill="{fill}" stroke="{border}"/>'
            f'<text x="{box.x + 8:.1f}" y="{box.y + FONT * 0.36:.1f}" fill="{INK}" font-size="{FONT}">'
            f"{escape(box.label)}</text></a>"
        )
    lines.append("</svg>")
    return "\n".join(lines)
