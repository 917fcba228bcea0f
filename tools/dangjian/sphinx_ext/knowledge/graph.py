"""The ``{kb-graph}`` directive: the term ↔ article ↔ place graph as an inline SVG, plus a text version.

Each article's edges are recorded when it is read, in the ``kbgraph`` domain (per document,
so incremental and ``-j`` builds agree); the directive leaves a placeholder that is filled on
``doctree-resolved``.  The graph page is rewritten whenever the recorded edges, the article
titles or the glossary entries change (``env-get-updated``).  The SVG (HTML only; the layout
and the reasons for a static SVG are in :mod:`dangjian.facts.graph`) has one ``<a>`` per node,
reachable with Tab and named for screen readers; the text version lists, for each term, the
same articles and places as real links, in every builder.
"""

from __future__ import annotations

import json
from collections.abc import Set
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment
from sphinx.errors import ExtensionError
from sphinx.util.docutils import SphinxDirective

from ...errors import SourceError
from ...facts.graph import (
    KIND_NAMES,
    ArticleLinks,
    Box,
    Graph,
    article_links,
    build_graph,
    layout,
    links_from,
    node_id,
    render_svg,
)
from ...regions.divisions import Divisions, open_divisions
from ...regions.gazetteer import Gazetteer, parse_gazetteer, slug
from ..config import get_config
from ..pages.domain import article_facts
from ..placeholders import add_placeholder_node
from ..site.region_pages import RegionFacts
from ..terms.autolink import joined
from ..terms.domain import terms_domain
from .timeline import reference

_PER_DOC = ("links", "places", "pages")


class kb_graph(nodes.General, nodes.Element):
    """Placeholder: the graph and its text version."""


class GraphDomain(Domain):
    """Per article: term → paragraph anchors and places; per place: name, page, gazetteer order."""

    name = "kbgraph"
    label = "关系图"
    initial_data: dict[str, Any] = {"links": {}, "places": {}, "pages": {}, "fingerprint": ""}
    data_version = 1

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        self._places: tuple[Gazetteer, Divisions, Path] | None = None
        self._region_facts: RegionFacts | None = None

    @property
    def links(self) -> dict[str, dict[str, dict[str, list[str]]]]:
        return self.data.setdefault("links", {})

    @property
    def places(self) -> dict[str, dict[str, list[Any]]]:
        return self.data.setdefault("places", {})

    @property
    def pages(self) -> dict[str, bool]:
        """The documents that show a graph."""
        return self.data.setdefault("pages", {})

    def clear_doc(self, docname: str) -> None:
        for key in _PER_DOC:
            self.data.setdefault(key, {}).pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            for key in _PER_DOC:
                if docname in otherdata.get(key, {}):
                    self.data.setdefault(key, {})[docname] = otherdata[key][docname]

    def region_facts(self) -> RegionFacts:
        """The region pages' located pieces and paragraph facts of this build, read once per process."""
        if self._region_facts is None:
            self._region_facts = RegionFacts(self.env.doctreedir)
        return self._region_facts

    def gazetteer(self) -> tuple[Gazetteer, Divisions, Path] | None:
        """The gazetteer and the divisions, read once per process (None without a gazetteer)."""
        if self._places is None:
            path = Path(self.env.srcdir, get_config(self.env.config).gazetteer_file)
            if not path.is_file():
                return None
            try:
                gazetteer = parse_gazetteer(path.read_text(encoding="utf-8"), str(path))
                self._places = (gazetteer, open_divisions(), path)
            except SourceError as error:
                raise ExtensionError(f"dangjian: {error}") from None
        return self._places


def graph_domain(env: BuildEnvironment) -> GraphDomain:
    domain = env.get_domain("kbgraph")
    assert isinstance(domain, GraphDomain)
    return domain


def record_links(app: Sphinx, doctree: nodes.document) -> None:
    """When an article is read: which terms its paragraphs mention, and where those pieces are."""
    env = app.env
    docname = env.docname
    if docname not in article_facts(env):
        return
    domain = graph_domain(env)
    loaded = domain.gazetteer()
    if loaded is None:
        return
    gazetteer, divisions, path = loaded
    env.note_dependency(str(path))  # a new gazetteer can move any piece
    source = Path(env.doc2path(docname))
    article = docname.rsplit("/", 1)[-1]
    known = domain.region_facts().get(source)
    if known is not None:  # what builder-inited located and matched for the region pages
        found = links_from(article, *known, gazetteer)
    else:
        page = source.read_text(encoding="utf-8")
        found = article_links(article, page, terms_domain(env).matcher, gazetteer, divisions)
    domain.links[docname] = {
        "terms": {t: list(a) for t, a in found.terms.items()},
        "places": {t: list(k) for t, k in found.places.items()},
    }
    order = {p.key: i for i, p in enumerate(gazetteer.places)}
    keys = {key for keys in found.places.values() for key in keys}
    domain.places[docname] = {
        key: [place.name, slug(place), order[key]] for key in keys if (place := gazetteer.get(key))
    }


class KbGraph(SphinxDirective):
    """``{kb-graph}``: the graph of the whole corpus; ``:min-shared: 2`` keeps shared terms only."""

    option_spec = {"min-shared": directives.positive_int, "max-articles": directives.positive_int}

    def run(self) -> list[nodes.Node]:
        graph_domain(self.env).pages[self.env.docname] = True
        node = kb_graph(
            min_shared=self.options.get("min-shared", 1), max_articles=self.options.get("max-articles", 0)
        )
        self.set_source_info(node)
        return [node]


def _graph(env: BuildEnvironment, min_shared: int, max_articles: int) -> tuple[Graph, dict[str, list[Any]]]:
    """The graph of every article recorded, and each place's [name, page slug, order]."""
    domain = graph_domain(env)
    entries = terms_domain(env).entries
    links = [
        ArticleLinks(
            doc,
            {t: tuple(a) for t, a in rec["terms"].items() if t in entries},
            {t: tuple(k) for t, k in rec["places"].items() if t in entries},
        )
        for doc, rec in domain.links.items()
        if doc in env.all_docs
    ]
    places = {key: info for doc in domain.links for key, info in domain.places.get(doc, {}).items()}
    place_order = sorted(places, key=lambda key: (places[key][2], key))
    term_order = [entry.term for entry in terms_domain(env).glossary.entries]
    graph = build_graph(links, term_order, place_order, min_shared, max_articles)
    return graph, places


def _title(env: BuildEnvironment, docname: str) -> str:
    title = env.titles.get(docname)
    return title.astext() if title is not None else docname


class _Targets:
    """Where each node leads (docname, anchor) and what it is called, for one page."""

    def __init__(self, app: Sphinx, graph: Graph, places: dict[str, list[Any]]) -> None:
        env = app.env
        entries = terms_domain(env).entries
        regions = get_config(app.config).regions_dir
        self.graph = graph
        self.labels: dict[str, str] = {}
        self.targets: dict[str, tuple[str, str]] = {}
        for term in graph.nodes["term"]:
            self.labels[node_id("term", term)] = term
            self.targets[node_id("term", term)] = (entries[term]["docname"], entries[term]["anchor"])
        for key in graph.nodes["place"]:
            self.labels[node_id("place", key)] = places[key][0]
            self.targets[node_id("place", key)] = (f"{regions}/{places[key][1]}", "")
        for doc in graph.nodes["article"]:
            self.labels[node_id("article", doc)] = _title(env, doc)
            self.targets[node_id("article", doc)] = (doc, "")

    def name(self, box: Box) -> str:
        """The accessible name: the full label, the kind, and what it links."""
        node = node_id(box.kind, box.key)
        near = self.graph.neighbours(node)
        counts = "、".join(
            f"{sum(n.startswith(kind + ':') for n in near)} {'篇' if kind == 'article' else '个'}{KIND_NAMES[kind]}"
            for kind in KIND_NAMES
            if kind != box.kind and any(n.startswith(kind + ":") for n in near)
        )
        return f"{self.labels[node]}（{KIND_NAMES[box.kind]}，连接 {counts}）"


def _link(app: Sphinx, fromdocname: str, targets: _Targets, node: str) -> nodes.Node:
    docname, anchor = targets.targets[node]
    label = targets.labels[node]
    # The PDF has no region pages: a place there is its name.
    return reference(app, fromdocname, docname, anchor, label, label)


def _fallback(app: Sphinx, fromdocname: str, targets: _Targets) -> list[nodes.Node]:
    """For each term (pinyin order): its articles and places, as links; the same edges as the SVG."""
    listing = nodes.bullet_list(classes=["kb-graph-text"])
    for term in targets.graph.nodes["term"]:
        node = node_id("term", term)
        near = targets.graph.neighbours(node)
        line = nodes.paragraph()
        line += _link(app, fromdocname, targets, node)
        for kind, word in (("article", "：文章 "), ("place", "；地区 ")):
            linked = [n for n in near if n.startswith(kind + ":")]
            line += nodes.Text(word)
            line += (
                joined([_link(app, fromdocname, targets, n) for n in linked]) if linked else [nodes.Text("—")]
            )
        listing += nodes.list_item("", line)
    rubric = nodes.rubric("文字版", "文字版")
    intro = "每个术语所连接的文章和地区，与上图的连线相同。"
    return [rubric, nodes.paragraph(intro, intro), listing]


def _svg(app: Sphinx, fromdocname: str, targets: _Targets) -> nodes.Node:
    def href(box: Box) -> str:
        docname, anchor = targets.targets[node_id(box.kind, box.key)]
        uri = app.builder.get_relative_uri(fromdocname, docname)
        return f"{uri}#{anchor}" if anchor else uri

    svg = render_svg(layout(targets.graph, targets.labels), href, targets.name)
    box = nodes.container(classes=["kb-graph"])
    box += nodes.raw("", svg, format="html")
    return box


def _summary(graph: Graph, html: bool, linked: int) -> nodes.paragraph:
    """The counts; ``linked`` is how many articles link a kept term (more than drawn when capped)."""
    counts = [len(graph.nodes[k]) for k in ("term", "article", "place")]
    text = f"{counts[0]} 个术语、{counts[1]} 篇文章、{counts[2]} 个地区（地级），{len(graph.edges)} 条连线。"
    if linked > counts[1]:
        text += f"另有 {linked - counts[1]} 篇文章也提到这些术语，图中只画出提到术语最多的 {counts[1]} 篇。"
    if html:
        text += "左列为地区，中列为术语，右列为文章；每个方框都是链接，可用 Tab 键逐个到达，回车打开。"
    return nodes.paragraph(text, text, classes=["kb-graph-summary"])


def fill_graphs(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for node in list(doctree.findall(kb_graph)):
        graph, places = _graph(app.env, node["min_shared"], node["max_articles"])
        linked = (
            len(_graph(app.env, node["min_shared"], 0)[0].nodes["article"]) if node["max_articles"] else 0
        )
        targets = _Targets(app, graph, places)
        html = app.builder.format == "html" and bool(graph.edges)
        out: list[nodes.Node] = [_summary(graph, html, linked)]
        if html:
            out.append(_svg(app, docname, targets))
        out += _fallback(app, docname, targets)
        node.replace_self(out)


def _fingerprint(env: BuildEnvironment) -> str:
    domain = graph_domain(env)
    titles = {doc: _title(env, doc) for doc in domain.links}
    entries = terms_domain(env).entries
    return json.dumps([domain.links, domain.places, titles, entries], sort_keys=True, ensure_ascii=False)


def rewrite_graph_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """After reading: the graph pages, if an edge, a title or an entry changed since the last build."""
    domain = graph_domain(env)
    now = _fingerprint(env)
    if domain.data.get("fingerprint") == now:
        return []
    domain.data["fingerprint"] = now
    return sorted(set(domain.pages) & env.all_docs.keys())


def setup_graph(app: Sphinx) -> None:
    add_placeholder_node(app, kb_graph)
    app.add_domain(GraphDomain)
    app.add_directive("kb-graph", KbGraph)
    app.connect("doctree-read", record_links)
    app.connect("doctree-resolved", fill_graphs)
    app.connect("env-get-updated", rewrite_graph_pages)
