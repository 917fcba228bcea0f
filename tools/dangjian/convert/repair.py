"""Stage 6, repair: join paragraphs that newspaper layout broke apart.

A paragraph that stops mid-sentence continues in the next paragraph of the same
section, even when photo captions were laid out in between (the captions then
follow the joined paragraph).  Headings end a section, so nothing is ever glued
across one; a paragraph left unfinished at a section end is recorded, not guessed.
"""

from __future__ import annotations

from dataclasses import replace

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


def _repair_section(section: Section, repairs: list[Repair]) -> None:
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
    """Return a copy of ``article`` with layout-broken paragraphs joined."""
    # Copy just what repairing changes (sections' block lists, blocks, the repair log):
    # a deep copy of the whole article was a tenth of the conversion time.
    sections = [
        replace(s, blocks=[replace(b, continued_from=list(b.continued_from)) for b in s.blocks])
        for s in article.sections
    ]
    article = replace(article, sections=sections, repairs=list(article.repairs))
    for section in article.sections:
        _repair_section(section, article.repairs)
        if section.title and not section.blocks:
            article.repairs.append(
                Repair(
                    section.lineno,
                    "empty section",
                    "heading followed by another heading; layout may have moved it",
                )
            )
    return article
