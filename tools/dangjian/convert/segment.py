"""Stage 5, segment: lines → blocks → pieces and sections.

A source file is a newspaper page.  Each non-empty line is classified (heading,
byline, caption, kicker, …) from its shape and its neighbours, then the blocks
are grouped into pieces (stories) and sections.  A heading starts a new piece when
a kicker precedes it or a subtitle, byline or ``本报讯`` dateline follows it;
otherwise it starts a section.  A section heading that follows a short news brief
belongs to the page's lead story, as newspapers lay briefs inside a feature.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Article, Block, Kind, Line, Metadata, Piece, Section

_TERMINAL = "。！？!?…"
_CLOSERS = "”’」』)）》"
_HEADING_FORBIDDEN = re.compile(r"[。，,；;：:！!？?、()（）]")
_KICKER = re.compile(r"^[■▲◆●★]\s*\S")
_COLUMN = re.compile(r"^(?P<text>[\u4e00-\u9fff]{2,10}\s+[A-Z]{3,})$")
_SUBTITLE = re.compile(r"^(?:——|—|──)\s*(?P<text>.+)$")
_BYLINE = re.compile(
    r"^(?:□\s*\S.{0,40}|(?:本报记者|特约记者|本报通讯员|通讯员|记者)\s*[\u4e00-\u9fff·]{2,5}"
    r"(?:\s+(?:本报记者|特约记者|通讯员|记者)?\s*[\u4e00-\u9fff·]{2,5})*)$"
)
_NAME_SPLIT = re.compile(r"[\s□/、,，()（）]+")
_ROLE_PREFIX = re.compile(r"^(?:本报记者|特约记者|本报通讯员|通讯员|记者|实习生)")
_NAME = re.compile(r"[\u4e00-\u9fff·]{2,5}")
_NOT_NAMES = {"本报讯", "文", "摄", "图"}
_DATELINE = re.compile(
    r"^(?P<dateline>本报讯\s*[(（](?P<names>[^()（）]{1,40})[)）]"
    r"|本报讯\s*(?P<names2>(?:记者|通讯员)\s*[\u4e00-\u9fff·\s]{2,20}?)报道"
    r"|本报[\u4e00-\u9fff]{2,6}\d{1,2}月\d{1,2}日电\s*(?:[(（](?P<names3>[^()（）]{1,40})[)）])?"
    r"|本报讯)\s*"
)
_NOTE_LABEL = re.compile(r"^(?P<label>核心提示|编者按|编者的话|编前语|导读)\s*[:：]?\s*(?P<rest>.*)$")
_CAPTION_CREDIT = re.compile(
    r"^(?P<caption>.+?[。.!！])\s*(?P<credit>(?:供图|图片提供|图)\s*[:：]?\s*\S.*|\S{2,12}\s*摄(?:影)?)$"
)
_PAGE_CREDIT = re.compile(r"^(?:本版|本组|本文)?图片(?:均)?由.{2,30}提供$|^(?:本版|本组)图片\s*[:：].+$")
_PHOTO_BY = re.compile(r"^(?:[\u4e00-\u9fff·]{2,5}\s*)?摄$")

#: Longest line still read as a heading, in characters.
MAX_HEADING = 28
#: Longest line read as a photo caption.
MAX_CAPTION = 60
#: Longest one-sentence paragraph read as a caption when no image gap marks it.
MAX_UNMARKED_CAPTION = 20


def sentence_end(text: str) -> bool | None:
    """Whether ``text`` ends a sentence; ``None`` when it holds only closing marks (or nothing)."""
    # Walk back over closing quotes and brackets (no copy of a paragraph that may be long).
    end = len(text)
    while end and text[end - 1] in _CLOSERS:
        end -= 1
    return text[end - 1] in _TERMINAL if end else None


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends at a sentence boundary (so the next block is new text)."""
    return bool(sentence_end(text))


@dataclass
class _Raw:
    line: Line
    gap: int


def _raw_blocks(lines: list[Line]) -> list[_Raw]:
    blocks: list[_Raw] = []
    gap = 0
    for line in lines:
        if not line.text:
            gap += 1
            continue
        blocks.append(_Raw(line, gap))
        gap = 0
    return blocks


def _looks_like_heading(text: str) -> bool:
    return len(text) <= MAX_HEADING and not _HEADING_FORBIDDEN.search(text)


def _looks_like_title(text: str) -> bool:
    """The first line of a page may be a web title: longer, and ``地名:`` allowed."""
    return (
        len(text) <= 2 * MAX_HEADING and not ends_sentence(text) and not re.search(r"[，,；;！!？?、]", text)
    )


def _is_byline(text: str) -> bool:
    # Length first: on a long run of "记者 张三" words the regex backtracks exponentially.
    return len(text) <= 48 and bool(_BYLINE.match(text))


def _byline_names(text: str) -> list[str]:
    """Person names in a byline or dateline (roles and organisations removed)."""
    names: list[str] = []
    for token in _NAME_SPLIT.split(text):
        token = _ROLE_PREFIX.sub("", token.removesuffix("报道"))
        if token not in _NOT_NAMES and _NAME.fullmatch(token) and token not in names:
            names.append(token)
    return names


def _classify(raws: list[_Raw]) -> list[Block]:
    """Give each block a kind, using the block's shape and its neighbours."""
    blocks: list[Block] = []
    for i, raw in enumerate(raws):
        text, original, gap = raw.line.text, raw.line.original, raw.gap
        prev = blocks[-1] if blocks else None
        nxt = raws[i + 1].line.text if i + 1 < len(raws) else ""
        block = Block(Kind.PARAGRAPH, text, original, raw.line.lineno, gap)
        continues = prev is not None and prev.kind is Kind.PARAGRAPH and not ends_sentence(prev.text)
        if raw.line.hint in ("title", "heading"):
            block.kind = Kind.HEADING
        elif _KICKER.match(text):
            block.kind, block.label = Kind.KICKER, text
        elif not blocks and _looks_like_title(text):
            block.kind = Kind.HEADING
        elif _COLUMN.match(text) and _looks_like_heading(nxt):
            block.kind, block.label = Kind.KICKER, text
        elif (m := _SUBTITLE.match(text)) and prev is not None and prev.kind is Kind.HEADING:
            block.kind, block.label = Kind.SUBTITLE, m["text"]
        elif _is_byline(text) and not continues:
            block.kind = Kind.BYLINE
        elif (m := _NOTE_LABEL.match(text)) and not continues:
            block.kind, block.label = Kind.NOTE_LABEL, m["label"]
            if m["rest"]:
                block.kind, block.text = Kind.NOTE, m["rest"]
                block.original = _NOTE_LABEL.sub(r"\g<rest>", original)
        elif prev is not None and prev.kind is Kind.NOTE_LABEL:
            block.kind = Kind.NOTE
        elif _PAGE_CREDIT.match(text) or (_PHOTO_BY.match(text) and prev and prev.kind is Kind.CAPTION):
            block.kind = Kind.CREDIT
        elif (m := _CAPTION_CREDIT.match(text)) and len(text) <= MAX_CAPTION + 20 and not continues:
            block.kind, block.text, block.credit = Kind.CAPTION, m["caption"], m["credit"]
            if len(original) == len(text):  # t2s kept the length: cut the original at the same place
                block.original = original[: m.end("caption")]
                block.credit_original = original[m.start("credit") :]
        elif gap >= 2 and blocks and len(text) <= MAX_CAPTION and ends_sentence(text):
            block.kind = Kind.CAPTION
        elif _looks_like_heading(text) and not continues:
            block.kind = Kind.HEADING
        elif (
            not continues
            and prev is not None
            and prev.kind is Kind.PARAGRAPH
            and len(text) <= MAX_UNMARKED_CAPTION
            and _BARE_CAPTION.fullmatch(text)
        ):
            block.kind = Kind.CAPTION
        blocks.append(block)
    return blocks


# A caption with no image gap to mark it: one plain sentence of hanzi.
_BARE_CAPTION = re.compile(r"[\u4e00-\u9fff·“”]+。")


def _after_pictures(blocks: list[Block]) -> list[int]:
    """For each index, the first index at or after it that is not a caption or credit.

    One backward pass, so a heading looks past the photo run after it in O(1).
    """
    after = [len(blocks)] * (len(blocks) + 1)
    for j in range(len(blocks) - 1, -1, -1):
        after[j] = after[j + 1] if blocks[j].kind in (Kind.CAPTION, Kind.CREDIT) else j
    return after


def _starts_piece(blocks: list[Block], i: int, after: list[int]) -> bool:
    """Does the heading at ``i`` open a new story?  ``after`` is :func:`_after_pictures`."""
    j = after[i + 1]
    if j >= len(blocks):
        return False
    nxt = blocks[j]
    return nxt.kind in (Kind.SUBTITLE, Kind.BYLINE) or bool(
        nxt.kind is Kind.PARAGRAPH and _DATELINE.match(nxt.text)
    )


@dataclass
class _Open:
    """The section being filled, with what segmenting asks of it kept up to date.

    Asking the section itself (its last caption, whether it has a paragraph) meant
    rescanning it for every block: quadratic in a long run of captions or notes.
    """

    section: Section
    caption: Block | None = None
    has_paragraph: bool = False

    def add(self, block: Block) -> None:
        self.section.blocks.append(block)
        if block.kind is Kind.CAPTION:
            self.caption = block
        elif block.kind is Kind.PARAGRAPH:
            self.has_paragraph = True


def _merge_page_credits(existing: str, texts: list[str]) -> str:
    """``existing`` and the page credits ``texts`` as one "；"-separated list without repeats.

    Merged once at the end: re-splitting the joined list at every credit was quadratic
    on a page of many different credits.
    """
    parts = (part for text in (existing, *texts) for part in text.split("；") if part)
    return "；".join(dict.fromkeys(parts))


def segment(lines: list[Line], metadata: Metadata, source: str) -> Article:
    """Group ``lines`` into pieces and sections of an :class:`Article`."""
    blocks = _classify(_raw_blocks(lines))
    after = _after_pictures(blocks)
    article = Article(source=source, metadata=metadata)
    pieces, sections = article.pieces, article.sections
    kicker = ""
    current: _Open | None = None
    # The last piece that is not a brief, among all pieces but the newest: only the newest
    # can turn into a brief (its dateline opens its first section).
    full_before_newest: int | None = None
    page_credits: list[str] = []

    def open_section(section: Section) -> None:
        nonlocal current
        sections.append(section)
        current = _Open(section)

    def new_piece(title: str, original: str, lineno: int) -> None:
        nonlocal kicker, full_before_newest
        if pieces and not pieces[-1].brief:
            full_before_newest = len(pieces) - 1
        pieces.append(Piece(title=title, title_original=original, lineno=lineno, kicker=kicker))
        open_section(Section(len(pieces) - 1, "", "", lineno))
        kicker = ""

    for i, block in enumerate(blocks):
        if block.kind is Kind.KICKER:
            kicker = block.label
            continue
        if block.kind is Kind.HEADING:
            if not pieces or kicker or _starts_piece(blocks, i, after):
                new_piece(block.text, block.original, block.lineno)
            else:
                owner = sections[-1].piece
                if pieces[owner].brief:
                    # A section after a brief belongs to the last piece that is not one.
                    lead = full_before_newest if pieces[-1].brief else len(pieces) - 1
                    owner = owner if lead is None else lead
                open_section(Section(owner, block.text, block.original, block.lineno))
            continue
        if not pieces:
            title = metadata.title
            new_piece(title, title, block.lineno)
        assert current is not None  # new_piece opened one
        piece = pieces[current.section.piece]
        opening = not current.section.title and not current.has_paragraph
        if block.kind is Kind.SUBTITLE and opening and not piece.subtitle:
            piece.subtitle = block.label
            continue
        if block.kind is Kind.BYLINE:
            piece.bylines.append(block.text)
            piece.authors += [n for n in _byline_names(block.text) if n not in piece.authors]
            continue
        if block.kind is Kind.PARAGRAPH and opening and (m := _DATELINE.match(block.text)):
            piece.dateline = m["dateline"].strip()
            piece.brief = True
            names = m["names"] or m["names2"] or m["names3"] or ""
            piece.authors += [n for n in _byline_names(names) if n not in piece.authors]
            block.text = block.text[m.end() :]
            if om := _DATELINE.match(block.original):
                block.original = block.original[om.end() :]
        if block.kind is Kind.NOTE_LABEL:
            continue
        if block.kind is Kind.CREDIT:
            if _PAGE_CREDIT.match(block.text):
                page_credits.append(block.text)
                continue
            if current.caption is not None and not current.caption.credit:
                current.caption.credit = block.text
                continue
        if block.kind is Kind.NOTE and not block.label:
            label_block = blocks[i - 1] if i else None
            block.label = label_block.label if label_block else ""
        if block.kind is Kind.SUBTITLE:
            block.kind = Kind.PARAGRAPH
        current.add(block)
    if page_credits:
        metadata.photo_credit = _merge_page_credits(metadata.photo_credit, page_credits)
    _subtitle_from_original_title(article)
    if not metadata.authors:
        for piece in pieces:
            metadata.authors += [n for n in piece.authors if n not in metadata.authors]
    return article


def _subtitle_from_original_title(article: Article) -> None:
    """A web copy often keeps the print subtitle only in its 原标题 line."""
    original = article.metadata.original_title
    if not article.pieces or article.pieces[0].subtitle or "——" not in original:
        return
    head, _, tail = original.partition("——")
    lead = article.pieces[0]
    if tail.strip() and head.strip() and head.strip() in lead.title:
        lead.subtitle = tail.strip()
