"""Regions: a gazetteer of the places the corpus names, and where each piece is located.

A piece is located where its article's metadata says (the lead piece) and at every
gazetteer place its text names inside that stated region; nothing else is inferred.  Region pages
are generated from these facts: one per place that has pieces, in a
province → prefecture → county tree.  Pure functions; the Sphinx side writes files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from .corpus import TextLine, prose_lines, split_front_matter
from .errors import SourceError
from .yaml_nodes import UnreadableValue, compose, duplicate_keys, line_of, to_python

LEVELS = ("province", "prefecture", "county")
LEVEL_NAMES = {"province": "省级", "prefecture": "地级", "county": "县级"}
#: Administrative suffixes, longest first: 黑龙江省 → heilongjiang-sheng.
SUFFIXES = ("朝鲜族自治州", "自治州", "自治区", "自治县", "自治旗", "省", "市", "盟", "旗", "县", "区", "州")


@dataclass(frozen=True)
class Place:
    name: str
    level: str
    parent: str
    aliases: tuple[str, ...] = ()
    line: int = 0
    slug: str = ""  # page name, when pypinyin reads a polyphone wrongly (珲春 hún)


@dataclass(frozen=True)
class Gazetteer:
    path: str
    places: tuple[Place, ...]

    def get(self, name: str) -> Place | None:
        return next((p for p in self.places if p.name == name), None)

    def ancestors(self, name: str) -> list[str]:
        """``name`` and its parents, most specific first."""
        chain = []
        place = self.get(name)
        while place is not None and place.name not in chain:
            chain.append(place.name)
            place = self.get(place.parent) if place.parent else None
        return chain

    def children(self, name: str) -> list[Place]:
        return [p for p in self.places if p.parent == name]

    def forms(self) -> dict[str, str]:
        """Every name and alias → the place it means."""
        out = {}
        for place in self.places:
            for form in (place.name, *place.aliases):
                out[form] = place.name
        return out


def parse_gazetteer(text: str, path: str) -> Gazetteer:
    """Read and check a gazetteer; the first problem is a :class:`SourceError` with its line."""
    root = compose(text, path)
    if root is None:
        return Gazetteer(path, ())
    if not isinstance(root, yaml.SequenceNode):
        raise SourceError(path, "expected a list of places", line_of(root))
    places: list[Place] = []
    for node in root.value:
        here = line_of(node)
        try:
            value = to_python(node)
        except UnreadableValue as exc:
            raise SourceError(path, f"cannot read this place ({exc})", here) from None
        if not isinstance(value, dict) or not isinstance(value.get("name"), str) or not value["name"].strip():
            raise SourceError(path, "each place needs a name", here)
        for key, first, line in duplicate_keys(node)[:1]:  # YAML would keep the last without a word
            raise SourceError(
                path,
                f"{value['name']}: {'.'.join(map(str, key))} written twice (first at line {first})",
                line,
            )
        unknown = set(value) - {"name", "level", "parent", "aliases", "slug"}
        if unknown:
            raise SourceError(path, f"{value['name']}: unknown field(s) {', '.join(sorted(unknown))}", here)
        if value.get("level") not in LEVELS:
            raise SourceError(path, f"{value['name']}: level must be one of {', '.join(LEVELS)}", here)
        aliases = value.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a for a in aliases):
            raise SourceError(path, f"{value['name']}: aliases must be a list of names", here)
        places.append(
            Place(
                value["name"].strip(),
                value["level"],
                str(value.get("parent") or "").strip(),
                tuple(aliases),
                here,
                str(value.get("slug") or ""),
            )
        )
    names = {p.name for p in places}
    slugs: dict[str, str] = {}
    for place in places:
        if place.slug and not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", place.slug):
            raise SourceError(
                path,
                f"{place.name}: slug {place.slug!r} must be lower-case letters, digits and hyphens",
                place.line,
            )
        page = slug(place)
        if slugs.setdefault(page, place.name) != place.name:
            raise SourceError(
                path,
                f"{place.name}: page name {page!r} is already used by {slugs[page]}; give one a slug",
                place.line,
            )
    owner: dict[str, str] = {}
    for place in places:
        if place.level == "province" and place.parent:
            raise SourceError(path, f"{place.name}: a province has no parent", place.line)
        if place.level != "province" and place.parent not in names:
            raise SourceError(
                path, f"{place.name}: parent {place.parent!r} is not in the gazetteer", place.line
            )
        for form in (place.name, *place.aliases):
            if owner.setdefault(form, place.name) != place.name:
                raise SourceError(path, f"{place.name}: {form!r} already names {owner[form]}", place.line)
    return Gazetteer(path, tuple(places))


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


def page_front_matter(page: str) -> dict:
    front, _start = split_front_matter(page.split("\n"))
    try:
        node = compose("\n".join(front), "") if front else None
        data = to_python(node) if node is not None else {}
    except (SourceError, UnreadableValue):
        return {}  # the page's own build reports it, with its line
    return data if isinstance(data, dict) else {}


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
    front = page_front_matter(page)
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


def slug(place: Place) -> str:
    """A readable, stable page name: 佳木斯市 → jiamusi-shi (or the place's own ``slug``)."""
    from pypinyin import lazy_pinyin

    if place.slug:
        return place.slug
    name = place.name
    suffix = next((s for s in SUFFIXES if name.endswith(s) and len(name) > len(s)), "")
    stem = name[: len(name) - len(suffix)]
    parts = ["".join(lazy_pinyin(stem)), "".join(lazy_pinyin(suffix))]
    return "-".join(re.sub(r"[^a-z0-9]", "", p.lower()) for p in parts if p)


@dataclass
class RegionTree:
    """The places that have pieces, with the pieces located in each (own and below)."""

    gazetteer: Gazetteer
    pieces: dict[str, list[PieceLocation]] = field(default_factory=dict)

    def add(self, location: PieceLocation) -> None:
        seen: set[str] = set()
        for place in location.places:
            for name in self.gazetteer.ancestors(place):
                if name not in seen:
                    seen.add(name)
                    self.pieces.setdefault(name, []).append(location)

    def places(self) -> list[Place]:
        return [p for p in self.gazetteer.places if p.name in self.pieces]

    def children(self, name: str) -> list[Place]:
        return [p for p in self.gazetteer.children(name) if p.name in self.pieces]


def build_tree(gazetteer: Gazetteer, locations: list[PieceLocation]) -> RegionTree:
    tree = RegionTree(gazetteer)
    for location in locations:
        tree.add(location)
    return tree


GENERATED = (
    "% Generated by dangjian from docs/_data/gazetteer.yaml and the article pages; edits are overwritten."
)


def _toctree(entries: list[str]) -> list[str]:
    return ["```{toctree}", ":maxdepth: 1", "", *entries, "```"]


def region_pages(tree: RegionTree) -> dict[str, str]:
    """MyST pages for the region tree: ``index.md`` and one page per place with pieces."""
    from .convert.escape import escape

    pages: dict[str, str] = {}
    provinces = [p for p in tree.places() if p.level == "province"]
    total = len({(loc.article, loc.index) for locs in tree.pieces.values() for loc in locs})
    index = [
        GENERATED,
        "",
        "# 地区",
        "",
        f"按省、地、县三级浏览本库的 {total} 篇报道。地点来自文章元数据和文中提到的地名（见地名表），不作推断。",
        "",
        *_toctree([slug(p) for p in provinces]),
    ]
    pages["index.md"] = "\n".join(index) + "\n"
    for place in tree.places():
        chain = list(reversed(tree.gazetteer.ancestors(place.name)))
        crumbs = " › ".join(
            escape(name) if name == place.name else f"[{escape(name)}]({slug(tree.gazetteer.get(name))}.md)"  # type: ignore[arg-type]
            for name in chain
        )
        located = tree.pieces[place.name]
        lines = [
            GENERATED,
            "",
            f"# {escape(place.name)}",
            "",
            f"{crumbs}　·　{LEVEL_NAMES[place.level]}　·　本库报道 {len(located)} 篇",
        ]
        children = tree.children(place.name)
        if children:
            lines += ["", "## 下辖地区", "", *_toctree([slug(c) for c in children])]
        lines += ["", "## 报道", ""]
        for loc in sorted(located, key=lambda found: (found.article, found.index)):
            inside = [n for n in loc.places if place.name in tree.gazetteer.ancestors(n)]
            where = "、".join(escape(n) for n in inside)
            lines.append(f"- {{articles:piece}}`articles/{loc.article}#{loc.index}`（{where}）")
        pages[f"{slug(place)}.md"] = "\n".join(lines) + "\n"
    return pages


def pdf_book(articles: list[tuple[str, str]], topics: list[str], glossary: str) -> str:
    """The PDF's root page: articles grouped by province (each toctree caption is a part).

    ``articles`` is (article id, province) in corpus order; the page is an orphan in
    the HTML site and the start document of the LaTeX build.
    """

    groups: dict[str, list[str]] = {}
    for article, province in articles:
        groups.setdefault(province or "地区不详", []).append(article)
    lines = ["---", "orphan: true", "---", GENERATED, "", "# 基层党建知识库", ""]

    def part(title: str, entries: list[str]) -> list[str]:
        # LaTeX ignores toctree captions; a raw \part groups the chapters that follow.
        # The title is data (a province from front matter): only letters reach LaTeX.
        safe = re.sub(r"[^A-Za-z0-9\u3400-\u9fff ]", "", title) or "地区不详"
        return [
            "```{raw} latex",
            f"\\part{{{safe}}}",
            "```",
            "",
            "```{toctree}",
            f":caption: {safe}",
            ":maxdepth: 2",
            "",
            *entries,
            "```",
            "",
        ]

    for province, members in groups.items():
        lines += part(province, [f"/articles/{a}" for a in members])
    lines += part("专题", [f"/{t}" for t in topics])
    lines += part("术语", [f"/{glossary}"])
    return "\n".join(lines) + "\n"
