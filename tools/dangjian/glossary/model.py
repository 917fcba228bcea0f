"""The typed glossary: one :class:`Entry` per term, as written in ``terms.yaml``."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from . import pinyin as py
from .citations import Claim, claims

#: Categories and how the site names them.
CATEGORIES: dict[str, str] = {
    "organisation": "组织形式",
    "mechanism": "工作机制",
    "campaign": "活动与品牌",
    "slogan": "口号与提法",
    "policy": "政策与部署",
}


#: How a sense is numbered on the site: ①, ②, … ⑳.
CIRCLED = "".join(chr(0x2460 + i) for i in range(20))


@dataclass(frozen=True)
class Sense:
    """One of two or more meanings of a term, each from its own articles."""

    definition: str
    sources: tuple[str, ...]
    line: int = 0
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)
    #: The definition as written, with its ``{para}`` citations, and the line of each citation.
    cited: str = ""
    cite_lines: tuple[int, ...] = ()

    def line_of(self, name: str) -> int:
        """The line ``name`` (definition, sources) is written on; the sense's own line if absent."""
        return self.lines.get(name, self.line)

    @property
    def claims(self) -> tuple[Claim, ...]:
        """The definition cut at its citations (see :func:`.citations.claims`)."""
        return claims(self.cited or self.definition, self.cite_lines)


@dataclass(frozen=True)
class Background:
    """Context from outside the corpus: a short text and the public document it comes from."""

    text: str
    source: str
    url: str = ""
    line: int = 0


def sense_label(index: int) -> str:
    """The mark of the ``index``-th sense (0-based): ① ② …, then (21) (22) …"""
    return CIRCLED[index] if index < len(CIRCLED) else f"({index + 1})"


@dataclass(frozen=True)
class Entry:
    """One glossary entry.  ``lines`` maps each field to the line it is written on.

    ``definition`` and ``sources`` say what the cited articles say (``definition`` as readers see
    it; ``cited`` as written, each sentence ending with the ``{para}`` paragraphs it rests on); ``senses`` (optional)
    split a term the articles use with different meanings; ``background`` (optional) is
    marked context from a named public document, never mixed into the definition.
    """

    term: str
    traditional: str
    pinyin: str
    english: str
    category: str
    definition: str
    sources: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    senses: tuple[Sense, ...] = ()
    background: Background | None = None
    line: int = 0
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)
    #: The definition as written, with its ``{para}`` citations, and the line of each citation.
    cited: str = ""
    cite_lines: tuple[int, ...] = ()

    @property
    def claims(self) -> tuple[Claim, ...]:
        """The definition cut at its citations (see :func:`.citations.claims`)."""
        return claims(self.cited or self.definition, self.cite_lines)

    @property
    def anchor(self) -> str:
        return py.anchor(self.pinyin)

    @property
    def letter(self) -> str:
        return py.initial(self.pinyin)

    @cached_property
    def sort_key(self) -> tuple[str, str, str]:
        """Pinyin order (computed once: pages sort terms by it thousands of times)."""
        return py.sort_key(self.pinyin, self.term)

    def line_of(self, name: str) -> int:
        return self.lines.get(name, self.line)


@dataclass(frozen=True)
class Glossary:
    """All entries of one glossary file, in pinyin order."""

    path: str
    entries: tuple[Entry, ...]

    def get(self, term: str) -> Entry | None:
        for entry in self.entries:
            if entry.term == term:
                return entry
        return None

    def terms(self) -> set[str]:
        return {entry.term for entry in self.entries}
