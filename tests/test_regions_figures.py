"""Pure parts of the site: the gazetteer, locating pieces, key figures."""

from __future__ import annotations

import pytest

from dangjian.errors import SourceError
from dangjian.pages.figures import find_figures
from dangjian.regions.gazetteer import parse_gazetteer, slug
from dangjian.regions.locate import locate_pieces
from dangjian.regions.pages import build_tree, region_pages

GAZETTEER = """\
- {name: 辽宁省, level: province, aliases: [辽宁]}
- {name: 锦州市, level: prefecture, parent: 辽宁省, aliases: [锦州]}
- {name: 北镇市, level: county, parent: 锦州市}
- {name: 江苏省, level: province, aliases: [江苏]}
- {name: 珲春市, level: county, parent: 锦州市, slug: hunchun-shi}
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

锦州组织干部到北镇市走访，并赴江苏学习。

## 乙 报道

北镇市开展大串门。
"""


def test_pieces_are_located_at_named_places_inside_the_stated_region() -> None:
    gazetteer = parse_gazetteer(GAZETTEER, "g.yaml")
    found = locate_pieces("002-x", PAGE, gazetteer)
    assert [(p.index, p.title, p.places) for p in found] == [
        (1, "甲", ("锦州市", "北镇市")),
        (2, "乙 报道", ("北镇市",)),
    ]
    tree = build_tree(gazetteer, found)
    assert [p.name for p in tree.places()] == ["辽宁省", "锦州市", "北镇市"]  # not 江苏省
    pages = region_pages(tree)
    assert set(pages) == {"index.md", "liaoning-sheng.md", "jinzhou-shi.md", "beizhen-shi.md"}
    assert "{articles:piece}`articles/002-x#2`（北镇市）" in pages["beizhen-shi.md"]
    assert "[辽宁省](liaoning-sheng.md) › [锦州市](jinzhou-shi.md) › 北镇市" in pages["beizhen-shi.md"]


def test_slug_is_pinyin_or_the_reviewed_override() -> None:
    gazetteer = parse_gazetteer(GAZETTEER, "g.yaml")
    assert [slug(p) for p in gazetteer.places] == [
        "liaoning-sheng",
        "jinzhou-shi",
        "beizhen-shi",
        "jiangsu-sheng",
        "hunchun-shi",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "- {name: 锦州市, level: prefecture, parent: 奉天省}\n",
            "g.yaml:1: 锦州市: parent '奉天省' is not in the gazetteer",
        ),
        (
            "- {name: 锦州市, level: city}\n",
            "g.yaml:1: 锦州市: level must be one of province, prefecture, county, town, village",
        ),
        (
            "- {name: 辽宁省, level: province}\n- {name: 吉林省, level: province, aliases: [辽宁省]}\n",
            "g.yaml:2: 吉林省: '辽宁省' already names 辽宁省",
        ),
        ("- {name: 辽宁省, level: province, code: 210000}\n", "g.yaml:1: 辽宁省: unknown field(s) code"),
        (
            "- {name: 辽宁省, level: province, slug: ../index}\n",
            "g.yaml:1: 辽宁省: slug '../index' must be lower-case letters, digits and hyphens",
        ),
        (
            "- {name: 辽宁省, level: province}\n- {name: 吉林省, level: province, slug: liaoning-sheng}\n",
            "g.yaml:2: 吉林省: page name 'liaoning-sheng' is already used by 辽宁省; give one a slug",
        ),
        (
            "- name: 锦州市\n  level: prefecture\n  parent: 辽宁省\n  parent: 吉林省\n- {name: 辽宁省, level: province}\n",
            "g.yaml:4: 锦州市: parent written twice (first at line 3)",
        ),
    ],
)
def test_gazetteer_problems_name_file_and_line(text: str, message: str) -> None:
    with pytest.raises(SourceError) as caught:
        parse_gazetteer(text, "g.yaml")
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("组建网格党支部31个,形成网格", [("31", "个", "组建网格党支部31个")]),
        (
            "粮食产量达到52.9亿斤，增长3.5%。",
            [("52.9", "亿斤", "粮食产量达到52.9亿斤"), ("3.5", "%", "增长3.5%")],
        ),
        ("全州1100余名驻村干部", [("1100余", "名", "全州1100余名驻村干部")]),
        ("2021年10月，第1项任务", []),
        ("共1,100名干部", [("1,100", "名", "共1,100名干部")]),
    ],
)
def test_key_figures(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert [(f.value, f.unit, f.clause) for f in find_figures(text)] == expected


def test_pdf_index_text_is_escaped_for_latex_and_makeindex() -> None:
    from dangjian.sphinx_ext.pdf.latex import _index_text

    assert _index_text("网格党支部") == "网格党支部"
    expected = (
        r"a\textbackslash{}b\sphinxleftcurlybrace{}x\sphinxrightcurlybrace{}\textasciicircum{}\textasciitilde{}"
        + '"!"@'
        + r"\textbar{}"
    )
    assert _index_text(r"a\b{x}^~!@|") == expected
