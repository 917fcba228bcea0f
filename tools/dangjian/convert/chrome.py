"""Stage 4, chrome: drop what the website added, keep its facts as metadata.

Dropped: navigation (bars, breadcrumbs, ``返回顶部``/``上一篇：…``/``【字号 大 中 小】``
lines and a closing list of related links), image-file placeholder lines,
copyright and legal notices, disclaimers (``免责声明：…``) and follow-us blurbs
(``扫描二维码关注``).  Moved into metadata: the web dateline (date, 来源, 责编),
editor lines (the names only, without tracking codes such as ``SN098``), 原标题,
and end credits such as ``(策划:… 采访及撰稿:…)``.

Chrome is recognised only as a whole line matching a strict pattern, or at the end
of the text (a notice, a related-links list, the credits closing the last line);
never inside a sentence.  Every kept line keeps its source line number.  An image
placeholder becomes an empty line, so it still reads as the gap an image leaves;
any other dropped line is taken out, and the blank lines on its two sides count
once (two paragraph breaks summed would read as an image's gap).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from types import MappingProxyType

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

# --- editor lines: ``责任编辑：张三 (SN098)``, ``责编：李四 审核：王五``, ``【责任编辑:孙七】``
_BRACKET_PAIRS = MappingProxyType({"(": ")", "（": "）", "【": "】", "[": "]"})
_EDITOR_ROLES = tuple("责任编辑 网络编辑 值班编辑 本文编辑 新媒体编辑 责编 编辑".split())
#: Other desk roles that share an editor line; their names are not the article's editor.
_REVIEW_ROLES = tuple("责任校对 审核 审校 校对 终审 初审 复审 一审 二审 三审 监制 签发".split())
_ROLE_LABEL = re.compile(r"(" + "|".join(_EDITOR_ROLES + _REVIEW_ROLES) + r")\s*[:：]\s*")
#: A site's tracking code after an editor's name: ``(SN098)``, ``DF142``, ``张三SN098``, ``(012)``.
_TRACKING_CODE = re.compile(
    r"[(（]\s*[A-Za-z]{0,4}\d{0,6}\s*[)）]|(?<![A-Za-z0-9])[A-Za-z]{1,4}\d{2,6}(?![A-Za-z0-9])"
    r"|(?<![A-Za-z0-9])\d{3,6}(?![A-Za-z0-9])"
)
_TRAINEE = re.compile(r"见习编辑|见习记者|实习编辑|实习生|见习")
_NAME_EDGES = re.compile(r"^[\s、，,/；;]+|[\s、，,/；;]+$")
_NOT_A_NAME = re.compile(r"[()（）【】\[\]。！？!?:：\"“”]")
_MAX_EDITOR_CREDIT = 30
_TRAILING_EDITOR = re.compile(
    r"[(（【\[](?P<credit>(?:责任编辑|责编)\s*[:：][^()（）【】\[\]]{1,40})[)）】\]]$"
)

# --- disclaimers
_DISCLAIMER_ALONE = re.compile(r"^[【\[]?(?:免责声明|特别声明)[】\]]?\s*[:：]?$")
_STATEMENT = r"(?:免责声明|特别声明|郑重声明|版权声明|声明)"
_DISCLAIMER_LABEL = re.compile(rf"^(?:[【\[]{_STATEMENT}[】\]]|{_STATEMENT}\s*[:：])")
_DISCLAIMER_WORDS = re.compile(
    r"转载|转自|版权|观点|立场|侵权|删除|原作者|仅供参考|不代表|著作权|传递更多信息"
)
_DISCLAIMER_SENTENCE = re.compile(
    r"^(?:(?:本网站?|本站|本平台|本公众号|本号|本文|文章)[^。！？]{0,40}?(?:不代表|仅代表|并不代表)"
    r"[^。！？]{0,20}?(?:观点|立场)"
    r"|(?:本文|文章|内容|图文|部分图片)?(?:转自|转载自|来源于)(?:网络|互联网)"
    r"|如有侵权|如涉及版权|若有侵权|转载请注明|未经(?:本网|本站)?(?:书面)?授权[，,]?(?:禁止|严禁|不得)转载)"
)
_MAX_DISCLAIMER = 300

# --- follow-us blurbs: whole lines, each pattern anchored at both ends
_CHANNEL = r"(?:微信公众号|公众号|微信|微博|抖音|快手|视频号|头条号|客户端|二维码|小程序|APP|App)"
_POINTER = r"[▲△▼↓👇☞→>＞\s]*"
_FOLLOW_US = tuple(
    re.compile(_POINTER + pattern + r"[。！!～~]?$")
    for pattern in (
        r"关注我们(?:[\s:：，,!！。]*[^。，,；;]{0,20}?" + _CHANNEL + r"[^。，,；;]{0,30})?",
        r"(?:请|欢迎|敬请)?(?:扫描|扫一扫|长按识别|长按|识别)(?:下方|上方|文末|图中|左侧|右侧|下图)?的?二维码"
        r"(?:[，,\s]*(?:即可)?(?:关注|加关注|订阅|下载)[^。，,；;]{0,30})?",
        r"(?:请|欢迎)?(?:扫码|扫一扫)[，,\s]*(?:即可)?(?:关注|订阅|下载)[^。，,；;]{0,30}",
        r"(?:欢迎|敬请|请)(?:大家)?关注[^。，,；;]{0,30}?" + _CHANNEL + r"[^。，,；;]{0,20}",
        r"更多(?:精彩|资讯|内容|新闻|信息|详情)(?:内容|资讯)?[，,\s]*(?:请|敬请|欢迎)?"
        r"(?:关注|下载|访问|登录|搜索|点击)[^。]{0,40}",
        r"点击(?:下方|上方|文末|左下角|底部|下面)?[“\"「『]?(?:阅读原文|蓝字|关注)[”\"」』]?[^。，,]{0,20}",
        r"(?:微信公众号|官方微信|公众号|官方微博|新浪微博|微博|抖音号|视频号|头条号)\s*[:：]\s*[^\s。，,；;]{1,30}",
    )
)

# --- navigation that looks like a heading
_BREADCRUMB_LABEL = re.compile(
    r"^(?:当前位置|您的位置|你的位置|您现在的位置|您当前的位置|所在位置)\s*[:：]\s*"
)
_CRUMB_SPLIT = re.compile(r"\s*[>＞»›→]+\s*|\s+[/／]\s+")
_HOME = ("首页", "网站首页", "主页")
_MAX_CRUMB = 12
_PREV_NEXT_WORD = r"(?:上一篇|下一篇|上一条|下一条|上篇|下篇)"
_PREV_NEXT = re.compile(
    rf"^(?:[【\[]{_PREV_NEXT_WORD}[】\]].{{0,60}}|{_PREV_NEXT_WORD}(?:\s*[:：]|\s).{{0,60}}|{_PREV_NEXT_WORD})$"
)
_MAX_NAV_LINKS = 60
_NAV_TOKEN_SPLIT = re.compile(r"[\s【】\[\]|｜:：·]+")
_SIZES = frozenset("大 中 小 超大 默认 标准".split())
_SHARE_TO = frozenset("微信 微博 新浪微博 腾讯微博 QQ QQ空间 朋友圈 人人网 豆瓣 更多".split())
#: Headings of a site's closing list of links (``相关新闻`` and the titles under it).
_RELATED = frozenset(
    "相关新闻 相关阅读 相关文章 推荐阅读 热点推荐 热门推荐 猜你喜欢 往期回顾 往期推荐".split()
)
#: Link words a page's chrome is made of, and the words each lets follow it (字号 大 中 小).
_NAV_WORDS = MappingProxyType(
    {
        **dict.fromkeys(("字号", "字体"), _SIZES),
        **dict.fromkeys(("分享到", "分享"), _SHARE_TO),
        **dict.fromkeys(
            "返回顶部 回到顶部 返回首页 返回列表 返回 打印本页 打印此页 打印文章 打印 关闭窗口 关闭本页 关闭"
            " 收藏本页 加入收藏 收藏 我要纠错 纠错 精彩推荐 热门文章 点击排行".split(),
            frozenset(),
        ),
        **dict.fromkeys(_RELATED, frozenset()),
    }
)
_MAX_LINK_TITLE = 40
_LINK_SENTENCE = re.compile(r"[。！？；;!?]|[，,：:、]$")


#: What kind of chrome a line is and the facts it states, or ``None`` for page text.
_Verdict = tuple[str, dict[str, str]] | None


@dataclass(frozen=True)
class Chrome:
    """The result of the chrome stage."""

    lines: list[Line]
    metadata: Metadata
    dropped: list[Dropped]


@dataclass
class _Work:
    """The stage's working copy: kept lines, what was dropped, the metadata found so far."""

    kept: list[Line]
    meta: Metadata
    dropped: list[Dropped] = field(default_factory=list)
    #: Indices of dropped lines that leave no gap of their own (all but image placeholders).
    removed: set[int] = field(default_factory=set)

    def drop(self, i: int, kind: str) -> None:
        """Record line ``i`` as ``kind`` of chrome and blank it, keeping its line number."""
        self.dropped.append(Dropped(self.kept[i].lineno, kind, self.kept[i].original))
        self.kept[i] = Line(self.kept[i].lineno, "", "")
        if kind != "image placeholder":
            self.removed.add(i)


def _is_nav_bar(text: str) -> bool:
    items = _NAV_SPLIT.split(text)
    return len(items) >= 4 and all(0 < len(item) <= 10 and not _SENTENCE_PUNCT.search(item) for item in items)


def _is_breadcrumb(text: str) -> bool:
    """``首页 > 新闻中心 > 基层党建`` or ``当前位置：首页 » 党建要闻``: short items, a home or a label."""
    label = _BREADCRUMB_LABEL.match(text)
    items = _CRUMB_SPLIT.split(text[label.end() :] if label else text)
    if not label and (len(items) < 2 or items[0] not in _HOME):
        return False
    return all(0 < len(item) <= _MAX_CRUMB and not _SENTENCE_PUNCT.search(item) for item in items)


def _is_nav_links(text: str) -> bool:
    """A line of nothing but link words: ``返回顶部``, ``打印本页 关闭窗口``, ``【字号 大 中 小】``, ``分享到：``."""
    if len(text) > _MAX_NAV_LINKS:
        return False
    tokens = [token for token in _NAV_TOKEN_SPLIT.split(text) if token]
    if not tokens:
        return False
    followers: frozenset[str] = frozenset()
    for token in tokens:
        if token in _NAV_WORDS:
            followers = _NAV_WORDS[token]
        elif token not in followers:
            return False
    return True


def _is_navigation(text: str) -> bool:
    return _is_nav_bar(text) or _is_breadcrumb(text) or bool(_PREV_NEXT.match(text)) or _is_nav_links(text)


def _unwrapped(text: str) -> str:
    """``text`` without one pair of brackets around all of it (``【责任编辑:孙七】``)."""
    if len(text) > 2 and _BRACKET_PAIRS.get(text[0]) == text[-1]:
        return text[1:-1].strip()
    return text


def _editor_names(value: str) -> str | None:
    """The names credited to one desk role, as printed, without tracking codes or trainee labels."""
    names = _TRAINEE.sub(" ", _TRACKING_CODE.sub(" ", value))
    names = _NAME_EDGES.sub("", re.sub(r"\s+", " ", names))
    if not names or len(names) > _MAX_EDITOR_CREDIT or _NOT_A_NAME.search(names):
        return None
    if any(len(name) > 10 for name in names.split()):
        return None
    return names


def editorial_credit(text: str) -> str | None:
    """The editors named by a line of desk credits (``责编：李四 审核：王五`` → ``李四``).

    ``None`` when ``text`` is not wholly such credits; ``""`` when it names only reviewers.
    """
    parts = _ROLE_LABEL.split(_unwrapped(text))
    if parts[0] or len(parts) < 3:
        return None
    editors: list[str] = []
    for role, value in zip(parts[1::2], parts[2::2], strict=True):
        names = _editor_names(value)
        if names is None:
            return None
        if role in _EDITOR_ROLES and names not in editors:
            editors.append(names)
    return " ".join(editors)


def is_disclaimer(text: str) -> bool:
    """A site's disclaimer: ``免责声明：本文转自网络…``, ``本网站所刊载信息，不代表本站观点…``."""
    if len(text) > _MAX_DISCLAIMER:
        return False
    if _DISCLAIMER_ALONE.match(text) or _DISCLAIMER_SENTENCE.match(text):
        return True
    return bool(_DISCLAIMER_LABEL.match(text) and _DISCLAIMER_WORDS.search(text))


def is_follow_us(text: str) -> bool:
    """An invitation to a site's other channels: ``扫描二维码关注``, ``点击下方“阅读原文”``."""
    return len(text) <= 80 and any(pattern.match(text) for pattern in _FOLLOW_US)


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


def _related_tail_start(lines: list[Line], chrome: list[_Verdict], end: int) -> int | None:
    """Index of a ``相关新闻`` heading followed, up to ``end``, only by short link titles.

    Other chrome among the titles (a disclaimer, a QR blurb) does not end the list.
    """
    only_titles_after = True
    start = None
    for i in range(end - 1, -1, -1):
        text = lines[i].text
        if text in _RELATED and only_titles_after:
            start = i
        elif text and chrome[i] is None:
            only_titles_after = only_titles_after and len(text) <= _MAX_LINK_TITLE
            only_titles_after = only_titles_after and not _LINK_SENTENCE.search(text)
    return start


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


def _trailing_editor(text: str) -> re.Match[str] | None:
    """``…取得实效。（责任编辑：周八）``: an editor credit closing a paragraph (linear, as above)."""
    if not text.endswith((")", "）", "】", "]")):
        return None
    start = max(text.rfind(bracket, 0, len(text) - 1) for bracket in "(（【[")
    match = _TRAILING_EDITOR.match(text, start) if start > 0 else None
    return match if match and editorial_credit(match["credit"]) is not None else None


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


def _dateline_facts(match: re.Match[str]) -> dict[str, str]:
    """Date, 来源 and 责编 of a web dateline; the editor's names without tracking codes."""
    editor = (match["editor"] or "").strip()
    if editor:
        credit = editorial_credit(f"责编:{editor}")
        editor = editor if credit is None else credit
    return {"date": match["date"], "publication": (match["pub"] or "").strip(), "editor": editor}


def _web_chrome(text: str) -> _Verdict:
    """What kind of website chrome ``text`` is, and the metadata it states; ``None`` for page text."""
    if _is_navigation(text):
        return "navigation", {}
    if _IMAGE_LINE.search(text):
        return "image placeholder", {}
    if match := _WEB_DATELINE.match(text):
        if not (match["pub"] or match["editor"]) and len(text) > 19:
            return None
        return "web dateline", _dateline_facts(match)
    if match := _ORIGINAL_TITLE.match(text):
        return "original title", {"original_title": match["title"].strip()}
    if match := _SOURCE_LINE.match(text):
        return "source line", {"publication": match["pub"].strip()}
    if (editor := editorial_credit(text)) is not None:
        return "editor line", {"editor": editor}
    if is_disclaimer(text):
        return "disclaimer", {}
    if is_follow_us(text):
        return "follow-us", {}
    return None


def _fill(meta: Metadata, facts: dict[str, str]) -> None:
    """Set the fields of ``meta`` still empty: what a sidecar or an earlier line said wins."""
    for name, value in facts.items():
        setattr(meta, name, getattr(meta, name) or value)


def _cut_tail(
    line: Line, match: re.Match[str], find: Callable[[str], re.Match[str] | None], kind: str
) -> tuple[Line, Dropped]:
    """``line`` without the closing text ``match`` found in it, and that text as dropped."""
    if len(line.original) == len(line.text):  # t2s kept the length: cut at the same place
        original = line.original[: match.start()]
    else:
        original_match = find(line.original)
        original = line.original[: original_match.start()] if original_match else line.original
    kept = Line(line.lineno, line.text[: match.start()].rstrip(), original.rstrip())
    return kept, Dropped(line.lineno, kind, match.group(0))


def _drop_lines(work: _Work) -> None:
    """Drop the legal tail, every whole line of chrome (keeping its facts) and a related-links tail."""
    lines = work.kept
    legal = _legal_tail_start(lines)
    chrome = [_web_chrome(line.text) if line.text else None for line in lines]
    related = _related_tail_start(lines, chrome, len(lines) if legal is None else legal)
    for i, line in enumerate(lines):
        if not line.text:
            continue
        found = chrome[i]
        # Inside a legal notice only chrome without facts keeps its own kind: a notice's
        # 来源 or dates are the site's, not the article's.
        if legal is not None and i >= legal and (found is None or found[1]):
            work.drop(i, "legal notice")
        elif found:
            _fill(work.meta, found[1])
            work.drop(i, found[0])
        elif related is not None and i >= related:
            work.drop(i, "navigation")


def _cut_closing_credits(work: _Work) -> None:
    """Cut an editor credit, then end credits, from the end of the last line of text."""
    last = max((i for i, ln in enumerate(work.kept) if ln.text), default=None)
    if last is None:
        return
    if match := _trailing_editor(work.kept[last].text):
        _fill(work.meta, {"editor": editorial_credit(match["credit"]) or ""})
        work.kept[last], cut = _cut_tail(work.kept[last], match, _trailing_editor, "editor line")
        work.dropped.append(cut)
    if match := _end_credits(work.kept[last].text):
        credits = match["credits"].strip()
        work.meta.credits = work.meta.credits or credits
        for name in authors_from_credits(credits):
            if name not in work.meta.authors:
                work.meta.authors.append(name)
        work.kept[last], cut = _cut_tail(work.kept[last], match, _end_credits, "end credits")
        work.dropped.append(cut)


def _without_removed(lines: list[Line], removed: set[int]) -> list[Line]:
    """``lines`` without the ``removed`` ones, the blank runs beside each counted once.

    Blank lines above and below a dropped dateline or editor line are one paragraph
    break: added up they would read as an image's gap and make the next sentence a
    caption.  Of the runs a removed line separates, the longest is kept.
    """
    out: list[Line] = []
    run: list[Line] = []
    widest: list[Line] = []
    for i, line in enumerate(lines):
        if i in removed:
            widest, run = max(widest, run, key=len), []
        elif not line.text:
            run.append(line)
        else:
            out.extend(run if len(run) >= len(widest) else widest)
            out.append(line)
            run, widest = [], []
    out.extend(run if len(run) >= len(widest) else widest)
    return out


def strip_chrome(lines: list[Line], metadata: Metadata) -> Chrome:
    """Drop website chrome from ``lines`` and fold its facts into ``metadata``."""
    work = _Work(list(lines), replace(metadata, authors=list(metadata.authors)))
    _drop_lines(work)
    _cut_closing_credits(work)
    kept = _without_removed(work.kept, work.removed)
    return Chrome(kept, work.meta, sorted(work.dropped, key=lambda d: d.lineno))
