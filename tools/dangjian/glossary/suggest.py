"""``dangjian terms suggest``: candidate glossary terms mined from the article corpus.

Candidates are phrases in quotation marks (“书记领办”, “1+N”) and runs of jieba
words that recur: in two or more articles, or at least twice in one article when
they hold a word general language hardly uses or a coinage (党史学习教育, 嘎查村).
Dropped: everyday words (frequent in jieba's general dictionary), generic news
vocabulary (:data:`GENERIC`), phrases that start or end on a function word, an
official action verb or a localiser (predicates, not names), pieces of longer
words (新组织 in 两新组织, 农|村党员), and phrases that mostly occur inside one
longer candidate (学习教育 in 党史学习教育).

Each candidate gets a *termhood* score that leaves out how many articles use it:
how specialised its words are (IDF from jieba's general-language table), how many
times it occurs, and the marks of a named practice — quoted, a numbered formula
(三治一创, 两不愁三保障, 1+N), followed by a category noun (“双评一考”方式,
党史学习教育模式), governed by an official verb (设立党员先锋岗).  Place names are
weighted down.  ``rank="articles"`` (the default) sorts by the number of articles,
then termhood: what recurs across the seeds comes first.  ``rank="termhood"``
sorts by termhood alone, so that the coinages of one article (九有六无, 乡贤)
can lead.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Literal

from ..pages.prose import TextLine
from .model import Glossary

Rank = Literal["articles", "termhood"]
RANKS: tuple[Rank, ...] = ("articles", "termhood")

#: A quoted name: Han characters, or a formula of digits and letters (“1+N”, not “APP”).
_QUOTED = re.compile(r"[“「\"]((?=[^”」\"]*[\u3400-\u9fff0-9])[\u3400-\u9fff0-9A-Za-z+]{2,12})[”」\"]")
_HAN_RUN = re.compile(r"[\u3400-\u9fff]+")
_HAN = re.compile(r"[\u3400-\u9fff]")
#: Numerals of numbered formulas: 三治一创, 两不愁三保障, 双评一考, 九有六无.
NUMERALS = "一二两三四五六七八九十百千双"
_ALTERNATING = re.compile(rf"(?:[{NUMERALS}][^{NUMERALS}]{{1,3}}){{2,}}")
_DIGITS = re.compile(r"[0-9]+(?:\+[0-9A-Za-z]+)+|[0-9]{3,}")
#: Official action verbs: a phrase led by one is a predicate (提升党建引领, 抓基层).
ACTION_VERBS = frozenset(
    "进行 开展 实施 推动 推进 提升 强化 指导 提供 抓 做 结合 打造 推行 构建 组建 建立 完善 加强 落实 坚持 发挥 "
    "围绕 聚焦 凝聚 带动 助力 促 解 走 抓好 健全 创新 做好 做强 做实 形成 实现 提高 增强 突出 注重 强 建强 筑牢 "
    "夯实 激发 赋能 引导 鼓励 支持 培育 培养 选派 评选 开设 设立 成立 制定 解决 办理 排查 化解 走访 入户 优化 "
    "整合 搭建 用好 按照 依托 借助 利用 确保 采取 找准".split()
)
#: Verbs that, right before a phrase, introduce it as a practice (设立党员先锋岗, 深化“三治一创”).
INTRODUCERS = tuple(
    sorted(verb for verb in ACTION_VERBS | {"深化", "创建", "探索", "实行"} if len(verb) >= 2)
)
#: Words a term never starts or ends with: function words, adverbs, quantifiers and
#: the action verbs.
EDGE_STOPWORDS = ACTION_VERBS | frozenset(
    "的 了 和 与 及 在 是 等 为 对 将 把 被 也 都 而 并 又 从 向 让 使 由 以 于 其 这 那 各 每 个 有 要 就 还 已 更 不 着 给 共 "
    "进一步 通过 积极 全面 不断 持续 切实 深入 一批 一个 多个 目前 同时 以及 我们 他们 充分 全力 着力 广大 全市 全县 "
    "全州 该市 得到 逐渐 相互".split()
)
#: Action verbs that may end a noun compound (学历提升, 业务创新) though they never lead one.
LEAD_ONLY = frozenset("提升 创新 优化".split())
#: Particles that may stand beside a whole phrase every time it occurs (两新组织|等).
PARTICLES = frozenset("的 了 和 与 及 等 或".split())
#: Words a term never ends with: localisers and time words.
END_STOPWORDS = frozenset("中 内 外 上 下 里 来 以来 后 前 时 起 间 期间 方面 工作".split())
#: Nouns that name a kind of practice: a phrase right before one is its name (“1+N”模式).
CATEGORY_NOUNS = tuple(
    "机制 模式 制度 体系 工程 活动 行动 计划 标准 原则 方式 平台 系统 事项 工作法 理念 品牌 方案 成果".split()
)
#: Generic news vocabulary: set phrases of official prose and compounds of everyday words
#: that recur in any report (干事创业, 服务群众), never the name of a practice.
GENERIC = frozenset(
    "因地制宜 充分发挥 全覆盖 高质量 多措并举 同频共振 凝心聚力 干事创业 同向发力 结合实际 深入群众 骨干力量 "
    "业务素质 工作实绩 幸福生活 热点难点问题 充分调动 获得感 幸福感 归属感 荣誉感 微信 广大党员 "
    "服务群众 产业发展 重点任务 干部队伍 服务项目 产业项目 为民服务 各级党组织 市委组织部 精准化 "
    "质效 治理新格局 全方位振兴 村集体增收 群众幸福感 新时代 新征程 奋进新征程 坚强组织保证 组织保证 "
    "疫情防控 社会治理 领导干部 机关事业单位 广大党员干部 教育培训 初心 筑牢 "
    "干部群众 人居环境 基础设施 产业升级 融合发展 工作机制 工作格局 系列活动 公众号 今年以来 告诉记者".split()
)
#: jieba's part-of-speech tags of place and person names.
NAME_TAGS = frozenset({"ns", "nr", "nrt", "nrfg"})
#: Tags of single words that are never a term alone: numerals, measure words, pronouns,
#: adverbs, prepositions, conjunctions, particles, localisers, time words (余户, 难点).
FUNCTION_TAGS = frozenset({"m", "q", "r", "d", "p", "c", "u", "f", "t"})
#: A dictionary word at least this frequent in jieba's general dictionary is everyday
#: language (幸福感, 共建 228), not a coinage (领办 13, 夜校 58).
EVERYDAY_FREQUENCY = 60
#: A single dictionary word of three or more characters rarer than this may be a term
#: when it recurs (党总支); one of two characters must be rarer than EVERYDAY_FREQUENCY.
RARE_FREQUENCY = 200
#: A phrase of one article must hold a word rarer than this (乡贤 4, 党史 59) or a coinage.
LOCAL_FREQUENCY = 100
#: A phrase is dropped when a longer candidate holding it accounts for this share of it.
ABSORBED_SHARE = 0.75
MAX_WORDS = 6
MAX_CHARS = 10
#: Characters of context looked at on each side of an occurrence.
SIDE_CHARS = 4
#: Weight of the IDF of a phrase's other words beside its rarest one.
TAIL_WEIGHT = 0.2
#: Termhood gained per natural log of the number of occurrences.
COUNT_WEIGHT = 0.5
#: Weights of the marks: quoted (three characters or more), numbered formula, quoted
#: and numbered otherwise (“三个必纳”, “五大振兴”), named by a category noun,
#: introduced by an action verb, a place or person name.  Chosen on the five seeds
#: among a few round values, for the coverage list of tests/test_suggest.py in the
#: termhood order and the glossary's recurring terms in the articles order.
QUOTED_WEIGHT = 1.3
FORMULA_WEIGHT = 3.0
NUMBERED_WEIGHT = 2.0
NAMED_WEIGHT = 1.5
INTRODUCED_WEIGHT = 1.6
PLACE_WEIGHT = 0.3


@dataclass(frozen=True)
class Lexicon:
    """jieba's general-language statistics the corpus is compared against (a private tokenizer)."""

    tokenizer: Any
    freq: Mapping[str, int]
    idf: Mapping[str, float]
    median: float
    tags: Mapping[str, str]

    def words(self, text: str, hmm: bool = False) -> tuple[str, ...]:
        return tuple(self.tokenizer.cut(text, HMM=hmm))


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
    aligned: int = 0  # occurrences that are whole runs of jieba words
    named: bool = False
    introduced: bool = False
    termhood: float = 0.0

    @property
    def articles(self) -> int:
        return len(self.per_article)

    @property
    def count(self) -> int:
        return sum(self.per_article.values())


def load_lexicon() -> Lexicon:
    """A private jieba tokenizer with its word frequencies, IDF table and part-of-speech tags.

    The IDF table and the tags are read from jieba's own files: importing
    ``jieba.analyse`` would build its global default extractors and POS tokenizer too.
    """
    import jieba

    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    idf, median = _read_idf(Path(jieba.__file__).with_name("analyse") / "idf.txt")
    with tokenizer.get_dict_file() as dictionary:
        tags = _read_tags(dictionary)
    return Lexicon(tokenizer, tokenizer.FREQ, idf, median, tags)


def _read_idf(path: Path) -> tuple[dict[str, float], float]:
    """jieba's IDF table (``word idf`` lines) and its median, as ``jieba.analyse`` reads it."""
    idf = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        word, value = line.strip().split(" ")
        idf[word] = float(value)
    return idf, sorted(idf.values())[len(idf) // 2]


def _read_tags(dictionary: IO[bytes]) -> dict[str, str]:
    """The part-of-speech tag of each word of a jieba dictionary (``word freq tag`` lines)."""
    tags = {}
    for raw in dictionary:
        parts = raw.decode("utf-8").split()
        if len(parts) >= 3:
            tags[parts[0]] = parts[2]
    return tags


def is_formula(text: str) -> bool:
    """A numbered formula: numerals alternating with short words (三治一创, 两不愁三保障), or 1+N."""
    return bool(_ALTERNATING.fullmatch(text) or _DIGITS.fullmatch(text))


def _numbered(text: str) -> bool:
    return any(char in NUMERALS or char.isdigit() for char in text)


def _phrases(words: list[str], dictionary: Mapping[str, int]) -> Iterable[tuple[str, tuple[str, ...], bool]]:
    """Phrases of one to :data:`MAX_WORDS` words of one Han run, and whether each is free.

    A phrase is *free* when neither edge forms a dictionary word with its neighbour.
    """
    for i in range(len(words)):
        for j in range(i + 1, min(i + MAX_WORDS, len(words)) + 1):
            text = "".join(words[i:j])
            if len(text) < 2 or len(text) > MAX_CHARS or "的" in text:
                continue
            last = words[j - 1]
            if words[i] in EDGE_STOPWORDS or last in END_STOPWORDS or (last in EDGE_STOPWORDS - LEAD_ONLY):
                continue
            glued = (i > 0 and dictionary.get(words[i - 1][-1] + words[i][0], 0) > 0) or (
                j < len(words) and dictionary.get(last[-1] + words[j][0], 0) > 0
            )
            yield text, tuple(words[i:j]), not glued


def _line_phrases(
    line: TextLine, lexicon: Lexicon
) -> tuple[list[tuple[str, tuple[str, ...], bool]], set[str]]:
    """The phrases of one line (quoted ones included) and the set of its quoted phrases."""
    phrases = [
        p for run in _HAN_RUN.findall(line.text) for p in _phrases(list(lexicon.words(run)), lexicon.freq)
    ]
    quoted = set(_QUOTED.findall(line.text))
    seen = {text for text, _words, _free in phrases}
    phrases += [(text, lexicon.words(text), True) for text in sorted(quoted - seen)]
    return phrases, quoted


def _texts(corpus: dict[str, list[TextLine]]) -> dict[str, str]:
    """Each article's prose as one string, a line break between lines."""
    return {article: "\n".join(line.text for line in lines) for article, lines in corpus.items()}


def _mine(corpus: dict[str, list[TextLine]], lexicon: Lexicon) -> dict[str, Candidate]:
    """Every phrase of the corpus: where it occurs, whether it is ever quoted or free, its first line.

    Phrases of three or more characters are counted in the text, not in jieba's words,
    so a form jieba splits differently elsewhere (大党委 / 大党委制, 网格化|管理系统)
    still counts there; two characters recur across word boundaries by chance (比|率达).
    """
    found: dict[str, Candidate] = {}
    for lines in corpus.values():
        for line in lines:
            phrases, quoted = _line_phrases(line, lexicon)
            for text, words, free in phrases:
                cand = found.setdefault(text, Candidate(text, words, context=line))
                cand.per_article[line.article] = cand.per_article.get(line.article, 0) + 1
                cand.quoted = cand.quoted or text in quoted
                cand.free = cand.free or free
    texts = _texts(corpus)
    for cand in found.values():
        cand.aligned = cand.count
        if len(cand.text) >= 3:
            cand.per_article = {article: n for article, text in texts.items() if (n := text.count(cand.text))}
    return found


def _coinages(corpus: dict[str, list[TextLine]], lexicon: Lexicon) -> frozenset[str]:
    """Words of two or more characters jieba's HMM finds in the text but its dictionary lacks.

    A phrase is a coinage when the HMM, cutting it alone, finds a new word inside one of
    these (包联; 嘎查 inside 个嘎查), not one that straddles words in the text (比|率达).
    """
    return frozenset(
        word
        for lines in corpus.values()
        for line in lines
        for run in _HAN_RUN.findall(line.text)
        for word in lexicon.words(run, hmm=True)
        if len(word) >= 2 and word not in lexicon.freq
    )


def _novel(text: str, coinages: frozenset[str], lexicon: Lexicon) -> bool:
    return any(
        len(word) >= 2 and word not in lexicon.freq and any(word in coined for coined in coinages)
        for word in lexicon.words(text, hmm=True)
    )


def _sides(text: str, texts: dict[str, str]) -> list[tuple[str, str]]:
    """The :data:`SIDE_CHARS` characters before and after each occurrence of ``text``."""
    sides = []
    for whole in texts.values():
        at = whole.find(text)
        while at >= 0:
            end = at + len(text)
            sides.append((whole[max(0, at - SIDE_CHARS) : at], whole[end : end + SIDE_CHARS]))
            at = whole.find(text, at + 1)
    return sides


def _fragment(text: str, sides: list[tuple[str, str]], dictionary: Mapping[str, int]) -> bool:
    """A piece of longer words, not a unit of its own.

    Bound: every occurrence has the same character on one side (新组织 in 两新组织,
    基层党组织战斗|堡垒), unless a particle (两新组织|等).  Glued: in most occurrences
    an edge character forms a dictionary word with its neighbour (农|村党员, 组织|力量).
    """
    lefts = {before[-1:] for before, _after in sides}
    rights = {after[:1] for _before, after in sides}
    for chars in (lefts, rights):
        char = next(iter(chars)) if len(chars) == 1 else ""
        if _HAN.fullmatch(char) and char not in PARTICLES:
            return True
    glued = sum(
        dictionary.get(before[-1:] + text[0], 0) > 0 or dictionary.get(text[-1] + after[:1], 0) > 0
        for before, after in sides
    )
    return 2 * glued > len(sides)


def _often(marks: Iterable[bool]) -> bool:
    """Whether two occurrences, or a third of them, carry a mark: once in many is chance."""
    flags = list(marks)
    marked = sum(flags)
    return marked >= 2 or (marked == 1 and 3 * marked >= len(flags))


def _named(sides: list[tuple[str, str]]) -> bool:
    """Whether a category noun often follows it (“1+N”模式, 学历提升工程): a name, not a topic."""
    return _often(after.lstrip('”」"').startswith(CATEGORY_NOUNS) for _before, after in sides)


def _introduced(sides: list[tuple[str, str]]) -> bool:
    """Whether an action verb right before it often introduces it (设立党员先锋岗, 深化“三治一创”)."""
    return _often(before.rstrip('“「"').endswith(INTRODUCERS) for before, _after in sides)


def _everyday(cand: Candidate, lexicon: Lexicon) -> bool:
    """A common word of the general language, only quoted for emphasis (“幸福感”)."""
    return len(cand.words) == 1 and lexicon.freq.get(cand.text, 0) >= EVERYDAY_FREQUENCY


def _rare(cand: Candidate, lexicon: Lexicon) -> bool:
    """A single dictionary word that general language hardly uses (党总支, 联建), not a name."""
    limit = EVERYDAY_FREQUENCY if len(cand.text) == 2 else RARE_FREQUENCY
    return (
        len(cand.words) == 1
        and lexicon.freq.get(cand.text, 0) < limit
        and lexicon.tags.get(cand.text, "") not in NAME_TAGS | FUNCTION_TAGS
    )


def _local(cand: Candidate, lexicon: Lexicon, coinages: frozenset[str]) -> bool:
    """A phrase of one article that recurs and holds a rare word (乡贤, 党史) or a coinage (嘎查, 包联)."""
    if cand.count < 2:
        return False
    rare = any(lexicon.freq.get(w, 0) < LOCAL_FREQUENCY for w in cand.words if len(w) >= 2)
    return rare or _novel(cand.text, coinages, lexicon)


def _admitted(cand: Candidate, lexicon: Lexicon, coinages: frozenset[str]) -> bool:
    """Whether a mined phrase is a candidate term at all (before the fragment test)."""
    if cand.text in GENERIC:
        return False
    if cand.quoted:
        return not _everyday(cand, lexicon)
    shaped = len(cand.words) > 1 or _rare(cand, lexicon)
    whole = 2 * cand.aligned >= cand.count  # mostly whole jieba words, not pieces of others
    return cand.free and shaped and whole and (cand.articles >= 2 or _local(cand, lexicon, coinages))


def _closed(candidates: dict[str, Candidate]) -> dict[str, Candidate]:
    """Drop phrases that mostly occur inside one longer candidate, in the same articles.

    学习教育 goes for 党史学习教育 (11 of its 13 occurrences); 党建引领 (five articles)
    stays beside 党建引领基层治理 (two), and 乡贤 (12 occurrences) beside 在外乡贤 (4).
    """
    keep = {}
    texts = sorted(candidates, key=len, reverse=True)
    for text in texts:
        cand = candidates[text]
        absorbed = any(
            text in longer
            and set(candidates[longer].per_article) >= set(cand.per_article)
            and candidates[longer].count >= ABSORBED_SHARE * cand.count
            for longer in texts
            if len(longer) > len(text)
        )
        if not absorbed or cand.quoted:
            keep[text] = cand
    return keep


def _specialisation(cand: Candidate, lexicon: Lexicon) -> float:
    """IDF of the rarest word, plus a share of the others' (a word the table lacks counts as the median).

    A numbered formula is a coinage whatever its words (三级组织体系), so at least the median.
    """
    words = lexicon.words(cand.text, hmm=True)
    weights = sorted((lexicon.idf.get(w, lexicon.median) for w in words if _HAN.search(w)), reverse=True)
    score = weights[0] + TAIL_WEIGHT * sum(weights[1:]) if weights else lexicon.median
    if is_formula(cand.text) or (cand.quoted and _numbered(cand.text)):
        score = max(score, lexicon.median)
    return score


def termhood(cand: Candidate, lexicon: Lexicon) -> float:
    """How much a candidate looks like the name of a practice; the number of articles is left out."""
    score = _specialisation(cand, lexicon) * (1 + COUNT_WEIGHT * math.log(cand.count))
    if cand.quoted and len(cand.text) >= 3:
        score *= QUOTED_WEIGHT
    if is_formula(cand.text):
        score *= FORMULA_WEIGHT
    elif cand.quoted and _numbered(cand.text):
        score *= NUMBERED_WEIGHT
    if cand.named:
        score *= NAMED_WEIGHT
    if cand.introduced:
        score *= INTRODUCED_WEIGHT
    if any(len(w) >= 2 and lexicon.tags.get(w, "") in NAME_TAGS for w in cand.words):
        score *= PLACE_WEIGHT
    return score


def known_forms(glossary: Glossary | None) -> set[str]:
    """Every term and alias of the glossary, without quotation marks."""
    if glossary is None:
        return set()
    return {form.strip("“”") for entry in glossary.entries for form in (entry.term, *entry.aliases)}


def _candidates(corpus: dict[str, list[TextLine]], lexicon: Lexicon) -> list[Candidate]:
    """Every candidate, its marks and termhood filled in (in no particular order)."""
    found = _mine(corpus, lexicon)
    coinages = _coinages(corpus, lexicon)
    texts = _texts(corpus)
    admitted = {}
    for text, cand in found.items():
        if not _admitted(cand, lexicon, coinages):
            continue
        sides = _sides(text, texts)
        if cand.quoted or not _fragment(text, sides, lexicon.freq):
            cand.named, cand.introduced = _named(sides), _introduced(sides)
            admitted[text] = cand
    kept = list(_closed(admitted).values())
    for cand in kept:
        cand.novel = _novel(cand.text, coinages, lexicon)
        cand.termhood = termhood(cand, lexicon)
    return kept


def suggest(
    corpus: dict[str, list[TextLine]],
    glossary: Glossary | None = None,
    limit: int = 100,
    rank: Rank = "articles",
    lexicon: Lexicon | None = None,
) -> list[Candidate]:
    """The ``limit`` best candidates (all when 0), best first: by articles then termhood, or termhood."""
    if rank not in RANKS:
        raise ValueError(f"rank must be one of {', '.join(RANKS)}, not {rank!r}")
    kept = _candidates(corpus, lexicon or load_lexicon())
    known = known_forms(glossary)
    for cand in kept:
        cand.known = cand.text in known
    spread = rank == "articles"
    ranked = sorted(kept, key=lambda c: (-c.articles if spread else 0, -c.termhood, -c.articles, c.text))
    return ranked[:limit] if limit else ranked
