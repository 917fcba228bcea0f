"""``dangjian terms suggest``: candidate glossary terms mined from the article corpus.

Candidates are phrases in quotation marks (“书记领办”) and runs of jieba words
that recur in two or more articles.  Dropped: everyday words (frequent in jieba's
general dictionary), phrases that start or end on a function word, an official
action verb or a localiser (predicates, not names), phrases glued to the next
or previous character in every occurrence (凝心聚|力), and phrases found only
in the articles of a longer candidate that contains them (办实事 in 我为群众办实事).

Candidates are ranked by the number of articles they occur in; within that, by
how specialised their words are (summed IDF from jieba's general-language
table, a long dictionary word weighing like the two-character words it spans),
weighted up when the phrase is quoted somewhere or holds a word jieba's HMM
finds but its dictionary lacks (两新, 楼栋: a coinage).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..pages.prose import TextLine
from .model import Glossary

_QUOTED = re.compile(r"[“「\"]([\u3400-\u9fff]{2,12})[”」\"]")
_HAN_RUN = re.compile(r"[\u3400-\u9fff]+")
#: Words a term never starts or ends with: function words, and the action verbs of
#: official prose (a phrase led by one is a predicate: 提升党建引领, 抓基层).
EDGE_STOPWORDS = frozenset(
    "的 了 和 与 及 在 是 等 为 对 将 把 被 也 都 而 并 又 从 向 让 使 由 以 于 其 这 那 各 每 个 有 要 就 还 已 更 不 着 给 共 "
    "进一步 通过 积极 进行 开展 实施 推动 推进 全面 不断 持续 切实 深入 一批 一个 多个 目前 同时 以及 我们 他们 "
    "提升 强化 指导 提供 抓 做 充分 结合 打造 推行 构建 组建 建立 完善 加强 落实 坚持 发挥 围绕 聚焦 凝聚 带动 "
    "助力 促 解 走 抓好 健全 创新 做好 做强 做实 形成 实现 提高 增强 突出 注重 强 建强 筑牢 夯实 激发 赋能 引导 "
    "鼓励 支持 培育 培养 选派 评选 开设 设立 成立 制定 解决 办理 排查 化解 走访 入户 优化 整合 搭建 用好 按照 "
    "依托 借助 利用 确保 全力 着力".split()
)
#: Words a term never ends with: localisers and time words.
END_STOPWORDS = frozenset("中 内 外 上 下 里 来 以来 后 前 时 起 间 期间 方面 工作".split())
#: A dictionary word at least this frequent in jieba's general dictionary is everyday
#: language (幸福感, 全覆盖), not a coinage (领办 13, 两委 50).
EVERYDAY_FREQUENCY = 60
#: A single dictionary word of three or more characters rarer than this may be a term.
RARE_FREQUENCY = 200
MAX_WORDS = 6
MAX_CHARS = 10
#: Weights of a phrase quoted somewhere (three characters or more) and of a coinage.
QUOTED_WEIGHT = 1.5
NOVEL_WEIGHT = 1.5


@dataclass
class Candidate:
    """A mined phrase: its words, where and how often it occurs, and how it is marked."""

    text: str
    words: tuple[str, ...] = ()
    per_article: dict[str, int] = field(default_factory=dict)
    quoted: bool = False
    free: bool = False
    novel: bool = False
    context: TextLine | None = None
    known: bool = False

    @property
    def articles(self) -> int:
        return len(self.per_article)

    @property
    def count(self) -> int:
        return sum(self.per_article.values())


def _phrases(words: list[str], dictionary: dict[str, int]) -> Iterable[tuple[str, tuple[str, ...], bool]]:
    """Phrases of one to :data:`MAX_WORDS` words of one Han run, and whether each is free.

    A phrase is *free* when neither edge forms a dictionary word with its neighbour.
    """
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
            yield text, tuple(words[i:j]), not glued


def _everyday(cand: Candidate, dictionary: dict[str, int]) -> bool:
    """A common word of the general language, only quoted for emphasis (“幸福感”)."""
    return len(cand.words) == 1 and dictionary.get(cand.text, 0) >= EVERYDAY_FREQUENCY


def _rare(cand: Candidate, dictionary: dict[str, int]) -> bool:
    """A single dictionary word that general language hardly uses (党总支, 创先争优)."""
    return len(cand.words) == 1 and len(cand.text) >= 3 and dictionary.get(cand.text, 0) < RARE_FREQUENCY


def _closed(candidates: dict[str, Candidate]) -> dict[str, Candidate]:
    """Drop phrases found only in the articles of one longer candidate that contains them.

    办实事 goes for 我为群众办实事 (the same three articles); 党建引领 (five articles)
    stays beside 党建引领基层治理 (two).
    """
    keep = {}
    texts = sorted(candidates, key=len, reverse=True)
    for text in texts:
        cand = candidates[text]
        absorbed = any(
            text in longer and set(candidates[longer].per_article) >= set(cand.per_article)
            for longer in texts
            if len(longer) > len(text)
        )
        if not absorbed or cand.quoted:
            keep[text] = cand
    return keep


def _score(cand: Candidate, idf: dict[str, float], median: float) -> float:
    score = sum(idf.get(word, median) * max(1.0, len(word) / 2) for word in cand.words)
    if cand.quoted and len(cand.text) >= 3:
        score *= QUOTED_WEIGHT
    if cand.novel:
        score *= NOVEL_WEIGHT
    return score


def suggest(
    corpus: dict[str, list[TextLine]], glossary: Glossary | None = None, limit: int = 100
) -> list[Candidate]:
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
            phrases = [
                p
                for run in _HAN_RUN.findall(line.text)
                for p in _phrases(list(tokenizer.cut(run, HMM=False)), dictionary)
            ]
            quoted = set(_QUOTED.findall(line.text))
            seen = {text for text, _words, _free in phrases}
            phrases += [(text, tuple(tokenizer.cut(text, HMM=False)), True) for text in sorted(quoted - seen)]
            for text, words, free in phrases:
                cand = found.setdefault(text, Candidate(text, words, context=line))
                cand.per_article[line.article] = cand.per_article.get(line.article, 0) + 1
                cand.quoted = cand.quoted or text in quoted
                cand.free = cand.free or free
    recurring = {
        text: cand
        for text, cand in found.items()
        if (cand.quoted and not _everyday(cand, dictionary))
        or (cand.articles >= 2 and cand.free and (len(cand.words) > 1 or _rare(cand, dictionary)))
    }
    kept = _closed(recurring)
    for cand in kept.values():
        cand.novel = any(len(w) >= 2 and w not in dictionary for w in tokenizer.cut(cand.text, HMM=True))
    ranked = sorted(kept.values(), key=lambda c: (-c.articles, -_score(c, idf, median), c.text))
    known: set[str] = set()
    if glossary is not None:
        for entry in glossary.entries:
            known.update(form.strip("“”") for form in (entry.term, *entry.aliases))
    for cand in ranked:
        cand.known = cand.text in known
    return ranked[:limit] if limit else ranked
