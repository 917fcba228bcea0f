"""The reader's site beyond articles: home page, regions, topics, key figures, related articles, offline assets."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, SEEDS, Site
from dangjian.regions.gazetteer import parse_gazetteer, slug

GAZETTEER = ROOT / "docs" / "_data" / "gazetteer.yaml"
TOPICS = [
    "wangge-zhili",
    "zhucun-xiangcun-zhenxing",
    "dangyuan-jiaoyu-peixun",
    "dangjian-pinpai-gongzuofa",
    "jiguan-dangjian",
    "bianjing-dangjian",
]


def front_matter(site: Site, name: str) -> dict:
    import yaml

    page = (site.src / "articles" / f"{name}.md").read_text(encoding="utf-8")
    return yaml.safe_load(page.split("---\n", 2)[1])


def test_home_page_counts_are_live(seed_site: Site) -> None:
    soup = seed_site.soup("index")
    stats = {
        s.select_one("span").get_text(): int(s.select_one("strong").get_text())
        for s in soup.select(".kb-stat")
    }
    pieces = sum(len(front_matter(seed_site, n)["pieces"]) for n in SEEDS)
    regions = len(
        [
            p
            for p in (seed_site.html / "regions").glob("*.html")
            if p.name not in ("index.html", "pdf-book.html")
        ]
    )
    entries = len(seed_site.soup("glossary/index").select(".glossary-entry"))
    assert stats == {"篇文章": len(SEEDS), "篇报道": pieces, "个术语": entries, "个地区": regions}
    cards = {c.get_text(strip=True)[:3]: c for c in soup.select(".sd-card")}
    assert set(cards) >= {"地区按", "专题网", "术语表"}
    newest = [a.get_text() for a in soup.select(".kb-newest a")]
    assert newest[0] == "延边州:党旗映红乡村振兴路 同心谱就边疆幸福曲"  # the one dated article comes first


def test_every_region_in_metadata_has_a_page_with_pieces(seed_site: Site) -> None:
    gazetteer = parse_gazetteer(GAZETTEER.read_text(encoding="utf-8"), str(GAZETTEER))
    named = set()
    for name in SEEDS:
        meta = front_matter(seed_site, name)["article"]
        named |= {meta[k] for k in ("province", "city", "county") if meta.get(k)}
    assert named
    for place_name in named:
        place = gazetteer.get(place_name)
        assert place is not None, f"{place_name} is named in metadata but missing from the gazetteer"
        soup = seed_site.soup(f"regions/{slug(place)}")
        assert soup.select_one("h1").get_text().strip("#¶") == place_name
        assert soup.select("article li a.reference.internal"), f"region page {place_name} lists no pieces"


def test_region_pages_are_never_empty_and_link_pieces_to_their_sections(seed_site: Site) -> None:
    pages = sorted((seed_site.html / "regions").glob("*.html"))
    assert len(pages) > 10
    for page in pages:
        if page.name in ("index.html", "pdf-book.html"):
            continue
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        links = [
            a["href"] for a in soup.select("article ul li a.reference.internal") if "articles/" in a["href"]
        ]
        assert links, f"{page.name} is empty"
    # 干部“大串门” is piece 2 of 002 and lies in 北镇市: its link lands on that piece's section.
    soup = seed_site.soup("regions/beizhen-shi")
    link = next(a for a in soup.select("article a") if "大串门" in a.get_text())
    page, _, fragment = link["href"].partition("#")
    target = seed_site.soup(page.removeprefix("../").removesuffix(".html")).find(id=fragment)
    assert target is not None and "大串门" in target.select_one("h2").get_text()


def test_a_village_has_a_page_with_its_breadcrumb_down_from_the_province(seed_site: Site) -> None:
    # 003 names 珲春市密江乡解放村; 敦化市 has a 解放村 too, which gets no page from it.
    soup = seed_site.soup("regions/hunchun-shi-mijiang-xiang-jiefang-cun")
    body = soup.select_one("article.bd-article")
    assert body.select_one("h1").get_text().strip("#¶") == "解放村"
    crumbs = body.select_one("p")
    assert [a.get_text() for a in crumbs.select("a")] == ["吉林省", "延边朝鲜族自治州", "珲春市", "密江乡"]
    assert [a["href"] for a in crumbs.select("a")][-1] == "hunchun-shi-mijiang-xiang.html"
    assert "村级" in crumbs.get_text()
    # The pieces' list (the 做法/数字 lists below it link the glossary and paragraphs).
    pieces = [
        a["href"]
        for a in body.select("ul li a.reference.internal")
        if not a.find_parent(class_=["region-practices", "region-figures", "region-people"])
    ]
    assert pieces and all(href.startswith("../articles/003-yanbian.html") for href in pieces)
    # The town's page lists the village below it; no page for the other 解放村.
    town = seed_site.soup("regions/hunchun-shi-mijiang-xiang").select_one("article.bd-article")
    assert "解放村" in [a.get_text() for a in town.select(".toctree-wrapper a")]
    assert not list((seed_site.html / "regions").glob("dunhua-shi-*jiefang-cun.html"))


def test_the_region_index_shows_the_tree_down_to_villages(seed_site: Site) -> None:
    body = seed_site.soup("regions/index").select_one("article.bd-article")
    # A list item's first link is its own place; the places below it follow in a nested list.
    village = next(li for li in body.select("li") if li.find("a").get_text() == "正二村")
    path = [li.find("a").get_text() for li in reversed(village.find_parents("li"))]
    assert path == ["辽宁省", "锦州市", "北镇市", "正安镇"]
    assert "村级 · 1 篇" in village.get_text()
    linked = {li.find("a")["href"].removesuffix(".html") for li in body.select("li")}
    pages = {p.stem for p in (seed_site.html / "regions").glob("*.html")} - {"index", "pdf-book"}
    assert linked == pages  # every region page is in the tree, and only those
    # Existing places keep their page names (URLs do not change).
    assert {"tongjiang-shi", "hunchun-shi", "yanbian-chaoxianzuzizhizhou", "beizhen-shi"} <= pages


def test_pieces_are_located_only_inside_their_articles_region(seed_site: Site) -> None:
    # 001 (鸡西) mentions 江苏 and 哈尔滨 in passing; neither gets a page from it.
    assert not (seed_site.html / "regions" / "jiangsu-sheng.html").exists()
    assert not (seed_site.html / "regions" / "haerbin-shi.html").exists()


@pytest.mark.parametrize("topic", TOPICS)
def test_topic_pages_have_summary_terms_and_sections(seed_site: Site, topic: str) -> None:
    soup = seed_site.soup(f"topics/{topic}")
    body = soup.select_one("article.bd-article")
    cited = [a["href"] for a in body.select("p a.reference.internal") if "articles/" in a["href"]]
    assert cited, "the summary cites no article"
    terms = body.select(".topic-terms a")
    assert len(terms) >= 3
    sections = body.select("ul.topic-sections li li a")
    assert sections, "no article section is listed"


def test_at_least_four_diagrams_each_citing_an_article(seed_site: Site) -> None:
    diagrams = []
    for topic in TOPICS:
        body = seed_site.soup(f"topics/{topic}").select_one("article.bd-article")
        for figure in body.select("figure"):
            if figure.select_one(".mermaid"):
                caption = figure.select_one("figcaption")
                assert caption is not None and caption.select_one('a[href*="articles/"]'), (
                    f"{topic}: uncited diagram"
                )
                diagrams.append(figure)
    assert len(diagrams) >= 4


@pytest.mark.parametrize(
    ("name", "value", "unit", "clause"),
    [
        ("002-jinzhou", "31", "个", "组建网格党支部31个"),
        ("000-tongjiang", "52.9", "亿斤", "粮食产量达到52.9亿斤"),
    ],
)
def test_key_figures_link_back_to_their_sentence(
    seed_site: Site, name: str, value: str, unit: str, clause: str
) -> None:
    soup = seed_site.soup(f"articles/{name}")
    rows = [
        [td.get_text(strip=True) for td in tr.select("td")] + [tr.select_one("a")["href"]]
        for tr in soup.select("#article-figures tbody tr")
    ]
    row = next(r for r in rows if r[2] == clause)
    assert row[:2] == [value, unit]
    paragraph = soup.find(id=row[3].lstrip("#"))
    assert paragraph is not None and clause in re.sub(r"\s", "", paragraph.get_text())


def test_related_articles_share_terms_or_region(seed_site: Site) -> None:
    related = seed_site.soup("articles/002-jinzhou").select("#article-related li")
    assert 1 <= len(related) <= 3
    assert all("共同术语" in li.get_text() or "同在" in li.get_text() for li in related)
    assert "articles/002-jinzhou" not in str(related)


def test_no_page_loads_anything_from_outside(seed_site: Site) -> None:
    external = re.compile(r"""<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)=["'](?:https?:)?//""", re.I)
    for page in seed_site.html.rglob("*.html"):
        found = external.findall(page.read_text(encoding="utf-8"))
        assert not found, f"{page.relative_to(seed_site.html)} loads {found}"
    mermaid = seed_site.html / "_static" / "mermaid" / "mermaid.esm.min.mjs"
    assert mermaid.is_file()
    assert "cdn.jsdelivr" not in (seed_site.html / "topics" / "wangge-zhili.html").read_text(encoding="utf-8")


def test_search_page_gets_the_stemmer_fix_and_t2s_map(seed_site: Site) -> None:
    html = (seed_site.html / "search.html").read_text(encoding="utf-8")
    assert html.index("dangjian-search.js") < html.index("language_data.js")
    t2s = (seed_site.html / "_static" / "dangjian-t2s.js").read_text(encoding="utf-8")
    mapping = json.loads(t2s.removeprefix("window.DANGJIAN_T2S = ").rstrip(";\n"))
    assert [mapping.get(c, c) for c in "網格黨支部"] == list("网格党支部")
    assert "格" not in mapping  # characters that are the same in both scripts are left out
