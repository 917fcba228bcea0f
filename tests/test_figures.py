"""Key figures (关键数字): the number grammar, on sentences from the seeds and on the seed pages."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT, SEEDS, Site
from dangjian.pages.figures import Figure, chinese_number, find_figures
from dangjian.pages.prose import prose_lines

CASES = yaml.safe_load(
    (Path(__file__).parent / "fixtures" / "figures" / "cases.yaml").read_text(encoding="utf-8")
)

#: The figures issue 16 names, by seed: each must be found on its page.
NAMED = {
    "000-tongjiang": ["24|个村", "200余|名", "52.9|亿斤", "近5000|元", "3000余|人次"],
    "001-jixi": ["13万多|名", "6万余|次", "5万余|名", "千余|次", "上千|名", "近万|枚", "近千|万元"],
    "002-jinzhou": ["9.3万余|户", "3.4万余|张", "1.6万余|件", "1.52万余|件", "19|人", "8|人"],
    "003-yanbian": ["1100余|名", "30余|万元", "1.7亿余|元", "19|名"],
    "004-chifeng-wuhai": [
        "2610|个",
        "1.1万余|个",
        "721|个",
        "1400多|个",
        "7.6万多|名",
        "3.6万余|件",
        "26万多|件",
        "85.2万余|名",
    ],
}
#: The old split put 余/多 before the 万/亿 it follows in the text (13万多名 → 13多 | 万名).
BROKEN_SPLIT = re.compile(r"[多余][万亿]")


def page_prose(name: str) -> list[str]:
    """The prose lines of a seed page (headings and the traditional originals left out)."""
    page = (ROOT / "docs" / "articles" / f"{name}.md").read_text(encoding="utf-8")
    return [line.text for line in prose_lines(name, page) if not line.level]


def shown(figure: Figure) -> str:
    return f"{figure.value}|{figure.unit}"


def check(text: str, expected: list[Any]) -> None:
    """``find_figures(text)`` reports ``expected``: "value|unit" strings, or mappings that add numbers."""
    found = find_figures(text)
    wanted = [e if isinstance(e, str) else e["figure"] for e in expected]
    assert [shown(f) for f in found] == wanted
    for figure, entry in zip(found, expected, strict=True):
        if isinstance(entry, str):
            continue
        for field in ("amount", "upper", "approx"):
            if field in entry:
                assert getattr(figure, field) == pytest.approx(entry[field]), (shown(figure), field)


SEED_CASES = [
    pytest.param(name, case, id=f"{name}-{i}")
    for name, cases in CASES["seeds"].items()
    for i, case in enumerate(cases)
]


@pytest.mark.parametrize(("name", "case"), SEED_CASES)
def test_seed_sentences(name: str, case: dict[str, Any]) -> None:
    assert any(case["text"] in line for line in page_prose(name)), "not (or no longer) on the page"
    assert case["figures"] or case.get("why"), "a case without figures says why"
    check(case["text"], case["figures"])


@pytest.mark.parametrize("case", CASES["constructed"], ids=lambda c: c["text"][:12])
def test_constructed_cases(case: dict[str, Any]) -> None:
    assert case["figures"] or case.get("why"), "a case without figures says why"
    check(case["text"], case["figures"])


def test_every_seed_has_cases_and_negatives() -> None:
    assert sorted(CASES["seeds"]) == sorted(SEEDS)
    for name, cases in CASES["seeds"].items():
        assert any(c["figures"] for c in cases) and any(not c["figures"] for c in cases), name
        listed = {e if isinstance(e, str) else e["figure"] for c in cases for e in c["figures"]}
        assert set(NAMED[name]) <= listed, f"{name}: the issue's cases are in the fixture"


@pytest.mark.parametrize("name", SEEDS)
def test_seed_pages_report_the_named_figures_and_split_them_as_written(name: str) -> None:
    found: list[tuple[str, Figure]] = [(text, f) for text in page_prose(name) for f in find_figures(text)]
    assert set(NAMED[name]) <= {shown(f) for _text, f in found}
    for text, figure in found:
        written = text[figure.start : figure.end]
        assert not BROKEN_SPLIT.search(figure.value), written
        if not written.startswith("百分之"):
            assert figure.value + figure.unit == written
        assert written in figure.clause and figure.amount > 0


def test_figure_keeps_its_first_five_fields() -> None:
    figure = Figure("31", "个", 0, 3, "31个")
    assert (figure.amount, figure.upper, figure.approx) == (0.0, None, "")
    assert find_figures("组建网格党支部31个,形成网格")[0].clause == "组建网格党支部31个"


def test_clauses_break_at_commas_but_not_inside_a_thousands_separator() -> None:
    found = find_figures("共1,100名干部和2,000名群众,另有3人")
    assert [f.clause for f in found] == ["共1,100名干部和2,000名群众"] * 2 + ["另有3人"]


# --- Chinese numerals ------------------------------------------------------------------------

DIGITS = "零一二三四五六七八九"


def below_10k(n: int, leading: bool) -> str:
    """The standard reading of 1..9999 (一千零五十; 十五 only where the numeral starts)."""
    out, gap = "", False
    for digit, unit in ((n // 1000, "千"), (n // 100 % 10, "百"), (n // 10 % 10, "十"), (n % 10, "")):
        if digit == 0:
            gap = bool(out)
            continue
        out += "零" if gap else ""
        gap = False
        out += unit if (unit == "十" and digit == 1 and not out and leading) else DIGITS[digit] + unit
    return out


def to_chinese(n: int) -> str:
    """The standard Chinese numeral for ``0 <= n < 10**12``: the reference the parser is checked against."""
    if n == 0:
        return "零"
    out, gap = "", False
    for value, unit in ((n // 10**8, "亿"), (n // 10**4 % 10**4, "万"), (n % 10**4, "")):
        if value == 0:
            gap = bool(out)
            continue
        out += "零" if out and (gap or value < 1000) else ""
        out += below_10k(value, leading=not out) + unit
        gap = False
    return out


def test_chinese_numbers_up_to_100000_read_back() -> None:
    wrong = [n for n in range(100_000) if chinese_number(to_chinese(n)) != n]
    assert not wrong, [(n, to_chinese(n)) for n in wrong[:5]]


@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_large_chinese_numbers_read_back(n: int) -> None:
    assert chinese_number(to_chinese(n)) == n


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("两千", 2000),
        ("两万", 20000),
        ("一千五", 1500),
        ("三万五", 35000),
        ("一百零五", 105),
        ("一千零五十", 1050),
        ("十五", 15),
        ("千万", 10**7),
        ("万亿", 10**12),
        ("三点五亿", 3.5e8),
        ("四十二点一", 42.1),
        ("〇", 0),
    ],
)
def test_chinese_number_forms(text: str, value: float) -> None:
    assert chinese_number(text) == pytest.approx(value)


@pytest.mark.parametrize(
    "text",
    [
        "十三五",
        "七八十",
        "五一",
        "二〇二一",
        "一百十五",
        "一千五十",
        "一万五百",
        "亿万",
        "一万一万",
        "",
        "三个",
    ],
)
def test_not_a_chinese_number(text: str) -> None:
    assert chinese_number(text) is None


# --- the rendered table ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "value", "unit"),
    [("001-jixi", "13万多", "名"), ("004-chifeng-wuhai", "7.6万多", "名"), ("000-tongjiang", "24", "个村")],
)
def test_rendered_table_shows_the_value_and_its_measure_word(
    seed_site: Site, name: str, value: str, unit: str
) -> None:
    soup = seed_site.soup(f"articles/{name}")
    rows = [
        [td.get_text(strip=True) for td in tr.select("td")][:2]
        for tr in soup.select("#article-figures tbody tr")
    ]
    assert [value, unit] in rows
    assert not any(BROKEN_SPLIT.search(v) for v, _unit in rows)
