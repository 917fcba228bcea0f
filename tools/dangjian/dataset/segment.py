"""Chinese words for the full-text index: jieba with the glossary's forms as whole words.

SQLite's FTS5 tokenizers split Chinese text into single characters or not at all, so the
paragraphs are segmented here (words separated by spaces) before they are indexed, and a
query is folded to simplified script and segmented the same way.  The glossary's terms,
aliases and traditional forms are dictionary words, as in the site's search dictionary, so
网格党支部 is one token; a glossary form jieba still splits is added as a token of its own.
"""

from __future__ import annotations

import re

import rjieba

from ..convert.script import to_simplified
from ..glossary.matcher import TermMatcher
from ..glossary.model import Glossary
from ..glossary.words import dictionary_words

#: A token worth indexing: it holds a letter or a digit (punctuation and spaces are dropped).
_TOKEN = re.compile(r"\w")


class Segmenter:
    """A private jieba (rjieba) knowing the glossary; no global jieba state is touched."""

    def __init__(self, glossary: Glossary) -> None:
        self._jieba = rjieba.Jieba()
        for form in dictionary_words(glossary):
            self._jieba.add_word(form, None, None)
        self._matcher = TermMatcher.from_glossary(glossary)

    def index_words(self, text: str) -> str:
        """``text`` as space-separated tokens for the index: every word and its sub-words, then
        each glossary form the text holds (found as the site's auto-linking finds them)."""
        words = [w for w in self._jieba.cut_for_search(text, False) if _TOKEN.search(w)]
        forms = [text[m.start : m.end] for m in self._matcher.find(text)]
        return " ".join([*words, *(f for f in forms if f not in words)])

    def query_words(self, query: str) -> list[str]:
        """The words of a query, in simplified script (書記領辦 → 书记领办)."""
        simplified = to_simplified(query)
        return [w for w in self._jieba.cut(simplified, False) if _TOKEN.search(w)]


def match_expression(words: list[str]) -> str:
    """An FTS5 MATCH expression requiring every word (each quoted: no operator is read in it)."""
    return " ".join('"' + word.replace('"', '""') + '"' for word in words)
