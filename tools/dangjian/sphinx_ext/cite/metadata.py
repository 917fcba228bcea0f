"""Citation metadata in each article page's head, for Zotero's connector and Google Scholar.

Highwire Press ``citation_*`` tags (what both read first) and their Dublin Core twins, from the
same CSL-JSON item as the visible reference: ``citation_journal_title`` and the date only where
the source names the paper and the day, so a page with neither is saved as a web page.
"""

from __future__ import annotations

import html
from typing import Any

from sphinx.application import Sphinx

from ..pages.domain import is_article
from .references import UNKNOWN_SITE, references_of


def _date(item: dict[str, Any]) -> str:
    """The item's issued date as Highwire writes it (``2022/06/20``); "" when not stated."""
    parts = (item.get("issued") or {}).get("date-parts") or [[]]
    return "/".join(f"{int(p):02d}" if i else str(p) for i, p in enumerate(parts[0]))


def meta_pairs(item: dict[str, Any]) -> list[tuple[str, str]]:
    """(name, content) of every tag, in the order Zotero's translator reads them."""
    pairs = [("citation_title", str(item.get("title", "")))]
    names = [
        str(a.get("literal") or "".join((a.get("family", ""), a.get("given", ""))))
        for a in item.get("author", [])
    ]
    pairs += [("citation_author", name) for name in names if name]
    when = _date(item)
    if when:
        pairs += [("citation_publication_date", when), ("citation_date", when)]
    paper = str(item.get("container-title", "")) if item.get("type") == "article-newspaper" else ""
    if paper:
        pairs.append(("citation_journal_title", paper))
    url = str(item.get("URL", ""))
    if url and not url.startswith(UNKNOWN_SITE):
        pairs.append(("citation_public_url", url))
    pairs.append(("citation_language", "zh"))
    pairs += [("DC.title", pairs[0][1])] + [("DC.creator", name) for name in names if name]
    if when:
        pairs.append(("DC.date", when.replace("/", "-")))
    if paper:
        pairs.append(("DC.source", paper))
    pairs += [("DC.language", "zh-CN"), ("DC.type", "Text")]
    return [(name, content) for name, content in pairs if content]


def add_citation_meta(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if doctree is None or not is_article(app.env, pagename):
        return
    found = references_of(app.env, pagename)
    if not found:
        return
    tags = "".join(
        f'<meta name="{name}" content="{html.escape(content, quote=True)}" />\n'
        for name, content in meta_pairs(found[0].item)
    )
    context["metatags"] = context.get("metatags", "") + tags


def setup_metadata(app: Sphinx) -> None:
    app.connect("html-page-context", add_citation_meta)
