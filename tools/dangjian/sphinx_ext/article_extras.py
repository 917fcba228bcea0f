"""What each article page gains at the end: 关键数字 (key figures) and 相关文章 (related articles).

Key figures are found when the article is read: every number with a unit, its
clause, and a link back to the paragraph it is in.  Related articles depend on
every other article, so they are a placeholder filled on ``doctree-resolved``
from the ``terms`` domain (shared terms) and the articles' metadata (same region).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.util.nodes import make_refnode

from ..figures import find_figures
from .articles_domain import front_matter, is_article
from .autolink import ARTICLE_TERMS_ID
from .placeholders import add_placeholder_node
from .terms_domain import terms_domain

FIGURES_ID = "article-figures"
RELATED_ID = "article-related"
#: Containers whose numbers are not the article's reporting.
NOT_REPORTING = frozenset({"article-meta", "piece-meta", "original-script", "article-terms"})
RELATED_SHOWN = 3


class related_articles(nodes.General, nodes.Element):
    """Placeholder: the articles that share most terms with this one, or its region."""


def _reporting(node: nodes.Element) -> bool:
    parent = node.parent
    while parent is not None:
        classes = set(parent.get("classes", ())) | set(parent.get("container_classes", ()))
        if classes & NOT_REPORTING:
            return False
        parent = parent.parent
    return True


def _section(ids: str, title: str, classes: str) -> nodes.section:
    section = nodes.section(ids=[ids], classes=[classes])
    section += nodes.title(title, title)
    return section


def _place_before_terms(top: nodes.Element, section: nodes.section) -> None:
    terms = next(
        (s for s in top.children if isinstance(s, nodes.section) and ARTICLE_TERMS_ID in s["ids"]), None
    )
    if terms is None:
        top += section
    else:
        top.insert(top.index(terms), section)


class AddArticleExtras(SphinxTransform):
    """Append 关键数字 and the 相关文章 placeholder to article pages."""

    # After auto-linking (840) added 本文术语, before the domains collect (850).
    default_priority = 846

    def apply(self, **kwargs: object) -> None:
        if not is_article(self.env, self.env.docname):
            return
        top = next(iter(self.document.findall(nodes.section)), None)
        if top is None:
            return
        rows = []
        for paragraph in list(self.document.findall(nodes.paragraph)):
            if not _reporting(paragraph):
                continue
            figures = find_figures(paragraph.astext())
            if not figures:
                continue
            anchor = f"figure-{len(rows) + 1}"
            paragraph["ids"].append(anchor)
            self.document.ids[anchor] = paragraph
            rows += [(figure, anchor) for figure in figures]
        if rows:
            section = _section(FIGURES_ID, "关键数字", "article-figures")
            table = nodes.table(classes=["figures-table"])
            group = nodes.tgroup(cols=3)
            table += group
            for width in (1, 1, 6):
                group += nodes.colspec(colwidth=width)
            head = nodes.thead()
            head += nodes.row("", *(nodes.entry("", nodes.paragraph(t, t)) for t in ("数值", "单位", "原文")))
            group += head
            body = nodes.tbody()
            for figure, anchor in rows:
                link = nodes.reference("", figure.clause, internal=True, refid=anchor)
                body += nodes.row(
                    "",
                    nodes.entry("", nodes.paragraph(figure.value, figure.value)),
                    nodes.entry("", nodes.paragraph(figure.unit, figure.unit)),
                    nodes.entry("", nodes.paragraph("", "", link)),
                )
            group += body
            section += table
            self.document.set_id(section)
            _place_before_terms(top, section)
        related = _section(RELATED_ID, "相关文章", "article-related")
        related += related_articles()
        self.document.set_id(related)
        _place_before_terms(top, related)


def _region(env: BuildEnvironment, docname: str) -> tuple[str, str]:
    meta = front_matter(env, docname, "article") or {}
    return str(meta.get("province") or ""), str(meta.get("city") or "")


def related_to(env: BuildEnvironment, docname: str) -> list[tuple[str, list[str], str]]:
    """Other articles by shared terms, then shared region: (docname, shared terms, region)."""
    domain = terms_domain(env)
    order = {e.term: e.sort_key for e in domain.glossary.entries}

    def terms(doc: str) -> set[str]:
        return {m["term"] for m in domain.mentions.get(doc, [])}

    mine, (province, city) = terms(docname), _region(env, docname)
    scored = []
    for other in sorted(env.all_docs):
        if other == docname or not is_article(env, other):
            continue
        shared = sorted(mine & terms(other), key=lambda t: order.get(t, ("", "", t)))
        their = _region(env, other)
        region = (
            their[1] if city and their[1] == city else (their[0] if province and their[0] == province else "")
        )
        if shared or region:
            scored.append((len(shared) + (2 if region else 0), other, shared, region))
    scored.sort(key=lambda s: (-s[0], s[1]))
    return [(doc, shared, region) for _score, doc, shared, region in scored[:RELATED_SHOWN]]


def fill_related(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for node in list(doctree.findall(related_articles)):
        found = related_to(app.env, docname)
        if not found:
            node.replace_self(nodes.paragraph("本库暂无相关文章。", "本库暂无相关文章。"))
            continue
        listing = nodes.bullet_list(classes=["related-list"])
        for other, shared, region in found:
            title = app.env.titles[other].astext()
            line = nodes.paragraph()
            line += make_refnode(app.builder, docname, other, "", nodes.inline(title, title), title)
            reasons = []
            if region:
                reasons.append(f"同在{region}")
            if shared:
                reasons.append("共同术语：" + "、".join(shared[:6]) + ("等" if len(shared) > 6 else ""))
            text = "（" + "；".join(reasons) + "）"
            line += nodes.inline(text, text, classes=["related-why"])
            listing += nodes.list_item("", line)
        node.replace_self(listing)


def rewrite_articles(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Related articles follow edits to any article, so every article is rewritten."""
    return sorted(d for d in env.all_docs if is_article(env, d))


def setup_article_extras(app: Sphinx) -> None:
    add_placeholder_node(app, related_articles)
    app.add_transform(AddArticleExtras)
    app.connect("doctree-resolved", fill_related)
    app.connect("env-get-updated", rewrite_articles)
