"""The term ↔ article ↔ place graph: its edges on the seeds, its layout, and the built page."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from conftest import ROOT, Site
from dangjian.facts.graph import (
    ArticleLinks,
    article_links,
    build_graph,
    graph_places,
    layout,
    node_id,
    order_columns,
    render_svg,
)
from dangjian.glossary.load import parse_glossary
from dangjian.glossary.matcher import TermMatcher
from dangjian.regions.divisions import open_divisions
from dangjian.regions.gazetteer import parse_gazetteer

GAZETTEER = ROOT / "docs" / "_data" / "gazetteer.yaml"
GLOSSARY = ROOT / "docs" / "glossary" / "terms.yaml"


@pytest.fixture(scope="module")
def seed_links(seed_site: Site) -> list[ArticleLinks]:
    glossary, problems = parse_glossary(GLOSSARY.read_text(encoding="utf-8"), str(GLOSSARY))
    assert not problems
    gazetteer = parse_gazetteer(GAZETTEER.read_text(encoding="utf-8"), str(GAZETTEER))
    matcher = TermMatcher.from_glossary(glossary)
    divisions = open_divisions()
    return [
        article_links(page.stem, page.read_text(encoding="utf-8"), matcher, gazetteer, divisions)
        for page in sorted((seed_site.src / "articles").glob("0*.md"))
    ]


def _neighbours(links: list[ArticleLinks], term: str) -> tuple[set[str], set[str]]:
    graph = build_graph(links, [], [])
    near = set(graph.neighbours(node_id("term", term)))
    return {n.split(":", 1)[1] for n in near if n.startswith("article:")}, {
        n.split(":", 1)[1] for n in near if n.startswith("place:")
    }


def test_grid_party_branch_links_the_articles_and_places_that_report_it(seed_links) -> None:
    articles, places = _neighbours(seed_links, "网格党支部")
    assert articles == {"002-jinzhou", "004-chifeng-wuhai"}
    # Prefecture level; 内蒙古自治区 is named in 004 but a piece that names 赤峰市 is not the province's.
    assert places == {"锦州市", "赤峰市", "乌海市"}


def test_every_article_edge_rests_on_a_paragraph_that_names_the_term(seed_site: Site, seed_links) -> None:
    glossary, _ = parse_glossary(GLOSSARY.read_text(encoding="utf-8"), str(GLOSSARY))
    for links in seed_links:
        page = (seed_site.src / "articles" / f"{links.article}.md").read_text(encoding="utf-8")
        for term, anchors in links.terms.items():
            entry = glossary.get(term)
            forms = {entry.term, entry.traditional, *entry.aliases} - {""}
            for anchor in anchors:
                paragraph = page.split("{#" + anchor + "}\n", 1)[1].split("\n", 1)[0]
                assert any(form in paragraph for form in forms), (links.article, anchor, term)


def test_a_term_named_in_one_place_only_is_left_out_when_shared_terms_are_asked(seed_links) -> None:
    graph = build_graph(seed_links, [], [], min_shared=2)
    terms = set(graph.nodes["term"])
    assert "网格党支部" in terms  # two articles, three places
    for term in terms:
        near = graph.neighbours(node_id("term", term))
        articles = [n for n in near if n.startswith("article:")]
        places = [n for n in near if n.startswith("place:")]
        assert len(articles) >= 2 or len(places) >= 2, term
    assert len(terms) < len(build_graph(seed_links, [], []).nodes["term"])


def test_max_articles_keeps_those_linking_most_terms(seed_links) -> None:
    full = build_graph(seed_links, [], [])
    two = build_graph(seed_links, [], [], max_articles=2)
    assert len(two.nodes["article"]) == 2
    degree = {a: len(full.neighbours(node_id("article", a))) for a in full.nodes["article"]}
    assert min(degree[a] for a in two.nodes["article"]) >= max(
        degree[a] for a in full.nodes["article"] if a not in two.nodes["article"]
    )
    assert two.nodes["term"] == full.nodes["term"]  # terms still count every article


GAZ = """\
- {name: 内蒙古自治区, level: province, aliases: [内蒙古]}
- {name: 赤峰市, level: prefecture, parent: 内蒙古自治区, aliases: [赤峰]}
- {name: 松山区, level: county, parent: 赤峰市}
- {name: 阿拉善盟, level: prefecture, parent: 内蒙古自治区}
"""


def test_places_are_counted_at_the_prefecture_and_the_province_only_alone() -> None:
    gazetteer = parse_gazetteer(GAZ, "g.yaml")
    assert graph_places(gazetteer, ["内蒙古自治区", "松山区", "赤峰市"]) == ["赤峰市"]
    assert graph_places(gazetteer, ["内蒙古自治区"]) == ["内蒙古自治区"]
    assert graph_places(gazetteer, ["阿拉善盟", "松山区"]) == ["阿拉善盟", "赤峰市"]


def _crossings(graph, columns: dict[str, list[str]]) -> int:
    rank = {node_id(kind, name): i for kind, names in columns.items() for i, name in enumerate(names)}
    edges = [(rank[a], rank[b], a.split(":")[0]) for a, b in graph.edges]
    return sum(
        1
        for i, (a1, b1, k1) in enumerate(edges)
        for a2, b2, k2 in edges[i + 1 :]
        if k1 == k2 and (a1 - a2) * (b1 - b2) < 0
    )


def test_the_column_order_crosses_fewer_edges_than_the_input_order(seed_links) -> None:
    graph = build_graph(seed_links, [], [], min_shared=2)
    initial = {kind: list(names) for kind, names in graph.nodes.items()}
    assert _crossings(graph, order_columns(graph)) < 0.8 * _crossings(graph, initial)


def test_the_svg_is_the_same_whatever_order_the_articles_come_in(seed_links) -> None:
    def svg(links: list[ArticleLinks]) -> str:
        graph = build_graph(links, [], [], min_shared=2)
        labels = {node_id("term", t): t for t in graph.nodes["term"]}
        return render_svg(layout(graph, labels), lambda b: f"#{b.key}", lambda b: b.key)

    shuffled = list(seed_links)
    random.Random(4).shuffle(shuffled)
    assert svg(shuffled) == svg(seed_links)


def test_every_node_is_a_named_link_in_column_order(seed_links) -> None:
    graph = build_graph(seed_links, [], [], min_shared=2)
    plan = layout(graph, {})
    svg = render_svg(plan, lambda b: f"x/{b.key}.html", lambda b: f"{b.key}（{b.kind}）")
    links = re.findall(
        r'<a class="kb-graph-node kb-graph-(\w+) n\d+" href="([^"]*)" aria-label="([^"]*)">', svg
    )
    assert len(links) == sum(len(v) for v in graph.nodes.values())
    kinds = [kind for kind, _, _ in links]
    assert kinds == sorted(kinds, key=["place", "term", "article"].index)  # places, terms, articles
    assert all(href and label for _, href, label in links)
    for kind in ("place", "term", "article"):
        ys = [b.y for b in plan.boxes if b.kind == kind]
        assert ys == sorted(ys)  # top to bottom within a column
    assert svg.count("<path ") == len(graph.edges)
    assert "<script" not in svg
    # Each edge names its two nodes, so a node's hover/focus rule colours its own edges only.
    number = {node_id(b.kind, b.key): i for i, b in enumerate(plan.boxes)}
    drawn = {tuple(sorted(map(int, pair))) for pair in re.findall(r'<path class="e(\d+) e(\d+)"', svg)}
    assert drawn == {tuple(sorted((number[a], number[b]))) for a, b in graph.edges}


# --- the built page -------------------------------------------------------------------


def _fallback(site: Site) -> dict[str, tuple[set[str], set[str]]]:
    """Term → (article hrefs, place hrefs) as the text version lists them."""
    out = {}
    for item in site.soup("knowledge/graph").select("ul.kb-graph-text > li"):
        links = item.select("a")
        hrefs = [a["href"] for a in links[1:]]
        out[links[0].get_text()] = (
            {h for h in hrefs if "/articles/" in h},
            {h for h in hrefs if "/regions/" in h},
        )
    return out


def test_the_text_version_lists_the_same_edges_as_the_svg(seed_site: Site, seed_links) -> None:
    soup = seed_site.soup("knowledge/graph")
    svg = soup.select_one(".kb-graph svg")
    assert svg is not None and svg.get("role") == "group" and svg.get("aria-label")
    fallback = _fallback(seed_site)
    assert fallback["网格党支部"] == (
        {"../articles/002-jinzhou.html", "../articles/004-chifeng-wuhai.html"},
        {"../regions/jinzhou-shi.html", "../regions/chifeng-shi.html", "../regions/wuhai-shi.html"},
    )
    graph = build_graph(seed_links, [], [], min_shared=2, max_articles=60)
    assert set(fallback) == set(graph.nodes["term"])
    assert sum(len(a) + len(p) for a, p in fallback.values()) == len(graph.edges)
    assert len(svg.select("path")) == len(graph.edges)
    node_hrefs = {a["href"].split("#")[0] for a in svg.select("a")}
    fallback_hrefs = {h for a, p in fallback.values() for h in a | p}
    assert fallback_hrefs <= node_hrefs  # every place and article of the list is a node of the graph


def test_every_node_leads_to_an_existing_page_and_anchor(seed_site: Site) -> None:
    svg = seed_site.soup("knowledge/graph").select_one(".kb-graph svg")
    for link in svg.select("a"):
        page, _, anchor = link["href"].partition("#")
        target = (seed_site.html / "knowledge" / page).resolve()
        assert target.is_file(), link["href"]
        if anchor:
            html = target.read_text(encoding="utf-8")
            assert f'id="{anchor}"' in html, link["href"]
        assert link.select_one("title").get_text() == link["aria-label"]


def test_a_parallel_build_writes_the_same_graph_and_place_pages(seed_site: Site, parallel_site: Site) -> None:
    for page in ("knowledge/graph.html", "regions/jinzhou-shi.html", "regions/wuhai-shi.html"):
        one = (seed_site.html / page).read_text(encoding="utf-8")
        two = (parallel_site.html / page).read_text(encoding="utf-8")
        assert one == two, page


def test_the_graph_page_costs_no_script_and_little_weight(seed_site: Site) -> None:
    html = (seed_site.html / "knowledge" / "graph.html").read_text(encoding="utf-8")
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert len(svg.encode()) < 150_000
    scripts = set(re.findall(r'<script[^>]*src="([^"]+)"', html))
    assert not any("cytoscape" in s or "sigma" in s for s in scripts)
    assert not Path(seed_site.html, "_static", "cytoscape.min.js").exists()
