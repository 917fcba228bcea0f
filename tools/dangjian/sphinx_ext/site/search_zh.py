"""Chinese search indexing with rjieba (jieba's Rust port): the same dictionary, ~25x faster.

Sphinx's own ``zh`` search language segments every text node with Python jieba in the
main process, even in parallel builds: at 1,000 articles that alone took longer than the
whole build budget.  This subclass keeps Sphinx's behaviour (jieba's ``cut_for_search``
tokens, Latin words stemmed as English) and its JavaScript side, but segments with a
private ``rjieba.Jieba`` holding the glossary's words (no global jieba state).
"""

from __future__ import annotations

import re
from pathlib import Path

import rjieba
import snowballstemmer
from sphinx.application import Sphinx
from sphinx.search import SearchLanguage
from sphinx.search.zh import SearchChinese

#: Words of Han characters only: the English stemmer returns them unchanged.
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")


class SearchChineseFast(SearchChinese):
    """``zh`` search: rjieba segmentation, the glossary (``options["dict"]``) as whole words."""

    def __init__(self, options: dict[str, str]) -> None:
        SearchLanguage.__init__(self, options)  # not SearchChinese's: it loads Python jieba
        self.latin_terms: set[str] = set()
        self.stemmer = snowballstemmer.stemmer("english")
        self.segmenter = rjieba.Jieba()
        dict_path = options.get("dict", "")
        if dict_path and Path(dict_path).is_file():
            for word in Path(dict_path).read_text(encoding="utf-8").split():
                self.segmenter.add_word(word, None, None)

    def stem(self, word: str) -> str:
        """Han words as they are; everything else as Sphinx stems it.

        The English stemmer leaves a word without Latin letters unchanged, but runs its
        whole algorithm to find that out: for every Chinese token, a third of the build.
        """
        if _HAN.fullmatch(word):
            return word
        return super().stem(word)

    def split(self, input: str) -> list[str]:  # noqa: A002  (Sphinx's signature)
        chinese = self.segmenter.cut_for_search(input, True)
        latin1 = [term.strip() for term in self.latin1_letters.findall(input)]
        self.latin_terms.update(latin1)
        return [*chinese, *latin1]


def setup_search_zh(app: Sphinx) -> None:
    app.add_search_language(SearchChineseFast)
