"""People and organisations the articles name, read from the patterns these papers use.

A person is recorded only with a role the text states: ``驻村第一书记张攀``,
``解放村党支部书记兼村委会主任朴海兰告诉记者``, ``锦州医科大学教学督导田玉民教授``, and
bylines (``本报记者 刘大泳``, ``通讯员 仇玉纯``).  A name must be followed by what follows
names in reporting (a verb of saying, 曾, a comma …), so 村党支部书记为主体 is no person.
Organisations are precise rather than exhaustive: a place name (or a named body such as
国务院参事室) followed by a name ending in a kind (党委, 有限公司, 合作社 …).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Titles that end a role before a name, longest first.
_ROLE_WORDS = sorted(
    """第一书记 书记助理 老书记 党总支书记 党支部书记 党委书记 书记 村委会主任 主任 副乡长 乡长 副部长 部长
    支队长 队长 民警 网格员 村民 党员 教学督导 堡垒户 副书记 镇长 县长 市长 局长 所长 站长 院长 校长 社长
    理事长 董事长 总经理 经理""".split(),
    key=len,
    reverse=True,
)
#: Titles printed after a name (田玉民教授, 李君老师).
_AFTER_TITLES = ("教授", "老师", "研究员", "医生")
#: What follows a name in these reports: a verb of saying or doing that only people do …
_NAME_END_STRONG = (
    "说|告诉|介绍说|曾|带领|感慨|热泪|谈起|显得|顾不上|老人|来到|有自己|表示|认为|指出|坦言|笑着"
)
#: … or a comma, which follows many words: then the name must begin with a surname.
_NAME_END = f"{_NAME_END_STRONG}|[，,]"
#: Common surnames (the 100 most frequent and the seeds' rarer ones: 朴 谷 靳 桂 仇 及 相).
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "朴谷靳桂仇及相代文常康葛牛温包乔柴翟祝安"
)
_HAN = r"[\u4e00-\u9fff]"
_PERSON = re.compile(
    rf"(?P<role>(?:{'|'.join(_ROLE_WORDS)}))(?P<name>{_HAN}{{2,3}}?)(?=(?P<end>{_NAME_END}))"
    rf"|(?P<aff>{_HAN}{{0,20}}?(?P<suffix>大学|学院|医院|督导|研究所|研究院))(?P<name2>{_HAN}{{2,3}}?)"
    rf"(?P<title>{'|'.join(_AFTER_TITLES)})"
)
#: Characters a name does not begin with and text that is no name (为主体, 带领大家).
_NOT_FIRST = set("为在的和与等是要把将从对到以及也都均共已于由被让向同各每本该这那其我他她你")
_NOT_NAME = re.compile(r"[的了着过们和与等在是及]|干部|群众|大家|代表|介绍|助理")
#: Where the stated role begins: a clause break or a word that is not part of it.
_ROLE_START = re.compile(r"(?:[，,。；;：:！!？?“”、\s(（)）]|还有|和|的|来到|家住|一行人中)")
#: Roles in bylines and credits, before the names they apply to.
_BYLINE_ROLE = re.compile(r"^(?P<role>.*?(?:记者|通讯员|实习生|文/摄|摄影|摄))(?P<rest>.*)$")


# Same shape as pages.prose and pages.figures (patterns, then a frozen record), other data:
# a deliberate look-alike.
@dataclass(frozen=True)
class NamedPerson:
    """A person ``text`` names at ``start``, with the role as stated."""

    name: str
    role: str
    start: int


def _role_phrase(text: str, role_start: int, role_end: int) -> str:
    """The role as stated: from the last break before the title up to the name."""
    window = text[max(0, role_start - 30, text.rfind("。", 0, role_start) + 1) : role_start]
    breaks = list(_ROLE_START.finditer(window))
    head = window[breaks[-1].end() :] if breaks else window
    return head + text[role_start:role_end]


def people_in(text: str) -> list[NamedPerson]:
    """Every person ``text`` names with a role, in order (one entry per name)."""
    out: list[NamedPerson] = []
    seen: set[str] = set()
    for match in _PERSON.finditer(text):
        if match["name"]:
            name, start = match["name"], match.start("name")
            role = _role_phrase(text, match.start("role"), match.end("role"))
            weak = not re.fullmatch(_NAME_END_STRONG, match["end"] or "x")
        else:
            name, start, weak = match["name2"], match.start("name2"), False
            aff = _role_phrase(text, match.start("suffix"), match.end("aff"))
            role = f"{aff}、{match['title']}" if aff.endswith("督导") else aff + match["title"]
        if name[0] in _NOT_FIRST or _NOT_NAME.search(name) or name in seen:
            continue
        if weak and name[0] not in SURNAMES:
            continue
        seen.add(name)
        out.append(NamedPerson(name, role, start))
    return out


def byline_people(lines: list[str], known: set[str]) -> list[tuple[str, str]]:
    """(name, role) from byline and credit lines; only names the front matter lists as authors.

    ``□文/摄 孙维焄`` → 文/摄; ``本报讯(邹金辉 记者刘大泳)`` gives 刘大泳 only (邹金辉's role is
    not stated); ``吉林日报记者 张伟国 代黎黎 … 实习生 杨佳琪``: a role covers the names after it.
    """
    out: list[tuple[str, str]] = []
    for line in lines:
        role = ""
        for token in re.split(r"[\s□()（）:：,，、]+", line):
            token = token.removesuffix("报道")
            found = _BYLINE_ROLE.match(token)
            if found and found["role"].removeprefix("本报讯") and found["rest"] in known | {""}:
                role, token = found["role"].removeprefix("本报讯"), found["rest"]
            elif token not in known:
                role = "" if token and not token.endswith("报") else role  # 策划 … covers no reporter
            if token in known and role and (token, role) not in out:
                out.append((token, role))
    return out


#: Kinds an organisation's name ends in, longest first.
KINDS = sorted(
    """驻村干部党委 驻村干部党支部 有限公司 专业合作社 合作社 联合支部 党支部 党总支 党工委 党委 机关工委
    组织部 党校 医院 大学 集团 参事室 边境管理支队 融媒体中心 协会""".split(),
    key=len,
    reverse=True,
)
#: Named kinds: a name ending in one is an organisation without a place before it (渤海大学).
_NAMED_KINDS = ("有限公司", "大学", "集团", "参事室", "医院")
_ORG_STOP = set("，,。；;：:！!？?“”、（）() 的在和与等了是将把对为由以及各每其该这中共同向")
_ORG_VERBS = re.compile(
    r"成立|组建|建立|开展|实施|推动|先行|联合开展|打造|创建|设立|提升|相继|进一步|坚持|全力|还有|来到|对接|加入"
)
#: Leading words that make a kind generic, not a name (职业大学, 驻锦高校).
_GENERIC = re.compile(r"^(?:职业|驻锦|高等|各|该)|\d|名")


def organisations_in(text: str, forms: set[str]) -> list[tuple[str, str, int]]:
    """(name, kind, start) of each named organisation in ``text``: a place form or a named kind leads it."""
    pattern = re.compile("|".join(map(re.escape, KINDS)))
    out: list[tuple[str, str, int]] = []
    for match in pattern.finditer(text):
        start = match.start()
        while start > 0 and text[start - 1] not in _ORG_STOP and match.end() - start < 24:
            start -= 1
        name = text[start : match.end()]
        verbs = list(_ORG_VERBS.finditer(name))
        if verbs:
            verb = verbs[-1]
            start, name = start + verb.end(), name[verb.end() :]
        if _GENERIC.search(name):
            continue
        led = any(name.startswith(form) for form in forms) and len(name) > len(match.group())
        if led or match.group() in _NAMED_KINDS and len(name) > len(match.group()) + 1:
            out.append((name, match.group(), start))
        elif name == match.group() == "驻村干部党委":
            out.append((name, match.group(), start))
    return out
