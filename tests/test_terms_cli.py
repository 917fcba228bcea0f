"""``dangjian terms check|suggest|new`` run as real processes, on the repository and on broken glossaries."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import run_dangjian
from dangjian.glossary.check import usage
from dangjian.glossary.load import parse_glossary
from dangjian.pages.prose import read_articles

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY = ROOT / "docs" / "glossary" / "terms.yaml"
ARTICLES = ROOT / "docs" / "articles"
SMALL_ARTICLES = Path(__file__).parent / "roots" / "test-glossary" / "articles"

GOOD = """\
- term: 网格党支部
  traditional: 網格黨支部
  pinyin: wǎnggé dǎngzhībù
  english: grid Party branch
  category: organisation
  definition: 建在网格上的党支部。
  sources: [alpha]
  aliases: [网格(小区)党支部]
- term: 书记领办
  traditional: 書記領辦
  pinyin: shūjì lǐngbàn
  english: secretary leads
  category: mechanism
  definition: 由书记牵头领办项目。
  sources: [beta]
"""

#: ``GOOD`` with two senses (lines 16-20) and a background (lines 21-23): valid as it stands.
SENSES = GOOD.replace("由书记牵头领办项目。", "由书记牵头办事。") + (
    """\
  senses:
    - definition: 由书记牵头领办项目。
      sources: [beta]
    - definition: 由书记牵头办理事项。
      sources: [beta]
  background:
    text: 库外资料。
    source: 《某条例》（2019）
"""
)


#: Broken glossaries: what is wrong, the text (``GOOD`` changed), and the line ``check`` prints for it.
BROKEN = [
    (
        "duplicate term",
        GOOD + GOOD.split("- term: 书记领办")[0].replace("网格(小区)党支部", "网格（小区）党支部"),
        "terms.yaml:16: duplicate term '网格党支部' (first at line 1)",
    ),
    (
        "alias that is another entry's term",
        GOOD.replace("aliases: [网格(小区)党支部]", "aliases: [书记领办]"),
        "terms.yaml:8: entry '网格党支部': alias '书记领办' is the term of another entry (line 9)",
    ),
    (
        "alias shared by two entries",
        GOOD + "  aliases: [网格(小区)党支部]\n",
        "terms.yaml:16: entry '书记领办': alias '网格(小区)党支部' is also an alias of '网格党支部' (line 1)",
    ),
    (
        "alias repeated in one entry",
        GOOD.replace("aliases: [网格(小区)党支部]", "aliases: [网格(小区)党支部, 网格(小区)党支部]"),
        "terms.yaml:8: entry '网格党支部': alias '网格(小区)党支部' repeats the entry's own term or alias",
    ),
    (
        "entry found in no article",
        GOOD.replace("书记领办", "驻村第一书记").replace("sources: [beta]", "sources: []"),
        "terms.yaml:9: entry '驻村第一书记': found in no article (term and aliases)",
    ),
    (
        "missing field",
        GOOD.replace("  english: secretary leads\n", ""),
        "terms.yaml:9: entry '书记领办': missing field 'english'",
    ),
    (
        "unknown related term",
        GOOD + "  related: [红色物业]\n",
        "terms.yaml:16: entry '书记领办': related term '红色物业' has no entry",
    ),
    (
        "cited article that does not mention it",
        GOOD.replace("sources: [beta]", "sources: [alpha]"),
        "terms.yaml:15: entry '书记领办': cited article 'alpha' does not mention it",
    ),
    (
        "cited article that does not exist",
        GOOD.replace("sources: [beta]", "sources: [gamma]"),
        "terms.yaml:15: entry '书记领办': cited article 'gamma' does not exist",
    ),
    (
        "same anchor",
        GOOD.replace("shūjì lǐngbàn", "wǎnggé dǎngzhībù"),
        "terms.yaml:11: entry '书记领办': anchor #term-wangge-dangzhibu is already used by '网格党支部' (line 1)",
    ),
    (
        "definition that opens with its own term",
        GOOD.replace("definition: 建在网格上的党支部。", "definition: 网格党支部建在网格上。"),
        "terms.yaml:6: entry '网格党支部': definition opens with the term itself ('网格党支部'); say first what it is",
    ),
    (
        "a single sense",
        GOOD + "  senses:\n    - definition: 唯一一种。\n      sources: [beta]\n",
        "terms.yaml:17: entry '书记领办': senses: give two or more senses, or none",
    ),
    (
        "sense without sources",
        SENSES.replace(
            "    - definition: 由书记牵头办理事项。\n      sources: [beta]\n",
            "    - definition: 由书记牵头办理事项。\n",
        ),
        "terms.yaml:19: entry '书记领办': senses[2]: missing field 'sources'",
    ),
    (
        "sense citing an article the entry does not cite",
        SENSES.replace("办理事项。\n      sources: [beta]\n", "办理事项。\n      sources: [alpha]\n"),
        "terms.yaml:20: entry '书记领办': senses[2]: cites 'alpha', which the entry's sources do not list",
    ),
    (
        "sense citing an article that does not mention the term",
        SENSES.replace("办理事项。\n      sources: [beta]\n", "办理事项。\n      sources: [gamma]\n"),
        "terms.yaml:20: entry '书记领办': senses[2]: cited article 'gamma' does not exist",
    ),
    (
        "background without its source",
        SENSES.replace("    source: 《某条例》（2019）\n", ""),
        "terms.yaml:22: entry '书记领办': background: missing field 'source'",
    ),
    (
        "background with an address that is not a web address",
        SENSES + "    url: www.example.org\n",
        "terms.yaml:24: entry '书记领办': background.url: 'www.example.org' is not an http(s):// address",
    ),
    (
        "malformed YAML",
        GOOD + "- term: [unclosed\n",
        "terms.yaml:17: malformed YAML",
    ),
]


def check_text(tmp_path: Path, text: str) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "terms.yaml"
    path.write_text(text, encoding="utf-8")
    return run_dangjian(
        "terms",
        "check",
        "--root",
        str(tmp_path),
        "--glossary",
        str(path),
        "--articles",
        str(SMALL_ARTICLES),
        cwd=tmp_path,
    )


def test_repository_glossary_passes_check() -> None:
    result = run_dangjian("terms", "check", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("docs/glossary/terms.yaml: ")
    assert "no problems" in result.stdout


@pytest.mark.parametrize("text", [GOOD, SENSES], ids=["plain", "senses and background"])
def test_small_glossary_passes_check(tmp_path: Path, text: str) -> None:
    result = check_text(tmp_path, text)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(("case", "text", "expected"), BROKEN, ids=[case for case, _, _ in BROKEN])
def test_check_reports_problems_with_line(tmp_path: Path, case: str, text: str, expected: str) -> None:
    result = check_text(tmp_path, text)
    assert result.returncode == 1, f"{case}: {result.stdout}{result.stderr}"
    assert expected in result.stderr, f"{case}: {result.stderr}"
    assert result.stderr.strip().splitlines()[-1].startswith("dangjian terms check: ")


def test_check_on_a_missing_file_is_one_clear_error(tmp_path: Path) -> None:
    result = run_dangjian("terms", "check", "--root", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 1
    assert "docs/glossary/terms.yaml: no such glossary file" in result.stderr


#: The 39 glossary terms found in two or more seed articles before the glossary grew to 130+
#: entries (issue 16): the benchmark README's "top 100 holds 32 of the 39" refers to.  Kept
#: fixed so the suggester's recall stays comparable while entries (mostly generic compounds
#: it is known to miss, such as 党员干部 or 党校) are added.
SUGGEST_BENCHMARK = (
    "两新组织", "乡村振兴", "书记助理", "党员中心户", "党员志愿服务队", "党员教育", "党建引领",
    "党建联席会", "党总支", "党群服务中心", "共建共治共享", "创先争优", "包保", "双报到", "在职党员",
    "基层党组织", "基层治理", "多网合一", "大党委", "大工委", "我为群众办实事", "战斗堡垒", "政治引领",
    "最后一公里", "村“两委”", "村党组织书记", "楼栋党小组", "社区工作者", "神经末梢", "第一议题",
    "红色动能", "红色引擎", "红色物业", "网格党支部", "网格员", "脱贫攻坚", "轮值主席", "集体经济",
    "驻村干部",
)  # fmt: skip


def recurring_terms() -> dict[str, tuple[str, ...]]:
    """The benchmark terms, each with the forms that count (term and aliases, as now written)."""
    glossary, problems = parse_glossary(GLOSSARY.read_text(encoding="utf-8"), str(GLOSSARY))
    assert not problems
    found = usage(glossary, read_articles(ARTICLES))
    entries = {e.term: e for e in glossary.entries}
    assert all(len(found.get(term, {})) >= 2 for term in SUGGEST_BENCHMARK)
    return {term: tuple(f.strip("“”") for f in (term, *entries[term].aliases)) for term in SUGGEST_BENCHMARK}


def test_suggest_top_100_finds_most_recurring_glossary_terms() -> None:
    result = run_dangjian("terms", "suggest", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    rows = [line.split("\t") for line in result.stdout.splitlines()[1:]]
    assert len(rows) == 100
    candidates = [row[4].strip("“”") for row in rows]
    articles = [int(row[1]) for row in rows]
    assert articles == sorted(articles, reverse=True), "ranked by number of articles"
    recurring = recurring_terms()
    assert len(recurring) >= 15
    found = [term for term, forms in recurring.items() if set(forms) & set(candidates)]
    share = len(found) / len(recurring)
    missed = sorted(set(recurring) - set(found))
    assert share >= 0.8, f"{len(found)}/{len(recurring)} found; missed {missed}"
    # Candidates already in the glossary are marked, and each has a context line that shows it.
    glossary, _ = parse_glossary(GLOSSARY.read_text(encoding="utf-8"), str(GLOSSARY))
    forms = {f.strip("“”") for e in glossary.entries for f in (e.term, *e.aliases)}
    for row, candidate in zip(rows, candidates, strict=True):
        assert (row[3] == "yes") == (candidate in forms), row
        article, line, context = row[5].split(":", 2)
        assert (ARTICLES / f"{article}.md").is_file() and int(line) > 0
        assert candidate in context, row


def test_new_prints_an_entry_skeleton_to_review() -> None:
    result = run_dangjian("terms", "new", "楼栋党小组", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    entry = yaml.safe_load(result.stdout)[0]
    assert entry["term"] == "楼栋党小组"
    assert entry["traditional"] == "樓棟黨小組"
    assert entry["pinyin"].replace(" ", "") == "lóudòngdǎngxiǎozǔ"
    assert result.stdout.startswith("# check the pinyin")
