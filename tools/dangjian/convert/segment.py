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
from dataclasses import dataclass, field

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
#: A photographer in a byline: ``□文/摄 孙维焄``, ``摄影 X``, ``图/X``, ``图/文 X``.
_PHOTO_ROLE = re.compile(
    r"(?:^|[\s□])(?P<role>文\s*[/／]\s*摄|文\s*[/／]\s*图|图\s*[/／]\s*文|摄影|摄|图)\s*[/／:：]?\s*"
    r"(?P<names>[\u4e00-\u9fff·]{2,5}(?:\s*[、，,]\s*[\u4e00-\u9fff·]{2,5})*)"
)

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


@dataclass
class _Pages:
    """What segmenting carries from one block to the next, so that no block rescans the page.

    ``full_before_newest`` is the last piece that is not a brief, among all pieces but the
    newest: only the newest can still turn into a brief (its dateline opens its first section).
    """

    article: Article
    kicker: str = ""
    current: _Open | None = None
    full_before_newest: int | None = None
    page_credits: list[str] = field(default_factory=list)

    def open_section(self, section: Section) -> _Open:
        self.article.sections.append(section)
        self.current = _Open(section)
        return self.current

    def new_piece(self, title: str, original: str, lineno: int) -> _Open:
        pieces = self.article.pieces
        if pieces and not pieces[-1].brief:
            self.full_before_newest = len(pieces) - 1
        pieces.append(Piece(title=title, title_original=original, lineno=lineno, kicker=self.kicker))
        self.kicker = ""
        return self.open_section(Section(len(pieces) - 1, "", "", lineno))


def _add_new(names: list[str], more: list[str]) -> None:
    """Append to ``names`` those of ``more`` it lacks: a byline repeats names a dateline gave."""
    names += [n for n in more if n not in names]


def _section_owner(pages: _Pages) -> int:
    """The piece a section heading belongs to: a brief is laid inside the lead story, not continued."""
    pieces = pages.article.pieces
    owner = pages.article.sections[-1].piece
    if not pieces[owner].brief:
        return owner
    # A section after a brief belongs to the last piece that is not one.
    lead = pages.full_before_newest if pieces[-1].brief else len(pieces) - 1
    return owner if lead is None else lead


def _add_heading(pages: _Pages, blocks: list[Block], i: int, after: list[int]) -> None:
    """A heading opens a piece (the page's first, after a kicker, before a byline …), else a section."""
    block = blocks[i]
    if not pages.article.pieces or pages.kicker or _starts_piece(blocks, i, after):
        pages.new_piece(block.text, block.original, block.lineno)
    else:
        pages.open_section(Section(_section_owner(pages), block.text, block.original, block.lineno))


def _take_piece_fact(piece: Piece, block: Block, opening: bool) -> bool:
    """Whether ``block`` is a fact of its piece (subtitle, byline) rather than page text."""
    if block.kind is Kind.SUBTITLE and opening and not piece.subtitle:
        piece.subtitle = block.label
        return True
    if block.kind is Kind.BYLINE:
        piece.bylines.append(block.text)
        _add_new(piece.authors, _byline_names(block.text))
        return True
    return False


def _take_dateline(piece: Piece, block: Block) -> None:
    """Move a ``本报讯`` dateline opening ``block`` into its piece, which makes the piece a brief."""
    if not (m := _DATELINE.match(block.text)):
        return
    piece.dateline = m["dateline"].strip()
    piece.brief = True
    _add_new(piece.authors, _byline_names(m["names"] or m["names2"] or m["names3"] or ""))
    block.text = block.text[m.end() :]
    if om := _DATELINE.match(block.original):
        block.original = block.original[om.end() :]


def _take_credit(pages: _Pages, current: _Open, block: Block) -> bool:
    """Whether a credit went to the page (page credits) or to the open section's last caption."""
    if block.kind is not Kind.CREDIT:
        return False
    if _PAGE_CREDIT.match(block.text):
        pages.page_credits.append(block.text)
        return True
    if current.caption is not None and not current.caption.credit:
        current.caption.credit = block.text
        return True
    return False


def _add_body(pages: _Pages, block: Block, previous: Block | None) -> None:
    """A block that is not a heading or kicker: a fact of its piece, a credit, or section text."""
    current = pages.current
    if current is None:  # text before any heading: a piece under the metadata's title
        title = pages.article.metadata.title
        current = pages.new_piece(title, title, block.lineno)
    piece = pages.article.pieces[current.section.piece]
    opening = not current.section.title and not current.has_paragraph
    if _take_piece_fact(piece, block, opening):
        return
    if block.kind is Kind.PARAGRAPH and opening:
        _take_dateline(piece, block)
    if block.kind is Kind.NOTE_LABEL or _take_credit(pages, current, block):
        return
    if block.kind is Kind.NOTE and not block.label:
        block.label = previous.label if previous else ""
    if block.kind is Kind.SUBTITLE:
        block.kind = Kind.PARAGRAPH
    current.add(block)


def _photo_credits(bylines: list[str]) -> list[str]:
    """Who took the photos, as the bylines say (``□文/摄 孙维焄`` → ``孙维焄 摄``)."""
    credits = []
    for byline in bylines:
        for match in _PHOTO_ROLE.finditer(byline):
            names = "、".join(re.split(r"\s*[、，,]\s*", match["names"]))
            credits.append(f"图/{names}" if match["role"].startswith("图") else f"{names} 摄")
    return credits


def _finish(pages: _Pages) -> None:
    """Page-wide facts, known only once every block is placed: photo credits, subtitle, authors."""
    article, metadata = pages.article, pages.article.metadata
    credits = [c for piece in article.pieces for c in _photo_credits(piece.bylines)] + pages.page_credits
    if credits:
        metadata.photo_credit = _merge_page_credits(metadata.photo_credit, credits)
    _subtitle_from_original_title(article)
    if not metadata.authors:
        for piece in article.pieces:
            _add_new(metadata.authors, piece.authors)


def segment(lines: list[Line], metadata: Metadata, source: str) -> Article:
    """Group ``lines`` into pieces and sections of an :class:`Article`."""
    blocks = _classify(_raw_blocks(lines))
    after = _after_pictures(blocks)
    pages = _Pages(Article(source=source, metadata=metadata))
    for i, block in enumerate(blocks):
        if block.kind is Kind.KICKER:
            pages.kicker = block.label
        elif block.kind is Kind.HEADING:
            _add_heading(pages, blocks, i, after)
        else:
            _add_body(pages, block, blocks[i - 1] if i else None)
    _finish(pages)
    return pages.article


def _subtitle_from_original_title(article: Article) -> None:
    """A web copy often keeps the print subtitle only in its 原标题 line."""
    original = article.metadata.original_title
    if not article.pieces or article.pieces[0].subtitle or "——" not in original:
        return
    head, _, tail = original.partition("——")
    lead = article.pieces[0]
    if tail.strip() and head.strip() and head.strip() in lead.title:
        lead.subtitle = tail.strip()
