"""The general index in pinyin order, grouped A–Z by pinyin initial.

Sphinx sorts index entries by code point and groups Chinese under each first
character.  Before the index page is rendered, its entries are regrouped by the
reviewed pinyin of glossary terms (pypinyin's reading for anything else).
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from ...glossary import pinyin as py
from .domain import terms_domain


def _readings(app: Sphinx) -> dict[str, str]:
    domain = terms_domain(app.env)
    return {entry.term: entry.pinyin for entry in domain.glossary.entries}


def pinyin_groups(
    entries: list[tuple[str, Any]], readings: dict[str, str]
) -> list[tuple[str, list[tuple[str, Any]]]]:
    """Index entries regrouped under pinyin letters and sorted by pinyin within each."""
    keyed = []
    for name, data in entries:
        reading = readings.get(name) or py.reading(name)
        keyed.append((py.initial(reading), py.sort_key(reading, name), name, data))
    keyed.sort(key=lambda k: (k[0] == "#", k[0], k[1]))
    groups: dict[str, list[tuple[str, Any]]] = {}
    for letter, _key, name, data in keyed:
        groups.setdefault(letter, []).append((name, data))
    return list(groups.items())


def reorder_genindex(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if pagename != "genindex" or "genindexentries" not in context:
        return
    flat = [entry for _letter, group in context["genindexentries"] for entry in group]
    groups = pinyin_groups(flat, _readings(app))
    context["genindexentries"] = groups
    context["genindexcounts"] = [sum(1 + len(data[1]) for _name, data in group) for _letter, group in groups]


def setup_index_order(app: Sphinx) -> None:
    app.connect("html-page-context", reorder_genindex)
