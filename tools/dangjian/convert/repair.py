"""Stage 6, repair: undo what newspaper layout did to the text, recording every change.

- A paragraph that stops mid-sentence continues in the next paragraph of the same
  section, even when photo captions were laid out in between (the captions then
  follow the joined paragraph).  Headings end a section, so nothing is ever glued
  across one; a paragraph left unfinished at a section end is marked ``cut_off``
  (the page says so to readers), not guessed.
- A broken line that ends with a stray copy of a heading standing a few lines away
  loses the copy before it is joined.
- A heading the layout printed below its own paragraphs (it stands empty, straight
  above the next heading) is placed above them, when they are the run after the
  last photo of the section before and name what the heading names.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace

from ..model import Article, Block, Kind, Repair, Section
from .segment import sentence_end

_ASCII_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")


def join_parts(parts: list[str]) -> str:
    """Join the pieces of a broken paragraph in one pass (a space only between two Latin words).

    Looking at one character either side of each break keeps a paragraph broken
    into thousands of layout lines linear to join.
    """
    out = parts[:1]
    for part in parts[1:]:
        if out[-1][-1:] in _ASCII_WORD_CHARS and part[:1] in _ASCII_WORD_CHARS and out[-1] and part:
            out.append(" ")
        out.append(part)
    return "".join(out)


#: How far (in source lines) a heading may stand from a broken line that ends with a copy of it.
STRAY_WINDOW = 6
#: Shortest heading whose copy is looked for (a two-character copy could be a real word).
STRAY_MIN = 4
#: Characters of a heading that a lifted paragraph must repeat, in one run.
SHARED_RUN = 4


@dataclass(frozen=True)
class _Heading:
    lineno: int
    text: str
    original: str


def _headings(article: Article) -> list[_Heading]:
    """Every heading of the page (piece titles and section titles), in line order."""
    found = [_Heading(p.lineno, p.title, p.title_original) for p in article.pieces]
    found += [_Heading(s.lineno, s.title, s.title_original) for s in article.sections if s.title]
    return sorted(found, key=lambda h: h.lineno)


def _drop_stray_heading(block: Block, headings: list[_Heading], repairs: list[Repair]) -> None:
    """Cut a copy of a nearby heading off the end of a broken line (the layout repeated it)."""
    if sentence_end(block.text):
        return
    lines = [h.lineno for h in headings]
    start = bisect.bisect_left(lines, block.lineno - STRAY_WINDOW)
    end = bisect.bisect_right(lines, block.lineno + STRAY_WINDOW)
    for heading in headings[start:end]:
        copy = heading.text
        if len(copy) >= STRAY_MIN and block.text.endswith(copy) and block.text != copy:
            block.text = block.text[: -len(copy)].rstrip()
            if heading.original and block.original.endswith(heading.original):
                block.original = block.original[: -len(heading.original)].rstrip()
            detail = f"dropped a copy of the heading at line {heading.lineno} from the line's end: {copy}"
            repairs.append(Repair(block.lineno, "stray heading", detail))
            return


def _shares_run(heading: str, blocks: list[Block]) -> bool:
    """Whether some block repeats ``SHARED_RUN`` characters of ``heading`` in a row."""
    text = heading.replace(" ", "")
    runs = {text[i : i + SHARED_RUN] for i in range(len(text) - SHARED_RUN + 1)}
    return any(run in block.text for block in blocks for run in runs)


def _lift_heading(before: Section, empty: Section, repairs: list[Repair]) -> None:
    """Give ``empty`` the paragraphs after the last photo of ``before``, if they are its text."""
    pictures = [i for i, b in enumerate(before.blocks) if b.kind in (Kind.CAPTION, Kind.CREDIT)]
    if not pictures or pictures[-1] == 0:
        return
    moved = before.blocks[pictures[-1] + 1 :]
    if not moved or any(b.kind is not Kind.PARAGRAPH for b in moved) or not _shares_run(empty.title, moved):
        return
    before.blocks = before.blocks[: pictures[-1] + 1]
    empty.blocks = moved
    detail = f"placed above lines {moved[0].lineno}–{moved[-1].lineno}, which the layout printed above it"
    repairs.append(Repair(empty.lineno, "heading moved", detail))


def _lift_headings(article: Article) -> None:
    """Each empty section straight above another heading takes back its text, where found."""
    sections = article.sections
    for k in range(1, len(sections) - 1):
        before, empty, after = sections[k - 1], sections[k], sections[k + 1]
        if empty.title and not empty.blocks and after.title and before.piece == empty.piece:
            _lift_heading(before, empty, article.repairs)


def _repair_section(section: Section, repairs: list[Repair], headings: list[_Heading]) -> None:
    for block in section.blocks:
        if block.kind is Kind.PARAGRAPH:
            _drop_stray_heading(block, headings, repairs)
    blocks = section.blocks
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        i += 1
        if block.kind is not Kind.PARAGRAPH:
            out.append(block)
            continue
        held: list[Block] = []
        texts, originals = [block.text], [block.original]
        # Whether the joined text ends a sentence is decided by its last part that is not only
        # closing marks; kept as parts are added (looking back each time was quadratic).
        ended = sentence_end(block.text)
        while not ended:
            j = i
            while j < len(blocks) and blocks[j].kind in (Kind.CAPTION, Kind.CREDIT):
                j += 1
            if j >= len(blocks) or blocks[j].kind is not Kind.PARAGRAPH:
                repairs.append(Repair(block.lineno, "unfinished", "paragraph ends mid-sentence"))
                block.cut_off = True
                break
            nxt = blocks[j]
            held += blocks[i:j]
            repairs.append(Repair(block.lineno, "joined", f"continued at line {nxt.lineno}"))
            texts.append(nxt.text)
            originals.append(nxt.original)
            ended = ended if (end := sentence_end(nxt.text)) is None else end
            block.continued_from.append(nxt.lineno)
            i = j + 1
        if len(texts) > 1:
            block.text = join_parts(texts)
            block.original = join_parts(originals)
        out.append(block)
        out += held
    section.blocks = out


def repair(article: Article) -> Article:
    """Return a copy of ``article`` with layout-broken paragraphs joined, stray heading copies
    dropped and headings printed below their text placed above it."""
    # Copy just what repairing changes (sections' block lists, blocks, the repair log):
    # a deep copy of the whole article was a tenth of the conversion time.
    sections = [
        replace(s, blocks=[replace(b, continued_from=list(b.continued_from)) for b in s.blocks])
        for s in article.sections
    ]
    article = replace(article, sections=sections, repairs=list(article.repairs))
    _lift_headings(article)
    headings = _headings(article)
    for section in article.sections:
        _repair_section(section, article.repairs, headings)
        if section.title and not section.blocks:
            article.repairs.append(
                Repair(
                    section.lineno,
                    "empty section",
                    "heading followed by another heading; layout may have moved it",
                )
            )
    article.repairs.sort(key=lambda r: r.lineno)
    return article
