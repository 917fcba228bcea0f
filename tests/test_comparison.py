"""各地做法: the practice comparison of a term, computed from the pages and shown on the site.

Pure tests run :mod:`dangjian.facts.compare` on the committed seed pages and on small pages
written here; site tests read the real seed build (serial, ``-j 2`` and incremental).
"""

from __future__ import annotations

import shutil
import textwrap
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, Site, sphinx_build
from dangjian.facts.compare import Row, Use, article_uses, comparison, split_sentences
from dangjian.glossary.load import parse_glossary
from dangjian.glossary.matcher import TermMatcher
from dangjian.glossary.model import Glossary
from dangjian.pages.paragraphs import page_paragraphs
from dangjian.regions.divisions import open_divisions
from dangjian.regions.gazetteer import Gazetteer, parse_gazetteer

ARTICLES = ROOT / "docs" / "articles"
TABLE = "comparison-term-wangge-dangzhibu"


@cache
def _inputs() -> tuple[Glossary, TermMatcher, Gazetteer]:
    path = ROOT / "docs" / "glossary" / "terms.yaml"
    glossary, problems = parse_glossary(path.read_text(encoding="utf-8"), str(path))
    assert not problems
    gazetteer = ROOT / "docs" / "_data" / "gazetteer.yaml"
    return glossary, TermMatcher.from_glossary(glossary), parse_gazetteer(gazetteer.read_text("utf-8"), "g")


def uses_of(pages: dict[str, str]) -> list[Use]:
    glossary, matcher, gazetteer = _inputs()
    divisions = open_divisions()
    return [
        use
        for name, page in pages.items()
        for use in article_uses(name, page, matcher, glossary, gazetteer, divisions)
    ]


@cache
def seed_uses() -> tuple[Use, ...]:
    pages = {p.stem: p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("0*.md"))}
    return tuple(uses_of(pages))


def row_at(rows: list[Row], place: str) -> Row:
    found = [row for row in rows if row.place and row.place[-1] == place]
    assert len(found) == 1, [row.place for row in rows]
    return found[0]


def test_grid_branches_compare_jinzhou_wuhai_and_chifeng_with_their_figures() -> None:
    rows = comparison("网格党支部", seed_uses())
    jinzhou = row_at(rows, "锦州市")
    assert jinzhou.place == ("辽宁省", "锦州市")
    assert any("1336个网格党支部" in s for _, quote in jinzhou.quotes for s in quote)
    assert "229个城市社区共组建1336个网格党支部" in jinzhou.figures
    assert "三级智慧化服务网络" in jinzhou.structure and "网格长" in jinzhou.structure
    wuda = row_at(rows, "乌达区")
    assert wuda.place == ("内蒙古自治区", "乌海市", "乌达区")
    assert "成立网格党支部70个" in wuda.figures
    assert "党员楼长" in wuda.structure
    chifeng = row_at(rows, "赤峰市")
    assert "社区党组织、网格党支部、楼栋党小组的三级组织架构" in chifeng.structure
    assert "网格员队伍中党员占比达42.1%" in chifeng.figures
    linyin = row_at(rows, "林荫街道")  # the five tiers, from the sentence that names the street
    assert linyin.place[-2:] == ("海勃湾区", "林荫街道")
    assert "5个党群服务中心" not in "".join(linyin.figures)  # that sentence is 滨河街道's


def test_every_quote_is_the_paragraphs_own_text_and_every_target_an_anchor() -> None:
    paragraphs = {
        p.target: p.text
        for page in sorted(ARTICLES.glob("0*.md"))
        for p in page_paragraphs(page.stem, page.read_text(encoding="utf-8"))
        if p.anchor
    }
    uses = seed_uses()
    assert len(uses) > 100
    for use in uses:
        text = paragraphs[use.target]
        assert use.sentences and all(sentence in text for sentence in use.sentences), use
        assert any(form in "".join(use.sentences) for form in _forms(use.term)), use
        assert all(clause in text for clause in use.figures), use
        assert all(item in text for item in use.structure), use


def _forms(term: str) -> set[str]:
    glossary, matcher, _ = _inputs()
    return {form for form, owner in matcher.forms.items() if owner == term}


def test_sentences_keep_their_punctuation_and_closing_quotes() -> None:
    assert split_sentences("他说：“好。”又问?答！末句") == ["他说：“好。”", "又问?", "答！", "末句"]


def _page(region: str, *paragraphs: tuple[str, str]) -> str:
    body = "\n\n".join(f"{{#{anchor}}}\n{text}" for anchor, text in paragraphs)
    return (
        textwrap.dedent(
            f"""\
        ---
        article:
          title: 测试
          {region}
        ---

        # 测试

        """
        )
        + body
        + "\n"
    )


def test_one_place_gets_no_comparison_two_paragraphs_of_it_merge() -> None:
    page = _page(
        "city: 锦州市",
        ("p-a", "古塔区组建网格党支部12个。"),
        ("p-b", "古塔区的网格党支部成立楼栋党小组30个。"),
    )
    assert comparison("网格党支部", uses_of({"900-a": page})) == []
    other = _page("city: 锦州市", ("p-c", "太和区组建网格党支部5个。"))
    rows = comparison("网格党支部", uses_of({"900-a": page, "901-b": other}))
    assert [row.place[-1] for row in rows] == ["古塔区", "太和区"]
    assert rows[0].targets == ("900-a#p-a", "900-a#p-b")
    assert rows[0].figures == ("古塔区组建网格党支部12个", "古塔区的网格党支部成立楼栋党小组30个")
    assert rows[1].figures == ("太和区组建网格党支部5个",)


def test_two_places_in_one_paragraph_give_their_common_ancestor() -> None:
    page = _page("city: 锦州市", ("p-a", "古塔区、太和区组建网格党支部。"), ("p-b", "凌河区组建网格党支部。"))
    rows = comparison("网格党支部", uses_of({"900-a": page}))
    assert [row.place for row in rows] == [("辽宁省", "锦州市"), ("辽宁省", "锦州市", "凌河区")]


def test_unknown_places_stay_unknown_and_apart() -> None:
    one = _page("province: ''", ("p-a", "组建网格党支部12个。"))
    two = _page("province: ''", ("p-b", "组建网格党支部7个。"))
    rows = comparison("网格党支部", uses_of({"900-a": one, "901-b": two}))
    assert [(row.key, row.place, row.targets) for row in rows] == [
        ("", (), ("900-a#p-a",)),
        ("", (), ("901-b#p-b",)),
    ]


# -- the site ---------------------------------------------------------------


def comparison_table(soup: BeautifulSoup, ident: str = TABLE):
    table = soup.find(id=ident)
    assert table is not None and table.name == "table", ident
    return table


def table_rows(table) -> list[list[str]]:
    return [
        [cell.get_text(" ", strip=True) for cell in tr.find_all("td")]
        for tr in table.find("tbody").find_all("tr")
    ]


def test_glossary_entry_shows_the_comparison_and_its_links_land_on_paragraphs(seed_site: Site) -> None:
    soup = seed_site.soup("glossary/index")
    table = comparison_table(soup)
    region = table.find_parent(class_="practice-scroll")
    assert region["tabindex"] == "0" and region["role"] == "region"
    assert region["aria-label"].startswith("网格党支部")
    assert table.find_parent(id="term-wangge-dangzhibu") is not None
    rows = table_rows(table)
    jinzhou = next(r for r in rows if r[0] == "辽宁省 → 锦州市")
    assert "1336个网格党支部" in jinzhou[1] and "229个城市社区共组建1336个网格党支部" in jinzhou[3]
    wuda = next(r for r in rows if r[0] == "内蒙古自治区 → 乌海市 → 乌达区")
    assert "网格党支部70个" in wuda[3] and "一格一长一警一专多兼" in wuda[1]
    assert any(r[0] == "内蒙古自治区 → 赤峰市" and "三级组织架构" in r[2] for r in rows)
    links = table.find("tbody").select("a.reference.internal")
    assert len(links) >= len(rows)
    for link in links:
        page, _, anchor = link["href"].partition("#")
        target = BeautifulSoup((seed_site.html / "glossary" / page).read_text("utf-8"), "html.parser")
        paragraph = target.find(id=anchor)
        assert paragraph is not None and paragraph.name == "p", link["href"]


def test_a_term_used_at_one_place_gets_no_table(seed_site: Site) -> None:
    uses = seed_uses()
    single = sorted(term for term in {use.term for use in uses} if not comparison(term, uses))
    assert "九有六无" in single  # 同江市 only
    soup = seed_site.soup("glossary/index")
    glossary, _, _ = _inputs()
    for term in single:
        entry = soup.find(id=glossary.get(term).anchor)
        assert entry is not None and entry.find("table") is None, term
    assert soup.find(id=glossary.get("网格党支部").anchor).find("table") is not None


def test_topic_page_compares_its_terms(seed_site: Site) -> None:
    soup = seed_site.soup("topics/wangge-zhili")
    heading = next(h for h in soup.find_all("h2") if "各地做法比较" in h.get_text())
    table = comparison_table(soup)
    assert heading.find_next("table") is not None
    caption = table.find("caption").find("a")
    assert caption.get_text() == "网格党支部" and caption["href"].endswith("#term-wangge-dangzhibu")
    assert any("网格党支部70个" in r[3] for r in table_rows(table))


def _tables(site: Site, page: str) -> list[str]:
    return [str(t) for t in site.soup(page).select("table.practice-comparison")]


def test_parallel_build_gives_identical_tables(seed_site: Site, parallel_site: Site) -> None:
    for page in ("glossary/index", "topics/wangge-zhili"):
        assert _tables(seed_site, page) and _tables(parallel_site, page) == _tables(seed_site, page)


def test_article_edit_updates_the_table_in_an_incremental_build(seed_site: Site, tmp_path: Path) -> None:
    """One source tree, one output: the glossary page is rewritten without being read again."""
    src, out, doctrees = tmp_path / "docs", tmp_path / "html", tmp_path / "doctrees"
    shutil.copytree(seed_site.src, src)
    first = sphinx_build(src, out, "-d", str(doctrees))
    assert first.returncode == 0, first.stdout + first.stderr
    # A figure no term's snippet holds: only the comparison's own record of the article changes.
    page = src / "articles" / "002-jinzhou.md"
    text = page.read_text(encoding="utf-8")
    assert text.count("强化城乡4179名") == 1
    page.write_text(text.replace("强化城乡4179名", "强化城乡4180名"), encoding="utf-8")
    second = sphinx_build(src, out, "-d", str(doctrees))
    assert second.returncode == 0, second.stdout + second.stderr
    read = [line for line in second.stdout.splitlines() if line.startswith("reading sources")]
    assert any("articles/002-jinzhou" in line for line in read), second.stdout
    assert not any("glossary/index" in line for line in read), read
    soup = BeautifulSoup((out / "glossary" / "index.html").read_text("utf-8"), "html.parser")
    figures = [r[3] for r in table_rows(comparison_table(soup))]
    assert any("强化城乡4180名" in f for f in figures) and not any("4179" in f for f in figures)


@pytest.fixture(scope="module", autouse=True)
def _divisions_installed() -> None:
    try:
        open_divisions()
    except Exception as error:  # noqa: BLE001 - the reason is shown
        pytest.skip(f"the national divisions are needed: {error}")
