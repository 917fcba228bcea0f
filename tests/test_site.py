"""The built HTML site, checked the way a reader would check an article page."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup, Tag

from conftest import ROOT, SEEDS, Site, sphinx_build
from dangjian.convert.chrome import strip_chrome
from dangjian.convert.decode import decode
from dangjian.convert.script import convert_script
from dangjian.model import Metadata
from dangjian.text.normalise import normalise

WHITESPACE = re.compile(r"\s+")


def squeeze(text: str) -> str:
    return WHITESPACE.sub("", text)


def article(soup: BeautifulSoup) -> Tag:
    """The article body of a page, without header links."""
    found = soup.select_one("article.bd-article")
    assert found is not None, "page has no article body"
    node = BeautifulSoup(str(found), "html.parser").article  # a copy: callers may cut it up
    for link in node.select("a.headerlink"):
        link.decompose()
    return node


#: What the site appends to every article (its text quotes the article, so it would count twice).
GENERATED = ".article-figures, .article-related, .article-terms, .cite-this"


def body_text(soup: BeautifulSoup) -> str:
    """Article text outside the metadata panels and the original-script views."""
    node = article(soup)
    for extra in node.select(f".article-meta, .piece-meta, .original-script, {GENERATED}"):
        extra.decompose()
    return squeeze(node.get_text())


def reader_text(soup: BeautifulSoup) -> str:
    """What a reader sees of the article, except original-script views, contributor notes and
    the editor's marks (〔接上文：…〕, 〔原文至此中断〕), which are the knowledge base's words."""
    node = article(soup)
    for extra in node.select(f".original-script, .article-notes, .continued-note, .editor-mark, {GENERATED}"):
        extra.decompose()
    return squeeze(node.get_text())


def source_sentences(name: str, strays: dict[int, str] | None = None) -> tuple[list[str], str]:
    """Sentences of a source's body after chrome removal and script conversion, without the
    stray heading copies (``strays``: line → copy) that layout repair recorded and dropped."""
    path = ROOT / "sources" / f"{name}.txt"
    lines, _ = convert_script(normalise(decode(path.read_bytes(), path.name).text))
    strays = strays or {}
    kept = [
        line.text.removesuffix(strays.get(line.lineno, "\0"))
        for line in strip_chrome(lines, Metadata()).lines
        if line.text
    ]
    sentences: list[str] = []
    for line in kept:
        line = re.sub(r"^(本报讯\s*记者\S+?报道)", r"\1\n", line)
        line = re.sub(r"^(本报讯[(（][^)）]*[)）])", r"\1\n", line)
        for part in re.split(r"(?<=[。！？!?])|\n", line):
            if squeeze(part):
                sentences.append(squeeze(part))
    return sentences, squeeze("".join(kept))


def test_seed_000_sections(seed_site: Site) -> None:
    soup = seed_site.soup("articles/000-tongjiang")
    titles = [squeeze(h.get_text()) for h in article(soup).find_all("h2")]
    assert titles == [
        squeeze(t)
        for t in [
            "明确导向 培优党务干部",
            "书记领办 提升治理质效",
            "强化政治引领 稳边",
            "提升核心优势 兴边",
            "“选育管用”锻造先锋队伍",
            "暖心服务打造幸福社区",
            "“双百”工程赋能党员教育",
            "关键数字",  # added by the site: the numbers the article reports
            "相关文章",  # added by the site: articles sharing terms or region
            "本文术语",  # added by the glossary: the terms the article uses
            "引用本文",  # added by the site: the article's GB/T 7714 reference
        ]
    ]
    assert squeeze(article(soup).find("h1").get_text()) == squeeze("同江 党建引领促发展 凝心聚力谱新篇")


def test_seed_000_bylines_are_metadata(seed_site: Site) -> None:
    soup = seed_site.soup("articles/000-tongjiang")
    body = body_text(soup)
    for byline in ("□文/摄孙维焄", "本报记者刘大泳", "本报讯(邹金辉记者刘大泳)", "□张勇"):
        assert byline not in body
    bylines = [squeeze(p.get_text()) for p in article(soup).select(".piece-byline")]
    assert squeeze("□文/摄 孙维焄") + squeeze("本报记者 刘大泳") in "".join(bylines)
    assert "本报讯(邹金辉记者刘大泳)" in bylines
    assert squeeze("□张勇 本报记者 刘大泳") in bylines
    # The dateline left the paragraph it opened, and the paragraph still reads whole.
    assert "近年来,同江市持续建强机关党务干部队伍" in body


def test_seed_000_photo_captions(seed_site: Site) -> None:
    soup = seed_site.soup("articles/000-tongjiang")
    captions = [squeeze(c.get_text()) for c in article(soup).select(".photo-caption")]
    assert captions == [
        "从湿地公园看城市美景。",
        "同江市三江口生态景区。",
        "铁路口岸煤炭货运列车集散地。",
        "社区“幸福集市”居民义卖活动现场。",
        "“同心向党”党课大赛现场。",
    ]
    for paragraph in article(soup).select("p"):
        if paragraph.find_parent(class_="photo-caption"):
            continue
        text = squeeze(paragraph.get_text())
        assert not any(c in text for c in captions), f"caption glued into body text: {text[:40]}"


# A table of cases: its parametrize shape recurs across the tests (a deliberate look-alike).
@pytest.mark.parametrize(
    ("page", "before", "after"),
    [
        ("000-tongjiang", "夺旗争", "星”行动"),
        ("002-jinzhou", "充分发", "挥战斗堡垒"),
        ("002-jinzhou", "锦州", "市直机关"),
        ("002-jinzhou", "要我", "学"),
        ("004-chifeng-wuhai", "服务能力的", "提升"),
        ("004-chifeng-wuhai", "在网", "格解决"),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_layout_breaks_read_as_one_sentence(seed_site: Site, page: str, before: str, after: str) -> None:
    soup = seed_site.soup(f"articles/{page}")
    joined = before + after
    holders = [p for p in article(soup).find_all("p") if joined in squeeze(p.get_text())]
    assert holders, f"{joined!r} is not inside any one paragraph"


def test_seed_003_is_simplified_with_original_viewable(seed_site: Site) -> None:
    soup = seed_site.soup("articles/003-yanbian")
    body = body_text(soup)
    assert "驻村干部党委" in body
    assert "駐村幹部黨委" not in body
    originals = article(soup).select("details.original-script, .original-script")
    assert originals, "no original-script view"
    assert any("駐村幹部黨委" in o.get_text() for o in originals)
    assert squeeze(article(soup).find("h1").get_text()) == squeeze(
        "延边州:党旗映红乡村振兴路 同心谱就边疆幸福曲"
    )


def test_seed_003_chrome_is_gone(seed_site: Site) -> None:
    soup = seed_site.soup("articles/003-yanbian")
    everything = squeeze(article(soup).get_text())
    for chrome in (
        "城市遠洋",
        "城市远洋",
        "老外在吉林",
        "_fororder_",
        "版权与信息产品内容销售的声明",
        "版權與信息産品內容銷售的聲明",
        "国广国际在线网络",
        "國廣國際在線網絡",
    ):
        assert chrome not in everything


def test_seed_003_dateline_is_metadata(seed_site: Site) -> None:
    soup = seed_site.soup("articles/003-yanbian")
    panel = article(soup).select_one(".article-meta")
    assert panel is not None
    facts = {
        squeeze(dt.get_text()).rstrip(":："): squeeze(dd.get_text())
        for dt, dd in zip(panel.select("dt"), panel.select("dd"), strict=True)
    }
    assert facts["日期"] == "2022-06-20"
    assert facts["报纸"] == "吉林日报"
    assert facts["原文字体"].startswith("繁体")
    assert "2022-06-20" not in body_text(soup)
    conversion = seed_site.conversions["003-yanbian"]
    assert conversion.article.metadata.date == "2022-06-20"
    assert conversion.article.metadata.publication == "吉林日报"
    assert conversion.article.metadata.script == "traditional"


def test_unknown_facts_show_as_unknown(seed_site: Site) -> None:
    soup = seed_site.soup("articles/000-tongjiang")
    panel = article(soup).select_one(".article-meta")
    facts = {
        squeeze(dt.get_text()).rstrip(":："): dd
        for dt, dd in zip(panel.select("dt"), panel.select("dd"), strict=True)
    }
    assert facts["报纸"].select_one(".unknown").get_text() == "不详"
    assert facts["日期"].select_one(".unknown").get_text() == "不详"
    assert squeeze(facts["地区"].get_text()) == "黑龙江省·佳木斯市·同江市"


@pytest.mark.parametrize("name", SEEDS)
def test_every_sentence_appears_exactly_as_often_as_in_the_source(seed_site: Site, name: str) -> None:
    repairs = seed_site.conversions[name].article.repairs
    strays = {r.lineno: r.detail.rsplit(": ", 1)[1] for r in repairs if r.kind == "stray heading"}
    sentences, source_body = source_sentences(name, strays)
    page = reader_text(seed_site.soup(f"articles/{name}"))
    assert len(sentences) > 40
    problems = []
    for sentence in dict.fromkeys(sentences):
        expected = source_body.count(sentence)
        found = page.count(sentence)
        # A fragment of a few characters (a line broken after "锦州") also occurs in the
        # metadata panel (地区: 辽宁省 · 锦州市); it must be there, but its count says nothing.
        if found < 1 or (len(sentence) >= 6 and found != expected):
            problems.append(f"{found}× (source {expected}×): {sentence[:50]}")
    assert not problems, "\n".join(problems)


def test_committed_docs_build_cleanly(tmp_path) -> None:
    """The repository's own docs/ (the pages contributors edit) builds with -W -n."""
    result = sphinx_build(ROOT / "docs", tmp_path / "html", "-d", str(tmp_path / "doctrees"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr


def test_site_builds_with_two_processes(seed_site: Site, parallel_site: Site) -> None:
    for name in SEEDS:
        one = reader_text(seed_site.soup(f"articles/{name}"))
        two = reader_text(parallel_site.soup(f"articles/{name}"))
        assert one == two
