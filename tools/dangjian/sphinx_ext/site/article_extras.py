"""What each article page gains at the end: 关键数字 (key figures) and 相关文章 (related articles).

Key figures are found when the article is read: every number with a unit, its
clause, and a link back to the paragraph it is in.  Related articles depend on
every other article, so they are computed once per build (``env-updated``) from the
``terms`` domain (shared terms) and the articles' regions, and a placeholder is filled
on ``doctree-resolved``; only pages whose list changed are rewritten.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.util.nodes import make_refnode

from ...convert.anchors import PREFIX
from ...pages.figures import find_figures
from ..pages.domain import article_facts, articles_domain, is_article
from ..placeholders import add_placeholder_node
from ..terms.autolink import ARTICLE_TERMS_ID
from ..terms.domain import terms_domain

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


def _paragraph_anchor(paragraph: nodes.paragraph) -> str:
    """The paragraph's own anchor (``{#p-…}``), which the figures table links to when it has one."""
    return next((i for i in paragraph["ids"] if i.startswith(PREFIX)), "")


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
            anchor = _paragraph_anchor(paragraph) or f"figure-{len(rows) + 1}"
            if anchor not in paragraph["ids"]:  # a paragraph without its own {#p-…} anchor
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


#: One related article: its docname, the terms it shares (pinyin order), the region it shares.
Related = tuple[str, list[str], str]


def related_articles_of_all(env: BuildEnvironment) -> dict[str, list[Related]]:
    """For every article, the others sharing most terms (then its region), best first.

    Computed once per build over precomputed term sets and regions: asking it page by
    page decoded every other page's front matter, O(N²) JSON parses at 1,000 articles.
    """
    domain = terms_domain(env)
    order = {e.term: e.sort_key for e in domain.glossary.entries}
    facts = article_facts(env)
    docs = sorted(facts)
    terms = {doc: frozenset(m["term"] for m in domain.mentions.get(doc, [])) for doc in docs}
    related: dict[str, list[Related]] = {}
    for doc in docs:
        mine, province, city = terms[doc], facts[doc]["province"], facts[doc]["city"]
        scored = []
        for other in docs:
            if other == doc:
                continue
            shared = mine & terms[other]
            theirs = facts[other]
            region = (
                theirs["city"]
                if city and theirs["city"] == city
                else (theirs["province"] if province and theirs["province"] == province else "")
            )
            if shared or region:
                scored.append((len(shared) + (2 if region else 0), other, shared, region))
        scored.sort(key=lambda s: (-s[0], s[1]))
        related[doc] = [
            (other, sorted(shared, key=lambda t: order.get(t, ("", "", t))), region)
            for _score, other, shared, region in scored[:RELATED_SHOWN]
        ]
    return related


def update_related(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """At ``env-updated``: recompute related articles; rewrite only the pages whose list changed."""
    store = articles_domain(env).data
    old = store.get("related", {})
    new = {doc: [list(r) for r in rows] for doc, rows in related_articles_of_all(env).items()}
    store["related"] = new
    return sorted(doc for doc in new if new[doc] != old.get(doc))


def fill_related(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for node in list(doctree.findall(related_articles)):
        found = articles_domain(app.env).data.get("related", {}).get(docname, [])
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


def setup_article_extras(app: Sphinx) -> None:
    add_placeholder_node(app, related_articles)
    app.add_transform(AddArticleExtras)
    app.connect("doctree-resolved", fill_related)
    app.connect("env-updated", update_related)
