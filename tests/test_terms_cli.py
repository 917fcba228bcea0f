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
  definition: 书记领办项目。
  sources: [beta]
"""


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


def test_small_glossary_passes_check(tmp_path: Path) -> None:
    result = check_text(tmp_path, GOOD)
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


def recurring_terms() -> dict[str, tuple[str, ...]]:
    """Glossary terms that occur in two or more seed articles, with the forms that count."""
    glossary, problems = parse_glossary(GLOSSARY.read_text(encoding="utf-8"), str(GLOSSARY))
    assert not problems
    found = usage(glossary, read_articles(ARTICLES))
    return {
        e.term: tuple(f.strip("“”") for f in (e.term, *e.aliases))
        for e in glossary.entries
        if len(found.get(e.term, {})) >= 2
    }


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
