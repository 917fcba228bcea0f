"""Segmenting keeps its state as it goes instead of rescanning: the outcomes it must keep.

The segment stage once asked the section so far (its captions, whether it has a
paragraph) and every piece so far (the last one that is not a brief) for each block;
it now keeps those facts as it goes.  These pages are the cases where that state
decides the result.
"""

from __future__ import annotations

from dangjian.convert.markdown_input import markdown_structure
from dangjian.convert.segment import segment
from dangjian.model import Article, Kind, Line, Metadata


def _segment(*lines: str, metadata: Metadata | None = None) -> Article:
    return segment([Line(n, t, t) for n, t in enumerate(lines, start=1)], metadata or Metadata(), "t.txt")


def _blocks(article: Article, section: int = 0) -> list[tuple[str, str, str]]:
    return [(b.kind.value, b.text, b.credit) for b in article.sections[section].blocks]


PARAGRAPH = "网格党支部书记领办驻村干部的工作。"
CAPTION = "图为网格党支部书记在工作。"
#: A full story (title, byline, paragraph) and a titled brief, each followed by a blank line.
STORY = ("网格党建引领", "□本报记者 张三", PARAGRAPH, "")
BRIEF = ("驻村简讯", "本报讯 网格党支部书记领办驻村干部的工作。", "")


def test_a_photo_credit_goes_to_the_last_caption_of_its_section() -> None:
    article = _segment(
        "网格党建引领", PARAGRAPH, CAPTION, "", "", "图为驻村干部在工作。", "张三 摄", PARAGRAPH
    )
    assert _blocks(article) == [
        ("paragraph", PARAGRAPH, ""),
        ("caption", CAPTION, ""),
        ("caption", "图为驻村干部在工作。", "张三 摄"),
        ("paragraph", PARAGRAPH, ""),
    ]


def test_a_credit_after_a_credited_caption_stays_a_credit() -> None:
    article = _segment("网格党建引领", PARAGRAPH, CAPTION + " 新华社记者李四 摄", "张三 摄")
    assert _blocks(article) == [
        ("paragraph", PARAGRAPH, ""),
        ("caption", CAPTION, "新华社记者李四 摄"),
        ("credit", "张三 摄", ""),
    ]


def test_a_page_credit_with_no_caption_goes_to_the_metadata_once() -> None:
    metadata = Metadata(photo_credit="本版图片由新华社提供")
    article = _segment(
        "网格党建引领",
        PARAGRAPH,
        "本版图片：甲；本版图片由新华社提供",
        "本组图片由乙方提供",
        "本版图片由新华社提供",
        "本组图片由乙方提供",
        metadata=metadata,
    )
    assert _blocks(article) == [("paragraph", PARAGRAPH, "")]
    assert metadata.photo_credit == "本版图片由新华社提供；本版图片：甲；本组图片由乙方提供"


def test_a_page_credit_holding_a_separator_adds_only_its_new_parts() -> None:
    metadata = Metadata()
    _segment("网格党建引领", PARAGRAPH, "本版图片：甲", "本版图片：甲；乙", metadata=metadata)
    assert metadata.photo_credit == "本版图片：甲；乙"


def test_a_section_after_briefs_belongs_to_the_last_full_story() -> None:
    article = _segment(
        *STORY,
        *BRIEF,
        "驻村工作",
        PARAGRAPH,
        "",
        "又一简讯",
        "本报讯（记者 李四）驻村干部的工作。",
        "",
        "乡村振兴",
        PARAGRAPH,
    )
    assert [(p.title, p.brief) for p in article.pieces] == [
        ("网格党建引领", False),
        ("驻村简讯", True),
        ("又一简讯", True),
    ]
    assert [(s.piece, s.title) for s in article.sections] == [
        (0, ""),
        (1, ""),
        (0, "驻村工作"),
        (2, ""),
        (0, "乡村振兴"),
    ]
    assert article.pieces[2].authors == ["李四"] and article.pieces[2].dateline == "本报讯（记者 李四）"
    assert _blocks(article, 3) == [("paragraph", "驻村干部的工作。", "")]


def test_a_section_after_a_brief_goes_to_the_newest_full_story_or_stays_with_a_lone_brief() -> None:
    article = _segment(
        "本报讯 网格党支部书记领办驻村干部的工作。",
        "",
        "驻村工作",
        PARAGRAPH,
        "",
        *STORY,
        *BRIEF,
        "乡村振兴",
        PARAGRAPH,
        metadata=Metadata(title="简讯"),
    )
    # The same parts as the test above in another order, so its expectations look alike on purpose.
    assert [(p.title, p.brief) for p in article.pieces] == [
        ("简讯", True),
        ("网格党建引领", False),
        ("驻村简讯", True),
    ]
    # No full story yet: the section stays with the brief; later, it goes to piece 1, not 0.
    assert [(s.piece, s.title) for s in article.sections] == [
        (0, ""),
        (0, "驻村工作"),
        (1, ""),
        (2, ""),
        (1, "乡村振兴"),
    ]


def test_a_dateline_opens_a_piece_only_before_its_first_paragraph() -> None:
    dated = "本报讯（记者 李四）驻村干部的工作。"
    article = _segment("网格党建引领", "□本报记者 张三", "", "", CAPTION, "编者按：按语。", dated, dated)
    [piece] = article.pieces
    assert piece.brief and piece.dateline == "本报讯（记者 李四）" and piece.authors == ["张三", "李四"]
    assert [(kind, text) for kind, text, _ in _blocks(article)] == [
        ("caption", CAPTION),
        ("note", "按语。"),
        ("paragraph", "驻村干部的工作。"),
        ("paragraph", dated),
    ]


def test_a_dateline_in_a_titled_section_is_text() -> None:
    dated = "本报讯（记者 李四）驻村干部的工作。"
    article = _segment("网格党建引领", PARAGRAPH, "", "驻村工作", "编者按：按语。", dated)
    assert [(p.title, p.brief, p.dateline) for p in article.pieces] == [("网格党建引领", False, "")]
    assert _blocks(article, 1) == [("note", "按语。", ""), ("paragraph", dated, "")]


def test_a_subtitle_belongs_to_the_opening_of_its_piece() -> None:
    article = _segment("网格党建引领", "——驻村干部的工作", PARAGRAPH, "", "驻村工作", "——乡村振兴", PARAGRAPH)
    assert [(p.title, p.subtitle) for p in article.pieces] == [
        ("网格党建引领", "驻村干部的工作"),
        ("驻村工作", "乡村振兴"),
    ]
    assert all(_blocks(article, n) == [("paragraph", PARAGRAPH, "")] for n in (0, 1))


def test_a_heading_looks_past_the_photos_under_it() -> None:
    photos = [CAPTION + " 新华社记者李四 摄"] * 3 + ["本版图片由新华社提供"]
    article = _segment(
        "网格党建引领",
        PARAGRAPH,
        "",
        "驻村工作",
        *photos,
        "□本报记者 张三",
        PARAGRAPH,
        "",
        "乡村振兴",
        *photos,
        PARAGRAPH,
    )
    assert [p.title for p in article.pieces] == ["网格党建引领", "驻村工作"]
    assert [(s.piece, s.title) for s in article.sections] == [(0, ""), (1, ""), (1, "乡村振兴")]
    assert [b.kind for b in article.sections[2].blocks] == [Kind.CAPTION] * 3 + [Kind.PARAGRAPH]


def test_a_long_line_of_reporter_credits_is_a_paragraph() -> None:
    # 160 characters: the byline pattern, tried before the length, took minutes to reject it.
    line = "记者 张三" + " 记者张三" * 30 + "。"
    assert _blocks(_segment("网格党建引领", line)) == [("paragraph", line, "")]


def test_markdown_headings_lose_only_their_closing_marks() -> None:
    """``## 标题 ##`` is 标题; a ``#`` inside the text stays (the pattern once backtracked on long runs)."""
    lines = ["# 标题", "## 小标题 ##", "### 第#3号 ###   ", "## ##", "#没有空格", "## a" + "#" * 50_000 + "b"]
    texts, hints = markdown_structure(lines)
    assert texts[:5] == ["标题", "小标题", "第#3号", "", "#没有空格"]
    assert texts[5] == "a" + "#" * 50_000 + "b"
    assert hints == ["title", "heading", "heading", "heading", "", "heading"]
