"""Stage 4, chrome: drop what the website added, keep its facts as metadata.

Dropped: navigation bars, image-file placeholder lines, copyright and legal
notices.  Moved into metadata: the web dateline (date, 来源, 责编), 原标题, and
end credits such as ``(策划:… 采访及撰稿:…)``.  Dropped lines become empty
lines, so line numbers stay true and an image placeholder still reads as the gap
an image leaves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..model import Dropped, Line, Metadata

_NAV_SPLIT = re.compile(r"\s*[|｜]\s*")
_SENTENCE_PUNCT = re.compile(r"[。，,；;！!？?]")
_IMAGE_LINE = re.compile(
    r"(_fororder_[0-9a-fA-F-]{8,}|^\S+\.(?:jpe?g|png|gif|webp|bmp)$|^[\[【]?(?:图片|image|img)[\]】]?$)",
    re.IGNORECASE,
)
# Same shape as segment's byline and dateline patterns, different rules (the site's, not
# the print page's): a deliberate look-alike, not a duplicate.
_WEB_DATELINE = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?\s*"
    r"(?:来源[:：]\s*(?P<pub>.+?))?\s*(?:责(?:任)?编(?:辑)?[:：]\s*(?P<editor>.+))?$"
)
_SOURCE_LINE = re.compile(r"^[(（]?来源[:：]\s*(?P<pub>[^()（）]+?)[)）]?$")
_EDITOR_LINE = re.compile(r"^[(（]?(?:责任编辑|责编|编辑)[:：]\s*(?P<editor>[^()（）]+?)[)）]?$")
_ORIGINAL_TITLE = re.compile(r"^原标题[:：]\s*(?P<title>.+)$")
_LEGAL_HEADING = re.compile(r"(?:版权|著作权).{0,16}(?:声明|所有)|免责声明|^copyright\b|©", re.IGNORECASE)
_LEGAL_WORDS = re.compile(r"本网|授权|转载|版权|法律|侵权|著作权")
_END_CREDITS = re.compile(
    r"[(（](?P<credits>(?:策划|采写|采访|撰稿|统筹|文字|摄影|编辑|记者)[^()（）]*[:：][^()（）]+)[)）]$"
)
_CREDIT_ROLE = re.compile(r"(?P<role>[^\s:：]+)[:：]\s*(?P<who>[^:：]+?)(?=\s+[^\s:：]+[:：]|$)")
_AUTHOR_ROLES = ("采访", "撰稿", "采写", "记者", "文字", "摄影", "文")
_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,5}$")
_NOT_NAMES = {"实习生", "通讯员", "记者", "本报记者"}


@dataclass(frozen=True)
class Chrome:
    """The result of the chrome stage."""

    lines: list[Line]
    metadata: Metadata
    dropped: list[Dropped]


def _is_nav_bar(text: str) -> bool:
    items = _NAV_SPLIT.split(text)
    return len(items) >= 4 and all(0 < len(item) <= 10 and not _SENTENCE_PUNCT.search(item) for item in items)


def _legal_tail_start(lines: list[Line]) -> int | None:
    """Index of a copyright-notice heading whose following lines read as legal text."""
    headings = [
        i
        for i, line in enumerate(lines)
        if line.text and len(line.text) <= 40 and _LEGAL_HEADING.search(line.text)
    ]
    if not headings:
        return None
    # Counts over the lines after each index, gathered in one backward pass so that
    # a source full of notice-like headings stays linear.
    after_text = [0] * (len(lines) + 1)
    after_legal = [0] * (len(lines) + 1)
    for i in range(len(lines) - 1, -1, -1):
        text = lines[i].text
        after_text[i] = after_text[i + 1] + (1 if text else 0)
        after_legal[i] = after_legal[i + 1] + (1 if text and _LEGAL_WORDS.search(text) else 0)
    for i in headings:
        rest, legal = after_text[i + 1], after_legal[i + 1]
        if not rest or legal * 2 >= rest:
            return i
    return None


def _end_credits(text: str) -> re.Match[str] | None:
    """``_END_CREDITS.search(text)`` in linear time.

    A match closes the line and holds no bracket between its own two, so it can only open
    at the last bracket before the final character.  Searching from every bracket, on a
    long line that never closes, backtracked over every colon: quadratic.
    """
    if not text.endswith((")", "）")):
        return None
    start = max(text.rfind(bracket, 0, len(text) - 1) for bracket in "()（）")
    return _END_CREDITS.match(text, start) if start >= 0 else None


def authors_from_credits(credits: str) -> list[str]:
    """Names of writers and photographers in an end-credits string."""
    names: list[str] = []
    for match in _CREDIT_ROLE.finditer(credits):
        if not any(role in match["role"] for role in _AUTHOR_ROLES):
            continue
        for token in match["who"].split():
            token = re.sub(r"^.*?(?:日报|晚报|报社|电视台)?(?:记者|通讯员)", "", token) or token
            if _NAME.match(token) and token not in _NOT_NAMES and token not in names:
                names.append(token)
    return names


def _web_chrome(text: str) -> tuple[str, dict[str, str]] | None:
    """What kind of website chrome ``text`` is, and the metadata it states; ``None`` for page text."""
    if _is_nav_bar(text):
        return "navigation", {}
    if _IMAGE_LINE.search(text):
        return "image placeholder", {}
    if match := _WEB_DATELINE.match(text):
        if not (match["pub"] or match["editor"]) and len(text) > 19:
            return None
        facts = {"date": match["date"], "publication": match["pub"] or "", "editor": match["editor"] or ""}
        return "web dateline", {name: value.strip() for name, value in facts.items()}
    if match := _ORIGINAL_TITLE.match(text):
        return "original title", {"original_title": match["title"].strip()}
    if match := _SOURCE_LINE.match(text):
        return "source line", {"publication": match["pub"].strip()}
    if match := _EDITOR_LINE.match(text):
        return "editor line", {"editor": match["editor"].strip()}
    return None


def _fill(meta: Metadata, facts: dict[str, str]) -> None:
    """Set the fields of ``meta`` still empty: what a sidecar or an earlier line said wins."""
    for name, value in facts.items():
        setattr(meta, name, getattr(meta, name) or value)


def _cut_end_credits(line: Line, match: re.Match[str]) -> tuple[Line, Dropped]:
    """``line`` without the end credits ``match`` found in its text, and the credits as dropped."""
    if len(line.original) == len(line.text):  # t2s kept the length: cut at the same place
        original = line.original[: match.start()]
    else:
        original_match = _end_credits(line.original)
        original = line.original[: original_match.start()] if original_match else line.original
    kept = Line(line.lineno, line.text[: match.start()].rstrip(), original.rstrip())
    return kept, Dropped(line.lineno, "end credits", match.group(0))


def strip_chrome(lines: list[Line], metadata: Metadata) -> Chrome:
    """Drop website chrome from ``lines`` and fold its facts into ``metadata``."""
    meta = replace(metadata, authors=list(metadata.authors))
    dropped: list[Dropped] = []
    kept = list(lines)

    def drop(i: int, kind: str) -> None:
        dropped.append(Dropped(kept[i].lineno, kind, kept[i].original))
        kept[i] = Line(kept[i].lineno, "", "")

    legal = _legal_tail_start(kept)
    if legal is not None:
        for i in range(legal, len(kept)):
            if kept[i].text:
                drop(i, "legal notice")

    for i, line in enumerate(kept):
        if line.text and (chrome := _web_chrome(line.text)):
            kind, facts = chrome
            _fill(meta, facts)
            drop(i, kind)

    last = max((i for i, ln in enumerate(kept) if ln.text), default=None)
    if last is not None and (match := _end_credits(kept[last].text)):
        credits = match["credits"].strip()
        meta.credits = meta.credits or credits
        for name in authors_from_credits(credits):
            if name not in meta.authors:
                meta.authors.append(name)
        kept[last], credit_line = _cut_end_credits(kept[last], match)
        dropped.append(credit_line)
    return Chrome(kept, meta, sorted(dropped, key=lambda d: d.lineno))
