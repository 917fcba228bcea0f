"""Stage 6, repair: join paragraphs that newspaper layout broke apart.

A paragraph that stops mid-sentence continues in the next paragraph of the same
section, even when photo captions were laid out in between (the captions then
follow the joined paragraph).  Headings end a section, so nothing is ever glued
across one; a paragraph left unfinished at a section end is recorded, not guessed.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import Article, Block, Kind, Repair, Section
from .segment import ends_sentence

_ASCII_WORD_END = re.compile(r"[A-Za-z0-9]$")
_ASCII_WORD_START = re.compile(r"^[A-Za-z0-9]")


def join_text(left: str, right: str) -> str:
    """Join two halves of a broken paragraph (a space only between two Latin words)."""
    if _ASCII_WORD_END.search(left) and _ASCII_WORD_START.search(right):
        return f"{left} {right}"
    return left + right


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
        while not ends_sentence(block.text):
            j = i
            while j < len(blocks) and blocks[j].kind in (Kind.CAPTION, Kind.CREDIT):
                j += 1
            if j >= len(blocks) or blocks[j].kind is not Kind.PARAGRAPH:
                repairs.append(Repair(block.lineno, "unfinished", "paragraph ends mid-sentence"))
                break
            nxt = blocks[j]
            held += blocks[i:j]
            repairs.append(Repair(block.lineno, "joined", f"continued at line {nxt.lineno}"))
            block.text = join_text(block.text, nxt.text)
            block.original = join_text(block.original, nxt.original)
            block.continued_from.append(nxt.lineno)
            i = j + 1
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
