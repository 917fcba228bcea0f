"""Fuzz the whole converter: random sources either convert into inert MyST or are refused
with one of the documented one-line errors.

The documented errors are the refusal catalogue in CONTRIBUTING.md (English and Chinese
lists, which must agree).  Each generated source goes through the real pipeline
(decode → normalise → script → chrome → segment → repair → render), with a random
sidecar parsed by the real sidecar reader; nothing is mocked.  A converted page must be
valid UTF-8 text, carry its own hash, give the same page when converted again, and, parsed
by MyST's own Markdown parser (as configured in docs/conf.py), contain nothing but the
headings, paragraphs and directives the renderer writes: no HTML, role, math, link,
target, list, table, code or foreign directive that the source text might have created.

500 examples in CI (derandomised, so a failure reproduces); ``FUZZ_EXAMPLES`` raises it
for a longer local run.
"""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from dangjian.convert.anchors import ANCHOR
from dangjian.convert.markdown_input import read_source_front_matter
from dangjian.convert.pipeline import convert
from dangjian.errors import SourceError
from dangjian.pages.write import is_edited
from dangjian.sources.sidecar import parse_sidecar

ROOT = Path(__file__).resolve().parents[1]
CONTRIBUTING = ROOT / "CONTRIBUTING.md"
MANIFEST = ROOT / "tests" / "fixtures" / "hostile" / "cases.yaml"
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "500"))
#: Lowered (from 2 MiB) so that the size limit is one of the refusals the fuzzer reaches.
SIZE_LIMIT = 65536

# ----------------------------------------------------------------------------- the catalogue


def catalogue_lists() -> list[list[str]]:
    """The message patterns of each refusal list in CONTRIBUTING.md (Chinese first, then English)."""
    text = CONTRIBUTING.read_text(encoding="utf-8")
    blocks = re.findall(r"<!-- refusals:start -->(.*?)<!-- refusals:end -->", text, re.DOTALL)
    return [re.findall(r"^- `(.+?)`[:：]", block, re.MULTILINE) for block in blocks]


#: ``<os-error>`` is the system's own text for an error number (``Permission denied``), nothing else.
_OS_ERRORS = "|".join(
    sorted({re.escape(os.strerror(code)) for code in errno.errorcode}, key=len, reverse=True)
)


#: What each placeholder of the catalogue may stand for; any other is some text.
_PLACEHOLDERS = {
    "<path>": r"[^:\n]+",
    "<line>": r"\d+",
    "<n>": r"\d[\d,]*",
    "<hex>": r"[0-9a-f]{2}",
    "<type>": r"[a-z]+",
    "<encoding>": r"utf-(?:8|16|32)(?:-[lb]e)?",
    "<os-error>": f"(?:{_OS_ERRORS})",
}


def _as_regex(pattern: str) -> re.Pattern[str]:
    """``<path>:<line>: file is <n> bytes`` → a regex in which each ``<…>`` stands for its value."""
    pieces = re.split(r"(<[a-z -]+>)", pattern)
    regex = "".join(
        _PLACEHOLDERS.get(piece, ".+?") if i % 2 else re.escape(piece) for i, piece in enumerate(pieces)
    )
    return re.compile(regex)


CATALOGUE = [_as_regex(p) for p in catalogue_lists()[-1]]


def documented(message: str) -> bool:
    return any(regex.fullmatch(message) for regex in CATALOGUE)


def test_the_two_catalogues_agree() -> None:
    """The Chinese and English lists name the same messages, in the same order."""
    lists = catalogue_lists()
    assert len(lists) == 2, "CONTRIBUTING.md needs a Chinese and an English refusal list"
    chinese, english = lists
    assert len(english) >= 40
    assert chinese == english


def test_every_refusal_of_the_hostile_corpus_is_documented() -> None:
    """Each error line the hostile corpus expects is one of the catalogued messages."""
    cases = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    errors = [c["error"].replace("{outside}", "/tmp/outside") for c in cases if c["expect"] == "refused"]
    assert len(errors) >= 30
    assert [e for e in errors if not documented(e)] == []


def test_the_catalogue_is_not_a_wildcard() -> None:
    """A message the converter never gives matches no pattern (the check can fail)."""
    assert not documented("sources/x.txt: something went wrong")
    assert not documented("Traceback (most recent call last):")
    assert not documented("sources/x.txt:3:9: no such file")
    assert not documented("sources/x.txt:abc: front matter: title: expected text, got a Traceback (most")
    assert documented("sources/x.txt:3: binary data (control characters); not a text file")
    assert documented(
        "sources/x.txt: file is 4,096 bytes; the limit is 2,097,152 bytes (split it into articles)"
    )
    # A value holding ' stays in single quotes (repr alone would switch to ", as the fuzz found).
    assert documented("sources/f.md:3: front matter: title: '0\\'' contradicts title: '0' (line 2); keep one")
    assert not documented(
        "sources/f.md:3: front matter: title: \"0'\" contradicts title: '0' (line 2); keep one"
    )


# ----------------------------------------------------------------------------- what the page may hold

_MD = create_md_parser(
    MdParserConfig(enable_extensions={"colon_fence", "attrs_block"}, heading_anchors=0), RendererHTML
)
#: Directives the renderer writes, and what their argument may be.
_DIRECTIVES = {
    "article-meta": re.compile(""),
    "piece-meta": re.compile(r"\d+"),
    "photo-caption": re.compile(""),
    "admonition": re.compile("核心提示|编者按|编者的话|编前语|导读"),
    "dropdown": re.compile("繁体原文"),
    "continued-from": re.compile(r"\d+"),
}
#: The one role the renderer writes: an editor's mark, at the end of a paragraph.
_EDITOR_MARK = ("editor-mark", "cut-off")
_OPTION = re.compile(r'^:(credit|class|class-container): (?:[a-z][a-z0-9-]*|"(?:[^"\\]|\\.)*")$')
_BLOCK_TOKENS = {
    "paragraph_open",
    "paragraph_close",
    "inline",
    "heading_open",
    "heading_close",
    "colon_fence",
}


def inert_problems(page: str) -> list[str]:
    """Everything in ``page`` that is not one of the renderer's own constructs.

    One parser environment serves the page and every directive body, as in MyST, so a link
    reference defined anywhere (which leaves no token of its own) is seen.
    """
    env: dict = {}
    tokens = _MD.parse(page, env)
    problems = []
    if not tokens or tokens[0].type != "front_matter":
        problems.append("the page does not start with its front matter")
    problems += _block_problems(tokens[1:], nested=False, env=env)
    if env.get("references"):
        problems.append(f"link reference definitions {sorted(env['references'])}")
    headings = [t for t in tokens if t.type == "heading_open"]
    if [t.tag for t in headings[:1]] != ["h1"] or any(t.tag not in ("h2", "h3") for t in headings[1:]):
        problems.append(f"headings {[t.tag for t in headings]}: one h1 first, then h2/h3")
    return problems


def _block_problems(tokens: list[Token], nested: bool, env: dict) -> list[str]:
    problems = []
    for token in tokens:
        # Block attributes: only a paragraph's anchor ({#p-…} above it), nothing else, nowhere else.
        attrs = dict(token.attrs or {})
        if attrs and not (token.type == "paragraph_open" and _anchor_only(attrs) and not nested):
            problems.append(f"line {token.map}: attributes {attrs} on a {token.type}")
        if token.type not in _BLOCK_TOKENS or (nested and token.type.startswith("heading")):
            problems.append(f"line {token.map}: a {token.type} block")
        elif token.type == "inline":
            problems += _inline_problems(token)
        elif token.type == "colon_fence":
            problems += _directive_problems(token, env)
    return problems


def _anchor_only(attrs: dict) -> bool:
    return list(attrs) == ["id"] and bool(ANCHOR.fullmatch(str(attrs["id"])))


def _inline_problems(token: Token) -> list[str]:
    """Inline text may hold nothing but text, and an editor's mark as its last child."""
    children = token.children or []
    problems = []
    for i, child in enumerate(children):
        mark = (child.meta.get("name"), child.content) if child.type == "myst_role" else None
        if child.type != "text" and not (mark == _EDITOR_MARK and i == len(children) - 1):
            problems.append(f"line {token.map}: inline {child.type}")
    return problems


def _directive_problems(token: Token, env: dict) -> list[str]:
    name, _, argument = token.info.partition(" ")
    directive = name.strip("{}")
    if not (name.startswith("{") and directive in _DIRECTIVES):
        return [f"line {token.map}: directive {token.info!r}"]
    if not _DIRECTIVES[directive].fullmatch(argument.strip()):
        return [f"line {token.map}: {directive} argument {argument!r}"]
    body = token.content.split("\n")
    while body and body[0].startswith(":"):
        option = body.pop(0)
        if not _OPTION.match(option):
            return [f"line {token.map}: {directive} option line {option!r}"]
    nested = _MD.parse("\n".join(body), env)
    return _block_problems(nested, nested=True, env=env)


def test_inert_problems_sees_injected_markup() -> None:
    """The checker itself: hand-written markup in a page is reported."""
    head = "---\na: 1\n---\n\n# 标题\n\n"
    assert inert_problems(head + "正文\\<b\\>。\n") == []
    assert inert_problems(head + "正文<b>x</b>。\n") != []
    assert inert_problems(head + "```{raw} html\n<script>\n```\n") != []
    assert inert_problems(head + ":::{include} /etc/passwd\n:::\n") != []
    assert inert_problems(head + "{sub-ref}`today` $x$\n") != []
    assert inert_problems(head + ":::{dropdown} 繁体原文\n:class-container: x\n\n- list\n:::\n") != []
    assert inert_problems(head + ":::{photo-caption}\n:credit: {a: 1}\n\n图。\n:::\n") != []
    assert inert_problems(head + "[a]: http://x\n") != []
    assert inert_problems(head + ":::{dropdown} 繁体原文\n:class-container: x\n\n[a]: http://x\n:::\n") != []
    assert inert_problems(head + "切实带动党{editor-mark}`cut-off`\n") == []
    assert inert_problems(head + "{editor-mark}`cut-off`又一句。\n") != []  # a mark only at the end
    assert inert_problems(head + "句子{editor-mark}`other`\n") != []
    assert inert_problems(head + ":::{continued-from} 1\n:::\n") == []
    assert inert_problems(head + ":::{continued-from} x\n:::\n") != []
    assert inert_problems(head + "{#p-ningju}\n正文。\n") == []
    assert inert_problems(head + "{#p-ningju .cls}\n正文。\n") != []  # an anchor, nothing more
    assert inert_problems(head + "{#x-y}\n正文。\n") != []  # not a paragraph anchor
    assert inert_problems(head + "{#p-a}\n:::{continued-from} 1\n:::\n") != []  # not on a directive


# ----------------------------------------------------------------------------- generated sources

# Lines that mean something to the converter's layout rules.
_LAYOUT = [
    "党建引领基层治理",
    "本报讯（记者 张三 通讯员 李四）",
    "本报讯(王五 记者赵六)近日,某市召开会议。",
    "本报长春1月5日电（记者 刘七）",
    "□文/摄 孙八 本报记者 刘九",
    "本报记者 周十",
    "——记某社区党支部书记",
    "■ 基层风采",
    "党建聚焦 DJJJ",
    "核心提示：",
    "编者按：这是编者的话。",
    "图为社区党员志愿者在服务群众。 张三 摄",
    "村民在合作社劳动。供图 县委宣传部",
    "本版图片由县委宣传部提供",
    "摄",
    "责任编辑：王编辑",
    "来源：吉林日报",
    "原标题：延边州：党旗映红乡村振兴路——记驻村干部",
    "2022-06-20 08:59:27 来源：吉林日报",
    "版权所有 未经授权禁止转载",
    "首页 > 新闻 > 要闻",
    "_fororder_1.jpg",
    "延邊州:黨旗映紅鄉村振興路",
    "駐村幹部黨委是鞏固拓展脫貧攻堅成果的重要保障力量。",
    "兼容区汉字\uf900\ufa6d保留。",
    "这句话没有说完，",
    "被排版断开的半句话接着",
    "在这里结束。",
]
# Markup and character hazards: each must stay text.
_HAZARDS = [
    "<script>alert(1)</script>",
    "<b>粗</b>",
    "```{raw} html",
    "```",
    ":::{include} /etc/passwd",
    ":::",
    "::::{eval-rst}",
    "{literalinclude} /etc/passwd",
    "{sub-ref}`today`",
    "{{ secret }}",
    "$E=mc^2$",
    "$$",
    "[^1]: 脚注",
    "[链接]: http://x",
    "[a](javascript:alert(1))",
    "![图](x.png)",
    "| 甲 | 乙 |",
    "|---|---|",
    "# 一级标题",
    "## 二级",
    "---",
    "***",
    "> 引用",
    "- 列表",
    "1. 编号",
    "1) 编号",
    "(target)=",
    "% 注释",
    "+++",
    "&amp; &#60; &lt;",
    "\\",
    "`代码`",
    "*强调* _强调_",
    "~~删除~~",
    "<http://x>",
    "    缩进代码",
    "\t制表",
    "a\x1b[31m红\x1b[0m",
    "\u202e反向\u202c",
    "零\u200b宽",
    "\ufeff",
    "\u061c",
    "\x0b\x0c",
    "\x85",
    "\u2028",
    "\u2029",
    "e\u0301",
    "\U00020000😀",
    "\ue000\ufffd\ufdd0",
    " ",
    "\u3000\u3000",
    "",
]

# Control bytes no text has: a source holding one is refused as binary, so they are rare here.
_BINARY_HAZARDS = ["\x00", "\x07", "\x1a", "\x7f", "\x01\x02"]

_HANZI = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
_PUNCT = st.sampled_from(list("，。、；：！？“”‘’（）《》—…·,.;:!?()[]{}<>#*_`$|~^&\\-+=%/@'\" "))
_ANY = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"))
_CONTROL = st.characters(codec="utf-8", categories=("Cc",))
_FREE_TEXT = st.text(st.one_of(_HANZI, _HANZI, _HANZI, _PUNCT, _ANY), max_size=60)


@st.composite
def _line(draw: st.DrawFn) -> str:
    kind = draw(st.integers(0, 99))
    if kind < 30:
        return draw(st.sampled_from(_LAYOUT))
    if kind < 55:
        return draw(st.sampled_from(_HAZARDS))
    if kind < 80:
        return draw(_FREE_TEXT)
    if kind < 98:
        return draw(_FREE_TEXT) + draw(st.sampled_from(_HAZARDS)) + draw(_FREE_TEXT)
    return draw(_FREE_TEXT) + draw(st.one_of(st.sampled_from(_BINARY_HAZARDS), _CONTROL))


_newline = st.sampled_from(["\n", "\n", "\n", "\r\n", "\r", "\n\n", "\n\n\n"])


@st.composite
def _body(draw: st.DrawFn) -> str:
    lines = draw(st.lists(_line(), min_size=1, max_size=25))
    return "".join(line + draw(_newline) for line in lines)


# YAML-ish values for front matter and sidecars: plain, quoted, tagged, nested, anchors.
_SCALAR = st.one_of(
    _FREE_TEXT.map(lambda s: s.replace("\n", " ")),
    st.sampled_from(
        [
            "2023-01-05",
            "2023-02-30",
            "2023年1月5日",
            "2023-01-05 10:00",
            "'2023'",
            '"\\ud800"',
            '"\\x00"',
            "!!binary ###",
            "!!timestamp x",
            "!!bool maybe",
            "!!int x",
            "!!python/object/apply:os.system [echo]",
            "&a [1, 2]",
            "*a",
            "*missing",
            "~",
            "[a, [b, {c: d}]]",
            "{a: 1}",
            "|\n  多行\n  文本",
            "'unterminated",
            "[" * 60 + "]" * 60,
            "- a\n- b",
            "? [x]\n: y",
            ".nan",
            "1e999",
            "9" * 400,
            "\t",
        ]
    ),
)
_KEY = st.sampled_from(
    [
        "title",
        "date",
        "author",
        "authors",
        "url",
        "source",
        "newspaper",
        "editor",
        "publication",
        "region",
        "script",
        "rights",
        "notes",
        "province",
        "unknown",
        "[k]",
        "~",
        "1",
        "<<",
    ]
)


_SIDECAR_KEY = st.sampled_from(
    ["publication", "date", "url", "authors", "region", "script", "rights", "notes"]
)
_SIDECAR_VALUE = st.sampled_from(
    [
        '"报\\e[31m纸"',
        "报\u202e纸",
        '"张\\a三"',
        '"\\u2028换行"',
        "<b>报</b>",
        "{{ x }}",
        "吉林日报",
        "2022-06-20",
        "https://example.org/a",
        "[张三, 李四]",
        "{province: 吉林省, city: 延边朝鲜族自治州}",
        "simplified",
        "traditional",
        "据报纸版面。",
        "''",
    ]
)


@st.composite
def _yaml_text(draw: st.DrawFn, keys: st.SearchStrategy[str] = _KEY) -> str:
    """Front matter or a sidecar: mostly well-formed pairs, with a hostile value or key among them."""
    good = st.tuples(_SIDECAR_KEY, _SIDECAR_VALUE) if keys is _SIDECAR_KEY else st.tuples(_KEY, _FREE_TEXT)
    pairs = draw(st.lists(st.one_of(good, good, st.tuples(keys, _SCALAR)), max_size=6))
    text = "".join(f"{key}: {value}\n" for key, value in pairs)
    if draw(st.integers(0, 3)) == 0:  # sometimes cut or spliced anywhere
        cut = draw(st.integers(0, len(text)))
        text = text[:cut] + draw(st.sampled_from(["", ":", "\n  - ", "{", "\x00", "\ufeff", "---\n"]))
    return text


_ENCODINGS = ["utf-8"] * 6 + ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gb18030", "big5"]


@st.composite
def sources(draw: st.DrawFn) -> tuple[str, bytes, str | None]:
    """A source file name, its bytes, and the text of its sidecar (or None)."""
    markdown = draw(st.booleans())
    name = "sources/fuzz." + ("md" if markdown else "txt")
    text = draw(_body())
    if markdown and draw(st.booleans()):
        text = "---" + draw(_newline) + draw(_yaml_text()) + "---" + draw(_newline) + text
    encoding = draw(st.sampled_from(_ENCODINGS))
    data = text.encode(encoding, errors="replace" if encoding in ("gb18030", "big5") else "surrogatepass")
    if draw(st.integers(0, 19)) == 0:  # damaged bytes somewhere
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
    if draw(st.integers(0, 19)) == 0:  # over the (lowered) size limit
        data = data * (SIZE_LIMIT // max(1, len(data)) + 2)
    sidecar = draw(_yaml_text(_SIDECAR_KEY)) if draw(st.integers(0, 3)) == 0 else None
    return name, data, sidecar


def _refusal(exc: SourceError, path: str, *, counted: bool = True) -> str:
    """The refusal as printed, checked: one line, naming the file, in the catalogue.

    ``counted``: tally it in Hypothesis's statistics (only inside a Hypothesis test).
    """
    message = str(exc)
    assert re.fullmatch(r"[^\n\r\u2028\u2029\x85]+", message), f"not one line: {message!r}"
    assert message.startswith(path + ":"), f"does not name {path}: {message!r}"
    assert documented(message), f"not in the CONTRIBUTING.md catalogue: {message!r}"
    if counted:
        event("refused: " + re.sub(r"\d+", "N", re.sub(r"^[^:]+(:\d+)?: ", "", message))[:48])
    return message


@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(sources())
def test_any_source_converts_to_inert_myst_or_is_refused(source: tuple[str, bytes, str | None]) -> None:
    name, data, sidecar_text = source
    sidecar = None
    if sidecar_text is not None:
        try:
            sidecar = parse_sidecar(sidecar_text, "sources/fuzz.meta.yaml")
        except SourceError as exc:
            _refusal(exc, "sources/fuzz.meta.yaml")
            return
    try:
        conversion = convert(data, name, sidecar, max_bytes=SIZE_LIMIT)
    except SourceError as exc:
        _refusal(exc, name)
        return
    page = conversion.page
    event(f"converted, {len(conversion.article.pieces)} piece(s)")
    page.encode("utf-8")  # no lone surrogate: the page can be written
    invisible = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069]"
    assert not re.search(invisible, page), "a control or bidi character in the page"
    assert not is_edited(page), "the page's recorded hash does not match it"
    front = yaml.safe_load(page.split("\n---\n", 1)[0].removeprefix("---\n"))
    assert front["generated"]["source"] == name
    assert inert_problems(page) == []
    assert convert(data, name, sidecar, max_bytes=SIZE_LIMIT).page == page, "not deterministic"


@settings(max_examples=max(100, EXAMPLES // 2), derandomize=True, deadline=None, database=None)
@given(_yaml_text(), st.sampled_from(["\n", "\r\n", "\r"]))
def test_any_front_matter_is_read_or_refused(yaml_text: str, newline: str) -> None:
    """Front matter alone, with every line ending: metadata that is one line of text, or a refusal."""
    text = ("---\n" + yaml_text + "---\n\n正文。\n").replace("\n", newline)
    try:
        meta, body, first_line = read_source_front_matter(text, "sources/fuzz.md")
    except SourceError as exc:
        _refusal(exc, "sources/fuzz.md")
        return
    assert first_line >= 1 and body.endswith("正文。" + newline)
    for field in ("title", "date", "url", "publication", "original_title", "editor"):
        value = getattr(meta, field)
        assert isinstance(value, str) and "\n" not in value and "\r" not in value
        value.encode("utf-8")
    assert all(isinstance(a, str) and a for a in meta.authors)


_EDGES = [b"", b"\xff\xfe", "\ufeff".encode(), b"\x00" * 8, b"\r\r\r", "\u200b\u3000\n".encode()]


@pytest.mark.parametrize(
    ("name", "data"),
    [*((f"sources/edge{s}", d) for s in (".txt", ".md") for d in _EDGES), ("sources/edge.md", b"---\n---\n")],
)
def test_degenerate_sources_are_refused_with_a_documented_line(name: str, data: bytes) -> None:
    """Inputs at the edges the generator may not hit: always a catalogued refusal, never a crash."""
    with pytest.raises(SourceError) as refused:
        convert(data, name)
    _refusal(refused.value, name, counted=False)
