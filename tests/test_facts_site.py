"""The views of the facts in the built site: the 大事记 timeline and the 人物与组织 index."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from axe import axe_violations
from conftest import Site, make_docs_copy, sphinx_build
from test_browser import CHROMIUM, browser, page, server  # noqa: F401 - the suite's Chromium fixtures
from test_facts import EXPECTED_PEOPLE

#: The issue's dated events: (date as stated, a place shown, the article page linked).
ISSUE_EVENTS = [
    ("2016年8月", "安图县", "003-yanbian"),
    ("2017年以来", "鸡西市", "001-jixi"),
    ("2018年", "锦州市", "002-jinzhou"),
    ("2021年10月", "延边朝鲜族自治州", "003-yanbian"),
]


def rows(soup: BeautifulSoup, ident: str) -> list[list[str]]:
    table = soup.find("table", id=ident)
    assert table is not None, ident
    return [
        [td.get_text(" ", strip=True) for td in tr.find_all("td")]
        for tr in table.find("tbody").find_all("tr")
    ]


def link_lands(site: Site, href: str) -> bool:
    """Whether ``../articles/x.html#p-…`` names a page of the site with that element id."""
    name, _, anchor = href.partition("#")
    target = (site.html / "knowledge" / name).resolve()
    if not target.is_file():
        return False
    return BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser").find(id=anchor) is not None


def test_the_timeline_holds_the_issues_events_each_linked_to_its_paragraph(seed_site: Site) -> None:
    soup = seed_site.soup("knowledge/timeline")
    assert soup.find("h1").get_text(strip=True).startswith("大事记")
    table = soup.find("table", id="timeline-dated")
    for date, place, article in ISSUE_EVENTS:
        row = next(
            tr for tr in table.find_all("tr") if tr.find("td") and tr.find("td").get_text(strip=True) == date
        )
        cells = row.find_all("td")
        assert place in cells[1].get_text(), (date, cells[1].get_text())
        href = cells[3].find("a")["href"]
        assert href.startswith(f"../articles/{article}.html#p-"), href
        assert link_lands(seed_site, href), href


def test_the_timeline_is_in_date_order_with_relative_dates_apart(seed_site: Site) -> None:
    soup = seed_site.soup("knowledge/timeline")
    dated = [r[0] for r in rows(soup, "timeline-dated")]
    years = [int(d[:4]) for d in dated if d[:4].isdigit()]
    assert years == sorted(years)
    assert dated.index("2016年8月") < dated.index("2017年5月") < dated.index("2021年10月")
    relative = [r[0] for r in rows(soup, "timeline-relative")]
    assert "今年以来" in relative and "近日" in relative
    every = soup.select("table.kb-facts td a")
    assert every and all(link_lands(seed_site, a["href"]) for a in every if "#p-" in a["href"])


def test_the_people_index_holds_every_person_the_seeds_name_with_a_role(seed_site: Site) -> None:
    soup = seed_site.soup("knowledge/people")
    assert soup.find("h1").get_text(strip=True).startswith("人物与组织")
    shown = {r[0]: r for r in rows(soup, "people-named") + rows(soup, "people-bylines")}
    expected = {name: word for people in EXPECTED_PEOPLE.values() for name, word in people.items()}
    assert set(shown) == set(expected)
    for name, word in expected.items():
        assert word in shown[name][1], (name, shown[name])
    named = soup.find("table", id="people-named")
    for a in named.select("td a"):
        assert link_lands(seed_site, a["href"]), a["href"]
    orgs = {r[0] for r in rows(soup, "organisations")}
    assert {"驻村干部党委", "汪清县海源农业有限公司", "国务院参事室"} <= orgs


def test_a_parallel_build_gives_the_same_timeline_and_index(seed_site: Site, parallel_site: Site) -> None:
    for name in ("knowledge/timeline", "knowledge/people"):
        one = seed_site.soup(name).find("main").select("table.kb-facts")
        two = parallel_site.soup(name).find("main").select("table.kb-facts")
        assert one and [str(t) for t in one] == [str(t) for t in two]


CORRECTION = """facts:
  people:
  - name: 张攀
    role: 安图县驻村第一书记（据更正）
    paragraph: p-jinriantu
"""


@pytest.fixture(scope="module")
def corrected_site(seed_site: Site, tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The seeds with 003's people corrected in its front matter."""
    base = tmp_path_factory.mktemp("facts-corrected")
    src = make_docs_copy(base / "docs")
    for article in (seed_site.src / "articles").glob("*.md"):
        text = article.read_text(encoding="utf-8")
        if article.stem == "003-yanbian":
            text = text.replace("---\n", "---\n" + CORRECTION, 1)
        (src / "articles" / article.name).write_text(text, encoding="utf-8")
    result = sphinx_build(src, base / "html")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return Site(src, base / "html", seed_site.conversions, result.stdout + result.stderr)


def test_a_front_matter_correction_replaces_the_extracted_people(corrected_site: Site) -> None:
    shown = {r[0]: r for r in rows(corrected_site.soup("knowledge/people"), "people-named")}
    assert shown["张攀"][1] == "安图县驻村第一书记（据更正）"
    assert "朴海兰" not in shown  # 003's extracted people are replaced, not added to
    assert "桂兰" in shown  # other articles keep theirs


def test_an_edited_article_updates_the_timeline_in_an_incremental_build(
    seed_site: Site, tmp_path: Path
) -> None:
    src = make_docs_copy(tmp_path / "docs")
    for article in (seed_site.src / "articles").glob("*.md"):
        (src / "articles" / article.name).write_text(article.read_text(encoding="utf-8"), encoding="utf-8")
    out, doctrees = tmp_path / "html", tmp_path / "doctrees"
    first = sphinx_build(src, out, "-d", str(doctrees))
    assert first.returncode == 0, first.stderr
    edited = src / "articles" / "002-jinzhou.md"
    edited.write_text(
        edited.read_text(encoding="utf-8").replace("2018年,锦州市", "2019年,锦州市", 1), encoding="utf-8"
    )
    second = sphinx_build(src, out, "-d", str(doctrees))
    assert second.returncode == 0 and "WARNING" not in second.stderr, second.stderr
    soup = BeautifulSoup((out / "knowledge" / "timeline.html").read_text(encoding="utf-8"), "html.parser")
    dated = [r[0] for r in rows(soup, "timeline-dated")]
    assert "2019年" in dated and "2018年" not in dated


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (make test installs it)")
@pytest.mark.parametrize("path", ["knowledge/timeline.html", "knowledge/people.html"])
def test_fact_pages_pass_axe_and_their_links_work_by_keyboard(page, server: str, path: str) -> None:  # noqa: F811
    page.goto(f"{server}/{path}")
    page.wait_for_timeout(400)  # the theme sets its tab stops on scrollable containers after 300 ms
    assert axe_violations(page) == []
    for _ in range(300):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('table.kb-facts a[href*=\"#p-\"]')"):
            break
    else:
        raise AssertionError("Tab never reached a paragraph link")
    anchor = page.evaluate("document.activeElement.getAttribute('href')").partition("#")[2]
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/articles/*.html#{anchor}")
    assert page.locator(f"p#{anchor}").is_visible()
