"""The chrome stage's patterns, one by one: what reposts add is dropped, article text stays.

Each kind of chrome (editor lines with tracking codes, disclaimers, follow-us blurbs,
navigation that looks like a heading) has positive and negative cases; the seeds are
checked to lose exactly the lines their reviewed golden pages say they lose.
"""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import ROOT, SEEDS, convert_source
from dangjian.convert.chrome import (
    _web_chrome,
    editorial_credit,
    is_disclaimer,
    is_follow_us,
    strip_chrome,
)
from dangjian.model import Line, Metadata
from dangjian.text.normalise import normalise_line

GOLDEN = ROOT / "tests" / "golden"
PARAGRAPH = "社区党组织每月召开一次议事会，今年已协调解决停车难等问题63个。"


def kind(text: str) -> str | None:
    """The chrome kind of one source line, as the stage sees it (normalised first)."""
    verdict = _web_chrome(normalise_line(text))
    return verdict[0] if verdict else None


def strip(*texts: str, metadata: Metadata | None = None):
    lines = [Line(n, normalise_line(t), normalise_line(t)) for n, t in enumerate(texts, start=1)]
    return strip_chrome(lines, metadata or Metadata())


# ----------------------------------------------------------------------------- editor lines


@pytest.mark.parametrize(
    ("text", "editor"),
    [
        ("责任编辑：张三 (SN098)", "张三"),
        ("责任编辑：张三（SN098）", "张三"),
        ("责任编辑：张三SN098", "张三"),
        ("责编：李四\u3000审核：王五", "李四"),
        ("编辑：赵六 DF142", "赵六"),
        ("【责任编辑:孙七】", "孙七"),
        ("[责任编辑：孙七]", "孙七"),
        ("(责任编辑：周八 实习生 吴九)", "周八 吴九"),
        ("（编辑：刘晓冬、陈立新）", "刘晓冬、陈立新"),
        ("网络编辑：马文斌 校对：李海燕 终审：孙宏伟", "马文斌"),
        ("责任编辑：王编辑", "王编辑"),
        ("审核：陈立新", ""),
    ],
)
def test_editor_lines_give_the_names_only(text: str, editor: str) -> None:
    assert editorial_credit(normalise_line(text)) == editor
    assert kind(text) == "editor line"
    chrome = strip("党建引领基层治理", PARAGRAPH, "", text)
    assert chrome.metadata.editor == editor
    assert [(d.lineno, d.kind) for d in chrome.dropped] == [(4, "editor line")]


@pytest.mark.parametrize(
    "text",
    [
        "编辑部的同志们深入一线采访。",
        "编辑：这是一段写给读者的话。",
        "编辑：张三 摄影：李四",
        "美术编辑：张三",
        "本版编辑：张三",
        "编辑：",
        "(编辑：张三",
        "作为编辑，她每天审核稿件。",
        "审核：",
    ],
)
def test_text_that_is_not_an_editor_line_stays(text: str) -> None:
    assert editorial_credit(normalise_line(text)) is None
    assert kind(text) is None


def test_the_first_editor_line_wins_and_a_sidecar_beats_both() -> None:
    chrome = strip("党建引领基层治理", PARAGRAPH, "编辑：赵丽娜 DF142", "责编：孙宏伟 审核：马文斌")
    assert chrome.metadata.editor == "赵丽娜"
    chrome = strip("党建引领基层治理", PARAGRAPH, "编辑：赵丽娜 DF142", metadata=Metadata(editor="孙宏伟"))
    assert chrome.metadata.editor == "孙宏伟"


def test_a_web_datelines_editor_loses_its_tracking_code() -> None:
    chrome = strip(
        "党建引领基层治理", "2023-04-18 09:12 来源：黑龙江日报 责任编辑：刘晓冬 (SN098)", PARAGRAPH
    )
    meta = chrome.metadata
    assert (meta.date, meta.publication, meta.editor) == ("2023-04-18", "黑龙江日报", "刘晓冬")


def test_an_editor_credit_closing_the_last_paragraph_is_cut() -> None:
    chrome = strip("党建引领基层治理", PARAGRAPH + "（责任编辑：周海波 实习生 吴桐）")
    assert chrome.metadata.editor == "周海波 吴桐"
    assert chrome.lines[-1].text == PARAGRAPH
    assert [(d.lineno, d.kind, d.text) for d in chrome.dropped] == [
        (2, "editor line", "（责任编辑：周海波 实习生 吴桐）")
    ]


def test_an_editor_credit_before_end_credits_is_cut_first() -> None:
    chrome = strip("党建引领基层治理", PARAGRAPH + "(采写:本报记者 张伟国)(责任编辑:蒋硕)")
    assert (chrome.metadata.editor, chrome.metadata.credits) == ("蒋硕", "采写:本报记者 张伟国")
    assert chrome.lines[-1].text == PARAGRAPH
    assert [d.kind for d in chrome.dropped] == ["editor line", "end credits"]


def test_an_editor_credit_inside_the_text_stays() -> None:
    middle = PARAGRAPH + "（责任编辑：周海波）"
    chrome = strip("党建引领基层治理", middle, "", PARAGRAPH)
    assert [line.text for line in chrome.lines if line.text] == ["党建引领基层治理", middle, PARAGRAPH]
    assert chrome.metadata.editor == "" and chrome.dropped == []


# ----------------------------------------------------------------------------- disclaimers


@pytest.mark.parametrize(
    "text",
    [
        "免责声明：本文转自网络，版权归原作者所有，如有侵权请联系删除。",
        "声明：转载此文是出于传递更多信息之目的。若有来源标注错误或侵犯了您的合法权益，请与本网联系。",
        "本网站所刊载信息，不代表本站观点。如转载请注明出处。",
        "【免责声明】本文仅代表作者个人观点，与本网无关。",
        "特别声明：本文为网易号作者上传并发布，仅代表该作者观点。",
        "免责声明",
        "本文转自网络，如有侵权请联系删除。",
        "如有侵权，请联系我们删除。",
        "转载请注明来源。",
        "未经授权，禁止转载。",
    ],
)
def test_disclaimers_are_dropped(text: str) -> None:
    assert is_disclaimer(normalise_line(text))
    assert kind(text) == "disclaimer"


@pytest.mark.parametrize(
    "text",
    [
        "声明：我们对照承诺逐项公开办理结果，接受群众监督。",
        "声明：我自愿加入中国共产党。",
        "村党支部发表声明，不代表任何企业的观点。",
        "本文介绍了网格党支部的做法。",
        "网格员把政策转载到居民群里。",
        "免责声明是什么？社区律师为居民讲解合同条款。",
    ],
)
def test_text_about_statements_stays(text: str) -> None:
    assert not is_disclaimer(normalise_line(text))
    assert kind(text) is None


def test_a_disclaimer_closing_the_page_is_a_disclaimer_not_a_legal_notice() -> None:
    chrome = strip(
        "党建引领基层治理", PARAGRAPH, "免责声明：本文转自网络，版权归原作者所有，如有侵权请联系删除。"
    )
    assert [d.kind for d in chrome.dropped] == ["disclaimer"]


def test_facts_inside_a_legal_notice_are_not_the_articles() -> None:
    chrome = strip(
        "党建引领基层治理",
        PARAGRAPH,
        "版权声明",
        "凡本网注明来源的作品，均转载自其它媒体，未经授权不得转载。",
        "来源：国际在线",
    )
    assert chrome.metadata.publication == ""
    assert [d.kind for d in chrome.dropped] == ["legal notice"] * 3


# ----------------------------------------------------------------------------- follow-us blurbs


@pytest.mark.parametrize(
    "text",
    [
        "关注我们 微信公众号：鸡东组工",
        "关注我们",
        "扫描二维码关注",
        "扫描下方二维码，关注“鸡西发布”",
        "长按识别二维码",
        "▼长按识别二维码 关注我们",
        "扫码关注",
        "欢迎关注“某某发布”微信公众号",
        "欢迎关注“某某发布”微信公众号！",
        "更多精彩请关注官方微博@鸡东发布",
        "更多资讯，请下载鸡西日报客户端",
        "点击下方“阅读原文”",
        "点击上方蓝字关注我们",
        "微信公众号：鸡东组工",
        "新浪微博：@鸡东发布",
    ],
)
def test_follow_us_blurbs_are_dropped(text: str) -> None:
    assert is_follow_us(normalise_line(text))
    assert kind(text) == "follow-us"


@pytest.mark.parametrize(
    "text",
    [
        "通过微信公众号发布政策解读",
        "鸡东县委组织部通过微信公众号发布政策解读，每周推送一期“组工微课堂”。",
        "扫描二维码就能预约代办服务，村民都说方便。",
        "扫描二维码关注我们的社区，党员们在群里接单。",
        "扫码预约的居民越来越多。",
        "欢迎关注社区的各项活动。",
        "关注我们身边的好党员",
        "关注群众急难愁盼问题",
        "更多党员走上了服务岗位。",
        "点击率最高的是医保缴费指南。",
        "村民在微信群里点赞。",
    ],
)
def test_article_text_about_wechat_stays(text: str) -> None:
    assert not is_follow_us(normalise_line(text))
    assert kind(text) is None


# ----------------------------------------------------------------------------- navigation


@pytest.mark.parametrize(
    "text",
    [
        "首页 > 新闻中心 > 基层党建",
        "首页>新闻中心>基层党建",
        "网站首页 » 党建要闻",
        "当前位置：首页 » 党建要闻",
        "您的位置：首页 > 组工动态 > 基层党建",
        "当前位置：党建要闻",
        "返回顶部",
        "上一篇：佳木斯：党员志愿服务队走进田间地头",
        "下一篇：没有了",
        "【上一篇】双鸭山：“党建+网格”织密服务网",
        "相关新闻",
        "推荐阅读",
        "打印本页 关闭窗口",
        "【打印】【关闭】",
        "【字号 大 中 小】",
        "字号：大 中 小",
        "分享到：",
        "分享到：微信 微博 QQ空间",
        "【收藏】 【打印】 【关闭】",
        "要闻 | 城市远洋 | 老外在吉林 | 直观中国",
    ],
)
def test_navigation_is_dropped(text: str) -> None:
    assert kind(text) == "navigation"


@pytest.mark.parametrize(
    "text",
    [
        "书记领办 提升治理质效",
        "网格党支部 为居民解难题500件次",
        "首页上线了党员积分栏目",
        "首页",
        "上一篇报道中提到的问题已经解决。",
        "下篇文章将介绍驻村工作队。",
        "返回家乡创业的青年党员",
        "打印机送进了村党员活动室",
        "大",
        "微信 微博",
        "相关链接",
        "延伸阅读",
        "分享经验 共促发展",
        "党员 > 群众",
        "首页 > 居民们说，网格员的服务越来越好了",
    ],
)
def test_headings_and_text_that_look_like_navigation_stay(text: str) -> None:
    assert kind(text) is None


def test_a_related_news_list_closing_the_page_is_dropped() -> None:
    chrome = strip(
        "党建引领基层治理",
        PARAGRAPH,
        "",
        "相关新闻",
        "海勃湾区：党员先锋岗亮在服务一线",
        "红山区：小区党支部办好居民身边事",
        "声明：转载此文是出于传递更多信息之目的，请与本网联系。",
        "扫描二维码关注",
    )
    assert [line.text for line in chrome.lines if line.text] == ["党建引领基层治理", PARAGRAPH]
    assert [(d.lineno, d.kind) for d in chrome.dropped] == [
        (4, "navigation"),
        (5, "navigation"),
        (6, "navigation"),
        (7, "disclaimer"),
        (8, "follow-us"),
    ]


def test_text_under_a_related_heading_stays_when_it_is_not_link_titles() -> None:
    chrome = strip(
        "党建引领基层治理", PARAGRAPH, "", "相关新闻", "海勃湾区：党员先锋岗亮在服务一线", PARAGRAPH
    )
    kept = [line.text for line in chrome.lines if line.text]
    assert kept == ["党建引领基层治理", PARAGRAPH, "海勃湾区：党员先锋岗亮在服务一线", PARAGRAPH]
    assert [(d.lineno, d.kind) for d in chrome.dropped] == [(4, "navigation")]


def test_link_titles_without_a_related_heading_stay() -> None:
    chrome = strip("党建引领基层治理", PARAGRAPH, "", "海勃湾区：党员先锋岗亮在服务一线")
    assert chrome.dropped == []


# ----------------------------------------------------------------------------- gaps and line numbers


def test_a_dropped_line_leaves_one_paragraph_break_not_an_image_gap() -> None:
    chrome = strip(
        "党建引领基层治理",
        "2023-04-18 来源：黑龙江日报",
        "返回顶部",
        "",
        PARAGRAPH,
        "",
        "编辑：赵六",
        "",
        PARAGRAPH,
    )
    assert [(line.lineno, line.text) for line in chrome.lines] == [
        (1, "党建引领基层治理"),
        (4, ""),
        (5, PARAGRAPH),
        (8, ""),
        (9, PARAGRAPH),
    ]


def test_an_image_placeholder_still_reads_as_an_images_gap() -> None:
    chrome = strip(
        "党建引领基层治理", PARAGRAPH, "", "a_fororder_b43ed78c-aa14.jpg", "", "图为党员在服务群众。"
    )
    assert [(line.lineno, line.text) for line in chrome.lines] == [
        (1, "党建引领基层治理"),
        (2, PARAGRAPH),
        (3, ""),
        (4, ""),
        (5, ""),
        (6, "图为党员在服务群众。"),
    ]


def test_long_lines_of_chrome_like_text_take_linear_time() -> None:
    for unit in ("首页 > ", "责编：张三 ", "相关新闻 ", "扫描二维码关注 ", "（责任编辑：", "返回 "):
        chrome = strip("党建引领基层治理", PARAGRAPH, unit * 40_000, PARAGRAPH + unit * 40_000)
        assert chrome.lines[0].text == "党建引领基层治理"


# ----------------------------------------------------------------------------- the seeds


def golden_front(name: str) -> dict:
    text = (GOLDEN / f"{name}.md").read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n", 2)[1])


@pytest.mark.parametrize("name", SEEDS)
def test_seeds_lose_exactly_the_lines_their_golden_pages_list(name: str) -> None:
    dropped = convert_source(ROOT / "sources" / f"{name}.txt").article.dropped
    reviewed = golden_front(name)["review"]["dropped"]
    assert [(d.lineno, d.kind) for d in dropped] == [(d["line"], d["kind"]) for d in reviewed]


@pytest.mark.parametrize("name", SEEDS)
def test_no_heading_or_title_of_a_seed_reads_as_chrome(name: str) -> None:
    page = (GOLDEN / f"{name}.md").read_text(encoding="utf-8")
    headings = [m[1] for m in re.finditer(r"^#{1,6} (.+)$", page, re.MULTILINE)]
    titles = [piece["title"] for piece in golden_front(name)["pieces"]]
    assert headings and titles
    for text in headings + titles:
        assert _web_chrome(text) is None, text
