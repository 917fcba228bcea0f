"""Hostile YAML in Markdown front matter and sidecars: a one-line refusal or the right value, never a crash.

The pure readers (``read_source_front_matter``, ``parse_sidecar``, ``check_page``) are tested directly;
nesting deep enough to crash libyaml runs in a child process, so a regression fails one test
instead of killing the run with SIGSEGV.  A few cases go through the real ``dangjian convert``
in a copy of the repository.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from conftest import run_command, run_dangjian
from dangjian.check.frontmatter import check_page
from dangjian.convert.markdown_input import read_source_front_matter
from dangjian.convert.script import to_simplified
from dangjian.errors import SourceError
from dangjian.glossary.load import parse_glossary
from dangjian.pages.frontmatter import split_front_matter
from dangjian.sources.sidecar import parse_sidecar
from dangjian.text.yaml_nodes import MAX_DEPTH, compose, page_hazard, value_lines
from test_contributor import copy_repo

_MYST = create_md_parser(MdParserConfig(enable_extensions={"colon_fence"}), RendererHTML)

MD = "sources/x.md"
SIDE = "sources/x.meta.yaml"
KNOWN = "(known: publication, date, url, authors, region, script, rights, notes)"
DEEP = 30_000  # past the ~25,000 levels at which libyaml's recursion overflows an 8 MB stack


def front(yaml_text: str, newline: str = "\n") -> str:
    """A Markdown source whose front matter is ``yaml_text``."""
    return ("---\n" + yaml_text + "---\n\n正文。\n").replace("\n", newline)


def front_error(yaml_text: str) -> str:
    with pytest.raises(SourceError) as refused:
        read_source_front_matter(front(yaml_text), MD)
    return str(refused.value)


def sidecar_error(text: str) -> str:
    with pytest.raises(SourceError) as refused:
        parse_sidecar(text, SIDE)
    return str(refused.value)


# ----------------------------------------------------------------------------- deep nesting

_CHILD = """
import sys
from dangjian.convert.markdown_input import read_source_front_matter
from dangjian.errors import SourceError
from dangjian.sources.sidecar import parse_sidecar
text = sys.stdin.read()
try:
    if sys.argv[1] == "front":
        read_source_front_matter(text, "sources/deep.md")
    else:
        parse_sidecar(text, "sources/deep.meta.yaml")
except SourceError as exc:
    print(exc)
else:
    print("read")
"""


def in_child(kind: str, text: str) -> str:
    """What reading ``text`` prints in a child process (a crash is a return code, not a lost run)."""
    result = run_command([sys.executable, "-c", _CHILD, kind], input=text, timeout=120)
    assert result.returncode == 0, f"exit {result.returncode}: {result.stderr[-2000:]}"
    return result.stdout.strip()


def _indented(count: int) -> str:
    return "".join(" " * level + "a:\n" for level in range(1, count))


#: Each shape of nesting: the value of one key (``K``), and the value's line in a sidecar.
SHAPES = {
    "flow-sequences": ("K: " + "[" * DEEP + "]" * DEEP + "\n", 1),
    "flow-mappings": ("K: " + "{a: " * DEEP + "x" + "}" * DEEP + "\n", 1),
    "unclosed-flow": ("K: " + "[" * DEEP + "\n", 1),
    "block-sequences": ("K:\n" + "- " * DEEP + "x\n", 2),
    "explicit-keys": ("K:\n" + "? " * DEEP + "x\n", 2),
    "complex-key": ("? " + "[" * DEEP + "]" * DEEP + "\n: x\n", 1),
    # One level a line: the line where it gets too deep is reported.
    "indentation": ("K:\n" + _indented(3000), MAX_DEPTH + 1),
    "indented-sequences": ("K:\n" + "".join(" " * i + "-\n" for i in range(1, 3000)), MAX_DEPTH + 1),
}


@pytest.mark.parametrize("shape", SHAPES, ids=list(SHAPES))
def test_deep_nesting_in_front_matter_is_refused_not_a_crash(shape: str) -> None:
    text, line = SHAPES[shape]
    printed = in_child("front", front(text.replace("K", "title")))
    assert printed == f"sources/deep.md:{line + 1}: malformed YAML: nested too deeply"


@pytest.mark.parametrize("shape", SHAPES, ids=list(SHAPES))
def test_deep_nesting_in_a_sidecar_is_refused_not_a_crash(shape: str) -> None:
    text, line = SHAPES[shape]
    printed = in_child("sidecar", text.replace("K", "notes"))
    assert printed == f"sources/deep.meta.yaml:{line}: malformed YAML: nested too deeply"


def test_deep_nesting_below_other_keys_names_its_own_line() -> None:
    text = "title: 标题\ndate: 2023-01-05\nauthor: " + "[" * DEEP + "]" * DEEP + "\n"
    assert in_child("front", front(text)) == "sources/deep.md:4: malformed YAML: nested too deeply"


def test_the_depth_limit_is_exact() -> None:
    """MAX_DEPTH levels (the top mapping is one) are read; one more is refused."""
    inner = MAX_DEPTH - 1
    ok = "title: " + "[" * inner + "]" * inner + "\n"
    assert front_error(ok) == f"{MD}:2: front matter: title: expected text, got a list"
    over = "title: " + "[" * (inner + 1) + "]" * (inner + 1) + "\n"
    assert front_error(over) == f"{MD}:2: malformed YAML: nested too deeply"
    assert sidecar_error(over.replace("title", "notes")) == f"{SIDE}:1: malformed YAML: nested too deeply"


def test_many_indicators_but_shallow_is_read() -> None:
    """The cheap bound (a count of ``[{-?:``) only decides who measures the depth, never refuses."""
    notes = "'" + "a: [b] - {c} ? " * 500 + "'"
    meta = parse_sidecar(f"notes: {notes}\ndate: 2023-01-05\n", SIDE)
    assert meta.notes.startswith("a: [b] - {c} ?") and meta.date == "2023-01-05"
    fm, _body, _line = read_source_front_matter(front(f"title: {notes}\n"), MD)
    assert fm.title.startswith("a: [b]")


def test_malformed_text_that_is_deep_gets_the_pure_python_message() -> None:
    """Deep but within the limit, malformed further on: PyYAML explains it (no RecursionError)."""
    text = "title: " + "[" * 1000 + "]" * 1000 + "\nauthor: [张三\n"
    assert front_error(text) == (
        f"{MD}:4: malformed YAML: expected ',' or ']', but got '<stream end>' "
        "(while parsing a flow sequence on line 3)"
    )
    alias = "title: " + "[" * 900 + "*nowhere" + "]" * 900 + "\n"
    assert front_error(alias) == f"{MD}:2: malformed YAML: found undefined alias"


def test_an_author_nested_a_thousand_mappings_deep() -> None:
    text = "title: 嵌套测试\nauthor: " + "{a: " * 1000 + "x" + "}" * 1000 + "\n"
    assert front_error(text) == f"{MD}:3: front matter: author: expected a name or a list of names"
    listed = "title: 嵌套测试\nauthor: " + "[" * 1000 + "x" + "]" * 1000 + "\n"
    assert front_error(listed) == f"{MD}:3: front matter: author: expected a name or a list of names"


def test_deep_values_in_a_sidecar_are_type_errors() -> None:
    deep_list = "[" * 1000 + "x" + "]" * 1000
    assert sidecar_error(f"notes: {deep_list}\n") == f"{SIDE}:1: notes: expected text, got a list"
    assert sidecar_error(f"authors: {deep_list}\n") == f"{SIDE}:1: authors: expected a list of names"
    region = "region: {province: " + "{a: " * 1000 + "x" + "}" * 1000 + "}\n"
    assert sidecar_error(region) == f"{SIDE}:1: region.province: expected text, got a dict"


def test_a_page_with_deep_values_is_checked_not_crashed() -> None:
    deep = "[" * 1000 + "]" * 1000
    page = f"---\narticle:\n  title: {deep}\npieces: []\ngenerated:\n  source: {deep}\n---\n\n正文。\n"
    _fm, problems = check_page(page, "docs/articles/x.md")
    assert [str(p) for p in problems] == [
        "docs/articles/x.md:3: article.title: expected text, got list",
        "docs/articles/x.md:6: generated.source: expected text, got list",
    ]


# ----------------------------------------------------------------------------- tags

#: An explicit tag with content it cannot take → the one-line reason.
BAD_TAGS = {
    "!!timestamp foo": "'foo' is not a !!timestamp",
    "!!timestamp 2023-02-30": "'2023-02-30' is not a !!timestamp",
    "!!bool maybe": "'maybe' is not a !!bool",
    "!!int x": "'x' is not a !!int",
    "!!int ''": "'' is not a !!int",
    "!!float x": "'x' is not a !!float",
    "!!float ''": "'' is not a !!float",
    "!!binary ###": "!!binary data is not text",
    "!!binary aGVsbG8=": "!!binary data is not text",
    "!!binary é": "failed to convert base64 data into ascii: 'ascii' codec can't encode character "
    "'\\xe9' in position 0: ordinal not in range(128)",
    "!!set [a]": "expected a mapping node, but found sequence",
    "!!omap [a]": "expected a mapping of length 1, but found scalar (while constructing an ordered map)",
    "!!pairs {a: 1}": "expected a sequence, but found mapping (while constructing pairs)",
    "!!map x": "expected a mapping node, but found scalar",
    "!!str [a]": "expected a scalar node, but found sequence",
    "!!python/object/apply:os.system [echo]": "could not determine a constructor for the tag "
    "'tag:yaml.org,2002:python/object/apply:os.system'",
    "!!python/name:os.system": "could not determine a constructor for the tag "
    "'tag:yaml.org,2002:python/name:os.system'",
    "!<tag:x%E2%80%A8y> z": "could not determine a constructor for the tag 'tag:x\\u2028y'",
    "!!merge x": "could not determine a constructor for the tag 'tag:yaml.org,2002:merge'",
}


@pytest.mark.parametrize("value", BAD_TAGS, ids=list(BAD_TAGS))
def test_a_bad_tag_in_front_matter_is_one_line(value: str) -> None:
    message = front_error(f"title: 标题\ndate: {value}\n")
    assert message == f"{MD}:3: front matter: date: cannot read this value ({BAD_TAGS[value]})"


@pytest.mark.parametrize("value", BAD_TAGS, ids=list(BAD_TAGS))
def test_a_bad_tag_in_a_sidecar_is_one_line(value: str) -> None:
    message = sidecar_error(f"publication: 吉林日报\nnotes: {value}\n")
    assert message == f"{SIDE}:2: notes: cannot read this value ({BAD_TAGS[value]})"


def test_the_python_tag_case_of_the_hostile_corpus() -> None:
    assert front_error('title: !!python/object/apply:os.system ["echo pwned"]\n') == (
        f"{MD}:2: front matter: title: cannot read this value (could not determine a constructor "
        "for the tag 'tag:yaml.org,2002:python/object/apply:os.system')"
    )


def test_bad_tags_inside_lists_and_regions() -> None:
    # One input and its exact message a case, like the other refusal tests: a deliberate look-alike.
    assert front_error("author: [张三, !!bool maybe]\n") == (
        f"{MD}:2: front matter: author: cannot read this value ('maybe' is not a !!bool)"
    )
    assert front_error("author: !!python/tuple [张三]\n") == (
        f"{MD}:2: front matter: author: cannot read this value (could not determine a constructor "
        "for the tag 'tag:yaml.org,2002:python/tuple')"
    )
    assert sidecar_error("authors: [张三, !!int x]\n") == (
        f"{SIDE}:1: authors: cannot read this value ('x' is not a !!int)"
    )
    assert sidecar_error("region:\n  province: !!timestamp x\n") == (
        f"{SIDE}:2: region.province: cannot read this value ('x' is not a !!timestamp)"
    )
    assert sidecar_error("region: !!set {province}\n") == (
        f"{SIDE}:1: region: expected province / city / county"
    )


def test_valid_tags_read_as_written() -> None:
    meta, _body, _line = read_source_front_matter(
        front("title: !!str 2023\ndate: !!timestamp 2023-01-05\nauthor: !!str 张三\n"), MD
    )
    assert (meta.title, meta.date, meta.authors) == ("2023", "2023-01-05", ["张三"])
    stamped, _body, _line = read_source_front_matter(
        front("date: !!timestamp 2023-01-05T23:30:00-05:00\n"), MD
    )
    assert stamped.date == "2023-01-05"  # the date as written, not moved by the time zone
    meta = parse_sidecar("date: !!timestamp 2023-01-05\nnotes: !!str 12\nscript: !!str simplified\n", SIDE)
    assert (meta.date, meta.notes, meta.script) == ("2023-01-05", "12", "simplified")


def test_scalars_keep_the_text_as_written() -> None:
    """YAML 1.1 reads ``yes`` as True, ``1e3`` as 1000.0, ``12:30`` as 750: a fact would change."""
    text = (
        "title: yes\neditor: 12:30\noriginal_title: .nan\npublication: 1e3\nurl: 0x1F\nauthor: [No, 1_000]\n"
    )
    meta, _body, _line = read_source_front_matter(front(text), MD)
    assert (meta.title, meta.editor, meta.original_title, meta.publication, meta.url) == (
        "yes",
        "12:30",
        ".nan",
        "1e3",
        "0x1F",
    )
    assert meta.authors == ["No", "1_000"]
    side = parse_sidecar("notes: on\npublication: 010\nauthors: [No, Yes]\nrights: ~\n", SIDE)
    assert (side.notes, side.publication, side.authors, side.rights) == ("on", "010", ["No", "Yes"], "")
    assert (
        sidecar_error("script: yes\n")
        == f"{SIDE}:1: script: must be 'simplified' or 'traditional', not 'yes'"
    )


def test_huge_numbers_are_text() -> None:
    """Python refuses to print an int of over 4,300 digits; a value of digits is still text."""
    digits = "9" * 5000
    meta, _body, _line = read_source_front_matter(front(f"title: {digits}\nurl: 0x{'f' * 5000}\n"), MD)
    assert meta.title == digits and meta.url == "0x" + "f" * 5000
    assert parse_sidecar(f"notes: {digits}\n", SIDE).notes == digits
    assert sidecar_error(f"date: {digits}\n").startswith(f"{SIDE}:1: date: '999")


# ----------------------------------------------------------------------------- surrogates


@pytest.mark.parametrize(
    ("escape", "code"),
    [("\\ud800", "D800"), ("\\udfff", "DFFF"), ("\\U0000DC00", "DC00"), ("a\\ude00b", "DE00")],
)
def test_a_lone_surrogate_is_refused_at_its_value(escape: str, code: str) -> None:
    reason = f"cannot read this value (lone surrogate U+{code} is not a character)"
    assert front_error(f'title: 标题\nauthor: "{escape}"\n') == f"{MD}:3: front matter: author: {reason}"
    assert front_error(f'date: ["{escape}"]\n') == f"{MD}:2: front matter: date: {reason}"
    assert sidecar_error(f'notes: ok\nrights: "{escape}"\n') == f"{SIDE}:2: rights: {reason}"
    assert sidecar_error(f'authors: [a, "{escape}"]\n') == f"{SIDE}:1: authors: {reason}"
    assert sidecar_error(f'region: {{city: "{escape}"}}\n') == f"{SIDE}:1: region.city: {reason}"


def test_an_escaped_surrogate_pair_is_its_character() -> None:
    """JSON writes 😀 as ``"\\ud83d\\ude00"``; JSON is YAML, so the pair is read as the emoji."""
    meta, _body, _line = read_source_front_matter(front('title: "笑\\ud83d\\ude00脸"\n'), MD)
    assert meta.title == "笑😀脸"
    meta.title.encode("utf-8")
    assert parse_sidecar('notes: "\\ud840\\udc00"\n', SIDE).notes == "\U00020000"


def test_a_lone_surrogate_under_an_ignored_key_is_ignored() -> None:
    meta, _body, _line = read_source_front_matter(front('title: 标题\nx-crawler: "\\ud800"\n'), MD)
    assert meta.title == "标题"


# ----------------------------------------------------------------------------- keys

NON_SCALAR_KEYS = {
    "[a]: 1\n": ("[a]", 1),
    "{a: 1}: 2\n": ("{a: 1}", 1),
    "? [x]\n: y\n": ("[x]", 1),
    "? - x\n  - y\n: z\n": ("- x - y", 1),
    "notes: a\n[" + "b, " * 40 + "]: 1\n": (("[" + "b, " * 40 + "]").strip()[:39] + "…", 2),
    "~: x\n": ("~", 1),
    "1: x\n": ("1", 1),
    "<<: {notes: x}\n": ("<<", 1),
    '"\\u2028": x\n': ("\u2028", 1),
}


@pytest.mark.parametrize("text", NON_SCALAR_KEYS, ids=[repr(k) for k in NON_SCALAR_KEYS])
def test_an_odd_sidecar_key_is_an_unknown_key(text: str) -> None:
    key, line = NON_SCALAR_KEYS[text]
    assert sidecar_error(text) == f"{SIDE}:{line}: unknown key {key!r} {KNOWN}"


def test_odd_region_keys() -> None:
    assert sidecar_error("region: {[a]: 1}\n") == (
        f"{SIDE}:1: region: unknown key '[a]' (known: province, city, county)"
    )
    assert (
        sidecar_error("region:\n  province: 吉林省\n  province: 辽宁省\n")
        == f"{SIDE}:3: duplicate key 'province'"
    )
    assert (
        sidecar_error("region:\n  ~: x\n")
        == f"{SIDE}:2: region: unknown key '~' (known: province, city, county)"
    )


@pytest.mark.parametrize("text", NON_SCALAR_KEYS, ids=[repr(k) for k in NON_SCALAR_KEYS])
def test_an_odd_front_matter_key_is_ignored(text: str) -> None:
    meta, body, line = read_source_front_matter(front(text + "title: 标题\n"), MD)
    assert meta.title == "标题" and body == "\n正文。\n"


def test_merge_keys_are_ordinary_keys() -> None:
    """``<<`` merges nothing: PyYAML's merging is a bomb (9 levels of 9 merges: 43 million pairs)."""
    bomb = "a: &a {x: 1, y: 2}\n"
    previous = "a"
    for name in "bcdefghi":
        bomb += f"{name}: &{name} {{<<: [{', '.join(['*' + previous] * 9)}]}}\n"
        previous = name
    started = time.perf_counter()
    # An alias's value is its anchor's node, so the line is the anchor's.
    assert front_error(bomb + "author: *i\n") == (
        f"{MD}:10: front matter: author: expected a name or a list of names"
    )
    assert time.perf_counter() - started < 2
    meta, _body, _line = read_source_front_matter(front("base: &b {title: 合并}\n<<: *b\n"), MD)
    assert meta.title == ""  # not merged: the page gets no fact the key does not state
    assert sidecar_error("region: {<<: {province: 吉林省}}\n") == (
        f"{SIDE}:1: region: unknown key '<<' (known: province, city, county)"
    )


def test_alias_bombs_and_self_references_in_a_page_are_walked_once() -> None:
    bomb = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    previous = "a"
    for name in "bcdefghi":
        bomb += f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]\n"
        previous = name
    started = time.perf_counter()
    lines = value_lines(compose(bomb + "article: &s {title: t, self: *s}\n", "p.md"), offset=1)
    assert time.perf_counter() - started < 2
    assert lines[("article", "title")] == 11 and lines[("i",)] == 10 and lines[("i", 8)] == 9
    fm, _problems = check_page(f"---\n{bomb}article: &s\n  title: t\n  me: *s\n---\n\n正文。\n", "p.md")
    assert fm.line("article", "me") == 11


# ----------------------------------------------------------------------------- line endings


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_front_matter_with_crlf_or_cr_reads_like_lf(newline: str) -> None:
    text = "title: 回车换行\ndate: 2023年1月5日\nauthor: 张三、李四\n"
    expected = read_source_front_matter(front(text), MD)
    meta, body, first_line = read_source_front_matter(front(text, newline), MD)
    assert meta == expected[0] and meta.title == "回车换行" and meta.date == "2023-01-05"
    assert first_line == expected[2] == 6
    assert body == expected[1].replace("\n", newline)


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_error_lines_are_right_whatever_the_line_ends(newline: str) -> None:
    def refusal(yaml_text: str) -> str:
        with pytest.raises(SourceError) as refused:
            read_source_front_matter(front(yaml_text, newline), MD)
        return str(refused.value)

    assert (
        refusal("title: 标题\n\ndate: 2023-02-30\n")
        == f"{MD}:4: front matter: date: '2023-02-30' is not a calendar date"
    )
    assert refusal("title: 标题\nauthor: [张三\n") == (
        f"{MD}:4: malformed YAML: expected ',' or ']', but got '<stream end>' (while parsing a flow sequence on line 3)"
    )
    assert (
        refusal("title: 标题\ndate: !!int x\n")
        == f"{MD}:3: front matter: date: cannot read this value ('x' is not a !!int)"
    )
    with pytest.raises(SourceError) as refused:
        parse_sidecar("notes: a\n\ndate: 2023-13\n".replace("\n", newline), SIDE)
    assert str(refused.value) == f"{SIDE}:3: date: '2023-13' is not a calendar date"


def test_front_matter_after_a_left_over_byte_order_mark() -> None:
    meta, body, first_line = read_source_front_matter("\ufeff" + front("title: 标题\n"), MD)
    assert (meta.title, body, first_line) == ("标题", "\n正文。\n", 4)


def test_unicode_line_separators_count_as_lines_like_normalise() -> None:
    """YAML and the normalise stage both end a line at U+2028: the body's first line agrees."""
    meta, _body, first_line = read_source_front_matter(front("title: '甲\u2028乙'\n"), MD)
    assert meta.title == "甲 乙" and first_line == 5


# ----------------------------------------------------------------------------- other odd YAML


def test_odd_documents() -> None:
    meta, _body, _line = read_source_front_matter(front("title: 标题\n...\n"), MD)
    assert meta.title == "标题"  # an explicit end of the document
    assert front_error("title: 标题\n--- !x\nb: 1\n") == (
        f"{MD}:3: malformed YAML: but found another document (expected a single document in the stream on line 2)"
    )
    assert sidecar_error("notes: a\n---\nnotes: b\n") == (
        f"{SIDE}:2: malformed YAML: but found another document (expected a single document in the stream on line 1)"
    )
    assert front_error("title: 标题\n\tdate: 2023\n") == (
        f"{MD}:3: malformed YAML: found character '\\t' that cannot start any token"
    )
    meta, _body, _line = read_source_front_matter(front("title:\t标题\t\n"), MD)
    assert meta.title == "标题"


def test_unacceptable_characters_are_one_line_at_their_line() -> None:
    # One input and its exact message a case, like the other refusal tests: a deliberate look-alike.
    assert front_error("title: 标题\nauthor: 张\x1b三\n") == (
        f"{MD}:3: malformed YAML: unacceptable character #x001b: special characters are not allowed"
    )
    assert sidecar_error("notes: a\nrights: \x7f\n") == (
        f"{SIDE}:2: malformed YAML: unacceptable character #x007f: special characters are not allowed"
    )
    assert sidecar_error("notes: a\ud800\n") == (
        f"{SIDE}:1: malformed YAML: unacceptable character #xd800: special characters are not allowed"
    )


def test_a_bom_and_long_scalars_inside() -> None:
    meta, _body, _line = read_source_front_matter(front("title: 前\ufeff后\n"), MD)
    assert meta.title == "前后"  # normalise removes it, as in the body
    long = "很长的标题" * 100_000
    meta, _body, _line = read_source_front_matter(front(f"title: {long}\n"), MD)
    assert meta.title == long
    assert parse_sidecar(f"notes: '{long}'\n", SIDE).notes == long


def test_a_fact_given_twice_must_agree() -> None:
    """A crawler's front matter may repeat a fact (``date`` and ``published``): taken once when
    the values agree, refused when they differ (neither can be stated as fact); empty says nothing."""
    with pytest.raises(SourceError) as caught:
        read_source_front_matter(front("title: 一\nTitle: 二\n"), MD)
    assert (
        str(caught.value) == f"{MD}:3: front matter: Title: '二' contradicts title: '一' (line 2); keep one"
    )
    meta, _body, _line = read_source_front_matter(
        front("title: 一\nTitle: 一\ndate: ''\npublished: 2023-01-05\n"), MD
    )
    assert (meta.title, meta.date) == ("一", "2023-01-05")
    meta, _body, _line = read_source_front_matter(
        front("date: 2023-01-05 10:00\npublished: 2023-01-05\ndate: ''\n"), MD
    )
    assert meta.date == "2023-01-05"
    with pytest.raises(SourceError) as caught:
        read_source_front_matter(front("author: 张三\nbyline: [张三, 李四]\n"), MD)
    assert (
        str(caught.value)
        == f"{MD}:3: front matter: byline: '张三、李四' contradicts author: '张三' (line 2); keep one"
    )
    with pytest.raises(SourceError) as caught:  # a ' keeps the documented single quotes
        read_source_front_matter(front("title: China's road\nTitle: Another\n"), MD)
    assert str(caught.value) == (
        f"{MD}:3: front matter: Title: 'Another' contradicts title: 'China\\'s road' (line 2); keep one"
    )
    assert sidecar_error("notes: a\nnotes: b\n") == f"{SIDE}:2: duplicate key 'notes'"


# ----------------------------------------------------------------------------- generated YAML

_KEYS = st.sampled_from(
    [
        *("title", "date", "published", "author", "authors", "byline", "url", "source", "editor"),
        *("publication", "notes", "rights", "script", "region", "province", "city", "x-crawler"),
        *("[a]", "{a: 1}", "~", "1", "<<", "? [x]\n", '"\\ud800"', "!!python/name:os.system", "&k title"),
    ]
)
_TAGS = st.sampled_from(
    [
        *("", "", "", "!!timestamp ", "!!bool ", "!!int ", "!!float ", "!!binary ", "!!str ", "!!null "),
        *("!!set ", "!!omap ", "!!pairs ", "!!map ", "!!seq ", "!!merge ", "!x ", "!<tag:%E2%80%A8> "),
        *("!!python/object/apply:os.system ", "!!python/tuple ", "&a ", "&b "),
    ]
)
_CONTENTS = st.sampled_from(
    [
        *("foo", "maybe", "x", "''", '""', "2023-01-05", "2023-02-30", "2023年1月5日", "2023-01-05 10:00"),
        *("yes", "No", "~", "1e3", ".nan", "12:30", "0x1F", "9" * 4400, "aGVsbG8=", "###", "吉林日报"),
        *(
            "[a]",
            "[a, b]",
            "{a: 1}",
            "{province: 吉林省, city: 长春市}",
            "[{a: 1}]",
            "{a, b}",
            "[张三, [李四]]",
        ),
        *('"\\ud800"', '"\\ud83d\\ude00"', '"a\\x85b\\u2028c"', '"\\x1b"', "*a", "*b", "*nowhere"),
        *(
            "{<<: *a}",
            "[*a, *a]",
            "|\n  多行\n  文字",
            ">-\n  折叠",
            "\n  - 张三\n  - 李四",
            "\n  province: 吉林省",
        ),
        *("前\ufeff后", "a\u2028b", "\t制表", "'unclosed", "[unclosed", "{a: [}", "- x", "a: b: c"),
    ]
)


@st.composite
def _yaml_documents(draw: st.DrawFn) -> str:
    """Key-value lines with hostile keys, tags, anchors, nesting and scalars; sometimes damaged."""
    lines = []
    for _ in range(draw(st.integers(0, 6))):
        value = draw(_TAGS) + draw(_CONTENTS)
        if draw(st.integers(0, 5)) == 0:
            depth = draw(st.integers(1, 40))
            value = "[" * depth + value + "]" * depth
        lines.append(f"{draw(_KEYS)}: {value}\n")
    text = "".join(lines)
    if draw(st.integers(0, 4)) == 0:
        at = draw(st.integers(0, len(text)))
        extra = ["", ":", "\n  - ", "{", "]", "\x00", "\ufeff", "---\n", "...\n", "\t", "&a ", "*a"]
        text = text[:at] + draw(st.sampled_from(extra)) + text[at:]
    return text


@settings(
    max_examples=200,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(_yaml_documents(), st.sampled_from(["\r\n", "\r"]))
def test_generated_yaml_is_read_or_refused_in_one_line(text: str, newline: str) -> None:
    """Only SourceError, in one line; what is read is text a page can hold; line ends change nothing."""
    outcomes = []
    for ending in ("\n", newline):
        try:
            meta, _body, first_line = read_source_front_matter(front(text, ending), MD)
        except SourceError as exc:
            message = str(exc)
            assert message.startswith(MD + ":") and len(message.splitlines()) == 1, message
            outcomes.append(message)
        else:
            for value in (meta.title, meta.date, meta.url, meta.publication, meta.editor, *meta.authors):
                assert isinstance(value, str) and len(value.splitlines()) <= 1
                value.encode("utf-8")
            outcomes.append((meta, first_line))
    assert outcomes[0] == outcomes[1], f"{newline!r} changes the reading"
    try:
        side = parse_sidecar(text, SIDE)
    except SourceError as exc:
        message = str(exc)
        assert message.startswith(SIDE + ":") and len(message.splitlines()) == 1, message
    else:
        for value in (side.notes, side.date, side.url, side.province, side.rights, *side.authors):
            assert isinstance(value, str)
            value.encode("utf-8")


# ----------------------------------------------------------------------------- the real CLI


def run_convert(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_dangjian("convert", "--root", str(repo), "-q", *args, cwd=repo)


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".dangjian" not in p.parts
    }


def test_the_cli_refuses_hostile_yaml_in_one_line_each_and_writes_nothing(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    sources = repo / "sources"
    files = {
        "deep-title.md": "---\ntitle: " + "[" * DEEP + "]" * DEEP + "\n---\n\n正文。\n",
        "deep-side.txt": "深层元数据测试\n\n正文。\n",
        "deep-side.meta.yaml": "notes:\n" + "- " * DEEP + "x\n",
        "tag-date.md": "---\ndate: !!timestamp foo\n---\n\n正文。\n",
        "surrogate.md": '---\ntitle: 标题\nauthor: "\\ud800"\n---\n\n正文。\n',
        "odd-key.txt": "奇怪的键\n\n正文。\n",
        "odd-key.meta.yaml": "? [a]\n: 1\n",
        "crlf-bad.md": "---\r\ntitle: 标题\r\ndate: 2023-02-30\r\n---\r\n\r\n正文。\r\n",
        "deep-author.md": "---\ntitle: 嵌套测试\nauthor: "
        + "{a: " * 1000
        + "x"
        + "}" * 1000
        + "\n---\n\n正文。\n",
    }
    for name, text in files.items():
        (sources / name).write_bytes(text.encode("utf-8"))
    before = snapshot(repo)
    result = run_convert(repo)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = [
        line for line in result.stderr.splitlines() if line.startswith(("sources/", "dangjian convert:"))
    ]
    expected = [
        "sources/deep-title.md:2: malformed YAML: nested too deeply",
        "sources/deep-side.meta.yaml:2: malformed YAML: nested too deeply",
        "sources/tag-date.md:2: front matter: date: cannot read this value ('foo' is not a !!timestamp)",
        "sources/surrogate.md:3: front matter: author: cannot read this value (lone surrogate U+D800 is not a character)",
        f"sources/odd-key.meta.yaml:1: unknown key '[a]' {KNOWN}",
        "sources/crlf-bad.md:3: front matter: date: '2023-02-30' is not a calendar date",
        "sources/deep-author.md:3: front matter: author: expected a name or a list of names",
    ]
    assert sorted(lines[:-1]) == sorted(expected), result.stderr
    assert lines[-1] == f"dangjian convert: {len(expected)} source(s) refused; nothing written"
    assert "Traceback" not in result.stderr
    assert snapshot(repo) == before


def test_the_cli_reads_crlf_and_cr_front_matter(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    body = "---\ntitle: 换行测试\ndate: 2023-01-05 10:00\nauthor: 张三, 李四\n---\n\n# 换行测试\n\n正文第一段。\n"
    for name, newline in (("lf", "\n"), ("crlf", "\r\n"), ("cr", "\r")):
        (repo / "sources" / f"{name}.md").write_bytes(body.replace("\n", newline).encode("utf-8"))
    (repo / "sources" / "cr.meta.yaml").write_text(
        'notes: yes\nrights: "\\ud83d\\ude00"\nauthors: [No]\n', encoding="utf-8"
    )
    result = run_convert(repo, "sources/lf.md", "sources/crlf.md", "sources/cr.md")
    assert result.returncode == 0, result.stdout + result.stderr
    pages = {}
    for name in ("lf", "crlf", "cr"):
        page = (repo / "docs" / "articles" / f"{name}.md").read_text(encoding="utf-8")
        pages[name] = yaml.safe_load(page.split("\n---\n", 1)[0].removeprefix("---\n"))
    for name in ("lf", "crlf", "cr"):
        article = pages[name]["article"]
        assert (article["title"], article["date"]) == ("换行测试", "2023-01-05"), name
        assert pages[name]["pieces"][0]["line"] == 7, name  # the heading's line in the source
    assert pages["lf"]["article"]["authors"] == pages["crlf"]["article"]["authors"] == ["张三", "李四"]
    cr = pages["cr"]["article"]
    assert (cr["notes"], cr["rights"], cr["authors"]) == ("yes", "😀", ["No"])


# --- an edited page's front matter, read by convert and by the build ----------------------------


@pytest.mark.parametrize(
    ("owner", "says"),
    [
        ("[" * 1000 + "]" * 1000, "exists and was not made by convert; rename the source"),
        ("&a [&b [*a, *a, *a], *b, *b]", "exists and was not made by convert; rename the source"),
        ('"sources/x\\nINJECTED"', "is the page of sources/x\\nINJECTED; rename one of them"),
    ],
    ids=["deep", "aliases", "line-break"],
)
def test_convert_refuses_a_page_whose_owner_is_not_plain_text(tmp_path: Path, owner: str, says: str) -> None:
    """``generated.source`` of an existing page is whatever a contributor typed: one line, never a crash."""
    repo = copy_repo(tmp_path / "repo")
    page = repo / "docs/articles/001-jixi.md"
    text = page.read_text(encoding="utf-8")
    assert "  source: sources/001-jixi.txt\n" in text
    page.write_text(
        text.replace("  source: sources/001-jixi.txt\n", f"  source: {owner}\n"), encoding="utf-8"
    )
    before = snapshot(repo)
    result = run_convert(repo, "sources/001-jixi.txt")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("sources/")]
    assert lines == [f"sources/001-jixi.txt: its page docs/articles/001-jixi.md {says}"]
    assert snapshot(repo) == before


def test_a_sidecar_that_is_a_folder_is_named_itself(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    (repo / "sources/001-jixi.meta.yaml").unlink()
    (repo / "sources/001-jixi.meta.yaml").mkdir()
    result = run_convert(repo)
    assert result.returncode == 1
    assert [line for line in result.stderr.splitlines() if line.startswith("sources/")] == [
        "sources/001-jixi.meta.yaml: not a regular file"
    ]


@pytest.mark.parametrize(
    ("front_matter", "hazard"),
    [
        ("  rights: &r ''\n  notes: *r\n", (4, "alias *r (write the value out)")),
        ("  rights: &x [*x]\n", (3, "alias *x (write the value out)")),
        ("  <<: {rights: ''}\n", (3, "merge key << (write the keys out)")),
        # Two mappings (the page's and article's) hold the lists: 2 + 298 levels are the most.
        ("  rights: " + "[" * 299 + "]" * 299 + "\n", (3, "nested too deeply")),
        ("  rights: " + "[" * 298 + "]" * 298 + "\n", None),
        ("  rights: '*<<'\n  notes: a*b <<\n", None),
    ],
    ids=["alias", "self-reference", "merge-key", "too-deep", "deep-enough", "just-characters"],
)
def test_page_hazards_are_found_at_their_line(front_matter: str, hazard: tuple[int, str] | None) -> None:
    """What MyST's reader (or our JSON stand-in for it) would choke on is named with its line."""
    assert page_hazard("article:\n  title: 标题\n" + front_matter + "generated: {}\n") == hazard


def test_a_page_value_that_cannot_be_read_is_reported_at_its_line() -> None:
    page = "---\narticle:\n  title: 标题\n  rights: !!int x\n---\n\n# 标题\n"
    _fm, problems = check_page(page, "docs/articles/x.md")
    assert [str(p) for p in problems] == [
        "docs/articles/x.md:4: front matter: cannot read this value ('x' is not a !!int)"
    ]


def test_front_matter_ends_where_myst_ends_it() -> None:
    """The fences MyST's parser finds, found the same way (the checks read what the build reads)."""
    body = ["", "# 标题"]
    assert split_front_matter(["---", "a: 1", "---", *body]) == (["a: 1"], 3)
    assert split_front_matter(["---", "a: |", "  ---", "b: 2", "---", *body]) == (["a: |"], 3)  # indented < 4
    assert split_front_matter(["---", "a: |", "    ---", "---", *body]) == (["a: |", "    ---"], 4)
    assert split_front_matter(["---", "a: 1", "...", *body]) == (["a: 1"], 3)
    assert split_front_matter(["----", "a: 1", "---", "----", *body]) == (["a: 1", "---"], 4)
    assert split_front_matter(["---", "a: 1", "--- x", *body]) == ([], 0)  # never closed: no front matter
    assert split_front_matter([" ---", "a: 1", "---"]) == ([], 0)


@settings(max_examples=300, derandomize=True, deadline=None, database=None)
@given(
    st.lists(
        st.sampled_from(
            ["---", "----", "  ---", "    ---", "\t---", "...", " ...", "--- x", "---  ", "a: 1", ""]
        ),
        max_size=6,
    ),
    st.sampled_from(["---", "----", "---x"]),
)
def test_front_matter_fences_agree_with_markdown_it(lines: list[str], opening: str) -> None:
    text = "\n".join([opening, *lines, "正文"])
    tokens = _MYST.parse(text)
    front, start = split_front_matter(text.split("\n"))
    if tokens and tokens[0].type == "front_matter":
        assert start > 0 and "\n".join(front) == tokens[0].content
    else:
        assert (front, start) == ([], 0)


def test_glossary_keys_that_are_not_names_are_shown_as_written() -> None:
    text = "- term: 甲\n  ? " + "[" * 600 + "]" * 600 + "\n  : x\n  [a, b]: 1\n"
    _glossary, problems = parse_glossary(text, "docs/glossary/terms.yaml")
    unknown = [str(p) for p in problems if "unknown field" in str(p)]
    assert [u.split(" (known")[0] for u in unknown] == [
        "docs/glossary/terms.yaml:2: unknown field '" + "[" * 39 + "…'",
        "docs/glossary/terms.yaml:4: unknown field '[a, b]'",
    ]


def test_sidecar_text_is_normalised_like_article_text() -> None:
    """Escapes put controls and bidi characters in YAML text; none reaches the page's facts."""
    meta = parse_sidecar(
        'publication: "报\\e[31m纸\\u202e"\nauthors: ["张\\a三", "\\0"]\n'
        'region: {province: "吉林\\u200b省"}\nnotes: "第一行\\n第二行"\n',
        SIDE,
    )
    assert (meta.publication, meta.authors, meta.province, meta.notes) == (
        "报[31m纸",
        ["张三"],
        "吉林省",
        "第一行 第二行",
    )


def test_compatibility_ideographs_do_not_break_the_phrases_around_them() -> None:
    """乾 is 干 alone but stays 乾 in 乾隆: with U+F9DC (a compatibility 隆) it still does."""
    assert to_simplified("乾\uf9dc皇帝") == "乾\uf9dc皇帝"
    assert to_simplified("乾隆皇帝") == "乾隆皇帝"
    assert to_simplified("駐村\uf900幹部") == "驻村\uf900干部"
