"""Key figures: the numbers an article reports, each with its unit and its clause.

Only what the text says: a number followed by a unit or measure word
(31 个, 52.9 亿斤, 42.1 %, 1100余 名).  Years, dates and ordinals (第1项) are not figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Units and measure words, longest first.
UNITS = sorted(
    """个 名 人 户 件次 件 项 次 家 所 支 座 条 位 批 期 场 场次 堂 部 套 处 间 张 份 篇 本 课时 学时 人次 余人次
    万元 亿元 元 万人 亿斤 万斤 斤 吨 万吨 亩 万亩 公里 千米 米 平方米 公顷 % 个百分点 倍 天 小时 分钟
    万户 万名 万人次 万件 万个 万余名 支队伍 个村 个社区 个党组织 个党支部""".split(),
    key=len,
    reverse=True,
)
_NUMBER = r"(?<![\d.,第])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(万|亿)?(余|多)?"
_FIGURE = re.compile(_NUMBER + "(" + "|".join(map(re.escape, UNITS)) + ")")
_CLAUSE_BREAK = re.compile(r"[，,。；;：:！!？?\n]")


# Same shape as pages.prose (patterns, then a frozen record), other data: a deliberate look-alike.
@dataclass(frozen=True)
class Figure:
    """``value`` + ``unit`` at ``text[start:end]``, inside the clause ``clause``."""

    value: str
    unit: str
    start: int
    end: int
    clause: str


def _clause(text: str, start: int, end: int) -> str:
    left = max((m.end() for m in _CLAUSE_BREAK.finditer(text, 0, start)), default=0)
    right = _CLAUSE_BREAK.search(text, end)
    return text[left : right.start() if right else len(text)].strip()


def find_figures(text: str) -> list[Figure]:
    """Every reported number with a unit in ``text``, in order."""
    out = []
    for match in _FIGURE.finditer(text):
        number, scale, approx, unit = match.groups()
        value = number + (approx or "")
        unit = (scale or "") + unit
        out.append(Figure(value, unit, match.start(), match.end(), _clause(text, match.start(), match.end())))
    return out
