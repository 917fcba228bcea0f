"""Key figures: the numbers an article reports, each with its unit and its clause.

Only what the text says: a number followed by a unit or measure word (31个, 52.9亿斤,
42.1%, 1100余名, 13万多名, 近3000名, 3至5个, 三十余名, 百分之四十).  Years, dates and
ordinals (第1项, 第一), phone numbers and numbers inside names (1+N, 五位一体, 双百工程,
百名红星师资库) are not figures.

The grammar, and why each rule is there:

- Arabic numbers: ``1200``, ``42.1``, ``1,200``.  A ``,`` is a thousands separator only
  between digits with exactly three digits after it; anywhere else it is the comma these
  sources type for ``，`` (``24个村,1400多个`` is two figures).
- A scale 万/亿 after the number, and one approximation: 余/多 after the number or the
  scale (``30余万元``, ``13万多名``), 近 before it (``近3000名``; not 附近/最近), 上 before a
  bare 百/千/万 (``上千名``).  Trailing 以上/左右 are recorded in ``approx`` only.
- Ranges ``3至5个``, ``3到5个``, ``3-5个``, ``三到五个``: the lower end must be below the upper.
- Chinese numerals (``两千多人``, ``一万五千``, ``三点五亿``, the colloquial ``一千五``) only
  where they count: they must reach ten (``一张网``, ``五个指头``, ``两委`` are names and
  idioms), and a bare 十/百/千/万 needs an approximation (``千余次``, ``近万枚``) because
  without one it names something (``十户一组``, ``百名红星``, ``走千企访万户``).  Runs
  that are not one numeral (``十三五``, ``七八十``, ``二〇二一``) and vague counts
  (``数十``, ``几百``, ``十几``) are refused.
- An Arabic number with 万/亿 needs no measure word (``18万党员`` → 18 | 万), unless a digit
  follows (``1万5千人`` is not 1 | 万).

How a figure is split into ``value`` and ``unit`` (``value + unit`` is the text as written,
``百分之四十`` → ``百分之四十`` | ``%`` excepted): a 万/亿 standing right before the measure
word belongs to the unit (``52.9`` | ``亿斤``, ``30余`` | ``万元``), as the old table and
newspaper tables (单位：万元) have it; a 万/亿 followed by 余/多 stays with the number,
because the marker qualifies ``13万``: ``13万多`` | ``名``, never ``13多`` | ``万名``.
``amount`` is the number with every scale applied, counted in the measure word
(``52.9亿斤`` → 5.29e9 斤, ``13万多名`` → 130000).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

#: Units and measure words, longest first.
UNITS = sorted(
    """个 名 人 户 件次 件 项 次 家 所 支 座 条 位 批 期 场 场次 堂 部 套 处 间 张 份 篇 本 课时 学时 人次
    元 斤 吨 亩 公里 千米 米 平方米 延长米 公顷 % ％ ‰ 个百分点 倍 天 小时 分钟 个月 台 起 枚 列 辆 种
    类 兆瓦 千瓦 千克 公斤 支队伍 个村 个社区 个党组织 个党支部""".split(),
    key=len,
    reverse=True,
)
#: A unit's last character and the next one forming another word: 3部门 is not 3 部.
_NOT_A_UNIT = frozenset(
    "期间 部门 名单 项目 家庭 家乡 条件 次日 所有 场所 处理 处置 支持 座谈 台账 户籍 种植 位置 起来 列入".split()
)
_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = (("亿", 10**8), ("万", 10**4))
_CN_ALL = "".join(_CN_DIGITS) + "".join(_CN_SMALL) + "万亿"
_SCALE = {"万": 1e4, "亿": 1e8}
_DECIMAL = re.compile(r"(.+?)点([零〇一二三四五六七八九]+)([万亿]?)")

_UNIT = "|".join(map(re.escape, UNITS))
_SEP = r"(?:至|到|[-－~～—–])"
_START = r"(?<![\d.第+\-/:A-Za-z])(?!(?<=\d,)\d{3}(?!\d))"
_PRE = r"(?:(?<![附最就靠邻亲贴临逼挨])(?P<pre>近)|(?P<up>上)(?=[百千万]))?"
_TAIL = r"(?:(?P<m1>[余多])(?P<s1>[万亿])?|(?P<s2>[万亿])(?P<m2>[余多])?)?"
_ARABIC = r"\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?"
_CHINESE = rf"[{_CN_ALL}]+?(?:点[零〇一二三四五六七八九]+)?"
_ARABIC_FIGURE = re.compile(
    rf"{_START}{_PRE}(?P<num>{_ARABIC})(?:(?P<s0>[万亿])?{_SEP}(?P<num2>{_ARABIC}))?{_TAIL}"
    rf"(?:(?P<unit>{_UNIT})|(?<=[万亿])(?!\d)|(?<=[万亿][余多]))"
)
_CHINESE_FIGURE = re.compile(
    rf"{_START}{_PRE}(?<![{_CN_ALL}数几点])(?P<num>{_CHINESE})(?:{_SEP}(?P<num2>{_CHINESE}))?{_TAIL}"
    rf"(?P<unit>{_UNIT})"
)
_CHINESE_PERCENT = re.compile(rf"百分之(?P<num>[{_CN_ALL}]+(?:点[零〇一二三四五六七八九]+)?)(?![{_CN_ALL}])")
_PHONE = re.compile(r"0\d+|1\d{10}")
_CLAUSE_BREAK = re.compile(r"[，。；;：:！!？?\n]|(?<!\d),|,(?!\d{3}(?!\d))")


# Same shape as pages.prose (patterns, then a frozen record), other data: a deliberate look-alike.
@dataclass(frozen=True)
class Figure:
    """``value`` + ``unit`` at ``text[start:end]``, inside the clause ``clause``.

    ``amount`` is the number with 万/亿 applied (the lower end of a range, whose upper
    end is ``upper``); ``approx`` is the approximation the text gives (余 多 近 上 以上
    左右), or ``""`` for an exact figure.
    """

    value: str
    unit: str
    start: int
    end: int
    clause: str
    amount: float = 0.0
    upper: float | None = None
    approx: str = ""


def _section(text: str, start: bool) -> int | None:
    """A numeral below 万 (一千零五, 三十, 一千五), or None if ``text`` is not one."""
    total, digit, last, zero = 0, None, 10**4, False
    for i, char in enumerate(text):
        if char in "零〇":
            if digit is not None or zero or total == 0:
                return None
            zero = True
        elif char in _CN_DIGITS:
            if digit is not None:
                return None  # 三四, 七八: two digits in a row are a guess, not a number
            digit = _CN_DIGITS[char]
        else:
            magnitude = _CN_SMALL.get(char)
            if magnitude is None or (digit is None and not (i == 0 and start)):
                return None
            skipped = magnitude * 10 != last and last != 10**4
            if magnitude >= last or (zero and magnitude * 10 >= last) or (skipped and not zero):
                return None
            total, last, digit, zero = (
                total + (1 if digit is None else digit) * magnitude,
                magnitude,
                None,
                False,
            )
    if zero and digit is None:
        return None
    if digit is None:
        return total
    colloquial = not zero and last not in (10, 10**4)  # 一千五 is 1500
    return total + (digit * last // 10 if colloquial else digit)


def _integer(text: str, bigs: tuple[tuple[str, int], ...], start: bool) -> int | None:
    """A whole numeral, split at 亿 then 万; a bare 万 or 千 only leads the numeral."""
    if not bigs:
        return _section(text, start) if text else None
    (char, factor), rest = bigs[0], bigs[1:]
    if char not in text:
        return _integer(text, rest, start)
    head, _, tail = text.partition(char)
    high = _integer(head, rest, start) if head else (1 if start else None)
    if not tail:
        low: int | None = 0
    elif len(tail) == 1 and tail in _CN_DIGITS and tail not in "零〇":
        low = _CN_DIGITS[tail] * factor // 10  # 三万五 is 35000
    elif tail[0] in "零〇":
        low = _integer(tail[1:], rest, False) if tail[1:] else None
        low = low if low is not None and low < factor // 10 else None
    else:
        low = _integer(tail, rest, False)
        low = low if low is not None and low >= factor // 10 else None  # 一万五百 lacks its 零
    return None if high is None or low is None else high * factor + low


def chinese_number(text: str) -> float | None:
    """The value of a Chinese numeral (两千 → 2000, 三点五亿 → 3.5e8), or None if it is not one.

    Written here rather than taken from cn2an: the grammar needs only counts, and a
    numeral that is not well formed (十三五, 五一) must be refused, not guessed.
    """
    if text in ("零", "〇"):
        return 0.0
    decimal = _DECIMAL.fullmatch(text)
    if decimal:
        whole, digits, scale = decimal.groups()
        base = 0 if whole in ("零", "〇") else _integer(whole, _CN_BIG, True)
        if base is None or any(d not in _CN_DIGITS for d in digits):
            return None
        fraction = float("0." + "".join(str(_CN_DIGITS[d]) for d in digits))
        return (base + fraction) * _SCALE.get(scale, 1)
    if not text or any(c not in _CN_ALL for c in text):
        return None
    value = _integer(text, _CN_BIG, True)
    return None if value is None else float(value)


def _clause(text: str, start: int, end: int) -> str:
    left = max((m.end() for m in _CLAUSE_BREAK.finditer(text, 0, start)), default=0)
    right = _CLAUSE_BREAK.search(text, end)
    return text[left : right.start() if right else len(text)].strip()


def _approx(match: re.Match[str], text: str) -> str:
    marker = match["pre"] or match["up"] or match["m1"] or match["m2"]
    after = text[match.end() : match.end() + 2]
    return marker or (after if after in ("以上", "左右") else "")


def _split(match: re.Match[str], text: str, chinese: bool) -> tuple[str, str]:
    """``value`` and ``unit``: a 万/亿 right before the measure word joins the unit (see the module doc)."""
    scale = match["s1"] or (match["s2"] if not match["m2"] else None)
    inside = chinese and any(c in "万亿" for c in match["num"])  # 三亿五千万: the 万 is the numeral's
    moved = scale if scale and not inside else ""
    unit_start = match.start("unit") if match["unit"] else match.end()
    return text[match.start() : unit_start - len(moved)], moved + (match["unit"] or "")


def _figure(
    match: re.Match[str], text: str, amount: float, upper: float | None, chinese: bool
) -> Figure | None:
    """The figure ``match`` found, or None where its unit is part of a word (3部门)."""
    if match["unit"] and text[match.end() - 1 : match.end() + 1] in _NOT_A_UNIT:
        return None
    if upper is not None and not upper > amount:
        return None
    value, unit = _split(match, text, chinese)
    clause = _clause(text, match.start(), match.end())
    return Figure(value, unit, match.start(), match.end(), clause, amount, upper, _approx(match, text))


def _arabic(match: re.Match[str], text: str) -> Figure | None:
    """An Arabic figure, unless it is a phone number or an 上 stands before it (加上20名)."""
    number, second = match["num"], match["num2"]
    if match["up"] or _PHONE.fullmatch(number) or (second and _PHONE.fullmatch(second)):
        return None
    scale = _SCALE.get(match["s1"] or match["s2"] or "", 1)
    amount = float(number.replace(",", "")) * (_SCALE[match["s0"]] if match["s0"] else scale)
    upper = float(second.replace(",", "")) * scale if second else None
    return _figure(match, text, amount, upper, chinese=False)


def _chinese(match: re.Match[str], text: str) -> Figure | None:
    """A Chinese figure: a well-formed numeral that counts (reaches ten; a bare 十/百/千/万 is qualified)."""
    number, second = match["num"], match["num2"]
    scale = match["s1"] or match["s2"] or ""
    amount = chinese_number(number + scale)
    upper = chinese_number(second + scale) if second else None
    if amount is None or (second and upper is None):
        return None
    if match["up"] and number not in ("百", "千", "万"):
        return None
    qualified = bool(match["pre"] or match["up"] or match["m1"] or match["m2"])
    has_digit = any(c in _CN_DIGITS for c in number)
    reaches_ten = any(c in "十百千万亿" for c in number + scale)
    if not second and not (reaches_ten and (has_digit or qualified)):
        return None
    return _figure(match, text, amount, upper, chinese=True)


def _scan(
    pattern: re.Pattern[str], text: str, build: Callable[[re.Match[str], str], Figure | None]
) -> list[Figure]:
    """Every figure ``pattern`` finds.

    A refused match is retried one character later (加上20名 → 20名), except a refused
    range: 5至3名 is a slip, and its 3名 is not what the text reports.
    """
    out, pos = [], 0
    while match := pattern.search(text, pos):
        figure = build(match, text)
        if figure is not None:
            out.append(figure)
        ranged = match.groupdict().get("num2")
        pos = match.end() if figure is not None or ranged else match.start() + 1
    return out


def _percent(match: re.Match[str], text: str) -> Figure | None:
    """百分之四十 → 40 %; 百分之百 is an idiom (wholehearted), not a figure."""
    amount = chinese_number(match["num"])
    if amount is None or not any(c in _CN_DIGITS for c in match["num"]):
        return None
    clause = _clause(text, match.start(), match.end())
    return Figure(match.group(), "%", match.start(), match.end(), clause, amount)


def find_figures(text: str) -> list[Figure]:
    """Every reported number with a unit in ``text``, in order (the grammar is in the module doc)."""
    found = sorted(
        _scan(_ARABIC_FIGURE, text, _arabic)
        + _scan(_CHINESE_FIGURE, text, _chinese)
        + _scan(_CHINESE_PERCENT, text, _percent),
        key=lambda f: (f.start, -f.end),
    )
    out: list[Figure] = []
    for figure in found:
        if not out or figure.start >= out[-1].end:
            out.append(figure)
    return out
