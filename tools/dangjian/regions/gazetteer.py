"""The gazetteer: the places the corpus names, placed by GB/T 2260, and the rules on them.

Read from ``docs/_data/gazetteer.yaml``; every problem is a :class:`SourceError` at its line.
Pure functions; the Sphinx side reads the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property

import yaml

from ..errors import SourceError, quoted
from ..model import REGION_KEYS
from ..text.yaml_nodes import UnreadableValue, compose, duplicate_keys, line_of, to_python

LEVELS = ("province", "prefecture", "county", "town", "village")
LEVEL_NAMES = {"province": "省级", "prefecture": "地级", "county": "县级", "town": "乡级", "village": "村级"}
#: Levels below the county (镇/乡/街道/苏木; 村/社区/嘎查): their names repeat from county to county,
#: so such a place is known by its parent's key and its name (``北镇市/正安镇/正二村``).
SUB_COUNTY = ("town", "village")
#: The gazetteer level each region key of the metadata names.
REGION_LEVELS = {"province": "province", "city": "prefecture", "county": "county"}
#: Administrative suffixes, longest first: 黑龙江省 → heilongjiang-sheng, 东方社区 → dongfang-shequ.
SUFFIXES = (
    "朝鲜族自治州",
    "自治州",
    "自治区",
    "自治县",
    "自治旗",
    "街道",
    "社区",
    "嘎查",
    "苏木",
    "省",
    "市",
    "盟",
    "旗",
    "县",
    "区",
    "州",
    "镇",
    "乡",
    "村",
)


@dataclass(frozen=True)
class Place:
    name: str
    level: str
    parent: str  # the parent's key (as written in the file until parse_gazetteer resolves it)
    aliases: tuple[str, ...] = ()
    line: int = 0
    slug: str = ""  # page name, when pypinyin reads a polyphone wrongly (珲春 hún); computed below county
    own: str = ""  # why this is our own entry: the national divisions lack it (a development zone …)

    @property
    def key(self) -> str:
        """How pieces and the tree name this place: the name, qualified below the county."""
        return f"{self.parent}/{self.name}" if self.level in SUB_COUNTY and self.parent else self.name


@dataclass(frozen=True)
class Gazetteer:
    path: str
    places: tuple[Place, ...]

    @cached_property
    def _by_key(self) -> dict[str, Place]:
        """Key → place, and a name that only one place has → that place (built once: ``get`` is
        called millions of times at 1,000 articles)."""
        names: dict[str, list[Place]] = {}
        for place in self.places:
            names.setdefault(place.name, []).append(place)
        index = {name: found[0] for name, found in names.items() if len(found) == 1}
        for place in reversed(self.places):  # the first place with a key wins, as a scan would
            index[place.key] = place
        return index

    def get(self, key: str) -> Place | None:
        """The place with this key, or the only place with this name."""
        return self._by_key.get(key)

    def find(self, name: str, within: str = "") -> Place | None:
        """The one place called ``name`` (or with that key) inside ``within``, if exactly one."""
        found = [
            p
            for p in self.places
            if name in (p.name, p.key) and (not within or within in self.ancestors(p.key)[1:])
        ]
        return found[0] if len(found) == 1 else None

    def ancestors(self, key: str) -> list[str]:
        """``key`` and its parents' keys, most specific first."""
        chain: list[str] = []
        place = self.get(key)
        while place is not None and place.key not in chain:
            chain.append(place.key)
            place = self.get(place.parent) if place.parent else None
        return chain

    def children(self, key: str) -> list[Place]:
        return [p for p in self.places if p.parent == key]

    def forms(self) -> dict[str, str]:
        """Every name and alias that means one place → that place's key (shared forms left out)."""
        return {form: keys[0] for form, keys in self.all_forms().items() if len(keys) == 1}

    def all_forms(self) -> dict[str, tuple[str, ...]]:
        """Every name and alias → the keys of the places it may mean (several below the county)."""
        out: dict[str, tuple[str, ...]] = {}
        for place in self.places:
            for form in (place.name, *place.aliases):
                if place.key not in out.get(form, ()):
                    out[form] = (*out.get(form, ()), place.key)
        return out


_FIELDS = {"name", "level", "parent", "aliases", "slug", "own"}
_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def _read_place(node: yaml.Node, path: str) -> Place:
    """The place one list item writes, checked on its own; the first problem is raised."""
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
    unknown = set(value) - _FIELDS
    if unknown:
        raise SourceError(path, f"{value['name']}: unknown field(s) {', '.join(sorted(unknown))}", here)
    if value.get("level") not in LEVELS:
        raise SourceError(path, f"{value['name']}: level must be one of {', '.join(LEVELS)}", here)
    aliases = value.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a for a in aliases):
        raise SourceError(path, f"{value['name']}: aliases must be a list of names", here)
    if "own" in value and not (isinstance(value["own"], str) and value["own"].strip()):
        raise SourceError(path, f"{value['name']}: own must say why the national divisions lack it", here)
    place = Place(
        value["name"].strip(),
        value["level"],
        str(value.get("parent") or "").strip(),
        tuple(aliases),
        here,
        str(value.get("slug") or ""),
        str(value.get("own") or "").strip(),
    )
    if place.slug and not _SLUG.fullmatch(place.slug):
        raise SourceError(
            path, f"{place.name}: slug {place.slug!r} must be lower-case letters, digits and hyphens", here
        )
    return place


def _resolve_parent(place: Place, done: list[Place], every: list[Place], path: str) -> Place:
    """``place`` with its parent written as a key: the one higher-level place the file means by it.

    ``done`` holds the places of higher levels, already resolved; ``every`` all places, to
    say that a parent exists but is not above the place.
    """
    if place.level == "province":
        if place.parent:
            raise SourceError(path, f"{place.name}: a province has no parent", place.line)
        return place
    exact = [p for p in done if p.key == place.parent]
    found = exact or [p for p in done if p.name == place.parent]
    if len(found) > 1:
        keys = ", ".join(p.key for p in found)
        raise SourceError(
            path, f"{place.name}: parent {place.parent!r} may be {keys}; write its key", place.line
        )
    lower = next((p for p in every if place.parent in (p.name, p.key) and p is not place), None)
    if not found and lower is None:
        raise SourceError(path, f"{place.name}: parent {place.parent!r} is not in the gazetteer", place.line)
    parent = found[0] if found else lower
    assert parent is not None
    if LEVELS.index(parent.level) >= LEVELS.index(place.level):
        raise SourceError(
            path,
            f"{place.name}: parent {place.parent!r} is a {parent.level}-level place, not above a {place.level}",
            place.line,
        )
    return replace(place, parent=parent.key)


def _resolve_tree(places: list[Place], path: str) -> list[Place]:
    """Every parent resolved to a key, level by level (a parent is always of a higher level)."""
    resolved: list[Place] = list(places)
    done: list[Place] = []
    for level in LEVELS:
        for index, place in enumerate(places):
            if place.level == level:
                resolved[index] = _resolve_parent(place, done, places, path)
                done.append(resolved[index])
    return resolved


def _check_forms(places: list[Place], path: str) -> None:
    """Each key is one place, and a name or alias of a county or above means one place.

    Below the county a form may be shared (太兴村 in two counties): the article's context
    tells them apart (``regions.match``).
    """
    keys: dict[str, Place] = {}
    owner: dict[str, tuple[str, bool]] = {}  # form → (first key, sub-county)
    for place in places:
        if keys.setdefault(place.key, place) is not place:
            raise SourceError(
                path,
                f"{place.name}: {place.key!r} is already in the gazetteer (line {keys[place.key].line})",
                place.line,
            )
        low = place.level in SUB_COUNTY
        for form in (place.name, *place.aliases):
            first, first_low = owner.setdefault(form, (place.key, low))
            if first != place.key and not (low and first_low):
                raise SourceError(path, f"{place.name}: {form!r} already names {first}", place.line)


def _with_page_names(places: list[Place], path: str) -> list[Place]:
    """Every place gets a page of its own: below the county the page name is the parent's plus
    its own (beizhen-shi-zhengan-zhen), so namesakes never collide; no page name is shared."""
    named: dict[str, Place] = {}
    out: list[Place] = []
    for place in sorted(places, key=lambda p: LEVELS.index(p.level)):
        if place.level in SUB_COUNTY and not place.slug:
            place = replace(place, slug=f"{slug(named[place.parent])}-{_pinyin_slug(place.name)}")
        named[place.key] = place
        out.append(place)
    pages: dict[str, str] = {}
    for place in out:
        page = slug(place)
        if pages.setdefault(page, place.key) != place.key:
            raise SourceError(
                path,
                f"{place.name}: page name {page!r} is already used by {pages[page]}; give one a slug",
                place.line,
            )
    order = {p.key: named[p.key] for p in places}
    return [order[p.key] for p in places]


def parse_gazetteer(text: str, path: str) -> Gazetteer:
    """Read and check a gazetteer; the first problem is a :class:`SourceError` with its line.

    Each place is checked on its own first, then its parent, then the names and page names:
    that order is which problem counts as first.
    """
    root = compose(text, path)
    if root is None:
        return Gazetteer(path, ())
    if not isinstance(root, yaml.SequenceNode):
        raise SourceError(path, "expected a list of places", line_of(root))
    places = [_read_place(node, path) for node in root.value]
    places = _resolve_tree(places, path)
    _check_forms(places, path)
    return Gazetteer(path, tuple(_with_page_names(places, path)))


def _pinyin_slug(name: str) -> str:
    """佳木斯市 → jiamusi-shi: the stem's pinyin, then the administrative suffix's."""
    from pypinyin import lazy_pinyin

    suffix = next((s for s in SUFFIXES if name.endswith(s) and len(name) > len(s)), "")
    stem = name[: len(name) - len(suffix)]
    parts = ["".join(lazy_pinyin(stem)), "".join(lazy_pinyin(suffix))]
    return "-".join(re.sub(r"[^a-z0-9]", "", p.lower()) for p in parts if p)


def slug(place: Place) -> str:
    """A readable, stable page name: 佳木斯市 → jiamusi-shi (or the place's own ``slug``)."""
    return place.slug or _pinyin_slug(place.name)


def region_problems(region: dict[str, str], gazetteer: Gazetteer) -> dict[str, str]:
    """Problems with a province / city / county triple, by key, checked against the gazetteer."""
    problems: dict[str, str] = {}
    above = ""
    for key in REGION_KEYS:
        name = region.get(key) or ""
        if not name:
            continue
        place = gazetteer.get(name)
        if place is None:
            problems[key] = (
                f"{key}: {quoted(name)} is not in the gazetteer ({gazetteer.path}); add it there first"
            )
        elif place.level != REGION_LEVELS[key]:
            problems[key] = (
                f"{key}: {quoted(name)} is a {place.level}-level place, not a {REGION_LEVELS[key]}"
            )
        elif above and above not in gazetteer.ancestors(name):
            problems[key] = f"{key}: {quoted(name)} is not in {above}"
        if place is not None:
            above = name
    return problems
