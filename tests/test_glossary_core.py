"""The glossary's pure parts: pinyin keys, term matching, the article corpus, loading."""

from __future__ import annotations

import pytest

from dangjian.glossary import pinyin as py
from dangjian.glossary.load import parse_glossary
from dangjian.glossary.matcher import TermMatcher
from dangjian.pages.prose import prose_lines


# A table of cases: its parametrize shape recurs across the tests (a deliberate look-alike).
@pytest.mark.parametrize(
    ("reading", "anchor", "letter"),
    [
        ("wǎnggé dǎngzhībù", "term-wangge-dangzhibu", "W"),
        ("cūn liǎngwěi", "term-cun-liangwei", "C"),
        ("lǜsè fāzhǎn", "term-lvse-fazhan", "L"),
        ("Xī'ān", "term-xi-an", "X"),
        ("ēr-shí", "term-er-shi", "E"),
    ],
)
def test_anchor_and_letter_come_from_the_reading_alone(reading: str, anchor: str, letter: str) -> None:
    assert py.anchor(reading) == anchor
    assert py.initial(reading) == letter


def test_sort_key_is_dictionary_order() -> None:
    words = {
        "双报到": "shuāng bàodào",
        "书记领办": "shūjì lǐngbàn",
        "网格": "wǎnggé",
        "网格党支部": "wǎnggé dǎngzhībù",
        "大党委": "dà dǎngwěi",
        "大工委": "dà gōngwěi",
    }
    ordered = sorted(words, key=lambda t: py.sort_key(words[t], t))
    assert ordered == ["大党委", "大工委", "双报到", "书记领办", "网格", "网格党支部"]
    # Same letters: tone order decides (mā má mǎ mà).
    assert sorted(["mà", "mā", "mǎ", "má"], key=py.sort_key) == ["mā", "má", "mǎ", "mà"]


def test_guess_groups_syllables_into_words() -> None:
    assert py.guess("网格党支部") == "wǎnggé dǎngzhībù"


def matcher() -> TermMatcher:
    return TermMatcher(
        {
            "网格": "网格",
            "网格党支部": "网格党支部",
            "網格黨支部": "网格党支部",
            "党支部书记": "党支部书记",
            "“双百”工程": "双百工程",
        }
    )


def test_longest_match_wins_and_matches_do_not_overlap() -> None:
    found = matcher().find("组建网格党支部和网格，开展“双百”工程")
    assert [(m.start, m.end, m.term) for m in found] == [
        (2, 7, "网格党支部"),
        (8, 10, "网格"),
        (13, 19, "双百工程"),
    ]


def test_leftmost_match_wins_over_a_later_longer_one() -> None:
    # 网格党支部书记: 网格党支部 starts first, so 党支部书记 is not found inside it.
    assert [m.term for m in matcher().find("网格党支部书记")] == ["网格党支部"]


def test_traditional_text_is_matched_through_its_simplified_view() -> None:
    found = TermMatcher({"网格党支部": "网格党支部"}).find("社區組建網格黨支部", traditional=True)
    assert [(m.start, m.end, m.term) for m in found] == [(4, 9, "网格党支部")]


def test_corpus_is_the_prose_without_markup_or_originals() -> None:
    page = "\n".join(
        [
            "---",
            "article:",
            "  title: 网格党支部",
            "---",  # 1-4: front matter
            "# 标题 网格",
            "",  # 5
            ":::{article-meta}",
            ":::",  # 7-8
            "正文\\*提到网格党支部。",  # 9
            "::::{dropdown} 繁体原文",
            ":class-container: original-script",
            "",
            "網格黨支部",
            "::::",  # 10-14
            "最后一段。",  # 15
        ]
    )
    lines = prose_lines("x", page)
    assert [(t.lineno, t.text) for t in lines] == [
        (5, "标题 网格"),
        (9, "正文*提到网格党支部。"),
        (15, "最后一段。"),
    ]


def test_folded_definitions_lose_the_line_break_between_chinese_sentences() -> None:
    text = "- term: 网格\n  traditional: 網格\n  pinyin: wǎnggé\n  english: grid\n  category: organisation\n  definition: >-\n    第一句。\n    第二句 with English。\n  sources: [a]\n"
    glossary, problems = parse_glossary(text, "t.yaml")
    assert problems == []
    assert glossary.entries[0].definition == "第一句。第二句 with English。"
    assert glossary.entries[0].line_of("pinyin") == 3
