"""Auto-linking: every mention of a glossary term in a page's text links to its entry.

Contributors write plain text; the links are made here, at read time, so adding
an entry links it everywhere on the next build.  Each page notes the glossary
file as a dependency, so editing the glossary re-reads every page.  Mentions are
counted per section for backlinks, and each article ends with the terms it uses.
"""

from __future__ import annotations

from collections import defaultdict

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform

from ...glossary.matcher import Match
from ..config import get_config
from ..pages.domain import is_article
from .domain import ENTRY_ATTRIBUTE, Mention, TermsDomain, terms_domain

#: Nodes whose text is never linked: headings, links, code, markup, index data.
NO_LINK_NODES: tuple[type[nodes.Node], ...] = (
    nodes.title,
    nodes.subtitle,
    nodes.rubric,
    nodes.reference,
    nodes.target,
    nodes.literal,
    nodes.FixedTextElement,
    nodes.raw,
    nodes.comment,
    nodes.field_name,
    nodes.image,
    nodes.math,
    addnodes.pending_xref,
    addnodes.index,
    addnodes.toctree,
    addnodes.desc_signature,
)
#: Containers whose text is never linked, by class: metadata panels and generated lists.
NO_LINK_CLASSES = frozenset(
    {"article-meta", "piece-meta", "glossary-entry-head", "article-terms", "no-autolink"}
)
#: Containers holding a traditional-script original.
ORIGINAL_CLASS = "original-script"
#: The attribute naming the term a definition belongs to (never self-linked there).
DEFINES_ATTRIBUTE = "dangjian_defines"
SNIPPET_CONTEXT = 16
ARTICLE_TERMS_TITLE = "本文术语"
ARTICLE_TERMS_ID = "article-terms"


def term_link(term: str, text: str) -> addnodes.pending_xref:
    """A link to ``term``'s entry showing ``text``; resolved by :class:`TermsDomain`."""
    ref = addnodes.pending_xref(
        "", refdomain="terms", reftype="term", reftarget=term, refexplicit=True, refwarn=True
    )
    ref += nodes.inline(text, text, classes=["glossary-term"])
    return ref


def joined(items: list[nodes.Node], sep: str = "、") -> list[nodes.Node]:
    """``items`` with ``sep`` between them, as inline nodes."""
    out: list[nodes.Node] = []
    for i, item in enumerate(items):
        if i:
            out.append(nodes.Text(sep))
        out.append(item)
    return out


def _skip(node: nodes.Node) -> bool:
    for ancestor in _ancestors(node):
        if isinstance(ancestor, NO_LINK_NODES):
            return True
        if isinstance(ancestor, nodes.Element) and NO_LINK_CLASSES & set(ancestor.get("classes", ())):
            return True
    return False


def _ancestors(node: nodes.Node):
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def _first(node: nodes.Node, kind: type[nodes.Element]) -> nodes.Element | None:
    return next((a for a in _ancestors(node) if isinstance(a, kind)), None)


def _first_id(node: nodes.Element | None) -> str:
    return node["ids"][0] if node is not None and node["ids"] else ""


def _in_original(node: nodes.Node) -> bool:
    # sphinx-design keeps a dropdown's :class-container: in "container_classes"
    # until its post-transform builds the HTML structure.
    return any(
        ORIGINAL_CLASS in (*a.get("classes", ()), *a.get("container_classes", ()))
        for a in _ancestors(node)
        if isinstance(a, nodes.Element)
    )


def _defines(node: nodes.Node) -> str:
    return next(
        (
            a[DEFINES_ATTRIBUTE]
            for a in _ancestors(node)
            if isinstance(a, nodes.Element) and a.get(DEFINES_ATTRIBUTE)
        ),
        "",
    )


def _offset(text: nodes.Text, block: nodes.Element) -> int:
    """Where ``text`` starts within ``block.astext()``."""
    offset = 0
    for other in block.findall(nodes.Text):
        if other is text:
            return offset
        offset += len(other)
    return 0


class LinkGlossaryTerms(SphinxTransform):
    """Turn term mentions into links and record them in the ``terms`` domain."""

    # After the parser and docutils' own transforms have built the tree, and
    # before SphinxDomains (850) runs the domains' process_doc and the
    # doctree-read event (880) lets collectors (toc, metadata) see the result.
    default_priority = 840

    def apply(self, **kwargs: object) -> None:
        domain = terms_domain(self.env)
        config = get_config(self.config)
        docname = self.env.docname
        path = domain.glossary_path
        if path.is_file():
            self.env.note_dependency(str(path))
        if not config.links(docname) or not domain.glossary.entries:
            domain.note_mentions(docname, [])
            return
        linked: set[tuple[object, ...]] = set()
        tallies: dict[tuple[str, str], Mention] = {}
        for text in list(self.document.findall(nodes.Text)):
            title = _first(text, nodes.title)
            if title is not None and isinstance(title.parent, nodes.section) and not _in_original(text):
                # A heading is never linked, but a mention there still counts.
                found = domain.matcher.find(str(text))
                if found:
                    self._tally(tallies, text, found, title.parent, _first_id(title.parent))
                continue
            if _skip(text):
                continue
            original = _in_original(text)
            own = _defines(text)
            matches = [m for m in domain.matcher.find(str(text), traditional=original) if m.term != own]
            if not matches:
                continue
            section = _first(text, nodes.section)
            section_id = _first_id(section)
            if not original:
                self._tally(tallies, text, matches, section, section_id)
            replacement: list[nodes.Node] = []
            cursor = 0
            for match in matches:
                scope = {
                    "section": (section_id, original),
                    "document": (original,),
                    "all": (match.start, id(text)),
                }[config.autolink]
                key = (match.term, *scope)
                piece = str(text)[match.start : match.end]
                if match.start > cursor:
                    replacement.append(nodes.Text(str(text)[cursor : match.start]))
                if key in linked:
                    replacement.append(nodes.Text(piece))
                else:
                    linked.add(key)
                    replacement.append(term_link(match.term, piece))
                cursor = match.end
            if cursor < len(text):
                replacement.append(nodes.Text(str(text)[cursor:]))
            text.parent.replace(text, replacement)
        mentions = list(tallies.values())
        domain.note_mentions(docname, mentions)
        if mentions and is_article(self.env, docname):
            self._article_terms(domain, mentions)

    def _tally(
        self,
        tallies: dict[tuple[str, str], Mention],
        text: nodes.Text,
        matches: list[Match],
        section: nodes.Element | None,
        section_id: str,
    ) -> None:
        block = _first(text, nodes.TextElement) or text.parent
        for match in matches:
            key = (match.term, section_id)
            if key in tallies:
                tallies[key]["count"] += 1
                continue
            whole = block.astext()
            start = _offset(text, block) + match.start
            end = start + match.end - match.start
            title = section[0].astext() if section is not None and isinstance(section[0], nodes.title) else ""
            tallies[key] = {
                "term": match.term,
                "section": section_id,
                "title": title,
                "count": 1,
                "before": whole[max(0, start - SNIPPET_CONTEXT) : start],
                "match": whole[start:end],
                "after": whole[end : end + SNIPPET_CONTEXT],
            }

    def _article_terms(self, domain: TermsDomain, mentions: list[Mention]) -> None:
        """End the article with 本文术语: each term it uses, with its count, in pinyin order."""
        counts: dict[str, int] = defaultdict(int)
        for mention in mentions:
            counts[mention["term"]] += mention["count"]
        order = {entry.term: entry.sort_key for entry in domain.glossary.entries}
        top = next(iter(self.document.findall(nodes.section)), None)
        if top is None:
            return
        section = nodes.section(ids=[ARTICLE_TERMS_ID], classes=["article-terms"])
        section += nodes.title(ARTICLE_TERMS_TITLE, ARTICLE_TERMS_TITLE)
        para = nodes.paragraph()
        for i, term in enumerate(sorted(counts, key=lambda t: order.get(t, ("", "", t)))):
            if i:
                para += nodes.Text("、")
            para += term_link(term, term)  # each followed by its count, so not joined()
            para += nodes.inline(f"（{counts[term]}）", f"（{counts[term]}）", classes=["term-count"])
        section += para
        self.document.set_id(section)
        top += section


__all__ = ["DEFINES_ATTRIBUTE", "ENTRY_ATTRIBUTE", "LinkGlossaryTerms", "term_link"]
