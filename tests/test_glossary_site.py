"""The glossary on the real site: links, backlinks, anchors, search, incremental and parallel builds."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, SEEDS, Site, sphinx_build
from dangjian.glossary.load import parse_glossary

GLOSSARY_FILE = ROOT / "docs" / "glossary" / "terms.yaml"


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def glossary_links(soup: BeautifulSoup) -> list[tuple[str, str]]:
    """(shown text, fragment) of each link from an article body to a glossary entry."""
    body = soup.select_one("article.bd-article")
    return [
        (a.get_text(), a["href"].split("#", 1)[1])
        for a in body.select("a.reference.internal")
        if re.match(r"^\.\./glossary/index\.html#term-", a.get("href", ""))
    ]


def linked_terms(soup: BeautifulSoup) -> set[str]:
    return {fragment for _text, fragment in glossary_links(soup)}


def entry_articles(glossary: BeautifulSoup, anchor: str) -> list[str]:
    """The article pages an entry's backlinks point to."""
    entry = glossary.select_one(f"#{anchor}")
    return [a["href"].split("#")[0] for a in entry.select(".term-backlinks > li > p > a")]


def anchors(glossary: BeautifulSoup) -> dict[str, str]:
    """Term → the id of its entry."""
    return {e.select_one(".term-name").get_text(): e["id"] for e in glossary.select(".glossary-entry")}


@pytest.mark.parametrize(
    ("term", "anchor", "pages"),
    [
        ("网格党支部", "term-wangge-dangzhibu", ["002-jinzhou", "004-chifeng-wuhai"]),
        ("书记领办", "term-shuji-lingban", ["000-tongjiang"]),
        ("双报到", "term-shuang-baodao", ["001-jixi", "004-chifeng-wuhai"]),
    ],
)
def test_term_links_to_its_entry_where_it_appears(
    seed_site: Site, term: str, anchor: str, pages: list[str]
) -> None:
    for name in SEEDS:
        soup = seed_site.soup(f"articles/{name}")
        links = [text for text, fragment in glossary_links(soup) if fragment == anchor]
        if name in pages:
            assert term in links, f"{term} is not linked in {name}"
        else:
            assert links == [], f"{term} is linked in {name}, where the text does not mention it"
    glossary = seed_site.soup("glossary/index")
    assert glossary.select_one(f"#{anchor} .term-name").get_text() == term
    assert entry_articles(glossary, anchor) == [f"../articles/{p}.html" for p in pages]


def test_grid_branch_entry_lists_exactly_its_articles_with_snippets(seed_site: Site) -> None:
    entry = seed_site.soup("glossary/index").select_one("#term-wangge-dangzhibu")
    items = entry.select(".term-backlinks > li")
    assert [li.select_one("p > a").get_text() for li in items] == [
        "为振兴发展提供坚强组织保障",
        "党建引领筑根基 乡村振兴谋福祉",
    ]
    snippets = [p.get_text() for p in entry.select(".term-snippet")]
    assert snippets and all("网格党支部" in s for s in snippets)
    assert all(
        p.select_one("strong").get_text() in ("网格党支部", "网格(小区)党支部", "居民小区党支部")
        for p in entry.select(".term-snippet")
    )
    # Each section link lands on a section that really mentions the term.
    for link in entry.select(".term-snippet > a"):
        page, _, fragment = link["href"].partition("#")
        target = seed_site.soup(page.removeprefix("../").removesuffix(".html"))
        section = target.find(id=fragment) if fragment else target.select_one("article.bd-article")
        assert section is not None and "网格党支部" in section.get_text()
    fields = {
        dt.get_text().rstrip(":"): dd for dt, dd in zip(entry.select("dt"), entry.select("dd"), strict=True)
    }
    assert fields["本库首见"].get_text(strip=True) == "为振兴发展提供坚强组织保障（日期不详）"  # corpus order
    total = sum(int(re.search(r"（(\d+)）", p.get_text()).group(1)) for p in entry.select(".term-snippet"))
    assert entry.select_one(".term-usage").get_text() == f"见于 2 篇文章，共 {total} 处："


def test_links_are_never_in_headings_and_prefer_the_longest_term(seed_site: Site) -> None:
    for name in SEEDS:
        soup = seed_site.soup(f"articles/{name}")
        body = soup.select_one("article.bd-article")
        for heading in body.select("h1, h2, h3"):
            assert not [a for a in heading.select("a") if "headerlink" not in a.get("class", [])], heading
    texts = [
        text
        for text, fragment in glossary_links(seed_site.soup("articles/002-jinzhou"))
        if fragment == "term-wangge-dangzhibu"
    ]
    assert texts and all(t.endswith("党支部") for t in texts)


def test_traditional_originals_are_linked(seed_site: Site) -> None:
    soup = seed_site.soup("articles/003-yanbian")
    original = [
        a.get_text() for d in soup.select(".original-script") for a in d.select("a.reference.internal")
    ]
    assert "駐村幹部黨委" in original


def test_each_article_lists_the_terms_it_uses(seed_site: Site) -> None:
    for name in SEEDS:
        soup = seed_site.soup(f"articles/{name}")
        box = soup.select_one("#article-terms")
        listed = {a["href"].split("#")[1] for a in box.select("a.reference.internal")}
        for original in soup.select(".original-script"):
            original.decompose()  # the traditional original repeats the same text
        in_text = {fragment for text, fragment in glossary_links(soup)} - listed
        assert in_text == set(), f"{name}: linked in the text but not listed: {in_text}"


def test_anchors_are_pinyin_and_the_entries_are_in_pinyin_order(seed_site: Site) -> None:
    glossary, _problems = parse_glossary(GLOSSARY_FILE.read_text(encoding="utf-8"), "terms.yaml")
    shown = anchors(seed_site.soup("glossary/index"))
    assert len(shown) == len(glossary.entries) >= 60
    for entry in glossary.entries:
        assert re.fullmatch(r"term-[a-z0-9]+(-[a-z0-9]+)*", shown[entry.term])
    assert shown["网格党支部"] == "term-wangge-dangzhibu"
    letters = [
        h.get_text().strip("¶")
        for h in seed_site.soup("glossary/index").select("section.glossary-letter > h2")
    ]
    assert letters == sorted(letters)
    index = seed_site.soup("genindex")
    groups = [h.get_text() for h in index.select("h2")]
    assert groups == sorted(groups) and set(groups) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def test_senses_are_numbered_and_background_is_labelled_on_the_real_glossary(seed_site: Site) -> None:
    glossary, _problems = parse_glossary(GLOSSARY_FILE.read_text(encoding="utf-8"), "terms.yaml")
    page = seed_site.soup("glossary/index")
    five = page.select_one("#term-wu-wei-yi-ti")
    senses = [li.get_text().strip() for li in five.select("ol.term-senses > li")]
    assert [s[0] for s in senses] == ["①", "②"]
    assert "教学模式" in senses[0] and "联合管边控边机制" in senses[1]
    rules = page.select_one("#term-si-yi-yi-shen-liang-gongkai")
    box = rules.select_one("div.term-background")
    assert box.select_one(".term-background-label").get_text() == "背景（库外资料）"
    assert (
        box.select_one(".term-background-source").get_text()
        == "来源：《中国共产党农村基层组织工作条例》（2019）"
    )
    assert (
        "四议两公开" in box.get_text() and "四议两公开" not in rules.select_one(".term-definition").get_text()
    )
    # Every entry with senses or background shows them, and no other entry does.
    assert len(page.select("ol.term-senses")) == sum(bool(e.senses) for e in glossary.entries)
    assert len(page.select("div.term-background")) == sum(e.background is not None for e in glossary.entries)


def test_search_index_has_terms_as_whole_tokens(seed_site: Site) -> None:
    text = (seed_site.html / "searchindex.js").read_text(encoding="utf-8")
    terms = json.loads(text[text.index("(") + 1 : text.rindex(")")])["terms"]
    for term in ("网格党支部", "书记领办", "双报到"):
        assert term in terms, term


def test_parallel_build_links_the_same_terms(seed_site: Site, parallel_site: Site) -> None:
    for page in [f"articles/{n}" for n in SEEDS]:
        assert glossary_links(seed_site.soup(page)) == glossary_links(parallel_site.soup(page)), page
    one = seed_site.soup("glossary/index")
    two = parallel_site.soup("glossary/index")
    assert (
        one.select_one("#term-wangge-dangzhibu").get_text()
        == two.select_one("#term-wangge-dangzhibu").get_text()
    )
    assert [e.get_text() for e in one.select(".term-usages")] == [
        e.get_text() for e in two.select(".term-usages")
    ]


NEW_ENTRY = """
- term: 微信课堂
  traditional: 微信課堂
  pinyin: wēixìn kètáng
  english: WeChat classroom
  category: mechanism
  definition: 测试用词条：鸡西线上打造的学习平台之一。
  sources: [001-jixi]
"""


def test_incremental_builds_follow_glossary_and_article_edits(seed_site: Site, tmp_path: Path) -> None:
    """One source tree, one output: each step is an incremental build, never a clean one."""
    src = tmp_path / "docs"
    shutil.copytree(seed_site.src, src)
    html, doctrees = tmp_path / "html", tmp_path / "doctrees"

    def build() -> None:
        result = sphinx_build(src, html, "-d", str(doctrees))
        assert result.returncode == 0, result.stdout + result.stderr

    build()
    before = anchors(soup_of(html / "glossary" / "index.html"))
    page_001 = (src / "articles" / "001-jixi.md").read_bytes()
    assert "term-weixin-ketang" not in linked_terms(soup_of(html / "articles" / "001-jixi.html"))

    # 1. Add an entry: unedited articles link it, no other anchor moves.
    with (src / "glossary" / "terms.yaml").open("a", encoding="utf-8") as f:
        f.write(NEW_ENTRY)
    build()
    assert (src / "articles" / "001-jixi.md").read_bytes() == page_001
    assert "term-weixin-ketang" in linked_terms(soup_of(html / "articles" / "001-jixi.html"))
    after = anchors(soup_of(html / "glossary" / "index.html"))
    assert after.pop("微信课堂") == "term-weixin-ketang"
    assert after == before

    # 2. Edit one article: the glossary page's backlinks follow, though it was not edited.
    grid = entry_articles(soup_of(html / "glossary" / "index.html"), "term-shuji-lingban")
    assert grid == ["../articles/000-tongjiang.html"]
    page = src / "articles" / "003-yanbian.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n新增一段：这里也推行书记领办。\n", encoding="utf-8")
    build()
    grid = entry_articles(soup_of(html / "glossary" / "index.html"), "term-shuji-lingban")
    assert grid == ["../articles/000-tongjiang.html", "../articles/003-yanbian.html"]
