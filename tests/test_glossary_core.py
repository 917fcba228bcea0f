"""The glossary's pure parts: pinyin keys, term matching, the article corpus, loading."""

from __future__ import annotations

import pytest

from dangjian.glossary import pinyin as py
from dangjian.glossary.edit import FIELDS, entry_block
from dangjian.glossary.load import parse_glossary
from dangjian.glossary.matcher import TermMatcher
from dangjian.glossary.model import Background, sense_label
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


SENSES_ENTRY = """\
- term: 五位一体
  traditional: 五位一體
  pinyin: wǔ wèi yī tǐ
  english: five-in-one
  category: mechanism
  definition: 把五个方面结合为一体的提法。
  senses:
    - definition: 一种教学模式。
      sources: [a]
    - definition: 一种管边控边机制。
      sources: [a, b]
  sources: [a, b]
  background:
    text: 库外的说明。
    source: 《某报告》（2012）
    url: https://example.org/report
"""


def test_senses_and_background_are_read_with_their_lines() -> None:
    glossary, problems = parse_glossary(SENSES_ENTRY, "t.yaml")
    assert problems == []
    entry = glossary.entries[0]
    assert [(s.definition, s.sources, s.line) for s in entry.senses] == [
        ("一种教学模式。", ("a",), 8),
        ("一种管边控边机制。", ("a", "b"), 10),
    ]
    assert entry.senses[1].line_of("sources") == 11
    assert entry.background == Background(
        "库外的说明。", "《某报告》（2012）", "https://example.org/report", 14
    )
    assert sense_label(0) + sense_label(1) == "①②"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ("    - definition: 一种教学模式。\n      sources: [a]\n", ""),
            "t.yaml:8: entry '五位一体': senses: give two or more senses, or none",
        ),
        (
            ("      sources: [a, b]\n  sources", "  sources"),
            "t.yaml:10: entry '五位一体': senses[2]: missing field 'sources'",
        ),
        (
            ("      sources: [a]\n", "      sources: [a]\n      note: x\n"),
            "t.yaml:10: entry '五位一体': senses[1]: unknown field 'note' (known: definition, sources)",
        ),
        (
            ("  senses:\n", "  senses: 两种\n  x:\n"),
            "t.yaml:7: entry '五位一体': senses: expected a list of senses",
        ),
        (
            ("    source: 《某报告》（2012）\n", ""),
            "t.yaml:14: entry '五位一体': background: missing field 'source'",
        ),
        (
            ("https://example.org/report", "example.org"),
            "t.yaml:16: entry '五位一体': background.url: 'example.org' is not an http(s):// address",
        ),
        (
            ("      sources: [a, b]\n  sources", "      sources: 3\n  sources"),
            "t.yaml:11: entry '五位一体': senses[2].sources: expected a list of non-empty texts",
        ),
    ],
)
def test_malformed_senses_and_background_are_located(change: tuple[str, str], message: str) -> None:
    text = SENSES_ENTRY.replace(*change)
    assert text != SENSES_ENTRY
    _glossary, problems = parse_glossary(text, "t.yaml")
    assert message in [str(p) for p in problems] or any(str(p).startswith(message) for p in problems), (
        problems
    )


def test_entry_block_writes_senses_and_background_in_the_file_order() -> None:
    glossary, _ = parse_glossary(SENSES_ENTRY, "t.yaml")
    entry = glossary.entries[0]
    fields = {name: getattr(entry, name) for name in FIELDS}
    fields["senses"] = [{"definition": s.definition, "sources": list(s.sources)} for s in entry.senses]
    fields["background"] = {
        "text": "库外的说明。",
        "source": "《某报告》（2012）",
        "url": "https://example.org/report",
    }
    fields["sources"], fields["aliases"], fields["related"] = ["a", "b"], [], []
    block = entry_block(fields)
    assert block.startswith("- term: 五位一体\n")
    again, problems = parse_glossary(block, "t.yaml")
    assert problems == []
    assert [(s.definition, s.sources) for s in again.entries[0].senses] == [
        (s.definition, s.sources) for s in entry.senses
    ]
    background = again.entries[0].background
    assert background is not None and background.text == "库外的说明。"
    assert (background.source, background.url) == ("《某报告》（2012）", "https://example.org/report")
    order = [line.split(":")[0].strip() for line in block.splitlines() if not line.startswith("    ")]
    assert order == ["- term", "traditional", "pinyin", "english", "category", "definition", "senses",
                     "sources", "aliases", "related", "background"]  # fmt: skip
    # Without them, a block is the one-line fields only, as ``dangjian terms add`` writes it.
    assert len(entry_block({**fields, "senses": [], "background": {}}).splitlines()) == len(FIELDS)


def test_a_background_source_keeps_the_spaces_of_an_official_title() -> None:
    text = SENSES_ENTRY.replace("《某报告》（2012）", "《中共中央 国务院关于某事的意见》（2018）").replace(
        "text: 库外的说明。", "text: 库外的\n      说明。"
    )
    glossary, problems = parse_glossary(text, "t.yaml")
    assert problems == []
    background = glossary.entries[0].background
    assert background is not None
    assert background.source == "《中共中央 国务院关于某事的意见》（2018）"
    assert background.text == "库外的说明。"  # a folded line break between Chinese words is not text
