"""Date expressions that head a clause (2016年8月，…; 2017年以来，…; 去年11月…) and their reading.

Written here rather than taken from jionlp: its time parser reads these forms too, but it
is a 16.5 MB wheel pulling numpy, requests and a segmenter (115 MB downloaded, 271 MB
installed, 0.2–0.6 s to import, and it prints a banner on import), while the corpus needs
three readings: an absolute 年/月/日, 今年/去年/前年 against a known publication date, and
"not resolvable" for the rest (近日, 日前), which jionlp refuses or turns into a guessed span.
A date that does not head its clause (较2016年翻一番, 2021年度…典型经验) is not an event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUM = r"(?:\d{1,2})"
#: A date expression; one of the named groups says which form it is.
DATE = re.compile(
    rf"(?:(?P<year>(?:19|20)\d\d)年(?!度|代)(?:(?P<month>{_NUM})月(?:(?P<day>{_NUM})日)?)?"
    rf"|(?P<decade>上世纪[1-9]0年代)"
    rf"|(?P<rel>今年|去年|前年)(?:(?P<rmonth>{_NUM})月(?:(?P<rday>{_NUM})日)?)?"
    rf"|(?P<vague>近日|日前))"
    rf"(?P<tail>以来|年初|年底|年末|初|底|一季度)?"
)
#: What may stand between a clause break and the date it opens (自2018年以来，在2021年…).
_LEAD = re.compile(r"(?:自|从|在|于|截至)?$")
_BREAK = "，,。；;：:！!？?\n“”"
_STOP = re.compile(r"[。；;！!？?]")
_OFFSET = {"今年": 0, "去年": 1, "前年": 2}


@dataclass(frozen=True)
class DateMention:
    """A date heading a clause: as stated, its reading ("" if none), and the clause after it."""

    stated: str
    resolved: str
    clause: str
    start: int


def _heads_clause(text: str, start: int) -> bool:
    """Whether the date at ``start`` opens its clause (only 自/从/在/于/截至 may stand before it)."""
    left = max((text.rfind(c, 0, start) for c in _BREAK), default=-1) + 1
    return bool(_LEAD.fullmatch(text[left:start]))


def resolve(match: re.Match[str], base: str) -> str:
    """ISO-like reading of one date: absolute as written, relative only against ``base`` (YYYY…)."""
    if match["year"]:
        parts = [match["year"], match["month"], match["day"]]
    elif match["decade"]:
        return ""  # a decade has no year to stand on; ordered by ``decade_year``
    elif match["rel"] and base[:4].isdigit():
        parts = [str(int(base[:4]) - _OFFSET[match["rel"]]), match["rmonth"], match["rday"]]
    else:
        return ""
    out = parts[0]
    for part in parts[1:]:
        if not part:
            break
        out += f"-{int(part):02d}"
    return out


def decade_year(stated: str) -> int | None:
    """上世纪70年代 → 1970: where a decade sorts on a timeline."""
    found = re.search(r"上世纪([1-9])0年代", stated)
    return 1900 + int(found.group(1)) * 10 if found else None


def _clause(text: str, start: int, end: int) -> str:
    """From the date to the end of its sentence (or the next date opening a clause)."""
    stop = _STOP.search(text, end)
    right = stop.start() if stop else len(text)
    for later in DATE.finditer(text, end, right):
        if _heads_clause(text, later.start()):
            right = later.start()
            break
    return text[start:right].rstrip("，,、 ")


def date_mentions(text: str, base: str = "") -> list[DateMention]:
    """Every date in ``text`` that heads a clause, read against ``base`` (the publication date)."""
    out = []
    for match in DATE.finditer(text):
        if not _heads_clause(text, match.start()):
            continue
        clause = _clause(text, match.start(), match.end())
        if len(clause) <= len(match.group()) + 1:
            continue  # a date and nothing it dates
        out.append(DateMention(match.group(), resolve(match, base), clause, match.start()))
    return out
