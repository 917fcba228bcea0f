"""``dangjian terms suggest``: candidate glossary terms mined from the article corpus.

Candidates are phrases in quotation marks (“书记领办”) and compounds of two to
six jieba words that recur.  Dropped: single everyday words, phrases that start
or end on a function word or localiser, phrases glued to the next or previous
character in every occurrence (凝心聚|力), and phrases never seen outside one
longer candidate.  Candidates are ranked by the number of articles they occur
in; within that, by how specialised their words are (summed IDF from jieba's
general-language table), weighted up for phrases that are quoted or set off by
an enumeration comma or bracket (两新组织、…), as named practices are.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .corpus import TextLine
from .model import Glossary

_QUOTED = re.compile(r"[“「\"]([\u3400-\u9fff]{2,12})[”」\"]")
_HAN_RUN = re.compile(r"[\u3400-\u9fff]+")
#: Marks that set off a listed or named phrase.
SET_OFF = frozenset("、“”「」《》()（）")
#: Words a term never starts or ends with.
EDGE_STOPWORDS = frozenset(
    "的 了 和 与 及 在 是 等 为 对 将 把 被 也 都 而 并 又 从 向 让 使 由 以 于 其 这 那 各 每 个 有 要 就 还 已 更 不 着 给 共 "
    "进一步 通过 积极 进行 开展 实施 推动 推进 全面 不断 持续 切实 深入 一批 一个 多个 目前 同时 以及 我们 他们".split()
)
#: Words a term never ends with: localisers and time words.
END_STOPWORDS = frozenset("中 内 外 上 下 里 来 以来 后 前 时 起 间 期间 方面 工作".split())
#: A dictionary word at least this frequent in jieba's general dictionary is everyday
#: language (幸福感, 全覆盖), not a coinage (领办 13, 两委 50).
EVERYDAY_FREQUENCY = 60
MAX_WORDS = 6
MAX_CHARS = 10
#: Weight of a phrase quoted somewhere (three characters or more), and of one set off by a mark.
QUOTED_WEIGHT = 1.5
SET_OFF_WEIGHT = 1.5


@dataclass
class Candidate:
    """A mined phrase: its words, where and how often it occurs, and how it is marked."""

    text: str
    words: tuple[str, ...] = ()
    per_article: dict[str, int] = field(default_factory=dict)
    quoted: bool = False
    set_off: bool = False
    free: bool = False
    context: TextLine | None = None
    known: bool = False

    @property
    def articles(self) -> int:
        return len(self.per_article)

    @property
    def count(self) -> int:
        return sum(self.per_article.values())


@dataclass(frozen=True)
class _Occurrence:
    text: str
    words: tuple[str, ...]
    set_off: bool
    free: bool


def _occurrences(words: list[str], left: bool, right: bool, dictionary: dict[str, int]) -> list[_Occurrence]:
    """Phrases of one to :data:`MAX_WORDS` words in one Han run.

    ``left`` / ``right`` say the run is set off by a mark on that side.  A phrase is
    *free* when neither edge forms a dictionary word with its neighbour.
    """
    out = []
    for i in range(len(words)):
        for j in range(i + 1, min(i + MAX_WORDS, len(words)) + 1):
            text = "".join(words[i:j])
            if len(text) < 2 or len(text) > MAX_CHARS or "的" in text:
                continue
            if words[i] in EDGE_STOPWORDS or words[j - 1] in EDGE_STOPWORDS or words[j - 1] in END_STOPWORDS:
                continue
            glued = (i > 0 and dictionary.get(words[i - 1][-1] + words[i][0], 0) > 0) or (
                j < len(words) and dictionary.get(words[j - 1][-1] + words[j][0], 0) > 0
            )
            marked = (i == 0 and left) or (j == len(words) and right)
            out.append(_Occurrence(text, tuple(words[i:j]), marked, not glued))
    return out


def _everyday(cand: Candidate, dictionary: dict[str, int]) -> bool:
    """A common word of the general language, only quoted for emphasis (“幸福感”)."""
    return len(cand.words) == 1 and dictionary.get(cand.text, 0) >= EVERYDAY_FREQUENCY


def _closed(candidates: dict[str, Candidate]) -> dict[str, Candidate]:
    """Drop phrases that never occur outside one longer candidate (same counts everywhere)."""
    keep = {}
    texts = sorted(candidates, key=len, reverse=True)
    for text in texts:
        cand = candidates[text]
        absorbed = any(
            text in longer and candidates[longer].per_article == cand.per_article
            for longer in texts
            if len(longer) > len(text)
        )
        if not absorbed or cand.quoted:
            keep[text] = cand
    return keep


def _score(cand: Candidate, idf: dict[str, float], median: float) -> float:
    score = sum(idf.get(word, median) for word in cand.words)
    if cand.quoted and len(cand.text) >= 3:
        score *= QUOTED_WEIGHT
    if cand.set_off:
        score *= SET_OFF_WEIGHT
    return score


def suggest(corpus: dict[str, list[TextLine]], glossary: Glossary | None = None, limit: int = 100) -> list[Candidate]:
    """The ``limit`` best candidates (all when 0), best first."""
    import jieba
    from jieba.analyse.tfidf import DEFAULT_IDF, IDFLoader

    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    dictionary: dict[str, int] = tokenizer.FREQ
    idf, median = IDFLoader(DEFAULT_IDF).get_idf()
    found: dict[str, Candidate] = {}
    for lines in corpus.values():
        for line in lines:
            occurrences: list[_Occurrence] = []
            for run in _HAN_RUN.finditer(line.text):
                left = run.start() > 0 and line.text[run.start() - 1] in SET_OFF
                right = run.end() < len(line.text) and line.text[run.end()] in SET_OFF
                occurrences += _occurrences(list(tokenizer.cut(run.group(), HMM=False)), left, right, dictionary)
            quoted = set(_QUOTED.findall(line.text))
            seen = {o.text for o in occurrences}
            occurrences += [
                _Occurrence(text, tuple(tokenizer.cut(text, HMM=False)), True, True) for text in sorted(quoted - seen)
            ]
            for occ in occurrences:
                cand = found.setdefault(occ.text, Candidate(occ.text, occ.words, context=line))
                cand.per_article[line.article] = cand.per_article.get(line.article, 0) + 1
                cand.quoted = cand.quoted or occ.text in quoted
                cand.set_off = cand.set_off or occ.set_off
                cand.free = cand.free or occ.free
    recurring = {
        text: cand
        for text, cand in found.items()
        if (cand.quoted and not _everyday(cand, dictionary))
        or (cand.articles >= 2 and len(cand.words) > 1 and cand.free)
    }
    ranked = sorted(_closed(recurring).values(), key=lambda c: (-c.articles, -_score(c, idf, median), c.text))
    known: set[str] = set()
    if glossary is not None:
        for entry in glossary.entries:
            known.update(form.strip("“”") for form in (entry.term, *entry.aliases))
    for cand in ranked:
        cand.known = cand.text in known
    return ranked[:limit] if limit else ranked
