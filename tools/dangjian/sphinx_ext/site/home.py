"""The home page's live parts: ``{kb-stats}`` (counts) and ``{kb-newest}`` (latest additions).

Both depend on every page, so they are placeholders filled on ``doctree-resolved``
and the root page is rewritten on every build.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

from ..config import get_config
from ..pages.domain import ArticlesDomain, article_facts
from ..placeholders import add_placeholder_node
from ..terms.domain import terms_domain
from ..terms.glossary_page import UNKNOWN_DATE
from .region_pages import PDF_BOOK

NEWEST_SHOWN = 5


class kb_stats(nodes.General, nodes.Element):
    """Placeholder: counts of articles, pieces, terms and regions."""


class kb_newest(nodes.General, nodes.Element):
    """Placeholder: the most recently added articles."""


class KbStats(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        return [kb_stats()]


class KbNewest(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        return [kb_newest()]


def counts(env: BuildEnvironment) -> dict[str, int]:
    articles = sorted(article_facts(env))
    pieces = env.get_domain("articles")
    assert isinstance(pieces, ArticlesDomain)
    terms = terms_domain(env)
    folder = f"{get_config(env.config).regions_dir}/"
    regions = [
        d
        for d in env.all_docs
        if d.startswith(folder) and d.removeprefix(folder) not in ("index", PDF_BOOK.removesuffix(".md"))
    ]
    return {
        "篇文章": len(articles),
        "篇报道": sum(len(pieces.pieces.get(d, [])) or 1 for d in articles),
        "个术语": len(terms.entries),
        "个地区": len(regions),
    }


def _stats(app: Sphinx) -> nodes.Node:
    box = nodes.container(classes=["kb-stats"])
    for label, value in counts(app.env).items():
        figure = nodes.paragraph(classes=["kb-stat"])
        figure += nodes.strong(str(value), str(value))
        figure += nodes.inline(label, label)
        box += figure
    return box


def _newest(app: Sphinx, docname: str) -> nodes.Node:
    """Newest first: by the date the sources give, then by the corpus number (added later)."""
    env = app.env

    facts = article_facts(env)

    def key(doc: str) -> tuple[str, str]:
        return (facts[doc]["date"], doc)

    listing = nodes.bullet_list(classes=["kb-newest"])
    for doc in sorted(facts, key=key, reverse=True)[:NEWEST_SHOWN]:
        title = env.titles[doc].astext()
        line = nodes.paragraph()
        line += make_refnode(app.builder, docname, doc, "", nodes.inline(title, title), title)
        date = key(doc)[0] or UNKNOWN_DATE
        line += nodes.inline(f"（{date}）", f"（{date}）", classes=["term-date"])
        listing += nodes.list_item("", line)
    return listing


def fill_home(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for node in list(doctree.findall(kb_stats)):
        node.replace_self(_stats(app))
    for node in list(doctree.findall(kb_newest)):
        node.replace_self(_newest(app, docname))


def setup_home(app: Sphinx) -> None:
    for node in (kb_stats, kb_newest):
        add_placeholder_node(app, node)
    app.add_directive("kb-stats", KbStats)
    app.add_directive("kb-newest", KbNewest)
    app.connect("doctree-resolved", fill_home)
