"""The gazetteer: the places the corpus names, placed by GB/T 2260, and the rules on them.

Read from ``docs/_data/gazetteer.yaml``; every problem is a :class:`SourceError` at its line.
Pure functions; the Sphinx side reads the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from ..errors import SourceError, quoted
from ..model import REGION_KEYS
from ..text.yaml_nodes import UnreadableValue, compose, duplicate_keys, line_of, to_python

LEVELS = ("province", "prefecture", "county")
LEVEL_NAMES = {"province": "省级", "prefecture": "地级", "county": "县级"}
#: The gazetteer level each region key of the metadata names.
REGION_LEVELS = {"province": "province", "city": "prefecture", "county": "county"}
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


_FIELDS = {"name", "level", "parent", "aliases", "slug"}
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
    return Place(
        value["name"].strip(),
        value["level"],
        str(value.get("parent") or "").strip(),
        tuple(aliases),
        here,
        str(value.get("slug") or ""),
    )


def _check_page_names(places: list[Place], path: str) -> None:
    """Every place gets a page of its own: a written slug is well-formed and no page name is shared."""
    slugs: dict[str, str] = {}
    for place in places:
        if place.slug and not _SLUG.fullmatch(place.slug):
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


def _check_tree(places: list[Place], path: str) -> None:
    """The places form one tree under the provinces, and each name or alias means one place."""
    names = {p.name for p in places}
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


def parse_gazetteer(text: str, path: str) -> Gazetteer:
    """Read and check a gazetteer; the first problem is a :class:`SourceError` with its line.

    Each place is checked on its own first, then the page names, then the tree: that order is
    which problem counts as first.
    """
    root = compose(text, path)
    if root is None:
        return Gazetteer(path, ())
    if not isinstance(root, yaml.SequenceNode):
        raise SourceError(path, "expected a list of places", line_of(root))
    places = [_read_place(node, path) for node in root.value]
    _check_page_names(places, path)
    _check_tree(places, path)
    return Gazetteer(path, tuple(places))


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
