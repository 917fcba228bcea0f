"""``{topic-sections}``: a topic's glossary terms and every article section that mentions them.

A topic page is written by hand (summary, diagrams); its term list is the
``:terms:`` option.  The sections are filled on ``doctree-resolved`` from the
``terms`` domain, so they follow every article edit and glossary change.
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

from ..pages.domain import article_facts
from ..placeholders import add_placeholder_node
from ..terms.autolink import joined, term_link
from ..terms.domain import terms_domain
from ..terms.glossary_page import LEAD_LABEL

logger = logging.getLogger(__name__)


class topic_sections(nodes.General, nodes.Element):
    """Placeholder: the article sections that mention any of ``terms``."""


def _terms(argument: str) -> list[str]:
    return [t.strip() for t in argument.replace("，", ",").split(",") if t.strip()]


class TopicSections(SphinxDirective):
    option_spec = {"terms": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        domain = terms_domain(self.env)
        terms = _terms(self.options.get("terms", ""))
        known = domain.glossary.terms()
        for term in terms:
            if term not in known:
                logger.warning(
                    "topic-sections: %r is not a glossary term",
                    term,
                    location=self.get_location(),
                    type="dangjian",
                    subtype="topic",
                )
        terms = [t for t in terms if t in known]
        head = nodes.paragraph(classes=["topic-terms", "no-autolink"])
        head += nodes.strong("术语：", "术语：")
        head += joined([term_link(t, t) for t in terms])
        placeholder = topic_sections(terms=terms)
        self.set_source_info(placeholder)
        return [head, placeholder]


def _sections(app: Sphinx, fromdocname: str, terms: list[str]) -> list[nodes.Node]:
    env = app.env
    domain = terms_domain(env)
    wanted = set(terms)
    listing = nodes.bullet_list(classes=["topic-sections"])
    facts = article_facts(env)
    for doc in sorted(domain.mentions):
        if doc == fromdocname or doc not in facts:
            continue
        rows: dict[str, tuple[str, list[str]]] = {}
        for mention in domain.mentions[doc]:
            if mention["term"] in wanted:
                title, found = rows.setdefault(mention["section"], (mention["title"], []))
                if mention["term"] not in found:
                    found.append(mention["term"])
        if not rows:
            continue
        article_title = env.titles[doc].astext()
        item = nodes.list_item()
        head = nodes.paragraph()
        head += make_refnode(
            app.builder, fromdocname, doc, "", nodes.inline(article_title, article_title), article_title
        )
        item += head
        sections = nodes.bullet_list()
        for section, (title, found) in rows.items():
            label = title if title and title != article_title else LEAD_LABEL
            line = nodes.paragraph()
            line += make_refnode(app.builder, fromdocname, doc, section, nodes.inline(label, label), label)
            text = "（" + "、".join(found) + "）"
            line += nodes.inline(text, text, classes=["term-count"])
            sections += nodes.list_item("", line)
        item += sections
        listing += item
    if not listing.children:
        return [nodes.paragraph("本库文章中尚未提到这些术语。", "本库文章中尚未提到这些术语。")]
    return [listing]


def fill_topic_sections(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for node in list(doctree.findall(topic_sections)):
        node.replace_self(_sections(app, docname, node["terms"]))


def setup_topics(app: Sphinx) -> None:
    add_placeholder_node(app, topic_sections)
    app.add_directive("topic-sections", TopicSections)
    app.connect("doctree-resolved", fill_topic_sections)
