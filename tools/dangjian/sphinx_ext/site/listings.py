"""Pages that list other pages are rewritten when what they list changes, not on every build.

The home page, the glossary, the topic pages and the region pages show titles, pieces,
regions, dates and term mentions of every article.  Rewriting them on every build made
a one-typo edit at 1,000 articles rewrite ~50 large pages.  Instead, what they list is
fingerprinted for every page before the changed pages are read (``env-before-read-docs``)
and again after (``env-get-updated``); only a difference rewrites them.  Whether a PDF
exists is part of it too: every page's sidebar links it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..config import get_config
from ..pages.domain import articles_domain
from ..terms.domain import terms_domain


def listed_facts(env: BuildEnvironment) -> dict[str, Any]:
    """What listing pages show of each page: title, article facts, pieces, term mentions."""
    articles = articles_domain(env)
    mentions = terms_domain(env).mentions
    facts: dict[str, Any] = {}
    for doc in env.all_docs:
        title = env.titles.get(doc)
        facts[doc] = (
            title.astext() if title is not None else "",
            articles.facts.get(doc),
            articles.pieces.get(doc),
            mentions.get(doc),
        )
    return facts


def listing_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The pages built from other pages' facts."""
    regions = f"{get_config(app.config).regions_dir}/"
    pages = {env.config.root_doc, *terms_domain(env).entry_pages()}
    pages |= {d for d in env.all_docs if d.startswith((regions, "topics/"))}
    return sorted(pages & env.all_docs.keys())


def _pdf_present(app: Sphinx) -> bool:
    return Path(app.srcdir, get_config(app.config).pdf_file).is_file()


def remember_listed(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Before reading: the listed facts as they were (kept for this build only)."""
    articles_domain(env).listed_before = listed_facts(env)


def rewrite_listings(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """After reading: rewrite the listing pages if any listed fact changed; all pages if the PDF came or went."""
    domain = articles_domain(env)
    pdf = _pdf_present(app)
    if domain.data.get("pdf_present") != pdf:
        domain.data["pdf_present"] = pdf
        return sorted(env.all_docs)
    before = getattr(domain, "listed_before", None)
    if before is None or before != listed_facts(env):
        return listing_pages(app, env)
    return []


def setup_listings(app: Sphinx) -> None:
    app.connect("env-before-read-docs", remember_listed)
    app.connect("env-get-updated", rewrite_listings)
