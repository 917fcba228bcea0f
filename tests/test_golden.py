"""Reviewed golden MyST pages for the five seeds.

A change in the converter that changes a seed page fails here with a diff.  If the
new page is right, regenerate with ``pytest tests/test_golden.py --force-regen``
and review the diff of ``tests/golden/`` before committing it.
"""

from __future__ import annotations

import pytest

from conftest import ROOT, SEEDS, convert_source

GOLDEN = ROOT / "tests" / "golden"


@pytest.mark.parametrize("name", SEEDS)
def test_seed_page_matches_reviewed_golden(name: str, file_regression) -> None:
    page = convert_source(ROOT / "sources" / f"{name}.txt").page
    file_regression.check(page, fullpath=GOLDEN / f"{name}.md", encoding="utf-8")


def test_seed_000_structure() -> None:
    article = convert_source(ROOT / "sources" / "000-tongjiang.txt").article
    assert [p.title for p in article.pieces] == [
        "同江 党建引领促发展 凝心聚力谱新篇",
        "明确导向 培优党务干部",
        "书记领办 提升治理质效",
        "“选育管用”锻造先锋队伍",
        "暖心服务打造幸福社区",
        "“双百”工程赋能党员教育",
    ]
    lead = article.pieces[0]
    assert lead.bylines == ["□文/摄 孙维焄", "本报记者 刘大泳"]
    # The two unbylined sections after the 本报讯 briefs belong to the lead story.
    assert [s.title for s in article.sections if s.piece == 0 and s.title] == [
        "强化政治引领 稳边",
        "提升核心优势 兴边",
    ]
    assert article.pieces[1].dateline == "本报讯(邹金辉 记者刘大泳)"
    assert article.pieces[1].authors == ["邹金辉", "刘大泳"]


def test_seed_004_pieces_keep_their_kickers() -> None:
    article = convert_source(ROOT / "sources" / "004-chifeng-wuhai.txt").article
    assert [(p.kicker, p.title) for p in article.pieces] == [
        ("■ 视点", "党建引领筑根基 乡村振兴谋福祉"),
        ("■ 知行合一", "用心学党史 真心办实事"),
        ("", "聆听戍边故事"),
        ("■ 五化协同 大抓基层⑨", "拧紧建强城市基层党建的动力主轴"),
    ]
    assert article.pieces[1].bylines == ["□本报记者 及庆玲 通讯员 仇玉纯"]
    assert article.pieces[1].authors == ["及庆玲", "仇玉纯"]


def test_seed_002_editor_note_and_page_credit() -> None:
    article = convert_source(ROOT / "sources" / "002-jinzhou.txt").article
    lead = article.pieces[0]
    assert lead.subtitle == "锦州市实施“堡垒巩固工程”侧记"
    notes = [b for s in article.sections for b in s.blocks if b.kind.value == "note"]
    assert len(notes) == 1 and notes[0].label == "核心提示"
    assert article.metadata.photo_credit == "本版图片由锦州市委组织部提供"
    assert article.pieces[1].kicker == "锦州脚步 JIAOBU"


def test_seed_003_end_credits_become_authors() -> None:
    meta = convert_source(ROOT / "sources" / "003-yanbian.txt").article.metadata
    assert meta.authors == ["张伟国", "代黎黎", "王雨", "张敬源", "张琰", "相文雅", "杨佳琪"]
    assert meta.credits.startswith("策划:中共延边州委组织部")
    assert meta.editor == "蒋硕"
    assert meta.original_title == "党旗映红乡村振兴路 同心谱就边疆幸福曲——延边州党建引领驻村工作走笔"
