"""The glossary extension on a small sphinx.testing project (``tests/roots/test-glossary``)."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

GLOSSARY_PAGE = "glossary/index.html"


def page(app, name: str) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / f"{name}.html").read_text(encoding="utf-8"), "html.parser")


def term_links(soup: BeautifulSoup) -> list[tuple[str, str]]:
    """(link text, fragment) of every glossary link in the page body."""
    body = soup.select_one("div.body") or soup.select_one("article") or soup
    return [
        (a.get_text(), a["href"].split("#", 1)[1])
        for a in body.select("a.reference.internal")
        if "glossary/index.html" in a.get("href", "") and "#term-" in a["href"]
    ]


def search_terms(app) -> set[str]:
    text = (app.outdir / "searchindex.js").read_text(encoding="utf-8")
    return set(json.loads(text[text.index("(") + 1 : text.rindex(")")])["terms"])


@pytest.mark.sphinx(
    "html", testroot="glossary", freshenv=True, confoverrides={"dangjian_autolink_exclude": ["excluded"]}
)
def test_first_mention_per_section_is_linked_longest_match(app) -> None:
    app.build()
    assert app._warncount == 0, app._warning.getvalue()
    soup = page(app, "articles/alpha")
    links = term_links(soup)
    # Section 1: 网格党支部 twice (one link), then 网格 on its own; the title is never linked.
    # Section 2: the alias 网格(小区)党支部 and 双报到.  The traditional original links too.
    assert links[:3] == [
        ("网格党支部", "term-wangge-dangzhibu"),
        ("网格", "term-wangge"),
        ("网格(小区)党支部", "term-wangge-dangzhibu"),
    ]
    assert ("双报到", "term-shuang-baodao") in links
    assert ("網格黨支部", "term-wangge-dangzhibu") in links
    assert not soup.select_one("h1").select("a.reference.internal")
    assert soup.select_one("code").find("a") is None
    external = soup.select_one("a.external")
    assert external.get_text() == "网格党支部链接" and external.find("a") is None
    # Contributors' text is unchanged around the links.
    assert "社区组建网格党支部，网格党支部为居民办事。" in soup.get_text()


@pytest.mark.sphinx(
    "html", testroot="glossary", freshenv=True, confoverrides={"dangjian_autolink_exclude": ["excluded"]}
)
def test_article_lists_its_terms_and_excluded_pages_are_left_alone(app) -> None:
    app.build()
    terms = page(app, "articles/beta").select_one("#article-terms")
    assert terms.select_one("h2").get_text().startswith("本文术语")
    assert re.sub(r"\s", "", terms.select_one("p").get_text()) == "双报到（1）、书记领办（2）"
    # Excluded pages are not auto-linked; the {terms:term} role still links by hand.
    assert term_links(page(app, "excluded")) == [("双报到", "term-shuang-baodao")]
    assert page(app, "excluded").select_one("#article-terms") is None


@pytest.mark.sphinx("html", testroot="glossary", freshenv=True, confoverrides={"dangjian_autolink": "all"})
def test_autolink_all_links_every_mention(app) -> None:
    app.build()
    links = term_links(page(app, "articles/beta"))
    assert [t for t, _ in links].count("书记领办") == 3  # two in the text, one in 本文术语


@pytest.mark.sphinx("html", testroot="glossary", freshenv=True)
def test_entry_shows_fields_backlinks_and_no_self_link(app) -> None:
    app.build()
    soup = page(app, "glossary/index")
    entry = soup.select_one("#term-wangge-dangzhibu")
    head = entry.select_one(".glossary-entry-head").get_text(" ", strip=True)
    assert head == "网格党支部 網格黨支部 wǎnggé dǎngzhībù grid Party branch 组织形式"
    definition = entry.select_one(".term-definition")
    # Never a link to itself inside its own definition; other terms (网格) do link.
    assert [a["href"] for a in definition.select("a")] == ["#term-wangge"]
    grid = soup.select_one("#term-wangge .term-definition")
    assert [a["href"] for a in grid.select("a")] == ["#term-wangge-dangzhibu"]  # but other terms link
    usage = entry.select_one(".term-usages")
    # Mentions in headings count (they are never linked): title + two in the text + one alias.
    assert usage.select_one(".term-usage").get_text() == "见于 1 篇文章，共 4 处："
    articles = [a.get_text() for a in usage.select(".term-backlinks > li > p > a")]
    assert articles == ["网格党支部的故事"]
    snippets = [p.get_text() for p in usage.select(".term-snippet")]
    assert snippets[0] == "开篇（3）：…网格党支部的故事…"  # the page title and the text under it
    assert snippets[1].startswith("第二节（1）：…网格(小区)党支部开展")
    assert "excluded" not in str(usage)  # only articles are listed
    letters = [h.get_text().strip("#¶") for h in soup.select("section.glossary-letter > h2")]
    assert letters == ["S", "W"]
    order = [e["id"] for e in soup.select(".glossary-entry")]
    assert order == ["term-shuang-baodao", "term-shuji-lingban", "term-wangge", "term-wangge-dangzhibu"]


@pytest.mark.sphinx("html", testroot="glossary", freshenv=True)
def test_senses_are_numbered_and_background_is_labelled_apart(app) -> None:
    app.build()
    assert app._warncount == 0, app._warning.getvalue()
    entry = page(app, "glossary/index").select_one("#term-shuang-baodao")
    definition = entry.select_one("p.term-definition")
    assert definition.get_text() == "党组织和在职党员到社区报到。"
    # The senses: an ordered list right after the definition, marked ① ②, each citing its articles.
    senses = entry.select_one("ol.term-senses")
    assert senses is not None and senses.find_previous_sibling("p") is definition
    items = [li.get_text().strip() for li in senses.select(":scope > li")]
    assert len(items) == 2
    assert items[0] == "①在职党员到社区报到的机制。（出处：乙文）"
    assert items[1] == "②网格党支部开展的报到。（出处：网格党支部的故事）"
    assert [a["href"] for a in senses.select(".term-sense-sources a")] == [
        "../articles/beta.html",
        "../articles/alpha.html",
    ]
    # A sense links other terms (网格党支部) but never its own entry.
    assert "#term-wangge-dangzhibu" in [a["href"] for a in senses.select(".term-sense a")]
    assert not [a for a in senses.select("a") if a["href"].endswith("#term-shuang-baodao")]
    # The background: its own box with its label and its source, never inside the definition.
    background = entry.select_one("div.term-background")
    assert background is not None and definition.select_one(".term-background") is None
    assert background.select_one(".term-background-label").get_text() == "背景（库外资料）"
    assert (
        background.select_one(".term-background-text").get_text() == "背景（库外资料）：库外的一段背景说明。"
    )
    source = background.select_one(".term-background-source")
    assert source.get_text() == "来源：《测试用条例》（2018）"
    assert source.select_one("a")["href"] == "https://example.org/rules"
    # Entries without senses or background show neither.
    other = page(app, "glossary/index").select_one("#term-shuji-lingban")
    assert other.select_one(".term-senses") is None and other.select_one(".term-background") is None


@pytest.mark.sphinx("html", testroot="glossary", freshenv=True)
def test_index_and_search_use_the_glossary(app) -> None:
    app.build()
    index = page(app, "genindex")
    groups = [h.get_text() for h in index.select("h2")]
    assert groups == ["S", "W"]
    names = [a.get_text() for a in index.select("table.indextable a")]
    assert names.index("双报到") < names.index("书记领办") < names.index("网格") < names.index("网格党支部")
    assert {"网格党支部", "书记领办", "双报到"} <= search_terms(app)


@pytest.mark.sphinx("html", testroot="glossary", freshenv=True, parallel=2)
def test_parallel_build_links_the_same(app) -> None:
    app.build()
    assert app._warncount == 0, app._warning.getvalue()
    assert ("双报到", "term-shuang-baodao") in term_links(page(app, "articles/beta"))
    usage = page(app, "glossary/index").select_one("#term-shuang-baodao .term-usage").get_text()
    assert usage == "见于 2 篇文章，共 2 处："


@pytest.mark.sphinx(
    "html",
    testroot="glossary",
    freshenv=True,
    confoverrides={"dangjian_glossary_file": "glossary/broken.yaml"},
)
def test_glossary_problems_are_warnings_with_file_and_line(app) -> None:
    app.build()
    warnings = app._warning.getvalue()
    assert re.search(r"broken\.yaml:1: .*entry '网格党支部': missing field 'traditional'", warnings)
    assert re.search(r"broken\.yaml:6: .*pinyin 'shuang3 bao4' must be letters with tone marks", warnings)
    assert re.search(r"broken\.yaml:15: .*unknown category 'method'", warnings)
    assert re.search(r"broken\.yaml:18: .*unknown field 'colour'", warnings)
    # Usable entries still link.
    assert ("书记领办", "term-shuji-lingban") in term_links(page(app, "articles/beta"))
