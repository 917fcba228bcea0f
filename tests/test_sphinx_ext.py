"""The Sphinx extension on sphinx.testing projects (``tests/roots/test-*``)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup


def page(app, name: str) -> BeautifulSoup:
    return BeautifulSoup((app.outdir / f"{name}.html").read_text(encoding="utf-8"), "html.parser")


def facts(soup: BeautifulSoup) -> dict[str, str]:
    panel = soup.select_one(".article-meta")
    return {
        dt.get_text().strip().rstrip(":"): dd.get_text().strip()
        for dt, dd in zip(panel.select("dt"), panel.select("dd"), strict=True)
    }


@pytest.mark.sphinx("html", testroot="article", freshenv=True)
def test_metadata_panel_shows_front_matter(app) -> None:
    app.build()
    soup = page(app, "known")
    shown = facts(soup)
    assert shown["报纸"] == "吉林日报"
    assert shown["日期"] == "2022-06-20"
    assert shown["作者"] == "文继红"
    assert shown["地区"] == "辽宁省 · 锦州市"
    assert shown["原文字体"].startswith("繁体")
    link = soup.select_one(".article-meta a.external")
    assert link["href"] == "https://example.com/a.html"
    assert soup.select_one(".piece-kicker").get_text() == "■ 视点"
    assert soup.select_one(".piece-subtitle").get_text() == "——锦州市实施“堡垒巩固工程”侧记"
    assert soup.select_one(".article-meta .piece-byline").get_text() == "本报记者 文继红"
    assert soup.select_one(".piece-meta .piece-byline").get_text() == "本报讯 记者崔治报道"
    assert soup.select_one(".article-notes").get_text() == "备注：测试备注。"


@pytest.mark.sphinx("html", testroot="article", freshenv=True)
def test_unknown_facts_and_unsafe_urls(app) -> None:
    app.build()
    soup = page(app, "unknown")
    shown = facts(soup)
    for label in ("报纸", "日期", "作者", "地区"):
        assert shown[label] == "不详"
    assert shown["网址"] == "javascript:alert(1)"
    assert soup.select_one(".article-meta a") is None


@pytest.mark.sphinx("html", testroot="article", freshenv=True)
def test_caption_credit_is_plain_text(app) -> None:
    app.build()
    caption = page(app, "known").select_one(".photo-caption")
    assert caption.select_one("p").get_text() == "村民在田间劳动。"
    assert caption.select_one(".photo-credit").get_text() == "供图 *不是强调* <b>"
    assert caption.find("em") is None and caption.find("b") is None


@pytest.mark.sphinx("html", testroot="article", freshenv=True)
def test_missing_metadata_is_a_located_warning(app, warning) -> None:
    app.build()
    text = warning.getvalue()
    assert (
        "broken.md:3: WARNING: article-meta: this page has no 'article' front matter [dangjian.meta]" in text
    )
    assert (
        "broken.md:6: WARNING: piece-meta: no piece '3' in this page's front matter [dangjian.meta]" in text
    )
    assert text.count("WARNING") == 2


@pytest.mark.sphinx("html", testroot="article", freshenv=True, parallel=2)
def test_parallel_build_gives_the_same_pages(app) -> None:
    app.build()
    soup = page(app, "known")
    assert facts(soup)["报纸"] == "吉林日报"
    assert soup.select_one(".piece-meta .piece-byline").get_text() == "本报讯 记者崔治报道"


@pytest.mark.sphinx("html", testroot="navbar", freshenv=True)
def test_titles_with_html_characters_in_the_root_toctree_are_refused(app, warning) -> None:
    """The theme's navbar shows root toctree titles unescaped: such a listing is a warning (-W stops it)."""
    app.build()
    lines = [line for line in warning.getvalue().splitlines() if "dangjian.navbar" in line]
    assert len(lines) == 2, warning.getvalue()
    assert "lists hostile, whose title '标题 <script>alert(1)</script>' holds HTML characters" in lines[1]
    assert "lists section, whose title '文章 & 术语'" in lines[0]
    assert all(line.split(":")[0].endswith("index.md") for line in lines)
