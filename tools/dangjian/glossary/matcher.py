"""Find glossary terms in running text: every term, alias and traditional form.

Longest form wins at each position (网格党支部 over 网格), leftmost first, never
overlapping.  Traditional text is matched through its simplified view when OpenCC
keeps its length, so variant characters still match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..convert.script import to_simplified
from .model import Glossary


@dataclass(frozen=True)
class Match:
    """``text[start:end]`` mentions ``term``."""

    start: int
    end: int
    term: str


class TermMatcher:
    """Matches the surface forms of a glossary; built once per glossary."""

    def __init__(self, forms: dict[str, str]) -> None:
        self.forms = dict(forms)
        ordered = sorted(self.forms, key=lambda f: (-len(f), f))
        self._pattern = re.compile("|".join(map(re.escape, ordered))) if ordered else None

    @classmethod
    def from_glossary(cls, glossary: Glossary) -> TermMatcher:
        forms: dict[str, str] = {}
        for entry in glossary.entries:
            for form in (entry.traditional, *entry.aliases, entry.term):
                if len(form) >= 2:
                    forms[form] = entry.term
        return cls(forms)

    def find(self, text: str, *, traditional: bool = False) -> list[Match]:
        """All mentions in ``text``; ``traditional`` matches through the simplified view."""
        if self._pattern is None:
            return []
        view = text
        if traditional:
            simplified = to_simplified(text)
            if len(simplified) == len(text):
                view = simplified
        return [Match(m.start(), m.end(), self.forms[m.group()]) for m in self._pattern.finditer(view)]
