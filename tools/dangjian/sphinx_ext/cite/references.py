"""Every item the site can be cited as, and its GB/T 7714 reference, computed once per build.

Items come from the articles' front matter and the glossary, which are complete only after
every page is read, so they are built at ``env-updated`` and rendered by citeproc-js in one
call for the whole knowledge base (one Node process, not one per page).  Rendered texts are
kept on the environment keyed by the item's JSON, so an unchanged item is never rendered again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urljoin

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import ExtensionError
from sphinx.util import logging

from ...cite.gbt7714 import render_gbt7714
from ...cite.items import article_item, term_item, with_accessed
from ...errors import SourceError
from ..pages.domain import article_facts, front_matter
from ..terms.domain import terms_domain

logger = logging.getLogger(__name__)

#: Stands for the site's address while it is unknown (a local build): the page fills it in.
UNKNOWN_SITE = "https://site.invalid/"
STORE = "dangjian_references"


@dataclass(frozen=True)
class Reference:
    """One citable item: its CSL-JSON, its GB/T 7714 text and the page (and anchor) it cites."""

    item: dict[str, Any]
    text: str
    docname: str
    anchor: str = ""

    @property
    def key(self) -> str:
        return str(self.item["id"])


def site_url(app: Sphinx) -> str:
    """The published site's address (``html_baseurl``), "" when the build does not know it."""
    base = (app.config.html_baseurl or "").strip()
    return base if not base or base.endswith("/") else base + "/"


def page_url(app: Sphinx, docname: str, anchor: str = "") -> str:
    """The page's absolute address, or one on :data:`UNKNOWN_SITE` when the site's is unknown."""
    uri = app.builder.get_target_uri(docname) if app.builder.format == "html" else docname + ".html"
    return urljoin(site_url(app) or UNKNOWN_SITE, uri) + (f"#{anchor}" if anchor else "")


def accessed_date() -> str:
    """引用日期: the day the page was built; the page replaces it with the reader's day."""
    return date.today().isoformat()


def collect_items(app: Sphinx, env: BuildEnvironment) -> dict[str, tuple[dict[str, Any], str, str]]:
    """Every article and glossary entry as a CSL-JSON item, with the docname and anchor it cites."""
    title = app.config.project
    found: dict[str, tuple[dict[str, Any], str, str]] = {}
    for docname in sorted(article_facts(env)):
        front = {
            "article": front_matter(env, docname, "article"),
            "pieces": front_matter(env, docname, "pieces"),
        }
        try:
            item = article_item(docname.rsplit("/", 1)[-1], front, page_url(app, docname), title)
        except SourceError as error:  # the front-matter checks warned already; no reference for it
            logger.info("dangjian: no reference for %s: %s", docname, error)
            continue
        found[item["id"]] = (item, docname, "")
    domain = terms_domain(env)
    for entry in domain.glossary.entries:
        place = domain.entries.get(entry.term)
        if place is None:
            continue  # the glossary page is not part of this build
        url = page_url(app, place["docname"], place["anchor"])
        item = term_item(entry, url, title, title)
        found[item["id"]] = (item, place["docname"], place["anchor"])
    return found


def update_references(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """At ``env-updated``: render the items not rendered before; keep the rest from the last build."""
    try:
        _update(app, env)
    except SourceError as error:
        raise ExtensionError(f"dangjian: {error}") from None
    return []


def _update(app: Sphinx, env: BuildEnvironment) -> None:
    accessed = accessed_date()
    found = collect_items(app, env)
    items = {key: with_accessed(item, accessed) for key, (item, _doc, _anchor) in found.items()}
    cache: dict[str, str] = getattr(env, STORE, {}).get("texts", {})
    fingerprint = {key: json.dumps(item, sort_keys=True, ensure_ascii=False) for key, item in items.items()}
    missing = [items[key] for key, text in fingerprint.items() if text not in cache]
    rendered = render_gbt7714(missing) if missing else {}
    texts = {fingerprint[key]: rendered[key] if key in rendered else cache[fingerprint[key]] for key in items}
    references = {
        key: Reference(items[key], texts[fingerprint[key]], doc, anchor)
        for key, (_i, doc, anchor) in found.items()
    }
    setattr(env, STORE, {"texts": texts, "references": references, "accessed": accessed})


def references(env: BuildEnvironment) -> dict[str, Reference]:
    """The build's references by item id ({} before ``env-updated``)."""
    return getattr(env, STORE, {}).get("references", {})


def accessed_of(env: BuildEnvironment) -> str:
    return getattr(env, STORE, {}).get("accessed", "")


def references_of(env: BuildEnvironment, docname: str, anchor: str = "") -> list[Reference]:
    return [r for r in references(env).values() if r.docname == docname and r.anchor == anchor]
