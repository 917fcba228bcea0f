"""Per-place pages: each place lists its pieces' practices (terms) and figures, each cited to its paragraph."""

from __future__ import annotations

import shutil
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import Site, sphinx_build
from dangjian.glossary.matcher import TermMatcher
from dangjian.regions.gazetteer import parse_gazetteer
from dangjian.regions.locate import locate_pieces
from dangjian.regions.pages import (
    CITED_SHOWN,
    ITEMS_SHOWN,
    ParagraphFacts,
    PlacePerson,
    build_tree,
    paragraph_facts,
    region_pages,
)
from dangjian.sphinx_ext.site.region_pages import _RegionCache

GAZETTEER = """\
- {name: 辽宁省, level: province, aliases: [辽宁]}
- {name: 锦州市, level: prefecture, parent: 辽宁省, aliases: [锦州]}
- {name: 北镇市, level: county, parent: 锦州市}
"""

PAGE = """\
---
article:
  title: 甲
  province: 辽宁省
  city: 锦州市
  county: ''
  date: ''
pieces:
- title: 甲
- title: 乙 报道
---
# 甲

{#p-jinzhou}
锦州市组建1336个网格党支部。

## 乙 报道

{#p-beizhen}
北镇市开展大串门，走访300户。
"""

GRID_FORMS = ("网格党支部", "网格(小区)党支部", "居民小区党支部")
MATCHER = TermMatcher({"网格党支部": "网格党支部", "大串门": "大串门"})


def _pages(people: list[PlacePerson] | None = None) -> dict[str, str]:
    gazetteer = parse_gazetteer(GAZETTEER, "g.yaml")
    located = locate_pieces("002-x", PAGE, gazetteer)
    facts = {"002-x": paragraph_facts("002-x", PAGE, MATCHER)}
    return region_pages(build_tree(gazetteer, located, facts, people))


def test_a_place_lists_the_terms_and_figures_of_its_pieces_paragraphs() -> None:
    pages = _pages()
    city, county = pages["jinzhou-shi.md"], pages["beizhen-shi.md"]
    assert "- {terms:term}`网格党支部`（1 段）{para}`002-x#p-jinzhou`" in city
    assert "- {terms:term}`大串门`（1 段）{para}`002-x#p-beizhen`" in city  # 北镇市 is inside 锦州市
    assert "- **1336个**：锦州市组建1336个网格党支部{para}`002-x#p-jinzhou`" in city
    # The county's piece is piece 2 only: piece 1's practice and figure are not its.
    assert "大串门" in county and "300户" in county
    assert "网格党支部" not in county and "1336" not in county


def test_people_are_listed_at_their_place_and_above_and_an_unknown_role_says_so() -> None:
    assert "## 人物" not in _pages()["jinzhou-shi.md"]
    pages = _pages(
        [
            PlacePerson("002-x", "p-beizhen", "张三", "", "北镇市"),
            PlacePerson("002-x", "p-jinzhou", "李四", "书记", "锦州市"),
        ]
    )
    assert "- 张三（职务不详）{para}`002-x#p-beizhen`" in pages["beizhen-shi.md"]
    assert "李四" not in pages["beizhen-shi.md"]  # 锦州市 is above 北镇市, not inside it
    assert "- 李四（书记）{para}`002-x#p-jinzhou`" in pages["jinzhou-shi.md"]
    assert "- 张三（职务不详）{para}`002-x#p-beizhen`" in pages["jinzhou-shi.md"]


def test_long_lists_are_cut_and_say_how_many_are_left_out() -> None:
    gazetteer = parse_gazetteer(GAZETTEER, "g.yaml")
    located = locate_pieces("002-x", PAGE, gazetteer)
    many = [
        ParagraphFacts("002-x", 1, f"p-a{i}", ("网格党支部",), ((f"{i}个", f"建{i}个"),))
        for i in range(ITEMS_SHOWN + 10)
    ]
    page = region_pages(build_tree(gazetteer, located, {"002-x": many}))["jinzhou-shi.md"]
    practice = next(line for line in page.splitlines() if "网格党支部" in line)
    assert f"（{ITEMS_SHOWN + 10} 段）" in practice and practice.count("002-x#p-a") == CITED_SHOWN
    assert page.count("- **") == ITEMS_SHOWN
    assert "另有 10 项未列出" in page


def test_the_region_cache_is_dropped_when_the_glossary_changes(tmp_path: Path) -> None:
    page = tmp_path / "002-x.md"
    page.write_text(PAGE, encoding="utf-8")
    gazetteer = parse_gazetteer(GAZETTEER, "g.yaml")
    store = tmp_path / "cache.json"
    cache = _RegionCache(store, b"gazetteer\0divisions\0glossary-1")
    _, _, found = cache.get(page, gazetteer, None, MATCHER)  # type: ignore[arg-type]
    assert [p.terms for p in found] == [("网格党支部",), ("大串门",)]
    cache.save()
    # Same key, another matcher: the cached entry is reused (the key is what must change) …
    same = _RegionCache(store, b"gazetteer\0divisions\0glossary-1")
    assert [p.terms for p in same.get(page, gazetteer, None, TermMatcher({}))[2]] == [
        ("网格党支部",),
        ("大串门",),
    ]
    # … and a new glossary is a new key, so nothing is reused.
    other = _RegionCache(store, b"gazetteer\0divisions\0glossary-2")
    assert other.pages == {}
    assert [p.terms for p in other.get(page, gazetteer, None, TermMatcher({}))[2]] == [(), ()]


# --- the built site ---------------------------------------------------------------------


def _paragraph(site: Site, href: str) -> str:
    page, _, anchor = href.partition("#")
    soup = BeautifulSoup((site.html / "regions" / page).resolve().read_text(encoding="utf-8"), "html.parser")
    target = soup.find(id=anchor)
    assert target is not None, href
    return target.get_text()


def _practices(soup: BeautifulSoup) -> dict[str, list[str]]:
    """Term → the paragraph links its line cites."""
    out = {}
    for item in soup.select(".region-practices li"):
        term = item.select_one('a[href*="glossary/index.html#term-"]')
        out[term.get_text()] = [a["href"] for a in item.select('a[href*="articles/"]')]
    return out


def test_jinzhou_lists_grid_party_branches_with_paragraphs_that_say_so(seed_site: Site) -> None:
    soup = seed_site.soup("regions/jinzhou-shi")
    practices = _practices(soup)
    glossary = soup.select_one('.region-practices a[href="../glossary/index.html#term-wangge-dangzhibu"]')
    assert glossary is not None and glossary.get_text() == "网格党支部"
    cited = practices["网格党支部"]
    assert cited and all(h.startswith("../articles/002-jinzhou.html#p-") for h in cited)
    for href in cited:
        assert "网格党支部" in _paragraph(seed_site, href)
    assert "大串门" in practices and "领导干部上讲台" in practices


def test_jinzhou_lists_people_named_there_with_role_and_paragraph(seed_site: Site) -> None:
    items = seed_site.soup("regions/jinzhou-shi").select(".region-people li")
    person = next(li for li in items if li.get_text().startswith("田玉民"))
    assert "（锦州医科大学教学督导、教授）" in person.get_text()
    link = person.select_one('a[href*="articles/002-jinzhou.html#p-"]')
    assert "田玉民" in _paragraph(seed_site, link["href"])
    # Named in 乌海's piece, not 锦州's: not listed here.
    assert not any(li.get_text().startswith("靳江波") for li in items)


def test_jinzhou_lists_its_figures_each_with_its_paragraph(seed_site: Site) -> None:
    items = seed_site.soup("regions/jinzhou-shi").select(".region-figures li")
    figure = next(li for li in items if li.select_one("strong").get_text() == "1336个")
    assert "网格党支部" in figure.get_text()
    link = figure.select_one('a[href*="articles/002-jinzhou.html#p-"]')
    assert "1336个网格党支部" in _paragraph(seed_site, link["href"])


def test_wuhai_and_chifeng_list_the_grid_practice_from_their_own_article(seed_site: Site) -> None:
    for place in ("wuhai-shi", "chifeng-shi"):
        cited = _practices(seed_site.soup(f"regions/{place}"))["网格党支部"]
        assert cited and all(h.startswith("../articles/004-chifeng-wuhai.html#p-") for h in cited), place
        for href in cited:  # the term or one of its aliases (网格(小区)党支部)
            assert any(form in _paragraph(seed_site, href) for form in GRID_FORMS), href


def _graph_fallback(html: Path, term: str) -> list[str]:
    soup = BeautifulSoup((html / "knowledge" / "graph.html").read_text(encoding="utf-8"), "html.parser")
    for item in soup.select("ul.kb-graph-text > li"):
        links = item.select("a")
        if links[0].get_text() == term:
            return [a["href"] for a in links[1:]]
    return []


def test_an_incremental_build_follows_an_article_edit_and_a_glossary_edit(
    seed_site: Site, tmp_path: Path
) -> None:
    src = tmp_path / "docs"
    shutil.copytree(seed_site.src, src, ignore=shutil.ignore_patterns("_build"))
    html = tmp_path / "html"
    assert sphinx_build(src, html).returncode == 0
    assert _graph_fallback(html, "一格一长一警一专多兼") == []  # one article, one place: not shared
    article = src / "articles" / "002-jinzhou.md"
    article.write_text(
        article.read_text(encoding="utf-8") + "\n{#p-ceshiyige}\n锦州市试行一格多员，网格党支部参与。\n",
        encoding="utf-8",
    )
    result = sphinx_build(src, html)
    assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr
    soup = BeautifulSoup((html / "regions" / "jinzhou-shi.html").read_text(encoding="utf-8"), "html.parser")
    assert "../articles/002-jinzhou.html#p-ceshiyige" in _practices(soup)["网格党支部"]
    # A glossary edit (an alias the new paragraph uses) must reach the place page and the graph.
    glossary = src / "glossary" / "terms.yaml"
    text = glossary.read_text(encoding="utf-8")
    entry = text.index("- term: 一格一长一警一专多兼")
    aliases = text.index("  aliases: []", entry)
    glossary.write_text(text[:aliases] + "  aliases: [一格多员]" + text[aliases + 13 :], encoding="utf-8")
    result = sphinx_build(src, html)
    assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr
    soup = BeautifulSoup((html / "regions" / "jinzhou-shi.html").read_text(encoding="utf-8"), "html.parser")
    assert _practices(soup)["一格一长一警一专多兼"] == ["../articles/002-jinzhou.html#p-ceshiyige"]
    linked = _graph_fallback(html, "一格一长一警一专多兼")
    assert "../articles/002-jinzhou.html" in linked and "../regions/jinzhou-shi.html" in linked
