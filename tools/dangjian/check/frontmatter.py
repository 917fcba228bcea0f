"""The front matter of a MyST page checked against the article schema (read by :mod:`dangjian.pages.frontmatter`).

The schema is what :func:`dangjian.convert.render.front_matter` writes; README.md documents it.
Pages without an ``article`` key (the home page, topics) only have to be well-formed YAML.
"""

from __future__ import annotations

from dataclasses import fields

from ..errors import SourceError, escape_controls
from ..model import REGION_KEYS, Metadata
from ..pages.frontmatter import FrontMatter, Key, read_front_matter
from ..regions.gazetteer import Gazetteer, region_problems
from ..text.dates import date_problem

#: What each key of an article page holds.  ``list`` means a list of text unless noted.
ARTICLE_KEYS: dict[str, type] = {f.name: list if f.name == "authors" else str for f in fields(Metadata)}
PIECE_KEYS: dict[str, type] = {
    "title": str,
    "subtitle": str,
    "kicker": str,
    "bylines": list,
    "dateline": str,
    "authors": list,
    "line": int,
    "title_original": str,
    "sections": list,
}
GENERATED_KEYS: dict[str, type] = {
    "by": str,
    "source": str,
    "encoding": str,
    "source_sha256": str,
    "page_sha256": str,
}
#: ``facts`` holds a contributor's corrections of the page's facts (checked by dangjian.facts.corrections).
TOP_KEYS: dict[str, type] = {
    "article": dict,
    "pieces": list,
    "review": dict,
    "generated": dict,
    "facts": dict,
}
#: Keys MyST and Sphinx themselves read from front matter; allowed on any page.
SPHINX_KEYS = frozenset({"myst", "html_meta", "orphan", "nosearch", "tocdepth", "nocomments", "title"})
_TYPE_NAMES = {str: "text", list: "a list", dict: "a mapping", int: "a whole number"}


def _label(key: Key) -> str:
    """``article.title``: a key path as one line (a key may hold a line break or a control)."""
    return escape_controls(".".join(map(str, key)))


def _blank(value: object) -> bool:
    """Whether a required value is missing or empty.  Never ``str()`` of it: a list nested a
    thousand deep raises RecursionError there (and a value that is not text has its own problem)."""
    return value is None or (isinstance(value, str) and not value.strip()) or value in ("", [], {})


def _type_problem(value: object, expected: type) -> str | None:
    if expected is list:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return "expected a list of text"
        return None
    ok = isinstance(value, expected) and not (expected is int and isinstance(value, bool))
    return None if ok else f"expected {_TYPE_NAMES[expected]}, got {type(value).__name__}"


def _check_keys(
    fm: FrontMatter, key: Key, schema: dict[str, type], path: str, problems: list[SourceError]
) -> None:
    mapping = fm.data
    for part in key:
        mapping = mapping[part]
    for name, value in mapping.items():
        here = (*key, name)
        label = _label(here)
        if name not in schema:
            problems.append(
                SourceError(path, f"{label}: unknown key (known: {', '.join(schema)})", fm.line(*here))
            )
        elif value is not None and (problem := _type_problem(value, schema[name])):
            problems.append(SourceError(path, f"{label}: {problem}", fm.line(*here)))


def _written_twice(fm: FrontMatter, path: str) -> list[SourceError]:
    """Keys written twice, on any page: YAML keeps the last one without a word."""
    return [
        SourceError(
            path,
            f"{_label(key)}: written twice (first at line {first}); only the last is read, so remove one",
            line,
        )
        for key, first, line in fm.duplicates
    ]


def _top_problems(fm: FrontMatter, path: str, complete: bool) -> list[SourceError]:
    """Problems of the top level of an article page: unknown keys, wrong types, missing parts."""
    top: list[SourceError] = []
    for name, value in fm.data.items():
        if name in SPHINX_KEYS:
            continue
        if name not in TOP_KEYS:
            known = ", ".join([*TOP_KEYS, *sorted(SPHINX_KEYS)])
            top.append(SourceError(path, f"{_label((name,))}: unknown key (known: {known})", fm.line(name)))
        elif not isinstance(value, TOP_KEYS[name]):
            top.append(SourceError(path, f"{name}: expected {_TYPE_NAMES[TOP_KEYS[name]]}", fm.line(name)))
    for name in ("pieces", "generated") if complete else ():
        if name not in fm.data:
            top.append(
                SourceError(path, f"{name}: missing (re-run dangjian convert --force to restore it)", 2)
            )
    return top


def _check_article_values(
    fm: FrontMatter, path: str, gazetteer: Gazetteer | None, problems: list[SourceError]
) -> None:
    """The ``article`` mapping: its keys, a title, a real date, a region the gazetteer knows."""
    article = fm.data["article"]
    _check_keys(fm, ("article",), ARTICLE_KEYS, path, problems)
    if _blank(article.get("title")):
        problems.append(
            SourceError(path, "article.title: missing; every article needs a title", fm.line("article"))
        )
    date = article.get("date")
    if isinstance(date, str) and date and (problem := date_problem(date)):
        problems.append(SourceError(path, f"article.{problem}", fm.line("article", "date")))
    if gazetteer is not None:
        region = {k: v for k in REGION_KEYS if isinstance(v := article.get(k), str)}
        for key, message in region_problems(region, gazetteer).items():
            problems.append(SourceError(path, f"article.{message}", fm.line("article", key)))


def _check_generated_parts(fm: FrontMatter, path: str, complete: bool, problems: list[SourceError]) -> None:
    """What ``dangjian convert`` wrote: each piece and the ``generated`` mapping."""
    data = fm.data
    for index, piece in enumerate(data.get("pieces") or []):
        if not isinstance(piece, dict):
            problems.append(
                SourceError(path, f"pieces.{index}: expected a mapping", fm.line("pieces", index))
            )
            continue
        _check_keys(fm, ("pieces", index), PIECE_KEYS, path, problems)
    if "generated" in data:
        _check_keys(fm, ("generated",), GENERATED_KEYS, path, problems)
    if complete and _blank(data["generated"].get("source")):
        problems.append(
            SourceError(
                path,
                "generated.source: missing; which file in sources/ is this page from?",
                fm.line("generated"),
            )
        )


def check_article(
    fm: FrontMatter, path: str, gazetteer: Gazetteer | None, complete: bool = True
) -> list[SourceError]:
    """Problems of a page's front matter: keys written twice on any page, the schema on article pages.

    ``complete`` also requires what ``dangjian convert`` writes (``pieces``, ``generated.source``):
    a repository rule, not a Sphinx one, so hand-written test projects build without them.
    """
    problems = _written_twice(fm, path)
    if "article" not in fm.data:
        return problems
    top = _top_problems(fm, path, complete)
    if top:  # when the top level is wrong, what is below is not looked at
        return problems + top
    _check_article_values(fm, path, gazetteer, problems)
    _check_generated_parts(fm, path, complete, problems)
    return problems


def check_page(
    text: str, path: str, gazetteer: Gazetteer | None = None
) -> tuple[FrontMatter, list[SourceError]]:
    """A page's front matter and its problems; unreadable YAML is one problem and empty data."""
    try:
        fm = read_front_matter(text, path)
    except SourceError as exc:
        return FrontMatter(), [exc]
    return fm, check_article(fm, path, gazetteer)
