"""Front-matter corrections of a page's facts (``facts:``) and their validation.

A contributor writes, in the page's front matter, the list of a kind as it should be::

    facts:
      people:
      - {name: 张攀, role: 驻村第一书记, place: 延边朝鲜族自治州/安图县, paragraph: p-jinriantu}

and that list replaces the extracted one (the build never writes it).  ``paragraph`` is an
anchor of the page (``p-…``) or ``article#p-…``.  :func:`correction_problems` is what
``dangjian check`` reports; :func:`corrected_kinds` reads only the records that pass it.
"""

from __future__ import annotations

from typing import Any

from ..errors import SourceError
from ..pages.frontmatter import FrontMatter
from .model import FACT_TYPES, KINDS, field_types, record

#: Fields a record of each kind cannot do without.
REQUIRED = {
    "statistics": ("what", "value"),
    "people": ("name", "role"),
    "organisations": ("name",),
    "events": ("date", "what"),
}


def target(article: str, paragraph: str) -> str:
    """``p-x`` or ``article#p-x`` → ``article#p-x`` ("" stays "")."""
    if not paragraph:
        return ""
    return paragraph if "#" in paragraph else f"{article}#{paragraph}"


def _type_ok(value: object, expected: type) -> bool:
    if isinstance(value, bool):
        return False
    if expected is float:
        return isinstance(value, int | float)
    return isinstance(value, expected)


def _item_problems(kind: str, item: object, article: str, anchors: set[str]) -> list[tuple[tuple, str]]:
    """(key path below the item, message) for each problem of one record."""
    if not isinstance(item, dict):
        return [((), "expected a mapping")]
    types = field_types(kind)
    out: list[tuple[tuple, str]] = []
    for name, value in item.items():
        if name not in types:
            out.append(((name,), f"unknown key (known: {', '.join(types)})"))
        elif value is not None and not _type_ok(value, types[name]):
            wanted = {str: "text", int: "a whole number", float: "a number"}[types[name]]
            out.append(((name,), f"expected {wanted}, got {type(value).__name__}"))
    for name in REQUIRED[kind]:
        if not isinstance(item.get(name), str) or not item[name].strip():
            out.append(((name,) if name in item else (), f"{name}: missing; a {kind} record needs it"))
    paragraph = item.get("paragraph")
    if isinstance(paragraph, str) and paragraph:
        page, _, anchor = target(article, paragraph).partition("#")
        if page != article or anchor not in anchors:
            out.append((("paragraph",), f"no paragraph #{anchor} on this page ({article})"))
    return out


def correction_problems(fm: FrontMatter, path: str, article: str, anchors: set[str]) -> list[SourceError]:
    """Every problem of the page's ``facts:`` corrections, each at its line."""
    raw = fm.data.get("facts")
    if raw is None:
        return []
    if not isinstance(raw, dict):
        return [
            SourceError(
                path,
                "facts: expected a mapping of statistics, people, organisations, events",
                fm.line("facts"),
            )
        ]
    out: list[SourceError] = []
    for kind, items in raw.items():
        here: tuple[Any, ...] = ("facts", kind)
        if kind not in FACT_TYPES:
            out.append(
                SourceError(path, f"facts.{kind}: unknown key (known: {', '.join(KINDS)})", fm.line(*here))
            )
        elif not isinstance(items, list):
            out.append(SourceError(path, f"facts.{kind}: expected a list of mappings", fm.line(*here)))
        else:
            for index, item in enumerate(items):
                for key, message in _item_problems(kind, item, article, anchors):
                    label = ".".join(map(str, (*here, index, *key)))
                    out.append(SourceError(path, f"{label}: {message}", fm.line(*here, index, *key)))
    return out


def corrected_kinds(article: str, raw: object) -> dict[str, tuple]:
    """The kinds the front matter corrects, each as records (records with problems left out)."""
    if not isinstance(raw, dict):
        return {}
    out: dict[str, tuple] = {}
    for kind, items in raw.items():
        if kind not in FACT_TYPES or not isinstance(items, list):
            continue
        good = [
            item
            for item in items
            if not [p for p in _item_problems(kind, item, article, set()) if p[0] != ("paragraph",)]
        ]
        out[kind] = tuple(
            record(kind, {**item, "paragraph": target(article, str(item.get("paragraph") or ""))})
            for item in good
        )
    return out
