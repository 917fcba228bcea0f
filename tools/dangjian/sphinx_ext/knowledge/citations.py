"""Claim-level citations: ``{para}`002-jinzhou#p-jinzhoushi``` after a sentence cites the paragraph.

The marker is a superscript 〔锦州〕 — the place the cited article reports on, in the bracket the
site already uses for editorial marks (〔接上文〕).  A Chinese reference work (百度百科, 中国大百科)
puts a small superscript mark right after the sentence; a bare number would need a reference list
the glossary does not have, while the place tells the reader which article speaks before they hover.
Hovering or focusing it shows the sentence of the paragraph that best supports the claim, with the
article's title: a tooltip in the HTML itself (no request), dismissed with Escape (WCAG 1.4.13).

Citations are ``pending_xref`` nodes of the ``cite`` domain (the glossary page makes the same
ones from ``terms.yaml``), resolved against the articles domain's paragraphs, so a quote is always
the page's text.  The domain records which page cites which paragraph; a page whose cited
paragraphs changed in an incremental build is written again (``env-get-updated``).
"""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Set
from typing import Any

from docutils import nodes
from docutils.nodes import Element
from docutils.parsers.rst.states import Inliner
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.nodes import make_refnode
from sphinx.writers.html5 import HTML5Translator

from ...glossary.citations import SENTENCE_END, best_sentence, overlap, parse_target, split_targets
from ..pages.domain import article_paragraphs, front_matter
from ..terms.glossary_page import CITE_DOMAIN, para_citation

logger = logging.getLogger(__name__)

#: Where article pages live (a target names the article by its id).
ARTICLES = "articles/"
#: A quote longer than this is cut (at a character) and marked 〔……〕.
QUOTE_MAX = 160
_CLAUSE = re.compile(r"(?<=[;；])")
_PLACE_SUFFIX = re.compile(
    r"^(.{2,}?)(?:[\u4e00-\u9fff]{1,4}族)?(?:自治区|自治州|自治县|自治旗|特别行政区|地区|省|市|县|区|盟|旗)$"
)


class para_marker(nodes.Inline, nodes.Element):
    """A resolved citation for HTML: ``items`` (label, uri, title, quote); written by :func:`visit_marker`."""


def _docname(article: str) -> str:
    return ARTICLES + article


def _normalise(target: str) -> str:
    """``/articles/002-jinzhou#p-x`` and ``articles/002-jinzhou#p-x`` as ``002-jinzhou#p-x``."""
    return target.strip().lstrip("/").removeprefix(ARTICLES)


def para_role(
    name: str,
    rawtext: str,
    text: str,
    lineno: int,
    inliner: Inliner,
    options: Any = None,
    content: Any = None,
) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    """``{para}`a#p-x; b#p-y```: a citation of one or more paragraphs, at this source line."""
    source, line = inliner.reporter.get_source_and_line(lineno)
    targets = "; ".join(_normalise(t) for t in split_targets(text))
    return [para_citation(targets, source or "", line or lineno)], []


def _place(env: BuildEnvironment, docname: str) -> str:
    """The article's place, short: its county, else prefecture, else province (锦州市 → 锦州)."""
    meta = front_matter(env, docname, "article")
    meta = meta if isinstance(meta, dict) else {}
    for key in ("county", "city", "province"):
        if value := str(meta.get(key) or ""):
            found = _PLACE_SUFFIX.match(value)
            return found.group(1) if found else value
    return docname.removeprefix(ARTICLES)


def _claim(node: Element) -> str:
    """The sentence a citation ends: the text before it in its paragraph, from the last full stop."""
    parent = node.parent
    if parent is None:
        return ""
    before = "".join(c.astext() for c in parent.children[: parent.index(node)])
    body = SENTENCE_END.sub("。", before).rstrip("。 ")
    return body.rsplit("。", 1)[-1]


def _quote(claim: str, paragraph: str) -> str:
    """The paragraph's sentence that best supports ``claim``; of a long one, its best clause (；)."""
    quote = best_sentence(claim, paragraph)
    if len(quote) > QUOTE_MAX:
        clauses = [c for c in _CLAUSE.split(quote) if c]
        quote = max(clauses, key=lambda c: overlap(claim, c)) if clauses else quote
    return quote if len(quote) <= QUOTE_MAX else quote[:QUOTE_MAX] + "〔……〕"


def _closest(target: str, paragraphs: dict[str, dict[str, str]]) -> str:
    """The nearest existing target, for the warning (its own article's anchors when it has some)."""
    article = target.partition("#")[0]
    own = paragraphs.get(_docname(article))
    if own:
        options = [f"{article}#{a}" for a in own]
    else:
        options = [f"{d.removeprefix(ARTICLES)}#{a}" for d, anchors in paragraphs.items() for a in anchors]
    near = difflib.get_close_matches(target, options, n=1, cutoff=0.0)
    return f"; did you mean {near[0]!r}?" if near else ""


class CitationsDomain(Domain):
    """Paragraph citations: which page cites which paragraphs, and how a citation is shown."""

    name = CITE_DOMAIN
    label = "出处"
    roles = {}
    initial_data: dict[str, Any] = {"cites": {}}
    data_version = 1

    @property
    def cites(self) -> dict[str, list[str]]:
        """Docname → the targets (``article#p-anchor``) its citations name."""
        return self.data.setdefault("cites", {})

    def clear_doc(self, docname: str) -> None:
        self.cites.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata["cites"]:
                self.cites[docname] = otherdata["cites"][docname]

    # Sphinx's Domain.resolve_xref signature, as the other domains'.
    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> Element | None:
        items = [item for t in split_targets(target) if (item := self._item(t, node))]
        if not items:
            return nodes.inline("", "")
        _disambiguate(items)
        if builder.format == "html":
            for item in items:
                doc, anchor = item.pop("doc"), item.pop("anchor")
                item["uri"] = f"{builder.get_relative_uri(fromdocname, doc)}#{anchor}"
            return para_marker("", items=items)
        mark = nodes.superscript(classes=["dj-cite"])
        mark += nodes.Text("〔")
        for i, item in enumerate(items):
            label = item["label"]
            mark += nodes.Text("、") if i else []
            mark += make_refnode(builder, fromdocname, item["doc"], item["anchor"], nodes.Text(label), label)
        mark += nodes.Text("〕")
        return mark

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):  # type: ignore[no-untyped-def]
        return []

    def _item(self, target: str, node: pending_xref) -> dict[str, Any] | None:
        """What the marker shows of one target; ``None`` (and a warning) when it names no paragraph."""
        paragraphs = article_paragraphs(self.env)
        parsed = parse_target(target)
        text = None
        if parsed is not None:
            text = paragraphs.get(_docname(parsed[0]), {}).get(parsed[1])
        if parsed is not None and text is None and _unread_article(self.env, _docname(parsed[0])):
            return None  # its page's front matter is broken and already reported: no warning per citation
        if parsed is None or text is None:
            logger.warning(
                f"{{para}} citation {target!r} names no paragraph{_closest(target, paragraphs)}",
                location=node,
                type="dangjian",
                subtype="cite",
            )
            return None
        doc = _docname(parsed[0])
        title = self.env.titles[doc].astext() if doc in self.env.titles else parsed[0]
        order = list(paragraphs[doc]).index(parsed[1]) + 1
        label = _place(self.env, doc)
        quote = _quote(_claim(node), text)
        return {"label": label, "doc": doc, "anchor": parsed[1], "title": title, "quote": quote, "n": order}


def _unread_article(env: BuildEnvironment, docname: str) -> bool:
    """A page that exists but was not read as an article (its front matter could not be read)."""
    return docname in env.all_docs and docname not in article_paragraphs(env)


def _disambiguate(items: list[dict[str, Any]]) -> None:
    """Two paragraphs of one place in one marker: 锦州·3、锦州·7 (their order in the article)."""
    labels = [item["label"] for item in items]
    for item in items:
        if labels.count(item["label"]) > 1:
            item["label"] = f"{item['label']}·{item['n']}"


def visit_marker(self: HTML5Translator, node: para_marker) -> None:
    """〔锦州、乌海〕: each place a link to its paragraph, described by its own tooltip."""
    count = self.document.get("dangjian_cites", 0)
    out = ['<sup class="dj-cite">〔']
    for i, item in enumerate(node["items"]):
        count += 1
        tip = f"dj-cite-{count}"
        out.append("、" if i else "")
        out.append(
            f'<span class="dj-cite-item"><a class="dj-cite-link reference internal" '
            f'href="{html.escape(item["uri"])}" aria-describedby="{tip}">{html.escape(item["label"])}</a>'
            f'<span class="dj-cite-tip" role="tooltip" id="{tip}">'
            f'<span class="dj-cite-title">《{html.escape(item["title"])}》</span>'
            f'<span class="dj-cite-quote">“{html.escape(item["quote"])}”</span></span></span>'
        )
    self.document["dangjian_cites"] = count
    out.append("〕</sup>")
    self.body.append("".join(out))
    raise nodes.SkipNode


def visit_marker_text(self: nodes.NodeVisitor, node: para_marker) -> None:
    """Outside HTML a marker was already made plain nodes; one that is left shows nothing."""
    raise nodes.SkipNode


def record_citations(app: Sphinx, doctree: nodes.document) -> None:
    """After reading a page: the paragraphs its citations name."""
    found = {
        t
        for node in doctree.findall(pending_xref)
        if node.get("refdomain") == CITE_DOMAIN
        for t in split_targets(node["reftarget"])
    }
    domain = citations_domain(app.env)
    if found:
        domain.cites[app.env.docname] = sorted(found)
    else:
        domain.cites.pop(app.env.docname, None)


def _cited_text(env: BuildEnvironment) -> dict[str, tuple[str, str | None]]:
    """Every cited target → (its article's title, its paragraph's text); what a marker shows."""
    paragraphs = article_paragraphs(env)
    out: dict[str, tuple[str, str | None]] = {}
    for targets in citations_domain(env).cites.values():
        for target in targets:
            if target not in out and (parsed := parse_target(target)):
                doc = _docname(parsed[0])
                title = env.titles[doc].astext() if doc in env.titles else ""
                out[target] = (title, paragraphs.get(doc, {}).get(parsed[1]))
    return out


def remember_cited(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Before reading: what every cited paragraph says (kept on the domain for this build only)."""
    citations_domain(env).cited_before = _cited_text(env)


def rewrite_citers(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """After reading: the pages citing a paragraph whose text or article title changed."""
    domain = citations_domain(env)
    before: dict[str, tuple[str, str | None]] | None = getattr(domain, "cited_before", None)
    if before is None:
        return []
    after = _cited_text(env)
    changed = {t for t in after if before.get(t) != after[t]}
    return sorted(doc for doc, targets in domain.cites.items() if changed.intersection(targets))


def citations_domain(env: BuildEnvironment) -> CitationsDomain:
    domain = env.get_domain(CITE_DOMAIN)
    assert isinstance(domain, CitationsDomain)
    return domain


def setup_citations(app: Sphinx) -> None:
    app.add_domain(CitationsDomain)
    app.add_role("para", para_role)
    skip = (visit_marker_text, None)
    app.add_node(para_marker, html=(visit_marker, None), latex=skip, text=skip, man=skip, texinfo=skip)
    app.connect("doctree-read", record_citations)
    app.connect("env-before-read-docs", remember_cited)
    app.connect("env-get-updated", rewrite_citers)
    app.add_js_file("dangjian-cite.js", defer="defer")
