"""Script conversion: OpenCC t2s plus the residue table (``convert/data/t2s_residues.txt``).

The phrases are running text as traditional-script news writes it (Taiwan and Hong Kong
forms, and mainland editions in traditional script), each with its simplified form.
"""

from __future__ import annotations

import opencc
import pytest

from dangjian.convert.script import (
    _converter,
    convert_script,
    parse_residues,
    residue_table,
    t2s_character_map,
    to_simplified,
)

#: 著 as the particle zhe or as zhuó/zháo: 着 in simplified script.
ZHE = [
    ("村民忙著採摘成熟的黑木耳", "村民忙着采摘成熟的黑木耳"),
    ("拖拉機都繞著走", "拖拉机都绕着走"),
    ("一邊看著長勢,一邊跟著村民商量", "一边看着长势,一边跟着村民商量"),
    ("接著,隨著政策落地", "接着,随着政策落地"),
    ("意味著有關部門要沿著這條路走下去", "意味着有关部门要沿着这条路走下去"),
    ("著手解決群眾著急的事", "着手解决群众着急的事"),
    ("處處為群眾著想,事事有著落", "处处为群众着想,事事有着落"),
    ("穿著民族服裝,著重展示", "穿着民族服装,着重展示"),
    ("著眼長遠,著力打造新的著力點", "着眼长远,着力打造新的着力点"),
    ("執著追求,沉著應對,衣著樸素", "执着追求,沉着应对,衣着朴素"),
    ("飛機平穩著陸", "飞机平稳着陆"),
    ("孩子們睡著了", "孩子们睡着了"),
    ("用不著著急", "用不着着急"),
    ("本著為民服務的宗旨", "本着为民服务的宗旨"),
    ("黨員幹部發揮著作用", "党员干部发挥着作用"),
    ("圍繞著作風建設", "围绕着作风建设"),
    ("接著作出部署", "接着作出部署"),
    ("大家討論著村裏的規劃", "大家讨论着村里的规划"),
    ("藉著旅遊的東風", "借着旅游的东风"),
    ("憑藉著過硬的本領", "凭借着过硬的本领"),
]

#: 著 as zhù, "to write; to stand out": simplified keeps it.
ZHU = [
    ("以黑木耳著名", "以黑木耳著名"),
    ("有著名的景區", "有著名的景区"),
    ("幸福感顯著提升", "幸福感显著提升"),
    ("發揮了顯著作用", "发挥了显著作用"),
    ("這部名著家喻戶曉", "这部名著家喻户晓"),
    ("當地土著居民", "当地土著居民"),
    ("保護著作權", "保护著作权"),
    ("著作等身,著述頗豐", "著作等身,著述颇丰"),
    ("他的著作風格樸實", "他的著作风格朴实"),
    ("著作出版後", "著作出版后"),
    ("以冰雪旅遊著稱", "以冰雪旅游著称"),
    ("成效卓著,臭名昭著", "成效卓著,臭名昭著"),
    ("學術專著、論著和譯著", "学术专著、论著和译著"),
    ("改編自同名原著", "改编自同名原著"),
    ("著書立說", "著书立说"),
]

#: Other residues of t2s, and what t2s already handles (kept here so a change shows).
OTHERS = [
    ("現在甚麼都不用擔心了", "现在什么都不用担心了"),
    ("為甚麽要這樣做", "为什么要这样做"),
    ("社區衞生服務站,保衞家園", "社区卫生服务站,保卫家园"),
    ("向記者敍述經過", "向记者叙述经过"),
    ("衹要居民有需要", "只要居民有需要"),
    ("在服務枱前", "在服务台前"),
    ("屋簷下", "屋檐下"),
    ("絕不能麻痺大意", "绝不能麻痹大意"),
    ("慰藉著老人的心", "慰藉着老人的心"),
    # Already right with t2s alone:
    ("駐村幹部,乾淨整潔", "驻村干部,干净整洁"),
    ("乾隆年間", "乾隆年间"),
    ("人人都在組織裏,村裡面", "人人都在组织里,村里面"),
    ("與阿裡巴巴集團合作", "与阿里巴巴集团合作"),
    ("之後,皇后", "之后,皇后"),
    ("得益於,位於", "得益于,位于"),
    ("週末,一週年", "周末,一周年"),
    ("一隻羊,船隻", "一只羊,船只"),
    ("彷彿回到從前", "仿佛回到从前"),
    ("瞭解並幫助解決困難,瞭望塔", "了解并帮助解决困难,瞭望塔"),
    ("已經指着方向", "已经指着方向"),
    ("怎么、什么", "怎么、什么"),
]


@pytest.mark.parametrize(
    ("traditional", "simplified"), ZHE + ZHU + OTHERS, ids=[t for t, _ in ZHE + ZHU + OTHERS]
)
def test_phrase(traditional: str, simplified: str) -> None:
    assert to_simplified(traditional) == simplified


def test_every_zhe_case_is_a_t2s_residue() -> None:
    """Each zhe case still needs the table: t2s alone leaves its 著."""
    for traditional, _ in ZHE:
        assert "著" in _converter().convert(traditional), traditional


def test_table_entries_are_written_as_t2s_leaves_them() -> None:
    """An entry t2s would rewrite (a traditional 顯著) could never match t2s's output."""
    table = residue_table()
    assert table["著"] == "着"
    for source, target in table.items():
        assert _converter().convert(source) == source, source
        assert len(source) == len(target), source


def test_lengths_are_kept_for_the_glossary_and_compatibility_ideographs() -> None:
    text = "忙著\uf900著名\uf901衞生,甚麼"
    assert to_simplified(text) == "忙着\uf900著名\uf901卫生,什么"


def test_originals_are_kept_as_written() -> None:
    lines = ["村民忙著採摘黑木耳,拖拉機都繞著走", "幸福感顯著提升,社區衞生"]
    numbered, script = convert_script(lines)
    assert script == "traditional"
    assert [line.original for line in numbered] == lines
    assert [line.text for line in numbered] == [
        "村民忙着采摘黑木耳,拖拉机都绕着走",
        "幸福感显著提升,社区卫生",
    ]


def test_simplified_sources_are_not_touched() -> None:
    lines = ["村民们忙著采摘黑木耳", "以黑木耳著称"]
    numbered, script = convert_script(lines)
    assert script == "simplified"
    assert [line.text for line in numbered] == lines


def test_query_map_has_context_free_characters_only() -> None:
    """A query is typed in either script: 著 alone may be the 著 of 著名, so it is not mapped."""
    mapping = t2s_character_map()
    assert "著" not in mapping and "着" not in mapping
    assert mapping["衞"] == "卫" and mapping["簷"] == "檐" and mapping["網"] == "网"


def test_parse_residues_refuses_a_bad_line() -> None:
    assert parse_residues("# comment\n\n著\t着\n著名\t著名\n") == {"著": "着", "著名": "著名"}
    for bad in ["甚么\t什", "著 着", "著\t着\n著\t著", "\t着"]:
        with pytest.raises(ValueError, match="t2s_residues.txt:"):
            parse_residues(bad)


@pytest.mark.parametrize(
    ("config", "traditional", "expected"),
    [
        ("t2s", "忙著,繞著走", "忙著,绕著走"),  # why the table exists
        ("tw2s", "當地土著居民,學術論著,發揮著作用", "当地土着居民,学术论着,发挥著作用"),
        ("tw2s", "怎么", "怎么"),
        ("tw2s", "么", "幺"),  # a lone simplified 么 in traditional text is rewritten
        ("tw2sp", "有效整合,線上培訓", "有效集成,在线培训"),  # Taiwan's words swapped
        ("hk2s", "忙著", "忙著"),
    ],
)
def test_why_t2s_and_not_another_config(config: str, traditional: str, expected: str) -> None:
    """What the other configurations of the opencc 1.4.2 wheel do with such text."""
    assert opencc.OpenCC(config, include_tofu_risk_dictionaries=False).convert(traditional) == expected
