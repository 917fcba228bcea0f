"""The glossary page: ``{term-glossary}`` renders ``terms.yaml`` in pinyin order.

Each entry gets a pinyin anchor (``#term-wangge-dangzhibu``), an index entry
filed under its pinyin letter, and two placeholders filled on
``doctree-resolved`` from the ``terms`` domain: where the term first appears
and every article section that mentions it, with a snippet and a count.  The
page is rewritten whenever a mention changes (:mod:`.listings`), so backlinks
follow edits to any article without a clean build.
"""

from __future__ import annotations

from itertools import groupby
from urllib.parse import quote

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

from ...glossary import pinyin as py
from ...glossary.citations import Claim
from ...glossary.model import CATEGORIES, Background, Entry, Sense, sense_label
from ..config import get_config
from ..pages.domain import article_facts
from ..placeholders import add_placeholder_node
from .autolink import DEFINES_ATTRIBUTE, joined, term_link
from .domain import ENTRY_ATTRIBUTE, Mention, terms_domain

logger = logging.getLogger(__name__)

UNKNOWN_DATE = "日期不详"
#: The label of an article's untitled opening (the text under its main title).
LEAD_LABEL = "开篇"
#: The label of context from outside the corpus, never mixed with the articles' definition.
BACKGROUND_LABEL = "背景（库外资料）"


class term_backlinks(nodes.General, nodes.Element):
    """Placeholder: the article sections that mention ``term``."""


class term_first_seen(nodes.Inline, nodes.Element):
    """Placeholder: the article where ``term`` first appears."""


class term_comparison(nodes.General, nodes.Element):
    """Placeholder: ``term``'s practice comparison (各地做法), filled by :mod:`..knowledge.comparison`."""


#: The domain and type of a ``{para}`` citation (resolved by :mod:`..knowledge.citations`).
CITE_DOMAIN, CITE_TYPE = "cite", "para"


def para_citation(targets: str, source: str = "", line: int = 0) -> addnodes.pending_xref:
    """A ``{para}`` citation of ``targets`` (``article#p-anchor``, ``;``-separated), found at source:line."""
    node = addnodes.pending_xref(
        "", nodes.inline(targets, targets), refdomain=CITE_DOMAIN, reftype=CITE_TYPE, reftarget=targets
    )
    if source:
        node.source, node.line = source, line
    return node


def _claims(glossary_file: str, claims: tuple[Claim, ...]) -> list[nodes.Node]:
    """A definition as text with its citations, each located at its line of ``terms.yaml``."""
    out: list[nodes.Node] = []
    for claim in claims:
        if claim.text:
            out.append(nodes.Text(claim.text))
        if claim.targets:
            out.append(para_citation("; ".join(claim.targets), glossary_file, claim.line))
    return out


def _field(name: str, *body: nodes.Node) -> nodes.field:
    return nodes.field("", nodes.field_name(name, name), nodes.field_body("", nodes.paragraph("", "", *body)))


def _article_refs(sources: tuple[str, ...]) -> list[nodes.Node]:
    """Links to the cited articles (titles filled in by Sphinx), joined by 、."""
    return joined(
        [
            addnodes.pending_xref(
                "",
                nodes.inline(s, s),
                refdomain="std",
                reftype="doc",
                reftarget=f"/articles/{s}",
                refexplicit=False,
                refwarn=True,
            )
            for s in sources
        ]
    )


def _senses(term: str, senses: tuple[Sense, ...], glossary_file: str) -> nodes.enumerated_list:
    """The senses as a numbered list ①②…, each with the articles it is written from."""
    listing = nodes.enumerated_list(classes=["term-senses"])
    listing[DEFINES_ATTRIBUTE] = term
    for i, sense in enumerate(senses):
        mark = sense_label(i)
        para = nodes.paragraph(classes=["term-sense"])
        para += nodes.inline(mark, mark, classes=["term-sense-number"])
        para += _claims(glossary_file, sense.claims)
        if sense.sources:
            cites = nodes.inline(classes=["term-sense-sources", "no-autolink"])
            cites += [nodes.Text("（出处："), *_article_refs(sense.sources), nodes.Text("）")]
            para += cites
        listing += nodes.list_item("", para)
    return listing


def _background(term: str, background: Background) -> nodes.container:
    """Context from outside the corpus: labelled, styled apart, with the document it comes from."""
    box = nodes.container(classes=["term-background"])
    box[DEFINES_ATTRIBUTE] = term
    text = nodes.paragraph(classes=["term-background-text"])
    text += nodes.strong(BACKGROUND_LABEL, BACKGROUND_LABEL, classes=["term-background-label"])
    text += nodes.Text("：" + background.text)
    box += text
    source = nodes.paragraph(classes=["term-background-source", "no-autolink"])
    source += nodes.Text("来源：")
    if background.url:
        source += nodes.reference(background.source, background.source, refuri=background.url)
    else:
        source += nodes.Text(background.source)
    box += source
    return box


class TermGlossary(SphinxDirective):
    """All glossary entries, grouped A–Z by pinyin initial."""

    def run(self) -> list[nodes.Node]:
        domain = terms_domain(self.env)
        if not domain.glossary_path.is_file():
            logger.warning(
                "term-glossary: glossary file %s not found (dangjian_glossary_file)",
                domain.glossary_path,
                location=self.get_location(),
                type="dangjian",
                subtype="glossary",
            )
            return []
        glossary = domain.glossary
        entries = list(glossary.entries)
        letters = [letter for letter, _ in groupby(entries, key=lambda e: e.letter)]
        nav = nodes.paragraph(classes=["glossary-letters"])
        nav += joined([nodes.reference(c, c, refid=f"letter-{c.lower()}") for c in letters], " ")
        out: list[nodes.Node] = [nav]
        for letter, group in groupby(entries, key=lambda e: e.letter):
            section = nodes.section(ids=[f"letter-{letter.lower()}"], classes=["glossary-letter"])
            section += nodes.title(letter, letter)
            for entry in group:
                section += self._entry(entry)
            self.state.document.set_id(section)
            out.append(section)
        return out

    def _entry(self, entry: Entry) -> list[nodes.Node]:
        box = nodes.container(ids=[entry.anchor], classes=["glossary-entry"])
        box[ENTRY_ATTRIBUTE] = entry.term
        self.set_source_info(box)
        head = nodes.paragraph(classes=["glossary-entry-head"])
        head += nodes.strong(entry.term, entry.term, classes=["term-name"])
        for value, cls in (
            (entry.traditional if entry.traditional != entry.term else "", "term-traditional"),
            (entry.pinyin, "term-pinyin"),
            (entry.english, "term-english"),
            (CATEGORIES.get(entry.category, entry.category), "term-category"),
        ):
            if value:
                head += nodes.Text(" ")
                head += nodes.inline(value, value, classes=[cls])
        box += head
        glossary_file = str(terms_domain(self.env).glossary_path)
        definition = nodes.paragraph(
            "", "", *_claims(glossary_file, entry.claims), classes=["term-definition"]
        )
        definition[DEFINES_ATTRIBUTE] = entry.term
        box += definition
        if entry.senses:
            box += _senses(entry.term, entry.senses, glossary_file)
        if entry.background is not None:
            box += _background(entry.term, entry.background)
        fields = nodes.field_list(classes=["term-fields", "no-autolink"])
        if entry.sources:
            fields += _field("出处", *_article_refs(entry.sources))
        if entry.aliases:
            fields += _field("别名", nodes.Text("、".join(entry.aliases)))
        if entry.related:
            fields += _field("相关术语", *joined([term_link(r, r) for r in entry.related]))
        fields += _field("本库首见", term_first_seen(term=entry.term))
        box += fields
        box += term_backlinks(term=entry.term)
        box += term_comparison(term=entry.term)
        index = addnodes.index(
            entries=[("single", entry.term, entry.anchor, "main", entry.letter)], dangjian_glossary=True
        )
        for alias in entry.aliases:
            index["entries"].append(("single", alias, entry.anchor, "", py.initial(py.reading(alias))))
        return [index, box]


def _articles(env: BuildEnvironment, mentions: dict[str, list[Mention]]) -> list[str]:
    facts = article_facts(env)
    return [doc for doc in mentions if doc in facts]


def _article_date(env: BuildEnvironment, docname: str) -> str:
    facts = article_facts(env).get(docname)
    return facts["date"] if facts else ""


def _title(env: BuildEnvironment, docname: str) -> str:
    title = env.titles.get(docname)
    return title.astext() if title is not None else docname


def _backlinks(app: Sphinx, fromdocname: str, term: str) -> list[nodes.Node]:
    env = app.env
    domain = terms_domain(env)
    mentions = domain.mentions_of(term, (d for d in domain.mentions if d != fromdocname))
    articles = _articles(env, mentions)
    if not articles:
        return [nodes.paragraph("本库文章中尚未出现。", "本库文章中尚未出现。", classes=["term-usage"])]
    total = sum(m["count"] for doc in articles for m in mentions[doc])
    summary = f"见于 {len(articles)} 篇文章，共 {total} 处："
    out: list[nodes.Node] = [nodes.paragraph(summary, summary, classes=["term-usage"])]
    listing = nodes.bullet_list(classes=["term-backlinks"])
    shown = get_config(env.config).backlinks_shown
    for doc in articles[:shown]:
        rows = mentions[doc]
        item = nodes.list_item()
        title = _title(env, doc)
        head = nodes.paragraph()
        head += make_refnode(app.builder, fromdocname, doc, "", nodes.inline(title, title), title)
        count = f"（{sum(m['count'] for m in rows)} 处）"
        head += nodes.inline(count, count, classes=["term-count"])
        item += head
        sections = nodes.bullet_list(classes=["term-sections"])
        for row in rows:
            line = nodes.paragraph(classes=["term-snippet"])
            label = row["title"] if row["title"] and row["title"] != title else LEAD_LABEL
            line += make_refnode(
                app.builder, fromdocname, doc, row["section"], nodes.inline(label, label), label
            )
            line += nodes.inline(f"（{row['count']}）", f"（{row['count']}）", classes=["term-count"])
            line += nodes.Text("：…" + row["before"])
            line += nodes.strong(row["match"], row["match"])
            line += nodes.Text(row["after"] + "…")
            sections += nodes.list_item("", line)
        item += sections
        listing += item
    out.append(listing)
    if len(articles) > shown:
        # A list of every article would grow the page with the corpus (31 MB at 1,000
        # articles); the search finds them all.
        rest = f"另有 {len(articles) - shown} 篇文章提到此术语"
        more = nodes.paragraph(rest, rest, classes=["term-more"])
        if app.builder.format == "html":
            uri = f"{app.builder.get_relative_uri(fromdocname, 'search')}?q={quote(term)}"
            more += nodes.Text("，")
            more += nodes.reference("在全文搜索中查看", "在全文搜索中查看", internal=True, refuri=uri)
        more += nodes.Text("。")
        out.append(more)
    return out


def _first_seen(app: Sphinx, fromdocname: str, term: str) -> list[nodes.Node]:
    """The first article in corpus order that mentions ``term``, with its date if known.

    Not "earliest by date": most sources give no date, and an undated article
    may be older than a dated one.
    """
    env = app.env
    domain = terms_domain(env)
    articles = _articles(env, domain.mentions_of(term, domain.mentions))
    if not articles:
        return [nodes.Text("—")]
    first = min(articles)
    title = _title(env, first)
    date = _article_date(env, first) or UNKNOWN_DATE
    link = make_refnode(app.builder, fromdocname, first, "", nodes.inline(title, title), title)
    return [link, nodes.inline(f"（{date}）", f"（{date}）", classes=["term-date"])]


def _senses_as_paragraphs(doctree: nodes.document) -> None:
    """Outside HTML the list's own numbers would come before ① ②: keep only the marked paragraphs."""
    for listing in list(doctree.findall(nodes.enumerated_list)):
        if "term-senses" in listing["classes"]:
            box = nodes.container(classes=listing["classes"])
            box += [para for item in listing.children for para in item.children]
            listing.replace_self(box)


def fill_placeholders(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "html":
        _senses_as_paragraphs(doctree)
    for node in list(doctree.findall(term_backlinks)):
        box = nodes.container(classes=["term-usages"])
        box += _backlinks(app, docname, node["term"])
        node.replace_self(box)
    for node in list(doctree.findall(term_first_seen)):
        node.replace_self(_first_seen(app, docname, node["term"]))


def setup_glossary_page(app: Sphinx) -> None:
    for node in (term_backlinks, term_first_seen, term_comparison):
        add_placeholder_node(app, node)
    app.add_directive("term-glossary", TermGlossary)
    app.connect("doctree-resolved", fill_placeholders)
